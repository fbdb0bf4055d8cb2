"""bench/route.py (`whittle bench route`): how much a local router saves against GPT-4-only,
on logged outcomes.

Data: RouteLLM's per-query outcomes of GPT-4 (strong) and Mixtral-8x7B (weak) on MMLU and
GSM8K, read from `../shared/data/routellm/` (or `$WHITTLE_SHARED_DATA/routellm/`), with the
prompts RouteLLM marked as contaminated dropped. Nothing is sent anywhere: the routers only
re-rank logged outcomes.

Splits (nothing is tuned on a test part; feature groups are chosen by cross-validation
inside each training part, and the fits for each `--c` are averaged):
- MMLU: subjects are dealt into `--folds` groups; each group is scored by a model trained on
  the *other subjects only*, so every figure is on subjects the router never saw.
- GSM8K: plain k-fold.
- `--train FILE... --test FILE...`: any split, in the same CSV format. Each test file is
  reported on its own and, with several, also pooled into one set ("pooled"; `pooled_*` keys
  in the JSON line), since a figure on one small file is noisy. Model columns may hold 0/1
  correctness or graded scores in 0..1 (quality is then the mean score; training counts a
  score ≥ 0.5 as right).

Two other modes: `--grouped-cv K --seeds S` compares router approaches (the current logistic
model, IRT, clusters; whittle_bench.approaches) by K-fold CV over held-out subject groups,
mean ± sd over seeds (whittle_bench.grouped_cv); `--feedback-rows N...` measures how many
ledger rows `whittle router fit` needs to beat its untrained default (whittle_bench.feedback_curve).

Routers compared on each test set:
- pre-router: the learned difficulty score from the prompt alone (decides before any call);
- cascade: the same model with the weak answer's arithmetic check added (GSM8K, where the
  weak model's full answer is logged) — it pays the weak model on every query;
- verifier rule: the arithmetic check's hand-set suspicion alone, no training;
- random (expected: a straight line) and the oracle (strong only where it scores higher).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from whittle.router.arithmetic import check_arithmetic
from whittle.router.learned.difficulty import (
    DEFAULT_CS,
    TARGETS,
    DifficultyModel,
    TrainingSet,
    fit_averaged,
)
from whittle.router.learned.features import FeatureConfig
from whittle_bench import feedback_curve, grouped_cv
from whittle_bench.approaches import APPROACHES
from whittle_bench.cv_cache import CvCache
from whittle_bench.metrics import STRONG_PRICE_PER_MTOK, WEAK_PRICE_PER_MTOK
from whittle_bench.outcomes import (
    REPO_ROOT,
    STRONG_COLUMN,
    WEAK_COLUMN,
    DataMissing,
    Outcomes,
    load_shared,
    read_outcomes,
)
from whittle_bench.route_report import Scored, format_report, headline, plot, report_set
from whittle_bench.selection import fold_ids, latency_ms, select

DEFAULT_PLOT = REPO_ROOT / "bench" / "out" / "route.png"
DEFAULT_CACHE = REPO_ROOT / "bench" / "out" / "cache" / "grouped_cv"
POOLED = "pooled"  # the test set of all --test files together


@dataclass(frozen=True)
class Settings:
    """How routers are trained: the settings grid and the inner cross-validation."""

    cs: tuple[float, ...] = DEFAULT_CS
    chars: bool = False
    inner_folds: int = 3
    seed: int = 0
    # The expected gain from the strong model: what the routing curve adds up, and the same
    # units in every fold. With several targets, cross-validation may pick P(weak fails) in
    # one fold and the gain in another; pooled into one curve, the fold whose scores run
    # higher would be routed first as a block, whatever its queries.
    targets: tuple[str, ...] = ("gain",)


def feature_sets(response: bool, chars: bool) -> dict[str, FeatureConfig]:
    """The feature groups cross-validation chooses among (n-grams only help if they generalise)."""
    sets = {
        "dense": FeatureConfig(words=False, response=response),
        "dense+words": FeatureConfig(words=True, response=response),
    }
    if chars:
        sets["dense+words+chars"] = FeatureConfig(words=True, chars=True, response=response)
    return sets


def _inner_folds(data: Outcomes, k: int, seed: int) -> np.ndarray:
    # Group by subject/file when there are enough, so the chosen settings are the ones that
    # carry over to unseen subjects — which is what the outer split then measures.
    k = max(2, min(k, len(data)))
    if len(set(data.groups)) >= k:
        return fold_ids(len(data), k, data.groups, seed)
    return fold_ids(len(data), k, None, seed)


def train(sets: dict[str, TrainingSet], data: Outcomes, settings: Settings) -> tuple[DifficultyModel, dict]:
    """Choose settings by inner cross-validation on `data` only, then fit on all of it (C averaged)."""
    best, _ = select(sets, _inner_folds(data, settings.inner_folds, settings.seed), settings.cs, settings.targets)
    if np.isnan(best.cv_apgr):
        raise ValueError("training data too small or one-sided to fit a difficulty model")
    model = fit_averaged(sets[best.feature_set], best.cs, best.target)
    choice = {"features": best.feature_set, "c": list(best.cs), "target": best.target,
              "cv_apgr": round(best.cv_apgr, 4)}
    return model, {**choice, "converged": model.meta["converged"]}


def _featurise(data: Outcomes, response: bool, settings: Settings) -> dict[str, TrainingSet]:
    return {
        name: TrainingSet.build(data.prompts, *data.passed(), config, data.weak_responses)
        for name, config in feature_sets(response, settings.chars).items()
    }


def cross_validated(data: Outcomes, folds: np.ndarray, response: bool, settings: Settings,
                    log: Callable[[str], None]) -> Scored:
    """Score each fold with a model that never saw it (nor, for MMLU, its subjects)."""
    sets = _featurise(data, response, settings)
    scores = np.zeros(len(data))
    choices, first_model = [], None
    for fold in np.unique(folds):
        held_out = folds == fold
        started = time.perf_counter()
        part = {name: s.subset(~held_out) for name, s in sets.items()}
        model, choice = train(part, data.subset(~held_out), settings)
        scores[held_out] = model.score_many(sets[choice["features"]].subset(held_out))
        choices.append({"fold": int(fold), "test_rows": int(held_out.sum()), **choice})
        first_model = first_model or model
        log(f"  {data.name} {'cascade' if response else 'pre-router'} fold {fold}: {choice} "
            f"({time.perf_counter() - started:.0f} s)")
    return Scored(scores, response, choices, first_model)


def train_on(data: Outcomes, response: bool, settings: Settings) -> tuple[DifficultyModel, dict]:
    """A router trained on all of `data`, settings chosen inside it."""
    return train(_featurise(data, response, settings), data, settings)


def score_with(model: DifficultyModel, choice: dict, test: Outcomes) -> Scored:
    test_set = TrainingSet.build(test.prompts, *test.passed(), model.config, test.weak_responses)
    return Scored(model.score_many(test_set), model.config.response, [choice], model)


def verifier_rule(data: Outcomes) -> Scored:
    suspicion = [check_arithmetic(r, p).suspicion for p, r in zip(data.prompts, data.weak_responses or [])]
    return Scored(np.array(suspicion), True, [{"features": "arithmetic check, hand-set weights", "trained": False}])


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="whittle bench route", description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", nargs="+", type=Path, metavar="FILE", help="training CSVs (RouteLLM format)")
    parser.add_argument("--test", nargs="+", type=Path, metavar="FILE",
                        help="test CSVs, each reported on its own and, with several, also pooled")
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object and nothing else")
    parser.add_argument("--only", choices=("mmlu", "gsm8k"), nargs="+", default=["mmlu", "gsm8k"],
                        help="shared data sets to run (default both)")
    parser.add_argument("--folds", type=int, default=5, help="MMLU: groups of held-out subjects")
    parser.add_argument("--mmlu-split", choices=("subjects", "random"), default="subjects",
                        help="MMLU folds by subject (default: tested subjects are never seen) or at random "
                             "(subjects seen in training, closer to how RouteLLM trained)")
    parser.add_argument("--gsm8k-folds", type=int, default=5, help="GSM8K: k of k-fold")
    parser.add_argument("--inner-folds", type=int, default=3, help="folds for choosing settings inside training data")
    parser.add_argument("--c", type=float, nargs="+", default=list(DEFAULT_CS),
                        help="inverse regularisation strengths; a router averages one fit per value")
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=list(Settings.targets),
                        help="what the routers learn; with several, cross-validation picks one per fold "
                             "(default: the expected gain from asking the strong model)")
    parser.add_argument("--chars", action="store_true", help="also try character n-grams (slower to train)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", type=Path, default=DEFAULT_PLOT, help=f"PNG to write (default {DEFAULT_PLOT})")
    parser.add_argument("--no-plot", action="store_true")
    parser.add_argument("--save-model", type=Path, metavar="DIR",
                        help="with --train: save the trained models there as .npz")
    parser.add_argument("--grouped-cv", type=int, metavar="K",
                        help="instead: K-fold CV over held-out subject groups (MMLU subjects, or one group per "
                             "--train file), comparing router approaches; mean ± sd over --seeds")
    parser.add_argument("--seeds", type=int, default=3, help="with --grouped-cv: fold assignments to average over "
                        "(seeds --seed, --seed + 1, ...)")
    parser.add_argument("--no-cache", action="store_true", help="with --grouped-cv: recompute features and fold "
                        f"scores instead of reusing those kept in {DEFAULT_CACHE}")
    parser.add_argument("--approaches", nargs="+", default=list(APPROACHES), choices=list(APPROACHES),
                        help="with --grouped-cv: routers to compare (default all)")
    parser.add_argument("--feedback-rows", type=int, nargs="+", metavar="N",
                        help="instead: fit as `whittle router fit` does on the first N rows of a shuffled outcome "
                             "stream (--train files, or shared MMLU and GSM8K) and score later rows, per N")
    parser.add_argument("--weak-column", default=WEAK_COLUMN)
    parser.add_argument("--strong-column", default=STRONG_COLUMN)
    args = parser.parse_args(argv)
    if args.feedback_rows:
        if args.test or args.grouped_cv is not None:
            parser.error("--feedback-rows takes only --train files (or none for the shared data)")
        return args
    if args.grouped_cv is not None:
        if args.test:
            parser.error("--grouped-cv scores held-out subjects itself: give --train files (one group each) or none")
        if args.grouped_cv < 2 or args.seeds < 1:
            parser.error("--grouped-cv needs K ≥ 2 and --seeds ≥ 1")
        return args
    if bool(args.train) != bool(args.test):
        parser.error("--train and --test go together")
    if args.save_model and not args.train:
        parser.error("--save-model needs --train/--test")
    return args


def _measure_latency(evaluations: dict[str, Evaluation]) -> dict:
    """Single-request scoring time of each kind of learned router, on up to 1,000 test requests."""
    latency = {}
    for kind in ("pre_router", "cascade"):
        for set_name, evaluation in evaluations.items():
            router = evaluation.routers.get(kind)
            if router is None or router.model is None or kind in latency:
                continue
            sample = evaluation.data.subset(np.arange(min(len(evaluation.data), 1000)))
            responses = sample.weak_responses if kind == "cascade" else None
            timing = latency_ms(router.model, sample.prompts, responses)
            # The machine's load says how much of the wall-time tail is waiting for a core.
            latency[kind] = {"measured_on": set_name, **timing, "load_average_1min": round(os.getloadavg()[0], 2)}
    return latency


@dataclass(frozen=True)
class Evaluation:
    """One test set, how it was split off, and each router's out-of-sample scores on it."""

    data: Outcomes
    split: str
    routers: dict[str, Scored]


