"""`whittle bench route` end to end on generated splits, and on the shared data when present."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from tests.router.outcomes import write_outcomes
from whittle.router import bench
from whittle.router.bench_report import report_set
from whittle.router.difficulty import fold_ids
from whittle.router.outcomes import REPO_ROOT, STRONG_COLUMN, WEAK_COLUMN, load_shared, read_outcomes, shared_routellm_dir

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
    assert set(result["test_sets"]) == {"held_out", "other"}  # each test file reported on its own
    held_out = result["test_sets"]["held_out"]
    assert ROUTER_KEYS <= held_out.keys()
    for baseline in ("random", "oracle"):
        assert ROUTER_KEYS <= held_out[baseline].keys()
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


def test_script_prints_a_report_and_ends_with_one_json_line(split_files, tmp_path) -> None:
    train, test = split_files
    script = REPO_ROOT / "bench" / "route.py"
    done = subprocess.run(
        [sys.executable, str(script), "--train", *map(str, train), "--test", str(test), "--c", "0.3",
         "--plot", str(tmp_path / "route.png")],
        capture_output=True, text=True, timeout=120, check=True,
    )
    lines = done.stdout.strip().splitlines()
    assert "APGR" in done.stdout
    assert isinstance(json.loads(lines[-1]), dict)


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
