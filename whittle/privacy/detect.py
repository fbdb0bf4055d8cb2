"""Find personal data and secrets in a text: ``scan(text) -> list[Finding]``.

Recognizers, by kind:

=============  ==========================================================  ==========
kind           what                                                        from
=============  ==========================================================  ==========
EMAIL          e-mail addresses (domain checked against the suffix list)   presidio
PHONE          phone numbers valid for US, GB, DE, FR, IL, IN, CA, BR      presidio
               or written in international form (python-phonenumbers)
CARD           payment card numbers, Luhn-checked                          presidio
IBAN           IBANs, ISO 13616 checksum and per-country layout            presidio
IP             IPv4 and IPv6 addresses                                     presidio
US_SSN         US social security numbers                                  presidio
UK_NINO        UK National Insurance numbers                               presidio
UK_NHS         NHS numbers, mod-11 checked                                 presidio
DE_TAX_ID      German Steuer-ID, ISO 7064 checked                          presidio
ES_NIF         Spanish DNI/NIF, check letter                               presidio
FR_NIR         French social security number, mod-97 key                   ours
API_KEY        provider keys: OpenAI, Anthropic, GitHub, AWS, Slack,       ours
               Google, Stripe, Hugging Face, GitLab
TOKEN          JWTs, bearer/basic credentials, secrets assigned in code    ours
               or URLs, long random-looking strings
PRIVATE_KEY    PEM private key blocks                                      ours
PASSWORD       passwords assigned, announced, or inside URLs               ours
PERSON         names, from cues and a first/last-name gazetteer            ours
=============  ==========================================================  ==========

Overlapping matches (a phone-shaped run inside an IBAN, an API key inside
``OPENAI_API_KEY=...``) are merged into one finding spanning all of them, labelled by the
most confident, so every character any recognizer flagged is covered.

``scan`` is pure and cached by text: a conversation is re-sent with every turn, and only
its new messages cost a scan.
"""

from __future__ import annotations

from functools import lru_cache

from whittle.privacy.credentials import find_credentials
from whittle.privacy.external import phone_recognizer, presidio_recognizers
from whittle.privacy.names import find_names
from whittle.privacy.national_ids import find_national_ids
from whittle.privacy.types import Candidate, Finding, Recognizer

KINDS = (
    "EMAIL", "PHONE", "CARD", "IBAN", "IP", "US_SSN", "UK_NINO", "UK_NHS", "DE_TAX_ID",
    "ES_NIF", "FR_NIR", "API_KEY", "TOKEN", "PRIVATE_KEY", "PASSWORD", "PERSON",
)  # fmt: skip

# Presidio's scores: 0.4 is its phone number score, and what a "very weak" pattern
# reaches with a context word next to it.
MIN_SCORE = 0.4
# A digit run inside a finding this sure (a checksummed card, IBAN or ID) is not
# searched again for phone numbers: the phone matcher is the slowest recognizer.
SURE = 0.9


def recognizers() -> list[Recognizer]:
    """All recognizers but the phone one, which runs last (see ``SURE``)."""
    return [*presidio_recognizers(), find_credentials, find_national_ids, find_names]


def scan(text: str) -> list[Finding]:
    """Every sensitive value in ``text``, in order, non-overlapping."""
    if not isinstance(text, str):
        raise TypeError(f"scan() takes a str, not {type(text).__name__}: pass message['content']")
    return list(_scan(text))


@lru_cache(maxsize=2048)
def _scan(text: str) -> tuple[Finding, ...]:
    candidates = [candidate for recognizer in recognizers() for candidate in recognizer(text)]
    claimed = [(c.start, c.end) for c in candidates if c.score >= SURE]
    candidates += phone_recognizer()(text, claimed)
    candidates = [c for c in candidates if c.score >= MIN_SCORE and c.end > c.start]
    return tuple(Finding(c.kind, c.start, c.end, text[c.start : c.end], c.score) for c in merge(candidates))


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """Union overlapping candidates; the merged span takes the kind of its best member."""
    merged: list[Candidate] = []
    best: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if merged and candidate.start < merged[-1].end:
            last = merged[-1]
            if _better(candidate, best[-1]):
                best[-1] = candidate
            merged[-1] = Candidate(best[-1].kind, last.start, max(last.end, candidate.end), best[-1].score)
        else:
            merged.append(candidate)
            best.append(candidate)
    return merged


def _better(a: Candidate, b: Candidate) -> bool:
    return (a.score, a.end - a.start) > (b.score, b.end - b.start)
