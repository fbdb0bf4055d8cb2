"""Checks an answer is held to before the cascade accepts it: the part of routing a pre-router cannot do.

- Structured tasks carry a check: `JsonCheck` (JSON valid for a pydantic model), `RegexCheck`,
  `ChoiceCheck` (exactly one of a set of labels).
- Free text is judged by the model's own confidence: mean and minimum token log-probability.
- Reasoning answers are re-computed (router/arithmetic.py: every calculation written in the answer,
  evaluated exactly, and the final number against the sum the question asks).
- Free text (chat, summaries, reasoning) is held to the junk checks (router/junk.py): loops,
  parroting, ignored requests, empty lists, a sum that is not the question's.

`check_answer` runs them in that order and returns one `Verdict`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from whittle.config import RouterConfig
from whittle.llm.logprobs import summarize
from whittle.router import junk
from whittle.router.arithmetic import check_arithmetic


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str


def json_object_text(text: str) -> str | None:
    """The outermost {...} span of an answer (models wrap JSON in prose and code fences), or None."""
    match = re.search(r"\{.*\}", text, re.DOTALL)
    return match.group(0) if match else None


class JsonCheck:
    """The answer must contain a JSON object valid for a pydantic model."""

    def __init__(self, model: type[BaseModel]):
        self.model = model

    def __call__(self, text: str) -> Verdict:
        found = json_object_text(text)
        if found is None:
            return Verdict(False, "no JSON object in the answer")
        try:
            self.model.model_validate(json.loads(found))
        except (json.JSONDecodeError, ValidationError) as error:
            return Verdict(False, f"JSON does not match {self.model.__name__}: {str(error).splitlines()[0]}")
        return Verdict(True, f"valid {self.model.__name__}")


class RegexCheck:
    def __init__(self, pattern: str):
        self.pattern = re.compile(pattern, re.DOTALL)

    def __call__(self, text: str) -> Verdict:
        ok = bool(self.pattern.search(text))
        return Verdict(ok, "matches the expected format" if ok else f"does not match {self.pattern.pattern!r}")


class ChoiceCheck:
    def __init__(self, choices: list[str]):
        self.choices = choices

    def found(self, text: str) -> list[str]:
        return [c for c in self.choices if re.search(rf"\b{re.escape(c)}\b", text, re.IGNORECASE)]

    def __call__(self, text: str) -> Verdict:
        found = self.found(text)
        if len(found) == 1:
            return Verdict(True, f"chose {found[0]!r}")
        return Verdict(False, "no allowed choice in the answer" if not found else f"several choices: {found}")


# Free text has no schema to check: these kinds are held to the junk checks (router/junk.py).
FREE_TEXT_KINDS = frozenset({"chat", "summarisation", "reasoning"})


def check_answer(
    text: str, token_logprobs: list[float], check, config: RouterConfig, kind: str, messages: Sequence[dict] = ()
) -> Verdict:
    if not text.strip():
        return Verdict(False, "empty answer")
    if check is not None:
        verdict = check(text)
        if not verdict.ok:
            return verdict
    if kind == "reasoning":
        # The question matters: "the answer is 23" writes no calculation, yet is wrong for "17 * 23".
        users = [m["content"] for m in messages if m.get("role") == "user"]
        arithmetic = check_arithmetic(text, users[-1] if users else "")
        if arithmetic.wrong:
            return Verdict(False, f"arithmetic: {arithmetic.wrong} of {arithmetic.checked} calculations are wrong")
        if arithmetic.not_the_result:
            return Verdict(False, f"arithmetic: {arithmetic.not_the_result}")
    if kind in FREE_TEXT_KINDS and messages:
        reasons = junk.junk_reasons(messages, text)
        if reasons:
            return Verdict(False, "junk: " + "; ".join(reasons))
    confidence = summarize(token_logprobs)
    if confidence is None:
        return Verdict(True, "no log-probabilities from this backend; accepted")
    if confidence["mean"] < config.min_mean_logprob:
        return Verdict(False, f"low confidence: mean token logprob {confidence['mean']:.2f} < {config.min_mean_logprob}")
    if confidence["min"] < config.min_token_logprob:
        return Verdict(False, f"an unlikely token: min logprob {confidence['min']:.2f} < {config.min_token_logprob}")
    return Verdict(True, f"confident: mean token logprob {confidence['mean']:.2f}")
