"""Link graph: a website's internal links — import, analyse, draw with WebGL, export; the assistant reads it.

Cards: crawl (optional: crawl a site here, in the background, with live progress) → source
(upload CSVs, or a `whittle crawl` folder, or the crawl above) → columns (mapping + validation
report; the import) → analysis (depth, PageRank/Link Score, orphans, sitewide links,
summary) → view (@cosmograph/cosmos fed binary arrays from /graph.bin) → export (CSV).
The data work is whittle/linkgraph/; this module is only the web face.

Uploads stream to disk in 1 MiB chunks (save_upload), never held as one string. Each run
keeps its files under the app's folder: <data>/apps/linkgraph/runs/<run id>/.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from pathlib import Path
from typing import Any, ClassVar

from fasthtml.common import H4, Div, Li, Ol, P, Strong, to_xml
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from whittle.linkgraph import arrays, views
from whittle.linkgraph.analysis import AnalysisOptions, analyse
from whittle.linkgraph.columns import ColumnError, map_edge_columns, parse_mapping
from whittle.linkgraph.crawl import CrawlError, CrawlOptions, CrawlProgress, crawl
from whittle.linkgraph.crawl_store import STATE_FILE
from whittle.linkgraph.csvscan import read_header
from whittle.linkgraph.export import LABELS, export_csv
from whittle.linkgraph.findings import answer, findings, worst
from whittle.linkgraph.importer import import_graph
from whittle.linkgraph.reading import MAX_TOKENS, PURPOSE, analysis_note, node_note, reading_messages
from whittle.linkgraph.store import GraphNotFound
from whittle.linkgraph.viewer import GraphCache
from whittle.llm.base import ModelError
from whittle.plugins import hookimpl
from whittle.router.cascade import NoTierAvailable
from whittle.workflows import Field, Step, StepContext, Workflow
from whittle.workflows.app import WorkflowApp
from whittle.workflows.steps import WorkflowError

logger = logging.getLogger("whittle.apps.linkgraph")
CSV_ACCEPT = ".csv,.tsv,.txt,text/csv"
VIEW_CHOICES = tuple(arrays.VIEWS)
COLOURS = arrays.CATEGORY_METRICS + arrays.NUMERIC_METRICS
STATUS_CHOICES = ("any", "2xx", "3xx", "4xx", "5xx", "unknown")
# "What is the biggest problem with this site's internal links?", "what should I fix first?": the
# analysis ranked the problems already (linkgraph/findings.py), so the app answers, exactly.
WORST_PROBLEM = re.compile(
    r"\b(?:biggest|main|worst|largest|greatest|top|most (?:important|serious|urgent|pressing))\s+"
    r"(?:[\w-]+\s+){0,2}?(?:problems?|issues?|weakness(?:es)?|mistakes?)\b"
    r"|\bwhat\s+(?:should|do)\s+(?:i|we)\s+fix\s+first\b",
    re.I,
)


class LinkGraphWorkflow(Workflow):
    name = "linkgraph"
    title = "Link graph"
    key_prefix = "site"
    training_prompt = (
        "Link graph analyses a website's internal links (an SEO's view of the site structure): click depth, "
        "internal PageRank and Link Score (0-100), orphans, dead ends, sitewide navigation links, sections. "
        "When the analysis finishes you receive its figures and the biggest problems whittle found in them, worst "
        "first; answer questions from them (the biggest problem is the first one) and never invent numbers."
    )
    data_dir: ClassVar[Path | None] = None  # set by the app (bound()); each run keeps its files below it

    steps = (
        Step("crawl", "Crawl (optional)", description="Crawl a site from its start page (same host, robots.txt "
             "obeyed, politely paced); leave the URL empty to upload an export in the next card instead.",
             fields=(
                 Field("start_url", "Start URL", required=False, max_length=500, placeholder="https://example.com/"),
                 Field("max_pages", "At most this many pages", kind="number", default=500, min=1, max=1_000_000),
                 Field("max_depth", "Only down to click depth (empty: no limit)", kind="number", required=False,
                       min=0, max=1000),
             ), handler="crawl_site", show=lambda r: views.crawl_result(r), submit_label="Crawl", background=True),
        Step("source", "Source", description="A link export (Screaming Frog All Inlinks, Botify, Sitebulb or any "
             "source,target CSV), optionally URL metadata; or the folder `whittle crawl URL --out DIR` wrote; "
             "or nothing, to use the crawl above.",
             fields=(
                 Field("edges", "Links CSV", kind="file", required=False, accept=CSV_ACCEPT),
                 Field("pages", "URL metadata CSV (optional: status, depth, canonical, clicks…)", kind="file",
                       required=False, accept=CSV_ACCEPT),
                 Field("sitemap", "XML sitemap (optional: listed pages no link reaches are orphans)", kind="file",
                       required=False, accept=".xml,.gz,application/xml,text/xml"),
                 Field("folder", "…or a folder on this machine with edges.csv (and pages.csv)", required=False,
                       max_length=500, placeholder="/home/me/crawls/example.com"),
             ), handler="choose_source", show=lambda r: views.source_result(r), submit_label="Use these files"),
        Step("columns", "Columns and validation", description="The recognised columns are used unless you map "
             "others, one role=Column per line (roles: source, target, anchor, follow, rel, position, type, status).",
             fields=(Field("mapping", "Column mapping (optional)", kind="textarea", required=False,
                           placeholder="source=From URL\ntarget=To URL", max_length=1000),),
             handler="import_links", show=lambda r: views.report_result(r), submit_label="Import"),
        Step("analysis", "Analysis", fields=(
                 Field("start_url", "Start page for click depth (default: the home page)", required=False, max_length=500),
                 Field("exclude_sitewide", "Leave sitewide (navigation, footer) links out of depth and PageRank", kind="checkbox"),
                 Field("sitewide_share", "A link target is sitewide when this share of pages links to it", kind="number",
                       default=0.5, min=0.05, max=1.0),
             ), handler="analyse_graph", show=lambda r: views.analysis_result(r), submit_label="Analyse"),
        Step("view", "View", fields=(
                 Field("view", "Links", kind="select", choices=VIEW_CHOICES, default="all"),
                 Field("colour", "Colour by", kind="select", choices=COLOURS, default="segment"),
                 Field("size", "Size by", kind="select", choices=arrays.NUMERIC_METRICS, default="link_score"),
                 Field("segment", "Only the section (e.g. /blog/)", required=False, max_length=200),
                 Field("max_depth", "Only pages up to click depth", kind="number", required=False, min=0, max=1000),
                 Field("status_class", "Only status", kind="select", choices=STATUS_CHOICES, default="any"),
             ), handler="choose_view", submit_label="Draw"),
        Step("export", "Export", description="The per-URL metrics as a CSV with labelled columns.",
             handler="export_metrics", submit_label="Export CSV"),
    )

    @classmethod
    def bound(cls, data_dir: Path) -> type[LinkGraphWorkflow]:
        """This workflow with its files under `data_dir` (one class per app instance, no shared state)."""
        return type(cls.__name__, (cls,), {"data_dir": data_dir, "__module__": cls.__module__})

    @classmethod
    def run_dir(cls, run_id: int) -> Path:
        if cls.data_dir is None:
            raise WorkflowError("Link graph needs a data folder; open it from whittle (or use LinkGraphWorkflow.bound(path)).")
        return cls.data_dir / "runs" / str(run_id)

    def graph_dir(self, ctx: StepContext) -> Path:
        return self.run_dir(ctx.run.id) / "graph"

    async def crawl_site(self, ctx: StepContext) -> dict[str, Any]:
        """Crawl into the run's folder; progress at most twice a second; an interrupted crawl resumes."""
        if not ctx.values["start_url"]:
            return {"skipped": True}
        max_depth = ctx.values["max_depth"]
        out_dir = self.run_dir(ctx.run.id) / "crawl"
        try:
            options = CrawlOptions(
                ctx.values["start_url"], out_dir, max_pages=int(ctx.values["max_pages"]),
                max_depth=None if max_depth in (None, "") else int(max_depth),
                resume=(out_dir / STATE_FILE).exists(),
            )
        except CrawlError as error:
            raise WorkflowError(str(error)) from None
        last = 0.0

        def on_progress(progress: CrawlProgress) -> None:
            nonlocal last
            if time.monotonic() - last < 0.5 and progress.queued:
                return
            last = time.monotonic()
            ctx.checkpoint(None, done=progress.fetched, total=max(progress.max_pages, progress.fetched),
                           message=f"{progress.fetched:,} pages fetched, {progress.queued:,} queued (depth {progress.depth})")

        try:
            result = await crawl(options, on_progress)
        except CrawlError as error:
            raise WorkflowError(str(error)) from None
        ctx.note(f"The crawl of {options.start_url} fetched {result.fetched:,} pages and found {result.edges:,} links.")
        return {"skipped": False, "start_url": options.start_url, "folder": str(out_dir), "fetched": result.fetched,
                "edges": result.edges, "blocked": result.blocked, "errors": result.errors,
                "complete": result.complete, "reached_max_pages": result.reached_max_pages,
                "robots_note": result.robots_note}

    def choose_source(self, ctx: StepContext) -> dict[str, Any]:
        edges, pages, folder = ctx.values["edges"], ctx.values["pages"], ctx.values["folder"]
        sitemap = ctx.values["sitemap"]
        crawled = ctx.result("crawl")
        if edges is None and not folder and not crawled.get("skipped"):
            folder = crawled["folder"]  # nothing uploaded: the links the crawl above found
        if folder:
            base = Path(folder).expanduser()
            if not (base / "edges.csv").is_file():
                raise WorkflowError(f"{base} has no edges.csv; give the folder `whittle crawl --out` wrote, or upload a CSV.")
            edges = {"name": "edges.csv", "path": str(base / "edges.csv"), "size": (base / "edges.csv").stat().st_size}
            if pages is None and (base / "pages.csv").is_file():
                pages = {"name": "pages.csv", "path": str(base / "pages.csv"), "size": (base / "pages.csv").stat().st_size}
            if sitemap is None and (base / "sitemap.xml").is_file():
                sitemap = {"name": "sitemap.xml", "path": str(base / "sitemap.xml"), "size": (base / "sitemap.xml").stat().st_size}
        if edges is None:
            raise WorkflowError("Upload a links CSV, give the folder of a crawl, or crawl a site in the card above.")
        try:
            columns, _ = read_header(Path(edges["path"]))
        except ValueError as error:
            raise WorkflowError(str(error)) from None
        result = {"edges": edges, "pages": pages, "sitemap": sitemap, "columns": columns}
        try:
            mapping = map_edge_columns(columns)
            result |= {"format": mapping.format, "recognised": dict(mapping.roles)}
        except ColumnError as error:
            result |= {"format": "an unknown layout", "recognised": {}, "problem": f"{error} (in the next card)"}
        return result

    async def import_links(self, ctx: StepContext) -> dict[str, Any]:
        source = ctx.result("source")
        try:
            mapping = parse_mapping(ctx.values["mapping"].splitlines())
            report = await asyncio.to_thread(
                import_graph, Path(source["edges"]["path"]), self.graph_dir(ctx), mapping=mapping or None,
                metadata_csv=Path(source["pages"]["path"]) if source.get("pages") else None,
                sitemap=Path(source["sitemap"]["path"]) if source.get("sitemap") else None,
            )
        except (ValueError, OSError) as error:
            raise WorkflowError(str(error)) from None
        ctx.note("The link export was imported: " + " ".join(report.lines_of_text()[:1]))
        return report.to_dict()

    async def analyse_graph(self, ctx: StepContext) -> dict[str, Any]:
        options = AnalysisOptions(
            start_url=ctx.values["start_url"] or None, exclude_sitewide=ctx.values["exclude_sitewide"],
            sitewide_share=float(ctx.values["sitewide_share"]),
        )
        started = time.perf_counter()
        try:
            result = await asyncio.to_thread(analyse, self.graph_dir(ctx), options)
        except (ValueError, GraphNotFound) as error:
            raise WorkflowError(str(error)) from None
        ctx.note(analysis_note(result.summary))
        return {"summary": result.summary, "seconds": time.perf_counter() - started}

    def choose_view(self, ctx: StepContext) -> dict[str, Any]:
        values = dict(ctx.values)
        if values["segment"] and not values["segment"].startswith("/"):
            values["segment"] = "/" + values["segment"]
        if values["segment"] and not values["segment"].endswith("/"):
            values["segment"] += "/"
        return values

    async def export_metrics(self, ctx: StepContext) -> dict[str, Any]:
        target = self.run_dir(ctx.run.id) / "metrics.csv"
        rows = await asyncio.to_thread(export_csv, self.graph_dir(ctx), target)
        return {"rows": rows, "file": target.name, "columns": len(LABELS)}


