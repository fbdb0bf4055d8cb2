"""The arithmetic verifier on answers whose arithmetic we know to be right or wrong."""

from __future__ import annotations

import pytest

from whittle.router.arithmetic import RESPONSE_FEATURES, check_arithmetic, evaluate

RIGHT = """Janet starts with 16 eggs per day.
She eats 3 for breakfast, so she has 16 - 3 = <<16-3=13>>13 eggs left.
She uses 4 for baking, so she has 13 - 4 = <<13-4=9>>9 eggs left.
She sells these 9 eggs for 9 * $2 = $<<9*2=18>>18.
#### 18"""
QUESTION = "Janet's ducks lay 16 eggs. She eats 3 and bakes with 4. She sells the rest at $2. How many dollars?"


@pytest.mark.parametrize(
    ("expression", "value"),
    [("2 + 3 * 4", 14), ("(2 + 3) * 4", 20), ("2^3", 8), ("50% * 10", 5), ("-4 + 10 / 4", -1.5), ("1,600 / 60", 1600 / 60)],
)
def test_evaluate(expression: str, value: float) -> None:
    assert evaluate(expression) == pytest.approx(value)


@pytest.mark.parametrize("expression", ["__import__('os')", "2 +", "(1 + 2", "3 / 0", "os.system(1)", "9 ** 999"])
def test_evaluate_refuses_anything_but_arithmetic(expression: str) -> None:
    with pytest.raises((ValueError, ZeroDivisionError)):
        evaluate(expression)


def test_correct_answer_passes() -> None:
    check = check_arithmetic(RIGHT, QUESTION)
    assert check.checked >= 3
    assert check.wrong == 0
    assert check.final_answer == 18
    assert not check.final_mismatch and not check.truncated
    assert check.unused_numbers == 0
    assert check.suspicion < 0.2


def test_wrong_calculator_annotation_is_caught() -> None:
    answer = "Women: 84 * (9/14) = <<84*(9/14)=48>>48.\nLeft: 48 - 20 = <<48-20=28>>28.\n#### 28"
    check = check_arithmetic(answer)
    # The one mistake is stated twice, in the annotation and in the prose around it; the
    # correct second line adds nothing.
    assert check.checked == 4 and check.wrong == 2
    assert check.suspicion >= 0.5


def test_wrong_prose_in_a_chain_is_caught() -> None:
    answer = "In a week she teaches 5 * 75 + 120 = 675 + 120 = 795 students.\n#### 795"
    assert check_arithmetic(answer).wrong == 1


def test_calculation_continued_after_equals_is_not_an_error() -> None:
    answer = "They each paid 12 + 43 + 15 + 4 + 22 = $96 ÷ 3 = $32.\n#### 32"
    check = check_arithmetic(answer)
    assert check.checked == 2 and check.wrong == 0


@pytest.mark.parametrize(
    "line",
    [
        "Each gets 8 / 3 = 2.67 gallons.",  # rounded to the precision written
        "Solve 2x + 3 = 7 for x.",  # an unknown, not a unit to drop
        "The well-rounded team's total time is 4 * 55 = 220 seconds.",  # a hyphen, not a minus
        "18 videos/week * 4 minutes/video = 72 minutes/week.",  # units between numbers
        "He earns 2,100 x 52 = 109,200 a year.",  # thousands separators and x for times
    ],
)
def test_correct_prose_arithmetic_is_not_flagged(line: str) -> None:
    assert check_arithmetic(line + "\n#### 1").wrong == 0


def test_missing_final_answer_and_truncation_are_suspicious() -> None:
    check = check_arithmetic("The house's value after repairs is 80,000 + 50,000 = $130,00")
    assert check.final_answer is None
    assert check.truncated
    assert check.suspicion >= 0.5


def test_fractional_answer_to_a_how_many_question_is_suspicious() -> None:
    answer = "8 / 3 = <<8/3=2.6666666666666665>>2.67\n#### 2.67"
    counted = check_arithmetic(answer, "How many gallons did each person get?")
    measured = check_arithmetic(answer, "What is the average depth in metres?")
    assert counted.final_not_integer and counted.integer_expected
    assert counted.suspicion > measured.suspicion


def test_unused_question_numbers_are_counted() -> None:
    check = check_arithmetic("3 + 4 = 7\n#### 7", "Tom has 3 apples, 4 pears and 10 plums. How many fruits?")
    assert check.unused_numbers == pytest.approx(1 / 3)


def test_vector_matches_feature_names() -> None:
    assert len(check_arithmetic(RIGHT, QUESTION).vector()) == len(RESPONSE_FEATURES)


