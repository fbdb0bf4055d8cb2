"""How tool calls look in the chat: the text of a call message, and its footer's buttons.

A call message is an assistant message with source "agent". Its text (markdown, like every
message) names the tool, the arguments and the result; anything that came from the user or a
third party (arguments, todo texts, page titles) is escaped and quoted, so it shows as text and
cannot become a link, an image or markup. Its footer carries Confirm / Cancel while a
destructive call waits for the user's click, and Undo on the last action that can be undone.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fasthtml.common import Button, Footer, Small

from whittle.chat.store import Message

AGENT_SOURCE = "agent"
MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:\"'])")
STATUS_LABELS = {
    "awaiting": "waiting for your click: nothing has changed yet",
    "declined": "cancelled: nothing was changed",
    "undone": "undone",
    "failed": "could not be done",
}


def escape(text: Any) -> str:
    """Text shown literally by the markdown renderer (one line; every markup character escaped)."""
    return MARKDOWN_PUNCTUATION.sub(r"\\\1", " ".join(str(text).split()))


def describe_call(tool: str, args: dict[str, Any]) -> str:
    shown = ", ".join(f"{escape(name)}: {escape(json.dumps(value, ensure_ascii=False))}" for name, value in args.items())
    return f"`{tool}`" + (f" — {shown}" if shown else "")


def call_text(
    tool: str,
    args: dict[str, Any],
    *,
    said: str | None = None,
    data: tuple[str, ...] | list[str] = (),
    error: str | None = None,
    awaiting: bool = False,
) -> str:
    """The message for one call: what was called, then what came of it (escaped, data quoted)."""
    lines = [describe_call(tool, args), ""]
    if awaiting:
        lines.append("**This changes something that cannot be undone: it runs only if you press Confirm.**")
    if said:
        lines.append(escape(said))
    if error:
        lines.append(f"Not done: {escape(error)}")
    if data:
        lines.append("")
        lines.extend(f"> {escape(item)}  " for item in data)
    return "\n".join(lines).strip()


def agent_footer(message: Message):
    """The footer of a call message: tier, state, and the buttons its state allows."""
    route = message.route or {}
    bits = [f"{route.get('tier') or 'assistant'} · tool call"]
    if message.status in STATUS_LABELS:
        bits.append(STATUS_LABELS[message.status])
    buttons = []
    pending = route.get("pending")
    if message.status == "awaiting" and pending:
        buttons = [
            Button("Confirm", type="button", cls="agent-confirm", hx_post=f"/agent/confirm/{pending}",
                   hx_vals='{"confirm": "yes"}', hx_swap="none"),
            Button("Cancel", type="button", cls="agent-cancel secondary outline", hx_post=f"/agent/cancel/{pending}",
                   hx_swap="none"),
        ]
    elif message.status == "done" and route.get("undo"):
        buttons = [Button("Undo", type="button", cls="agent-undo secondary outline",
                          hx_post=f"/agent/undo/{message.id}", hx_swap="none")]
    why = route.get("reason")
    return Footer(Small(" · ".join(bits), cls="route", title=f"Why: {why}" if why else None), *buttons,
                  cls="agent-actions")
