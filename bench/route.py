"""Routing benchmark: a learned local pre-router and an arithmetic-checking cascade against
GPT-4-only, random and oracle routing, on RouteLLM's logged MMLU and GSM8K outcomes.

    .venv/bin/python bench/route.py                      # shared data: MMLU held-out subjects, GSM8K 5-fold
    .venv/bin/python bench/route.py --train A.csv B.csv --test C.csv
    .venv/bin/python bench/route.py --json               # one JSON object only

Prints a table and writes bench/out/route.png; ends with one JSON line of its figures.
Everything is in whittle/router/bench.py (also `whittle bench route`).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from whittle.router.bench import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
