"""Reading what a small model writes: lists of names and 'Label: value' lines, defensively.

SmolLM2-135M numbers its lists, repeats itself, adds preambles and forgets labels;
these helpers keep what is usable and drop the rest. Callers keep the raw text too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

BULLET = re.compile(r"^\s*(?:[-*•>]+|\d+[.)]|[a-z][.)])\s*", re.I)
MARKUP = re.compile(r"[*_`#]+")
PREAMBLE = re.compile(r"(:$|^(here|sure|certainly|these|the following|competitors?|list)\b)", re.I)
MAX_NAME_CHARS = 60
MAX_NAME_WORDS = 6


def parse_names(text: str, limit: int = 10, exclude: Sequence[str] = ()) -> list[str]:
    """Short distinct names from a model's list (one per line, or comma-separated on one line)."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) == 1 and "," in lines[0]:
        lines = lines[0].split(",")
    seen = {e.strip().lower() for e in exclude}
    names: list[str] = []
    for line in lines:
        name = MARKUP.sub("", BULLET.sub("", line)).strip().strip(".;:,\"'").strip()
        name = re.split(r"\s+[-–—:(]\s*", name, maxsplit=1)[0].strip()  # "Asana - a task tool" -> "Asana"
        if not name or PREAMBLE.search(name) or not re.search(r"[A-Za-z]", name):
            continue
        if len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS or name.lower() in seen:
            continue
        seen.add(name.lower())
        names.append(name)
        if len(names) >= limit:
            break
    return names


def parse_labelled(text: str, labels: Sequence[str]) -> dict[str, str]:
    """{label: value} for lines like 'Pricing: free tier' (any case, bullets and bold allowed); missing -> ''."""
    found = {label: "" for label in labels}
    for line in text.splitlines():
        cleaned = MARKUP.sub("", BULLET.sub("", line)).strip()
        for label in labels:
            match = re.match(rf"{re.escape(label)}\s*[:\-–—]\s*(.+)$", cleaned, re.I)
            if match and not found[label]:
                found[label] = match.group(1).strip()[:300]
    return found
