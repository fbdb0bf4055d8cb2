import asyncio
import json
import logging
import re
import time

import pytest
from starlette.websockets import WebSocket, WebSocketDisconnect

from whittle.chat.events import Notice, ReplyEvent, Subscription
from whittle.router.cascade import Piece
from whittle.web.chat_socket import _forward, render_event

ORIGIN = {"host": "127.0.0.1:5001", "origin": "http://127.0.0.1:5001"}


def _frames_until(ws, marker, limit=400):
    frames = []
    for _ in range(limit):
        frames.append(ws.receive_text())
        if marker(frames[-1]):
            return frames
    raise AssertionError(f"marker never seen in {len(frames)} frames")


def test_message_streams_back_as_appended_fragments(client, whittle):
    whittle.chat.max_tokens = 32
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "Write a sentence about rivers.", "app": "none", "HEADERS": {}}))
        frames = _frames_until(ws, lambda f: 'id="chat-status"' in f and "is answering" not in f)
    joined = "".join(frames)
    assert "Write a sentence about rivers." in joined
    appends = [f for f in frames if 'hx-swap-oob="beforeend:#msg-' in f and "-body" in f]
    assert len(appends) >= 2, "tokens should arrive in several frames"
    final = whittle.chat.store.visible()[-1]
    assert final.source == "model" and final.content
    assert f'id="msg-{final.id}" class="msg msg-assistant msg-done" hx-swap-oob="true"' in joined


def test_model_text_is_escaped_before_it_reaches_the_page():
    html = render_event(ReplyEvent(7, Piece('<img src=x onerror="alert(1)"><script>alert(2)</script>')))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img" in html and "&lt;script&gt;" in html


def test_oversized_message_gets_a_visible_explanation(client, whittle):
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "y" * 32_001}))
        frame = ws.receive_text()
    assert 'id="chat-notice"' in frame and "limit is 32,000" in frame
    assert whittle.chat.store.visible() == []


def test_empty_message_is_ignored(client, whittle):
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "   "}))
        ws.send_text(json.dumps({"msg": "x" * 32_001}))  # something that does answer, to sync on
        assert "chat-notice" in ws.receive_text()
    assert whittle.chat.store.visible() == []


@pytest.mark.parametrize(
    "frame, reason",
    [
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({"message": "hi"}), "msg"),
        (json.dumps({"msg": 42}), "msg"),
        (json.dumps({"msg": "hi", "cancel": 3}), "cancel"),
        (json.dumps({"cancel": "three"}), "cancel"),
        (json.dumps({"cancel": 2**63}), "cancel"),
    ],
)
def test_malformed_frame_closes_only_that_socket(client, whittle, frame, reason):
    with client.websocket_connect("/ws", headers=ORIGIN) as healthy:
        with client.websocket_connect("/ws", headers=ORIGIN) as broken:
            broken.send_text(frame)
            with pytest.raises(WebSocketDisconnect) as closed:
                broken.receive_text()
            assert closed.value.code == 1007
            assert reason in closed.value.reason
        healthy.send_text(json.dumps({"msg": "x" * 32_001}))
        assert "chat-notice" in healthy.receive_text()


def test_binary_frame_closes_that_socket(client):
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_bytes(b"\x00\x01")
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_text()
        assert closed.value.code == 1003


def test_pages_load_while_the_model_generates(client, whittle):
    whittle.chat.max_tokens = 200
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "Tell me a long story about the moon."}))
        _frames_until(ws, lambda f: "-body" in f and "beforeend" in f)
        started = time.perf_counter()
        assert client.get("/health").json()["generating"] is True
        assert client.get("/").status_code == 200
        elapsed = time.perf_counter() - started
        assert whittle.chat.generating, "the page loads finished while the answer was still streaming"
        client.post("/chat/stop", headers=ORIGIN)
    assert elapsed < 5


