"""References by position count in the open app's list, as the user sees it, however they are said."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.planner import CallPlanner
from whittle.agent.positions import (
    moved_not_added,
    not_added_where_moved,
    one_move_per_thing,
    place_at_end,
    place_said_of_it,
    resolve_positions,
)
from whittle.agent.runner import state_values_of, values_of_apps

LISTED = ["milk", "eggs", "call mum", "walk the dog"]


@pytest.mark.parametrize(("said", "meant"), [
    ("tick off my second todo", 'tick off "eggs"'),
    ("the 3rd one is done", '"call mum" is done'),
    ("delete #2", 'delete "eggs"'),
    ("delete item two", 'delete "eggs"'),
    ("number 4 is done", '"walk the dog" is done'),
    ("the second to last one can go", '"call mum" can go'),
    ("move the bottom item to the top", 'move "walk the dog" to the top'),
    ("the top one is done", '"milk" is done'),
    ("the second is done", '"eggs" is done'),
    ("the first and the last one are done", '"milk" and "walk the dog" are done'),
    ("first one on the list, change it to oat milk", '"milk" on the list, change it to oat milk'),
    ("ok. last one is done", 'ok. "walk the dog" is done'),
    ("move 2nd item to bottom", 'move "eggs" to bottom'),  # after a verb, the article left out
    ("the one before call mum, tick it", '"eggs", tick it'),  # next to a thing named
    ("tick the one below eggs", 'tick "call mum"'),
    ("the one afore mum tick it", '"eggs" tick it'),  # the words that name one thing
    ("the middle one can go", 'the middle one can go'),  # four things: no middle one
    ("second from the bottom is done now", '"call mum" is done now'),  # counted from the end
    ("tick the 3rd one from the end of the list", 'tick "eggs"'),
    ("fifth from the bottom is done", "fifth from the bottom is done"),  # four things: no fifth
    ("the one down the bottom's done, mark it", '"walk the dog"\'s done, mark it'),  # the thing at that end
    ("move the one at the top to the bottom", 'move "milk" to the bottom'),
    ("the one at the bottom of the drawer", "the one at the bottom of the drawer"),  # a place, not the list's end
    ("top one on the list get rid of it", '"milk" on the list get rid of it'),  # leading, without its article
    ("move walk the dog to the top one", "move walk the dog to the top one"),
])
def test_a_position_is_the_value_at_that_place(said, meant):
    assert resolve_positions(said, LISTED) == meant


@pytest.mark.parametrize("said", [
    "move call mum to number 3",  # where it goes
    "put call mum as number 2 on the list",
    "move milk to the second place",
    "move eggs to the top",
    "pack the first aid kit",  # the ordinal qualifies another word
    "the last minute shopping",
    "remove the fifth item",  # no fifth
    "put it first one day",  # an ordinal leading nothing: no article, not a sentence start
    "the one before milk",  # nothing before the first
    "the one after bread",  # no such thing
])
def test_a_place_to_go_or_past_the_end_stays_as_said(said):
    assert resolve_positions("cancel the gym before the 1st. add it", LISTED) == "cancel the gym before the 1st. add it", \
        "a day of the month"
    assert resolve_positions(said, LISTED) == said


async def test_positions_count_in_the_open_apps_list_not_the_other_apps_values(whittle):
    """Profiles' names are given to the planner too ("switch to Work"); "the first one" is still the first todo."""
    whittle.profiles.create("Work")
    todo = whittle.apps["todo"]
    for text in ("milk", "eggs"):
        todo.todos.add(todo.profile.id, text)
    planner = CallPlanner(whittle.router, whittle.tools, values_of=values_of_apps(whittle))
    plan = await planner.plan("switch to Work and tick off the second one", app_name="todo",
                              state_values=state_values_of(whittle, todo))
    assert ("todo_complete", {"item": "eggs"}) in [(c.tool, c.args) for c in plan.calls]
    assert all(c.args.get("item") != "Work" for c in plan.calls)


