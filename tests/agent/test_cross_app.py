"""The planner sees more than the open app: the things of every app whose tool was pre-selected
("switch to Work" asked in the todo app), and open_app's argument is one of the registered apps,
said by its name or title. Real model, real SQLite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from whittle.agent.calls import ToolCall
from whittle.agent.grammar import call_grammar
from whittle.agent.named_things import (
    another_of_the_same,
    app_pointed_back,
    appended_not_added,
    both_of_them,
    bought_together,
    deed_said,
    intended_thing,
    quoted_not_told,
    quoted_things_added,
    refer_back,
    renamed_in_later_calls,
    reopened_not_completed,
    said_of_a_thing_not_added,
    shows_what_was_asked,
    snap_to_named_thing,
    without_opening_the_open_app,
)
from whittle.agent.planner import CallPlanner
from whittle.agent.runner import marked_of_apps, state_values_of, values_of_apps
from whittle.agent.select import select_tools

BENCH = Path(__file__).resolve().parents[2] / "bench" / "agent"
sys.path.insert(0, str(BENCH))

from agent_harness import fresh_whittle, planner_for, prepare, snapshot  # noqa: E402


def todo_values(whittle) -> list[str]:
    return state_values_of(whittle, whittle.apps["todo"])


def chosen(whittle, text: str, **options) -> list[str]:
    return [c.tool.name for c in select_tools(text, whittle.tools, app_name="todo", state_values=todo_values(whittle),
                                              **options)]


def test_another_apps_thing_named_with_its_tools_verb_selects_that_tool(whittle):
    whittle.profiles.create("Work")
    assert "profile_switch" not in chosen(whittle, "switch to Work"), "without other apps' values: nothing names a profile"
    assert chosen(whittle, "switch to Work", values_of=values_of_apps(whittle))[0] == "profile_switch"
    assert "profile_switch" not in chosen(whittle, "switch to Lisbon", values_of=values_of_apps(whittle)), \
        "no profile is called that"


def test_the_open_apps_values_come_first_then_those_of_the_pre_selected_tools_apps(whittle):
    whittle.profiles.create("Work")
    planner = CallPlanner(whittle.router, whittle.tools, values_of=values_of_apps(whittle))
    tools = [whittle.tools.get("todo_add"), whittle.tools.get("profile_switch")]
    assert planner.values_for(tools, "todo", ["milk", "eggs"]) == ["milk", "eggs", "Default", "Work"]
    assert planner.values_for(tools[:1], "todo", ["milk"]) == ["milk"], "no profiles tool, no profiles"
    gbnf = planner.constraint(tools[1:], "switch to work", planner.values_for(tools[1:], "todo", ["milk"])).gbnf
    text_rule = next(line for line in gbnf.splitlines() if line.startswith("text ::="))
    assert '"Work"' in text_rule, "the profile's name is an allowed value, as the app holds it"


async def test_the_chat_switches_profile_from_the_todo_app(whittle):
    """The product path (runner.Agent): the planner is given the profiles' names though the todo app is open."""
    whittle.profiles.create("Work")
    await whittle.chat.user_message("switch to my Work profile", whittle.apps["todo"])
    assert whittle.profiles.active().name == "Work"


def test_open_app_takes_a_registered_app_by_name_or_title(whittle):
    params = whittle.tools.get("open_app").params
    assert params.model_validate({"app": "Cost dashboard"}).app == "costs"
    assert params.model_validate({"app": "long job"}).app == "long-job"
    assert params.model_validate({"app": "models"}).app == "models"
    with pytest.raises(ValidationError, match="the apps are: .*costs"):
        params.model_validate({"app": "spreadsheet"})
    offered = params.model_json_schema()["properties"]["app"]["enum"]
    assert offered[:len(whittle.apps)] == list(whittle.apps), "the names first: the examples show names"
    assert {"Cost dashboard", "Link graph", "long job"} <= set(offered)


