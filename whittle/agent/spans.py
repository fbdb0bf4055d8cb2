"""Where the request says things: the spans of a value in it, and values said together.

Shared by the settle steps of agent/references.py and agent/step_values.py, which widen or join
what the model copied to what the user typed.
"""

from __future__ import annotations

import re
import unicodedata

from whittle.agent.grammar import EDGE_WORDS, request_words
from whittle.agent.request_form import quoted_marks_shown, title_stops_hidden

JOIN = r"(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?:also\s+)?"  # between two list items: ", ", ", and ", " and also ", " & "


def spans_of(value: str, text: str) -> list[tuple[int, int]]:
    """Where the request says the value as whole words (case-insensitive)."""
    pattern = r"(?<![\w'])" + re.escape(value.strip().casefold()) + r"(?![\w'])"
    return [m.span() for m in re.finditer(pattern, text.casefold())] if value.strip() else []


def said_only_inside(value: object, wider: object, text: str) -> bool:
    """Every time the request says `value`, it is inside where it says the longer `wider`."""
    if not (isinstance(value, str) and isinstance(wider, str)) or len(wider) <= len(value):
        return False
    inside, outer = spans_of(value, text), spans_of(wider, text)
    return bool(inside and outer) and all(any(a <= start and end <= b for a, b in outer) for start, end in inside)


JOINER = re.compile(r"^\s*" + JOIN + "$", re.IGNORECASE)  # a whole gap that is a list joiner
GAP_WORDS = EDGE_WORDS | {"its", "their", "his", "her"}  # small words inside one thing: "book the car in for its MOT"


def said_together(first: str, second: str, text: str, joiner: re.Pattern | None) -> str | None:
    """The text from `first` to `second` when the request says them in that order with only a list
    joiner (joiner given) or up to three small words (none) between them."""
    start = re.search(r"(?<![\w'])" + re.escape(first) + r"(?![\w'])", text, re.IGNORECASE)
    end = re.search(r"(?<![\w'])" + re.escape(second) + r"(?![\w'])", text[start.end():], re.IGNORECASE) if start else None
    if start is None or end is None:
        return None
    gap = text[start.end():start.end() + end.start()]
    if joiner is not None:
        together = bool(joiner.match(gap))
    else:
        words = gap.split()
        together = bool(gap.strip()) and len(words) <= 3 and all(w.casefold() in GAP_WORDS for w in words) \
            and not {"and", "or"} & {w.casefold() for w in words} and not re.search(r"[,;:.!?]", gap)
    return text[start.start():start.end() + end.end()] if together else None


def without_trailing_edge_words(phrase: str) -> str:
    """The phrase's words without the edge words it ends with: "Freelance please" -> "Freelance". A title keeps
    its full stop ("ring Fr. Murphy")."""
    words = [quoted_marks_shown(w) for w in request_words(title_stops_hidden(phrase))]
    while words and words[-1].casefold() in EDGE_WORDS:
        words.pop()
    return " ".join(words)


_TRAILING_MARKS = frozenset("!?.,;:~")


def without_trailing_symbols(value: str) -> str:
    """The value without the emoji, symbols and stops it ends with: "reply to Dr. Alvarez 🙂",
    "renew domain name!!" -> "reply to Dr. Alvarez", "renew domain name" ("" for "👍"). Brackets and quotes stay."""
    end = len(value)
    while end and (value[end - 1].isspace() or value[end - 1] in _TRAILING_MARKS
                   or unicodedata.category(value[end - 1]) in {"So", "Sk", "Cf", "Mn"}):
        end -= 1
    return value[:end]
