"""How well whittle/router/junk.py tells junk from good answers, on real SmolLM2-135M outputs.

    .venv/bin/python bench/junk_checks.py [--labelled bench/junk/labelled.jsonl] [--folds 5]

The labelled set (bench/junk/labelled.jsonl) holds answers the embedded model gave to whittle's
own prompts (bench/junk/generate.py), each labelled good or junk by a person reading it, never
by these checks. The checks' thresholds, and which optional checks are on, are chosen by
cross-validation: for each fold, a grid is scored on the other folds and the best point is
applied to the held-out fold. The headline precision and recall are those held-out figures; the
full-set figures (chosen and scored on everything, an optimistic number) are printed beside
them, as are the "fresh" batch scored with thresholds chosen on the rest (bench/junk/README.md
says what that batch is) and recall by kind of request.

Ends with one JSON line: {"junk_precision": ..., "junk_recall": ...} (cross-validated).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from whittle.router.junk import DEFAULT_THRESHOLDS, Measures, Thresholds, measure, reasons  # noqa: E402

LABELLED = Path(__file__).parent / "junk" / "labelled.jsonl"
SEED = 7
GRID = {
    "repeat_count": (3, 4, 5),
    "repeat_words": (2, 3, 4),
    "repeat_share": (0.1, 0.2, 0.3, 0.4),
    "parrot_run": (8, 10, 12, 15),
    "echo_share": (0.5, 0.6, 0.7, 0.8, 0.9),
    "template_fill": (0.75, 0.5, 0.25),
    "ignore_min_words": (3, 6, 10),
    "user_anywhere": (True, False),  # each check written for a failure the issue names: on unless it costs
    "opens_with_question": (True, False),
    "state_facts": (True, False),
    "foreign_operands": (True, False),
}
# Each group of thresholds drives one check; the others are switched off with these values, so a
# check's flags can be computed once per value and grid points combined as bitmasks (fast).
GROUPS = {
    "repeat": ("repeat_count", "repeat_words", "repeat_share"),
    "parrot": ("parrot_run",),
    "echo": ("echo_share",),
    "template": ("template_fill",),
    "ignore": ("ignore_min_words",),
    "toggles": ("user_anywhere", "opens_with_question", "state_facts", "foreign_operands"),
}
OFF = {"repeat_count": 10**6, "repeat_words": 10**6, "repeat_share": 10.0, "parrot_run": 10**6,
       "echo_share": 10.0, "template_fill": 0.0, "ignore_min_words": 10**6, "user_anywhere": False,
       "opens_with_question": False, "state_facts": False, "foreign_operands": False}
# Thresholds are chosen for the goal: the most recall at a precision of at least this.
MIN_TRAIN_PRECISION = 0.85


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    bad = [row.get("id") for row in rows if row.get("label") not in ("good", "junk")]
    if bad:
        raise SystemExit(f"{path}: rows without a good/junk label: {bad[:5]}. Fix: label every row.")
    return rows


def scores(flags: list[bool], labels: list[bool]) -> tuple[float, float, int, int, int]:
    """(precision, recall, true positives, false positives, false negatives) on junk."""
    tp = sum(f and y for f, y in zip(flags, labels))
    fp = sum(f and not y for f, y in zip(flags, labels))
    fn = sum(y and not f for f, y in zip(flags, labels))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def mask(measures: list[Measures], t: Thresholds) -> int:
    """Bit i set when answer i is flagged under t."""
    return sum(1 << i for i, m in enumerate(measures) if reasons(m, t))


class Grid:
    """Every combination of GRID's values, scored fast: each check's flags are computed once per
    value of its own thresholds, and a grid point's flags are the OR of its checks' masks."""

    def __init__(self, measures: list[Measures]):
        self.options = []  # per group: [(values, mask)]
        for names in GROUPS.values():
            choices = []
            for values in itertools.product(*(GRID[n] for n in names)):
                t = Thresholds(**{**OFF, **dict(zip(names, values))})
                choices.append((dict(zip(names, values)), mask(measures, t)))
            self.options.append(choices)
        # A group's options that flag the same answers are one choice for scoring: keep the first,
        # which is the tie-break (GRID lists the most sensitive value first, checks on before off).
        for i, choices in enumerate(self.options):
            seen, kept = set(), []
            for values, flags in choices:
                if flags not in seen:
                    seen.add(flags)
                    kept.append((values, flags))
            self.options[i] = kept

    def points(self):
        """(index of the choice per group, flags) for every combination, in GRID order."""
        for combo in itertools.product(*(range(len(choices)) for choices in self.options)):
            flags = 0
            for choices, index in zip(self.options, combo):
                flags |= choices[index][1]
            yield combo, flags

    def thresholds(self, combo) -> Thresholds:
        values = {}
        for choices, index in zip(self.options, combo):
            values.update(choices[index][0])
        return Thresholds(**values)


def scores_of(flags: int, junk: int, within: int) -> tuple[float, float]:
    tp = (flags & junk & within).bit_count()
    fp = (flags & ~junk & within).bit_count()
    fn = (~flags & junk & within).bit_count()
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def choose(grid: Grid, junk: int, within: int) -> Thresholds:
    """Most recall at precision >= MIN_TRAIN_PRECISION (then precision); else best F1, on the answers
    in `within`. Ties: the grid's first choice. Never DEFAULT_THRESHOLDS: those are chosen on every
    answer, held-out folds included, and must not decide a fold's choice."""
    best, best_key = None, None
    for combo, flags in grid.points():
        precision, recall = scores_of(flags, junk, within)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        feasible = precision >= MIN_TRAIN_PRECISION
        key = (feasible, recall if feasible else f1, precision)
        if best_key is None or key > best_key:
            best, best_key = combo, key
    return grid.thresholds(best)


