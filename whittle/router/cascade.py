"""The cascade: cheapest eligible tier first, check its answer, escalate when the check fails.

Every decision is recorded in the ledger (llm_calls) with its reason: the request's kind
(given, or classified from its text), which tier was skipped and why (privacy, budget,
difficulty, unavailable), which answer was rejected and why (validator, low log-probability,
two samples that disagree), and what the answer would have cost at the most capable tier.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from whittle.kv import KeyValueStore
from whittle.llm.base import ChatMessage, ModelError, StreamStats
from whittle.llm.calllog import CallLog
from whittle.llm.logprobs import summarize
from whittle.router.agreement import answer_key, compare, implied_check
from whittle.router.answer_checks import Verdict, check_answer
from whittle.router.budget import Budget, BudgetExceeded
from whittle.router.request import Attempt, LLMRequest, RouteResult
from whittle.router.task_kind import classify, question_of
from whittle.router.tier_runtime import Tier
from whittle.router.tiers import RouterConfig

# Reserve for a little more input than we count: remote tokenizers differ from our estimate.
INPUT_ESTIMATE_MARGIN = 1.25


class NoTierAvailable(RuntimeError):
    """No tier could answer; str(error) lists why each was passed over."""


@dataclass(frozen=True)
class AttemptStarted:
    tier: str
    model: str
    replaces_previous: bool  # a rejected answer is on screen: replace it


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


RouterEvent = AttemptStarted | Piece | AttemptRejected | Finished


class Router:
    def __init__(
        self,
        tiers: list[Tier],
        ledger: CallLog,
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
        return bool(conversation) and bool(self.kv.get("privacy", f"pinned:{conversation}"))

    def pin(self, conversation: str | None) -> None:
        if conversation:
            self.kv.set("privacy", f"pinned:{conversation}", True)

    # -- the cascade -------------------------------------------------------------
    async def complete(self, request: LLMRequest) -> RouteResult:
        async for event in self.stream(request):
            if isinstance(event, Finished):
                return event.result
        raise AssertionError("stream() always ends with Finished or raises")

    async def stream(self, request: LLMRequest) -> AsyncIterator[RouterEvent]:
        self._settle_kind(request)
        cached = self._from_cache(request)
        if cached is not None:
            yield AttemptStarted(cached.tier, cached.model, replaces_previous=False)
            yield Piece(cached.text)
            yield Finished(cached)
            return
        attempts: list[Attempt] = []
        fallback: RouteResult | None = None
        shown = False
        candidates = self._candidates(request, attempts)
        for index, tier in enumerate(candidates):
            is_last = index == len(candidates) - 1
            prepared = self._prepare(tier, request, attempts)
            if prepared is None:
                continue
            messages, privacy_action, unmask = prepared
            reservation = self._reserve(tier, request, messages, attempts)
            if reservation is False:
                continue
            call_id = self.ledger.start(
                request.purpose, tier.model_name, messages,
                request_id=request.request_id, kind=request.kind, kind_reason=request.kind_reason,
                tier=tier.name, privacy=privacy_action,
            )
            yield AttemptStarted(tier.name, tier.model_name, replaces_previous=shown)
            shown = True
            stats = StreamStats()
            parts: list[str] = []
            try:
                async for piece in tier.backend.stream(
                    messages, max_tokens=request.max_tokens, temperature=request.temperature, stats=stats
                ):
                    text = unmask(piece)
                    if text:
                        parts.append(text)
                        yield Piece(text)
                tail = unmask(None)
                if tail:
                    parts.append(tail)
                    yield Piece(tail)
            except ModelError as error:
                self._settle(tier, reservation, stats, messages, request, failed=True)
                self.ledger.finish(call_id, "".join(parts), "error", stats)
                self.ledger.route(call_id, cost=0, counterfactual=0, outcome="failed", reason=str(error))
                attempts.append(Attempt(tier.name, tier.model_name, call_id, "failed", str(error)))
                yield AttemptRejected(tier.name, str(error))
                continue
            except (asyncio.CancelledError, GeneratorExit):
                cost = self._settle(tier, reservation, stats, messages, request)
                self.ledger.finish(call_id, "".join(parts), "stopped", stats)
                self.ledger.route(call_id, cost=cost, counterfactual=self._counterfactual(stats, messages, request),
                                  outcome="stopped", reason="stopped by the user")
                raise
            text = "".join(parts)
            cost = self._settle(tier, reservation, stats, messages, request)
            counterfactual = self._counterfactual(stats, messages, request)
            verdict = check_answer(text, stats.extra.get("token_logprobs", []), request.check, self.config, request.kind)
            self.ledger.finish(call_id, text, "done", stats)
            samples: list[Attempt] = []
            if verdict.ok and not is_last and self._wants_agreement(tier, request):
                try:
                    cut_off = stats.finish_reason == "length"
                    verdict = await self._agreement(tier, request, text, cut_off, verdict, samples)
                except asyncio.CancelledError:
                    self.ledger.route(call_id, cost=cost, counterfactual=counterfactual, outcome="stopped",
                                      reason="stopped by the user during the agreement check")
                    raise
            accepted = verdict.ok or is_last
            reason = verdict.reason if verdict.ok else (f"{verdict.reason}; no higher tier left" if is_last else verdict.reason)
            confidence = summarize(stats.extra.get("token_logprobs", []))
            self.ledger.route(call_id, cost=cost, counterfactual=counterfactual,
                              outcome="accepted" if accepted else "escalated", reason=reason,
                              confidence=confidence["mean"] if confidence else None)
            attempts.append(Attempt(tier.name, tier.model_name, call_id, "accepted" if accepted else "escalated", reason, cost))
            attempts.extend(samples)
            if privacy_action == "none" and any(a.outcome == "kept-local" for a in attempts):
                privacy_action = "kept-local"
            result = RouteResult(text, tier.name, tier.model_name, call_id, cost, counterfactual, attempts,
                                 privacy=privacy_action, kind=request.kind, kind_reason=request.kind_reason)
            if accepted:
                self._to_cache(request, result)
                yield Finished(result)
                return
            fallback = fallback or result
            yield AttemptRejected(tier.name, verdict.reason)
        if fallback is not None:
            # Escalation was wanted but nothing above could answer: keep the answer we have.
            fallback.attempts = attempts
            self.ledger.route(fallback.call_id, cost=fallback.cost_usd, counterfactual=fallback.counterfactual_usd,
                              outcome="accepted", reason="kept: no higher tier could answer")
            yield Finished(fallback)
            return
        raise NoTierAvailable(
            "No model could answer this request. "
            + "; ".join(f"{a.tier}: {a.reason}" for a in attempts)
            + ". Check `whittle models` and whittle.toml."
        )

    # -- what the request is ---------------------------------------------------------
    @staticmethod
    def _settle_kind(request: LLMRequest) -> None:
        """Classify a request whose caller did not say what it is; the caller's word wins."""
        if request.kind is None:
            decision = classify(request.messages, request.check)
            request.kind, request.kind_reason = decision.kind, decision.reason
        elif not request.kind_reason:
            request.kind_reason = "set by the caller"

    # -- agreement of two samples -------------------------------------------------
    def _wants_agreement(self, tier: Tier, request: LLMRequest) -> bool:
        config = self.config
        return (
            config.agreement_samples > 1
            and request.kind in config.agreement_kinds
            and (tier.is_free or config.agreement_on_paid)
        )

    async def _agreement(
        self, tier: Tier, request: LLMRequest, answer: str, cut_off: bool, verdict: Verdict, samples: list[Attempt]
    ) -> Verdict:
        """Draw more samples, unseen, and fail the answer when one of them disagrees with it."""
        check = implied_check(request.kind, request.check, question_of(request.messages))
        if answer_key(request.kind, answer, check, cut_off=cut_off) is None:
            # Nothing to compare (no final number, no label): a sample would be paid for nothing.
            return Verdict(True, f"{verdict.reason}; agreement not checked: nothing to compare in the answer")
        agreed = ""
        for number in range(2, self.config.agreement_samples + 1):
            text, sample_cut_off, sample = await self._sample(tier, request, number)
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

    async def _sample(self, tier: Tier, request: LLMRequest, number: int) -> tuple[str | None, bool, Attempt]:
        """One more answer from the same tier, metered and logged like any call but never shown:
        (its text, whether it was cut off at max_tokens, its attempt), or (None, False, an attempt
        saying why there is none)."""
        scratch: list[Attempt] = []
        prepared = self._prepare(tier, request, scratch)  # the same privacy decision as the answer's
        if prepared is None:
            return None, False, Attempt(tier.name, tier.model_name, 0, "skipped", f"sample {number} may not see this request")
        messages, privacy_action, unmask = prepared
        reservation = self._reserve(tier, request, messages, scratch)
        if reservation is False:
            return None, False, Attempt(tier.name, tier.model_name, 0, "skipped", f"sample {number} {scratch[-1].reason}")
        call_id = self.ledger.start(
            request.purpose, tier.model_name, messages, request_id=request.request_id,
            kind=request.kind, kind_reason=request.kind_reason, tier=tier.name, privacy=privacy_action,
        )
        stats = StreamStats()
        parts: list[str] = []
        try:
            async for piece in tier.backend.stream(
                messages, max_tokens=request.max_tokens, temperature=self.config.agreement_temperature, stats=stats
            ):
                parts.append(unmask(piece))
            parts.append(unmask(None))
        except ModelError as error:
            self._settle(tier, reservation, stats, messages, request, failed=True)
            self.ledger.finish(call_id, "".join(parts), "error", stats)
            self.ledger.route(call_id, cost=0, counterfactual=0, outcome="agreement-sample", reason=f"failed: {error}")
            failed = Attempt(tier.name, tier.model_name, call_id, "agreement-sample", f"sample {number} failed: {error}")
            return None, False, failed
        except asyncio.CancelledError:
            cost = self._settle(tier, reservation, stats, messages, request)
            self.ledger.finish(call_id, "".join(parts), "stopped", stats)
            self.ledger.route(call_id, cost=cost, counterfactual=0, outcome="agreement-sample", reason="stopped by the user")
            raise
        text = "".join(parts)
        cost = self._settle(tier, reservation, stats, messages, request)
        self.ledger.finish(call_id, text, "done", stats)
        sample = Attempt(tier.name, tier.model_name, call_id, "agreement-sample", "drawn", cost)
        return text, stats.finish_reason == "length", sample

    # -- the answer cache ----------------------------------------------------------
    def _cache_key(self, request: LLMRequest) -> tuple[str, str] | None:
        """(question, context key): everything the model sees besides the question must match."""
        if self.cache is None or request.temperature > 0.5:
            return None
        *context, last = request.messages
        if last["role"] != "user":
            return None
        from whittle.cache import context_hash  # noqa: PLC0415

        return last["content"], context_hash(*(f"{m['role']}:{m['content']}" for m in context))

    def _from_cache(self, request: LLMRequest) -> RouteResult | None:
        key = self._cache_key(request)
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

    def _to_cache(self, request: LLMRequest, result: RouteResult) -> None:
        key = self._cache_key(request)
        if key and result.privacy == "none" and result.text.strip():
            self.cache.store(key[0], result.text, kind=request.kind, context_key=key[1], model=result.model)

    # -- steps -------------------------------------------------------------------
    def _candidates(self, request: LLMRequest, attempts: list[Attempt]) -> list[Tier]:
        candidates = []
        for tier in self.tiers:
            if tier.unavailable:
                attempts.append(Attempt(tier.name, tier.model_name, 0, "skipped", tier.unavailable))
            else:
                candidates.append(tier)
        if len(candidates) > 1 and self.difficulty is not None and self.config.skip_cheapest_above < 1:
            question = next((m["content"] for m in reversed(request.messages) if m["role"] == "user"), "")
            score = self.difficulty(question)
            if score is not None and score > self.config.skip_cheapest_above:
                skipped = candidates.pop(0)
                attempts.append(Attempt(skipped.name, skipped.model_name, 0, "skipped",
                                        f"predicted difficulty {score:.2f} > {self.config.skip_cheapest_above}"))
        return candidates

    def _prepare(self, tier: Tier, request: LLMRequest, attempts: list[Attempt]):
        """Apply the privacy policy for this tier: messages to send, the action, and an unmasker."""
        if self.privacy is None:
            return request.messages, "none", _identity_unmask()
        known_key = f"mapping:{request.conversation}" if request.conversation else None
        known = self.kv.get("privacy", known_key) if known_key else None
        decision = self.privacy.decide(tier.trust, request.messages, self.is_pinned(request.conversation), known=known)
        if decision.pin:
            self.pin(request.conversation)  # local tiers decide too, so a local-only conversation is pinned
        if decision.action == "keep_local":
            attempts.append(Attempt(tier.name, tier.model_name, 0, "kept-local",
                                    decision.notice or f"sensitive data ({', '.join(decision.kinds)}) stays local"))
            return None
        if decision.action == "mask":
            if known_key:
                # Placeholders stay stable across turns; the values never leave this machine's database.
                self.kv.set("privacy", known_key, decision.mapping)
            return decision.messages, "masked", _streaming_unmask(decision.unmasker())
        return request.messages, "none", _identity_unmask()

    def _reserve(self, tier: Tier, request: LLMRequest, messages: list[ChatMessage], attempts: list[Attempt]):
        if tier.is_free:
            return None
        input_tokens = int(sum(tier.backend.count_message_tokens(m) for m in messages) * INPUT_ESTIMATE_MARGIN)
        worst_case = tier.price.cost(input_tokens, request.max_tokens)
        try:
            return self.budget.reserve(tier.name, tier.provider, worst_case)
        except BudgetExceeded as error:
            attempts.append(Attempt(tier.name, tier.model_name, 0, "skipped", f"over budget: {error}"))
            return False

    def _settle(self, tier: Tier, reservation, stats: StreamStats, messages, request, failed: bool = False) -> float:
        if reservation is None:
            return 0.0
        if failed:
            self.budget.release(reservation)
            return 0.0
        cost = tier.price.cost(*self._tokens(tier, stats, messages))
        self.budget.settle(reservation, cost)
        return cost

    def _tokens(self, tier: Tier, stats: StreamStats, messages) -> tuple[int, int]:
        prompt = stats.prompt_tokens or sum(tier.backend.count_message_tokens(m) for m in messages)
        return prompt, stats.completion_tokens

    def _counterfactual(self, stats: StreamStats, messages, request: LLMRequest) -> float:
        top = self.top
        if top.price is None or top.is_free:
            return 0.0
        return top.price.cost(*self._tokens(top, stats, messages))


def _identity_unmask():
    return lambda piece: piece if piece is not None else ""


def _streaming_unmask(unmasker):
    return lambda piece: unmasker.feed(piece) if piece is not None else unmasker.flush()
