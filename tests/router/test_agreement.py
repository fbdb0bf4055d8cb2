"""Agreement of two samples: the comparison by kind, the cascade step, its config, and the real model."""

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.support.whittle_toml import refused_config
from whittle.config import (
    BudgetConfig,
    RouterConfig,
    Settings,
    TierConfig,
    load_config,
)
from whittle.core import Whittle
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.router import report
from whittle.router.agreement import answer_key, choices_in, compare, implied_check
from whittle.router.budget import Budget
from whittle.router.cascade import Piece, Router
from whittle.router.checks import ChoiceCheck, JsonCheck, RegexCheck
from whittle.router.ledger import Ledger
from whittle.router.prices import FREE, Price
from whittle.router.request import LLMRequest
from whittle.router.tier_runtime import Tier

EXAMPLE = Path(__file__).resolve().parents[2] / "whittle.example.toml"

# -- the comparison ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, first, second, check, agree, reason",
    [
        ("reasoning", "17 * 23 = 391.", "So 17 * 23 = 3217.", None, False, "two samples disagree: 391 vs 3217"),
        ("reasoning", "17 * 23 = 391, so the answer is 391.", "#### 391", None, True, "two samples agree: 391"),
        ("reasoning", "It costs $1,200 in total.", "1200", None, True, "two samples agree: 1200"),
        ("reasoning", "The answer is 42", "I am not sure.", None, False, "two samples disagree: 42 vs no final number"),
        ("reasoning", "I cannot tell.", "42", None, None, "no final number in the answer to compare"),
        ("classification", "Positive. The reviewer loves it.", "The sentiment is positive", None, True,
         "two samples agree: positive"),
        ("classification", "**Negative**", "positive", None, False, "two samples disagree: negative vs positive"),
        ("classification", "It is spam, clearly.", "Looks like ham to me.", ChoiceCheck(["spam", "ham"]), False,
         "two samples disagree: spam vs ham"),
        ("classification", "spam", "SPAM!", ChoiceCheck(["spam", "ham"]), True, "two samples agree: spam"),
        ("extraction", 'Here: {"name": "ACME  Corp", "total": 3}', '```json\n{"Total": "3", "name": "acme corp"}\n```',
         None, True, 'two samples agree: {"name": "acme corp", "total": 3}'),
        ("extraction", '{"name": "Acme", "total": 3}', '{"name": "Acme", "total": 4}', None, False,
         'two samples disagree: {"name": "acme", "total": 3} vs {"name": "acme", "total": 4}'),
        ("extraction", "Order A-7731", "It is A-7731.", RegexCheck(r"[A-Z]-\d{4}"), True, "two samples agree: a-7731"),
        ("extraction", "Order A-7731", "order a-7731", RegexCheck(r"[A-Z]-\d{4}"), False,
         "two samples disagree: a-7731 vs no extracted value"),
        ("extraction", "No JSON here", '{"a": 1}', None, None, "no extracted value in the answer to compare"),
        ("chat", "Hello", "Hi", None, None, "chat answers are not compared"),
        ("summarisation", "Short.", "Brief.", None, None, "summarisation answers are not compared"),
    ],
)
def test_compare_by_kind(kind, first, second, check, agree, reason):
    comparison = compare(kind, first, second, check)
    assert (comparison.agree, comparison.reason) == (agree, reason)


def test_an_answer_cut_off_at_max_tokens_counts_only_a_result_it_reached():
    """Cut off mid-sentence, the last number written is usually the question's own operand."""
    cut = "To calculate 36 * 24, you simply"
    assert answer_key("reasoning", cut) == "24"
    assert answer_key("reasoning", cut, cut_off=True) is None
    assert answer_key("reasoning", "9 + 8 = 17\n\nThis is a classic example of", cut_off=True) == "17"
    rambling = compare("reasoning", "The answer is 5.", "This question is a classic 2 + 3", second_cut_off=True)
    assert (rambling.agree, rambling.reason) == (False, "two samples disagree: 5 vs no final number (cut off at max_tokens)")
    assert compare("reasoning", cut, "#### 864", first_cut_off=True).agree is None


@pytest.mark.parametrize(
    "question, choices",
    [
        ("Is this review positive or negative? 'Arrived broken.'", ["positive", "negative"]),
        ("Classify this review as positive, negative or neutral: 'ok'", ["positive", "negative", "neutral"]),
        ("Is this a question or a statement: 'The meeting moved'", ["question", "statement"]),
        ("What is the sentiment of this tweet: 'so smooth!'", []),
    ],
)
def test_a_classification_question_lists_its_choices(question, choices):
    assert choices_in(question) == choices


