"""The learned span model: its examples, where it reads a value, and when it leaves the rules' value be."""

from __future__ import annotations

import pytest

from whittle.agent.arg_spans import (
    MIN_EXAMPLES,
    ArgumentSpans,
    Example,
    argument_key,
    read_examples,
    spans,
    trained,
    without_a_correction,
)
from whittle.agent.calls import ToolCall
from whittle.agent.planner import CallPlanner
from whittle.config import Settings
from whittle.core import Whittle


@pytest.fixture(scope="module")
def whittle(tmp_path_factory, model):
    whittle = Whittle(Settings(home=tmp_path_factory.mktemp("arg-spans-home")), model=model)
    yield whittle
    whittle.close()


def test_every_example_names_a_registered_tool_and_its_argument(whittle):
    examples = read_examples()
    assert len(examples) >= 500
    tools = {tool.name: tool for tool in whittle.tools}
    for example in examples:
        tool, _, argument = example.key.partition("@")[0].partition(".")
        assert argument in tools[tool].params.model_fields, example


def test_a_step_value_is_keyed_by_the_step_as_said_bare():
    assert argument_key("todo_add", "text") == "todo_add.text"
    assert argument_key("hello_workflow_submit", "value", "Your name") == "hello_workflow_submit.value@name"


def test_spans_neither_start_nor_end_on_a_stop():
    said = {"add milk, please.".__getitem__(slice(a, b)) for a, b in spans("add milk, please.")}
    assert {"add milk", "milk", "add milk, please", "please"} <= said
    assert not any(s.endswith((",", ".")) or s.startswith((",", ".")) for s in said)
    quoted = {"say 'hi' - ok".__getitem__(slice(a, b)) for a, b in spans("say 'hi' - ok")}
    assert "hi" in quoted and not quoted & {"'", "-", "'hi'", "hi' -", "- ok"}


def test_it_learns_where_a_value_sits_and_only_arguments_with_enough_examples():
    things = ["milk", "oat milk", "the car in for its MOT", "stamps", "a present for Ann"]
    examples = [Example(f"{lead} {thing}{tail}", "todo_add.text", thing, f"writer{n % 3}")
                for n, (lead, tail) in enumerate([("add", " please"), ("put", " on my list"), ("remember to buy", ""),
                                                  ("pls add", " thanks")] * 5)
                for thing in things[n % 5:n % 5 + 1]]
    # Its examples never quote, so it reads past a quote; what the user quoted stays the value as typed.
    todo_only = ArgumentSpans(examples)
    assert todo_only.best("todo_add.text", "'ring Dave' then add bread rolls please")[0] == "bread rolls"
    quoted = [ToolCall("todo_add", {"text": "ring Dave"})]
    assert todo_only.placed(quoted, "'ring Dave' then add bread rolls please") == quoted
    examples += [Example("call it Work", "profile_add.name", "Work")] * (MIN_EXAMPLES - 1)
    model = ArgumentSpans(examples)
    assert model.keys == {"todo_add.text"}, "an argument with fewer examples than MIN_EXAMPLES is left to the rules"
    value, share = model.best("todo_add.text", "put bread rolls on my list")
    assert value == "bread rolls" and 0 < share <= 1
    assert model.best("profile_add.name", "call it Home") is None


def test_the_shipped_model_places_a_cut_short_thing_and_keeps_the_rest():
    model = trained()
    said = "need to book the ute in for a service before xmas"
    cut_short = ToolCall("todo_add", {"text": "xmas"})
    assert model.placed([cut_short], said) == [ToolCall("todo_add", {"text": "book the ute in for a service before xmas"})]
    # Two things added in one request each keep their own value: one best span is not both.
    two = [ToolCall("todo_add", {"text": "milk"}), ToolCall("todo_add", {"text": "eggs"})]
    assert model.placed(two, "add milk and eggs") == two
    # A wording the rules built from the thing itself ("Diana not Dana") is said by no span: it stays.
    swapped = ToolCall("todo_edit", {"item": "send invoice to Dana", "text": "send invoice to Diana"})
    assert model.placed([swapped], "Diana not Dana, fix that todo") == [swapped]
    # A value another call of the plan also names is the plan's thing.
    made = [ToolCall("profile_add", {"name": "gym stuff"}), ToolCall("profile_switch", {"name": "gym stuff"})]
    assert model.placed(made, "make a profile called gym stuff and switch 2 it") == made
    # A span that runs past "n"/"and" into another part's action word is not the thing.
    flux = [ToolCall("todo_add", {"text": "buy flux"}), ToolCall("todo_complete", {"item": "pay mum bord"})]
    assert model.placed(flux, "add buy flux n tick pay mum bord") == flux
    # An argument it did not learn (the item, a step) is never touched.
    ticked = ToolCall("todo_complete", {"item": "milk"})
    assert model.placed([ticked], "milk is done, tick off the milk please") == [ticked]


async def test_the_planner_gives_the_span_the_model_places(whittle):
    asked = "Please create a profile for Accounts, vendor payments I will keep there."
    plan = await CallPlanner(whittle.router, whittle.tools).plan(asked, app_name="profiles",
                                                                 state_values=["Default", "Work"])
    assert [(c.tool, c.args) for c in plan.calls] == [("profile_add", {"name": "Accounts"})]
    # Without the learned models, the rules' own reading stands (the words after the comma).
    plan = await CallPlanner(whittle.router, whittle.tools, learned=False).plan(asked, app_name="profiles",
                                                                                state_values=["Default", "Work"])
    assert [c.tool for c in plan.calls] == ["profile_add"] and plan.calls[0].args["name"] != "Accounts"


def test_a_correcting_tail_is_no_part_of_the_value():
    assert without_a_correction("twelve eggs not just eggs") == "twelve eggs"
    assert without_a_correction("Dentist Thursday 10.30 instead") == "Dentist Thursday 10.30"
    assert without_a_correction("quote for 2 bathrooms, not 3") == "quote for 2 bathrooms"
    assert without_a_correction("not urgent") == "not urgent", "nothing left: the span stays"
    assert without_a_correction("knot tying practice") == "knot tying practice"
