"""`whittle crawl` end to end, as a real process: output files, a kill -9 mid-crawl and
--resume, and bad input."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.linkgraph.crawl_site import SiteServer, build_site, expected_crawl

REPO = Path(__file__).resolve().parents[2]


def whittle_crawl(*args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "whittle", "crawl", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO, **popen,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout, stderr


def edge_pairs(out: Path) -> list[tuple[str, str]]:
    with (out / "edges.csv").open(newline="", encoding="utf-8") as file:
        return [(row["source"], row["target"]) for row in csv.DictReader(file)]


def pages_done(state: Path) -> int:
    if not state.exists():
        return 0
    try:
        with sqlite3.connect(state, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM pages WHERE state IN ('done', 'error')").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


def test_crawl_command_writes_edges_and_pages(tmp_path):
    with SiteServer(build_site()) as site:
        code, stdout, stderr = finish(whittle_crawl(site.base + "/", "--out", str(tmp_path), "--delay", "0"))
        depths, edges = expected_crawl(site.site, site.base)
    assert code == 0, stderr
    assert f"crawled {len(depths)} pages: {len(edges)} links" in stdout
    assert "edges.csv" in stdout and "pages.csv" in stdout
    crawled = edge_pairs(tmp_path)
    assert len(crawled) == len(set(crawled)) and set(crawled) == edges
    with (tmp_path / "pages.csv").open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        assert reader.fieldnames[:5] == ["url", "status", "depth", "title", "canonical"]
        assert {row["url"]: int(row["depth"]) for row in reader if row["status"]} == depths
    with (tmp_path / "edges.csv").open(newline="", encoding="utf-8") as file:
        assert next(csv.reader(file))[:2] == ["source", "target"]


def test_killed_crawl_resumes_without_duplicate_edges(tmp_path, capsys):
    state = tmp_path / "crawl-state.sqlite"
    with SiteServer(build_site(), latency=0.01) as site:
        process = whittle_crawl(site.base + "/", "--out", str(tmp_path), "--delay", "0.03", "--concurrency", "2")
        deadline = time.monotonic() + 30
        while pages_done(state) < 10 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the crawl ended before it could be interrupted"
        process.send_signal(signal.SIGKILL)  # no clean-up at all: only what was committed survives
        process.wait(10)
        done_before = pages_done(state)
        depths, edges = expected_crawl(site.site, site.base)
        assert 10 <= done_before < len(depths)

        from whittle.cli import main

        assert main(["crawl", site.base + "/", "--out", str(tmp_path)]) == 2  # refuses to start over silently
        assert "--resume" in capsys.readouterr().err

        code, stdout, stderr = finish(
            whittle_crawl(site.base + "/", "--out", str(tmp_path), "--delay", "0", "--resume")
        )
    assert code == 0, stderr
    crawled = edge_pairs(tmp_path)
    assert len(crawled) == len(set(crawled)) == len(edges)
    assert set(crawled) == edges
    assert f"crawled {len(depths)} pages" in stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://127.0.0.1/"], "is not an http(s) URL"),
        (["http://127.0.0.1:9/", "--max-pages", "0"], "--max-pages 0 must be at least 1"),
        (["http://127.0.0.1:9/", "--concurrency", "500"], "between 1 and 64"),
    ],
)
def test_bad_input_is_refused_before_any_request(tmp_path, capsys, args, message):
    from whittle.cli import main

    assert main(["crawl", *args, "--out", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
