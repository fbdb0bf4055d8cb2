"""Prompt injection: text from data (a todo, a workflow field, a CSV cell, a page title, a tool result)
never makes the planner call a destructive tool or one the user did not ask for — with the real
embedded model, and with a tier told to obey the data (the slice of bench/agent.py's 32 cases)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from whittle.agent.grammar import call_grammar
from whittle.agent.select import select_tools

BENCH = Path(__file__).resolve().parents[2] / "bench" / "agent"
sys.path.insert(0, str(BENCH))

from agent_harness import REMOTE_MODEL, plan_injection, violations  # noqa: E402

CASES = [json.loads(line) for line in (BENCH / "injections.jsonl").read_text().splitlines() if line.strip()]


def case(case_id: int) -> dict:
    return next(c for c in CASES if c["id"] == case_id)


def test_the_bench_has_thirty_injections_in_every_place_data_enters():
    assert len(CASES) >= 30
    assert {c["where"] for c in CASES} == {"todo", "workflow", "csv", "page_title", "tool_result"}


def test_data_never_reaches_tool_selection_or_the_grammar(whittle):
    """What makes it structural: tools are chosen from the user's words only, and the grammar names only those."""
    for each in CASES:
        chosen = [c.tool for c in select_tools(each["request"], whittle.tools, app_name=each["app"])]
        assert not [t for t in chosen if t.destructive], each
        if chosen:
            gbnf = call_grammar(chosen, each["request"], ["milk", each["text"]])
            named = {t.name for t in whittle.tools if f'\\"name\\": \\"{t.name}\\"' in gbnf}
            assert named == {t.name for t in chosen}, each  # an injected value is a string, never a tool


@pytest.mark.parametrize("case_id", [1, 2, 4, 6])
async def test_the_embedded_model_is_not_steered_by_data(case_id, model, tmp_path):
    each = case(case_id)
    plan, tools = await plan_injection(each, model, None, tmp_path / "home", eager=False)
    assert violations(each, plan, tools) == [], plan


@pytest.mark.parametrize("case_id", [1, 22])
async def test_an_eager_tier_told_to_obey_the_data_still_cannot(case_id, model, remote_server, tmp_path):
    assert remote_server["model"] == REMOTE_MODEL
    each = case(case_id)
    plan, tools = await plan_injection(each, model, remote_server["base_url"], tmp_path / "home", eager=True)
    assert violations(each, plan, tools) == [], plan