def evaluate_split(args: argparse.Namespace, settings: Settings, log: Callable[[str], None]) -> dict[str, Evaluation]:
    """`--train/--test`: train once on the training files, score every test file."""
    train_data = Outcomes.concat("train", [read_outcomes(p, args.weak_column, args.strong_column) for p in args.train])
    trained = {"pre_router": train_on(train_data, False, settings)}
    if train_data.weak_responses is not None:
        trained["cascade"] = train_on(train_data, True, settings)
    if args.save_model:
        for kind, (model, _) in trained.items():
            model.save(args.save_model / f"{kind}.npz")
    seen = set(train_data.prompts)
    evaluations: dict[str, Evaluation] = {}
    for path in args.test:
        test = read_outcomes(path, args.weak_column, args.strong_column)
        overlap = np.array([p in seen for p in test.prompts], bool)
        if overlap.any():
            log(f"  {path.name}: dropped {int(overlap.sum())} prompts that are also in the training files")
            test = test.subset(~overlap)
        routers = {"pre_router": score_with(*trained["pre_router"], test)}
        if "cascade" in trained and test.weak_responses is not None:
            routers["cascade"] = score_with(*trained["cascade"], test)
            routers["verifier_rule"] = verifier_rule(test)
        name = test.name if test.name not in evaluations and test.name != POOLED else str(path)
        evaluations[name] = Evaluation(test, f"trained on {len(train_data)} rows from {len(args.train)} file(s)", routers)
    if len(evaluations) > 1:
        evaluations[POOLED] = pooled(evaluations)
    return evaluations


