"""Background steps as jobs of the app's JobRunner (whittle.jobs): the key, and the work.

The runner owns the task, its progress, cancel and the SSE updates; the step's partial work
is checkpointed with the run (StepContext.checkpoint), so after a restart the card offers
to resume where it stopped.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from whittle.jobs import JobContext, JobFailed, JobWork
from whittle.workflows.engine import Run
from whittle.workflows.steps import Step, WorkflowError
from whittle.workflows.store import RunGone

logger = logging.getLogger("whittle.workflows")


def job_key(run_id: int, step_id: str) -> str:
    """The runner's key for one step of one run."""
    return f"{run_id}:{step_id}"


def background_step(run: Run, step: Step, values: Mapping[str, Any]) -> JobWork:
    """The job that submits a background step; a failure becomes a message for the card, as in the foreground."""

    async def work(context: JobContext) -> None:
        try:
            await run.asubmit(step.id, values)
        except (WorkflowError, RunGone) as error:  # RunGone: the run was deleted while the step ran
            raise JobFailed(str(error)) from error
        except Exception as error:  # a bug in a step must reach the page, not vanish in a task
            logger.exception("background step %s of %s failed", step.id, run.workflow.name)
            raise JobFailed(
                f"The step failed: {type(error).__name__}: {error}. What was done so far is kept; try again."
            ) from error

    return work
