"""The Quora Question Pairs sample in ../shared/data/qqp/, for calibration, the bench and tests.

The data is third-party (GPTCache benchmark, MIT; Quora Question Pairs) and is read in
place, never copied into the repository. `WHITTLE_SHARED_DATA` overrides the location
of the shared data directory (the one holding ``qqp/``).
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

from whittle.cache.text import normalise

PAIRS_FILE = "qqp_pairs_dev.jsonl.gz"
MOCK_FILE = "mock_data.json"


class SharedDataMissing(FileNotFoundError):
    pass


@dataclass(frozen=True)
class Pair:
    text_a: str
    text_b: str
    label: int  # 1: the same question


def shared_data_dir() -> Path:
    override = os.environ.get("WHITTLE_SHARED_DATA")
    if override:
        return Path(override)
    # bench/whittle_bench/qqp.py → repository root → its sibling shared/data
    return Path(__file__).resolve().parents[2].parent / "shared" / "data"


def qqp_path(name: str = PAIRS_FILE) -> Path:
    path = shared_data_dir() / "qqp" / name
    if not path.is_file():
        raise SharedDataMissing(
            f"QQP data not found at {path}.\n"
            "Fix: check out the shared material next to the repository (../shared/data/qqp/), "
            "or point WHITTLE_SHARED_DATA at the directory that holds qqp/."
        )
    return path


def load_pairs(limit: int | None = None) -> list[Pair]:
    """The labelled pairs, in file order (the file is already shuffled)."""
    pairs: list[Pair] = []
    with gzip.open(qqp_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pairs.append(Pair(row["text_a"], row["text_b"], int(row["label"])))
            if limit is not None and len(pairs) >= limit:
                break
    return pairs


def split(pairs: list[Pair]) -> tuple[list[Pair], list[Pair]]:
    """Calibration half (first) and held-out half (second)."""
    half = len(pairs) // 2
    return pairs[:half], pairs[half:]


def same_text(pair: Pair) -> bool:
    """Both sides are one question as the exact cache keys it (case, spacing, punctuation aside).

    QQP labels 3 of its 124 such pairs "different" ("What is the purpose of life ?" /
    "What is the purpose of life?"): label noise no cache can avoid by answering repeats.
    """
    return normalise(pair.text_a) == normalise(pair.text_b)


def load_mock_paraphrases() -> list[tuple[str, str]]:
    """GPTCache's 999 (origin, paraphrase) pairs: all positives, no negatives."""
    with open(qqp_path(MOCK_FILE), encoding="utf-8") as handle:
        return [(row["origin"], row["similar"]) for row in json.load(handle)]
