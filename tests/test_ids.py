"""Ids are never reused, an action on a deleted id answers 404 and changes nothing, and an id too
large for SQLite answers 404 on every route that takes one (not 500)."""

import re
from dataclasses import replace

import pytest
from starlette.routing import Route

from whittle.db import Database, Migration, RowGone
from whittle.jobs.store import MIGRATIONS as JOB_MIGRATIONS
from whittle.jobs.store import JobStore
from whittle.kv import KeyValueStore
from whittle.profiles import MIGRATIONS as PROFILE_MIGRATIONS
from whittle.profiles import ProfileGone, ProfileStore
from whittle.todos import MIGRATIONS as TODO_MIGRATIONS
from whittle.todos import TodoGone, TodoStore
from whittle.workflows.store import MIGRATIONS as WORKFLOW_MIGRATIONS
from whittle.workflows.store import RunGone, WorkflowStore

HX = {"HX-Request": "true"}
WORKFLOW = "/app/hello-workflow"
TOO_BIG = 2**63  # one more than SQLite's largest integer



def test_a_deleted_id_is_never_handed_out_again(db):
    profiles = ProfileStore(db, KeyValueStore(db))
    todos, runs, jobs = TodoStore(db), WorkflowStore(db), JobStore(db)
    me = profiles.active().id

    first, second = todos.add(me, "one"), todos.add(me, "two")
    todos.delete(me, second.id)
    assert todos.add(me, "three").id == second.id + 1 != first.id

    extra = profiles.create("Extra")
    profiles.delete(extra.id)
    assert profiles.create("Another").id == extra.id + 1

    runs.open_run("w", me, "a")
    run_b, _ = runs.open_run("w", me, "b")
    assert runs.delete_run(run_b.id)
    assert runs.open_run("w", me, "c")[0].id == run_b.id + 1

    job = jobs.create("k", "key", "job", done=0, total=1, unit="", now=0.0)
    jobs.save(replace(job, status="done"))
    jobs.forget("k", "key")  # ended jobs are deleted
    assert jobs.get(job.id) is None
    assert jobs.create("k", "key", "job", done=0, total=1, unit="", now=0.0).id == job.id + 1


def test_a_stale_action_on_a_deleted_id_changes_nothing(db):
    profiles = ProfileStore(db, KeyValueStore(db))
    todos, runs = TodoStore(db), WorkflowStore(db)
    me = profiles.active().id
    gone = todos.add(me, "gone")
    todos.delete(me, gone.id)
    kept = todos.add(me, "kept")
    for action in (lambda: todos.delete(me, gone.id), lambda: todos.edit(me, gone.id, "x"),
                   lambda: todos.set_done(me, gone.id, True)):
        with pytest.raises(TodoGone, match="not on this profile's list any more"):
            action()
    assert [(t.id, t.text, t.done) for t in todos.items(me)] == [(kept.id, "kept", False)]

    run, _ = runs.open_run("w", me, "old")
    runs.delete_run(run.id)
    with pytest.raises(RunGone, match="does not exist"):
        runs.complete_step(run.id, "s", {}, 1, after=())
    with pytest.raises(RunGone):
        runs.set_finalized(run.id, True)
    assert not runs.delete_run(run.id)
    assert db.query("SELECT COUNT(*) FROM workflow_steps")[0][0] == 0

    other = profiles.create("Other")
    profiles.delete(other.id)
    with pytest.raises(ProfileGone):
        profiles.rename(other.id, "Back")
    with pytest.raises(ProfileGone):
        profiles.delete(other.id)
    assert [p.name for p in profiles.all()] == ["Default"]
    assert issubclass(TodoGone, RowGone) and issubclass(RunGone, RowGone) and issubclass(ProfileGone, RowGone)


def test_ids_too_large_for_sqlite_name_nothing(db):
    profiles = ProfileStore(db, KeyValueStore(db))
    todos, runs, jobs = TodoStore(db), WorkflowStore(db), JobStore(db)
    assert profiles.get(TOO_BIG) is None and runs.get_run(TOO_BIG) is None and jobs.get(TOO_BIG) is None
    assert profiles.get(True) is None, "a bool is not an id"
    with pytest.raises(TodoGone):
        todos.delete(profiles.active().id, TOO_BIG)
    assert not runs.delete_run(-1)


