"""Time to the first drawn frame of the Link graph view, in headless chromium (software WebGL).

A real `whittle serve` with its own data home; the run is driven through the app's own HTTP
steps (crawl skipped, the generated site's folder as the source, import, analysis, view), then
the page is opened and the view's `data-first-frame-ms` is read: what linkgraph.js measured
from the start of loading /graph.bin to the first animation frame after cosmos drew it.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import httpx

from tests.support.testing import ServerProcess, browser_launch_options

HX = {"HX-Request": "true"}
APP = "/app/linkgraph"


def _wait_step(client: httpx.Client, run_id: int, step: str, timeout: float) -> None:
    """Background steps answer at once; the run's page says when the card is done."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        html = client.get(f"{APP}/runs/{run_id}", headers=HX).text
        if re.search(rf'data-step="{step}"[^>]*class="wf-card wf-done', html):
            return
        time.sleep(0.5)
    raise RuntimeError(f"the {step} step did not finish within {timeout:.0f} s")


def prepare_run(base_url: str, site: Path, timeout: float = 1800) -> int:
    """Import and analyse the site folder through the app's steps; the run's id."""
    with httpx.Client(base_url=base_url, timeout=timeout) as client:
        html = client.post(f"{APP}/open", data={"key": f"frame-{site.name}"}, headers=HX).text
        run_id = int(re.search(r'id="wf-run-(\d+)"', html).group(1))
        steps = f"{APP}/runs/{run_id}/steps"
        client.post(f"{steps}/crawl", data={"start_url": "", "max_pages": "500", "max_depth": ""}, headers=HX)
        _wait_step(client, run_id, "crawl", 60)
        for step, data in (("source", {"folder": str(site)}), ("columns", {"mapping": ""}),
                           ("analysis", {"start_url": "", "sitewide_share": "0.5"}),
                           ("view", {"view": "all", "colour": "segment", "size": "link_score", "segment": "",
                                     "max_depth": "", "status_class": "any"})):
            html = client.post(f"{steps}/{step}", data=data, files={"edges": ("", b"", "text/csv")} if step == "source"
                               else None, headers=HX).text
            if f'data-step="{step}"' not in html or "wf-done" not in html.split(f'data-step="{step}"', 1)[1][:200]:
                raise RuntimeError(f"the {step} step failed: {html[:2000]}")
    return run_id


def first_frame_ms(site: Path, home: Path, timeout_s: float = 600) -> dict:
    """{"first_frame_ms", "page_to_frame_s", "drawn_pages"} for the site's "all links" view."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - bench-only dependency

    server = ServerProcess(home).start(timeout=600)  # a loaded machine starts it slowly; this is not what is timed
    try:
        prepare_run(server.url, site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**browser_launch_options())
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                started = time.perf_counter()
                page.goto(f"{server.url}{APP}")  # the app opens on its latest run: this one
                # Read in the same evaluation that sees it: the app area may be swapped again afterwards.
                found = page.wait_for_function(
                    "() => { const v = document.querySelector('.lg-view[data-first-frame-ms]');"
                    " return v && [v.dataset.firstFrameMs, v.dataset.drawn]; }", timeout=timeout_s * 1000)
                frame_ms, drawn = found.json_value()
                waited = time.perf_counter() - started
                return {"first_frame_ms": int(frame_ms), "page_to_frame_s": round(waited, 2), "drawn_pages": int(drawn)}
            finally:
                browser.close()
    finally:
        server.stop()
