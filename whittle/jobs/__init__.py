"""Background jobs that outlive the browser tab: progress in memory and SQLite, cancel, SSE.

One runner serves every kind of job: the Long job app's single job, and a workflow's
background steps (one job per run and step). See `runner.py` for how a job runs.
"""

from whittle.jobs.runner import JobBusy, JobContext, JobFailed, JobRunner, JobWork
from whittle.jobs.sse import sse_event
from whittle.jobs.state import JobState, Status
from whittle.jobs.store import MIGRATIONS, JobStore

__all__ = [
    "MIGRATIONS",
    "JobBusy",
    "JobContext",
    "JobFailed",
    "JobRunner",
    "JobState",
    "JobStore",
    "JobWork",
    "Status",
    "sse_event",
]
