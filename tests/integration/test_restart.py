"""A real server process: chat, kill -9, start again — history and the stored name survive."""

import asyncio
import json
import urllib.request

import pytest
import websockets

from whittle.testing import ServerProcess

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
