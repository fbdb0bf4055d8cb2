"""Todo list: the store (scoping, validation, reorder in one transaction) and the app's routes."""

import pytest

from whittle.todos import MAX_TODO_CHARS, TodoError, TodoGone, TodoStore

HX = {"HX-Request": "true"}


@pytest.fixture
def todos(whittle) -> TodoStore:
    return whittle.apps["todo"].todos


def texts(store: TodoStore, profile_id: int) -> list[str]:
    return [item.text for item in store.items(profile_id)]


def context_notes(whittle) -> list[str]:
    return [m.content for m in whittle.chat.store.history() if m.role == "context"]


# -- store ---------------------------------------------------------------------------
def test_add_edit_done_delete_keep_order(whittle, todos):
    me = whittle.profiles.active().id
    milk, bread, eggs = (todos.add(me, t) for t in ("buy milk", "  buy   bread ", "eggs"))
    assert texts(todos, me) == ["buy milk", "buy bread", "eggs"], "new items go last; whitespace is collapsed"
    todos.edit(me, milk.id, "buy oat milk")
    todos.set_done(me, bread.id, True)
    todos.delete(me, eggs.id)
    assert [(i.text, i.done) for i in todos.items(me)] == [("buy oat milk", False), ("buy bread", True)]


def test_text_limits_and_errors_change_nothing(whittle, todos):
    me = whittle.profiles.active().id
    item = todos.add(me, "x" * MAX_TODO_CHARS)
    for bad in ("", "   \n\t", "y" * (MAX_TODO_CHARS + 1)):
        with pytest.raises(TodoError):
            todos.add(me, bad)
        with pytest.raises(TodoError):
            todos.edit(me, item.id, bad)
    assert texts(todos, me) == ["x" * MAX_TODO_CHARS]
    with pytest.raises(TodoError, match="shorten it to 500"):
        todos.add(me, "z" * 501)


def test_lists_are_scoped_to_a_profile(whittle, todos):
    home = whittle.profiles.active()
    client = whittle.profiles.create("Acme")
    mine = todos.add(home.id, "mine")
    todos.add(client.id, "theirs")
    assert texts(todos, home.id) == ["mine"] and texts(todos, client.id) == ["theirs"]
    for change in (
        lambda: todos.edit(client.id, mine.id, "hijacked"),
        lambda: todos.set_done(client.id, mine.id, True),
        lambda: todos.delete(client.id, mine.id),
    ):
        with pytest.raises(TodoGone, match="not on this profile's list"):  # a RowGone: the web answers 404
            change()
    assert [(i.text, i.done) for i in todos.items(home.id)] == [("mine", False)]


def test_deleting_a_profile_deletes_its_list(whittle, todos):
    client = whittle.profiles.create("Acme")
    todos.add(client.id, "theirs")
    whittle.profiles.delete(client.id)
    assert whittle.db.query_one("SELECT COUNT(*) FROM todos")[0] == 0


def test_reorder_persists_and_refuses_anything_but_a_permutation(whittle, todos, settings, model):
    me = whittle.profiles.active().id
    a, b, c = (todos.add(me, t).id for t in "abc")
    foreign = todos.add(whittle.profiles.create("Other").id, "foreign").id
    todos.reorder(me, [c, a, b])
    for bad in ([c, a, foreign], [c, a, b, foreign], [c, a], [c, a, a], []):
        with pytest.raises(TodoError, match="drag again"):
            todos.reorder(me, bad)
        assert texts(todos, me) == ["c", "a", "b"], f"{bad} left the saved order alone"

    from whittle.core import Whittle

    whittle.close()
    reopened = Whittle(settings, model=model)
    assert texts(reopened.apps["todo"].todos, me) == ["c", "a", "b"]
    reopened.close()


