"""Competitive analysis: a list of competitors, each analysed by the AI with live progress, a table, a CSV.

1. Competitors: typed, pasted, or drafted by the AI from a description of the business.
2. Analysis: one model call per competitor, in the background; progress is saved after each
   one, so Cancel (or a crash) loses nothing and Resume continues where it stopped.
3. Table: the analysis as rows and columns.
4. Export: a CSV download with column labels.

Both model calls ask for JSON under a schema and are held to content checks
(competitive_checks.py): an answer that fails escalates to a bigger tier when there is one, and
when none gives a usable answer the step says so plainly; no junk goes into the list or table.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from fasthtml.common import A, Button, Details, Li, P, Pre, Small, Summary, Ul
from starlette.responses import PlainTextResponse, Response

from whittle.apps.base import form_data
from whittle.apps.competitive_checks import (
    AnalysisCheck,
    DraftCheck,
    analysis_constraint,
    analysis_prompt,
    draft_constraint,
    draft_prompt,
)
from whittle.plugins import hookimpl
from whittle.plurals import counted
from whittle.workflows import Field, Run, Step, StepContext, StepState, Workflow, WorkflowError
from whittle.workflows.app import WorkflowApp

DEFAULT_ASPECTS = ["Audience", "Pricing", "Strengths", "Weaknesses"]
ASPECT_MAX_TOKENS = 40  # an aspect's key and value (at most 100 characters); also capped by --max-tokens
DRAFT_MAX_TOKENS = 160  # the schema bounds the JSON: five names of at most 40 characters
RAW_COLUMN = "Model answer (raw)"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NOT_ANSWERED = "Not answered: the model's answer failed the check"
ADD_A_MODEL = "add a bigger model on the Models page (README, 'Adding a model tier')"


class CompetitiveAnalysis(Workflow):
    name = "competitive-analysis"
    title = "Competitive analysis"
    key_prefix = "competitors"
    training_prompt = (
        "Competitive analysis: the user lists competitors (or asks you to draft them), then each competitor "
        "is analysed by the AI one at a time, shown as a table, and exported as CSV. Help them through the steps."
    )
    steps = (
        Step(
            "competitors",
            "Competitors",
            fields=(
                Field(
                    "description",
                    "Your business (for the AI draft)",
                    kind="textarea",
                    required=False,
                    max_length=500,
                    keep=True,
                    placeholder="e.g. an online project-management tool for small teams",
                ),
                Field(
                    "competitors",
                    "Competitors",
                    kind="list",
                    max_items=20,
                    max_length=80,
                    keep=True,
                    help="One per line (or paste a comma-separated list). Draft with AI adds suggestions to review.",
                ),
            ),
            description="Who do you compete with? Type or paste names, or describe your business and draft them.",
            submit_label="Save list",
        ),
        Step(
            "analysis",
            "Analysis",
            fields=(
                Field(
                    "aspects",
                    "Aspects to compare",
                    kind="list",
                    default=DEFAULT_ASPECTS,
                    max_items=6,
                    max_length=40,
                    keep=True,
                    help="One per line; each becomes a column.",
                ),
            ),
            handler="analyse",
            background=True,
            description="The assistant analyses each competitor in turn. Cancel any time; Resume continues where it stopped.",
            submit_label="Analyse",
        ),
        Step(
            "table",
            "Results table",
            handler="build_table",
            show="table",
            submit_label="Build the table",
            description="Turns the analysis into a table.",
        ),
        Step(
            "export",
            "Export CSV",
            fields=(
                Field("include_raw", "Add a column with the model's raw answers", kind="checkbox", required=False),
            ),
            handler="export",
            submit_label="Prepare CSV",
        ),
    )

    async def analyse(self, ctx: StepContext) -> dict[str, Any]:
        listed = ctx.result("competitors")
        names, business = listed["competitors"], listed.get("description", "")
        aspects = ctx.values["aspects"]
        done = {row["competitor"]: row for row in ctx.saved or [] if row.get("competitor") in names}
        for name in names:
            if name in done:
                continue  # analysed before a cancel or a crash
            ctx.checkpoint(list(done.values()), done=len(done), total=len(names), message=f"Analysing {name}…")
            done[name] = await analyse_one(ctx, name, aspects, business)
            ctx.checkpoint(list(done.values()), done=len(done), total=len(names), message=f"Analysed {name}")
        rows = [done[name] for name in names]
        failed = sum(1 for row in rows if row.get("failed"))
        ctx.note(
            f"The analysis of {counted(len(names), 'competitor')} is complete"
            + (f"; the model could not answer every aspect for {failed} of them." if failed else ".")
        )
        return {"aspects": aspects, "rows": rows}

    def build_table(self, ctx: StepContext) -> dict[str, Any]:
        analysis = ctx.result("analysis")
        columns = [["competitor", "Competitor"]] + [[f"aspect_{i}", a] for i, a in enumerate(analysis["aspects"])]
        rows = [
            {
                "competitor": row["competitor"],
                **{f"aspect_{i}": _cell(row, a) for i, a in enumerate(analysis["aspects"])},
            }
            for row in analysis["rows"]
        ]
        return {"columns": columns, "rows": rows}

    def export(self, ctx: StepContext) -> dict[str, Any]:
        labels = [label for _, label in ctx.result("table")["columns"]]
        if ctx.values["include_raw"]:
            labels.append(RAW_COLUMN)
        return {"filename": f"{ctx.run.key}.csv", "columns": labels, "rows": len(ctx.result("table")["rows"])}


async def analyse_one(ctx: StepContext, name: str, aspects: list[str], business: str) -> dict[str, Any]:
    """One competitor's row: the aspects that passed the check, and the ones no tier answered usably."""
    check = AnalysisCheck(name, aspects, business)
    raw = await ctx.complete(
        analysis_prompt(name, aspects, business),
        purpose="competitive-analysis",
        max_tokens=16 + ASPECT_MAX_TOKENS * len(aspects),  # room for the whole JSON: a cut-off one fails
        kind="extraction",
        check=check,
        constraint=analysis_constraint(aspects),
    )
    # The router keeps the last tier's answer even when it failed: judge it again, keep only what passed.
    read = check.read(raw) or {aspect: ("", "not a JSON object") for aspect in aspects}
    answered = {aspect: value for aspect, (value, problem) in read.items() if problem is None}
    failed = {aspect: problem for aspect, (_, problem) in read.items() if problem is not None}
    return {"competitor": name, "aspects": answered, "failed": failed, "raw": raw.strip()}


