"""Settling a planned call against the request and the app's state (agent/references.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.references import (
    all_after_label,
    deed_with_its_object,
    drop_nested_copies,
    expand_lists,
    extend_to_clause_end,
    extend_to_clause_start,
    new_value_after_to,
    not_the_kind,
    one_thing_said_once,
    part_replaced,
    resolve_references,
    split_actions,
    take_indefinite_article,
    whole_new_thing,
    whole_object_added,
    word_swapped,
)
from whittle.apps.todo_tools import AddParams, EditParams, ItemParams
from whittle.tools import Tool

STATE = ["milk", "eggs", "call mum"]
TOOLS = {t.name: t for t in (Tool("todo_add", "Add a todo.", AddParams), Tool("todo_edit", "Edit a todo.", EditParams),
                             Tool("todo_complete", "Complete a todo.", ItemParams))}


def test_a_place_in_the_list_is_not_a_reference_to_an_item():
    assert resolve_references("move call mum to number 3", STATE) == "move call mum to number 3"
    assert resolve_references("move milk to the second place", STATE) == "move milk to the second place"
    assert resolve_references("mark number 1 as done", STATE) == 'mark "milk" as done'
    assert resolve_references("switch to the second one", STATE) == 'switch to "eggs"'


def test_the_new_text_is_everything_after_to():
    cut = [ToolCall("todo_edit", {"item": "call mum", "text": "birthday"})]
    assert new_value_after_to(cut, TOOLS, "rename call mum to call mum on her birthday", STATE)[0].args == {
        "item": "call mum", "text": "call mum on her birthday"}
    quoted = [ToolCall("todo_edit", {"item": "milk", "text": "oat"})]
    assert new_value_after_to(quoted, TOOLS, "change 'milk' to 'oat milk', please", STATE)[0].args["text"] == "oat milk"
    repeated = [ToolCall("todo_edit", {"item": "call mum", "text": "call mum"})]
    assert new_value_after_to(repeated, TOOLS, "change call mum to call dad", STATE)[0].args["text"] == "call dad"
    dashed = [ToolCall("todo_edit", {"item": "call mum", "text": "call mum"})]
    assert new_value_after_to(dashed, TOOLS, "rename call mum to call mum - sunday", STATE)[0].args["text"] == \
        "call mum - sunday", "a dash inside the new text is kept"
    assert split_actions('change "laptop repair" to laptop repair - dell service center') == [
        'change "laptop repair" to laptop repair - dell service center'], "'dell' after the dash is no slip for 'del'"
    unnamed = [ToolCall("todo_edit", {"item": "bread", "text": "rye"})]
    assert new_value_after_to(unnamed, TOOLS, "rename bread to rye bread", STATE) == unnamed, "not a state value"


def test_an_indefinite_article_belongs_to_the_free_text():
    def settled(text, value):
        return take_indefinite_article([ToolCall("todo_add", {"text": value})], text, STATE)[0].args["text"]

    assert settled("edit eggs so it says a dozen eggs", "dozen eggs") == "a dozen eggs"
    assert settled("add an umbrella", "umbrella") == "an umbrella"
    assert settled("look for a recipe", "recipe") == "recipe", "after a preposition the article is not the item's"
    assert settled("a plumber is needed", "bus") == "bus"


def test_list_items_and_cut_short_words_keep_their_articles():
    one = [ToolCall("todo_add", {"text": "sunscreen"})]
    assert [c.args["text"] for c in expand_lists(one, TOOLS, "add sunscreen and a towel to the list", [])] == [
        "sunscreen", "a towel"]
    stock = [ToolCall("todo_add", {"text": "order veal stock"})]
    assert [c.args["text"] for c in expand_lists(stock, TOOLS, "add order veal stock and call the fish guy", [])] == [
        "order veal stock", "call the fish guy"], "a word then 'the': a phrase to the clause's end"
    milk = [ToolCall("todo_complete", {"item": "milk"})]
    assert [c.args["item"] for c in expand_lists(milk, TOOLS, "tick off milk n eggs got em", STATE)] == ["milk", "eggs"]
    bread = [ToolCall("todo_add", {"text": "bread"})]
    assert [c.args["text"] for c in expand_lists(bread, TOOLS, "add bread and a tin of primer", [])] == [
        "bread", "a tin of primer"], "a measure of what it holds is one thing"
    assert expand_lists(bread, TOOLS, "add bread n snags for the bbq", STATE) == bread, "a new thing's own 'n'"
    creds = [ToolCall("todo_add", {"text": "staging creds"})]
    assert expand_lists(creds, TOOLS, 'add "staging creds", pretty sure i pasted them', STATE) == creds, \
        "after a quoted thing only a quoted one is listed"
    thor = [ToolCall("todo_add", {"text": "Thor"})]
    assert expand_lists(thor, TOOLS, "need to buy ração for Thor, the bag is almost empty, add it", STATE) == thor, \
        "how something is, after the comma, is no second thing"
    assert [c.args["text"] for c in expand_lists(creds, TOOLS, 'add "staging creds", "prod creds"', STATE)] == [
        "staging creds", "prod creds"]
    fuel = [ToolCall("todo_add", {"text": "buy fuel for gen"})]
    assert [c.args["text"] for c in expand_lists(fuel, TOOLS, "add buy fuel for gen and call supplier for earpiece", [])] == [
        "buy fuel for gen", "call supplier for earpiece"], "a deed runs to the clause's end"
    charger = [ToolCall("todo_add", {"text": "printer paper"})]
    assert [c.args["text"] for c in expand_lists(charger, TOOLS, "add printer paper and a new charger pls", [])] == [
        "printer paper", "a new charger"], "'pls' is no item's word"
    water = [ToolCall("todo_add", {"text": "water"})]
    assert extend_to_clause_end(water, "add water the garden", STATE)[0].args["text"] == "water the garden"
    assert extend_to_clause_end(water, "add water to the list", STATE) == water


def test_the_one_named_by_a_distinct_word_is_that_state_value():
    values = ["oat milk", "replace the smoke alarm battery", "wrap the birthday present"]
    assert resolve_references("mark the smoke alarm one as done", values) == 'mark "replace the smoke alarm battery" as done'
    assert resolve_references("mark the milk one as done", ["oat milk", "milk run"]) == "mark the milk one as done"
    assert resolve_references("the second one is done", values) == '"replace the smoke alarm battery" is done'
    salon = ["restock cuticle oil", "change water filter pedicure spa"]
    assert resolve_references("change water filter pedicure spa done", salon) == 'tick "change water filter pedicure spa"'
    assert resolve_references("fix the awning strap is sorted, bloke had rope", ["fix the awning strap"]) == \
        'tick "fix the awning strap"', "a thing that opens with an action word, reported done"
    assert resolve_references("restock cuticle oil done", salon) == "restock cuticle oil done"


def test_an_action_on_them_stays_with_the_things_it_refers_to():
    assert split_actions("I mowed the lawn and posted the parcel, mark both done") == [
        "I mowed the lawn and posted the parcel, mark both done"]
    assert split_actions("add bread and mark milk done") == ["add bread", "mark milk done"]
    assert split_actions("competitors are Pak'nSave, Countdown and New World") == [
        "competitors are Pak'nSave, Countdown and New World"], "a name led by a verb after 'and'"
    assert split_actions("Add Bread. Tick Milk") == ["Add Bread.", "Tick Milk"], "a new sentence still acts"
    assert split_actions("rename call mum to call mum and dad about Sunday") == [
        "rename call mum to call mum and dad about Sunday"], "no slip of a verb inside the new text"
    assert split_actions("change milk to oat milk and delete eggs") == ["change milk to oat milk", "delete eggs"]
    assert split_actions("competitors Lux Nail Spa, Nail Bar 59, Tip Top Nails", ["Competitors", "Analysis"]) == [
        "competitors Lux Nail Spa, Nail Bar 59, Tip Top Nails"], "a slip-like word inside a step's list ('Tip')"
    assert split_actions("my name is Emilie and the greeting Hi", ["Your name", "Greeting"]) == [
        "my name is Emilie", "the greeting Hi"]
    assert split_actions("eggs done, milk done") == ["eggs done", "milk done"], "two things' states, not 'mark both done'"
    assert split_actions("compare price, templates, ease of use") == ["compare price, templates, ease of use"], \
        "'ease of' is no slip of 'erase'"
    assert split_actions("compare price, fit, pockets, durability") == ["compare price, fit, pockets, durability"]
    assert split_actions("compare them on price, opening hours and delivery") == [
        "compare them on price, opening hours and delivery"], "a word in -ing is a noun there"
    assert split_actions("My name is Gareth Jones and I should like the greeting to be hello please.",
                         ["Your name", "Greeting"]) == ["My name is Gareth Jones",
                                                        "I should like the greeting to be hello please."]
    assert split_actions("make a profile for Agency and swich to it") == ["make a profile for Agency", "swich to it"]
    assert split_actions('create a profile named "St. Andrew\'s Treasury" and then switch to it') == [
        'create a profile named "St. Andrew\'s Treasury"', "switch to it"], "a quote's stop ends no sentence"


def test_after_a_todo_label_a_verb_belongs_to_the_todo():
    cut = [ToolCall("todo_add", {"text": "library books by friday"})]
    assert extend_to_clause_start(cut, "todo: return library books by friday", STATE)[0].args == {
        "text": "return library books by friday"}


def test_should_say_gives_the_new_text():
    repeated = [ToolCall("todo_edit", {"item": "book a haircut", "text": "book a haircut"})]
    text = 'actually "book a haircut" should say book a haircut for Saturday'
    assert new_value_after_to(repeated, TOOLS, text, ["book a haircut", "buy paint"])[0].args["text"] == (
        "book a haircut for Saturday")


def test_after_a_todo_label_the_whole_rest_is_the_todo():
    cut = [ToolCall("todo_add", {"text": "friday"})]
    assert all_after_label(cut, "todo: return library books by friday")[0].args == {
        "text": "return library books by friday"}
    assert all_after_label(cut, "note: see you friday") == cut
    assert all_after_label([ToolCall("todo_add", {"text": "out car insurance renewal"})],
                           "new todo: sort out car insurance renewal")[0].args == {"text": "sort out car insurance renewal"}
    assert all_after_label([ToolCall("todo_add", {"text": "ID badge lanyard to security"})],
                           "write down: return ID badge lanyard to security")[0].args == {
        "text": "return ID badge lanyard to security"}, "an adding verb as the label"
    assert all_after_label([ToolCall("profile_add", {"name": "ED"})], "new profile: ED shifts")[0].args == {
        "name": "ED shifts"}, "a new profile's name"


def test_a_new_todo_runs_to_the_end_of_its_clause_before_where_it_goes():
    def added(text: str, copied: str) -> str:
        return whole_new_thing([ToolCall("todo_add", {"text": copied})], TOOLS, text)[0].args["text"]

    assert added("add book flights for the wedding to my todo list", "book flights") == "book flights for the wedding"
    assert added("pls add buy birthday card for gran", "buy birthday card") == "buy birthday card for gran"
    assert added("add bread to my list please", "bread") == "bread"
    assert added("add milk and eggs", "milk") == "milk"  # another item: expand_lists gives it its own call
    assert added("add eggs to the top of my list", "eggs") == "eggs"  # where it goes, not what it is
    assert added("add milk, then tick off eggs", "milk") == "milk"
    assert added("could you add redirect post to new address to my list? ta", "redirect post") == \
        "redirect post to new address"  # before an explicit "to my list", "to" is the thing's own
    assert added("add send invoice to Dana and milk to my list", "send invoice") == "send invoice"
    edit = [ToolCall("todo_edit", {"item": "milk", "text": "oat"})]
    assert whole_new_thing(edit, TOOLS, "change milk to oat for the latte") == edit  # only a tool that adds


def test_the_one_about_a_thing_is_the_one_value_holding_those_words():
    listed = ["renew TV licence", "phone the vet about Rex's jab", "order contact lenses"]
    assert resolve_references("see the one about the vet? tick that one off", listed) == (
        'see "phone the vet about Rex\'s jab"? tick that one off')
    assert resolve_references("the one about TV licence is done", listed) == '"renew TV licence" is done'
    assert resolve_references("the one with contact lenses can go", listed) == '"order contact lenses" can go'
    assert resolve_references("the one about cats", listed) == "the one about cats", "no value holds it"
    assert resolve_references("the one about the", ["the cat", "the dog"]) == "the one about the", "two hold it"


def test_a_second_reading_of_the_same_words_is_one_call():
    twice = [ToolCall("todo_add", {"text": "bin day thursday"}), ToolCall("todo_add", {"text": "day thursday"})]
    assert drop_nested_copies(twice, "add bin day thursday") == twice[:1]
    both = [ToolCall("todo_add", {"text": "milk"}), ToolCall("todo_add", {"text": "oat milk"})]
    assert drop_nested_copies(both, "add milk and oat milk") == both, "'milk' is also said on its own"


def test_quoted_items_in_a_list_each_get_a_call():
    planned = [ToolCall("todo_add", {"text": "oat milk"})]
    assert [c.args["text"] for c in expand_lists(planned, TOOLS, "add 'oat milk' and 'dish soap' to the list", STATE)] \
        == ["oat milk", "dish soap"]
    three = expand_lists(planned, TOOLS, "add 'oat milk', 'dish soap' and 'bin bags'", STATE)
    assert [c.args["text"] for c in three] == ["oat milk", "dish soap", "bin bags"]
    whole = [ToolCall("todo_add", {"text": "buy rashers and sausages from the butcher"})]
    assert expand_lists(whole, TOOLS, "Add 'buy rashers and sausages from the butcher' and then 'make up the bed'",
                        STATE)[0].args["text"] == "buy rashers and sausages from the butcher", "one quoted thing"


def test_a_thing_listed_before_the_copied_one_gets_the_call_too():
    state = ["pay council tax", "clear gutters", "book MOT"]
    planned = [ToolCall("todo_complete", {"item": "book MOT"})]
    settled = expand_lists(planned, TOOLS, "both pay council tax and book MOT are sorted, mark them done", state)
    assert [c.args["item"] for c in settled] == ["pay council tax", "book MOT"]
    alone = expand_lists(planned, TOOLS, "clear gutters is later, book MOT is done", state)
    assert alone == planned, "a comma between two sentences lists nothing"


def test_after_starting_a_run_a_value_given_to_a_step_is_its_own_action():
    assert split_actions("start a new hello workflow, name is Grace") == ["start a new hello workflow", "name is Grace"]
    assert split_actions("begin a new analysis, the competitors are Figma, Sketch, Penpot") == [
        "begin a new analysis", "the competitors are Figma, Sketch, Penpot"], "the list keeps its commas"
    assert split_actions("add milk, it is urgent") == ["add milk, it is urgent"], "no run started: one action"
    assert split_actions("Change to the Work profile and there add 'call Ana'") == [
        "Change to the Work profile", "there add 'call Ana'"], "'there' leads into the next action"
    assert split_actions("add a profile for Agency and swich to it") == [
        "add a profile for Agency", "swich to it"], "a verb typed with a slip"


def test_x_not_y_swaps_the_word_in_the_one_thing_that_has_it():
    state = ["send invoice to Dana", "backup laptop"]
    planned = [ToolCall("todo_edit", {"item": "can", "text": "can"})]
    assert word_swapped(planned, "the invoice should go to Diana not Dana, can you fix that todo", state) == [
        ToolCall("todo_edit", {"item": "send invoice to Dana", "text": "send invoice to Diana"})]
    bags = [ToolCall("todo_edit", {"item": "order 200 paper bags", "text": "order bags paper bags"})]
    assert word_swapped(bags, "The last thing I added, change it to 300 bags, not 200", ["milk", "order 200 paper bags"]) == [
        ToolCall("todo_edit", {"item": "order 200 paper bags", "text": "order 300 paper bags"})], "the noun said twice"
    other = [ToolCall("todo_complete", {"item": "backup laptop"})]
    assert word_swapped(other, "backup laptop not Dana", state) == other, "only an edit"
    typed = [ToolCall("todo_edit", {"item": "email the Spanish group", "text": "email the Italian group"})]
    said = "change 'email the Spanish group' to 'email the Italian group', they are Italians not Spanish"
    assert word_swapped(typed, said, ["email the Spanish group"]) == typed, "a quoted new text stays as typed"


def test_a_todo_label_with_a_dash():
    planned = [ToolCall("todo_add", {"text": "car MOT'd before the 14th"})]
    assert all_after_label(planned, "new todo - get the car MOT'd before the 14th")[0].args["text"] == \
        "get the car MOT'd before the 14th"


def test_a_polite_end_is_no_part_of_a_new_thing():
    planned = [ToolCall("todo_add", {"text": "out the recycling bins pls"}), ToolCall("todo_add", {"text": "sort out the recycling bins"})]
    text = "add sort out the recycling bins pls"
    assert drop_nested_copies(whole_new_thing(planned, TOOLS, text), text) == [planned[1]]


def test_comparing_after_a_listed_step_is_the_next_step():
    steps = ["Competitors", "Analysis"]
    assert split_actions("competitors plumbase and screwfix, and then compare them on price", steps) == [
        "competitors plumbase and screwfix", "compare them on price"]
    assert split_actions("compare price, fit, pockets", steps) == ["compare price, fit, pockets"]
    assert split_actions("competitors: A, B. compare on pricing and return policy", steps) == [
        "competitors: A, B.", "compare on pricing and return policy"], "what is compared runs to the sentence's end"
    assert split_actions("competitors plumbase and screwfix, and then compare them on price") == [
        "competitors plumbase and screwfix, and then compare them on price"], "no analysis step open"


def test_a_dash_or_a_labelled_value_after_starting_a_run_cuts_the_request():
    assert split_actions("new competitive analysis please - competitors: Figma, Sketch, Canva") == [
        "new competitive analysis please", "competitors: Figma, Sketch, Canva"]


def test_a_sign_between_words_is_no_word_of_its_own():
    planned = [ToolCall("todo_edit", {"item": "laundry", "text": "wash"})]
    settled = extend_to_clause_end(planned, "can you reword the laundry todo to say wash + fold laundry", ["laundry"])
    assert settled[0].args["text"] == "wash + fold laundry"


def test_a_pronoun_is_no_step_given_a_value():
    said = "Hello, I would like to add one new task please, it is: prepare the documents for visa appointment"
    assert split_actions(said) == [said]


def test_after_a_value_given_to_a_step_another_is_its_own_action():
    assert split_actions("name's Kwame and I'll have Hi as the greeting") == [
        "name's Kwame", "I'll have Hi as the greeting"]
    assert split_actions("mark milk and eggs as done") == ["mark milk and eggs as done"]


def test_two_copies_with_only_small_words_between_are_one_thing():
    planned = [ToolCall("todo_add", {"text": "book the car"}), ToolCall("todo_add", {"text": "MOT"})]
    assert one_thing_said_once(planned, TOOLS, "could you add book the car in for its MOT please") == [
        ToolCall("todo_add", {"text": "book the car in for its MOT"})]
    two = [ToolCall("todo_add", {"text": "bread"}), ToolCall("todo_add", {"text": "jam"})]
    assert one_thing_said_once(two, TOOLS, "add bread and jam") == two, "a list is two things"
    backwards = [ToolCall("todo_add", {"text": "doris again 4am"}), ToolCall("todo_add", {"text": "check"})]
    assert one_thing_said_once(backwards, TOOLS, "add check on doris again 4am and tick off albert") == [
        ToolCall("todo_add", {"text": "check on doris again 4am"})], "planned in the other order"


def test_more_ways_a_request_is_cut():
    assert split_actions("I need to remember to cancel the gym. add it for me") == [
        "I need to remember to cancel the gym.", "add it for me"]
    assert split_actions("move it to the top and mark it complete") == ["move it to the top", "mark it complete"]
    assert split_actions("I mowed the lawn and posted the parcel, mark both done") == [
        "I mowed the lawn and posted the parcel, mark both done"], "a report, then one action on both"


def test_new_item_with_a_dash_is_a_label():
    planned = [ToolCall("todo_add", {"text": "freezer"})]
    assert all_after_label(planned, "new item - defrost the freezer")[0].args["text"] == "defrost the freezer"
    assert all_after_label(planned, "item - freezer") == planned, "'item' is a label only after 'new'"


def test_after_remind_me_to_the_words_are_the_things():
    planned = [ToolCall("todo_add", {"text": "more printer ink"})]
    assert extend_to_clause_start(planned, "remind me to order more printer ink", [])[0].args["text"] == \
        "order more printer ink"


def test_a_second_thing_added_with_also_is_the_thing_alone():
    planned = [ToolCall("todo_add", {"text": "buy printer ink and also pay the window cleaner"})]
    settled = expand_lists(planned, TOOLS, "add buy printer ink and also pay the window cleaner", STATE)
    assert [c.args["text"] for c in settled] == ["buy printer ink", "pay the window cleaner"]


@pytest.mark.parametrize(("said", "meant"), [
    ("actually the one I ticked off isn't finished, can you reopen it", 'actually "order new glasses" isn\'t finished, '
                                                                         "can you reopen it"),
    ("i ticked one off by mistake, make it not done again", 'i ticked "order new glasses" off by mistake, make it '
                                                            "not done again"),
    ("reopen the one that's marked done", 'reopen "order new glasses"'),
    ("untick the done one", 'untick "order new glasses"'),
    ("which one did you add", "which one did you add"),
])
def test_the_one_ticked_off_is_the_one_done(said, meant):
    todos = ["change smoke alarm battery", "order new glasses", "clean the oven"]
    assert resolve_references(said, todos, ["order new glasses"]) == meant
    assert resolve_references(said, todos, ["order new glasses", "clean the oven"]) == said, "two done: which?"


def test_the_other_one_of_two_is_the_one_not_marked():
    assert resolve_references("swap to the other one", ["Default", "Work"], ["Default"]) == 'swap to "Work"'
    assert resolve_references("swap to the other one", ["Default", "Work", "Home"], ["Default"]) == \
        "swap to the other one", "of three, 'the other' says no one"


def test_two_things_states_said_in_turn_are_two_actions():
    assert split_actions("oops I ticked the wrong one — renew insurance isn't done, book MOT is done") == [
        "oops I ticked the wrong one — renew insurance isn't done", "book MOT is done"]
    assert split_actions("both milk and eggs are done") == ["both milk and eggs are done"]


def test_the_kind_of_thing_is_not_the_thing():
    planned = [ToolCall("todo_add", {"text": "todo"})]
    settled = not_the_kind(planned, TOOLS, "stick dentist for tom thurs 4pm on the todo list thx")
    assert settled == [ToolCall("todo_add", {"text": "dentist for tom thurs 4pm"})]
    right = [ToolCall("todo_add", {"text": "dentist"})]
    assert not_the_kind(right, TOOLS, "stick dentist on the todo list") == right
    kind_first = [ToolCall("todo_add", {"text": "todo renew passport"})]
    assert not_the_kind(kind_first, TOOLS, "add todo renew passport") == [ToolCall("todo_add", {"text": "renew passport"})]
    quoted = [ToolCall("todo_add", {"text": "todo app review"})]
    assert not_the_kind(quoted, TOOLS, "add 'todo app review'") == quoted, "a quoted thing is as typed"


def test_a_verb_and_its_object_after_a_comma_is_no_list_item():
    planned = [ToolCall("profile_add", {"name": "Accounts"})]
    settled = expand_lists(planned, TOOLS, "can u create a profile for the business accounts, call it Accounts", STATE)
    assert settled == planned


def test_a_particle_after_a_plain_word_is_that_words():
    planned = [ToolCall("todo_add", {"text": "mr khan"})]
    assert extend_to_clause_start(planned, "add call back mr khan", [])[0].args["text"] == "call back mr khan"
    assert extend_to_clause_start([ToolCall("todo_add", {"text": "print shipping labels"})],
                                  "I need a todo to print shipping labels", [])[0].args["text"] == "print shipping labels"


def test_a_reason_after_a_comma_is_no_list_item():
    planned = [ToolCall("todo_add", {"text": "print shipping labels for the Etsy orders"})]
    said = "I need a todo to print shipping labels for the Etsy orders, since things are getting busy"
    assert expand_lists(planned, TOOLS, said, STATE) == planned


def test_a_new_text_keeps_no_trailing_emoji():
    planned = [ToolCall("todo_add", {"text": "reply to Dr. Alvarez about the subaward budget 🙂"})]
    said = "new todo: reply to Dr. Alvarez about the subaward budget 🙂"
    assert whole_new_thing(planned, TOOLS, said)[0].args["text"] == "reply to Dr. Alvarez about the subaward budget"


def test_the_new_text_after_to_say_or_in_quotes():
    state = ["school trip money", "Email Dr. Chen"]
    edit = [ToolCall("todo_edit", {"item": "school trip money", "text": "say school trip money £12 by fri"})]
    said = "edit school trip money to say school trip money £12 by fri"
    assert new_value_after_to(edit, TOOLS, said, state)[0].args["text"] == "school trip money £12 by fri"
    cut = [ToolCall("todo_edit", {"item": "Email Dr. Chen", "text": "Email Dr"})]
    said = "'Email Dr. Chen' should say 'Email Dr. Chen re: budget justification' instead."
    assert new_value_after_to(cut, TOOLS, said, state)[0].args["text"] == "Email Dr. Chen re: budget justification"


def test_a_shorter_new_text_ending_as_the_todo_does_replaces_its_end():
    def edited(old: str, new: str) -> str:
        return part_replaced([ToolCall("todo_edit", {"item": old, "text": new})])[0].args["text"]

    assert edited("boiler service 10am thurs", "2pm thurs") == "boiler service 2pm thurs"
    assert edited("buy oat milk", "buy milk") == "buy milk", "it starts as the todo does: a whole text"
    assert edited("milk", "oat milk") == "oat milk"


def test_hurried_joiners_and_polite_questions_split_actions():
    assert split_actions("delete eggs n add bread") == ["delete eggs", "add bread"]
    assert split_actions("Could you switch to my Work profile and then add 'X' there?") == [
        "Could you switch to my Work profile", "add 'X' there"]
    assert split_actions("Could you change 'eggs' to 'a dozen eggs'? Also, milk is done.") == [
        "Could you change 'eggs' to 'a dozen eggs'? Also", "milk is done."]
    assert split_actions("name is Sam, greeting good morning", ["Your name", "Greeting"]) == [
        "name is Sam", "greeting good morning"]
    assert split_actions("name is Sam, greeting good morning") == ["name is Sam, greeting good morning"]
    assert split_actions("add comprar medias de red, and llevar el vestido a la tintorería") == [
        "add comprar medias de red", "llevar el vestido a la tintorería"], "another new thing after ', and'"
    assert split_actions("add eggs, milk, and some bread") == ["add eggs, milk, and some bread"]
    assert split_actions("start an analysis and put in sweetwater, guitar center and reverb for the competitors") == [
        "start an analysis", "put in sweetwater, guitar center and reverb for the competitors"], "'reverb' is no 'revert'"


def test_that_one_or_the_thing_named_by_a_word_and_a_thank_you_alone():
    todos = ["grocery run", "dentist appt", "buy a new kettle"]
    assert resolve_references("rm the dentist thing", todos) == 'rm "dentist appt"'
    assert resolve_references("take that kettle one off", todos) == 'take "buy a new kettle" off'
    thanks = [ToolCall("todo_add", {"text": "cancel gym membership"}), ToolCall("todo_add", {"text": "thx"})]
    assert whole_new_thing(thanks, TOOLS, "put 'cancel gym membership' on the todo list thx") == thanks[:1]


def test_a_labelled_thing_leaves_its_aside_and_a_new_sentence_acts_anew():
    planned = [ToolCall("todo_add", {"text": "post birthday card"})]
    said = "add: post birthday card to Fiona in Canada (needs to go by Thursday)"
    assert all_after_label(planned, said)[0].args["text"] == "post birthday card to Fiona in Canada"
    assert split_actions("The greeting should be Good morning. Then finalise it please") == [
        "The greeting should be Good morning.", "finalise it please"]
    assert split_actions("name = Jordan then greeting: Good morning", ["Your name", "Greeting"]) == [
        "name = Jordan", "greeting: Good morning"]


def test_one_new_thing_is_the_adding_verbs_whole_object():
    tools = TOOLS
    third = [ToolCall("todo_add", {"text": "third"})]
    assert whole_object_added(third, tools, "add call priya on the twenty third")[0].args == {
        "text": "call priya on the twenty third"}
    inside = [ToolCall("todo_add", {"text": "tom on friday"})]
    assert whole_object_added(inside, tools, "add dentist for tom on friday to my list")[0].args == {
        "text": "dentist for tom on friday"}, "up to where it goes"
    there = [ToolCall("todo_add", {"text": "there"})]
    assert whole_object_added(there, tools, "add vendor payment for ABC Printers there.")[0].args == {
        "text": "vendor payment for ABC Printers"}, "'there' copied: where it goes, not the thing"
    assert whole_object_added(there, tools, "put it there") == there
    permit = [ToolCall("todo_add", {"text": "permit"})]
    assert whole_object_added(permit, tools, "can u put renew food permit on the todo thing")[0].args == {
        "text": "renew food permit"}, "'the todo thing': the list in other words"
    ice = [ToolCall("todo_add", {"text": "buy ice 2"})]
    assert whole_object_added(ice, tools, "add todo buy ice 2 bag")[0].args == {"text": "buy ice 2 bag"}, \
        "the kind said before the thing is not the thing"
    milk = [ToolCall("todo_add", {"text": "milk"})]
    assert whole_object_added(milk, tools, "add milk and eggs") == milk, "a list is expand_lists' to read"
    assert whole_object_added(milk, tools, "add milk, we're out") == milk, "a reason after a comma"
    assert whole_object_added(milk, tools, "put it on the list") == milk
    candles = [ToolCall("todo_add", {"text": "buy birthday candles for Nora"})]
    assert whole_object_added(candles, tools, "jot down that i need to buy birthday candles for Nora") == candles
    dish = [ToolCall("todo_add", {"text": "return Morags dish"})]
    assert whole_object_added(dish, tools, "Put down return Morags dish please") == dish, "the verb's particle"
    quoted = [ToolCall("todo_add", {"text": "Prepare the letter"})]
    assert whole_object_added(quoted, tools, "then add 'Prepare the letter' there?") == quoted, "a quote is exact"
    agency = [ToolCall("profile_add", {"name": "Agency"})]
    assert whole_object_added(agency, tools, "add a profile for Agency") == agency, "the kind is not the name"
    assert whole_object_added(milk, tools, "add oat milk there")[0].args == {"text": "oat milk"}, "there: where it goes"


def test_a_day_after_a_preposition_is_the_new_things_own():
    shift = [ToolCall("todo_add", {"text": "swap shift"})]
    assert whole_new_thing(shift, TOOLS, "add swap shift with priya on the twenty third")[0].args == {
        "text": "swap shift with priya on the twenty third"}


def test_one_thing_on_the_list_is_what_it_points_at():
    assert resolve_references("Could you tick it off for me?", ["buy a get well card"]) == \
        'Could you tick "buy a get well card" off for me?'
    assert resolve_references("Could you tick it off for me?", ["a card", "stamps"]) == "Could you tick it off for me?"
    assert resolve_references("delete it", ["milk"]) == 'delete "milk"'


def test_a_thing_one_leading_a_sentence_needs_no_article():
    todos = ["order standing desk", "fix the boiler", "renew passport"]
    assert resolve_references("boiler one's sorted, tick it", todos) == '"fix the boiler" is sorted, tick it'
    assert resolve_references("which one is it", todos) == "which one is it"




def test_kindly_leads_into_an_action():
    assert split_actions("For the analysis compare price and delivery time, then kindly finalize the whole thing.",
                         ["Competitors", "Analysis"]) == ["For the analysis compare price and delivery time",
                                                          "kindly finalize the whole thing."]


def test_after_comparing_then_finalise_is_an_action():
    assert split_actions("compare them on price and opening hours then finalise it, im done with it",
                         ["Competitors", "Analysis"]) == ["compare them on price and opening hours",
                                                          "finalise it, im done with it"]
    assert split_actions("compare them on price and then opening hours", ["Competitors", "Analysis"]) == [
        "compare them on price and then opening hours"], "what is compared runs on"


def test_a_new_thing_copied_as_its_verb_alone_takes_what_follows():
    buy = [ToolCall("todo_add", {"text": "buy"})]
    assert deed_with_its_object(buy, "add buy kanelbullar and book laundry room") == [
        ToolCall("todo_add", {"text": "buy kanelbullar"})]
    assert deed_with_its_object(buy, "add buy") == buy, "nothing follows"
    tick = [ToolCall("todo_complete", {"item": "call mum"})]
    assert deed_with_its_object(tick, "call mum and buy milk") == tick, "only a new thing's text"
