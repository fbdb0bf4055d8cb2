"""Several conversations per profile: new, list, rename, delete, search, export and import.

The messages live in chat/store.py, each tagged with its conversation; the store reads and
writes the active one, which this module picks: each profile remembers its own current
conversation, so switching profile switches conversations. Search is SQLite FTS5 over the
finished, visible words of every conversation of the profile.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import BaseModel, Field, ValidationError

from whittle.config import MAX_MESSAGE_CHARS
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore
from whittle.user_text import refuse_control_characters

KV_NAMESPACE = "chat"
MAX_TITLE_CHARS = 80
MAX_IMPORT_MESSAGES = 5000
DEFAULT_TITLE = "New conversation"
AUTO_EXPERT = "auto"  # a conversation's expert choice: picked by description for each message


class ConversationError(ValueError):
    """A conversation action that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: str
    updated_at: str
    messages: int = 0


@dataclass(frozen=True)
class SearchHit:
    conversation_id: int
    conversation_title: str
    message_id: int
    role: str
    snippet: str  # with [ and ] around the matched words


class ImportedMessage(BaseModel):
    role: str = Field(pattern="^(user|assistant)$")
    content: str = Field(min_length=1, max_length=MAX_MESSAGE_CHARS * 4)
    model: str | None = None


class ImportedConversation(BaseModel):
    title: str = Field(default="Imported conversation", max_length=200)
    messages: list[ImportedMessage] = Field(max_length=MAX_IMPORT_MESSAGES)


