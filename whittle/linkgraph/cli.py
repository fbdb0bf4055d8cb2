"""`whittle linkgraph import | analyse | summary | export`: the app's steps from the terminal."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DESCRIPTION = """Internal link graph of a website, from a crawler's link export.

  whittle linkgraph import all_inlinks.csv --pages internal_all.csv --out site/
  whittle linkgraph analyse site/ [--start https://example.com/] [--exclude-sitewide]
  whittle linkgraph summary site/
  whittle linkgraph export site/ --out metrics.csv

Screaming Frog "All Inlinks", Botify and Sitebulb column names are recognised; map others
with --map source="From" --map target="To". `whittle crawl URL --out DIR` writes DIR/edges.csv
and DIR/pages.csv, which import as they are."""


def add_linkgraph_parser(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "linkgraph", help="import, analyse and export a site's internal link graph",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="linkgraph_command", metavar="ACTION", required=True)
    load = actions.add_parser("import", help="validate and import an edge list CSV (+ optional URL metadata)")
    load.add_argument("edges", type=Path, help="the links CSV (source, target, optional anchor/follow/position)")
    load.add_argument("--out", type=Path, required=True, help="the graph folder to create (replaced whole on success)")
    load.add_argument("--pages", type=Path, help="per-URL metadata CSV (status, depth, indexability, canonical, clicks…)")
    load.add_argument("--sitemap", type=Path, help="the site's XML sitemap (or sitemap index): listed pages no link reaches are orphans")
    load.add_argument("--map", action="append", default=[], metavar="ROLE=COLUMN",
                      help="name the column for a role: source, target, anchor, follow, rel, position, type, status")
    load.add_argument("--pages-map", action="append", default=[], metavar="ROLE=COLUMN",
                      help="metadata roles: url, status, depth, indexability, canonical, title, clicks, impressions")
    study = actions.add_parser("analyse", aliases=["analyze"], help="compute depth, PageRank, Link Score, orphans… and the summary")
    study.add_argument("graph", type=Path, help="a folder made by `whittle linkgraph import`")
    study.add_argument("--start", metavar="URL", help="the start page for click depth (default: the home page)")
    study.add_argument("--exclude-sitewide", action="store_true", help="leave navigation/footer links out of depth and PageRank")
    study.add_argument("--sitewide-share", type=float, default=0.5, metavar="F",
                       help="a target linked from this share of pages is sitewide (default 0.5)")
    show = actions.add_parser("summary", help="print the site summary of an analysed graph")
    show.add_argument("graph", type=Path)
    pull = actions.add_parser("botify", help="pull a Botify crawl's links and URL metadata (token in BOTIFY_API_TOKEN)")
    pull.add_argument("project", metavar="USERNAME/PROJECT", help="the Botify project, as in its URL")
    pull.add_argument("--out", type=Path, required=True, help="folder for edges.csv and pages.csv")
    pull.add_argument("--analysis", metavar="YYYYMMDD", help="the crawl to pull (default: the latest finished one)")
    pull.add_argument("--api", default=None, help=argparse.SUPPRESS)  # tests point this at a fixture server
    out = actions.add_parser("export", help="write the per-URL metrics as a CSV with labelled columns")
    out.add_argument("graph", type=Path)
    out.add_argument("--out", type=Path, required=True, help="the CSV file to write")


def _fail(error: Exception) -> int:
    print(f"whittle: error: {error}", file=sys.stderr)
    return 2


def run_linkgraph(args: argparse.Namespace) -> int:
    from whittle.linkgraph.analysis import AnalysisOptions, analyse
    from whittle.linkgraph.columns import parse_mapping
    from whittle.linkgraph.export import export_csv
    from whittle.linkgraph.importer import import_graph
    from whittle.linkgraph.store import GraphStore
    from whittle.linkgraph.summary import summary_text

    started = time.perf_counter()
    try:
        if args.linkgraph_command == "import":
            for path in filter(None, (args.edges, args.pages, args.sitemap)):
                if not path.is_file():
                    raise FileNotFoundError(f"{path} does not exist; give the path of the exported file.")
            report = import_graph(
                args.edges, args.out, mapping=parse_mapping(args.map), metadata_csv=args.pages,
                metadata_mapping=parse_mapping(args.pages_map) if args.pages_map else None, sitemap=args.sitemap,
            )
            print("\n".join(report.lines_of_text()))
            print(f"imported into {args.out} in {time.perf_counter() - started:.1f} s; next: whittle linkgraph analyse {args.out}")
        elif args.linkgraph_command in ("analyse", "analyze"):
            options = AnalysisOptions(start_url=args.start, exclude_sitewide=args.exclude_sitewide, sitewide_share=args.sitewide_share)
            result = analyse(args.graph, options)
            print(summary_text(result.summary))
            print(f"analysed in {time.perf_counter() - started:.1f} s; next: whittle linkgraph export {args.graph} --out metrics.csv")
        elif args.linkgraph_command == "summary":
            print(summary_text(GraphStore(args.graph).summary()))
        elif args.linkgraph_command == "botify":
            from whittle.linkgraph.botify import (
                API,
                BotifyClient,
                BotifyError,
                pull_link_graph,
                token_from_env,
            )

            username, _, project = args.project.partition("/")
            if not (username and project):
                raise ValueError(f"{args.project!r}: give the project as USERNAME/PROJECT, as in app.botify.com/USERNAME/PROJECT.")
            try:
                with BotifyClient(token_from_env(), base_url=args.api or API) as client:
                    pulled = pull_link_graph(client, username, project, args.out, args.analysis)
            except BotifyError as error:
                raise ValueError(str(error)) from None
            print(f"crawl {pulled.analysis}: {pulled.edges:,} links, {pulled.pages:,} URLs in {args.out}")
            print(f"next: whittle linkgraph import {pulled.edges_csv} --pages {pulled.pages_csv} --out GRAPH")
        elif args.linkgraph_command == "export":
            rows = export_csv(args.graph, args.out)
            print(f"wrote {rows:,} URLs to {args.out}")
    except (ValueError, FileNotFoundError, OSError) as error:
        return _fail(error)
    return 0
