"""WorkflowApp: the web face of any Workflow (key entry, run list, notebook-style cards).

A workflow module subclasses this with `workflow = MyWorkflow`; name, title and the
assistant's training prompt come from the workflow. Subclasses may override
`form_extras` and `result_body` to add buttons or richer results (see competitive_analysis).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator
from typing import Any, ClassVar

from fasthtml.common import HttpHeader, P, to_xml
from starlette.requests import Request
from starlette.responses import StreamingResponse

from whittle.apps.base import WhittleApp, form_data
from whittle.apps.confirm import ConfirmForm, not_confirmed
from whittle.chat.store import Message
from whittle.jobs import JobState, sse_event
from whittle.profiles import Profile
from whittle.workflows import page, render
from whittle.workflows.background import background_step, job_key
from whittle.workflows.engine import Run, context_services
from whittle.workflows.keys import normalize_key, suggest_key
from whittle.workflows.page_memory import PageMemory
from whittle.workflows.render import RunView
from whittle.workflows.steps import Step, StepInputError, WorkflowError, save_upload
from whittle.workflows.store import RunGone, StepState, WorkflowStore
from whittle.workflows.tools import register_workflow_tools
from whittle.workflows.workflow import Workflow

PROGRESS_RESEND_SECONDS = 15.0  # an unchanged progress bar is sent again, so proxies and browsers keep the stream
STOPPED_WORDS = {"cancelled": "Cancelled", "failed": "Stopped", "interrupted": "Stopped"}
EMPTY_KEY = "Type the key of a run to open it (e.g. acme-competitors-03), or press New run to start one."
WHERE_AM_I = re.compile(r"\b(where am i|where are we|which step|what step|what(?:'s| is) next)\b", re.I)


@form_data
class KeyForm:
    key: str = ""


class WorkflowApp(WhittleApp):
    workflow: ClassVar[type[Workflow]]
    intro: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        flow = cls.__dict__.get("workflow")
        if flow is None:
            return
        for attr, value in (("name", flow.name), ("title", flow.title)):
            if attr not in cls.__dict__:
                setattr(cls, attr, value)
        if "training_prompt" not in cls.__dict__:
            cls.training_prompt = "\n".join(filter(None, (flow.training_prompt, flow.describe())))

    def __init__(self, ctx):
        super().__init__(ctx)
        self.store = WorkflowStore(ctx.db)  # runs and steps live in the workflow tables (store.py)
        self.memory = PageMemory(ctx.kv, ctx.db, self.name)
        self.jobs = ctx.jobs.watch(milestones=(), on_end=self._job_ended)
        self.services = context_services(ctx, on_progress=self._on_progress)
        self.base = ctx.url()
        register_workflow_tools(self)  # start / submit / revert / finalize for the assistant (workflows/tools.py)

    # -- hooks for subclasses --------------------------------------------------------------
    def form_extras(self, run: Run, step: Step) -> list[Any]:
        """Extra buttons inside a step's form (next to Save)."""
        return []

    def result_body(self, run: Run, step: Step, state: StepState) -> Any:
        """What a done card shows; default: the step's `show`."""
        return render.result_view(step, state.result)

    def progress_items(self, run: Run, step: Step, progress: dict | None) -> list[tuple[str, str]]:
        """Per-item lines under a background step's progress bar: (label, mark)."""
        return []

    # -- lookups -----------------------------------------------------------------------------
    @property
    def profile(self) -> Profile:
        return self.ctx.profiles.active()

    def run_for(self, run_id: int) -> Run:
        record = self.store.get_run(run_id)
        if record is None or record.workflow != self.workflow.name:
            raise RunGone()  # not a WorkflowError: the web layer answers 404 and nothing is changed
        if record.profile_id != self.profile.id:
            raise WorkflowError("That run belongs to another profile; switch to that profile to open it.")
        return Run(self.workflow, self.store, record, self.services)

    def last_run(self) -> Run | None:
        run_id = self.memory.last_run(self.profile.id)
        record = self.store.get_run(run_id) if run_id is not None else None
        if record is None or record.profile_id != self.profile.id or record.workflow != self.workflow.name:
            return None
        return Run(self.workflow, self.store, record, self.services)

    def minimized(self, run: Run) -> frozenset[str]:
        return self.memory.minimized(run.id)

    def view(self, run: Run) -> RunView:
        return RunView(
            self.base, self.workflow, run.id, run.key, run.finalized, run.state, self.minimized(run), run.position()
        )

    # -- components ----------------------------------------------------------------------------
    def render(self, notice: str | None = None, key_value: str | None = None, key_error: str | None = None):
        current = self.last_run()
        main = self.run_panel(current) if current else P("Press New run to start, or pick a run from the list.")
        return page.workflow_page(
            self.name,
            self.title,
            self.intro,
            page.start_area(self.base, self.name, self.suggested_key(), key_value, key_error),
            self.run_list(current.id if current else None),
            main,
            notice,
        )

    def suggested_key(self) -> str:
        taken = [s.run.key for s in self.store.runs(self.workflow.name, self.profile.id)]
        return suggest_key(self.profile.name, self.workflow.key_prefix or self.workflow.name, taken)

    def run_list(self, current: int | None, oob: bool = False):
        runs = self.store.runs(self.workflow.name, self.profile.id)
        return page.run_list(self.base, self.name, runs, len(self.workflow.steps), current, oob)

    def run_panel(self, run: Run):
        view = self.view(run)
        cards = [self.step_card(run, step, view) for step in self.visible_steps(view)]
        return render.run_panel(view, cards, all_done=self._all_done(view))

    def visible_steps(self, view: RunView) -> list[Step]:
        """Done steps, then the next one; later steps stay hidden (finalized: done steps only)."""
        shown = []
        for step in self.workflow.steps:
            shown.append(step)
            if not (step.id in view.state and view.state[step.id].done):
                return shown[:-1] if view.finalized else shown
        return shown

    def step_card(
        self,
        run: Run,
        step: Step,
        view: RunView | None = None,
        *,
        values: dict[str, Any] | None = None,
        errors: dict[str, str] | None = None,
        error: str | None = None,
        message: str | None = None,
        focus: bool = False,
    ):
        view = view or self.view(run)
        state = view.state.get(step.id)
        if state is not None and state.done:
            return render.card(view, step, self.result_body(run, step, state), done=True, revertible=not view.finalized)
        job = self.jobs.state(job_key(run.id, step.id))
        if job is not None and job.running:
            progress = self.live_progress(job, state)
            return render.card(
                view, step, render.running_body(view, step, self.progress_html(run, step, progress)), done=False
            )
        values = {**step.defaults(), **(state.values if state else {}), **(values or {})}
        body: list[Any] = [P(step.description)] if step.description else []
        label = None
        cancelled = job is not None and job.status == "cancelled"
        if state is not None and state.progress:  # a stopped background step: resume where it stopped
            # Stopped means no item is in progress any more: the bar says so instead of its last "Analysing …".
            stopped = STOPPED_WORDS.get(job.status, "Stopped") if job is not None else "Stopped"
            body.append(self.progress_html(run, step, state.progress, stopped=stopped))
            label = f"Resume ({state.progress.get('done', 0)} of {state.progress.get('total', 0)} done)"
        error = error or (job.error if job is not None and job.status == "failed" else None)
        if cancelled and not error:
            body.append(P("Cancelled. What was done so far is saved; resume when you like.", cls="wf-cancelled"))
        body.append(
            render.step_form(
                view,
                step,
                values,
                error=error,
                extras=self.form_extras(run, step),
                submit_label=label,
                errors=errors,
                message=message,
                focus=focus,
            )
        )
        return render.card(view, step, tuple(body), done=False)

    def progress_html(self, run: Run, step: Step, progress: dict | None, stopped: str | None = None):
        return render.progress_view(progress, self.progress_items(run, step, progress), stopped=stopped)

    @staticmethod
    def live_progress(job: JobState, saved: StepState | None) -> dict | None:
        """A running step's last checkpoint: reported to the job, or (before its first) the saved one it resumes."""
        return job.detail if job.detail is not None else (saved.progress if saved else None)

    # -- routes --------------------------------------------------------------------------------
    def routes(self):
        run, step = "/runs/{run_id:int}", "/runs/{run_id:int}/steps/{step_id}"
        return [
            ("/new", self.new_run, ["post"]),
            ("/open", self.open_run, ["post"]),
            (run, self.show_run, ["get"]),
            (f"{run}/finalize", self.finalize, ["post"]),
            (f"{run}/unfinalize", self.unfinalize, ["post"]),
            (f"{run}/collapse", self.collapse_cards, ["post"]),
            (f"{run}/delete", self.delete_run, ["post"]),
            (step, self.submit_step, ["post"]),
            (f"{step}/revert", self.revert_step, ["post"]),
            (f"{step}/toggle", self.toggle_card, ["post"]),
            (f"{step}/cancel", self.cancel_step, ["post"]),
            (f"{step}/progress", self.progress_events, ["get"]),
        ]

    def whole_app(self, notice: str | None = None, **key_form: Any):
        """Re-render the whole app in place: the answer to errors that no card can show."""
        return (
            self.render(notice, **key_form),
            HttpHeader("HX-Retarget", f"#wf-{self.name}"),
            HttpHeader("HX-Reswap", "outerHTML"),
        )

    async def open_run(self, form: KeyForm):
        typed = form.key
        if not typed.strip():  # Enter in an empty field: nothing to open, and no run appears by accident
            return self.whole_app(key_value=typed, key_error=EMPTY_KEY)
        try:
            key = normalize_key(typed)
        except WorkflowError as error:
            return self.whole_app(key_value=typed, key_error=str(error))
        return self._open(key)

    async def new_run(self):
        """A run with a readable key the server picks (<profile>-<workflow>-NN): nothing to invent."""
        return self._open(self.suggested_key())

    def _open(self, key: str):
        record, created = self.store.open_run(self.workflow.name, self.profile.id, key)
        run = Run(self.workflow, self.store, record, self.services)
        self.memory.remember_run(self.profile.id, run.id)
        verb = "started a new" if created else "resumed the"
        self.ctx.chat.note(f"{run.label} The user {verb} run {key!r}; it is {run.position()}.")
        return self.whole_app()

    async def show_run(self, run_id: int):
        try:
            run = self.run_for(run_id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        self.memory.remember_run(self.profile.id, run.id)
        return self.run_panel(run), self.run_list(run.id, oob=True)

    async def submit_step(self, run_id: int, step_id: str, request: Request):
        try:
            run = self.run_for(run_id)
            step = self.workflow.step(step_id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        form = await request.form()  # the step's own fields, read by name; Starlette spools uploads to disk
        values = {f.name: form.get(f.name) for f in step.fields if f.name in form}
        uploads = self.ctx.data_dir / "runs" / str(run.id) / "uploads" / uuid.uuid4().hex[:8]
        for field in step.fields:
            if field.kind == "file" and not isinstance(values.get(field.name), str | None):
                values[field.name] = await save_upload(values[field.name], uploads)
        if step.background:
            return self.start_background(run, step, values)
        try:
            await run.asubmit(step.id, values)
        except StepInputError as error:
            return self.step_card(run, step, values=values, errors=error.errors)
        except WorkflowError as error:
            return self.step_card(run, step, values=values, error=str(error))
        return self.after_step(run, step)

    def after_step(self, run: Run, step: Step):
        """The HTMX chain: the submitted card comes back locked, followed by the next step's card."""
        view = self.view(run)
        following = run.next_step
        return (
            self.step_card(run, step, view),
            self.step_card(run, following, view, focus=True) if following else None,
            render.run_header(view, oob=True),
            render.run_controls(view, self._all_done(view), oob=True),
            self.run_list(run.id, oob=True),
        )

    def start_background(self, run: Run, step: Step, values: dict[str, Any]):
        try:
            step.clean(values)  # bad input is refused before anything starts
            run.check_can_submit(step.id)
        except StepInputError as error:
            return self.step_card(run, step, values=values, errors=error.errors)
        except WorkflowError as error:
            return self.step_card(run, step, values=values, error=str(error))
        key = job_key(run.id, step.id)
        if not self.jobs.running(key):  # a second submit (another tab) watches the job already running
            saved = run.state.get(step.id)
            checkpoint = (saved.progress if saved else None) or {}
            self.jobs.start(
                background_step(run, step, values),
                key=key,
                total=checkpoint.get("total", 0),
                done=checkpoint.get("done", 0),
                label=f"{step.title!r} step",
            )
        self.ctx.chat.note(
            f"{run.label} The user started step {step.title!r}; it runs in the background.")
        return self.step_card(run, step)

    def _job_ended(self, job: JobState) -> None:
        run_id, step_id = job.key.split(":", 1)
        record = self.store.get_run(int(run_id))
        if record is None or job.status not in ("cancelled", "failed"):
            return
        label, title = Run(self.workflow, self.store, record, self.services).label, self.workflow.step(step_id).title
        where = f"{job.done:g} of {job.total:g}"
        if job.status == "cancelled":
            self.ctx.chat.note(
                f"{label} The user cancelled {title!r} after {where}; it can resume.")
        else:
            self.ctx.chat.note(f"{label} {title!r} failed after {where}: {job.error}")

    def _on_progress(self, run: Run, step: Step, progress: dict) -> None:
        self.jobs.progress(progress["done"], progress["total"], key=job_key(run.id, step.id), detail=progress)

    async def progress_events(self, run_id: int, step_id: str):
        try:
            run = self.run_for(run_id)
            step = self.workflow.step(step_id)
        except WorkflowError:
            return StreamingResponse(iter([sse_event("done", "")]), media_type="text/event-stream")
        return StreamingResponse(
            self._progress_stream(run, step), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    async def _progress_stream(self, run: Run, step: Step) -> AsyncIterator[str]:
        """'progress' (the card's bar) at each checkpoint and at the end, then 'done': the page reloads the run."""
        saved = run.state.get(step.id)
        async for job in self.jobs.updates(job_key(run.id, step.id), resend_after=PROGRESS_RESEND_SECONDS):
            stopped = STOPPED_WORDS.get(job.status)  # the last update of a cancelled job shows nothing in progress
            yield sse_event("progress", to_xml(self.progress_html(run, step, self.live_progress(job, saved), stopped)))
        yield sse_event("done", "")

    async def cancel_step(self, run_id: int, step_id: str):
        try:
            run = self.run_for(run_id)
            step = self.workflow.step(step_id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        await self.jobs.cancel(job_key(run.id, step.id))
        return self.run_panel(run), self.run_list(run.id, oob=True)

    async def delete_run(self, run_id: int, form: ConfirmForm):
        try:
            run = self.run_for(run_id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        if not form.confirmed:
            return self.whole_app(not_confirmed(f"Deleting run {run.key!r}", "Delete run"))
        if run.finalized:
            return self.whole_app(f"Run {run.key!r} is finalized; unfinalize it before deleting it.")
        label, key = run.label, run.key  # read before the row is gone
        for step in self.workflow.steps:
            await self.jobs.cancel(job_key(run.id, step.id))
            self.jobs.forget(job_key(run.id, step.id))
        self.store.delete_run(run.id)  # its steps go with it (ON DELETE CASCADE)
        self.memory.forget_run(run.id)
        self.ctx.chat.note(f"{label} The user deleted run {key!r} and everything saved in it.")
        return self.whole_app()

    async def revert_step(self, run_id: int, step_id: str, form: ConfirmForm):
        if not form.confirmed:
            try:
                self.run_for(run_id)  # a run that is gone answers 404 first, as for every other action
                step = self.workflow.step(step_id)
            except WorkflowError as error:
                return self.whole_app(str(error))
            return self.whole_app(not_confirmed(f"Going back to step {step.title!r}", "Revert"))
        return await self._change_run(run_id, lambda run: run.revert(step_id), cancel_jobs=True)

    async def finalize(self, run_id: int):
        return await self._change_run(run_id, lambda run: run.finalize())

    async def unfinalize(self, run_id: int):
        return await self._change_run(run_id, lambda run: run.unfinalize())

    async def _change_run(self, run_id: int, change, cancel_jobs: bool = False):
        try:
            run = self.run_for(run_id)
            if cancel_jobs:
                for step in self.workflow.steps:
                    await self.jobs.cancel(job_key(run.id, step.id))
            change(run)
        except WorkflowError as error:
            return self.whole_app(str(error))
        for step in self.workflow.steps:
            self.jobs.forget(job_key(run.id, step.id))  # old errors and "cancelled" notes belong to the old attempt
        return self.run_panel(run), self.run_list(run.id, oob=True)

    async def toggle_card(self, run_id: int, step_id: str):
        try:
            run = self.run_for(run_id)
            step = self.workflow.step(step_id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        hidden = set(self.minimized(run)) ^ {step.id}
        self.memory.set_minimized(run.id, hidden)
        return self.step_card(run, step)

    async def collapse_cards(self, run_id: int):
        """Minimize every done card (a long run stays easy to scroll), or restore them all."""
        try:
            run = self.run_for(run_id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        done = {step_id for step_id, state in run.state.items() if state.done}
        hidden = set(self.minimized(run))
        hidden = hidden - done if done <= hidden else hidden | done
        self.memory.set_minimized(run.id, hidden)
        return self.run_panel(run)

    # -- the assistant ---------------------------------------------------------------------------
    def state_facts(self) -> list[str]:
        run = self.last_run()
        if run is None:
            return [f"{self.title}: no run is open."]
        return [f"{self.title}: the open run is {run.key!r}; it is {run.position()}."]

    def state_values(self) -> list[str]:
        """Step titles and this profile's run keys (newest first): what "go back to Analysis" names."""
        keys = [summary.run.key for summary in self.store.runs(self.workflow.name, self.profile.id)[:10]]
        return [step.title for step in self.workflow.steps] + keys

    def marked_values(self) -> list[str]:
        """The open run's done steps' titles, in step order: "undo the step I just did" is the last of them."""
        run = self.last_run()
        if run is None or run.finalized:
            return []
        state = run.state
        return [step.title for step in self.workflow.steps if step.id in state and state[step.id].done]

    async def on_open(self) -> None:
        run = self.last_run()
        if run is not None:
            self.ctx.chat.note(
                f"{run.label} The open run is {run.key!r}; it is {run.position()}.")

    async def on_user_message(self, message: Message) -> bool:
        """'Where am I?' is answered from the saved state, exactly, rather than guessed by the model."""
        if not WHERE_AM_I.search(message.content):
            return False
        run = self.last_run()
        if run is None:
            reply = f"You have no run open in {self.title} yet: press New run to start one."
        else:
            reply = f"You are in {self.title}, run {run.key!r}: {run.position()}."
        await self.ctx.chat.say(reply)
        return True

    @staticmethod
    def _all_done(view: RunView) -> bool:
        return all(s.id in view.state and view.state[s.id].done for s in view.workflow.steps)
