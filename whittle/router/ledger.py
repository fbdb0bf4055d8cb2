"""The ledger: every model call — its prompt, answer, tier, cost and why it was routed so — in SQLite.

One row per attempt (the router writes it; see router/cascade.py). The table keeps its
historic name `llm_calls` so existing databases, reports and the dashboard read it as before;
it grows only by append-only migrations, and a row is only ever updated to complete the call
it describes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from whittle.db import Database, Migration
from whittle.llm.base import ChatMessage, StreamStats

MIGRATIONS = (
    Migration(
        "llm_calls_001_create",
        """
        CREATE TABLE llm_calls (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            purpose TEXT NOT NULL,
            model TEXT NOT NULL,
            messages TEXT NOT NULL,
            response TEXT,
            status TEXT NOT NULL DEFAULT 'running',
            prompt_tokens INTEGER,
            completion_tokens INTEGER,
            ttft_ms REAL,
            latency_ms REAL
        )
        """,
    ),
    # The ledger: what each call cost, what it would have cost at the top tier, and why it was routed so.
    Migration(
        "llm_calls_002_ledger",
        """
        ALTER TABLE llm_calls ADD COLUMN request_id TEXT;
        ALTER TABLE llm_calls ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat';
        ALTER TABLE llm_calls ADD COLUMN tier TEXT NOT NULL DEFAULT 'local';
        ALTER TABLE llm_calls ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0;
        ALTER TABLE llm_calls ADD COLUMN counterfactual_usd REAL NOT NULL DEFAULT 0;
        ALTER TABLE llm_calls ADD COLUMN cache_hit INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE llm_calls ADD COLUMN outcome TEXT;
        ALTER TABLE llm_calls ADD COLUMN reason TEXT;
        ALTER TABLE llm_calls ADD COLUMN privacy TEXT NOT NULL DEFAULT 'none';
        ALTER TABLE llm_calls ADD COLUMN feedback INTEGER;
        CREATE INDEX llm_calls_request ON llm_calls (request_id);
        CREATE INDEX llm_calls_started ON llm_calls (started_at)
        """,
    ),
    # Mean token log-probability of the answer, when the backend gives it: `whittle router fit` calibrates on it.
    Migration("llm_calls_003_confidence", "ALTER TABLE llm_calls ADD COLUMN confidence REAL"),
    # Why the request has its kind: the caller said so, or the cues the router found (router/task_kind.py).
    Migration("llm_calls_004_kind_reason", "ALTER TABLE llm_calls ADD COLUMN kind_reason TEXT"),
)


class Ledger:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def start(
        self,
        purpose: str,
        model: str,
        messages: Sequence[ChatMessage],
        *,
        request_id: str | None = None,
        kind: str = "chat",
        kind_reason: str | None = None,
        tier: str = "local",
        privacy: str = "none",
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO llm_calls (purpose, model, messages, request_id, kind, kind_reason, tier, privacy)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (purpose, model, json.dumps(list(messages)), request_id, kind, kind_reason, tier, privacy),
        )
        return int(cursor.lastrowid)

    def route(
        self,
        call_id: int,
        *,
        cost: float,
        counterfactual: float,
        outcome: str,
        reason: str,
        cache_hit: bool = False,
        confidence: float | None = None,
    ) -> None:
        self.db.execute(
            "UPDATE llm_calls SET cost_usd=?, counterfactual_usd=?, outcome=?, reason=?, cache_hit=?,"
            " confidence=COALESCE(?, confidence) WHERE id=?",
            (cost, counterfactual, outcome, reason, int(cache_hit), confidence, call_id),
        )

    def feedback(self, call_id: int, value: int) -> bool:
        """Thumbs up (+1) or down (-1) on a reply; the router learns from it."""
        cursor = self.db.execute("UPDATE llm_calls SET feedback=? WHERE id=?", (value, call_id))
        return cursor.rowcount == 1

    def finish(self, call_id: int, response: str, status: str, stats: StreamStats) -> None:
        self.db.execute(
            "UPDATE llm_calls SET response=?, status=?, prompt_tokens=?, completion_tokens=?, ttft_ms=?, latency_ms=? "
            "WHERE id=?",
            (
                response,
                status,
                stats.prompt_tokens,
                stats.completion_tokens,
                stats.ttft_ms,
                stats.latency_ms,
                call_id,
            ),
        )

    def last(self, purpose: str | None = None) -> dict | None:
        where, params = ("WHERE purpose=?", (purpose,)) if purpose else ("", ())
        row = self.db.query_one(f"SELECT * FROM llm_calls {where} ORDER BY id DESC LIMIT 1", params)
        if row is None:
            return None
        record = dict(row)
        record["messages"] = json.loads(record["messages"])
        return record