def test_structured_checks_and_the_order_check_answer_applies_them() -> None:
    from pydantic import BaseModel

    from whittle.config import RouterConfig
    from whittle.router.checks import ChoiceCheck, JsonCheck, RegexCheck, check_answer

    class Person(BaseModel):
        name: str
        age: int

    assert JsonCheck(Person)('Sure: ```{"name": "Ada", "age": 36}```').ok
    assert "does not match Person" in JsonCheck(Person)('{"name": "Ada"}').reason
    assert not RegexCheck(r"^\d{4}-\d{2}$")("May 2024").ok
    assert ChoiceCheck(["spam", "ham"])("It is spam.").reason == "chose 'spam'"
    assert "several choices" in ChoiceCheck(["spam", "ham"])("spam or ham").reason
    config = RouterConfig()
    assert check_answer("  ", [], None, config, "chat").reason == "empty answer"
    # The check wins over confidence; arithmetic is re-checked for reasoning only; then log-probabilities.
    assert not check_answer("no json", [-0.1], JsonCheck(Person), config, "extraction").ok
    wrong = "3 * 4 = 13\n#### 13"
    assert "arithmetic: 1 of 1" in check_answer(wrong, [-0.1], None, config, "reasoning").reason
    assert check_answer(wrong, [-0.1], None, config, "chat").ok
    assert "low confidence" in check_answer("hi", [-3.0], None, config, "chat").reason
    assert "unlikely token" in check_answer("hi", [-0.1, -10.0, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1], None, config, "chat").reason


def test_grounded_json_check_fails_a_fluent_value_the_user_never_wrote() -> None:
    from pydantic import BaseModel

    from whittle.router.checks import GroundedJsonCheck, grounded_in

    class Note(BaseModel):
        company: str
        city: str

    source = "Call notes: Harbour & Finch is opening a second shop in Kraków on 2 May."
    check = GroundedJsonCheck(Note, source=source)
    # Case, accents and punctuation do not count; the words must be the user's.
    assert check('{"company": "harbour finch", "city": "Krakow"}').ok
    wrong = check('{"company": "Harbour & Finch", "city": "Lyon"}')
    assert not wrong.ok and "city 'Lyon'" in wrong.reason
    assert not check('{"company": "Harbour", "city": ""}').ok  # empty is not found either
    assert not check('{"company": "Harbour & Finch"}').ok  # the schema still applies
    assert not grounded_in("Krak", source)  # whole words, not a piece of one
    assert grounded_in("second shop", source)
    same = check('{"company": "Harbour & Finch", "city": "harbour finch"}')
    assert not same.ok and "the same value for company and city" in same.reason
    # Only the fields named are held to the text.
    assert GroundedJsonCheck(Note, source=source, fields=["company"])('{"company": "Harbour", "city": "Lyon"}').ok


def test_grounded_check_fails_one_phrase_read_as_two_facts() -> None:
    from pydantic import BaseModel

    from whittle.router.checks import GroundedJsonCheck

    class Note(BaseModel):
        company: str
        city: str

    source = "Kestrel Outdoor wants the shop pages rewritten; their team sits in Glasgow."
    nested = GroundedJsonCheck(Note, source=source)('{"company": "Kestrel Outdoor", "city": "Kestrel"}')
    assert not nested.ok and "city 'Kestrel' is part of company" in nested.reason
    assert GroundedJsonCheck(Note, source=source)('{"company": "Kestrel Outdoor", "city": "Glasgow"}').ok
    # Only grounded fields are compared: a free field may repeat a word.
    assert GroundedJsonCheck(Note, source=source, fields=["company"])('{"company": "Kestrel Outdoor", "city": "Kestrel"}').ok


def test_a_label_is_judged_by_its_share_of_the_grammar_mass() -> None:
    import math

    from whittle.config import RouterConfig
    from whittle.router.checks import ChoiceCheck, check_answer

    check = ChoiceCheck(["spam", "ham"], min_probability=0.8)
    config = RouterConfig()
    # Raw token log-probabilities under a grammar are low; the label's share decides instead.
    assert check_answer("spam", [-4.0], check, config, "classification", label_probability=0.9).ok
    low = check_answer("spam", [-0.01], check, config, "classification", label_probability=0.6)
    assert not low.ok and "label probability 0.60" in low.reason
    # Without a share (a backend without distributions) the log-probabilities decide, as before.
    assert not check_answer("spam", [-4.0], check, config, "classification").ok
    # A config that escalates everything (min_mean_logprob = 0) still does.
    strict = RouterConfig(min_mean_logprob=0.0)
    assert not check_answer("spam", [], check, strict, "classification", label_probability=1 - 1e-9).ok
    # The default, chosen for the bundled model by bench/workload/calibrate.py, keeps no label on confidence.
    assert not check_answer("spam", [], ChoiceCheck(["spam", "ham"]), config, "classification", label_probability=0.99).ok
    assert math.log(0.9) > config.min_mean_logprob  # so the 0.9 above was judged by min_probability alone


