"""`bench/route.py --grouped-cv K --seeds S`: routers scored on subjects they never saw.

For each seed, the subjects (MMLU's, or one group per `--train` file) are dealt into K folds
(the seed decides which subjects go together); each fold is scored by a router trained on the
other folds' subjects only, whose settings were chosen by inner cross-validation over those
training subjects only. The out-of-fold scores of all folds are pooled into one routing
curve per seed, and APGR and the cost cut at 95% of strong-only quality (equal tokens per
query) are reported as mean ± sd over seeds. GSM8K (shared data) has no subjects: it is never
scored here, only added to the training rows of the approaches that train on both data sets.

The features and every (approach, seed, fold)'s scores are kept in bench/out/cache/grouped_cv
(whittle_bench.cv_cache; `--no-cache` to skip), so a comparison stopped part-way resumes
where it stopped and adding a seed or an approach computes only what is new.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from whittle.router.learned.difficulty import TrainingSet
from whittle.router.learned.features import FeatureConfig
from whittle_bench import metrics
from whittle_bench.approaches import APPROACHES, Pool
from whittle_bench.cv_cache import CvCache, data_key
from whittle_bench.outcomes import Outcomes
from whittle_bench.selection import fold_ids

FEATURE_SETS = {"dense": FeatureConfig(words=False), "dense+words": FeatureConfig(words=True)}


@dataclass(frozen=True)
class Fold:
    seed: int
    fold: int
    train_groups: frozenset[str]
    test_groups: frozenset[str]
    test_rows: int


def build_pool(evaluated: Outcomes, extra: Outcomes | None = None, cache: CvCache | None = None) -> Pool:
    """Featurise once (or read the features back from `cache`); the extra rows (one group each
    data set) only ever train."""
    cache = cache or CvCache(None)
    data = evaluated if extra is None else Outcomes.concat(evaluated.name, [evaluated, extra])
    weak, strong = data.passed()
    key = data_key(data.prompts, data.weak, data.strong)
    sets = {name: cache.training_set(key, name, config,
                                     lambda config=config: TrainingSet.build(data.prompts, weak, strong, config))
            for name, config in FEATURE_SETS.items()}
    return Pool(data, len(evaluated), sets, np.array(data.groups, dtype=object))


def split_folds(pool: Pool, k: int, seed: int) -> np.ndarray:
    """Fold of each evaluated row; rows of one subject share a fold."""
    return fold_ids(pool.evaluated, k, list(pool.groups[: pool.evaluated]), seed)


def figures(weak: np.ndarray, strong: np.ndarray, scores: np.ndarray) -> dict:
    curve = metrics.routing_curve(weak, strong, scores, metrics.Costs.equal(len(weak)))
    point = metrics.at_quality(curve)
    return {"apgr": metrics.apgr(curve), "cost_cut_at_95": float("nan") if point is None else point.cost_reduction}


def evaluate(pool: Pool, approaches: Sequence[str], k: int, seeds: int,
             log: Callable[[str], None] = print, first_seed: int = 0,
             cache: CvCache | None = None) -> tuple[dict, list[Fold]]:
    """Per approach: APGR and cost cut at 95% for each seed, and the folds used.

    With a `cache`, each (approach, seed, fold)'s scores are kept on disk as soon as they are
    computed, so an interrupted comparison resumes where it stopped."""
    cache = cache or CvCache(None)
    data_id = data_key(pool.data.prompts, pool.data.weak, pool.data.strong)
    n = pool.evaluated
    extra_rows = np.arange(n, len(pool.data))
    weak, strong = pool.data.weak[:n], pool.data.strong[:n]
    results = {name: {"apgr": [], "cost_cut_at_95": []} for name in approaches}
    folds_seen: list[Fold] = []
    for seed in range(first_seed, first_seed + seeds):
        folds = split_folds(pool, k, seed)
        for fold in range(k):
            test = np.flatnonzero(folds == fold)
            train = np.flatnonzero(folds != fold)
            folds_seen.append(Fold(seed, fold, frozenset(pool.groups[train]), frozenset(pool.groups[test]), len(test)))
        for name in approaches:
            approach = APPROACHES[name]
            scores = np.full(n, np.nan)
            started = time.perf_counter()
            for fold in range(k):
                test = np.flatnonzero(folds == fold)
                train = np.flatnonzero(folds != fold)
                if approach.uses_extra:
                    train = np.r_[train, extra_rows]
                parts = [name, approach.code_key(), data_id, str(seed), np.asarray(train).tobytes().hex(),
                         np.asarray(test).tobytes().hex()]
                scores[test] = cache.scores(parts, lambda: approach.score(pool, train, test, seed))  # noqa: B023
            result = figures(weak, strong, scores)
            for key, value in result.items():
                results[name][key].append(value)
            log(f"  seed {seed} {name}: APGR {result['apgr']:.4f}, cost cut at 95% {result['cost_cut_at_95']:.4f} "
                f"({time.perf_counter() - started:.0f} s)")
    return results, folds_seen


def summarise(results: dict) -> dict:
    summary = {}
    for name, per_seed in results.items():
        summary[name] = {}
        for key, values in per_seed.items():
            arr = np.array(values, float)
            summary[name][key] = {"mean": round(float(np.nanmean(arr)), 4),
                                  "sd": round(float(np.nanstd(arr, ddof=1)) if len(arr) > 1 else 0.0, 4),
                                  "per_seed": [round(float(v), 4) for v in arr]}
    return summary


def format_table(summary: dict, header: str) -> str:
    lines = [header, f"{'approach':<16} {'APGR mean ± sd':>18} {'cost cut at 95% mean ± sd':>28}  description"]
    for name, row in summary.items():
        a, c = row["apgr"], row["cost_cut_at_95"]
        lines.append(f"{name:<16} {a['mean']:>10.4f} ± {a['sd']:.4f} {c['mean']:>19.4f} ± {c['sd']:.4f}  "
                     f"{APPROACHES[name].description}")
    return "\n".join(lines)


def run(evaluated: Outcomes, extra: Outcomes | None, approaches: Sequence[str], k: int, seeds: int,
        as_json: bool, log: Callable[[str], None], first_seed: int = 0, cache: CvCache | None = None) -> dict:
    unknown = [a for a in approaches if a not in APPROACHES]
    if unknown:
        raise ValueError(f"unknown approach(es) {unknown}; choose from {sorted(APPROACHES)}")
    groups = len(set(evaluated.groups))
    if groups < k:
        raise ValueError(f"{groups} subject groups cannot make {k} folds; pass a smaller --grouped-cv")
    # One core: k-means, boosted trees (OpenMP) and BLAS would otherwise start a thread per
    # core on a machine whose cores are shared, and on a busy one OpenMP's waiting threads
    # make a small tree fit ten times slower. The limit only reaches libraries already
    # loaded, hence the imports first.
    import sklearn.cluster
    import sklearn.ensemble
    import sklearn.linear_model  # noqa: F401
    from threadpoolctl import threadpool_limits

    started = time.perf_counter()
    with threadpool_limits(1):
        pool = build_pool(evaluated, extra, cache)
        log(f"featurised {len(pool.data)} rows ({pool.evaluated} scored, {groups} subjects) "
            f"in {time.perf_counter() - started:.0f} s")
        results, _ = evaluate(pool, approaches, k, seeds, log, first_seed, cache)
    summary = summarise(results)
    best = max(summary, key=lambda name: summary[name]["apgr"]["mean"])
    out = {
        "benchmark": "route_grouped_cv",
        "scored": evaluated.name, "rows": pool.evaluated, "subjects": groups,
        "extra_training_rows": len(pool.data) - pool.evaluated,
        "folds": k, "seeds": seeds, "first_seed": first_seed, "approaches": summary, "best_by_apgr": best,
    }
    if not as_json:
        header = (f"{evaluated.name}: {k}-fold CV over held-out subject groups ({groups} subjects), "
                  f"{seeds} seed(s); equal tokens per query")
        print()
        print(format_table(summary, header))
    return out


def headline(out: dict) -> dict:
    """The one JSON line: each approach's APGR and cost cut at 95%, mean and sd over seeds."""
    line = {"folds": out["folds"], "seeds": out["seeds"], "best_by_apgr": out["best_by_apgr"]}
    for name, row in out["approaches"].items():
        for key in ("apgr", "cost_cut_at_95"):
            line[f"{name}_{key}_mean"] = row[key]["mean"]
            line[f"{name}_{key}_sd"] = row[key]["sd"]
    return line


def dumps(out: dict) -> str:
    return json.dumps(out)