def findings_list(summary: dict[str, Any]):
    """The problems whittle found, worst first, each with its priority: the issues list of a crawler."""
    found = findings(summary)
    if not found:
        return Div(H4("Biggest problems"), P("No problem found in these figures."), cls="lg-findings")
    return Div(
        H4("Biggest problems, worst first"),
        Ol(*[Li(Strong(f.priority.capitalize(), cls=f"lg-priority lg-{f.priority}", title=f"severity {f.severity:g} of 100"),
                " · ", f.text) for f in found]),
        cls="lg-findings",
    )


class LinkGraphApp(WorkflowApp):
    workflow = LinkGraphWorkflow
    menu_order = 60
    intro = "An SEO's view of a site's internal links: import a crawl export, analyse, explore it in WebGL, export."

    def __init__(self, ctx):
        self.workflow = LinkGraphWorkflow.bound(ctx.data_dir)  # before super(): it builds runs from self.workflow
        super().__init__(ctx)
        self.graphs = GraphCache()
        self._readings: set[asyncio.Task] = set()

    def routes(self):
        run = "/runs/{run_id:int}"
        return super().routes() + [
            (f"{run}/graph.bin", self.graph_payload, ["get"]),
            (f"{run}/nodes/{{node_id:int}}", self.node_details, ["get"]),
            (f"{run}/metrics.csv", self.download, ["get"]),
        ]

    def result_body(self, run, step, state):
        if step.id == "view":
            return views.view_component(self.base, run.id, state.result, tuple(self._extra_metrics(run)))
        if step.id == "export":
            return views.export_result(state.result, f"{self.base}/runs/{run.id}/metrics.csv")
        if step.id == "analysis":
            return Div(findings_list(state.result["summary"]), super().result_body(run, step, state))
        return super().result_body(run, step, state)

    def _extra_metrics(self, run) -> list[str]:
        try:
            metrics = self.graphs.get(self.workflow.run_dir(run.id) / "graph").metrics
        except (GraphNotFound, OSError):
            return []
        return [c for c, t in metrics.schema.items() if t.is_numeric() and c not in LABELS and c not in ("id", "parent", "status")]

    def after_step(self, run, step):
        if step.id == "analysis":  # the assistant's reading streams into the chat while the user goes on
            task = asyncio.get_running_loop().create_task(self._read_site(run.state["analysis"].result["summary"]))
            self._readings.add(task)
            task.add_done_callback(self._readings.discard)
        return super().after_step(run, step)

    async def on_user_message(self, message) -> bool:
        """'Where am I?' (WorkflowApp), and 'what is the biggest problem?' from the open run's ranked
        findings: the app computed which problem is worst, so it says so itself instead of a model
        weighing a dozen figures (SmolLM2-135M named the redirects, 0.5% of pages, over 47% orphans)."""
        if await super().on_user_message(message):
            return True
        if not WORST_PROBLEM.search(message.content):
            return False
        run = self.last_run()
        analysis = run.state.get("analysis") if run is not None else None
        if analysis is None or not analysis.done:
            return False  # nothing analysed yet: the model answers (and can say so)
        reply = answer(worst(analysis.result["summary"])) or "The analysis found no problem in the site's internal links."
        await self.ctx.chat.say(reply)
        return True

    async def _read_site(self, summary: dict[str, Any]) -> None:
        try:
            text = await self.ctx.complete(reading_messages(summary), purpose=PURPOSE, max_tokens=MAX_TOKENS)
        except (NoTierAvailable, ModelError) as error:  # no tier answering must not break the app: say so
            logger.warning("link graph reading failed: %s", error)
            await self.ctx.chat.say(f"(No reading of the site this time: {error})")
            return
        await self.ctx.chat.say(f"**Reading of the link graph**\n\n{text.strip()}")

    def _graph_for(self, run_id: int):
        self.run_for(run_id)  # the run must exist and belong to the active profile
        return self.graphs.get(self.workflow.run_dir(run_id) / "graph")

    async def graph_payload(self, run_id: int, request: Request):
        params = request.query_params
        try:
            graph = self._graph_for(run_id)
            depth = params.get("max_depth")
            view = arrays.ViewRequest(
                view=params.get("view", "all"), colour=params.get("colour", "segment"), size=params.get("size", "link_score"),
                segment=params.get("segment") or None, max_depth=int(float(depth)) if depth else None,
                status_class=None if params.get("status_class", "any") == "any" else params.get("status_class"),
            )
            payload = await asyncio.to_thread(graph.payload, view)
        except (WorkflowError, GraphNotFound, arrays.ViewError, ValueError) as error:
            return PlainTextResponse(str(error), status_code=400)
        legend = json.dumps(payload.legend, ensure_ascii=True, default=str)
        return Response(payload.data, media_type="application/octet-stream",
                        headers={"X-Linkgraph-Legend": legend, "Cache-Control": "no-store"})

    async def node_details(self, run_id: int, node_id: int, request: Request):
        try:
            graph = self._graph_for(run_id)
        except (WorkflowError, GraphNotFound) as error:
            return PlainTextResponse(str(error), status_code=404)
        row = graph.node(node_id)
        if row is None:
            return PlainTextResponse("No such page in this graph.", status_code=404)
        if request.query_params.get("brief"):
            return PlainTextResponse(f"{row['url']}  ·  Link Score {row['link_score']}  ·  depth {row['depth']}")
        inlinks, outlinks = graph.neighbours(node_id, "in"), graph.neighbours(node_id, "out")
        self.ctx.chat.note(node_note(row["url"], row, inlinks[0], outlinks[0]))
        return HTMLResponse(to_xml(views.details_card(row, inlinks, outlinks)))

    async def download(self, run_id: int):
        try:
            self.run_for(run_id)
        except WorkflowError as error:
            return PlainTextResponse(str(error), status_code=404)
        path = self.workflow.run_dir(run_id) / "metrics.csv"
        if not path.is_file():
            return PlainTextResponse("Not exported yet: press Export CSV first.", status_code=404)
        return FileResponse(path, media_type="text/csv", filename=f"linkgraph-{run_id}-metrics.csv")


@hookimpl
def register_apps(register):
    register(LinkGraphApp)

