import json
import time

import pytest
from starlette.websockets import WebSocketDisconnect

from whittle.chat.events import TextAppended
from whittle.web.chat_socket import render_event

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
    html = render_event(TextAppended(7, '<img src=x onerror="alert(1)"><script>alert(2)</script>'))
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
