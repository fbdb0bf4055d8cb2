"""Pre-selection: the few real tools that fit a request, and none for plain chat (no model involved)."""

from __future__ import annotations

import pytest

from whittle.agent.request_form import leading_verbs, stem
from whittle.agent.select import apps_asked, named_values, select_tools
from whittle.config import Settings
from whittle.core import Whittle


@pytest.fixture(scope="module")
def tools(tmp_path_factory, model):
    """The tools the real apps register (one Whittle for the module: selection only reads them)."""
    whittle = Whittle(Settings(home=tmp_path_factory.mktemp("select-home")), model=model)
    yield whittle.tools
    whittle.close()


# What the planner passes as the open app's state values (its todos, profiles, steps).
STATE = {"todo": ["milk", "eggs", "call mum"], "profiles": ["Default", "Work"],
         "hello-workflow": ["Your name", "Greeting"]}


def names(tools, text: str, app: str | None = "todo", max_tools: int = 3, values: list[str] | None = None) -> list[str]:
    values = STATE.get(app or "", []) if values is None else values
    return [c.tool.name for c in select_tools(text, tools, app_name=app, max_tools=max_tools, state_values=values)]


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
    ("start it again from scratch", "long-job", "long_job_start"),
    ("restart it", "long-job", "long_job_start"),
    ("start the long job", "todo", "long_job_start"),
    ("go back to step 1", "hello-workflow", "hello_workflow_revert"),
    ("which pages are orphaned?", "linkgraph", "linkgraph_orphans"),
    ("top pages?", "linkgraph", "linkgraph_top_pages"),  # the name of the tool said as a phrase
    ("show me please the top pages by link score", "linkgraph", "linkgraph_top_pages"),
    ("search the conversation for pizza", "todo", "search_conversation"),
    ("open the dashboard", "todo", "open_app"),
    # Politeness, typos, reports and questions about the app's things are still requests.
    ("Could you please add 'renew passport' to my to-do list?", "todo", "todo_add"),
    ("I need to remember to book the dentist", "todo", "todo_add"),
    ("hey, can you add fix the bike to my todos?", "memory", "todo_add"),
    ("add 3 lemons", "todo", "todo_add"),
    ("ad bananas to teh list", "todo", "todo_add"),
    ("cancle the long job", "long-job", "long_job_cancel"),
    ("kick off the long running job please", "todo", "long_job_start"),
    ("kick it off", "long-job", "long_job_start"),
    ("make a new profile for Grandma", "profiles", "profile_add"),
    ("I'd like a separate profile called Travel", "todo", "profile_add"),
    ("what do I still have to do?", "todo", "todo_list"),
    ("could you open the experts for me?", "profiles", "open_app"),
    ("finalise this run, I'm done with it", "hello-workflow", "hello_workflow_finalize"),
    ("remind me to call the dentist", "todo", "todo_add"),
    ("don't forget to buy batteries", "todo", "todo_add"),
    ("start the analysis", "competitive-analysis", "competitive_analysis_start"),
])
def test_the_right_tool_comes_first(tools, text, app, first):
    assert names(tools, text, app)[0] == first


@pytest.mark.parametrize("text", [
    "what is the capital of France?", "how do I add a todo?", "tell me a joke about cats", "thanks, that's all",
    "why is the sky blue?", "hello!", "I love my job", "the milk was great yesterday", "who wrote Hamlet?",
    "can u make the app dark mode pls",  # "make" adds only a new thing ("make a new profile")
    "email everything in the Work profile to my boss",  # led by a verb no tool does
])
def test_plain_chat_selects_nothing(tools, text):
    assert names(tools, text) == []


def test_a_request_led_by_email_still_adds_what_it_asks_to_add(tools):
    assert names(tools, "email Bob, and add chase Bob about the rota to my list")[:1] == ["todo_add"]


def test_money_paid_from_an_account_is_for_no_tool(tools):
    assert names(tools, "Pay the Con Ed bill for me from my checking, it's $84.12", values=["pay Con Ed bill"]) == []
    assert names(tools, "pay the Con Ed bill is done", values=["pay Con Ed bill"]) == ["todo_complete"]


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


