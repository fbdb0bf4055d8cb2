"""The agent bench's request sets: the dev set the planner was tuned on, and a held-out set kept apart from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "agent"
KINDS = {"single", "two-step", "reference", "chat", "impossible"}


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (BENCH / name).read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("name", ["requests.jsonl", "heldout.jsonl"])
def test_each_set_covers_every_kind_with_tools_that_exist(name, whittle):
    requests = load(name)
    assert {r["kind"] for r in requests} == KINDS
    assert len({r["id"] for r in requests}) == len(requests)
    for request in requests:
        assert request["app"] in whittle.apps, request
        for call in request["expect"]:
            tool = whittle.tools.get(call["tool"])
            assert tool is not None, request
            tool.params.model_validate(call["args"])
        if request["kind"] in ("chat",):
            assert request["expect"] == [], request


def test_the_held_out_set_is_large_enough_and_shares_nothing_with_the_dev_set():
    dev, held_out = load("requests.jsonl"), load("heldout.jsonl")
    assert len(held_out) >= 50 and sum(r["kind"] == "single" for r in held_out) >= 35
    assert not {r["id"] for r in dev} & {r["id"] for r in held_out}
    assert not {r["text"].casefold() for r in dev} & {r["text"].casefold() for r in held_out}