def test_the_grammar_offers_only_the_apps_the_request_names(whittle):
    gbnf = call_grammar([whittle.tools.get("open_app")], "take me to the cost dashboard")
    assert '\\"Cost dashboard\\"' in gbnf and '\\"costs\\"' in gbnf and '\\"models\\"' not in gbnf
    everything = call_grammar([whittle.tools.get("open_app")], "open it")
    assert all(f'\\"{name}\\"' in everything for name in whittle.apps), "none named: every app"


async def test_the_model_opens_the_app_the_user_calls_by_its_title(whittle):
    planner = CallPlanner(whittle.router, whittle.tools, values_of=values_of_apps(whittle))
    plan = await planner.plan("take me to the cost dashboard", app_name="todo", state_values=todo_values(whittle))
    assert [c.tool for c in plan.calls] == ["open_app"]
    assert whittle.tools.get("open_app").params.model_validate(plan.calls[0].args).app == "costs"


async def test_bench_setup_submits_a_step_of_several_fields_by_name(tmp_path, model):
    request = {"setup": {"run": "competitive-analysis",
                         "submit": [["competitors", {"competitors": "Fernwood Labs, Quillbright",
                                                     "description": "a tea shop"}]]}}
    whittle = fresh_whittle(tmp_path / "home", request, model, None)
    try:
        await prepare(whittle, request)
        steps = snapshot(whittle)["steps"]
        assert [(step, done) for step, _, done in steps] == [("competitors", 1)]
        assert "Quillbright" in steps[0][1] and "a tea shop" in steps[0][1]
        assert planner_for(whittle).values_of("profiles") == ["Default", "Work"], "the bench plans as the product does"
    finally:
        whittle.close()


def test_an_argument_naming_one_existing_thing_of_its_tools_app_is_that_thing(whittle):
    whittle.profiles.create("Work")
    tools = {t.name: t for t in whittle.tools}
    things = values_of_apps(whittle)
    text = "swap over to my Work profile pls"
    switched = snap_to_named_thing([ToolCall("profile_switch", {"name": "over to my Work profile pls"})], tools, text,
                                   things)
    assert switched == [ToolCall("profile_switch", {"name": "Work"})]
    kept = [ToolCall("todo_add", {"text": "Work shoes"}), ToolCall("search_conversation", {"query": "Work trip"})]
    assert snap_to_named_thing(kept, tools, "add Work shoes and search the chat for Work trip", things) == kept, \
        "a new todo's text and a search are the user's words, not a profile"


