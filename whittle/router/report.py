"""Read the ledger back: spend, savings, escalations — what the cost dashboard shows.

A request may have several attempts (escalations). Spend is the sum of what every
attempt cost; the counterfactual is what the request would have cost had it gone
straight to the most capable tier, counted once per request (its largest estimate).
"""

from __future__ import annotations

from dataclasses import dataclass

from whittle.db import Database

PERIODS = {"today": "-0 days", "7d": "-6 days", "30d": "-29 days", "all": None}


@dataclass(frozen=True)
class Summary:
    requests: int
    calls: int
    spend_usd: float
    counterfactual_usd: float
    escalated_requests: int
    local_share: float  # share of requests answered by a $0 tier

    @property
    def saved_usd(self) -> float:
        return max(self.counterfactual_usd - self.spend_usd, 0.0)

    @property
    def saved_pct(self) -> float | None:
        return None if self.counterfactual_usd <= 0 else 100 * self.saved_usd / self.counterfactual_usd

    @property
    def escalation_rate(self) -> float:
        return 0.0 if not self.requests else self.escalated_requests / self.requests


def _since(period: str) -> tuple[str, tuple]:
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")
    offset = PERIODS[period]
    return ("date(started_at) >= date('now', ?)", (offset,)) if offset else ("1=1", ())


def summary(db: Database, period: str = "30d") -> Summary:
    where, params = _since(period)
    row = db.query_one(
        f"""
        WITH per_request AS (
            -- an agreement sample is a call (counted, and its cost too) but not an escalation
            SELECT COALESCE(request_id, 'call-' || id) AS request, COUNT(*) AS calls,
                   SUM(CASE WHEN outcome = 'agreement-sample' THEN 0 ELSE 1 END) AS attempts, SUM(cost_usd) AS spend,
                   MAX(counterfactual_usd) AS counterfactual,
                   MAX(CASE WHEN outcome = 'accepted' AND cost_usd = 0 THEN 1 ELSE 0 END) AS answered_free
            FROM llm_calls WHERE {where} GROUP BY request
        )
        SELECT COUNT(*), COALESCE(SUM(calls), 0), COALESCE(SUM(spend), 0), COALESCE(SUM(counterfactual), 0),
               COALESCE(SUM(attempts > 1), 0), COALESCE(AVG(answered_free), 0)
        FROM per_request
        """,
        params,
    )
    return Summary(row[0], row[1], row[2], row[3], row[4], row[5])


def calls_per_tier_per_day(db: Database, period: str = "30d") -> list[tuple[str, str, int]]:
    where, params = _since(period)
    rows = db.query(
        f"SELECT date(started_at) AS day, tier, COUNT(*) FROM llm_calls WHERE {where} GROUP BY day, tier ORDER BY day",
        params,
    )
    return [(row[0], row[1], row[2]) for row in rows]


def spend_per_day(db: Database, period: str = "30d") -> list[tuple[str, float, float]]:
    where, params = _since(period)
    rows = db.query(
        f"""SELECT day, SUM(spend), SUM(counterfactual) FROM (
                SELECT date(MIN(started_at)) AS day, SUM(cost_usd) AS spend, MAX(counterfactual_usd) AS counterfactual
                FROM llm_calls WHERE {where} GROUP BY COALESCE(request_id, 'call-' || id)
            ) GROUP BY day ORDER BY day""",
        params,
    )
    return [(row[0], row[1], row[2]) for row in rows]


def escalation_reasons(db: Database, period: str = "30d", limit: int = 8) -> list[tuple[str, int]]:
    where, params = _since(period)
    rows = db.query(
        f"""SELECT reason, COUNT(*) AS n FROM llm_calls WHERE {where} AND outcome IN ('escalated', 'failed')
            GROUP BY reason ORDER BY n DESC LIMIT ?""",
        (*params, limit),
    )
    return [(_short_reason(row[0]), row[1]) for row in rows]


def costly_requests(db: Database, period: str = "30d", limit: int = 10) -> list[dict]:
    where, params = _since(period)
    rows = db.query(
        f"""SELECT id, started_at, purpose, tier, model, cost_usd, messages FROM llm_calls
            WHERE {where} AND cost_usd > 0 ORDER BY cost_usd DESC LIMIT ?""",
        (*params, limit),
    )
    return [dict(row) for row in rows]


def _short_reason(reason: str | None) -> str:
    if not reason:
        return "(none)"
    # "low confidence: mean token logprob -2.31 < -1.6" -> group by the part before the numbers
    return reason.split(":")[0] if ":" in reason else reason
