"""Program-aided arithmetic on a local tier: the model writes the sum, the app works it out.

A 135M model free-writing a word problem's solution gets the arithmetic wrong far more often than
the set-up. So on a local tier that follows a grammar (the embedded model, or a llama.cpp server), a
reasoning request whose last user message is a word problem is not answered in prose: the model
writes one arithmetic expression under a GBNF grammar that admits only the question's own numbers,
each exactly once (so every number is used by construction; a year is set aside as no quantity),
the constants its words imply (60 for hours and minutes, 100 for a percentage...) and + - * / with
one level of parentheses. The app evaluates it with router/arithmetic.py's exact parser (never
`eval`) and shows "24 × 58 + 6 = 1,398. The answer is 1398."

It is kept locally only when it makes sense for the question (router/word_problem.py: a count is a
non-negative whole number, a share no larger than the whole...) and a second, differently prompted
expression gives the same value (a third prompt decides when one of the first two makes no sense);
otherwise the request escalates as before. A question that is itself a sum ("What is 42 * 11?") needs
no model: it is evaluated directly. The grammar handles up to 5 numbers; the bundled model is given
at most MODEL_MAX_NUMBERS, as measured.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import aclosing
from dataclasses import dataclass

from whittle.llm.base import OutputConstraint, StreamStats
from whittle.router.arithmetic import evaluate
from whittle.router.attempts import Call
from whittle.router.budget import BudgetExceeded
from whittle.router.conversation import question_of
from whittle.router.plan import TierPrivacy, TierStep
from whittle.router.request import Attempt, LLMRequest, RouteResult
from whittle.router.word_problem import WordProblem, literal_sum, not_sensible, shown_number, word_problem

# How many numbers the local model itself is trusted to combine. On bench/workload/arithmetic_dev.jsonl
# the bundled SmolLM2-135M's first expression was right for 1 of 10 problems with three or more numbers,
# against 13 of 29 with two (bench/calculator_numbers.py); with a stronger local model, measure and raise it.
MODEL_MAX_NUMBERS = 2
MAX_CONSTANTS = 2  # "60 * (100 - 20) / 100" needs two; more is the model looping
EXPRESSION_TOKENS = 48  # "60 * (100 - 20) / 100" is 15 tokens; a longer one is going nowhere
CALCULATOR = "calculator (no model)"  # the model name on a sum worked out without one


# -- the grammar --------------------------------------------------------------------------------------
def expression_grammar(problem: WordProblem) -> str:
    """GBNF for one expression using each of the problem's numbers exactly once, its constants at most
    MAX_CONSTANTS times in all, + - * / and parentheses one level deep.

    Right-linear, so llama.cpp follows it with a handful of stacks: a rule per state, where a state is
    which numbers are used so far (a bit mask), how many constants, whether a parenthesis is open,
    and whether an operand or an operator comes next (operand-U-C-D and after-U-C-D).
    """
    full = (1 << len(problem.numbers)) - 1
    lines = ["root ::= operand-0-0-0", 'op ::= " + " | " - " | " * " | " / "']
    constants = MAX_CONSTANTS if problem.constants else 0
    if constants:
        lines.append("constant ::= " + " | ".join(f'"{value}"' for value in problem.constants))
    for used in range(full + 1):
        for spent in range(constants + 1):
            operand_left = used != full or spent < constants  # else only the end, or ")", can follow
            for depth in (0, 1):
                state = f"{used}-{spent}-{depth}"
                if operand_left:
                    choices = [f'"{number}" after-{used | 1 << i}-{spent}-{depth}'
                               for i, number in enumerate(problem.numbers) if not used & 1 << i]
                    if spent < constants:
                        choices.append(f"constant after-{used}-{spent + 1}-{depth}")
                    if depth == 0:
                        choices.append(f'"(" operand-{used}-{spent}-1')
                    lines.append(f"operand-{state} ::= " + " | ".join(choices))
                after = [f"op operand-{state}"] if operand_left else []
                if depth == 1:
                    after.append(f'")" after-{used}-{spent}-0')
                elif used == full:
                    after.append('""')
                lines.append(f"after-{state} ::= " + " | ".join(after))
    return "\n".join(lines) + "\n"


# -- the prompts ----------------------------------------------------------------------------------------
# Differently worded prompts with different generic examples (none taken from a workload): a model that
# understands the problem writes the same value under each; one that pattern-matches tends not to.
PROMPTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Turn the word problem into one arithmetic expression that computes the answer. Use each number "
        "from the problem once, with + - * / and parentheses. Write only the expression.",
        (
            ("Pens cost $3 each. How much do 5 pens cost?", "3 * 5"),
            ("Jo had 40 cards and lost 12 of them. How many cards does Jo have now?", "40 - 12"),
            ("A club has 23 members in June and 19 new members join in July. How many members are there in all?",
             "23 + 19"),
            ("56 sweets are shared equally between 7 bags. How many sweets go in each bag?", "56 / 7"),
            ("A hall has 9 rows of 14 chairs, and 6 chairs are broken. How many chairs can be used?", "9 * 14 - 6"),
            ("A pump moves 20 liters per minute. How many minutes does it take to move 180 liters?", "180 / 20"),
            ("A coat costs $60 and is 20% off. What does it cost now?", "60 * (100 - 20) / 100"),
            ("Ray is 9 and his aunt is 33. How many years older is his aunt?", "33 - 9"),
            ("How many seconds are there in 3 minutes?", "3 * 60"),
        ),
    ),
    (
        "You are a calculator. Read the question and reply with the calculation only, written with the "
        "numbers in the question.",
        (
            ("A bus has 48 seats and 29 of them are taken. How many seats are free?", "48 - 29"),
            ("Each box holds 6 eggs. How many eggs are in 15 boxes?", "6 * 15"),
            ("A team scored 17 points, then 25, then 9. What was the total score?", "17 + 25 + 9"),
            ("A car goes 150 km in 3 hours. What is its speed in km per hour?", "150 / 3"),
            ("Out of 80 people, 15% were late. How many people were late?", "80 * 15 / 100"),
            ("A tank holds 90 liters. 25 liters leak out and 10 liters are added. How many liters are in it now?",
             "90 - 25 + 10"),
            ("A bag of 8 oranges costs $4. How much does one orange cost?", "4 / 8"),
            ("A wall is 5 meters high and 11 meters long. What is its area?", "5 * 11"),
            ("Mia has $50. She buys 2 books at $7 each. How much money does she have left?", "50 - 2 * 7"),
        ),
    ),
    (
        "Write the arithmetic that answers the question. Reply with numbers and + - * / ( ) only.",
        (
            ("Lena picks 34 apples and her brother picks 27. How many apples do they pick altogether?", "34 + 27"),
            ("A farm has 120 sheep and sells 45 of them. How many sheep remain?", "120 - 45"),
            ("Chairs cost $25 each. What do 4 chairs cost?", "25 * 4"),
            ("72 stickers are split equally among 6 friends. How many stickers does each friend get?", "72 / 6"),
            ("A runner covers 10 km in 50 minutes. How many minutes does she take per km?", "50 / 10"),
            ("A shop takes 10% off a $40 lamp. What is the new price?", "40 * (100 - 10) / 100"),
            ("A book has 240 pages and Ana has read 95. How many pages are left?", "240 - 95"),
            ("A printer makes 12 copies a minute. How many copies does it make in 5 minutes?", "12 * 5"),
        ),
    ),
)


def prompt(problem: WordProblem, which: int) -> list[dict]:
    """The messages for expression number `which` (an index into PROMPTS): instructions, examples, and
    the problem last, so llama.cpp keeps the shared beginning read between requests."""
    instructions, examples = PROMPTS[which]
    messages = [{"role": "system", "content": instructions}]
    for question, expression in examples:
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": expression}]
    return [*messages, {"role": "user", "content": problem.text}]


def shown_answer(expression: str, value: float) -> str:
    """"24 × 58 + 6 = 1,398. The answer is 1398." (× and ÷ for the user; the judge reads the last number)."""
    pretty = expression.replace(" * ", " × ").replace(" / ", " ÷ ")
    plain = shown_number(value).replace(",", "")
    exact = abs(value * 100 - round(value * 100)) < 1e-6
    return f"{pretty} {'=' if exact else '≈'} {shown_number(value)}. The answer is {plain}."


# -- the attempt ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LiteralSum:
    expression: str
    value: float


@dataclass
class Calculation:
    text: str  # the answer shown ("" when no usable expression came out)
    kept: bool  # passed every check: the request is answered here
    reason: str
    call_id: int
    model: str
    attempts: list[Attempt]
    counterfactual_usd: float = 0.0  # what the top tier would have charged for this answer

    def result(self, tier, request: LLMRequest, attempts: list[Attempt]) -> RouteResult:
        """The route's result when the calculation is kept (`attempts`: the route's, this one's included)."""
        return RouteResult(self.text, tier.name, self.model, self.call_id, 0.0, self.counterfactual_usd, list(attempts),
                           kind=request.kind, kind_reason=request.kind_reason)


