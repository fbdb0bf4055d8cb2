"""Helpers for tests and benchmarks: run a real `whittle serve` process and talk to it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_openai_server(script: Path, *args: str, name: str, timeout_s: float = 60) -> tuple[subprocess.Popen, str]:
    """Run an OpenAI-compatible server script (`--port` is added) until /v1/models answers: (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(script), "--port", str(port), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1)
            return process, f"http://127.0.0.1:{port}/v1"
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"{name} did not start: {process.stderr.read().decode()[-2000:]}") from None
            time.sleep(0.2)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


class ServerProcess:
    """`python -m whittle serve` on a free port with its own WHITTLE_HOME."""

    def __init__(self, home: Path, *, port: int | None = None, extra_args: tuple[str, ...] = ()):
        self.home = Path(home)
        self.port = port or free_port()
        self.extra_args = extra_args
        self.process: subprocess.Popen | None = None
        self.log_path = self.home / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def start(self, timeout: float = 60) -> ServerProcess:
        self.home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "WHITTLE_HOME": str(self.home)}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "whittle", "serve", "--port", str(self.port), *self.extra_args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"whittle serve exited with {self.process.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                    if json.load(response)["status"] == "ok":
                        return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"whittle serve did not answer within {timeout}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers run, as in a crash."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def browser_launch_options() -> dict:
    """Playwright launch options for Debian's chromium (no browser download, no background network)."""
    return {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def conversation_menu(page):
    """The chat panel's conversation menu, opened if it is closed (browser tests)."""
    details = page.locator("#chat-conversations")
    if details.get_attribute("open") is None:
        page.click("#chat-conversation-title")
    return details