# Plain chat that uses action words: a question, a creative request, a request about the world or
# about the conversation itself. Any tool offered here is a tool the model may call (issue 14).
@pytest.mark.parametrize(("text", "app"), [
    ("Give me a new idea for dinner", "todo"),
    ("Can you list three fruits?", "todo"),
    ("what's the best order to learn guitar chords?", "todo"),
    ("switch to French please", "todo"),
    ("Show me an example of a Python list comprehension", "todo"),
    ("Make a list of countries in South America", "todo"),
    ("Put it in simpler words please", "todo"),
    ("Fix the typo in 'recieve'", "todo"),
    ("Which fruits should I add to a smoothie?", "todo"),
    ("start with the basics of python", "introduction"),
    ("add some spice to my essay intro: the industrial revolution changed everything", "todo"),
    ("Remember when we talked about Rome? What was that restaurant called?", "memory"),
    ("Let's start a story about a dragon", "hello-workflow"),
    ("Stop being so formal with me", "long-job"),
    ("Open your mind and guess my favourite colour", "introduction"),
    ("open a can of tuna, then what? quick lunch ideas please", "todo"),
    ("remind me what photosynthesis is", "todo"),
    ("Put together a packing list for a beach trip", "todo"),
    ("open source or proprietary, which should I pick?", "costs"),
])
def test_chat_with_action_words_selects_nothing(tools, text, app):
    assert names(tools, text, app) == []


def test_a_polite_request_is_a_request_a_question_only_asks_to_see(tools):
    assert names(tools, "can you list my todos?")[0] == "todo_list"
    assert names(tools, "Can you list three fruits?") == [], "no object of the app named"
    assert names(tools, "did you delete milk?") == [], "a question never changes anything"
    assert names(tools, "what is on my list?") == ["todo_list"]
    assert names(tools, "what is still left on my todo list?") == ["todo_list"]
    # Asking something of the list is chat, answered from the state: not a listing.
    assert names(tools, "Which of my todos is about food?") == []
    assert names(tools, "What are todos for?") == []


def test_a_tag_after_a_told_sentence_asks_for_a_yes_not_a_question(tools):
    assert names(tools, "Start the hello workflow, vale?", "hello-workflow")[0] == "hello_workflow_start"
    assert names(tools, "delete milk, ok?")[0] == "todo_delete"
    assert names(tools, "did you delete milk, yeah?") == [], "the sentence before the tag is itself a question"


def test_a_state_value_is_an_object_in_the_open_app(tools):
    assert names(tools, "delete milk")[0] == "todo_delete"
    assert names(tools, "delete milk", values=[]) == [], "without the todo, 'milk' is nothing the app holds"
    assert names(tools, "tick off buy milk", values=["buy milk", "walk the dog"])[0] == "todo_complete"
    assert names(tools, "switch to Work", "profiles")[0] == "profile_switch"
    assert names(tools, "go back to the greeting step", "hello-workflow")[0] == "hello_workflow_revert"


def test_the_user_reporting_a_done_item_marks_it(tools):
    assert names(tools, "I did the eggs")[0] == "todo_complete"
    assert names(tools, "walk the dog is done now", values=["buy milk", "walk the dog"])[0] == "todo_complete"
    assert names(tools, "I did my homework") == [], "not one of the todos"
    assert names(tools, "posted the parcel!", values=["buy bulbs", "post parcel"]) == ["todo_complete"]
    assert names(tools, "I mowed the lawn", values=["mow the lawn"]) == ["todo_complete"]


def test_a_free_object_needs_the_tools_own_app(tools):
    assert names(tools, "add apples")[0] == "todo_add"
    assert names(tools, "add apples", "costs") == [], "away from the todo app, 'add apples' names no list"
    assert names(tools, "start it", "long-job") == ["long_job_start"]
    assert names(tools, "start it", "todo") == []


def test_state_values_never_supply_the_verb(tools):
    values = ["milk", "delete everything", "eggs"]
    assert "todo_delete" not in names(tools, "what is on my list?", values=values)
    assert names(tools, "milk", values=values) == []