def test_a_referring_argument_that_is_no_thing_of_its_app_is_the_one_thing_the_request_names(whittle):
    tools = {t.name: t for t in whittle.tools}
    todos = {"todo": ["hoover the stairs", "renew car tax"], "hello-workflow": ["Your name", "Greeting"]}.get
    bumped = [ToolCall("todo_reorder", {"item": "bump", "position": 1})]
    assert snap_to_named_thing(bumped, tools, "bump renew car tax to the top", todos) == [
        ToolCall("todo_reorder", {"item": "renew car tax", "position": 1})]
    step_id = [ToolCall("hello_workflow_revert", {"step": "name"})]
    assert snap_to_named_thing(step_id, tools, "go back to the name step", todos) == step_id, "the step's id is kept"
    cut_short = [ToolCall("todo_complete", {"item": "hoover the"})]
    assert snap_to_named_thing(cut_short, tools, "I hoovered the stairs, tick it off", todos) == [
        ToolCall("todo_complete", {"item": "hoover the stairs"})], "a piece of it, cut short"
    own = [ToolCall("todo_complete", {"item": "car tax renew"}), ToolCall("todo_complete", {"item": "stairs hoover"})]
    assert snap_to_named_thing(own, tools, "tick car tax renew and stairs hoover", todos) == [
        ToolCall("todo_complete", {"item": "renew car tax"}), ToolCall("todo_complete", {"item": "hoover the stairs"})], \
        "a copy that names one thing itself is that one"
    numbered = [ToolCall("todo_complete", {"item": "2"})]
    assert snap_to_named_thing(numbered, tools, "tick off 2, not renew car tax", todos) == numbered
    other_form = [ToolCall("todo_complete", {"item": "hoovered"})]
    assert snap_to_named_thing(other_form, tools, "hoovered the stairs finally, mark it done", todos) == [
        ToolCall("todo_complete", {"item": "hoover the stairs"})], "another form of its word is no word the tool finds"
    unsaid = [ToolCall("todo_reorder", {"item": "hoover the stairs", "position": 1})]
    assert snap_to_named_thing(unsaid, tools, "can you move renew car tax right up to the top", todos) == [
        ToolCall("todo_reorder", {"item": "renew car tax", "position": 1})], "a thing never mentioned, another named"
    word_of_another = [ToolCall("todo_complete", {"item": "hoover the stairs"}), ToolCall("todo_complete", {"item": "tax"})]
    assert snap_to_named_thing(word_of_another, tools, "tick off hoover the stairs and the tax, both done", todos) == [
        ToolCall("todo_complete", {"item": "hoover the stairs"}), ToolCall("todo_complete", {"item": "renew car tax"})], \
        "a word of one other thing is that thing, not the one named in full"
    said = [ToolCall("todo_edit", {"item": "hoover the stairs", "text": "renew car tax"})]
    assert snap_to_named_thing(said, tools, "change hoover the stairs to renew car tax", todos) == said
    both = [ToolCall("todo_complete", {"item": "both"})]
    assert snap_to_named_thing(both, tools, "renew car tax and hoover the stairs, tick both of them", todos) == [
        ToolCall("todo_complete", {"item": "hoover the stairs"}), ToolCall("todo_complete", {"item": "renew car tax"})], \
        "'both' copied: the two things named"


def test_it_in_a_later_action_is_what_the_action_before_named(whittle):
    made = [ToolCall("profile_add", {"name": "Allotment"})]
    assert refer_back("switch over to it", made, whittle.tools) == 'switch over to "Allotment"'
    assert refer_back("cancel the job, it's slow", made, whittle.tools) == "cancel the job, it's slow"
    added = [ToolCall("todo_add", {"text": "buy sunscreen"})]
    assert refer_back("add renew my passport too, it expires in 2 months", added, whittle.tools) == \
        "add renew my passport too, it expires in 2 months", "'it' is the thing this part adds"
    # The part before made no call ("iron shirts isn't needed any more"): "it" is the thing it said.
    assert refer_back("remove it", [], whittle.tools, ["iron shirts"]) == 'remove "iron shirts"'
    assert refer_back("mark that one done", [], whittle.tools, ["renew car insurance"]) == 'mark "renew car insurance" done'
    assert refer_back("add that", [], whittle.tools, ["call le proprio"]) == 'add "call le proprio"', "'that' ending the part"
    assert refer_back("add that thing", [], whittle.tools, ["call le proprio"]) == "add that thing"
    assert refer_back("add return laptop charger to IT", made, whittle.tools) == "add return laptop charger to IT"
    assert refer_back("SWITCH TO IT", made, whittle.tools) == 'SWITCH TO "Allotment"'
    done = "also tick pay society maintenance, paid it morning"
    assert refer_back(done, [ToolCall("todo_add", {"text": "buy kurta"})], whittle.tools, (), ["pay society maintenance"]) == done
    lenses = intended_thing("oh before I forget, I need to order more contact lenses")
    assert lenses == ["order more contact lenses"], "what the user says they need to do"
    assert deed_said("tell Emeka to resume 8am saturday") == ["tell Emeka to resume 8am saturday"], "a deed said"
    assert deed_said("milk is out") == [] and deed_said("the boiler is broken again") == []
    assert intended_thing("call the lender for me") == [], "only a deed added back is read as said"
    assert intended_thing("need to get a new strap lock, the old one gave out mid take") == ["get a new strap lock"], \
        "a sentence after the comma tells why"
    assert refer_back("can you put that on my todo list", [], whittle.tools, lenses) == \
        'can you put "order more contact lenses" on my todo list'
    assert refer_back("I think that is fine", [], whittle.tools, lenses) == "I think that is fine", "no pronoun there"
    two = [ToolCall("todo_add", {"text": "milk"}), ToolCall("todo_add", {"text": "eggs"})]
    assert refer_back("mark it done", two, whittle.tools) == "mark it done", "two things: 'it' is not clear"
    assert refer_back("move that up to the top", [], whittle.tools, ["compare car insurance quotes"]) == \
        'move "compare car insurance quotes" up to the top'
    idiom = "delete the gym one while you're at it"
    assert refer_back(idiom, made, whittle.tools) == idiom, "'while you're at it' refers to nothing"


