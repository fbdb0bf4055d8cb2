"""What a caller asks the router for, and what it gets back."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Literal

from whittle.llm.base import ChatMessage, OutputConstraint

# "knowledge": a closed factual question about the world (router/task_kind.py); a local tier's answer
# to it is kept only when the conversation holds it (router/checks.py).
TaskKind = Literal["chat", "extraction", "classification", "summarisation", "reasoning", "knowledge"]


@dataclass
class LLMRequest:
    messages: list[ChatMessage]
    purpose: str  # who asked: 'chat', 'ask', 'competitive-analysis', ...
    # None: the router classifies the request (router/task_kind.py) and stores the kind here.
    kind: TaskKind | None = None
    max_tokens: int = 256
    temperature: float = 0.2
    # Structured tasks: a check the answer must pass (see router/checks.py); None for free text.
    check: object | None = None
    # The answer's shape, enforced while generating (a JSON schema or a grammar); None for free text.
    constraint: OutputConstraint | None = None
    # Only this tier answers (a user's model choice, a one-off job for the most capable tier); None: the cascade.
    tier: str | None = None
    # Privacy pinning is per conversation: once sensitive, always restricted.
    conversation: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    kind_reason: str = ""  # why the kind is what it is; set by the router


@dataclass
class Attempt:
    tier: str
    model: str
    call_id: int
    outcome: str  # 'accepted', 'escalated', 'failed', 'skipped', 'kept-local', 'agreement-sample'
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
    kind: str = "chat"
    kind_reason: str = ""

    @property
    def reason(self) -> str:
        steps = "; ".join(f"{a.tier}: {a.outcome} ({a.reason})" for a in self.attempts)
        return f"kind: {self.kind} ({self.kind_reason}); {steps}" if self.kind_reason else steps
