"""Phone numbers by the way they are written, not by whether their area code is assigned.

python-phonenumbers (through presidio, ``external.py``) keeps only numbers *valid* in
its metadata, so ``(593) 345-5388`` — NANP's shape, an area code not in service — went
out unmasked. A number that is unassigned today is still somebody's number tomorrow, or
a typo of one: for tiers that leave this machine recall comes first. So this recognizer
reads the format:

==================================================  =====  ==============================
shape                                               score  examples
==================================================  =====  ==============================
"+" or "00", a country code, 6-14 more digits       0.85   +90 563 353 86 14, 0049 151 ...
NANP: [2-9]XX [2-9]XX XXXX, with its separators     0.7    (593) 345-5388, 1-800-555-0199
a trunk "0" (or Russia's "8 (9"), 9-12 digits,       0.6    07911 123456, 06-12345678,
grouped                                                    8 (912) 345-67-89
other groups of digits, 8-13 digits                 0.3    55 4700 4916, 612 345 678
==================================================  =====  ==============================

The last row is what phone numbers *and* product codes, ISBNs or amounts look like:
it counts only after a word such as "call", "Tel", "WhatsApp", "Handy", "portable",
"celular" (``_CONTEXT``, in the languages whittle's users write), which lifts it by 0.35,
or "number", "contact" (0.1, just to the threshold: see ``_GENERIC_CONTEXT``);
on its own it is below the threshold (an *uncertain* finding: see ``policy.py``).
Dates, times, IP addresses, versions and amounts are not phone numbers in any row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from whittle.privacy.types import Candidate

_SPACE = r"[ \u00a0]"
_GROUP_SEP = rf"(?:{_SPACE}?[-./]{_SPACE}?|{_SPACE})"
_PAREN = r"\(\d{1,5}\)"
_PREFIX = rf"(?:\+{_SPACE}?|\b00{_SPACE}?)"
_FIRST_GROUP = rf"(?:{_PAREN}{_SPACE}?|\d{{1,12}})"
_MORE_GROUPS = rf"(?:(?:{_GROUP_SEP}|{_SPACE}?(?={_PAREN}))(?:{_PAREN}{_SPACE}?)?\d{{1,12}}){{0,7}}"
_EXTENSION_PART = rf"(?:{_SPACE}?(?:ext\.?|x|#|poste|Durchwahl){_SPACE}?\d{{1,5}})"
# Not part of a longer token, and not followed by what makes digits an amount, a
# measurement, a time ("10:30") or a range ("12-14").
_RUN = re.compile(
    r"(?<![\w+\-./,:#$€£¥])"
    rf"(?P<v>{_PREFIX}?{_FIRST_GROUP}{_MORE_GROUPS}{_EXTENSION_PART}?)"
    rf"(?![\w/%€$£:]|[.,]\d|-\d|{_SPACE}?(?:%|ms|s\b|kg|km|cm|mm|px|MB|GB|kcal|g\b|€|\$|USD|EUR|Uhr))",
    re.IGNORECASE,
)
_NANP = re.compile(r"^(?:\+?1[ .\-]?)?(?:\([2-9]\d\d\)[ ]?|[2-9]\d\d[ .\-])[2-9]\d\d[ .\-]\d{4}\b")
_TRUNK = re.compile(r"^(?:\(0|0[ ]?\(?\d|8[ \-]?\(?9\d\d)")
_DATE_OR_TIME = re.compile(r"^\d{1,4}([-./])\d{1,2}\1\d{1,4}$|^\d{1,2}:\d\d")
_DOTTED_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{1,3}){2,3}$")  # versions, IPv4
_EXTENSION = re.compile(r"(?i)[ \u00a0]?(?:ext\.?|x|#|poste|Durchwahl)[ \u00a0]?\d{1,5}$")

# Words that announce a phone number; \b-delimited, checked in the 40 characters before.
_CONTEXT = re.compile(
    r"(?i)\b(?:phone|tel|tél|téléphone|telephone|telefon|telefone|telefono|teléfono|telp|call|calls|called|ring|"
    r"mobile|mob|cell|cellphone|celular|cellulare|móvil|movil|handy|mobil|portable|fax|sms|text|whatsapp|wa|"
    r"signal|telegram|viber|hotline|reach|dial|"
    r"rufnummer|appelle|appeler|joindre|llámame|llama|llamar|chiamami|chiamare|ligue|liga|bel|zadzwoń|ara|"
    r"hubungi|hp|電話|电话|手机|전화)\b\W{0,3}"
)
# "number", "contact": a phone number follows them, and as often a social security,
# account or order number. They lift a phone-shaped run just to the threshold, so it is
# masked, and any other recognizer's label for the same digits wins.
_GENERIC_CONTEXT = re.compile(r"(?i)\b(?:number|numéro|numero|número|nummer|nomor|numer|no\.|contact|kontakt)\b\W{0,3}")
_CONTEXT_WINDOW = 40
_CONTEXT_BOOST = 0.35
_GENERIC_BOOST = 0.1


def find_phones(text: str, claimed: Sequence[tuple[int, int]] = ()) -> Iterator[Candidate]:
    """Phone-shaped digit runs no surer recognizer (a card, an IBAN) has claimed."""
    for match in _RUN.finditer(text):
        start, end = match.start("v"), match.end("v")
        if any(lo <= start and end <= hi for lo, hi in claimed):
            continue
        score = phone_score(match.group("v"))
        if score is None:
            continue
        before = text[max(0, start - _CONTEXT_WINDOW) : start]
        if score < 0.6 and _CONTEXT.search(before):
            score += _CONTEXT_BOOST
        elif score < 0.6 and _GENERIC_CONTEXT.search(before):
            score += _GENERIC_BOOST
        yield Candidate("PHONE", start, end, round(score, 6))


def is_date_or_version(value: str) -> bool:
    """ "16.8.2009", "2025-11-04", "10:30", "1.2.3": shaped like numbers phones are not."""
    number = value.strip()
    return bool(_DATE_OR_TIME.match(number) or _DOTTED_GROUPS.match(number))


def phone_score(value: str) -> float | None:
    """How sure the shape of ``value`` makes it a phone number; None when it cannot be one."""
    number = _EXTENSION.sub("", value).strip()
    digits = sum(c.isdigit() for c in number)
    if is_date_or_version(number):
        return None
    international = number.startswith(("+", "00"))
    if international:
        body = number.lstrip("+0 \u00a0") if number.startswith("00") else number[1:]
        if 8 <= sum(c.isdigit() for c in body) <= 15 and body[:1] in "123456789":
            return 0.85
        return None
    if not 7 <= digits <= 13:
        return None
    if _NANP.match(number) and digits in (10, 11):
        return 0.7
    separated = sum(not c.isdigit() for c in number)
    if _TRUNK.match(number) and 9 <= digits <= 12 and (separated or digits in (10, 11)):
        return 0.6
    groups = re.findall(r"\d+", number)
    if digits >= 8 and (len(groups) >= 2 or digits <= 11):
        return 0.3
    return None