def test_a_message_sent_while_answering_is_queued_and_can_be_taken_back(client, whittle):
    whittle.chat.max_tokens = 200
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "Tell me a long story about the moon."}))
        _frames_until(ws, lambda f: "beforeend:#msg-" in f)  # the answer's first words
        ws.send_text(json.dumps({"msg": "And the sun?"}))
        frames = _frames_until(ws, lambda f: "Still answering" in f)
        joined = "".join(frames)
        queued_id = int(re.search(r'id="msg-(\d+)" class="msg msg-user msg-queued"', joined).group(1))
        assert f'data-cancel="{queued_id}"' in joined and 'data-text="And the sun?"' in joined
        ws.send_text(json.dumps({"cancel": queued_id}))
        frames = _frames_until(ws, lambda f: f'hx-swap-oob="delete" id="msg-{queued_id}"' in f)
        client.post("/chat/stop", headers=ORIGIN)
        _frames_until(ws, lambda f: 'id="chat-status"' in f and "is answering" not in f)
    assert whittle.chat.store.get(queued_id).status == "cancelled"
    assert [m.content for m in whittle.chat.store.visible() if m.role == "user"] == ["Tell me a long story about the moon."]


class FailsToRender:
    """An app component with a bug: drawing it raises."""

    def __init__(self):
        self.attrs = {}

    def __ft__(self):
        raise RuntimeError("the chart library is not loaded")


def test_an_app_that_raises_on_a_message_keeps_the_socket_open(client, whittle, monkeypatch):
    async def broken(message):
        whittle.chat.update_app(FailsToRender())  # the forwarder must survive this too
        raise ValueError("no run is open")

    monkeypatch.setattr(whittle.apps["introduction"], "on_user_message", broken)
    whittle.chat.max_tokens = 8
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "Hello there", "app": "introduction"}))
        frames = _frames_until(ws, lambda f: 'id="chat-status"' in f and "is answering" not in f)
        joined = "".join(frames)
        assert "Part of the page could not be updated (RuntimeError: the chart library is not loaded)" in joined
        assert "The introduction app failed on your message (ValueError: no run is open)" in joined
        # The same socket still works.
        ws.send_text(json.dumps({"msg": "x" * 32_001}))
        assert "limit is 32,000" in _frames_until(ws, lambda f: "chat-notice" in f)[-1]
    assert [(m.role, m.status) for m in whittle.chat.store.visible()] == [("user", "done"), ("assistant", "done")]


def test_a_reply_stopped_before_its_first_word_is_removed_from_the_page(client, whittle):
    whittle.chat.max_tokens = 200
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "Tell me about owls."}))
        frames = _frames_until(ws, lambda f: "msg-assistant msg-streaming" in f)
        reply_id = int(re.search(r'id="msg-(\d+)" class="msg msg-assistant msg-streaming"', "".join(frames)).group(1))
        client.post("/chat/stop", headers=ORIGIN)
        frames = _frames_until(ws, lambda f: 'id="chat-status"' in f and "is answering" not in f)
    joined = "".join(frames)
    assert "beforeend:#msg-" not in joined, "the first token came before Stop: the test needs a slower start"
    assert f'hx-swap-oob="delete" id="msg-{reply_id}"' in joined
    assert [m.role for m in whittle.chat.store.visible()] == ["user"]


async def _accepted_socket(send_error: Exception | None):
    """A Starlette WebSocket on an ASGI connection whose sends fail with send_error."""
    sent = []

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        if message["type"] == "websocket.send" and send_error is not None:
            raise send_error
        sent.append(message)

    websocket = WebSocket({"type": "websocket", "path": "/ws", "headers": []}, receive, send)
    await websocket.accept()
    return websocket, sent


async def test_forwarding_stops_quietly_when_the_tab_is_gone(caplog):
    websocket, sent = await _accepted_socket(None)
    await websocket.close()
    events = Subscription()
    events.push(Notice("hello"))
    with caplog.at_level(logging.ERROR):
        await asyncio.wait_for(_forward(websocket, events), 5)
    assert caplog.records == [] and [m["type"] for m in sent] == ["websocket.accept", "websocket.close"]


async def test_forwarding_does_not_swallow_an_unexpected_runtime_error(caplog):
    websocket, sent = await _accepted_socket(RuntimeError("the frame encoder is broken"))
    events = Subscription()
    events.push(Notice("hello"))
    with caplog.at_level(logging.ERROR):
        await asyncio.wait_for(_forward(websocket, events), 5)
    assert "the chat socket stopped forwarding events" in caplog.text and "frame encoder is broken" in caplog.text
    assert sent[-1]["type"] == "websocket.close" and sent[-1]["code"] == 1011, "the tab is told, so it reconnects"