async def test_a_profile_made_in_the_same_request_can_be_switched_to(whittle):
    planner = CallPlanner(whittle.router, whittle.tools, values_of=values_of_apps(whittle))
    plan = await planner.plan("create a profile called Allotment and switch to it", app_name="profiles",
                              state_values=state_values_of(whittle, whittle.apps["profiles"]))
    assert [(c.tool, c.args) for c in plan.calls] == [("profile_add", {"name": "Allotment"}),
                                                     ("profile_switch", {"name": "Allotment"})]


def test_a_part_after_and_that_no_tool_does_is_another_new_thing(whittle):
    tools = {tool.name: tool for tool in whittle.tools}
    added = [ToolCall("todo_add", {"text": "buy batteries"})]
    text = "add buy batteries and also return library books"
    assert another_of_the_same("also return library books", text, added, tools) == ToolCall(
        "todo_add", {"text": "return library books"})
    assert another_of_the_same("bin bags", "add oat milk and bin bags", added, tools) == ToolCall(
        "todo_add", {"text": "bin bags"})
    assert another_of_the_same("thanks for the help", "add milk and thanks for the help", added, tools) is None
    ticked = [ToolCall("todo_complete", {"item": "milk"})]
    assert another_of_the_same("bin bags", "tick milk and bin bags", ticked, tools) is None, "only after adding"
    assert another_of_the_same("return library books", "add milk, return library books", added, tools) is None


def test_words_put_on_the_end_of_a_named_thing_edit_it(whittle):
    todos = ["buy new trainers", "sort out the bank card"]

    def things(app: str) -> list[str]:
        return todos if app == "todo" else []

    added = [ToolCall("todo_add", {"text": "by Friday"})]
    text = "for \"sort out the bank card\", stick 'by Friday' on the end"
    assert appended_not_added(added, whittle.tools, text, things) == [
        ToolCall("todo_edit", {"item": "sort out the bank card", "text": "sort out the bank card by Friday"})]
    listed = "add buy stamps to the end of my list"
    assert appended_not_added([ToolCall("todo_add", {"text": "buy stamps"})], whittle.tools, listed, things) == [
        ToolCall("todo_add", {"text": "buy stamps"})], "the end of the list is a place, not a thing's end"


def test_a_place_said_in_another_app_is_in_the_list_of_the_app_that_acts(whittle):
    planner = planner_for(whittle)
    assert planner.listed_app("mark the first two as done please", "experts") == "todo"
    assert planner.listed_app("delete the first item on my list", "costs") == "todo"
    assert planner.listed_app("go back to the first step", "hello-workflow") == "hello-workflow"
    assert planner.listed_app("switch to the second one", "profiles") == "profiles"
    assert planner.listed_app("change the second one to return parcel", "memory", []) == "todo", \
        "the memory page lists nothing: a place the todo tools act on is the todo list's"
    assert planner.listed_app("change the second one to return parcel", "profiles", ["Default", "Work"]) == "profiles"


