"""RouteLLM's yardsticks for a two-model router, computed exactly from per-query outcomes.

A router gives each query a score (higher = more in need of the strong model). Sweeping a
threshold sends the top k of n queries to the strong model, k = 0..n:

- quality(k/n): accuracy of the mixed answers (with graded outcomes in 0..1, their mean score);
- PGR = (quality − weak-only) / (strong-only − weak-only), the share of the gap recovered;
- APGR: area under PGR over the strong-call share 0..1 (0.5 for a random router);
- CPT(x): the smallest strong-call share whose PGR reaches x;
- cost reduction at 95%: the cheapest point whose quality is ≥ 95% of strong-only accuracy,
  against sending everything to the strong model.

Ties in the score are averaged, i.e. broken at random in expectation: a router that cannot
tell two queries apart gets no credit for happening to list the right one first. So a router
giving every query the same score *is* the random router, and its curve is the straight line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Blended per-million-token prices RouteLLM used for its cost figures (Ong et al., "RouteLLM:
# Learning to Route LLMs with Preference Data", arXiv:2406.18665, and the LMSYS blog post of
# 2024-07-01): GPT-4 (gpt-4-1106-preview) $24.7/M, Mixtral-8x7B $0.24/M.
STRONG_PRICE_PER_MTOK = 24.7
WEAK_PRICE_PER_MTOK = 0.24
PGR_LEVELS = (0.2, 0.5, 0.8)
QUALITY_TARGET = 0.95


@dataclass(frozen=True)
class Curve:
    """A router's sweep: point k sends k queries to the strong model."""

    share: np.ndarray  # k/n, k = 0..n
    quality: np.ndarray  # accuracy of the mixed answers at each point
    cost: np.ndarray  # dollars spent at each point
    weak_accuracy: float
    strong_accuracy: float
    strong_only_cost: float

    @property
    def pgr(self) -> np.ndarray:
        gap = self.strong_accuracy - self.weak_accuracy
        if gap <= 0:
            return np.full_like(self.quality, np.nan)
        return (self.quality - self.weak_accuracy) / gap


@dataclass(frozen=True)
class Costs:
    """Per-query dollar cost of asking each model, and whether the weak model is always asked.

    A pre-router pays the weak model only for the queries it keeps; a cascade asks the weak
    model first on every query, then pays the strong model on top for those it escalates.
    """

    weak: np.ndarray
    strong: np.ndarray
    cascade: bool = False

    @classmethod
    def from_tokens(cls, weak_tokens: np.ndarray, strong_tokens: np.ndarray, cascade: bool = False) -> Costs:
        return cls(
            np.asarray(weak_tokens, float) * WEAK_PRICE_PER_MTOK / 1e6,
            np.asarray(strong_tokens, float) * STRONG_PRICE_PER_MTOK / 1e6,
            cascade,
        )

    @classmethod
    def equal(cls, n: int, cascade: bool = False) -> Costs:
        return cls.from_tokens(np.ones(n), np.ones(n), cascade)