def calculating_model(work: LiteralSum | WordProblem, tier) -> str:
    """What answers, as the chat shows it: the app alone for a literal sum, else the tier's model."""
    return CALCULATOR if isinstance(work, LiteralSum) else tier.model_name


def calculable(step: TierStep, request: LLMRequest) -> LiteralSum | WordProblem | None:
    """What the app can work out for this request on this tier: a literal sum or a word problem, or None
    (the tier answers as usual)."""
    tier = step.tier
    if (request.kind != "reasoning" or request.check is not None or request.constraint is not None
            or tier.trust != "local" or step.privacy.action != "none"):
        return None
    # The small local model this is for: the embedded one, or one served by llama.cpp (a grammar). A
    # bigger local model behind another server answers in its own words, literal sums included.
    if tier.config.backend != "embedded" and tier.config.structured_output != "llama.cpp":
        return None
    question = question_of(request.messages)
    if (found := literal_sum(question)) is not None:
        return LiteralSum(*found)
    return word_problem(question, MODEL_MAX_NUMBERS)


async def work_out(
    work: LiteralSum | WordProblem, step: TierStep, request: LLMRequest, ledger, budget, *,
    confirm: bool, counterfactual: Callable[[StreamStats], float],
) -> Calculation:
    """Answer by calculation, recorded in the ledger like any attempt (one row per model call; the first
    row holds the answer shown, the others are agreement samples).

    confirm: two sensible expressions must agree and none disagree. One expression per prompt: when
    exactly one of the first two makes sense, the third prompt decides; when neither does, none is
    kept. Without confirm (the last tier: no one to escalate to) the first sensible one is kept; when
    none makes sense there, the cascade lets the model answer in its own words.
    """
    tier = step.tier
    if isinstance(work, LiteralSum):
        text = shown_answer(work.expression, work.value)
        call_id = ledger.start(request.purpose, CALCULATOR, request.messages, request_id=request.request_id,
                               kind=request.kind, kind_reason=request.kind_reason, tier=tier.name)
        ledger.finish(call_id, text, "done", StreamStats(model=CALCULATOR))
        reason, would_cost = "a sum, worked out without a model", counterfactual(_answer_stats(tier, text))
        ledger.route(call_id, cost=0, counterfactual=would_cost, outcome="accepted", reason=reason)
        return Calculation(text, True, reason, call_id, CALCULATOR,
                           [Attempt(tier.name, CALCULATOR, call_id, "accepted", reason)], counterfactual_usd=would_cost)
    needed = 2 if confirm else 1
    samples: list[tuple[Call | None, float | None, str]] = []
    for which in range(len(PROMPTS)):
        sensible = [value for _, value, why in samples if value is not None and not why]
        if len(sensible) >= needed or (which == len(PROMPTS) - 1 and not sensible):
            break
        samples.append(await _expression(work, which, step, request, ledger, budget))
    first = samples[0][0]
    if first is None:
        why = samples[0][2]
        return Calculation("", False, why, 0, tier.model_name, [Attempt(tier.name, tier.model_name, 0, "failed", why)])
    written = [(call.text, value, why) for call, value, why in samples if call is not None]
    sensible = [(text, value) for text, value, why in written if value is not None and not why]
    values = {shown_number(value) for _, value in sensible}
    kept = len(sensible) >= needed and len(values) == 1
    said = "; ".join(f"{text} = {shown_number(value)}" + (f" ({why})" if why else "") if value is not None
                     else f"{text} ({why})" for text, value, why in written)
    reason = f"program-aided: {'calculated' if kept else 'not kept'}: {said}"
    shown_text, shown_value = sensible[0] if sensible else (written[0][0], written[0][1])
    text = shown_answer(shown_text, shown_value) if shown_value is not None else ""
    if text:  # the first row shows what the user saw; what each prompt wrote is in the reason
        ledger.finish(first.call_id, text, "done", first.stats)
    outcome, would_cost = "accepted" if kept else "escalated", counterfactual(_answer_stats(tier, text))
    ledger.route(first.call_id, cost=first.cost, counterfactual=would_cost, outcome=outcome, reason=reason)
    attempts = [Attempt(tier.name, tier.model_name, first.call_id, outcome, reason, first.cost)]
    for call, _, _ in samples[1:]:
        if call is not None:
            ledger.route(call.call_id, cost=call.cost, counterfactual=0, outcome="agreement-sample", reason=reason)
            attempts.append(Attempt(tier.name, tier.model_name, call.call_id, "agreement-sample", reason, call.cost))
    return Calculation(text, kept, reason, first.call_id, tier.model_name, attempts, would_cost)


