"""The planner with the real embedded model: pre-selection, the grammar, the router's check and ledger."""

from __future__ import annotations

import json

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.named_things import opened_app, points_back
from whittle.agent.planner import CallCheck, CallPlanner, examples
from whittle.agent.references import (
    expand_lists,
    extend_to_clause_end,
    extend_to_clause_start,
    order_reference_first,
    resolve_references,
    snap_to_state,
    split_actions,
)
from whittle.config import Settings
from whittle.core import Whittle

STATE = ["milk", "eggs", "call mum"]


def ledger_rows(whittle, ids):
    return [whittle.db.query_one("SELECT purpose, tier, outcome, response FROM llm_calls WHERE id=?", (i,)) for i in ids]


def test_references_resolve_to_the_state_in_its_order():
    assert resolve_references("tick off the first item", STATE) == 'tick off "milk"'
    assert resolve_references("delete the second one", STATE) == 'delete "eggs"'
    assert resolve_references("mark the last item as done", STATE) == 'mark "call mum" as done'
    assert resolve_references("complete item 2", STATE) == 'complete "eggs"'
    assert resolve_references("remove the fifth item", STATE) == "remove the fifth item", "no fifth: left as said"
    assert resolve_references("the first item", []) == "the first item"


def test_the_check_rejects_what_must_escalate(whittle):
    tools = [whittle.tools.get("todo_add"), whittle.tools.get("todo_complete")]
    check = CallCheck(tools, action_expected=True)
    assert check('[{"name": "todo_add", "arguments": {"text": "milk"}}]').ok
    assert not check("add milk").ok
    unknown = check('[{"name": "todo_delete", "arguments": {"item": "milk"}}]')
    assert not unknown.ok and "not one of the offered tools" in unknown.reason
    invalid = check('[{"name": "todo_add", "arguments": {"text": ""}}]')
    assert not invalid.ok and "todo_add" in invalid.reason
    assert not check("[]").ok, "no call for a request that asks for an action escalates"
    assert CallCheck(tools, action_expected=False)("[]").ok
    doubled = '[{"name": "todo_add", "arguments": {"text": "milk"}}, {"name": "todo_add", "arguments": {"text": "milk"}}]'
    assert check.calls(doubled) == [ToolCall("todo_add", {"text": "milk"})]


def test_a_named_state_value_is_taken_whole():
    assert snap_to_state([ToolCall("todo_delete", {"item": "mum"})], "erase call mum", STATE) == [
        ToolCall("todo_delete", {"item": "call mum"})]
    assert snap_to_state([ToolCall("todo_complete", {"item": "task call mum"})], "complete the task call mum", STATE) == [
        ToolCall("todo_complete", {"item": "call mum"})]
    kept = [ToolCall("todo_add", {"text": "mum"})]
    assert snap_to_state(kept, "add mum", STATE) == kept, "no state value named in the request: left as copied"


def test_a_list_in_the_request_gets_one_call_per_item(whittle):
    tools = {t.name: t for t in whittle.tools}
    one = [ToolCall("todo_complete", {"item": "milk"})]
    assert expand_lists(one, tools, "mark milk and eggs as done", STATE) == [
        ToolCall("todo_complete", {"item": "milk"}), ToolCall("todo_complete", {"item": "eggs"})]
    assert [c.args["text"] for c in expand_lists([ToolCall("todo_add", {"text": "bread"})], tools,
                                                 "add bread, butter and jam", STATE)] == ["bread", "butter", "jam"]
    together = [ToolCall("todo_add", {"text": "milk and eggs"})]
    assert [c.args["text"] for c in expand_lists(together, tools, "add milk and eggs", STATE)] == ["milk", "eggs"]
    two = [ToolCall("todo_add", {"text": "bread"}), ToolCall("todo_complete", {"item": "milk"})]
    assert expand_lists(two, tools, "add bread and mark milk done", STATE) == two, "another action is not an item"
    assert expand_lists(one, tools, "delete milk and add oat milk", STATE) == one


