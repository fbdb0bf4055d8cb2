"""The learned reading of which thing a request points at: its examples, what it reads, when it is used."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.execute import execute_call
from whittle.agent.planner import CallPlanner
from whittle.agent.pointed import Example, PointedThing, pointed_call, read_examples, surer_thing, trained
from whittle.agent.runner import marked_of_apps, values_of_apps
from whittle.config import Settings
from whittle.core import Whittle

LIST = ["milk", "eggs", "call mum", "take the recycling to the tip"]


@pytest.fixture(scope="module")
def whittle(tmp_path_factory, model):
    whittle = Whittle(Settings(home=tmp_path_factory.mktemp("pointed-home")), model=model)
    yield whittle
    whittle.close()


def test_a_sure_reading_overrules_the_thing_a_call_names(whittle):
    ranch = ["check water at north tank", "oil change on the Ford", "take Martha to Dr Reyes thursday",
             "call Pastor Jim about the roof"]
    said = "TAKE OFF THE ONE ABOUT CALLIN PASTOR JIM.  HE CALLED ME FIRST."
    planned = [ToolCall("todo_delete", {"item": "take Martha to Dr Reyes thursday"})]
    assert surer_thing(planned, whittle.tools, said, lambda app: ranch, None, trained()) == [
        ToolCall("todo_delete", {"item": "call Pastor Jim about the roof"})]
    named = [ToolCall("todo_delete", {"item": "oil change on the Ford"})]
    assert surer_thing(named, whittle.tools, "delete oil change on the Ford, pastor jim said", lambda app: ranch, None,
                       trained()) == named, "a thing said whole stands"
    pizza = ["buy napkins", "call the plumber", "order mozzarella di bufala", "fix the neon sign"]
    moved = [ToolCall("todo_reorder", {"item": "order mozzarella di bufala", "position": 2})]
    assert surer_thing(moved, whittle.tools, "Move the mozzarella to number 2, is urgent but not like the napkins",
                       lambda app: pizza, None, trained()) == moved, "the one thing the rules name stands"
    two = [ToolCall("todo_complete", {"item": ranch[0]}), ToolCall("todo_complete", {"item": ranch[1]})]
    assert surer_thing(two, whittle.tools, "tick the tank and the ford", lambda app: ranch, None, trained()) == two


def test_every_example_points_at_a_thing_of_its_list():
    examples = read_examples()
    assert len(examples) > 500
    assert all(e.thing in e.things and set(e.marked) <= set(e.things) for e in examples)


def test_a_line_that_is_no_example_names_the_form(tmp_path):
    bad = tmp_path / "pointed.jsonl"
    bad.write_text('{"text": "tick it"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"pointed.jsonl:1: .*\"todos\""):
        read_examples(bad)


def test_it_reads_a_word_of_the_thing_a_place_and_a_state():
    model = trained()
    assert model.best("recycling run done", LIST)[0] == "take the recycling to the tip"
    assert model.best("the third one can go", LIST)[0] == "call mum"
    assert model.best("untick the one i ticked earlier", LIST, ["eggs"])[0] == "eggs"
    assert model.best("the one i havent done yet, bump it up top", LIST[:3], ["milk", "eggs"])[0] == "call mum"
    assert model.best("anything", []) is None


def test_what_it_learns_comes_from_its_examples():
    # Taught only that the thing pointed at is the first one, it points at the first one; taught the
    # ticked one, the ticked one.
    first = [Example(f"do the thing {n}", ("a", "b", "c"), (), "a") for n in range(10)]
    assert PointedThing(first).best("whatever this says", ["x", "y", "z"])[0] == "x"
    ticked = [Example(f"do the thing {n}", ("a", "b", "c"), ("b",), "b") for n in range(10)]
    assert PointedThing(ticked).best("whatever this says", ["x", "y", "z"], ["z"])[0] == "z"


def test_a_call_is_made_only_for_a_tool_that_acts_on_one_thing(whittle):
    model = trained()
    complete, edit, reorder = (whittle.tools.get(n) for n in ("todo_complete", "todo_edit", "todo_reorder"))
    assert pointed_call(complete, "recycling run done", LIST, [], model) == \
        ToolCall("todo_complete", {"item": "take the recycling to the tip"})
    assert pointed_call(edit, "recycling run done", LIST, [], model) is None, "a new wording is not a thing"
    assert pointed_call(complete, "is the recycling one done?", LIST, [], model) is None, "a question asks to see"
    assert pointed_call(reorder, "the recycling one to the top", LIST, [], model) == \
        ToolCall("todo_reorder", {"item": "take the recycling to the tip", "position": 1})
    assert pointed_call(reorder, "move the recycling one", LIST, [], model) is None, "no place said"
    assert pointed_call(complete, "the fifth one is done", LIST, [], model) is None, "four things: no fifth"
    assert pointed_call(complete, "recycling run done", LIST, [], model, min_share=1.01) is None, "unsure: no call"
    reopen = whittle.tools.get("todo_reopen")
    assert pointed_call(reopen, "untick the one i ticked", LIST, [], model) is None, "none is ticked"
    assert pointed_call(reopen, "untick the one i ticked", LIST, ["eggs"], model) == ToolCall("todo_reopen", {"item": "eggs"})


async def test_the_planner_calls_the_thing_pointed_at_when_the_rules_find_no_call(whittle):
    for text in LIST:
        await execute_call(whittle.tools, ToolCall("todo_add", {"text": text}), "test", confirmed=True)
    values = values_of_apps(whittle)
    planner = CallPlanner(whittle.router, whittle.tools, values_of=values, marked_of=marked_of_apps(whittle))
    plan = await planner.plan("tip run done, tick it", app_name="todo", state_values=values("todo"))
    assert [(c.tool, c.args) for c in plan.calls] == [("todo_complete", {"item": LIST[3]})]
    assert plan.tier == "learned"
    nothing_ticked = await planner.plan("the one i ticked by mistake, undo that", app_name="todo",
                                        state_values=values("todo"))
    assert nothing_ticked.calls == [], "nothing is ticked: the one ticked is no thing"
    unlearned = CallPlanner(whittle.router, whittle.tools, values_of=values, marked_of=marked_of_apps(whittle),
                            learned=False)
    assert (await unlearned.plan("tip run done, tick it", app_name="todo", state_values=values("todo"))).calls == []
    # A part of a longer request that says a thing's state: its thing, when it names a word of it.
    two = await planner.plan("recycling done and delete eggs", app_name="todo", state_values=values("todo"))
    assert [(c.tool, c.args) for c in two.calls] == [("todo_complete", {"item": LIST[3]}), ("todo_delete", {"item": "eggs"})]
    unnamed = await planner.plan("delete eggs, it is done now", app_name="todo", state_values=values("todo"))
    assert [c.tool for c in unnamed.calls] == ["todo_delete"], "a state said of no thing named points at none"
