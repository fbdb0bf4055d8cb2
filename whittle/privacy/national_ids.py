"""National IDs presidio lacks: the French social security number (NIR / "numéro INSEE").

US SSN, UK National Insurance and NHS numbers, the German tax ID and the Spanish NIF come
from presidio (``external.py``). The NIR has a check key, so a 15-digit run that merely
has the right shape is not enough: ``key == 97 - (first 13 digits mod 97)``, with
Corsica's "2A"/"2B" department codes read as 19 and 18.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whittle.privacy.types import Candidate

# sex, birth year, month, department (2A/2B for Corsica), commune, order, key.
_NIR = re.compile(r"\b[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[ABab]) ?\d{3} ?\d{3} ?\d{2}\b")


def nir_key(first13: str) -> int:
    """The check key of a NIR's first 13 characters (department may be 2A or 2B)."""
    digits = first13.upper().replace("2A", "19", 1).replace("2B", "18", 1)
    return 97 - int(digits) % 97


def is_valid_nir(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    if len(compact) != 15 or not compact[13:].isdigit():
        return False
    body = compact[:13]
    if not (body.isdigit() or body[5:7] in ("2A", "2B")):
        return False
    return nir_key(body) == int(compact[13:])


def find_national_ids(text: str) -> Iterator[Candidate]:
    for match in _NIR.finditer(text):
        if is_valid_nir(match.group(0)):
            yield Candidate("FR_NIR", match.start(), match.end(), 0.9)
