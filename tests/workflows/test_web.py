"""The workflow app over HTTP (the real app, TestClient): cards, the HTMX chain, errors, scoping, the chat."""

import re

import pytest

from whittle.apps.hello_workflow import HelloWorkflow

HX = {"HX-Request": "true"}
YES = {"confirm": "yes"}
BASE = "/app/hello-workflow"


def _open(client, key):
    response = client.post(f"{BASE}/open", data={"key": key}, headers=HX)
    assert response.status_code == 200
    return response.text, int(re.search(r'id="wf-run-(\d+)"', response.text).group(1))


def _cards(html):
    """Card ids and their kind, in page order."""
    return re.findall(r'data-step="(\w+)" id="wf-\d+-\w+" class="wf-card (wf-done|wf-open)', html)


def test_hello_through_the_browser_routes(client, whittle):
    page = client.get(BASE, headers={**HX, "HX-Target": "app-area"}).text
    assert ">New run</button>" in page and "Starts run default-hello-01." in page, "the key is made up for the user"
    assert 'name="key" value=""' in page, "the key field starts empty: Enter in it starts nothing by itself"

    html, run_id = _open(client, "default-hello-01")
    assert _cards(html) == [("name", "wf-open")], "the first step is a form, later steps are hidden"
    assert "at step 1 of 2" in html

    step = f"{BASE}/runs/{run_id}/steps"
    refused = client.post(f"{step}/name", data={"name": "   "}, headers=HX).text
    assert (
        'role="alert"' in refused
        and "Name: this is required" not in refused
        and "this is required; fill it in." in refused
    )
    assert 'aria-invalid="true"' in refused and _cards(refused) == [("name", "wf-open")]
    assert whittle.db.query("SELECT COUNT(*) FROM workflow_steps")[0][0] == 0

    chained = client.post(f"{step}/name", data={"name": "Ada"}, headers=HX).text
    assert _cards(chained) == [("name", "wf-done"), ("greeting", "wf-open")], "the locked card, then the next one"
    assert f'<header hx-swap-oob="true" id="wf-run-{run_id}-head">' in chained and "at step 2 of 2" in chained
    assert re.search(r"<option[^>]*selected[^>]*>Hello</option>", chained), "defaults fill the form"

    done = client.post(f"{step}/greeting", data={"greeting": "Hi"}, headers=HX).text
    assert "Hi, Ada!" in done and ">Finalize</button>" in done

    unconfirmed = client.post(f"{step}/name/revert", headers=HX).text
    assert "Going back to step 'Your name' needs confirming: press Revert and confirm" in unconfirmed
    assert "Hi, Ada!" in client.get(f"{BASE}/runs/{run_id}", headers=HX).text, "nothing was reverted"
    reverted = client.post(f"{step}/name/revert", data=YES, headers=HX).text
    assert _cards(reverted) == [("name", "wf-open")] and 'value="Ada"' in reverted, "the reverted step keeps its value"
    client.post(f"{step}/name", data={"name": "Grace"}, headers=HX)
    assert "Good morning, Grace!" in client.post(f"{step}/greeting", data={"greeting": "Good morning"}, headers=HX).text

    final = client.post(f"{BASE}/runs/{run_id}/finalize", headers=HX).text
    assert "finalized" in final and ">Unfinalize</button>" in final and ">Revert</button>" not in final
    blocked = client.post(f"{step}/name/revert", data=YES, headers=HX)
    assert (
        "finalized (read-only); unfinalize it" in blocked.text
        and blocked.headers["HX-Retarget"] == "#wf-hello-workflow"
    )
    unlocked = client.post(f"{BASE}/runs/{run_id}/unfinalize", headers=HX).text
    assert ">Revert</button>" in unlocked and ">Finalize</button>" in unlocked

    context = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("started a new run 'default-hello-01'" in c for c in context)
    assert any("completed step 2 'Greeting' with greeting='Hi'" in c for c in context)
    assert any("finalized the run" in c for c in context)


def test_a_bad_key_is_refused_and_kept_in_the_form(client, whittle):
    response = client.post(f"{BASE}/open", data={"key": "acme/2024"}, headers=HX)
    assert (
        "cannot be a key: it contains &#x27;/&#x27;" in response.text
        or "cannot be a key: it contains '/'" in response.text
    )
    assert 'value="acme/2024"' in response.text
    assert whittle.db.query("SELECT COUNT(*) FROM workflow_runs")[0][0] == 0


def test_a_run_driven_from_python_shows_in_the_page_and_resumes_by_key(client, home):
    with HelloWorkflow.open("notebook-run", home=home) as run:
        run.submit("name", {"name": "Katherine"})
    html, run_id = _open(client, "notebook-run")
    assert run_id == run.id
    assert _cards(html) == [("name", "wf-done"), ("greeting", "wf-open")] and "Katherine" in html
    listed = client.get(BASE, headers={**HX, "HX-Target": "app-area"}).text
    assert "notebook-run</a><small> 1 of 2 steps done" in listed

    with HelloWorkflow.open("notebook-run", home=home) as again:  # the notebook sees the browser's work too
        client.post(f"{BASE}/runs/{run_id}/steps/greeting", data={"greeting": "Hello"}, headers=HX)
        assert again.result("greeting") == "Hello, Katherine!"