def test_a_request_is_cut_where_a_new_action_starts():
    assert split_actions("add bread and mark milk done") == ["add bread", "mark milk done"]
    assert split_actions("add apples then show my list") == ["add apples", "show my list"]
    for one in ("mark milk and eggs as done", "add bread, butter and jam", "tick off eggs and call mum"):
        assert split_actions(one) == [one]
    assert split_actions("posted the parcel! and you can delete buy light bulbs")[1] == "you can delete buy light bulbs"
    assert split_actions("eggs done and call mum done") == ["eggs done", "call mum done"], "each state said bare"
    assert split_actions("tick off call mum, and get rid of milk") == ["tick off call mum", "get rid of milk"]
    assert split_actions("the one that's ticked, get rid of it") == ["the one that's ticked, get rid of it"], \
        "a two-word verb starts an action after one that acts"
    assert split_actions("choose Good morning please, and then finalize it") == [
        "choose Good morning please", "finalize it"], "'it' after a verb that takes nothing is the run"
    assert split_actions("I mowed the lawn and posted the parcel, mark both done") == [
        "I mowed the lawn and posted the parcel, mark both done"]


def test_a_free_text_argument_cut_short_takes_the_last_plain_words():
    edit = [ToolCall("todo_edit", {"item": "milk", "text": "oat"})]
    assert extend_to_clause_end(edit, "rename milk to oat milk", STATE)[0].args == {"item": "milk", "text": "oat milk"}
    add = [ToolCall("todo_add", {"text": "plumber"})]
    assert extend_to_clause_end(add, "add the plumber to my todo list", STATE) == add


def test_a_free_text_argument_cut_short_takes_the_plain_words_after_the_verb():
    def extended(text, value):
        return extend_to_clause_start([ToolCall("todo_add", {"text": value})], text, STATE)[0].args["text"]

    assert extended("add call the plumber to my todo list", "plumber") == "call the plumber"
    assert extended("go to the link graph", "graph") == "link graph"
    assert extended("remember to water the plants", "plants") == "water the plants"
    # Words that say where or what kind are not part of it; nor is a state value widened.
    assert extended("search the conversation for pizza", "pizza") == "pizza"
    assert extended("create a profile called Sam", "Sam") == "Sam"
    assert extended("switch to the Work profile", "Work") == "Work"
    assert extended("add bread, butter and jam", "jam") == "jam"
    assert extended("I love the big red bus", "bus") == "bus", "no action verb: nothing anchors the words"
    assert extended("tick off bananas", "bananas") == "bananas"
    assert extend_to_clause_start([ToolCall("todo_complete", {"item": "mum"})], "tick off call mum", STATE)[0].args == {
        "item": "mum"}, "part of a named state value: snap_to_state's job, not this one"


def test_swapped_arguments_put_the_named_state_value_first(whittle):
    tools = {t.name: t for t in whittle.tools}
    swapped = [ToolCall("todo_edit", {"item": "free range eggs", "text": "eggs"})]
    assert order_reference_first(swapped, tools, "change eggs to free range eggs", STATE) == [
        ToolCall("todo_edit", {"item": "eggs", "text": "free range eggs"})]
    right = [ToolCall("todo_edit", {"item": "milk", "text": "oat milk"})]
    assert order_reference_first(right, tools, "rename milk to oat milk", STATE) == right
    both = [ToolCall("todo_edit", {"item": "eggs", "text": "milk"})]
    assert order_reference_first(both, tools, "rename eggs to milk", STATE) == both


CASES = [
    ("add bread to my list", [ToolCall("todo_add", {"text": "bread"})]),
    ("tick off the first item", [ToolCall("todo_complete", {"item": "milk"})]),
    ("delete eggs", [ToolCall("todo_delete", {"item": "eggs"})]),
    ("open the dashboard", [ToolCall("open_app", {"app": "costs"})]),  # said by its title, "Cost dashboard"
]


