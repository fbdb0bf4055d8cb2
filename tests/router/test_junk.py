"""Junk detection for free-text answers (whittle/router/junk.py): each check on the failures users
saw, the answers each check must leave alone, and the whole labelled set of real SmolLM2 outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whittle.core import BASE_SYSTEM_PROMPT
from whittle.router.junk import DEFAULT_THRESHOLDS, junk_reasons, measure, question_value, reasons

LABELLED = Path(__file__).resolve().parents[2] / "bench" / "junk" / "labelled.jsonl"
SYSTEM = {"role": "system", "content": BASE_SYSTEM_PROMPT}
TODO_DESCRIPTION = (
    "[App event] The Todo list app keeps a to-do list for the active profile. The user adds, edits, completes, "
    "deletes and drags items into a new order; each change reaches you as an [App event]. "
    "When asked, say what is on the list or what the user just changed."
)


def ask(question: str, *events: str) -> list[dict]:
    return [SYSTEM, *({"role": "system", "content": f"[App event] {e}"} for e in events), {"role": "user", "content": question}]


def analysis(name: str) -> list[dict]:
    return [
        {"role": "system", "content": "You are a business analyst. Answer with short lines, no introduction."},
        {"role": "user", "content": f"Competitor: {name}\nOur business: a boutique hotel in Lisbon\n"
         "Describe this competitor. Fill in these lines:\nAudience: ...\nPricing: ...\nStrengths: ...\nWeaknesses: ..."},
    ]


def draft(business: str) -> list[dict]:
    return [
        {"role": "system", "content": "You name companies. Reply with company names only, one per line."},
        {"role": "user", "content": f"Business: {business}\nName 5 competitors of this business, one per line."},
    ]


# -- each check on what users saw -------------------------------------------------------

def test_repetition_names_the_looping_phrase():
    answer = "This competitor is a luxury hotel. " * 5
    found = junk_reasons(analysis("Hilton Lisbon"), answer)
    assert any("repeats 'this competitor is a luxury hotel' 5 times" in r for r in found), found


def test_the_issues_arithmetic_example_is_caught_with_the_right_result():
    assert junk_reasons(ask("What is 17 * 23?"), "the answer is 23") == ["says 23, but 17 * 23 = 391"]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("What is 17 * 23?", "17 * 23 = 391."),
        ("How much is 6 times 7?", "The answer is 6 * 7 = 42."),
        ("What is 15% of 200?", "15% of 200 is 30."),
        ("What is 100 divided by 4?", "100 ÷ 4 = 25."),
        ("What is 3 + 4 * 2?", "3 + 4 * 2 = 3 + 8 = 11"),
    ],
)
def test_right_sums_pass(question, answer):
    assert junk_reasons(ask(question), answer) == []


def test_a_sum_answered_with_no_number_is_junk():
    assert junk_reasons(ask("What is 9 * 8?"), "That is a classic problem.") == ["gives no number, but 9 * 8 = 72"]


def test_question_value_reads_simple_sums_only():
    assert question_value("What is 250 - 75?") == ("250 - 75", 175)
    assert question_value("I have 3 boxes of 12 eggs.") is None  # no operator: not guessed


def test_format_only_list_from_the_draft():
    found = junk_reasons(draft("an online project-management tool"), "A: 1. 2. 3. 4. 5")
    assert "a list with no content (markers and labels only)" in found
    assert any(r.startswith("asked for a list of 3+, gives 0") for r in found), found


def test_a_real_list_of_names_passes():
    assert junk_reasons(draft("an online project-management tool"), "1. Asana\n2. Trello\n3. Jira\n4. Basecamp") == []


def test_restating_the_business_instead_of_naming_competitors():
    found = junk_reasons(draft("a vegan bakery in Leeds"), "Business: A Vegan Bakery in Leeds")
    assert any(r.startswith("asked for a list") for r in found), found


def test_off_persona_claim_from_the_issue():
    answer = "You've just done a great job of explaining the process of editing a text. I'm a creative writing assistant."
    found = junk_reasons(ask("What did I just do?", "The user marked 'buy milk' as done on the todo list."), answer)
    assert "claims to be 'creative writing assistant'" in found


def test_a_persona_the_system_prompt_gives_is_not_off_persona():
    answer = "Audience: travellers\nPricing: high\nStrengths: location\nWeaknesses: price. I'm a business analyst."
    assert junk_reasons(analysis("Hilton Lisbon"), answer) == []


def test_the_assistant_claiming_a_name():
    assert "claims to be 'Alex'" in junk_reasons(ask("Call me Joe."), "Hello, Joe! I'm Alex, the AI assistant.")


def test_parroting_the_app_description():
    parrot = ("The Todo list app keeps a to-do list for the active profile. The user adds, edits, completes, "
              "deletes and drags items into a new order.")
    messages = [SYSTEM, {"role": "system", "content": TODO_DESCRIPTION}, {"role": "user", "content": "What can you do?"}]
    assert any(r.startswith("copies") for r in junk_reasons(messages, parrot))


def test_restating_the_latest_event_is_not_parroting():
    messages = ask("What did I just change?", "The user changed the todo 'call the dentist' to 'call the dentist on Monday'.")
    assert junk_reasons(messages, "You changed the todo 'call the dentist' to 'call the dentist on Monday'.") == []


def test_an_answer_that_ignores_the_request():
    found = junk_reasons(ask("What is photosynthesis?"), "The job market is shifting towards agile companies in 2023.")
    assert found == ["mentions none of the request's 1 key terms"]


def test_small_talk_has_no_key_terms_to_miss():
    assert junk_reasons(ask("hi"), "Hello there! How can I help you today?") == []


def test_what_did_i_just_do_is_judged_against_the_app_events():
    messages = ask("What did I just do?", "The user added 'book train tickets' to the todo list.")
    assert junk_reasons(messages, "You added 'book train tickets' to your todo list.") == []
    assert junk_reasons(messages, "A recent update suggests that hiring is slowing down across the country.") != []


def test_template_lines_left_unfilled_or_all_the_same():
    echoed = analysis("Trello")[1]["content"]
    assert any(r.startswith("fills 0 of the 4") for r in junk_reasons(analysis("Trello"), echoed))
    same = "Audience: Halfords\nPricing: Halfords\nStrengths: Halfords\nWeaknesses: Halfords"
    assert "fills all 4 lines with the same text" in junk_reasons(analysis("Halfords"), same)


def test_narration_with_a_figure_the_job_never_reported():
    messages = ask("Any news on the job?", "Long job milestone: 50% done. 200 of 400 MB hashed in 6.1 s, about 6.1 s left.")
    assert junk_reasons(messages, "The job is 50% done, about 6.1 s left.") == []
    found = junk_reasons(messages, "The job is 50% done and about 20% left, so the job is now 30% done.")
    assert found == ["states figures the app never gave: 20%, 30%"]


def test_canned_non_answer_and_empty_answer():
    assert "a canned non-answer: 'sorry for your loss'" in junk_reasons(ask("What did I just do?"), "I'm sorry for your loss.")
    assert junk_reasons(ask("hi"), "  \n* ") == ["empty answer"]


def test_a_summary_of_several_sentences_when_one_was_asked():
    text = "The gym will open at 6am instead of 7am from next Monday. The pool stays closed for repairs until June."
    messages = ask(f"Summarize this in one sentence:\n{text}")
    assert "asked for 1 sentence, writes 2" in junk_reasons(messages, text)
    assert junk_reasons(messages, "The gym will open at 6am, and the pool stays closed until June.") == []


def test_reading_an_app_event_back_in_the_third_person():
    found = junk_reasons(ask("bye!", "The user opened the Long job app."), "The user opened the Long job app.")
    assert "speaks of 'the user' in the third person (an app event read back)" in found


def test_handing_the_users_message_back_but_not_a_greeting():
    assert "hands the user's message back" in junk_reasons(ask("thanks!"), "thanks!")
    assert junk_reasons(ask("good morning"), "Good morning.") == []


def test_a_one_word_loop():
    assert junk_reasons(ask("hi"), "hi! " + "hello! " * 30) == ["repeats 'hello' 30 times"]


def test_an_explanation_may_name_its_topic_three_times():
    answer = ("The CPU stands for Central Processing Unit. The CPU executes instructions. "
              "It is the brain of the computer, and the CPU is fast.")
    assert junk_reasons(ask("What does CPU stand for?"), answer) == []


def test_code_nobody_asked_for():
    answer = "You just made a mistake. Here's the code:\n```python\ndef delete(item):\n    pass\n```"
    found = junk_reasons(ask("What did I just do?", "The user deleted 'water the plants' from the todo list."), answer)
    assert "answers with code nobody asked for" in found
    assert "answers with code nobody asked for" not in junk_reasons(
        ask("Write a Python function that adds two numbers."), "```python\ndef add(a, b):\n    return a + b\n```"
    )


def test_a_count_that_is_not_a_whole_number():
    assert junk_reasons(ask("How many minutes are in an hour?"), "The answer is 1.1.") == ["counts 1.1: not a whole number"]
    assert junk_reasons(ask("How many minutes are in an hour?"), "An hour has 60 minutes.") == []


# -- the labelled set of real SmolLM2-135M outputs --------------------------------------

def test_labelled_set_precision_and_recall_floor():
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    assert len(rows) >= 300
    flagged = [bool(reasons(measure(r["messages"], r["answer"]), DEFAULT_THRESHOLDS)) for r in rows]
    junk = [r["label"] == "junk" for r in rows]
    tp = sum(f and j for f, j in zip(flagged, junk))
    precision = tp / max(1, sum(flagged))
    recall = tp / max(1, sum(junk))
    # A little under bench/junk_checks.py's full-set figures for DEFAULT_THRESHOLDS.
    assert precision >= PRECISION_FLOOR, precision
    assert recall >= RECALL_FLOOR, recall


PRECISION_FLOOR = 0.93  # measured 0.965 (bench/junk_checks.py, 307 answers, DEFAULT_THRESHOLDS)
RECALL_FLOOR = 0.77  # measured 0.808