def test_the_migration_keeps_every_row_and_reference(tmp_path):
    """A database made before AUTOINCREMENT: rebuilding profiles must not cascade into todos and runs."""
    path = tmp_path / "old.db"
    old = Database(path)
    old.migrate([m for m in PROFILE_MIGRATIONS if m.name.endswith("_001_create")])
    old.migrate([m for m in TODO_MIGRATIONS if m.name.endswith("_001_create")])
    old.migrate([m for m in WORKFLOW_MIGRATIONS if m.name.endswith("_001_create")])
    old.migrate([m for m in JOB_MIGRATIONS if not m.name.endswith("_autoincrement")])
    old.execute(
        "INSERT INTO jobs (id, kind, key, label, status, done, total, started_at, updated_at) "
        "VALUES (9, 'k', '3:s', 'job', 'done', 1, 1, 0, 0)"
    )
    old.execute("INSERT INTO profiles (id, name) VALUES (1, 'Default'), (4, 'Acme')")
    old.execute("INSERT INTO todos (id, profile_id, text, position) VALUES (7, 4, 'ship it', 1)")
    old.execute(
        "INSERT INTO workflow_runs (id, workflow, profile_id, key, created_at, updated_at) VALUES (3, 'w', 4, 'k', 'x', 'x')"
    )
    old.execute(
        "INSERT INTO workflow_steps (run_id, step_id, values_json, updated_at) VALUES (3, 's', '{}', 'x')"
    )
    old.close()

    db = Database(path)
    profiles, todos, runs = ProfileStore(db, KeyValueStore(db)), TodoStore(db), WorkflowStore(db)
    assert [(p.id, p.name) for p in profiles.all()] == [(1, "Default"), (4, "Acme")]
    assert [(t.id, t.text) for t in todos.items(4)] == [(7, "ship it")]
    assert runs.get_run(3).key == "k" and list(runs.step_states(3)) == ["s"]
    jobs = JobStore(db)
    assert jobs.get(9).key == "3:s" and jobs.latest("k", "3:s").id == 9
    for table in ("profiles", "todos", "workflow_runs", "jobs"):
        sql = db.query_one("SELECT sql FROM sqlite_master WHERE name=?", (table,))["sql"]
        assert "AUTOINCREMENT" in sql, table
    assert todos.add(4, "next").id == 8 and profiles.create("New").id == 5
    assert db.query("PRAGMA foreign_key_check") == [] and db.query_one("PRAGMA foreign_keys")[0] == 1
    profiles.delete(4)  # references still work: Acme's todo and run go with it
    assert todos.items(4) == [] and runs.get_run(3) is None
    db.close()


def test_a_migration_that_breaks_references_is_refused_whole(db):
    db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))")
    db.execute("INSERT INTO parent (id) VALUES (1)")
    db.execute("INSERT INTO child (id, parent_id) VALUES (1, 1)")
    bad = Migration("test_001_drop_parent", "DELETE FROM parent; CREATE TABLE marker (x)")
    with pytest.raises(Exception, match="broken references") as refused:
        db.migrate([bad])
    assert "nothing was changed" in str(refused.value)
    assert db.query("SELECT id FROM parent")[0][0] == 1
    assert db.query_one("SELECT name FROM sqlite_master WHERE name='marker'") is None
    assert db.query_one("SELECT name FROM _migrations WHERE name=?", (bad.name,)) is None
    assert db.query_one("PRAGMA foreign_keys")[0] == 1, "foreign keys are on again"


def _open_run(client, key):
    response = client.post(f"{WORKFLOW}/open", data={"key": key}, headers=HX)
    assert response.status_code == 200
    return int(re.search(r'id="wf-run-(\d+)"', response.text).group(1))


