"""Background steps: one asyncio task per (run, step), its latest progress, and a server-sent event stream.

The task's partial work is checkpointed to SQLite by the step itself (StepContext.checkpoint);
this board only holds what the page needs while the process lives: is it running, how far,
did it fail. After a restart there is no task, and the card offers to resume.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from whittle.workflows.steps import WorkflowError

logger = logging.getLogger("whittle.workflows")
KEEPALIVE_SECONDS = 15.0
JobKey = tuple[int, str]


@dataclass
class Job:
    progress: dict[str, Any] | None = None
    task: asyncio.Task | None = None
    finished: bool = False
    cancelled: bool = False
    error: str | None = None
    version: int = 0
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def bump(self) -> None:
        self.version += 1
        self.changed.set()
        self.changed = asyncio.Event()  # waiters hold the old one, already set

    @property
    def running(self) -> bool:
        return not self.finished


class JobBoard:
    def __init__(self) -> None:
        self._jobs: dict[JobKey, Job] = {}

    def get(self, run_id: int, step_id: str) -> Job | None:
        return self._jobs.get((run_id, step_id))

    def running(self, run_id: int, step_id: str) -> bool:
        job = self.get(run_id, step_id)
        return job is not None and job.running

    def start(
        self,
        run_id: int,
        step_id: str,
        work: Callable[[], Awaitable[Any]],
        progress: dict[str, Any] | None = None,
        on_end: Callable[[Job], Awaitable[None]] | None = None,
    ) -> Job:
        """Start `work` unless it already runs; the job records how it ended instead of raising."""
        existing = self.get(run_id, step_id)
        if existing is not None and existing.running:
            return existing
        job = Job(progress=progress)
        self._jobs[(run_id, step_id)] = job
        job.task = asyncio.create_task(self._run(job, work, on_end), name=f"workflow-step-{run_id}-{step_id}")
        return job

    async def _run(
        self, job: Job, work: Callable[[], Awaitable[Any]], on_end: Callable[[Job], Awaitable[None]] | None
    ) -> None:
        try:
            await work()
        except asyncio.CancelledError:
            job.cancelled = True
        except WorkflowError as error:
            job.error = str(error)
        except Exception as error:  # a bug in a step must reach the page, not vanish in a task
            logger.exception("background step failed")
            job.error = f"The step failed: {type(error).__name__}: {error}. What was done so far is kept; try again."
        finally:
            job.finished = True
            job.bump()
        if on_end is not None:
            await on_end(job)

    def report(self, run_id: int, step_id: str, progress: dict[str, Any]) -> None:
        job = self.get(run_id, step_id)
        if job is not None:
            job.progress = progress
            job.bump()

    async def cancel(self, run_id: int, step_id: str) -> bool:
        job = self.get(run_id, step_id)
        if job is None or job.task is None or job.finished:
            return False
        job.task.cancel()
        await asyncio.wait([job.task])
        return True

    async def cancel_run(self, run_id: int) -> None:
        for run, step in list(self._jobs):
            if run == run_id:
                await self.cancel(run, step)

    def forget(self, run_id: int, step_id: str) -> None:
        self._jobs.pop((run_id, step_id), None)

    async def events(
        self, run_id: int, step_id: str, render: Callable[[dict[str, Any] | None], str]
    ) -> AsyncIterator[str]:
        """Server-sent events: 'progress' (HTML) at each change, then 'done' once the job has ended."""
        job = self.get(run_id, step_id)
        if job is None or job.finished:
            yield sse_event("done", "")
            return
        seen = -1
        while True:
            changed = job.changed
            if job.version != seen:
                seen = job.version
                yield sse_event("progress", render(job.progress))
            if job.finished:
                yield sse_event("done", "")
                return
            try:
                await asyncio.wait_for(changed.wait(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield ": still working\n\n"  # a comment line keeps proxies and the browser from timing out


def sse_event(name: str, data: str) -> str:
    # Each line of the payload needs its own data: prefix; the browser joins them with newlines.
    lines = data.splitlines() or [""]
    return f"event: {name}\n" + "".join(f"data: {line}\n" for line in lines) + "\n"
