"""Workflow runs and their step states in SQLite.

Every change is one transaction that re-checks the run's state inside it (BEGIN
IMMEDIATE), so a server killed mid-submit never leaves half a step behind, and a
browser tab and a notebook writing the same run cannot interleave.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from whittle.db import Database, Migration, RowGone, is_row_id
from whittle.user_text import refuse_control_characters
from whittle.workflows.steps import WorkflowError

MIGRATIONS = (
    Migration(
        "workflows_001_create",
        """
        CREATE TABLE workflow_runs (
            id INTEGER PRIMARY KEY,
            workflow TEXT NOT NULL,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            finalized INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (workflow, profile_id, key)
        );
        CREATE TABLE workflow_steps (
            run_id INTEGER NOT NULL REFERENCES workflow_runs(id) ON DELETE CASCADE,
            step_id TEXT NOT NULL,
            values_json TEXT NOT NULL,
            result_json TEXT,
            progress_json TEXT,
            completed_at TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (run_id, step_id),
            CHECK ((completed_at IS NULL) = (result_json IS NULL))
        )
        """,
    ),
    # Run ids are never reused: a stale tab's "delete run 2" must not delete a newer run that got id 2.
    Migration(
        "workflows_002_autoincrement",
        """
        CREATE TABLE workflow_runs__new (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            workflow TEXT NOT NULL,
            profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            finalized INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (workflow, profile_id, key)
        );
        INSERT INTO workflow_runs__new (id, workflow, profile_id, key, finalized, created_at, updated_at)
            SELECT id, workflow, profile_id, key, finalized, created_at, updated_at FROM workflow_runs;
        DROP TABLE workflow_runs;
        ALTER TABLE workflow_runs__new RENAME TO workflow_runs
        """,
    ),
)


class RunGone(RowGone):
    """The run does not exist (any more): deleted, perhaps in another tab; nothing was changed."""

    def __init__(self, message: str = "That run does not exist (any more); pick one from the list or start a new one."):
        super().__init__(message)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class RunRecord:
    id: int
    workflow: str
    profile_id: int
    key: str
    finalized: bool
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class StepState:
    """What is saved for one step: the values entered, the result once done, progress of an unfinished job."""

    step_id: str
    values: dict[str, Any]
    result: Any = None
    progress: dict[str, Any] | None = None
    completed_at: str | None = None

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class RunSummary:
    run: RunRecord
    done_steps: int


def _run(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        row["id"],
        row["workflow"],
        row["profile_id"],
        row["key"],
        bool(row["finalized"]),
        row["created_at"],
        row["updated_at"],
    )


def _state(row: sqlite3.Row) -> StepState:
    return StepState(
        row["step_id"],
        json.loads(row["values_json"]),
        json.loads(row["result_json"]) if row["result_json"] is not None else None,
        json.loads(row["progress_json"]) if row["progress_json"] is not None else None,
        row["completed_at"],
    )


def to_json(value: Any, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise WorkflowError(
            f"The {what} cannot be saved: {error}. Return plain data (str, number, list, dict)."
        ) from None


def _typed(values: Mapping[str, Any]) -> dict[str, Any]:
    """A step's input as typed, refusing control characters in any text field (a NUL is never meant)."""
    for name, value in values.items():
        for text in value if isinstance(value, list | tuple) else (value,):
            if isinstance(text, str):
                refuse_control_characters(text, what=f"The field {name!r}", error=WorkflowError)
    return dict(values)


