"""Do two samples of the same request agree? A cheap check of a structured answer's stability.

A model that knows the answer tends to give it again when asked twice at a higher
temperature; one that guesses tends not to. Only what the task asks for is compared — the
chosen label, the extracted object, the final number — never the wording around it, and
only for kinds where that is well defined. Pure functions: the cascade draws the samples.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from whittle.router.arithmetic import final_number
from whittle.router.checks import ChoiceCheck, RegexCheck, json_object_text

# Kinds whose answers can be compared; chat and summaries can be right in many wordings.
COMPARABLE_KINDS = ("extraction", "classification", "reasoning")
SHOWN_CHARS = 40  # of each compared value, in a reason

LABEL_PREFIX = re.compile(r"^(?:the )?(?:answer|label|category|class|sentiment|classification)\s*(?:is)?\s*[:=-]?\s*")
SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")
NUMERIC = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Comparison:
    agree: bool | None  # None: there is nothing to compare, the check does not apply
    reason: str  # "two samples disagree: 42 vs 48"


def answer_key(kind: str, text: str, check: object | None = None, *, cut_off: bool = False) -> str | None:
    """What two answers of this kind must share, normalised; None when the answer holds none.

    `check` may be a ChoiceCheck (the label is the one choice named), `cut_off` says the answer
    stopped at its token limit (a reasoning answer then counts only a marked final answer).
    """
    if kind == "classification":
        return _chosen_label(text, check)
    if kind == "extraction":
        return _extracted(text, check)
    if kind == "reasoning":
        value = final_number(text, finished=not cut_off)
        return None if value is None else f"{value:g}"
    return None


def compare(
    kind: str,
    first: str,
    second: str,
    check: object | None = None,
    *,
    first_cut_off: bool = False,
    second_cut_off: bool = False,
) -> Comparison:
    """Compare the shown answer with another sample of the same request."""
    if kind not in COMPARABLE_KINDS:
        return Comparison(None, f"{kind} answers are not compared")
    mine = answer_key(kind, first, check, cut_off=first_cut_off)
    if mine is None:
        return Comparison(None, f"no {_WHAT[kind]} in the answer to compare")
    other = answer_key(kind, second, check, cut_off=second_cut_off)
    if other is None:
        # A sample that never reaches an answer — even one stopped by the token limit the answer
        # fitted in — does not vouch for it.
        cut = " (cut off at max_tokens)" if second_cut_off else ""
        return Comparison(False, f"two samples disagree: {_show(mine)} vs no {_WHAT[kind]}{cut}")
    if mine == other:
        return Comparison(True, f"two samples agree: {_show(mine)}")
    return Comparison(False, f"two samples disagree: {_show(mine)} vs {_show(other)}")


_WHAT = {"classification": "label", "extraction": "extracted value", "reasoning": "final number"}

# "as positive, negative or neutral", "spam or not", "a question or a statement"
_ITEM = r"(?:(?:an?|the) )?[a-z][\w-]*"
CHOICE_LIST = re.compile(rf"\b{_ITEM}(?:, {_ITEM})*,? or {_ITEM}\b")
CHOICE_SPLIT = re.compile(r",? or |, ")
ARTICLE = re.compile(r"^(?:an?|the) ")


def choices_in(question: str) -> list[str]:
    """The choices a classification question lists ("positive, negative or neutral"), or [].

    Comparing which of them each sample names is far steadier than comparing first lines:
    "A positive review." and "This review is considered positive." give the same label.
    """
    found = CHOICE_LIST.search(question[:400].lower())
    if not found:
        return []
    choices = [ARTICLE.sub("", c) for c in CHOICE_SPLIT.split(found.group(0))]
    return choices if len(set(choices)) == len(choices) >= 2 else []


def implied_check(kind: str, check: object | None, question: str) -> object | None:
    """The caller's check, or for a classification without one, the choices its question lists."""
    if kind == "classification" and check is None and (choices := choices_in(question)):
        return ChoiceCheck(choices)
    return check


def _chosen_label(text: str, check: object | None) -> str | None:
    if isinstance(check, ChoiceCheck):
        found = check.found(text)
        return found[0].lower() if len(found) == 1 else None
    # Free text: the first sentence of the first line ("Positive. The review praises…" → "positive").
    for line in text.splitlines():
        label = _normalise_text(line.replace("*", "").replace("`", ""))
        label = LABEL_PREFIX.sub("", SENTENCE_END.split(label, maxsplit=1)[0]).strip(" .!\"'")
        if label:
            return label
    return None


def _extracted(text: str, check: object | None) -> str | None:
    found = json_object_text(text)
    if found is not None:
        try:
            return json.dumps(_normalise_json(json.loads(found)), sort_keys=True, ensure_ascii=False)
        except json.JSONDecodeError:
            pass
    if isinstance(check, RegexCheck):
        match = check.pattern.search(text)
        return _normalise_text(match.group(0)) if match else None
    return None


def _normalise_json(value: object) -> object:
    """Equal up to case, spacing and number formatting: "ACME  Corp" == "acme corp", 3 == 3.0 == "3"."""
    if isinstance(value, dict):
        return {_normalise_text(str(k)): _normalise_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise_json(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return _number(float(value))
    text = _normalise_text(str(value))
    return _number(float(text.replace(",", ""))) if NUMERIC.fullmatch(text) else text


def _number(value: float) -> float | int:
    return int(value) if value.is_integer() else value


def _normalise_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _show(key: str) -> str:
    return key if len(key) <= SHOWN_CHARS else key[: SHOWN_CHARS - 1] + "…"
