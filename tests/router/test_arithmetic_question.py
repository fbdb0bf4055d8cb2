"""The arithmetic re-check held to the question's own sum (whittle/router/arithmetic.py, router/checks.py).

The issue: "What is 17 * 23?" -> "the answer is 23" was accepted as `reasoning` although arithmetic
is re-checked: the answer writes no calculation, so there was nothing to re-check. Now the final
number is compared with the sum the question asks."""

from __future__ import annotations

import pytest

from whittle.config import RouterConfig
from whittle.router.arithmetic import check_arithmetic, foreign_operands, wrong_result
from whittle.router.checks import check_answer

QUESTION = "What is 17 * 23?"


def asked(question: str) -> list[dict]:
    return [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": question}]


def test_the_issues_answer_is_caught_by_the_arithmetic_re_check_itself():
    check = check_arithmetic("the answer is 23", QUESTION)
    assert check.checked == 0  # no calculation written: the old re-check had nothing to find
    assert check.not_the_result == "says 23, but 17 * 23 = 391"
    assert check_arithmetic("17 * 23 = 391.", QUESTION).not_the_result == ""


def test_check_answer_rejects_it_as_reasoning_and_accepts_the_right_result():
    config = RouterConfig()
    verdict = check_answer("the answer is 23", [-0.1] * 4, None, config, "reasoning", messages=asked(QUESTION))
    assert not verdict.ok
    assert verdict.reason == "arithmetic: says 23, but 17 * 23 = 391"
    assert check_answer("17 * 23 = 391.", [-0.1] * 6, None, config, "reasoning", messages=asked(QUESTION)).ok


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [
        ("How much is 6 times 7?", "The answer is 6 * 7 = 42.", ""),
        ("What is 100 divided by 4?", "100 ÷ 4 = 25.", ""),
        ("What is 1,000 - 1?", "It is 999.", ""),
        ("What is 9 * 8?", "That is a classic problem.", "gives no number, but 9 * 8 = 72"),
        ("What is 15% of 200?", "15% of 200 is 0.15 * 200 = 25.", "says 25, but 15% * 200 = 30"),
        ("Who wrote Romeo and Juliet?", "Shakespeare.", ""),  # no sum asked: nothing to hold it to
    ],
)
def test_wrong_result(question, answer, expected):
    assert wrong_result(question, answer) == expected


def test_a_word_problem_worked_with_a_number_from_nowhere():
    question = "I have 3 boxes of 12 eggs. How many eggs is that?"
    assert foreign_operands(question, "12 eggs. That's 3 * 2 = 6 eggs.") == ["2"]
    assert foreign_operands(question, "That's 3 x 12 = 36 eggs.") == []
    # Results may be used again, and a percentage may be written as a fraction.
    assert foreign_operands("A pen costs 3 pounds and a pad 2. What do 4 pens and a pad cost?",
                            "4 * 3 = 12, and 12 + 2 = 14.") == []
    assert foreign_operands("What is 15% of 200 plus 5?", "0.15 * 200 = 30, 30 + 5 = 35") == []
    # One number given: the answer must bring its own (8 legs a spider), so nothing is held against it.
    assert foreign_operands("How many legs do 7 spiders have?", "7 * 8 = 56") == []
