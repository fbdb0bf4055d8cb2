"""How often does the learned reading of which thing a request points at (whittle/agent/pointed.py)
find the todo a person meant, and how sure must it be to be used?

    .venv/bin/python bench/pointed.py [--examples FILE] [--c 1.0] [--against SET=RUN_DIR ...]

Cross-validation grouped by source: the examples of whittle/agent/pointed.jsonl carry the set they came
from (a bench/agent dev set, or a training writer), and each source is held out in turn, so each figure
is about requests written by someone the model never learned from. Printed: the share of requests whose
best thing is right, over all examples and over those the rules name no thing in (no todo's word said,
no reference the rules resolve: the only requests the planner asks the model about); then, for these,
per share threshold, how many best things are at least that sure (coverage) and how many of those are
right (precision). MIN_SHARE in pointed.py is the lowest share whose precision is at least 0.9.

--against SET=RUN_DIR asks what the planner's use of it would have done on a writer's first run: RUN_DIR
is what `bench/agent.py --requests bench/agent/SET.jsonl --out RUN_DIR` wrote with the code of the time.
For each request the planner left without a call, the intent model and this model, both fit without
SET's examples, make the call agent/planner.py would make (pointed.pointed_call); printed per intent
probability: how many calls, how many exactly the expected ones, how many on requests that asked for
none (chat, impossible asks). pointed.MIN_GUESS is the lowest probability with precision at least 0.9
and no call on those.

Ends with one JSON line: accuracy, accuracy_unnamed, unnamed, min_share (chosen), precision_at_min_share,
coverage_at_min_share; with --against also calls, calls_right, calls_unasked (at the chosen guess) and min_guess.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whittle_bench.learned_examples import parsed  # noqa: E402

from whittle.agent import intents  # noqa: E402
from whittle.agent.grammar import named_values  # noqa: E402
from whittle.agent.pointed import (  # noqa: E402
    DEFAULT_C,
    EXAMPLES,
    MIN_GUESS,
    MIN_SHARE,
    Example,
    PointedThing,
    pointed_call,
    read_examples,
)
from whittle.agent.references import resolve_references  # noqa: E402

SHARES = [round(0.1 * i, 1) for i in range(10)]
GUESSES = [0.55, 0.6, 0.7, 0.8, 0.9]
PRECISION = 0.9
HERE = Path(__file__).resolve().parent
DEFAULT_TODOS = ["milk", "eggs", "call mum"]  # bench/agent's starting list (agent_harness.fresh_whittle)


def unnamed(example: Example) -> bool:
    """The rules name no thing in the request: no word of a todo, no reference they resolve."""
    resolved = resolve_references(example.text, example.things, example.marked)
    return not named_values(example.text, example.things) and resolved == example.text


def held_out(examples: list[Example], c: float) -> list[tuple[Example, tuple[str, float] | None]]:
    """Each example with the best thing of a model fit without its source."""
    out = []
    for source in sorted({e.source for e in examples}):
        model = PointedThing([e for e in examples if e.source != source], c=c)
        out += [(e, model.best(e.text, e.things, e.marked)) for e in examples if e.source == source]
    return out


def first_run_calls(examples: list[Example], set_name: str, run_dir: Path, tools: dict) -> list[tuple[float, bool, bool]]:
    """(intent probability, exactly right, asked for none) of each call the pointed path would add to SET's first run."""
    source = f"bench/agent/{set_name}"
    guessing = intents.IntentModel([e for e in intents.read_examples() if e.source != source])
    model = PointedThing([e for e in examples if e.source != source])
    requests = {r["id"]: r for r in map(json.loads, (HERE / "agent" / f"{set_name}.jsonl").read_text().splitlines())}
    out = []
    for line in (run_dir / "cascade.jsonl").read_text().splitlines():
        row = json.loads(line)
        if (row.get("local") or row)["calls"]:
            continue
        request = requests[row["id"]]
        setup = request.get("setup") or {}
        guess = guessing.guess(request["text"], request["app"], list(tools))
        if guess.tool not in tools:
            continue
        call = pointed_call(tools[guess.tool], request["text"], setup.get("todos", DEFAULT_TODOS), setup.get("done", []), model)
        if call is not None:
            right = request["expect"] == [{"tool": call.tool, "args": call.args}]
            out.append((guess.probability, right, not request["expect"]))
    return out


def against(examples: list[Example], runs: list[tuple[str, Path]]) -> dict:
    import tempfile

    from whittle.config import Settings
    from whittle.core import Whittle

    whittle = Whittle(Settings(home=Path(tempfile.mkdtemp(prefix="whittle-bench-pointed-"))))
    tools = {t.name: t for t in whittle.tools}
    calls = []
    for set_name, run_dir in runs:
        calls += first_run_calls(examples, set_name, run_dir, tools)
    whittle.close()
    print(f"\nagainst the planner's first runs ({len(runs)} writers): the calls it would add where it made none")
    print("  guess >=  calls  right  asked for none")
    table = {}
    for least in GUESSES:
        sure = [(right, unasked) for p, right, unasked in calls if p >= least]
        table[least] = (len(sure), sum(r for r, _ in sure), sum(u for _, u in sure))
        print(f"  {least:8}  {table[least][0]:5}  {table[least][1]:5}  {table[least][2]:14}")
    fine = [g for g in GUESSES if table[g][0] and table[g][1] >= PRECISION * table[g][0] and not table[g][2]]
    chosen = min(fine, default=GUESSES[-1])
    print(f"  chosen: {chosen}, the lowest with precision >= {PRECISION} and no call where none was asked "
          f"(pointed.MIN_GUESS is {MIN_GUESS})")
    return {"calls": table[chosen][0], "calls_right": table[chosen][1], "calls_unasked": table[chosen][2], "min_guess": chosen}


def main() -> None:
    args = parsed(__doc__, EXAMPLES, DEFAULT_C)
    examples = [e for e in read_examples(args.examples) if len(e.things) > 1]
    results = held_out(examples, args.c)
    right = [(e, found is not None and found[0] == e.thing, found[1] if found else 0.0) for e, found in results]
    accuracy = round(sum(r for _, r, _ in right) / len(right), 3)
    hard = [(r, s) for e, r, s in right if unnamed(e)]
    accuracy_unnamed = round(sum(r for r, _ in hard) / max(1, len(hard)), 3)
    print(f"{len(examples)} examples from {len({e.source for e in examples})} sources, each source held out (C={args.c})")
    print(f"  best thing right: {accuracy} of all; {accuracy_unnamed} of the {len(hard)} the rules name no thing in")
    print("\n  (those the rules name no thing in)\n  share >=  coverage  precision")
    table = {}
    for share in SHARES:
        sure = [r for r, s in hard if s >= share]
        table[share] = (len(sure) / max(1, len(hard)), sum(sure) / max(1, len(sure)))
        print(f"  {share:8}  {table[share][0]:8.3f}  {table[share][1]:9.3f}")
    chosen = min((s for s in SHARES if table[s][1] >= PRECISION and table[s][0] > 0), default=SHARES[-1])
    print(f"  chosen: {chosen}, the lowest share with precision >= {PRECISION} (pointed.MIN_SHARE is {MIN_SHARE})")
    figures = {"accuracy": accuracy, "accuracy_unnamed": accuracy_unnamed, "unnamed": len(hard), "min_share": chosen,
               "precision_at_min_share": round(table[chosen][1], 3), "coverage_at_min_share": round(table[chosen][0], 3)}
    if args.runs:
        figures |= against(read_examples(args.examples), args.runs)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