def test_a_stale_tab_deleting_a_run_gets_404_and_the_newer_run_is_untouched(client, whittle):
    first, second = _open_run(client, "run-one"), _open_run(client, "run-two")
    deleted = client.post(f"{WORKFLOW}/runs/{second}/delete", data={"confirm": "yes"}, headers=HX)
    assert deleted.status_code == 200
    third = _open_run(client, "run-three")
    assert (first, second, third) == (first, first + 1, first + 2), "the deleted id is not handed out again"
    client.post(f"{WORKFLOW}/runs/{third}/steps/name", data={"name": "Ada"}, headers=HX)

    stale = client.post(f"{WORKFLOW}/runs/{second}/delete", data={"confirm": "yes"}, headers=HX)
    assert stale.status_code == 404 and "does not exist" in stale.text
    for path in (f"/runs/{second}/steps/name", f"/runs/{second}/finalize", f"/runs/{second}"):
        method = client.get if path == f"/runs/{second}" else client.post
        assert method(f"{WORKFLOW}{path}", headers=HX).status_code == 404, path
    assert whittle.db.query_one("SELECT key FROM workflow_runs WHERE id=?", (third,))["key"] == "run-three"
    assert whittle.db.query_one("SELECT COUNT(*) FROM workflow_steps WHERE run_id=?", (third,))[0] == 1


def test_a_stale_todo_action_gets_404_and_changes_nothing(client, whittle):
    client.post("/app/todo/add", data={"text": "first"}, headers=HX)
    client.post("/app/todo/add", data={"text": "second"}, headers=HX)
    rows = whittle.db.query("SELECT id, text FROM todos ORDER BY id")
    second = rows[-1]["id"]
    assert client.post(f"/app/todo/{second}/delete", data={"confirm": "yes"}, headers=HX).status_code == 200
    client.post("/app/todo/add", data={"text": "third"}, headers=HX)
    notes_before = len(whittle.chat.store.history())

    for action in ("delete", "done", "edit"):
        stale = client.post(f"/app/todo/{second}/{action}", data={"text": "x", "done": "on"}, headers=HX)
        assert stale.status_code == 404 and "not on this profile's list any more" in stale.text, action
    texts = [(row["text"], row["done"]) for row in whittle.db.query("SELECT text, done FROM todos ORDER BY id")]
    assert texts == [("first", 0), ("third", 0)]
    assert len(whittle.chat.store.history()) == notes_before, "nothing was reported to the chat"


def test_every_route_with_an_id_answers_404_for_an_id_sqlite_cannot_hold(client):
    numeric = re.compile(r"\{(\w+)(:int)?\}")
    tried = []
    for route in client.app.routes:
        if not isinstance(route, Route) or not re.search(r"\{\w+(_id|:int)[^}]*\}", route.path):
            continue
        path = numeric.sub(lambda m: str(TOO_BIG) if m.group(2) or m.group(1).endswith("id") else "up", route.path)
        for method in sorted(set(route.methods or ()) - {"HEAD"}):
            response = client.request(method, path, headers=HX)
            assert response.status_code == 404, (method, path, response.status_code, response.text[:200])
            tried.append(path)
    assert len(tried) >= 9, tried
    assert "larger than any id" in client.post(f"/app/todo/{TOO_BIG * 10}/delete", headers=HX).text
    assert client.get(f"{WORKFLOW}/runs/{2**63 - 1}", headers=HX).status_code == 404, "the largest id is just missing"


def test_a_stale_profile_action_gets_404_and_changes_nothing(client, whittle):
    acme = whittle.profiles.create("Acme")
    assert client.post(f"/app/profiles/{acme.id}/delete", data={"confirm": "yes"}, headers=HX).status_code == 200
    newer = whittle.profiles.create("Newer")
    assert newer.id == acme.id + 1
    for method, action, data in (("post", "delete", {"confirm": "yes"}), ("post", "rename", {"name": "Hijack"}),
                                 ("get", "rename", None)):
        stale = client.request(method.upper(), f"/app/profiles/{acme.id}/{action}", data=data, headers=HX)
        assert stale.status_code == 404 and f"no profile with id {acme.id} any more" in stale.text, (method, action)
    assert [p.name for p in whittle.profiles.all()] == ["Default", "Newer"]
