"""A word problem read for calculation: its numbers, what they count, and which results make sense.

Used by router/calculator.py, where a local model writes one expression over the question's numbers
and the app works it out. This module reads the question (numbers as plain digits, the word after
each, the constants its words imply, a year set aside) and judges a result against it: a count is a
non-negative whole number, money has at most cents, nothing is negative unless the question can go
below zero, a share or what is left is no larger than the whole, a total no smaller than its largest
part, two numbers of the same thing are not multiplied (an area aside), a constant must matter. It
also recognises a question that is itself a sum ("What is 42 * 11?"), which needs no model.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from whittle.router.arithmetic import WORD_OPERATORS, evaluate

MAX_NUMBERS = 5  # the grammar tracks which numbers are used: 2^5 states, and few word problems need more

NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,]*\d)(?!(?:st|nd|rd|th)\b)")
# A year names a time, not a quantity: "in 2021" is not added to anything.
YEAR = re.compile(r"\b(?:in|since|from|until|by|of|during|year)\s+(?:1[89]|20)\d\d\b", re.I)
# "one" is more often a pronoun ("which one") than a quantity, so it is not read as 1.
NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30", "fifty": "50",
}
NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)


def _both(first: str, second: str) -> Callable[[str], bool]:
    return lambda text: bool(re.search(first, text)) and bool(re.search(second, text))


def _any(pattern: str) -> Callable[[str], bool]:
    return lambda text: bool(re.search(pattern, text))


# Constants a calculation may use besides the question's numbers, each only when the question's
# words call for it (hours and minutes: 60; a percentage: 100). Allowing them always would let the
# model multiply by 100 where nothing asks for it.
CONSTANTS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("2", _any(r"\b(?:twice|double[sd]?|doubling|half|halve[sd]?|pairs?|perimeter)\b")),
    ("3", _any(r"\b(?:triple[sd]?|thrice|a third|one third|two thirds)\b")),
    ("4", _any(r"\b(?:quadruple[sd]?|a quarter of|one quarter)\b")),
    ("7", _both(r"\bweeks?\b", r"\bdays?\b")),
    ("12", lambda t: _any(r"\bdozens?\b")(t) or _both(r"\byears?\b", r"\bmonths?\b")(t)),
    ("24", _both(r"\bdays?\b", r"\bhours?\b")),
    ("60", lambda t: _both(r"\bhours?\b", r"\bminutes?\b")(t) or _both(r"\bminutes?\b", r"\bseconds?\b")(t)),
    ("100", lambda t: _any(r"%|\bper ?cent")(t) or _both(r"\bcents?\b", r"\bdollars?\b|\$")(t)
     or _both(r"\b(?:centimet(?:er|re)s?|cm)\b", r"\bmet(?:er|re)s?\b")(t)),
    ("1000", lambda t: _both(r"\b(?:kilo\w*|km|kg)\b", r"\b(?:met(?:er|re)s?|grams?|m|g)\b")(t)
     or _both(r"\b(?:millilit\w*|ml)\b", r"\blit(?:er|re)s?\b")(t)),
)

# Asks for a number worked out from the question's numbers...
ASKS_A_QUANTITY = re.compile(
    r"\b(?:how (?:many|much|long|far|fast|old)|what (?:is|was|are|will be|does|do)|what's|calculate|compute|"
    r"work out|find|total|altogether|in all|left|remain)\b", re.I)
# ...and is not another kind of maths, which one expression over its numbers cannot answer.
NOT_ONE_SUM = re.compile(
    r"\b(?:prove|proof|show that|probability|odds|chance|expected value|equation|solve for|derivative|integral|"
    r"square root|squared|cubed|power of|factorial|prime|how many ways|combinations?|permutations?|average of|"
    r"mean|median|ratio|x|y|n)\b|\^|\d[xyn]\b", re.I)
MEASURES = (r"(?:hours?|minutes?|seconds?|days?|weeks?|months?|years?|miles?|km|kilomet\w+|met(?:er|re)s?|"
            r"cm|centimet\w+|inch\w*|feet|foot|yards?|lit(?:er|re)s?|gallons?|pounds?|kg|kilo\w*|grams?|ounces?|"
            r"cups?|dollars?|euros?|cents?|percent|degrees?|square|cubic|times)")
COUNTS_THINGS = re.compile(rf"\bhow many\b(?!\s+(?:more\s+|fewer\s+|less\s+)?{MEASURES}\b)", re.I)
MONEY = re.compile(r"\$|€|£|\b(?:dollars?|euros?|cents?|price|cost\w*|pays?|paid|earns?|spends?|change|salary|"
                   r"wages?|budget|bill)\b", re.I)
CAN_BE_NEGATIVE = re.compile(r"\b(?:temperature|degrees|below zero|negative|minus|loss|debt|owe[sd]?)\b", re.I)


@dataclass(frozen=True)
class WordProblem:
    text: str  # the question as the model sees it: numbers as plain digits ("2,400" -> "2400", "three" -> "3")
    numbers: tuple[str, ...]  # each used exactly once by the expression
    units: tuple[str, ...]  # the word after each number, singular ("45 students" -> "student"; "$57" -> "$")
    constants: tuple[str, ...]  # implied by the question's words; any number of times
    set_aside: tuple[str, ...]  # numbers that are not quantities (years), not required in the expression
    counts_things: bool  # "how many apples": a whole number, not negative
    money: bool  # at most cents
    can_be_negative: bool


def word_problem(question: str, max_numbers: int = MAX_NUMBERS) -> WordProblem | None:
    """The question as a word problem for one expression, or None when it is not one (or has more numbers)."""
    if not ASKS_A_QUANTITY.search(question) or NOT_ONE_SUM.search(question):
        return None
    asking = asking_sentence(question)
    if COMPARED.search(question.replace(asking, "")) and AT_LEAST_LARGEST.search(asking):
        return None  # "Ben has 5 more than Anna's 12; how many together?" uses 12 twice: one expression cannot
    set_aside = tuple(match.group(0).split()[-1] for match in YEAR.finditer(question))
    text = YEAR.sub(lambda match: match.group(0).replace(match.group(0).split()[-1], "YEAR"), question)
    text = NUMBER_WORD.sub(lambda match: NUMBER_WORDS[match.group(1).lower()], text)
    text = NUMBER.sub(lambda match: match.group(1).replace(",", "") + (match.group(2) or ""), text)
    found = list(NUMBER.finditer(text))
    if not 1 <= len(found) <= max_numbers:
        return None
    numbers = tuple(match.group(1) + (match.group(2) or "") for match in found)
    units = tuple(_unit(text, match) for match in found)
    for year in set_aside:
        text = text.replace("YEAR", year, 1)
    lowered = text.lower()
    constants = tuple(value for value, implied in CONSTANTS if implied(lowered) and value not in numbers)
    return WordProblem(text, numbers, units, constants, set_aside, counts_things=bool(COUNTS_THINGS.search(text)),
                       money=bool(MONEY.search(text)), can_be_negative=bool(CAN_BE_NEGATIVE.search(text)))


COMPARED = re.compile(r"\b(?:more|fewer|less)(?: \w+)? than\b|\btimes as (?:many|much)\b", re.I)
UNIT_AFTER = re.compile(r"\s*%?\s*([A-Za-z]+)")


def _unit(text: str, number: re.Match[str]) -> str:
    if number.start() > 0 and text[number.start() - 1] in "$€£":
        return "$"
    word = UNIT_AFTER.match(text, number.end())
    return word.group(1).lower().removesuffix("s") if word else ""


LITERAL = re.compile(r"\s*(?:(?:what|how much) is|what's|calculate|compute|evaluate|work out)?\s*:?\s*(.+?)[\s=?.!]*", re.I)


OPERATOR = re.compile(r"(?<=[\d)\s])[x×÷*/+-](?=[\s\d(])")
SIGNS = {"x": "*", "×": "*", "÷": "/"}


def literal_sum(question: str) -> tuple[str, float] | None:
    """A question that is only a sum ("What is 42 * 11?", "Calculate 37 + 58 + 19."): (the sum, its value)."""
    match = LITERAL.fullmatch(question)
    if not match:
        return None
    expression = match.group(1)
    for pattern, operator in WORD_OPERATORS:
        expression = pattern.sub(operator, expression)
    if len(NUMBER.findall(expression.replace(",", ""))) < 2:
        return None  # one number asks for no calculation
    expression = " ".join(OPERATOR.sub(lambda sign: f" {SIGNS.get(sign.group(0), sign.group(0))} ", expression).split())
    try:
        return expression, evaluate(expression)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None


# -- is the result sensible for the question? -------------------------------------------------------------
# Cues in the asking sentence that bound the answer by the question's largest number. A share, what is
# left, a difference, a part (a percentage of), a time at a rate are no larger than the whole; a total
# of positive numbers is no smaller than its largest part. Each is a magnitude a wrong operation breaks
# ("each child gets 8 * 96 cookies"), never a guess at the right operation.
AT_MOST_LARGEST = re.compile(
    r"\b(?:left|remain\w*|change|how (?:many|much) (?:more|less|fewer)|older|younger|taller|shorter|difference|"
    r"each|one|a single|per|average|increase|decrease)\b|\b(?:more|fewer|less) than\b", re.I)
RATE = re.compile(r"\b(?:per|an? (?:hour|minute|second|day|week|month|year)|every)\b", re.I)
ASKS_TIME = re.compile(r"\bhow (?:long|many (?:hours|minutes|seconds|days|weeks|months|years))\b", re.I)
PART_OF = re.compile(r"%\s*(?:of|off)\b|\bper ?cent (?:of|off)\b|\b(?:discount\w*|sale|off)\b", re.I)
AT_LEAST_LARGEST = re.compile(r"\b(?:total|altogether|in all|together|combined|sum)\b", re.I)
SENTENCES = re.compile(r"[^.?!]+[.?!]*")


def asking_sentence(text: str) -> str:
    """The sentence that asks (the last with "?", else the last one): where the answer's cues are."""
    sentences = [s.strip() for s in SENTENCES.findall(text) if s.strip()]
    asking = [s for s in sentences if "?" in s]
    return (asking or sentences or [text])[-1]


