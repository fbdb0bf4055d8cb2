"""Small outcome files in RouteLLM's CSV format, generated with a difficulty pattern to learn."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

WEAK = "mistralai/Mixtral-8x7B-Instruct-v0.1"
STRONG = "gpt-4-1106-preview"


def outcome_rows(n: int, seed: int) -> list[dict]:
    """Easy questions both models get right; integrals only the strong model gets right (the
    weak model's arithmetic slips); conjectures neither gets. Some noise so it is not trivial."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        kind = rng.choice(["easy", "hard", "impossible"], p=[0.55, 0.3, 0.15])
        a, b = int(rng.integers(2, 40)), int(rng.integers(2, 40))
        if kind == "easy":
            prompt = f"What colour is flag number {seed}-{i}?\nA. red\nB. blue\nC. green\nD. white\nAnswer:"
            weak, strong = rng.random() > 0.1, True
        elif kind == "hard":
            prompt = f"Compute the integral of {a} x^2 from 0 to {b}, then calculate the sum with {seed}-{i}. How many units?"
            weak, strong = rng.random() < 0.1, rng.random() > 0.05
        else:
            prompt = f"Prove the conjecture about prime gaps in ring number {seed}-{i} and show why the equation fails."
            weak, strong = False, rng.random() < 0.2
        shown = a * b if weak else a * b + 1
        rows.append({
            "prompt": prompt,
            WEAK: str(weak),
            STRONG: str(strong),
            WEAK + "_response": f"We need {a} * {b} = {shown}.\n#### {shown}",
            STRONG + "_response": f"{a} * {b} = {a * b}.\n#### {a * b}",
        })
    return rows


def graded(rows: list[dict], seed: int) -> list[dict]:
    """The same rows with each model's True/False replaced by a graded score in [0, 1] (a judge's,
    rescaled): right answers score 0.55-1, wrong ones 0-0.45."""
    rng = np.random.default_rng(seed)
    for row in rows:
        for column in (WEAK, STRONG):
            right = row[column] == "True"
            row[column] = f"{(0.55 + 0.45 * rng.random()) if right else 0.45 * rng.random():.3f}"
    return rows


def write_outcomes(path: Path, n: int, seed: int, responses: bool = True, scores: str = "correct") -> Path:
    """`scores="graded"` writes scores in [0, 1] instead of True/False."""
    rows = outcome_rows(n, seed)
    if scores == "graded":
        rows = graded(rows, seed)
    columns = ["prompt", WEAK, STRONG] + ([WEAK + "_response", STRONG + "_response"] if responses else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
