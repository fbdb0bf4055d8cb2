"""The workload's figures from its outcomes (bench/workload.py): quality, cost cut, the 95% sweep, per kind.

Lines an app says without a model ("app_side") are listed per kind but left out of the headline:
they cost nothing either way, so counting them would only dilute the model's figures.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workload import Outcome


def sweep_cost_cut_at(outcomes: list[Outcome], quality_floor: float) -> tuple[float, float | None]:
    """Best cost cut with quality >= floor, accepting the local answer only when the router's checks
    did and its confidence is at least t (t swept over every observed confidence).

    A cache hit is free at every t (the repeat is answered from the cache whoever answered it first)
    and keeps the quality it had in the run: an approximation, since at another t the first answer,
    and so the cached one, might have come from another tier."""
    top_total = sum(o.top_cost_usd for o in outcomes) or 1e-12
    thresholds = sorted({o.local_confidence for o in outcomes if o.local_confidence is not None})
    best = (0.0, None)
    for threshold in [float("-inf"), *thresholds, float("inf")]:
        passed, cost = 0, 0.0
        for o in outcomes:
            if o.cache_hit:
                passed += o.passed
                continue
            keep = o.local_accepted_by_checks and (o.local_confidence is None or o.local_confidence >= threshold)
            if keep:
                passed += o.local_passed
            else:
                passed += o.reference_passed
                cost += o.top_cost_usd
        quality = passed / len(outcomes)
        cut = 1 - cost / top_total
        if quality >= quality_floor - 1e-12 and cut > best[0]:
            best = (cut, None if threshold in (float("inf"), float("-inf")) else threshold)
    return best


def ceiling_cost_cut_at(outcomes: list[Outcome], quality_floor: float) -> float:
    """The best cost cut at quality >= floor that any acceptance rule could reach with these local
    answers: an oracle keeps every local answer its judge passes, then the wrong ones that would
    cost the top tier most, while quality stays at the floor. Above this, only a local tier that is
    right more often helps; below it, the acceptance decision is what loses the difference."""
    top_total = sum(o.top_cost_usd for o in outcomes) or 1e-12
    passed, cost, wrong_local = 0, 0.0, []
    for o in outcomes:
        if o.cache_hit:
            passed += o.passed
        elif o.local_answer is not None and (o.local_passed or not o.reference_passed):
            passed += o.local_passed
        else:
            passed += o.reference_passed
            cost += o.top_cost_usd
            if o.local_answer is not None:
                wrong_local.append(o.top_cost_usd)
    spare = passed - quality_floor * len(outcomes)  # passes that may still be given up
    for top_cost in sorted(wrong_local, reverse=True):
        if spare < 1 - 1e-9:
            break
        spare -= 1
        cost -= top_cost
    return 1 - cost / top_total


def summarise(all_outcomes: list[Outcome], local_tier: str = "local") -> dict:
    outcomes = [o for o in all_outcomes if not o.item.app_side]  # the headline is about model calls
    n = len(outcomes)
    quality_top = sum(o.reference_passed for o in outcomes) / n
    quality_local = sum(o.local_passed for o in outcomes) / n
    quality_cascade = sum(o.passed for o in outcomes) / n
    top_total = sum(o.top_cost_usd for o in outcomes)
    cascade_total = sum(o.cost_usd for o in outcomes)
    cut_95, threshold_95 = sweep_cost_cut_at(outcomes, 0.95 * quality_top)
    by_category = defaultdict(list)
    for o in all_outcomes:
        by_category[o.item.category].append(o)
    overhead = sorted(o.overhead_ms for o in outcomes)
    return {
        "requests": len(all_outcomes),
        "routed_requests": n,
        "app_side_requests": len(all_outcomes) - n,
        "quality_top": round(quality_top, 4),
        "quality_local": round(quality_local, 4),
        "quality_cascade": round(quality_cascade, 4),
        "cost_top_usd": round(top_total, 6),
        "cost_cascade_usd": round(cascade_total, 6),
        "cost_cut": round(1 - cascade_total / top_total, 4) if top_total else 0.0,
        "cost_cut_at_95": round(cut_95, 4),
        "threshold_at_95": threshold_95,
        "cost_cut_ceiling_at_95": round(ceiling_cost_cut_at(outcomes, 0.95 * quality_top), 4),
        "local_share": round(sum(o.tier == local_tier for o in outcomes) / n, 4),
        "cache_hits": sum(o.cache_hit for o in outcomes),
        "tier_share": {tier: round(sum(o.tier == tier for o in outcomes) / n, 4)
                       for tier in sorted({o.tier for o in outcomes})},
        "overhead_ms_p50": round(statistics.median(overhead), 2),
        "overhead_ms_p99": round(overhead[min(n - 1, int(0.99 * n))], 2),
        "by_category": {
            name: {
                "requests": len(group),
                "local_share": round(sum(o.tier == local_tier for o in group) / len(group), 3),
                "quality_cascade": round(sum(o.passed for o in group) / len(group), 3),
                "quality_local": round(sum(o.local_passed for o in group) / len(group), 3),
                "wrong_but_kept_local": sum(o.tier == local_tier and not o.passed for o in group),
                "model_calls": sum(not o.item.app_side for o in group),
            }
            for name, group in sorted(by_category.items())
        },
    }


def report(figures: dict, model: str) -> str:
    lines = [
        f"Workload: {figures['requests']} requests; {figures['app_side_requests']} said by apps without a model "
        f"(not counted below); {figures['routed_requests']} through the router; top tier recorded, priced as {model}.",
        "",
        f"{'':24}{'quality':>9}",
        f"{'all top tier':24}{figures['quality_top']:>9.3f}",
        f"{'all local (SmolLM2)':24}{figures['quality_local']:>9.3f}",
        f"{'cascade':24}{figures['quality_cascade']:>9.3f}"
        f"   ({figures['quality_cascade'] / max(figures['quality_top'], 1e-9):.1%} of top)",
        "",
        f"cost: all-top ${figures['cost_top_usd']:.4f}, cascade ${figures['cost_cascade_usd']:.4f}"
        f" -> cost cut {figures['cost_cut']:.1%} at the cascade's operating point",
        f"best cost cut at >= 95% of top-tier quality: {figures['cost_cut_at_95']:.1%}"
        f" (local confidence threshold {figures['threshold_at_95']});"
        f" an oracle choosing which local answers to keep would reach {figures['cost_cut_ceiling_at_95']:.1%}",
        f"answered locally: {figures['local_share']:.1%}; cache hits: {figures['cache_hits']};"
        f" answers per tier: {figures['tier_share']}",
        f"routing overhead (wall minus model time): p50 {figures['overhead_ms_p50']} ms,"
        f" p99 {figures['overhead_ms_p99']} ms",
        "",
        f"{'category':24}{'n':>5}{'local':>8}{'q local':>9}{'q cascade':>11}{'wrong kept':>12}",
    ]
    for name, row in figures["by_category"].items():
        if not row["model_calls"]:
            lines.append(f"{name:24}{row['requests']:>5}  app-side: said by the app itself, 0 model calls,"
                         f" right {row['quality_cascade']:.0%}")
            continue
        lines.append(f"{name:24}{row['requests']:>5}{row['local_share']:>8.0%}{row['quality_local']:>9.2f}"
                     f"{row['quality_cascade']:>11.2f}{row['wrong_but_kept_local']:>12}")
    return "\n".join(lines)
