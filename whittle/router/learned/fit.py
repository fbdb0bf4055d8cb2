"""`whittle router fit`: calibrate the router on the user's own traffic.

Labels come from the ledger: a request whose first (cheapest) tier's answer was
escalated, or got a thumbs down, is one the cheap tier failed; one it answered and
nobody disliked is one it handled. From those:

- a difficulty model is trained on the questions — the logistic model over dense signals and
  hashed words (whittle.router.learned.difficulty) or shallow boosted trees over the dense
  signals (whittle.router.learned.trees), whichever ranks held-out ledger rows better in
  cross-validation (`choose_model`) — and the threshold above which the cheapest tier is
  skipped is chosen for a target cloud share or a target quality;
- the minimum mean token log-probability for accepting a local answer is set so that
  the share of answers escalated matches the target cloud share.

The result is written to <data dir>/router/ (difficulty.npz, fit.json) and used at the
next start, over the defaults in whittle.toml.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from whittle.db import Database
from whittle.router.learned.difficulty import DEFAULT_CS, DifficultyModel, TrainingSet, fit_averaged
from whittle.router.learned.features import FeatureConfig
from whittle.router.learned.trees import DEPTHS, TreeModel, fit_trees
from whittle.router.learned.trees import FORMAT as TREES_FORMAT

MIN_EXAMPLES = 20
CV_FOLDS = 3


class NotEnoughData(RuntimeError):
    pass


@dataclass
class FitResult:
    examples: int
    cheap_failure_rate: float
    skip_cheapest_above: float
    min_mean_logprob: float | None
    predicted_cloud_share: float
    predicted_local_quality: float
    trained_at: str


def fit_dir(home: Path) -> Path:
    return home / "router"


def outcomes(db: Database, cheapest_tier: str) -> tuple[list[str], np.ndarray, list[float]]:
    """(question, cheap tier failed?) for each request whose first attempt was the cheapest tier."""
    rows = db.query(
        """SELECT messages, outcome, feedback, confidence FROM llm_calls
           WHERE tier = ? AND outcome IN ('accepted', 'escalated') AND cache_hit = 0
           ORDER BY id""",
        (cheapest_tier,),
    )
    questions, failed, confidences = [], [], []
    for row in rows:
        question = next((m["content"] for m in reversed(json.loads(row["messages"])) if m["role"] == "user"), None)
        if not question:
            continue
        questions.append(question)
        failed.append(row["outcome"] == "escalated" or row["feedback"] == -1)
        if row["confidence"] is not None:
            confidences.append(row["confidence"])
    return questions, np.asarray(failed, bool), confidences


def calibrate(
    db: Database,
    home: Path,
    cheapest_tier: str,
    *,
    target_cloud_share: float | None = None,
    target_quality: float | None = None,
) -> FitResult:
    if (target_cloud_share is None) == (target_quality is None):
        raise ValueError("give exactly one of --target-cloud-share or --target-quality")
    questions, failed, confidences = outcomes(db, cheapest_tier)
    if len(questions) < MIN_EXAMPLES or failed.all() or not failed.any():
        raise NotEnoughData(
            f"The ledger has {len(questions)} usable answers from the {cheapest_tier!r} tier "
            f"({int(failed.sum())} failed); at least {MIN_EXAMPLES} with both outcomes are needed. "
            "Keep using whittle (thumbs up/down on replies help), then run `whittle router fit` again."
        )
    data = TrainingSet.build(questions, weak=~failed, strong=np.ones(len(failed), bool), config=FeatureConfig())
    model = choose_model(data)
    scores = model.score_many(data)
    threshold = _threshold(scores, failed, target_cloud_share, target_quality)
    kept = scores <= threshold
    share = float(1 - kept.mean())
    min_logprob = None
    if confidences and target_cloud_share is not None:
        # Escalate the least confident answers, as many as the target share allows.
        min_logprob = float(np.quantile(np.asarray(confidences), target_cloud_share))
    result = FitResult(
        examples=len(questions),
        cheap_failure_rate=float(failed.mean()),
        skip_cheapest_above=float(threshold),
        min_mean_logprob=min_logprob,
        predicted_cloud_share=share,
        predicted_local_quality=float(1 - failed[kept].mean()) if kept.any() else 1.0,
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    directory = fit_dir(home)
    model.save(directory / "difficulty.npz")
    (directory / "fit.json").write_text(json.dumps(asdict(result), indent=2))
    return result


def _candidates(data: TrainingSet) -> dict:
    # The logistic model is averaged over the same C grid as the benchmark's routers (a few
    # dozen ledger rows are too few to pick one C); the trees see the dense signals only.
    fits = {"logistic": lambda part: fit_averaged(part, DEFAULT_CS, target="weak_fails")}
    for depth in DEPTHS:
        fits[f"trees-{depth}"] = lambda part, depth=depth: fit_trees(part, depth, target="weak_fails")
    return fits


def choose_model(data: TrainingSet, seed: int = 0) -> DifficultyModel | TreeModel:
    """The candidate whose out-of-fold scores rank the cheap tier's failures best (ROC AUC over
    `CV_FOLDS` folds of the ledger rows), refitted on all of them. Ties, and folds one model
    cannot train on, go to the logistic model, the default before the trees existed."""
    from sklearn.metrics import roc_auc_score  # training only

    failed = ~data.weak
    folds = np.random.default_rng(seed).permutation(np.arange(len(failed)) % CV_FOLDS)
    best, best_auc = "logistic", -np.inf
    for name, fit_on in _candidates(data).items():
        scores = np.zeros(len(failed))
        try:
            for fold in range(CV_FOLDS):
                held = folds == fold
                scores[held] = fit_on(data.subset(~held)).score_many(data.subset(held))
        except ValueError:  # a training part with one outcome only
            continue
        auc = roc_auc_score(failed, scores)
        if auc > best_auc + 1e-9:
            best, best_auc = name, auc
    model = _candidates(data)[best](data)
    model.meta["chosen_by_cv_auc"] = None if best_auc == -np.inf else round(float(best_auc), 4)
    return model


def load_model(path: Path) -> DifficultyModel | TreeModel:
    """Either kind of saved difficulty model, told apart by the format in its header."""
    with np.load(path, allow_pickle=False) as data:
        kind = json.loads(str(data["header"])).get("format")
    return TreeModel.load(path) if kind == TREES_FORMAT else DifficultyModel.load(path)


def _threshold(scores: np.ndarray, failed: np.ndarray, cloud_share: float | None, quality: float | None) -> float:
    if cloud_share is not None:
        if not 0 <= cloud_share <= 1:
            raise ValueError("--target-cloud-share is a fraction between 0 and 1, e.g. 0.2")
        return 1.0 if cloud_share == 0 else float(np.quantile(scores, 1 - cloud_share))
    if not 0 < quality <= 1:
        raise ValueError("--target-quality is a fraction between 0 and 1, e.g. 0.9")
    # Keep local the easiest requests while the cheap tier's success rate on them stays >= quality.
    order = np.argsort(scores)
    successes = np.cumsum(~failed[order])
    rates = successes / np.arange(1, len(order) + 1)
    good = np.nonzero(rates >= quality)[0]
    return float(scores[order][good[-1]]) if len(good) else float(scores.min()) - 1e-9


def load_fitted(home: Path) -> tuple[dict | None, DifficultyModel | TreeModel | None]:
    directory = fit_dir(home)
    fitted = directory / "fit.json"
    model = directory / "difficulty.npz"
    if not fitted.exists() or not model.exists():
        return None, None
    return json.loads(fitted.read_text()), load_model(model)