def pooled(evaluations: dict[str, Evaluation]) -> Evaluation:
    """All test files as one set, scored by the same trained routers (so their scores compare).

    Only the routers every file has are pooled: a cascade needs the weak model's answers.
    """
    parts = list(evaluations.values())
    shared = [kind for kind in parts[0].routers if all(kind in part.routers for part in parts)]
    routers = {
        kind: Scored(np.concatenate([part.routers[kind].scores for part in parts]), parts[0].routers[kind].cascade,
                     parts[0].routers[kind].choices, parts[0].routers[kind].model)
        for kind in shared
    }
    data = Outcomes.concat(POOLED, [part.data for part in parts])
    return Evaluation(data, f"{len(parts)} test files pooled; {parts[0].split}", routers)


def evaluate_shared(args: argparse.Namespace, settings: Settings, log: Callable[[str], None]) -> dict[str, Evaluation]:
    """The shared RouteLLM data: MMLU by held-out subjects, GSM8K k-fold."""
    evaluations = {}
    for name, outcomes in load_shared(args.only, args.weak_column, args.strong_column).items():
        log(f"{name}: {len(outcomes)} queries")
        if name == "mmlu" and args.mmlu_split == "subjects":
            folds = fold_ids(len(outcomes), args.folds, outcomes.groups, args.seed)
            split = f"{args.folds} folds of held-out subjects ({len(set(outcomes.groups))} subjects)"
        elif name == "mmlu":
            # One group, so settings are also chosen by random (not by-subject) inner folds.
            outcomes = replace(outcomes, groups=[name] * len(outcomes))
            folds = fold_ids(len(outcomes), args.folds, None, args.seed)
            split = f"{args.folds}-fold at random (test subjects also in training)"
        else:
            folds = fold_ids(len(outcomes), args.gsm8k_folds, None, args.seed)
            split = f"{args.gsm8k_folds}-fold"
        routers = {"pre_router": cross_validated(outcomes, folds, False, settings, log)}
        if outcomes.weak_responses is not None:
            routers["cascade"] = cross_validated(outcomes, folds, True, settings, log)
            routers["verifier_rule"] = verifier_rule(outcomes)
        evaluations[name] = Evaluation(outcomes, split, routers)
    return evaluations


