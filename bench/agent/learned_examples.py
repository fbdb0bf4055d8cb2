"""Add bench/agent sets to the assistant's learned examples, or check that they are there.

    python bench/agent/learned_examples.py heldout109 heldout110 ...          # append what is missing
    python bench/agent/learned_examples.py --check heldout109 ...             # exit 1 where they differ

A set's requests become three kinds of example, each carrying the set as its source (the grouped
cross-validation of bench/intents.py, bench/arg_spans.py and bench/pointed.py holds each source out):

- whittle/agent/intents.jsonl: a request with at most one expected call, and that call's tool (None for chat
  and for what cannot be done);
- whittle/agent/arg_spans.jsonl: each expected call's typed argument (a new todo's text, an edit's new text, a
  new profile's name, a search's words, a hello-workflow step's value) where the value is written in the
  request as it is;
- whittle/agent/pointed.jsonl: a request with one expected call on one todo of its starting list, that todo,
  the list and the todos done.

Only sets that have had their first-contact run belong here: a set in the examples no longer measures the
learned models blind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGENT = ROOT / "whittle" / "agent"
DEFAULT_TODOS = ["milk", "eggs", "call mum"]  # agent_harness.DEFAULT_TODOS, the list a set without setup starts from
# The arguments the argument-span model reads: what a request writes out, not what it points at.
SPAN_ARGS = {"todo_add": "text", "todo_edit": "text", "profile_add": "name", "search_conversation": "query",
             "hello_workflow_submit": "value"}
# A step whose value is one of its choices: chosen, not written out, so no span to learn.
CHOSEN_STEPS = {"greeting"}


def examples_of(request: dict, source: str, known_texts: set[str]) -> dict[str, list[dict]]:
    """The request's examples; its intent is left out where an earlier source has the same words."""
    text, app, expect = request["text"], request["app"], request["expect"]
    setup = request.get("setup") or {}
    out: dict[str, list[dict]] = {"intents": [], "arg_spans": [], "pointed": []}
    if len(expect) <= 1 and text.casefold() not in known_texts:
        out["intents"].append({"text": text, "app": app, "tool": expect[0]["tool"] if expect else None,
                               "source": source})
    for call in expect:
        arg = SPAN_ARGS.get(call["tool"])
        value = call["args"].get(arg) if arg else None
        if (isinstance(value, str) and value and value.casefold() in text.casefold()
                and call["args"].get("step") not in CHOSEN_STEPS):
            example = {"text": text, "app": app, "tool": call["tool"], "arg": arg, "value": value}
            if "step" in call["args"]:
                example["step"] = call["args"]["step"]
            out["arg_spans"].append({**example, "source": source})
    todos = setup.get("todos", DEFAULT_TODOS)
    pointing = [call["args"]["item"] for call in expect if isinstance(call["args"].get("item"), str)]
    on_list = [item for item in pointing if item in todos]
    if len(set(pointing)) == 1 and on_list:
        out["pointed"].append({"text": text, "todos": list(todos), "done": list(setup.get("done", [])),
                               "item": on_list[0], "source": source})
    return out


def set_examples(name: str, known_texts: set[str]) -> dict[str, list[dict]]:
    path = ROOT / "bench" / "agent" / f"{name}.jsonl"
    if not path.exists():
        sys.exit(f"{path} does not exist: name a set in bench/agent, such as heldout109")
    out: dict[str, list[dict]] = {"intents": [], "arg_spans": [], "pointed": []}
    for line in path.read_text().splitlines():
        if line.strip():
            for kind, rows in examples_of(json.loads(line), f"bench/agent/{name}", known_texts).items():
                out[kind] += [row for row in rows if row not in out[kind]]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="set names in bench/agent, such as heldout109")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a set's examples differ")
    args = parser.parse_args(argv)
    differs = False
    for kind in ("intents", "arg_spans", "pointed"):
        path = AGENT / f"{kind}.jsonl"
        have = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        added = []
        for name in args.sets:
            source = f"bench/agent/{name}"
            there = [row for row in have if row.get("source") == source]
            before = have[:have.index(there[0])] if there else have + added
            want = set_examples(name, {row["text"].casefold() for row in before})[kind]
            if args.check:
                key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
                if sorted(map(key, want)) != sorted(map(key, there)):
                    differs = True
                    print(f"{kind}: {name}: {len(there)} in the examples, {len(want)} from the set")
            elif there:
                print(f"{kind}: {name} is there already ({len(there)}); left as it is")
            else:
                added += want
        if added:
            with path.open("a") as f:
                f.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in added)
        if not args.check:
            print(f"{kind}: {len(have)} -> {len(have) + len(added)}")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
