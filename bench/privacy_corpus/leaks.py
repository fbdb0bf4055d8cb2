"""Did a request carry a secret? ``leaked_values(body, secrets)``."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator, Mapping


def leaked_values(body: str | bytes, secrets: Mapping[str, str]) -> list[str]:
    """The secrets that appear in ``body`` (a request body: JSON-decoded when it is JSON).

    A name also counts as leaked when one of its words appears on its own.
    """
    text = body.decode() if isinstance(body, bytes) else body
    haystacks = [text]
    with contextlib.suppress(ValueError):  # not JSON: the raw text is all there is
        haystacks.append("\n".join(_strings(json.loads(text))))
    leaked = []
    for value, kind in secrets.items():
        needles = [value] + ([w for w in value.split() if len(w) >= 3] if kind == "PERSON" else [])
        if any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", h) for n in needles for h in haystacks):
            leaked.append(value)
    return leaked


def _strings(node) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
