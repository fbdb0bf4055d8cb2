"""`whittle router fit`: calibrate the router on the user's own traffic.

Labels come from the ledger: a request whose first (cheapest) tier's answer was
escalated, or got a thumbs down, is one the cheap tier failed; one it answered and
nobody disliked is one it handled. From those:

- a difficulty model (whittle.router.learned.difficulty) is trained on the questions, and the
  threshold above which the cheapest tier is skipped is chosen for a target cloud share
  or a target quality;
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

MIN_EXAMPLES = 20


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
    config = FeatureConfig()
    data = TrainingSet.build(questions, weak=~failed, strong=np.ones(len(failed), bool), config=config)
    # Averaged over the same C grid as the benchmark's routers: a few dozen ledger rows are
    # too few to pick one C by cross-validation.
    model = fit_averaged(data, DEFAULT_CS, target="weak_fails")
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


def load_fitted(home: Path) -> tuple[dict | None, DifficultyModel | None]:
    directory = fit_dir(home)
    fitted = directory / "fit.json"
    model = directory / "difficulty.npz"
    if not fitted.exists() or not model.exists():
        return None, None
    return json.loads(fitted.read_text()), DifficultyModel.load(model)
