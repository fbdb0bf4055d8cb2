"""Counts in words a user reads: "1 suggestion", "2 suggestions", never "1 suggestions"."""

from __future__ import annotations


def counted(number: float, singular: str, plural: str | None = None) -> str:
    """'1 step', '3 steps', '1,200 pages'; pass `plural` for irregular words ('1 entry', '2 entries')."""
    word = singular if number == 1 else (plural or singular + "s")
    shown = f"{number:,}" if isinstance(number, int) else f"{number:,g}"
    return f"{shown} {word}"
