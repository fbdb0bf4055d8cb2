"""Judges for workload requests: each grades one final answer against what the request asked for.

A judge is `{"type": ..., "value": ...}` on a workload line. The router never sees it; only the
benchmark does, after the router has answered. Every judge is lenient about form (case, spacing,
thousands separators, a sentence around the answer) and strict about content.

- exact:        the answer, trimmed and case-folded, equals the value (trailing punctuation aside)
- number:       the answer's final number equals the value (tolerance 1e-6 relative)
- choice:       exactly one of the allowed labels appears, and it is the value;
                value = {"answer": label, "choices": [labels]}
- json:         the answer holds a JSON object whose fields match the value's; a value "*" means
                any non-empty value; strings compare case-folded and trimmed
- contains_all: every item appears (case-folded); an item may be a list of alternatives
- regex:        the pattern (Python syntax) is found in the answer
- max_words:    non-empty, at most value words, and not a repetition loop
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

JUDGE_TYPES = ("exact", "number", "choice", "json", "contains_all", "regex", "max_words")

_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?|-?\.\d+")


class BadJudge(ValueError):
    """A workload line's judge is malformed; the message names the line's fix."""


def final_number(text: str) -> float | None:
    """The last number in the text ("... so the total is 1,240." -> 1240.0)."""
    found = _NUMBER.findall(text)
    if not found:
        return None
    try:
        return float(found[-1].replace(",", ""))
    except ValueError:
        return None


def _fold(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _exact(answer: str, value) -> bool:
    return _fold(answer).strip(" .!?\"'") == _fold(value).strip(" .!?\"'")


def _number(answer: str, value) -> bool:
    got = final_number(answer)
    return got is not None and abs(got - float(value)) <= 1e-6 * max(1.0, abs(float(value)))


def _choice(answer: str, value) -> bool:
    folded = _fold(answer)
    present = [c for c in value["choices"] if re.search(rf"\b{re.escape(_fold(c))}\b", folded)]
    return present == [c for c in value["choices"] if _fold(c) == _fold(value["answer"])]


def first_json_object(text: str) -> dict | None:
    """The first JSON object in the text (models wrap it in prose or code fences)."""
    decoder = json.JSONDecoder()
    for start in (m.start() for m in re.finditer(r"\{", text)):
        try:
            found, _ = decoder.raw_decode(text[start:])
        except json.JSONDecodeError:
            continue
        if isinstance(found, dict):
            return found
    return None


def _field_matches(got, want) -> bool:
    if want == "*":
        return got not in (None, "", [], {})
    if isinstance(want, list):
        return isinstance(got, list) and sorted(map(_fold, got)) == sorted(map(_fold, want))
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        try:
            return abs(float(got) - want) <= 1e-6 * max(1.0, abs(want))
        except (TypeError, ValueError):
            return False
    return _fold(got) == _fold(want)


def _json(answer: str, value) -> bool:
    found = first_json_object(answer)
    return found is not None and all(_field_matches(found.get(key), want) for key, want in value.items())


def _contains_all(answer: str, value) -> bool:
    folded = _fold(answer)
    items = value if isinstance(value, list) else [value]
    return all(
        any(_fold(option) in folded for option in (item if isinstance(item, list) else [item])) for item in items
    )


def _regex(answer: str, value) -> bool:
    return re.search(value, answer) is not None


def is_repetition_loop(text: str) -> bool:
    """A long answer whose word 4-grams are mostly repeats ("a b c d a b c d ..."): a degenerate loop."""
    words = _fold(text).split()
    if len(words) < 16:
        return False
    grams = [tuple(words[i : i + 4]) for i in range(len(words) - 3)]
    return len(set(grams)) < 0.5 * len(grams)


def _max_words(answer: str, value) -> bool:
    words = answer.split()
    return 0 < len(words) <= int(value) and not is_repetition_loop(answer)


JUDGES: dict[str, Callable[[str, object], bool]] = {
    "exact": _exact,
    "number": _number,
    "choice": _choice,
    "json": _json,
    "contains_all": _contains_all,
    "regex": _regex,
    "max_words": _max_words,
}


def validate_judge(judge: object, where: str) -> dict:
    """The judge if well-formed, else BadJudge naming what to fix."""
    if not isinstance(judge, dict) or judge.get("type") not in JUDGES or "value" not in judge:
        raise BadJudge(f"{where}: judge must be {{\"type\": one of {', '.join(JUDGE_TYPES)}, \"value\": ...}}")
    kind, value = judge["type"], judge["value"]
    if kind == "choice" and not (isinstance(value, dict) and value.get("answer") in value.get("choices", ())):
        raise BadJudge(f"{where}: a choice judge's value is {{\"answer\": label, \"choices\": [labels including it]}}")
    if kind == "json" and not isinstance(value, dict):
        raise BadJudge(f"{where}: a json judge's value is an object of the fields to match")
    if kind == "regex":
        try:
            re.compile(value)
        except (re.error, TypeError) as error:
            raise BadJudge(f"{where}: the regex judge's pattern does not compile ({error})") from None
    if kind == "number":
        try:
            float(value)
        except (TypeError, ValueError):
            raise BadJudge(f"{where}: a number judge's value must be a number") from None
    if kind == "max_words" and not (isinstance(value, int) and value > 0):
        raise BadJudge(f"{where}: a max_words judge's value is a positive whole number")
    return judge


def grade(answer: str, judge: dict) -> bool:
    return JUDGES[judge["type"]](answer or "", judge["value"])