@pytest.mark.parametrize(("said", "position"), [
    ("move milk to the very bottom", 4),
    ("put milk at the end of the list", 4),
    ("milk should go last", 4),
    ("put milk down the bottom", 4),
    ("milk can go in the last place, is only day 30", 4),  # a number in another clause is no place
    ("move milk from the top to the bottom", 4),
    ("move milk to number 3", 2),  # a number the request names is the place
    ("move milk down a bit", 2),  # no end named: the call stays as planned
])
def test_the_far_end_as_a_place_is_the_lists_length(whittle, said, position):
    tools = {tool.name: tool for tool in whittle.tools}
    planned = [ToolCall("todo_reorder", {"item": "milk", "position": 2}), ToolCall("todo_complete", {"item": "eggs"})]
    settled = place_at_end(planned, tools, said, lambda app: LISTED if app == "todo" else [])
    assert settled == [ToolCall("todo_reorder", {"item": "milk", "position": position}), planned[1]]


def test_a_number_in_the_thing_moved_is_no_place(whittle):
    tools = {tool.name: tool for tool in whittle.tools}
    listed = ["haul 40 bales from Dickersons", "replace the float", "new tires", "church potluck"]
    planned = [ToolCall("todo_reorder", {"item": listed[0], "position": 40})]
    said = "put haul 40 bales from Dickersons down at the bottom..  that can wait till next week"
    assert place_at_end(planned, tools, said, lambda app: listed)[0].args["position"] == 4



def test_a_place_said_only_inside_a_thing_is_the_place_said_of_it(whittle):
    tools = {tool.name: tool for tool in whittle.tools}
    listed = ["VAT return", "payroll for the 25th", "braai for Saturday"]
    planned = [ToolCall("todo_reorder", {"item": listed[1], "position": 25})]
    said = '"payroll for the 25th", put it first. payroll is more urgent than the VAT this week'
    assert place_said_of_it(planned, tools, said, lambda app: listed)[0].args["position"] == 1
    numbered = [ToolCall("todo_reorder", {"item": listed[1], "position": 3})]
    assert place_said_of_it(numbered, tools, "move it to number 3, put it first", lambda app: listed) == numbered
    rent = ["pay the rent", "buy flour"]
    dated = [ToolCall("todo_reorder", {"item": "pay the rent", "position": 10})]
    assert place_said_of_it(dated, tools, "add pay the rent and put it first, it's the 10th already",
                            lambda app: rent)[0].args["position"] == 1, "a day of the month is no place"
    landing = [ToolCall("todo_reorder", {"item": "pay the rent", "position": 6})]
    assert place_said_of_it(landing, tools, "add pay the rent and put it first on the list, they land at 6 am",
                            lambda app: rent)[0].args["position"] == 1, "a clock time is no place"
    sixth = [ToolCall("todo_reorder", {"item": "pay the rent", "position": 6})]
    assert place_said_of_it(sixth, tools, "move pay the rent to number 6, it's due at 6 pm", lambda app: rent) == sixth
    banjo = ["call mom", "restring the banjo"]
    session = [ToolCall("todo_reorder", {"item": "restring the banjo", "position": 2})]
    assert place_said_of_it(session, tools, "bump restring the banjo up to number one i got a session with it at 2",
                            lambda app: banjo)[0].args["position"] == 1, "the hour of a session is no place"

@pytest.mark.parametrize(("said", "position"), [
    ("bump it to the top, I still owe two of them", 1),  # a count is no place
    ("move milk right up to the top of the list", 1),
    ("move milk from the top to number 3", 2),  # a numbered place: as planned
])
def test_the_top_as_a_place_is_one(whittle, said, position):
    tools = {tool.name: tool for tool in whittle.tools}
    planned = [ToolCall("todo_reorder", {"item": "milk", "position": 2})]
    assert place_at_end(planned, tools, said, lambda app: LISTED if app == "todo" else [])[0].args["position"] == position


def test_a_thing_in_general_is_no_place_in_the_list():
    said = "move pay rent to the top so it's the first thing I see"
    assert resolve_positions(said, LISTED) == said


@pytest.mark.parametrize("said", [
    "last thing i added -> top pls", "Could you take the last thing I added off again please?",
    "the most recent entry is already in hand", "delete what I just added",
])
def test_the_newest_thing_is_the_last_value(said):
    assert f'"{LISTED[-1]}"' in resolve_positions(said, LISTED)


def test_a_newest_thing_in_general_is_no_value():
    said = "the last thing we need is rain"
    assert resolve_positions(said, LISTED) == said


