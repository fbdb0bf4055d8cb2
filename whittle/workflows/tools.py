"""Tools for any WorkflowApp: start a run, submit a step, go back to a step, finalize.

Tool names start with the app's name ('-' becomes '_'): hello_workflow_submit, linkgraph_revert.
They act on the app's open run (the one the page shows), and re-render the app in every open tab.
Going back to a step clears later results and finalizing makes a run read-only: both ask first.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, create_model

from whittle.agent.results import ToolFailed, ToolResult
from whittle.tools import CHOICES, STARTED_BY, STEPS, ToolError, one_choice_named
from whittle.workflows.background import job_key
from whittle.workflows.engine import Run
from whittle.workflows.steps import Step, StepInputError, WorkflowError

if TYPE_CHECKING:
    from whittle.workflows.app import WorkflowApp

logger = logging.getLogger(__name__)
STEP_HELP = "the step's id, title, or number (1 = first)"


class NoParams(BaseModel):
    pass


class StepParams(BaseModel):
    step: str = Field(min_length=1, description=STEP_HELP)


class SubmitParams(BaseModel):
    step: str = Field(min_length=1, description=STEP_HELP)
    value: str = Field("", description="the value, for a step with one field")
    values: dict[str, str] = Field(default_factory=dict, description="field name -> value, for a step with several")


def submit_params(steps: tuple[Step, ...], start_tool: str) -> type[SubmitParams]:
    """SubmitParams whose step declares the steps in order (tools.STEPS) and the tool that starts their run
    (tools.STARTED_BY), and whose value declares each step's choices (tools.CHOICES), so the planner can give a
    run's first step the value it is started with and take the choice a request names ("for the greeting I
    guess Good morning? it's 11:40")."""
    choices = {step.id: list(f.choices) for step in steps for f in step.fields if f.choices}
    named = _step_field(steps, {STARTED_BY: start_tool})
    if not choices:
        return create_model("SubmitParams", __base__=SubmitParams, step=(str, named))
    value = Field("", description="the value, for a step with one field", json_schema_extra={CHOICES: choices})
    return create_model("SubmitParams", __base__=SubmitParams, step=(str, named), value=(str, value))


def step_params(steps: tuple[Step, ...]) -> type[StepParams]:
    """StepParams whose step declares the steps in order (tools.STEPS): a revert's step is one of them, so the
    planner can tell a step from the run keys the app also lists ("go back to the competitors" is no run)."""
    return create_model("StepParams", __base__=StepParams, step=(str, _step_field(steps)))


def _step_field(steps: tuple[Step, ...], extra: dict | None = None):
    return Field(min_length=1, description=STEP_HELP,
                 json_schema_extra={STEPS: [[s.id, s.title] for s in steps], **(extra or {})})


def tool_prefix(app_name: str) -> str:
    return app_name.replace("-", "_")


def find_step(steps: tuple[Step, ...], wanted: str, value: str = "") -> Step:
    """The step named by id, title or number; else the one step that offers the value as a choice
    ("go with good morning" names no step, but only the greeting offers "Good morning")."""
    text = wanted.strip().strip("'\"").strip()
    if text.isdigit() and 1 <= int(text) <= len(steps):
        return steps[int(text) - 1]
    lowered = text.casefold()
    for step in steps:
        if lowered in (step.id.casefold(), step.title.casefold()):
            return step
    offering = [step for step in steps if value.strip() and any(
        value.strip().casefold() in {c.casefold() for c in field.choices or ()} for field in step.fields)]
    if len(offering) == 1:
        return offering[0]
    names = ", ".join(f"{n} {step.title!r}" for n, step in enumerate(steps, 1))
    raise ToolFailed(f"There is no step {text!r}; the steps are: {names}.")


def the_choice_named(step: Step, field_name: str, value: str) -> str:
    """A value for a field of choices that names exactly one of them among other words ("wi good morning",
    "just Hi then") is that choice; any other value is kept, and the step's own check says what is wrong."""
    field = next((f for f in step.fields if f.name == field_name), None)
    if field is None or not field.choices or value.strip().casefold() in {c.casefold() for c in field.choices}:
        return value
    return one_choice_named(field.choices, value) or value


# "the competitors are Slot and Pointek": said in a sentence, a list's lone "and" (or "&", "vs") joins its items.
_SAID_JOINER = re.compile(r"\s+(?:and|&|vs\.?|versus)\s+", re.IGNORECASE)
_PHRASE_WORDS = frozenset("the a an of for to in on at is it its how what or with my our their be are by from per".split())
# What an aspect is of: "service price", "parts prices", "delivery time" are one aspect each (a word, then one of
# these), while "price quality and delivery" lists three.
_ASPECT_HEADS = frozenset("price prices cost costs fee fees time times quality range rate rates hours speed options "
                          "selection stock".split())
# Words that end a firm's name: "Memphis Tours and Travco" names two firms, not three.
_FIRM_ENDINGS = frozenset("tours travel company co group inc ltd llc corp bank hotel hotels airlines airways motors "
                          "foods books bakery cafe café restaurant studio studios labs media market markets store "
                          "stores shop caterers catering".split())