def _tie_averaged(sorted_scores: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Replace each value by the mean over its run of equal scores (expected value at random tie-break)."""
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    sums = np.add.reduceat(values, starts)
    sizes = np.diff(np.r_[starts, len(values)])
    return np.repeat(sums / sizes, sizes)


def routing_curve(weak: np.ndarray, strong: np.ndarray, scores: np.ndarray, costs: Costs | None = None) -> Curve:
    """The exact sweep for `scores` (ties averaged) over queries with these outcomes."""
    weak = np.asarray(weak, float)
    strong = np.asarray(strong, float)
    scores = np.asarray(scores, float)
    n = len(weak)
    if n == 0 or len(strong) != n or len(scores) != n:
        raise ValueError("weak, strong and scores must be non-empty and the same length")
    costs = costs or Costs.equal(n)
    order = np.argsort(-scores, kind="stable")
    ranked = scores[order]
    gain = _tie_averaged(ranked, (strong - weak)[order])
    strong_cost = _tie_averaged(ranked, costs.strong[order])
    weak_cost = _tie_averaged(ranked, costs.weak[order])
    quality = (weak.sum() + np.r_[0.0, np.cumsum(gain)]) / n
    spent_strong = np.r_[0.0, np.cumsum(strong_cost)]
    if costs.cascade:
        spent_weak = np.full(n + 1, costs.weak.sum())
    else:
        spent_weak = costs.weak.sum() - np.r_[0.0, np.cumsum(weak_cost)]
    return Curve(
        share=np.arange(n + 1) / n,
        quality=quality,
        cost=spent_strong + spent_weak,
        weak_accuracy=float(weak.mean()),
        strong_accuracy=float(strong.mean()),
        strong_only_cost=float(costs.strong.sum()),
    )


def random_curve(weak: np.ndarray, strong: np.ndarray, costs: Costs | None = None) -> Curve:
    """The expected sweep of a router that picks queries at random: a straight line."""
    return routing_curve(weak, strong, np.zeros(len(weak)), costs)


def oracle_curve(weak: np.ndarray, strong: np.ndarray, costs: Costs | None = None) -> Curve:
    """The best possible sweep: strong calls go only where the strong model scores higher than
    the weak one (with 0/1 outcomes: the weak is wrong and the strong right), largest gain
    first. Past that point the oracle makes no further calls (RouteLLM's "optimal"), so its
    quality stays at its peak instead of sliding back to strong-only."""
    weak = np.asarray(weak, float)
    strong = np.asarray(strong, float)
    gain = strong - weak
    curve = routing_curve(weak, strong, gain, costs)
    useful = int((gain > 0).sum())
    quality = curve.quality.copy()
    cost = curve.cost.copy()
    quality[useful:] = quality[useful]
    cost[useful:] = cost[useful]
    return Curve(curve.share, quality, cost, curve.weak_accuracy, curve.strong_accuracy, curve.strong_only_cost)


def apgr(curve: Curve) -> float:
    """Area under PGR over strong-call share 0..1 (NaN when strong is not better than weak)."""
    pgr = curve.pgr
    if np.isnan(pgr).any():
        return float("nan")
    return float(np.sum((pgr[1:] + pgr[:-1]) / 2 * np.diff(curve.share)))


def _first_crossing(share: np.ndarray, values: np.ndarray, target: float) -> int | None:
    reached = np.flatnonzero(values >= target - 1e-12)
    return int(reached[0]) if reached.size else None


def calls_for_pgr(curve: Curve, level: float) -> float | None:
    """CPT(level): the smallest strong-call share with PGR ≥ level, interpolated between points."""
    pgr = curve.pgr
    if np.isnan(pgr).any():
        return None
    k = _first_crossing(curve.share, pgr, level)
    if k is None:
        return None
    if k == 0:
        return 0.0
    # Linear between the last point below and the first point at or above the level.
    lo, hi = pgr[k - 1], pgr[k]
    fraction = (level - lo) / (hi - lo) if hi > lo else 1.0
    return float(curve.share[k - 1] + fraction * (curve.share[k] - curve.share[k - 1]))


@dataclass(frozen=True)
class OperatingPoint:
    """The cheapest sweep point at ≥ `target` × strong-only accuracy."""

    strong_share: float
    quality: float
    cost: float
    cost_reduction: float


def at_quality(curve: Curve, target: float = QUALITY_TARGET) -> OperatingPoint | None:
    goal = target * curve.strong_accuracy
    k = _first_crossing(curve.share, curve.quality, goal)
    if k is None:
        return None
    # Points are whole queries; the first one meeting the goal is also the cheapest, since
    # every further point adds a strong call.
    return OperatingPoint(
        strong_share=float(curve.share[k]),
        quality=float(curve.quality[k]),
        cost=float(curve.cost[k]),
        cost_reduction=float(1 - curve.cost[k] / curve.strong_only_cost),
    )


def summarise(curve: Curve, priced: Curve | None = None) -> dict:
    """The figures the benchmark reports for one router on one test set (shares are 0..1).

    `curve` should be priced with equal tokens per query, as RouteLLM's published cost
    figures are; `priced`, the same sweep priced per query's own tokens, adds what that same
    operating point costs when long prompts cost more.
    """
    point = at_quality(curve)
    figures = {
        "cost_reduction_at_95": None if point is None else round(point.cost_reduction, 4),
        "strong_share_at_95": None if point is None else round(point.strong_share, 4),
        "apgr": _rounded(apgr(curve)),
        "strong_calls_at_pgr": {
            str(int(level * 100)): _rounded(calls_for_pgr(curve, level)) for level in PGR_LEVELS
        },
    }
    if priced is not None:
        weighted = at_quality(priced)
        figures["cost_reduction_at_95_token_weighted"] = None if weighted is None else round(weighted.cost_reduction, 4)
    return figures


def _rounded(value: float | None) -> float | None:
    if value is None or np.isnan(value):
        return None
    return round(float(value), 4)
