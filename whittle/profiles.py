"""Profiles: separate workspaces (e.g. one per client). Runs, todos and app state are scoped to one."""

from __future__ import annotations

from dataclasses import dataclass

from whittle.db import Database, Migration, RowGone, is_row_id
from whittle.kv import KeyValueStore
from whittle.user_text import refuse_control_characters

MIGRATIONS = (
    Migration(
        "profiles_001_create",
        """
        CREATE TABLE profiles (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        )
        """,
    ),
    # Ids are never reused: a stale tab must not rename or delete a newer profile that got the same id.
    Migration(
        "profiles_002_autoincrement",
        """
        CREATE TABLE profiles__new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        INSERT INTO profiles__new (id, name, created_at) SELECT id, name, created_at FROM profiles;
        DROP TABLE profiles;
        ALTER TABLE profiles__new RENAME TO profiles
        """,
    ),
)
MAX_PROFILE_NAME = 60
DEFAULT_PROFILE = "Default"


class ProfileError(ValueError):
    """A profile change that cannot be made; str(error) tells the user why and what to do."""


class ProfileGone(RowGone):
    """The profile does not exist (any more); nothing was changed."""


@dataclass(frozen=True)
class Profile:
    id: int
    name: str


class ProfileStore:
    def __init__(self, db: Database, kv: KeyValueStore):
        self.db = db
        self.kv = kv
        db.migrate(MIGRATIONS)
        if not self.all():
            self.create(DEFAULT_PROFILE)

    def all(self) -> list[Profile]:
        return [Profile(row["id"], row["name"]) for row in self.db.query("SELECT id, name FROM profiles ORDER BY id")]

    def get(self, profile_id: int) -> Profile | None:
        if not is_row_id(profile_id):  # an id beyond SQLite's integers (typed into a URL) names no profile
            return None
        row = self.db.query_one("SELECT id, name FROM profiles WHERE id=?", (profile_id,))
        return Profile(row["id"], row["name"]) if row else None

    def active(self) -> Profile:
        chosen = self.kv.get("profiles", "active")
        profile = self.get(chosen) if isinstance(chosen, int) else None
        return profile or self.all()[0]

    def switch(self, profile_id: int) -> Profile:
        profile = self.get(profile_id)
        if profile is None:
            raise ProfileError(f"There is no profile with id {profile_id}; pick one from the list.")
        self.kv.set("profiles", "active", profile.id)
        return profile

    def create(self, name: str) -> Profile:
        name = self._valid_name(name)
        cursor = self.db.execute("INSERT INTO profiles (name) VALUES (?)", (name,))
        return Profile(int(cursor.lastrowid), name)

    def rename(self, profile_id: int, name: str) -> Profile:
        with self.db.transaction() as conn:  # checked and changed together: another tab may delete it between
            name = self._valid_name(name, ignore_id=profile_id)
            if self.get(profile_id) is None:
                raise ProfileGone(f"There is no profile with id {profile_id} any more; pick one from the list.")
            conn.execute("UPDATE profiles SET name=? WHERE id=?", (name, profile_id))
        return Profile(profile_id, name)

    def delete(self, profile_id: int) -> None:
        with self.db.transaction() as conn:
            if self.get(profile_id) is None:
                raise ProfileGone(f"There is no profile with id {profile_id} any more; pick one from the list.")
            if len(self.all()) == 1:
                raise ProfileError("This is the only profile; create another one before deleting it.")
            was_active = self.active().id == profile_id
            conn.execute("DELETE FROM profiles WHERE id=?", (profile_id,))
        if was_active:
            self.kv.set("profiles", "active", self.all()[0].id)

    def _valid_name(self, name: str, ignore_id: int | None = None) -> str:
        name = " ".join(refuse_control_characters(str(name), what="The profile name", error=ProfileError).split())
        if not name:
            raise ProfileError("A profile needs a name; type one (e.g. the client's name).")
        if len(name) > MAX_PROFILE_NAME:
            raise ProfileError(f"The name is {len(name)} characters; keep it under {MAX_PROFILE_NAME}.")
        row = self.db.query_one("SELECT id FROM profiles WHERE name=? COLLATE NOCASE", (name,))
        if row is not None and row["id"] != ignore_id:
            raise ProfileError(f"A profile called {name!r} already exists; choose another name.")
        return name
