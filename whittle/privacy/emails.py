"""E-mail addresses by syntax alone: whatever the domain, an address is personal data.

Presidio's recognizer keeps only addresses whose domain ends in a public suffix, so
``jane@acme.internal``, ``ops@corp.local`` or ``x@mail.test`` went out unmasked: company
mail lives exactly at such domains. Here an address is anything RFC 5322's dot-atom
allows before the "@" (Unicode letters too, as RFC 6531 allows) followed by a domain of
two or more labels whose last label has a letter, or ``localhost``, or an address
literal (``user@[10.0.0.1]``). What that rules out is what is not mail: ``lodash@4.17.21``,
``@types/node@20``, ``x @W.T`` (a matrix product), decorators.

People also write addresses to dodge scrapers: ``jane [at] acme [dot] com`` and
``jane(at)acme.internal`` count too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whittle.privacy.types import Candidate

_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_LOCAL = rf"{_ATOM}(?:\.{_ATOM})*"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_ADDRESS = re.compile(
    rf"(?<![\w.!#$%&'*+/=?^`{{|}}~@-])(?P<v>{_LOCAL}@(?:(?P<domain>{_LABEL}(?:\.{_LABEL})*)|\[[\d.:a-fA-F]+\]))"
)
_AT = r"\s*[\[({]\s*at\s*[\])}]\s*"
_DOT = r"(?:\s*[\[({]\s*dot\s*[\])}]\s*|\.)"
_OBFUSCATED = re.compile(
    rf"(?i)(?<![\w.-])(?P<v>{_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[^\W\d_]{{2,}})(?![\w-])"
)

SCORE = 0.95


def find_emails(text: str) -> Iterator[Candidate]:
    if "@" in text:
        for match in _ADDRESS.finditer(text):
            domain = match.group("domain")
            if domain is None or _is_mail_domain(domain):
                yield Candidate("EMAIL", match.start("v"), match.end("v"), SCORE)
    if "at" in text.lower():
        for match in _OBFUSCATED.finditer(text):
            yield Candidate("EMAIL", match.start("v"), match.end("v"), SCORE)


def _is_mail_domain(domain: str) -> bool:
    labels = domain.lower().split(".")
    if labels == ["localhost"]:
        return True
    last = labels[-1]
    return len(labels) >= 2 and len(last) >= 2 and any(c.isalpha() for c in last)