def test_putting_a_thing_already_listed_somewhere_moves_it(whittle):
    listed = ["ring grandma", "fix the fence", "renew car insurance"]

    def things(app: str) -> list[str]:
        return listed if app == "todo" else []

    planned = [ToolCall("todo_add", {"text": "ring grandma at number 3"})]
    assert moved_not_added(planned, whittle.tools, "put ring grandma at number 3 on the list", things) == [
        ToolCall("todo_reorder", {"item": "ring grandma", "position": 3})]
    top = [ToolCall("todo_add", {"text": "renew car insurance"})]
    assert moved_not_added(top, whittle.tools, "put renew car insurance at the top", things) == [
        ToolCall("todo_reorder", {"item": "renew car insurance", "position": 1})]
    new = [ToolCall("todo_add", {"text": "ring grandpa"})]
    assert moved_not_added(new, whittle.tools, "put ring grandpa at the top", things) == new, "a new thing is added"
    quoted = [ToolCall("todo_add", {"text": "fix the fence"})]
    assert moved_not_added(quoted, whittle.tools, "Put 'fix the fence' in second place", things) == [
        ToolCall("todo_reorder", {"item": "fix the fence", "position": 2})], "a quoted thing, a place with 'place'"
    assert moved_not_added(quoted, whittle.tools, "put fix the fence second on the list", things) == [
        ToolCall("todo_reorder", {"item": "fix the fence", "position": 2})], "the ordinal alone"
    assert moved_not_added(quoted, whittle.tools, "put fix the fence as number 2 on the list please", things) == [
        ToolCall("todo_reorder", {"item": "fix the fence", "position": 2})], "a place said 'as number 2'"
    assert moved_not_added(quoted, whittle.tools, "put fix the fence last", things) == [
        ToolCall("todo_reorder", {"item": "fix the fence", "position": 3})]
    assert moved_not_added(quoted, whittle.tools, "put fix the fence second hand tools", things) == quoted, \
        "an ordinal that qualifies what follows is no place"
    unplaced = [ToolCall("todo_add", {"text": "ring grandma"})]
    assert moved_not_added(unplaced, whittle.tools, "add ring grandma again", things) == unplaced


@pytest.mark.parametrize(("said", "meant"), [
    ("mark the first two as done", 'mark "milk" and "eggs" as done'),
    ("delete the last 3 items", 'delete "eggs", "call mum" and "walk the dog"'),
    ("whatever's third on there, i've done it", '"call mum" on there, i\'ve done it'),
    ("I'm busy for the first two weeks", "I'm busy for the first two weeks"),  # not the list's places
])
def test_several_places_or_a_bare_ordinal_are_the_values_there(said, meant):
    assert resolve_positions(said, LISTED) == meant


def test_the_middle_one_of_an_odd_number_of_things():
    assert resolve_positions("the middle one move it to the top", ["milk", "eggs", "call mum"]) == \
        '"eggs" move it to the top'
    assert resolve_positions("middle one, park it at the bottom", ["milk", "eggs", "call mum"]) == \
        '"eggs", park it at the bottom', "said without 'the' at the start"


def test_two_moves_of_one_thing_end_where_the_last_puts_it():
    up_one = ToolCall("todo_reorder", {"item": "sort the playlist", "position": 2})
    to_top = ToolCall("todo_reorder", {"item": "sort the playlist", "position": 1})
    other = ToolCall("todo_reorder", {"item": "milk", "position": 3})
    assert one_move_per_thing([up_one, other, to_top]) == [other, to_top]
    assert one_move_per_thing([up_one, other]) == [up_one, other], "two things moved: two moves"


def test_a_thing_the_plan_moves_is_not_also_added(whittle):
    moved = ToolCall("todo_reorder", {"item": "text the girls the rota", "position": 2})
    for echo in ("text the girls the rota second", "Text the girls the rota", "text the girls the rota at the top"):
        assert not_added_where_moved([moved, ToolCall("todo_add", {"text": echo})], whittle.tools) == [moved], echo
    other = ToolCall("todo_add", {"text": "text the girls the rota second time"})
    assert not_added_where_moved([moved, other], whittle.tools) == [moved, other], "another thing"
    added_first = [ToolCall("todo_add", {"text": "pay council tax"}),
                   ToolCall("todo_reorder", {"item": "pay council tax", "position": 1})]
    assert not_added_where_moved(added_first, whittle.tools) == added_first, "added, then moved"
