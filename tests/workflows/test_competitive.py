"""Competitive analysis over HTTP with a scripted model: draft, background analysis, cancel/resume, table, CSV.

The scripted model stands in for the router here so the engine's timing (hold, fail) is exact; the
real model's drafting and analysis are in tests/apps/test_competitive_model.py.
"""

import asyncio
import csv
import io
import json
import re
import time

import pytest

from whittle.workflows.background import job_key

HX = {"HX-Request": "true"}
BASE = "/app/competitive-analysis"


class ScriptedModel:
    """Stands in for whittle.complete: answers from a script, can hold an item until released."""

    def __init__(self, answers=None, hold=None, fail=None):
        self.calls: list[str] = []
        self.answers = answers or {}
        self.hold, self.fail = hold, fail
        self.gate: asyncio.Event | None = None

    async def __call__(self, messages, *, purpose, max_tokens=256, **options):
        prompt = messages[-1]["content"]
        name = re.match(r"Competitor: (.+)", prompt)
        name = name.group(1) if name else "draft"
        self.calls.append(name)
        if name == self.fail:
            raise RuntimeError("tier unreachable")
        if name == self.hold:
            self.gate = self.gate or asyncio.Event()
            await self.gate.wait()
        default = {"Audience": f"users of {name}", "Pricing": "$10 a month", "Strengths": "fast", "Weaknesses": "few apps"}
        return self.answers.get(name, json.dumps(default))


@pytest.fixture
def app(whittle):
    return whittle.apps["competitive-analysis"]


def _start(client, key, names):
    html = client.post(f"{BASE}/open", data={"key": key}, headers=HX).text
    run_id = int(re.search(r'id="wf-run-(\d+)"', html).group(1))
    saved = client.post(
        f"{BASE}/runs/{run_id}/steps/competitors", data={"description": "", "competitors": names}, headers=HX
    )
    assert 'data-step="analysis"' in saved.text
    return run_id