def test_the_marked_things_are_the_todos_done_and_the_active_profile(whittle):
    todo = whittle.apps["todo"]
    for text in ("milk", "eggs"):
        todo.todos.add(todo.profile.id, text)
    todo.todos.set_done(todo.profile.id, todo.todos.items(todo.profile.id)[1].id, True)
    whittle.profiles.create("Work")
    marked = marked_of_apps(whittle)
    assert marked("todo") == ["eggs"]
    assert marked("profiles") == ["Default"]
    assert marked("costs") == [] and marked("no-such-app") == []
    assert planner_for(whittle).marked_of("todo") == ["eggs"], "the bench plans as the product does"


async def test_a_verb_typed_with_two_letters_swapped_is_read_by_every_step(whittle):
    todo = whittle.apps["todo"]
    todo.todos.add(todo.profile.id, "milk")
    plan = await planner_for(whittle).plan("chnage milk to oat milk", app_name="todo", state_values=["milk"])
    assert [(c.tool, c.args) for c in plan.calls] == [("todo_edit", {"item": "milk", "text": "oat milk"})]


def test_a_thing_ticked_and_unticked_in_one_request_is_unticked(whittle):
    ticked = ToolCall("todo_complete", {"item": "return library books"})
    unticked = ToolCall("todo_reopen", {"item": "return library books"})
    assert reopened_not_completed([ticked, unticked]) == [unticked]
    assert reopened_not_completed([ticked]) == [ticked]
    deleted = ToolCall("todo_delete", ticked.args)  # "delete van insurance, sorted it online"
    assert reopened_not_completed([deleted, ticked]) == [deleted]
    step = [ToolCall("hello_workflow_submit", {"step": "Greeting", "value": "Good morning"})]
    assert refer_back("Then finalise it please", step, whittle.tools) == "Then finalise it please", \
        "after a verb whose tool takes nothing, 'it' is the run"
    assert refer_back("put it in the name step", step, whittle.tools) == 'put "Greeting" in the name step'


def test_a_thing_edited_is_called_by_its_new_text_in_later_calls():
    edit = ToolCall("todo_edit", {"item": "clean the grinder", "text": "clean the grinder and the wand"})
    move = ToolCall("todo_reorder", {"item": "Clean the grinder", "position": 1})
    assert renamed_in_later_calls([edit, move])[1].args == {"item": "clean the grinder and the wand", "position": 1}
    assert renamed_in_later_calls([move, edit]) == [move, edit], "a call before the edit names the old text"
    other = ToolCall("profile_switch", {"name": "clean the grinder"})
    assert renamed_in_later_calls([edit, other])[1] == other, "another app's thing of the same name"
    chairs = ToolCall("todo_edit", {"item": "get 10 chairs from Aunty Fia", "text": "get 20 chairs from Aunty Fia"})
    piece = ToolCall("todo_reorder", {"item": "20 chairs", "position": 4})
    assert renamed_in_later_calls([chairs, piece])[1].args["item"] == "get 20 chairs from Aunty Fia", \
        "a piece only of the new text"
    old_piece = ToolCall("todo_reorder", {"item": "Aunty Fia", "position": 4})
    assert renamed_in_later_calls([chairs, old_piece])[1] == old_piece, "a piece of both: left to the other readings"


