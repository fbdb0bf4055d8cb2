"""Routing as plan → attempts → ledger: the plan is decided once, before any call; each attempt is one
budget charge and one ledger row."""

from __future__ import annotations

import dataclasses

import pytest

from whittle.config import BudgetConfig, RouterConfig, TierConfig
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.router.budget import Budget
from whittle.router.cascade import Router
from whittle.router.ledger import Ledger
from whittle.router.plan import PrivacyGate, build_plan
from whittle.router.prices import FREE, Price
from whittle.router.request import LLMRequest
from whittle.router.tier_runtime import Tier

from .test_agreement import ScriptedBackend


class Policy:
    """A privacy policy with the real one's contract, deciding by a fixed word (the real detectors are
    tested in tests/privacy): 'secret' is sensitive."""

    def __init__(self):
        self.calls: list[str] = []

    def decide(self, trust, messages, pinned, known=None):
        self.calls.append(trust)
        sensitive = any("secret" in m["content"] for m in messages)
        masked = [{**m, "content": m["content"].replace("secret", "<SECRET_1>")} for m in messages]
        mapping = {"<SECRET_1>": "secret"} if sensitive else {}
        pin = pinned or sensitive
        if trust == "local" or not sensitive and not pinned:
            return _Decision("allow", list(messages), mapping, pin)
        if trust == "trusted":
            return _Decision("mask", masked, mapping, pin)
        return _Decision("keep_local", [], mapping, pin, notice="secret stays local")


@dataclasses.dataclass
class _Decision:
    action: str
    messages: list
    mapping: dict
    pin: bool
    notice: str = ""
    kinds: tuple = ("SECRET",)

    def unmasker(self):
        return _Unmasker()


class _Unmasker:
    def feed(self, piece):
        return piece.replace("<SECRET_1>", "secret")

    def flush(self):
        return ""


def _tier(name: str, trust: str, answers: list[str], price: Price = FREE, unavailable: str | None = None) -> Tier:
    config = TierConfig(name=name, backend="openai", base_url="http://127.0.0.1:9/v1", model=name, trust=trust)
    return Tier(config, ScriptedBackend(name, answers), price, unavailable=unavailable)


def test_the_plan_holds_every_decision_made_before_a_call(tmp_path):
    db = Database(tmp_path / "p.db")
    policy = Policy()
    gate = PrivacyGate(policy, KeyValueStore(db))
    tiers = [_tier("local", "local", []), _tier("gone", "trusted", [], unavailable="no key"),
             _tier("trusted", "trusted", []), _tier("trusted2", "trusted", []), _tier("open", "untrusted", [])]
    request = LLMRequest([{"role": "user", "content": "Summarise this note: my secret is safe, and the plan for the launch is on track for Friday."}], purpose="t", conversation="c1")
    plan = build_plan(request, tiers, gate, difficulty=None, skip_cheapest_above=1.0, caching=True)
    assert plan.kind == request.kind == "chat" and "summarise" in plan.kind_reason, "classified, with its reason"
    assert [(s.tier.name, s.privacy.action, s.is_last) for s in plan.steps] == [
        ("local", "none", False), ("trusted", "masked", False), ("trusted2", "masked", False), ("open", "kept-local", True)]
    assert plan.steps[1].privacy.messages[0]["content"] == "Summarise this note: my <SECRET_1> is safe, and the plan for the launch is on track for Friday."
    assert [(a.tier, a.reason) for a in plan.skipped] == [("gone", "no key")]
    assert plan.cache_key is not None and plan.cache_key[0] == request.messages[-1]["content"]
    assert policy.calls == ["local", "trusted", "untrusted"], "one decision per trust level"
    assert gate.is_pinned("c1") and gate.kv.get("privacy", "mapping:c1") == {"<SECRET_1>": "secret"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        plan.steps = ()  # type: ignore[misc]
    hot = LLMRequest([{"role": "user", "content": "Write a poem."}], purpose="t", temperature=0.9)
    assert build_plan(hot, tiers, gate, difficulty=None, skip_cheapest_above=1.0, caching=True).cache_key is None


def test_a_value_seen_by_a_local_only_turn_is_masked_in_later_turns(tmp_path):
    """The pinned conversation keeps its masking map, not only its pin (issue 13, item 7)."""
    db = Database(tmp_path / "p.db")
    gate = PrivacyGate(Policy(), KeyValueStore(db))
    local_only = LLMRequest([{"role": "user", "content": "my secret"}], purpose="t", conversation="c2")
    build_plan(local_only, [_tier("local", "local", [])], gate, difficulty=None, skip_cheapest_above=1.0, caching=False)
    assert gate.kv.get("privacy", "mapping:c2") == {"<SECRET_1>": "secret"}


async def test_each_attempt_is_one_charge_and_one_ledger_row(tmp_path):
    db = Database(tmp_path / "p.db")
    paid = Price(1000.0, 1000.0, "whittle.toml")
    tiers = [_tier("cheap", "local", [""], paid), _tier("better", "trusted", ["Paris."], paid)]
    router = Router(tiers, Ledger(db), Budget(db, BudgetConfig(daily_usd=5.0)), KeyValueStore(db),
                    RouterConfig(cache=False))
    result = await router.complete(LLMRequest([{"role": "user", "content": "Capital of France?"}], purpose="t"))
    assert result.tier == "better" and [a.outcome for a in result.attempts] == ["escalated", "accepted"]
    rows = db.query("SELECT id, tier, outcome, cost_usd FROM llm_calls ORDER BY id")
    charges = db.query("SELECT state, actual_usd, reserved_usd FROM budget_charges ORDER BY id")
    assert [r["tier"] for r in rows] == ["cheap", "better"] and len(charges) == 2
    assert [a.call_id for a in result.attempts] == [r["id"] for r in rows]
    for row, charge in zip(rows, charges, strict=True):
        assert charge["state"] == "settled" and charge["actual_usd"] == pytest.approx(row["cost_usd"])
        assert charge["actual_usd"] <= charge["reserved_usd"]


def test_a_pinned_request_plans_only_that_tier_and_skips_the_cache(tmp_path):
    from whittle.router.plan import UnknownTier

    gate = PrivacyGate(Policy(), KeyValueStore(Database(tmp_path / "w.db")))
    tiers = [_tier("local", "local", ["a"]), _tier("remote", "trusted", ["b"])]
    request = LLMRequest([{"role": "user", "content": "hi"}], purpose="t", kind="chat", tier="remote")
    plan = build_plan(request, tiers, gate, difficulty=None, skip_cheapest_above=1.0, caching=True)
    assert [step.tier.name for step in plan.steps] == ["remote"] and plan.cache_key is None
    with pytest.raises(UnknownTier, match="the configured tiers are: local, remote"):
        build_plan(LLMRequest([{"role": "user", "content": "hi"}], purpose="t", tier="big"), tiers, gate,
                   difficulty=None, skip_cheapest_above=1.0, caching=True)
