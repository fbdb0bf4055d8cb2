"""The difficulty model: trains, ranks unseen requests, survives a round trip to disk, is fast."""

from __future__ import annotations

import numpy as np
import pytest

from tests.router.outcomes import outcome_rows
from whittle.router.difficulty import DifficultyModel, TrainingSet, fit, fold_ids, latency_ms, select
from whittle.router.features import FeatureConfig
from whittle.router.metrics import apgr, routing_curve


def training_set(n: int, seed: int, config: FeatureConfig) -> tuple[TrainingSet, list[dict]]:
    rows = outcome_rows(n, seed)
    data = TrainingSet.build(
        [r["prompt"] for r in rows],
        [r["mistralai/Mixtral-8x7B-Instruct-v0.1"] == "True" for r in rows],
        [r["gpt-4-1106-preview"] == "True" for r in rows],
        config,
        [r["mistralai/Mixtral-8x7B-Instruct-v0.1_response"] for r in rows],
    )
    return data, rows


def test_learns_which_requests_the_weak_model_fails() -> None:
    train, _ = training_set(200, seed=1, config=FeatureConfig())
    test, rows = training_set(150, seed=2, config=FeatureConfig())
    model = fit(train, c=0.3, target="weak_fails")
    scores = model.score_many(test)
    fails = ~test.weak
    assert scores[fails].mean() > scores[~fails].mean() + 0.2
    assert apgr(routing_curve(test.weak, test.strong, scores)) > 0.6
    # One request scored on its own gives what the batch gave.
    assert model.score(rows[0]["prompt"]) == pytest.approx(scores[0])


def test_cascade_features_use_the_weak_answer() -> None:
    config = FeatureConfig(words=False, response=True)
    train, _ = training_set(200, seed=3, config=config)
    test, rows = training_set(100, seed=4, config=config)
    model = fit(train, c=0.3)
    scores = model.score_many(test)
    assert model.score(rows[0]["prompt"], rows[0]["mistralai/Mixtral-8x7B-Instruct-v0.1_response"]) == pytest.approx(
        scores[0]
    )
    with pytest.raises(ValueError, match="responses"):
        TrainingSet.build(["q"], [True], [True], config)


def test_save_and_load_give_the_same_scores(tmp_path) -> None:
    train, rows = training_set(120, seed=5, config=FeatureConfig(chars=True))
    model = fit(train, c=0.1, target="strong_gain")
    path = model.save(tmp_path / "difficulty.npz")
    loaded = DifficultyModel.load(path)
    assert loaded.config == model.config and loaded.meta["target"] == "strong_gain"
    for row in rows[:10]:
        assert loaded.score(row["prompt"]) == pytest.approx(model.score(row["prompt"]), abs=1e-6)
    np.savez(tmp_path / "other.npz", header=np.array('{"format": "something else"}'))
    with pytest.raises(ValueError, match="not a whittle difficulty model"):
        DifficultyModel.load(tmp_path / "other.npz")


def test_one_sided_training_data_is_refused() -> None:
    data = TrainingSet.build(["a", "b"], [True, True], [True, True], FeatureConfig())
    with pytest.raises(ValueError, match="one class"):
        fit(data)


def test_scoring_one_request_costs_under_2_ms_cpu() -> None:
    train, rows = training_set(150, seed=6, config=FeatureConfig())
    model = fit(train)
    timing = latency_ms(model, [r["prompt"] for r in rows])
    assert timing["n"] == 150
    assert timing["cpu_p99_ms"] < 2.0


def test_fold_ids_keep_a_group_in_one_fold() -> None:
    groups = ["law"] * 50 + ["maths"] * 10 + ["art"] * 12 + ["bio"] * 30
    folds = fold_ids(len(groups), 3, groups)
    for name in set(groups):
        assert len({f for f, g in zip(folds, groups) if g == name}) == 1
    assert set(folds) == {0, 1, 2}
    plain = fold_ids(10, 3, None)
    assert sorted(np.bincount(plain)) == [3, 3, 4]


def test_select_reports_every_setting_and_picks_the_best() -> None:
    sets = {name: training_set(150, seed=7, config=config)[0]
            for name, config in {"dense": FeatureConfig(words=False), "words": FeatureConfig()}.items()}
    best, results = select(sets, fold_ids(150, 3), cs=(0.1, 1.0))
    assert len(results) == 2 * 2 * 2
    assert best.cv_apgr == max(r.cv_apgr for r in results)
    assert best.cv_apgr > 0.6
