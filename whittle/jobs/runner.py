"""JobRunner: an app's background jobs, at most one running per key, watched by any number of tabs.

The work is an async function that reports progress through its `JobContext`; heavy
lifting belongs in a worker thread (`await asyncio.to_thread(...)`) so the event loop
keeps serving pages. The job is an asyncio task owned by the runner, not by a request,
so closing the tab does not stop it, and any tab can watch it (`updates`).

Progress is written to the `jobs` table (throttled), so a reopened page shows the last
known state; a job still marked running when a runner starts belonged to a process that
died, and is marked 'interrupted'. Work that can resume keeps its own checkpoints (a
workflow step saves them with its run) and is started again with `done=` where it was.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whittle.db import Database
from whittle.jobs.state import JobState, Status
from whittle.jobs.store import JobStore

logger = logging.getLogger("whittle.jobs")


class JobBusy(RuntimeError):
    """A job with this key is already running; str(error) tells the user what to do."""


class JobFailed(Exception):
    """Raised by the work: the job fails with this message for the user, and no traceback is logged."""


class JobContext:
    """What the work sees: report progress, and (in a thread) check whether to stop."""

    def __init__(self, runner: JobRunner, key: str, job_id: int):
        self._runner = runner
        self._key = key
        self._job_id = job_id
        self._stop = threading.Event()

    def progress(self, done: float, total: float | None = None, detail: Any = None) -> None:
        """Set how much is done (absolute, in the job's unit) and what the page shows of it (`detail`).

        Safe to call from a worker thread.
        """
        self._runner._call_on_loop(self._runner._progress, self._key, self._job_id, done, total, detail)

    @property
    def stop_requested(self) -> bool:
        """True once the job is cancelled: a long loop inside a worker thread should return early."""
        return self._stop.is_set()


JobWork = Callable[[JobContext], Awaitable[Any]]
MilestoneHook = Callable[[JobState, list[int]], None]
EndHook = Callable[[JobState], None]


@dataclass(eq=False)
class _Slot:
    """One key: its latest job, the task running it, and the event its watchers wait on."""

    state: JobState | None
    task: asyncio.Task[None] | None = None
    context: JobContext | None = None
    cancel_requested: bool = False
    last_persist: float = 0.0
    version: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def publish(self, state: JobState) -> None:
        self.state = state
        self.version += 1
        self.changed.set()
        self.changed = asyncio.Event()  # waiters hold the old one, already set


class JobRunner:
    """Runs one app's jobs (`kind`), at most one per key at a time, and remembers the latest of each key.

    on_milestone(state, marks) runs when progress crosses percentages in `milestones`;
    100 is announced only when the work returns, so its result is known. on_end(state)
    runs when a job ends done, cancelled or failed (not when the server stops under it).
    Hooks run on the event loop and must not block; an exception in a hook is logged,
    never fatal to the job.
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
        self._slots: dict[str, _Slot] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    def watch(
        self,
        *,
        milestones: Sequence[int] | None = None,
        on_milestone: MilestoneHook | None = None,
        on_end: EndHook | None = None,
    ) -> JobRunner:
        """Set the hooks after construction (an app's `ctx.jobs` is made for it); returns the runner."""
        if milestones is not None:
            self.milestones = tuple(sorted(milestones))
        if on_milestone is not None:
            self.on_milestone = on_milestone
        if on_end is not None:
            self.on_end = on_end
        return self

    # -- reading -----------------------------------------------------------------
    def state(self, key: str = "") -> JobState | None:
        """The running job, or the latest one (from the database after a restart), or None."""
        return self._slot(key).state

    def running(self, key: str = "") -> bool:
        return self._slot(key).running

    def version(self, key: str = "") -> int:
        """Bumped on every change of the key's job; pass it to wait_for_change."""
        return self._slot(key).version

    async def wait_for_change(self, version: int, timeout: float, key: str = "") -> int:
        """Wait until the key's state differs from `version` (or timeout); return the current version."""
        slot = self._slot(key)
        if version == slot.version:
            try:
                await asyncio.wait_for(slot.changed.wait(), timeout)
            except TimeoutError:
                pass
        return slot.version

    async def wait(self, key: str = "") -> JobState | None:
        """Wait for the key's current job, if any, to end; return its final state."""
        slot = self._slot(key)
        if slot.task is not None:
            await asyncio.wait([slot.task])
        return slot.state

    async def updates(
        self, key: str = "", *, min_interval: float = 0.0, resend_after: float = 15.0, max_seconds: float | None = None
    ) -> AsyncIterator[JobState]:
        """The running job's state now and after each change, then its final state; nothing if none runs.

        At most one state per `min_interval` (a slow reader skips to the latest). The same state
        comes again after `resend_after` seconds without change: elapsed time moves, and a tab that
        went away is noticed when the write fails. After `max_seconds` it ends with the job running.
        """
        ends = None if max_seconds is None else time.monotonic() + max_seconds
        slot = self._slot(key)
        seen = False
        while True:
            version, state = slot.version, slot.state
            if state is None:
                return
            if not state.running:
                if seen:
                    yield state  # how it ended: the last progress, the result or the error
                return
            if ends is not None and time.monotonic() > ends:
                return
            seen = True
            yield state
            if min_interval:
                await asyncio.sleep(min_interval)
            await self.wait_for_change(version, resend_after, key)

    # -- controlling -------------------------------------------------------------
    def start(
        self, work: JobWork, *, key: str = "", total: float = 0, done: float = 0, unit: str = "", label: str = "job"
    ) -> JobState:
        """Start `work` as a background task (call from the event loop). Raises JobBusy if the key's job runs.

        total may be 0 when the work learns it later (`context.progress(done, total)`); done is
        where a resumed job starts from.
        """
        slot = self._slot(key)
        if slot.running and slot.state is not None:
            raise JobBusy(
                f"A {slot.state.label} is already running ({slot.state.percent}% done). "
                "Wait for it to finish, or cancel it first."
            )
        if total < 0:
            raise ValueError(f"a job's total amount of work cannot be negative, got {total!r}")
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        done = _clamp(done, total)
        state = self.store.create(self.kind, key, label, done=done, total=total, unit=unit, now=time.time())
        slot.cancel_requested = False
        slot.last_persist = state.started_at
        slot.publish(state)
        slot.context = JobContext(self, key, state.id)
        slot.task = asyncio.create_task(self._run(slot, work, slot.context), name=f"job:{self.kind}:{key}:{state.id}")
        return state

    def progress(self, done: float, total: float | None = None, *, key: str = "", detail: Any = None) -> None:
        """Report progress for the key's running job from outside its work (ignored if none runs)."""
        slot = self._slot(key)
        if slot.running and slot.context is not None:
            slot.context.progress(done, total, detail)

    async def cancel(self, key: str = "") -> JobState | None:
        """Stop the key's running job and wait until it has stopped; None if nothing was running."""
        slot = self._slot(key)
        task = slot.task
        if task is None or task.done():
            return None
        slot.cancel_requested = True
        if slot.context is not None:
            slot.context._stop.set()
        task.cancel()
        await asyncio.wait([task])
        if slot.state is not None and slot.state.running:
            self._finish(slot, "cancelled")  # cancelled before its first step: _run never began to record it
        return slot.state

    async def cancel_all(self) -> None:
        """Stop every running job of this runner (before its database closes), waiting for each."""
        for key in [key for key, slot in self._slots.items() if slot.task is not None and not slot.task.done()]:
            await self.cancel(key)

    def forget(self, key: str) -> None:
        """Forget the key's ended jobs, here and in the database (a running job is kept)."""
        slot = self._slots.get(key)
        if slot is not None and slot.running:
            return
        self._slots.pop(key, None)
        self.store.forget(self.kind, key)

    # -- internals -----------------------------------------------------------------
    def _slot(self, key: str) -> _Slot:
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _Slot(self.store.latest(self.kind, key))
        return slot

    def _call_on_loop(self, function: Callable[..., None], *args: Any) -> None:
        if threading.get_ident() == self._loop_thread:
            function(*args)
        elif self._loop is not None:
            self._loop.call_soon_threadsafe(function, *args)

    async def _run(self, slot: _Slot, work: JobWork, context: JobContext) -> None:
        try:
            result = await work(context)
        except asyncio.CancelledError:
            if not slot.cancel_requested:
                self._finish(slot, "interrupted")  # the server is shutting down
                raise
            asyncio.current_task().uncancel()  # type: ignore[union-attr]  # our own cancel: handled here
            self._finish(slot, "cancelled")
        except JobFailed as failure:
            self._finish(slot, "failed", error=str(failure))
        except Exception as error:
            logger.exception("job %s:%s failed", self.kind, context._key)
            self._finish(slot, "failed", error=f"{type(error).__name__}: {error}")
        else:
            self._finish(slot, "done", result=result)

    def _progress(self, key: str, job_id: int, done: float, total: float | None, detail: Any) -> None:
        slot = self._slots.get(key)
        state = slot.state if slot is not None else None
        if slot is None or state is None or state.id != job_id or not state.running:
            return  # a straggler from a worker thread after the job ended
        total = total if total and total > 0 else state.total
        done = _clamp(done, total)
        now = time.time()
        updated = replace(state, done=done, total=total, updated_at=now, detail=detail)
        crossed = [m for m in self.milestones if m < 100 and m not in state.milestones and updated.percent >= m]
        if crossed:
            updated = replace(updated, milestones=state.milestones + tuple(crossed))
        slot.publish(updated)
        if crossed or now - slot.last_persist >= self.persist_interval:
            self.store.save(updated)
            slot.last_persist = now
        if crossed:
            self._call(self.on_milestone, updated, crossed)

    def _finish(self, slot: _Slot, status: Status, *, result: Any = None, error: str | None = None) -> None:
        state = slot.state
        assert state is not None
        now = time.time()
        final = replace(state, status=status, result=result, error=error, updated_at=now, finished_at=now)
        crossed: list[int] = []
        if status == "done":
            crossed = [m for m in self.milestones if m not in state.milestones]
            done = final.total if final.total > 0 else final.done
            final = replace(final, done=done, milestones=state.milestones + tuple(crossed))
        try:
            self.store.save(final)
        finally:
            slot.publish(final)
        if crossed:
            self._call(self.on_milestone, final, crossed)
        if status != "interrupted":
            self._call(self.on_end, final)

    def _call(self, hook: Callable[..., None] | None, *args: Any) -> None:
        if hook is None:
            return
        try:
            hook(*args)
        except Exception:
            logger.exception("job %s: hook %r failed", self.kind, hook)


def _clamp(done: float, total: float) -> float:
    """Progress within 0..total (a total of 0 is not known yet: no upper bound)."""
    done = max(float(done), 0.0)
    return min(done, total) if total > 0 else done
