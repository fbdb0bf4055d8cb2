"""Messages of the conversation, in SQLite.

role is 'user', 'assistant' or 'context' (hidden events and instructions that the
model sees but the UI does not show).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    # Earlier versions (chat/branches.py): version_of links an edit or a regeneration to its message's
    # first version; a row hidden with a branch names that branch's version in hidden_by and keeps its
    # status in replaced_status, so the branch can be shown again exactly as it was.
    Migration(
        "messages_005_branch_links",
        """
        ALTER TABLE messages ADD COLUMN version_of INTEGER;
        ALTER TABLE messages ADD COLUMN hidden_by INTEGER;
        ALTER TABLE messages ADD COLUMN replaced_status TEXT;
        CREATE INDEX messages_version_of ON messages (version_of);
        CREATE INDEX messages_hidden_by ON messages (hidden_by);
        DELETE FROM messages_search WHERE rowid IN (SELECT id FROM messages WHERE status='replaced')
        """,
    ),
    # The expert each conversation uses (chat/conversations.py): NULL none, 'auto' picked by description, or a name.
    Migration("messages_006_conversation_expert", "ALTER TABLE conversations ADD COLUMN expert TEXT"),
)
SEARCHABLE_ROLES = ("user", "assistant")
# Every version of row m's message that can be shown (chat/branches.py): the shown one and those kept
# hidden with their branch; NULL for a message never edited or regenerated. Indexed both ways.
VERSIONS_COLUMN = (
    "(SELECT group_concat(v.id) FROM messages v WHERE (v.id = COALESCE(m.version_of, m.id)"
    " OR v.version_of = COALESCE(m.version_of, m.id)) AND (v.visible=1 OR v.hidden_by IS NOT NULL)) AS versions"
)


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
    # either: 'replaced' (on a branch not shown: edited, regenerated or switched away from; chat/branches.py)
    status: str = "done"
    route: dict[str, Any] | None = None
    versions: tuple[int, ...] = ()  # ids of this message's versions, oldest first, when it has several


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
        version_of: int | None = None,
    ) -> Message:
        """version_of: the first version of the message this one is a new version of (chat/branches.py)."""
        cursor = self.db.execute(
            "INSERT INTO messages (role, content, visible, source, model, status, conversation_id, version_of)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (role, content, int(visible), source, model, status, self.conversation(), version_of),
        )
        message = Message(int(cursor.lastrowid), role, content, visible, source, model, status)
        if version_of is not None:
            message = replace(message, versions=self.get(message.id).versions)
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
        finished = replace(message, content=content, visible=visible, model=model, status=status, route=route)
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
        return replace(message, visible=visible, status=status)

    def remove(self, message: Message) -> Message:
        """Delete a message (a queued one that was stored again when its turn came); returns it, hidden."""
        self.db.execute("DELETE FROM messages WHERE id=?", (message.id,))
        self.db.execute("DELETE FROM messages_search WHERE rowid=?", (message.id,))
        return replace(message, visible=False)

    def get(self, message_id: int) -> Message | None:
        row = self.db.query_one(f"SELECT m.*, {VERSIONS_COLUMN} FROM messages m WHERE m.id=?", (message_id,))
        return _message(row) if row else None

    def get_current(self, message_id: int) -> Message | None:
        """The message if it belongs to the active conversation (a stale tab may name another one's)."""
        row = self.db.query_one(f"SELECT m.*, {VERSIONS_COLUMN} FROM messages m WHERE m.id=? AND m.conversation_id=?",
                                (message_id, self.conversation()))
        return _message(row) if row else None

    def visible(self, limit: int = 200) -> list[Message]:
        rows = self.db.query(
            f"SELECT m.*, {VERSIONS_COLUMN} FROM (SELECT * FROM messages WHERE visible=1 AND conversation_id=?"
            " ORDER BY id DESC LIMIT ?) m ORDER BY m.id",
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
        _versions(row),
    )


def _versions(row) -> tuple[int, ...]:
    try:
        listed = row["versions"]
    except IndexError:  # a read without the VERSIONS_COLUMN
        listed = None
    ids = sorted(int(part) for part in listed.split(",")) if listed else []
    return tuple(ids) if len(ids) > 1 else ()
