"""/commands: parsed from the registry without a model, typed, with completion hints."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.commands import CommandError, Commands, is_command


@pytest.fixture
def commands(whittle) -> Commands:
    return Commands(whittle.tools)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/todo add buy oat milk", ToolCall("todo_add", {"text": "buy oat milk"})),
        ("/todo done 1", ToolCall("todo_complete", {"item": "1"})),
        ("/todo complete eggs", ToolCall("todo_complete", {"item": "eggs"})),
        ("/todo untick eggs", ToolCall("todo_reopen", {"item": "eggs"})),
        ("/todo reopen 2", ToolCall("todo_reopen", {"item": "2"})),
        ('/todo edit "oat milk" almond milk', ToolCall("todo_edit", {"item": "oat milk", "text": "almond milk"})),
        ("/todo reorder bread 1", ToolCall("todo_reorder", {"item": "bread", "position": "1"})),
        ("/todo delete 2", ToolCall("todo_delete", {"item": "2"})),
        ("/todo list", ToolCall("todo_list", {})),
        ("/open todo", ToolCall("open_app", {"app": "todo"})),
        ("/open Long job", ToolCall("open_app", {"app": "Long job"})),
        ("/search courier", ToolCall("search_conversation", {"query": "courier"})),
        ("/profile switch Acme Corp", ToolCall("profile_switch", {"name": "Acme Corp"})),
        ("/hello-workflow submit name Ada Lovelace", ToolCall("hello_workflow_submit", {"step": "name", "value": "Ada Lovelace"})),
        ("/hello-workflow submit greeting greeting=Hi", ToolCall("hello_workflow_submit", {"step": "greeting", "values": {"greeting": "Hi"}})),
        ("/todo_add milk", ToolCall("todo_add", {"text": "milk"})),
        ("/Todo Add Milk", ToolCall("todo_add", {"text": "Milk"})),
        ("/long-job start", ToolCall("long_job_start", {})),
    ],
)
def test_commands_parse_to_calls(commands, text, expected):
    plan = commands.parse(text)
    assert plan.tier == "command" and plan.calls == [expected]


def test_help_and_errors(commands):
    assert commands.parse("/help").calls == []
    help_text = commands.help_text()
    assert "/todo add <text>" in help_text and "/open <app>" in help_text and "(asks first)" in help_text
    with pytest.raises(CommandError, match="no command /todo fly.*Try: /todo add"):
        commands.parse("/todo fly")
    with pytest.raises(CommandError, match="Type /help"):
        commands.parse("/weather now")
    with pytest.raises(CommandError, match="takes no more arguments"):
        commands.parse("/todo list everything")
    assert is_command("/todo add x") and not is_command("// a comment") and not is_command("a/b") and not is_command("/")


def test_completion_hints(commands, client):
    texts = [s["text"] for s in commands.complete("/to")]
    assert texts and all(t.startswith("/todo ") for t in texts) and "/todo add " in texts
    assert [s["usage"] for s in commands.complete("/todo add mi")] == ["/todo add <text>"]
    assert commands.complete("hello") == []
    client.post("/app/todo/add", data={"text": "oat milk"}, headers={"HX-Request": "true"})
    client.post("/app/todo/add", data={"text": "eggs"}, headers={"HX-Request": "true"})
    hints = client.get("/agent/complete", params={"prefix": "/todo done o", "app": "todo"}).json()["suggestions"]
    assert [h["text"] for h in hints] == ["/todo complete ", "/todo complete 'oat milk'"]
    apps = client.get("/agent/complete", params={"prefix": "/open l"}).json()["suggestions"]
    assert "/open long-job" in [h["text"] for h in apps]
    assert len(client.get("/agent/complete", params={"prefix": "/todo add ", "app": "todo"}).json()["suggestions"]) == 1
    answer = client.get("/agent/complete", params={"prefix": "/op"})
    assert answer.status_code == 200
    assert answer.json()["suggestions"][0] == {"text": "/open ", "usage": "/open <app>",
                                               "description": "Open one of the apps (show it on the left)."}
