"""The small types every recognizer shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Candidate(NamedTuple):
    """A recognizer's raw match: resolved into Findings by ``detect.scan``."""

    kind: str
    start: int
    end: int
    score: float


# A recognizer is any function from text to candidates; state (compiled patterns,
# name lists) lives in closures or module globals built once.
Recognizer = Callable[[str], Iterable[Candidate]]


@dataclass(frozen=True, slots=True)
class Finding:
    """One sensitive value in a text: ``text[start:end] == value``."""

    kind: str
    start: int
    end: int
    value: str
    score: float
