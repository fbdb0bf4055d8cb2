"""Link graph in headless chromium with software WebGL: upload a 10k-link export, draw it, click a page."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest
from PIL import Image

from tests.support.testing import ServerProcess, browser_launch_options
from whittle.linkgraph.synthetic import generate

pytestmark = pytest.mark.browser
# WebGL without a GPU: chromium's SwiftShader (software) backend; --disable-gpu would turn WebGL off.
WEBGL_ARGS = ["--use-gl=angle", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists("/usr/bin/chromium"):
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    options = browser_launch_options()
    options["args"] = [a for a in options["args"] if a != "--disable-gpu"] + WEBGL_ARGS
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(**options)
        yield instance
        instance.close()


@pytest.fixture
def server(tmp_path):
    with ServerProcess(tmp_path / "home", extra_args=("--max-tokens", "16")) as running:
        yield running


def _card(page, step, state=""):
    return page.locator(f"[data-step={step}].wf-card{state}")


def _submit(page, step):
    _card(page, step, ".wf-open").locator(".wf-submit").click()
    _card(page, step, ".wf-done").wait_for(timeout=60_000)


def test_draws_a_10k_link_graph_and_shows_a_clicked_page(browser, server, tmp_path):
    edges, pages = generate(tmp_path / "site", edges=10_000)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: None if r.url.startswith(server.url) or r.url.startswith("ws://127.0.0.1") else foreign.append(r.url))
    page.goto(server.url + "/")
    page.wait_for_selector('body[data-chat="connected"]')
    page.click("#app-menu >> text=Link graph")
    page.wait_for_selector("#wf-linkgraph")
    page.click("#wf-linkgraph-new button")

    _submit(page, "crawl")  # no start URL: the optional crawl is skipped, the export is uploaded instead
    assert "No crawl" in _card(page, "crawl").inner_text()
    _card(page, "source", ".wf-open").locator("input[name=edges]").set_input_files(str(edges))
    _card(page, "source").locator("input[name=pages]").set_input_files(str(pages))
    _submit(page, "source")
    assert "Screaming Frog All Inlinks" in _card(page, "source").inner_text()
    _submit(page, "columns")
    _submit(page, "analysis")
    assert "Deepest sections" in _card(page, "analysis").inner_text()
    _submit(page, "view")

    view = page.locator(".lg-view")
    page.wait_for_function("document.querySelector('.lg-view')?.dataset.drawn > 0", timeout=60_000)
    assert int(view.get_attribute("data-drawn")) == 1000
    page.wait_for_timeout(1500)  # a few frames of the simulation
    page.locator(".lg-canvas").scroll_into_view_if_needed()
    shot = np.asarray(Image.open(io.BytesIO(page.locator(".lg-canvas canvas").screenshot())).convert("RGB")).astype(int)
    lit = int((np.abs(shot - [0x10, 0x14, 0x18]).max(axis=2) > 40).sum())  # pixels unlike the background
    assert lit > 500, f"the canvas is blank ({lit} non-background pixels)"
    assert page.locator(".lg-legend .lg-key").count() >= 5  # colour by section: one key per section

    # Click the home page's point: stop the simulation, find its screen position, click there.
    target = page.evaluate("""() => {
        const {graph, state} = window.whittleLinkgraph;
        graph.pause();
        const index = state.data.ids.indexOf(0);
        const p = graph.getPointPositions();
        const [x, y] = graph.spaceToScreenPosition([p[2 * index], p[2 * index + 1]]);
        const box = document.querySelector('.lg-canvas canvas').getBoundingClientRect();
        return {x: box.left + x, y: box.top + y};
    }""")
    page.mouse.move(target["x"] - 5, target["y"] - 5)
    page.mouse.move(target["x"], target["y"], steps=5)  # cosmos finds the hovered point on the GPU, frames later
    page.locator(".lg-tooltip").wait_for(timeout=15_000)
    assert "https://www.example-outdoor-store.com/" in page.locator(".lg-tooltip").inner_text()
    page.mouse.click(target["x"], target["y"])
    details = page.locator(".lg-details .lg-node")
    details.wait_for(timeout=15_000)
    text = details.inner_text()
    assert "Linked from" in text and "Links to" in text and "Link Score" in text
    assert foreign == [], f"requests left the machine: {foreign}"
    context.close()
