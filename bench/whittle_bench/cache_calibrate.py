"""Fitting the scorer's weights and choosing the threshold on labelled pairs.

Used by bench/cache_qqp.py; nothing here runs when the cache serves a lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from whittle.cache.guard import veto
from whittle.cache.question import parse
from whittle.cache.similarity import COSTS, FEATURES, Edits, edits, similarity_of
from whittle_bench.qqp import Pair


@dataclass(frozen=True)
class Scored:
    pair: Pair
    veto: str | None
    edits: Edits | None


def score_pairs(pairs: Sequence[Pair], *, guard: bool = True) -> list[Scored]:
    """Parse, veto and measure every pair; guard=False scores vetoed pairs too (for ablation)."""
    out = []
    for pair in pairs:
        a, b = parse(pair.text_a), parse(pair.text_b)
        reason = veto(a, b) if guard else None
        out.append(Scored(pair, reason, None if reason else edits(a, b)))
    return out


def similarities(scored: Sequence[Scored], costs: dict[str, float] | None = None) -> np.ndarray:
    """Per pair: the similarity, or 0.0 where the guard vetoes."""
    return np.array([0.0 if s.edits is None else similarity_of(s.edits, costs) for s in scored])


def labels(scored: Sequence[Scored]) -> np.ndarray:
    return np.array([s.pair.label for s in scored])


_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 2.0, 3.0)


def tune_costs(scored: Sequence[Scored], min_precision: float, rounds: int = 3) -> tuple[dict[str, float], Outcome]:
    """Coordinate search over the edit costs for the most calibration hits at `min_precision`.

    Only the order of pairs by cost matters once a threshold is chosen, so the search
    moves one cost at a time over a coarse grid and keeps a change only if it adds
    true hits; ties keep the current (earlier) value, which favours small moves.
    """
    costs = dict(COSTS)
    y = labels(scored)
    best = choose_threshold(similarities(scored, costs), y, min_precision)
    for _ in range(rounds):
        improved = False
        for name in FEATURES:
            for value in _GRID:
                trial = costs | {name: value}
                result = choose_threshold(similarities(scored, trial), y, min_precision)
                if result.true_hits > best.true_hits:
                    costs, best, improved = trial, result, True
        if not improved:
            break
    return costs, best


@dataclass(frozen=True)
class Outcome:
    threshold: float
    hits: int
    true_hits: int
    positives: int

    @property
    def false_hits(self) -> int:
        return self.hits - self.true_hits

    @property
    def precision(self) -> float:
        return self.true_hits / self.hits if self.hits else 1.0

    @property
    def recall(self) -> float:
        return self.true_hits / self.positives if self.positives else 0.0


def outcome(sims: np.ndarray, labels: np.ndarray, threshold: float) -> Outcome:
    hit = sims >= threshold
    return Outcome(threshold, int(hit.sum()), int((hit & (labels == 1)).sum()), int((labels == 1).sum()))


def choose_threshold(sims: np.ndarray, labels: np.ndarray, min_precision: float, min_hits: int = 100) -> Outcome:
    """The lowest threshold at which the hits, and those of every higher threshold, reach `min_precision`.

    "Every higher threshold too" keeps a lucky dip in the curve from setting the
    threshold just below a run of false hits; thresholds with fewer than `min_hits`
    hits cannot resolve one false hit in a hundred and are skipped.
    """
    order = np.argsort(-sims, kind="stable")
    ranked, truth = sims[order], labels[order] == 1
    true_hits = np.cumsum(truth)
    best = Outcome(1.01, 0, 0, int(truth.sum()))
    for i in range(len(ranked)):
        if ranked[i] <= 0:
            break
        if i + 1 < len(ranked) and ranked[i + 1] == ranked[i]:
            continue  # a threshold takes every pair with the same score
        hits = i + 1
        if hits >= min_hits and true_hits[i] / hits < min_precision:
            break
        best = Outcome(float(ranked[i]), hits, int(true_hits[i]), best.positives)
    return best
