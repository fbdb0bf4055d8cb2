"""Choosing a router's settings by cross-validation, and timing its scoring: benchmark work.

The product's learned router (whittle.router.learned) fits one model on the ledger; the
benchmark also chooses feature groups and the training target inside each training part,
by the routing figure that matters (APGR), and measures how long one score takes.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from whittle.router.learned.difficulty import DEFAULT_CS, TARGETS, DifficultyModel, TrainingSet, fit_averaged
from whittle_bench.metrics import apgr, routing_curve


@dataclass(frozen=True)
class Choice:
    """One setting (feature set, target; C averaged over `cs`) and its cross-validated APGR."""

    feature_set: str
    cs: tuple[float, ...]
    target: str
    cv_apgr: float


def fold_ids(n: int, k: int, groups: Sequence[str] | None = None, seed: int = 0) -> np.ndarray:
    """Fold number of each row; rows sharing a group (e.g. an MMLU subject) share a fold.

    Groups are dealt largest first to the currently smallest fold, so folds stay balanced
    even when one subject is ten times another.
    """
    rng = np.random.default_rng(seed)
    if groups is None:
        return rng.permutation(np.arange(n) % k)
    names = sorted(set(groups))
    if len(names) < k:
        raise ValueError(f"{len(names)} groups cannot make {k} folds")
    sizes = {g: 0 for g in names}
    for g in groups:
        sizes[g] += 1
    order = sorted(names, key=lambda g: (-sizes[g], rng.random()))
    load = np.zeros(k)
    assigned: dict[str, int] = {}
    for g in order:
        fold = int(np.argmin(load))
        assigned[g] = fold
        load[fold] += sizes[g]
    return np.array([assigned[g] for g in groups])


def select(
    sets: dict[str, TrainingSet],
    folds: np.ndarray,
    cs: Sequence[float] = DEFAULT_CS,
    targets: Sequence[str] = TARGETS,
) -> tuple[Choice, list[Choice]]:
    """Pick (feature set, target) by pooled out-of-fold APGR of `fit_averaged` within the training data."""
    results = []
    for name, data in sets.items():
        for target in targets:
            scores = np.zeros(len(data.weak))
            try:
                for fold in np.unique(folds):
                    test = folds == fold
                    model = fit_averaged(data.subset(~test), cs, target)
                    scores[test] = model.score_many(data.subset(test))
            except ValueError:  # a fold with one class for this target: cannot judge it
                results.append(Choice(name, tuple(cs), target, float("nan")))
                continue
            curve = routing_curve(data.weak, data.strong, scores)
            results.append(Choice(name, tuple(cs), target, apgr(curve)))
    # Ties go to the earlier setting: fewer feature groups, the plainer target.
    best = max(results, key=lambda r: np.nan_to_num(r.cv_apgr, nan=-1.0))
    return best, results


def latency_ms(model: DifficultyModel, prompts: Sequence[str], responses: Sequence[str] | None = None) -> dict:
    """Time `score` on single requests (features + prediction), in milliseconds.

    Wall time is what a caller waits; CPU time is what the scoring itself costs. On a busy
    shared machine the wall p99 also counts time the process spent descheduled, so both
    are reported.
    """
    for prompt in prompts[:20]:  # warm caches and lazy imports; not a cold-start figure
        model.score(prompt, responses[0] if responses is not None else None)
    wall, cpu = [], []
    for i, prompt in enumerate(prompts):
        response = responses[i] if responses is not None else None
        start, start_cpu = time.perf_counter(), time.thread_time()
        model.score(prompt, response)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return {
        "n": len(wall),
        "wall_p50_ms": round(float(np.percentile(wall, 50)), 3),
        "wall_p99_ms": round(float(np.percentile(wall, 99)), 3),
        "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 3),
        "cpu_p99_ms": round(float(np.percentile(cpu, 99)), 3),
    }