def test_another_profiles_run_cannot_be_opened(client, whittle):
    other = whittle.profiles.create("Client B")
    _, run_id = _open(client, "mine")
    whittle.profiles.switch(other.id)
    response = client.get(f"{BASE}/runs/{run_id}", headers=HX).text
    assert "belongs to another profile; switch to that profile" in response
    assert "mine</a>" not in response, "the run list shows this profile's runs only"
    _, theirs = _open(client, "mine")
    assert theirs != run_id, "the same key in another profile is another run"


def test_minimized_cards_stay_minimized(client):
    _, run_id = _open(client, "mini")
    client.post(f"{BASE}/runs/{run_id}/steps/name", data={"name": "Ada"}, headers=HX)
    card = client.post(f"{BASE}/runs/{run_id}/steps/name/toggle", headers=HX).text
    assert "wf-min" in card and ">Restore</button>" in card and "wf-card-body" not in card
    page = client.get(f"{BASE}/runs/{run_id}", headers=HX).text
    assert re.search(r'id="wf-\d+-name" class="wf-card wf-done wf-min"', page), "remembered across renders"
    assert "wf-min" not in client.post(f"{BASE}/runs/{run_id}/steps/name/toggle", headers=HX).text

    chained = client.post(f"{BASE}/runs/{run_id}/steps/greeting", data={"greeting": "Hi"}, headers=HX).text
    assert ">Minimize done cards</button>" in chained
    collapsed = client.post(f"{BASE}/runs/{run_id}/collapse", headers=HX).text
    assert (
        len(re.findall(r'class="wf-card wf-done wf-min"', collapsed)) == 2
        and ">Restore all cards</button>" in collapsed
    )
    restored = client.post(f"{BASE}/runs/{run_id}/collapse", headers=HX).text
    assert "wf-min" not in restored


def test_the_revealed_card_takes_the_focus(client):
    _, run_id = _open(client, "focus")
    chained = client.post(f"{BASE}/runs/{run_id}/steps/name", data={"name": "Ada"}, headers=HX).text
    assert f'<select name="greeting" autofocus id="wf-{run_id}-greeting-greeting">' in chained
    refused = client.post(f"{BASE}/runs/{run_id}/steps/greeting", data={"greeting": "Yo"}, headers=HX).text
    assert "pick one of: Hello, Hi, Good morning" in refused
    assert re.search(r'<select name="greeting" (?=[^>]*aria-invalid="true")(?=[^>]*autofocus)', refused)


@pytest.mark.parametrize("question", ["Where am I?", "which step is next", "what's next"])
async def test_the_assistant_says_where_the_user_is(whittle, question):
    app = whittle.apps["hello-workflow"]
    run = HelloWorkflow.open("where-01", ctx=whittle.app_context("hello-workflow"))
    run.submit("name", {"name": "Ada"})
    app.memory.remember_run(whittle.profiles.active().id, run.id)
    await whittle.open_app(app)
    hidden = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("Greeting" in c and "2 steps" in c for c in hidden), "the training prompt lists the steps"
    await whittle.user_message(question, "hello-workflow", None)
    assert (
        whittle.chat.store.visible()[-1].content
        == "You are in Hello workflow, run 'where-01': at step 2 of 2, 'Greeting'."
    )


def test_a_failing_step_shows_its_error_on_the_card_and_saves_nothing(client, whittle, monkeypatch):
    def broken(self, ctx):
        raise RuntimeError("the greeting service is down")

    monkeypatch.setattr(HelloWorkflow, "greet", broken)
    _, run_id = _open(client, "broken")
    client.post(f"{BASE}/runs/{run_id}/steps/name", data={"name": "Ada"}, headers=HX)
    card = client.post(f"{BASE}/runs/{run_id}/steps/greeting", data={"greeting": "Hi"}, headers=HX).text
    assert _cards(card) == [("greeting", "wf-open")]
    assert re.search(
        r'role="alert"[^>]*>\'Greeting\' failed: RuntimeError: the greeting service is down\. Nothing was saved', card
    )
    assert re.search(r'<option value="Hi" selected>', card), "the choice the user made is still selected"
    rows = whittle.db.query("SELECT step_id, completed_at FROM workflow_steps WHERE run_id=?", (run_id,))
    assert [(r["step_id"], r["completed_at"] is not None) for r in rows] == [("name", True)]


