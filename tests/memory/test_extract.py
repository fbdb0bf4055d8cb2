"""Facts taken from what the user says; nothing from questions or hedges."""

import pytest

from whittle.memory.extract import extract_facts


@pytest.mark.parametrize("text, expected", [
    ("I love green tea.", [("preference", "green tea")]),
    ("My client is Acme Corp and I work for Globex Ltd.", [("client", "Acme Corp"), ("employer", "Globex Ltd")]),
    ("We work with a client called Wayne Enterprises.", [("client", "Wayne Enterprises")]),
    ("my customers include Initech", [("client", "Initech")]),
    ("Every Monday I send the weekly report to Jane.", [("recurring", "every monday: send the weekly report to Jane")]),
    ("Please remember that the VPN code is 4411", [("note", "the VPN code is 4411")]),
    ("I don't like meetings before 10, but I enjoy coffee.", [("dislike", "meetings before 10"), ("preference", "coffee")]),
    ("My favourite colour is teal.", [("preference", "favourite colour is teal")]),
    ("Do I like tea?", []),
    ("I might like jazz.", []),
    ("What is 17 * 23?", []),
    ("i work at the bakery", []),  # no capitalised name: not sure it is an employer
])
def test_facts_in_messages(text, expected):
    assert [(f.kind, f.text) for f in extract_facts(text)] == expected


def test_the_same_fact_twice_has_one_key():
    (first,), (second,) = extract_facts("I love Green Tea."), extract_facts("i LOVE green tea!")
    assert first.key == second.key == "preference:green-tea"
