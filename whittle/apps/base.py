"""The small API an app implements (docs/apps.md is the author's guide)."""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from whittle.plugins import hookimpl

if TYPE_CHECKING:
    from whittle.apps.context import AppContext
    from whittle.chat.store import Message


def form_data(cls: type) -> type:
    """Make `cls` a dataclass that a handler takes to read a form: `async def add(self, form: TodoForm)`.

    FastHTML fills it from the request's form fields (and query string) only, never from cookies
    or headers as it does for plain parameters. It reads the field types with
    inspect.get_annotations, which leaves `from __future__ import annotations` strings as they
    are, so they are resolved here.
    """
    cls = dataclasses.dataclass(cls)
    cls.__annotations__ = typing.get_type_hints(cls)
    return cls


class WhittleApp:
    """Subclass this, set the class attributes, and override what the app needs.

    name: the URL slug (/app/<name>) and storage name; title: the menu label; menu_order: lower
    first; training_prompt: hidden instructions the assistant receives when the user opens the app.
    An app instance is also a plugin: its methods marked @hookimpl answer hooks (whittle/plugins.py).
    """

    name: ClassVar[str]
    title: ClassVar[str]
    menu_order: ClassVar[int] = 100
    training_prompt: ClassVar[str | None] = None

    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def render(self) -> Any:
        """The app area's content (FastHTML components)."""
        raise NotImplementedError

    def routes(self) -> list[tuple[str, Any, list[str]]]:
        """Extra routes as (path under the app's URL, handler, methods); build links with self.ctx.url(path)."""
        return []

    async def on_open(self) -> None:
        """Called when the user navigates to the app, after the chat has heard about it."""

    async def on_user_message(self, message: Message) -> bool:
        """A chat message sent while this app is open. Return True if the app answered it itself."""
        return False

    def state_facts(self) -> list[str]:
        """Short factual lines about the app's current state, read by the assistant ("2 open todos: milk; eggs")."""
        return []

    def state_values(self) -> list[str]:
        """Strings a user may refer to in this app (todo texts, step names): tool arguments may be copied from them."""
        return []

    def marked_values(self) -> list[str]:
        """The state values in their marked state (the todos done, the active profile): "the one I ticked off"."""
        return []

    @hookimpl
    def register_routes(self, register: Callable[..., None]) -> None:
        # Every app's routes() are mounted under its own URL, through the same hook plugins use.
        for path, handler, methods in self.routes():
            register(self.ctx.url(path), handler, methods)