def test_a_run_is_deleted_only_when_confirmed_and_not_while_finalized(client, whittle):
    _, run_id = _open(client, "to-delete")
    client.post(f"{BASE}/runs/{run_id}/steps/name", data={"name": "Ada"}, headers=HX)
    page = client.get(f"{BASE}/runs/{run_id}", headers=HX).text
    assert f'hx-post="{BASE}/runs/{run_id}/delete"' in page and "hx-confirm" in page

    unconfirmed = client.post(f"{BASE}/runs/{run_id}/delete", headers=HX).text
    assert "needs confirming" in unconfirmed and whittle.db.query_one(
        "SELECT COUNT(*) FROM workflow_runs WHERE id=?", (run_id,))[0] == 1

    client.post(f"{BASE}/runs/{run_id}/steps/greeting", data={"greeting": "Hi"}, headers=HX)
    client.post(f"{BASE}/runs/{run_id}/finalize", headers=HX)
    refused = client.post(f"{BASE}/runs/{run_id}/delete", data={"confirm": "yes"}, headers=HX).text
    assert "unfinalize it before deleting" in refused
    client.post(f"{BASE}/runs/{run_id}/unfinalize", headers=HX)

    after = client.post(f"{BASE}/runs/{run_id}/delete", data={"confirm": "yes"}, headers=HX).text
    assert "to-delete" not in after, "gone from the run list and the page"
    assert whittle.db.query_one("SELECT COUNT(*) FROM workflow_runs WHERE id=?", (run_id,))[0] == 0
    assert whittle.db.query_one("SELECT COUNT(*) FROM workflow_steps WHERE run_id=?", (run_id,))[0] == 0
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("deleted run 'to-delete'" in note for note in notes)
    gone = client.post(f"{BASE}/runs/{run_id}/delete", data={"confirm": "yes"}, headers=HX).text
    assert "does not exist" in gone


def test_what_the_page_remembered_in_an_older_version_is_kept(settings, model):
    """The last run and minimized cards used to share a 'workflows' namespace; each app takes its own over."""
    from whittle.core import Whittle
    from whittle.db import Database
    from whittle.kv import KeyValueStore
    from whittle.profiles import ProfileStore
    from whittle.workflows.store import WorkflowStore

    old = Database(settings.db_path)
    kv = KeyValueStore(old)
    ProfileStore(old, kv).active()
    run, _ = WorkflowStore(old).open_run("hello-workflow", 1, "old-run")
    kv.set("workflows", "hello-workflow:last:1", run.id)
    kv.set("workflows", f"minimized:{run.id}", ["name"])
    kv.set("workflows", "competitive-analysis:last:1", 999)
    old.close()
    whittle = Whittle(settings, model=model)
    try:
        memory = whittle.apps["hello-workflow"].memory
        assert memory.last_run(1) == run.id and memory.minimized(run.id) == {"name"}
        assert whittle.apps["competitive-analysis"].memory.last_run(1) == 999
        assert whittle.kv.items("workflows") == {}
    finally:
        whittle.close()


def test_new_run_makes_up_a_readable_key_and_each_press_starts_another(client, whittle):
    first = client.post(f"{BASE}/new", headers=HX).text
    assert "Run default-hello-01" in first and "Starts run default-hello-02." in first
    second = client.post(f"{BASE}/new", headers=HX).text
    assert "Run default-hello-02" in second
    keys = [row["key"] for row in whittle.db.query("SELECT key FROM workflow_runs ORDER BY id")]
    assert keys == ["default-hello-01", "default-hello-02"]
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("started a new run 'default-hello-02'" in note for note in notes)


@pytest.mark.parametrize("typed", ["", "   ", "\t \n"])
def test_enter_with_an_empty_key_starts_no_run(client, whittle, typed):
    response = client.post(f"{BASE}/open", data={"key": typed}, headers=HX)
    assert response.status_code == 200 and response.headers["HX-Retarget"] == "#wf-hello-workflow"
    assert "Type the key of a run to open it" in response.text and "press New run to start one" in response.text
    assert 'aria-invalid="true"' in response.text
    assert whittle.db.query_one("SELECT COUNT(*) FROM workflow_runs")[0] == 0, "nothing saved"
    assert not any("started a new run" in m.content for m in whittle.chat.store.history())


def test_a_cancelled_steps_progress_shows_no_item_in_progress():
    from fasthtml.common import to_xml

    from whittle.workflows.render import progress_view

    progress = {"done": 1, "total": 3, "message": "Analysing Asana…"}
    items = [("Notion", "✓"), ("Asana", "…"), ("Trello", "·")]
    live = to_xml(progress_view(progress, items))
    assert "Analysing Asana…" in live and "…</span> Asana" in live
    stopped = to_xml(progress_view(progress, items, stopped="Cancelled"))
    assert "Cancelled" in stopped and "Analysing" not in stopped
    assert "…</span>" not in stopped and "·</span> Asana" in stopped and "✓</span> Notion" in stopped
    assert "wf-stopped" in stopped and "aria-busy" not in stopped
