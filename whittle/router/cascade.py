"""The cascade: plan, then attempts along the plan, each recorded in the ledger.

1. Plan (router/plan.py): the request's kind, the candidate tiers cheapest first with the privacy
   decision for each, the tiers passed over (unavailable, predicted too hard), the cache decision.
2. Attempts (router/attempts.py): each call runs inside one budget charge (reserve the worst case,
   settle what was used, release on failure) and writes exactly one ledger row (llm_calls).
3. Checks (router/checks.py) judge each answer; a failed check escalates to the next tier, a failed
   tier falls back to the next one, and the last tier's answer is kept.
4. On a local tier a sum or arithmetic word problem is calculated instead (router/calculator.py): the
   model writes an expression, the app works it out and checks it, or escalates.

Every decision is in the ledger with its reason: the kind (given, or classified from its text),
which tier was skipped and why (privacy, budget, difficulty, unavailable), which answer was
rejected and why (validator, low log-probability, two samples that disagree), which tier failed
and how, and what the answer would have cost at the most capable tier.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from dataclasses import dataclass

from whittle.config import RouterConfig
from whittle.kv import KeyValueStore
from whittle.llm.base import ChatMessage, StreamStats
from whittle.llm.logprobs import label_probability, summarize
from whittle.router.agreement import answer_key, compare, implied_check
from whittle.router.attempts import Call
from whittle.router.budget import Budget, BudgetExceeded
from whittle.router.calculator import calculable, calculating_model, work_out
from whittle.router.checks import ChoiceCheck, Verdict, check_answer
from whittle.router.conversation import question_of
from whittle.router.ledger import Ledger
from whittle.router.plan import PrivacyGate, RoutePlan, TierStep, build_plan
from whittle.router.request import Attempt, LLMRequest, RouteResult
from whittle.router.tier_runtime import Tier


class NoTierAvailable(RuntimeError):
    """No tier could answer; str(error) lists why each was passed over."""


@dataclass(frozen=True)
class AttemptStarted:
    tier: str
    model: str
    replaces_previous: bool  # a rejected answer is on screen: replace it


@dataclass(frozen=True)
class PromptReading:
    """Before its first token the tier's model reads this many prompt tokens (those not in its
    cache). Only a backend that can tell sends it: the embedded model."""

    tier: str
    model: str
    tokens: int


@dataclass(frozen=True)
class Piece:
    text: str


@dataclass(frozen=True)
class AttemptRejected:
    tier: str
    reason: str


@dataclass(frozen=True)
class Finished:
    result: RouteResult


RouterEvent = AttemptStarted | PromptReading | Piece | AttemptRejected | Finished


class Router:
    def __init__(
        self,
        tiers: list[Tier],
        ledger: Ledger,
        budget: Budget,
        kv: KeyValueStore,
        config: RouterConfig,
        *,
        privacy=None,
        difficulty: Callable[[str], float | None] | None = None,
        cache=None,
    ):
        if not tiers:
            raise ValueError("the router needs at least one tier")
        self.tiers = tiers
        self.ledger = ledger
        self.budget = budget
        self.kv = kv
        self.config = config
        self.privacy = privacy
        self.gate = PrivacyGate(privacy, kv)
        self.difficulty = difficulty
        self.cache = cache

    @property
    def first(self) -> Tier:
        return self.tiers[0]

    @property
    def top(self) -> Tier:
        """The most capable tier: the last one listed. Savings are measured against it."""
        return self.tiers[-1]

    # -- privacy pinning ---------------------------------------------------------
    def is_pinned(self, conversation: str | None) -> bool:
        return self.gate.is_pinned(conversation)

    def pin(self, conversation: str | None) -> None:
        self.gate.pin(conversation)

    # -- the cascade -------------------------------------------------------------
    def plan(self, request: LLMRequest) -> RoutePlan:
        """The pre-route pass: decided once, before any call (sets request.kind when it was None)."""
        return build_plan(request, self.tiers, self.gate, difficulty=self.difficulty,
                          skip_cheapest_above=self.config.skip_cheapest_above, caching=self.cache is not None,
                          constrain_checked=self.config.constrain_checked)

    async def complete(self, request: LLMRequest) -> RouteResult:
        async for event in self.stream(request):
            if isinstance(event, Finished):
                return event.result
        raise AssertionError("stream() always ends with Finished or raises")

    async def stream(self, request: LLMRequest) -> AsyncIterator[RouterEvent]:
        plan = self.plan(request)
        cached = self._from_cache(plan, request)
        if cached is not None:
            yield AttemptStarted(cached.tier, cached.model, replaces_previous=False)
            yield Piece(cached.text)
            yield Finished(cached)
            return
        attempts: list[Attempt] = list(plan.skipped)
        fallback: RouteResult | None = None
        shown = False
        for step in plan.steps:
            tier = step.tier
            if step.privacy.action == "kept-local":
                attempts.append(Attempt(tier.name, tier.model_name, 0, "kept-local", step.privacy.notice))
                continue
            if (work := calculable(step, request)) is not None:  # a sum or word problem: the app calculates
                yield AttemptStarted(tier.name, calculating_model(work, tier), replaces_previous=shown)
                shown = True
                calculation = await work_out(work, step, request, self.ledger, self.budget, confirm=not step.is_last,
                                             counterfactual=lambda stats, m=step.privacy.messages: self._counterfactual(stats, m))
                attempts.extend(calculation.attempts)
                if calculation.kept:
                    result = calculation.result(tier, request, attempts)
                    yield Piece(result.text)
                    self._to_cache(plan, result)
                    yield Finished(result)
                    return
                yield AttemptRejected(tier.name, calculation.reason)
                if not step.is_last:
                    continue  # escalate; on the last tier the model answers in its own words instead
            call = Call(self.ledger, self.budget, tier, step.privacy, request, temperature=request.temperature,
                        counterfactual=lambda stats, messages=step.privacy.messages: self._counterfactual(stats, messages))
            async with aclosing(call.run()) as pieces:
                try:
                    await anext(pieces)  # reserved and recorded
                except BudgetExceeded as error:
                    attempts.append(Attempt(tier.name, tier.model_name, 0, "skipped", f"over budget: {error}"))
                    continue
                yield AttemptStarted(tier.name, tier.model_name, replaces_previous=shown)
                shown = True
                async for text in pieces:
                    if text:
                        yield Piece(text)
                    elif call.stats.prompt_tokens_to_read is not None:
                        yield PromptReading(tier.name, tier.model_name, call.stats.prompt_tokens_to_read)
            if call.error is not None:
                attempts.append(Attempt(tier.name, tier.model_name, call.call_id, "failed", call.error))
                yield AttemptRejected(tier.name, call.error)
                continue
            result, accepted = await self._judge(step, call, request, attempts)
            if accepted:
                self._to_cache(plan, result)
                yield Finished(result)
                return
            fallback = fallback or result
            yield AttemptRejected(tier.name, attempts[-1].reason)
        if fallback is not None:
            # Escalation was wanted but nothing above could answer: keep the answer we have.
            fallback.attempts = attempts
            self.ledger.route(fallback.call_id, cost=fallback.cost_usd, counterfactual=fallback.counterfactual_usd,
                              outcome="accepted", reason="kept: no higher tier could answer")
            yield Finished(fallback)
            return
        raise NoTierAvailable(
            "No model could answer this request. "
            + "; ".join(f"{a.tier}: {a.reason.rstrip('.')}" for a in attempts)
            + ". Check `whittle models` and whittle.toml."
        )

    async def _judge(
        self, step: TierStep, call: Call, request: LLMRequest, attempts: list[Attempt]
    ) -> tuple[RouteResult, bool]:
        """Check a finished answer (and, where it applies, its agreement with more samples); record the
        verdict on its ledger row. Returns the result and whether it is accepted."""
        tier, stats = step.tier, call.stats
        counterfactual = self._counterfactual(stats, step.privacy.messages)
        token_logprobs = stats.extra.get("token_logprobs", [])
        label_share = self._label_probability(tier, request, call.text, token_logprobs)
        verdict = check_answer(
            call.text, token_logprobs, request.check, self.config, request.kind,
            messages=request.messages, label_probability=label_share, tier_is_local=tier.config.is_local,
        )
        if call.note:
            verdict = Verdict(verdict.ok, f"{verdict.reason}; {call.note}")
        samples: list[Attempt] = []
        if verdict.ok and not step.is_last and self._wants_agreement(tier, request):
            try:
                verdict = await self._agreement(step, request, call.text, call.cut_off, verdict, samples)
            except BaseException:
                self.ledger.route(call.call_id, cost=call.cost, counterfactual=counterfactual, outcome="stopped",
                                  reason="stopped by the user during the agreement check")
                raise
        accepted = verdict.ok or step.is_last
        reason = verdict.reason if verdict.ok or not step.is_last else f"{verdict.reason}; no higher tier left"
        confidence = summarize(token_logprobs)
        if label_share is not None:  # a label: its log share of the grammar's mass, not raw token logprobs
            confidence = {"mean": math.log(label_share) if label_share > 0 else -50.0}
        outcome = "accepted" if accepted else "escalated"
        self.ledger.route(call.call_id, cost=call.cost, counterfactual=counterfactual, outcome=outcome, reason=reason,
                          confidence=confidence["mean"] if confidence else None)
        attempts.append(Attempt(tier.name, tier.model_name, call.call_id, outcome, reason, call.cost))
        attempts.extend(samples)
        privacy_action = step.privacy.action
        if privacy_action == "none" and any(a.outcome == "kept-local" for a in attempts):
            privacy_action = "kept-local"
        result = RouteResult(call.text, tier.name, tier.model_name, call.call_id, call.cost, counterfactual,
                             list(attempts), privacy=privacy_action, kind=request.kind, kind_reason=request.kind_reason)
        return result, accepted

    @staticmethod
    def _label_probability(tier: Tier, request: LLMRequest, text: str, token_logprobs) -> float | None:
        """The chosen label's share of the mass its grammar allows, when the answer was constrained to
        a ChoiceCheck's labels and the backend kept its distributions (the embedded model); else None."""
        check = request.check
        if not isinstance(check, ChoiceCheck) or request.constraint is None:
            return None
        tokenize = getattr(tier.backend, "token_ids", None)  # the embedded model's; remote tiers keep no distributions
        if tokenize is None:
            return None
        chosen = text.strip()
        return label_probability(token_logprobs, check.choices, chosen, tokenize)

    # -- agreement of two samples -------------------------------------------------
    def _wants_agreement(self, tier: Tier, request: LLMRequest) -> bool:
        config = self.config
        return (
            config.agreement_samples > 1
            and request.kind in config.agreement_kinds
            and (tier.is_free or config.agreement_on_paid)
        )

    async def _agreement(
        self, step: TierStep, request: LLMRequest, answer: str, cut_off: bool, verdict: Verdict, samples: list[Attempt]
    ) -> Verdict:
        """Draw more samples, unseen, and fail the answer when one of them disagrees with it."""
        check = implied_check(request.kind, request.check, question_of(request.messages))
        if answer_key(request.kind, answer, check, cut_off=cut_off) is None:
            # Nothing to compare (no final number, no label): a sample would be paid for nothing.
            return Verdict(True, f"{verdict.reason}; agreement not checked: nothing to compare in the answer")
        agreed = ""
        for number in range(2, self.config.agreement_samples + 1):
            text, sample_cut_off, sample = await self._sample(step, request, number)
            samples.append(sample)
            if text is None:
                return Verdict(True, f"{verdict.reason}; agreement not checked: {sample.reason}")
            comparison = compare(request.kind, answer, text, check, first_cut_off=cut_off, second_cut_off=sample_cut_off)
            sample.reason = f"sample {number} at temperature {self.config.agreement_temperature}: {comparison.reason}"
            self.ledger.route(sample.call_id, cost=sample.cost_usd, counterfactual=0, outcome="agreement-sample",
                              reason=sample.reason)
            if comparison.agree is None:
                return Verdict(True, f"{verdict.reason}; agreement not checked: {comparison.reason}")
            if not comparison.agree:
                return Verdict(False, comparison.reason)
            agreed = comparison.reason
        return Verdict(True, f"{verdict.reason}; {agreed}")

    async def _sample(self, step: TierStep, request: LLMRequest, number: int) -> tuple[str | None, bool, Attempt]:
        """One more answer from the same tier with the same privacy decision, metered and logged like
        any call but never shown: (its text, whether it was cut off at max_tokens, its attempt), or
        (None, False, an attempt saying why there is none)."""
        tier = step.tier
        call = Call(self.ledger, self.budget, tier, step.privacy, request,
                    temperature=self.config.agreement_temperature, sample=True)
        async with aclosing(call.run()) as pieces:
            try:
                await anext(pieces)
            except BudgetExceeded as error:
                return None, False, Attempt(tier.name, tier.model_name, 0, "skipped", f"sample {number} over budget: {error}")
            async for _ in pieces:
                pass
        if call.error is not None:
            failed = Attempt(tier.name, tier.model_name, call.call_id, "agreement-sample", f"sample {number} failed: {call.error}")
            return None, False, failed
        sample = Attempt(tier.name, tier.model_name, call.call_id, "agreement-sample", "drawn", call.cost)
        return call.text, call.cut_off, sample

    # -- the answer cache ----------------------------------------------------------
    def _from_cache(self, plan: RoutePlan, request: LLMRequest) -> RouteResult | None:
        key = plan.cache_key
        hit = key and self.cache.lookup(key[0], kind=request.kind, context_key=key[1])
        if not hit:
            return None
        note = "exact repeat" if hit.exact else f"similar question ({hit.similarity:.2f}): {hit.matched_question[:60]}"
        counterfactual = 0.0
        top = self.top
        if top.price is not None and not top.is_free and top.backend is not None:
            prompt = sum(top.backend.count_message_tokens(m) for m in request.messages)
            counterfactual = top.price.cost(prompt, top.backend.count_tokens(hit.answer))
        call_id = self.ledger.start(request.purpose, hit.model, request.messages, request_id=request.request_id,
                                    kind=request.kind, kind_reason=request.kind_reason, tier="cache")
        self.ledger.finish(call_id, hit.answer, "done", StreamStats(model=hit.model))
        self.ledger.route(call_id, cost=0, counterfactual=counterfactual, outcome="accepted",
                          reason=f"answer cache: {note}", cache_hit=True)
        attempt = Attempt("cache", hit.model, call_id, "accepted", f"answer cache: {note}")
        return RouteResult(hit.answer, "cache", hit.model, call_id, 0.0, counterfactual, [attempt], cache_hit=True,
                           kind=request.kind, kind_reason=request.kind_reason)

    def _to_cache(self, plan: RoutePlan, result: RouteResult) -> None:
        key = plan.cache_key
        if key and result.privacy == "none" and result.text.strip():
            self.cache.store(key[0], result.text, kind=result.kind, context_key=key[1], model=result.model)

    # -- what an answer would have cost at the top tier ------------------------------
    def _counterfactual(self, stats: StreamStats, messages: tuple[ChatMessage, ...]) -> float:
        top = self.top
        if top.price is None or top.is_free:
            return 0.0
        prompt = stats.prompt_tokens if stats.usage_reported and stats.prompt_tokens else None
        if prompt is None and top.backend is not None:
            prompt = sum(top.backend.count_message_tokens(m) for m in messages)
        return top.price.cost(prompt or 0, max(stats.completion_tokens, stats.pieces))
