"""The `jobs` table: the last known state of every job, so a reopened page or a restarted server shows it."""

from __future__ import annotations

import json
import sqlite3

from whittle.db import Database, Migration, is_row_id
from whittle.jobs.state import JobState

MIGRATIONS = (
    Migration(
        "jobs_001_create",
        """
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
            done REAL NOT NULL DEFAULT 0,
            total REAL NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            milestones TEXT NOT NULL DEFAULT '[]',
            result TEXT,
            error TEXT,
            started_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            finished_at REAL
        );
        CREATE INDEX jobs_kind ON jobs (kind, id)
        """,
    ),
    # One runner serves many jobs of a kind (a workflow's steps): jobs made before this have key ''.
    Migration(
        "jobs_002_key",
        """
        ALTER TABLE jobs ADD COLUMN key TEXT NOT NULL DEFAULT '';
        DROP INDEX jobs_kind;
        CREATE INDEX jobs_kind_key ON jobs (kind, key, id)
        """,
    ),
    # Job ids are never reused: the runner tells a stale job's progress from a newer job's by id.
    Migration(
        "jobs_003_autoincrement",
        """
        CREATE TABLE jobs__new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            label TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed', 'interrupted')),
            done REAL NOT NULL DEFAULT 0,
            total REAL NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            milestones TEXT NOT NULL DEFAULT '[]',
            result TEXT,
            error TEXT,
            started_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            finished_at REAL,
            key TEXT NOT NULL DEFAULT ''
        );
        INSERT INTO jobs__new (id, kind, label, status, done, total, unit, milestones, result, error, started_at,
                               updated_at, finished_at, key)
            SELECT id, kind, label, status, done, total, unit, milestones, result, error, started_at,
                   updated_at, finished_at, key FROM jobs;
        DROP TABLE jobs;
        ALTER TABLE jobs__new RENAME TO jobs;
        CREATE INDEX jobs_kind_key ON jobs (kind, key, id)
        """,
    ),
)


class JobStore:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def create(self, kind: str, key: str, label: str, *, done: float, total: float, unit: str, now: float) -> JobState:
        cursor = self.db.execute(
            "INSERT INTO jobs (kind, key, label, status, done, total, unit, started_at, updated_at) "
            "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)",
            (kind, key, label, done, total, unit, now, now),
        )
        return JobState(int(cursor.lastrowid), kind, key, label, "running", done, total, unit, now, now)

    def save(self, state: JobState) -> None:
        self.db.execute(
            "UPDATE jobs SET status=?, done=?, total=?, milestones=?, result=?, error=?, updated_at=?, finished_at=? "
            "WHERE id=?",
            (
                state.status,
                state.done,
                state.total,
                json.dumps(list(state.milestones)),
                None if state.result is None else json.dumps(state.result),
                state.error,
                state.updated_at,
                state.finished_at,
                state.id,
            ),
        )

    def latest(self, kind: str, key: str = "") -> JobState | None:
        row = self.db.query_one("SELECT * FROM jobs WHERE kind=? AND key=? ORDER BY id DESC LIMIT 1", (kind, key))
        return _state(row) if row else None

    def get(self, job_id: int) -> JobState | None:
        if not is_row_id(job_id):
            return None
        row = self.db.query_one("SELECT * FROM jobs WHERE id=?", (job_id,))
        return _state(row) if row else None

    def mark_interrupted(self, kind: str) -> int:
        """Jobs left 'running' by a process that died; returns how many."""
        return self.db.execute("UPDATE jobs SET status='interrupted' WHERE kind=? AND status='running'", (kind,)).rowcount

    def forget(self, kind: str, key: str) -> None:
        """Delete the ended jobs of a key (a running one stays)."""
        self.db.execute("DELETE FROM jobs WHERE kind=? AND key=? AND status != 'running'", (kind, key))


def _state(row: sqlite3.Row) -> JobState:
    return JobState(
        id=row["id"],
        kind=row["kind"],
        key=row["key"],
        label=row["label"],
        status=row["status"],
        done=row["done"],
        total=row["total"],
        unit=row["unit"],
        started_at=row["started_at"],
        updated_at=row["updated_at"],
        finished_at=row["finished_at"],
        milestones=tuple(json.loads(row["milestones"])),
        result=None if row["result"] is None else json.loads(row["result"]),
        error=row["error"],
    )
