"""Reopening reads what analysis wrote; the CSV export and the browser payload from it."""

from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from tests.linkgraph.helpers import HAND_EDGES, edge_csv
from whittle.linkgraph import arrays
from whittle.linkgraph.analysis import LINKS, analyse
from whittle.linkgraph.export import export_csv
from whittle.linkgraph.importer import import_graph
from whittle.linkgraph.store import GraphStore
from whittle.linkgraph.synthetic import generate


def test_round_trip(tmp_path):
    import_graph(edge_csv(tmp_path / "links.csv", HAND_EDGES), tmp_path / "graph")
    result = analyse(tmp_path / "graph")
    store = GraphStore(tmp_path / "graph")
    assert store.analysed()
    assert_frame_equal(store.metrics(), result.metrics)
    assert store.summary() == result.summary
    assert store.report()["edges"] == len(HAND_EDGES)
    assert_frame_equal(pl.read_parquet(tmp_path / "graph" / LINKS), result.links)


def test_export_has_labelled_columns(tmp_path):
    import_graph(edge_csv(tmp_path / "links.csv", HAND_EDGES), tmp_path / "graph")
    analyse(tmp_path / "graph")
    rows = export_csv(tmp_path / "graph", tmp_path / "out.csv")
    frame = pl.read_csv(tmp_path / "out.csv")
    assert rows == frame.height == 6
    assert frame.columns[:3] == ["URL", "Section", "Status code"]
    assert {"Click depth", "Internal PageRank", "Link Score (0-100)", "Unique inlinks", "Orphan", "Dead end"} <= set(frame.columns)
    assert frame["Link Score (0-100)"][0] == 100.0  # sorted strongest first


def test_browser_payload_round_trip_and_size(tmp_path):
    edges, pages = generate(tmp_path / "site", edges=10_000)
    import_graph(edges, tmp_path / "graph", metadata_csv=pages)
    result = analyse(tmp_path / "graph")
    payload = arrays.build(result.metrics, result.links, arrays.ViewRequest())
    parsed = arrays.parse(payload.data)
    assert payload.nodes == result.metrics.height and payload.links == result.links.height
    assert parsed["links"].reshape(-1, 2).max() < payload.nodes
    assert parsed["xy"].dtype.name == "float32" and parsed["links"].dtype.name == "uint32"
    assert payload.bytes_per_link <= 12
    tree = arrays.build(result.metrics, result.links, arrays.ViewRequest(view="tree"))
    reachable = result.metrics["depth"].is_not_null().sum()
    assert tree.links == reachable - 1  # a shortest-path tree: one parent link per reached page
    nav = arrays.build(result.metrics, result.links, arrays.ViewRequest(view="nositewide"))
    assert nav.links < payload.links
    segment = result.metrics["segment"][5]
    part = arrays.build(result.metrics, result.links, arrays.ViewRequest(segment=segment, max_depth=4, colour="depth"))
    ids = arrays.parse(part.data)["ids"]
    chosen = result.metrics.filter(pl.col("id").is_in(ids.tolist()))
    assert set(chosen["segment"]) == {segment} and chosen["depth"].max() <= 4
