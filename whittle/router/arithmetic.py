"""Arithmetic re-checked: the calculations written in an answer, re-evaluated exactly.

`check_arithmetic` re-evaluates every calculation in an answer — calculator annotations like
`<<9*2=18>>` and plain text like `5 * 75 + 120 = 675 + 120 = 795` — with a small exact parser (never
`eval`), then looks at the final answer: is there one, is it a clean number, does it follow from the
last calculation, were the question's numbers used, and — when the question is itself a simple
sum ("What is 17 * 23?") — is the final number its result. Nothing here knows GSM8K beyond its `#### answer`
convention (and "the answer is" as a fallback). Used by router/checks.py, router/junk.py and the
learned router's features.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass

NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")
ANNOTATION = re.compile(r"<<[^<>]*=[^<>]*>>")
FINAL_MARKER = re.compile(r"####\s*([^\n]*)")
ANSWER_IS = re.compile(r"answer is[:\s]*\$?\s*(-?[\d,]*\.?\d+)", re.IGNORECASE)
HEDGE = re.compile(
    r"\b(however|assum\w*|approximately|round(?:ed|ing)?|actually|wait|cannot|can't|not possible|"
    r"doesn't make sense|mistake|incorrect)\b",
    re.IGNORECASE,
)
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
TIMES = re.compile(r"(?<=[\d)%])\s*(?:[x×]|\\times|\\cdot|·)\s*(?=[\d($.])")
OF = re.compile(r"(?<=[\d%)])\s+of\s+(?=[\d($.])")
UNIT_RATE = re.compile(r"/\s*[A-Za-z]+")
# "2x + 3 = 7": a letter glued to a number is an unknown, not a unit to drop.
GLUED_VARIABLE = re.compile(r"(?<=\d)[A-Za-z]\b")
# "well-rounded", "30-minute": a hyphen inside a word is not a minus sign.
WORD_HYPHEN = re.compile(r"(?<=[A-Za-z\d])-(?=[A-Za-z])")
TOKEN = re.compile(r"\d+(?:\.\d+)?%?|\.\d+%?|\*\*|[-+*/^()]|[,:;!?\[\]{}]|\.(?=\s|$)|[A-Za-z_'’]+|\S")
OPERATORS = frozenset("+-*/^") | {"**"}
BARRIERS = frozenset(",:;!?[]{}.")

RESPONSE_FEATURES: tuple[str, ...] = (
    "resp_log_chars",
    "resp_has_final",
    "resp_final_not_integer",
    "resp_final_negative",
    "resp_final_extra",
    "resp_final_mismatch",
    "resp_log_checked",
    "resp_wrong",
    "resp_wrong_frac",
    "resp_unused_numbers",
    "resp_log_hedges",
    "resp_truncated",
    "resp_suspicion",
)


class _Parser:
    """Recursive descent over + - * / ^ and parentheses; raises ValueError on anything else."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0

    def parse(self) -> float:
        value = self._sum()
        if self.pos != len(self.tokens):
            raise ValueError("trailing tokens")
        return value

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _sum(self) -> float:
        value = self._product()
        while self._peek() in ("+", "-"):
            op = self.tokens[self.pos]
            self.pos += 1
            rhs = self._product()
            value = value + rhs if op == "+" else value - rhs
        return value

    def _product(self) -> float:
        value = self._power()
        while self._peek() in ("*", "/"):
            op = self.tokens[self.pos]
            self.pos += 1
            rhs = self._power()
            if op == "/" and rhs == 0:
                raise ValueError("division by zero")
            value = value * rhs if op == "*" else value / rhs
        return value

    def _power(self) -> float:
        base = self._unary()
        if self._peek() in ("^", "**"):
            self.pos += 1
            exponent = self._power()
            if abs(exponent) > 64 or abs(base) > 1e12:
                raise ValueError("power too large")
            return base**exponent
        return base

    def _unary(self) -> float:
        if self._peek() == "-":
            self.pos += 1
            return -self._unary()
        return self._atom()

    def _atom(self) -> float:
        token = self._peek()
        if token is None:
            raise ValueError("missing operand")
        self.pos += 1
        if token == "(":
            value = self._sum()
            if self._peek() != ")":
                raise ValueError("unclosed parenthesis")
            self.pos += 1
            return value
        if token[0].isdigit() or token[0] == ".":
            if token.endswith("%"):
                return float(token[:-1]) / 100
            return float(token)
        raise ValueError(f"unexpected {token!r}")


