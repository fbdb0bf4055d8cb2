"""A real server process: chat, kill -9, start again — history and the stored name survive."""

import asyncio
import html
import json
import re
import sqlite3
import urllib.request

import pytest
import websockets

from tests.support.testing import ServerProcess

pytestmark = pytest.mark.slow


async def _chat(server: ServerProcess, text: str) -> str:
    frames = []
    async with websockets.connect(server.ws_url, origin=server.url) as ws:
        await ws.send(json.dumps({"msg": text, "app": "introduction"}))
        async with asyncio.timeout(60):
            while True:
                frames.append(await ws.recv())
                if "Nice to meet you" in frames[-1] or ('id="chat-status"' in frames[-1] and "answering" not in frames[-1]):
                    return "".join(frames)


def _page(server: ServerProcess) -> str:
    with urllib.request.urlopen(server.url + "/", timeout=10) as response:
        return response.read().decode()


async def test_history_and_name_survive_a_killed_server(tmp_path):
    server = ServerProcess(tmp_path / "home", extra_args=("--max-tokens", "16")).start()
    try:
        assert "What&#x27;s your name" in _page(server) or "What's your name" in _page(server)
        await _chat(server, "My name is Katherine Johnson and my favourite colour is orange.")
        await _chat(server, "What is a star?")
    finally:
        server.kill()

    server = ServerProcess(tmp_path / "home", port=server.port, extra_args=("--max-tokens", "16")).start()
    try:
        page = _page(server)
        assert "My name is Katherine Johnson" in page
        assert "What is a star?" in page
        assert "Welcome back, Katherine Johnson!" in page
        await _chat(server, "What did I ask you before?")
    finally:
        server.stop()

    import sqlite3

    db = sqlite3.connect(tmp_path / "home" / "whittle.db")
    assert json.loads(db.execute("SELECT value FROM kv WHERE key='name'").fetchone()[0]) == "Katherine Johnson"
    # The model still knows the earlier turns: they are in the next prompt it was sent.
    last_prompt = json.loads(db.execute("SELECT messages FROM llm_calls ORDER BY id DESC").fetchone()[0])
    assert {"role": "user", "content": "What is a star?"} in last_prompt
    assert "Katherine Johnson" in last_prompt[0]["content"]  # the stored name is in the system prompt
    assert last_prompt[-1] == {"role": "user", "content": "What did I ask you before?"}


APPENDED = re.compile(r'<span hx-swap-oob="beforeend:#msg-(\d+)-body">(.*?)</span>', re.DOTALL)


async def test_a_server_killed_mid_answer_keeps_what_was_shown_and_the_queued_message(tmp_path):
    """kill -9 while an answer streams and a second message waits: after a restart the stored
    reply holds every word the tab showed, and the waiting message is on screen, marked unsent."""
    home = tmp_path / "home"
    server = ServerProcess(home, extra_args=("--max-tokens", "400")).start()
    shown, reply_id = "", None
    try:
        async with websockets.connect(server.ws_url, origin=server.url) as ws:
            await ws.send(json.dumps({"msg": "Tell me a long story about a lighthouse keeper."}))
            async with asyncio.timeout(120):
                while len(shown.split()) < 8:
                    for message_id, text in APPENDED.findall(await ws.recv()):
                        reply_id, shown = int(message_id), shown + html.unescape(text)
                await ws.send(json.dumps({"msg": "And what was his name?"}))
                while "Still answering" not in await ws.recv():
                    pass
    finally:
        server.kill()

    db = sqlite3.connect(home / "whittle.db")
    content, status = db.execute("SELECT content, status FROM messages WHERE id=?", (reply_id,)).fetchone()
    assert status == "streaming", "the process died mid-answer"
    assert content.startswith(shown), f"shown {shown!r} but stored {content!r}"
    db.close()

    server = ServerProcess(home, port=server.port, extra_args=("--max-tokens", "16")).start()
    try:
        page = html.unescape(_page(server))
    finally:
        server.stop()
    assert shown.strip()[:40] in page
    assert f'id="msg-{reply_id}" class="msg msg-assistant msg-stopped"' in page
    assert "And what was his name?" in page and "not sent: the server restarted" in page
    db = sqlite3.connect(home / "whittle.db")
    assert db.execute("SELECT content, status FROM messages WHERE id=?", (reply_id,)).fetchone() == (content, "stopped")
    assert db.execute("SELECT status FROM messages WHERE content='And what was his name?'").fetchone() == ("unsent",)
