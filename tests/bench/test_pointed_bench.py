"""bench/pointed.py: grouped cross-validation of the pointed-thing model, and the calls it would add to a first run."""

from __future__ import annotations

import json

import pointed as pointed_bench

from whittle.agent.pointed import Example, read_examples


def test_each_source_is_held_out_and_judged_by_a_model_that_never_saw_it():
    lists = [("milk", "eggs", "call mum"), ("bins out", "renew bus pass", "dentist thurs"), ("a", "b", "c", "d")]
    examples = [Example(f"{thing} is done{tail}", things, (), thing, source)
                for source, tail in zip("abc", [" now", ", tick it", " thanks"])
                for things in lists for thing in things]
    judged = pointed_bench.held_out(examples, c=1.0)
    assert [e for e, _ in judged] == sorted(examples, key=lambda e: e.source)
    assert sum(found[0] == e.thing for e, found in judged) == len(examples), "the thing said is the thing"


def test_a_request_the_rules_name_nothing_in_is_told_apart():
    things = ("milk", "eggs", "call mum")
    assert not pointed_bench.unnamed(Example("milk is done", things, (), "milk"))
    assert not pointed_bench.unnamed(Example("the second one is done", things, (), "eggs")), "the rules read a place"
    assert pointed_bench.unnamed(Example("the dairy one is done", things, (), "milk"))


def test_a_first_run_gets_a_call_only_where_it_made_none(tmp_path):
    """A run with no call at all: every call the path adds is judged against the request's expected calls."""
    requests = [json.loads(line) for line in (pointed_bench.HERE / "agent" / "heldout33.jsonl").read_text().splitlines()]
    rows = [{"id": r["id"], "text": r["text"], "local": {"calls": []}} for r in requests]
    (tmp_path / "cascade.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    from whittle.config import Settings
    from whittle.core import Whittle

    (tmp_path / "home").mkdir()
    whittle = Whittle(Settings(home=tmp_path / "home"))
    tools = {t.name: t for t in whittle.tools}
    whittle.close()
    calls = pointed_bench.first_run_calls(read_examples(), "heldout33", tmp_path, tools)
    assert len(calls) >= 3 and all(0 < p <= 1 for p, _, _ in calls)
    assert sum(right for _, right, _ in calls) >= len(calls) // 2
    # The same run with every expected call made: nothing is left for the path.
    full = [{"id": r["id"], "text": r["text"], "local": {"calls": [[c["tool"], c["args"]] for c in r["expect"]] or [["x", {}]]}}
            for r in requests]
    (tmp_path / "cascade.jsonl").write_text("".join(json.dumps(row) + "\n" for row in full))
    assert pointed_bench.first_run_calls(read_examples(), "heldout33", tmp_path, tools) == []
