"""`whittle crawl URL --out DIR`: crawl a site's internal links with a progress bar."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path


def add_crawl_parser(commands) -> None:
    crawl = commands.add_parser(
        "crawl",
        help="crawl a website's internal links into edges.csv and pages.csv",
        description="Crawl the pages of one host from URL, obeying robots.txt, and write DIR/edges.csv "
        "(source,target,nofollow,anchor) and DIR/pages.csv (url,status,depth,title,canonical,note). "
        "Only the URLs you give and the links found on that host are fetched. An interrupted crawl "
        "continues with --resume.",
    )
    crawl.add_argument("url", metavar="URL", help="the start page, e.g. https://example.com/")
    crawl.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the CSVs and the crawl's state")
    crawl.add_argument("--max-pages", type=int, default=10_000, metavar="N", help="fetch at most N pages in all (default 10000)")
    crawl.add_argument("--max-depth", type=int, metavar="N", help="fetch no page more than N clicks from the start (default: no limit)")
    crawl.add_argument("--concurrency", type=int, default=4, metavar="N", help="requests in flight at once (default 4)")
    crawl.add_argument(
        "--delay", type=float, default=0.1, metavar="S",
        help="seconds between request starts, at least (default 0.1; a larger robots.txt Crawl-delay wins)",
    )
    crawl.add_argument("--resume", action="store_true", help="continue the crawl saved in DIR")


def run_crawl(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from whittle.linkgraph.crawl import CrawlError, CrawlOptions, CrawlProgress, crawl
    from whittle.linkgraph.crawl_store import CrawlStateError

    try:
        options = CrawlOptions(
            start_url=args.url,
            out_dir=args.out,
            max_pages=args.max_pages,
            max_depth=args.max_depth,
            concurrency=args.concurrency,
            delay=args.delay,
            resume=args.resume,
        )
    except CrawlError as error:
        return _fail(error)
    console = Console(stderr=True)
    # Counts first, the page just fetched last: a narrow terminal cuts the URL, not the figures.
    columns = (
        TextColumn("[bold]crawling"),
        BarColumn(bar_width=24),
        MofNCompleteColumn(),
        TextColumn("pages · depth {task.fields[depth]}"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[page]}"),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        bar = progress.add_task("crawl", total=None, depth=0, page="")

        def show(step: CrawlProgress) -> None:
            status = step.status if step.status is not None else "error"
            progress.update(
                bar,
                completed=step.fetched,
                total=min(step.fetched + step.queued, step.max_pages),  # grows as links reveal more pages
                depth=step.depth,
                page=f"{status} {_shorten(step.url)}",
            )

        try:
            result = asyncio.run(crawl(options, show))
        except CrawlStateError as error:
            progress.stop()
            return _fail(error)
        except KeyboardInterrupt:
            progress.stop()
            print(
                f"whittle: crawl interrupted; what was crawled is in {options.out_dir}/edges.csv and pages.csv. "
                f"Run the same command with --resume to continue.",
                file=sys.stderr,
            )
            return 130
    if result.robots_note:
        print(f"robots.txt: {result.robots_note}", file=sys.stderr)
    if result.fetched == 0 and result.blocked:
        print(f"whittle: robots.txt does not allow fetching {options.start_url}; nothing was crawled", file=sys.stderr)
    print(
        f"crawled {result.fetched} pages: {result.edges} links, {result.discovered} URLs known, "
        f"{result.blocked} blocked by robots.txt, {result.errors} fetch errors"
    )
    print(f"wrote {result.edges_csv} and {result.pages_csv}")
    if result.reached_max_pages:
        print(
            f"stopped at --max-pages {options.max_pages} with pages still queued; "
            "run again with --resume and a larger --max-pages to go on"
        )
    return 0


def _shorten(url: str, width: int = 50) -> str:
    return url if len(url) <= width else url[: width - 1] + "…"


def _fail(error: Exception) -> int:
    print(f"whittle: error: {error}", file=sys.stderr)
    return 2