def _cell(row: dict, aspect: str) -> str:
    if aspect in row.get("failed", {}):
        return NOT_ANSWERED
    return row["aspects"].get(aspect, "")


def csv_text(run: Run) -> str:
    """The export step's CSV: a header row of column labels, every cell quoted as needed."""
    table, analysis, export = run.result("table"), run.result("analysis"), run.result("export")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(export["columns"])
    raw = RAW_COLUMN in export["columns"]
    for row, analysed in zip(table["rows"], analysis["rows"], strict=True):
        cells = [row.get(key, "") for key, _ in table["columns"]] + ([analysed.get("raw", "")] if raw else [])
        writer.writerow([_inert(str(cell)) for cell in cells])
    return out.getvalue()


def _inert(cell: str) -> str:
    # Model text is untrusted; a cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + cell if cell.startswith(FORMULA_START) else cell


@form_data
class DraftForm:
    """The competitors step's fields, as the Draft with AI button sends them (hx-include the form)."""

    description: str = ""
    competitors: str = ""


class CompetitiveAnalysisApp(WorkflowApp):
    workflow = CompetitiveAnalysis
    menu_order = 60
    intro = "List competitors, let the assistant analyse each one, review the table, download a CSV."

    def routes(self):
        return super().routes() + [
            ("/runs/{run_id:int}/draft", self.draft, ["post"]),
            ("/runs/{run_id:int}/export.csv", self.download, ["get"]),
        ]

    def form_extras(self, run: Run, step: Step) -> list[Any]:
        if step.id != "competitors":
            return []
        card = f"#wf-{run.id}-{step.id}"
        return [
            Button(
                "Draft with AI",
                type="button",
                cls="secondary wf-draft",
                hx_post=f"{self.base}/runs/{run.id}/draft",
                hx_include="closest form",
                hx_target=card,
                hx_swap="outerHTML",
                hx_disabled_elt="this",
                **{"hx-on::before-request": "this.setAttribute('aria-busy', 'true')"},  # Pico's spinner while it drafts
            )
        ]

    def result_body(self, run: Run, step: Step, state: StepState) -> Any:
        if step.id == "analysis":
            aspects, rows = state.result["aspects"], state.result["rows"]
            failed = [row for row in rows if row.get("failed")]
            return (
                P(
                    self.could_not(
                        f"answer every aspect for {counted(len(failed), 'competitor')}",
                        "The table says which cells are not answered; fill them in from your own research",
                    ),
                    cls="wf-model-failed",
                )
                if failed
                else None,
                Ul(*[Li(_row_summary(row, aspects)) for row in rows]),
                Details(
                    Summary("The model's answers"),
                    *[Pre(f"{row['competitor']}\n{row['raw']}") for row in state.result["rows"]],
                ),
            )
        if step.id == "export":
            result = state.result
            return (
                P(
                    A(
                        f"Download {result['filename']}",
                        href=f"{self.base}/runs/{run.id}/export.csv",
                        download=result["filename"],
                        role="button",
                        id=f"wf-{run.id}-download",
                    )
                ),
                Small(f"{result['rows']} rows; columns: {', '.join(result['columns'])}."),
            )
        return super().result_body(run, step, state)

    def progress_items(self, run: Run, step: Step, progress: dict | None) -> list[tuple[str, str]]:
        listed = run.result("competitors") or {}
        finished = {row.get("competitor") for row in ((progress or {}).get("data") or [])}
        current = (progress or {}).get("message", "")
        marks = []
        for name in listed.get("competitors", []):
            mark = "✓" if name in finished else ("…" if current == f"Analysing {name}…" else "·")
            marks.append((name, mark))
        return marks

    def could_not(self, what: str, instead: str) -> str:
        """The plain message when no tier gave a usable answer: who could not, and what to do instead."""
        if len(self.ctx.tiers) == 1:
            return f"The local model could not {what}; nothing unusable was kept. {instead}, or {ADD_A_MODEL}."
        return f"None of the model tiers could {what}; nothing unusable was kept. {instead}, or try again."

    async def draft(self, run_id: int, form: DraftForm):
        """Ask the model for competitor names; they are added to the form for review, not saved."""
        step = self.workflow.step("competitors")
        try:
            run = self.run_for(run_id)
            run.check_can_submit(step.id)
        except WorkflowError as error:
            return self.whole_app(str(error))
        values = {"description": form.description, "competitors": form.competitors}
        business = " ".join(values["description"].split())
        if not business:
            problem = (
                "Describe your business first (e.g. 'an online project-management tool'), then press Draft with AI."
            )
            return self.step_card(run, step, values=values, errors={"description": problem})
        try:
            typed = step.field("competitors").clean(values["competitors"]) if values["competitors"].strip() else []
        except ValueError as error:
            return self.step_card(run, step, values=values, errors={"competitors": str(error)})
        check = DraftCheck(business[:500])
        try:
            answer = await self.services.complete(
                draft_prompt(business[:500]),
                purpose="competitive-analysis:draft",
                max_tokens=DRAFT_MAX_TOKENS,
                kind="extraction",
                check=check,
                constraint=draft_constraint(),
            )
        except Exception as error:  # the model failing must not lose what the user typed
            return self.step_card(
                run, step, values=values, error=f"The model could not draft a list ({error}). Type the names instead."
            )
        drafted = check.read(answer)
        if drafted is None or not check(answer).ok:  # the last tier's answer is kept even when it failed
            return self.step_card(
                run,
                step,
                values=values,
                error=self.could_not("draft competitors for this description", "Type them yourself"),
            )
        known = {name.casefold() for name in typed}
        names = [name for name in drafted.names if name.casefold() not in known]
        if not names:
            return self.step_card(
                run, step, values=values, message="The model suggested only competitors already on your list."
            )
        values["competitors"] = "\n".join(typed + names)
        self.ctx.chat.note(f"{run.label} The AI drafted competitors: {', '.join(names)}.")
        return self.step_card(
            run, step, values=values, message=f"Added {counted(len(names), 'suggestion')}: review them, then Save list."
        )

    async def download(self, run_id: int):
        try:
            run = self.run_for(run_id)
            if run.result("export") is None:
                raise WorkflowError("Finish the Export CSV step first; the download appears on its card.")
        except WorkflowError as error:
            return PlainTextResponse(str(error), status_code=409)
        filename = run.result("export")["filename"]
        return Response(
            csv_text(run).encode("utf-8-sig"),  # the BOM makes Excel read UTF-8 correctly
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


def _row_summary(row: dict, aspects: list[str]) -> str:
    answered = sum(1 for aspect in aspects if row["aspects"].get(aspect))
    failed = [aspect for aspect in aspects if aspect in row.get("failed", {})]
    text = f"{row['competitor']}: {answered} of {counted(len(aspects), 'aspect')} answered"
    return text + (f"; not answered: {', '.join(failed)}" if failed else "")


@hookimpl
def register_apps(register):
    register(CompetitiveAnalysisApp)


__all__ = ["CompetitiveAnalysis", "CompetitiveAnalysisApp", "csv_text"]
