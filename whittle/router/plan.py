"""The pre-route pass: everything decided about a request before any model is called.

A `RoutePlan` is built once per request and never changed: the request's kind (and why), the
candidate tiers in order with the privacy decision for each (what it would be sent, masked or
not, or that the request must stay local), the tiers passed over already (unavailable, predicted
too hard), and whether the answer cache may answer or keep the result. The cascade
(router/cascade.py) then runs attempts along it; an attempt may still be refused by the budget,
which is only known at the moment of reserving.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from whittle.kv import KeyValueStore
from whittle.llm.base import ChatMessage
from whittle.router.constrain import implied_constraint
from whittle.router.request import Attempt, LLMRequest
from whittle.router.task_kind import classify
from whittle.router.tier_runtime import Tier

# Above this temperature answers are meant to vary: a cached one would defeat the purpose.
CACHEABLE_MAX_TEMPERATURE = 0.5


@dataclass(frozen=True)
class TierPrivacy:
    """What one tier may see of the request."""

    action: str  # 'none': the messages as they are; 'masked': placeholders instead of values; 'kept-local'
    messages: tuple[ChatMessage, ...]
    notice: str = ""  # why the request stays local, for the ledger and the user
    unmasker: Callable[[], object] | None = None  # a fresh streaming unmasker per call (masked only)

    def unmask(self) -> Callable[[str | None], str]:
        """A function turning each streamed piece back into real values (None: flush what is held back)."""
        if self.unmasker is None:
            return lambda piece: piece if piece is not None else ""
        unmasker = self.unmasker()
        return lambda piece: unmasker.feed(piece) if piece is not None else unmasker.flush()


@dataclass(frozen=True)
class TierStep:
    tier: Tier
    privacy: TierPrivacy
    is_last: bool  # the last candidate: its answer is kept even when a check fails


@dataclass(frozen=True)
class RoutePlan:
    kind: str
    kind_reason: str
    steps: tuple[TierStep, ...]
    skipped: tuple[Attempt, ...]  # tiers passed over before any call, with the reason
    cache_key: tuple[str, str] | None  # (question, context key) when the cache may answer; else None


class PrivacyGate:
    """The privacy policy applied per tier, with the conversation's pin and masking map kept in kv."""

    def __init__(self, policy, kv: KeyValueStore):
        self.policy = policy  # whittle.privacy (decide, ...) or None when every tier is local
        self.kv = kv

    def is_pinned(self, conversation: str | None) -> bool:
        return bool(conversation) and bool(self.kv.get("privacy", f"pinned:{conversation}"))

    def pin(self, conversation: str | None) -> None:
        if conversation:
            self.kv.set("privacy", f"pinned:{conversation}", True)

    def decide(self, tier: Tier, request: LLMRequest) -> TierPrivacy:
        if self.policy is None:
            return TierPrivacy("none", tuple(request.messages))
        known_key = f"mapping:{request.conversation}" if request.conversation else None
        known = self.kv.get("privacy", known_key) if known_key else None
        decision = self.policy.decide(tier.trust, request.messages, self.is_pinned(request.conversation), known=known)
        if decision.pin:
            self.pin(request.conversation)  # local tiers decide too, so a local-only conversation is pinned
        if known_key and decision.mapping and decision.mapping != known:
            # Placeholders stay stable across turns, and a value seen once (even by a local-only turn)
            # is masked in every later turn; the values never leave this machine's database.
            self.kv.set("privacy", known_key, decision.mapping)
        if decision.action == "keep_local":
            notice = decision.notice or f"sensitive data ({', '.join(decision.kinds)}) stays local"
            return TierPrivacy("kept-local", (), notice)
        if decision.action == "mask":
            return TierPrivacy("masked", tuple(decision.messages), unmasker=decision.unmasker)
        return TierPrivacy("none", tuple(request.messages))


def settle_kind(request: LLMRequest) -> None:
    """Classify a request whose caller did not say what it is; the caller's word wins."""
    if request.kind is None:
        decision = classify(request.messages, request.check)
        request.kind, request.kind_reason = decision.kind, decision.reason
    elif not request.kind_reason:
        request.kind_reason = "set by the caller"


def cache_key(request: LLMRequest, caching: bool) -> tuple[str, str] | None:
    """(question, context key): everything the model sees besides the question must match."""
    if not caching or request.temperature > CACHEABLE_MAX_TEMPERATURE:
        return None
    if request.constraint is not None and request.constraint.gbnf is not None:
        return None  # a grammar is built per request (the agent's spans and state values): no two are alike
    *context, last = request.messages
    if last["role"] != "user":
        return None
    from whittle.cache import context_hash

    shape = [f"schema:{json.dumps(request.constraint.json_schema, sort_keys=True)}"] if request.constraint else []
    return last["content"], context_hash(*(f"{m['role']}:{m['content']}" for m in context), *shape)


class UnknownTier(LookupError):
    """A request pinned to a tier name that whittle.toml does not define; the message lists the names."""


def build_plan(
    request: LLMRequest,
    tiers: list[Tier],
    gate: PrivacyGate,
    *,
    difficulty: Callable[[str], float | None] | None,
    skip_cheapest_above: float,
    caching: bool,
    constrain_checked: bool = True,
) -> RoutePlan:
    settle_kind(request)
    if constrain_checked and request.constraint is None:
        request.constraint = implied_constraint(request.check)
    skipped: list[Attempt] = []
    candidates: list[Tier] = []
    if request.tier is not None:
        pinned = [tier for tier in tiers if tier.name == request.tier]
        if not pinned:
            names = ", ".join(tier.name for tier in tiers)
            raise UnknownTier(f"No tier is called {request.tier!r}; the configured tiers are: {names}.")
        tiers = pinned
    for tier in tiers:
        if tier.unavailable:
            skipped.append(Attempt(tier.name, tier.model_name, 0, "skipped", tier.unavailable))
        else:
            candidates.append(tier)
    if len(candidates) > 1 and difficulty is not None and skip_cheapest_above < 1:
        question = next((m["content"] for m in reversed(request.messages) if m["role"] == "user"), "")
        score = difficulty(question)
        if score is not None and score > skip_cheapest_above:
            passed = candidates.pop(0)
            skipped.append(Attempt(passed.name, passed.model_name, 0, "skipped",
                                   f"predicted difficulty {score:.2f} > {skip_cheapest_above}"))
    # One decision per trust level: the policy depends on the trust, not on the tier (and deciding
    # twice would run the detectors twice over the same messages).
    decisions: dict[str, TierPrivacy] = {}
    for tier in candidates:
        if tier.trust not in decisions:
            decisions[tier.trust] = gate.decide(tier, request)
    steps = tuple(
        TierStep(tier, decisions[tier.trust], is_last=index == len(candidates) - 1)
        for index, tier in enumerate(candidates)
    )
    # A pinned request asks that tier for its own answer: a cached one from another tier would not do.
    return RoutePlan(request.kind, request.kind_reason, steps, tuple(skipped),
                     cache_key(request, caching and request.tier is None))
