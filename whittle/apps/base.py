"""The small API an app implements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from whittle.chat.store import Message
    from whittle.core import Whittle


class WhittleApp:
    """Subclass this, set the class attributes, and override what the app needs.

    name: the URL slug (/app/<name>); title: the menu label; menu_order: lower first;
    training_prompt: hidden instructions the assistant receives when the user opens the app.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    menu_order: ClassVar[int] = 100
    training_prompt: ClassVar[str | None] = None

    def __init__(self, whittle: Whittle):
        self.whittle = whittle
        self.chat = whittle.chat
        self.kv = whittle.kv

    def render(self) -> Any:
        """The app area's content (FastHTML components)."""
        raise NotImplementedError

    def routes(self) -> list[tuple[str, Any, list[str]]]:
        """Extra routes as (path under /app/<name>, handler, methods)."""
        return []

    async def on_open(self) -> None:
        """Called when the user navigates to the app, after the chat has heard about it."""

    async def on_user_message(self, message: Message) -> bool:
        """A chat message sent while this app is open. Return True if the app answered it itself."""
        return False