def evaluate(expression: str) -> float:
    """Value of an arithmetic expression (numbers, + - * / ^ and parentheses), or ValueError."""
    tokens = [t for t in TOKEN.findall(_normalise(expression))]
    if any(t not in OPERATORS and t not in "()" and not (t[0].isdigit() or t[0] == ".") for t in tokens):
        raise ValueError("not arithmetic")
    return _Parser(tokens).parse()


def _normalise(text: str) -> str:
    text = text.replace("\\*", "*").replace("−", "-").replace("÷", "/").replace("\\div", "/")
    text = text.replace("$", "").replace("\\(", "").replace("\\)", "")
    text = THOUSANDS.sub("", text)
    text = TIMES.sub(" * ", text)
    text = OF.sub(" * ", text)
    text = GLUED_VARIABLE.sub(" ; ", text)
    text = WORD_HYPHEN.sub(" ", text)
    return UNIT_RATE.sub(" ", text)


def _arithmetic_run(tokens: list[str], from_end: bool) -> tuple[float, bool, str] | None:
    """Longest parseable run at one end of a segment: (value, contains an operator, its text).

    Words are dropped first ("18 videos * 4 minutes" is 18 * 4); punctuation is a barrier,
    so numbers from an earlier clause never join the expression.
    """
    kept: list[str] = []
    sequence = reversed(tokens) if from_end else iter(tokens)
    for token in sequence:
        if token in BARRIERS:
            break
        if token[0].isalpha() or token[0] in "_'’":
            continue
        if token in OPERATORS or token in "()" or token[0].isdigit() or token[0] == ".":
            kept.append(token)
        else:
            break
    if from_end:
        kept.reverse()
    for size in range(len(kept), 0, -1):
        run = kept[len(kept) - size :] if from_end else kept[:size]
        if run[0] in ("*", "/", "^", "**", "+", ")") or run[-1] in OPERATORS or run[-1] == "(":
            continue
        try:
            value = _Parser(run).parse()
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
        return value, any(t in OPERATORS for t in run[1:]), " ".join(run)
    return None


def _decimals(text: str) -> int:
    found = [len(m.split(".")[1]) for m in NUMBER.findall(text) if "." in m]
    return max(found, default=0)


def _agrees(computed: float, stated: float, stated_text: str) -> bool:
    # A stated result may be rounded to the precision it is written with (8/3 = 2.67).
    tolerance = 0.5 * 10 ** -_decimals(stated_text) + 1e-6 * max(abs(computed), 1.0)
    return abs(computed - stated) <= tolerance


@dataclass(frozen=True)
class ArithmeticCheck:
    """What re-checking an answer's arithmetic found. `suspicion` is a hand-set 0..1 summary;
    `vector()` gives the raw signals for a learned model."""

    chars: int
    checked: int
    wrong: int
    final_answer: float | None
    final_marker: bool
    final_extra: bool
    final_mismatch: bool
    unused_numbers: float
    hedges: int
    truncated: bool
    integer_expected: bool
    # Why the final number is not the result of the sum the question itself asks ("What is
    # 17 * 23?" -> "the answer is 23"); "" when it is, or when the question asks no simple sum.
    # Not in `suspicion` or `vector()`: the learned router's features stay as trained.
    not_the_result: str = ""

    @property
    def final_not_integer(self) -> bool:
        return self.final_answer is not None and abs(self.final_answer - round(self.final_answer)) > 1e-9

    @property
    def suspicion(self) -> float:
        score = 0.0
        if self.wrong:
            score += 0.5 + 0.1 * min(self.wrong - 1, 3)
        if self.final_answer is None:
            score += 0.5
        elif self.integer_expected and self.final_not_integer:
            score += 0.35
        if self.final_mismatch:
            score += 0.2
        if self.final_extra:
            score += 0.15
        if self.truncated:
            score += 0.3
        score += 0.3 * self.unused_numbers + 0.05 * min(self.hedges, 4)
        return min(score, 1.0)

    def vector(self) -> list[float]:
        """Signals in `RESPONSE_FEATURES` order."""
        return [
            math.log1p(self.chars),
            float(self.final_answer is not None),
            float(self.final_not_integer),
            float(self.final_answer is not None and self.final_answer < 0),
            float(self.final_extra),
            float(self.final_mismatch),
            math.log1p(self.checked),
            float(min(self.wrong, 3)),
            self.wrong / self.checked if self.checked else 0.0,
            self.unused_numbers,
            math.log1p(self.hedges),
            float(self.truncated),
            self.suspicion,
        ]


