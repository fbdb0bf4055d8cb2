"""Routing benchmark: a learned local pre-router and an arithmetic-checking cascade against
GPT-4-only, random and oracle routing, on RouteLLM's logged MMLU and GSM8K outcomes.

    .venv/bin/python bench/route.py                      # shared data: MMLU held-out subjects, GSM8K 5-fold
    .venv/bin/python bench/route.py --train A.csv B.csv --test C.csv D.csv   # each, and pooled
    .venv/bin/python bench/route.py --json               # one JSON object only
    .venv/bin/python bench/route.py --grouped-cv 5 --seeds 3   # approaches on held-out subject groups, mean ± sd
                                          # (resumable: features and fold scores kept in bench/out/cache/)
    .venv/bin/python bench/route.py --feedback-rows 50 100 200 500 1000   # rows `whittle router fit` needs

Prints a table and writes bench/out/route.png; ends with one JSON line of its figures.
The harness is bench/whittle_bench/routing.py (also run by `whittle bench route`).
"""

from __future__ import annotations

import sys
from pathlib import Path

# bench/ is on sys.path as this script's folder (whittle_bench); whittle itself from the checkout.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from whittle_bench.routing import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
