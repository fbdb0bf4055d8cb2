"""Messages of the conversation, in SQLite.

role is 'user', 'assistant' or 'context' (hidden events and instructions that the
model sees but the UI does not show).
"""

from __future__ import annotations

import json
from collections.abc import Callable
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
    # Several conversations (chat/conversations.py): the messages so far are conversation 1.
    Migration(
        "messages_003_conversations",
        """
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER,
            title TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        INSERT INTO conversations (id, title) VALUES (1, 'First conversation');
        ALTER TABLE messages ADD COLUMN conversation_id INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX messages_conversation ON messages (conversation_id, id)
        """,
    ),
    # Search across conversations: finished visible words only (see index_for_search).
    Migration(
        "messages_004_search",
        """
        CREATE VIRTUAL TABLE messages_search USING fts5(content, tokenize='porter unicode61');
        INSERT INTO messages_search (rowid, content)
            SELECT id, content FROM messages WHERE visible=1 AND role IN ('user', 'assistant') AND content != ''
        """,
    ),
)
SEARCHABLE_ROLES = ("user", "assistant")


@dataclass(frozen=True)
class Message:
    id: int
    role: Role
    content: str
    visible: bool
    source: str
    model: str | None = None
    # 'streaming', 'done', 'stopped', 'error'; a user message: 'done', 'queued' (waits for the
    # answer before it), 'cancelled' (taken back while queued), 'unsent' (queued when the server died);
    # either: 'replaced' (an earlier branch: edited or regenerated, kept hidden)
    status: str = "done"
    route: dict[str, Any] | None = None


class MessageStore:
    def __init__(self, db: Database, *, recover: bool = True, conversation: Callable[[], int] = lambda: 1):
        """conversation: the id of the conversation new messages join and reads show (the active one)."""
        self.db = db
        self.conversation = conversation
        db.migrate(MIGRATIONS)
        if recover:
            # A process killed mid-answer leaves a 'streaming' row; it is what was said so far.
            # (A notebook writing next to a running server passes recover=False.)
            # Its text was saved as it streamed; one that died before its first token leaves no bubble.
            db.execute("UPDATE messages SET status='stopped', visible=(content != '') WHERE status='streaming'")
            # Queued messages were never answered: keep the user's words on screen, marked unsent.
            db.execute("UPDATE messages SET status='unsent' WHERE status='queued'")

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
            "INSERT INTO messages (role, content, visible, source, model, status, conversation_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (role, content, int(visible), source, model, status, self.conversation()),
        )
        message = Message(int(cursor.lastrowid), role, content, visible, source, model, status)
        if status == "done":
            self.index_for_search(message)
        return message

    def index_for_search(self, message: Message) -> None:
        """Words of a finished, visible message become searchable (a streaming reply: when it is finished)."""
        self.db.execute("DELETE FROM messages_search WHERE rowid=?", (message.id,))
        if message.visible and message.role in SEARCHABLE_ROLES and message.content:
            self.db.execute("INSERT INTO messages_search (rowid, content) VALUES (?, ?)", (message.id, message.content))

    def finish(
        self,
        message: Message,
        content: str,
        status: str,
        *,
        model: str | None = None,
        route: dict | None = None,
        visible: bool | None = None,
    ) -> Message:
        model = model or message.model
        visible = message.visible if visible is None else visible
        self.db.execute(
            "UPDATE messages SET content=?, status=?, model=?, route=?, visible=? WHERE id=?",
            (content, status, model, json.dumps(route) if route else None, int(visible), message.id),
        )
        finished = Message(message.id, message.role, content, visible, message.source, model, status, route)
        self.index_for_search(finished)
        return finished

    def append(self, message: Message, text: str) -> None:
        """Add streamed text to a stored reply as it arrives, so a crash keeps what was shown."""
        self.db.execute("UPDATE messages SET content = content || ? WHERE id=?", (text, message.id))

    def clear(self, message: Message) -> None:
        """Forget a reply's streamed text (a bigger model's answer replaces it)."""
        self.db.execute("UPDATE messages SET content = '' WHERE id=?", (message.id,))

    def set_status(self, message: Message, status: str, *, visible: bool | None = None) -> Message:
        visible = message.visible if visible is None else visible
        self.db.execute("UPDATE messages SET status=?, visible=? WHERE id=?", (status, int(visible), message.id))
        return Message(message.id, message.role, message.content, visible, message.source, message.model, status,
                       message.route)

    def remove(self, message: Message) -> Message:
        """Delete a message (a queued one that was stored again when its turn came); returns it, hidden."""
        self.db.execute("DELETE FROM messages WHERE id=?", (message.id,))
        self.db.execute("DELETE FROM messages_search WHERE rowid=?", (message.id,))
        return Message(message.id, message.role, message.content, False, message.source, message.model,
                       message.status, message.route)

    def get(self, message_id: int) -> Message | None:
        row = self.db.query_one("SELECT * FROM messages WHERE id=?", (message_id,))
        return _message(row) if row else None

    def visible(self, limit: int = 200) -> list[Message]:
        rows = self.db.query(
            "SELECT * FROM (SELECT * FROM messages WHERE visible=1 AND conversation_id=? ORDER BY id DESC LIMIT ?)"
            " ORDER BY id",
            (self.conversation(), limit),
        )
        return [_message(row) for row in rows]

    def has_context(self, content: str) -> bool:
        """Whether the conversation already holds this exact hidden note (an app's training prompt)."""
        found = self.db.query_one("SELECT 1 FROM messages WHERE role='context' AND content=? AND conversation_id=? LIMIT 1",
                                  (content, self.conversation()))
        return found is not None

    def shown_from(self, message: Message) -> list[Message]:
        """This message and every user/assistant message shown after it in its conversation (a branch's tail)."""
        rows = self.db.query("SELECT * FROM messages WHERE conversation_id=(SELECT conversation_id FROM messages"
                             " WHERE id=?) AND id>=? AND visible=1 AND role IN ('user', 'assistant') ORDER BY id",
                             (message.id, message.id))
        return [_message(row) for row in rows]

    def history(self, limit: int = 400) -> list[Message]:
        """Newest `limit` messages the model may see, oldest first (trimming by tokens comes later).

        A message still queued, taken back or never sent is not part of the conversation yet; one
        replaced by an edit or a regeneration is an earlier branch, kept but no longer part of it.
        """
        rows = self.db.query(
            "SELECT * FROM (SELECT * FROM messages WHERE content != '' AND status NOT IN ('queued', 'cancelled', 'unsent', 'replaced')"
            " AND conversation_id=? ORDER BY id DESC LIMIT ?) ORDER BY id",
            (self.conversation(), limit),
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