# -- routes --------------------------------------------------------------------------
def test_routes_change_the_list_and_the_model_hears_each_change(client, whittle, todos):
    me = whittle.profiles.active().id
    response = client.post("/app/todo/add", data={"text": "buy milk"}, headers=HX)
    assert response.status_code == 200 and 'id="todo-items"' in response.text and "buy milk" in response.text
    assert 'id="todo-add-form"' not in response.text, "the add form stays in the page, wired up"
    assert response.headers["HX-Trigger"] == "todo-added", "the form empties itself only on success"
    item = todos.items(me)[0]
    client.post(f"/app/todo/{item.id}/edit", data={"text": "buy oat milk"}, headers=HX)
    client.post(f"/app/todo/{item.id}/done", data={"done": "1"}, headers=HX)
    assert todos.items(me)[0].done
    client.post(f"/app/todo/{item.id}/done", data={}, headers=HX)
    assert not todos.items(me)[0].done
    client.post("/app/todo/add", data={"text": "call Bob"}, headers=HX)
    bob = todos.items(me)[1]
    client.post("/app/todo/reorder", data={"order": [str(bob.id), str(item.id)]}, headers=HX)
    unconfirmed = client.post(f"/app/todo/{item.id}/delete", headers=HX)
    assert "Deleting the todo 'buy oat milk' needs confirming: press Delete and confirm" in unconfirmed.text
    assert texts(todos, me) == ["call Bob", "buy oat milk"], "nothing deleted without confirm=yes"
    response = client.post(f"/app/todo/{item.id}/delete", data={"confirm": "yes"}, headers=HX)
    assert "buy oat milk" not in response.text
    assert texts(todos, me) == ["call Bob"]

    notes = context_notes(whittle)
    for expected in (
        "The user added 'buy milk' to the todo list.",
        "The user changed the todo 'buy milk' to 'buy oat milk'.",
        "The user marked 'buy oat milk' as done on the todo list.",
        "The user marked 'buy oat milk' as not done on the todo list.",
        "The user reordered the todo list. "
        "The todo list of the profile Default now reads: 1. call Bob; 2. buy oat milk.",
        "The user deleted 'buy oat milk' from the todo list.",
    ):
        assert expected in notes


def test_bad_input_shows_the_fix_and_leaves_state_and_chat_alone(client, whittle, todos):
    me = whittle.profiles.active().id
    client.post("/app/todo/add", data={"text": "keep me"}, headers=HX)
    item = todos.items(me)[0]
    notes_before = context_notes(whittle)

    response = client.post("/app/todo/add", data={"text": "   "}, headers=HX)
    assert "A todo needs some text" in response.text and 'role="alert"' in response.text
    assert "HX-Trigger" not in response.headers, "after an error the typed text stays in the field to fix"
    response = client.post("/app/todo/add", data={"text": "q" * 501}, headers=HX)
    assert "shorten it to 500" in response.text
    response = client.post(f"/app/todo/{item.id}/edit", data={"text": ""}, headers=HX)
    assert "A todo needs some text" in response.text and 'class="todo-item editing"' in response.text
    response = client.post("/app/todo/reorder", data={"order": ["1", "x"]}, headers=HX)
    assert "reload the page" in response.text
    response = client.post("/app/todo/999/delete", data={"confirm": "yes"}, headers=HX)
    assert "not on this profile's list" in response.text

    assert [(i.text, i.done) for i in todos.items(me)] == [("keep me", False)]
    assert context_notes(whittle) == notes_before, "failed actions are not reported as done"


def test_switching_profile_shows_the_other_list_and_stale_ids_are_refused(client, whittle, todos):
    home = whittle.profiles.active()
    client.post("/app/todo/add", data={"text": "home chore"}, headers=HX)
    chore = todos.items(home.id)[0]
    acme = whittle.profiles.create("Acme")

    client.post("/app/profiles/switch", data={"profile_id": str(acme.id)}, headers=HX)
    response = client.get("/view", params={"app": "todo"}, headers=HX)  # what the switch makes the tab fetch
    assert "Profile: Acme" in response.text and "home chore" not in response.text
    client.post("/app/todo/add", data={"text": "acme report"}, headers=HX)
    assert texts(todos, acme.id) == ["acme report"] and texts(todos, home.id) == ["home chore"]

    # A tab still showing the old profile's list cannot touch it or drag it into this one.
    response = client.post(f"/app/todo/{chore.id}/done", data={"done": "1"}, headers=HX)
    assert "not on this profile's list" in response.text
    response = client.post("/app/todo/reorder", data={"order": [str(chore.id)]}, headers=HX)
    assert "drag again" in response.text
    assert not todos.items(home.id)[0].done

    client.post("/app/profiles/switch", data={"profile_id": str(home.id)}, headers=HX)
    page = client.get("/app/todo")
    assert "home chore" in page.text and "acme report" not in page.text
    assert 'src="/static/vendor/Sortable.min.js"' in page.text and 'src="/static/todo.js"' in page.text


def test_opening_the_app_tells_the_model_what_is_on_the_list(client, whittle, todos):
    me = whittle.profiles.active().id
    todos.add(me, "water plants")
    todos.set_done(me, todos.add(me, "pay rent").id, True)
    client.get("/app/todo", headers={"HX-Request": "true", "HX-Target": "app-area"})
    summary = "The todo list of the profile Default now reads: 1. water plants; 2. pay rent (done)."
    assert summary in context_notes(whittle)
