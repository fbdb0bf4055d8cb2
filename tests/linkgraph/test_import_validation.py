"""Each validation case: counted, with example line numbers, and the right rows kept."""

from __future__ import annotations

import polars as pl
import pytest

from tests.linkgraph.helpers import SF_HEADER, SITE, edge_csv, write
from whittle.linkgraph.columns import ColumnError, map_edge_columns, parse_mapping
from whittle.linkgraph.csvscan import CsvFileError
from whittle.linkgraph.importer import import_graph
from whittle.linkgraph.store import GraphStore


def _import(tmp_path, text, **options):
    source = write(tmp_path / "links.csv", text)
    report = import_graph(source, tmp_path / "graph", **options)
    return report, GraphStore(tmp_path / "graph")


def test_screaming_frog_inlinks_are_recognised_and_non_links_skipped(tmp_path):
    text = "\n".join([
        SF_HEADER,
        f"Hyperlink,{SITE}/,{SITE}/a,Shop,200,true,_blank,Navigation",
        f"Image,{SITE}/,{SITE}/logo.png,,200,true,,Header",
        f"Hyperlink,{SITE}/a,{SITE}/b,B,404,false,,Content",
    ]) + "\n"
    report, store = _import(tmp_path, text)
    assert report.format == "Screaming Frog All Inlinks"
    assert report.mapping["target"] == "Destination"  # not Target, which is the HTML target attribute
    assert report.count("not_hyperlink") == 1 and report.lines("not_hyperlink") == [3]
    edges = store.edges()
    assert edges.height == 2
    assert edges["follow"].to_list() == [True, False]
    assert edges["position"].to_list() == ["navigation", "content"]
    nodes = store.nodes()
    assert nodes.filter(pl.col("url") == f"{SITE}/b")["status"].item() == 404  # the destination's status


@pytest.mark.parametrize("header, fmt", [
    ("Full URL,outlinks_internal.graph.url", "Botify"),
    ("From URL,To URL", "Sitebulb"),
    ("source_url,target_url", "generic"),
])
def test_other_exports_are_recognised(header, fmt):
    mapping = map_edge_columns(header.split(","))
    assert mapping.format == fmt
    assert {mapping.get("source"), mapping.get("target")} == set(header.split(","))


def test_unknown_columns_need_an_explicit_mapping(tmp_path):
    text = f"Von,Nach,Extra\n{SITE}/,{SITE}/a,x\n"
    with pytest.raises(ColumnError, match="Von, Nach, Extra"):
        _import(tmp_path, text)
    assert not (tmp_path / "graph").exists()
    report, store = _import(tmp_path, text, mapping=parse_mapping(["source=Von", "target=Nach"]))
    assert store.edges().height == 1
    assert report.count("unused_column") == 1 and "Extra" in report.issues[0].detail


def test_a_mapping_to_a_missing_column_names_the_columns(tmp_path):
    with pytest.raises(ColumnError, match="no such column"):
        _import(tmp_path, f"Source,Destination\n{SITE}/,{SITE}/a\n", mapping={"source": "From"})


def test_bad_encoding_is_counted_with_lines_and_kept(tmp_path):
    text = (f"Source,Destination\n{SITE}/,{SITE}/a\n").encode() + f"{SITE}/caf".encode() + b"\xe9," + f"{SITE}/b\n".encode()
    report, store = _import(tmp_path, text)
    assert report.count("bad_encoding") == 1 and report.lines("bad_encoding") == [3]
    assert store.edges().height == 2


def test_malformed_rows_are_skipped_with_their_lines(tmp_path):
    text = "\n".join([
        "Source,Destination,Anchor",
        f"{SITE}/,{SITE}/a,ok",
        f"{SITE}/a,{SITE}/b",             # too few fields
        f"{SITE}/a,{SITE}/c,x,y",         # too many
        f'"{SITE}/a,{SITE}/d,stray',      # unbalanced quote
        f'{SITE}/a,{SITE}/e,"quoted, with comma"',
    ]) + "\n"
    report, store = _import(tmp_path, text)
    assert report.count("malformed") == 3 and report.lines("malformed") == [3, 4, 5]
    assert store.edges()["anchor"].to_list() == ["ok", "quoted, with comma"]
    assert store.edges()["line_no"].to_list() == [2, 6]


def test_self_links_are_dropped_and_duplicates_counted_but_kept(tmp_path):
    source = edge_csv(tmp_path / "links.csv", [("/", "/a"), ("/a", "/a"), ("/", "/a"), ("/", "/b"), ("/", "/a")])
    report = import_graph(source, tmp_path / "graph")
    assert report.count("self_link") == 1 and report.lines("self_link") == [3]
    assert report.count("duplicate_edge") == 2 and report.lines("duplicate_edge") == [4, 6]
    assert report.edges == 4 and report.unique_edges == 2