def _numbers(text: str) -> list[float]:
    return [float(n) for n in NUMBER.findall(THOUSANDS.sub("", text))]


def _check_equations(body: str) -> tuple[int, int, float | None]:
    """(checked, wrong, last stated result) over calculator annotations and `a op b = c` text."""
    checked = wrong = 0
    last: float | None = None
    for annotation in ANNOTATION.finditer(body):
        parts = annotation.group(0)[2:-2].split("=")  # <<5*75+120=675+120=795>> is a chain
        for expression, stated in itertools.pairwise(parts):
            try:
                computed, stated_value = evaluate(expression), evaluate(stated)
            except (ValueError, OverflowError, ZeroDivisionError):
                continue
            checked += 1
            wrong += not _agrees(computed, stated_value, stated)
    # The prose around an annotation is checked too: "5 * 75 + 120 = <<...=795>>795" is
    # wrong in the prose even when the annotation's own sum is right, and such answers are
    # mostly wrong. (Unit conversions, "2 x 1 hour = 120 minutes", are the false alarms.)
    plain = ANNOTATION.sub(" ", body)
    for line in plain.splitlines():
        segments = _normalise(line).split("=")
        for left, right in itertools.pairwise(segments):
            lhs = _arithmetic_run(TOKEN.findall(left), from_end=True)
            rhs = _arithmetic_run(TOKEN.findall(right), from_end=False)
            if lhs is None or rhs is None:
                continue
            last = rhs[0]
            if not lhs[1]:
                continue  # "Day 2 = ..." names something; only a calculation can be wrong
            checked += 1
            # "a = b ÷ 3 = c" goes on calculating after "="; "a = b + c = d" restates it.
            # Either is consistent if a equals what follows or the first number of it.
            first = _arithmetic_run(TOKEN.findall(rhs[2])[:1], from_end=False)
            consistent = _agrees(lhs[0], rhs[0], rhs[2]) or (
                rhs[1] and first is not None and _agrees(lhs[0], first[0], first[2])
            )
            wrong += not consistent
    return checked, wrong, last


def _stated_final(answer: str) -> tuple[re.Match[str] | None, str, list[float], float | None]:
    """The final answer as stated: (the `####` marker, its text, the numbers in it, the first of them)."""
    marker = FINAL_MARKER.search(answer)
    final_text = marker.group(1) if marker else ""
    if not marker:
        said = ANSWER_IS.search(answer)
        final_text = said.group(1) if said else ""
    final_numbers = _numbers(final_text.replace("-", " -"))
    final = final_numbers[0] if final_numbers else None
    if final is not None and re.search(r"-\s*\$?\s*\d", final_text):
        final = -abs(final)
    return marker, final_text, final_numbers, final


def final_number(answer: str, *, finished: bool = True) -> float | None:
    """The number an answer ends up with: the one after `####` or "the answer is"; else, in a
    finished answer, the last number written (small models rarely mark their result). An answer
    cut off at its token limit may stop mid-calculation, where the last number is often the
    question's own: there only the result of its last equation counts ("9 + 8 = 17, which…")."""
    marker, _, _, final = _stated_final(answer)
    if final is not None:
        return final
    if not finished:
        return _check_equations(answer[: marker.start()] if marker else answer)[2]
    written = _numbers(ANNOTATION.sub(" ", answer))
    return written[-1] if written else None


def check_arithmetic(answer: str, question: str = "", integer_expected: bool | None = None) -> ArithmeticCheck:
    """Re-check the arithmetic and the final answer of `answer` (to `question`, if given).

    `integer_expected` says whether a fractional final answer is itself suspicious; by
    default it is guessed from the question ("how many ...").
    """
    if integer_expected is None:
        integer_expected = "how many" in question.lower()
    marker, final_text, final_numbers, final = _stated_final(answer)
    body = answer[: marker.start()] if marker else answer
    checked, wrong, last = _check_equations(body)
    body_numbers = _numbers(ANNOTATION.sub(" ", body))
    last_stated = last if last is not None else (body_numbers[-1] if body_numbers else None)
    mismatch = final is not None and last_stated is not None and abs(final - last_stated) > 1e-6 * max(1.0, abs(final))
    extra_words = len(re.findall(r"[A-Za-z]{2,}", final_text))
    question_numbers = set(_numbers(question))
    answer_numbers = set(_numbers(answer))
    unused = len(question_numbers - answer_numbers) / len(question_numbers) if question_numbers else 0.0
    tail = answer.rstrip()
    truncated = not marker and bool(tail) and tail[-1] not in ".!?)*]$\"'"
    return ArithmeticCheck(
        chars=len(answer),
        checked=checked,
        wrong=wrong,
        final_answer=final,
        final_marker=bool(marker),
        final_extra=len(final_numbers) > 1 or extra_words > 2,
        final_mismatch=mismatch,
        unused_numbers=unused,
        hedges=len(HEDGE.findall(answer)),
        truncated=truncated,
        integer_expected=integer_expected,
        not_the_result=wrong_result(question, answer) if question else "",
    )