def test_free_text_labels_are_compared_by_the_choices_the_question_lists():
    check = implied_check("classification", None, "Is this review positive or negative? 'Arrived broken.'")
    same = compare("classification", "A positive review.", "This review is considered positive, as", check)
    assert (same.agree, same.reason) == (True, "two samples agree: positive")
    assert implied_check("reasoning", None, "Is 3 odd or even?") is None


def test_long_values_are_cut_in_the_reason():
    first = '{"text": "' + "a" * 80 + '"}'
    assert len(compare("extraction", first, '{"text": "b"}').reason) < 120
    assert answer_key("extraction", first) == '{"text": "' + "a" * 80 + '"}'


# -- the cascade step, with scripted tiers -------------------------------------------------------------


class ScriptedBackend:
    """A tier's model answering from a script; remembers the temperature of every call."""

    n_ctx = 2048

    def __init__(self, name: str, answers: list[str]):
        self.name = name
        self.answers = list(answers)
        self.temperatures: list[float] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_message_tokens(self, message) -> int:
        return self.count_tokens(message["content"]) + 4

    async def stream(self, messages, *, max_tokens=256, temperature=0.2, stats=None, constraint=None):
        self.temperatures.append(temperature)
        answer = self.answers.pop(0)
        if stats is not None:
            stats.prompt_tokens = sum(self.count_message_tokens(m) for m in messages)
            stats.completion_tokens = self.count_tokens(answer)
            stats.usage_reported = True
        middle = len(answer) // 2
        yield answer[:middle]
        yield answer[middle:]


def _tier(name: str, answers: list[str], price: Price = FREE) -> Tier:
    config = TierConfig(name=name, backend="openai", base_url="http://127.0.0.1:9/v1", model=name)
    return Tier(config, ScriptedBackend(name, answers), price)


@pytest.fixture
def make_router(tmp_path):
    db = Database(tmp_path / "router.db")

    def make(tiers: list[Tier], **router_options) -> Router:
        config = RouterConfig(cache=False, **router_options)
        return Router(tiers, Ledger(db), Budget(db, BudgetConfig(daily_usd=1.0)), KeyValueStore(db), config)

    yield make
    db.close()


def _rows(router: Router) -> list[dict]:
    return [
        dict(r)
        for r in router.ledger.db.query(
            "SELECT tier, outcome, reason, kind, request_id, response, cost_usd FROM llm_calls ORDER BY id"
        )
    ]


ASK = [{"role": "user", "content": "What is 17 * 23?"}]


async def test_a_disagreeing_sample_escalates_and_is_never_shown(make_router):
    cheap, better = _tier("cheap", ["17 * 23 = 391.", "17 * 23 = 401."]), _tier("better", ["17 * 23 = 391"])
    router = make_router([cheap, better], agreement_samples=2)
    events = [event async for event in router.stream(LLMRequest(ASK, purpose="test"))]
    shown = "".join(e.text for e in events if isinstance(e, Piece))
    assert "401" not in shown and shown == "17 * 23 = 391." + "17 * 23 = 391"
    result = events[-1].result
    assert result.tier == "better"
    assert cheap.backend.temperatures == [0.2, 0.9], "the second sample is drawn hot, to be independent"
    rows = _rows(router)
    assert [(r["tier"], r["outcome"]) for r in rows] == [
        ("cheap", "escalated"), ("cheap", "agreement-sample"), ("better", "accepted")
    ]
    assert rows[0]["reason"] == "two samples disagree: 391 vs 401"
    assert rows[1]["reason"] == "sample 2 at temperature 0.9: two samples disagree: 391 vs 401"
    assert rows[1]["response"] == "17 * 23 = 401."
    assert {r["kind"] for r in rows} == {"reasoning"} and len({r["request_id"] for r in rows}) == 1
    assert "cheap: agreement-sample (sample 2 at temperature 0.9" in result.reason


async def test_agreeing_samples_keep_the_cheap_answer(make_router):
    cheap, better = _tier("cheap", ["17 * 23 = 391.", "The answer is 391"]), _tier("better", ["never asked"])
    router = make_router([cheap, better], agreement_samples=2)
    result = await router.complete(LLMRequest(ASK, purpose="test"))
    assert result.tier == "cheap" and result.reason.endswith("two samples agree: 391)")
    assert better.backend.temperatures == []
    assert [r["outcome"] for r in _rows(router)] == ["accepted", "agreement-sample"]
    # A sample is a call (the dashboard counts it) but not an escalation.
    summary = report.summary(router.ledger.db, "all")
    assert (summary.requests, summary.calls, summary.escalated_requests) == (1, 2, 0)


