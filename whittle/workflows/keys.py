"""Run keys: the name a user gives a run (e.g. acme-competitors-03) to come back to it later."""

from __future__ import annotations

import re
from collections.abc import Iterable

from whittle.workflows.steps import WorkflowError

MAX_KEY_CHARS = 64
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
EXAMPLE = "acme-competitors-03"


class RunKeyError(WorkflowError):
    pass


def normalize_key(text: str) -> str:
    """Lowercase, spaces to hyphens; anything still unusual is refused with an example of a good key."""
    key = "-".join(str(text).strip().lower().split())
    if not key:
        raise RunKeyError(f"Type a key for the run (e.g. {EXAMPLE}), or keep the suggested one.")
    if len(key) > MAX_KEY_CHARS:
        raise RunKeyError(f"The key is {len(key)} characters; keep it to {MAX_KEY_CHARS} or fewer.")
    if not KEY.match(key):
        bad = sorted({c for c in key if not (c.isascii() and (c.isalnum() or c in "-_"))})
        why = f"it contains {' '.join(repr(c) for c in bad)}" if bad else "it must start with a letter or digit"
        raise RunKeyError(f"{key!r} cannot be a key: {why}. Use letters, digits, '-' and '_' (e.g. {EXAMPLE}).")
    return key


def slug(text: str, fallback: str = "run") -> str:
    words = re.findall(r"[a-z0-9]+", str(text).lower())
    return "-".join(words)[:24].strip("-") or fallback


def suggest_key(profile_name: str, prefix: str, taken: Iterable[str]) -> str:
    """<profile>-<prefix>-NN with the first NN not yet used, e.g. default-hello-01."""
    used = set(taken)
    stem = f"{slug(profile_name, 'my')}-{slug(prefix)}"
    number = 1
    while f"{stem}-{number:02d}" in used:
        number += 1
    return f"{stem}-{number:02d}"