def value_as_said(step: Step, field_name: str, value: str) -> str:
    """The value a field gets from words said to the assistant: a choice named among other words (the_choice_named),
    or for a list field the items joined by a lone "and" ("Slot and Pointek" -> "Slot, Pointek"). Typed into the
    form's own field, "Marks and Spencer" stays one item; said to the assistant, "the competitors are X and Y"
    names two."""
    field = next((f for f in step.fields if f.name == field_name), None)
    if field is None or field.kind != "list":
        return the_choice_named(step, field_name, value)
    value = re.sub(r"\s+n\s+", " and ", value)  # "price, delivery n after sales service"
    if not re.search(r"[\n,;]", value):
        joined = _SAID_JOINER.split(value.strip())
        if len(joined) == 2 and all(joined):
            # "Kroger Meijer and Aldi", "price warranty and delivery": dictated without commas, each word before
            # the "and" is an item (unless they read as a phrase: "how easy it is to use and price", or as one
            # aspect: "service price and turnaround time").
            before = joined[0].split()
            one_aspect = (len(before) == 2 and before[0].islower() and before[1].casefold() in _ASPECT_HEADS
                          and before[0].casefold() not in _ASPECT_HEADS)  # "parts prices and stock"
            one_firm = before[-1].casefold().rstrip(".") in _FIRM_ENDINGS and before[-1][:1].isupper()
            items = before if 2 <= len(before) <= 4 and not one_aspect and not one_firm and not {
                w.casefold() for w in before} & _PHRASE_WORDS else [joined[0]]
            return ", ".join([*items, joined[1]])
    return the_choice_named(step, field_name, value)


def field_for_value(step: Step, values: dict[str, str]) -> str | None:
    """The field a lone `value` fills: the one empty field, else the one required empty field.

    One value for a step whose other fields are optional fills the one it needs: "our competitors
    are A, B and C" is the competitors, not the optional business description.
    """
    empty = [f for f in step.fields if f.name not in values and f.kind != "file"]
    empty = empty if len(empty) == 1 else [f for f in empty if f.required]
    return empty[0].name if len(empty) == 1 else None


def register_workflow_tools(app: WorkflowApp) -> None:
    """Declare the app's workflow tools on its context (called once, from WorkflowApp.__init__).

    A name another plugin already took (or an app name that makes no tool name) costs the
    assistant these tools, not the user the app: it is logged and the app still loads.
    """
    try:
        _register(app)
    except ToolError as error:
        logger.warning("the %s app has no assistant tools: %s", app.name, error)


def _register(app: WorkflowApp) -> None:
    tools = WorkflowTools(app)
    prefix, title = tool_prefix(app.name), app.title
    register = app.ctx.register_tool
    register(f"{prefix}_start", f"Start a new run of the {title} workflow.", NoParams, tools.start)
    register(f"{prefix}_submit", f"Fill in and submit a step of the open {title} run.",
             submit_params(app.workflow.steps, f"{prefix}_start"), tools.submit)
    register(f"{prefix}_revert", f"Go back to a step of the open {title} run (later results are cleared).",
             step_params(app.workflow.steps), tools.revert, destructive=True)
    register(f"{prefix}_finalize", f"Finalize the open {title} run (it becomes read-only).", NoParams,
             tools.finalize, destructive=True)


class WorkflowTools:
    def __init__(self, app: WorkflowApp):
        self.app = app

    def _open_run(self) -> Run:
        run = self.app.last_run()
        if run is None:
            raise ToolFailed(f"No {self.app.title} run is open; start one first.")
        return run

    def _refresh(self) -> None:
        self.app.ctx.chat.update(self.app.render())  # the whole app (id wf-<name>) in every open tab

    def start(self, params: NoParams) -> ToolResult:
        key = self.app.suggested_key()
        record, _ = self.app.store.open_run(self.app.workflow.name, self.app.profile.id, key)
        run = Run(self.app.workflow, self.app.store, record, self.app.services)
        self.app.memory.remember_run(self.app.profile.id, run.id)
        self.app.ctx.chat.note(f"{run.label} The assistant started a new run {key!r}; it is {run.position()}.")
        self._refresh()
        return ToolResult(f"Started a new run; it is {run.position()}.", (key,))

    async def submit(self, params: SubmitParams) -> ToolResult:
        run = self._open_run()
        step = find_step(self.app.workflow.steps, params.step, params.value)
        values = dict(params.values)
        if params.value:
            field = field_for_value(step, values)
            if field is None:
                raise ToolFailed(f"Step {step.title!r} has several fields; give them as values: "
                                 + ", ".join(f.name for f in step.fields))
            values[field] = value_as_said(step, field, params.value)
        try:
            if step.background:
                step.clean(values)
                run.check_can_submit(step.id)
                self.app.start_background(run, step, values)
            else:
                await run.asubmit(step.id, values)
        except StepInputError as error:
            raise ToolFailed(f"Step {step.title!r}: {error}") from None
        except WorkflowError as error:
            raise ToolFailed(str(error)) from None
        self._refresh()
        started = "Started" if step.background else "Submitted"
        return ToolResult(f"{started} step {step.title!r}; the run is {run.position()}.", tuple(values.values()))

    async def revert(self, params: StepParams) -> ToolResult:
        run = self._open_run()
        step = find_step(self.app.workflow.steps, params.step)
        try:
            for each in self.app.workflow.steps:
                await self.app.jobs.cancel(job_key(run.id, each.id))
            run.revert(step.id)
        except WorkflowError as error:
            raise ToolFailed(str(error)) from None
        self._refresh()
        return ToolResult(f"Went back to step {step.title!r}; the run is {run.position()}.")

    def finalize(self, params: NoParams) -> ToolResult:
        run = self._open_run()
        try:
            run.finalize()
        except WorkflowError as error:
            raise ToolFailed(str(error)) from None
        self._refresh()
        return ToolResult("Finalized the run; it is read-only now.", (run.key,))