async def test_three_samples_stop_at_the_first_disagreement(make_router):
    cheap = _tier("cheap", ["17 * 23 = 391", "391", "400", "unused"])
    router = make_router([cheap, _tier("better", ["391"])], agreement_samples=3)
    result = await router.complete(LLMRequest(ASK, purpose="test"))
    assert result.tier == "better" and "391 vs 400" in _rows(router)[0]["reason"]
    assert len(cheap.backend.temperatures) == 3 and cheap.backend.answers == ["unused"]


@pytest.mark.parametrize(
    "situation, messages, options",
    [
        ("off", ASK, {"agreement_samples": 1}),
        ("a chat request", [{"role": "user", "content": "Say hello."}], {"agreement_samples": 2}),
        ("a kind left out", ASK, {"agreement_samples": 2, "agreement_kinds": ["extraction"]}),
    ],
)
async def test_no_sample_when_agreement_does_not_apply(make_router, situation, messages, options):
    cheap = _tier("cheap", ["17 * 23 = 391.", "a sample nobody should draw"])
    router = make_router([cheap, _tier("better", ["391"])], **options)
    result = await router.complete(LLMRequest(messages, purpose="test"))
    assert result.tier == "cheap" and len(cheap.backend.temperatures) == 1, situation
    assert "agreement-sample" not in [r["outcome"] for r in _rows(router)]


async def test_no_sample_on_the_last_tier_where_a_disagreement_could_not_escalate(make_router):
    only = _tier("only", ["17 * 23 = 391.", "a sample nobody should draw"])
    result = await make_router([only], agreement_samples=2).complete(LLMRequest(ASK, purpose="test"))
    assert result.tier == "only" and len(only.backend.temperatures) == 1


async def test_no_sample_when_the_answer_holds_nothing_to_compare(make_router):
    cheap = _tier("cheap", ["I would rather not say.", "a sample nobody should draw"])
    router = make_router([cheap, _tier("better", ["391"])], agreement_samples=2)
    # A word problem: no written sum for the junk checks to evaluate, so only agreement could object.
    word_problem = [{"role": "user", "content": "A shop has 17 boxes with 23 pens in each box. How many pens are there?"}]
    result = await router.complete(LLMRequest(word_problem, purpose="test", kind="reasoning"))
    assert result.tier == "cheap" and "agreement not checked: nothing to compare" in result.reason
    assert len(cheap.backend.temperatures) == 1


async def test_a_paid_tier_samples_only_when_allowed_and_every_sample_is_charged(make_router):
    paid = Price(1000.0, 1000.0, "whittle.toml")  # $0.001 per token: visible in the ledger
    answers = ["17 * 23 = 391.", "391"]
    cheap = _tier("cheap", list(answers), paid)
    router = make_router([cheap, _tier("better", ["391"])], agreement_samples=2)
    await router.complete(LLMRequest(ASK, purpose="test"))
    assert len(cheap.backend.temperatures) == 1, "agreement_on_paid is off by default: a sample doubles the cost"

    cheap = _tier("cheap", list(answers), paid)
    router = make_router([cheap, _tier("better", ["391"])], agreement_samples=2, agreement_on_paid=True)
    await router.complete(LLMRequest(ASK, purpose="again"))
    rows = [r for r in _rows(router) if r["request_id"] == _rows(router)[-1]["request_id"]]
    assert [r["outcome"] for r in rows] == ["accepted", "agreement-sample"]
    assert all(r["cost_usd"] > 0 for r in rows)
    assert router.budget.spent(day=None) == pytest.approx(sum(r["cost_usd"] for r in _rows(router)))


async def test_extraction_samples_compare_the_parsed_objects(make_router):
    class Invoice(BaseModel):
        number: str
        total: float

    cheap = _tier("cheap", ['{"number": "INV-1", "total": 30}', '{"number": "INV-1", "total": 300}'])
    router = make_router([cheap, _tier("better", ['{"number": "INV-1", "total": 30}'])], agreement_samples=2)
    messages = [{"role": "user", "content": "Invoice INV-1, total 30 EUR."}]
    result = await router.complete(LLMRequest(messages, purpose="test", check=JsonCheck(Invoice)))
    assert result.tier == "better" and result.kind == "extraction"
    assert _rows(router)[0]["reason"].startswith('two samples disagree: {"number": "inv-1", "total": 30} vs')