class ConversationStore:
    def __init__(self, db: Database, kv: KeyValueStore, profiles: ProfileStore):
        self.db = db
        self.kv = kv
        self.profiles = profiles
        self._orphans_adopted = False

    # -- which one is active -------------------------------------------------------------
    def _profile(self) -> int:
        profile = self.profiles.active().id
        if not self._orphans_adopted:
            # Conversations from before profiles had them (the migrated first one) belong to the first
            # profile that looks. Only a migration makes them, so once per process is enough.
            self.db.execute("UPDATE conversations SET profile_id=? WHERE profile_id IS NULL", (profile,))
            self._orphans_adopted = True
        return profile

    def current_id(self) -> int:
        """The active profile's current conversation; a profile without one gets a new one."""
        profile = self._profile()
        chosen = self.kv.get(KV_NAMESPACE, f"current:{profile}")
        if chosen is not None and self._owned(chosen, profile):
            return int(chosen)
        latest = self.db.query_one("SELECT id FROM conversations WHERE profile_id=? ORDER BY updated_at DESC, id DESC"
                                   " LIMIT 1", (profile,))
        found = int(latest["id"]) if latest else self._insert(profile, DEFAULT_TITLE)
        self.kv.set(KV_NAMESPACE, f"current:{profile}", found)
        return found

    def _owned(self, conversation_id: int, profile: int) -> bool:
        return self.db.query_one("SELECT 1 FROM conversations WHERE id=? AND profile_id=?",
                                 (conversation_id, profile)) is not None

    def _insert(self, profile: int, title: str) -> int:
        return int(self.db.execute("INSERT INTO conversations (profile_id, title) VALUES (?, ?)", (profile, title)).lastrowid)

    def get(self, conversation_id: int) -> Conversation:
        profile = self._profile()
        row = self.db.query_one(
            "SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id=c.id AND m.visible=1) AS n"
            " FROM conversations c WHERE c.id=? AND c.profile_id=?", (conversation_id, profile))
        if row is None:
            raise ConversationError(f"There is no conversation {conversation_id} in this profile; pick one from the list.")
        return Conversation(row["id"], row["title"], row["created_at"], row["updated_at"], row["n"])

    def all(self) -> list[Conversation]:
        """The active profile's conversations, most recently used first."""
        rows = self.db.query(
            "SELECT c.*, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id=c.id AND m.visible=1) AS n"
            " FROM conversations c WHERE c.profile_id=? ORDER BY c.updated_at DESC, c.id DESC", (self._profile(),))
        return [Conversation(r["id"], r["title"], r["created_at"], r["updated_at"], r["n"]) for r in rows]

    # -- changes ---------------------------------------------------------------------------
    def create(self, title: str = DEFAULT_TITLE) -> Conversation:
        profile = self._profile()
        new = self._insert(profile, self._title(title or DEFAULT_TITLE))
        self.kv.set(KV_NAMESPACE, f"current:{profile}", new)
        return self.get(new)

    def switch(self, conversation_id: int) -> Conversation:
        conversation = self.get(conversation_id)
        self.kv.set(KV_NAMESPACE, f"current:{self._profile()}", conversation.id)
        self._touch(conversation.id)
        return conversation

    def rename(self, conversation_id: int, title: str) -> Conversation:
        self.get(conversation_id)
        self.db.execute("UPDATE conversations SET title=? WHERE id=?", (self._title(title), conversation_id))
        return self.get(conversation_id)

    def delete(self, conversation_id: int) -> None:
        """Delete a conversation and its messages; the profile's current one becomes its latest other one."""
        self.get(conversation_id)
        with self.db.transaction():
            self.db.execute("DELETE FROM messages_search WHERE rowid IN (SELECT id FROM messages WHERE conversation_id=?)",
                            (conversation_id,))
            self.db.execute("DELETE FROM messages WHERE conversation_id=?", (conversation_id,))
            self.db.execute("DELETE FROM conversations WHERE id=?", (conversation_id,))
        self.kv.delete(KV_NAMESPACE, f"current:{self._profile()}")

    def pinned_tier(self) -> str | None:
        """The tier the user chose for the current conversation; None: the router decides (Auto)."""
        return self.kv.get(KV_NAMESPACE, f"tier:{self.current_id()}")

    def pin_tier(self, conversation_id: int, tier: str | None, tiers: list[str]) -> None:
        self.get(conversation_id)
        if tier and tier not in tiers:
            raise ConversationError(f"There is no tier {tier!r}; choose Auto or one of: {', '.join(tiers)}.")
        if tier:
            self.kv.set(KV_NAMESPACE, f"tier:{conversation_id}", tier)
        else:
            self.kv.delete(KV_NAMESPACE, f"tier:{conversation_id}")

    # -- the conversation's expert (experts/choice.py decides what each choice means for an answer) ---------
    def expert_choice(self, conversation_id: int | None = None) -> str | None:
        """None: no expert; AUTO_EXPERT: picked by description for each message; else an expert's name."""
        row = self.db.query_one("SELECT expert FROM conversations WHERE id=?",
                                (self.current_id() if conversation_id is None else conversation_id,))
        return row["expert"] if row else None

    def choose_expert(self, conversation_id: int, choice: str | None, names: list[str]) -> None:
        """Set a conversation's expert: None, AUTO_EXPERT or one of `names` (the experts there are)."""
        self.get(conversation_id)
        if choice and choice != AUTO_EXPERT and choice not in names:
            raise ConversationError(f"There is no expert called {choice!r}; choose No expert, Auto or one of: "
                                    f"{', '.join(names) or 'none yet'} (the Experts page lists and writes them).")
        self.db.execute("UPDATE conversations SET expert=? WHERE id=?", (choice or None, conversation_id))

    def forget_expert(self, name: str) -> int:
        """A deleted expert: every conversation that used it goes back to no expert; how many did."""
        return self.db.execute("UPDATE conversations SET expert=NULL WHERE expert=?", (name,)).rowcount

    def heard(self, text: str) -> None:
        """The user wrote in the current conversation: it moves to the top, and a new one takes its title from it."""
        current = self.current_id()
        self._touch(current)
        words = " ".join(text.split())
        if len(words) > MAX_TITLE_CHARS - 1:
            words = words[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
        title = self.title_of(words)
        self.db.execute("UPDATE conversations SET title=? WHERE id=? AND title=?", (title, current, DEFAULT_TITLE))

    @staticmethod
    def title_of(words: str) -> str:
        return "".join(c for c in words if c.isprintable()) or DEFAULT_TITLE

    def _touch(self, conversation_id: int) -> None:
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        self.db.execute("UPDATE conversations SET updated_at=? WHERE id=?", (now, conversation_id))

    def _title(self, title: str) -> str:
        title = " ".join(title.split())
        if not title:
            raise ConversationError("A conversation needs a title; type a few words.")
        if len(title) > MAX_TITLE_CHARS:
            raise ConversationError(f"Keep the title under {MAX_TITLE_CHARS} characters (it has {len(title)}).")
        refuse_control_characters(title, what="The title", error=ConversationError)
        return title

    # -- search, export, import ------------------------------------------------------------
    def search(self, query: str, limit: int = 30, *, match_any: bool = False) -> list[SearchHit]:
        """Messages of the profile's conversations matching every word of the query (any, with match_any), best first."""
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w and w != "OR"]
        if not words:
            return []
        # Quoted: the user's words, never FTS5 syntax.
        match = (" OR " if match_any else " ").join(f'"{word}"' for word in words[:12])
        rows = self.db.query(
            "SELECT m.id, m.role, m.conversation_id, c.title,"
            " snippet(messages_search, 0, '[', ']', '…', 12) AS snippet"
            " FROM messages_search JOIN messages m ON m.id = messages_search.rowid"
            " JOIN conversations c ON c.id = m.conversation_id"
            " WHERE messages_search MATCH ? AND c.profile_id=? ORDER BY bm25(messages_search) LIMIT ?",
            (match, self._profile(), limit))
        return [SearchHit(r["conversation_id"], r["title"], r["id"], r["role"], r["snippet"]) for r in rows]

    def _visible(self, conversation_id: int) -> list:
        return self.db.query("SELECT role, content, model, created_at, route FROM messages WHERE conversation_id=?"
                             " AND visible=1 AND role IN ('user', 'assistant') AND content != '' ORDER BY id",
                             (conversation_id,))

    def export_json(self, conversation_id: int) -> str:
        conversation = self.get(conversation_id)
        messages = [{"role": r["role"], "content": r["content"], "model": r["model"], "created_at": r["created_at"]}
                    for r in self._visible(conversation_id)]
        return json.dumps({"title": conversation.title, "exported_from": "whittle",
                           "created_at": conversation.created_at, "messages": messages}, ensure_ascii=False, indent=1)

    def export_markdown(self, conversation_id: int) -> str:
        conversation = self.get(conversation_id)
        parts = [f"# {conversation.title}\n"]
        for row in self._visible(conversation_id):
            who = "You" if row["role"] == "user" else f"Assistant ({row['model']})" if row["model"] else "Assistant"
            parts.append(f"**{who}** · {row['created_at']}\n\n{row['content']}\n")
        return "\n".join(parts)

    def import_json(self, text: str) -> Conversation:
        """A new conversation from an export; nothing is written unless the whole file is valid."""
        try:
            data = ImportedConversation.model_validate_json(text)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ConversationError(f"This is not a whittle conversation export: {where}: {first['msg']}. "
                                    "Export one with the menu's 'Export JSON' and import that file.") from None
        if not data.messages:
            raise ConversationError("The file holds no messages; nothing was imported.")
        for message in data.messages:
            refuse_control_characters(message.content, what="A message in the file", error=ConversationError)
        profile = self._profile()
        with self.db.transaction():
            new = self._insert(profile, self._title(data.title[:MAX_TITLE_CHARS]))
            for message in data.messages:
                cursor = self.db.execute(
                    "INSERT INTO messages (role, content, visible, source, model, status, conversation_id)"
                    " VALUES (?, ?, 1, 'import', ?, 'done', ?)", (message.role, message.content, message.model, new))
                self.db.execute("INSERT INTO messages_search (rowid, content) VALUES (?, ?)",
                                (cursor.lastrowid, message.content))
        self.kv.set(KV_NAMESPACE, f"current:{profile}", new)
        return self.get(new)
