"""Messages of the conversation, in SQLite.

role is 'user', 'assistant' or 'context' (hidden events and instructions that the
model sees but the UI does not show).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from whittle.db import Database, Migration

Role = Literal["user", "assistant", "context"]

MIGRATIONS = (
    Migration(
        "messages_001_create",
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            role TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'context')),
            content TEXT NOT NULL,
            visible INTEGER NOT NULL,
            source TEXT NOT NULL,
            model TEXT,
            status TEXT NOT NULL DEFAULT 'done',
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX messages_visible ON messages (visible, id)
        """,
    ),
    # How an answer was routed: {"tier", "model", "cost_usd", "saved_usd", "reason", "call_id"}.
    Migration("messages_002_route", "ALTER TABLE messages ADD COLUMN route TEXT"),
)


@dataclass(frozen=True)
class Message:
    id: int
    role: Role
    content: str
    visible: bool
    source: str
    model: str | None = None
    status: str = "done"  # 'streaming', 'done', 'stopped', 'error'
    route: dict[str, Any] | None = None


class MessageStore:
    def __init__(self, db: Database, *, recover: bool = True):
        self.db = db
        db.migrate(MIGRATIONS)
        if recover:
            # A process killed mid-answer leaves a 'streaming' row; it is what was said so far.
            # (A notebook writing next to a running server passes recover=False.)
            db.execute("UPDATE messages SET status='stopped' WHERE status='streaming'")

    def add(
        self,
        role: Role,
        content: str,
        *,
        visible: bool,
        source: str,
        model: str | None = None,
        status: str = "done",
    ) -> Message:
        cursor = self.db.execute(
            "INSERT INTO messages (role, content, visible, source, model, status) VALUES (?, ?, ?, ?, ?, ?)",
            (role, content, int(visible), source, model, status),
        )
        return Message(int(cursor.lastrowid), role, content, visible, source, model, status)

    def finish(
        self, message: Message, content: str, status: str, *, model: str | None = None, route: dict | None = None
    ) -> Message:
        model = model or message.model
        self.db.execute(
            "UPDATE messages SET content=?, status=?, model=?, route=? WHERE id=?",
            (content, status, model, json.dumps(route) if route else None, message.id),
        )
        return Message(message.id, message.role, content, message.visible, message.source, model, status, route)

    def get(self, message_id: int) -> Message | None:
        row = self.db.query_one("SELECT * FROM messages WHERE id=?", (message_id,))
        return _message(row) if row else None

    def visible(self, limit: int = 200) -> list[Message]:
        rows = self.db.query(
            "SELECT * FROM (SELECT * FROM messages WHERE visible=1 ORDER BY id DESC LIMIT ?) ORDER BY id", (limit,)
        )
        return [_message(row) for row in rows]

    def history(self, limit: int = 400) -> list[Message]:
        """Newest `limit` messages the model may see, oldest first (trimming by tokens comes later)."""
        rows = self.db.query(
            "SELECT * FROM (SELECT * FROM messages WHERE content != '' ORDER BY id DESC LIMIT ?) ORDER BY id",
            (limit,),
        )
        return [_message(row) for row in rows]


def _message(row) -> Message:
    return Message(
        row["id"],
        row["role"],
        row["content"],
        bool(row["visible"]),
        row["source"],
        row["model"],
        row["status"],
        json.loads(row["route"]) if row["route"] else None,
    )
