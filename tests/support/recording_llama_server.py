"""A real OpenAI-compatible server for tests: llama-cpp-python's own server on 127.0.0.1,
serving the bundled SmolLM2, with one addition: every request body is appended to a file,
so tests can prove what left "the machine" (e.g. that no sensitive value did).

    python tests/support/recording_llama_server.py --port 8123 --log /tmp/bodies.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import uvicorn
from llama_cpp.server.app import create_app
from llama_cpp.server.settings import ModelSettings, ServerSettings

from whittle.llm.model_file import bundled_model_path

MODEL_ALIAS = "remote-smollm2"


class RecordBodies:
    """ASGI middleware: write each HTTP request's path and body before the server sees it."""

    def __init__(self, app, log_path: Path):
        self.app = app
        self.log_path = log_path

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        chunks, more = [], True
        while more:
            message = await receive()
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        with self.log_path.open("a") as log:
            log.write(json.dumps({"path": scope["path"], "body": body.decode("utf-8", "replace")}) + "\n")
        delivered = False

        async def replay():
            nonlocal delivered
            if delivered:
                return await receive()
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", type=Path, required=True)
    args = parser.parse_args()
    app = create_app(
        # interrupt_requests off: concurrent requests queue for the model instead of cutting each other off.
        server_settings=ServerSettings(host="127.0.0.1", port=args.port, interrupt_requests=False),
        model_settings=[
            ModelSettings(model=str(bundled_model_path()), model_alias=MODEL_ALIAS, n_ctx=2048, n_threads=2, verbose=False)
        ],
    )
    uvicorn.run(RecordBodies(app, args.log), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