def _wait(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_draft_adds_suggestions_for_review_or_says_why_not(client, app):
    html = client.post(f"{BASE}/open", data={"key": "draft-01"}, headers=HX).text
    run_id = int(re.search(r'id="wf-run-(\d+)"', html).group(1))
    draft = f"{BASE}/runs/{run_id}/draft"
    assert (
        "Describe your business first"
        in client.post(draft, data={"description": " ", "competitors": "Notion"}, headers=HX).text
    )

    app.services.complete = ScriptedModel({"draft": '{"competitors": ["Asana", "Trello", "notion", "Asana", "1."]}'})
    card = client.post(draft, data={"description": "project tool", "competitors": "Notion"}, headers=HX).text
    assert re.search(r"<textarea[^>]*name=\"competitors\"[^>]*>Notion\nAsana\nTrello</textarea>", card)
    assert "Added 2 suggestions: review them, then Save list." in card
    assert app.store.step_states(run_id) == {}, "a draft is not saved until the user saves the list"

    app.services.complete = ScriptedModel({"draft": '{"competitors": ["Asana", "Project Tool", "notion"]}'})
    card = client.post(draft, data={"description": "project tool", "competitors": "Notion, Trello"}, headers=HX).text
    assert "Added 1 suggestion: review them" in card, "one suggestion, not '1 suggestions'"

    app.services.complete = ScriptedModel({"draft": '{"competitors": ["A: 1. 2. 3. 4. 5", "1."]}'})
    card = client.post(draft, data={"description": "project tool", "competitors": "Notion"}, headers=HX).text
    assert "The local model could not draft competitors for this description" in card
    assert "Type them yourself, or add a bigger model on the Models page" in card
    assert ">Notion</textarea>" in card, "what the user typed is kept, and no junk is added"


def test_analysis_runs_in_the_background_cancels_and_resumes_where_it_stopped(client, app):
    model = app.services.complete = ScriptedModel(hold="Asana")
    run_id = _start(client, "live-01", "Notion\nAsana\nTrello")
    running = client.post(
        f"{BASE}/runs/{run_id}/steps/analysis", data={"aspects": "Audience\nPricing"}, headers=HX
    ).text
    assert f'sse-connect="{BASE}/runs/{run_id}/steps/analysis/progress"' in running and ">Cancel</button>" in running

    _wait(lambda: model.calls == ["Notion", "Asana"])
    progress = app.store.step_states(run_id)["analysis"].progress
    assert progress["done"] == 1 and progress["message"] == "Analysing Asana…"

    stopped = client.post(f"{BASE}/runs/{run_id}/steps/analysis/cancel", headers=HX).text
    assert "Resume (1 of 3 done)" in stopped and "Cancelled. What was done so far is saved" in stopped
    assert "sse-connect" not in stopped

    model.hold = None
    client.post(f"{BASE}/runs/{run_id}/steps/analysis", data={"aspects": "Audience\nPricing"}, headers=HX)
    _wait(lambda: app.store.step_states(run_id)["analysis"].done)
    assert model.calls == ["Notion", "Asana", "Asana", "Trello"], "Notion was not analysed twice"
    result = app.store.step_states(run_id)["analysis"].result
    assert [r["competitor"] for r in result["rows"]] == ["Notion", "Asana", "Trello"]
    assert result["rows"][2]["aspects"] == {"Audience": "users of Trello", "Pricing": "$10 a month"}
    events = client.get(f"{BASE}/runs/{run_id}/steps/analysis/progress").text
    assert events == "event: done\ndata: \n\n", "a finished job tells the page to reload the run"
    page = client.get(f"{BASE}/runs/{run_id}", headers=HX).text
    assert "Trello: 2 of 2 aspects answered" in page and 'data-step="table"' in page


def test_a_failing_item_shows_on_the_card_and_keeps_the_work_done(client, app):
    app.services.complete = ScriptedModel(fail="Asana")
    run_id = _start(client, "fail-01", "Notion, Asana, Trello")
    client.post(f"{BASE}/runs/{run_id}/steps/analysis", data={"aspects": "Pricing"}, headers=HX)
    _wait(lambda: not app.jobs.running(job_key(run_id, "analysis")))
    card = client.get(f"{BASE}/runs/{run_id}", headers=HX).text
    assert (
        "&#x27;Analysis&#x27; failed: RuntimeError: tier unreachable" in card
        or "'Analysis' failed: RuntimeError: tier unreachable" in card
    )
    assert "Resume (1 of 3 done)" in card
    assert not app.store.step_states(run_id)["analysis"].done


def test_table_and_csv_export_with_labels_and_safe_quoting(client, app):
    tricky = json.dumps(
        {"Audience": 'teams, "big" ones', "Pricing": '=HYPERLINK("http://evil")', "Strengths": "line one", "Weaknesses": "-"}
    )
    app.services.complete = ScriptedModel({"Notion": tricky})
    run_id = _start(client, "acme-competitors-03", "Notion\nAsana")
    client.post(
        f"{BASE}/runs/{run_id}/steps/analysis", data={"aspects": "Audience\nPricing\nStrengths\nWeaknesses"}, headers=HX
    )
    _wait(
        lambda: (
            app.store.step_states(run_id).get("analysis") is not None and app.store.step_states(run_id)["analysis"].done
        )
    )
    assert client.get(f"{BASE}/runs/{run_id}/export.csv").status_code == 409

    table = client.post(f"{BASE}/runs/{run_id}/steps/table", headers=HX).text
    assert re.search(r"<th scope=\"col\">Competitor</th>\s*<th scope=\"col\">Audience</th>", table)
    assert "teams, &quot;big&quot; ones" in table or 'teams, "big" ones' in table
    exported = client.post(f"{BASE}/runs/{run_id}/steps/export", data={"include_raw": "on"}, headers=HX).text
    assert f'href="{BASE}/runs/{run_id}/export.csv"' in exported and 'download="acme-competitors-03.csv"' in exported

    response = client.get(f"{BASE}/runs/{run_id}/export.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="acme-competitors-03.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Competitor", "Audience", "Pricing", "Strengths", "Weaknesses", "Model answer (raw)"]
    assert rows[1][:4] == ["Notion", 'teams, "big" ones', '\'=HYPERLINK("http://evil")', "line one"]
    assert rows[1][4].startswith("Not answered"), "a failed aspect says so, never a junk '-'"
    assert rows[1][5] == tricky, "the raw answer, as the model wrote it"
    assert rows[2][0] == "Asana" and len(rows) == 3


async def test_progress_streams_over_sse_and_a_restart_offers_to_resume(whittle, settings, model, app):
    from fasthtml.common import to_xml

    from whittle.core import Whittle
    from whittle.workflows import Run

    scripted = app.services.complete = ScriptedModel(hold="Asana")
    record, _ = app.store.open_run(app.workflow.name, app.profile.id, "sse-01")
    run = Run(app.workflow, app.store, record, app.services)
    await run.asubmit("competitors", {"description": "", "competitors": "Notion\nAsana"})
    step = app.workflow.step("analysis")
    assert 'sse-connect="' in to_xml(app.start_background(run, step, {"aspects": "Pricing"}))

    stream = app._progress_stream(run, step)
    frames = [await anext(stream)]
    while "1 of 2" not in frames[-1]:
        frames.append(await asyncio.wait_for(anext(stream), 5))
    assert frames[-1].startswith("event: progress\ndata: ") and re.search(r"✓(</span>)?\s*Notion", frames[-1])
    assert scripted.calls == ["Notion", "Asana"]

    restarted = Whittle(settings, model=model)  # the server died and came back on the same data
    try:
        again = restarted.apps["competitive-analysis"]
        card = to_xml(again.step_card(Run(again.workflow, again.store, record, again.services), step))
        assert "Resume (1 of 2 done)" in card and "sse-connect" not in card
        assert again.jobs.state(job_key(run.id, "analysis")).status == "interrupted"
    finally:
        restarted.close()

    await app.jobs.cancel(job_key(run.id, "analysis"))
    last = await anext(stream)
    assert last.startswith("event: progress\n") and "1 of 2" in last, "the bar as it was when the job ended"
    assert await anext(stream) == "event: done\ndata: \n\n"
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("cancelled 'Analysis' after 1 of 2; it can resume" in note for note in notes)
