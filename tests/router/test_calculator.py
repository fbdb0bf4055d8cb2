"""Program-aided arithmetic: the question read as a word problem, the expression grammar, the sense
checks, and the cascade answering by calculation with the real embedded model."""

import re

import pytest

from whittle.llm.base import OutputConstraint
from whittle.router.arithmetic import evaluate
from whittle.router.calculator import CALCULATOR, expression_grammar, prompt, shown_answer
from whittle.router.word_problem import asking_sentence, literal_sum, not_sensible, word_problem

# -- the question ---------------------------------------------------------------------------------------


def test_a_word_problem_gives_its_numbers_as_plain_digits_with_their_units():
    problem = word_problem("A plane flies 2,400 km in four hours. What is its average speed in km per hour?")
    assert problem.numbers == ("2400", "4")
    assert problem.units == ("km", "hour")
    assert "2400 km in 4 hours" in problem.text, "the model sees the digits its grammar allows"
    assert problem.constants == ()


def test_a_year_is_set_aside_not_a_quantity():
    problem = word_problem("A library had 1,200 books in 2021. It bought 350 more. How many books does it have now?")
    assert problem.numbers == ("1200", "350") and problem.set_aside == ("2021",)
    assert "in 2021" in problem.text


@pytest.mark.parametrize(
    "question, constants",
    [
        ("How many minutes are there in 4 hours?", ("60",)),
        ("A coat costs $90 and is 30% off. What does it cost now?", ("100",)),
        ("A rope is 12 m long. How long is half of it?", ("2",)),
        ("How many eggs are in 5 dozen?", ("12",)),
        ("Pens cost $3 each. How much do 5 pens cost?", ()),  # no word calls for a constant
    ],
)
def test_constants_come_only_from_the_questions_words(question, constants):
    assert word_problem(question).constants == constants


@pytest.mark.parametrize(
    "question",
    [
        "Prove that the sum of 2 odd numbers is even.",
        "What is the probability of 2 heads in 3 coin flips?",
        "Solve for x: 3x + 4 = 19.",
        "Tell me about the 3 musketeers.",  # asks for no quantity
        "Anna has 12 marbles. Ben has 5 more marbles than Anna. How many marbles do they have together?",
        "I bought 3, 4, 5, 6, 7 and 8 apples on six days. How many apples in total?",  # more than 5 numbers
    ],
)
def test_what_one_expression_cannot_answer_is_not_a_word_problem(question):
    assert word_problem(question) is None


def test_the_model_is_trusted_with_fewer_numbers_than_the_grammar_allows():
    question = "A shop had 200 apples and sold 64 in the morning and 78 later. How many apples are left?"
    assert word_problem(question).numbers == ("200", "64", "78")
    assert word_problem(question, max_numbers=2) is None


@pytest.mark.parametrize(
    "question, expression, value",
    [
        ("What is 42 * 11?", "42 * 11", 462),
        ("Calculate 37 + 58 + 19.", "37 + 58 + 19", 114),
        ("what's 144 divided by 12", "144 / 12", 12),
        ("What is 1,250 x 4?", "1,250 * 4", 5000),
    ],
)
def test_a_literal_sum_is_worked_out_without_a_model(question, expression, value):
    assert literal_sum(question) == (expression, value)


@pytest.mark.parametrize("question", ["What is 2024?", "What is 3 + the number of planets?",
                                      "Sara had 150 stickers and gave away 47. How many are left?"])
def test_anything_else_is_not_a_literal_sum(question):
    assert literal_sum(question) is None


def test_the_asking_sentence_is_the_last_question():
    assert asking_sentence("Tom has 5. How many now? Thanks.") == "How many now?"
    assert asking_sentence("Work out the total of 5 and 7.") == "Work out the total of 5 and 7."


# -- the grammar, followed by the real model ----------------------------------------------------------------


def test_the_grammar_lets_the_model_write_each_number_once_and_only_the_implied_constants(model):
    problem = word_problem("A coat costs $80 and is 25% off. Tom also buys a $15 hat. What does he pay altogether?")
    constraint = OutputConstraint(gbnf=expression_grammar(problem))
    model.grammar(constraint)  # llama.cpp parses it on this model's vocabulary, or ModelError
    for temperature in (0.0, 1.5, 1.5, 1.5):  # hot samples wander through the grammar's corners
        expression = model.complete(prompt(problem, 0), max_tokens=48, temperature=temperature, constraint=constraint)
        numbers = re.findall(r"\d+(?:\.\d+)?", expression)
        question_numbers = [n for n in numbers if n in problem.numbers]
        assert sorted(question_numbers) == sorted(problem.numbers), expression
        assert set(numbers) - set(problem.numbers) <= {"100"}, expression
        assert numbers.count("100") <= 2, expression
        assert expression.count("(") == expression.count(")") and "((" not in expression, expression
        evaluate(expression)  # a finished expression always parses


