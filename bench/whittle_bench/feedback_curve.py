"""`bench/route.py --feedback-rows 50 100 ...`: how many feedback rows `whittle router fit`
needs before its difficulty model beats the untrained default.

The untrained default has no difficulty model (`skip_cheapest_above = 1`): every request tries
the cheap tier first, which on a routing curve is the same as no ranking at all (random,
APGR 0.5). Here a logged outcome file stands in for a user's ledger: the rows are shuffled
into one stream (one seed each), the first N rows are "feedback" (cheap tier failed = weak
model wrong, which is what an escalation or a thumbs-down records), and the model is fitted
exactly as `whittle router fit` fits it (`choose_model`: the logistic model or boosted trees,
whichever cross-validates better on those rows; target "weak_fails"). It is scored on a fixed
tail of the same stream that no fit ever sees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from whittle.router.learned.difficulty import TrainingSet
from whittle.router.learned.features import FeatureConfig
from whittle.router.learned.fit import choose_model
from whittle_bench.grouped_cv import figures
from whittle_bench.outcomes import Outcomes


def curve(data: Outcomes, sizes: Sequence[int], seeds: int, test_rows: int,
          log: Callable[[str], None] = print) -> dict:
    """Per N: APGR and cost cut at 95% (mean, sd, per seed) of the fitted pre-router, and the default's."""
    if max(sizes) + test_rows > len(data):
        raise ValueError(f"{data.name}: {len(data)} rows cannot give {max(sizes)} feedback rows and {test_rows} "
                         "test rows; pass smaller --feedback-rows")
    weak_ok, _ = data.passed()
    features = TrainingSet.build(data.prompts, weak_ok, np.ones(len(data), bool), FeatureConfig())
    per_size = {n: {"apgr": [], "cost_cut_at_95": []} for n in sizes}
    default = {"apgr": [], "cost_cut_at_95": []}
    for seed in range(seeds):
        order = np.random.default_rng(seed).permutation(len(data))
        test = order[-test_rows:]
        weak, strong = data.weak[test], data.strong[test]
        # The default routes nothing by difficulty: every score ties, which the curve averages.
        for key, value in figures(weak, strong, np.zeros(len(test))).items():
            default[key].append(value)
        for n in sizes:
            train = features.subset(order[:n])
            try:
                model = choose_model(train, seed)
                scores = model.score_many(features.subset(test))
            except ValueError:  # one class only in so few rows: `router fit` refuses, the default stays
                scores = np.zeros(len(test))
            for key, value in figures(weak, strong, scores).items():
                per_size[n][key].append(value)
        log(f"  {data.name} seed {seed}: " + ", ".join(f"N={n} APGR {per_size[n]['apgr'][-1]:.3f}" for n in sizes))

    def stats(values: list[float]) -> dict:
        arr = np.array(values, float)
        return {"mean": round(float(np.nanmean(arr)), 4), "sd": round(float(np.nanstd(arr, ddof=1)), 4) if len(arr) > 1
                else 0.0, "per_seed": [round(float(v), 4) for v in arr]}

    rows = {str(n): {key: stats(v) for key, v in per_size[n].items()} for n in sizes}
    base = {key: stats(v) for key, v in default.items()}
    # "Beats the default": APGR above the default's on every seed (not just on average).
    beats = [n for n in sizes if all(a > b for a, b in zip(per_size[n]["apgr"], default["apgr"]))]
    return {"data": data.name, "test_rows": test_rows, "seeds": seeds, "default": base, "fitted": rows,
            "first_n_beating_default": beats[0] if beats else None}


def format_table(result: dict) -> str:
    title = (f"{result['data']}: `whittle router fit` on the first N feedback rows, scored on {result['test_rows']} "
             f"later rows, {result['seeds']} seeds")
    lines = [title,
             f"{'N':>6} {'APGR mean ± sd':>18} {'cost cut at 95% mean ± sd':>28}"]
    d = result["default"]
    lines.append(f"{'none':>6} {d['apgr']['mean']:>10.4f} ± {d['apgr']['sd']:.4f} "
                 f"{d['cost_cut_at_95']['mean']:>19.4f} ± {d['cost_cut_at_95']['sd']:.4f}  (untrained default)")
    for n, row in result["fitted"].items():
        lines.append(f"{n:>6} {row['apgr']['mean']:>10.4f} ± {row['apgr']['sd']:.4f} "
                     f"{row['cost_cut_at_95']['mean']:>19.4f} ± {row['cost_cut_at_95']['sd']:.4f}")
    lines.append(f"first N that beats the default on every seed: {result['first_n_beating_default']}")
    return "\n".join(lines)