def run(args: argparse.Namespace, log: Callable[[str], None]) -> tuple[dict, dict]:
    settings = Settings(tuple(args.c), args.chars, args.inner_folds, args.seed, tuple(args.targets))
    evaluations = evaluate_split(args, settings, log) if args.train else evaluate_shared(args, settings, log)
    results, curves = {}, {}
    for name, evaluation in evaluations.items():
        results[name], curves[name] = report_set(evaluation.data, evaluation.routers, evaluation.split)
    summary = {
        "benchmark": "route",
        "prices_per_million_tokens": {"strong": STRONG_PRICE_PER_MTOK, "weak": WEAK_PRICE_PER_MTOK},
        "cost_basis": (
            "cost_reduction_at_95: equal tokens per query (RouteLLM's convention); "
            "cost_reduction_at_95_token_weighted: same operating point, each query priced at its estimated tokens "
            "(prompt + that model's logged answer at ~4 characters a token; 1 answer token when none is logged). "
            "A pre-router pays the weak model only for the queries it keeps; a cascade pays it on every query."
        ),
        "test_sets": results,
        "predict_latency": _measure_latency(evaluations),
    }
    # The pooled figures also at the top, under the same `pooled_*` names as the report's last line.
    summary.update({key: value for key, value in headline(summary).items() if key.startswith(f"{POOLED}_")})
    return summary, curves


