"""Checking and running tool calls: only registered tools, arguments validated by their pydantic model.

The chat (runner.py), `whittle do` and `whittle mcp` all go through here, so the allowlist and
the destructive rule are the same everywhere: a destructive tool runs only when the caller says
the user confirmed it.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from whittle.agent.calls import CallPlan, ToolCall
from whittle.agent.results import ToolFailed, ToolResult, as_result
from whittle.tools import Tool, ToolRegistry


class CallRefused(ValueError):
    """A call that will not run (no such tool, bad arguments); str(error) says what was wrong."""


class AgentError(ValueError):
    """A click that cannot be honoured (a call already run or cancelled); str(error) says so."""


def validate(tools: ToolRegistry, call: ToolCall) -> tuple[Tool, BaseModel]:
    """The tool and its parsed arguments, or CallRefused naming the problem."""
    tool = tools.get(call.tool)
    if tool is None or tool.run is None:
        raise CallRefused(f"There is no tool called {call.tool!r}; /help lists what the assistant can do.")
    if not isinstance(call.args, dict):
        raise CallRefused(f"{call.tool}: the arguments must be an object of named values.")
    try:
        return tool, tool.params.model_validate(call.args)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'arguments'}: {e['msg']}" for e in error.errors()[:3]
        )
        raise CallRefused(f"{call.tool}: {problems}.") from None


async def run_tool(tool: Tool, params: BaseModel) -> ToolResult:
    """Run a validated call; ToolFailed (the tool's own refusal) propagates with its message."""
    value = tool.run(params)
    if inspect.isawaitable(value):
        value = await value
    return as_result(value)


async def run_undo(undo: Any) -> ToolResult:
    value = undo()
    if inspect.isawaitable(value):
        value = await value
    return as_result(value)


@dataclass
class CallOutcome:
    """What became of one call: done, failed (the tool refused), refused (never ran), or waiting for a click."""

    call: ToolCall
    tier: str | None
    status: str  # done | failed | refused | needs_confirmation
    result: ToolResult | None = None
    error: str | None = None
    destructive: bool = False

    def as_json(self) -> dict[str, Any]:
        if self.result is not None:
            result: Any = self.result.as_dict()
        else:
            result = {"error": self.error} if self.error else None
        return {"tool": self.call.tool, "args": self.call.args, "result": result, "tier": self.tier,
                "status": self.status}


async def execute_call(tools: ToolRegistry, call: ToolCall, tier: str | None, *, confirmed: bool) -> CallOutcome:
    """Validate and run one call; a destructive one without `confirmed` is returned unrun."""
    try:
        tool, params = validate(tools, call)
    except CallRefused as error:
        return CallOutcome(call, tier, "refused", error=str(error))
    if tool.destructive and not confirmed:
        return CallOutcome(call, tier, "needs_confirmation", destructive=True)
    try:
        result = await run_tool(tool, params)
    except ToolFailed as error:
        return CallOutcome(call, tier, "failed", error=str(error), destructive=tool.destructive)
    return CallOutcome(call, tier, "done", result=result, destructive=tool.destructive)


async def execute_plan(tools: ToolRegistry, plan: CallPlan, *, confirmed: bool = False) -> list[CallOutcome]:
    """Every call of a plan in order (`whittle do`); destructive ones run only with confirmed=True."""
    return [await execute_call(tools, call, plan.tier, confirmed=confirmed) for call in plan.calls]
