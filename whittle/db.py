"""SQLite access: one WAL database per data home, append-only migrations.

Each module that owns tables declares its migrations as a tuple of
`Migration(name, sql)` and calls `Database.migrate(...)` at start-up. A migration,
once released, is never edited: new columns or tables come as new entries.
Tables whose ids users see (in URLs, in a stale tab) declare `AUTOINCREMENT`, so a
deleted row's id is never handed to a new row.
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


# SQLite keeps integers in 64 bits; a larger number (say, from a URL) cannot name any row, and
# binding it raises OverflowError, so stores check ids with `is_row_id` first.
MAX_ROW_ID = 2**63 - 1


class RowGone(LookupError):
    """An id names no row: deleted (perhaps in another tab), never made, or out of range.

    Nothing was changed. The web layer answers it with 404 and str(error), which tells the
    user what to do; stores raise their own subclass (TodoGone, RunGone...).
    """


def is_row_id(value: object) -> bool:
    """Whether `value` could be a row id: a whole number SQLite can hold (bool is not one)."""
    return type(value) is int and 0 <= value <= MAX_ROW_ID


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
        """Apply the migrations not yet applied, in order; return their names.

        Foreign keys are off while a migration runs, so one may rebuild a table (SQLite cannot
        alter a primary key): dropping the old copy would otherwise cascade into the tables that
        reference it. Before it commits, every reference must still resolve.
        """
        applied: list[str] = []
        with self._lock:
            done = {row[0] for row in self._conn.execute("SELECT name FROM _migrations")}
            pending = [migration for migration in migrations if migration.name not in done]
            if not pending:
                return applied
            self._conn.execute("PRAGMA foreign_keys=OFF")  # a no-op inside a transaction, so set it before
            try:
                for migration in pending:
                    with self.transaction():
                        # Only references this migration breaks count: older orphans must not block start-up.
                        before = {tuple(row) for row in self._conn.execute("PRAGMA foreign_key_check")}
                        for statement in _split_sql(migration.sql):
                            self._conn.execute(statement)
                        broken = [tuple(row) for row in self._conn.execute("PRAGMA foreign_key_check")]
                        broken = [row for row in broken if row not in before]
                        if broken:
                            raise sqlite3.IntegrityError(
                                f"migration {migration.name} would leave {len(broken)} broken references "
                                f"(first in table {broken[0][0]}); nothing was changed"
                            )
                        self._conn.execute("INSERT INTO _migrations (name) VALUES (?)", (migration.name,))
                    applied.append(migration.name)
            finally:
                self._conn.execute("PRAGMA foreign_keys=ON")
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
