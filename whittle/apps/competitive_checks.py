"""Competitive analysis's model calls: prompts, JSON schemas, and the checks that judge the content.

The schema (an OutputConstraint) makes every answer parse, on the embedded model through a
llama.cpp grammar; it cannot make the content sensible. SmolLM2-135M, held to the schema, still
fills it with `"Company A"`, `"1.0.0.1"` or the business description repeated five times. The
checks below refuse such answers, so the router escalates to a bigger tier when there is one,
and the app shows a plain "the model could not" instead of filling the table with junk.

A check is what router/checks.py calls: `check(text) -> Verdict`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from whittle.llm.base import OutputConstraint
from whittle.plurals import counted
from whittle.router.checks import Verdict, json_object_text

DRAFT_COUNT = 5
MIN_DRAFTED = 2  # fewer usable names than this and the draft failed
NAME_MAX_CHARS = 40
NAME_MAX_WORDS = 6
ASPECT_MAX_CHARS = 100
LETTER = re.compile(r"[^\W\d_]")
TOKEN = re.compile(r"[^\W_]+")
# Placeholders and format tokens a small model writes instead of names: "Name", "Company A",
# "Competitor 1", "N/A", "...". Real names are never one of these words alone or with a letter/number.
PLACEHOLDER = re.compile(
    r"^(?:the\s+)?(?:name|company|competitor|business|brand|example|placeholder|option|item|other|string|text|"
    r"n/?a|none|null|unknown|tbd|etc|value|answer|description|lorem ipsum)s?(?:\s*(?:[a-z]|\d+|#\d+))?$",
    re.I,
)
# Words that say nothing about a business on their own (an aspect's value must say more).
EMPTY_VALUES = frozenset("n/a na none null unknown tbd text string value answer ... - yes no".split())
STOPWORDS = frozenset("a an the of in on for and or to with by at our your its their this that is are".split())
SAME_START_WORDS = 4  # "This competitor is a …" in every aspect: the same opening is one answer repeated
PARROT_MIN_WORDS = 4  # a value this long found word for word in the prompt is copied, not an answer


def _normal(text: str) -> str:
    return " ".join(TOKEN.findall(text.casefold()))


def _content_words(text: str) -> set[str]:
    return {word for word in TOKEN.findall(text.casefold()) if word not in STOPWORDS}


def _loaded(text: str) -> object:
    """The answer's JSON (a tier without structured output may wrap it in prose), or None."""
    found = json_object_text(text)
    if found is None:
        return None
    try:
        return json.loads(found)
    except json.JSONDecodeError:
        return None


# -- drafting competitor names ---------------------------------------------------------------
def draft_prompt(business: str) -> list[dict]:
    # One worked example of another business: a bare instruction with a JSON template makes the
    # small model copy the template's "Name" into the answer.
    return [
        {"role": "system", "content": "You list the best-known competitors of a business, as JSON."},
        {"role": "user", "content": "Business: a coffee shop chain"},
        {"role": "assistant", "content": '{"competitors": ["Starbucks", "Costa Coffee", "Dunkin\'", "Caffe Nero"]}'},
        {"role": "user", "content": f"Business: {business}"},
    ]


def draft_constraint() -> OutputConstraint:
    name = {"type": "string", "minLength": 2, "maxLength": NAME_MAX_CHARS}
    competitors = {"type": "array", "items": name, "minItems": MIN_DRAFTED, "maxItems": DRAFT_COUNT}
    return OutputConstraint(
        json_schema={
            "type": "object",
            "properties": {"competitors": competitors},
            "required": ["competitors"],
            "additionalProperties": False,
        }
    )


@dataclass(frozen=True)
class Drafted:
    names: list[str]  # usable names, in the model's order
    refused: list[tuple[str, str]]  # (what the model wrote, why it is not a name)


