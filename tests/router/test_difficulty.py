"""The difficulty model: trains, ranks unseen requests, survives a round trip to disk, is fast."""

from __future__ import annotations

import numpy as np
import pytest
from whittle_bench.metrics import apgr, routing_curve
from whittle_bench.selection import fold_ids, latency_ms, select

from tests.router.outcomes import outcome_rows
from whittle.router.learned.difficulty import DifficultyModel, TrainingSet, fit, fit_averaged
from whittle.router.learned.features import FeatureConfig


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
    assert len(results) == 2 * 3  # feature sets × targets; the Cs are averaged, not chosen
    assert all(r.cs == (0.1, 1.0) for r in results)
    assert best.cv_apgr == max(r.cv_apgr for r in results)
    assert best.cv_apgr > 0.6


def _hurt_rows(n: int, seed: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Both models usually right, except "lemma" questions (the strong model slips) and
    "integral" ones (the weak model slips): a router should send integrals, never lemmas."""
    rng = np.random.default_rng(seed)
    kinds = rng.choice(["plain", "lemma", "integral"], size=n, p=[0.5, 0.25, 0.25])
    prompts = [f"State the {kind} number {seed}-{i} in one line." for i, kind in enumerate(kinds)]
    weak = np.where(kinds == "integral", rng.random(n) < 0.1, rng.random(n) > 0.05)
    strong = np.where(kinds == "lemma", rng.random(n) < 0.1, rng.random(n) > 0.05)
    return prompts, weak, strong


def test_gain_target_learns_where_the_strong_model_does_worse(tmp_path) -> None:
    prompts, weak, strong = _hurt_rows(300, seed=8)
    model = fit(TrainingSet.build(prompts, weak, strong, FeatureConfig()), c=1.0, target="gain")
    assert model.hurt_coef is not None and model.meta["target"] == "gain"
    test_prompts, test_weak, test_strong = _hurt_rows(200, seed=9)
    test = TrainingSet.build(test_prompts, test_weak, test_strong, FeatureConfig())
    scores = model.score_many(test)
    assert scores.min() >= -1.0 and scores.max() <= 1.0  # P(helps) − P(hurts)
    lemma = np.array(["lemma" in p for p in test_prompts])
    integral = np.array(["integral" in p for p in test_prompts])
    # Lemmas rank below plain questions (sending them loses answers), integrals above.
    assert scores[lemma].mean() < scores[~lemma & ~integral].mean() - 0.3 < scores[integral].mean() - 0.6
    # The one-class "strong_gain" model cannot see that lemmas are worse than plain questions.
    helps_only = fit(TrainingSet.build(prompts, weak, strong, FeatureConfig()), c=1.0, target="strong_gain")
    plain_only = helps_only.score_many(test)
    assert abs(plain_only[lemma].mean() - plain_only[~lemma & ~integral].mean()) < 0.1
    assert apgr(routing_curve(test_weak, test_strong, scores)) > apgr(routing_curve(test_weak, test_strong, plain_only))
    # The second weight vector survives a round trip, and one request alone scores as in the batch.
    loaded = DifficultyModel.load(model.save(tmp_path / "gain.npz"))
    assert loaded.hurt_coef is not None
    assert loaded.score(test_prompts[0]) == pytest.approx(scores[0], abs=1e-6)


def test_gain_without_a_strong_model_mistake_is_the_chance_it_helps() -> None:
    # Logged outcomes where the strong model is never wrong (e.g. `whittle router fit`'s ledger):
    # nothing to learn about hurting, so the gain is P(strong helps), one weight vector.
    train, rows = training_set(200, seed=12, config=FeatureConfig())
    always_right = TrainingSet(train.config, train.dense, train.hashed, train.weak, np.ones(len(train.weak), bool))
    gain = fit(always_right, c=0.3, target="gain")
    assert gain.hurt_coef is None
    fails = fit(always_right, c=0.3, target="weak_fails")
    assert gain.score(rows[0]["prompt"]) == pytest.approx(fails.score(rows[0]["prompt"]))
    with pytest.raises(ValueError, match="one class"):
        fit(TrainingSet.build(["a", "b"], [True, True], [True, True], FeatureConfig()), target="gain")


def test_averaging_over_c_is_one_model_between_its_fits() -> None:
    train = TrainingSet.build(*_hurt_rows(200, seed=10), FeatureConfig())
    test = TrainingSet.build(*_hurt_rows(100, seed=11), FeatureConfig())
    smooth, sharp = fit(train, c=0.01, target="gain"), fit(train, c=3.0, target="gain")
    averaged = fit_averaged(train, (0.01, 3.0), target="gain")
    assert averaged.meta["c"] == [0.01, 3.0] and averaged.meta["target"] == "gain"
    assert np.allclose(averaged.coef, (smooth.coef + sharp.coef) / 2)
    assert np.allclose(averaged.hurt_coef, (smooth.hurt_coef + sharp.hurt_coef) / 2)
    # Its weights sit between the two fits', so its scores are spread between theirs.
    spread = [np.std(m.score_many(test)) for m in (smooth, averaged, sharp)]
    assert spread[0] < spread[1] < spread[2]
    assert fit_averaged(train, (0.3,), target="weak_fails").coef == pytest.approx(fit(train, 0.3).coef)


def test_boosted_trees_walk_as_scikit_learn_predicts_and_survive_a_round_trip(tmp_path) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from whittle.router.learned.trees import Forest, TreeModel, fit_trees

    train, _ = training_set(300, seed=11, config=FeatureConfig(words=False))
    test, rows = training_set(150, seed=12, config=FeatureConfig(words=False))
    # The numpy walk over the copied node arrays gives scikit-learn's own log-odds.
    fitted = HistGradientBoostingClassifier(max_iter=30, max_depth=3, min_samples_leaf=5).fit(train.dense, ~train.weak)
    walked = Forest.from_sklearn(fitted).raw(test.dense)
    assert np.allclose(walked, fitted.decision_function(test.dense), atol=1e-9)
    # Target "gain": P(strong helps) − P(strong hurts), learned from the dense signals alone.
    model = fit_trees(train, depth=2, target="gain")
    scores = model.score_many(test)
    assert model.hurt is not None and apgr(routing_curve(test.weak, test.strong, scores)) > 0.6
    assert model.score(rows[0]["prompt"]) == pytest.approx(scores[0])
    loaded = TreeModel.load(model.save(tmp_path / "trees.npz"))
    assert loaded.meta["target"] == "gain" and loaded.config == model.config
    assert np.allclose(loaded.score_many(test), scores)
    with pytest.raises(ValueError, match="not a whittle tree"):
        TreeModel.load(fit(train, c=0.3).save(tmp_path / "logistic.npz"))
