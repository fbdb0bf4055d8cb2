"""What a caller asks the router for, and what it gets back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from whittle.llm.base import ChatMessage

TaskKind = Literal["chat", "extraction", "classification", "summarisation", "reasoning"]


@dataclass
class LLMRequest:
    messages: list[ChatMessage]
    purpose: str  # who asked: 'chat', 'ask', 'competitive-analysis', ...
    kind: TaskKind = "chat"
    max_tokens: int = 256
    temperature: float = 0.2
    # Structured tasks: a check the answer must pass (see answer_checks); None for free text.
    check: object | None = None
    # Privacy pinning is per conversation: once sensitive, always restricted.
    conversation: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


@dataclass
class Attempt:
    tier: str
    model: str
    call_id: int
    outcome: str  # 'accepted', 'escalated', 'failed', 'skipped', 'kept-local'
    reason: str
    cost_usd: float = 0.0


@dataclass
class RouteResult:
    text: str
    tier: str
    model: str
    call_id: int | None
    cost_usd: float
    counterfactual_usd: float
    attempts: list[Attempt]
    cache_hit: bool = False
    privacy: str = "none"  # 'none', 'masked', 'kept-local'

    @property
    def reason(self) -> str:
        return "; ".join(f"{a.tier}: {a.outcome} ({a.reason})" for a in self.attempts)
