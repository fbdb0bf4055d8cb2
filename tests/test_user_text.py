"""Control characters in text the user types are refused with a message that says which and where."""

import pytest

from whittle.kv import KeyValueStore
from whittle.profiles import ProfileError, ProfileStore
from whittle.todos import TodoError, TodoStore
from whittle.user_text import ControlCharacterError, refuse_control_characters
from whittle.workflows.steps import WorkflowError
from whittle.workflows.store import WorkflowStore

HX = {"HX-Request": "true"}


@pytest.mark.parametrize("bad", ["a\x00b", "\x1b[31mred", "bell\x07", "del\x7f", "c1\x85", "vt\x0b", "ff\x0c", "\ud800"])
def test_control_characters_are_refused_naming_the_character(bad):
    with pytest.raises(ControlCharacterError, match=r"control character \(U\+|lone surrogate") as error:
        refuse_control_characters(bad, what="The note")
    assert str(error.value).startswith("The note contains an invisible") and "delete it or retype" in str(error.value)


def test_ordinary_text_passes_unchanged():
    text = "Line one\r\nline two\twith a tab — café, 東京, emoji 🎉, RTL שלום"
    assert refuse_control_characters(text) is text


def test_the_position_is_one_based():
    with pytest.raises(ControlCharacterError, match=r"U\+0000 control character\) at position 4"):
        refuse_control_characters("abc\x00")



def test_every_store_refuses_them_and_saves_nothing(db):
    profiles = ProfileStore(db, KeyValueStore(db))
    todos, runs = TodoStore(db), WorkflowStore(db)
    me = profiles.active().id
    with pytest.raises(TodoError, match="The todo contains an invisible control character"):
        todos.add(me, "pay\x00rent")
    kept = todos.add(me, "pay rent")
    with pytest.raises(TodoError):
        todos.edit(me, kept.id, "pay\x1brent")
    assert [t.text for t in todos.items(me)] == ["pay rent"]
    with pytest.raises(ProfileError, match="The profile name contains"):
        profiles.create("Acme\x00")
    assert [p.name for p in profiles.all()] == ["Default"]
    run, _ = runs.open_run("w", me, "k")
    with pytest.raises(WorkflowError, match="The field 'name' contains"):
        runs.complete_step(run.id, "s", {"name": "Ada\x00"}, "hi", after=())
    with pytest.raises(WorkflowError, match="The field 'tags' contains"):
        runs.save_progress(run.id, "s", {"tags": ["ok", "x\x08"]}, {"done": 1})
    runs.complete_step(run.id, "s", {"name": "Ada\nLovelace", "age": 36}, "hi", after=())
    assert runs.step_states(run.id)["s"].values == {"name": "Ada\nLovelace", "age": 36}


def test_a_nul_in_a_todo_from_the_page_is_refused_with_the_reason(client, whittle):
    response = client.post("/app/todo/add", data={"text": "buy\x00milk"}, headers=HX)
    assert "invisible control character (U+0000" in response.text and 'role="alert"' in response.text
    assert whittle.db.query("SELECT COUNT(*) FROM todos")[0][0] == 0
