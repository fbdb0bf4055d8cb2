"""Todo items, one list per profile, in SQLite. Every change is checked against the profile it claims."""

from __future__ import annotations

from dataclasses import dataclass

from whittle.db import Database, Migration, RowGone, is_row_id
from whittle.user_text import refuse_control_characters

MIGRATIONS = (
    Migration(
        "todos_001_create",
        """
        CREATE TABLE todos (
            id INTEGER PRIMARY KEY,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        CREATE INDEX todos_profile_position ON todos (profile_id, position)
        """,
    ),
    # Ids are never reused: a stale tab's "delete 2" must not delete a newer todo that got id 2.
    Migration(
        "todos_002_autoincrement",
        """
        CREATE TABLE todos__new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            done INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        INSERT INTO todos__new (id, profile_id, text, done, position, created_at, updated_at)
            SELECT id, profile_id, text, done, position, created_at, updated_at FROM todos;
        DROP TABLE todos;
        ALTER TABLE todos__new RENAME TO todos;
        CREATE INDEX todos_profile_position ON todos (profile_id, position)
        """,
    ),
)
MAX_TODO_CHARS = 500
MAX_TODOS = 1000  # per profile; keeps a reorder request and the rendered list a sane size


class TodoError(ValueError):
    """A todo change that cannot be made; str(error) tells the user why and what to do."""


class TodoGone(RowGone):
    """The todo does not exist (any more) on this profile's list; nothing was changed."""


@dataclass(frozen=True)
class Todo:
    id: int
    text: str
    done: bool
    position: int


def clean_text(text: str) -> str:
    """Collapse whitespace (a todo is one line) and check the length; raise TodoError with the fix."""
    cleaned = " ".join(refuse_control_characters(str(text), what="The todo", error=TodoError).split())
    if not cleaned:
        raise TodoError("A todo needs some text; type what needs doing.")
    if len(cleaned) > MAX_TODO_CHARS:
        raise TodoError(f"The todo is {len(cleaned)} characters; shorten it to {MAX_TODO_CHARS} or fewer.")
    return cleaned


class TodoStore:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def items(self, profile_id: int) -> list[Todo]:
        rows = self.db.query(
            "SELECT id, text, done, position FROM todos WHERE profile_id=? ORDER BY position, id", (profile_id,)
        )
        return [_todo(row) for row in rows]

    def get(self, profile_id: int, item_id: int) -> Todo:
        row = None
        if is_row_id(item_id):  # an id beyond SQLite's integers (typed into a URL) names no todo
            row = self.db.query_one(
                "SELECT id, text, done, position FROM todos WHERE id=? AND profile_id=?", (item_id, profile_id)
            )
        if row is None:
            raise TodoGone(
                "That todo is not on this profile's list any more (changed in another tab?); reload the page."
            )
        return _todo(row)

    def add(self, profile_id: int, text: str) -> Todo:
        text = clean_text(text)
        with self.db.transaction() as conn:
            count, last = conn.execute(
                "SELECT COUNT(*), COALESCE(MAX(position), 0) FROM todos WHERE profile_id=?", (profile_id,)
            ).fetchone()
            if count >= MAX_TODOS:
                raise TodoError(f"This list already has {MAX_TODOS} todos; delete some finished ones first.")
            cursor = conn.execute(
                "INSERT INTO todos (profile_id, text, position) VALUES (?, ?, ?)", (profile_id, text, last + 1)
            )
        return Todo(int(cursor.lastrowid), text, False, last + 1)

    def edit(self, profile_id: int, item_id: int, text: str) -> Todo:
        text = clean_text(text)
        with self.db.transaction() as conn:  # checked and changed together: another tab may delete it between
            item = self.get(profile_id, item_id)
            conn.execute(
                "UPDATE todos SET text=?, updated_at=CURRENT_TIMESTAMP WHERE id=? AND profile_id=?",
                (text, item_id, profile_id),
            )
        return Todo(item.id, text, item.done, item.position)

    def set_done(self, profile_id: int, item_id: int, done: bool) -> Todo:
        with self.db.transaction() as conn:
            item = self.get(profile_id, item_id)
            conn.execute(
                "UPDATE todos SET done=?, updated_at=CURRENT_TIMESTAMP WHERE id=? AND profile_id=?",
                (int(done), item_id, profile_id),
            )
        return Todo(item.id, item.text, done, item.position)

    def delete(self, profile_id: int, item_id: int) -> Todo:
        with self.db.transaction() as conn:
            item = self.get(profile_id, item_id)
            conn.execute("DELETE FROM todos WHERE id=? AND profile_id=?", (item_id, profile_id))
        return item

    def reorder(self, profile_id: int, ordered_ids: list[int]) -> list[Todo]:
        """Persist a new order given as the complete list of this profile's ids, all or nothing.

        Anything but a permutation of the current ids (a foreign id, a duplicate, a missing
        item because another tab added one) is refused, so a stale page cannot scramble the list.
        """
        with self.db.transaction() as conn:
            current = [row[0] for row in conn.execute("SELECT id FROM todos WHERE profile_id=?", (profile_id,))]
            if len(ordered_ids) != len(current) or set(ordered_ids) != set(current):
                raise TodoError(
                    "The list changed since this page showed it (another tab or profile?); "
                    "it has been reloaded — drag again."
                )
            conn.executemany(
                "UPDATE todos SET position=? WHERE id=? AND profile_id=?",
                [(position, item_id, profile_id) for position, item_id in enumerate(ordered_ids, start=1)],
            )
        return self.items(profile_id)


def _todo(row) -> Todo:
    return Todo(row["id"], row["text"], bool(row["done"]), row["position"])
