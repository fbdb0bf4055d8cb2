"""HTML pieces of the Link graph app (FastHTML components; every value from the data is escaped by FT)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fasthtml.common import (
    H4,
    A,
    Button,
    Dd,
    Div,
    Dl,
    Dt,
    Label,
    Li,
    Option,
    P,
    Script,
    Select,
    Small,
    Style,
    Table,
    Tbody,
    Td,
    Th,
    Thead,
    Tr,
    Ul,
)

from whittle.linkgraph.arrays import CATEGORY_METRICS, NUMERIC_METRICS
from whittle.linkgraph.report import ISSUE_TEXT

VIEW_LABELS = {"all": "All links", "nositewide": "Without sitewide links", "tree": "Shortest-path tree"}
METRIC_LABELS = {
    "segment": "Section", "status_class": "Status class", "link_score": "Link Score", "pagerank": "PageRank",
    "depth": "Click depth", "in_links_unique": "Unique inlinks", "in_links_total": "Inlinks",
    "out_links_unique": "Unique outlinks", "out_links_total": "Outlinks",
}


STYLE = """
.lg-toolbar{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap}.lg-toolbar label{flex:1;min-width:9rem;margin:0}
.lg-stage{position:relative;height:32rem;border-radius:.5rem;overflow:hidden;background:#101418}
.lg-canvas{position:absolute;inset:0}.lg-canvas canvas{width:100%;height:100%}
.lg-tooltip{position:absolute;pointer-events:none;background:#000c;color:#fff;padding:.2rem .45rem;border-radius:.25rem;
 font-size:.75rem;max-width:70%;overflow-wrap:anywhere}
.lg-legend{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.8rem;margin:.4rem 0}
.lg-key::before{content:"";display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.3rem;background:var(--swatch)}
.lg-ramp{background:linear-gradient(90deg,#440154,#3b528b,#21918c,#5ec962,#fde725);color:#fff;padding:0 .5rem;border-radius:.25rem}
.lg-figures{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}.lg-figures dd{margin:0}
.lg-node-url{overflow-wrap:anywhere}.lg-details ul{font-size:.85rem}
"""


def _size(n: int) -> str:
    return f"{n / 1e6:,.1f} MB" if n >= 1e6 else f"{n / 1e3:,.1f} kB"


def crawl_result(result: dict[str, Any]):
    if result.get("skipped"):
        return P("No crawl: the links come from the export in the next card.")
    ending = ("stopped at the page limit" if result["reached_max_pages"]
              else "complete" if result["complete"] else "interrupted: press Crawl again to resume")
    problems = [f"{result[key]:,} {label}" for key, label in (("blocked", "blocked by robots.txt"),
                                                           ("errors", "failed to load")) if result[key]]
    return Div(
        P(f"{result['start_url']}: {result['fetched']:,} pages fetched, {result['edges']:,} links found — {ending}."),
        Small("; ".join(problems + [result["robots_note"]] if result.get("robots_note") else problems)),
    )


def source_result(result: dict[str, Any]):
    files = [f"{f['name']} ({_size(f['size'])})" for f in (result.get("edges"), result.get("pages"), result.get("sitemap")) if f]
    roles = result.get("recognised") or {}
    return Div(
        P(f"{' + '.join(files)} — recognised as {result['format']}."),
        Small("Columns: " + ", ".join(result["columns"])),
        P("Mapped: " + ", ".join(f"{role} ← {column}" for role, column in roles.items()) if roles
          else result.get("problem", "")),
    )


def report_result(report: dict[str, Any]):
    head = (f"{report['format']} export: {report['rows_read']:,} rows → {report['edges']:,} links "
            f"({report['unique_edges']:,} unique) between {report['urls']:,} URLs.")
    rows = []
    for issue in report["issues"]:
        found, done = ISSUE_TEXT.get(issue["kind"], (issue["kind"], ""))
        detail = f": {issue['detail']}" if issue.get("detail") else ""
        rows.append(Tr(Td(issue["file"]), Td(found + detail), Td(f"{issue['count']:,}"),
                       Td(", ".join(str(n) for n in issue["lines"]) or "—"), Td(done)))
    table = Table(Thead(Tr(Th("File"), Th("Found"), Th("Count"), Th("Example lines"), Th("Done"))), Tbody(*rows)) if rows else P("No problems found.")
    return Div(P(head), table, cls="lg-report")


def analysis_result(result: dict[str, Any]):
    s = result["summary"]
    depth, conc = s["depth"], s["pagerank_concentration"]
    figures = [
        ("Pages", f"{s['pages']:,}"), ("Links", f"{s['links']:,} ({s['unique_links']:,} unique)"),
        ("Start page", s["start_url"]), ("Click depth", f"max {depth['max']}, mean {depth['mean']}, {depth['unreachable']:,} unreachable"),
        ("Orphans", f"{s['orphans']['count']:,}"), ("Dead ends", f"{s['dead_ends']['count']:,}"),
        ("PageRank", f"top 1% of pages hold {conc['top_1pct_share']:.0%}, top 10% hold {conc['top_10pct_share']:.0%}"),
        ("Sitewide links", f"{s['sitewide']['links']:,} to {s['sitewide']['targets']:,} targets"
         + (" (excluded)" if s["sitewide"]["excluded"] else "")),
    ]
    deepest = Table(
        Thead(Tr(Th("Section"), Th("Pages"), Th("Mean depth"), Th("Max depth"), Th("Orphans"))),
        Tbody(*[Tr(Td(r["segment"]), Td(f"{r['pages']:,}"), Td(str(r["mean_depth"])), Td(str(r["max_depth"])), Td(f"{r['orphans']:,}"))
                for r in s["deepest_sections"]]),
    )
    return Div(
        Dl(*[piece for label, value in figures for piece in (Dt(label), Dd(str(value)))], cls="lg-figures"),
        H4("Deepest sections"), deepest,
        Small(f"Computed in {result['seconds']:.2f} s. The assistant's reading of these figures appears in the chat."),
    )


def _select(name: str, options: dict[str, str], chosen: str):
    return Label(
        options.get("__label__", name),
        Select(*[Option(label, value=value, selected=value == chosen) for value, label in options.items() if value != "__label__"],
               name=name, cls="lg-control"),
    )


def view_component(base: str, run_id: int, values: dict[str, Any], extra_metrics: tuple[str, ...] = ()):
    """The WebGL view: controls, canvas, legend, hover tooltip and the details card target."""
    query = {k: v for k, v in values.items() if v not in (None, "", "any")}
    metrics = {m: METRIC_LABELS.get(m, m) for m in CATEGORY_METRICS + NUMERIC_METRICS + extra_metrics}
    sizes = {m: METRIC_LABELS.get(m, m) for m in NUMERIC_METRICS + extra_metrics}
    details = f"lg-details-{run_id}"
    return Div(
        Div(
            _select("view", {"__label__": "Links", **VIEW_LABELS}, values.get("view", "all")),
            _select("colour", {"__label__": "Colour by", **metrics}, values.get("colour", "segment")),
            _select("size", {"__label__": "Size by", **sizes}, values.get("size", "link_score")),
            Button("Fit", type="button", cls="lg-fit secondary outline"),
            Button("Relax layout", type="button", cls="lg-relax secondary outline"),
            cls="lg-toolbar",
        ),
        Div(
            Div(cls="lg-canvas", data_graph=f"{base}/runs/{run_id}/graph.bin?{urlencode(query)}",
                data_nodes=f"{base}/runs/{run_id}/nodes/", data_details=f"#{details}"),
            Div(cls="lg-tooltip", hidden=True),
            cls="lg-stage",
        ),
        Div(cls="lg-legend", aria_live="polite"),
        Small("Scroll to zoom, drag to pan, hover a point for its URL, click it for details.", cls="lg-status"),
        Div(P("Click a page in the graph to see its metrics, inlinks and outlinks."), id=details, cls="lg-details"),
        Style(STYLE),
        Script(src="/static/linkgraph.js", type="module"),
        cls="lg-view", id=f"lg-view-{run_id}",
    )


def _links(title: str, count: int, rows: list[dict[str, Any]]):
    items = [
        Li(A(r["url"], href=r["url"], target="_blank", rel="noopener noreferrer nofollow"),
           Small(f" Link Score {r['link_score']}, depth {r['depth']}" + (", sitewide" if r["sitewide"] else "")
                 + ("" if r["follow"] else ", nofollow") + (f", ×{r['count']}" if r["count"] > 1 else "")))
        for r in rows
    ]
    more = Small(f"Showing the {len(rows)} strongest of {count:,}.") if count > len(rows) else None
    return Div(H4(f"{title} ({count:,})"), Ul(*items) if items else P("None."), more)


def details_card(row: dict[str, Any], inlinks: tuple[int, list], outlinks: tuple[int, list]):
    shown = [
        ("Section", row.get("segment")), ("Status", row.get("status")), ("Click depth", row.get("depth")),
        ("Link Score", row.get("link_score")), ("PageRank", f"{row['pagerank']:.6f}" if row.get("pagerank") is not None else None),
        ("Unique inlinks", row.get("in_links_unique")), ("Inlinks", row.get("in_links_total")),
        ("Unique outlinks", row.get("out_links_unique")), ("Outlinks", row.get("out_links_total")),
        ("Orphan", "yes" if row.get("orphan") else "no"), ("Dead end", "yes" if row.get("dead_end") else "no"),
    ]
    return Div(
        H4(row["url"], cls="lg-node-url"),
        Dl(*[piece for label, value in shown for piece in (Dt(label), Dd("—" if value is None else str(value)))], cls="lg-figures"),
        _links("Linked from", *inlinks),
        _links("Links to", *outlinks),
        cls="lg-node", data_node=str(row["id"]),
    )


def export_result(result: dict[str, Any], href: str):
    return Div(
        P(f"{result['rows']:,} URLs with {result['columns']} labelled columns."),
        A("Download the metrics CSV", href=href, download=result["file"], role="button"),
    )
