"""Budgets that no path can overspend: reserve a true upper bound before a paid call, settle after.

A reservation is the most the call can cost: its prompt counted by the tier's tokenizer, or
bounded by its UTF-8 bytes when the tier has none (llm/base.py: byte_token_bound), plus
max_tokens of output. It is checked against every limit that applies and written in one
BEGIN IMMEDIATE transaction, so concurrent requests (threads or processes) and escalation
paths serialize on SQLite's write lock and cannot together pass a limit. While the answer
streams, its pieces are counted and the stream is stopped when they reach max_tokens; the
charge settles at what was used, never above the reservation. Local tiers are exempt.

A process killed mid-call (kill -9) leaves its reservation open; the next start-up finds
reservations whose process is gone and settles them at the reserved amount: the most the
call could have cost, since the provider may well have billed it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

import psutil

from whittle.config import BudgetConfig
from whittle.db import Database, Migration
from whittle.llm.base import StreamStats
from whittle.router.prices import Price

MIGRATIONS = (
    Migration(
        "budget_001_create",
        """
        CREATE TABLE budget_charges (
            id INTEGER PRIMARY KEY,
            tier TEXT NOT NULL,
            provider TEXT NOT NULL,
            reserved_usd REAL NOT NULL,
            actual_usd REAL,
            state TEXT NOT NULL CHECK (state IN ('reserved', 'settled', 'released')),
            day TEXT NOT NULL,
            month TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX budget_charges_day ON budget_charges (day);
        CREATE INDEX budget_charges_month ON budget_charges (month)
        """,
    ),
    # Which process holds an open reservation ("pid:start time"), so a later start-up can tell a
    # reservation abandoned by a crash from one a live process is still using; and why a charge
    # was settled as it was, when it was not by its own call.
    Migration(
        "budget_002_owner",
        """
        ALTER TABLE budget_charges ADD COLUMN owner TEXT;
        ALTER TABLE budget_charges ADD COLUMN note TEXT;
        CREATE INDEX budget_charges_open ON budget_charges (state) WHERE state = 'reserved'
        """,
    ),
)
# What a charge counts for while it is open: its reservation; once settled: what it cost.
_COUNTED = "COALESCE(SUM(CASE state WHEN 'settled' THEN actual_usd WHEN 'reserved' THEN reserved_usd ELSE 0 END), 0)"


class BudgetExceeded(RuntimeError):
    """str(error) says which budget, what is spent, and how to change it."""


@dataclass(frozen=True)
class Reservation:
    id: int
    amount: float


def _this_process() -> str:
    return f"{os.getpid()}:{psutil.Process().create_time():.2f}"


def _is_running(owner: str | None) -> bool:
    """Is the process that wrote `owner` still running? (A reused pid has another start time.)"""
    try:
        pid, started = owner.split(":")  # type: ignore[union-attr]
        return abs(psutil.Process(int(pid)).create_time() - float(started)) < 1.0
    except (AttributeError, ValueError, psutil.Error):
        return False


class Budget:
    def __init__(self, db: Database, config: BudgetConfig):
        self.db = db
        self.config = config
        self.owner = _this_process()
        db.migrate(MIGRATIONS)
        self.expire_abandoned()

    def reserve(self, tier: str, provider: str, amount: float, *, now: datetime | None = None) -> Reservation:
        now = now or datetime.now(UTC)
        day, month = now.strftime("%Y-%m-%d"), now.strftime("%Y-%m")
        with self.db.transaction() as conn:
            for label, limit, where, params in self._limits(tier, provider, day, month):
                spent = conn.execute(f"SELECT {_COUNTED} FROM budget_charges WHERE {where}", params).fetchone()[0]
                if spent + amount > limit + 1e-12:
                    raise BudgetExceeded(
                        f"The {label} budget of ${limit:.2f} would be exceeded (${spent:.4f} spent or reserved, "
                        f"this call could cost up to ${amount:.4f}). Raise it under [budgets] in whittle.toml, "
                        "or wait for the next period; local models keep working meanwhile."
                    )
            cursor = conn.execute(
                "INSERT INTO budget_charges (tier, provider, reserved_usd, state, day, month, owner)"
                " VALUES (?, ?, ?, 'reserved', ?, ?, ?)",
                (tier, provider, amount, day, month, self.owner),
            )
        return Reservation(int(cursor.lastrowid), amount)

    def settle(self, reservation: Reservation, actual: float) -> float:
        """Record what the call cost — never more than was reserved — and return that."""
        charged = min(max(actual, 0.0), reservation.amount)
        self.db.execute(
            "UPDATE budget_charges SET state='settled', actual_usd=? WHERE id=? AND state='reserved'",
            (charged, reservation.id),
        )
        return charged

    def release(self, reservation: Reservation) -> None:
        """The call failed: nothing is counted for it."""
        self.db.execute(
            "UPDATE budget_charges SET state='released', actual_usd=0 WHERE id=? AND state='reserved'", (reservation.id,)
        )

    def expire_abandoned(self) -> int:
        """Settle the open reservations of processes that are gone (killed mid-call); return how many."""
        with self.db.transaction() as conn:
            owners = [row[0] for row in conn.execute("SELECT DISTINCT owner FROM budget_charges WHERE state='reserved'")]
            gone = [owner for owner in owners if owner != self.owner and not _is_running(owner)]
            expired = 0
            for owner in gone:
                expired += conn.execute(
                    "UPDATE budget_charges SET state='settled', actual_usd=reserved_usd,"
                    " note='expired: its process ended before the call settled; counted at its reservation'"
                    " WHERE state='reserved' AND owner IS ?",
                    (owner,),
                ).rowcount
        return expired

    def spent(self, *, day: str | None = None, month: str | None = None) -> float:
        where, params = ("day=?", (day,)) if day else ("month=?", (month,)) if month else ("1=1", ())
        return self.db.query_one(f"SELECT {_COUNTED} FROM budget_charges WHERE {where}", params)[0]

    @contextmanager
    def charge(self, tier: str, provider: str, price: Price | None, prompt_bound: int, max_tokens: int) -> Iterator[Charge]:
        """One attempt's money, reserved on entry (BudgetExceeded if it does not fit).

        The body streams into `charge.stats`, calls `charge.settle()` when the answer is complete
        and may check `charge.exhausted()` after each piece. Leaving on an error (ModelError…)
        releases the reservation; leaving because the caller stopped (cancel, generator closed)
        settles at what was used so far: the prompt and the pieces seen.
        """
        free = price is None or (price.input_per_mtok == 0 and price.output_per_mtok == 0)
        reservation = None if free else self.reserve(tier, provider, price.cost(prompt_bound, max_tokens))
        charge = Charge(self, reservation, price, prompt_bound, max_tokens)
        try:
            yield charge
        except Exception:
            charge.release()
            raise
        except BaseException:  # CancelledError, GeneratorExit, KeyboardInterrupt: the call ran, bill what it used
            charge.settle()
            raise
        else:
            charge.settle()

    def _limits(self, tier: str, provider: str, day: str, month: str):
        config = self.config
        if config.daily_usd is not None:
            yield "daily", config.daily_usd, "day=?", (day,)
        if config.monthly_usd is not None:
            yield "monthly", config.monthly_usd, "month=?", (month,)
        if tier in config.per_tier_daily_usd:
            yield f"daily {tier!r} tier", config.per_tier_daily_usd[tier], "day=? AND tier=?", (day, tier)
        if provider in config.per_provider_monthly_usd:
            yield (
                f"monthly {provider!r} provider",
                config.per_provider_monthly_usd[provider],
                "month=? AND provider=?",
                (month, provider),
            )


@dataclass
class Charge:
    """One attempt's meter: its reservation (None on a free tier) and the stats its stream fills."""

    budget: Budget
    reservation: Reservation | None
    price: Price | None
    prompt_bound: int
    max_tokens: int
    stats: StreamStats = field(default_factory=StreamStats)
    output_bytes: int = 0  # UTF-8 bytes of the answer received so far (see `received`)
    cost: float | None = None  # set once settled or released

    def received(self, piece: str) -> None:
        self.output_bytes += len(piece.encode("utf-8"))

    def used(self) -> float:
        """Cost on the evidence so far: the backend's own counts once it reports them. Until then —
        a stopped stream never gets the final usage report, some servers never send one — the
        prompt's bound and the answer's UTF-8 bytes (at least one per token, so never under-counted;
        at most max_tokens), never below the pieces seen."""
        if self.price is None:
            return 0.0
        stats = self.stats
        if stats.usage_reported:
            prompt, completion = stats.prompt_tokens, max(stats.completion_tokens, 0)
        else:
            seen = max(stats.completion_tokens, stats.pieces, self.output_bytes)
            prompt, completion = self.prompt_bound, min(seen, self.max_tokens) if self.reservation else seen
        cost = self.price.cost(prompt, completion)
        return min(cost, self.reservation.amount) if self.reservation is not None else cost

    def exhausted(self) -> bool:
        """The reservation is used up: the stream must stop here (a server ignoring max_tokens)."""
        return self.reservation is not None and self.stats.pieces >= self.max_tokens

    def settle(self) -> float:
        if self.cost is None:
            self.cost = self.budget.settle(self.reservation, self.used()) if self.reservation is not None else 0.0
        return self.cost

    def release(self) -> None:
        if self.cost is None:
            if self.reservation is not None:
                self.budget.release(self.reservation)
            self.cost = 0.0
