"""The cascade with real components: the embedded model as tier 1, llama.cpp's server on 127.0.0.1
as a paid-priced tier 2."""


import pytest
from pydantic import BaseModel

from whittle.config import Settings
from whittle.core import Whittle
from whittle.router.checks import JsonCheck

PAID = {"price_input_per_mtok": 10.0, "price_output_per_mtok": 30.0}


def _config(home, remote, *, local=True, budget=1.0, min_mean_logprob=-1.6, router_extra=""):
    tiers = []
    if local:
        tiers.append('[[tiers]]\nname = "local"\nbackend = "embedded"\n')
    tiers.append(
        f'[[tiers]]\nname = "remote"\nbackend = "openai"\nbase_url = "{remote["base_url"]}"\n'
        f'model = "{remote["model"]}"\ntrust = "trusted"\nprovider = "test"\n'
        f'price_input_per_mtok = {PAID["price_input_per_mtok"]}\nprice_output_per_mtok = {PAID["price_output_per_mtok"]}\n'
    )
    text = "\n".join(tiers) + f"\n[budgets]\ndaily_usd = {budget}\n\n[router]\nmin_mean_logprob = {min_mean_logprob}\n{router_extra}"
    (home / "whittle.toml").write_text(text)


@pytest.fixture
def make_whittle(home, model, remote_server):
    made = []

    def make(**options):
        _config(home, remote_server, **options)
        instance = Whittle(Settings(home=home, max_tokens=16), model=model)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.close()


def _ledger(whittle):
    return [dict(r) for r in whittle.db.query("SELECT tier, outcome, cost_usd, counterfactual_usd, reason, request_id FROM llm_calls ORDER BY id")]


async def test_a_confident_local_answer_costs_nothing_and_records_the_saving(make_whittle):
    whittle = make_whittle(min_mean_logprob=-50)
    result = await whittle.route([{"role": "user", "content": "Say hello."}], purpose="test", max_tokens=8)
    assert result.tier == "local" and result.cost_usd == 0
    assert result.counterfactual_usd > 0, "what the top tier would have charged"
    (row,) = _ledger(whittle)
    assert row["outcome"] == "accepted" and row["counterfactual_usd"] == pytest.approx(result.counterfactual_usd)


async def test_a_failed_check_escalates_to_the_paid_tier_and_is_charged(make_whittle):
    whittle = make_whittle(min_mean_logprob=0.0)  # no local answer is ever confident enough
    result = await whittle.route([{"role": "user", "content": "Name a colour."}], purpose="test", max_tokens=8)
    assert result.tier == "remote" and result.cost_usd > 0
    rows = _ledger(whittle)
    assert [(r["tier"], r["outcome"]) for r in rows] == [("local", "escalated"), ("remote", "accepted")]
    assert "low confidence" in rows[0]["reason"]
    assert rows[0]["request_id"] == rows[1]["request_id"]
    assert whittle.budget.spent(day=None) == pytest.approx(result.cost_usd)


async def test_structured_extraction_escalates_when_the_json_is_invalid(make_whittle):
    class Person(BaseModel):
        name: str
        age: int

    # Unshaped: with the grammar on (the default) the JSON always parses; tests/router/test_constrain.py
    whittle = make_whittle(min_mean_logprob=-50, router_extra="constrain_checked = false\n")
    check = JsonCheck(Person)
    result = await whittle.route(
        [{"role": "user", "content": "Write the word banana."}], purpose="test", kind="extraction", max_tokens=8, check=check
    )
    rows = _ledger(whittle)
    assert rows[0]["tier"] == "local" and rows[0]["outcome"] == "escalated" and "JSON" in rows[0]["reason"]
    assert rows[-1]["tier"] == "remote"
    assert result.tier == "remote"


async def test_over_budget_the_answer_stays_local(make_whittle):
    whittle = make_whittle(min_mean_logprob=0.0, budget=0.0)
    result = await whittle.route([{"role": "user", "content": "Say hi."}], purpose="test", max_tokens=8)
    assert result.tier == "local" and result.cost_usd == 0
    assert "over budget" in result.reason and "no higher tier could answer" in _ledger(whittle)[0]["reason"]


async def test_a_label_is_judged_by_its_share_of_what_the_grammar_allows(make_whittle):
    import math

    from whittle.router.checks import ChoiceCheck

    whittle = make_whittle(min_mean_logprob=-50, router_extra="cache = false\n")
    messages = [{"role": "user", "content": "Is this review positive or negative? 'I love these shoes.'"}]
    labels = ["positive", "negative"]
    kept = await whittle.route(messages, purpose="test", max_tokens=4, check=ChoiceCheck(labels, min_probability=0.0))
    assert kept.tier == "local" and kept.text in labels
    # The default threshold (chosen for the bundled model by bench/workload/calibrate.py) keeps no label.
    escalated = await whittle.route(messages, purpose="test", max_tokens=4, check=ChoiceCheck(labels))
    assert escalated.tier == "remote"
    rows = [dict(r) for r in whittle.db.query("SELECT tier, outcome, reason, confidence FROM llm_calls ORDER BY id")]
    local = [r for r in rows if r["tier"] == "local"]
    assert [r["outcome"] for r in local] == ["accepted", "escalated"]
    assert all("label probability" in r["reason"] for r in local)
    # Recorded confidence is the log of the label's share: between log(1/2)-ish and 0, not a raw token logprob.
    share = math.exp(local[0]["confidence"])
    assert 0.0 < share < 1.0 and f"{share:.2f}" in local[0]["reason"]