# -- the configuration ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("agreement_samples = 4", "router.agreement_samples: Input should be less than or equal to 3"),
        ("agreement_samples = 0", "router.agreement_samples: Input should be greater than or equal to 1"),
        ('agreement_kinds = ["chat"]', "router.agreement_kinds.0: Input should be 'extraction', 'classification' or"),
        ("agreement_temperature = 0.2", "router.agreement_temperature: Input should be greater than or equal to 0.7"),
    ],
)
def test_bad_agreement_settings_name_the_field_and_the_fix(tmp_path, text, message):
    refused_config(tmp_path, f"[router]\n{text}\n", message)


def test_agreement_is_off_by_default_and_documented_in_the_example():
    config = load_config(EXAMPLE).router
    assert (config.agreement_samples, config.agreement_on_paid) == (1, False)
    assert config.agreement_kinds == ["extraction", "classification", "reasoning"]
    text = EXAMPLE.read_text()
    assert all(name in text for name in ("agreement_samples", "agreement_kinds", "agreement_on_paid"))


# -- with the real embedded model ----------------------------------------------------------------------

# Twelve questions that the model answers in words, at two temperatures: the test needs one disagreement.
# Three numbers each: more than router/calculator.py lets the small model combine, so it answers in words.
QUESTIONS = [f"Tom has {a} apples, buys {b} more and gets {c} from Ann. How many apples does he have?"
             for a, b, c in [(2, 3, 4), (9, 8, 1), (6, 7, 2), (7, 5, 3), (10, 4, 6), (3, 4, 5), (15, 6, 2), (8, 6, 9),
                             (4, 9, 7), (5, 6, 3), (12, 5, 4), (11, 7, 8)]]
SAMPLE_REASON = "sample 2 at temperature 0.9: "


async def test_with_the_embedded_model_a_disagreeing_sample_escalates(home, model):
    """SmolLM2-135M at temperature 0.9 seldom repeats its answer to a sum: a disagreement comes within a
    few questions. Whatever the samples say, the ledger must hold both and act on their comparison."""
    (home / "whittle.toml").write_text(
        '[[tiers]]\nname = "small"\nbackend = "embedded"\n\n[[tiers]]\nname = "second"\nbackend = "embedded"\n\n'
        "[router]\nagreement_samples = 2\nmin_mean_logprob = -50\nmin_token_logprob = -100\ncache = false\n"
    )
    whittle = Whittle(Settings(home=home, max_tokens=24), model=model)

    def keys(text: str) -> set[str | None]:  # the run's finish reason is not in the ledger: either reading
        return {answer_key("reasoning", text, cut_off=cut) for cut in (False, True)}

    try:
        sampled = 0
        for question in QUESTIONS:
            result = await whittle.route([{"role": "user", "content": question}], purpose="agreement", max_tokens=24)
            rows = [dict(r) for r in whittle.db.query(
                "SELECT tier, outcome, reason, response, kind FROM llm_calls WHERE request_id ="
                " (SELECT request_id FROM llm_calls WHERE id=?) ORDER BY id", (result.call_id,))]
            assert rows[0]["kind"] == "reasoning"
            if len(rows) < 2 or rows[1]["outcome"] != "agreement-sample":
                continue  # the arithmetic check failed first, or the answer had no number to compare
            sampled += 1
            answer, sample = rows[0], rows[1]
            assert answer["tier"] == sample["tier"] == "small" and sample["response"]
            assert sample["reason"].startswith(SAMPLE_REASON)
            comparison = sample["reason"].removeprefix(SAMPLE_REASON)
            if comparison.startswith("two samples agree: "):
                assert answer["outcome"] == "accepted" and result.tier == "small" and len(rows) == 2
                continue
            mine, theirs = re.fullmatch(r"two samples disagree: (\S+) vs (.+)", comparison).groups()
            assert mine in keys(answer["response"]) and mine != theirs
            assert theirs.startswith("no final number") or theirs in keys(sample["response"])
            assert answer["outcome"] == "escalated" and answer["reason"] == comparison
            assert [r["tier"] for r in rows] == ["small", "small", "second"] and result.tier == "second"
            return
        pytest.fail(f"no disagreement in {len(QUESTIONS)} questions ({sampled} sampled): is the sample drawn hot?")
    finally:
        whittle.close()
