"""Long job in headless chromium: the bar advances over SSE, Start locks and unlocks, Cancel, close and reopen."""

import time

import pytest
from playwright.sync_api import expect

from tests.support.testing import ServerProcess

pytestmark = pytest.mark.browser

SIZE_MB = 600  # 4-15 s on 2 busy cores: long enough to watch and to cancel
LONG_MB = 20_000  # for closing and reopening the tab, on any machine; that test cancels it

# Sample the bar and the Start button every 25 ms; the elements are replaced by swaps, so look them up each time.
RECORD = """
() => {
  window.__samples = [];
  setInterval(() => {
    const bar = document.getElementById('long-job-bar'), start = document.getElementById('long-job-start');
    if (bar && start) window.__samples.push({value: Number(bar.value), max: Number(bar.max),
      disabled: start.disabled, busy: start.getAttribute('aria-busy')});
  }, 25);
}
"""
LOCKED = "#long-job-start[disabled][aria-busy=true]"


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """One server per job size for this module (overrides conftest's); the size is read at start-up."""
    size = getattr(request, "param", SIZE_MB)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("WHITTLE_LONG_JOB_MB", str(size))
        running = ServerProcess(tmp_path_factory.mktemp("long-job") / "home", extra_args=("--max-tokens", "40")).start()
    yield running
    running.stop()


def _open_app(page):
    page.click("#app-menu >> text=Long job")
    page.wait_for_selector("#long-job-panel")
    assert page.locator("#long-job-panel").get_attribute("data-status") != "running", "a job from another test still runs"


def _bar(page) -> float:
    return float(page.locator("#long-job-bar").get_attribute("value"))


def test_progress_advances_start_locks_then_unlocks_and_the_ai_narrates(page):
    _open_app(page)
    answers_before = page.locator(".msg-assistant").count()
    page.evaluate(RECORD)
    page.click("#long-job-start")
    page.wait_for_selector(LOCKED)
    assert page.locator("#long-job-cancel").is_enabled()

    page.wait_for_selector("#long-job-panel[data-status=done]", timeout=60_000)
    samples = page.evaluate("window.__samples")
    during = [s for s in samples if 0 < s["value"] < s["max"]]
    values = [s["value"] for s in during]
    assert len(set(values)) >= 5, f"the bar must visibly advance, saw {sorted(set(values))}"
    assert values == sorted(values), "progress never goes backwards"
    assert all(s["disabled"] and s["busy"] == "true" for s in during), "Start stays locked while the job runs"

    start = page.locator("#long-job-start")
    assert start.is_enabled() and start.get_attribute("aria-busy") is None, "the final SSE event unlocks Start"
    assert page.locator("#long-job-cancel").is_disabled()
    assert _bar(page) == SIZE_MB
    assert "SHA-256:" in page.locator("#long-job-status").inner_text()
    assert page.locator("#long-job-panel[sse-connect]").count() == 0, "no stream is left open"

    # The assistant narrates the milestones in the chat (the model's answers queue one after another).
    page.wait_for_function(f"document.querySelectorAll('.msg-assistant').length > {answers_before}", timeout=30_000)


def test_cancel_stops_the_job_and_unlocks_start(page):
    _open_app(page)
    page.click("#long-job-start")
    page.wait_for_selector(LOCKED)
    page.wait_for_function("Number(document.getElementById('long-job-bar').value) > 10")

    clicked = time.perf_counter()
    page.click("#long-job-cancel")
    page.wait_for_selector("#long-job-panel[data-status=cancelled]", timeout=5_000)
    latency = time.perf_counter() - clicked
    assert latency < 2.0, f"Cancel took {latency:.2f} s to show"
    # The stream's last panel may land before Cancel's answer, which brings the message: wait for it.
    expect(page.locator("#long-job-message")).to_contain_text("Cancelled in", timeout=2_000)  # via HTTP or the socket
    assert page.locator("#long-job-start").is_enabled()
    assert page.locator("#long-job-start").get_attribute("aria-busy") is None

    stopped_at = _bar(page)
    assert 10 < stopped_at < SIZE_MB
    page.wait_for_timeout(600)
    assert _bar(page) == stopped_at, "no progress after Cancel"
    assert "Cancelled at" in page.locator("#long-job-status").inner_text()


@pytest.mark.parametrize("server", [LONG_MB], indirect=True)
def test_closing_the_tab_does_not_stop_the_job_and_a_new_tab_shows_it(page, server):
    _open_app(page)
    page.click("#long-job-start")
    page.wait_for_function("Number(document.getElementById('long-job-bar').value) > 10")
    before_close = _bar(page)
    context = page.context
    page.close()

    time.sleep(0.5)
    tab = context.new_page()
    tab.goto(server.url + "/app/long-job")
    tab.wait_for_selector('body[data-chat="connected"]')
    assert tab.locator(LOCKED).count() == 1, "the new tab knows the job is still running"
    assert tab.locator("#long-job-cancel").is_enabled()
    reopened_at = _bar(tab)
    assert reopened_at > before_close, "the job went on while no tab was open"
    tab.wait_for_function(f"Number(document.getElementById('long-job-bar').value) > {reopened_at}")  # live again

    tab.click("#long-job-cancel")
    tab.wait_for_selector("#long-job-panel[data-status=cancelled]", timeout=5_000)
    assert tab.locator("#long-job-start").is_enabled()
