"""Grounded extraction on the local tier: values held to the JSON schema, against values held to spans.

    WHITTLE_THREADS=1 .venv/bin/python bench/workload/extraction_dev.py [--limit N] [--only schema|repeat|spans] [--show]

Two dev sets of our own, not the scored workload: bench/introduction/introductions.jsonl (60 replies
to "What's your name, and what's your favourite colour?") and bench/workload/extraction_dev.jsonl (30
notes naming a company, a city and a date, in wordings the workload does not use). Each reply goes
through the real router (bench/workload.py's runner: the live embedded SmolLM2, a recorded top tier)
with a GroundedJsonCheck, three times: generated under the JSON schema only (as before), under
spans of the text's own words that two values may start at the same word, and under the span
grammar router/constrain.py ships (values start at different words). Counted per set: answers the
router kept locally, kept and wrong (judged on name and colour, or company and city, as in the
workload), and the local answer right whether kept or not. Ends with one JSON line
{"kept_schema", "kept_wrong_schema", "local_right_schema", the same three for "repeat" and for
"spans", "items"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent.parent), str(HERE.parent), str(HERE)]
import workload  # noqa: E402

NAME_COLOUR = ('Extract the user\'s first name and favourite colour, each copied exactly as the user wrote it. '
               'Reply with JSON only: {"name": "...", "colour": "..."}')
FIELDS = ('Extract the company, the city and the date from the note, each copied exactly as written there. '
          'Reply with JSON only: {"company": "...", "city": "...", "date": "..."}')
STRING = {"type": "string"}


def items() -> list[workload.WorkloadItem]:
    found = []
    for index, raw in enumerate((HERE.parent / "introduction" / "introductions.jsonl").read_text().splitlines()):
        line = json.loads(raw)
        if not line.get("name") or not line.get("colour"):  # a reply missing a fact has no right JSON
            continue
        expected = {"name": line["name"], "colour": line["colour"]}
        found.append(workload.WorkloadItem(
            id=f"introduction-{index:02d}", category="name and colour",
            messages=[{"role": "system", "content": NAME_COLOUR}, {"role": "user", "content": line["text"]}],
            judge={"type": "json", "value": expected}, reference=json.dumps(expected),
            caller_check={"json_schema": {"type": "object", "properties": {"name": STRING, "colour": STRING},
                                          "required": ["name", "colour"]}, "grounded": True}))
    for index, raw in enumerate((HERE / "extraction_dev.jsonl").read_text().splitlines()):
        line = json.loads(raw)
        found.append(workload.WorkloadItem(
            id=f"note-{index:02d}", category="company, city, date",
            messages=[{"role": "system", "content": FIELDS}, {"role": "user", "content": line["text"]}],
            judge={"type": "json", "value": {"company": line["company"], "city": line["city"]}},
            reference=json.dumps({k: line[k] for k in ("company", "city", "date")}),
            caller_check={"json_schema": {"type": "object", "properties": {"company": STRING, "city": STRING,
                                                                             "date": STRING},
                                          "required": ["company", "city", "date"]}, "grounded": True}))
    return found


def schema_only(spec, messages=()):
    """The check as before the span grammar: the same GroundedJsonCheck, generated under its schema."""
    from whittle.llm.base import OutputConstraint

    check = workload.router_check(spec, messages)
    check.constraint = OutputConstraint(json_schema=check.model.model_json_schema())
    return check


def spans_may_repeat(spec, messages=()):
    """The span grammar without distinct starts: two values may begin at the same word."""
    from whittle.llm.base import OutputConstraint
    from whittle.router.constrain import grounded_json_grammar

    check = workload.router_check(spec, messages)
    check.constraint = OutputConstraint(gbnf=grounded_json_grammar(check, distinct_starts=False))
    return check


# name: (what the values are generated under, the check each request carries)
VARIANTS = {
    "schema": ("the JSON schema only", schema_only),
    "repeat": ("spans of the text, two values may start at one word", spans_may_repeat),
    "spans": ("spans of the text starting at different words (shipped)", workload.router_check),
}


def run(chosen: list[workload.WorkloadItem], variant: str) -> list[workload.Outcome]:
    return asyncio.run(workload.run(chosen, model="gpt-4.1", provider="openai", middle_tier=None,
                                    check_for=VARIANTS[variant][1]))


def tally(outcomes: list[workload.Outcome]) -> dict:
    kept = [o for o in outcomes if o.tier == "local"]
    return {"items": len(outcomes), "kept": len(kept), "kept_wrong": sum(not o.passed for o in kept),
            "local_right": sum(o.local_passed for o in outcomes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N replies of each set")
    parser.add_argument("--only", choices=list(VARIANTS), help="run one of the ways only")
    parser.add_argument("--show", action="store_true", help="print every local answer that was wrong")
    args = parser.parse_args(argv)
    chosen = items()
    if args.limit:
        chosen = [i for c in dict.fromkeys(i.category for i in chosen)
                  for i in [i for i in chosen if i.category == c][: args.limit]]
    figures = {}
    for name, (described, _) in VARIANTS.items():
        if args.only and args.only != name:
            continue
        outcomes = run(chosen, name)
        print(f"\n{name}: values generated under {described}")
        for category in dict.fromkeys(i.category for i in chosen):
            row = tally([o for o in outcomes if o.item.category == category])
            print(f"  {category:<22} {row['items']:>3} replies: kept {row['kept']:>3} ({row['kept_wrong']} wrong), "
                  f"local answer right {row['local_right']:>3}")
        total = tally(outcomes)
        figures.update({f"kept_{name}": total["kept"], f"kept_wrong_{name}": total["kept_wrong"],
                        f"local_right_{name}": total["local_right"]})
        if args.show:
            for o in outcomes:
                if not o.local_passed:
                    print(f"    {o.item.id}: {o.tier} {o.local_answer!r} <- {o.item.messages[-1]['content']!r}")
    figures["items"] = len(chosen)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