def test_a_statement_beside_a_quoted_new_thing_is_its_reason_not_another_thing(whittle):
    said = 'would you be so kind to add "call the plumber" for me, the sink in kitchen is leaking again'
    plumber = ToolCall("todo_add", {"text": "call the plumber"})
    sink = ToolCall("todo_add", {"text": "sink in kitchen is leaking again"})
    assert quoted_not_told([sink, plumber], whittle.tools, said) == [plumber]
    unquoted = said.replace('"', "")
    assert quoted_not_told([sink, plumber], whittle.tools, unquoted) == [sink, plumber], "nothing quoted: as planned"
    aside = ToolCall("todo_add", {"text": "28th"})
    said_aside = "Please add 'call the plumber' (the deadline's the 28th, for what it's worth)."
    assert quoted_not_told([plumber, aside], whittle.tools, said_aside) == [plumber], "a bracketed aside"
    bread = ToolCall("todo_add", {"text": "bread"})
    assert quoted_not_told([plumber, bread], whittle.tools, 'add "call the plumber" and bread') == [plumber, bread]
    forms = ToolCall("todo_add", {"text": "annual appraisal forms"})
    told = "My manager reminded me that the annual appraisal forms are due in. Please add 'call the plumber'."
    assert quoted_not_told([forms, plumber], whittle.tools, told) == [plumber], "copied from a told sentence"
    asked = "The forms are due in. Please add 'call the plumber' and the annual appraisal forms."
    assert quoted_not_told([forms, plumber], whittle.tools, asked) == [forms, plumber], "also in the asking sentence"


def test_quoted_things_are_the_things_added(whittle):
    said = "Add two things: 'call the gestor' and 'send photos to the web designer'"
    planned = [ToolCall("todo_add", {"text": "two things"})]
    assert quoted_things_added(planned, whittle.tools, said) == [
        ToolCall("todo_add", {"text": "call the gestor"}), ToolCall("todo_add", {"text": "send photos to the web designer"})]
    foreign = [ToolCall("todo_add", {"text": "Añade 'llamar al fontanero'"})]
    assert quoted_things_added(foreign, whittle.tools, "Añade 'llamar al fontanero' please") == [
        ToolCall("todo_add", {"text": "llamar al fontanero"})], "a quote and other words: the quote"
    corrected = [ToolCall("todo_add", {"text": "resident parking permit renewal"})]
    assert quoted_things_added(corrected, whittle.tools, "add 'parking permit renewal' - no wait, make it "
                               "'resident parking permit renewal'") == corrected, "a quote holding an earlier one"
    edit = [ToolCall("todo_edit", {"item": "milk", "text": "oat milk"})]
    assert quoted_things_added(edit, whittle.tools, "change 'milk' to 'oat milk'") == edit, "no add: as planned"
    resolved = [ToolCall("todo_add", {"text": "bread"}), ToolCall("todo_complete", {"item": "eggs"})]
    assert quoted_things_added(resolved, whittle.tools, 'add "bread" and tick off "eggs"', ["milk", "eggs"]) == \
        resolved, "a quote of a thing already there is no new thing, and another call is not an add"


def test_words_saying_what_a_thing_does_are_not_another_thing(whittle):
    bus = ToolCall("todo_add", {"text": "renew bus pass"})
    expires = ToolCall("todo_add", {"text": "expires next wk"})
    assert said_of_a_thing_not_added([bus, expires], whittle.tools) == [bus]
    assert said_of_a_thing_not_added([expires], whittle.tools) == [expires], "alone, it is what was asked"
    last = ToolCall("todo_reorder", {"item": "eggs", "position": 3})
    urgent = ToolCall("todo_add", {"text": "not urgent"})
    assert said_of_a_thing_not_added([last, urgent], whittle.tools) == [last], "a short 'not …' beside another call"
    assert said_of_a_thing_not_added([urgent], whittle.tools) == [urgent]


def test_opening_the_open_app_is_no_ask(whittle):
    listing, opening = ToolCall("todo_list", {}), ToolCall("open_app", {"app": "introduction"})
    assert without_opening_the_open_app([listing, opening], whittle.tools, "introduction") == [listing]
    assert without_opening_the_open_app([listing, opening], whittle.tools, "costs") == [listing, opening]
    # "wetin this introduction page dey show": alone too, the page named is the one on screen, a question about it
    assert without_opening_the_open_app([opening], whittle.tools, "introduction") == []
    assert without_opening_the_open_app([opening], whittle.tools, "costs") == [opening]