class DraftCheck:
    """The draft must hold at least MIN_DRAFTED usable, distinct competitor names."""

    def __init__(self, business: str):
        self.business = business
        self.business_words = _content_words(business)

    def name_problem(self, name: object, seen: set[str]) -> str | None:
        if not isinstance(name, str) or not name.strip():
            return "empty"
        text = " ".join(name.split())
        letters = len(LETTER.findall(text))
        digits = sum(ch.isdigit() for ch in text)
        if letters == 0 or digits > letters:
            return "a number or list marker, not a name"
        if PLACEHOLDER.match(text.strip(" .:;*\"'")):
            return "a placeholder, not a name"
        if ":" in text:
            return "a label, not a name"
        if len(text) > NAME_MAX_CHARS or len(text.split()) > NAME_MAX_WORDS:
            return "too long for a name"
        key = _normal(text)
        if key in seen:
            return "a repeat"
        words = _content_words(text)
        if words and words <= self.business_words:
            return "the business's own description"
        return None

    def read(self, text: str) -> Drafted | None:
        """The usable names and the refused ones; None when the answer is not the JSON asked for."""
        data = _loaded(text)
        if not isinstance(data, dict) or not isinstance(data.get("competitors"), list):
            return None
        names: list[str] = []
        refused: list[tuple[str, str]] = []
        seen: set[str] = set()
        for name in data["competitors"][: DRAFT_COUNT * 2]:
            problem = self.name_problem(name, seen)
            if problem:
                refused.append((str(name), problem))
                continue
            cleaned = " ".join(name.split())
            seen.add(_normal(cleaned))
            names.append(cleaned)
        return Drafted(names, refused)

    def __call__(self, text: str) -> Verdict:
        drafted = self.read(text)
        if drafted is None:
            return Verdict(False, 'not the JSON asked for ({"competitors": [...]})')
        if len(drafted.names) < MIN_DRAFTED:
            why = "; ".join(f"{name!r}: {problem}" for name, problem in drafted.refused[:3])
            return Verdict(False, f"{counted(len(drafted.names), 'usable competitor name')} (need {MIN_DRAFTED}); {why}")
        return Verdict(True, counted(len(drafted.names), "usable competitor name"))


# -- analysing one competitor ----------------------------------------------------------------
def analysis_prompt(name: str, aspects: Sequence[str], business: str) -> list[dict]:
    context = f"\nOur business: {business}" if business else ""
    return [
        {
            "role": "system",
            "content": "You are a business analyst. Answer in JSON: a short factual phrase for each aspect.",
        },
        {"role": "user", "content": f"Competitor: {name}{context}\nAspects: {', '.join(aspects)}"},
    ]


def analysis_constraint(aspects: Sequence[str]) -> OutputConstraint:
    value = {"type": "string", "minLength": 3, "maxLength": ASPECT_MAX_CHARS}
    return OutputConstraint(
        json_schema={
            "type": "object",
            "properties": {aspect: value for aspect in aspects},
            "required": list(aspects),
            "additionalProperties": False,
        }
    )


class AnalysisCheck:
    """Every aspect answered with its own words: not empty, not a bare number, not the prompt or the
    competitor's name copied back, not the same text as another aspect."""

    def __init__(self, name: str, aspects: Sequence[str], business: str):
        self.name = name
        self.aspects = list(aspects)
        self.business = business
        self.prompt_text = _normal(" ".join(m["content"] for m in analysis_prompt(name, aspects, business)))

    def read(self, text: str) -> dict[str, tuple[str, str | None]] | None:
        """{aspect: (value, problem or None)}; None when the answer is not a JSON object."""
        data = _loaded(text)
        if not isinstance(data, dict):
            return None
        values = {aspect: data.get(aspect) for aspect in self.aspects}
        texts = {a: " ".join(v.split()) if isinstance(v, str) else "" for a, v in values.items()}
        normals = [_normal(t) for t in texts.values() if _normal(t)]
        openings = [" ".join(n.split()[:SAME_START_WORDS]) for n in normals if len(n.split()) >= SAME_START_WORDS]
        read: dict[str, tuple[str, str | None]] = {}
        for aspect, value in values.items():
            text = texts[aspect]
            read[aspect] = (text, self._problem(aspect, value, text, normals, openings))
        return read

    def _problem(self, aspect: str, value: object, text: str, normals: list[str], openings: list[str]) -> str | None:
        if not isinstance(value, str) or not text:
            return "missing"
        normal = _normal(text)
        if len(LETTER.findall(text)) < 2 or normal in EMPTY_VALUES or text.strip(" .-") == "":
            return "no words, only numbers or marks"
        if normal in {_normal(self.name), _normal(aspect), _normal(self.business)} or PLACEHOLDER.match(text):
            return "the competitor, the aspect or a placeholder repeated"
        if len(normal.split()) >= PARROT_MIN_WORDS and normal in self.prompt_text:
            return "copied from the question"
        if normals.count(normal) > 1:
            return "the same text as another aspect"
        opening = " ".join(normal.split()[:SAME_START_WORDS])
        if len(self.aspects) > 2 and openings.count(opening) == len(self.aspects):
            return "every aspect says the same thing"
        return None

    def __call__(self, text: str) -> Verdict:
        read = self.read(text)
        if read is None:
            return Verdict(False, "not a JSON object of aspects")
        bad = [(aspect, problem) for aspect, (_, problem) in read.items() if problem]
        if bad:
            return Verdict(False, "; ".join(f"{aspect}: {problem}" for aspect, problem in bad))
        return Verdict(True, f"all {len(read)} aspects answered")