def test_a_state_value_named_in_other_words_or_by_a_distinct_part(tools):
    bills = ["pay the electricity bill", "walk the dog"]
    assert names(tools, "I've paid the electricity bill, you can tick it off", values=bills)[0] == "todo_complete"
    assert names(tools, "I mowed the lawn, mark it done", values=["mow the lawn", "post the parcel"])[0] == "todo_complete"
    garage = ["tidy the garage", "buy dog food"]
    assert names(tools, "tidy the garage can go to the bottom", values=garage)[0] == "todo_reorder"
    assert "todo_reorder" in names(tools, "put buy dog food in position 2", values=garage)
    assert names(tools, "the electricity bill is huge this month", values=bills) == [], "no word of a tool: chat"
    cards = ["post birthday card to Gran", "top up oyster card"]
    assert names(tools, "posted grans card today, mark it done", values=cards)[0] == "todo_complete"
    assert named_values("posted grans card today", cards) == ["post birthday card to Gran"], "in any order"
    assert named_values("my card is lost", cards) == [], "one shared word names nothing; a tie names nothing"


def test_another_apps_thing_named_in_full_is_its_object(tools):
    todos = {"todo": ["defrost the car", "pay parking fine"]}
    def found(text):
        return [c.tool.name for c in select_tools(text, tools, app_name="long-job", state_values=[],
                                                  values_of=lambda app: todos.get(app, []))]
    assert found("pay parking fine - done")[:1] == ["todo_complete"]
    assert found("parking fine - done") == [], "a part of another app's thing is no object there"


def test_a_todo_label_adds_what_follows(tools):
    assert names(tools, "todo: return library books by friday")[0] == "todo_add"
    assert names(tools, "note: I'm vegetarian, suggest a dinner") == []


def test_a_step_named_with_a_value_submits_it(tools):
    assert names(tools, "my name is Tomasz", "hello-workflow")[0] == "hello_workflow_submit"
    assert names(tools, "pick Good morning as the greeting", "hello-workflow")[0] == "hello_workflow_submit"
    assert names(tools, "what is a good greeting?", "hello-workflow") == [], "a question submits nothing"


def test_swap_over_to_a_workspace(tools):
    assert names(tools, "can u swap over to the work workspace")[0] == "profile_switch"


@pytest.mark.parametrize("app", ["todo", "memory", "costs"])
def test_a_reminder_is_a_todo_from_any_app(tools, app):
    for text in ("could you remind me to send the holiday photos", "note to self: fix the redirect chains",
                 "need to remember to top up the travel card", "dont let me forget to renew the parking permit"):
        assert names(tools, text, app)[:1] == ["todo_add"], text


def test_a_long_todo_is_still_one_object(tools):
    assert names(tools, "add ring Auntie Marjorie about christmas plans")[0] == "todo_add"


def test_more_verbs_users_type(tools):
    assert names(tools, "stick 'order new headphones' on the todo list plz", "models")[0] == "todo_add"
    assert names(tools, "scrap eggs", "todo")[0] == "todo_delete"
    assert names(tools, "bump eggs to the top", "todo")[0] == "todo_reorder"
    assert names(tools, "can you bring up the link graph app", "todo")[0] == "open_app"
    assert names(tools, "bring up some ideas for dinner", "todo") == []


def test_another_action_asked_or_a_narration_selects_no_other_tool(tools):
    assert names(tools, "rename the Work profile to Office", "profiles") == [], "no tool renames a profile"
    assert names(tools, "i added milk twice yesterday but i already fixed it, no need to do anything") == []
    assert names(tools, "Returned the milk so thats complete")[0] == "todo_complete", "a report of done"
    assert names(tools, "put eggs at position 2")[0] == "todo_reorder", "'put' leads requests for many tools"


def test_asking_what_a_word_means_is_chat(tools):
    assert names(tools, "what's an orphan page anyway?", "linkgraph") == []
    assert names(tools, "what's the difference between an orphan page and a dead end?", "linkgraph") == []
    assert names(tools, "hey, how does a profile differ from a workspace?", "profiles") == []
    assert names(tools, "which pages are orphaned?", "linkgraph")[0] == "linkgraph_orphans"


