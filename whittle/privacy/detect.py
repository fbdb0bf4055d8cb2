"""Find personal data and secrets in a text: ``scan(text) -> list[Finding]``.

Recognizers, by kind:

=============  ==========================================================  ==========
kind           what                                                        from
=============  ==========================================================  ==========
EMAIL          e-mail addresses by syntax, at any domain (.internal too)   ours
PHONE          phone numbers valid for US, GB, DE, FR, IL, IN, CA, BR      presidio
               or written in international form (python-phonenumbers);
               any number written in a phone's format, assigned or not     ours
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
PERSON         names, from cues, a first/last-name gazetteer and the       ours
               places people are named ("from X", "cc X", "X wrote:");
               NER when a spaCy pipeline is installed                      presidio
=============  ==========================================================  ==========

Overlapping matches (a phone-shaped run inside an IBAN, an API key inside
``OPENAI_API_KEY=...``) are merged into one finding spanning all of them, labelled by the
most confident, so every character any recognizer flagged is covered.

``uncertain(text)`` returns what is too weak to mask on its own (score 0.25-0.4: a
capitalised sequence of unknown words with no cue, a bare group of digits), for the
policy's ``when_uncertain`` knob.

``scan`` is pure and cached by text: a conversation is re-sent with every turn, and only
its new messages cost a scan.
"""

from __future__ import annotations

from functools import lru_cache

from whittle.privacy.credentials import find_credentials
from whittle.privacy.emails import find_emails
from whittle.privacy.external import phone_recognizer, presidio_recognizers
from whittle.privacy.names import find_names
from whittle.privacy.names_in_context import find_names_in_context, uncertain_names
from whittle.privacy.national_ids import find_national_ids
from whittle.privacy.ner import find_names_with_model
from whittle.privacy.phones import find_phones
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
# Candidates between this and MIN_SCORE are *uncertain*: not masked on their own, but a
# policy may keep the conversation local because of them (``policy.py``).
UNCERTAIN_SCORE = 0.25


def recognizers() -> list[Recognizer]:
    """All recognizers but the phone ones, which run last (see ``SURE``)."""
    return [
        *presidio_recognizers(), find_emails, find_credentials, find_national_ids, find_names,
        find_names_in_context, uncertain_names, find_names_with_model,
    ]  # fmt: skip


def scan(text: str) -> list[Finding]:
    """Every sensitive value in ``text``, in order, non-overlapping."""
    if not isinstance(text, str):
        raise TypeError(f"scan() takes a str, not {type(text).__name__}: pass message['content']")
    return list(_scan(text))


def uncertain(text: str) -> list[Finding]:
    """What may be sensitive but is too weak to mask on its own (a capitalised sequence with no
    cue, a bare group of digits): spans outside every ``scan`` finding, score below MIN_SCORE."""
    return list(_uncertain(text))


@lru_cache(maxsize=2048)
def _candidates(text: str) -> tuple[Candidate, ...]:
    candidates = [candidate for recognizer in recognizers() for candidate in recognizer(text)]
    claimed = [(c.start, c.end) for c in candidates if c.score >= SURE]
    candidates += phone_recognizer()(text, claimed)
    candidates += find_phones(text, claimed)
    return tuple(c for c in candidates if c.end > c.start)


@lru_cache(maxsize=2048)
def _scan(text: str) -> tuple[Finding, ...]:
    candidates = [c for c in _candidates(text) if c.score >= MIN_SCORE]
    return tuple(Finding(c.kind, c.start, c.end, text[c.start : c.end], c.score) for c in merge(candidates))


@lru_cache(maxsize=2048)
def _uncertain(text: str) -> tuple[Finding, ...]:
    sure = _scan(text)
    weak = [
        c for c in _candidates(text)
        if UNCERTAIN_SCORE <= c.score < MIN_SCORE and not any(f.start < c.end and c.start < f.end for f in sure)
    ]  # fmt: skip
    return tuple(Finding(c.kind, c.start, c.end, text[c.start : c.end], c.score) for c in merge(weak))


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
