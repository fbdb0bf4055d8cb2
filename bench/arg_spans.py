"""How often does the learned span model (whittle/agent/arg_spans.py) find a call's new text, and
when should it replace what the planner's rules settled on?

    .venv/bin/python bench/arg_spans.py [--examples FILE] [--c 1.0] [--against SET=RUN_DIR ...]

Cross-validation grouped by source: the examples of whittle/agent/arg_spans.jsonl carry the set they
came from (a bench/agent dev set, or a training writer), and each source is held out in turn, so each
figure is about requests written by someone the model never learned from. Printed per argument: the
share of values the best span gets right; per share threshold: how many best spans are at least that
sure (coverage) and how many of those are right (precision). A span is judged as the planner places it,
without a correcting "not …" tail.

--against SET=RUN_DIR compares with the planner's rules on a writer's first run: RUN_DIR is what
`bench/agent.py --requests bench/agent/SET.jsonl --out RUN_DIR` wrote with the code of the time (the
local tier's calls, cascade.jsonl). For each expected call whose learned argument the planner also
gave (the same tool, once), the value is right with the rules alone, or with the model's span put in
its place when the span is sure enough; the model is fit without SET's examples. MIN_SHARE in
arg_spans.py should be the highest threshold with the most values right.

Ends with one JSON line: span_accuracy (grouped by source), by_key, compared, rules_right,
replaced_right (at the chosen threshold), min_share.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whittle_bench.learned_examples import parsed  # noqa: E402

from whittle.agent.arg_spans import (  # noqa: E402
    DEFAULT_C,
    EXAMPLES,
    MIN_SHARE,
    ArgumentSpans,
    Example,
    argument_key,
    read_examples,
    without_a_correction,
)
from whittle.agent.arg_spans import _normal as normal  # noqa: E402

SHARES = [round(0.1 * i, 1) for i in range(10)]
HERE = Path(__file__).resolve().parent


def _corrected(found: tuple[str, float] | None) -> tuple[str, float] | None:
    """The best span as the planner would place it: without a "not …" tail (arg_spans.without_a_correction)."""
    return None if found is None else (without_a_correction(found[0]), found[1])


def held_out(examples: list[Example], c: float) -> list[tuple[Example, tuple[str, float] | None]]:
    """Each example with the best span of a model fit without its source."""
    out = []
    for source in sorted({e.source for e in examples}):
        model = ArgumentSpans([e for e in examples if e.source != source], c=c)
        out += [(e, _corrected(model.best(e.key, e.text))) for e in examples if e.source == source]
    return out


def compared(examples: list[Example], set_name: str, run_dir: Path, c: float) -> list[tuple[bool, bool, float]]:
    """(rules right, span right, span's share) for each learned argument the planner gave on SET's first run."""
    model = ArgumentSpans([e for e in examples if e.source != f"bench/agent/{set_name}"], c=c)
    requests = {r["id"]: r for r in map(json.loads, (HERE / "agent" / f"{set_name}.jsonl").read_text().splitlines())}
    out = []
    for line in (run_dir / "cascade.jsonl").read_text().splitlines():
        row = json.loads(line)
        made = (row.get("local") or row)["calls"]
        for call in requests[row["id"]]["expect"]:
            for name, value in call["args"].items():
                key = argument_key(call["tool"], name, call["args"].get("step"))
                given = [a[name] for t, a in made if t == call["tool"] and name in a
                         and argument_key(t, name, a.get("step")) == key]
                found = _corrected(model.best(key, row["text"])) if key in model.keys and name != "step" else None
                if found is None or len(given) != 1 or not isinstance(value, str):
                    continue
                out.append((normal(given[0]) == normal(value), normal(found[0]) == normal(value), found[1]))
    return out


def main() -> None:
    args = parsed(__doc__, EXAMPLES, DEFAULT_C)
    examples = read_examples(args.examples)
    results = held_out(examples, args.c)
    by_key: dict[str, list[bool]] = {}
    for example, found in results:
        by_key.setdefault(example.key, []).append(found is not None and normal(found[0]) == normal(example.value))
    print(f"{len(examples)} examples from {len({e.source for e in examples})} sources, each source held out (C={args.c})")
    for key, right in sorted(by_key.items()):
        print(f"  {key:36} n={len(right):4}  best span right {sum(right) / len(right):.3f}")
    right_all = [r for rights in by_key.values() for r in rights]
    accuracy = round(sum(right_all) / len(right_all), 3)
    print(f"  {'all':36} n={len(right_all):4}  best span right {accuracy}")
    scored = [(f[1], normal(f[0]) == normal(e.value)) for e, f in results if f is not None]
    print("\n  share >=  coverage  precision")
    for share in SHARES:
        sure = [right for s, right in scored if s >= share]
        print(f"  {share:8}  {len(sure) / len(scored):8.3f}  {sum(sure) / max(1, len(sure)):9.3f}")
    pairs: list[tuple[bool, bool, float]] = []
    for set_name, run_dir in args.runs:
        pairs += compared(examples, set_name, run_dir, args.c)
    figures = {"span_accuracy": accuracy, "by_key": {k: round(sum(v) / len(v), 3) for k, v in sorted(by_key.items())}}
    if pairs:
        rules = sum(r for r, _, _ in pairs)
        print(f"\nagainst the planner's first runs: {len(pairs)} values; right with the rules alone: {rules}")
        counts = Counter()
        for share in SHARES:
            counts[share] = sum(span if s >= share else rule for rule, span, s in pairs)
            print(f"  span put in place when its share >= {share}: {counts[share]} right")
        best = max(counts.values())
        chosen = max(s for s in SHARES if counts[s] == best)
        print(f"  chosen: {chosen} (arg_spans.MIN_SHARE is {MIN_SHARE})")
        figures |= {"compared": len(pairs), "rules_right": rules, "replaced_right": counts[chosen], "min_share": chosen}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
