"""Secrets: provider API keys, tokens, private keys and passwords.

Presidio has no recognizers for these. Provider keys have documented prefixes, so a
prefix plus a minimum length is a precise match. Tokens without a prefix are caught by
shape (long, random-looking: mixed case and digits, no English-like lowercase runs,
high character entropy); hex strings and UUIDs look just like commit hashes and record
IDs, so they count only next to a word such as "key" or "token". Passwords are caught
where they are assigned or announced (``password=...``, ``my password is ...``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

from whittle.privacy.external import with_context
from whittle.privacy.types import Candidate

# (kind, pattern, score). The value is the named group "v" when there is one.
_PREFIXED: list[tuple[str, re.Pattern[str], float]] = [
    # Anthropic (sk-ant-api03-...) and OpenAI's project/service keys: prefix is enough.
    ("API_KEY", re.compile(r"\bsk-(?:ant-(?:api|admin)\d\d|proj|svcacct|admin)-[A-Za-z0-9_\-]{20,}"), 1.0),
    # OpenAI's older keys are plain sk-: must also look random (see find_credentials).
    ("API_KEY", re.compile(r"\bsk-[A-Za-z0-9_\-]{20,}"), 0.9),
    ("API_KEY", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b"), 1.0),
    ("API_KEY", re.compile(r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b"), 1.0),
    ("API_KEY", re.compile(r"\bxox[abposre]-[A-Za-z0-9\-]{10,}"), 1.0),
    ("API_KEY", re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9/_\-]+"), 1.0),
    ("API_KEY", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b"), 1.0),
    ("API_KEY", re.compile(r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b"), 1.0),
    ("API_KEY", re.compile(r"\bhf_[A-Za-z0-9]{30,}\b"), 1.0),
    ("API_KEY", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}"), 1.0),
    ("TOKEN", re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"), 1.0),
    ("TOKEN", re.compile(r"(?i)\bbearer\s+(?P<v>[A-Za-z0-9\-._~+/]{16,}=*)"), 0.9),
    ("TOKEN", re.compile(r"(?i)\bauthorization\s*:\s*basic\s+(?P<v>[A-Za-z0-9+/]{8,}=*)"), 0.9),
    (
        "PRIVATE_KEY",
        # A truncated block (no END line) is masked to the end of the text: safe side.
        re.compile(
            r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)"
        ),
        1.0,
    ),
    # Up to the last "@": pasted passwords are often not percent-encoded.
    ("PASSWORD", re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s:/@]+:(?P<v>[^\s/]+)@"), 1.0),
    (
        "TOKEN",
        re.compile(
            r"(?i)[?&](?:api_?key|key|token|access_token|secret|password|sig|signature|auth)=(?P<v>[^&\s#]{6,})"
        ),
        0.8,
    ),
    # Command-line passwords: mysql -pSECRET, --password SECRET.
    ("PASSWORD", re.compile(r"\bmysql(?:dump|admin)?\b[^\n]*?\s-p(?P<v>[^\s]{4,})"), 0.9),
    ("PASSWORD", re.compile(r"(?<!\S)--pass(?:word)?[ =](?P<v>[^\s-][^\s]{3,})"), 0.9),
]

_PASSWORD_WORDS = r"pass(?:word|wd|phrase|code)?|pwd|mot de passe|passwort|kennwort|contrase[ñn]a"
_SECRET_WORDS = (
    r"(?:client[_-]?|app[_-]?)?secret(?:[_-]?key)?|api[_-]?key|apikey|access[_-]?key(?:[_-]?id)?"
    r"|(?:access|auth|refresh|session|api)[_-]?token|token|private[_-]?key"
)
# A value written after "=" or ":", quoted (may hold spaces) or bare.
_VALUE = r"""(?:"(?P<dq>[^"\n]{4,})"|'(?P<sq>[^'\n]{4,})'|(?P<bare>[^\s"',;]{4,}))"""
# Not after "?" or "&": a URL's query string is split at "&" by the pattern above.
_ASSIGNED = re.compile(
    rf"""(?i)(?<![A-Za-z0-9?&])(?P<key>[A-Za-z0-9_]*?(?:{_PASSWORD_WORDS}|{_SECRET_WORDS}))["']?\s*(?::=|=>|[:=])\s*{_VALUE}"""
)
_ANNOUNCED_KEYS = rf"{_PASSWORD_WORDS}|pin|secret|(?:api |access |secret |private )?(?:key|token)"
_ANNOUNCED = re.compile(rf"""(?i)\b(?P<key>{_ANNOUNCED_KEYS})\s+(?:is|was|est|ist|será|is now)\s*:?\s+{_VALUE}""")
# Values that are references to a secret, not the secret: placeholders, templates,
# environment lookups, redactions.
_NOT_A_VALUE = re.compile(
    r"^(?:<[\w\s.-]*>|\$\{?[A-Za-z_][\w.]*\}?|%\(\w+\)s|%s|\{\{?\s*[\w.]+\s*\}\}?|\*+|x+|os\.\S*|env\b\S*|getenv\S*"
    r"|process\.env\S*|none|null|nil|true|false|required|optional|empty|redacted|hidden|secret|string"
    # "the password is wrong": what people say about a password, not the password.
    r"|wrong|incorrect|correct|invalid|expired|missing|weak|strong|working|saved|stored|changed|reset"
    r"|same|different|mandatory|needed|case-sensitive|too\s.*|not\s.*)$",
    re.IGNORECASE,
)

