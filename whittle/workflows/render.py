"""Workflow components: plain functions returning FT.

Ids say what a swap replaces: wf-<app> (the whole app), wf-<app>-main (the open run),
wf-run-<run> (a run), wf-run-<run>-head / -controls, wf-<run>-<step> (one card).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fasthtml.common import (
    H3,
    Article,
    Button,
    Dd,
    Div,
    Dl,
    Dt,
    Footer,
    Form,
    Header,
    Input,
    Label,
    Li,
    Option,
    P,
    Progress,
    Section,
    Select,
    Small,
    Span,
    Strong,
    Table,
    Tbody,
    Td,
    Textarea,
    Th,
    Thead,
    Tr,
    Ul,
)

from whittle.apps.confirm import confirm_attrs
from whittle.workflows.steps import Field, Step
from whittle.workflows.store import StepState

DONE_MARK, ACTIVE_MARK, WAITING_MARK = "✓", "…", "·"  # what progress_items marks an item with

if TYPE_CHECKING:
    from whittle.workflows.workflow import Workflow

STYLE = """
.wf-card > header { display: flex; align-items: center; justify-content: space-between; gap: .5rem; margin-bottom: 0; }
.wf-card > header .wf-title { font-weight: 600; }
.wf-card.wf-done > header .wf-title::before { content: "✓ "; color: var(--pico-ins-color); }
.wf-card-actions { display: flex; gap: .4rem; }
.wf-card-actions button, .wf-card-actions a[role=button] { width: auto; margin: 0; padding: .15rem .6rem; font-size: .8rem; }
.wf-card-body { margin-top: var(--pico-block-spacing-vertical); }
.wf-card.wf-min { padding-top: .5rem; padding-bottom: .5rem; }
.wf-runs { max-height: 14rem; overflow-y: auto; margin: 0; padding-left: 1rem; }
.wf-runs li { list-style: none; }
.wf-runs a[aria-current] { font-weight: 600; }
.wf-run > header { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
.wf-run > header .wf-collapse { width: auto; margin: 0 0 0 auto; padding: .15rem .6rem; font-size: .8rem; }
.wf-badge { font-size: .75rem; padding: .1rem .5rem; border-radius: 1rem; background: var(--pico-secondary-background); color: var(--pico-secondary-inverse); }
.wf-table { overflow-x: auto; }
.wf-form-row { display: flex; gap: .5rem; flex-wrap: wrap; }
.wf-form-row button { width: auto; }
.wf-progress-items { font-size: .85rem; margin: 0; padding-left: 0; }
.wf-progress-items li { list-style: none; }
.wf-progress-items .wf-mark { display: inline-block; width: 1.2em; text-align: center; }
.wf-start { display: flex; flex-direction: column; gap: .75rem; }
.wf-start form { margin: 0; }
.wf-start .wf-new { width: auto; margin-bottom: .25rem; }
"""


@dataclass(frozen=True)
class RunView:
    """What the components need to know about one run."""

    base: str  # the app's URL (ctx.url())
    workflow: type[Workflow]
    run_id: int
    key: str
    finalized: bool
    state: dict[str, StepState]
    minimized: frozenset[str]
    position: str

    def url(self, *parts: str) -> str:
        return "/".join((f"{self.base}/runs/{self.run_id}", *parts))

    def card_id(self, step: Step) -> str:
        return f"wf-{self.run_id}-{step.id}"

    def number(self, step: Step) -> int:
        return self.workflow.index(step.id) + 1


# -- fields and results -------------------------------------------------------------
def field_input(field: Field, value: Any, error: str | None, dom_id: str, autofocus: bool = False):
    common = dict(name=field.name, id=dom_id, aria_invalid="true" if error else None, autofocus=autofocus or None)
    if field.kind == "checkbox":
        control = Label(Input(type="checkbox", checked=bool(value), **common), field.label)
    else:
        if field.kind in ("textarea", "list"):
            text = "\n".join(value) if isinstance(value, list | tuple) else (value or "")
            widget = Textarea(
                text, rows=min(12, max(3, text.count("\n") + 2)), placeholder=field.placeholder or None, **common
            )
        elif field.kind == "select":
            widget = Select(*[Option(c, value=c, selected=c == value) for c in field.choices], **common)
        elif field.kind == "file":  # a browser cannot pre-fill a file input: say which file is kept
            kept = f"Saved: {value['name']} ({value['size']:,} bytes); choose another to replace it." if isinstance(value, dict) else None
            widget = Div(Input(type="file", accept=field.accept or None, **common), Small(kept) if kept else None)
        else:
            kind = "number" if field.kind == "number" else "text"
            shown = "" if value is None else str(value)
            widget = Input(
                type=kind,
                value=shown,
                placeholder=field.placeholder or None,
                maxlength=field.limit if kind == "text" else None,
                **common,
            )
        control = Label(field.label, widget)
    hint = Small(field.help) if field.help else None
    problem = Small(error, cls="form-error", role="alert", id=f"{dom_id}-error") if error else None
    return Div(control, hint, problem, cls="wf-field")


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return "—" if value in (None, "") else str(value)


def result_table(columns: Sequence[Sequence[str]], rows: Iterable[dict[str, Any]]):
    """columns: (key, label) pairs; rows: dicts by key."""
    return Div(
        Table(
            Thead(Tr(*[Th(label, scope="col") for _, label in columns])),
            Tbody(*[Tr(*[Td(show_value(row.get(key))) for key, _ in columns]) for row in rows]),
            cls="striped",
        ),
        cls="wf-table",
    )


def result_view(step: Step, result: Any):
    show = step.show
    if callable(show):
        return show(result)
    if show == "text":
        return P(show_value(result))
    if show == "list":
        return Ul(*[Li(show_value(item)) for item in result or []])
    if show == "table":
        return result_table(result.get("columns", []), result.get("rows", []))
    labels = {f.name: f.label for f in step.fields}
    pairs = (result or {}).items() if isinstance(result, dict) else []
    return Dl(*[part for key, value in pairs for part in (Dt(labels.get(key, key)), Dd(show_value(value)))])


def progress_view(
    progress: dict[str, Any] | None, items: Sequence[tuple[str, str]] = (), stopped: str | None = None
):
    """The bar, "2 of 5 — message" and per-item marks (✓ done, … in progress, · waiting).

    stopped ("Cancelled", "Stopped"): the step no longer runs, so that word replaces the last
    message and no item is shown as in progress.
    """
    done, total = (progress or {}).get("done", 0), (progress or {}).get("total", 0)
    message = stopped or (progress or {}).get("message") or "Starting…"
    if stopped:
        items = [(label, WAITING_MARK if mark == ACTIVE_MARK else mark) for label, mark in items]
    return Div(
        Progress(value=str(done), max=str(max(total, 1))),
        P(Strong(f"{done} of {total}" if total else "…"), " — ", message, cls="wf-progress-text"),
        # The mark is the item's bullet (list-style none in STYLE), so no list shows two.
        Ul(*[Li(Span(mark, cls="wf-mark"), " ", label) for label, mark in items], cls="wf-progress-items")
        if items
        else None,
        cls="wf-progress" + (" wf-stopped" if stopped else ""),
    )


# -- cards ---------------------------------------------------------------------------
def card_actions(view: RunView, step: Step, *, revertible: bool):
    minimized = step.id in view.minimized
    return Div(
        Button(
            "Restore" if minimized else "Minimize",
            cls="outline secondary",
            hx_post=view.url("steps", step.id, "toggle"),
            hx_target=f"#{view.card_id(step)}",
            hx_swap="outerHTML",
            aria_label=f"{'Restore' if minimized else 'Minimize'} {step.title}",
            aria_expanded="false" if minimized else "true",
        ),
        Button(
            "Revert",
            cls="outline",
            hx_post=view.url("steps", step.id, "revert"),
            hx_target=f"#wf-run-{view.run_id}",
            hx_swap="outerHTML",
            **confirm_attrs(f"Go back to step {step.title!r}", "The results of the later steps are cleared."),
        )
        if revertible
        else None,
        cls="wf-card-actions",
    )


def card(view: RunView, step: Step, body: Any, *, done: bool, revertible: bool = False):
    minimized = step.id in view.minimized
    return Article(
        Header(
            Span(f"{view.number(step)}. {step.title}", cls="wf-title"), card_actions(view, step, revertible=revertible)
        ),
        None if minimized else Div(*body if isinstance(body, tuple) else (body,), cls="wf-card-body"),
        id=view.card_id(step),
        cls="wf-card" + (" wf-done" if done else " wf-open") + (" wf-min" if minimized else ""),
        data_step=step.id,
    )


def step_form(
    view: RunView,
    step: Step,
    values: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    error: str | None = None,
    message: str | None = None,
    extras: Sequence[Any] = (),
    submit_label: str | None = None,
    focus: bool = False,
):
    errors = errors or {}
    # Focus (and so scroll to) the first field with a problem, or the first field of a card just revealed.
    first_problem = next((f.name for f in step.fields if f.name in errors), None)
    if first_problem is None and focus and step.fields:
        first_problem = step.fields[0].name
    inputs = [
        field_input(
            f,
            values.get(f.name),
            errors.get(f.name),
            f"{view.card_id(step)}-{f.name}",
            autofocus=f.name == first_problem,
        )
        for f in step.fields
    ]
    return Form(
        *inputs,
        Small(error, cls="form-error", role="alert") if error else None,
        Small(message, cls="wf-message", role="status") if message else None,
        Div(
            Button(
                submit_label or step.submit_label,
                type="submit",
                cls="wf-submit",
                autofocus=focus and not step.fields or None,
            ),
            *extras,
            cls="wf-form-row",
        ),
        hx_post=view.url("steps", step.id),
        hx_target=f"#{view.card_id(step)}",
        hx_swap="outerHTML",
        hx_disabled_elt="find .wf-submit",
        hx_encoding="multipart/form-data" if any(f.kind == "file" for f in step.fields) else None,
    )


def running_body(view: RunView, step: Step, progress_html: Any):
    """Live progress over server-sent events; 'done' reloads the run (the card locks, the next appears)."""
    return Div(
        Div(progress_html, sse_swap="progress", id=f"{view.card_id(step)}-progress", aria_live="polite"),
        Div(hx_get=view.url(), hx_trigger="sse:done", hx_target=f"#wf-run-{view.run_id}", hx_swap="outerHTML"),
        Button(
            "Cancel",
            cls="secondary",
            hx_post=view.url("steps", step.id, "cancel"),
            hx_target=f"#wf-run-{view.run_id}",
            hx_swap="outerHTML",
            id=f"{view.card_id(step)}-cancel",
        ),
        hx_ext="sse",
        sse_connect=view.url("steps", step.id, "progress"),
        sse_close="done",
        aria_busy="true",
    )


# -- the run ----------------------------------------------------------------------------
def run_header(view: RunView, oob: bool = False):
    done = [step_id for step_id, state in view.state.items() if state.done]
    all_minimized = bool(done) and set(done) <= view.minimized
    return Header(
        H3(f"Run {view.key}"),
        Small(view.position, id=f"wf-run-{view.run_id}-position"),
        Span("finalized", cls="wf-badge") if view.finalized else None,
        Button(
            "Restore all cards" if all_minimized else "Minimize done cards",
            cls="outline secondary wf-collapse",
            hx_post=view.url("collapse"),
            hx_target=f"#wf-run-{view.run_id}",
            hx_swap="outerHTML",
        )
        if len(done) > 1
        else None,
        id=f"wf-run-{view.run_id}-head",
        hx_swap_oob="true" if oob else None,
    )


def run_controls(view: RunView, all_done: bool, oob: bool = False):
    if view.finalized:
        button = Button("Unfinalize", cls="secondary", hx_post=view.url("unfinalize"))
    elif all_done:
        button = Button("Finalize", hx_post=view.url("finalize"))
    else:
        button = None
    if button is not None:
        button.attrs.update({"hx-target": f"#wf-run-{view.run_id}", "hx-swap": "outerHTML"})
    # The browser asks first; the server also wants confirm=yes, so no stray POST deletes (apps/confirm.py).
    delete = Button(
        "Delete run",
        cls="outline secondary wf-delete",
        hx_post=view.url("delete"),
        **confirm_attrs(f"Delete run {view.key!r}", "Everything saved in it is lost."),
    )
    return Footer(
        button,
        delete if not view.finalized else None,
        Small("Finalized runs are read-only; unfinalize to change or delete them.") if view.finalized else None,
        id=f"wf-run-{view.run_id}-controls",
        hx_swap_oob="true" if oob else None,
    )


def run_panel(view: RunView, cards: Sequence[Any], all_done: bool):
    return Section(run_header(view), *cards, run_controls(view, all_done), id=f"wf-run-{view.run_id}", cls="wf-run")
