"""What the assistant decided to do: tool calls, and the plan they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolCall:
    """One call the assistant wants to make: a registered tool's name and its arguments (not yet validated)."""

    tool: str
    args: dict[str, Any] = field(default_factory=dict)


def distinct(calls: list[ToolCall]) -> list[ToolCall]:
    """Each call once, in first-seen order (arguments are dicts, so calls are compared, not hashed)."""
    return [call for i, call in enumerate(calls) if call not in calls[:i]]


@dataclass
class CallPlan:
    """The calls for one request. No calls: no tool fits, the request is plain chat.

    tier: who proposed them (a model tier's name, or "command" for a /command); reason: why, for
    the reply's hover text; call_ids: the ledger rows of the model calls that produced the plan.
    """

    calls: list[ToolCall]
    tier: str | None
    reason: str = ""
    call_ids: list[int] = field(default_factory=list)
