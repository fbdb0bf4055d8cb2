"""/commands: tool calls typed by the user, parsed without a model.

The command set comes from the tool registry: an app's tool `todo_add` is `/todo add …`, a tool
of no app (`open_app`) is `/open …`, and `/help` lists them all. Arguments are given in the order
the tool's parameters are declared; the last one takes the rest of the line, so
`/todo add buy oat milk` adds "buy oat milk" and `/todo edit 2 oat milk` edits item 2.
`name=value` sets a parameter by name (and fills a dict parameter such as a step's values).
Values are checked later by the tool's own pydantic model, as a model's call would be.
"""

from __future__ import annotations

import shlex
import typing
from collections.abc import Callable
from dataclasses import dataclass

from whittle.agent.calls import CallPlan, ToolCall
from whittle.tools import Tool, ToolRegistry

COMMAND_TIER = "command"
VERB_ALIASES = {"done": "complete", "untick": "reopen", "rm": "delete", "remove": "delete", "ls": "list", "new": "start",
                "back": "revert", "go": "open"}


ValuesFor = Callable[[Tool, str], list[str]]


class CommandError(ValueError):
    """A /command that does not parse; str(error) says what was expected."""


@dataclass(frozen=True)
class Command:
    """One command: the words that name it ("todo add") and its tool."""

    words: str
    tool: Tool

    @property
    def usage(self) -> str:
        fields = self.tool.params.model_fields
        names = " ".join(f"<{name}>" if field.is_required() else f"[{name}]" for name, field in fields.items())
        return f"/{self.words}" + (f" {names}" if names else "")


def command_words(tool: Tool) -> str:
    """`todo_add` of app todo → "todo add"; `open_app` of no app → "open"; hello_workflow_submit → "hello-workflow submit"."""
    if tool.app is None:
        return tool.name.split("_", 1)[0]
    prefix = tool.app.replace("-", "_") + "_"
    verb = tool.name[len(prefix):] if tool.name.startswith(prefix) else tool.name.split("_", 1)[-1]
    app_word = tool.app if tool.name.startswith(prefix) else tool.name.split("_", 1)[0]
    return f"{app_word} {verb.replace('_', '-')}"


def is_command(text: str) -> bool:
    return text.startswith("/") and len(text) > 1 and not text.startswith("//")


class Commands:
    def __init__(self, tools: ToolRegistry):
        self.tools = tools

    def all(self) -> list[Command]:
        return sorted((Command(command_words(tool), tool) for tool in self.tools if tool.run is not None),
                      key=lambda command: command.words)

    def find(self, words: list[str]) -> tuple[Command, list[str]] | None:
        """The command the first one or two words name (aliases and tool names accepted), and the words left."""
        by_words = {command.words: command for command in self.all()}
        words = [word.lower() for word in words[:2]] + words[2:]  # "/Todo Add Milk" is /todo add "Milk"
        if words and (tool := self.tools.get(words[0].replace("-", "_"))) is not None and tool.run is not None:
            return Command(command_words(tool), tool), words[1:]
        if len(words) >= 2:
            verb = VERB_ALIASES.get(words[1], words[1])
            command = by_words.get(f"{words[0]} {verb}")
            if command is not None:
                return command, words[2:]
        if words:
            first = VERB_ALIASES.get(words[0], words[0])
            if first in by_words:
                return by_words[first], words[1:]
        return None

    def parse(self, text: str) -> CallPlan:
        """A /command as a plan of one call (tier "command"); /help as an empty plan. CommandError otherwise."""
        body = text.strip()[1:]
        words = body.split()
        if not words or words[0] in ("help", "?"):
            return CallPlan([], COMMAND_TIER, reason="help")
        found = self.find(words)
        if found is None:
            raise CommandError(f"There is no command /{' '.join(words[:2])}. " + self.hint(words[0]))
        command, rest = found
        rest_text = body.split(None, len(words) - len(rest))[-1] if rest else ""
        args = parse_args(command, rest_text)
        return CallPlan([ToolCall(command.tool.name, args)], COMMAND_TIER, reason=f"/{command.words}")

    def hint(self, first_word: str) -> str:
        near = [c.usage for c in self.all() if c.words.split()[0] == first_word.lower()]
        return ("Try: " + "; ".join(near)) if near else "Type /help for the list of commands."

    def help_text(self) -> str:
        lines = ["Commands (no model involved; the last argument takes the rest of the line):", ""]
        lines += [f"- `{c.usage}` — {c.tool.description}" + (" (asks first)" if c.tool.destructive else "")
                  for c in self.all()]
        lines += ["- `/help` — this list"]
        return "\n".join(lines)

    def complete(self, prefix: str, limit: int = 12, values: ValuesFor | None = None) -> list[dict[str, str]]:
        """Suggestions for what is typed so far: command words, then the first argument's known values.

        values(tool, field) lists what the user may mean there (todo texts, app names); a command
        typed in full with a space after it gets those as suggestions, filtered by what follows.
        """
        if not prefix.startswith("/"):
            return []
        typed = prefix[1:].lower()
        words = typed.split(" ")
        if len(words) > 2 and words[1] in VERB_ALIASES:  # "/todo done mi" completes as "/todo complete mi"
            typed = " ".join([words[0], VERB_ALIASES[words[1]], *words[2:]])
        suggestions: list[dict[str, str]] = []
        for command in self.all():
            if command.words.startswith(typed.rstrip()) or typed.startswith(command.words + " "):
                suggestions.append({"text": f"/{command.words} ", "usage": command.usage,
                                    "description": command.tool.description})
            if values is not None and typed.startswith(command.words + " ") and command.tool.params.model_fields:
                first = next(iter(command.tool.params.model_fields))
                started = typed[len(command.words) + 1:].strip("'\"").casefold()
                suggestions += [
                    {"text": f"/{command.words} {_quoted_arg(value)}", "usage": value, "description": first}
                    for value in values(command.tool, first) if value.casefold().startswith(started)
                ]
        if "help".startswith(typed):
            suggestions.append({"text": "/help", "usage": "/help", "description": "List the commands."})
        return suggestions[:limit]


def _quoted_arg(value: str) -> str:
    """A value as a first argument: quoted when it has spaces and more arguments may follow."""
    return shlex.quote(value) if " " in value else value


def _is_dict(annotation: object) -> bool:
    return typing.get_origin(annotation) is dict or annotation is dict


def parse_args(command: Command, text: str) -> dict[str, object]:
    """Words → named arguments, in the order the tool's parameters are declared."""
    fields = command.tool.params.model_fields
    dict_field = next((name for name, field in fields.items() if _is_dict(field.annotation)), None)
    plain = [name for name in fields if name != dict_field]
    args: dict[str, object] = {}
    positional: list[str] = []
    for token in _tokens(text):
        name, equals, value = token.partition("=")
        if equals and name in fields and name != dict_field:
            args[name] = value
        elif equals and dict_field and name and name.isidentifier():
            args.setdefault(dict_field, {})[name] = value  # type: ignore[index]
        else:
            positional.append(token)
    remaining = [name for name in plain if name not in args]
    if positional and not remaining:
        raise CommandError(f"/{command.words} takes no more arguments. Usage: {command.usage}")
    for index, name in enumerate(remaining):
        if not positional:
            break
        if index == len(remaining) - 1:
            args[name] = " ".join(positional)
            positional = []
        else:
            args[name] = positional.pop(0)
    return args


def _tokens(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote: take the words as they are
        return text.split()