def test_relative_urls_are_resolved_against_the_site(tmp_path):
    text = f"Source,Destination\n{SITE}/,{SITE}/a\n{SITE}/a,/b\n{SITE}/blog/x,y\n/c,//shop.example/d#top\n"
    report, store = _import(tmp_path, text)
    assert report.count("relative_url") == 3 and report.lines("relative_url") == [3, 4, 5]
    assert report.origin == SITE
    urls = set(store.nodes()["url"].to_list())
    assert {f"{SITE}/b", f"{SITE}/blog/y", f"{SITE}/c", "https://shop.example/d"} <= urls


def test_missing_urls_are_skipped(tmp_path):
    report, store = _import(tmp_path, f"Source,Destination\n{SITE}/,\n,{SITE}/a\n{SITE}/,{SITE}/b\n")
    assert report.count("missing_url") == 2 and report.lines("missing_url") == [2, 3]
    assert store.edges().height == 1


def test_utf16_and_empty_files_get_a_fix(tmp_path):
    with pytest.raises(CsvFileError, match="CSV UTF-8"):
        _import(tmp_path, "Source,Destination\n".encode("utf-16"))
    with pytest.raises(CsvFileError, match="empty"):
        _import(tmp_path, b"")


def test_metadata_adds_orphans_status_and_numbers(tmp_path):
    edges = edge_csv(tmp_path / "links.csv", [("/", "/a")])
    meta = write(tmp_path / "pages.csv", "Address,Status Code,Crawl Depth,Clicks,Word Count,Notes\n"
                 f"{SITE}/,200,0,\"1,200\",300,home\n{SITE}/lost,200,,4,120,x\n{SITE}/lost,301,,,,dup\n")
    report = import_graph(edges, tmp_path / "graph", metadata_csv=meta)
    assert report.count("duplicate_url", "metadata") == 1 and report.lines("duplicate_url", "metadata") == [4]
    assert report.count("unknown_metadata_url", "metadata") == 1
    nodes = GraphStore(tmp_path / "graph").nodes()
    lost = nodes.filter(pl.col("url") == f"{SITE}/lost").row(0, named=True)
    assert lost["status"] == 200 and lost["clicks"] == 4 and lost["Word Count"] == 120 and lost["in_metadata"]
    assert nodes.filter(pl.col("url") == f"{SITE}/")["clicks"].item() == 1200
    assert "Notes" not in nodes.columns  # text columns that are not metadata roles are not kept


def test_the_original_upload_is_kept_byte_for_byte(tmp_path):
    data = f"Source,Destination\r\n{SITE}/,{SITE}/a\r\n".encode()
    _import(tmp_path, data)
    assert (tmp_path / "graph" / "original" / "links.csv").read_bytes() == data


def test_a_failed_import_leaves_the_previous_graph_whole(tmp_path):
    _, store = _import(tmp_path, f"Source,Destination\n{SITE}/,{SITE}/a\n")
    before = sorted(p.name for p in (tmp_path / "graph").iterdir())
    with pytest.raises(ColumnError):
        _import(tmp_path, "Foo,Bar\nx,y\n")
    assert sorted(p.name for p in (tmp_path / "graph").iterdir()) == before
    assert store.edges().height == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half-written folder left


def test_rows_without_a_type_are_links(tmp_path):
    report, store = _import(tmp_path, f"Type,Source,Destination\n,{SITE}/,{SITE}/a\nHyperlink,{SITE}/,{SITE}/b\nCSS,{SITE}/,{SITE}/s.css\n")
    assert store.edges().height == 2 and report.count("not_hyperlink") == 1 and report.lines("not_hyperlink") == [4]


def test_whittle_crawl_output_imports_as_it_is(tmp_path):
    """`whittle crawl --out DIR` writes edges.csv (source,target,nofollow,anchor) and pages.csv."""
    edges = write(tmp_path / "edges.csv", f"source,target,nofollow,anchor\n{SITE}/,{SITE}/a,0,A\n{SITE}/,{SITE}/b,1,B\n")
    pages = write(tmp_path / "pages.csv", f"url,status,depth,title,canonical,note\n{SITE}/,200,0,Home,,\n{SITE}/b,301,1,,,redirect\n")
    import_graph(edges, tmp_path / "graph", metadata_csv=pages)
    store = GraphStore(tmp_path / "graph")
    assert store.edges()["follow"].to_list() == [True, False]  # the nofollow column, inverted
    nodes = store.nodes()
    assert nodes.filter(pl.col("url") == f"{SITE}/b")["status"].item() == 301
    assert nodes.filter(pl.col("url") == f"{SITE}/")["crawl_depth"].item() == 0
