"""A real OpenAI-compatible server for tests: llama-cpp-python's own server on 127.0.0.1, serving
the bundled SmolLM2 (tests/support/llama_server.py), with one addition: every request body is
appended to a file, so tests can prove what left "the machine" (e.g. that no sensitive value did).

    python tests/support/recording_llama_server.py --port 8123 --log /tmp/bodies.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # run as a script: the repo root, for tests.support
from tests.support.llama_server import read_body, replay, serve  # noqa: E402


class RecordBodies:
    """ASGI middleware: write each HTTP request's path and body before the server sees it."""

    def __init__(self, app, log_path: Path):
        self.app = app
        self.log_path = log_path

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        body = await read_body(receive)
        with self.log_path.open("a") as log:
            log.write(json.dumps({"path": scope["path"], "body": body.decode("utf-8", "replace")}) + "\n")
        return await self.app(scope, replay(body, receive), send)


if __name__ == "__main__":
    serve(RecordBodies, log_option="--log", n_threads=2, log_level="warning")
