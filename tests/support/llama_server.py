"""llama-cpp-python's own OpenAI-compatible server (the bundled SmolLM2) on 127.0.0.1, behind an ASGI
layer of a test's own: what tests/support/recording_llama_server.py (records every request body)
and tests/router/faulty_server.py (misbehaves on request) have in common.

Each of them is a script: `serve(layer, log_option=...)` parses `--port` and the one log file
option, builds the server and runs it with the layer around it. Started by
tests.support.testing.start_openai_server, which waits until /v1/models answers.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import uvicorn
from llama_cpp.server.app import create_app
from llama_cpp.server.settings import ModelSettings, ServerSettings

from whittle.llm.model_file import bundled_model_path

MODEL_ALIAS = "remote-smollm2"  # the model name the server answers to, as a remote tier names it

Receive = Callable[[], Awaitable[dict]]


async def read_body(receive: Receive) -> bytes:
    """The whole HTTP request body, however many ASGI messages it came in."""
    chunks, more = [], True
    while more:
        message = await receive()
        chunks.append(message.get("body", b""))
        more = message.get("more_body", False)
    return b"".join(chunks)


async def never_disconnects() -> dict:
    """A receive() after the body for a request made here: the client stays connected as far as the server knows."""
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


def replay(body: bytes, then: Receive) -> Receive:
    """A receive() that hands the server `body` (already read) once, then defers to `then`."""
    delivered = False

    async def receive() -> dict:
        nonlocal delivered
        if delivered:
            return await then()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def serve(layer: Callable[[object, Path], object], *, log_option: str, n_threads: int, log_level: str,
          model_alias: str = MODEL_ALIAS, **model_fields) -> None:
    """Run the server on `--port` with `layer(app, log_path)` around it; `log_option` names the log file's flag,
    model_fields are more llama-cpp-python ModelSettings (chat_format="chatml-function-calling")."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument(log_option, type=Path, required=True, dest="log_path")
    args = parser.parse_args()
    app = create_app(
        # interrupt_requests off: concurrent requests queue for the model instead of cutting each other off.
        server_settings=ServerSettings(host="127.0.0.1", port=args.port, interrupt_requests=False),
        model_settings=[ModelSettings(model=str(bundled_model_path()), model_alias=model_alias, n_ctx=2048,
                                      n_threads=n_threads, verbose=False, **model_fields)],
    )
    uvicorn.run(layer(app, args.log_path), host="127.0.0.1", port=args.port, log_level=log_level,
                timeout_graceful_shutdown=1)  # slow and endless requests must not hold up the end of a test run
