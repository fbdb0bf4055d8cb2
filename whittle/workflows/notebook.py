"""Running workflows outside the server: a notebook's database, chat notes and model, loaded on demand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from whittle.chat.store import MessageStore
from whittle.config import Settings, data_home
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore
from whittle.workflows.engine import Services

if TYPE_CHECKING:
    from collections.abc import Callable

    from whittle.core import Whittle


def notebook_context(home: Path | str | None, app_name: str) -> tuple[Database, ProfileStore, Services]:
    """The data home's database and profiles, and services whose notes reach the chat's history."""
    settings = Settings(home=Path(home).expanduser() if home else data_home())
    settings.home.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_path)
    profiles = ProfileStore(db, KeyValueStore(db))
    model = ModelOnDemand(settings)
    services = Services(model.complete, chat_note(db, f"notebook:{app_name}"), closers=[model.close, db.close])
    return db, profiles, services


class ModelOnDemand:
    """A notebook loads the model only when a step asks it, through the same router as the server."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.whittle: Whittle | None = None

    async def complete(self, messages: list[dict], *, purpose: str, max_tokens: int = 256, **options: Any) -> str:
        if self.whittle is None:
            from whittle.core import Whittle  # noqa: PLC0415 - loading the model takes seconds; only when asked

            self.whittle = Whittle(self.settings)
        return await self.whittle.complete(messages, purpose=purpose, max_tokens=max_tokens, **options)

    def close(self) -> None:
        if self.whittle is not None:
            self.whittle.close()
            self.whittle = None


def chat_note(db: Database, source: str) -> Callable[[str], None]:
    # recover=False: a server may be answering next door; its streaming reply is not a crash.
    store = MessageStore(db, recover=False)

    def note(text: str) -> None:
        store.add("context", f"{text} (done from Python)", visible=False, source=source)

    return note
