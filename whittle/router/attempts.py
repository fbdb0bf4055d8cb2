"""One attempt: one call to one tier, inside one budget charge, recorded as one ledger row.

`Call.run()` reserves the call's worst case (BudgetExceeded: nothing was sent, no row is
written), opens its ledger row and yields None once, then the answer's text piece by piece,
already unmasked (an empty piece before the first: `call.stats.prompt_tokens_to_read` is
known). However it ends, the row and the charge are closed together:

- done:      settled at what the tier reported (or what was counted), never above the reservation;
- failed:    ModelError from the tier (refused, timeout, 500, a malformed or cut stream):
             the reservation is released, the row says `failed` and why, `call.error` is set;
- stopped:   the caller went away (cancel, closed generator): settled at what was used so far;
- at limit:  the pieces reached max_tokens (a server ignoring it): the stream is stopped there.

The caller records the verdict (accepted, escalated, agreement-sample) on the same row.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing

from whittle.llm.base import ModelError, StreamStats
from whittle.router.budget import Budget
from whittle.router.ledger import Ledger
from whittle.router.plan import TierPrivacy
from whittle.router.request import LLMRequest
from whittle.router.tier_runtime import Tier


class Call:
    def __init__(self, ledger: Ledger, budget: Budget, tier: Tier, privacy: TierPrivacy, request: LLMRequest,
                 *, temperature: float, sample: bool = False,
                 counterfactual: Callable[[StreamStats], float] | None = None):
        self.ledger = ledger
        self.budget = budget
        self.tier = tier
        self.privacy = privacy
        self.request = request
        self.temperature = temperature
        self.sample = sample  # an unseen agreement sample: its rows keep the outcome 'agreement-sample'
        self.counterfactual = counterfactual or (lambda stats: 0.0)  # what the top tier would have charged
        self.call_id = 0
        self.text = ""
        self.cost = 0.0
        self.stats = StreamStats()
        self.error: str | None = None  # set when the tier failed
        self.note = ""  # set when the stream was stopped at the reservation

    @property
    def cut_off(self) -> bool:
        """The answer stopped at its token limit, so it may be unfinished."""
        return self.stats.finish_reason == "length"

    async def run(self) -> AsyncIterator[str | None]:
        tier, request, messages = self.tier, self.request, list(self.privacy.messages)
        with self.budget.charge(tier.name, tier.provider, tier.price, tier.prompt_bound(messages, request.constraint),
                                request.max_tokens) as charge:
            self.stats = stats = charge.stats
            self.call_id = self.ledger.start(
                request.purpose, tier.model_name, messages, request_id=request.request_id, kind=request.kind,
                kind_reason=request.kind_reason, tier=tier.name, privacy=self.privacy.action,
            )
            yield None  # reserved and recorded: the call is being made
            unmask = self.privacy.unmask()
            parts: list[str] = []
            try:
                stream = tier.backend.stream(messages, max_tokens=request.max_tokens, temperature=self.temperature,
                                             stats=stats, constraint=request.constraint)
                async with aclosing(stream) as pieces:
                    async for piece in pieces:
                        if not piece:  # no text: the backend says how much prompt it reads (stats)
                            yield ""
                            continue
                        charge.received(piece)
                        text = unmask(piece)
                        if text:
                            parts.append(text)
                            yield text
                        if charge.exhausted():
                            stats.finish_reason = "length"
                            self.note = f"stopped at the reservation ({request.max_tokens} tokens)"
                            break
                tail = unmask(None)
                if tail:
                    parts.append(tail)
                    yield tail
            except ModelError as error:
                charge.release()
                self.text, self.error = "".join(parts), str(error)
                self.ledger.finish(self.call_id, self.text, "error", stats)
                self.ledger.route(self.call_id, cost=0, counterfactual=0,
                                  outcome="agreement-sample" if self.sample else "failed",
                                  reason=f"failed: {error}" if self.sample else str(error))
                return
            except (asyncio.CancelledError, GeneratorExit):
                self.cost = charge.settle()
                self.text = "".join(parts)
                self.ledger.finish(self.call_id, self.text, "stopped", stats)
                self.ledger.route(self.call_id, cost=self.cost, counterfactual=self.counterfactual(stats),
                                  outcome="agreement-sample" if self.sample else "stopped", reason="stopped by the user")
                raise
            except Exception as error:
                # Not a tier failure but a fault here: close the row (the charge is released on the way out).
                self.ledger.finish(self.call_id, "".join(parts), "error", stats)
                self.ledger.route(self.call_id, cost=0, counterfactual=0, outcome="failed",
                                  reason=f"internal error: {type(error).__name__}: {error}")
                raise
            self.text = "".join(parts)
            self.cost = charge.settle()
            self.ledger.finish(self.call_id, self.text, "done", stats)
