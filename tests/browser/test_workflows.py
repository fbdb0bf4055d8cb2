"""Workflows end to end in headless chromium against a real server and the real model."""

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.testing import ServerProcess

pytestmark = pytest.mark.browser
SERVER_ARGS = ("--max-tokens", "16")  # each model call in a step stays short: the 135M model on 2 cores

RECORD_PROGRESS = """
() => {
  window.__progress = [];
  new MutationObserver(() => {
    document.querySelectorAll('.wf-progress-text').forEach(el => {
      const text = el.textContent.trim();
      if (window.__progress[window.__progress.length - 1] !== text) window.__progress.push(text);
    });
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""


@pytest.fixture
def server(tmp_path):
    with ServerProcess(tmp_path / "home", extra_args=SERVER_ARGS) as running:
        yield running


def _card(page, step, state=""):
    return page.locator(f"[data-step={step}].wf-card{state}")


def _open_app(page, title, name):
    page.click(f"#app-menu >> text={title}")
    page.wait_for_selector(f"#wf-{name}")


def _start_run(page, name, key=None):
    """Open (or start) the run with this key; without a key, press New run."""
    if key is None:
        page.click(f"#wf-{name}-new button")
        return
    page.fill(f"#wf-{name}-key", key)
    page.click(f"#wf-{name}-keyform button[type=submit]")


def _restart(server):
    server.stop()
    return ServerProcess(server.home, port=server.port, extra_args=SERVER_ARGS).start()


def _db(server):
    return sqlite3.connect(server.home / "whittle.db")


def test_hello_workflow_steps_revert_finalize_and_resume_after_restart(page, server):
    _open_app(page, "Hello workflow", "hello-workflow")
    page.evaluate("window.__sameDocument = true")
    assert "Starts run default-hello-01." in page.inner_text("#wf-hello-workflow-new")
    _start_run(page, "hello-workflow")
    page.wait_for_selector("h3 >> text='Run default-hello-01'")

    _card(page, "name", ".wf-open").locator(".wf-submit").click()
    assert "this is required" in _card(page, "name").locator("[role=alert]").inner_text()
    _card(page, "name").locator("input[name=name]").fill("Ada")
    _card(page, "name").locator(".wf-submit").click()
    _card(page, "greeting", ".wf-open").wait_for()
    _card(page, "name", ".wf-done").wait_for()  # htmx settles the swapped card's class a moment later
    _card(page, "greeting").locator("select[name=greeting]").select_option("Hi")
    _card(page, "greeting").locator(".wf-submit").click()
    assert "Hi, Ada!" in _card(page, "greeting", ".wf-done").inner_text()
    assert page.evaluate("window.__sameDocument") is True, "every step ran without a page reload"

    _card(page, "name").get_by_role("button", name="Minimize Your name", exact=True).click()
    _card(page, "name", ".wf-min").wait_for()
    page.reload()
    _card(page, "name", ".wf-min").wait_for()
    _card(page, "name").get_by_role("button", name="Restore Your name", exact=True).click()
    _card(page, "name", ".wf-done:not(.wf-min)").wait_for()

    page.once("dialog", lambda dialog: dialog.accept())
    _card(page, "name").get_by_role("button", name="Revert", exact=True).click()
    _card(page, "greeting").wait_for(state="detached")
    assert _card(page, "name", ".wf-open").locator("input[name=name]").input_value() == "Ada"
    _card(page, "name").locator("input[name=name]").fill("Grace")
    _card(page, "name").locator(".wf-submit").click()
    _card(page, "greeting").locator(".wf-submit").click()
    assert "Hello, Grace!" in _card(page, "greeting", ".wf-done").inner_text()

    page.get_by_role("button", name="Finalize", exact=True).click()
    page.wait_for_selector(".wf-run .wf-badge")
    expect(page.get_by_role("button", name="Revert", exact=True)).to_have_count(0)  # a finalized run is read-only
    page.get_by_role("button", name="Unfinalize", exact=True).click()
    page.get_by_role("button", name="Finalize", exact=True).wait_for()
    expect(page.get_by_role("button", name="Revert", exact=True)).to_have_count(2)

    _start_run(page, "hello-workflow", "half-done")  # a second run, left after step 1
    _card(page, "name").locator("input[name=name]").fill("Katherine")
    _card(page, "name").locator(".wf-submit").click()
    _card(page, "greeting", ".wf-open").wait_for()
    restarted = _restart(server)
    try:
        page.goto(f"{restarted.url}/app/hello-workflow")
        _start_run(page, "hello-workflow", "default-hello-01")
        assert "Hello, Grace!" in _card(page, "greeting", ".wf-done").inner_text()
        _start_run(page, "hello-workflow", "half-done")
        _card(page, "greeting", ".wf-open").wait_for()
        assert "Katherine" in _card(page, "name", ".wf-done").inner_text()
        assert "half-done" in page.locator("#wf-hello-workflow-runs").inner_text()

        page.once("dialog", lambda dialog: dialog.dismiss())  # the browser asks first: "no" keeps it
        page.get_by_role("button", name="Delete run", exact=True).click()
        page.wait_for_timeout(300)
        assert "half-done" in page.locator("#wf-hello-workflow-runs").inner_text()
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Delete run", exact=True).click()
        expect(page.locator("#wf-hello-workflow-runs")).not_to_contain_text("half-done")
        assert "default-hello-01" in page.locator("#wf-hello-workflow-runs").inner_text()
    finally:
        restarted.stop()
    with _db(restarted) as db:
        heard = [row[0] for row in db.execute("SELECT content FROM messages WHERE role='context'")]
    assert any("completed step 2 'Greeting' with greeting='Hi'" in text for text in heard), "the assistant overheard"
    assert any("Hello workflow" in text and "2 steps" in text for text in heard), "and was taught the workflow"


def test_competitive_analysis_with_the_real_model(page, server, tmp_path):
    _open_app(page, "Competitive analysis", "competitive-analysis")
    _start_run(page, "competitive-analysis", "acme-competitors-01")
    first = _card(page, "competitors", ".wf-open")
    first.locator("textarea[name=description]").fill("online project management software for small teams")
    first.locator(".wf-draft").click()
    outcome = page.locator("[data-step=competitors] .wf-message, [data-step=competitors] [role=alert]")
    outcome.wait_for(timeout=60_000)
    said = outcome.inner_text()  # suggestions, or a plain "could not" (the checks refuse junk from the local model)
    assert "suggestion" in said or "did not suggest usable names" in said or "could not draft competitors" in said

    _card(page, "competitors").locator("textarea[name=competitors]").fill("Notion\nAsana")
    _card(page, "competitors").locator(".wf-submit").click()
    _card(page, "analysis", ".wf-open").wait_for()
    page.evaluate(RECORD_PROGRESS)
    _card(page, "analysis").locator(".wf-submit").click()
    page.wait_for_function("window.__progress.some(t => t.startsWith('1 of 2'))", timeout=90_000)
    _card(page, "analysis").get_by_role("button", name="Cancel", exact=True).click()
    resume = _card(page, "analysis").locator(".wf-submit")
    assert resume.inner_text() == "Resume (1 of 2 done)"
    stopped = _card(page, "analysis")
    assert stopped.locator(".wf-progress-text").inner_text().startswith("1 of 2 — Cancelled")
    expect(stopped.locator("[aria-busy=true]")).to_have_count(0)  # no spinner on a cancelled step
    expect(stopped.locator(".wf-progress-items .wf-mark", has_text="…")).to_have_count(0)  # nothing "in progress"
    resume.click()
    _card(page, "analysis", ".wf-done").wait_for(timeout=120_000)
    seen = page.evaluate("window.__progress")
    assert len(seen) >= 3 and any(t.startswith("2 of 2") for t in seen), seen
    with _db(server) as db:
        notion_calls = db.execute(
            "SELECT COUNT(*) FROM llm_calls WHERE messages LIKE '%Competitor: Notion%'"
        ).fetchone()
    assert notion_calls == (1,), "Notion was analysed before the cancel and not again after Resume"

    _card(page, "table").locator(".wf-submit").click()
    _card(page, "table", ".wf-done").wait_for()
    table = _card(page, "table", ".wf-done").locator("table")
    headers = table.locator("th").all_inner_texts()
    assert headers == ["Competitor", "Audience", "Pricing", "Strengths", "Weaknesses"]
    assert table.locator("tbody tr td:first-child").all_inner_texts() == ["Notion", "Asana"]

    _card(page, "export").locator("input[name=include_raw]").check()
    _card(page, "export").locator(".wf-submit").click()
    with page.expect_download() as download:
        _card(page, "export", ".wf-done").get_by_role("button", name="Download acme-competitors-01.csv").click()
    assert download.value.suggested_filename == "acme-competitors-01.csv"
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0] == [*headers, "Model answer (raw)"]
    assert [row[0] for row in rows[1:]] == ["Notion", "Asana"]

    restarted = _restart(server)
    try:
        page.goto(f"{restarted.url}/app/competitive-analysis")
        _start_run(page, "competitive-analysis", "other-run")
        _card(page, "competitors", ".wf-open").wait_for()
        _start_run(page, "competitive-analysis", "acme-competitors-01")
        _card(page, "export", ".wf-done").wait_for()
        expect(page.locator(".wf-card.wf-done")).to_have_count(4)
        csv_again = page.request.get(f"{restarted.url}/app/competitive-analysis/runs/1/export.csv")
        assert csv_again.ok and csv_again.text().lstrip("\ufeff").startswith("Competitor,Audience")
    finally:
        restarted.stop()
