"""An edit's new text said as the one part that changes (agent/edits.py)."""

from __future__ import annotations

import pytest

from whittle.agent.calls import ToolCall
from whittle.agent.edits import changed_to_said, shape_swapped, without_unchanged


def edit(item: str, text: str) -> list[ToolCall]:
    return [ToolCall("todo_edit", {"item": item, "text": text})]


@pytest.mark.parametrize(("item", "copied", "meant"), [
    ("maccas shift sat 11-4", "12-5 now", "maccas shift sat 12-5"),
    ("footy training thurs", "wed so change it", "footy training wed"),
    ("3 dozen sugar cookies for Brenda", "4 dozen shes adding more", "4 dozen sugar cookies for Brenda"),
    ("dentist 3pm", "4pm", "dentist 4pm"),
    ("plasterboard x20", "x30 lads need more", "plasterboard x30"),  # a count written "x20"
])
def test_a_new_number_time_or_weekday_replaces_the_todos_one(item, copied, meant):
    assert shape_swapped(edit(item, copied), []) == edit(item, meant)


@pytest.mark.parametrize(("item", "copied"), [
    ("call mum 5pm", "6pm call mum and dad"),  # says the todo's words: a new text of its own
    ("buy 2 milk", "2 dozen eggs"),  # the same number: nothing swapped
    ("pay rent", "5 pounds of flour"),  # the todo has no number
    ("gym 7am tue 6pm", "8am"),  # two times: which one is not said
])
def test_otherwise_the_new_text_stays(item, copied):
    assert shape_swapped(edit(item, copied), []) == edit(item, copied)


def test_a_quoted_new_text_is_the_whole_text():
    assert shape_swapped(edit("dentist 3pm", "4pm"), ["4pm"]) == edit("dentist 3pm", "4pm")


def test_an_edit_that_changes_nothing_is_no_call():
    same = edit("SEF appointment 14 march 9h30", "SEF appointment 14 March 9h30")
    assert without_unchanged(same) == []
    assert without_unchanged(edit("milk", "oat milk")) == edit("milk", "oat milk")
    there_and_back = edit("send list to hotal", "send list to hotel") + edit("send list to hotel", "send list to hotal")
    assert without_unchanged(there_and_back) == there_and_back[:1], "'fix it' after the change asks for it again"


def test_the_words_it_is_changed_to_are_the_new_text():
    said = "Dr. Feldman retired. Change it to call Dr. Patel, that's the new one, very nice young man"
    assert changed_to_said(edit("call Dr. Feldman", "very nice young man"), said) == edit("call Dr. Feldman", "call Dr. Patel")
    near = edit("call Dr. Feldman", "call Dr. Patel soon")
    assert changed_to_said(near, said) == near, "a text that shares words with them is the model's reading"
