"""The jobs table: a database made before jobs had keys still opens, and its jobs are still found."""

import sqlite3

from whittle.db import Database
from whittle.jobs import MIGRATIONS, JobRunner


def test_an_old_database_gains_the_key_column_and_keeps_its_jobs(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    old.migrate(MIGRATIONS[:1])  # as released before jobs_002_key
    old.execute(
        "INSERT INTO jobs (kind, label, status, done, total, unit, milestones, started_at, updated_at) "
        "VALUES ('long-job', 'long job', 'running', 300, 600, 'MB', '[25]', 1.0, 2.0)"
    )
    old.close()

    db = Database(path)
    try:
        runner = JobRunner(db, "long-job")
        state = runner.state()
        assert (state.key, state.status, state.done, state.milestones) == ("", "interrupted", 300, (25,))
        indexes = {row["name"] for row in db.query("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "jobs_kind_key" in indexes and "jobs_kind" not in indexes
    finally:
        db.close()
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
