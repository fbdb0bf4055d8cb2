"""Profiles: separate workspaces (e.g. one per client). Runs, todos and app state are scoped to one."""

from __future__ import annotations

from dataclasses import dataclass

from whittle.db import Database, Migration
from whittle.kv import KeyValueStore

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
)
MAX_PROFILE_NAME = 60
DEFAULT_PROFILE = "Default"


class ProfileError(ValueError):
    """A profile change that cannot be made; str(error) tells the user why and what to do."""


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
        name = self._valid_name(name, ignore_id=profile_id)
        if self.get(profile_id) is None:
            raise ProfileError(f"There is no profile with id {profile_id}; pick one from the list.")
        self.db.execute("UPDATE profiles SET name=? WHERE id=?", (name, profile_id))
        return Profile(profile_id, name)

    def delete(self, profile_id: int) -> None:
        profiles = self.all()
        if len(profiles) == 1:
            raise ProfileError("This is the only profile; create another one before deleting it.")
        if self.get(profile_id) is None:
            raise ProfileError(f"There is no profile with id {profile_id}; pick one from the list.")
        was_active = self.active().id == profile_id
        self.db.execute("DELETE FROM profiles WHERE id=?", (profile_id,))
        if was_active:
            self.kv.set("profiles", "active", self.all()[0].id)

    def _valid_name(self, name: str, ignore_id: int | None = None) -> str:
        name = " ".join(str(name).split())
        if not name:
            raise ProfileError("A profile needs a name; type one (e.g. the client's name).")
        if len(name) > MAX_PROFILE_NAME:
            raise ProfileError(f"The name is {len(name)} characters; keep it under {MAX_PROFILE_NAME}.")
        row = self.db.query_one("SELECT id FROM profiles WHERE name=? COLLATE NOCASE", (name,))
        if row is not None and row["id"] != ignore_id:
            raise ProfileError(f"A profile called {name!r} already exists; choose another name.")
        return name
