"""Facts in what the user says: preferences, clients, employer, recurring tasks, "remember that …".

App-side parsing, not a model call: each rule is a pattern a person would use to tell an
assistant something lasting about themselves. A sentence that is a question, or hedged
("I might like…"), gives nothing: a wrong memory is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("preference", "dislike", "client", "employer", "recurring", "note")
KIND_LABELS = {"preference": "likes", "dislike": "dislikes", "client": "clients", "employer": "works for",
               "recurring": "recurring tasks", "note": "asked to remember"}
MAX_VALUE_CHARS = 120

_END = r"(?=[.!?;]|,\s*(?:and|but)\b|\s+but\b|$)"
_NAME = r"([A-Z0-9][\w&.'-]*(?:\s+(?:[A-Z0-9&][\w&.'-]*|of|de|la))*)"  # names are capitalised: case matters
_DAY = r"(day|morning|evening|week|weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("note", re.compile(r"^(?:please\s+)?remember(?:\s+that)?\s+(.+)$", re.I)),
    ("dislike", re.compile(rf"\bI\s+(?:really\s+)?(?:don't|do not|never)\s+like\s+(.+?){_END}", re.I)),
    ("dislike", re.compile(rf"\bI\s+(?:really\s+)?(?:hate|dislike|can't stand)\s+(.+?){_END}", re.I)),
    ("preference", re.compile(rf"\bI\s+(?:really\s+)?(?:like|love|prefer|enjoy)\s+(.+?){_END}", re.I)),
    ("preference", re.compile(rf"\bmy\s+(favou?rite\s+\w+(?:\s\w+)?\s+is\s+.+?){_END}", re.I)),
    ("client", re.compile(rf"\b(?i:my\s+(?:new\s+|biggest\s+|main\s+)?(?:client|customer)s?\s+(?:is|are|include|includes))\s+{_NAME}")),
    ("client", re.compile(rf"\b(?i:(?:I|we)\s+(?:work|am working|are working)\s+with\s+(?:a\s+)?(?:client|customer)\s+(?:called|named))\s+{_NAME}")),
    ("employer", re.compile(rf"\b(?i:I\s+work\s+(?:at|for))\s+{_NAME}")),
    ("recurring", re.compile(rf"\bevery\s+{_DAY}\s+I\s+(?:have\s+to\s+|need\s+to\s+|must\s+)?(.+?){_END}", re.I)),
)
HEDGES = re.compile(r"\b(?:might|maybe|perhaps|not sure|wonder|if I)\b", re.I)


@dataclass(frozen=True)
class Fact:
    kind: str  # one of KINDS
    text: str  # what is remembered, in the user's words: "green tea", "Acme Corp", "every monday: send the report"

    @property
    def key(self) -> str:
        """The fact's storage key: one entry per kind and (lower-cased) text, so repeating it stores it once."""
        return f"{self.kind}:{re.sub(r'[^a-z0-9]+', '-', self.text.lower()).strip('-')[:80]}"


def _clean(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" ,.'\"")[:MAX_VALUE_CHARS]


def extract_facts(text: str) -> list[Fact]:
    """The facts stated in a message, in the order the rules find them; none from questions or hedges."""
    found: dict[str, Fact] = {}
    for sentence in re.split(r"(?<=[.!?])\s+|\n+", text.strip()):
        if not sentence or sentence.rstrip().endswith("?") or HEDGES.search(sentence):
            continue
        for kind, pattern in RULES:
            for match in pattern.finditer(sentence):
                groups = [g for g in match.groups() if g]
                value = f"every {groups[0].lower()}: {_clean(groups[1])}" if kind == "recurring" else _clean(groups[-1])
                if len(value) >= 2:
                    fact = Fact(kind, value)
                    found.setdefault(fact.key, fact)
            if kind == "note" and any(f.kind == "note" for f in found.values()):
                break  # "remember that I like tea" is one note, not also a preference
    return list(found.values())
