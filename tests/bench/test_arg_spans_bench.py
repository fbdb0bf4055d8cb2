"""bench/arg_spans.py: grouped cross-validation of the span model, and its comparison with the rules' values."""

from __future__ import annotations

import json

import arg_spans as spans_bench

from whittle.agent.arg_spans import Example, read_examples


def test_each_source_is_held_out_and_judged_by_a_model_that_never_saw_it():
    things = ["milk", "oat milk", "stamps", "a present for Ann", "the car in for its MOT", "bread rolls"]
    examples = [Example(f"{lead} {thing}{tail}", "todo_add.text", thing, source)
                for source, (lead, tail) in zip("abc", [("add", " please"), ("put", " on my list"), ("pls add", "")])
                for thing in things for _ in range(4)]
    judged = spans_bench.held_out(examples, c=1.0)
    assert [e for e, _ in judged] == sorted(examples, key=lambda e: e.source)
    assert all(found is not None for _, found in judged)
    # Each source leads in its own way ("add", "put", "pls add"), so the held-out one is read from the others'.
    assert sum(found[0] == e.value for e, found in judged) >= len(examples) // 3


def test_the_rules_values_and_the_spans_are_compared_call_by_call(tmp_path):
    """A run whose planner gave every expected value: the rules are right on each value compared."""
    requests = [json.loads(line) for line in (spans_bench.HERE / "agent" / "heldout29.jsonl").read_text().splitlines()]
    rows = [{"id": r["id"], "text": r["text"], "local": {"calls": [[c["tool"], c["args"]] for c in r["expect"]]}}
            for r in requests]
    (tmp_path / "cascade.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    pairs = spans_bench.compared(read_examples(), "heldout29", tmp_path, c=1.0)
    assert len(pairs) >= 10 and all(rules for rules, _, _ in pairs)
    assert all(0 < share <= 1 for _, _, share in pairs)
