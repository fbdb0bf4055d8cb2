"""A correction said in the same breath, and the words that only ask for an addition."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.corrections import (
    aside_after_a_comma,
    corrected,
    number_corrected,
    taken_back,
    things_counted,
    with_mind_changed,
    with_typing_fixes,
    without_asking_words,
    without_trailing_aside,
)
from whittle.apps.profile_tools import NameParams
from whittle.apps.todo_tools import AddParams, EditParams, ItemParams
from whittle.tools import Tool

TOOLS = {t.name: t for t in (Tool("todo_add", "Add a todo.", AddParams), Tool("profile_add", "Add a profile.", NameParams),
                             Tool("todo_complete", "Complete a todo.", ItemParams))}


def adds(*texts: str) -> list[ToolCall]:
    return [ToolCall("todo_add", {"text": t}) for t in texts]


@pytest.mark.parametrize(("text", "planned", "settled"), [
    ("add tomatoes, no wait, cherry tomatoes", adds("tomatoes", "no wait cherry", "cherry tomatoes"),
     adds("cherry tomatoes")),
    ("add milk, actually make it oat milk please", adds("milk"), adds("oat milk")),
    ("make a new profile called Side Projects, no wait, just Side Project",
     [ToolCall("profile_add", {"name": "Side Projects"}), ToolCall("profile_add", {"name": "no wait just"})],
     [ToolCall("profile_add", {"name": "Side Project"})]),
    ("tick off milk, sorry I mean eggs", [ToolCall("todo_complete", {"item": "milk"})],
     [ToolCall("todo_complete", {"item": "eggs"})]),
    ("add pork butt no wait make that brisket, its cheaper this week and the guys like it", adds("pork butt"),
     adds("brisket")),  # the stand-in ends at the next mark; the rest is why
    ("add buy footy socks no wait make it buy mouthguard", adds("buy footy socks no wait make it buy mouthguard"),
     adds("buy mouthguard")),  # after "make it", a verb opens the thing
    ("add diapers wait no we have those add teething gel", adds("diapers wait no we have those add teething gel"),
     adds("teething gel")),  # asked for again after the reason
    ("add duck stain i mean deck stain lol autocorrect", adds("duck stain i mean deck stain lol autocorrect"),
     adds("deck stain")),  # laughter ends the stand-in
    ("Add buy a new trowel no, scratch that, buy a new pair of secateurs.", adds("buy a new trowel"),
     adds("buy a new pair of secateurs")),  # dictated: "no comma scratch that comma"
    ("add order 5 packs of gloves no wait make it 10 packs", adds("order 5 packs of gloves no wait make it 10 packs"),
     adds("order 10 packs of gloves")),  # a new number and the thing's own words: the number changes
    ("Please add 'renew parking permit'. No, forgive me, make that 'renew residents' parking permit'.",
     adds("renew residents"), adds("renew residents' parking permit")),  # a quoted stand-in whole, its apostrophe too
    ("add coffee filters no wait make it coffee filters and creamer", adds("creamer"),
     adds("coffee filters and creamer")),  # a part of the stand-in read as the new thing: all of it
    ("add 'buy mozzie coils' no hang on make it 'buy mozzie coils and aerogard'", adds("buy mozzie coils"),
     adds("buy mozzie coils and aerogard")),  # "hang on"
])
def test_the_correction_replaces_what_it_corrects(text, planned, settled):
    assert corrected(planned, TOOLS, text) == settled


@pytest.mark.parametrize("text", [
    "add milk, no wait, delete it",  # another action: planned as said
    "I mean, add milk",  # nothing before it to correct
    "add milk and eggs",
])
def test_without_a_stand_in_nothing_changes(text):
    assert corrected(adds("milk"), TOOLS, text) == adds("milk")


def test_the_words_that_ask_for_an_addition_are_not_a_todo():
    planned = adds("get a birthday present for Jess", "can u add", "put that on")
    assert without_asking_words(planned, TOOLS) == adds("get a birthday present for Jess")
    done = [ToolCall("todo_complete", {"item": "it"})]
    assert without_asking_words(done, TOOLS) == done, "only what a tool adds"


def test_a_statement_beside_a_new_thing_is_not_another():
    planned = [ToolCall("todo_add", {"text": "order more printer ink"}), ToolCall("todo_add", {"text": "we're almost out"})]
    assert without_asking_words(planned, TOOLS) == planned[:1]
    alone = [ToolCall("todo_add", {"text": "it's mum's birthday friday"})]
    assert without_asking_words(alone, TOOLS) == alone, "alone, it is the thing asked for"


def test_the_emoji_a_new_thing_ends_with_are_not_the_things():
    assert without_trailing_aside(adds("pay the luz bill 💡"), TOOLS) == adds("pay the luz bill")
    assert without_trailing_aside(adds("rainbow sprinkles before i forget"), TOOLS) == adds("rainbow sprinkles")
    assert without_trailing_aside(adds("deck stain lol"), TOOLS) == adds("deck stain")
    assert without_trailing_aside(adds("sleep better kkkk"), TOOLS) == adds("sleep better"), "laughter, in Brazil"
    assert without_trailing_aside(adds("renew pharmacy licence o"), TOOLS) == adds("renew pharmacy licence"), "stress"
    assert without_trailing_aside(adds("confirm mehendi artist", "uff"), TOOLS) == adds("confirm mehendi artist"), "a sigh"
    assert without_trailing_aside(adds("buy tofu, ugh"), TOOLS) == adds("buy tofu")
    assert without_trailing_aside(adds("stock count monday for me there"), TOOLS) == adds("stock count monday")
    assert without_trailing_aside(adds("vitamin o"), TOOLS) == adds("vitamin")  # the price of reading "o" as stress
    assert without_trailing_aside(adds("pay lads next friday also"), TOOLS) == adds("pay lads next friday")
    assert without_trailing_aside(adds("get spare reading glasses for us"), TOOLS) == adds("get spare reading glasses")
    assert without_trailing_aside(adds("order more pipe dope we r runnin low over"), TOOLS) == adds("order more pipe dope"), \
        "a radio's closing 'over', after how things are"
    assert without_trailing_aside(adds("buy new aprons these ones are NASTY"), TOOLS) == adds("buy new aprons")
    assert without_trailing_aside(adds("buy ice its gonna be 95 out"), TOOLS) == adds("buy ice")
    assert without_trailing_aside(adds("confirm mehendi artist. she's not picking up"), TOOLS) == adds("confirm mehendi artist")
    assert without_trailing_aside(adds("sort those ones out"), TOOLS) == adds("sort those ones out")
    laughed = [ToolCall("competitive_analysis_submit", {"step": "analysis", "value": "kkkk"})]
    assert without_trailing_aside(laughed, TOOLS) == [], "laughter alone is no step's value"
    pointing = [ToolCall("competitive_analysis_submit", {"step": "competitors", "value": "em"})]
    assert without_trailing_aside(pointing, TOOLS) == [], "'put em in': 'em' points at the value"
    step = [ToolCall("competitive_analysis_submit", {"step": "analysis", "value": "price, chip quality lol"})]
    assert without_trailing_aside(step, TOOLS)[0].args["value"] == "price, chip quality", "a step's value too"
    assert without_trailing_aside([ToolCall("profile_add", {"name": "🧽"})], TOOLS) == [], "an emoji alone is no name"
    assert without_trailing_aside(adds("clean footy boots theyr mingin", "footy sun its bin moved"), TOOLS) == \
        adds("clean footy boots", "footy sun"), "how things are, said after the thing"
    assert without_trailing_aside(adds("check its oil"), TOOLS) == adds("check its oil")
    done = [ToolCall("todo_complete", {"item": "milk 🥛"})]
    assert without_trailing_aside(done, TOOLS) == done, "only new things: an item names what is stored"


def test_a_remark_after_one_comma_is_no_second_thing():
    text = "I want to add check expiry dates on cough syrups, NAFDAC people fit come anytime"
    assert aside_after_a_comma(adds("check expiry dates on cough syrups", "NAFDAC people fit"), TOOLS, text) == \
        adds("check expiry dates on cough syrups")
    text = "add buy exercise books for Obinna and also add sunday school snacks, both for wkend"
    assert aside_after_a_comma(adds("buy exercise books for Obinna", "sunday school snacks", "both"), TOOLS, text) == \
        adds("buy exercise books for Obinna", "sunday school snacks"), "the adding verb's own part"
    text = "can you make a new profile called Caravan Trip, want to keep all the trip stuff separate"
    named = [ToolCall("profile_add", {"name": "Caravan Trip"}), ToolCall("profile_add", {"name": "want"})]
    assert aside_after_a_comma(named, TOOLS, text) == named[:1], "a name after 'called' is a new thing"
    text = "can you add fix the umbrella by bay 4, rain is coming this week and the queue gets wet"
    assert aside_after_a_comma(adds("bay 4", "rain is coming this week", "the queue gets wet"), TOOLS, text) == \
        adds("bay 4"), "a thing and how it goes, after the comma: a remark"
    text = "yalla put 'exchange dollars' on the list, the group wants to shop in Khan el Khalili and the shops love cash"
    assert aside_after_a_comma(adds("exchange dollars", "shop in Khan el Khalili"), TOOLS, text) == adds("exchange dollars"), \
        "someone and what they want, after the comma: a remark"
    text = "add: call the mechanic, the car is making a barulho estranho again"
    assert aside_after_a_comma(adds("call the mechanic", "a barulho estranho again"), TOOLS, text) == \
        adds("call the mechanic"), "after a label too"
    text = "add restring the telecaster to the list, fixin to do it tonight if i dont fall asleep first"
    assert aside_after_a_comma(adds("tonight if i dont fall asleep first"), TOOLS, text) == \
        adds("restring the telecaster"), "what is meant to happen, after the comma: a remark"
    assert things_counted("add two things: folia stretch 10 rolek, taśma do kartonów")
    assert not things_counted("add folia stretch 10 rolek, we are out")
    text = "add call Mélanie about the menu, elle m'a texté tantôt and j'ai pas eu le temps"
    assert aside_after_a_comma(adds("elle m'a texté tantôt", "j'ai pas eu le temps"), TOOLS, text) == \
        adds("call Mélanie about the menu"), "every thing copied from the remark: the thing is before the comma"
    text = 'add 2: "order new usb-c dongle", "expense lunch w/ vendor"'
    assert aside_after_a_comma(adds("order new usb-c dongle", "expense lunch w/ vendor"), TOOLS, text) == \
        adds("order new usb-c dongle", "expense lunch w/ vendor"), "a quoted thing after the comma is a thing"
    text = "add order kaya 5 tub no wait make it 6 tub, weekend got more customer"
    assert aside_after_a_comma(adds("order kaya 6 tub", "weekend got more"), TOOLS, text) == adds("order kaya 6 tub"), \
        "the thing as corrected"
    for listed in ("add milk, eggs and bread", "add milk, eggs, bread", "add milk, the kids' juice and bread"):
        assert aside_after_a_comma(adds("milk", "eggs", "bread"), TOOLS, listed) == adds("milk", "eggs", "bread"), listed
    text = "add renew the salon insurance, letter came this morning and it runs out end of the month"
    assert aside_after_a_comma(adds("renew the salon insurance", "letter came", "out end of the month"), TOOLS, text) == \
        adds("renew the salon insurance"), "a sentence of its own is a remark, however it goes on"
    text = "add get the hoover fixed, the thing's bunched again, sucking up nothin"
    assert aside_after_a_comma(adds("get the hoover fixed", "the thing's bunched again"), TOOLS, text) == \
        adds("get the hoover fixed")
    assert aside_after_a_comma(adds("NAFDAC people fit"), TOOLS, "add cough syrups, NAFDAC people fit") == \
        adds("NAFDAC people fit"), "alone, it is what was asked for"
    text = "put down order new oilskins the old ones is tore to shreds"
    assert aside_after_a_comma(adds("order new oilskins", "shreds"), TOOLS, text) == adds("order new oilskins"), \
        "a piece of a remark that says how something is, with no joiner"
    assert aside_after_a_comma(adds("milk", "eggs"), TOOLS, "add milk eggs") == adds("milk", "eggs"), "a list said bare"


def test_a_span_said_before_the_correction_was_taken_back():
    text = "Add buy a new trowel no, scratch that, buy a new pair of secateurs."
    assert taken_back("buy a new trowel no", text)
    assert not taken_back("buy a new pair of secateurs", text)
    assert not taken_back("buy a new trowel", "add buy a new trowel")


def test_the_stand_in_alone_is_the_thing_with_its_number_changed():
    text = "add order 5 packs of gloves no wait make it 10 packs"
    assert number_corrected(adds("10 packs"), TOOLS, text) == adds("order 10 packs of gloves")
    assert number_corrected(adds("10 boxes"), TOOLS, "add order 5 packs of gloves no wait make it 10 boxes") == \
        adds("10 boxes"), "a word the thing does not have: the stand-in is the thing"
    assert number_corrected(adds("1 liter", "1 liter"), TOOLS, "add buy alcohol 500ml, no wait 1 liter") == \
        adds("buy alcohol 1 liter"), "a new measure stands for the old one, unit and all; once"
    assert number_corrected(adds("size L"), TOOLS, "add buy 2 box glove size M no wait size L") == \
        adds("buy 2 box glove size L"), "the word after the stand-in's first stands for the old one"


@pytest.mark.parametrize(("typed", "meant"), [
    ("add bead *bread", "add bread"),
    ("add ring the bank about the lean *loan", "add ring the bank about the loan"),
    ("*bread", "*bread"),  # nothing before it to fix
    ("add *urgent* fix the tap", "add *urgent* fix the tap"),  # emphasis, not a fix
    ("add 2 * 3 screws", "add 2 * 3 screws"),
    ("back too default", "back to default"),
    ("add milk too", "add milk too"),
    ("add milk plz", "add milk pls"),
    ("Plzz tick it", "pls tick it"),
    ("add plzen beer", "add plzen beer"),  # a word of the thing
    ("could you please add order taq polymerase~ we run out", "could you please add order taq polymerase. we run out"),
    ("add 2~3 tips", "add 2~3 tips"),
])
def test_a_phones_slips_are_put_right(typed, meant):
    assert with_typing_fixes(typed) == meant


@pytest.mark.parametrize(("text", "meant"), [
    ("delete eggs no wait tick it", "tick eggs"),
    ("delete eggs, actually no, just tick it off", "tick eggs off"),
    ("tick milk. no wait, delete it instead", "delete milk"),
    ("please delete call mum, no wait, mark it done", "please mark call mum done"),
    ("remove milk. scratch that, move it to the top", "move milk to the top"),
    # a new thing corrected, or a second one asked "too": not a change of action
    ("add milk no wait add eggs too", "add milk no wait add eggs too"),
    ("add tomatoes, no wait, cherry tomatoes", "add tomatoes, no wait, cherry tomatoes"),
    ("add playdough no wait they'll just eat it. add colouring books", "add playdough no wait they'll just eat it. add colouring books"),
    # a new thing taken back as already listed, another added instead
    ("add make groceries no wait its already on there... add get french bread instead", "add get french bread instead"),
])
def test_a_change_of_mind_to_another_action_takes_the_first_back(text, meant):
    assert with_mind_changed(text) == meant


def test_what_happened_told_after_a_new_text_is_no_part_of_it():
    tools = {"todo_edit": Tool("todo_edit", "Change a todo.", EditParams)}
    edited = [ToolCall("todo_edit", {"item": "kirsty fitba sat 10am", "text": "kirsty fitba sunday 11 they moved the match"})]
    assert without_trailing_aside(edited, tools)[0].args["text"] == "kirsty fitba sunday 11"
    told = [ToolCall("todo_edit", {"item": "call john", "text": "tell john they moved the meeting"})]
    assert without_trailing_aside(told, tools) == told  # what to tell someone is the thing
    switched = [ToolCall("todo_edit", {"item": "calc hw 4.3", "text": "calc hw 4.4 my prof switched it istg"})]
    assert without_trailing_aside(switched, tools)[0].args["text"] == "calc hw 4.4"


def test_why_said_after_a_new_thing_is_no_part_of_it():
    assert without_trailing_aside(adds("fix the sign outside because the N is"), TOOLS) == adds("fix the sign outside")
    assert without_trailing_aside(adds("reload marta card bc i keep forgetting"), TOOLS) == adds("reload marta card")
