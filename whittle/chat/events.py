"""What the chat hub tells its listeners (browser tabs, the terminal). Rendering is theirs.

One vocabulary: a reply being generated is described by the router's own events
(`AttemptStarted`, `PromptReading`, `Piece`, `AttemptRejected`, `Finished` from
router/cascade.py), each tagged with the id of the message it belongs to (`ReplyEvent`).
`PromptReading` comes before the first piece when the model can tell how much of the prompt
it must read (not already in its cache): the bubble says "reading 1,240 tokens…" meanwhile. The other events are about
the conversation itself: a message appears, a stored message changes, generation starts or
ends, a notice, a piece of an app's UI.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from whittle.chat.store import Message
from whittle.router.cascade import Piece, RouterEvent


@dataclass(frozen=True)
class MessageShown:
    """A new message: listeners add a bubble for it."""

    message: Message


@dataclass(frozen=True)
class MessageFinished:
    """A stored message in its new form (answered, delivered from the queue, withdrawn).

    Listeners replace its bubble; a message that is no longer visible loses its bubble.
    """

    message: Message


@dataclass(frozen=True)
class ReplyEvent:
    """A router event for the reply with this message id, passed on as the router made it."""

    message_id: int
    event: RouterEvent


@dataclass(frozen=True)
class ContextMeasured:
    """What the prompt of the answer being written takes of the model's window (chat/meter.py)."""

    meter: object  # a ContextMeter


@dataclass(frozen=True)
class GenerationState:
    generating: bool
    model: str


@dataclass(frozen=True)
class Notice:
    """A line above the chat input; text None clears it.

    restore_input: the user's last message was not taken, so the tab puts it back in the input.
    """

    text: str | None
    level: str = "warning"  # 'info', 'warning', 'error'
    restore_input: bool = False


@dataclass(frozen=True)
class AppUpdate:
    """A piece of an app's UI to replace in every tab (an FT with an id, swapped out of band)."""

    component: Any


Event = MessageShown | MessageFinished | ReplyEvent | GenerationState | Notice | AppUpdate | ContextMeasured


def text_of(event: Event) -> str | None:
    """The text a reply event adds to its message, or None for any other event."""
    if isinstance(event, ReplyEvent) and isinstance(event.event, Piece):
        return event.event.text
    return None


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
    """Adjacent pieces of the same reply become one piece: fewer frames, the same text."""
    merged: list[Event] = []
    for event in events:
        last = merged[-1] if merged else None
        text, last_text = text_of(event), text_of(last) if last is not None else None
        if text is not None and last_text is not None and last.message_id == event.message_id:
            merged[-1] = ReplyEvent(event.message_id, Piece(last_text + text))
        else:
            merged.append(event)
    return merged
