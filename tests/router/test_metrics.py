"""RouteLLM's metrics on sweeps small enough to work out by hand."""

from __future__ import annotations

import numpy as np
import pytest
from whittle_bench import metrics

# Two queries only the strong model gets right, two both get right: weak 50%, strong 100%.
WEAK = np.array([0, 0, 1, 1], bool)
STRONG = np.array([1, 1, 1, 1], bool)
PERFECT = np.array([0.9, 0.8, 0.2, 0.1])


def test_perfect_ranking_curve_and_area() -> None:
    curve = metrics.routing_curve(WEAK, STRONG, PERFECT)
    assert curve.quality.tolist() == [0.5, 0.75, 1.0, 1.0, 1.0]
    assert curve.pgr.tolist() == [0.0, 0.5, 1.0, 1.0, 1.0]
    # Trapezoids of width 1/4: (0+.5)/2 + (.5+1)/2 + 1 + 1, times 1/4.
    assert metrics.apgr(curve) == pytest.approx(0.75)


def test_calls_for_pgr_interpolates_between_points() -> None:
    curve = metrics.routing_curve(WEAK, STRONG, PERFECT)
    assert metrics.calls_for_pgr(curve, 0.2) == pytest.approx(0.1)
    assert metrics.calls_for_pgr(curve, 0.5) == pytest.approx(0.25)
    assert metrics.calls_for_pgr(curve, 0.8) == pytest.approx(0.4)


def test_worst_ranking_is_the_mirror_image() -> None:
    curve = metrics.routing_curve(WEAK, STRONG, -PERFECT)
    assert curve.quality.tolist() == [0.5, 0.5, 0.5, 0.75, 1.0]
    assert metrics.apgr(curve) == pytest.approx(0.25)


def test_cost_at_95_percent_pre_router_and_cascade() -> None:
    # Quality first reaches 0.95 × 1.0 at two strong calls out of four.
    pre = metrics.at_quality(metrics.routing_curve(WEAK, STRONG, PERFECT, metrics.Costs.equal(4)))
    assert pre.strong_share == 0.5
    strong_only = 4 * metrics.STRONG_PRICE_PER_MTOK
    # A pre-router pays the weak model for the two queries it keeps...
    assert pre.cost_reduction == pytest.approx(1 - (2 * 24.7 + 2 * 0.24) / strong_only)
    # ...a cascade pays it for all four, then the strong model for two.
    cascade = metrics.at_quality(metrics.routing_curve(WEAK, STRONG, PERFECT, metrics.Costs.equal(4, cascade=True)))
    assert cascade.cost_reduction == pytest.approx(1 - (2 * 24.7 + 4 * 0.24) / strong_only)


def test_token_weighted_cost_charges_long_queries_more() -> None:
    costs = metrics.Costs.from_tokens(np.array([100, 300, 100, 100]), np.array([100, 300, 100, 100]))
    point = metrics.at_quality(metrics.routing_curve(WEAK, STRONG, PERFECT, costs))
    strong_only = 600 * 24.7
    assert point.cost_reduction == pytest.approx(1 - (400 * 24.7 + 200 * 0.24) / strong_only)


def test_ties_are_averaged_so_a_constant_score_is_the_random_line() -> None:
    curve = metrics.random_curve(WEAK, STRONG)
    assert curve.quality.tolist() == pytest.approx([0.5, 0.625, 0.75, 0.875, 1.0])
    assert metrics.apgr(curve) == pytest.approx(0.5)
    for level in metrics.PGR_LEVELS:
        assert metrics.calls_for_pgr(curve, level) == pytest.approx(level)
    # A tie between a query that needs the strong model and one that does not earns half.
    tied = metrics.routing_curve(np.array([0, 1], bool), np.array([1, 1], bool), np.array([0.5, 0.5]))
    assert tied.quality[1] == pytest.approx(0.75)


def test_oracle_only_calls_where_it_helps_and_keeps_its_peak() -> None:
    weak = np.array([0, 1, 1, 0, 1], bool)
    strong = np.array([1, 0, 1, 1, 1], bool)  # weak 60%, strong 80%; queries 0 and 3 gain
    curve = metrics.oracle_curve(weak, strong)
    assert curve.quality.tolist() == pytest.approx([0.6, 0.8, 1.0, 1.0, 1.0, 1.0])
    assert curve.cost[-1] == curve.cost[2]  # no calls beyond the two useful ones
    assert metrics.calls_for_pgr(curve, 0.5) == pytest.approx(0.1)


def test_graded_scores_give_mean_score_quality_and_a_largest_gain_first_oracle() -> None:
    weak = np.array([0.2, 0.9, 0.5, 0.0])
    strong = np.array([0.6, 0.7, 1.0, 0.1])  # gains 0.4, -0.2, 0.5, 0.1
    curve = metrics.routing_curve(weak, strong, np.array([3.0, 0.0, 2.0, 1.0]))
    assert curve.weak_accuracy == pytest.approx(0.4) and curve.strong_accuracy == pytest.approx(0.6)
    assert curve.quality.tolist() == pytest.approx([0.4, 0.5, 0.625, 0.65, 0.6])
    oracle = metrics.oracle_curve(weak, strong)
    # The largest gain first (query 2, then 0, then 3); no call where the strong model scores lower.
    assert oracle.quality.tolist() == pytest.approx([0.4, 0.525, 0.625, 0.65, 0.65])
    assert metrics.apgr(oracle) > metrics.apgr(curve)


def test_no_gap_gives_no_figures() -> None:
    same = np.array([1, 0, 1], bool)
    summary = metrics.summarise(metrics.routing_curve(same, same, np.array([0.1, 0.2, 0.3])))
    assert summary["apgr"] is None
    assert summary["strong_calls_at_pgr"] == {"20": None, "50": None, "80": None}


def test_summary_shape() -> None:
    summary = metrics.summarise(metrics.routing_curve(WEAK, STRONG, PERFECT))
    assert summary == {
        "cost_reduction_at_95": pytest.approx(0.4951, abs=1e-4),
        "strong_share_at_95": 0.5,
        "apgr": 0.75,
        "strong_calls_at_pgr": {"20": 0.1, "50": 0.25, "80": 0.4},
    }


def test_mismatched_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        metrics.routing_curve(WEAK, STRONG, PERFECT[:3])
