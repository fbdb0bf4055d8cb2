"""Metrics on a small graph checked by hand, and PageRank against a dense linear solve."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from tests.linkgraph.helpers import HAND_EDGES, SITE, edge_csv, write
from whittle.linkgraph.analysis import AnalysisError, AnalysisOptions, analyse
from whittle.linkgraph.importer import import_graph


@pytest.fixture
def hand(tmp_path):
    edges = edge_csv(tmp_path / "links.csv", HAND_EDGES)
    meta = write(tmp_path / "pages.csv", "Address,Status Code\n" + "".join(f"{SITE}{p},200\n" for p in ("/", "/b", "/c", "/d", "/e", "/f", "/g")))
    import_graph(edges, tmp_path / "graph", metadata_csv=meta)
    return tmp_path / "graph"


def by_path(metrics: pl.DataFrame, column: str) -> dict:
    return {url.removeprefix(SITE): value for url, value in zip(metrics["url"], metrics[column], strict=True)}


def test_click_depth_from_the_home_page(hand):
    metrics = analyse(hand).metrics
    assert by_path(metrics, "depth") == {"/": 0, "/b": 1, "/c": 1, "/d": 2, "/e": 3, "/g": None, "/f": None}


def test_degrees_orphans_and_dead_ends(hand):
    metrics = analyse(hand).metrics
    assert by_path(metrics, "in_links_unique") == {"/": 1, "/b": 1, "/c": 1, "/d": 2, "/e": 1, "/g": 0, "/f": 0}
    assert by_path(metrics, "out_links_unique") == {"/": 2, "/b": 1, "/c": 1, "/d": 1, "/e": 0, "/g": 1, "/f": 0}
    orphans = {u for u, v in by_path(metrics, "orphan").items() if v}
    dead_ends = {u for u, v in by_path(metrics, "dead_end").items() if v}
    assert orphans == {"/g", "/f"}  # no inlinks; the start page is never an orphan
    assert dead_ends == {"/e", "/f"}


def test_pagerank_sums_to_one_and_matches_a_dense_solve(hand):
    metrics = analyse(hand).metrics
    rank = metrics["pagerank"].to_numpy()
    assert rank.sum() == pytest.approx(1.0, abs=1e-9)
    # Independent check: solve r = d·Mᵀr + (1-d)/n with dangling pages linking to everyone.
    n = metrics.height
    ids = {url.removeprefix(SITE): i for i, url in enumerate(metrics["url"])}
    matrix = np.zeros((n, n))
    for a, b in HAND_EDGES:
        matrix[ids[a], ids[b]] = 1
    matrix[matrix.sum(axis=1) == 0] = 1  # dangling rows spread evenly
    transition = matrix / matrix.sum(axis=1, keepdims=True)
    expected = np.linalg.solve(np.eye(n) - 0.85 * transition.T, np.full(n, 0.15 / n))
    assert rank == pytest.approx(expected / expected.sum(), abs=1e-8)
    score = by_path(metrics, "link_score")
    assert max(score.values()) == 100.0 and min(score.values()) == 0.0
    assert score["/b"] == score["/c"] and score["/d"] > score["/b"]


def test_redirects_and_canonicalised_urls_are_left_out_of_pagerank(tmp_path):
    edges = edge_csv(tmp_path / "links.csv", HAND_EDGES)
    meta = write(tmp_path / "pages.csv", f"Address,Status Code,Canonical Link Element 1\n{SITE}/b,301,\n{SITE}/c,200,{SITE}/d\n{SITE}/d,200,{SITE}/d\n")
    import_graph(edges, tmp_path / "graph", metadata_csv=meta)
    metrics = analyse(tmp_path / "graph").metrics
    rank = by_path(metrics, "pagerank")
    assert rank["/b"] is None and rank["/c"] is None and rank["/d"] is not None
    assert sum(v for v in rank.values() if v is not None) == pytest.approx(1.0)
    assert by_path(metrics, "status_class")["/b"] == "3xx"


def test_sitewide_links_are_detected_and_can_be_excluded(tmp_path):
    # 10 pages in a chain, every page also links to /nav (a menu); /nav links to /deep.
    chain = [("/", "/p1")] + [(f"/p{i}", f"/p{i + 1}") for i in range(1, 9)]
    menu = [("/", "/nav")] + [(f"/p{i}", "/nav") for i in range(1, 10)]
    edge_csv(tmp_path / "links.csv", chain + menu + [("/nav", "/deep")])
    import_graph(tmp_path / "links.csv", tmp_path / "graph")
    result = analyse(tmp_path / "graph")
    assert result.summary["sitewide"]["examples"] == [f"{SITE}/nav"]
    assert by_path(result.metrics, "depth")["/deep"] == 2
    excluded = analyse(tmp_path / "graph", AnalysisOptions(exclude_sitewide=True))
    assert by_path(excluded.metrics, "depth")["/deep"] is None  # only reachable through the menu
    assert excluded.summary["sitewide"]["excluded"] is True


def test_start_page_can_be_chosen_and_must_exist(hand):
    metrics = analyse(hand, AnalysisOptions(start_url=f"{SITE}/d")).metrics
    assert by_path(metrics, "depth")["/e"] == 1
    with pytest.raises(AnalysisError, match="not in the graph"):
        analyse(hand, AnalysisOptions(start_url=f"{SITE}/nowhere"))


def test_summary_and_segments(hand):
    summary = analyse(hand).summary
    assert summary["pages"] == 7 and summary["unique_links"] == 6
    assert summary["depth"]["distribution"] == {"0": 1, "1": 2, "2": 1, "3": 1}
    assert summary["depth"]["unreachable"] == 2
    assert summary["orphans"]["count"] == 2
    assert summary["start_url"] == f"{SITE}/"
    assert summary["hubs"][0]["url"] == f"{SITE}/"
