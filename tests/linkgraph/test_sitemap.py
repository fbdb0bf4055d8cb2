"""XML sitemaps: pages a site lists but never links to are orphans."""

from __future__ import annotations

import gzip

import polars as pl
import pytest

from tests.linkgraph.helpers import SITE, write
from whittle.cli import main
from whittle.linkgraph.analysis import analyse
from whittle.linkgraph.importer import import_graph
from whittle.linkgraph.sitemap import SitemapError, sitemap_urls
from whittle.linkgraph.store import GraphStore

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _urlset(*urls: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {NS}>' + "".join(
        f"<url><loc> {u} </loc><lastmod>2026-01-01</lastmod></url>" for u in urls) + "</urlset>\n"


def test_urls_in_order_once_on_the_site_only(tmp_path):
    path = write(tmp_path / "sitemap.xml", _urlset(f"{SITE}/", f"{SITE}/a#top", f"{SITE}/a",
                                                   "https://elsewhere.example/x", "ftp://files/x"))
    assert sitemap_urls(path, origin=SITE) == [f"{SITE}/", f"{SITE}/a"]
    assert len(sitemap_urls(path)) == 3


def test_an_index_reads_its_children_beside_it_gzipped_too(tmp_path):
    write(tmp_path / "sitemap-1.xml", _urlset(f"{SITE}/one"))
    (tmp_path / "sitemap-2.xml.gz").write_bytes(gzip.compress(_urlset(f"{SITE}/two").encode()))
    index = (f'<sitemapindex {NS}><sitemap><loc>{SITE}/sitemap-1.xml</loc></sitemap>'
             f'<sitemap><loc>{SITE}/sitemap-2.xml.gz</loc></sitemap>'
             f'<sitemap><loc>{SITE}/missing.xml</loc></sitemap></sitemapindex>')
    assert sitemap_urls(write(tmp_path / "index.xml", index)) == [f"{SITE}/one", f"{SITE}/two"]


@pytest.mark.parametrize("text, message", [
    ("<urlset><url><loc>x</loc></url>", "not a readable XML sitemap"),
    ("<html><body>hi</body></html>", "not a sitemap"),
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
     '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><urlset><url><loc>&lol3;</loc></url></urlset>', None),
])
def test_bad_sitemaps_are_refused_with_the_fix(tmp_path, text, message):
    path = write(tmp_path / "bad.xml", text)
    if message is None:  # a small entity is expanded, harmlessly; expat refuses the large bombs
        assert sitemap_urls(path) == []
        return
    with pytest.raises(SitemapError, match=message):
        sitemap_urls(path)


def test_sitemap_pages_without_inlinks_are_orphans(tmp_path):
    edges = write(tmp_path / "links.csv", f"source,target\n{SITE}/,{SITE}/a\n{SITE}/a,{SITE}/b\n")
    sitemap = write(tmp_path / "sitemap.xml", _urlset(f"{SITE}/", f"{SITE}/a", f"{SITE}/lost", f"{SITE}/forgotten"))
    report = import_graph(edges, tmp_path / "graph", sitemap=sitemap)
    assert report.sitemap_urls == 4 and report.count("unlinked_sitemap_url", "sitemap") == 2
    assert "4 URLs in the sitemap" in report.lines_of_text()[0]
    nodes = GraphStore(tmp_path / "graph").nodes()
    assert nodes.filter(pl.col("in_sitemap"))["url"].to_list() == [f"{SITE}/", f"{SITE}/a", f"{SITE}/lost", f"{SITE}/forgotten"]
    result = analyse(tmp_path / "graph")
    orphans = set(result.metrics.filter(pl.col("orphan"))["url"].to_list())
    assert orphans == {f"{SITE}/lost", f"{SITE}/forgotten"}
    assert result.summary["orphans"]["count"] == 2


def test_the_cli_imports_a_sitemap(tmp_path, capsys):
    edges = write(tmp_path / "links.csv", f"source,target\n{SITE}/,{SITE}/a\n")
    sitemap = write(tmp_path / "sitemap.xml", _urlset(f"{SITE}/a", f"{SITE}/lost"))
    assert main(["linkgraph", "import", str(edges), "--sitemap", str(sitemap), "--out", str(tmp_path / "g")]) == 0
    assert "2 URLs in the sitemap" in capsys.readouterr().out
    assert main(["linkgraph", "import", str(edges), "--sitemap", str(tmp_path / "nope.xml"), "--out", str(tmp_path / "h")]) == 2
    assert "nope.xml does not exist" in capsys.readouterr().err