_TOKEN_SHAPE = re.compile(r"(?<![A-Za-z0-9+/_\-.])[A-Za-z0-9+/_\-]{24,}={0,2}(?![A-Za-z0-9+/_\-])")
_HEXISH = re.compile(r"^[0-9a-fA-F\-]+$")
_LOWER_RUN = re.compile(r"[a-z]{4,}")
_TOKEN_CONTEXT = ["key", "token", "secret", "password", "auth", "credential", "bearer", "signature", "api"]
_WEAK_SCORE = 0.1  # only a context word lifts it over the threshold


def find_credentials(text: str) -> Iterator[Candidate]:
    """Every provider key, token, private key and password in ``text``."""
    for kind, pattern, score in _PREFIXED:
        for match in pattern.finditer(text):
            group = "v" if "v" in pattern.groupindex else 0
            if group and _NOT_A_VALUE.match(match.group(group)):
                continue  # postgres://app:<PASSWORD_1>@db: already masked
            if score < 1.0 and match.group(0).startswith("sk-") and not _looks_random(match.group(0)[3:]):
                continue  # "sk-learn-style-names" is not a key
            yield Candidate(kind, match.start(group), match.end(group), score)
    yield from _assignments(text)
    yield from _random_tokens(text)


def _assignments(text: str) -> Iterator[Candidate]:
    for pattern in (_ASSIGNED, _ANNOUNCED):
        for match in pattern.finditer(text):
            group = next(g for g in ("dq", "sq", "bare") if match.group(g) is not None)
            value = match.group(group)
            start, end = match.start(group), match.end(group)
            # "my password is hunter2!" keeps its "!": the sentence's or the password's,
            # over-masking a full stop is cheaper than leaking a character.
            if len(value) < 4 or _NOT_A_VALUE.match(value):
                continue
            key = match.group("key").lower()
            kind = "PASSWORD" if re.search(_PASSWORD_WORDS + "|pin", key) else "TOKEN"
            if kind == "TOKEN" and value.isdigit() and len(value) < 12:
                continue  # max_token=2048 is a setting, not a secret
            if kind == "TOKEN" and pattern is _ANNOUNCED and not any(c.isdigit() for c in value):
                continue  # "the key is understanding": a key has digits
            yield Candidate(kind, start, end, 0.8)


def _random_tokens(text: str) -> Iterator[Candidate]:
    for match in _TOKEN_SHAPE.finditer(text):
        token = match.group(0)
        if _HEXISH.match(token):
            # Commit hashes and UUIDs are everywhere in technical chat: a hex string is
            # a secret only when the text says so.
            digits = sum(c.isdigit() for c in token)
            if digits and digits < len(token) and len(token.replace("-", "")) >= 32:
                yield Candidate(
                    "TOKEN", match.start(), match.end(), with_context(text, match.start(), _WEAK_SCORE, _TOKEN_CONTEXT)
                )
        elif _looks_random(token):
            yield Candidate("TOKEN", match.start(), match.end(), 0.6)
        elif _mixed(token):
            # Random keys sometimes hold word-like runs; next to "key" or "token" the
            # shape is enough.
            yield Candidate(
                "TOKEN", match.start(), match.end(), with_context(text, match.start(), _WEAK_SCORE, _TOKEN_CONTEXT)
            )


def _mixed(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token) and _entropy(token) >= 3.0


def _looks_random(token: str) -> bool:
    """Mixed case and digits, no word-like lowercase runs, high entropy: a generated key."""
    body = token.rstrip("=")
    has_upper = any(c.isupper() for c in body)
    has_lower = any(c.islower() for c in body)
    has_digit = any(c.isdigit() for c in body)
    if not (has_upper and has_lower and (has_digit or len(body) >= 32)):
        return False
    # Identifiers (getUserAccountSettingsById2) are made of words: long lowercase runs.
    worded = sum(len(run) for run in _LOWER_RUN.findall(body))
    if worded > 0.3 * len(body):
        return False
    return _entropy(body) >= 3.5


def _entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())
