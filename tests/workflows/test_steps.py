"""A list field reads items the way people type them."""

from __future__ import annotations

import pytest

from whittle.workflows.steps import Field, FieldError


@pytest.mark.parametrize(("typed", "items"), [
    ("Canva\nFigma\nAdobe Express", ["Canva", "Figma", "Adobe Express"]),
    ("Canva, Figma and Adobe Express", ["Canva", "Figma", "Adobe Express"]),  # an English list
    ("Trello, Asana, and Monday.com", ["Trello", "Asana", "Monday.com"]),
    ("Notion; Coda & Obsidian", ["Notion", "Coda", "Obsidian"]),
    ("Marks and Spencer", ["Marks and Spencer"]),  # no comma: one name
    ("Marks and Spencer\nTesco", ["Marks and Spencer", "Tesco"]),  # lines: each line is one item
    ("Sweet Crumbs and Cookie Co and Nothing Bundt Cakes", ["Sweet Crumbs", "Cookie Co", "Nothing Bundt Cakes"]),
    ("price and custom designs and delivery", ["price", "custom designs", "delivery"]),  # two "and"s: three items
    ("Canva, canva, , Figma", ["Canva", "Figma"]),  # repeats and blanks dropped
    ("Waterstones, Blackwell's, Topping & Company", ["Waterstones", "Blackwell's", "Topping & Company"]),  # a firm's "&"
    ("Key Food, Trader Joe's, Stop & Shop", ["Key Food", "Trader Joe's", "Stop & Shop"]),  # the comma joins, not "&"
    ("Key Food, Trader Joe's and Stop & Shop", ["Key Food", "Trader Joe's", "Stop & Shop"]),
])
def test_a_list_field_splits_lines_commas_and_a_last_and(typed, items):
    assert Field("competitors", "Competitors", kind="list").clean(typed) == items


def test_too_many_items_say_how_many_are_allowed():
    with pytest.raises(FieldError, match="keep it to 2 or fewer"):
        Field("tags", "Tags", kind="list", max_items=2).clean("a, b and c")


def test_a_choice_typed_in_another_case_is_that_choice():
    field = Field("greeting", "Greeting", kind="select", choices=("Hello", "Good morning"))
    assert field.clean("good morning") == "Good morning"
    with pytest.raises(FieldError):
        field.clean("Good evening")
