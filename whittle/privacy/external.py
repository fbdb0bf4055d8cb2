"""Presidio's pattern recognizers, adapted to run offline and without an NLP engine.

Presidio (presidio-analyzer) is Microsoft's maintained PII toolkit. Its *pattern*
recognizers are regular expressions plus validation (Luhn for cards, the ISO 13616
checksum and per-country layout for IBANs, mod-11 for NHS numbers, ISO 7064 for the
German tax ID, ...), and they run fine with ``nlp_artifacts=None``: no spaCy model is
loaded. Only presidio's NER recognizer (person names) needs a model, and no official
spaCy model is on PyPI, so names come from ``names.py`` instead.

E-mail addresses are not found here: presidio's recognizer requires a public suffix
(``jane@acme.internal`` is not one), so ``emails.py`` reads addresses by syntax instead.
Nor are phone numbers only found here: presidio keeps numbers *valid* in the numbering
plan, and ``phones.py`` adds those written in a phone's format whatever their area code.

One adaptation, for speed:

* ``PhoneRecognizer`` runs python-phonenumbers' matcher once per region over the whole
  text (~10 ms per 300 characters). We run it only on windows around digit runs that
  could be phone numbers and that no surer recognizer has already claimed (a card
  number, an IBAN), which makes most text nearly free.

Presidio scores some matches low and relies on context words to raise them (an SSN
without dashes, say). Its context enhancer needs an NLP engine, so ``with_context``
does the same thing with a plain look-behind for the recognizer's own context words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from whittle.privacy.phones import is_date_or_version
from whittle.privacy.types import Candidate, Recognizer

# Presidio's own mapping of entity names to ours: short, stable placeholder names.
KIND_OF_ENTITY = {
    "PHONE_NUMBER": "PHONE",
    "CREDIT_CARD": "CARD",
    "IBAN_CODE": "IBAN",
    "IP_ADDRESS": "IP",
    "US_SSN": "US_SSN",
    "UK_NINO": "UK_NINO",
    "UK_NHS": "UK_NHS",
    "DE_TAX_ID": "DE_TAX_ID",
    "ES_NIF": "ES_NIF",
}

# What presidio's context enhancer adds to a score when a context word is near.
CONTEXT_BOOST = 0.35
CONTEXT_WINDOW = 48

# A digit run that phonenumbers might read as a phone number: 7+ digits, with the
# separators people write between them.
_PHONE_CANDIDATE = re.compile(r"(?:\+|\b00)?\(?\d(?:[\d\s().\-/]{0,3}\d){6,}")
_PHONE_PAD = 12

# Mastercard's 2-series (2221-2720) is missing from presidio's card pattern.
_MASTERCARD_2_SERIES = r"\b2(?:22[1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b"

# The German tax ID is usually written in groups ("12 345 678 901"); presidio only
# matches the 11 digits written together.
_DE_TAX_ID_GROUPED = r"\b[1-9]\d ?\d{3} ?\d{3} ?\d{3}\b"


# Run over the digit runs no other recognizer claimed: (text, claimed spans) -> candidates.
PhoneFinder = Callable[[str, Sequence[tuple[int, int]]], Iterator[Candidate]]


def presidio_recognizers() -> list[Recognizer]:
    """The presidio-backed recognizers but phones, built once (building compiles regexes)."""
    return list(_build()[0])


def phone_recognizer() -> PhoneFinder:
    return _build()[1]


@lru_cache(maxsize=1)
def _build() -> tuple[tuple[Recognizer, ...], PhoneFinder]:
    # Presidio logs every recognizer it builds at INFO; that is noise in our logs.
    logging.getLogger("presidio-analyzer").setLevel(logging.WARNING)
    try:
        from presidio_analyzer import Pattern
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            DeTaxIdRecognizer,
            EsNifRecognizer,
            IbanRecognizer,
            IpRecognizer,
            NhsRecognizer,
            PhoneRecognizer,
            UkNinoRecognizer,
            UsSsnRecognizer,
        )
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            "whittle.privacy needs presidio-analyzer: run `.venv/bin/pip install -c constraints.txt "
            f"presidio-analyzer faker` ({error})"
        ) from error

    class GroupedDeTaxIdRecognizer(DeTaxIdRecognizer):
        def validate_result(self, pattern_text: str) -> bool | None:
            return super().validate_result(pattern_text.replace(" ", ""))

    cards = CreditCardRecognizer(
        patterns=[*CreditCardRecognizer.PATTERNS, Pattern("mastercard 2-series", _MASTERCARD_2_SERIES, 0.3)]
    )
    de_tax = GroupedDeTaxIdRecognizer(patterns=[Pattern("Steuer-ID, grouped or not", _DE_TAX_ID_GROUPED, 0.5)])
    plain = [
        cards,
        IbanRecognizer(),
        # People paste IBANs in lower case too. Not instead of the above: ignoring case,
        # the pattern runs on into the next word ("... 4094 thanks") and fails the checksum.
        IbanRecognizer(regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE),
        IpRecognizer(),
        UsSsnRecognizer(),
        UkNinoRecognizer(),
        NhsRecognizer(),
        de_tax,
        EsNifRecognizer(),
    ]
    return tuple(_adapt(r) for r in plain), _windowed_phone(PhoneRecognizer())


def _adapt(recognizer) -> Recognizer:
    entities = list(recognizer.supported_entities)
    context = [word.lower() for word in recognizer.context or []]

    def run(text: str) -> Iterator[Candidate]:
        for result in recognizer.analyze(text, entities, nlp_artifacts=None):
            score = with_context(text, result.start, result.score, context)
            yield Candidate(KIND_OF_ENTITY[result.entity_type], result.start, result.end, score)

    run.__name__ = type(recognizer).__name__
    return run


def _windowed_phone(recognizer) -> PhoneFinder:
    entities = list(recognizer.supported_entities)
    context = [word.lower() for word in recognizer.context or []]

    def run(text: str, claimed: Sequence[tuple[int, int]] = ()) -> Iterator[Candidate]:
        for lo, hi in _windows(text, claimed):
            window = text[lo:hi]
            for result in recognizer.analyze(window, entities, nlp_artifacts=None):
                start, end = lo + result.start, lo + result.end
                if is_date_or_version(text[start:end]):
                    continue  # "16.8.2009" is a valid German number, and far more often a date
                yield Candidate("PHONE", start, end, with_context(text, start, result.score, context))

    run.__name__ = "PhoneRecognizer"
    return run


def _windows(text: str, claimed: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merged spans around every unclaimed phone-like digit run, widened to whole words."""
    spans: list[tuple[int, int]] = []
    for match in _PHONE_CANDIDATE.finditer(text):
        if any(start <= match.start() and match.end() <= end for start, end in claimed):
            continue
        lo = max(0, match.start() - _PHONE_PAD)
        hi = min(len(text), match.end() + _PHONE_PAD)
        # Cut at whitespace so the matcher never sees half a word at a window edge.
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(hi, spans[-1][1]))
        else:
            spans.append((lo, hi))
    return spans


def with_context(text: str, start: int, score: float, words: list[str]) -> float:
    """Raise a weak score when one of the recognizer's context words comes just before."""
    if not words or score >= 1.0:
        return score
    before = text[max(0, start - CONTEXT_WINDOW) : start].lower()
    if any(word in before for word in words):
        return round(min(1.0, score + CONTEXT_BOOST), 6)  # 0.05 + 0.35 must reach 0.4, not 0.3999...
    return score
