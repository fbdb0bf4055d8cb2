"""Pre-selection: the few real tools that fit a request, and none for plain chat (no model involved)."""

from __future__ import annotations

import pytest

from whittle.agent.select import leading_verbs, select_tools, stem
from whittle.config import Settings
from whittle.core import Whittle


@pytest.fixture(scope="module")
def tools(tmp_path_factory, model):
    """The tools the real apps register (one Whittle for the module: selection only reads them)."""
    whittle = Whittle(Settings(home=tmp_path_factory.mktemp("select-home")), model=model)
    yield whittle.tools
    whittle.close()


def names(tools, text: str, app: str | None = "todo", max_tools: int = 3) -> list[str]:
    return [c.tool.name for c in select_tools(text, tools, app_name=app, max_tools=max_tools)]


@pytest.mark.parametrize(("text", "app", "first"), [
    ("add milk to my list", "todo", "todo_add"),
    ("put eggs on the list", "todo", "todo_add"),
    ("please remember to water the plants", "todo", "todo_add"),
    ("tick off eggs", "todo", "todo_complete"),
    ("remove eggs from the list", "todo", "todo_delete"),
    ("rename milk to oat milk", "todo", "todo_edit"),
    ("what is on my list?", "todo", "todo_list"),
    ("switch to the Work profile", "todo", "profile_switch"),
    ("create a profile called Sam", "todo", "profile_add"),
    ("start it", "long-job", "long_job_start"),
    ("start the long job", "todo", "long_job_start"),
    ("go back to step 1", "hello-workflow", "hello_workflow_revert"),
    ("which pages are orphaned?", "linkgraph", "linkgraph_orphans"),
    ("search the conversation for pizza", "todo", "search_conversation"),
    ("open the dashboard", "todo", "open_app"),
])
def test_the_right_tool_comes_first(tools, text, app, first):
    assert names(tools, text, app)[0] == first


@pytest.mark.parametrize("text", [
    "what is the capital of France?", "how do I add a todo?", "tell me a joke about cats", "thanks, that's all",
    "why is the sky blue?", "hello!", "I love my job", "the milk was great yesterday", "who wrote Hamlet?",
])
def test_plain_chat_selects_nothing(tools, text):
    assert names(tools, text) == []


def test_the_verb_that_leads_wins_over_a_noun_later_on(tools):
    # "list" is a tool's verb too, but here it is what the eggs go on.
    assert "todo_list" not in names(tools, "put eggs on the list")
    assert leading_verbs("put eggs on the list", {"put", "list"}) == {"put"}
    assert leading_verbs("add bread and mark milk done", {"add", "mark", "done"}) == {"add", "mark", "done"}


def test_a_two_step_request_offers_both_tools(tools):
    assert set(names(tools, "add bread and mark milk done")) >= {"todo_add", "todo_complete"}


def test_the_open_app_breaks_ties_and_max_tools_caps(tools):
    assert names(tools, "start a new run", "hello-workflow")[0] == "hello_workflow_start"
    assert len(names(tools, "start a new run", "hello-workflow", max_tools=2)) <= 2


def test_a_destructive_tool_needs_the_users_own_verb(tools):
    # Selection reads only the user's request: data that says "delete" cannot put todo_delete forward.
    for text in ("what is on my list?", "add bread to my list", "start a new run"):
        chosen = select_tools(text, tools, app_name="todo")
        assert not [c for c in chosen if c.tool.destructive], text


def test_stemming_meets_word_forms():
    assert stem("adding") == stem("added") == stem("adds") == "add"
    assert stem("orphaned") == stem("orphans") == "orphan"


def test_a_story_about_reading_is_plain_chat(tools):
    assert names(tools, "Write a long story about a fox who learns to read.") == []


PASTED = ("The council met on Tuesday. After three hours of debate, members agreed to build new bike lanes, and "
          "the council promised to review the plan after the first year, then move the budget to the top of the list.")


@pytest.mark.parametrize("text", [f"Summarise this: {PASTED}", f"Can you shorten this for me?\n{PASTED}",
                                  f"{PASTED} Residents were mostly in favour, citing safety and cleaner air in the town.",
                                  f"What do you think of this article? {PASTED}"])
def test_verbs_inside_pasted_material_select_nothing(tools, text):
    assert select_tools(text, tools, app_name="todo") == [], "'move … to the top' is the article's, not the user's"


def test_a_short_list_after_the_colon_is_still_the_request(tools):
    assert select_tools("add to my list: milk, eggs", tools)[0].tool.name == "todo_add"
    long_list = "Add to my list: buy milk, call the plumber about the pipe in the kitchen, book the dentist, walk the dog"
    assert select_tools(long_list, tools)[0].tool.name == "todo_add", "the lead-in still says what to do"
