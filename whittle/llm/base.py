"""Types shared by every backend."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypedDict, runtime_checkable


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


@runtime_checkable
class Backend(Protocol):
    """What the router (router/cascade.py) and the chat's prompt builder need from a tier's model.

    EmbeddedModel (llama.cpp in-process) and OpenAICompatModel (any OpenAI-compatible server)
    provide it; a new kind of tier only has to provide these too.
    """

    name: str  # shown under each answer and logged in the ledger
    n_ctx: int  # context window in tokens: the chat fits the history into it

    def count_tokens(self, text: str) -> int: ...

    def count_message_tokens(self, message: ChatMessage) -> int:
        """Tokens a message takes in a prompt, its chat-template wrapping included (estimates may over-count)."""
        ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        stats: StreamStats | None = None,
    ) -> AsyncIterator[str]:
        """Yield the answer's text as it is produced (an async generator); fill `stats` while doing so.

        Raises ModelError when the model fails; closing the iterator stops the generation.
        """
        ...