def canonical(whittle, calls: list[ToolCall]) -> list[ToolCall]:
    """The calls as their tools read them: open_app's "Cost dashboard" is the app "costs"."""
    return [ToolCall(c.tool, whittle.tools.get(c.tool).params.model_validate(c.args).model_dump(exclude_defaults=True))
            for c in calls]


async def test_the_embedded_model_plans_exact_calls_and_each_attempt_is_in_the_ledger(whittle):
    planner = CallPlanner(whittle.router, whittle.tools)
    right = 0
    for text, expected in CASES:
        plan = await planner.plan(text, app_name="todo", state_values=STATE)
        right += canonical(whittle, plan.calls) == expected
        assert plan.tier == "local" and plan.call_ids, text
        rows = ledger_rows(whittle, plan.call_ids)
        assert all(row["purpose"] == "agent" for row in rows)
        json.loads(rows[-1]["response"])  # the grammar: the answer always parses
    assert right >= len(CASES) - 1, f"only {right} of {len(CASES)} exact"


async def test_plain_chat_makes_no_model_call(whittle):
    before = whittle.db.query_one("SELECT COUNT(*) AS n FROM llm_calls")["n"]
    plan = await CallPlanner(whittle.router, whittle.tools).plan(
        "what is the capital of France?", app_name="todo", state_values=STATE)
    assert plan.calls == [] and plan.call_ids == [] and plan.tier is None
    assert whittle.db.query_one("SELECT COUNT(*) AS n FROM llm_calls")["n"] == before


@pytest.fixture
def cascade(tmp_path, model, remote_server):
    """Two tiers; every local answer fails the confidence bar, so each plan escalates to the server."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "whittle.toml").write_text(
        '[[tiers]]\nname = "local"\nbackend = "embedded"\n\n'
        f'[[tiers]]\nname = "remote"\nbackend = "openai"\nbase_url = "{remote_server["base_url"]}"\n'
        f'model = "{remote_server["model"]}"\ntrust = "local"\nstructured_output = "llama.cpp"\n'
        "price_input_per_mtok = 0.0\nprice_output_per_mtok = 0.0\n\n[router]\nmin_mean_logprob = 0.0\ncache = false\n"
    )
    instance = Whittle(Settings(home=home), model=model)
    yield instance, remote_server["log"]
    instance.close()


async def test_an_unsure_local_call_escalates_through_the_cascade_with_the_grammar(cascade):
    whittle, log = cascade
    plan = await CallPlanner(whittle.router, whittle.tools).plan("add bread to my list", app_name="todo",
                                                                  state_values=STATE)
    assert plan.tier == "remote" and len(plan.call_ids) == 2
    rows = ledger_rows(whittle, plan.call_ids)
    assert [(r["tier"], r["outcome"]) for r in rows] == [("local", "escalated"), ("remote", "accepted")]
    assert all(c.tool == "todo_add" for c in plan.calls)
    bodies = [json.loads(line["body"]) for line in map(json.loads, log.read_text().splitlines()) if line["body"]]
    assert "todo_add" in bodies[-1]["grammar"], "the server generated under the same grammar"


def test_the_grammar_lets_the_model_say_none_of_these_tools(whittle):
    """The lexical pre-selection can pick tools for plain chat ("give me a new idea for dinner" has
    "new"): the model must be able to answer `[]`, so that the turn becomes chat instead of a todo."""
    planner = CallPlanner(whittle.router, whittle.tools)
    tools = [whittle.tools.get("todo_add"), whittle.tools.get("profile_add")]
    gbnf = planner.constraint(tools, "Give me a new idea for dinner", []).gbnf
    assert gbnf.startswith('root ::= "[]" | "["'), gbnf.splitlines()[0]


def test_the_examples_ask_the_way_the_request_does(whittle):
    """The worked examples lead in with the request's own words; all show the first (best) tool."""
    asked = [t["content"] for t in examples([whittle.tools.get("todo_delete")], "drop eggs from my list")
             if t["role"] == "user"]
    assert asked[-1] == "drop stamps"
    asked = [t["content"] for t in examples([whittle.tools.get("open_app")], "take me to the models page")
             if t["role"] == "user"]
    assert asked[-1] == "take me to the introduction", "open_app's argument is one of the apps: an app's name"
    turns = examples([whittle.tools.get("todo_add"), whittle.tools.get("profile_add")], "add pay rent to the list")
    assert [t["content"] for t in turns if t["role"] == "user"][-1] == "add stamps"
    assert {c["name"] for t in turns if t["role"] == "assistant" for c in json.loads(t["content"])} == {"todo_add"}
    asked = [t["content"] for t in examples([whittle.tools.get("long_job_start")], "kick off the job") if t["role"] == "user"]
    assert asked[-1] == "kick long job", "no arguments: the verb and what it acts on"


