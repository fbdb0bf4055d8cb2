"""The crawler against a real generated site on 127.0.0.1, checked against an independent
breadth-first count over the site's definition."""

from __future__ import annotations

import asyncio
import csv
import socket
from pathlib import Path

import pytest

from tests.linkgraph.crawl_site import EXTERNAL, SitePage, SiteServer, build_site, expected_crawl
from whittle.linkgraph.crawl import CrawlError, CrawlOptions, CrawlProgress, crawl
from whittle.linkgraph.crawl_html import decode_page, normalize_url, parse_page, resolve
from whittle.linkgraph.crawl_store import CrawlStateError


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Any connection these tests open to an address other than 127.0.0.1 fails the test."""
    real_connect = socket.socket.connect

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a test tried to reach {address}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def edge_pairs(out: Path) -> list[tuple[str, str]]:
    return [(row["source"], row["target"]) for row in read_csv(out / "edges.csv")]


@pytest.fixture
def site():
    with SiteServer(build_site()) as server:
        yield server


async def test_crawl_matches_an_independent_breadth_first_count(site, tmp_path):
    seen: list[CrawlProgress] = []
    result = await crawl(CrawlOptions(site.base + "/", tmp_path, delay=0, concurrency=4), seen.append)
    depths, edges = expected_crawl(site.site, site.base)

    crawled = edge_pairs(tmp_path)
    assert len(crawled) == len(set(crawled)) == len(edges) == result.edges
    assert set(crawled) == edges
    pages = {row["url"]: row for row in read_csv(tmp_path / "pages.csv")}
    fetched = {url: int(row["depth"]) for url, row in pages.items() if row["status"]}
    assert fetched == depths
    assert result.fetched == len(depths) and result.complete
    # The blog chain makes deep pages; depth is the click depth, whatever the fetch order.
    assert fetched[site.base + "/blog/2019/post-8.html"] == 7 == max(fetched.values())

    # Every request stayed on 127.0.0.1; robots.txt, nofollow and meta nofollow were obeyed.
    assert all(step.url.startswith(site.base) for step in seen)
    assert [step.fetched for step in seen] == list(range(1, len(depths) + 1))
    assert seen[-1].queued == 0 and seen[-1].discovered == len(pages) == result.discovered
    assert all(step.fetched + step.queued <= step.discovered for step in seen)
    requested = site.paths
    assert requested[0] == "/robots.txt"
    assert not [path for path in requested if path.startswith("/private/")]
    assert "/nofollow-only.html" not in requested and "/hidden-by-meta.html" not in requested
    assert len(requested) == len(depths) + 1  # each page fetched once, plus robots.txt

    base = site.base
    assert pages[base + "/private/secret.html"]["note"] == "blocked by robots.txt"
    assert pages[base + "/private/secret.html"]["status"] == ""
    assert "/private/other.html" not in {url.removeprefix(base) for url in pages}  # behind the block
    assert pages[base + "/missing.html"]["status"] == "404"
    assert pages[base + "/docs/broken-ref.html"]["status"] == "404"
    assert pages[base + "/old-about"]["status"] == "301"
    assert pages[base + "/old-about"]["note"] == f"redirect to {base}/about-us.html"
    assert pages[base + "/go-elsewhere"]["status"] == "302"  # off-site redirect: no edge
    assert not [edge for edge in crawled if edge[0] == base + "/go-elsewhere"]
    assert pages[base + "/docs/chapter-1.html?print=1"]["canonical"] == base + "/docs/chapter-1.html"
    assert pages[base + "/docs/chapter-3.html"]["title"] == "Page /docs/chapter-3.html"
    assert pages[base + "/files/report.pdf"]["status"] == "200"
    assert not any(EXTERNAL in edge for edge in crawled)

    rows = {(row["source"], row["target"]): row for row in read_csv(tmp_path / "edges.csv")}
    assert rows[(base + "/", base + "/nofollow-only.html")]["nofollow"] == "true"
    assert rows[(base + "/about.html", base + "/hidden-by-meta.html")]["nofollow"] == "true"
    assert rows[(base + "/", base + "/about.html")]["nofollow"] == "false"
    assert rows[(base + "/", base + "/about.html")]["anchor"] == "Link 3 to /about.html"
    assert rows[(base + "/old-about", base + "/about-us.html")]["anchor"] == ""


async def test_limits_on_pages_and_depth(site, tmp_path):
    result = await crawl(CrawlOptions(site.base + "/", tmp_path / "pages", max_pages=7, delay=0))
    assert result.fetched == 7 and result.reached_max_pages and not result.complete
    assert len(site.paths) == 8  # robots.txt + 7 pages

    result = await crawl(CrawlOptions(site.base + "/", tmp_path / "depth", max_depth=1, delay=0))
    depths, _ = expected_crawl(site.site, site.base)
    pages = read_csv(tmp_path / "depth" / "pages.csv")
    assert {row["url"] for row in pages if row["status"]} == {url for url, depth in depths.items() if depth <= 1}
    assert {row["note"] for row in pages if row["depth"] == "2"} == {"not fetched: beyond --max-depth"}
    assert result.complete


async def test_concurrency_and_delay_are_respected(tmp_path):
    with SiteServer(build_site(), latency=0.05) as slow:
        await crawl(CrawlOptions(slow.base + "/", tmp_path / "fast", max_pages=12, concurrency=3, delay=0))
        assert slow.max_in_flight == 3  # the limit was used, and never exceeded

    with SiteServer(build_site()) as site:
        await crawl(CrawlOptions(site.base + "/", tmp_path / "polite", max_pages=8, concurrency=4, delay=0.05))
        starts = [moment for moment, path in site.requests if path != "/robots.txt"]
        # Measured where requests arrive, so single gaps jitter; the span of 8 starts cannot.
        assert starts[-1] - starts[0] >= 0.9 * 7 * 0.05


async def test_robots_crawl_delay_is_honoured(tmp_path):
    robots = "User-agent: *\nDisallow: /private/\nCrawl-delay: 0.1\n"
    with SiteServer(build_site(), robots=robots) as site:
        result = await crawl(CrawlOptions(site.base + "/", tmp_path, max_pages=5, concurrency=4, delay=0))
        starts = [moment for moment, path in site.requests if path != "/robots.txt"]
    assert result.interval == pytest.approx(0.1)
    assert "0.1 s between requests" in result.robots_note
    assert starts[-1] - starts[0] >= 0.9 * 4 * 0.1


async def test_no_robots_txt_means_everything_but_nofollow_is_crawled(tmp_path):
    with SiteServer(build_site(), robots=None) as site:
        result = await crawl(CrawlOptions(site.base + "/", tmp_path, delay=0))
        assert "/private/other.html" in site.paths
    assert result.blocked == 0 and "no robots.txt (404)" in result.robots_note


async def test_robots_txt_server_error_means_nothing_is_fetched(tmp_path):
    with SiteServer(build_site(), robots=503) as site:
        result = await crawl(CrawlOptions(site.base + "/", tmp_path, delay=0))
        assert site.paths == ["/robots.txt"]  # RFC 9309: a 5xx robots.txt means "do not crawl now"
    assert result.fetched == 0 and result.blocked == 1 and "503" in result.robots_note


async def test_failed_fetches_are_noted_and_retried_on_resume(tmp_path):
    site = {"/": SitePage(links=[("/drops.html", False), ("/fine.html", False)]), "/fine.html": SitePage(),
            "/drops.html": SitePage(status=0)}
    with SiteServer(site) as server:
        result = await crawl(CrawlOptions(server.base + "/", tmp_path, delay=0))
        assert result.errors == 1 and result.fetched == 3 and result.complete
        rows = {row["url"]: row for row in read_csv(tmp_path / "pages.csv")}
        assert rows[server.base + "/drops.html"]["status"] == ""
        assert rows[server.base + "/drops.html"]["note"].startswith("error: RemoteProtocolError")

        site["/drops.html"] = SitePage(links=[("/fine.html", False)])  # the server recovers
        result = await crawl(CrawlOptions(server.base + "/", tmp_path, delay=0, resume=True))
        assert result.errors == 0 and result.fetched == 3
        assert server.paths.count("/drops.html") == 2 and server.paths.count("/fine.html") == 1
    assert (server.base + "/drops.html", server.base + "/fine.html") in edge_pairs(tmp_path)


async def test_too_many_requests_slows_the_crawl_and_retries(tmp_path):
    site = {"/": SitePage(links=[("/busy.html", False), ("/other.html", False)]), "/other.html": SitePage(),
            "/busy.html": SitePage(busy_answers=1)}
    with SiteServer(site) as server:
        result = await crawl(CrawlOptions(server.base + "/", tmp_path, delay=0, concurrency=1))
        moments = {path: moment for moment, path in server.requests}  # the last request of each path
        assert server.paths.count("/busy.html") == 2 and result.errors == 0
        assert result.interval == 0.5  # halved rate: 0 s became the 0.5 s floor
    rows = {row["url"]: row["status"] for row in read_csv(tmp_path / "pages.csv")}
    assert rows[server.base + "/busy.html"] == "200"
    assert moments["/other.html"] - moments["/busy.html"] >= 0.4


def test_page_parsing_copes_with_real_world_markup():
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9\n  menu</title>'
        '<base href="/docs/"><link rel="Canonical" href="page.html"></head><body>'
        '<a href="a.html">ex<b>am</b>ple <img src=x alt="logo"></a>'
        '<a href="b.html" rel="noopener NOFOLLOW">b<a href="c.html">unclosed'
        '<a name="no-href">x</a><a href="  ">blank</a><a href="javascript:void(0)">js</a>'
    ).encode("cp1252")
    page = parse_page(decode_page(html, None))
    assert page.title == "Caf\xe9 menu" and page.base_href == "/docs/" and page.canonical == "page.html"
    assert [(link.href, link.nofollow, link.anchor) for link in page.links] == [
        ("a.html", False, "example logo"),
        ("b.html", True, "b"),
        ("c.html", False, "unclosed"),
        ("javascript:void(0)", False, "js"),
    ]
    assert resolve("http://127.0.0.1:8000/docs/", "javascript:void(0)") is None
    assert resolve("http://127.0.0.1:8000/docs/x.html", "../A%20b.html?q=1#frag") == "http://127.0.0.1:8000/A%20b.html?q=1"
    assert resolve("http://127.0.0.1:80/", "mailto:someone@example.com") is None
    assert normalize_url("http://127.0.0.1:80") == "http://127.0.0.1/"


async def test_interrupted_crawl_resumes_without_duplicate_edges(site, tmp_path):
    out = tmp_path / "crawl"
    task: asyncio.Task | None = None

    def stop_after_15(step: CrawlProgress) -> None:
        if step.fetched == 15:
            task.cancel()

    task = asyncio.create_task(crawl(CrawlOptions(site.base + "/", out, delay=0, concurrency=3), stop_after_15))
    with pytest.raises(asyncio.CancelledError):
        await task
    partial = edge_pairs(out)  # written on the way out, for a look before resuming
    assert partial and len(partial) == len(set(partial))
    done_before = sum(1 for row in read_csv(out / "pages.csv") if row["status"])
    assert done_before >= 15

    with pytest.raises(CrawlStateError, match="--resume"):
        await crawl(CrawlOptions(site.base + "/", out, delay=0))
    before = len(site.paths)
    result = await crawl(CrawlOptions(site.base + "/", out, delay=0, resume=True))
    depths, edges = expected_crawl(site.site, site.base)
    crawled = edge_pairs(out)
    assert len(crawled) == len(set(crawled)) and set(crawled) == edges
    assert result.complete and result.fetched == len(depths)
    resumed_requests = len(site.paths) - before - 1  # less robots.txt
    assert resumed_requests == len(depths) - done_before  # what was recorded is not fetched again
    fetched = {row["url"]: int(row["depth"]) for row in read_csv(out / "pages.csv") if row["status"]}
    assert fetched == depths

    with pytest.raises(CrawlStateError, match="holds a crawl of"):
        await crawl(CrawlOptions(site.base + "/docs/", out, delay=0, resume=True))


async def test_the_loopback_guard_would_catch_a_request_elsewhere(tmp_path):
    with pytest.raises((AssertionError, ExceptionGroup)) as caught:  # 192.0.2.1: reserved for documentation
        await crawl(CrawlOptions("http://192.0.2.1/", tmp_path, delay=0))
    # anyio's connect may wrap the guard's error in an exception group
    assert "tried to reach" in str(caught.value) or caught.group_contains(AssertionError, match="tried to reach")


def test_start_urls_anywhere_parse_but_tests_stay_on_loopback(tmp_path):
    options = CrawlOptions("HTTPS://WWW.Example.COM:443/a/b?x=1#part", tmp_path)
    assert options.start_url == "https://www.example.com/a/b?x=1"
    assert options.host == "www.example.com"
    assert options.in_scope("http://www.example.com/other") and not options.in_scope("https://example.com/")
    assert CrawlOptions("http://127.0.0.1:8080", tmp_path).start_url == "http://127.0.0.1:8080/"
    assert not list(tmp_path.iterdir())  # parsing options fetches nothing and writes nothing


@pytest.mark.parametrize(
    ("url", "options", "fix"),
    [
        ("ftp://example.com/", {}, "not an http(s) URL"),
        ("example.com", {}, "https://example.com/"),
        ("http://127.0.0.1/", {"max_pages": 0}, "--max-pages 0 must be at least 1"),
        ("http://127.0.0.1/", {"max_depth": -1}, "--max-depth -1"),
        ("http://127.0.0.1/", {"concurrency": 0}, "between 1 and 64"),
        ("http://127.0.0.1/", {"delay": -1}, "0 or more seconds"),
    ],
)
def test_bad_settings_name_the_fix(tmp_path, url, options, fix):
    with pytest.raises(CrawlError, match=fix.replace("(", r"\(").replace(")", r"\)")):
        CrawlOptions(url, tmp_path, **options)
