"""Replace sensitive values with placeholders, and put them back in the answer.

``mask(texts)`` masks all the texts of one request together, so the same value gets the
same placeholder in every message (``<EMAIL_1>`` is always alice@example.com). Pass the
mapping of the previous turn as ``known`` and placeholders stay stable across turns, and
a value found once is masked everywhere after, even where ``scan`` would not flag it on
its own (a bare "Priya" after "my name is Priya Raghunathan").

``unmask`` and ``Unmasker`` restore values in the model's answer. Models echo
placeholders loosely, so ``<EMAIL_1>``, ``< EMAIL_1 >``, ``<email_1>``, ``[EMAIL_1]``,
``{EMAIL_1}``, ``&lt;EMAIL_1&gt;`` and a bare ``EMAIL_1`` are all recognised; only
placeholders of the mapping are replaced, anything else is left as the model wrote it.
``Unmasker`` does this on a token stream, holding back a piece that may be the start of
a placeholder (``<EMA``) until it is complete or clearly is not one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex  # the `regex` module: partial matching, for placeholders split across stream pieces

from whittle.privacy.detect import merge, scan, uncertain
from whittle.privacy.names import AMBIGUOUS
from whittle.privacy.types import Candidate

_PLACEHOLDER = re.compile(r"^<(?P<kind>[A-Z][A-Z_]*)_(?P<n>\d+)>$")

# Kinds whose values are the same whatever the spacing or punctuation they are written with.
_COMPACTED = {"PHONE", "CARD", "IBAN", "US_SSN", "UK_NINO", "UK_NHS", "DE_TAX_ID", "ES_NIF", "FR_NIR"}
_CASELESS = {"EMAIL", "PERSON"}
_PROPAGATED_SCORE = 0.5


@dataclass
class MaskResult:
    texts: list[str]
    mapping: dict[str, str] = field(default_factory=dict)  # placeholder -> original value
    kinds: list[str] = field(default_factory=list)  # kinds masked in these texts: safe to log


def placeholder(kind: str, n: int) -> str:
    return f"<{kind}_{n}>"


def mask(texts: Sequence[str], known: Mapping[str, str] | None = None, include_uncertain: bool = False) -> MaskResult:
    """Mask every sensitive value in ``texts``; ``known`` is a previous turn's mapping.

    ``include_uncertain``: mask ``detect.uncertain`` spans too (recall before readability).
    """
    mapping = dict(known or {})
    by_key = {_key(_kind_of(ph), value): ph for ph, value in mapping.items()}
    taken = _all_placeholders_in(texts)  # a user who typed "<EMAIL_1>" keeps it
    findings = [scan(text) + (uncertain(text) if include_uncertain else []) for text in texts]

    literals = {(_kind_of(ph), value) for ph, value in mapping.items()}
    literals |= {(f.kind, f.value) for per_text in findings for f in per_text}
    literals |= set(_name_parts(literals))

    masked: list[str] = []
    kinds: set[str] = set()
    for text, per_text in zip(texts, findings, strict=True):
        spans = [Candidate(f.kind, f.start, f.end, f.score) for f in per_text]
        spans += _occurrences(text, literals)
        pieces: list[str] = []
        position = 0
        for span in merge(spans):
            value = text[span.start : span.end]
            key = _key(span.kind, value)
            if key not in by_key:
                by_key[key] = _new_placeholder(span.kind, mapping, taken)
                mapping[by_key[key]] = value
            pieces += [text[position : span.start], by_key[key]]
            position = span.end
            kinds.add(span.kind)
        masked.append("".join(pieces) + text[position:])
    return MaskResult(masked, mapping, sorted(kinds))


def _new_placeholder(kind: str, mapping: dict[str, str], taken: set[str]) -> str:
    n = 1 + max((int(m["n"]) for ph in mapping if (m := _PLACEHOLDER.match(ph)) and m["kind"] == kind), default=0)
    while placeholder(kind, n) in taken:
        n += 1
    return placeholder(kind, n)


def _kind_of(ph: str) -> str:
    match = _PLACEHOLDER.match(ph)
    if not match:
        raise ValueError(f"{ph!r} is not a placeholder like <EMAIL_1>: pass the mapping a MaskResult returned")
    return match["kind"]


def _key(kind: str, value: str) -> tuple[str, str]:
    if kind in _COMPACTED:
        return kind, re.sub(r"[^0-9A-Za-z+]", "", value).upper()
    if kind in _CASELESS:
        return kind, " ".join(value.split()).casefold()
    return kind, value


def _name_parts(literals: set[tuple[str, str]]):
    """Each distinctive word of a found name, so "Priya" alone is masked later too."""
    for kind, value in literals:
        if kind != "PERSON":
            continue
        words = value.split()
        if len(words) < 2:
            continue
        for word in words:
            if len(word) >= 3 and word[:1].isupper() and word not in AMBIGUOUS:
                yield kind, word


def _occurrences(text: str, literals: set[tuple[str, str]]) -> list[Candidate]:
    """Where values already known appear again, as whole words."""
    found = []
    folded = text.casefold()
    for kind, value in sorted(literals):  # sorted: ties in merge() resolve the same way every run
        if len(value) < 3 or value.casefold() not in folded:
            continue
        for match in _literal_pattern(kind, value).finditer(text):
            found.append(Candidate(kind, match.start(), match.end(), _PROPAGATED_SCORE))
    return found


@lru_cache(maxsize=4096)
def _literal_pattern(kind: str, value: str) -> re.Pattern[str]:
    before = r"(?<!\w)" if value[0].isalnum() else ""
    after = r"(?!\w)" if value[-1].isalnum() else ""
    return re.compile(before + re.escape(value) + after, re.IGNORECASE if kind in _CASELESS else 0)


def _all_placeholders_in(texts: Sequence[str]) -> set[str]:
    return {m.group(0) for text in texts for m in re.finditer(r"<[A-Z][A-Z_]*_\d+>", text)}


# --- unmasking -------------------------------------------------------------------------


# Placeholders as a model may echo them: any bracket, any case...
_BRACKETED = r"(?:<|\[|\{|&lt;)[ \t]?(?i:(?P<kind>[a-z][a-z_]{0,20}?))_(?P<n>\d{1,6})[ \t]?(?:>|\]|\}|&gt;)"
_BRACKETED_PATTERN = regex.compile(_BRACKETED)


def _bare(kinds: frozenset[str]) -> str:
    # ...or bare, but only for kinds of the mapping: "EMAIL_1", never any "WORD_1".
    names = "|".join(sorted((regex.escape(k) for k in kinds), key=len, reverse=True)) or "(?!)"
    return rf"(?<![A-Za-z0-9_])(?P<bare>{names})_(?P<bare_n>\d{{1,6}})(?![A-Za-z0-9_])"


@lru_cache(maxsize=256)
def _echo_pattern(kinds: frozenset[str]) -> regex.Pattern:
    return regex.compile(f"{_BRACKETED}|{_bare(kinds)}")


@lru_cache(maxsize=256)
def _bare_pattern(kinds: frozenset[str]) -> regex.Pattern:
    return regex.compile(_bare(kinds))


def _canonical(match) -> str:
    if match.group("kind") is not None:
        return placeholder(match.group("kind").upper(), int(match.group("n")))
    return placeholder(match.group("bare"), int(match.group("bare_n")))


def unmask(text: str, mapping: Mapping[str, str]) -> str:
    """Put the original values back wherever the answer echoes a placeholder of ``mapping``."""
    if not mapping:
        return text
    pattern = _echo_pattern(frozenset(_kind_of(ph) for ph in mapping))
    return pattern.sub(lambda m: mapping.get(_canonical(m), m.group(0)), text)


def unmasker(mapping: Mapping[str, str]) -> Unmasker:
    """A fresh streaming unmasker for one answer (``Unmasker(mapping)``)."""
    return Unmasker(mapping)


class Unmasker:
    """Unmask a streamed answer piece by piece: ``feed`` each piece, then ``flush`` once."""

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = dict(mapping)
        kinds = frozenset(_kind_of(ph) for ph in self.mapping)
        self._bare_pattern = _bare_pattern(kinds)
        self._pending = ""

    def feed(self, piece: str) -> str:
        """Text that is now safe to show; a possible placeholder start is kept back."""
        if not self.mapping:
            return piece
        self._pending += piece
        cut = self._safe_length(self._pending)
        ready, self._pending = self._pending[:cut], self._pending[cut:]
        return unmask(ready, self.mapping)

    def flush(self) -> str:
        """The rest, at the end of the stream."""
        rest, self._pending = self._pending, ""
        return unmask(rest, self.mapping)

    def _safe_length(self, text: str) -> int:
        """Length of the prefix of ``text`` that cannot be part of a placeholder still arriving."""
        # Searched apart: `regex` prefers a complete match anywhere to an earlier partial
        # one, and a bare "EMAIL_1" inside a half-arrived "&lt;EMAIL_1&g" must not win.
        cut = len(text)
        for pattern in (_BRACKETED_PATTERN, self._bare_pattern):
            position = 0
            while (match := pattern.search(text, position, partial=True)) is not None:
                # "<EMA" may still complete; a bare "EMAIL_1" at the end may become "EMAIL_12".
                if match.partial or (pattern is self._bare_pattern and match.end() == len(text)):
                    cut = min(cut, match.start())
                    break
                position = match.end()
        return cut
