"""Settling a workflow step's call against the request (agent/step_values.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.step_values import (
    aspects_compared,
    aspects_without_articles,
    compared_after_listing,
    declared_step,
    first_step_given,
    given_after_revert,
    given_as,
    one_call_per_step,
    one_value_per_step,
    puts_in_what_was_given,
    remarks_out_of_list,
    reverts_asked,
    step_named,
    step_names,
    steps_apart,
    steps_of_the_run,
    the_choice_said,
    two_named,
    value_assigned,
    value_labelled,
    values_said,
    with_request_punctuation,
    without_remark_submitted,
    without_step_echo,
    without_trailing_marks,
    without_undone_submit,
)


def test_a_step_argument_is_the_step_the_request_names():
    steps = ["Your name", "Greeting"]
    slipped = [ToolCall("hello_workflow_submit", {"step": "morning", "value": "Good morning"})]
    assert step_named(slipped, "pick Good morning as the greeting", steps)[0].args["step"] == "Greeting"
    by_id = [ToolCall("hello_workflow_submit", {"step": "name", "value": "Tomasz"})]
    assert step_named(by_id, "my name is Tomasz", steps)[0].args["step"] == "name", "the step's id stays"
    numbered = [ToolCall("hello_workflow_revert", {"step": "2"})]
    assert step_named(numbered, "go back to the greeting", steps) == numbered


def test_a_steps_value_is_what_the_request_says_it_is():
    steps = ["Your name", "Greeting"]
    planned = [ToolCall("hello_workflow_submit", {"step": "name", "value": "Your name"})]
    assert value_assigned(planned, "my name's Priya", steps)[0].args["value"] == "Priya"
    named = [ToolCall("hello_workflow_submit", {"step": "name", "value": "name"})]
    assert value_assigned(named, "name is Tam", steps)[0].args["value"] == "Tam", "the step's name as its value"
    cut = [ToolCall("hello_workflow_submit", {"step": "name", "value": "Ada"})]
    assert value_assigned(cut, "my name is Ada Lovelace please", steps)[0].args["value"] == "Ada Lovelace"
    right = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "Good morning"})]
    assert value_assigned(right, "pick Good morning as the greeting", steps) == right
    docks = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Bayou"})]
    said = "put in Paul's Seafood, Bayou Fresh and Gulf Catch for the competitors, I wanna see how the other docks doing"
    assert value_assigned(docks, said, ["Competitors", "Analysis"])[0].args["value"] == \
        "Paul's Seafood, Bayou Fresh and Gulf Catch", "a name's 's is no 'is'; for a step, then a remark"


def test_a_steps_value_keeps_the_punctuation_the_user_typed():
    def typed(text: str, copied: str) -> str:
        return with_request_punctuation([ToolCall("x_submit", {"step": "s", "value": copied})], text)[0].args["value"]

    assert typed("our competitors are Canva, Figma and Adobe Express", "Canva Figma and Adobe Express") == \
        "Canva, Figma and Adobe Express"
    assert typed("they are Trello, Asana and Monday.com", "Trello Asana and Monday") == "Trello, Asana and Monday.com"
    assert typed("my name is Ada", "Ada") == "Ada"
    assert typed("call me Grace Hopper", "Ada Lovelace") == "Ada Lovelace", "words not in the request stay"
    todo = [ToolCall("todo_add", {"text": "milk eggs"})]
    assert with_request_punctuation(todo, "add milk, eggs") == todo, "only a workflow step's value"


def test_a_quoted_value_is_taken_as_typed():
    planned = [ToolCall("todo_edit", {"item": "buy paint", "text": "buy sage green paint 2 litres"})]
    settled = with_request_punctuation(planned, "change 'buy paint' to 'buy sage green paint, 2 litres'")
    assert settled[0].args["text"] == "buy sage green paint, 2 litres"


def test_a_step_given_its_own_name_as_a_value_is_an_echo():
    first = ToolCall("hello_workflow_submit", {"step": "Your name", "value": "Priyanka"})
    echo = ToolCall("hello_workflow_submit", {"step": "Your name", "value": "Your name"})
    assert without_step_echo([first, echo]) == [first]
    assert without_step_echo([echo]) == [echo], "alone, it is left for the tool to judge"


def test_a_submit_planned_without_a_value_gets_what_the_request_assigns(whittle):
    tools = {tool.name: tool for tool in whittle.tools}
    planned = [ToolCall("competitive_analysis_submit", {"step": "competitors"})]
    text = "competitors: Notion, Coda, Airtable"
    settled = with_request_punctuation(value_assigned(planned, text, ["Competitors"], tools), text)
    assert settled[0].args == {"step": "competitors", "value": "Notion, Coda, Airtable"}
    revert = [ToolCall("competitive_analysis_revert", {"step": "competitors"})]
    assert value_assigned(revert, "go back to competitors, it's wrong", ["Competitors"], tools) == revert


def test_one_list_given_to_one_step_is_one_value():
    planned = [ToolCall("x_submit", {"step": "Competitors", "value": v}) for v in ("Strava", "Komoot", "AllTrails")]
    said = "put in Strava, Komoot and AllTrails as the competitors"
    assert one_value_per_step(planned, said) == [
        ToolCall("x_submit", {"step": "Competitors", "value": "Strava, Komoot and AllTrails"})]


def test_lets_is_no_assignment():
    planned = [ToolCall("hello_workflow_submit", {"step": "Greeting", "value": "Hi"})]
    assert value_assigned(planned, "let's go with Hi", ["Your name", "Greeting"]) == planned


@pytest.mark.parametrize(("said", "value"), [
    ("Start a fresh competitive analysis and put in Shopify, Etsy and Squarespace as the competitors",
     "Shopify, Etsy and Squarespace"),
    ("I'll have Hi as the greeting", "Hi"),
    ("let's go with Good morning as my greeting.", "Good morning"),
    ("use it as the name", ""),
    ("add milk", ""),
])
def test_a_value_given_as_the_step(said, value):
    assert given_as(said) == value


def test_a_value_given_as_the_step_widens_a_value_cut_short():
    planned = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Squarespace"})]
    said = "put in Shopify, Etsy and Squarespace as the competitors"
    assert value_assigned(planned, said, ["Competitors", "Analysis"])[0].args["value"] == "Shopify, Etsy and Squarespace"


def test_a_step_gone_back_to_and_given_a_value_is_submitted_after(whittle):
    revert = ToolCall("hello_workflow_revert", {"step": "Your name"})
    said = "go back to the name step and make it Siobhan"
    assert given_after_revert([revert], whittle.tools, said) == [
        revert, ToolCall("hello_workflow_submit", {"step": "Your name", "value": "Siobhan"})]
    assert given_after_revert([revert], whittle.tools, 'go back and make "Your name" Siobhan please')[1].args["value"] \
        == "Siobhan", "'it' already put as the thing an earlier part named"
    assert given_after_revert([revert], whittle.tools, "go back to the name step") == [revert]
    assert given_after_revert([revert], whittle.tools, "go back to the name step and make it") == [revert]
    assert given_after_revert([revert], whittle.tools, "go back to the name step and make it Piet, Henk is my brother not me")[
        1].args["value"] == "Piet", "a reason said after the value"
    greeting = ToolCall("hello_workflow_revert", {"step": "Greeting"})
    assert given_after_revert([greeting], whittle.tools, "go back to the greeting step and choose Hi this time")[1] == \
        ToolCall("hello_workflow_submit", {"step": "Greeting", "value": "Hi"}), "a value chosen"
    back = ToolCall("competitive_analysis_revert", {"step": "competitors"})
    listed = "please go back to the competitors step and put Bruker, Rigaku, Anton Paar"
    assert given_after_revert([back], whittle.tools, listed)[1] == ToolCall(
        "competitive_analysis_submit", {"step": "competitors", "value": "Bruker, Rigaku, Anton Paar"}), "a list, commas and all"
    todo = [ToolCall("todo_complete", {"item": "milk"})]
    assert given_after_revert(todo, whittle.tools, "tick milk and make it quick") == todo, "only a step gone back to"
    wanted = "go back to the competitors step, I want Hell Pizza, Domino's and Pizza Hut instead"
    assert given_after_revert([back], whittle.tools, wanted)[1].args["value"] == "Hell Pizza, Domino's and Pizza Hut"
    compared = [ToolCall("competitive_analysis_revert", {"step": "Analysis", "value": "price and delivery time"})]
    said = "go back to the analysis step, I want to compare price and delivery time"
    assert given_after_revert(compared, whittle.tools, said) == [
        ToolCall("competitive_analysis_revert", {"step": "Analysis"}),
        ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price and delivery time"})], \
        "the value a revert was given is the submit's"
    assert given_after_revert([revert], whittle.tools, "go back to the name step, I want to fix it") == [revert]


def test_a_polite_ending_is_not_the_value():
    planned = [ToolCall("hello_workflow_submit", {"step": "Your name", "value": "could put"})]
    said = "My name is Patricia Okafor, if you could put that in for the name step."
    assert value_assigned(planned, said, ["Your name", "Greeting"])[0].args["value"] == "Patricia Okafor"
    listed = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Etsy"})]
    said = "The competitors are Etsy, Amazon Handmade, and Shopify, if you could enter those."
    settled = with_request_punctuation(value_assigned(listed, said, ["Competitors"]), said)
    assert settled[0].args["value"] == "Etsy, Amazon Handmade, and Shopify"


def test_steps_said_in_a_row_without_commas_are_told_apart():
    steps = ["Your name", "Greeting"]
    assert step_names(steps) == ["Your name", "Greeting", "name"]
    assert steps_apart("name Chris greeting good morning", step_names(steps)) == "name Chris, greeting good morning"
    assert steps_apart("greeting good morning", step_names(steps)) == "greeting good morning"
    assert steps_apart("add milk and greeting cards", step_names(steps)) == "add milk and greeting cards", \
        "not led by a step: as said"
    assert steps_apart("crawl the site and view it", ["crawl", "view"]) == "crawl the site and view it"
    assert steps_apart("greeting Hi and finish it", step_names(steps)) == "greeting Hi and finalize it", \
        "finishing after a step's value is the run's"
    assert steps_apart("add milk and finish it", step_names(steps)) == "add milk and finish it"
    assert steps_apart("That's it done now I think, finish it up for him", step_names(steps)) == \
        "That's it done now I think, finalize it for him", "with a run open"
    assert steps_apart("finish it up", []) == "finish it up", "no run open"


def test_a_steps_value_does_not_end_with_an_emoji():
    sunny = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "good morning ☀️"})]
    assert without_trailing_marks(sunny)[0].args["value"] == "good morning"
    assert given_as("put down Dani as my name") == "Dani", "the verb's particle is not the value's"


def test_a_value_labelled_with_its_steps_name_is_the_rest_of_that_sentence():
    steps = ["Your name", "Greeting"]
    planned = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "its 7am somewhere"})]
    assert value_labelled(planned, "greeting - Good morning. its 7am somewhere", steps)[0].args["value"] == "Good morning"
    listed = ["Competitors", "Analysis"]
    cut = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Boots"})]
    assert value_labelled(cut, "new competitive analysis, competitors Boots, Superdrug, Lloyds", listed)[0].args[
        "value"] == "Boots, Superdrug, Lloyds", "after a comma, the name then a capital"
    assert value_labelled(cut, "competitors: Boots, Superdrug please", listed)[0].args["value"] == "Boots, Superdrug"
    named = [ToolCall("hello_workflow_submit", {"step": "name", "value": "Chris greeting"})]
    assert value_labelled(named, "name Chris, greeting good morning", steps)[0].args["value"] == "Chris", \
        "the next step's part is not this value"
    assert value_labelled(planned, "greeting 'Good morning', subah ka hi time hai abhi", steps)[0].args["value"] == \
        "Good morning", "a quoted value is what the quotes hold"
    assert value_labelled(cut, "competitors: Taj Lands End, ITC Maratha — for the venues", listed)[0].args["value"] == \
        "Taj Lands End, ITC Maratha", "a list ends at a dash"
    right = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "Hi"})]
    assert value_labelled(right, "greeting part I'd like Hi", steps) == right, "no mark or capital: no label"
    assert value_labelled(right, "for the greeting, Hi please", steps) == right
    lower = [ToolCall("competitive_analysis_submit", {"step": "competitors", "value": "kincrome"})]
    assert value_labelled(lower, "competitors fluke klein and kincrome", listed)[0].args["value"] == \
        "fluke klein and kincrome", "a lower-case list after the name"
    assert value_labelled(lower, "competitors are fluke and kincrome", listed)[0].args["value"] == "fluke and kincrome", \
        "'are' is no value's word"
    priced = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "warranty"})]
    assert value_labelled(priced, "for the analysis put price, warranty, heat-up time", listed)[0].args["value"] == \
        "price, warranty, heat-up time", "the step named, then what to put in it"
    assert value_labelled(priced, "and for the analysis compare bizcocho prices and delivery", listed)[0].args[
        "value"] == "bizcocho prices and delivery", "the comparing is how it is asked"
    assert value_labelled(priced, "and analysis price and steam quality", listed)[0].args["value"] == \
        "price and steam quality", "a lower-case pair whose last item is two words"
    as_the = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Leo Burdock's"})]
    assert value_labelled(as_the, "Start a new one and put in Leo Burdock's, Beshoff's and Macari's as the competitors.",
                          listed)[0].args["value"] == "Leo Burdock's, Beshoff's and Macari's", "the value, then the step"
    assert value_labelled(as_the, "We argue every Friday over which chipper is the best. The competitors are Beshoff's "
                          "and Macari's.", listed)[0].args["value"] == "Beshoff's and Macari's", "'the X are' a sentence"


def test_one_step_asked_for_twice_is_one_call():
    twice = [ToolCall("hello_workflow_revert", {"step": "name"}), ToolCall("hello_workflow_revert", {"step": "Your name"})]
    assert one_call_per_step(twice) == twice[:1]
    two = [ToolCall("hello_workflow_revert", {"step": "name"}), ToolCall("hello_workflow_revert", {"step": "Greeting"})]
    assert one_call_per_step(two) == two, "two steps: two calls"


def test_the_aspects_compared_are_the_analysis_steps_value():
    steps = ["Competitors", "Analysis", "Results table", "Export CSV"]
    per_aspect = [ToolCall("competitive_analysis_submit", {"step": "price", "value": "em"}),
                  ToolCall("competitive_analysis_submit", {"step": "callout fee", "value": "em"})]
    assert aspects_compared(per_aspect, "compare em on price, callout fee, reviews", steps) == [
        ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price, callout fee, reviews"})]
    colon = [ToolCall("competitive_analysis_submit", {"step": "speed", "value": "x"})]
    assert aspects_compared(colon, "For what to compare, I think I want: speed, cost. (Docs too? no)", steps)[0].args == {
        "step": "Analysis", "value": "speed, cost"}
    named = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "A, B"})]
    assert aspects_compared(named, "compare A and B", steps) == named, "a step the request named keeps its call"
    assert aspects_compared(per_aspect, "compare them please", steps) == per_aspect, "no aspects said"
    assert aspects_compared(per_aspect, "compare em on price", ["Your name", "Greeting"]) == per_aspect, "no such step"
    assert aspects_compared(per_aspect, "compare the price of medialunas and the opening hours", steps)[0].args[
        "value"] == "price of medialunas and opening hours", "what is compared, each without its article"
    assert aspects_compared(per_aspect, "compare the bakeries on price and fees", steps)[0].args["value"] == \
        "price and fees", "'the bakeries' before 'on' is what is compared"


def test_the_aspects_are_headed_without_their_articles():
    said = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "their prices and the opening hours"}),
            ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "The Range, the Works"})]
    assert aspects_without_articles(said) == [
        ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "prices and opening hours"}), said[1]], \
        "a competitor's own 'The' stays"


def test_a_cheer_or_what_is_finalized_is_no_value():
    cheer = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "bárbaro"}),
             ToolCall("competitive_analysis_finalize", {})]
    assert without_remark_submitted(cheer, "bárbaro, finalize it, I've seen enough") == cheer[1:]
    after = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "competitive analysis we are done"}),
             ToolCall("competitive_analysis_finalize", {})]
    assert without_remark_submitted(after, "finalize competitive analysis we are done") == after[1:]
    given = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "Good morning"}),
             ToolCall("hello_workflow_finalize", {})]
    assert without_remark_submitted(given, "greeting Good morning and then finalize it") == given
    assert without_remark_submitted(cheer[:1], "bárbaro, finalize it") == cheer[:1], "no finalize planned: kept"


def test_a_step_that_names_no_step_is_the_one_the_run_implies():
    steps = ["Competitors", "Analysis", "Table", "Export", "default-competitive-analysis-01"]
    back = [ToolCall("competitive_analysis_revert", {"step": "go"})]
    assert steps_of_the_run(back, "scrap the competitors, go back to that step", steps, ["Competitors", "Analysis"]) \
        == [ToolCall("competitive_analysis_revert", {"step": "Analysis"})], "going back: the last step done"
    items = [ToolCall("competitive_analysis_submit", {"step": "aldi", "value": "tesco"}),
             ToolCall("competitive_analysis_submit", {"step": "tesco", "value": "aldi"})]
    assert steps_of_the_run(items, "start one and put in tesco and aldi", steps, []) \
        == [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "tesco and aldi"})]
    nxt = [ToolCall("competitive_analysis_submit", {"step": "price", "value": "price, reviews"})]
    assert steps_of_the_run(nxt, "compare em on price, reviews", steps, ["Competitors"])[0].args["step"] == "Analysis"
    named = [ToolCall("competitive_analysis_submit", {"step": "2", "value": "price"}),
             ToolCall("competitive_analysis_revert", {"step": "competitors"})]
    assert steps_of_the_run(named, "…", steps, ["Competitors"]) == named, "a step said by number or id stays"
    assert steps_of_the_run(back, "go back", steps, []) == back, "nothing done: nothing to go back to"


def test_a_value_that_is_no_choice_is_the_one_choice_the_request_names(tmp_path):
    from whittle.config import Settings
    from whittle.core import Whittle

    whittle = Whittle(Settings(home=tmp_path))
    try:
        copied = [ToolCall("hello_workflow_submit", {"step": "Greeting", "value": "11:40 so technically still morning"})]
        text = "for the greeting I guess Good morning? it's 11:40 so technically still morning"
        assert the_choice_said(copied, text, whittle.tools)[0].args["value"] == "Good morning"
        assert the_choice_said(copied, "not Hi, maybe Hello", whittle.tools) == copied, "two named: the step says"
        lower = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "good morning"})]
        assert the_choice_said(lower, "good morning I'll have", whittle.tools)[0].args["value"] == "Good morning", \
            "a choice is spelt as the step spells it"
        name = [ToolCall("hello_workflow_submit", {"step": "name", "value": "Hi there"})]
        assert the_choice_said(name, "Hi there, I'm Hi", whittle.tools) == name, "a step of free text has no choices"
    finally:
        whittle.close()


def test_a_submit_left_without_a_value_beside_one_with_it_is_dropped(tmp_path):
    from whittle.config import Settings
    from whittle.core import Whittle

    whittle = Whittle(Settings(home=tmp_path))
    try:
        steps = ["Your name", "Greeting"]
        calls = [ToolCall("hello_workflow_submit", {"step": "just Hi", "value": "Hi"}),
                 ToolCall("hello_workflow_submit", {"step": "gday"})]
        assert steps_of_the_run(calls, "no gday option?? just Hi then", steps, ["Your name"], whittle.tools) == \
            [ToolCall("hello_workflow_submit", {"step": "Greeting", "value": "Hi"})]
    finally:
        whittle.close()


@pytest.mark.parametrize(("said", "value"), [
    ("start a competitive analysis w roblox and minecraft", "roblox and minecraft"),
    ("Kindly start competitive analysis, the competitors na Slot and Pointek", "Slot and Pointek"),
    ("start a new competitive analysis the competitors are Redfin and Zillow please", "Redfin and Zillow"),
    ("start a competitive analysis with as competitors Lime, Tier and Voi. Thanks!", "Lime, Tier and Voi"),
    ("start a competitive analysis", None),
    ("start a competitive analysis with me", None),
    ("can you help me with starting a competitive analysis", None),
    ('start "Competitors" i wanna see who else does cookies', None),  # the title put for "the competitor thing"
    ("start a new analysis, the competitors thing is next", None),  # no value follows the name
])
def test_a_run_started_with_its_first_steps_value_gets_that_step(tmp_path, said, value):
    from whittle.config import Settings
    from whittle.core import Whittle

    whittle = Whittle(Settings(home=tmp_path))
    try:
        start = ToolCall("competitive_analysis_start", {})
        expected = [start] if value is None else \
            [start, ToolCall("competitive_analysis_submit", {"step": "competitors", "value": value})]
        assert first_step_given([start], said, whittle.tools) == expected
        submitted = [start, ToolCall("competitive_analysis_submit", {"step": "competitors", "value": "Bird"})]
        assert first_step_given(submitted, said, whittle.tools) == submitted, "a step planned already stays"
        cut = [start, ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "steelseries"})]
        assert first_step_given(cut, "start a new one w logitech, razer, steelseries as the competitors",
                                whittle.tools) == [start, ToolCall("competitive_analysis_submit", {
                                    "step": "competitors", "value": "logitech, razer, steelseries"})], "a piece is widened"
        hello = [ToolCall("hello_workflow_start", {})]
        assert first_step_given(hello, "start the hello workflow, my name is Dorothy", whittle.tools) == \
            [*hello, ToolCall("hello_workflow_submit", {"step": "name", "value": "Dorothy"})]
    finally:
        whittle.close()


def test_an_analysis_cut_short_is_widened_to_the_aspects_compared():
    steps = ["Competitors", "Analysis", "Table", "Export"]
    cut = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "fees"}),
           ToolCall("competitive_analysis_submit", {"step": "Analysis"})]
    text = "for the analysis compare listing fees, agent commission, mobile app"
    assert aspects_compared(cut, text, steps) == [
        ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "listing fees, agent commission, mobile app"})]
    whole = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price"})]
    assert aspects_compared(whole, "compare em on price", steps) == whole


def test_a_submit_a_later_call_goes_back_over_is_no_ask():
    complaint = [ToolCall("hello_workflow_submit", {"step": "name", "value": "wrong"}),
                 ToolCall("hello_workflow_revert", {"step": "Your name"})]
    assert without_undone_submit(complaint) == complaint[1:]
    redo = [ToolCall("hello_workflow_revert", {"step": "name"}),
            ToolCall("hello_workflow_submit", {"step": "name", "value": "Siobhan"})]
    assert without_undone_submit(redo) == redo, "back to the step, then its new value"
    other = [ToolCall("hello_workflow_submit", {"step": "greeting", "value": "Hi"}),
             ToolCall("hello_workflow_revert", {"step": "name"})]
    assert without_undone_submit(other) == other
    echo = [ToolCall("hello_workflow_revert", {"step": "name"}), ToolCall("hello_workflow_submit", {"step": "name", "value": "name"})]
    assert without_step_echo(echo) == echo[:1], "a submit of the step's own name beside its revert"
    greeted = [ToolCall("hello_workflow_submit", {"step": "Your name", "value": "talofa"}), ToolCall("hello_workflow_start", {})]
    assert without_undone_submit(greeted) == greeted[1:], "a submit before its workflow's start fills the run left behind"
    started = greeted[::-1]
    assert without_undone_submit(started) == started, "a start, then its first value"
    judged = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "thats choice"}),
              ToolCall("competitive_analysis_finalize", {})]
    assert without_undone_submit(judged) == judged[1:], "a value that only judges the run"
    priced = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price, choice of sizes"})]
    assert without_undone_submit(priced) == priced


def test_a_value_given_to_a_named_step_and_again_to_the_implied_one_is_given_once():
    steps = ["Your name", "Greeting", "default-hello-01"]
    planned = [ToolCall("hello_workflow_revert", {"step": "name"}),
               ToolCall("hello_workflow_submit", {"step": "name", "value": "Dexter"}),
               ToolCall("hello_workflow_submit", {"step": "put Dexter", "value": "Dexter"})]
    text = "I spell meh name wrong, is Dexter with an e. go back to the name step and put Dexter"
    assert steps_of_the_run(planned, text, steps, ["Your name", "Greeting"]) == planned[:2]


def test_a_value_that_runs_into_the_comparing_ends_there_and_the_aspects_are_the_analysis():
    steps = ["Competitors", "Analysis", "Results table"]
    said = "competitors Flipkart, Amazon, Meesho and compare on pricing, return policy"
    planned = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Flipkart, Amazon, Meesho and compare on pricing"})]
    assert compared_after_listing(planned, said, steps) == [
        ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Flipkart, Amazon, Meesho"}),
        ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "pricing, return policy"})]
    given = [*planned, ToolCall("competitive_analysis_submit", {"step": "analysis", "value": "pricing"})]
    assert compared_after_listing(given, said, steps) == given, "the plan gives the analysis a value already"
    ended = "Would you put in the competitors as Wickes, Homebase, and The Range, and then compare them on price and parking."
    listed = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Wickes, Homebase, and The Range"})]
    assert compared_after_listing(listed, ended, steps) == [*listed, ToolCall(
        "competitive_analysis_submit", {"step": "Analysis", "value": "price and parking"})], "the list ended before it"


def test_a_value_given_to_a_step_put_in_as_the_list():
    steps = ["Competitors", "Analysis"]
    cut = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Homebase"})]
    said = "Would you put in the competitors as Wickes, Homebase, and The Range, and then compare them on price"
    assert value_labelled(cut, said, steps)[0].args["value"] == "Wickes, Homebase, and The Range"


def test_a_step_argument_holding_one_declared_step_is_that_step(whittle):
    tools = {t.name: t for t in whittle.tools}
    key = [ToolCall("competitive_analysis_revert", {"step": "default-competitors-01"})]
    assert declared_step(key, tools) == [ToolCall("competitive_analysis_revert", {"step": "competitors"})]
    known = [ToolCall("competitive_analysis_revert", {"step": "Competitors"})]
    assert declared_step(known, tools) == known, "a step's title is a step"
    submit = [ToolCall("hello_workflow_submit", {"step": "greeting-02", "value": "Hi"})]
    assert declared_step(submit, tools)[0].args["step"] == "greeting"
    numbered = [ToolCall("hello_workflow_revert", {"step": "1"})]
    assert declared_step(numbered, tools)[0].args["step"] == "name", "step 1 is the first step"
    past_the_end = [ToolCall("hello_workflow_revert", {"step": "7"})]
    assert declared_step(past_the_end, tools) == past_the_end


def test_a_remark_in_a_listed_value_is_not_one_of_the_list():
    said = [ToolCall("competitive_analysis_submit", {
        "step": "Competitors", "value": "Thompson and Morgan, that is all one company mind, then Suttons, then Mr Fothergill's"})]
    assert remarks_out_of_list(said)[0].args["value"] == "Thompson and Morgan, Suttons, Mr Fothergill's"
    near = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "HealthPlus, MedPlus, the ones near my shop"})]
    assert remarks_out_of_list(near)[0].args["value"] == "HealthPlus, MedPlus"
    one = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "HealthPlus, those near me, all of them"})]
    assert remarks_out_of_list(one) == one, "one name left is no list: kept as said"
    plain = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "A, B, C"})]
    assert remarks_out_of_list(plain) == plain
    aspects = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price, what it is, delivery"})]
    assert remarks_out_of_list(aspects) == aspects, "the aspects compared are kept as said"
    trading = [ToolCall("competitive_analysis_submit", {
        "step": "Competitors", "value": "Jayco, Avan and Coromal, we're thinking about trading the old van in"})]
    assert remarks_out_of_list(trading)[0].args["value"] == "Jayco, Avan and Coromal", "after the 'and' item: a remark"
    matters = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price, weight and offroad ability, thats what matters"})]
    assert remarks_out_of_list(matters)[0].args["value"] == "price, weight and offroad ability"
    listed = [ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price and weight, fit, delivery"})]
    assert remarks_out_of_list(listed) == listed, "an item after the 'and' one, not a remark"
    makers = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Harvia, Helo and Narvi, the big stove makers"})]
    assert remarks_out_of_list(makers)[0].args["value"] == "Harvia, Helo and Narvi", "what the named ones are"
    lower = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "boots, superdrug and the range, the big ones"})]
    assert remarks_out_of_list(lower)[0].args["value"] == "boots, superdrug and the range, the big ones", \
        "named in lower case: no telling names from what they are"


def test_a_value_for_one_step_and_one_for_another_are_two_actions():
    steps = ["Your name", "Greeting"]
    assert steps_apart("put Kayla for name and hi for the greeting", steps) == \
        "put Kayla for name, and put hi for the greeting"
    assert steps_apart("put salt and pepper for the name", steps) == "put salt and pepper for the name"


def test_a_submit_left_without_its_value_is_no_revert():
    valued = ToolCall("hello_workflow_submit", {"step": "greeting", "value": "Good morning"})
    bare = ToolCall("hello_workflow_submit", {"step": "greeting"})
    assert without_undone_submit([valued, bare]) == [valued]  # the one with the value stays
    revert = ToolCall("hello_workflow_revert", {"step": "greeting"})
    assert without_undone_submit([valued, revert]) == [revert]  # gone back over at once: a complaint, not an ask


def test_a_value_that_is_one_steps_choice_is_that_steps(tmp_path):
    from whittle.config import Settings
    from whittle.core import Whittle

    whittle = Whittle(Settings(home=tmp_path))
    try:
        steps = ["Your name", "Greeting", "default-hello-01"]
        both = [ToolCall("hello_workflow_submit", {"step": "name", "value": "Nonc Pete"}),
                ToolCall("hello_workflow_submit", {"step": "say Hi", "value": "Hi"})]
        assert steps_of_the_run(both, "name is Nonc Pete and say Hi", steps, [], whittle.tools)[1] == \
            ToolCall("hello_workflow_submit", {"step": "Greeting", "value": "Hi"})
        echo = [ToolCall("competitive_analysis_submit", {"step": "docks", "value": "Cajun Seafood, Bayou Fresh"}),
                ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "default-competitors-01"})]
        listed = ["Competitors", "Analysis", "default-competitors-01"]
        assert steps_of_the_run(echo, "the docks is Cajun Seafood, Bayou Fresh, put them for the competitors", listed,
                                [], whittle.tools) == [
            ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Cajun Seafood, Bayou Fresh"})], \
            "a value typed nowhere (the run's id) gives the step nothing"
    finally:
        whittle.close()


def test_a_lower_case_list_of_three_after_the_steps_name_is_its_value():
    listed = ["Competitors", "Analysis"]
    cut = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "competitors meadowbank"})]
    text = "competitors meadowbank, oaklands, the willows. compare on fees and food"
    assert value_labelled(cut, text, listed)[0].args["value"] == "meadowbank, oaklands, the willows"
    assert value_labelled(cut, "competitors please, go back, now", listed) == cut, "no list: no label"


def test_the_reason_for_the_aspects_is_no_aspect():
    steps = ["Competitors", "Analysis"]
    planned = [ToolCall("competitive_analysis_submit", {"step": "price per pound", "value": "all i cares about"})]
    text = "compare em on price per pound and how quick they pays ya cause that's all i cares about"
    assert aspects_compared(planned, text, steps)[0].args == {"step": "Analysis",
                                                               "value": "price per pound and how quick they pays"}
    planned = [ToolCall("competitive_analysis_submit", {"step": "prices", "value": "roll quality"})]
    text = "compare prices and roll quality thats all anybody in South Philly cares about"
    assert aspects_compared(planned, text, steps)[0].args == {"step": "Analysis", "value": "prices and roll quality"}, \
        "what is said of the aspects after them"


def test_the_ask_after_a_steps_value_is_no_part_of_it():
    steps = ["Competitors", "Analysis"]
    planned = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "there"})]
    text = "competitors is quinlan brothers and clearwater so put them in there"
    assert value_assigned(planned, text, steps)[0].args["value"] == "quinlan brothers and clearwater"


def test_a_number_said_as_no_is_part_of_an_aspect():
    planned = [ToolCall("competitive_analysis_submit", {"step": "commission", "value": "app"})]
    assert aspects_compared(planned, "compare commission, no. of listings, app", ["Competitors", "Analysis"])[0].args == {
        "step": "Analysis", "value": "commission, no. of listings, app"}


def test_of_two_values_for_one_step_the_one_said_stays():
    text = "the competitors are Traiteur Rousseau and Buffet Lachine, put them in the competitors step"
    said = ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Traiteur Rousseau and Buffet Lachine"})
    made_up = ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "default-competitors-01"})
    assert values_said([said, made_up], text) == [said]
    assert values_said([made_up], text) == [made_up], "a value alone is not judged"


def test_a_revert_needs_a_word_of_going_back():
    revert = ToolCall("competitive_analysis_revert", {"step": "Competitors"})
    assert reverts_asked([revert], "put in sweetwater, guitar center and reverb") == [], "'reverb' is a name"
    assert reverts_asked([revert], "go back to the competitors") == [revert]


def test_a_value_said_after_going_back_loses_the_step_named_and_may_be_what_it_should_be(whittle):
    back = [ToolCall("competitive_analysis_revert", {"step": "Competitors"})]
    given = given_after_revert(back, whittle.tools, "go back to competitors, forgot GLS. should be DHL, DPD, GLS")
    assert given[1].args == {"step": "Competitors", "value": "DHL, DPD, GLS"}
    listed = given_after_revert(back, whittle.tools, "go back and then put in Sweetwater and Reverb for the competitors")
    assert listed[1].args["value"] == "Sweetwater and Reverb"


def test_a_value_given_twice_with_the_steps_own_name_is_given_once():
    said = ToolCall("hello_workflow_submit", {"step": "Your name", "value": "waylon"})
    named = ToolCall("hello_workflow_submit", {"step": "name", "value": "names waylon"})
    assert values_said([said, named], "names waylon, put that in for the name") == [said]


def test_a_value_labelled_for_another_step_after_and_is_its_own_sentence():
    steps = ["Competitors", "Analysis"]
    assert steps_apart("the competitors are A, B and for the analysis: price, wait time", steps) == \
        "the competitors are A, B. analysis: price, wait time"
    assert steps_apart("compare price and delivery", steps) == "compare price and delivery"


def test_put_them_in_after_a_value_asks_for_that_submit():
    given = [ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Da Michele, Sorbillo"})]
    assert puts_in_what_was_given("Put them in", given)
    assert not puts_in_what_was_given("Put them in", [ToolCall("todo_add", {"text": "milk"})]), "no value given"
    assert not puts_in_what_was_given("put them in the analysis", given), "a place of its own"


def test_a_plural_step_given_two_names_gets_both():
    said = "let's start a new analysis, the competitors are Concettina ai Tre Santi and 50 Kalò"
    call = ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Concettina ai Tre Santi and 50 Kalò"})
    assert two_named([call], said)[0].args["value"] == "Concettina ai Tre Santi, 50 Kalò"
    one = ToolCall("competitive_analysis_submit", {"step": "Competitors", "value": "Marks and Spencer"})
    assert two_named([one], "the competitor is Marks and Spencer") == [one], "said of one"
    aspects = ToolCall("competitive_analysis_submit", {"step": "Analysis", "value": "price and dough"})
    assert two_named([aspects], "the analysis is price and dough") == [aspects]


def test_what_the_listed_ones_are_and_where_is_no_item():
    call = ToolCall("competitive_analysis_submit", {"step": "competitors", "value":
                    "Da Michele, Sorbillo and Di Matteo, the big names of via dei Tribunali"})
    assert remarks_out_of_list([call])[0].args["value"] == "Da Michele, Sorbillo and Di Matteo"
    aspects = ToolCall("competitive_analysis_submit", {"step": "analysis", "value":
                       "price, dough and waiting time, things that matter for a pizza"})
    assert remarks_out_of_list([aspects])[0].args["value"] == "price, dough and waiting time"
