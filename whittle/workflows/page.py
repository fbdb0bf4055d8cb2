"""The workflow app's page around the open run: New run, open a run by key, the run list.

Ids: wf-<app> (the whole app, swapped after New run / Open), wf-<app>-new, wf-<app>-keyform,
wf-<app>-runs, wf-<app>-main (where the open run goes; render.py draws it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fasthtml.common import H2, A, Article, Button, Div, Form, Input, Label, Li, P, Small, Strong, Style, Ul

from whittle.plurals import counted
from whittle.workflows.keys import MAX_KEY_CHARS
from whittle.workflows.render import STYLE
from whittle.workflows.store import RunSummary


def start_area(base: str, name: str, suggestion: str, value: str | None = None, error: str | None = None):
    """"New run" (the server picks a readable key), and a key field to open a run by name.

    The field starts empty: pressing Enter in it never starts a run nobody asked for, and an
    empty key is refused with a message that points at New run.
    """
    new_run = Form(
        Button("New run", type="submit", cls="wf-new"),
        Small(f"Starts run {suggestion}.", id=f"wf-{name}-new-help"),
        hx_post=f"{base}/new",
        hx_target=f"#wf-{name}",
        hx_swap="outerHTML",
        id=f"wf-{name}-new",
        aria_describedby=f"wf-{name}-new-help",
    )
    by_key = Form(
        Label(
            "Open a run by key",
            Input(
                name="key",
                value=value or "",
                placeholder=f"e.g. {suggestion}",
                maxlength=MAX_KEY_CHARS,
                id=f"wf-{name}-key",
                aria_invalid="true" if error else None,
                aria_describedby=f"wf-{name}-key-help",
            ),
        ),
        Small("An existing key resumes its run; a new key starts a run with that name.", id=f"wf-{name}-key-help"),
        Small(error, cls="form-error", role="alert") if error else None,
        Button("Open", type="submit", cls="secondary"),
        hx_post=f"{base}/open",
        hx_target=f"#wf-{name}",
        hx_swap="outerHTML",
        id=f"wf-{name}-keyform",
    )
    return Div(new_run, by_key, cls="wf-start")


def run_list(
    base: str, name: str, runs: Sequence[RunSummary], total_steps: int, current: int | None, oob: bool = False
):
    items = [
        Li(
            A(
                summary.run.key,
                href="#",
                hx_get=f"{base}/runs/{summary.run.id}",
                hx_target=f"#wf-{name}-main",
                aria_current="true" if summary.run.id == current else None,
            ),
            Small(
                f" {summary.done_steps} of {counted(total_steps, 'step')} done"
                + (" · finalized" if summary.run.finalized else "")
                + f" · {summary.run.updated_at[:16].replace('T', ' ')}"
            ),
        )
        for summary in runs
    ]
    return Div(
        Strong(f"Runs in this profile ({len(runs)})") if runs else Small("No runs yet in this profile."),
        Ul(*items, cls="wf-runs") if items else None,
        id=f"wf-{name}-runs",
        hx_swap_oob="true" if oob else None,
    )


def workflow_page(
    name: str, title: str, intro: str, key_area: Any, runs_area: Any, main: Any, notice: str | None = None
):
    return Div(
        Style(STYLE),
        Article(
            H2(title),
            P(intro) if intro else None,
            Small(notice, cls="form-error", role="alert") if notice else None,
            Div(Div(key_area), Div(runs_area), cls="grid"),
        ),
        Div(main, id=f"wf-{name}-main"),
        id=f"wf-{name}",
    )