def test_what_is_bought_after_one_and_is_one_thing(whittle):
    def adds(*texts):
        return [ToolCall("todo_add", {"text": t}) for t in texts]

    assert bought_together(adds("buy tomatoes", "cebola"), whittle.tools, "add buy tomatoes and cebola") == \
        adds("buy tomatoes and cebola")
    assert bought_together(adds("buy napkins", "paper cups"), whittle.tools, "please add buy napkins and paper cups") == \
        adds("buy napkins and paper cups")
    assert bought_together(adds("buy diyas", "rangoli colours"), whittle.tools,
                           "pls add buy diyas and rangoli colours, mummy said it twice") == adds("buy diyas and rangoli colours")
    for text, two in (("add buy nappies and pick up prescription", adds("buy nappies", "pick up prescription")),
                      ("add buy milk and call mum", adds("buy milk", "call mum")),
                      ("add milk and eggs", adds("milk", "eggs")),
                      ("add buy milk, eggs", adds("buy milk", "eggs"))):
        assert bought_together(two, whittle.tools, text) == two, text


def test_a_part_that_is_only_the_and_a_word_names_the_one_thing_with_that_word(whittle):
    planner = planner_for(whittle)
    listed = ["buy stamps", "call the podiatrist", "buy herring"]
    assert planner._things_said("The podiatrist", "todo", listed) == ["call the podiatrist"]
    assert planner._things_said("the stairs", "todo", listed) == [], "a word no todo has names none"


def test_tick_both_is_a_call_on_each_of_the_two_things_named(whittle):
    tools = {t.name: t for t in whittle.tools}
    todos = {"todo": ["pay the electricity bill", "order mozzarella di bufala", "buy olive oil"]}.get
    one = [ToolCall("todo_complete", {"item": "order mozzarella di bufala"})]
    assert both_of_them(one, tools, "Mozzarella ordered and the electricity paid, finally! Tick both of them", todos) == [
        ToolCall("todo_complete", {"item": "pay the electricity bill"}),
        ToolCall("todo_complete", {"item": "order mozzarella di bufala"})], "each named by a word only it has"
    assert both_of_them(one, tools, "Mozzarella ordered, tick it", todos) == one, "no 'both'"
    assert both_of_them(one, tools, "Mozzarella ordered, olive oil bought, the electricity paid, tick both", todos) == one, \
        "three named: which two is not said"
    errands = {"todo": ["ring me ma", "pick up welding rods", "collect dry cleaning"]}.get
    ma = [ToolCall("todo_complete", {"item": "ring me ma"})]
    assert both_of_them(ma, tools, "rang me ma and lifted the dry cleaning on the way home, tick both of them", errands) == [
        ma[0], ToolCall("todo_complete", {"item": "collect dry cleaning"})], "the call's own thing, said in another form"


def test_open_it_after_a_part_that_names_an_app_opens_that_app(whittle):
    tools = {t.name: t for t in whittle.tools}
    assert app_pointed_back("open it plz", "where is the todo list thing?", tools) == ["Todo list"]
    assert app_pointed_back("tick it", "where is the todo list thing?", tools) == [], "only opening"
    assert app_pointed_back("open it", "the milk one", tools) == [], "no app named"


def test_show_me_after_a_call_asks_for_what_that_call_shows():
    orphans = [ToolCall("linkgraph_orphans", {})]
    assert shows_what_was_asked("show me", orphans)
    assert shows_what_was_asked("pls show me them", orphans)
    assert not shows_what_was_asked("show me", []), "with nothing asked before, it asks on its own"
    assert not shows_what_was_asked("show me the list", orphans), "a thing of its own"


def test_switching_the_thing_gone_to_is_the_one(whittle):
    whittle.profiles.create("Work")
    tools = {t.name: t for t in whittle.tools}
    things = values_of_apps(whittle)
    text = "Take me back to Default, I finished with the work things for today"
    assert snap_to_named_thing([ToolCall("profile_switch", {"name": "today"})], tools, text, things) == [
        ToolCall("profile_switch", {"name": "Default"})]
