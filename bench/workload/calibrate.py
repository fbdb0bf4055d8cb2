"""Choose ChoiceCheck's label-probability threshold by cross-validation, on texts the scored workload lacks.

    WHITTLE_THREADS=1 .venv/bin/python bench/workload/calibrate.py [--target 0.9] [--folds 5]

The same for the knowledge check's confidence (the local answer's mean token probability), on the
world questions of the knowledge dev set (router/checks.py: check_knowledge cites this run):

    WHITTLE_THREADS=1 .venv/bin/python bench/workload/calibrate.py --workload bench/workload/knowledge_dev.jsonl \
        --category "dev: world fact" --min-kept 3 --max-tokens 96

Runs bench/workload/calibration.jsonl (todo items and headlines that are NOT in default.jsonl) through
the real router with the live embedded model, and reads each local label's probability under the
grammar from the ledger (router/cascade.py records its log as the answer's confidence). A threshold
is chosen on the training folds only: the lowest observed probability whose kept labels are right at
least `target` of the time (keep as many local as that allows). Each held-out fold is then scored with
the threshold its training folds chose; the figure reported is the held-out precision and share kept.
The threshold to ship is the one chosen on all calibration lines; default.jsonl is never looked at.
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]
from workload import load_workload, run  # noqa: E402


def choose_threshold(pairs: list[tuple[float, bool]], target: float, min_kept: int = 1) -> float:
    """The lowest probability p such that answers with probability >= p are right >= target of the time,
    and at least `min_kept` of them are kept (1.0, keep none, when no p does)."""
    best = 1.0
    for p in sorted({p for p, _ in pairs}, reverse=True):
        kept = [right for q, right in pairs if q >= p]
        if len(kept) >= min_kept and sum(kept) / len(kept) >= target:
            best = p
    return best


def cross_validate(pairs: list[tuple[float, bool]], target: float, folds: int, seed: int = 0,
                   min_kept: int = 1) -> dict:
    order = list(range(len(pairs)))
    random.Random(seed).shuffle(order)
    kept = right = 0
    thresholds = []
    for fold in range(folds):
        held = {i for n, i in enumerate(order) if n % folds == fold}
        threshold = choose_threshold([pairs[i] for i in range(len(pairs)) if i not in held], target, min_kept)
        thresholds.append(threshold)
        for i in held:
            if pairs[i][0] >= threshold:
                kept += 1
                right += pairs[i][1]
    return {"heldout_kept_share": round(kept / len(pairs), 3),
            "heldout_precision": round(right / kept, 3) if kept else None,
            "fold_thresholds": [round(t, 3) for t in thresholds]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", type=Path, default=HERE / "calibration.jsonl")
    parser.add_argument("--target", type=float, default=0.9, help="precision wanted of the labels kept local")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--category", help="calibrate on the lines of this category (default: lines with choices)")
    parser.add_argument("--min-kept", type=int, default=1, help="a threshold must keep at least this many answers")
    parser.add_argument("--max-tokens", type=int, default=16, help="of each local answer (a label needs few)")
    args = parser.parse_args(argv)
    items = [item for item in load_workload(args.workload)
             if (item.category == args.category if args.category else item.caller_check and "choices" in item.caller_check)]
    if not items:
        parser.error(f"no lines to calibrate on in {args.workload}; check --category")
    outcomes = asyncio.run(run(items, model="gpt-4.1", provider="openai", middle_tier=None, max_tokens=args.max_tokens))
    pairs = [(math.exp(o.local_confidence), bool(o.local_passed)) for o in outcomes if o.local_confidence is not None]
    for o in outcomes:
        p = math.exp(o.local_confidence) if o.local_confidence is not None else float("nan")
        print(f"  {o.item.id:16} p={p:.3f} {'right' if o.local_passed else 'wrong'}  {o.local_answer!r}")
    figures = {"lines": len(pairs), "local_accuracy": round(sum(r for _, r in pairs) / max(1, len(pairs)), 3),
               "target": args.target, **cross_validate(pairs, args.target, args.folds, min_kept=args.min_kept),
               "threshold": round(choose_threshold(pairs, args.target, args.min_kept), 3)}
    print(f"held-out (5-fold) at target precision {args.target}: kept {figures['heldout_kept_share']:.0%}, "
          f"precision {figures['heldout_precision']}; threshold on all calibration lines: {figures['threshold']}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
