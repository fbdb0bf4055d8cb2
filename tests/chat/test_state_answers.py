"""'What is left on my list?' and 'what did I just do?' answered from state after real todo actions;
the open app's state facts reach the model right before the question (the prompt's prefix stays put)."""

import json

from whittle.apps import todo_state
from whittle.chat.context import build_prompt
from whittle.chat.state_answers import asks_what_i_did, recent_actions, state_facts_message
from whittle.chat.store import Message

HX = {"HX-Request": "true"}
ORIGIN = {"host": "127.0.0.1:5001", "origin": "http://127.0.0.1:5001"}


def _reply_after(ws, text, app="todo"):
    ws.send_text(json.dumps({"msg": text, "app": app, "HEADERS": {}}))
    for _ in range(400):
        if "msg-assistant msg-done" in ws.receive_text():  # the reply finished (said, or streamed to its end)
            return
    raise AssertionError("no reply")


def _todo_session(client, whittle):
    client.get("/app/todo", headers={**HX, "HX-Target": "app-area"})
    for text in ("milk", "eggs", "call mum"):
        client.post("/app/todo/add", data={"text": text}, headers=HX)
    mum = whittle.apps["todo"].todos.items(whittle.profiles.active().id)[2]
    client.post(f"/app/todo/{mum.id}/done", data={"done": "1"}, headers=HX)


def test_both_questions_are_answered_from_state_without_the_model(client, whittle):
    _todo_session(client, whittle)
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        _reply_after(ws, "What did I just do?")
        _reply_after(ws, "what is left on my list?")
    replies = [m for m in whittle.chat.store.visible() if m.role == "assistant"]
    assert [m.content for m in replies] == [
        "Your latest actions, oldest first:\n"
        "- You opened the Todo list app.\n"
        "- You added 'milk' to the todo list.\n"
        "- You added 'eggs' to the todo list.\n"
        "- You added 'call mum' to the todo list.\n"
        "- You marked 'call mum' as done on the todo list.",
        "Left on your list (profile Default), 2 todos:\n- milk\n- eggs\n(1 todo done.)",
    ]
    assert whittle.db.query_one("SELECT COUNT(*) AS n FROM llm_calls")["n"] == 0, "no model call for either"


def test_the_model_reads_the_todo_state_right_before_the_question(client, whittle):
    _todo_session(client, whittle)
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        _reply_after(ws, "Which of my todos is about food?")
    row = whittle.db.query_one("SELECT messages FROM llm_calls WHERE purpose='chat' ORDER BY id DESC")
    sent = json.loads(row["messages"])
    assert sent[-1] == {"role": "user", "content": "Which of my todos is about food?"}
    assert sent[-2] == {
        "role": "system",
        "content": "[Current state] Todo list (profile Default): 2 open: milk; eggs. 1 done: call mum.",
    }
    assert sum("[Current state]" in m["content"] for m in sent) == 1


def _message(id_, role, content, source="user"):
    return Message(id_, role, content, role != "context", source)


def test_what_i_did_lists_the_actions_since_the_last_chat_message_in_order():
    history = [
        _message(1, "context", "The user opened the Todo list app.", "app:todo"),
        _message(2, "context", "The Todo list app keeps a to-do list. The user adds items.", "app:todo"),
        _message(3, "user", "hello"),
        _message(4, "assistant", "Hi!", "model"),
        _message(5, "context", "The user added 'milk' to the todo list.", "app:todo"),
        _message(6, "context", "The user opened the Todo list app.", "app:todo"),
        _message(7, "context", "The user opened the Todo list app.", "app:todo"),
        _message(8, "context", "[Hello · run x] The user completed step 1 'Name' with name='Ada'.", "app:hello"),
        _message(9, "context", "The assistant marked 'milk' as done on the todo list.", "app:todo"),
        _message(10, "user", "What have I just done?"),
    ]
    assert recent_actions(history) == [
        "You added 'milk' to the todo list.",
        "You opened the Todo list app. (×2)",
        "You completed step 1 'Name' with name='Ada' (Hello · run x).",
        "I marked 'milk' as done on the todo list.",
    ]
    for question in ("what did I just do?", "What have I done?", "what was my last action"):
        assert asks_what_i_did(question), question
    for other in ("what did I just say?", "What should I do next?", "what is left on my list?"):
        assert not asks_what_i_did(other), other
    for question in ("What is left on my list?", "what's left?", "What do I still have to do?", "open todos?"):
        assert todo_state.asks_whats_left(question), question
    assert not todo_state.asks_whats_left("What did I just do?")


def test_state_goes_right_before_the_newest_message_and_is_kept_short():
    count = lambda m: len(m["content"].split()) + 4  # noqa: E731 - a word count stands in for a tokenizer
    history = [_message(1, "user", "hi"), _message(2, "assistant", "Hello!", "model"), _message(3, "user", "and?")]
    state = state_facts_message(["Todo list (profile Home): 1 open: milk."], count)
    prompt = build_prompt("You are whittle.", history, budget_tokens=500, count_tokens=count, state=state)
    assert [m["content"] for m in prompt] == [
        "You are whittle.", "hi", "Hello!", "[Current state] Todo list (profile Home): 1 open: milk.", "and?",
    ]
    plain = build_prompt("You are whittle.", history, budget_tokens=500, count_tokens=count)
    assert prompt[:3] == plain[:3], "everything before the state is the same prompt: its cached prefix holds"
    long = state_facts_message(["word " * 500, "second fact"], count, budget=60)
    assert count(long) <= 60 and long["content"].endswith("…")
    assert state_facts_message([], count) is None


def test_workflows_and_profiles_expose_their_state(client, whittle):
    hello = whittle.apps["hello-workflow"]
    assert hello.state_facts() == [f"{hello.title}: no run is open."]
    client.post("/app/hello-workflow/open", data={"key": "greet-01"}, headers=HX)
    (fact,) = hello.state_facts()
    assert fact.startswith(f"{hello.title}: the open run is 'greet-01'; it is at step 1 of ")
    assert "greet-01" in hello.state_values() and hello.workflow.steps[0].title in hello.state_values()
    profiles = whittle.apps["profiles"]
    assert profiles.state_facts() == ["Profiles: Default. The active profile is Default."]
    assert profiles.state_values() == ["Default"]
    assert whittle.apps["todo"].state_facts() == ["Todo list (profile Default): empty."]
