"""Logged outcomes of a weak and a strong model, in RouteLLM's CSV format, and where the
shared copy of RouteLLM's data lives.

A CSV has a `prompt` column and one column per model: True/False (was its answer right) or a
graded score between 0 and 1 (e.g. a judge's score rescaled), where quality is the mean score.
GSM8K's also has `<model>_response`, each model's full answer. A `contaminated_prompts.jsonl`
beside a CSV lists prompts RouteLLM found in its routers' training data; they are dropped.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
WEAK_COLUMN = "mistralai/Mixtral-8x7B-Instruct-v0.1"
STRONG_COLUMN = "gpt-4-1106-preview"
RESPONSE_SUFFIX = "_response"
FIELD_SIZE_LIMIT = 10_000_000  # some logged responses are longer than csv's default 128 KiB


class DataMissing(Exception):
    """The shared RouteLLM data is not where the benchmark looks for it."""


def shared_routellm_dir() -> Path:
    """`$WHITTLE_SHARED_DATA/routellm` if set (or that directory itself), else ../shared/data/routellm."""
    base = Path(os.environ.get("WHITTLE_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data")
    if (base / "mmlu").is_dir() or (base / "gsm8k").is_dir():
        return base
    return base / "routellm"


@dataclass(frozen=True)
class Outcomes:
    """Logged queries: prompt, each model's score (1/0 for right/wrong, or graded in 0..1) and,
    if logged, their answers. Training uses score ≥ 0.5 as "right"; every figure uses the scores."""

    name: str
    prompts: list[str]
    weak: np.ndarray
    strong: np.ndarray
    groups: list[str]
    weak_responses: list[str] | None = None
    strong_responses: list[str] | None = None

    def __len__(self) -> int:
        return len(self.prompts)

    @property
    def graded(self) -> bool:
        """Some score is neither 0 nor 1."""
        return bool(np.any((self.weak % 1 != 0) | (self.strong % 1 != 0)))

    def passed(self) -> tuple[np.ndarray, np.ndarray]:
        """(weak right, strong right) as booleans, for training a router: a score ≥ 0.5 passes."""
        return self.weak >= 0.5, self.strong >= 0.5

    def subset(self, index: np.ndarray) -> Outcomes:
        rows = np.flatnonzero(index) if index.dtype == bool else index
        pick = lambda items: None if items is None else [items[i] for i in rows]  # noqa: E731
        return Outcomes(
            self.name, pick(self.prompts), self.weak[rows], self.strong[rows], pick(self.groups),
            pick(self.weak_responses), pick(self.strong_responses),
        )

    def tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Estimated tokens each model bills for each query: prompt plus that model's answer,
        at ~4 characters a token; with no logged answer (MMLU), one token for the letter."""
        prompt = np.array([len(p) / 4 for p in self.prompts])

        def answer(responses: list[str] | None) -> np.ndarray:
            return np.ones(len(self)) if responses is None else np.array([max(len(r) / 4, 1) for r in responses])

        return prompt + answer(self.weak_responses), prompt + answer(self.strong_responses)

    @classmethod
    def concat(cls, name: str, parts: Sequence[Outcomes]) -> Outcomes:
        has = lambda attr: all(getattr(p, attr) is not None for p in parts)  # noqa: E731
        join = lambda attr: [x for p in parts for x in getattr(p, attr)] if has(attr) else None  # noqa: E731
        return cls(
            name, join("prompts"), np.concatenate([p.weak for p in parts]), np.concatenate([p.strong for p in parts]),
            join("groups"), join("weak_responses"), join("strong_responses"),
        )


def _contaminated(folder: Path) -> set[str]:
    path = folder / "contaminated_prompts.jsonl"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as fh:
        return {json.loads(line)["eval_prompt"] for line in fh if line.strip()}


def _score(value: str, path: Path, column: str) -> float:
    """True/False (1/0) correctness, or a graded score in [0, 1]."""
    text = value.strip().lower()
    if text in ("true", "yes"):
        return 1.0
    if text in ("false", "no"):
        return 0.0
    try:
        score = float(text)
    except ValueError:
        score = float("nan")
    if not 0.0 <= score <= 1.0:  # also refuses NaN
        raise ValueError(
            f"{path}: column {column!r} holds {value!r}; expected True/False or a score between 0 and 1 "
            "(rescale judge scores to 0..1)"
        )
    return score


def read_outcomes(path: Path, weak_column: str = WEAK_COLUMN, strong_column: str = STRONG_COLUMN,
                  group: str | None = None) -> Outcomes:
    """One CSV in RouteLLM's format; prompts listed in a `contaminated_prompts.jsonl` beside it are dropped."""
    path = Path(path)
    dropped = _contaminated(path.parent)
    # The limit is process-wide: raised when the benchmark reads its data, never on import.
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        columns = reader.fieldnames or []
        missing = [c for c in ("prompt", weak_column, strong_column) if c not in columns]
        if missing:
            raise ValueError(f"{path}: missing column(s) {missing}; found {columns}")
        with_answers = weak_column + RESPONSE_SUFFIX in columns
        rows = [r for r in reader if r["prompt"] not in dropped]
    return Outcomes(
        name=path.stem,
        prompts=[r["prompt"] for r in rows],
        weak=np.array([_score(r[weak_column], path, weak_column) for r in rows], float),
        strong=np.array([_score(r[strong_column], path, strong_column) for r in rows], float),
        groups=[group or path.stem] * len(rows),
        weak_responses=[r[weak_column + RESPONSE_SUFFIX] for r in rows] if with_answers else None,
        strong_responses=[r.get(strong_column + RESPONSE_SUFFIX, "") for r in rows] if with_answers else None,
    )


def load_shared(which: Sequence[str], weak_column: str, strong_column: str) -> dict[str, Outcomes]:
    root = shared_routellm_dir()
    expected = {"mmlu": root / "mmlu", "gsm8k": root / "gsm8k" / "gsm8k_responses.csv"}
    absent = [str(expected[w]) for w in which if not expected[w].exists()]
    if absent:
        raise DataMissing(
            "RouteLLM outcome data not found: " + ", ".join(absent) + ".\n"
            f"Put RouteLLM's routellm/ folder (mmlu/<subject>.csv, gsm8k/gsm8k_responses.csv and their "
            f"contaminated_prompts.jsonl) at {REPO_ROOT.parent / 'shared' / 'data' / 'routellm'}, or set "
            "WHITTLE_SHARED_DATA to the directory that holds routellm/."
        )
    data = {}
    if "mmlu" in which:
        subjects = sorted(expected["mmlu"].glob("*.csv"))
        if not subjects:
            raise DataMissing(f"no subject CSVs in {expected['mmlu']}")
        data["mmlu"] = Outcomes.concat("mmlu", [read_outcomes(p, weak_column, strong_column) for p in subjects])
    if "gsm8k" in which:
        data["gsm8k"] = replace(read_outcomes(expected["gsm8k"], weak_column, strong_column), name="gsm8k")
    return data
