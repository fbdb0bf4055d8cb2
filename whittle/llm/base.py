"""Types shared by every backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict


class ChatMessage(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


class ModelError(RuntimeError):
    """A backend failed to produce an answer; the message says what to do."""


@dataclass
class StreamStats:
    """Filled in by a backend while it streams, read by the caller afterwards."""

    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    ttft_ms: float | None = None
    latency_ms: float = 0.0
    finish_reason: str | None = None
    cancelled: bool = False
    extra: dict = field(default_factory=dict)
