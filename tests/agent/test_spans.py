"""Where the request says things (agent/spans.py)."""

from __future__ import annotations

import pytest

from whittle.agent.spans import said_together, spans_of, without_trailing_edge_words, without_trailing_symbols


@pytest.mark.parametrize(("value", "kept"), [
    ("reply to Dr. Alvarez about the subaward budget 🙂", "reply to Dr. Alvarez about the subaward budget"),
    ("renew domain name before it expires!!", "renew domain name before it expires"),
    ("thumbs up 👍🏽", "thumbs up"),
    ("budget (draft)", "budget (draft)"),
    ("pay £12", "pay £12"),
    ("👍", ""),
])
def test_a_value_loses_the_symbols_it_ends_with(value, kept):
    assert without_trailing_symbols(value) == kept


def test_spans_and_things_said_together():
    assert spans_of("milk", "add milk and oat milk") == [(4, 8), (17, 21)]
    assert said_together("book the car", "MOT", "add book the car in for its MOT please", None) == \
        "book the car in for its MOT"
    assert said_together("milk", "eggs", "milk, and eggs", None) is None, "a list joiner is not a small word"
    assert without_trailing_edge_words("Freelance please") == "Freelance"
    assert without_trailing_edge_words("Youth Ministry pls") == "Youth Ministry", "pls and plz are please"
