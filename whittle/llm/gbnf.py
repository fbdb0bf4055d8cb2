"""llama.cpp grammar (GBNF) pieces shared by the grammars whittle writes: literals and copied spans.

A copied span is a run of a text's own words, so a small model picks where a value is and cannot
misspell or invent it: the agent's tool arguments (agent/grammar.py) and a grounded check's
extracted values (router/constrain.py) are both generated this way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass


def literal(text: str) -> str:
    """A GBNF string literal that matches exactly `text`."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{escaped}"'


def json_inner(text: str) -> str:
    """The text as it appears inside a JSON string (escaped, without the quotes)."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


@dataclass(frozen=True)
class SpanWord:
    """A text's word as a copied span may use it."""

    text: str
    start: bool  # a span may start here
    end: bool  # a span may end here
    joins: bool = True  # a span may go on to the next word
    end_forms: tuple[str, ...] = ()  # other ways a span may end here ("Cafe" for "Cafe's")


def span_rules(words: Sequence[SpanWord], max_words: int, prefix: str) -> tuple[dict[str, str], list[str]]:
    """Rules `<prefix>-i-k` (word i as the k-th word of a copied span, JSON-escaped) and the names
    of those a span may start with. Built from the last word backwards, so each rule offers only
    continuations that can finish within `max_words`."""
    rules: dict[str, str] = {}
    finishes: dict[tuple[int, int], bool] = {}
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        ends = [literal(json_inner(form)) for form in ((word.text,) if word.end else ()) + word.end_forms]
        for k in range(min(max_words, i + 1), 0, -1):
            go_on = word.joins and i + 1 < len(words) and k < max_words and finishes.get((i + 1, k + 1), False)
            finishes[(i, k)] = bool(ends) or go_on
            if not finishes[(i, k)]:
                continue
            piece, more = literal(json_inner(word.text)), f'" " {prefix}-{i + 1}-{k + 1}'
            if go_on and word.end:
                choices = [f"{piece} ({more})?", *ends[1:]]
            else:
                choices = [*ends, f"{piece} {more}"] if go_on else ends
            rules[f"{prefix}-{i}-{k}"] = " | ".join(choices)
    return rules, [f"{prefix}-{i}-1" for i in range(len(words)) if words[i].start and finishes.get((i, 1))]
