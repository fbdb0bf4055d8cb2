"""Destructive calls waiting for the user's click, in SQLite: a restart does not lose (or run) them.

A call moves waiting → running → done | failed, or waiting → cancelled. Taking it from waiting
is one UPDATE, so a double click (or two tabs) runs it once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from whittle.agent.calls import ToolCall
from whittle.db import Database, Migration

MIGRATIONS = (
    Migration(
        "agent_pending_001_create",
        """
        CREATE TABLE agent_pending (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id INTEGER,
            tool TEXT NOT NULL,
            args TEXT NOT NULL,
            tier TEXT,
            status TEXT NOT NULL DEFAULT 'waiting'
                CHECK (status IN ('waiting', 'running', 'done', 'failed', 'cancelled')),
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        )
        """,
    ),
)


@dataclass(frozen=True)
class PendingCall:
    id: int
    message_id: int | None
    call: ToolCall
    tier: str | None
    status: str


class PendingCalls:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)
        # A process that died while running a confirmed call cannot say whether it finished: failed.
        db.execute("UPDATE agent_pending SET status='failed' WHERE status='running'")

    def add(self, call: ToolCall, tier: str | None) -> PendingCall:
        cursor = self.db.execute(
            "INSERT INTO agent_pending (tool, args, tier) VALUES (?, ?, ?)", (call.tool, json.dumps(call.args), tier)
        )
        return PendingCall(int(cursor.lastrowid), None, call, tier, "waiting")

    def attach(self, pending_id: int, message_id: int) -> None:
        self.db.execute("UPDATE agent_pending SET message_id=? WHERE id=?", (message_id, pending_id))

    def get(self, pending_id: int) -> PendingCall | None:
        row = self.db.query_one("SELECT * FROM agent_pending WHERE id=?", (pending_id,))
        return _pending(row) if row else None

    def take(self, pending_id: int, status: str) -> PendingCall | None:
        """Move a waiting call to `status` (running or cancelled); None if it is not waiting (any more)."""
        cursor = self.db.execute(
            "UPDATE agent_pending SET status=? WHERE id=? AND status='waiting'", (status, pending_id)
        )
        return self.get(pending_id) if cursor.rowcount == 1 else None

    def finish(self, pending_id: int, status: str) -> None:
        self.db.execute("UPDATE agent_pending SET status=? WHERE id=?", (status, pending_id))

    def waiting(self) -> list[PendingCall]:
        return [_pending(row) for row in self.db.query("SELECT * FROM agent_pending WHERE status='waiting' ORDER BY id")]


def _pending(row: Any) -> PendingCall:
    return PendingCall(row["id"], row["message_id"], ToolCall(row["tool"], json.loads(row["args"])), row["tier"],
                       row["status"])
