"""The workload's optional middle tier: a llama.cpp server on 127.0.0.1, given or started for the run.

`--middle-tier http://127.0.0.1:8080/v1` uses a server already running; `--middle-tier model.gguf`
starts llama-cpp-python's OpenAI-compatible server on a free 127.0.0.1 port for the run and stops
it afterwards (WHITTLE_THREADS threads, default 1, on a shared machine).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

START_TIMEOUT_S = 120


class BadMiddleTier(ValueError):
    """The middle tier cannot be used; the message names the fix."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def middle_tier_url(spec: str | None) -> Iterator[str | None]:
    """The middle tier's base URL for the run (None: no middle tier)."""
    if not spec:
        yield None
        return
    if spec.startswith(("http://", "https://")):
        if urlparse(spec).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise BadMiddleTier(f"{spec}: the middle tier is a local server; give a 127.0.0.1 URL or a .gguf file")
        yield spec
        return
    path = Path(spec)
    if path.suffix != ".gguf" or not path.is_file():
        raise BadMiddleTier(f"{spec}: give the URL of a llama.cpp server on 127.0.0.1 (http://127.0.0.1:PORT/v1) "
                            "or the path of an existing .gguf model file")
    port = _free_port()
    threads = os.environ.get("WHITTLE_THREADS", "1")
    url = f"http://127.0.0.1:{port}/v1"
    # Its log goes to a file: an unread pipe fills up and stalls the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(path), "--host", "127.0.0.1", "--port", str(port),
             "--n_threads", threads, "--n_ctx", "2048", "--model_alias", "middle", "--verbose", "False"],
            stdout=subprocess.DEVNULL, stderr=log,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                try:
                    urllib.request.urlopen(f"{url}/models", timeout=1)
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        raise BadMiddleTier(f"llama_cpp.server did not start with {path}: "
                                            f"{log.read().decode(errors='replace')[-1000:]}") from None
                    time.sleep(0.5)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
