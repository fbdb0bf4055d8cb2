"""The workflow engine: a Run is one keyed, saved pass through a Workflow's steps (workflow.py).

The same Run is driven by the web app (app.py) and from Python (notebook.py):

    run = HelloWorkflow.open("default-hello-01")      # WHITTLE_HOME's database, active profile
    run.submit("name", {"name": "Ada"})
    run.state["name"].result

What a run needs from its surroundings (model calls, the chat's ear, progress listeners)
comes in as `Services`, so the engine knows neither the server nor the notebook.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from whittle.db import Database
from whittle.plurals import counted
from whittle.workflows.keys import normalize_key
from whittle.workflows.steps import Step, StepInputError, WorkflowError
from whittle.workflows.store import RunRecord, StepState, WorkflowStore

if TYPE_CHECKING:
    from whittle.apps.context import AppContext
    from whittle.profiles import Profile, ProfileStore
    from whittle.workflows.workflow import Workflow

logger = logging.getLogger("whittle.workflows")
NOTE_VALUES_CHARS = 300


class StepFailed(WorkflowError):
    """The step's handler raised; nothing was saved for the step."""


def _ignore(*args: Any) -> None:
    return None


@dataclass
class Services:
    """What a run needs from its surroundings: model calls, the chat's ear, progress listeners."""

    complete: Callable[..., Awaitable[str]] | None = None  # (messages, *, purpose, max_tokens) -> text
    note: Callable[[str], None] = _ignore
    on_progress: Callable[[Run, Step, dict], None] = _ignore
    closers: list[Callable[[], None]] = field(default_factory=list)


class StepContext:
    """What a handler gets: the cleaned values, earlier results, the model, and a progress checkpoint."""

    def __init__(self, run: Run, step: Step, values: dict[str, Any], saved: Any):
        self.run = run
        self.step = step
        self.values = values
        self.saved = saved  # data from the last checkpoint of an interrupted attempt with these same values

    def result(self, step_id: str) -> Any:
        state = self.run.state.get(step_id)
        if state is None or not state.done:
            raise WorkflowError(f"Step {step_id!r} is not done yet; finish it first.")
        return state.result

    async def complete(self, messages: list[dict], *, purpose: str, max_tokens: int = 256, **options: Any) -> str:
        """One model call through whittle's router; options (kind, check, ...) go to AppContext.complete."""
        if self.run.services.complete is None:
            raise WorkflowError("This step asks the model, but no model is available here.")
        return await self.run.services.complete(messages, purpose=purpose, max_tokens=max_tokens, **options)

    def checkpoint(self, data: Any, *, done: int, total: int, message: str = "") -> None:
        """Save partial work (one transaction); a resumed attempt finds it in ctx.saved."""
        progress = {"done": done, "total": total, "message": message, "data": data}
        self.run.store.save_progress(self.run.id, self.step.id, self.values, progress)
        self.run.services.on_progress(self.run, self.step, progress)

    def note(self, text: str) -> None:
        self.run.services.note(f"{self.run.label}: {text}")


