"""bench/workload.py end to end: a 20-request slice through a real Whittle router with the live
embedded model as the local tier and the recorded top tier."""

from __future__ import annotations

import asyncio

import pytest
from workload import HERE, load_workload, run, summarise

KEYS = {"quality_cascade", "quality_top", "cost_cut", "cost_cut_at_95", "local_share"}


@pytest.mark.timeout(900)
def test_small_workload_runs_through_the_real_router() -> None:
    items = load_workload(HERE / "workload" / "small.jsonl")
    assert 15 <= len(items) <= 25
    outcomes = asyncio.run(run(items, model="gpt-4.1", provider="openai", middle_tier=None, max_tokens=64))
    figures = summarise(outcomes)
    assert figures.keys() >= KEYS
    assert figures["requests"] == len(items)
    assert figures["quality_top"] == 1.0  # references are graded too, and pass
    # Whatever went to the top tier answered with its reference and paid for it; local answers are free.
    for outcome in outcomes:
        if outcome.tier == "top":
            assert outcome.answer == outcome.item.reference and outcome.cost_usd > 0
        elif not outcome.cache_hit:
            assert outcome.cost_usd == 0 and outcome.local_answer is not None
    assert 0.0 <= figures["local_share"] <= 1.0
    assert figures["cost_cut"] == round(1 - figures["cost_cascade_usd"] / figures["cost_top_usd"], 4)
    # Sending nothing local is always allowed, so the sweep's best cut at 95% is never negative.
    assert 0.0 <= figures["cost_cut_at_95"] <= 1.0