# -- the question's own sum ----------------------------------------------------------
# A short answer ("the answer is 23") writes no calculation to re-check; what it can be held
# to is the sum the question asks for, evaluated here.
WORD_OPERATORS = (
    (re.compile(r"\bdivided\s+by\b", re.I), " / "),
    (re.compile(r"\b(?:multiplied\s+by|times)\b", re.I), " * "),
    (re.compile(r"\bplus\b", re.I), " + "),
    (re.compile(r"\bminus\b", re.I), " - "),
)
EXPRESSION = re.compile(r"[\d(][\d\s.,%()+\-*/x×÷^]*[\d)%]")
EQUATION = re.compile(r"(\d+(?:\.\d+)?)\s*([-+*/x×÷])\s*(\d+(?:\.\d+)?)\s*=\s*(-?\d+(?:\.\d+)?)")


def question_value(question: str) -> tuple[str, float] | None:
    """The simple sum a question asks for ("What is 17 * 23?" -> ("17 * 23", 391.0)), or None."""
    text = THOUSANDS.sub("", question)
    for pattern, operator in WORD_OPERATORS:
        text = pattern.sub(operator, text)
    text = re.sub(r"(?<=[\d%])\s+of\s+(?=\d)", " * ", text)  # "15% of 200"
    for candidate in sorted(EXPRESSION.findall(text), key=len, reverse=True):
        candidate = candidate.strip().rstrip(".,")
        if not re.search(r"\d\s*(?:[-+*/x×÷^]|%\s*\*)\s*[\d(]", candidate):
            continue  # a lone number ("3 boxes") asks for no sum
        try:
            return candidate, evaluate(candidate)
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
    return None


def wrong_result(question: str, answer: str) -> str:
    """Why the answer's number is not the result of the simple sum the question asks; "" if it is (or none is asked)."""
    asked = question_value(question)
    if asked is None:
        return ""
    expression, value = asked
    shown = f"{value:g}"
    stated = final_number(answer)
    if stated is None:
        return f"gives no number, but {expression} = {shown}"
    # "The answer is 6 * 7 = 42": the result may follow the restated sum, not "the answer is".
    results = [final_number(answer[m.end() :]) for m in re.finditer(r"=|\b(?:is|equals|makes)\b", answer)]
    for candidate in [stated, *results]:
        if candidate is not None and abs(candidate - value) <= 1e-6 * max(1.0, abs(value)):
            return ""
    return f"says {stated:g}, but {expression} = {shown}"


def foreign_operands(question: str, answer: str) -> list[str]:
    """Numbers an answer calculates with that neither the question nor an earlier result gave.

    "I have 3 boxes of 12 eggs" -> "That's 3 * 2 = 6 eggs": the sum is right, but 2 came from
    nowhere. Only `a op b = c` written in the answer is looked at, and only for questions that
    give at least two numbers (a word problem); small constants of unit conversions (60, 100,
    1000...) are not in a word problem's answers often, and are allowed."""
    given = set(_numbers(question))
    if len(given) < 2:
        return []
    # "15% of 200" is worked out as 0.15 * 200.
    known = given | {float(n) / 100 for n in re.findall(r"(\d+(?:\.\d+)?)\s*%", question)}
    foreign = []
    for match in EQUATION.finditer(THOUSANDS.sub("", answer)):
        left, right, result = float(match.group(1)), float(match.group(3)), float(match.group(4))
        foreign += [f"{n:g}" for n in (left, right) if n not in known and n not in (1.0, 10.0, 60.0, 100.0, 1000.0)]
        known.add(result)
    return foreign