async def test_a_tool_the_rules_chose_by_the_requests_words_is_called(whittle):
    """SmolLM2 answered "make a new profile called Allotment" with [] ("none of these") when it could;
    the rules read the action in the request's own words, so the grammar leaves "none" out for them."""
    planner = CallPlanner(whittle.router, whittle.tools)
    plan = await planner.plan("make a new profile called Allotment", app_name="profiles",
                              state_values=["Default", "Work"])
    assert [(c.tool, c.args) for c in plan.calls] == [("profile_add", {"name": "Allotment"})]
    candidates = planner.candidates("make a new profile called Allotment", "profiles", ["Default", "Work"])
    tools = [c.tool for c in candidates]
    assert not planner.constraint(tools, "make a new profile called Allotment", [], allow_none=False).gbnf.startswith(
        'root ::= "[]"')
    chat = await planner.plan("Give me a new idea for dinner", app_name="todo", state_values=STATE)
    assert chat.calls == [] and chat.call_ids == [], "plain chat still selects no tool, so nothing is forced"


async def test_an_action_after_opening_an_app_is_asked_in_that_app(whittle):
    """"open link graph and start a new run" typed in the todo app: the run is the link graph's."""
    plan = await CallPlanner(whittle.router, whittle.tools).plan(
        "open link graph and start a new run", app_name="todo", state_values=STATE)
    assert [c.tool for c in plan.calls] == ["open_app", "linkgraph_start"]
    assert opened_app(plan.calls[:1], whittle.tools) == "linkgraph"
    assert opened_app([ToolCall("open_app", {"app": "no such app"})], whittle.tools) is None


async def test_two_parts_asking_for_the_same_call_make_it_once(whittle):
    planner = CallPlanner(whittle.router, whittle.tools)
    plan = await planner.plan("delete eggs, then delete eggs", app_name="todo", state_values=STATE)
    assert len(split_actions("delete eggs, then delete eggs")) == 2
    assert [(c.tool, c.args) for c in plan.calls] == [("todo_delete", {"item": "eggs"})]


async def test_a_part_a_later_one_points_back_to_is_the_thing_not_an_ask(whittle):
    """The learned model would read "I need to order more contact lenses" as an add of its own, and the
    model copied it without the verb; the part that asks ("put that on my todo list") adds it whole."""
    said = "oh before I forget, I need to order more contact lenses, can you put that on my todo list"
    plan = await CallPlanner(whittle.router, whittle.tools).plan(said, app_name="todo", state_values=STATE)
    assert [(c.tool, c.args) for c in plan.calls] == [("todo_add", {"text": "order more contact lenses"})]
    assert points_back("can you put that on my todo list") and not points_back("then finalise it")


async def test_a_part_led_by_not_or_a_word_in_ing_is_a_remark(whittle):
    said = "delete eggs, not needed after all. staying for the pool"
    assert len(split_actions(said)) == 2
    plan = await CallPlanner(whittle.router, whittle.tools).plan(said, app_name="todo", state_values=STATE)
    assert [(c.tool, c.args) for c in plan.calls] == [("todo_delete", {"item": "eggs"})]
