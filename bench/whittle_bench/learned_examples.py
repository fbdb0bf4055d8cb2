"""The command line shared by the benches of the planner's learned models fit on a package's examples
(bench/arg_spans.py, bench/pointed.py): which examples file, the regularisation, and the writers' first
runs to compare with (`SET=RUN_DIR`, what `bench/agent.py --out RUN_DIR` wrote)."""

from __future__ import annotations

import argparse
from pathlib import Path


def parsed(doc: str, examples: Path, c: float) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=examples)
    parser.add_argument("--c", type=float, default=c)
    parser.add_argument("--against", nargs="*", default=[], metavar="SET=RUN_DIR")
    args = parser.parse_args()
    for run in args.against:
        set_name, _, run_dir = run.partition("=")
        if not set_name or not (Path(run_dir) / "cascade.jsonl").is_file():
            parser.error(f"{run!r}: give SET=RUN_DIR, a directory bench/agent.py --out wrote (it has cascade.jsonl)")
    args.runs = [(name, Path(run_dir)) for name, _, run_dir in (run.partition("=") for run in args.against)]
    return args