def not_sensible(problem: WordProblem, expression: str, value: float) -> str:
    """Why this value cannot be the answer to the problem; "" when nothing says so."""
    if not re.search(r"\d\s*[-+*/]\s*[\d(]|\)\s*[-+*/]", expression):
        return "the expression calculates nothing"
    for constant in problem.constants:  # "4 * 60 / 60": a constant that changes nothing is the model looping
        alone = re.compile(rf"(?<![\d.]){re.escape(constant)}(?![\d.])")
        if alone.search(expression):
            try:
                nudged = evaluate(alone.sub(str(float(constant) + 1), expression))
            except (ValueError, ZeroDivisionError, OverflowError):
                continue
            if abs(nudged - value) < 1e-9 * max(1.0, abs(value)):
                return f"the constant {constant} cancels out"
    if (squared := _same_unit_product(problem, expression)) and not AREA.search(problem.text):
        return f"it multiplies {squared[0]} by {squared[1]}"
    if value < 0 and not problem.can_be_negative:
        return f"{shown_number(value)} is negative"
    whole = abs(value - round(value)) < 1e-9
    if problem.counts_things and not whole:
        return f"a count, but {shown_number(value)} is not a whole number"
    if problem.money and not whole and abs(value * 100 - round(value * 100)) > 1e-6:
        return f"money, but {shown_number(value)} is not in cents"
    largest = max(float(n) for n in problem.numbers)
    asking = asking_sentence(problem.text)
    at_most = AT_MOST_LARGEST.search(asking) or (RATE.search(problem.text) and ASKS_TIME.search(asking)) \
        or PART_OF.search(problem.text)
    if at_most and value > largest + 1e-9:
        return f"{shown_number(value)} is more than the largest number given ({shown_number(largest)}), but it asks for a part"
    if "%" in problem.text and value > 2 * largest:
        return f"{shown_number(value)} is more than twice the largest number given, for a percentage"
    if AT_LEAST_LARGEST.search(asking) and value < largest - 1e-9:
        return f"{shown_number(value)} is less than the largest number given ({shown_number(largest)}), but it asks for a total"
    return ""


AREA = re.compile(r"\b(?:area|square|squared)\b", re.I)
OPERAND_PAIR = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?) \* (\d+(?:\.\d+)?)(?![\d.])")


def _same_unit_product(problem: WordProblem, expression: str) -> tuple[str, str] | None:
    """Two numbers of the same thing multiplied ("45 students * 15 students"): no answer is students
    squared (an area aside). Only a product written directly, a * b, is looked at."""
    unit_of = {number: unit for number, unit in zip(problem.numbers, problem.units, strict=True)}
    for match in OPERAND_PAIR.finditer(expression):
        left, right = match.group(1), match.group(2)
        unit = unit_of.get(left)
        if unit and unit == unit_of.get(right):
            return f"{left} {unit}", f"{right} {unit}"
    return None


def shown_number(value: float) -> str:
    """A value as the user reads it: 1,398; 2.25; 3.33 (at most 2 decimals once it is not whole)."""
    rounded = round(value, 9)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".") if abs(rounded * 100 - round(rounded * 100)) < 1e-6 \
        else f"{rounded:,.2f}"


