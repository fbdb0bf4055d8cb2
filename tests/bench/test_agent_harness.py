"""The agent bench's harness: the local tier's view of a plan is what the planner makes of its answers."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "agent"))

from agent_harness import ReplayRouter, exact, miss_kind, planner_for, state_values_of  # noqa: E402

from whittle.agent.calls import ToolCall  # noqa: E402


def answer(*calls: tuple[str, dict]) -> str:
    return json.dumps([{"name": name, "arguments": args} for name, args in calls])


async def test_a_replayed_answer_is_settled_by_every_step_of_the_planner(whittle):
    todo = whittle.apps["todo"]
    for text in ("milk", "eggs"):
        todo.todos.add(todo.profile.id, text)
    planner = planner_for(whittle)
    # The model's repeated answer: the planner keeps the call once.
    said = ("todo_add", {"text": "take the bin out"})
    planner.router = ReplayRouter([answer(said, said)])
    plan = await planner.plan("add take the bin out to my list", app_name="todo",
                              state_values=state_values_of(whittle, todo))
    assert [(c.tool, c.args) for c in plan.calls] == [("todo_add", {"text": "take the bin out"})]
    # Opening the todo app shows the list: the planner drops a listing of it (named_things.without_listing_of_opened).
    planner.router = ReplayRouter([answer(("open_app", {"app": "todo"}), ("todo_list", {}))])
    plan = await planner.plan("take me to my todo list", app_name="costs", state_values=[])
    assert [c.tool for c in plan.calls] == ["open_app"]
    planner.router = ReplayRouter([])
    assert (await planner.plan("add milk", app_name="todo", state_values=["milk", "eggs"])).calls == [], \
        "no answer left: no call"


def test_an_app_opened_by_its_title_is_the_app_opened_by_its_name(whittle):
    said = [ToolCall("open_app", {"app": "todo list"})]
    assert exact(said, [ToolCall("open_app", {"app": "todo"})], whittle)
    assert not exact(said, [ToolCall("open_app", {"app": "costs"})], whittle)


def test_a_step_value_is_compared_without_case_and_as_the_step_stores_it(whittle):
    said = [ToolCall("hello_workflow_submit", {"step": "Your name", "value": "shane"})]
    assert exact(said, [ToolCall("hello_workflow_submit", {"step": "name", "value": "Shane"})], whittle)
    assert not exact(said, [ToolCall("hello_workflow_submit", {"step": "name", "value": "Shania"})], whittle)
    listed = [ToolCall("competitive_analysis_submit", {"step": "competitors", "value": "Slot and Pointek"})]
    assert exact(listed, [ToolCall("competitive_analysis_submit", {"step": "competitors", "value": "Slot, Pointek"})],
                 whittle)


def test_a_miss_is_counted_by_where_it_went_wrong(whittle):
    add_milk, add_eggs = ToolCall("todo_add", {"text": "milk"}), ToolCall("todo_add", {"text": "eggs"})
    listing = ToolCall("todo_list", {})
    assert miss_kind("single", [add_milk], [add_milk], whittle) is None
    assert miss_kind("chat", [listing], [], whittle) == "unasked call"
    assert miss_kind("single", [], [add_milk], whittle) == "no call"
    assert miss_kind("two-step", [add_milk], [add_milk, add_eggs], whittle) == "two-step"
    assert miss_kind("single", [listing], [add_milk], whittle) == "wrong or extra tool"
    assert miss_kind("reference", [add_milk, listing], [add_milk], whittle) == "wrong or extra tool"
    assert miss_kind("single", [add_eggs], [add_milk], whittle) == "wrong arguments"
