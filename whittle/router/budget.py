"""Budgets that no path can overspend: reserve before a paid call, settle after.

A reservation is the most the call can cost (its input plus max_tokens of output). It
is checked against every limit that applies and written in one BEGIN IMMEDIATE
transaction, so concurrent requests (threads or processes) and escalation paths
serialize on SQLite's write lock and cannot together pass a limit. Local tiers are exempt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from whittle.db import Database, Migration
from whittle.router.tiers import BudgetConfig

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
)
# What a charge counts for while it is open: its reservation; once settled: what it cost.
_COUNTED = "COALESCE(SUM(CASE state WHEN 'settled' THEN actual_usd WHEN 'reserved' THEN reserved_usd ELSE 0 END), 0)"


class BudgetExceeded(RuntimeError):
    """str(error) says which budget, what is spent, and how to change it."""


@dataclass(frozen=True)
class Reservation:
    id: int
    amount: float


class Budget:
    def __init__(self, db: Database, config: BudgetConfig):
        self.db = db
        self.config = config
        db.migrate(MIGRATIONS)

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
                "INSERT INTO budget_charges (tier, provider, reserved_usd, state, day, month) VALUES (?, ?, ?, 'reserved', ?, ?)",
                (tier, provider, amount, day, month),
            )
        return Reservation(int(cursor.lastrowid), amount)

    def settle(self, reservation: Reservation, actual: float) -> None:
        self.db.execute("UPDATE budget_charges SET state='settled', actual_usd=? WHERE id=?", (actual, reservation.id))

    def release(self, reservation: Reservation) -> None:
        """The call failed before anything was billed."""
        self.db.execute("UPDATE budget_charges SET state='released', actual_usd=0 WHERE id=?", (reservation.id,))

    def spent(self, *, day: str | None = None, month: str | None = None) -> float:
        where, params = ("day=?", (day,)) if day else ("month=?", (month,)) if month else ("1=1", ())
        return self.db.query_one(f"SELECT {_COUNTED} FROM budget_charges WHERE {where}", params)[0]

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
