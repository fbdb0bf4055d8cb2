"""Junk checks added for issue 9: light stemming, answers about the app's state held to its events
(whittle/router/junk_state.py), the user's question handed back, word problems worked with numbers
from nowhere."""

from __future__ import annotations

import dataclasses

from whittle.core import BASE_SYSTEM_PROMPT
from whittle.router.junk import DEFAULT_THRESHOLDS, junk_reasons
from whittle.router.terms import stem as _stem

SYSTEM = {"role": "system", "content": BASE_SYSTEM_PROMPT}
LISTING = ("The todo list of the profile Default has 3 items: buy milk (not done), call the dentist (not done), "
           "water the plants (done).")


def ask(question: str, *events: str) -> list[dict]:
    return [SYSTEM, *({"role": "system", "content": f"[App event] {e}"} for e in events), {"role": "user", "content": question}]


def test_light_stemming_joins_plurals_tenses_and_spellings():
    assert _stem("competitors") == _stem("competitor")
    assert _stem("hashed") == _stem("hashing") == _stem("hash")
    assert _stem("deleted") == _stem("delete") == _stem("deleting")
    assert _stem("colour") == _stem("colors")
    assert _stem("summarise") == _stem("summarized")
    assert _stem("cities") == "city" and _stem("planned") == "plan" and _stem("process") == "process"


def test_stemming_lets_an_answer_match_the_request_in_another_form():
    # "planets" in the answer, "planet" in the question: not "mentions none of the key terms".
    assert junk_reasons(ask("Which planet is the largest?"), "Jupiter is the largest of the planets in our solar system.") == []


def test_what_did_i_just_do_with_the_wrong_action():
    messages = ask("What did I just do?", "The user opened the Todo list app.", LISTING,
                   "The user deleted 'water the plants' from the todo list.")
    found = junk_reasons(messages, 'You\'ve just added a new item to the todo list: "water the plants."')
    assert "contradicts the app: says the user did add, but the app says deleted" in found
    assert junk_reasons(messages, "You deleted 'water the plants' from your list.") == []
    assert junk_reasons(messages, "You removed a task.") == []  # vague, but the same action
    assert "contradicts the app: denies what the app says the user did (deleted)" in junk_reasons(
        messages, "You didn't delete anything; the list is as it was.")


def test_a_vague_but_right_action_passes():
    messages = ask("What did I just do?", LISTING, "The user marked 'buy milk' as done on the todo list.")
    assert junk_reasons(messages, "You just completed a task.") == []


def test_what_is_on_my_list_must_name_its_items():
    messages = ask("What is left on my list?", LISTING, "The user marked 'call the dentist' as done on the todo list.")
    assert "asked what is on the list, names 0 of its items" in junk_reasons(
        messages, "You can see the remaining items on your list, which is the list of completed tasks.")
    assert "asked what is on the list, names 1 of its items" in junk_reasons(messages, "Your list is set to buy milk.")
    assert junk_reasons(messages, "Still to do: buy milk. You have also finished call the dentist and water the plants.") == []


def test_the_user_in_the_third_person_anywhere_is_a_choice_of_the_thresholds():
    messages = ask("What happened to the job?", "The user cancelled the long job at 40%. 160 of 400 MB hashed in 5.0 s.")
    answer = "The long job was cancelled at 40%, and the user was asked to pay the bill."
    assert junk_reasons(messages, answer, dataclasses.replace(DEFAULT_THRESHOLDS, user_anywhere=False)) == []
    assert "speaks of 'the user' in the third person" in junk_reasons(
        messages, answer, dataclasses.replace(DEFAULT_THRESHOLDS, user_anywhere=True))


def test_opening_with_the_users_question():
    messages = ask("Is it done?", "Long job milestone: 100% done. 400 of 400 MB hashed in 12.1 s.")
    found = junk_reasons(messages, "Is it done?\n\nYou understand the answer.",
                         dataclasses.replace(DEFAULT_THRESHOLDS, opens_with_question=True))
    assert "opens by repeating the user's question" in found
    assert junk_reasons(messages, "It's done: 400 MB hashed in 12.1 s.") == []


def test_a_word_problem_worked_with_a_number_from_nowhere():
    messages = ask("I have 3 boxes of 12 eggs. How many eggs is that?")
    assert junk_reasons(messages, "12 eggs. That's 3 * 2 = 6 eggs.") == ["calculates with numbers nobody gave: 2"]
    assert junk_reasons(messages, "That's 3 x 12 = 36 eggs.") == []


def test_a_wrong_calculation_in_any_answer_not_only_reasoning():
    messages = ask("What is 10% of 450?")
    answer = "10% of 450 is 0.10 * 450 = 50. In terms of math, that's 0.10 * 450 = 45."
    assert junk_reasons(messages, answer) == ["writes 1 wrong calculation"]
    assert junk_reasons(ask("How long is a marathon in km?"), "A marathon is 26.2 miles: 26.2 * 1.609 = 42.2 km.") == []


def test_the_user_quoted_from_the_users_own_text_is_not_third_person():
    text = "The user reported that the export button does nothing on Firefox; a fix ships on Friday."
    messages = ask(f"Summarize this in one sentence:\n{text}")
    assert junk_reasons(messages, "The user's Firefox export bug gets a fix on Friday.") == []


def test_what_did_i_just_change_is_answered_by_the_event_not_the_word_change():
    messages = ask("What did I just change?", LISTING, "The user added 'book a haircut' to the todo list.")
    assert junk_reasons(messages, "You've just added a new item to the todo list: \"book a haircut.\"") == []
    assert "mentions none of the request's" in " ".join(junk_reasons(messages, "The weather is sunny and warm in Spain today."))
