"""Every prompt sent to a model and every answer, logged to SQLite (as `llm` does).

The cascade's ledger will extend this table with new migrations; rows are never
rewritten except to complete the one call they describe.
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
)


class CallLog:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def start(self, purpose: str, model: str, messages: Sequence[ChatMessage]) -> int:
        cursor = self.db.execute(
            "INSERT INTO llm_calls (purpose, model, messages) VALUES (?, ?, ?)",
            (purpose, model, json.dumps(list(messages))),
        )
        return int(cursor.lastrowid)

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
