"""Tools: typed actions an app offers the assistant ("add milk to my list").

A tool is declared, not yet executed: its name, what it does in words, a pydantic model of its
parameters (whose JSON schema the model will be shown) and whether it destroys something (the
assistant must ask the user first). Apps declare tools with `ctx.register_tool(...)`, other
plugins with the `register_tools` hook; all land in one `ToolRegistry` (`Whittle.tools`). The
agent that lets the model call them is a later piece of work: nothing here runs a tool on the
model's behalf.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel

TOOL_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # what OpenAI-style function calling accepts, lower-cased
# A string field's JSON-schema key for the values it takes, by the step (or other key) they belong to:
# {"greeting": ["Hello", "Hi", "Good morning"]}. The planner takes the one a request names (agent/step_values.py).
CHOICES = "x-choices"
# A workflow submit's step field: the run's step ids in order, each with its title ([["name", "Your name"], …]).
# The planner gives the first one the value a request starts a run with (agent/step_values.py).
STEPS = "x-steps"
# The same field's tool that starts the run these steps belong to ("hello_workflow_start").
STARTED_BY = "x-started-by"


# The words that choose ("go with Hi"), before a choice the request names among others.
_CHOSEN = r"\b(?:go(?:ing)?\s+(?:with|for)|use|pick|choose|take|let'?s\s+(?:do|say)|make\s+it|i'?ll\s+have)\s+(?:the\s+)?"


def one_choice_named(choices: Iterable[str], text: str) -> str | None:
    """The one of the choices the text names as whole words ("wi good morning": "Good morning"); None when it
    names none or several."""
    named = [c for c in choices if re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", text, re.IGNORECASE)]
    if len(named) > 1:  # "go with Hi, hello sounds dead posh": the one chosen, the others talked about
        named = [c for c in named if re.search(_CHOSEN + re.escape(c) + r"(?!\w)", text, re.IGNORECASE)]
    return named[0] if len(named) == 1 else None



class ToolError(ValueError):
    """A tool declaration whittle cannot accept; str(error) says how to fix it."""


@dataclass(frozen=True)
class Tool:
    """One declared tool.

    name: unique, lower_snake_case (e.g. "todo_add"); description: one sentence the model reads;
    params: a pydantic model of the arguments; run: the function that will do it, given a
    validated `params` instance (may be async); destructive: the assistant asks before running it;
    app: the app that declared it (set by ctx.register_tool), None for a plain plugin's tool.
    """

    name: str
    description: str
    params: type[BaseModel]
    run: Callable[[Any], Any] | None = None
    destructive: bool = False
    app: str | None = None

    def __post_init__(self) -> None:
        if not TOOL_NAME.match(self.name):
            raise ToolError(
                f"Tool name {self.name!r} is not usable: use 1-64 lower-case letters, digits and '_', "
                "starting with a letter (e.g. 'todo_add')."
            )
        if not self.description.strip():
            raise ToolError(f"Tool {self.name!r} needs a description: one sentence saying what it does.")
        if not (isinstance(self.params, type) and issubclass(self.params, BaseModel)):
            raise ToolError(f"Tool {self.name!r}: params must be a pydantic BaseModel subclass, got {self.params!r}.")

    @cached_property
    def json_schema(self) -> dict[str, Any]:
        """The params' JSON schema, built once: the planner reads it (its fields, their declared keys such as
        CHOICES and STEPS) on every plan. Read it, never change it."""
        return self.params.model_json_schema()

    def field(self, name: str) -> dict[str, Any]:
        """One parameter's JSON schema ({} for a parameter it does not take)."""
        return self.json_schema.get("properties", {}).get(name, {})

    def schema(self) -> dict[str, Any]:
        """The declaration as an OpenAI-style function schema (what a model with tool calling is shown)."""
        return {"name": self.name, "description": self.description, "parameters": self.json_schema}


class ToolRegistry:
    """Every declared tool, by name; a second tool with a taken name is refused."""

    def __init__(self) -> None:
        self._tools: dict[str, Tool] = {}

    def add(self, tool: Tool) -> Tool:
        taken = self._tools.get(tool.name)
        if taken is not None:
            owner = f"the {taken.app} app" if taken.app else "another plugin"
            raise ToolError(f"Tool name {tool.name!r} is already declared by {owner}; pick another name.")
        self._tools[tool.name] = tool
        return tool

    def get(self, name: str) -> Tool | None:
        return self._tools.get(name)

    def __iter__(self) -> Iterator[Tool]:
        return iter(self._tools.values())

    def __len__(self) -> int:
        return len(self._tools)

    def __contains__(self, name: object) -> bool:
        return name in self._tools
