import json
import subprocess
import sys

import numpy as np
import pytest

from whittle.core import Whittle
from whittle.llm.base import StreamStats
from whittle.router.learned.difficulty import DifficultyModel, TrainingSet
from whittle.router.learned.features import FeatureConfig
from whittle.router.learned.fit import NotEnoughData, calibrate, choose_model, load_fitted, load_model
from whittle.router.learned.trees import TreeModel

EASY = ["Say hi.", "Thanks!", "Good morning.", "What colour is grass?", "Tell me a joke.", "How are you?"]
HARD = [
    "Prove that there are infinitely many primes p such that p + 2 is also prime, step by step.",
    "Compute the eigenvalues of the 3x3 matrix [[2,1,0],[1,3,1],[0,1,4]] and explain the method.",
    "Derive the closed form of the integral of x^3 e^(2x) dx and verify it by differentiation.",
]


def _log(whittle, question, outcome, confidence, feedback=None):
    call_id = whittle.ledger.start("chat", "m", [{"role": "user", "content": question}], tier="local")
    whittle.ledger.finish(call_id, "answer", "done", StreamStats())
    whittle.ledger.route(call_id, cost=0, counterfactual=0.01, outcome=outcome, reason="t", confidence=confidence)
    if feedback:
        whittle.ledger.feedback(call_id, feedback)


def _traffic(whittle):
    for round_ in range(4):
        for question in EASY:
            _log(whittle, f"{question} ({round_})", "accepted", -0.5)
        for question in HARD:
            _log(whittle, f"{question} ({round_})", "escalated", -2.5)
    _log(whittle, "Say hi. (disliked)", "accepted", -0.6, feedback=-1)


def test_fit_needs_enough_outcomes(whittle, home):
    _log(whittle, "hi", "accepted", -0.5)
    with pytest.raises(NotEnoughData, match="thumbs up/down"):
        calibrate(whittle.db, home, "local", target_cloud_share=0.2)


def test_fit_for_a_target_cloud_share_is_used_at_the_next_start(whittle, home, settings, model):
    _traffic(whittle)
    result = calibrate(whittle.db, home, "local", target_cloud_share=0.3)
    assert result.examples == 37
    assert 0.2 <= result.predicted_cloud_share <= 0.4
    assert -2.5 <= result.min_mean_logprob <= -0.5
    saved = json.loads((home / "router" / "fit.json").read_text())
    assert saved["skip_cheapest_above"] == pytest.approx(result.skip_cheapest_above)

    restarted = Whittle(settings, model=model)
    assert restarted.router.config.skip_cheapest_above == pytest.approx(result.skip_cheapest_above)
    assert restarted.router.difficulty(HARD[0]) > restarted.router.difficulty(EASY[0])
    restarted.close()


def test_fit_for_a_target_quality_keeps_the_easy_and_skips_the_hard(whittle, home):
    _traffic(whittle)
    result = calibrate(whittle.db, home, "local", target_quality=0.95)
    assert result.predicted_local_quality >= 0.95
    # Sending everything past the cheapest tier meets any quality target; the fit must do better.
    assert result.predicted_cloud_share <= 0.5
    _, model = load_fitted(home)
    assert all(model.score(question) > result.skip_cheapest_above for question in HARD)
    assert sum(model.score(question) <= result.skip_cheapest_above for question in EASY) >= len(EASY) - 1


def test_cli_explains_what_it_did(whittle, home):
    _traffic(whittle)
    output = subprocess.run(
        [sys.executable, "-m", "whittle", "router", "fit", "--target-cloud-share", "0.25"],
        capture_output=True, text=True, env={**__import__("os").environ, "WHITTLE_HOME": str(home)}, timeout=120,
    )
    assert output.returncode == 0, output.stderr
    assert "trained on 37 logged answers" in output.stdout and "used from the next start" in output.stdout


def _ledger(questions, failed) -> TrainingSet:
    failed = np.asarray(failed, bool)
    return TrainingSet.build(questions, ~failed, np.ones(len(failed), bool), FeatureConfig())


def test_router_fit_chooses_the_model_kind_by_cross_validation(tmp_path):
    rng = np.random.default_rng(0)
    # Failures in a middle band of lengths only: no linear score of the length ranks them,
    # trees do.
    lengths = rng.integers(1, 60, 300)
    band = [f"Question {i}: " + "word " * int(n) for i, n in enumerate(lengths)]
    trees = choose_model(_ledger(band, (lengths > 20) & (lengths < 40)))
    assert isinstance(trees, TreeModel) and trees.meta["chosen_by_cv_auc"] > 0.9
    # Failures told only by a word (same length, same shape): only the hashed words see it.
    animals = rng.choice(["zebra", "otter"], 300)
    words = [f"Question {i}: tell me about the {a} please" for i, a in enumerate(animals)]
    logistic = choose_model(_ledger(words, animals == "zebra"))
    assert isinstance(logistic, DifficultyModel) and logistic.meta["chosen_by_cv_auc"] > 0.9
    # Either kind is saved and loaded back by the one loader the router uses.
    for model in (trees, logistic):
        loaded = load_model(model.save(tmp_path / f"{type(model).__name__}.npz"))
        assert type(loaded) is type(model) and loaded.score(band[0]) == pytest.approx(model.score(band[0]))
