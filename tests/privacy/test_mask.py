"""mask / unmask / Unmasker: stable placeholders, round trips, echoes split across stream pieces."""

from __future__ import annotations

import random

import pytest

from whittle.privacy import Unmasker, mask, unmask

CONVERSATION = [
    "Hi, I'm Priya Raghunathan. Mail priya.r@example.com or call +44 20 7946 0958.",
    "Sorry, the address again: PRIYA.R@example.com. Priya will pay with 4111 1111 1111 1111.",
    "Same card as 4111-1111-1111-1111, right?",
]
SECRETS = ["Priya Raghunathan", "priya.r@example.com", "PRIYA.R@example.com", "+44 20 7946 0958", "4111 1111 1111 1111"]


def test_masks_every_value_with_stable_placeholders():
    result = mask(CONVERSATION)
    joined = "\n".join(result.texts)
    assert not [secret for secret in SECRETS if secret in joined]
    assert "Priya" not in joined  # the first name alone, found once the full name was
    # One placeholder per value, across messages, whatever the case or separators.
    assert result.texts[0].count("<EMAIL_1>") == 1 and result.texts[1].count("<EMAIL_1>") == 1
    assert "<CARD_1>" in result.texts[1] and "<CARD_1>" in result.texts[2]
    assert result.mapping["<EMAIL_1>"] == "priya.r@example.com"
    assert result.kinds == ["CARD", "EMAIL", "PERSON", "PHONE"]


def test_round_trip():
    result = mask(CONVERSATION)
    assert [unmask(text, result.mapping) for text in result.texts][0] == CONVERSATION[0]


def test_known_mapping_keeps_placeholders_across_turns():
    first = mask(CONVERSATION[:1])
    second = mask(["Reply to priya.r@example.com and bob@example.org"], known=first.mapping)
    assert second.texts == [f"Reply to {_ph(first, 'priya.r@example.com')} and <EMAIL_2>"]
    assert second.mapping["<EMAIL_2>"] == "bob@example.org"
    assert first.mapping.items() <= second.mapping.items()


def test_known_values_are_masked_even_where_scan_would_not_flag_them():
    first = mask(["password: Tr0ub4dor&3"])
    second = mask(["did you try Tr0ub4dor&3 again?"], known=first.mapping)
    assert "Tr0ub4dor&3" not in second.texts[0]


def test_a_typed_placeholder_is_not_reused():
    result = mask(["I typed <EMAIL_1> literally; mine is jo@example.com"])
    assert result.texts == ["I typed <EMAIL_1> literally; mine is <EMAIL_2>"]
    assert unmask("<EMAIL_1> / <EMAIL_2>", result.mapping) == "<EMAIL_1> / jo@example.com"


def test_nothing_sensitive_is_unchanged():
    result = mask(["Release 2.4.1 ships on 2024-03-15."])
    assert result.texts == ["Release 2.4.1 ships on 2024-03-15."] and result.mapping == {} and result.kinds == []


def test_bad_mapping_says_what_to_pass():
    with pytest.raises(ValueError, match="placeholder like <EMAIL_1>"):
        mask(["hi"], known={"EMAIL": "x@example.com"})


MAPPING = {"<EMAIL_1>": "priya.r@example.com", "<PERSON_1>": "Priya Raghunathan", "<US_SSN_1>": "536-22-1234"}


@pytest.mark.parametrize(
    ("echo", "expected"),
    [
        ("Write to <EMAIL_1>.", "Write to priya.r@example.com."),
        ("Write to < EMAIL_1 >.", "Write to priya.r@example.com."),
        ("Write to <email_1>.", "Write to priya.r@example.com."),
        ("Write to [EMAIL_1] or {EMAIL_1}.", "Write to priya.r@example.com or priya.r@example.com."),
        ("&lt;PERSON_1&gt; said", "Priya Raghunathan said"),
        ("PERSON_1 said", "Priya Raghunathan said"),
        ("SSN <US_SSN_1>", "SSN 536-22-1234"),
        ("<EMAIL_2> and EMAIL_12 and <WIDGET_1>", "<EMAIL_2> and EMAIL_12 and <WIDGET_1>"),  # not ours
        ("MY_EMAIL_1 and EMAIL_1x", "MY_EMAIL_1 and EMAIL_1x"),  # bare only as a whole word
    ],
)
def test_unmask_accepts_loose_echoes(echo, expected):
    assert unmask(echo, MAPPING) == expected


ANSWER = "Dear <PERSON_1>, I wrote to [EMAIL_1] about &lt;US_SSN_1&gt; and PERSON_1. <b>Done</b> EMAIL_1"


def test_streaming_split_at_every_point():
    expected = unmask(ANSWER, MAPPING)
    for cut in range(len(ANSWER) + 1):
        unmasker = Unmasker(MAPPING)
        shown = unmasker.feed(ANSWER[:cut]) + unmasker.feed(ANSWER[cut:]) + unmasker.flush()
        assert shown == expected, cut


def test_streaming_in_token_sized_pieces():
    expected = unmask(ANSWER, MAPPING)
    rng = random.Random(7)
    for _ in range(200):
        unmasker, shown, position = Unmasker(MAPPING), "", 0
        while position < len(ANSWER):
            size = rng.randint(1, 6)
            shown += unmasker.feed(ANSWER[position : position + size])
            position += size
        assert shown + unmasker.flush() == expected


def test_streaming_holds_back_only_a_possible_placeholder():
    unmasker = Unmasker(MAPPING)
    assert unmasker.feed("Hello there <EM") == "Hello there "
    assert unmasker.feed("AIL_1> bye") == "priya.r@example.com bye"
    assert unmasker.feed(" 3 < 4 ok") == " 3 < 4 ok"
    assert unmasker.flush() == ""


def test_unmasker_without_mapping_passes_through():
    assert Unmasker({}).feed("<EMA") == "<EMA"


def _ph(result, value: str) -> str:
    return next(ph for ph, v in result.mapping.items() if v == value)