class Run:
    def __init__(self, workflow: type[Workflow], store: WorkflowStore, record: RunRecord, services: Services):
        self.workflow = workflow
        self.handlers = workflow()
        self.store = store
        self.services = services
        self.id = record.id
        self.key = record.key
        self.profile_id = record.profile_id

    def __repr__(self) -> str:
        return f"<Run {self.workflow.name}:{self.key} {self.position()}>"

    @property
    def label(self) -> str:
        return f"[{self.workflow.title} · run {self.key}]"

    # -- reading (always from the database: a notebook may have moved the run) -----
    @property
    def record(self) -> RunRecord:
        record = self.store.get_run(self.id)
        if record is None:
            raise WorkflowError(f"Run {self.key!r} no longer exists; open it again to start it afresh.")
        return record

    @property
    def finalized(self) -> bool:
        return self.record.finalized

    @property
    def state(self) -> dict[str, StepState]:
        return self.store.step_states(self.id)

    @property
    def next_step(self) -> Step | None:
        """The first step not done yet (None when all are done)."""
        state = self.state
        return next((s for s in self.workflow.steps if not (s.id in state and state[s.id].done)), None)

    def result(self, step_id: str) -> Any:
        state = self.state.get(self.workflow.step(step_id).id)
        return state.result if state and state.done else None

    def position(self) -> str:
        """Where the run stands, in words (for the assistant and the run list)."""
        total = len(self.workflow.steps)
        if self.finalized:
            return f"finalized: {_all(total)} done, read-only"
        step = self.next_step
        if step is None:
            return f"{_all(total)} done; ready to finalize"
        return f"at step {self.workflow.index(step.id) + 1} of {total}, {step.title!r}"

    # -- changing ----------------------------------------------------------------------
    async def asubmit(self, step_id: str, values: Mapping[str, Any] | None = None) -> StepState:
        """Check the values, run the step's handler, then save values and result in one transaction.

        Raises StepInputError (bad values), StepFailed (the handler raised) or WorkflowError
        (wrong order, finalized run); in every case nothing is saved for this step.
        """
        step = self.workflow.step(step_id)
        position = self.workflow.index(step.id)
        earlier = self.check_can_submit(step.id)
        cleaned = step.clean(values)
        previous = self.state.get(step.id)
        saved = None
        if previous and previous.progress and previous.values == cleaned:
            saved = previous.progress.get("data")
        context = StepContext(self, step, cleaned, saved)
        result = await self._call_handler(step, context)
        self.store.complete_step(self.id, step.id, cleaned, result, after=earlier)
        following = self.next_step
        self.services.note(
            f"{self.label} The user completed step {position + 1} {step.title!r} with {_brief(cleaned)}. "
            + (
                f"Next: step {self.workflow.index(following.id) + 1} {following.title!r}."
                if following
                else "All steps are done."
            )
        )
        return self.state[step.id]

    def submit(self, step_id: str, values: Mapping[str, Any] | None = None) -> StepState:
        """asubmit for scripts and notebooks (Jupyter's own event loop is left alone)."""
        return run_sync(self.asubmit(step_id, values))

    def revert(self, step_id: str) -> None:
        """Reopen a done step: it and every later step lose their results; later values survive only if keep."""
        step = self.workflow.step(step_id)
        state = self.state
        if not (step.id in state and state[step.id].done):
            raise WorkflowError(f"Step {step.title!r} is not done yet, so there is nothing to revert.")
        position = self.workflow.index(step.id)
        later = self.workflow.steps[position + 1 :]
        keep = {s.id: [f.name for f in s.fields if f.keep] for s in later}
        self.store.revert(self.id, step.id, [s.id for s in later], keep)
        self.services.note(
            f"{self.label} The user went back to step {position + 1} {step.title!r}; later results were cleared."
        )

    def finalize(self) -> None:
        self.store.set_finalized(self.id, True, require_done=[s.id for s in self.workflow.steps])
        self.services.note(f"{self.label} The user finalized the run; it is now read-only.")

    def unfinalize(self) -> None:
        self.store.set_finalized(self.id, False)
        self.services.note(f"{self.label} The user unfinalized the run; it can be changed again.")

    def close(self) -> None:
        """Release what open() acquired (the notebook's database connection, a model loaded on demand)."""
        for closer in self.services.closers:
            closer()
        self.services.closers.clear()

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def check_can_submit(self, step_id: str) -> list[str]:
        """Raise WorkflowError if the step cannot be submitted now; return the ids of the steps before it."""
        step = self.workflow.step(step_id)
        earlier = [s.id for s in self.workflow.steps[: self.workflow.index(step.id)]]
        if self.finalized:
            raise WorkflowError("This run is finalized (read-only); unfinalize it to change it.")
        state = self.state
        if step.id in state and state[step.id].done:
            raise WorkflowError(f"Step {step.title!r} is already done; revert to it to change it.")
        missing = [s for s in earlier if not (s in state and state[s].done)]
        if missing:
            raise WorkflowError(
                f"Finish step {self.workflow.step(missing[0]).title!r} first; it comes before this one."
            )
        return earlier

    # -- internals ---------------------------------------------------------------------
    async def _call_handler(self, step: Step, context: StepContext) -> Any:
        if not step.handler:
            return context.values
        handler = getattr(self.handlers, step.handler)
        try:
            result = handler(context)
            if inspect.isawaitable(result):
                result = await result
        except (WorkflowError, asyncio.CancelledError):
            raise
        except Exception as error:
            logger.exception("step %s of %s failed", step.id, self.workflow.name)
            raise StepFailed(
                f"{step.title!r} failed: {type(error).__name__}: {error}. Nothing was saved; fix the input and try again."
            ) from error
        return result


# -- opening runs ------------------------------------------------------------------------
def resolve_profile(profiles: ProfileStore, profile: str | int | None) -> Profile:
    if profile is None:
        return profiles.active()
    if isinstance(profile, int):
        found = profiles.get(profile)
    else:
        found = next((p for p in profiles.all() if p.name.lower() == str(profile).strip().lower()), None)
    if found is None:
        names = ", ".join(repr(p.name) for p in profiles.all())
        raise WorkflowError(f"There is no profile {profile!r}; the profiles are: {names}.")
    return found


def open_run(
    workflow: type[Workflow],
    key: str,
    db: Database,
    profiles: ProfileStore,
    profile: str | int | None,
    services: Services,
) -> Run:
    chosen = resolve_profile(profiles, profile)
    store = WorkflowStore(db)
    record, _ = store.open_run(workflow.name, chosen.id, normalize_key(key))
    return Run(workflow, store, record, services)


def context_services(ctx: AppContext, on_progress: Callable[[Run, Step, dict], None] = _ignore) -> Services:
    """Services backed by an app's context: the chat overhears, model calls go through the router.

    ctx.complete caps every call at the server's --max-tokens, not only chat answers.
    """
    return Services(ctx.complete, ctx.chat.note, on_progress)


def run_sync(coroutine: Awaitable[Any]) -> Any:
    """Run a coroutine to the end from synchronous code (a script, or a Jupyter cell)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)  # type: ignore[arg-type]
    # Inside Jupyter an event loop already runs in this thread; ours gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()  # type: ignore[arg-type]


def _brief(values: Mapping[str, Any]) -> str:
    if not values:
        return "no input"
    text = "; ".join(f"{k}={v!r}" for k, v in values.items())
    return text if len(text) <= NOTE_VALUES_CHARS else text[: NOTE_VALUES_CHARS - 1] + "…"


__all__ = ["Run", "Services", "StepContext", "StepFailed", "StepInputError", "WorkflowError"]


def _all(total: int) -> str:
    """'all 3 steps', or 'the only step' (never 'all 1 steps')."""
    return f"all {counted(total, 'step')}" if total != 1 else "the only step"
