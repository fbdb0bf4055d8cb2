"""Running workflows outside the server: a notebook's database, chat notes and model, loaded on demand."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whittle.chat.store import MessageStore
from whittle.db import Database

if TYPE_CHECKING:
    from whittle.core import Whittle
    from whittle.profiles import ProfileStore
    from whittle.workflows.engine import Services


def notebook_context(home: Path | str | None, app_name: str) -> tuple[Database, ProfileStore, Services]:
    """The data home's database and profiles, and services whose notes reach the chat's history."""
    from whittle.config import Settings, data_home
    from whittle.kv import KeyValueStore
    from whittle.profiles import ProfileStore
    from whittle.workflows.engine import Services  # imported here: the engine imports this module

    settings = Settings(home=Path(home).expanduser() if home else data_home())
    settings.home.mkdir(parents=True, exist_ok=True)
    db = Database(settings.db_path)
    profiles = ProfileStore(db, KeyValueStore(db))
    model = ModelOnDemand(settings)
    services = Services(model.complete, chat_note(db, f"notebook:{app_name}"), closers=[model.close, db.close])
    return db, profiles, services


class ModelOnDemand:
    """A notebook loads the model only when a step asks it, through the same Whittle.complete as the server."""

    def __init__(self, settings: Any):
        self.settings = settings
        self.whittle: Whittle | None = None

    async def complete(self, messages: list[dict], *, purpose: str, max_tokens: int = 256, **options: Any) -> str:
        if self.whittle is None:
            from whittle.core import Whittle

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


def run_sync(coroutine: Awaitable[Any]) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)  # type: ignore[arg-type]
    # Inside Jupyter an event loop already runs in this thread; ours gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()  # type: ignore[arg-type]
