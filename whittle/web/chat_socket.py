"""The chat WebSocket: user messages in, the hub's events out as htmx fragments (ws extension).

The socket talks to the chat hub directly. A frame is a message (`{"msg", "app"}`, what the
chat form sends) or a queued message taken back (`{"cancel": id}`, sent by static/chat.js).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from fasthtml.common import Div, Small, Span, to_xml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from starlette.websockets import (
    WebSocket,
    WebSocketDisconnect,
    WebSocketDisconnected,
    WebSocketState,
)

from whittle.chat.events import (
    AppUpdate,
    ContextMeasured,
    Event,
    GenerationState,
    MessageFinished,
    MessageShown,
    Notice,
    ReplyEvent,
    Subscription,
    merge_text,
    text_of,
)
from whittle.router.cascade import AttemptStarted, Piece, PromptReading, RouterEvent
from whittle.web.layout import chat_status, context_meter, message_view, notice

# Close codes (RFC 6455): 1003 unsupported data, 1007 invalid payload, 1011 server error.
CLOSE_UNSUPPORTED = 1003
CLOSE_INVALID = 1007
CLOSE_INTERNAL_ERROR = 1011

logger = logging.getLogger(__name__)


class ChatFrame(BaseModel):
    """What a tab sends: htmx's ws extension adds HEADERS, which we ignore."""

    model_config = ConfigDict(extra="ignore")
    msg: str | None = None
    app: str | None = None
    cancel: int | None = Field(None, ge=1, le=2**63 - 1)  # a message id: an SQLite integer

    @model_validator(mode="after")
    def _one_action(self) -> ChatFrame:
        if (self.msg is None) == (self.cancel is None):
            raise ValueError("expected a 'msg' field (a message) or a 'cancel' field (a queued message's id)")
        return self


class MalformedFrame(ValueError):
    pass


def parse_frame(raw: str) -> ChatFrame:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise MalformedFrame(f"not JSON ({error.msg})") from None
    if not isinstance(data, dict):
        raise MalformedFrame("expected a JSON object with a 'msg' field")
    try:
        return ChatFrame.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(map(str, first["loc"]))
        raise MalformedFrame(f"field {where}: {first['msg']}" if where else first["msg"]) from None


def render_event(event: Event) -> str:
    match event:
        case MessageShown(message):
            parts = [Div(message_view(message), hx_swap_oob="beforeend:#chat-messages")]
            if message.role == "user":
                parts.append(notice(None, oob=True))  # the user has moved on: last turn's notice is stale
            return to_xml(tuple(parts))
        case MessageFinished(message) if not message.visible:
            return to_xml(Div(id=f"msg-{message.id}", hx_swap_oob="delete"))
        case MessageFinished(message):
            view = message_view(message)
            view.attrs["hx-swap-oob"] = "true"
            return to_xml(view)
        case ReplyEvent(message_id, router_event):
            return render_reply_event(message_id, router_event)
        case GenerationState(generating, model):
            return to_xml(chat_status(generating, model, oob=True))
        case Notice(text, level, restore_input):
            element = notice(text, level, oob=True)
            if restore_input:
                element.attrs["data-restore-input"] = ""  # static/chat.js puts the refused words back
            return to_xml(element)
        case AppUpdate(component):
            component.attrs["hx-swap-oob"] = "true"
            return to_xml(component)
        case ContextMeasured(meter):
            return to_xml(context_meter(meter, oob=True))
    raise TypeError(f"unknown chat event {event!r}")


# Fewer prompt tokens than this are read in well under a second: no progress line for them.
READING_SHOWN_FROM_TOKENS = 64


def reading_line_id(message_id: int) -> str:
    return f"msg-{message_id}-reading"


def render_reply_event(message_id: int, event: RouterEvent) -> str:
    """The router's events for a reply: text is appended, a new attempt names its model, a long
    prompt being read shows as "reading 1,240 tokens…" at the top of the bubble (removed by the
    first piece, see ReadingLines)."""
    match event:
        case Piece(text):
            return to_xml(Span(text, hx_swap_oob=f"beforeend:#msg-{message_id}-body"))
        case PromptReading(tokens=tokens) if tokens >= READING_SHOWN_FROM_TOKENS:
            line = Small(f"reading {tokens:,} tokens…", id=reading_line_id(message_id), cls="reading-prompt")
            return to_xml(Div(line, hx_swap_oob=f"afterbegin:#msg-{message_id}-body"))
        case AttemptStarted(tier, model, replaces_previous):
            status = chat_status(True, model, oob=True)
            if not replaces_previous:
                return to_xml(status)
            # The shown text was rejected by the cascade; the next tier's answer replaces it.
            body = Div(Small(f"Escalated to {tier}", cls="escalation"), id=f"msg-{message_id}-body",
                       cls="msg-body streaming", hx_swap_oob="true")
            return to_xml((body, status))
    return ""  # AttemptRejected, Finished: the reset or the finished message shows them


