"""One process of the concurrent budget test (and bench/budget_stress.py): N paid requests at once
through the router against a shared SQLite database, all starting at a given wall-clock time.

    python tests/router/budget_worker.py DB BASE_URL MODEL DAILY_USD N BARRIER_DIR:PARTIES [MAX_TOKENS]

The processes meet at a barrier first (each writes a file in BARRIER_DIR and waits for PARTIES of
them), so their requests really race for the SQLite write lock.

Prints one JSON line: answered, refused_over_budget, other_errors, and when the first and last
refusals happened (to show that two processes were deciding at the same time).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

from whittle.config import BudgetConfig, RouterConfig, TierConfig
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.router.budget import Budget
from whittle.router.cascade import NoTierAvailable, Router
from whittle.router.ledger import Ledger
from whittle.router.request import LLMRequest
from whittle.router.tier_runtime import build_tiers

SPREAD_S = 0.04  # between one request's start and the next's, in each process: both keep deciding for 1 s


def meet(barrier: str) -> None:
    folder, parties = barrier.rsplit(":", 1)
    (Path(folder) / f"ready-{os.getpid()}").touch()
    while len(list(Path(folder).iterdir())) < int(parties):
        time.sleep(0.0005)


async def main(db_path: Path, base_url: str, model: str, daily: float, count: int, barrier: str, max_tokens: int) -> dict:
    db = Database(db_path)
    tier = TierConfig(name="paid", backend="openai", base_url=base_url, model=model, trust="trusted", provider="test",
                      price_input_per_mtok=1000.0, price_output_per_mtok=3000.0, timeout_s=60)
    router = Router(build_tiers([tier], None), Ledger(db), Budget(db, BudgetConfig(daily_usd=daily)),
                    KeyValueStore(db), RouterConfig(cache=False))
    refusals: list[float] = []
    answered = 0
    errors: list[str] = []

    async def one(number: int) -> None:
        nonlocal answered
        await asyncio.sleep(number * SPREAD_S)
        request = LLMRequest([{"role": "user", "content": "Say hi."}], purpose="load", kind="chat", max_tokens=max_tokens)
        try:
            await router.complete(request)
            answered += 1
        except NoTierAvailable as error:
            if "over budget" in str(error):
                refusals.append(time.time())
            else:
                errors.append(str(error))

    meet(barrier)
    await asyncio.gather(*[one(number) for number in range(count)])
    db.close()
    return {"answered": answered, "refused_over_budget": len(refusals), "other_errors": errors,
            "first_refusal": min(refusals, default=0.0), "last_refusal": max(refusals, default=0.0)}


if __name__ == "__main__":
    db, url, model, daily, count, barrier, *rest = sys.argv[1:]
    report = asyncio.run(main(Path(db), url, model, float(daily), int(count), barrier, int(rest[0]) if rest else 8))
    print(json.dumps(report))
