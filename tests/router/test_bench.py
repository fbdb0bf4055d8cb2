"""bench/route.py (`whittle bench route`) end to end on generated splits, and on the shared data
when present."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from whittle_bench import routing as bench
from whittle_bench.outcomes import (
    REPO_ROOT,
    STRONG_COLUMN,
    WEAK_COLUMN,
    Outcomes,
    load_shared,
    read_outcomes,
    shared_routellm_dir,
)
from whittle_bench.route_report import report_set
from whittle_bench.selection import fold_ids

from tests.router.outcomes import write_outcomes
from whittle.cli import bench_script

ROUTER_KEYS = {"cost_reduction_at_95", "apgr", "strong_calls_at_pgr"}


def run_json(argv: list[str], capsys) -> dict:
    assert bench.main(argv + ["--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # exactly one JSON object, nothing else on stdout
    return json.loads(out)


def test_train_test_json_shape(split_files, tmp_path, capsys) -> None:
    train, test = split_files
    other = write_outcomes(tmp_path / "other.csv", 40, seed=98)
    result = run_json(["--train", *map(str, train), "--test", str(test), str(other), "--no-plot"], capsys)
    # Each test file reported on its own, and all of them pooled.
    assert set(result["test_sets"]) == {"held_out", "other", "pooled"}
    held_out = result["test_sets"]["held_out"]
    assert held_out.keys() >= ROUTER_KEYS
    for baseline in ("random", "oracle"):
        assert held_out[baseline].keys() >= ROUTER_KEYS
        assert set(held_out[baseline]["strong_calls_at_pgr"]) == {"20", "50", "80"}
    assert held_out["random"]["apgr"] == pytest.approx(0.5)
    assert held_out["router"] == "cascade"  # the test file logs the weak model's answers
    assert {"pre_router", "cascade", "verifier_rule"} == held_out["routers"].keys()
    assert held_out["routers"]["cascade"]["pays_weak_on_every_query"] is True
    # The pattern is learnable, so the learned routers must beat random on held-out data.
    assert held_out["routers"]["pre_router"]["apgr"] > 0.6
    assert held_out["apgr"] > 0.6
    assert held_out["oracle"]["apgr"] >= held_out["apgr"]
    assert result["predict_latency"]["pre_router"]["cpu_p99_ms"] < 2.0
    pooled = result["test_sets"]["pooled"]
    parts = [result["test_sets"][name] for name in ("held_out", "other")]
    assert pooled["n"] == sum(part["n"] for part in parts) == 120
    mean_weak = sum(part["n"] * part["weak_accuracy"] for part in parts) / pooled["n"]
    assert pooled["weak_accuracy"] == pytest.approx(mean_weak, abs=1e-4)
    assert pooled["routers"].keys() == {"pre_router", "cascade", "verifier_rule"} and pooled["router"] == "cascade"
    assert pooled["routers"]["pre_router"]["apgr"] > 0.6 and pooled["random"]["apgr"] == pytest.approx(0.5)
    # The pooled figures also at the top of the JSON object, named pooled_*.
    assert result["pooled_apgr"] == pooled["apgr"]
    assert result["pooled_cost_reduction_at_95"] == pooled["cost_reduction_at_95"]
    assert result["pooled_oracle_apgr"] == pooled["oracle"]["apgr"]
    assert result["pooled_pre_router_cost_reduction_at_95"] == pooled["routers"]["pre_router"]["cost_reduction_at_95"]
    assert not any(key.startswith(("held_out_", "other_")) for key in result)


def test_graded_scores_and_pooling_files_without_answers(split_files, tmp_path, capsys) -> None:
    train, _ = split_files
    graded = write_outcomes(tmp_path / "g" / "graded.csv", 80, seed=97, scores="graded")
    plain = write_outcomes(tmp_path / "p" / "prompts_only.csv", 60, seed=96, responses=False)
    argv = ["--train", *map(str, train), "--test", str(graded), str(plain), "--no-plot", "--c", "0.3"]
    result = run_json(argv, capsys)
    scores = read_outcomes(graded)
    assert ((scores.weak > 0) & (scores.weak < 1)).all()  # really graded, not 0/1
    figures = result["test_sets"]["graded"]
    assert figures["graded"] is True and result["test_sets"]["prompts_only"]["graded"] is False
    # Quality is the mean score.
    assert figures["weak_accuracy"] == pytest.approx(scores.weak.mean(), abs=1e-4)
    assert figures["strong_accuracy"] == pytest.approx(scores.strong.mean(), abs=1e-4)
    assert figures["routers"]["pre_router"]["apgr"] > 0.6 and figures["random"]["apgr"] == pytest.approx(0.5)
    assert figures["oracle"]["apgr"] >= figures["apgr"] and figures["cost_reduction_at_95"] is not None
    # A cascade needs the weak model's answers, which one file lacks: the pooled set has a pre-router only.
    pooled = result["test_sets"]["pooled"]
    assert list(pooled["routers"]) == ["pre_router"] and pooled["graded"] is True and pooled["n"] == 140
    assert result["pooled_apgr"] == pooled["apgr"]


def test_prompt_only_files_get_a_pre_router_only(tmp_path, capsys) -> None:
    train = [write_outcomes(tmp_path / f"s{i}.csv", 60, seed=10 + i, responses=False) for i in range(3)]
    test = write_outcomes(tmp_path / "t" / "subject.csv", 60, seed=20, responses=False)
    result = run_json(["--train", *map(str, train), "--test", str(test), "--no-plot", "--c", "0.3"], capsys)
    figures = result["test_sets"]["subject"]
    assert figures["router"] == "pre_router" and list(figures["routers"]) == ["pre_router"]
    assert "cascade" not in result["predict_latency"]


def test_report_table_plot_and_saved_models(split_files, tmp_path, capsys) -> None:
    train, test = split_files
    png = tmp_path / "out" / "route.png"
    models = tmp_path / "models"
    argv = ["--train", *map(str, train), "--test", str(test), "--plot", str(png), "--save-model", str(models)]
    assert bench.main(argv) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert any(line.startswith("held_out") and "oracle" in line for line in lines)
    assert set(json.loads(lines[-1])) >= {"held_out_cost_reduction_at_95", "held_out_apgr"}
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert {p.name for p in models.iterdir()} == {"pre_router.npz", "cascade.npz"}


def test_contaminated_and_training_prompts_are_dropped(split_files, tmp_path, capsys) -> None:
    train, test = split_files
    rows = read_outcomes(test)
    (test.parent / "contaminated_prompts.jsonl").write_text(json.dumps({"eval_prompt": rows.prompts[0]}) + "\n")
    assert len(read_outcomes(test)) == len(rows) - 1
    # A test prompt that is also a training prompt is scored on nothing it was trained on.
    leaked = read_outcomes(train[0]).prompts[0]
    with test.open("a", encoding="utf-8") as fh:
        fh.write(f'"{leaked}",True,True,"1 + 1 = 2\n#### 2",""\n')
    result = run_json(["--train", *map(str, train), "--test", str(test), "--no-plot"], capsys)
    assert result["test_sets"]["held_out"]["n"] == len(rows) - 1


def test_missing_shared_data_says_where_to_put_it(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("WHITTLE_SHARED_DATA", str(tmp_path / "nowhere"))
    assert bench.main(["--json", "--no-plot"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "WHITTLE_SHARED_DATA" in captured.err and "routellm" in captured.err


def test_bad_csv_is_a_clear_error(tmp_path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("prompt,answer\nhello,1\n")
    assert bench.main(["--train", str(bad), "--test", str(bad), "--no-plot"]) == 2
    assert "missing column" in capsys.readouterr().err
    out_of_range = write_outcomes(tmp_path / "range.csv", 10, seed=1)
    out_of_range.write_text(out_of_range.read_text().replace(",True,", ",1.5,", 1))
    assert bench.main(["--train", str(out_of_range), "--test", str(out_of_range), "--no-plot"]) == 2
    assert "score between 0 and 1" in capsys.readouterr().err


def test_whittle_bench_route_runs_bench_route_py_which_prints_a_report_and_one_json_line(split_files, tmp_path) -> None:
    train, test = split_files
    png = tmp_path / "route.png"
    done = subprocess.run(
        [sys.executable, "-m", "whittle", "bench", "route", "--train", *map(str, train), "--test", str(test),
         "--c", "0.3", "--plot", str(png)],
        capture_output=True, text=True, timeout=180, check=True,
    )
    lines = done.stdout.strip().splitlines()
    assert "APGR" in done.stdout and png.is_file()  # the readable report, then the plot...
    line = json.loads(lines[-1])  # ...and one JSON line of figures
    assert line["held_out_apgr"] > 0.6 and not any(key.startswith("pooled_") for key in line)  # one file


def test_whittle_bench_without_the_source_checkout_names_the_fix(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="source checkout") as missing:
        bench_script("route", checkout=tmp_path)
    assert "pip install -e" in str(missing.value)
    assert bench_script("route") == REPO_ROOT / "bench" / "route.py"


@pytest.mark.skipif(not (shared_routellm_dir() / "gsm8k").is_dir(), reason="shared RouteLLM data absent")
def test_on_real_gsm8k_the_weak_answer_check_beats_the_prompt_alone() -> None:
    data = load_shared(["gsm8k"], WEAK_COLUMN, STRONG_COLUMN)["gsm8k"]
    assert len(data) == 1307  # 1,319 rows less RouteLLM's 12 contaminated prompts
    folds = fold_ids(len(data), 2, None, seed=0)
    settings = bench.Settings(cs=(0.3,), inner_folds=2)
    train, test = data.subset(folds == 0), data.subset(folds == 1)
    pre = bench.score_with(*bench.train_on(train, False, settings), test)
    cascade = bench.score_with(*bench.train_on(train, True, settings), test)
    result, _ = report_set(test, {"pre_router": pre, "cascade": cascade}, "2-fold, first half")
    assert result["routers"]["cascade"]["apgr"] > result["routers"]["pre_router"]["apgr"] > 0.5
    assert result["routers"]["cascade"]["apgr"] > 0.7
    assert np.isclose(result["random"]["apgr"], 0.5)


def test_grouped_cv_never_tests_a_subject_it_trained_on(tmp_path) -> None:
    from whittle_bench import grouped_cv

    files = [write_outcomes(tmp_path / f"subject{i}.csv", 40, seed=30 + i, responses=False) for i in range(6)]
    data = Outcomes.concat("subjects", [read_outcomes(p) for p in files])
    pool = grouped_cv.build_pool(data)
    results, folds = grouped_cv.evaluate(pool, ["logistic", "clusters"], k=3, seeds=2, log=lambda _: None)
    assert len(folds) == 6 and {f.seed for f in folds} == {0, 1}
    subjects = {p.stem for p in files}
    for fold in folds:
        assert fold.train_groups.isdisjoint(fold.test_groups)  # no subject on both sides of a fold
        assert fold.train_groups | fold.test_groups == subjects and fold.test_groups
    for seed in (0, 1):  # each seed's folds test every subject exactly once
        tested = [g for f in folds if f.seed == seed for g in f.test_groups]
        assert sorted(tested) == sorted(subjects)
    # Different seeds put different subjects together.
    assert {f.test_groups for f in folds if f.seed == 0} != {f.test_groups for f in folds if f.seed == 1}
    # The pattern carries across subjects, so every approach beats random (0.5) on each seed.
    for name in ("logistic", "clusters"):
        assert len(results[name]["apgr"]) == 2 and min(results[name]["apgr"]) > 0.6


def test_grouped_cv_mode_reports_mean_and_sd_over_seeds(tmp_path, capsys) -> None:
    files = [write_outcomes(tmp_path / f"s{i}.csv", 40, seed=50 + i, responses=False) for i in range(4)]
    argv = ["--grouped-cv", "2", "--seeds", "2", "--approaches", "logistic", "irt", "--no-cache",
            "--train", *map(str, files)]
    result = run_json(argv, capsys)
    assert result["folds"] == 2 and result["seeds"] == 2 and result["subjects"] == 4
    for name in ("logistic", "irt"):
        row = result["approaches"][name]
        assert len(row["apgr"]["per_seed"]) == 2
        assert row["apgr"]["mean"] == pytest.approx(np.mean(row["apgr"]["per_seed"]), abs=1e-3)
        assert row["apgr"]["sd"] >= 0 and row["cost_cut_at_95"]["mean"] is not None
    # Fewer subjects than folds is a clear error, not a crash.
    assert bench.main(["--grouped-cv", "5", "--train", *map(str, files), "--json"]) == 2
    assert "smaller --grouped-cv" in capsys.readouterr().err


def test_feedback_rows_mode_compares_router_fit_with_the_untrained_default(tmp_path, capsys) -> None:
    files = [write_outcomes(tmp_path / f"f{i}.csv", 100, seed=70 + i, responses=False) for i in range(3)]
    result = run_json(["--feedback-rows", "30", "150", "--seeds", "2", "--train", *map(str, files)], capsys)
    curve = result["train files"]
    assert curve["default"]["apgr"]["mean"] == pytest.approx(0.5)  # no difficulty model: no ranking
    assert curve["test_rows"] == 150 and set(curve["fitted"]) == {"30", "150"}
    assert curve["fitted"]["150"]["apgr"]["mean"] > 0.6 and curve["first_n_beating_default"] in (30, 150)


def test_grouped_cv_cache_resumes_with_the_same_figures_and_recomputes_edited_approaches(tmp_path,
                                                                                        monkeypatch) -> None:
    from whittle_bench import approaches, grouped_cv
    from whittle_bench.cv_cache import CvCache

    files = [write_outcomes(tmp_path / f"c{i}.csv", 40, seed=80 + i, responses=False) for i in range(4)]
    data = Outcomes.concat("subjects", [read_outcomes(p) for p in files])
    cache = CvCache(tmp_path / "cache")
    first = grouped_cv.run(data, None, ["trees"], 2, 1, True, lambda _: None, cache=cache)
    stored = sorted(p.name for p in (tmp_path / "cache").iterdir())
    assert sum(name.startswith("features-") for name in stored) == len(grouped_cv.FEATURE_SETS)
    assert sum(name.startswith("scores-") for name in stored) == 2  # one per fold
    # The boosted trees learn the pattern from the dense signals alone.
    assert first["approaches"]["trees"]["apgr"]["mean"] > 0.6

    def refuse(*_):
        raise AssertionError("recomputed a cached fold")

    # A resumed run reads every fold back: nothing is trained, the figures are identical.
    with monkeypatch.context() as patch:
        patch.setattr(approaches, "_trees_score", refuse)
        patch.setattr(grouped_cv.TrainingSet, "build", refuse)  # features are read back too
        again = grouped_cv.run(data, None, ["trees"], 2, 1, True, lambda _: None, cache=cache)
    assert again["approaches"] == first["approaches"]
    # An approach whose code changed is not served stale scores.
    edited = {**approaches.APPROACHES, "trees": approaches.Approach("trees", refuse, False, "")}
    monkeypatch.setattr(grouped_cv, "APPROACHES", edited)
    with pytest.raises(AssertionError, match="recomputed"):
        grouped_cv.run(data, None, ["trees"], 2, 1, True, lambda _: None, cache=cache)