class ReadingLines:
    """One tab's bubbles that show "reading N tokens…": the reply's first piece removes the line.

    (A new attempt replaces the whole body, a finished message the whole bubble: both take it away.)
    """

    def __init__(self) -> None:
        self.shown: set[int] = set()

    def before(self, event: Event) -> str:
        """What must go out ahead of this event's own fragment."""
        match event:
            case ReplyEvent(message_id, PromptReading(tokens=tokens)) if tokens >= READING_SHOWN_FROM_TOKENS:
                self.shown.add(message_id)
            case ReplyEvent(message_id, Piece()) if message_id in self.shown:
                self.shown.discard(message_id)
                return to_xml(Div(id=reading_line_id(message_id), hx_swap_oob="delete"))
            case ReplyEvent(message_id, AttemptStarted()):
                self.shown.discard(message_id)
            case MessageFinished(message):
                self.shown.discard(message.id)
        return ""


# Tokens arriving within this window go out in one frame: fewer frames for the browser to
# swap and less work competing with llama.cpp for the CPU, still smooth to the eye.
FRAME_INTERVAL_S = 0.03


def _render_batch(batch: list[Event], reading: ReadingLines | None = None) -> str:
    frames = []
    for event in batch:
        try:
            if reading is not None:
                frames.append(reading.before(event))
            frames.append(render_event(event))
        except Exception as error:  # one bad component (an app's bug) must not silence the tab
            logger.exception("could not render chat event %r", event)
            frames.append(render_event(Notice(f"Part of the page could not be updated ({type(error).__name__}: "
                                              f"{error}); reload to see the current state.", "error")))
    return "".join(frames)


def _is_disconnected(websocket: WebSocket) -> bool:
    return WebSocketState.DISCONNECTED in (websocket.client_state, websocket.application_state)


async def _forward(websocket: WebSocket, subscription: Subscription) -> None:
    streaming = False  # the first piece of an answer goes out at once: only later ones wait
    reading = ReadingLines()
    try:
        while True:
            batch = await subscription.next_batch()
            if streaming and text_of(batch[-1]) is not None:
                await asyncio.sleep(FRAME_INTERVAL_S)
                batch = merge_text(batch + subscription.drain())
            streaming = text_of(batch[-1]) is not None
            await websocket.send_text(_render_batch(batch, reading))
    except (WebSocketDisconnect, WebSocketDisconnected):
        pass  # the tab went away; the receive loop cleans up
    except RuntimeError:
        # A send racing the socket's close is a disconnect too. Anything else is a bug: say so,
        # and close so the tab reconnects rather than waiting forever for events.
        if _is_disconnected(websocket):
            return
        logger.exception("the chat socket stopped forwarding events")
        with contextlib.suppress(RuntimeError, WebSocketDisconnect):
            await websocket.close(CLOSE_INTERNAL_ERROR, "internal error; reconnect")


async def chat_socket(websocket: WebSocket) -> None:
    whittle = websocket.app.state.whittle
    hub = whittle.chat
    await websocket.accept()
    subscription = hub.subscribe()
    forwarder = asyncio.create_task(_forward(websocket, subscription))
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                break
            if message.get("text") is None:
                await websocket.close(CLOSE_UNSUPPORTED, "binary frames are not accepted; send JSON text")
                break
            try:
                frame = parse_frame(message["text"])
            except MalformedFrame as error:
                await websocket.close(CLOSE_INVALID, f"malformed chat frame: {error}"[:120])
                break
            try:
                if frame.cancel is not None:
                    hub.cancel_queued(frame.cancel)
                else:
                    await hub.user_message(frame.msg, whittle.apps.get(frame.app or ""), subscription)
            except Exception as error:  # a bug behind one message must not drop the tab's socket
                logger.exception("the chat could not take a message")
                hub.notify(subscription, f"Your message could not be handled ({type(error).__name__}: {error}).",
                           "error", restore_input=True)
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(subscription)
        forwarder.cancel()