def test_a_completion_denied_reopens(tools):
    values = ["milk", "eggs", "call mum"]
    assert names(tools, "untick eggs", values=values)[0] == "todo_reopen"
    assert names(tools, "mark eggs as not done", values=values) == ["todo_reopen"]
    assert names(tools, "eggs isn't finished after all", values=values) == ["todo_reopen"]
    assert names(tools, "mark eggs as done", values=values)[0] == "todo_complete"
    assert names(tools, "I'm not done with the report yet", values=values) == [], "news, not a request"


def test_two_letters_swapped_in_a_known_word(tools):
    assert names(tools, "whats on my lsit")[0] == "todo_list"
    assert names(tools, "opne the link graph", "costs")[0] == "open_app"
    assert names(tools, "delte milk", values=["milk"])[0] == "todo_delete", "a typo'd verb counts as said"
    assert names(tools, "I spot a typo in my essay") == []


def test_ordering_a_thing_buys_it_and_moves_nothing(tools):
    assert "todo_reorder" not in names(tools, "order more eggs from the shop", values=["milk", "eggs"])
    assert names(tools, "move eggs to the top", values=["milk", "eggs"])[0] == "todo_reorder"


def test_more_ways_to_say_a_completion_is_undone(tools):
    values = ["milk", "eggs", "call mum"]
    assert names(tools, "un-tick eggs pls", values=values)[0] == "todo_reopen", "a hyphenated un-"
    assert names(tools, "re-open milk", values=values)[0] == "todo_reopen"
    assert names(tools, "'eggs' isnt actually finished", values=values) == ["todo_reopen"], "no apostrophe, an adverb"
    assert names(tools, "eggs, set it back to not done", values=values)[0] == "todo_reopen"


def test_a_new_run_is_started(tools):
    assert names(tools, "new competitor analysis pls", "competitive-analysis")[0] == "competitive_analysis_start"
    assert "linkgraph_start" in names(tools, "new analysis please", "linkgraph"), "an analysis is a run"
    assert names(tools, "new todo: buy stamps", "costs")[0] == "todo_add", "a new todo is still added"
    assert names(tools, "what's a good new hobby to start?", "todo") == []


def test_profiles_asked_for_in_more_words(tools):
    assert names(tools, "jump to the work workspace", "todo", values=[])[0] == "profile_switch"
    assert names(tools, "go back to the default profile", "profiles")[0] == "profile_switch"
    assert names(tools, "can i get a separate profile for the wedding stuff?", "todo", values=[])[0] == "profile_add"
    assert names(tools, "can i get a coffee recipe?", "todo", values=[]) == []


def test_a_quoted_thing_or_dictated_punctuation_is_still_a_todo(tools):
    assert names(tools, "stick 'replace water filter' on there", values=[])[0] == "todo_add"
    assert names(tools, "add buy bird seed to my list full stop", values=[])[0] == "todo_add"


def test_a_past_verb_tells_what_happened_and_asks_for_no_other_action(tools):
    values = ["return library books", "phone insurance company about claim"]
    assert names(tools, "sorted it yesterday", values=values) == []
    assert names(tools, "sorted the insurance claim yesterday", values=values) != ["todo_reorder"]


def test_writing_down_what_i_need_to_do_is_a_todo(tools):
    assert names(tools, "jot down that i need to buy birthday candles for Nora", values=[])[0] == "todo_add"
    assert names(tools, "write down pick up the dry cleaning", values=[])[0] == "todo_add"
    assert names(tools, "could you read me back my to-dos", "costs", values=[])[0] == "todo_list"
    assert names(tools, "write a poem about the sea", values=[]) == []


def test_a_thing_that_can_go_is_deleted(tools):
    values = ["renew TV licence", "order contact lenses"]
    assert names(tools, '"renew TV licence" can go', values=values) == ["todo_delete"]
    assert names(tools, "order contact lenses can go to the bottom", values=values)[0] == "todo_reorder"
    assert names(tools, "can we go to the beach tomorrow?", values=values) == []