def run_grouped_cv(args: argparse.Namespace, log: Callable[[str], None]) -> int:
    """`--grouped-cv K`: approaches compared on subjects they never saw (whittle_bench.grouped_cv)."""
    if args.train:
        parts = [read_outcomes(p, args.weak_column, args.strong_column) for p in args.train]
        evaluated, extra = Outcomes.concat("train files", parts), None
    else:
        shared = load_shared(["mmlu", "gsm8k"], args.weak_column, args.strong_column)
        evaluated, extra = shared["mmlu"], shared["gsm8k"]
    out = grouped_cv.run(evaluated, extra, args.approaches, args.grouped_cv, args.seeds, args.json, log,
                         args.seed, CvCache(None if args.no_cache else DEFAULT_CACHE))
    print(json.dumps(out if args.json else grouped_cv.headline(out)))
    return 0


def run_feedback_rows(args: argparse.Namespace, log: Callable[[str], None]) -> int:
    """`--feedback-rows N...`: how many ledger rows `whittle router fit` needs (whittle_bench.feedback_curve)."""
    if args.train:
        sets = {"train files": Outcomes.concat("train files",
                                               [read_outcomes(p, args.weak_column, args.strong_column) for p in args.train])}
    else:
        sets = load_shared(["mmlu", "gsm8k"], args.weak_column, args.strong_column)
    results = {}
    for name, data in sets.items():
        test_rows = min(len(data) - max(args.feedback_rows), 4000)
        results[name] = feedback_curve.curve(data, args.feedback_rows, args.seeds, test_rows, log)
        if not args.json:
            print()
            print(feedback_curve.format_table(results[name]))
    line = {f"{name.replace(' ', '_')}_first_n_beating_default": r["first_n_beating_default"] for name, r in results.items()}
    print(json.dumps(results if args.json else line))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    log = (lambda message: print(message, file=sys.stderr, flush=True)) if args.json else print
    if args.grouped_cv is not None or args.feedback_rows:
        try:
            return run_grouped_cv(args, log) if args.grouped_cv is not None else run_feedback_rows(args, log)
        except DataMissing as missing:
            print(str(missing), file=sys.stderr)
            return 2
        except (OSError, ValueError) as error:
            print(f"whittle bench route: {error}", file=sys.stderr)
            return 2
    try:
        summary, curves = run(args, log)
    except DataMissing as missing:
        print(str(missing), file=sys.stderr)
        return 2
    except (OSError, ValueError) as error:
        print(f"whittle bench route: {error}", file=sys.stderr)
        return 2
    if not args.no_plot:
        try:
            summary["plot"] = str(plot(curves, args.plot))
        except ImportError:  # the figures stand without the picture
            print("whittle bench route: no plot, matplotlib is not installed; install the bench extra "
                  "(`pip install -e '.[bench]'`) or pass --no-plot", file=sys.stderr)
    if args.json:
        print(json.dumps(summary))
        return 0
    print()
    print(format_report(summary))
    print(json.dumps(headline(summary)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
