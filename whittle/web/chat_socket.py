"""The chat WebSocket: user messages in, rendered chat events out (htmx ws extension)."""

from __future__ import annotations

import asyncio
import json

from fasthtml.common import Div, Small, Span, to_xml
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.websockets import WebSocket, WebSocketDisconnect

from whittle.chat.events import (
    AppUpdate,
    Event,
    GenerationState,
    MessageFinished,
    MessageShown,
    Notice,
    Subscription,
    TextAppended,
    TextReset,
    merge_text,
)
from whittle.web.layout import chat_status, message_view, notice

# Close codes (RFC 6455): 1003 unsupported data, 1007 invalid payload.
CLOSE_UNSUPPORTED = 1003
CLOSE_INVALID = 1007


class ChatFrame(BaseModel):
    """What the chat form sends: htmx's ws extension adds HEADERS, which we ignore."""

    model_config = ConfigDict(extra="ignore")
    msg: str
    app: str | None = None


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
        raise MalformedFrame(f"field {'.'.join(map(str, first['loc'])) or 'frame'}: {first['msg']}") from None


def render_event(event: Event) -> str:
    match event:
        case MessageShown(message):
            parts = [Div(message_view(message), hx_swap_oob="beforeend:#chat-messages")]
            if message.role == "user":
                parts.append(notice(None, oob=True))
            return to_xml(tuple(parts))
        case TextAppended(message_id, text):
            return to_xml(Span(text, hx_swap_oob=f"beforeend:#msg-{message_id}-body"))
        case TextReset(message_id, note):
            return to_xml(Div(
                Small(note, cls="escalation"),
                id=f"msg-{message_id}-body",
                cls="msg-body streaming",
                hx_swap_oob="true",
            ))
        case MessageFinished(message):
            view = message_view(message)
            view.attrs["hx-swap-oob"] = "true"
            return to_xml(view)
        case GenerationState(generating, model):
            return to_xml(chat_status(generating, model, oob=True))
        case Notice(text, level):
            return to_xml(notice(text, level, oob=True))
        case AppUpdate(component):
            component.attrs["hx-swap-oob"] = "true"
            return to_xml(component)
    raise TypeError(f"unknown chat event {event!r}")


# Tokens arriving within this window go out in one frame: fewer frames for the browser to
# swap and less work competing with llama.cpp for the CPU, still smooth to the eye.
FRAME_INTERVAL_S = 0.03


async def _forward(websocket: WebSocket, subscription: Subscription) -> None:
    streaming = False  # the first piece of an answer goes out at once: only later ones wait
    try:
        while True:
            batch = await subscription.next_batch()
            if streaming and isinstance(batch[-1], TextAppended):
                await asyncio.sleep(FRAME_INTERVAL_S)
                batch = merge_text(batch + subscription.drain())
            streaming = isinstance(batch[-1], TextAppended)
            await websocket.send_text("".join(render_event(event) for event in batch))
    except (WebSocketDisconnect, RuntimeError):
        pass  # the tab went away; the receive loop cleans up


async def chat_socket(websocket: WebSocket) -> None:
    whittle = websocket.app.state.whittle
    await websocket.accept()
    subscription = whittle.chat.subscribe()
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
            await whittle.user_message(frame.msg, frame.app, subscription)
    except WebSocketDisconnect:
        pass
    finally:
        whittle.chat.unsubscribe(subscription)
        forwarder.cancel()
