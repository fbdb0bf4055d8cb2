"""What the chat hub tells its listeners (browser tabs, the terminal). Rendering is theirs."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from whittle.chat.store import Message


@dataclass(frozen=True)
class MessageShown:
    message: Message


@dataclass(frozen=True)
class TextAppended:
    message_id: int
    text: str


@dataclass(frozen=True)
class TextReset:
    """The shown text was rejected by the cascade; a bigger model's answer replaces it."""

    message_id: int
    note: str


@dataclass(frozen=True)
class MessageFinished:
    message: Message


@dataclass(frozen=True)
class GenerationState:
    generating: bool
    model: str


@dataclass(frozen=True)
class Notice:
    text: str
    level: str = "warning"  # 'info', 'warning', 'error'


@dataclass(frozen=True)
class AppUpdate:
    """A piece of an app's UI to replace in every tab (an FT with an id, swapped out of band)."""

    component: Any


Event = MessageShown | TextAppended | TextReset | MessageFinished | GenerationState | Notice | AppUpdate


class Subscription:
    """One listener's inbox. A slow tab only delays itself, never the model or other tabs."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue()

    def push(self, event: Event) -> None:
        self._queue.put_nowait(event)

    def drain(self) -> list[Event]:
        """Whatever is queued now, without waiting."""
        events = []
        while not self._queue.empty():
            events.append(self._queue.get_nowait())
        return events

    async def next_batch(self) -> list[Event]:
        """Wait for at least one event, then take everything queued, with adjacent text merged."""
        batch = [await self._queue.get()]
        while not self._queue.empty():
            batch.append(self._queue.get_nowait())
        return merge_text(batch)


def merge_text(events: list[Event]) -> list[Event]:
    merged: list[Event] = []
    for event in events:
        last = merged[-1] if merged else None
        if isinstance(event, TextAppended) and isinstance(last, TextAppended) and last.message_id == event.message_id:
            merged[-1] = TextAppended(event.message_id, last.text + event.text)
        else:
            merged.append(event)
    return merged
