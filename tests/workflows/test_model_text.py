"""Reading a small model's lists and labelled lines."""

import pytest

from whittle.workflows.model_text import parse_labelled, parse_names


@pytest.mark.parametrize(
    ("answer", "names"),
    [
        ("1. Asana\n2. **Trello**\n3) Monday.com - work OS\n- Asana\n", ["Asana", "Trello", "Monday.com"]),
        ("Here are some competitors:\n* Basecamp.\n* ClickUp (popular)", ["Basecamp", "ClickUp"]),
        ("Jira, Linear, Height", ["Jira", "Linear", "Height"]),
        ("1. 1. \nA company that sells project management software to many small teams.", []),
        ("", []),
    ],
)
def test_names_are_kept_and_chatter_dropped(answer, names):
    assert parse_names(answer) == names


def test_names_exclude_what_is_already_listed_and_respect_the_limit():
    assert parse_names("Asana\nTrello\nJira\nLinear", limit=2, exclude=["asana"]) == ["Trello", "Jira"]


def test_labelled_lines_tolerate_bullets_bold_and_case_and_miss_nothing_silently():
    answer = "Competitor: Notion.\n- **Pricing**: free tier\nstrengths - wiki and docs\nPricing: repeated\nrandom text"
    assert parse_labelled(answer, ["Pricing", "Strengths", "Audience"]) == {
        "Pricing": "free tier",
        "Strengths": "wiki and docs",
        "Audience": "",
    }
