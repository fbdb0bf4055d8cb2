"""The Link graph app over HTTP (real app, real model, TestClient): upload → import → analyse → view → export."""

from __future__ import annotations

import re
import time
from types import SimpleNamespace

import polars as pl
import pytest

from tests.linkgraph.crawl_site import SiteServer, build_site, expected_crawl
from tests.linkgraph.helpers import HAND_EDGES, edge_csv
from whittle.linkgraph import arrays
from whittle.linkgraph.synthetic import generate

HX = {"HX-Request": "true"}
BASE = "/app/linkgraph"


def _run_state(whittle, run_id, step_id):
    app = whittle.apps["linkgraph"]
    return app.run_for(run_id).state.get(step_id)


def _wait_done(whittle, run_id, step_id, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _run_state(whittle, run_id, step_id)
        if state is not None and state.done:
            return state.result
        time.sleep(0.05)
    raise AssertionError(f"step {step_id} of run {run_id} did not finish")


def _open(client, key, whittle=None):
    """A new run, its optional crawl card skipped (an empty start URL)."""
    response = client.post(f"{BASE}/open", data={"key": key}, headers=HX)
    assert response.status_code == 200
    run_id = int(re.search(r'id="wf-run-(\d+)"', response.text).group(1))
    client.post(f"{BASE}/runs/{run_id}/steps/crawl", data={"start_url": "", "max_pages": "500", "max_depth": ""},
                headers=HX)
    if whittle is not None:
        assert _wait_done(whittle, run_id, "crawl") == {"skipped": True}
    return run_id


def test_upload_analyse_view_export(client, whittle, tmp_path, monkeypatch):
    monkeypatch.setenv("WHITTLE_THREADS", "1")
    edges, pages = generate(tmp_path / "site", edges=3000)
    run_id = _open(client, "site-01", whittle)
    step = f"{BASE}/runs/{run_id}/steps"

    refused = client.post(f"{step}/source", data={"folder": ""}, files={"edges": ("", b"", "text/csv")}, headers=HX).text
    assert "Upload a links CSV" in refused

    with edges.open("rb") as links, pages.open("rb") as meta:
        html = client.post(f"{step}/source", data={"folder": ""}, headers=HX,
                           files={"edges": ("all_inlinks.csv", links, "text/csv"), "pages": ("internal_all.csv", meta, "text/csv")}).text
    assert "Screaming Frog All Inlinks" in html and "all_inlinks.csv" in html
    uploads = list((whittle.settings.home / "apps" / "linkgraph" / "runs" / str(run_id) / "uploads").rglob("*.csv"))
    assert sorted(p.name for p in uploads) == ["all_inlinks.csv", "internal_all.csv"]
    assert {p.read_bytes() for p in uploads} == {edges.read_bytes(), pages.read_bytes()}  # streamed to disk intact

    html = client.post(f"{step}/columns", data={"mapping": ""}, headers=HX).text
    assert "links" in html and "Example lines" in html

    html = client.post(f"{step}/analysis", data={"start_url": "", "sitewide_share": "0.5"}, headers=HX).text
    assert "Deepest sections" in html and "Orphans" in html
    assert 'class="lg-findings"' in html and "Biggest problems, worst first" in html and "are orphans" in html
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("Link graph analysis" in n and "Click depth" in n for n in notes), "the assistant overhears the figures"
    assert any("\nBiggest problem" in n for n in notes), "...and the problems whittle ranked"

    html = client.post(f"{step}/view", data={"view": "all", "colour": "segment", "size": "link_score",
                                              "segment": "", "max_depth": "", "status_class": "any"}, headers=HX).text
    assert 'class="lg-view"' in html and "/static/linkgraph.js" in html

    response = client.get(f"{BASE}/runs/{run_id}/graph.bin?view=tree&colour=depth")
    assert response.status_code == 200 and response.headers["content-type"] == "application/octet-stream"
    data = arrays.parse(response.content)
    assert data["ids"].size == 300 and data["links"].size % 2 == 0
    assert "depth" in response.headers["X-Linkgraph-Legend"]
    assert client.get(f"{BASE}/runs/{run_id}/graph.bin?colour=nope").status_code == 400

    details = client.get(f"{BASE}/runs/{run_id}/nodes/0").text
    assert "https://www.example-outdoor-store.com/" in details and "Linked from" in details and "Links to" in details
    assert client.get(f"{BASE}/runs/{run_id}/nodes/99999").status_code == 404
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("The user selected the page https://www.example-outdoor-store.com/" in n for n in notes)

    html = client.post(f"{step}/export", headers=HX).text
    assert "Download the metrics CSV" in html
    exported = client.get(f"{BASE}/runs/{run_id}/metrics.csv")
    frame = pl.read_csv(exported.content)
    assert frame.height == 300 and "Link Score (0-100)" in frame.columns

    deadline = time.monotonic() + 120  # the reading is written by the real model through the router
    while time.monotonic() < deadline:
        said = [m.content for m in whittle.chat.store.history() if m.role == "assistant"]
        if any("Reading of the link graph" in s or "No reading" in s for s in said):
            break
        time.sleep(0.5)
    assert any("Reading of the link graph" in s for s in said)


def test_a_crawl_folder_is_a_source(client, whittle, tmp_path):
    generate(tmp_path / "crawl", edges=500)
    (tmp_path / "crawl" / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://www.example-outdoor-store.com/'
        'never-linked</loc></url></urlset>')
    run_id = _open(client, "site-02", whittle)
    html = client.post(f"{BASE}/runs/{run_id}/steps/source", data={"folder": str(tmp_path / "crawl")},
                       files={"edges": ("", b"", "text/csv")}, headers=HX).text
    assert "edges.csv" in html and "pages.csv" in html and "sitemap.xml" in html
    html = client.post(f"{BASE}/runs/{run_id}/steps/columns", data={"mapping": ""}, headers=HX).text
    assert "1 URL in the sitemap" in html or "sitemap URLs that no link mentions" in html
    client.post(f"{BASE}/runs/{run_id}/steps/columns/revert", data={"confirm": "yes"}, headers=HX)
    missing = client.post(f"{BASE}/runs/{run_id}/steps/source/revert", data={"confirm": "yes"}, headers=HX)
    assert missing.status_code == 200
    html = client.post(f"{BASE}/runs/{run_id}/steps/source", data={"folder": str(tmp_path)},
                       files={"edges": ("", b"", "text/csv")}, headers=HX).text
    assert "has no edges.csv" in html


def test_crawl_a_site_in_the_app_then_analyse_it(client, whittle):
    with SiteServer(build_site()) as site:
        html = client.post(f"{BASE}/open", data={"key": "crawled"}, headers=HX).text
        run_id = int(re.search(r'id="wf-run-(\d+)"', html).group(1))
        bad = client.post(f"{BASE}/runs/{run_id}/steps/crawl", data={"start_url": "ftp://nope", "max_pages": "50",
                                                                      "max_depth": ""}, headers=HX)
        assert bad.status_code == 200
        with pytest.raises(AssertionError, match="did not finish"):
            _wait_done(whittle, run_id, "crawl", timeout=2)  # a URL that is not http(s) is refused, nothing crawled
        client.post(f"{BASE}/runs/{run_id}/steps/crawl", data={"start_url": site.base + "/", "max_pages": "200",
                                                                "max_depth": ""}, headers=HX)
        result = _wait_done(whittle, run_id, "crawl")
    depths, edges = expected_crawl(site.site, site.base)
    assert result["fetched"] == len(depths) and result["edges"] == len(edges) and result["complete"]
    html = client.post(f"{BASE}/runs/{run_id}/steps/source", data={"folder": ""},
                       files={"edges": ("", b"", "text/csv")}, headers=HX).text
    assert "edges.csv" in html and "pages.csv" in html, "with nothing uploaded the crawl's links are the source"
    html = client.post(f"{BASE}/runs/{run_id}/steps/columns", data={"mapping": ""}, headers=HX).text
    assert f"{len(edges):,} links" in html or "links" in html


async def test_the_app_answers_the_biggest_problem_from_its_findings(whittle, tmp_path):
    """The hand graph: /g is the one page nothing links to (1 of 6), /e the one dead end. The app ranked them,
    so 'what is the biggest problem?' is answered by the app, exactly, without the model."""
    app = whittle.apps["linkgraph"]
    question = "What is the biggest problem with this site's internal links? Two sentences."
    folder = tmp_path / "crawl"
    folder.mkdir()
    edge_csv(folder / "edges.csv", HAND_EDGES)
    run = app.workflow.open("problems-01", ctx=whittle.app_context("linkgraph"))
    app.memory.remember_run(whittle.profiles.active().id, run.id)
    await whittle.open_app(app)
    await run.asubmit("crawl", {"start_url": "", "max_pages": 500})
    await run.asubmit("source", {"folder": str(folder)})
    await run.asubmit("columns", {"mapping": ""})
    assert not await app.on_user_message(SimpleNamespace(content=question)), "no analysis yet: the model answers"
    await run.asubmit("analysis", {"start_url": "", "sitewide_share": 0.5})
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any(n.endswith("Biggest problem: 1 page (17%) is an orphan with no internal link to it, in /: "
                          "link it from its section's hub page.") for n in notes)
    calls = whittle.db.query("SELECT COUNT(*) AS n FROM llm_calls")[0]["n"]
    await whittle.user_message(question, "linkgraph", None)
    assert whittle.chat.store.visible()[-1].content == (
        "Biggest problem: 1 page (17%) is an orphan with no internal link to it, in /. "
        "Link it from its section's hub page.")
    assert whittle.db.query("SELECT COUNT(*) AS n FROM llm_calls")[0]["n"] == calls, "no model was asked"