async def _expression(problem: WordProblem, which: int, step: TierStep, request: LLMRequest, ledger, budget):
    """(the call, the value of the expression it wrote or None, why it is not usable or ""); the call is
    None when it could not be made (then the reason says why)."""
    messages = prompt(problem, which)
    asked = LLMRequest(messages, purpose=request.purpose, kind=request.kind, max_tokens=EXPRESSION_TOKENS,
                       temperature=0.0, constraint=OutputConstraint(gbnf=expression_grammar(problem)),
                       conversation=request.conversation, request_id=request.request_id,
                       kind_reason=request.kind_reason)
    call = Call(ledger, budget, step.tier, TierPrivacy("none", tuple(messages)), asked, temperature=0.0, sample=which > 0)
    async with aclosing(call.run()) as pieces:
        try:
            await anext(pieces)
        except BudgetExceeded as error:
            return None, None, f"over budget: {error}"
        async for _ in pieces:
            pass
    if call.error is not None:
        return None, None, f"failed: {call.error}"
    call.text = call.text.strip()
    try:
        value = evaluate(call.text)
    except (ValueError, ZeroDivisionError, OverflowError) as error:
        cut = " (cut off)" if call.cut_off else ""
        return call, None, f"{call.text!r} cannot be worked out{cut}: {error}"
    return call, value, not_sensible(problem, call.text, value)


def _answer_stats(tier, text: str) -> StreamStats:
    """The shown answer's size, for what the top tier would have charged to write it."""
    tokens = tier.backend.count_tokens(text) if tier.backend is not None and text else 0
    return StreamStats(completion_tokens=tokens)
