"""A remote tier that fails — times out, answers 500, sends a malformed or a cut stream — against a real
server on 127.0.0.1 (tests/router/faulty_server.py). The router falls back to the next tier or says
clearly that none could answer; the ledger keeps the failed attempt; its reservation is released."""

from __future__ import annotations

import pytest

from tests.support.whittle_toml import server_tier, write_config
from whittle.config import Settings
from whittle.core import Whittle
from whittle.llm.base import ModelError, StreamStats
from whittle.llm.openai_compat import OpenAICompatModel
from whittle.router.cascade import (
    AttemptRejected,
    AttemptStarted,
    Finished,
    NoTierAvailable,
    Piece,
)

from .test_budget_limits import ask, charges, ledger, make_router, paid_tier

FAULTS = {
    "slow-5": "no answer within 1s",  # the tier's timeout_s is 1
    "status-500": "InternalServerError",
    "malformed": "not an OpenAI-compatible stream",
    "truncated": "the connection",  # to .* failed or broke / broke mid-answer: where httpx notices
    "unfinished": "the stream ended before the answer was finished",
}


@pytest.mark.parametrize("mode", list(FAULTS))
async def test_a_failing_tier_falls_back_and_its_attempt_is_recorded_and_released(tmp_path, faulty_server, mode):
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, mode, "flaky", timeout_s=1),
                                             paid_tier(faulty_server, "remote-smollm2", "steady")])
    events = [event async for event in router.stream(ask("Say hello."))]
    result = events[-1].result
    assert isinstance(events[-1], Finished) and result.tier == "steady" and result.text
    assert [(a.tier, a.outcome) for a in result.attempts] == [("flaky", "failed"), ("steady", "accepted")]
    assert FAULTS[mode] in result.attempts[0].reason and "flaky" in result.attempts[0].reason
    rejected = [e for e in events if isinstance(e, AttemptRejected)]
    assert len(rejected) == 1 and FAULTS[mode] in rejected[0].reason
    started = [e for e in events if isinstance(e, AttemptStarted)]
    assert [(e.tier, e.replaces_previous) for e in started] == [("flaky", False), ("steady", True)]
    failed, answered = ledger(router)
    assert (failed["tier"], failed["status"], failed["outcome"], failed["cost_usd"]) == ("flaky", "error", "failed", 0)
    assert answered["outcome"] == "accepted" and answered["cost_usd"] > 0
    released, settled = charges(router)
    assert (released["state"], released["actual_usd"]) == ("released", 0)
    assert settled["state"] == "settled" and router.budget.spent() == pytest.approx(answered["cost_usd"])


async def test_text_shown_by_a_failed_tier_is_replaced_by_the_next_answer(tmp_path, faulty_server):
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "truncated", "flaky"),
                                             paid_tier(faulty_server, "remote-smollm2", "steady")])
    shown: list[str] = []
    async for event in router.stream(ask("Say hello.")):
        if isinstance(event, AttemptStarted) and event.replaces_previous:
            assert "".join(shown) == "Once upon a", "the cut stream's text was on screen"
            shown.clear()  # what the chat hub does: the bubble is cleared (TextReset before the event rename)
        elif isinstance(event, Piece):
            shown.append(event.text)
        elif isinstance(event, Finished):
            assert "".join(shown) == event.result.text
    assert ledger(router)[0]["response"] == "Once upon a", "the failed attempt's partial answer is kept in its row"


async def test_when_every_tier_fails_the_error_names_each_and_nothing_is_charged(tmp_path, faulty_server):
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "status-500", "a"),
                                             paid_tier(faulty_server, "malformed", "b")])
    with pytest.raises(NoTierAvailable) as error:
        await router.complete(ask("Say hello."))
    message = str(error.value)
    assert "a: " in message and "InternalServerError" in message and "b: " in message and "whittle.toml" in message
    assert [r["outcome"] for r in ledger(router)] == ["failed", "failed"]
    assert [c["state"] for c in charges(router)] == ["released", "released"] and router.budget.spent() == 0


async def test_the_backend_raises_model_error_for_each_fault(faulty_server):
    for mode, says in FAULTS.items():
        backend = OpenAICompatModel(paid_tier(faulty_server, mode, timeout_s=1))
        stats = StreamStats()
        with pytest.raises(ModelError, match=says):
            async for _ in backend.stream([{"role": "user", "content": "hi"}], max_tokens=4, stats=stats):
                pass
    refused = OpenAICompatModel(paid_tier({"base_url": "http://127.0.0.1:9/v1"}, "m", timeout_s=1))
    with pytest.raises(ModelError, match="APIConnectionError"):
        async for _ in refused.stream([{"role": "user", "content": "hi"}], max_tokens=4):
            pass


async def test_in_the_chat_a_failed_first_tier_leaves_only_the_answer_that_worked(home, model, faulty_server):
    prices = {"price_input_per_mtok": 1.0, "price_output_per_mtok": 1.0}
    write_config(home, server_tier(faulty_server, "flaky", model="truncated", trust="local", **prices),
                 server_tier(faulty_server, "steady", trust="local", **prices))  # local: no privacy guard to load
    whittle = Whittle(Settings(home=home, max_tokens=12), model=model)
    try:
        answer = await whittle.chat.prompt("Say hello.", max_tokens=12)
        assert answer.status == "done" and answer.content and "Once upon a" not in answer.content
        assert answer.model.startswith("remote-smollm2 (steady)")
        rows = whittle.db.query("SELECT tier, outcome FROM llm_calls ORDER BY id")
        assert [tuple(r) for r in rows] == [("flaky", "failed"), ("steady", "accepted")]
    finally:
        whittle.close()
