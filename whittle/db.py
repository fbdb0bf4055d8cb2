"""SQLite access: one WAL database per data home, append-only migrations.

Each module that owns tables declares its migrations as a tuple of
`Migration(name, sql)` and calls `Database.migrate(...)` at start-up. A migration,
once released, is never edited: new columns or tables come as new entries.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


class Database:
    """A single shared connection guarded by a lock.

    whittle's writes are tiny (a message, a step's state), so one connection with
    a lock is simpler and safer than a pool; WAL keeps readers in other processes
    (a notebook driving a workflow) unblocked.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode survives a killed process; only power loss can drop the last commit.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT DEFAULT CURRENT_TIMESTAMP)"
        )

    def migrate(self, migrations: Sequence[Migration]) -> list[str]:
        """Apply the migrations not yet applied, in order; return their names."""
        applied: list[str] = []
        with self._lock:
            done = {row[0] for row in self._conn.execute("SELECT name FROM _migrations")}
            for migration in migrations:
                if migration.name in done:
                    continue
                with self.transaction():
                    for statement in _split_sql(migration.sql):
                        self._conn.execute(statement)
                    self._conn.execute("INSERT INTO _migrations (name) VALUES (?)", (migration.name,))
                applied.append(migration.name)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self._lock:
            return self._conn.execute(sql, params).fetchone()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _split_sql(script: str) -> Iterable[str]:
    # Migrations are plain DDL without semicolons inside strings, so a split is enough
    # and keeps every statement inside our explicit transaction (executescript would commit).
    return [s.strip() for s in script.split(";") if s.strip()]