def test_can_we_asks_too(tools):
    assert names(tools, "Can we change to my work profile?", "todo", values=[])[0] == "profile_switch"


def test_a_todo_named_with_a_word_typed_one_letter_off(tools):
    values = ["submit expenses", "hoover the stairs", "order new printer ink"]
    assert named_values("done the hovering of the stairs", values) == ["hoover the stairs"]
    assert named_values("the stairs", values) == [], "one word is not enough"
    assert named_values("check off the stairs, I did them at last", values) == ["hoover the stairs"], \
        "unless it is the one after 'the' before a comma"
    assert named_values("the stairs", values, whole_part=True) == ["hoover the stairs"], \
        "or the whole of a part of the request"
    assert named_values("the stairs please", values, whole_part=True) == [], "a part with more in it is read as usual"
    assert named_values("the stairs can wait, no rush", values, whole_part=True) == ["hoover the stairs"], "before a verb"
    assert named_values("move the stairs to number 2", values) == ["hoover the stairs"], "moved: one word after 'the'"


def test_a_thing_done_is_named_by_its_irregular_past(tools):
    values = ["pay the gas bill", "call mum", "buy stamps"]
    assert named_values("I paid the gas bill this morning", values) == ["pay the gas bill"]
    assert named_values("already rang mum", values) == ["call mum"]
    assert named_values("bought stamps", values) == ["buy stamps"]


def test_it_in_a_part_is_what_another_part_named_in_full(tools):
    said = '"pick up Zara at 3" on my todo list is wrong, it should say pick up Zara at 4 not 3'
    todos = ["pick up Zara at 3", "buy milk"]
    found = select_tools(said, tools, app_name="profiles", state_values=["Default", "Work"],
                         values_of=lambda app: todos if app == "todo" else [])
    assert found and found[0].tool.name == "todo_edit"


def test_still_more_ways_people_ask(tools):
    assert names(tools, "ok im at the office now, flip me over to my Work profile", "memory", values=[])[0] == "profile_switch"
    assert names(tools, "can you look back through the chat for the dentist", "experts", values=[])[0] == \
        "search_conversation"
    assert names(tools, "remind me to order more printer ink, we're almost out", "experts", values=[])[0] == "todo_add"
    assert names(tools, "remember to water the tomatoes", values=[])[0] == "todo_add"
    assert names(tools, "add more examples to your answer", values=[]) == []
    assert names(tools, "new item - defrost the freezer", values=[])[0] == "todo_add"


def test_a_mistake_reported_asks_to_undo_it(tools):
    values = ["pay school dinner money", "buy milk"]
    said = "oops i ticked off 'pay school dinner money' by mistake, can you un-tick it"
    assert names(tools, said, values=values) == ["todo_reopen"], "the tick is what went wrong, not what is asked"
    assert names(tools, "i ticked off pay school dinner money by mistake", values=values) == ["todo_reopen"]
    assert names(tools, "i deleted buy milk by mistake", values=values) == [], "no tool undoes a delete"
    assert names(tools, "i ticked off buy milk", values=values)[0] == "todo_complete"
    assert names(tools, "oops I ticked the wrong one — buy milk isn't done", values=values) == ["todo_reopen"]


def test_a_call_is_named_by_speaking_to_them(tools):
    values = ["call mum", "buy stamps"]
    assert named_values("spoke to mum last night, so thats done now", values) == ["call mum"]
    assert named_values("talked to mum", values) == ["call mum"]


def test_a_look_is_a_search_only_when_it_looks_something_up(tools):
    said = "what did i say earlier about the plumber? can you look it up in our conversation"
    assert names(tools, said, "todo", values=[])[0] == "search_conversation"
    assert names(tools, "look at this lovely weather", "todo", values=[]) == [], "look is no misspelt lock"


def test_a_labelled_new_thing_is_a_todo_on_any_page(tools):
    assert names(tools, "new one: ring the plumber about the boiler", "long-job", values=[])[0] == "todo_add"
    assert names(tools, "todo: renew the domain", "costs", values=[])[0] == "todo_add"


