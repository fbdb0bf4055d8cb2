"""The installed package is the product only: no lab or test code in whittle/, and the web app
starts without the benchmarks' libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import whittle

PACKAGE = Path(whittle.__file__).resolve().parent
# Module names of benchmark harnesses, their data loaders and test helpers: they live in
# bench/whittle_bench/ and tests/support/, never under whittle/.
LAB_MODULES = {"bench", "bench_report", "outcomes", "metrics", "selection", "qqp", "calibrate",
               "cache_calibrate", "corpus", "testing", "conftest"}
BENCH_ONLY_LIBRARIES = ("matplotlib", "whittle_bench", "tests")


def test_no_benchmark_corpus_or_test_helper_module_in_the_package() -> None:
    found = sorted(
        str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("*.py")
        if path.stem in LAB_MODULES or path.stem.startswith("test_") or "bench" in path.stem
    )
    assert found == []


def test_importing_the_web_app_loads_no_bench_library_and_changes_no_csv_limit() -> None:
    probe = (
        "import csv, json, sys\n"
        "before = csv.field_size_limit()\n"
        "import whittle.web.app\n"
        "print(json.dumps({'modules': sorted(sys.modules), 'csv_limit_changed': csv.field_size_limit() != before}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True,
                          cwd=PACKAGE.parent)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    modules = report["modules"]
    assert "whittle.web.app" in modules  # the probe really imported the app
    loaded = [m for m in modules if m.split(".")[0] in BENCH_ONLY_LIBRARIES]
    assert loaded == []
    assert not any(m.startswith("sklearn") for m in modules)  # training only, imported when fitting
    assert report["csv_limit_changed"] is False