# -- is the result sensible? ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, expression, value, why",
    [
        ("Tom is 14 and his father is 41. How many years older is his father?", "14 - 41", -27, "is negative"),
        ("45 students go on a trip and each bus holds 15 students. How many buses are needed?", "45 * 15", 675,
         "multiplies 45 student by 15 student"),
        ("96 cookies are shared among 8 children. How many cookies does each child get?", "8 * 96", 768,
         "more than the largest number given"),
        ("There are 30 students and 40% are girls. How many girls are there?", "40 / 30", 40 / 30,
         "not a whole number"),
        ("A pack of 7 pens costs $10. What does one pen cost?", "10 / 7", 10 / 7, "not in cents"),
        ("How many minutes are there in 4 hours?", "4 * 60 / 60", 4, "the constant 60 cancels out"),
        ("A box has 36 muffins and a tray 28. How many muffins are there in total?", "36 - 28", 8,
         "less than the largest number given"),
        ("A salary of $3000 rises by 10%. What is the new salary?", "3000 * 10", 30000, "for a percentage"),
        ("Sam has 7 apples. How many apples does Sam have?", "7", 7, "calculates nothing"),
    ],
)
def test_a_result_that_makes_no_sense_for_the_question_is_refused(question, expression, value, why):
    assert why in not_sensible(word_problem(question), expression, value)


@pytest.mark.parametrize(
    "question, expression, value",
    [
        ("The temperature was 3 degrees and fell by 7 degrees. What is the temperature now?", "3 - 7", -4),
        ("A garden is 12 meters long and 8 meters wide. What is its area?", "12 * 8", 96),
        ("A pack of 6 batteries costs $9. What is the price of one battery?", "9 / 6", 1.5),
        ("A jacket costs $80 and is 25% off. What is the sale price?", "80 * (100 - 25) / 100", 60),
        ("45 students go on a trip and each bus holds 15 students. How many buses are needed?", "45 / 15", 3),
    ],
)
def test_a_sensible_result_passes(question, expression, value):
    assert not_sensible(word_problem(question), expression, value) == ""


def test_the_answer_shows_the_calculation_and_ends_with_the_number():
    assert shown_answer("24 * 58 + 6", 1398.0) == "24 × 58 + 6 = 1,398. The answer is 1398."
    assert shown_answer("135 / 60", 2.25) == "135 ÷ 60 = 2.25. The answer is 2.25."
    assert shown_answer("10 / 3", 10 / 3) == "10 ÷ 3 ≈ 3.33. The answer is 3.33."


# -- the cascade ---------------------------------------------------------------------------------------------------


def _rows(whittle):
    return [dict(r) for r in whittle.db.query("SELECT tier, model, response, outcome, reason FROM llm_calls ORDER BY id")]


async def test_a_literal_sum_is_answered_by_the_app_alone(whittle):
    result = await whittle.route([{"role": "user", "content": "What is 42 * 11?"}], purpose="test")
    assert result.text == "42 × 11 = 462. The answer is 462."
    assert result.model == CALCULATOR and result.kind == "reasoning"
    (row,) = _rows(whittle)
    assert row["model"] == CALCULATOR and row["outcome"] == "accepted" and row["response"] == result.text


async def test_a_word_problem_is_calculated_by_the_real_model_on_the_local_tier(whittle):
    question = "A box holds 24 pencils. How many pencils are there in 9 boxes?"
    result = await whittle.route([{"role": "user", "content": question}], purpose="test")
    assert result.tier == "local" and result.text.endswith("The answer is 216."), result.text
    assert re.fullmatch(r"(24 × 9|9 × 24) = 216\. The answer is 216\.", result.text)
    row = _rows(whittle)[0]
    assert row["response"] == result.text and row["reason"].startswith("program-aided: calculated")


@pytest.fixture
def two_tiers(home, model, remote_server):
    """The embedded model, then llama.cpp's server on 127.0.0.1 priced as a paid tier."""
    from whittle.config import Settings
    from whittle.core import Whittle

    (home / "whittle.toml").write_text(
        '[[tiers]]\nname = "local"\nbackend = "embedded"\n\n'
        f'[[tiers]]\nname = "remote"\nbackend = "openai"\nbase_url = "{remote_server["base_url"]}"\n'
        f'model = "{remote_server["model"]}"\ntrust = "trusted"\nprovider = "test"\n'
        "price_input_per_mtok = 10.0\nprice_output_per_mtok = 30.0\n\n[budgets]\ndaily_usd = 1.0\n"
    )
    whittle = Whittle(Settings(home=home, max_tokens=16), model=model)
    yield whittle
    whittle.close()


async def test_a_calculation_two_prompts_agree_on_is_kept_below_a_paid_tier(two_tiers):
    question = "A box holds 24 pencils. How many pencils are there in 9 boxes?"
    result = await two_tiers.route([{"role": "user", "content": question}], purpose="test", max_tokens=16)
    assert result.tier == "local" and result.cost_usd == 0 and result.text.endswith("The answer is 216.")
    assert result.counterfactual_usd > 0, "what the paid tier would have charged"
    rows = _rows(two_tiers)
    assert [(r["tier"], r["outcome"]) for r in rows] == [("local", "accepted"), ("local", "agreement-sample")]
    assert re.fullmatch(r"program-aided: calculated: (24 \* 9|9 \* 24) = 216; (24 \* 9|9 \* 24) = 216", rows[0]["reason"])
    assert rows[1]["response"] in ("24 * 9", "9 * 24"), "a sample row keeps the expression its prompt got"


async def test_a_calculation_that_makes_no_sense_escalates(two_tiers):
    # One number and no word implying a constant: the only expression is "7", which calculates nothing.
    question = "Sam has 7 apples. How many apples does Sam have left?"
    result = await two_tiers.route([{"role": "user", "content": question}], purpose="test", kind="reasoning",
                                   max_tokens=16)
    assert result.tier == "remote"
    rows = _rows(two_tiers)
    assert [(r["tier"], r["outcome"]) for r in rows] == [("local", "escalated"), ("local", "agreement-sample"),
                                                         ("remote", "accepted")]
    assert "7 (the expression calculates nothing)" in rows[0]["reason"]
