"""Background jobs that outlive the browser tab: one at a time per runner, progress in memory and SQLite.

An app owns a `JobRunner` and starts work with it. The work is an async function
that reports progress through its `JobContext`; heavy lifting belongs in a worker
thread (`await asyncio.to_thread(...)`) so the event loop keeps serving pages. The
job is an asyncio task owned by the runner, not by a request, so closing the tab
does not stop it, and any tab can watch it (`wait_for_change`).

Progress is written to the `jobs` table (throttled), so a reopened page shows the
last known state; a job still marked running when a runner starts belonged to a
process that died, and is marked 'interrupted'.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from whittle.db import Database, Migration

logger = logging.getLogger("whittle.jobs")

Status = Literal["running", "done", "cancelled", "failed", "interrupted"]

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
)


@dataclass(frozen=True)
class JobState:
    """A snapshot of one job. Times are Unix seconds; `done` and `total` are in `unit`s."""

    id: int
    kind: str
    label: str
    status: Status
    done: float
    total: float
    unit: str
    started_at: float
    updated_at: float
    finished_at: float | None = None
    milestones: tuple[int, ...] = ()  # percentages already announced
    result: Any = None
    error: str | None = None

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is done."""
        return math.floor(100 * self.done / self.total) if self.total else 0

    def elapsed(self, now: float | None = None) -> float:
        # A job that is not running stopped at its last update (an interrupted one never finished).
        end = self.finished_at or (self.updated_at if not self.running else (now or time.time()))
        return max(0.0, end - self.started_at)

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left at the average rate so far; None until there is a rate to go by."""
        if not self.running or self.done <= 0:
            return None
        elapsed = self.elapsed(now)
        return elapsed * (self.total - self.done) / self.done


class JobBusy(RuntimeError):
    """A job of this kind is already running; str(error) tells the user what to do."""


class JobStore:
    """The `jobs` table."""

    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def create(self, kind: str, label: str, total: float, unit: str, now: float) -> JobState:
        cursor = self.db.execute(
            "INSERT INTO jobs (kind, label, status, total, unit, started_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?, ?)",
            (kind, label, total, unit, now, now),
        )
        return JobState(int(cursor.lastrowid), kind, label, "running", 0.0, total, unit, now, now)

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

    def latest(self, kind: str) -> JobState | None:
        row = self.db.query_one("SELECT * FROM jobs WHERE kind=? ORDER BY id DESC LIMIT 1", (kind,))
        return _state(row) if row else None

    def get(self, job_id: int) -> JobState | None:
        row = self.db.query_one("SELECT * FROM jobs WHERE id=?", (job_id,))
        return _state(row) if row else None

    def mark_interrupted(self, kind: str) -> int:
        """Jobs left 'running' by a process that died; returns how many."""
        return self.db.execute("UPDATE jobs SET status='interrupted' WHERE kind=? AND status='running'", (kind,)).rowcount


def _state(row) -> JobState:
    return JobState(
        id=row["id"],
        kind=row["kind"],
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


class JobContext:
    """What the work sees: report progress, and (in a thread) check whether to stop."""

    def __init__(self, runner: JobRunner, job_id: int):
        self._runner = runner
        self._job_id = job_id
        self._stop = threading.Event()

    def progress(self, done: float, total: float | None = None) -> None:
        """Set how much is done (absolute, in the job's unit). Safe to call from a worker thread."""
        if threading.get_ident() == self._runner._loop_thread:
            self._runner._progress(self._job_id, done, total)
        else:
            self._runner._loop.call_soon_threadsafe(self._runner._progress, self._job_id, done, total)

    @property
    def stop_requested(self) -> bool:
        """True once the job is cancelled: a long loop inside a worker thread should return early."""
        return self._stop.is_set()


JobWork = Callable[[JobContext], Awaitable[Any]]
MilestoneHook = Callable[[JobState, list[int]], None]
EndHook = Callable[[JobState], None]


class JobRunner:
    """Runs at most one job of a kind at a time and remembers the latest one.

    on_milestone(state, marks) runs when progress crosses percentages in `milestones`;
    100 is announced only when the work returns, so its result is known. on_end(state)
    runs when a job ends done, cancelled or failed. Hooks run on the event loop and
    must not block; an exception in a hook is logged, never fatal to the job.
    """

    def __init__(
        self,
        db: Database,
        kind: str,
        *,
        milestones: Sequence[int] = (25, 50, 75, 100),
        on_milestone: MilestoneHook | None = None,
        on_end: EndHook | None = None,
        persist_interval: float = 0.5,
    ):
        self.kind = kind
        self.store = JobStore(db)
        self.store.mark_interrupted(kind)
        self.milestones = tuple(sorted(milestones))
        self.on_milestone = on_milestone
        self.on_end = on_end
        self.persist_interval = persist_interval
        self._state = self.store.latest(kind)
        self._task: asyncio.Task[None] | None = None
        self._context: JobContext | None = None
        self._cancel_requested = False
        self._last_persist = 0.0
        self._version = 0
        self._changed = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    # -- reading -----------------------------------------------------------------
    @property
    def state(self) -> JobState | None:
        """The running job, or the latest one (from the database after a restart), or None."""
        return self._state

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    @property
    def version(self) -> int:
        """Bumped on every change; pass it to wait_for_change."""
        return self._version

    async def wait_for_change(self, version: int, timeout: float) -> int:
        """Wait until the state differs from `version` (or timeout); return the current version."""
        if version == self._version:
            try:
                await asyncio.wait_for(self._changed.wait(), timeout)
            except TimeoutError:
                pass
        return self._version

    async def wait(self) -> JobState | None:
        """Wait for the current job, if any, to end; return its final state."""
        if self._task is not None:
            await asyncio.wait([self._task])
        return self._state

    # -- controlling -------------------------------------------------------------
    def start(self, work: JobWork, *, total: float, unit: str = "", label: str = "job") -> JobState:
        """Start `work` as a background task (call from the event loop). Raises JobBusy if one runs."""
        if self.running and self._state is not None:
            raise JobBusy(
                f"A {self._state.label} is already running ({self._state.percent}% done). "
                "Wait for it to finish, or cancel it first."
            )
        if not total > 0:
            raise ValueError(f"a job needs a positive total amount of work, got {total!r}")
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        state = self.store.create(self.kind, label, total, unit, time.time())
        self._cancel_requested = False
        self._last_persist = state.started_at
        self._publish(state)
        self._context = JobContext(self, state.id)
        self._task = asyncio.create_task(self._run(work, self._context), name=f"job:{self.kind}:{state.id}")
        return state

    async def cancel(self) -> JobState | None:
        """Stop the running job and wait until it has stopped; None if nothing was running."""
        task = self._task
        if task is None or task.done():
            return None
        self._cancel_requested = True
        if self._context is not None:
            self._context._stop.set()
        task.cancel()
        await asyncio.wait([task])
        return self._state

    # -- internals -----------------------------------------------------------------
    async def _run(self, work: JobWork, context: JobContext) -> None:
        try:
            result = await work(context)
        except asyncio.CancelledError:
            if not self._cancel_requested:
                self._finish("interrupted")  # the server is shutting down
                raise
            asyncio.current_task().uncancel()  # type: ignore[union-attr]  # our own cancel: handled here
            self._finish("cancelled")
        except Exception as error:
            logger.exception("job %s failed", self.kind)
            self._finish("failed", error=f"{type(error).__name__}: {error}")
        else:
            self._finish("done", result=result)

    def _progress(self, job_id: int, done: float, total: float | None) -> None:
        state = self._state
        if state is None or state.id != job_id or not state.running:
            return  # a straggler from a worker thread after the job ended
        total = total if total and total > 0 else state.total
        now = time.time()
        updated = replace(state, done=min(max(done, 0.0), total), total=total, updated_at=now)
        crossed = [m for m in self.milestones if m < 100 and m not in state.milestones and updated.percent >= m]
        if crossed:
            updated = replace(updated, milestones=state.milestones + tuple(crossed))
        self._publish(updated)
        if crossed or now - self._last_persist >= self.persist_interval:
            self.store.save(updated)
            self._last_persist = now
        if crossed:
            self._call(self.on_milestone, updated, crossed)

    def _finish(self, status: Status, *, result: Any = None, error: str | None = None) -> None:
        state = self._state
        assert state is not None
        now = time.time()
        final = replace(state, status=status, result=result, error=error, updated_at=now, finished_at=now)
        crossed: list[int] = []
        if status == "done":
            crossed = [m for m in self.milestones if m not in state.milestones]
            final = replace(final, done=final.total, milestones=state.milestones + tuple(crossed))
        try:
            self.store.save(final)
        finally:
            self._publish(final)
        if crossed:
            self._call(self.on_milestone, final, crossed)
        if status != "interrupted":
            self._call(self.on_end, final)

    def _publish(self, state: JobState) -> None:
        self._state = state
        self._version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    def _call(self, hook: Callable[..., None] | None, *args: Any) -> None:
        if hook is None:
            return
        try:
            hook(*args)
        except Exception:
            logger.exception("job %s: hook %r failed", self.kind, hook)