class WorkflowStore:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    # -- runs ------------------------------------------------------------------
    def find_run(self, workflow: str, profile_id: int, key: str) -> RunRecord | None:
        row = self.db.query_one(
            "SELECT * FROM workflow_runs WHERE workflow=? AND profile_id=? AND key=?", (workflow, profile_id, key)
        )
        return _run(row) if row else None

    def get_run(self, run_id: int) -> RunRecord | None:
        if not is_row_id(run_id):  # an id beyond SQLite's integers (typed into a URL) names no run
            return None
        row = self.db.query_one("SELECT * FROM workflow_runs WHERE id=?", (run_id,))
        return _run(row) if row else None

    def open_run(self, workflow: str, profile_id: int, key: str) -> tuple[RunRecord, bool]:
        """The run with this key, created if new; the flag says whether it was created."""
        now = _now()
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO workflow_runs (workflow, profile_id, key, created_at, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (workflow, profile_id, key) DO NOTHING",
                (workflow, profile_id, key, now, now),
            )
            created = cursor.rowcount == 1
            row = conn.execute(
                "SELECT * FROM workflow_runs WHERE workflow=? AND profile_id=? AND key=?", (workflow, profile_id, key)
            ).fetchone()
        return _run(row), created

    def runs(self, workflow: str, profile_id: int) -> list[RunSummary]:
        rows = self.db.query(
            "SELECT r.*, (SELECT COUNT(*) FROM workflow_steps s WHERE s.run_id=r.id AND s.completed_at IS NOT NULL) AS done "
            "FROM workflow_runs r WHERE workflow=? AND profile_id=? ORDER BY updated_at DESC, id DESC",
            (workflow, profile_id),
        )
        return [RunSummary(_run(row), row["done"]) for row in rows]

    def delete_run(self, run_id: int) -> bool:
        """Delete the run and its steps; False when there was no such run (nothing changes)."""
        if not is_row_id(run_id):
            return False
        return self.db.execute("DELETE FROM workflow_runs WHERE id=?", (run_id,)).rowcount == 1

    # -- steps -----------------------------------------------------------------
    def step_states(self, run_id: int) -> dict[str, StepState]:
        rows = self.db.query("SELECT * FROM workflow_steps WHERE run_id=?", (run_id,))
        return {row["step_id"]: _state(row) for row in rows}

    def complete_step(
        self, run_id: int, step_id: str, values: Mapping[str, Any], result: Any, *, after: Sequence[str]
    ) -> None:
        """Save a finished step (values and result together); `after` lists the steps that must be done first."""
        values_json, result_json = to_json(_typed(values), "input"), to_json(result, "step's result")
        with self.db.transaction() as conn:
            self._check_open(conn, run_id)
            done = self._done(conn, run_id)
            if step_id in done:
                raise WorkflowError("This step is already done (perhaps in another tab); revert to it to change it.")
            missing = [s for s in after if s not in done]
            if missing:
                raise WorkflowError(f"Finish step {missing[0]!r} first; it comes before this one.")
            now = _now()
            conn.execute(
                "INSERT INTO workflow_steps (run_id, step_id, values_json, result_json, progress_json, completed_at, updated_at) "
                "VALUES (?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (run_id, step_id) DO UPDATE SET "
                "values_json=excluded.values_json, result_json=excluded.result_json, progress_json=NULL, "
                "completed_at=excluded.completed_at, updated_at=excluded.updated_at",
                (run_id, step_id, values_json, result_json, now, now),
            )
            conn.execute("UPDATE workflow_runs SET updated_at=? WHERE id=?", (now, run_id))

    def save_progress(self, run_id: int, step_id: str, values: Mapping[str, Any], progress: Mapping[str, Any]) -> None:
        """Checkpoint an unfinished step: what is done so far survives a cancel, a crash or a restart."""
        values_json, progress_json = to_json(_typed(values), "input"), to_json(dict(progress), "progress")
        with self.db.transaction() as conn:
            self._check_open(conn, run_id)
            if step_id in self._done(conn, run_id):
                raise WorkflowError("This step was completed meanwhile (perhaps in another tab); nothing to resume.")
            now = _now()
            conn.execute(
                "INSERT INTO workflow_steps (run_id, step_id, values_json, progress_json, updated_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (run_id, step_id) DO UPDATE SET values_json=excluded.values_json, "
                "progress_json=excluded.progress_json, updated_at=excluded.updated_at",
                (run_id, step_id, values_json, progress_json, now),
            )
            conn.execute("UPDATE workflow_runs SET updated_at=? WHERE id=?", (now, run_id))

    def revert(self, run_id: int, target: str, later: Iterable[str], keep: Mapping[str, Iterable[str]]) -> None:
        """Reopen `target` (its values stay, to edit); clear later steps, keeping only their `keep` fields."""
        with self.db.transaction() as conn:
            self._check_open(conn, run_id)
            now = _now()
            conn.execute(
                "UPDATE workflow_steps SET result_json=NULL, progress_json=NULL, completed_at=NULL, updated_at=? "
                "WHERE run_id=? AND step_id=?",
                (now, run_id, target),
            )
            for step_id in later:
                row = conn.execute(
                    "SELECT values_json FROM workflow_steps WHERE run_id=? AND step_id=?", (run_id, step_id)
                ).fetchone()
                if row is None:
                    continue
                kept = {k: v for k, v in json.loads(row["values_json"]).items() if k in set(keep.get(step_id, ()))}
                if kept:
                    conn.execute(
                        "UPDATE workflow_steps SET values_json=?, result_json=NULL, progress_json=NULL, completed_at=NULL, "
                        "updated_at=? WHERE run_id=? AND step_id=?",
                        (to_json(kept, "input"), now, run_id, step_id),
                    )
                else:
                    conn.execute("DELETE FROM workflow_steps WHERE run_id=? AND step_id=?", (run_id, step_id))
            conn.execute("UPDATE workflow_runs SET updated_at=? WHERE id=?", (now, run_id))

    def set_finalized(self, run_id: int, finalized: bool, *, require_done: Sequence[str] = ()) -> None:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT finalized FROM workflow_runs WHERE id=?", (run_id,)).fetchone()
            if row is None:
                raise RunGone()
            if finalized:
                missing = [s for s in require_done if s not in self._done(conn, run_id)]
                if missing:
                    raise WorkflowError(f"Finish every step before finalizing; step {missing[0]!r} is not done yet.")
            conn.execute(
                "UPDATE workflow_runs SET finalized=?, updated_at=? WHERE id=?", (int(finalized), _now(), run_id)
            )

    # -- checks inside a transaction ----------------------------------------------
    @staticmethod
    def _check_open(conn: sqlite3.Connection, run_id: int) -> None:
        row = conn.execute("SELECT finalized FROM workflow_runs WHERE id=?", (run_id,)).fetchone()
        if row is None:
            raise RunGone()
        if row["finalized"]:
            raise WorkflowError("This run is finalized (read-only); unfinalize it to change it.")

    @staticmethod
    def _done(conn: sqlite3.Connection, run_id: int) -> set[str]:
        rows = conn.execute(
            "SELECT step_id FROM workflow_steps WHERE run_id=? AND completed_at IS NOT NULL", (run_id,)
        ).fetchall()
        return {row["step_id"] for row in rows}