def cross_validate(measures, labels, folds: int) -> tuple[list[bool], list[Thresholds]]:
    order = list(range(len(labels)))
    random.Random(SEED).shuffle(order)
    junk = sum(1 << i for i, y in enumerate(labels) if y)
    everything = (1 << len(labels)) - 1
    grid = Grid(measures)
    flags = [False] * len(labels)
    chosen = []
    for fold in range(folds):
        held = order[fold::folds]
        held_mask = sum(1 << i for i in held)
        t = choose(grid, junk, everything & ~held_mask)
        chosen.append(t)
        for i in held:
            flags[i] = bool(reasons(measures[i], t))
    return flags, chosen


CHECK_NAMES = (  # reason prefix -> check, for the per-check counts
    ("repeats", "repetition"), ("copies", "parroting instructions"), ("restates", "restating the request"),
    ("mentions none", "ignores the request"), ("fills", "template lines"), ("asked for a list", "list asked"),
    ("asked for 1 sentence", "one sentence asked"), ("speaks of", "third person"), ("hands", "echoes the user"),
    ("a canned", "canned non-answer"), ("a list with no content", "format-only list"), ("claims", "off-persona"),
    ("states figures", "invented figures"), ("answers with code", "unasked code"), ("counts", "fractional count"),
    ("says", "wrong result"), ("gives no number", "wrong result"), ("empty", "empty"),
    ("contradicts the app", "wrong action"), ("asked what is on the list", "list items not named"),
    ("opens by repeating", "opens with the question"), ("calculates with numbers", "numbers from nowhere"),
    ("writes", "wrong calculation"),
)