def test_label_probability_from_the_first_positions_distributions() -> None:
    import numpy as np

    from whittle.llm.logprobs import LogprobTrace, label_probability

    vocab = {"sp": 0, "am": 1, "ham": 2, "eggs": 3, "the": 4}

    def tokenize(text: str) -> list[int]:
        return {"spam": [0, 1], "ham": [2], "eggs": [3]}[text]

    def log_softmax(weights: dict[int, float]) -> np.ndarray:
        logits = np.full(len(vocab), -20.0)
        for token, value in weights.items():
            logits[token] = value
        return logits - np.logaddexp.reduce(logits)

    trace = LogprobTrace()
    trace.tokens = [0, 1]  # the model wrote "sp" + "am"
    # It wanted "the" most (a sentence); among the labels' first tokens, "sp" has 3x the mass of "ham".
    trace.head = [log_softmax({4: 5.0, 0: np.log(3.0), 2: 0.0, 3: -20.0}), log_softmax({1: 0.0})]
    trace.extend([float(trace.head[0][0]), float(trace.head[1][1])])
    share = label_probability(trace, ["spam", "ham", "eggs"], "spam", tokenize)
    assert share is not None and abs(share - 0.75) < 0.01
    assert label_probability(trace, ["spam", "ham"], "tofu", tokenize) is None  # not a label
    assert label_probability([-0.1, -0.2], ["spam", "ham"], "spam", tokenize) is None  # no distributions


def test_a_local_answer_to_a_knowledge_question_must_be_grounded_in_the_conversation() -> None:
    from whittle.config import RouterConfig
    from whittle.core import BASE_SYSTEM_PROMPT
    from whittle.router.checks import check_answer
    from whittle.router.conversation import conversation_context

    config = RouterConfig()
    confident = [-0.05] * 8
    asked = [{"role": "system", "content": BASE_SYSTEM_PROMPT},
             {"role": "user", "content": "Which city hosted the 1992 Summer Olympics?"}]
    # Fluent, confident and wrong (SmolLM2's answer on the dev set): nothing in the conversation backs it.
    wrong = "The 1992 Summer Olympics were held in Los Angeles, California."
    verdict = check_answer(wrong, confident, None, config, "knowledge", messages=asked)
    assert not verdict.ok and verdict.reason.startswith("knowledge: a closed question about the world")
    # A cloud tier's recall is not held to the conversation; nor is a chat answer.
    assert check_answer(wrong, confident, None, config, "knowledge", messages=asked, tier_is_local=False).ok
    assert check_answer(wrong, confident, None, config, "chat", messages=asked).ok

    # The user's note holds the fact: an answer that repeats it is grounded, one that does not is not.
    note = {"role": "system", "content": "[App event] The user saved a note: 'Barcelona hosted the 1992 Olympics.'"}
    noted = asked[:1] + [note] + asked[1:]
    grounded = check_answer("Barcelona hosted them.", confident, None, config, "knowledge", messages=noted)
    assert grounded.ok and "barcelona" in grounded.reason
    partly = check_answer("The 1992 Summer Olympics were in Seoul, Madrid and Los Angeles, not Barcelona.", confident,
                          None, config, "knowledge", messages=noted)
    assert not partly.ok and "only 1 of the answer's" in partly.reason

    # The assistant's own earlier reply does not vouch for a later answer; the user's words do.
    chat = asked[:1] + [{"role": "assistant", "content": "It was Los Angeles."}] + asked[1:]
    assert not any("Los Angeles" in said for said in conversation_context(chat))
    assert not check_answer(wrong, confident, None, config, "knowledge", messages=chat).ok


def test_one_text_in_two_fields_of_a_json_answer_fails() -> None:
    """The competitive-analysis answers SmolLM2 got kept wrong on the workload: one text copied into every field."""
    from pydantic import BaseModel

    from whittle.router.checks import JsonCheck

    class Profile(BaseModel):
        name: str
        strengths: list[str]
        weaknesses: list[str]

    check = JsonCheck(Profile)
    copied = ('{"name": "Majestic (a backlink intelligence tool)", "strengths": ["Majestic (a backlink intelligence '
              'tool)"], "weaknesses": ["Majestic (a backlink intelligence tool)"]}')
    assert check(copied).reason == "the same value for name and strengths: 'Majestic (a backlink intelligence tool)'"
    same_lists = '{"name": "Screaming Frog", "strengths": ["screaming", "frog"], "weaknesses": ["Screaming", "frog"]}'
    assert not check(same_lists).ok
    template = '{"name": "Screaming Frog", "strengths": ["..."], "weaknesses": ["…"]}'
    assert check(template).reason == "a placeholder for strengths: '...'"
    fine = '{"name": "Moz", "strengths": ["Domain Authority"], "weaknesses": ["price for a small agency", ""]}'
    assert check(fine).ok
