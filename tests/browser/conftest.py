import os

import pytest

from tests.support.testing import ServerProcess, browser_launch_options

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: Playwright's sync API keeps an event loop marked as running
    # in the main thread while it is open, which would break the asyncio tests that follow.
    if not os.path.exists("/usr/bin/chromium"):
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or `apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(**browser_launch_options())
        yield instance
        instance.close()


@pytest.fixture
def server(tmp_path):
    with ServerProcess(tmp_path / "home", extra_args=("--max-tokens", "300")) as running:
        yield running


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    foreign_requests = []
    tab.on("request", lambda r: None if r.url.startswith(server.url) or r.url.startswith("ws://127.0.0.1") else foreign_requests.append(r.url))
    tab.goto(server.url + "/")
    tab.wait_for_selector('body[data-chat="connected"]')
    tab.foreign_requests = foreign_requests
    yield tab
    context.close()