def check_name(reason: str) -> str:
    return next((name for prefix, name in CHECK_NAMES if reason.startswith(prefix)), reason)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    rows = load(args.labelled)
    labels = [row["label"] == "junk" for row in rows]
    started = time.perf_counter()
    measures = [measure(row["messages"], row["answer"]) for row in rows]
    per_answer_ms = (time.perf_counter() - started) * 1000 / len(rows)

    cv_flags, chosen = cross_validate(measures, labels, args.folds)
    cv = scores(cv_flags, labels)
    junk_mask = sum(1 << i for i, y in enumerate(labels) if y)
    full_t = choose(Grid(measures), junk_mask, (1 << len(labels)) - 1)
    full_flags = [bool(reasons(m, full_t)) for m in measures]
    full = scores(full_flags, labels)
    default_flags = [bool(reasons(m, DEFAULT_THRESHOLDS)) for m in measures]
    default = scores(default_flags, labels)
    # The "fresh" batch was generated and labelled after most of the newest checks were written
    # (bench/junk/README.md): thresholds chosen on the other ("design") answers only.
    fresh = [i for i, row in enumerate(rows) if row.get("split") == "fresh"]
    fresh_result = None
    if fresh:
        design_mask = ((1 << len(labels)) - 1) & ~sum(1 << i for i in fresh)
        design_t = choose(Grid(measures), junk_mask, design_mask)
        fresh_result = scores([bool(reasons(measures[i], design_t)) for i in fresh], [labels[i] for i in fresh])

    print(f"Labelled set: {len(rows)} answers, {sum(labels)} junk ({sum(labels) / len(rows):.0%}), "
          f"{len(rows) - sum(labels)} good; kinds: {dict(Counter(row.get('kind', '?') for row in rows))}")
    print(f"Checks: {per_answer_ms:.2f} ms per answer (measure, mean)\n")
    print(f"{'':34}{'precision':>10}{'recall':>8}{'TP':>5}{'FP':>5}{'FN':>5}")
    for name, (p, r, tp, fp, fn) in [
        (f"cross-validated ({args.folds}-fold) [headline]", cv),
        ("full set (chosen on all; optimistic)", full),
        ("DEFAULT_THRESHOLDS in junk.py", default),
        *([(f"fresh batch ({len(fresh)}; design-chosen)", fresh_result)] if fresh_result else []),
    ]:
        print(f"{name:34}{p:>10.3f}{r:>8.3f}{tp:>5}{fp:>5}{fn:>5}")
    print("\nRecall by kind of request (cross-validated): junk flagged / junk")
    for kind in dict.fromkeys(row.get("kind", "?") for row in rows):
        held = [(f, y) for row, f, y in zip(rows, cv_flags, labels) if row.get("kind", "?") == kind and y]
        good = [f for row, f, y in zip(rows, cv_flags, labels) if row.get("kind", "?") == kind and not y]
        print(f"  {kind:14} {sum(f for f, _ in held):3} / {len(held):3}   (good answers flagged: {sum(good)} / {len(good)})")
    print("\nThresholds chosen per fold:")
    for i, t in enumerate(chosen):
        print(f"  fold {i}: {t}")
    print(f"Chosen on the full set: {full_t}")
    if full_t != DEFAULT_THRESHOLDS:
        print(f"  (differs from junk.py's DEFAULT_THRESHOLDS: {DEFAULT_THRESHOLDS})")

    print("\nPer check (full-set thresholds): answers flagged, of them labelled junk")
    fired: Counter = Counter()
    correct: Counter = Counter()
    for m, y in zip(measures, labels):
        for reason in reasons(m, full_t):
            fired[check_name(reason)] += 1
            correct[check_name(reason)] += y
    for name, count in fired.most_common():
        print(f"  {name:24} {count:4} flagged, {correct[name]:4} junk")

    print("\nMisses (junk not flagged, cross-validated):")
    for row, flag, y in zip(rows, cv_flags, labels):
        if y and not flag:
            print(f"  {row['id']}: {row['note']} | {row['answer'][:100]!r}")
    print("\nFalse alarms (good answers flagged, cross-validated; reasons at full-set thresholds):")
    for row, m, flag, y in zip(rows, measures, cv_flags, labels):
        if flag and not y:
            print(f"  {row['id']}: {reasons(m, full_t)} | {row['answer'][:100]!r}")
    print(json.dumps({"junk_precision": round(cv[0], 3), "junk_recall": round(cv[1], 3)}))


if __name__ == "__main__":
    main()
