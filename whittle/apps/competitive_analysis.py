"""Competitive analysis: a list of competitors, each analysed by the AI with live progress, a table, a CSV.

1. Competitors: typed, pasted, or drafted by the AI from a description of the business.
2. Analysis: one model call per competitor, in the background; progress is saved after each
   one, so Cancel (or a crash) loses nothing and Resume continues where it stopped.
3. Table: the analysis as rows and columns.
4. Export: a CSV download with column labels.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from fasthtml.common import A, Button, Details, Li, P, Pre, Small, Summary, Ul
from starlette.responses import PlainTextResponse, Response

from whittle.apps.base import form_data
from whittle.plugins import hookimpl
from whittle.workflows import Field, Run, Step, StepContext, StepState, Workflow, WorkflowError
from whittle.workflows.app import WorkflowApp
from whittle.workflows.model_text import parse_labelled, parse_names

DEFAULT_ASPECTS = ["Audience", "Pricing", "Strengths", "Weaknesses"]
ITEM_MAX_TOKENS = 120  # also capped by the server's --max-tokens
DRAFT_MAX_TOKENS = 80
DRAFT_COUNT = 5
RAW_COLUMN = "Model answer (raw)"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def analysis_prompt(name: str, aspects: list[str], business: str) -> list[dict]:
    lines = "\n".join(f"{aspect}: ..." for aspect in aspects)
    context = f"\nOur business: {business}" if business else ""
    return [
        {"role": "system", "content": "You are a business analyst. Answer with short lines, no introduction."},
        {
            "role": "user",
            "content": f"Competitor: {name}{context}\nDescribe this competitor. Fill in these lines:\n{lines}",
        },
    ]


def draft_prompt(business: str) -> list[dict]:
    return [
        {"role": "system", "content": "You name companies. Reply with company names only, one per line."},
        {
            "role": "user",
            "content": f"Business: {business}\nName {DRAFT_COUNT} competitors of this business, one per line.",
        },
    ]


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
            raw = await ctx.complete(
                analysis_prompt(name, aspects, business), purpose="competitive-analysis", max_tokens=ITEM_MAX_TOKENS
            )
            done[name] = {"competitor": name, "aspects": parse_labelled(raw, aspects), "raw": raw.strip()}
            ctx.checkpoint(list(done.values()), done=len(done), total=len(names), message=f"Analysed {name}")
        ctx.note(f"The analysis of {len(names)} competitors is complete.")
        return {"aspects": aspects, "rows": [done[name] for name in names]}

    def build_table(self, ctx: StepContext) -> dict[str, Any]:
        analysis = ctx.result("analysis")
        columns = [["competitor", "Competitor"]] + [[f"aspect_{i}", a] for i, a in enumerate(analysis["aspects"])]
        rows = [
            {
                "competitor": row["competitor"],
                **{f"aspect_{i}": row["aspects"].get(a, "") for i, a in enumerate(analysis["aspects"])},
            }
            for row in analysis["rows"]
        ]
        return {"columns": columns, "rows": rows}

    def export(self, ctx: StepContext) -> dict[str, Any]:
        labels = [label for _, label in ctx.result("table")["columns"]]
        if ctx.values["include_raw"]:
            labels.append(RAW_COLUMN)
        return {"filename": f"{ctx.run.key}.csv", "columns": labels, "rows": len(ctx.result("table")["rows"])}


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
            read = [(row["competitor"], sum(1 for a in aspects if row["aspects"].get(a))) for row in rows]
            return (
                Ul(*[Li(f"{name}: {count} of {len(aspects)} aspects read") for name, count in read]),
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
        try:
            answer = await self.services.complete(
                draft_prompt(business[:500]), purpose="competitive-analysis:draft", max_tokens=DRAFT_MAX_TOKENS
            )
        except Exception as error:  # the model failing must not lose what the user typed
            return self.step_card(
                run, step, values=values, error=f"The model could not draft a list ({error}). Type the names instead."
            )
        names = parse_names(answer, limit=DRAFT_COUNT, exclude=typed)
        if not names:
            excerpt = " ".join(answer.split())[:120] or "nothing"
            return self.step_card(
                run,
                step,
                values=values,
                error=(
                    f"The model did not suggest usable names (it wrote: {excerpt!r}). "
                    "Type the competitors yourself, or describe the business differently and try again."
                ),
            )
        values["competitors"] = "\n".join(typed + names)
        self.ctx.chat.note(f"{run.label} The AI drafted competitors: {', '.join(names)}.")
        return self.step_card(
            run, step, values=values, message=f"Added {len(names)} suggestions: review them, then Save list."
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


@hookimpl
def register_apps(register):
    register(CompetitiveAnalysisApp)


__all__ = ["CompetitiveAnalysis", "CompetitiveAnalysisApp", "csv_text"]
