"""The version switcher under an edited or regenerated message ("‹ 2 / 3 ›") and its route.

Choosing a version shows it in place with the branch that followed it, in every tab, and the
next turn continues from it (chat/branches.py); the version left is kept and one click away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from fasthtml.common import Button, Small, Span
from starlette.responses import PlainTextResponse, Response

from whittle.chat.branches import BranchError
from whittle.chat.store import Message
from whittle.db import is_row_id

if TYPE_CHECKING:
    from whittle.core import Whittle


# Compact, on one line with the message's other footer buttons: pico stretches a role=group and its buttons.
SWITCHER_STYLE = ("display: inline-flex; width: auto; margin: 0 0 0 auto; align-items: center; gap: 0.3rem;"
                  " white-space: nowrap")
STEP_STYLE = ("flex: none; width: auto; margin: 0; padding: 0.05rem 0.5rem; line-height: 1.2; font-size: 0.9rem;"
              " border-radius: var(--pico-border-radius)")


def show_version_url(message_id: int) -> str:
    return f"/chat/messages/{message_id}/show"


def version_switcher(message: Message):
    """'‹ 2 / 3 ›' for a message with several versions (None otherwise); each arrow shows the next one over."""
    versions = message.versions
    if message.id not in versions or message.status == "streaming":
        return None
    index = versions.index(message.id)
    earlier = versions[index - 1] if index > 0 else None
    later = versions[index + 1] if index + 1 < len(versions) else None
    return Span(
        _step("‹", earlier, f"Show version {index} of {len(versions)} (the conversation continues from it)",
              "No earlier version"),
        Small(f"{index + 1} / {len(versions)}", cls="version-count", style="flex: none"),
        _step("›", later, f"Show version {index + 2} of {len(versions)} (the conversation continues from it)",
              "No later version"),
        role="group",
        aria_label=f"Version {index + 1} of {len(versions)} of this message",
        cls="versions",
        style=SWITCHER_STYLE,
    )


def _step(symbol: str, target: int | None, label: str, none_label: str):
    # No version that way: the arrow stays in place, disabled, so the count does not jump about.
    # Reachable by Tab once its message is focused or hovered (static/chat.js), like ▲/▼.
    return Button(symbol, type="button", cls="version-step secondary outline", disabled=target is None, tabindex="-1",
                  aria_label=label if target else none_label, title=label if target else None,
                  hx_post=show_version_url(target) if target else None, hx_swap="none", style=STEP_STYLE)


def register_branch_routes(whittle: Whittle, register: Callable[..., None]) -> None:
    """POST /chat/messages/<id>/show: show that version; every tab gets the change through the chat socket."""

    async def show_version(message_id: int):
        if not is_row_id(message_id):
            return PlainTextResponse(f"There is no message {message_id}; reload the page.", status_code=404)
        try:
            whittle.chat.branches.show(message_id)
        except BranchError as error:
            return PlainTextResponse(str(error), status_code=409)
        return Response(status_code=204)

    register("/chat/messages/{message_id:int}/show", show_version, ["post"])
