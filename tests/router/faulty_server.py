"""A real OpenAI-compatible server on 127.0.0.1 that misbehaves on request: for the router's budget
and fault tests and bench/budget_stress.py.

llama-cpp-python's own server (the bundled SmolLM2, tests/support/llama_server.py) behind an ASGI
layer that reads the model name a request asks for and acts on it:

    remote-smollm2     answer normally (usage reported in the stream's last chunk)
    no-usage           answer normally, but strip every usage report from the stream
    slow-<seconds>     wait that long, then answer normally
    status-500         HTTP 500 with an OpenAI-style error body
    malformed          a 200 event stream whose events are not JSON
    truncated          three pieces of text, then the connection is dropped mid-body
    unfinished         three pieces, then a clean end: no finish_reason, no [DONE]
    endless            ignore max_tokens: stream pieces until the client goes away

Normal answers come from the model unstreamed (llama-cpp-python's own stream reports no usage),
then are streamed here the way OpenAI streams: a word a piece, then finish_reason, then a usage
chunk. Every answer's true usage (as the model counted it) is appended to --usage-log as one JSON
line, so a test can compare what whittle metered with what was "billed".

    python tests/router/faulty_server.py --port 8123 --usage-log /tmp/usage.jsonl
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the repo root, for tests.support
from tests.support.llama_server import MODEL_ALIAS, never_disconnects, read_body, replay, serve  # noqa: E402

# Pieces as a server streams them: a word at a time, with the space before it.
PIECE = re.compile(r"\s*\S+|\s+$")


def _chunk(text: str | None, finish: str | None = None) -> bytes:
    delta = {"content": text} if text is not None else {}
    body = {"id": "fault", "object": "chat.completion.chunk", "created": 0, "model": "fault",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return b"data: " + json.dumps(body).encode() + b"\n\n"


async def _start(send, status: int = 200, content_type: bytes = b"text/event-stream") -> None:
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", content_type)]})


class Misbehave:
    def __init__(self, app, usage_log: Path):
        self.app = app
        self.usage_log = usage_log

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].endswith("/chat/completions"):
            return await self.app(scope, receive, send)
        request = json.loads(await read_body(receive))
        mode = request.get("model", MODEL_ALIAS)
        if mode == "status-500":
            await _start(send, 500, b"application/json")
            error = {"error": {"message": "the model crashed (on purpose)", "type": "server_error", "code": 500}}
            return await send({"type": "http.response.body", "body": json.dumps(error).encode()})
        if mode == "malformed":
            await _start(send)
            return await send({"type": "http.response.body", "body": b"data: {this is not json\n\ndata: [DONE]\n\n"})
        if mode in ("truncated", "unfinished"):
            await _start(send)
            for word in ("Once", " upon", " a"):
                await send({"type": "http.response.body", "body": _chunk(word), "more_body": True})
            if mode == "truncated":
                raise ConnectionAbortedError("dropping the connection mid-stream, on purpose")
            return await send({"type": "http.response.body", "body": b""})
        if mode == "endless":
            await _start(send)
            gone = asyncio.ensure_future(receive())  # the next message is http.disconnect
            sent = 0
            while not gone.done() and sent < 100_000:
                sent += 1
                await send({"type": "http.response.body", "body": _chunk(f" w{sent}"), "more_body": True})
                await asyncio.sleep(0.002)
            gone.cancel()
            self._log({"mode": mode, "pieces": sent})
            return await send({"type": "http.response.body", "body": b""})
        if mode.startswith("slow-"):
            await asyncio.sleep(float(mode.removeprefix("slow-")))
        answer = await self._complete(scope, request)
        if "choices" not in answer:
            await _start(send, 500, b"application/json")
            return await send({"type": "http.response.body", "body": json.dumps(answer).encode()})
        self._log({"mode": mode, "usage": answer["usage"]})
        await _start(send)
        choice = answer["choices"][0]
        for piece in PIECE.findall(choice["message"]["content"] or ""):
            await send({"type": "http.response.body", "body": _chunk(piece), "more_body": True})
        await send({"type": "http.response.body", "body": _chunk(None, choice["finish_reason"]), "more_body": True})
        if mode != "no-usage":  # as OpenAI does with stream_options.include_usage: a last chunk, no choices
            usage = {"id": "u", "object": "chat.completion.chunk", "created": 0, "model": "m", "choices": [],
                     "usage": answer["usage"]}
            await send({"type": "http.response.body", "body": b"data: " + json.dumps(usage).encode() + b"\n\n",
                        "more_body": True})
        await send({"type": "http.response.body", "body": b"data: [DONE]\n\n"})

    async def _complete(self, scope, request: dict) -> dict:
        """The whole answer from llama-cpp-python's server, unstreamed: its usage is exact (its own
        stream reports none), and this layer then streams it the way OpenAI does."""
        upstream = {k: v for k, v in request.items() if k not in ("stream", "stream_options", "logprobs", "top_logprobs")}
        upstream.update(model=MODEL_ALIAS, stream=False)
        body = json.dumps(upstream).encode()
        headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(len(body)).encode())]}
        parts: list[bytes] = []

        async def collect(message):
            if message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, replay(body, never_disconnects), collect)
        return json.loads(b"".join(parts))

    def _log(self, record: dict) -> None:
        with self.usage_log.open("a") as log:
            log.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    # log_level critical: the truncated mode's dropped connection is on purpose, not worth a trace.
    serve(Misbehave, log_option="--usage-log", n_threads=1, log_level="critical")
