"""Budgets that cannot be beaten, against a real OpenAI-compatible server on 127.0.0.1
(tests/router/faulty_server.py: llama-cpp-python's server, reporting the true usage of every answer).

What the server "billed" is its own usage priced at the tier's price; whittle must never let that
pass the budget: not with Chinese or emoji prompts, not when the server reports no usage, not when
it ignores max_tokens, not when the answer is stopped, not across processes, not after a crash.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import aclosing
from pathlib import Path

import pytest

from whittle.config import BudgetConfig, RouterConfig, TierConfig
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.llm.base import byte_token_bound
from whittle.router.budget import Budget
from whittle.router.cascade import NoTierAvailable, Piece, Router
from whittle.router.ledger import Ledger
from whittle.router.prices import Price
from whittle.router.request import LLMRequest
from whittle.router.tier_runtime import build_tiers

PRICE = Price(1000.0, 3000.0, "whittle.toml")  # $ per million tokens: a call costs cents, budgets are hit fast
HERE = Path(__file__).parent
CJK = "请用一句话介绍长城的历史和它为什么重要。"
EMOJI = "🙂🚀🌍🎉🔥 what do these emoji mean? 🐍🦀☕️"


def paid_tier(server: dict, mode: str, name: str = "paid", timeout_s: float = 30) -> TierConfig:
    return TierConfig(name=name, backend="openai", base_url=server["base_url"], model=mode, trust="trusted",
                      provider="test", price_input_per_mtok=PRICE.input_per_mtok,
                      price_output_per_mtok=PRICE.output_per_mtok, timeout_s=timeout_s)


def make_router(db_path: Path, configs: list[TierConfig], daily_usd: float | None = 1.0, model=None) -> Router:
    db = Database(db_path)
    tiers = build_tiers(configs, model)
    return Router(tiers, Ledger(db), Budget(db, BudgetConfig(daily_usd=daily_usd)), KeyValueStore(db),
                  RouterConfig(cache=False))


def true_usage(server: dict, since: int) -> list[dict]:
    return [json.loads(line) for line in server["usage_log"].read_text().splitlines()[since:]]


def log_length(server: dict) -> int:
    return len(server["usage_log"].read_text().splitlines())


def ledger(router: Router) -> list[dict]:
    return [dict(r) for r in router.ledger.db.query(
        "SELECT tier, status, outcome, cost_usd, prompt_tokens, completion_tokens, response FROM llm_calls ORDER BY id")]


def charges(router: Router) -> list[dict]:
    return [dict(r) for r in router.budget.db.query("SELECT * FROM budget_charges ORDER BY id")]


def ask(text: str, max_tokens: int = 12) -> LLMRequest:
    return LLMRequest([{"role": "user", "content": text}], purpose="test", kind="chat", max_tokens=max_tokens)


@pytest.mark.parametrize("prompt", [CJK, EMOJI], ids=["cjk", "emoji"])
async def test_cjk_and_emoji_prompts_never_spend_past_the_budget(tmp_path, faulty_server, prompt):
    request = ask(prompt)
    bound = byte_token_bound(request.messages)
    reservation = PRICE.cost(bound, request.max_tokens)
    budget = reservation * 3.5  # room for three reservations at once; settling frees the unused part
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "remote-smollm2")], daily_usd=budget)
    since = log_length(faulty_server)
    answered = 0
    with pytest.raises(NoTierAvailable, match="over budget"):
        for _ in range(30):
            await router.complete(ask(prompt))
            answered += 1
    billed = [PRICE.cost(u["usage"]["prompt_tokens"], u["usage"]["completion_tokens"]) for u in true_usage(faulty_server, since)]
    assert answered == len(billed) >= 3
    # The server counts ~1 token per Chinese character: the old 4-characters-a-token estimate was below it.
    prompt_tokens = true_usage(faulty_server, since)[0]["usage"]["prompt_tokens"]
    assert prompt_tokens <= bound, "the byte bound is a true upper bound on what the server counts"
    if prompt == CJK:
        assert int((len(prompt) // 4 + 1 + 6) * 1.25) < prompt_tokens, "what the old reservation assumed"
    rows = ledger(router)
    assert [r["cost_usd"] for r in rows] == pytest.approx(billed), "settled at what the server reported"
    assert all(c["actual_usd"] <= c["reserved_usd"] for c in charges(router))
    assert sum(billed) <= budget and router.budget.spent() == pytest.approx(sum(billed))


async def test_a_server_that_reports_no_usage_is_metered_here_and_never_under(tmp_path, faulty_server):
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "no-usage")])
    since = log_length(faulty_server)
    result = await router.complete(ask("Write one sentence about rivers.", max_tokens=24))
    (truth,) = true_usage(faulty_server, since)
    billed = PRICE.cost(truth["usage"]["prompt_tokens"], truth["usage"]["completion_tokens"])
    (row,) = ledger(router)
    assert row["completion_tokens"] > 0, "the old code metered 0 output tokens here"
    (charge,) = charges(router)
    assert result.cost_usd == pytest.approx(charge["actual_usd"])
    assert billed <= charge["actual_usd"] <= charge["reserved_usd"], "never under what was billed, never over the reservation"


async def test_a_server_ignoring_max_tokens_is_stopped_at_the_reservation(tmp_path, faulty_server):
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "endless")])
    result = await router.complete(ask("Count.", max_tokens=20))
    assert result.text.split() == [f"w{i}" for i in range(1, 21)], "exactly max_tokens pieces, then stopped"
    assert "stopped at the reservation" in result.reason
    (charge,) = charges(router)
    assert charge["state"] == "settled" and charge["actual_usd"] <= charge["reserved_usd"]
    await asyncio.sleep(0.5)  # the server notices the closed connection
    served = [u for u in true_usage(faulty_server, 0) if u["mode"] == "endless"]
    assert served and served[-1]["pieces"] < 200, "the connection was closed, the server stopped generating"


async def test_stopping_a_paid_stream_charges_the_tokens_seen(tmp_path, faulty_server):
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "remote-smollm2")])
    seen = []
    async with aclosing(router.stream(ask("Tell me a long story about a fox.", max_tokens=64))) as events:
        async for event in events:
            if isinstance(event, Piece):
                seen.append(event.text)
                if len(seen) == 3:
                    break  # the user pressed stop: the final usage chunk never arrives
    (row,) = ledger(router)
    prompt_only = PRICE.cost(byte_token_bound(ask("Tell me a long story about a fox.").messages), 0)
    assert row["status"] == "stopped" and row["response"] == "".join(seen)
    output_bytes = len("".join(seen).encode())
    assert row["cost_usd"] == pytest.approx(prompt_only + PRICE.cost(0, output_bytes)), "prompt + what was seen"
    (charge,) = charges(router)
    assert charge["state"] == "settled" and charge["actual_usd"] == pytest.approx(row["cost_usd"])


def test_reservations_of_a_killed_process_expire_at_start_up(tmp_path):
    db_path = tmp_path / "w.db"
    config = BudgetConfig(daily_usd=1.0)
    mine = Budget(Database(db_path), config).reserve("paid", "test", 0.30)  # this process is alive: kept
    crashing = (
        "import os, signal, sys\n"
        "from whittle.db import Database\nfrom whittle.config import BudgetConfig\nfrom whittle.router.budget import Budget\n"
        "Budget(Database(sys.argv[1]), BudgetConfig(daily_usd=1.0)).reserve('paid', 'test', 0.40)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    killed = subprocess.run([sys.executable, "-c", crashing, str(db_path)], check=False)
    assert killed.returncode == -signal.SIGKILL
    open_rows = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM budget_charges WHERE state='reserved'").fetchone()
    assert open_rows == (2,)
    restarted = Budget(Database(db_path), config)  # start-up
    rows = {row[0]: row[1:] for row in sqlite3.connect(db_path).execute(
        "SELECT reserved_usd, state, actual_usd, note FROM budget_charges")}
    assert rows[0.30][0] == "reserved", "a live process's reservation is left alone"
    assert rows[0.40][:2] == ("settled", 0.40) and "expired" in rows[0.40][2]
    assert restarted.spent() == pytest.approx(0.70)
    restarted.settle(mine, 0.05)
    assert restarted.spent() == pytest.approx(0.45)


def test_fifty_concurrent_requests_from_two_processes_answer_exactly_the_affordable(tmp_path, faulty_server):
    """25 requests in each of 2 processes over the same second, against a budget for exactly 10
    reservations. The server waits 3 s before answering, so every reservation is decided before any
    settles: exactly 10 answered, however the two processes interleave on SQLite's write lock."""
    db_path = tmp_path / "shared.db"
    messages = [{"role": "user", "content": "Say hi."}]
    reservation = PRICE.cost(byte_token_bound(messages), 8)
    daily = reservation * 10.5
    make_router(db_path, [paid_tier(faulty_server, "slow-3")], daily_usd=daily)  # migrate once, up front
    barrier = tmp_path / "barrier"
    barrier.mkdir()
    workers = [
        subprocess.Popen([sys.executable, str(HERE / "budget_worker.py"), str(db_path), faulty_server["base_url"],
                          "slow-3", str(daily), "25", f"{barrier}:2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**os.environ, "PYTHONPATH": str(HERE.parents[1])})
        for _ in range(2)
    ]
    reports = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err.decode()[-2000:]
        reports.append(json.loads(out.decode().strip().splitlines()[-1]))
    assert sum(r["answered"] for r in reports) == 10
    assert sum(r["refused_over_budget"] for r in reports) == 40
    assert all(r["other_errors"] == [] for r in reports)
    # Both processes were deciding reservations at the same time: their refusal windows overlap.
    assert max(r["first_refusal"] for r in reports) <= min(r["last_refusal"] for r in reports), reports
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM budget_charges").fetchone()[0] == 10
    assert db.execute("SELECT COUNT(*) FROM budget_charges WHERE state='settled'").fetchone()[0] == 10
    assert db.execute("SELECT SUM(actual_usd) FROM budget_charges").fetchone()[0] <= daily


async def test_a_cancelled_paid_answer_settles_what_it_used_and_closes_its_row(tmp_path, faulty_server):
    """The chat's Stop button cancels the task: the same settle path as closing the stream."""
    router = make_router(tmp_path / "w.db", [paid_tier(faulty_server, "endless")], daily_usd=100)
    task = asyncio.create_task(router.complete(ask("Count.", max_tokens=5000)))
    for _ in range(300):  # until the call is reserved and recorded
        await asyncio.sleep(0.05)
        if charges(router):
            break
    await asyncio.sleep(1.0)  # some pieces arrive
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    (row,) = ledger(router)
    (charge,) = charges(router)
    assert row["status"] == "stopped" and row["outcome"] == "stopped" and row["response"].startswith(" w1 w2")
    assert charge["state"] == "settled" and 0 < charge["actual_usd"] == pytest.approx(row["cost_usd"])
    assert charge["actual_usd"] < charge["reserved_usd"]
