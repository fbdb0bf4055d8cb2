"""The tool registry as the apps fill it: names, schemas, validation, and each tool changing real state."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.execute import CallRefused, execute_call, validate
from whittle.agent.results import ToolResult
from whittle.tools import STARTED_BY, STEPS, ToolError, ToolRegistry, one_choice_named
from whittle.workflows.tools import value_as_said

EXPECTED = {
    "todo_add", "todo_edit", "todo_complete", "todo_reopen", "todo_delete", "todo_list", "todo_reorder",
    "profile_switch", "profile_add", "long_job_start", "long_job_cancel",
    "hello_workflow_start", "hello_workflow_submit", "hello_workflow_revert", "hello_workflow_finalize",
    "open_app", "search_conversation", "linkgraph_orphans", "linkgraph_top_pages",
}
DESTRUCTIVE = {"todo_delete", "hello_workflow_revert", "hello_workflow_finalize"}


async def call(whittle, tool: str, confirmed: bool = False, **args):
    return await execute_call(whittle.tools, ToolCall(tool, args), "test", confirmed=confirmed)


def todo_texts(whittle) -> list[tuple[str, bool]]:
    app = whittle.apps["todo"]
    return [(item.text, item.done) for item in app.todos.items(app.profile.id)]


def test_every_app_declares_its_tools(whittle):
    names = {tool.name for tool in whittle.tools}
    assert names >= EXPECTED, EXPECTED - names
    assert {t.name for t in whittle.tools if t.destructive} >= DESTRUCTIVE
    assert not {t.name for t in whittle.tools if t.destructive} & {"todo_add", "todo_list", "open_app"}
    for tool in whittle.tools:
        schema = tool.schema()
        assert schema["parameters"]["type"] == "object" and tool.description.endswith(".")
    # no tool can reach a shell, the file system or code
    assert not [n for n in names if set(n.split("_")) & {"shell", "exec", "file", "files", "eval", "python", "run"}]


def test_a_workflow_submit_declares_its_steps_and_the_tool_that_starts_their_run(whittle):
    step = whittle.tools.get("hello_workflow_submit").field("step")
    assert step[STEPS] == [["name", "Your name"], ["greeting", "Greeting"]]
    assert step[STARTED_BY] == "hello_workflow_start" and step[STARTED_BY] in whittle.tools
    assert whittle.tools.get("todo_add").field("step") == {}
    assert whittle.tools.get("hello_workflow_revert").field("step")[STEPS] == step[STEPS], "going back names a step too"


def test_registry_refuses_a_taken_name(whittle):
    existing = whittle.tools.get("todo_add")
    with pytest.raises(ToolError, match="already declared by the todo app"):
        whittle.tools.add(existing)
    assert len(ToolRegistry()) == 0


def test_validation_names_the_problem(whittle):
    with pytest.raises(CallRefused, match="no tool called 'run_shell'"):
        validate(whittle.tools, ToolCall("run_shell", {"cmd": "rm -rf /"}))
    with pytest.raises(CallRefused, match="text: Field required"):
        validate(whittle.tools, ToolCall("todo_add", {}))
    with pytest.raises(CallRefused, match="position: Input should be a valid integer"):
        validate(whittle.tools, ToolCall("todo_reorder", {"item": "1", "position": "top"}))
    tool, params = validate(whittle.tools, ToolCall("todo_reorder", {"item": "milk", "position": "2"}))
    assert params.position == 2, "numbers typed as text are accepted by type"


async def test_todo_tools_change_the_list(whittle):
    assert (await call(whittle, "todo_add", text="milk")).status == "done"
    await call(whittle, "todo_add", text="eggs")
    await call(whittle, "todo_add", text="bread")
    assert (await call(whittle, "todo_complete", item="eggs")).status == "done"
    await call(whittle, "todo_edit", item="1", text="oat milk")
    await call(whittle, "todo_reorder", item="bread", position=1)
    assert todo_texts(whittle) == [("bread", False), ("oat milk", False), ("eggs", True)]
    listed = await call(whittle, "todo_list")
    assert listed.result.data == ("1. bread", "2. oat milk", "3. eggs (done)")
    missing = await call(whittle, "todo_complete", item="caviar")
    assert missing.status == "failed" and "No todo matches 'caviar'" in missing.error


async def test_reopen_unticks_a_done_todo_and_undo_ticks_it_again(whittle):
    await call(whittle, "todo_add", text="eggs")
    await call(whittle, "todo_complete", item="eggs")
    reopened = await call(whittle, "todo_reopen", item="eggs")
    assert reopened.status == "done" and todo_texts(whittle) == [("eggs", False)]
    reopened.result.undo()
    assert todo_texts(whittle) == [("eggs", True)]
    again = await call(whittle, "todo_complete", item="eggs")
    assert again.result.text == "The todo was already done." and again.result.undo is None


async def test_destructive_tool_does_not_run_unconfirmed(whittle):
    await call(whittle, "todo_add", text="milk")
    waiting = await call(whittle, "todo_delete", item="milk")
    assert waiting.status == "needs_confirmation" and todo_texts(whittle) == [("milk", False)]
    assert (await call(whittle, "todo_delete", confirmed=True, item="milk")).status == "done"
    assert todo_texts(whittle) == []


async def test_undo_reverses_the_action(whittle):
    added = await call(whittle, "todo_add", text="milk")
    assert isinstance(added.result, ToolResult) and added.result.undo is not None
    added.result.undo()
    assert todo_texts(whittle) == []


async def test_profile_tools(whittle):
    await call(whittle, "profile_add", name="Acme")
    assert [p.name for p in whittle.profiles.all()][-1] == "Acme"
    switched = await call(whittle, "profile_switch", name="acme")
    assert switched.status == "done" and whittle.profiles.active().name == "Acme"
    switched.result.undo()
    assert whittle.profiles.active().name != "Acme"
    assert (await call(whittle, "profile_switch", name="Nobody")).status == "failed"


async def test_workflow_tools_start_submit_revert_finalize(whittle):
    app = whittle.apps["hello-workflow"]
    assert (await call(whittle, "hello_workflow_submit", step="name", value="Ada")).status == "failed"  # no run yet
    assert (await call(whittle, "hello_workflow_start")).status == "done"
    assert (await call(whittle, "hello_workflow_submit", step="Your name", value="Ada")).status == "done"
    assert (await call(whittle, "hello_workflow_submit", step="2", values={"greeting": "Hi"})).status == "done"
    assert app.last_run().result("greeting") == "Hi, Ada!"
    assert (await call(whittle, "hello_workflow_finalize")).status == "needs_confirmation"
    assert not app.last_run().finalized
    assert (await call(whittle, "hello_workflow_revert", confirmed=True, step="name")).status == "done"
    assert app.last_run().result("greeting") is None
    await call(whittle, "hello_workflow_submit", step="name", value="Ada")
    await call(whittle, "hello_workflow_submit", step="greeting", values={"greeting": "Hello"})
    assert (await call(whittle, "hello_workflow_finalize", confirmed=True)).status == "done"
    assert app.last_run().finalized


async def test_long_job_tools(whittle, monkeypatch):
    app = whittle.apps["long-job"]
    assert (await call(whittle, "long_job_cancel")).status == "failed"
    assert (await call(whittle, "long_job_start")).status == "done"
    assert app.runner.state().running
    assert (await call(whittle, "long_job_cancel")).status == "done"
    assert not app.runner.state().running


async def test_builtin_tools(whittle):
    await whittle.chat.say("The courier comes on Tuesday.")
    found = await call(whittle, "search_conversation", query="courier")
    assert found.status == "done" and "Tuesday" in found.result.data[0]
    assert (await call(whittle, "open_app", app="Todo list")).status == "done"
    unknown = await call(whittle, "open_app", app="nonsense")
    assert unknown.status == "refused" and "the apps are: " in unknown.error, "no such app: refused before it runs"
    orphans = await call(whittle, "linkgraph_orphans")
    assert orphans.status == "failed" and "no analysis yet" in orphans.error


async def test_one_value_fills_the_one_required_field_of_a_step(whittle):
    app = whittle.apps["competitive-analysis"]
    assert (await call(whittle, "competitive_analysis_start")).status == "done"
    submitted = await call(whittle, "competitive_analysis_submit", step="competitors", value="Canva, Figma and Adobe Express")
    assert submitted.status == "done", submitted
    assert app.last_run().result("competitors")["competitors"] == ["Canva", "Figma", "Adobe Express"]


async def test_a_list_said_with_one_and_is_two_items(whittle):
    app = whittle.apps["competitive-analysis"]
    assert (await call(whittle, "competitive_analysis_start")).status == "done"
    assert (await call(whittle, "competitive_analysis_submit", step="competitors", value="Slot and Pointek")).status == "done"
    assert app.last_run().result("competitors")["competitors"] == ["Slot", "Pointek"]
    step = app.workflow.steps[0]
    assert value_as_said(step, "competitors", "Marks and Spencer, Tesco") == "Marks and Spencer, Tesco", "commas lead"
    assert value_as_said(step, "competitors", "Kroger Meijer and Aldi") == "Kroger, Meijer, Aldi", "dictated, no commas"
    assert value_as_said(step, "competitors", "Memphis Tours and Travco") == "Memphis Tours, Travco", "a firm's name"
    aspects = app.workflow.steps[1]
    assert value_as_said(aspects, "aspects", "how easy it is to use and price") == "how easy it is to use, price"
    assert value_as_said(aspects, "aspects", "service price and turnaround time") == "service price, turnaround time"
    assert value_as_said(aspects, "aspects", "parts prices and stock") == "parts prices, stock", "a word, then what of it"
    assert value_as_said(aspects, "aspects", "price quality and delivery") == "price, quality, delivery", "three aspects"
    assert value_as_said(aspects, "aspects", "price warranty and delivery") == "price, warranty, delivery"
    assert value_as_said(aspects, "aspects", "price per stem and vase life") == "price per stem, vase life", "a phrase"
    assert value_as_said(aspects, "aspects", "price, delivery n after sales service") == \
        "price, delivery and after sales service", "texting's 'n' is 'and'"


async def test_a_value_only_one_step_offers_names_that_step(whittle):
    app = whittle.apps["hello-workflow"]
    assert (await call(whittle, "hello_workflow_start")).status == "done"
    assert (await call(whittle, "hello_workflow_submit", step="name", value="Kate")).status == "done"
    submitted = await call(whittle, "hello_workflow_submit", step="go", value="good morning")
    assert submitted.status == "done", submitted
    assert "Good morning" in str(app.last_run().result("greeting"))
    wrong = await call(whittle, "hello_workflow_submit", step="go", value="Kate")
    assert wrong.status != "done" and "no step 'go'" in wrong.error, "a value no step offers names none"


async def test_a_value_that_names_one_choice_among_other_words_is_that_choice(whittle):
    app = whittle.apps["hello-workflow"]
    assert (await call(whittle, "hello_workflow_start")).status == "done"
    assert (await call(whittle, "hello_workflow_submit", step="name", value="Senga")).status == "done"
    two = await call(whittle, "hello_workflow_submit", step="greeting", value="not Hi, Hello")
    assert two.status != "done" and "not one of the choices" in two.error, "two choices named: the step says so"
    submitted = await call(whittle, "hello_workflow_submit", step="greeting", value="wi good morning")
    assert submitted.status == "done", submitted
    assert app.last_run().result("greeting") is not None and "Good morning" in str(app.last_run().result("greeting"))


async def test_a_workflow_run_marks_its_done_steps(whittle):
    app = whittle.apps["hello-workflow"]
    assert app.marked_values() == [], "no run open: nothing done"
    assert (await call(whittle, "hello_workflow_start")).status == "done"
    assert (await call(whittle, "hello_workflow_submit", step="name", value="Jen")).status == "done"
    assert app.marked_values() == ["Your name"]


@pytest.mark.parametrize(("said", "choice"), [
    ("wi good morning", "Good morning"),
    ("go with Hi, hello sounds dead posh", "Hi"),
    ("not Hi, maybe Hello", None),
    ("nothing", None),
])
def test_the_choice_named_is_the_one_chosen_among_those_talked_about(said, choice):
    assert one_choice_named(["Hello", "Hi", "Good morning"], said) == choice