def test_the_open_apps_run_wins_when_its_steps_are_named(tools):
    steps = ["Crawl (optional)", "Source", "Columns and validation", "Analysis", "View", "Export"]
    assert names(tools, "start a new analysis", "linkgraph", values=steps)[0] == "linkgraph_start"
    assert names(tools, "start a new competitive analysis", "linkgraph", values=steps)[0] == "competitive_analysis_start"
    assert names(tools, "start a new analysis", "todo", values=[])[0] == "competitive_analysis_start"


def test_the_apps_a_request_asks_to_act_in(tools):
    assert apps_asked("mark the first two as done please", tools) == {"todo"}
    assert apps_asked("the one I ticked off isn't finished, can you reopen it", tools) == {"todo"}, \
        "the verb that leads a clause counts, not 'finished' said in passing"
    assert "todo" not in apps_asked("switch to the second one", tools)


def test_more_ways_a_request_is_read(tools):
    todos = ["collect van from garage", "buy birthday present for ella", "return hire drain camera"]
    found = select_tools("returned the drain camera", tools, app_name="long-job", state_values=[],
                         values_of=lambda app: todos if app == "todo" else [])
    assert found and found[0].tool.name == "todo_complete", "a thing's own verb, done, names it from any page"
    assert names(tools, "delete eggs n add bread", values=["milk", "eggs"])[:2] in (
        ["todo_delete", "todo_add"], ["todo_add", "todo_delete"])
    assert names(tools, "Could you explain what a link graph analysis is good for, in plain terms?", "linkgraph",
                 values=["Crawl (optional)", "Source", "Analysis"]) == [], "a polite question about a word is chat"
    assert names(tools, "I'd like to look at the link graph analyzer, if you could open it.", "experts", values=[]) \
        [0] == "open_app", "'it' is the app the request named"


def test_a_task_is_no_profile_name(tools):
    assert names(tools, "add renew gas safe registration", "profiles", values=["Default", "Work"])[:1] != ["profile_add"]
    assert names(tools, "add Side Projects", "profiles", values=["Default", "Work"])[0] == "profile_add"
    assert names(tools, "add flour pls", "profiles", values=["Default", "Work"])[:1] != ["profile_add"], "a plain thing"
    assert names(tools, "add one called gaming", "profiles", values=["Default", "Work"])[0] == "profile_add"


def test_a_place_said_of_a_thing_moves_it(tools):
    todos = ["Finalize the budget justification", "Print packing slips", "Update the shop banner"]
    found = select_tools("I think 'Update the shop banner' should be second on the list, if possible.", tools,
                         app_name="introduction", state_values=[], values_of=lambda app: todos if app == "todo" else [])
    assert found and found[0].tool.name == "todo_reorder"
    listed = ["buy wd40", "emergency callout - burst pipe on elm st"]
    found = select_tools("put emergency callout first, its urgent", tools, app_name="linkgraph", state_values=[],
                         values_of=lambda app: listed if app == "todo" else [])
    assert [c.tool.name for c in found][:1] == ["todo_reorder"], "a thing already listed is moved, not added"


def test_hurried_and_labelled_requests_fit(tools):
    assert names(tools, "Could you start it off for me", "long-job", values=[])[0] == "long_job_start"
    assert names(tools, "add: post birthday card to Fiona in Canada", "todo", values=[])[0] == "todo_add"
    assert names(tools, "greeting: Good morning", "hello-workflow", values=["Your name", "Greeting"])[0] == \
        "hello_workflow_submit"
    assert names(tools, "rm 'learn rust'", "todo", values=["learn rust"])[0] == "todo_delete"


def test_an_undoing_asked_after_a_report_undoes_it(tools):
    todos = ["buy coolant", "pay the bread guy"]
    assert names(tools, '"buy coolant", i ticked it too soon, untick please', "todo", values=todos)[0] == "todo_reopen"
    said = "i ticked off paying the bread guy but the check didn't go thru so reopen it"
    assert "todo_reopen" in names(tools, said, "todo", values=todos), "the planner keeps the reopening of one thing both"
