import pytest

from whittle.apps.introduction_parse import parse_colour, parse_name


@pytest.mark.parametrize(
    "text, name, colour",
    [
        ("My name is Ada Lovelace and my favourite colour is teal.", "Ada Lovelace", "teal"),
        ("I'm Bob, I like dark green", "Bob", "dark green"),
        ("call me Zoë. Favorite color: red", "Zoë", "red"),
        ("ada, blue", "ada", "blue"),
        ("Hi, Grace here. colour is Sky Blue", "Grace", "Sky Blue"),
        ("I am Jean-Luc and purple", "Jean-Luc", "purple"),
        ("Priya here! I'd say turquoise is my favourite colour.", "Priya", "turquoise"),
        ("It's Chiara. I really like the colour pink.", "Chiara", "pink"),
        ("It’s Mei Lin, and navy", "Mei Lin", "navy"),
        # A capitalised name ends at a lowercase word; the word after "colour" must be a colour.
        ("Hello! Tomasz speaking, and amber is the colour I like best.", "Tomasz", "amber"),
        ("name: Kwame, favourite colour: sky blue", "Kwame", "sky blue"),
        ("I go by Oluwaseun; navy blue is my colour.", "Oluwaseun", "navy blue"),
        ("Good morning, Margot here, big fan of silver.", "Margot", "silver"),
        ("favourite colour: mint green. I'm Cosima", "Cosima", "mint green"),
        ("It's raining here", None, None),
        ("It's Monday.", None, None),
        ("Nobody here!", None, None),
        ("I'm fine thanks", None, None),
        ("what's up", None, None),
        ("Tell me a joke", None, None),
        ("What is the weather like today?", None, None),
    ],
)
def test_parses_name_and_colour_exactly_as_typed(text, name, colour):
    assert parse_name(text) == name
    assert parse_colour(text) == colour


def test_bare_reply_is_only_a_name_when_allowed():
    assert parse_name("Ada") == "Ada"
    assert parse_name("Ada", bare_reply_allowed=False) is None
