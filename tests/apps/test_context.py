"""AppContext: what an app may use — its URL, its own storage, the chat tagged with its name, capped model calls."""

import pytest
from pydantic import BaseModel

from whittle.apps.context import AppNameError
from whittle.tools import ToolError

NAVIGATION = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}


def test_url_kv_and_folder_belong_to_the_app(whittle):
    todo, intro = whittle.apps["todo"].ctx, whittle.apps["introduction"].ctx
    assert todo.url() == "/app/todo" and todo.url("/add") == "/app/todo/add" and todo.url("add") == "/app/todo/add"
    todo.kv.set("name", "not a user's name")
    assert intro.kv.get("name") is None, "each app has its own namespace"
    assert todo.kv.items() == {"name": "not a user's name"}
    todo.kv.delete("name")
    assert todo.kv.get("name", "gone") == "gone"
    folder = todo.data_dir
    assert folder.is_dir() and folder == whittle.settings.home / "apps" / "todo"


def test_chat_is_tagged_with_the_app(whittle):
    ctx = whittle.apps["todo"].ctx
    message = ctx.chat.note("The user did something.")
    assert message.source == "app:todo" and message.role == "context"


async def test_model_calls_are_capped_by_the_servers_max_tokens(whittle):
    ctx = whittle.apps["todo"].ctx
    assert ctx.max_tokens == 24
    result = await ctx.route([{"role": "user", "content": "Count to fifty."}], purpose="test:cap", max_tokens=500)
    assert whittle.ledger.last("test:cap")["completion_tokens"] <= 24 and result.text


def test_tools_are_declared_once_with_a_valid_name(whittle):
    class Item(BaseModel):
        text: str

    ctx = whittle.apps["todo"].ctx
    tool = ctx.register_tool("todo_add_item", "Add an item to the todo list.", Item)
    assert whittle.tools.get("todo_add_item") is tool and tool.app == "todo" and not tool.destructive
    assert tool.schema()["parameters"]["properties"]["text"]["type"] == "string"
    with pytest.raises(ToolError, match="already declared by the todo app"):
        whittle.apps["profiles"].ctx.register_tool("todo_add_item", "Another.", Item)
    with pytest.raises(ToolError, match="lower-case"):
        ctx.register_tool("Add Item", "Add.", Item)


def test_an_app_name_must_be_a_url_segment(whittle):
    with pytest.raises(AppNameError, match="lower-case letters"):
        whittle.app_context("My App")


def test_a_link_from_another_site_shows_the_app_but_writes_nothing(client, whittle):
    before = len(whittle.chat.store.history())
    page = client.get("/app/todo", headers={**NAVIGATION, "Sec-Fetch-Site": "cross-site"})
    assert page.status_code == 200 and 'id="todo-card"' in page.text
    home = client.get("/", headers={**NAVIGATION, "Sec-Fetch-Site": "cross-site"})
    assert home.status_code == 200
    assert len(whittle.chat.store.history()) == before, "no 'the user opened' note, no greeting"
    client.get("/app/todo", headers={**NAVIGATION, "Sec-Fetch-Site": "same-origin"})
    assert any("opened the Todo list" in m.content for m in whittle.chat.store.history())
