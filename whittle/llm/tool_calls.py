"""Native tool calling on an OpenAI-compatible tier: the offer as `tools=`, the `tool_calls` read back.

The agent's planner asks every tier for the same thing, a JSON list of calls
`[{"name": ..., "arguments": {...}}]`; the embedded model writes it under a grammar. A tier with
native tool calling (whittle.toml `tool_calling`) is instead sent the tools in OpenAI's format and
its `tool_calls` are turned back into that list, so one check (the planner's: offered tools only,
each tool's pydantic model) judges every tier, and a refused call escalates like any other answer.

What the server sends is not trusted: arguments that are not a JSON object are passed on as the
raw text, which the check refuses; an answer with no call at all becomes `[]` ("none of these
tools"), which the check refuses when the request asked for an action.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from whittle.llm.base import ChatMessage, ToolOffer, byte_token_bound

# "auto", not "required": a tier must be able to say that none of the offered tools fits (the
# pre-selection can be wrong), and that answer escalates or becomes plain chat.
TOOL_CHOICE = "auto"
# What a server adds around the tools, at most: llama-cpp-python's chatml-function-calling writes ~130
# tokens of instructions and a header per tool; OpenAI renders them as a typed namespace, shorter
# than their JSON. Generous on purpose: like base.py's allowances, these bound a budget.
TOOLS_ALLOWANCE_TOKENS = 256
PER_TOOL_ALLOWANCE_TOKENS = 16


def offer_request(offer: ToolOffer, messages: Sequence[ChatMessage]) -> dict[str, Any]:
    """The request's messages, tools and tool_choice for a native tier (see ToolOffer)."""
    users = [message for message in messages if message["role"] == "user"]
    sent: list[ChatMessage] = [{"role": "system", "content": offer.system}, *users[-1:]]
    return {
        "messages": sent,
        "tools": [{"type": "function", "function": function} for function in offer.functions],
        "tool_choice": TOOL_CHOICE,
    }


def offer_token_bound(request: dict[str, Any]) -> int:
    """At most how many prompt tokens a native tool request is billed as: its messages and its tools'
    JSON by UTF-8 bytes (byte_token_bound), plus the instructions a server wraps tools in."""
    tools = request["tools"]
    return (byte_token_bound(request["messages"]) + len(json.dumps(tools, ensure_ascii=False).encode("utf-8"))
            + TOOLS_ALLOWANCE_TOKENS + PER_TOOL_ALLOWANCE_TOKENS * len(tools))


def _arguments(raw: Any) -> Any:
    """A call's arguments: the JSON object the server sent as text, or the raw value for the check to refuse."""
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, str):
        return raw
    try:
        # strict=False: a raw newline inside a string is taken as one; pydantic judges the values after.
        return json.loads(raw, strict=False) if raw.strip() else {}
    except json.JSONDecodeError:
        return raw


def calls_text(message: Any) -> str:
    """The calls of a chat completion's message as the JSON list the planner's check reads ("[]": none)."""
    calls = []
    for call in getattr(message, "tool_calls", None) or []:
        function = getattr(call, "function", None)
        name = getattr(function, "name", None)
        calls.append({"name": name if isinstance(name, str) else "",
                      "arguments": _arguments(getattr(function, "arguments", None))})
    return json.dumps(calls, ensure_ascii=False)
