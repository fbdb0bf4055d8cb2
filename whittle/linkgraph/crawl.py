"""Crawl one website's internal links: `whittle crawl URL --out DIR`.

Asynchronous (httpx), limited to the start URL's host, obedient to robots.txt (protego:
Disallow/Allow, Crawl-delay, Request-rate), polite (a few concurrent requests, a minimum
interval between request starts) and bounded (--max-pages, --max-depth).

The crawl goes level by level (every page at depth d before any at d+1), so the depth of
each page is its true click depth from the start page, whatever the concurrency.
Redirects are not followed silently: the redirecting URL keeps its 3xx status and gets
one edge to its target. rel=canonical is recorded per page; rel=nofollow per edge, and
nofollow links are not followed (like search engines), unless follow_nofollow is set.
Self-links (including #fragment links) are not edges. State lives in the output folder
(see crawl_store), so an interrupted crawl resumes where it stopped."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from protego import Protego

from whittle.linkgraph.crawl_html import decode_page, normalize_url, parse_page, resolve
from whittle.linkgraph.crawl_store import CrawlStore, FetchedPage, Outlink

USER_AGENT = "whittle-crawler/0.1 (robots.txt name: whittle)"
ROBOTS_NAME = "whittle"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
BUSY_STATUSES = frozenset({429, 503})  # "slow down": wait, slow the whole crawl, retry
BUSY_RETRIES = 2
HTML_TYPES = ("text/html", "application/xhtml+xml")


class CrawlError(ValueError):
    """Bad crawl settings; the message names the fix."""


@dataclass(frozen=True)
class CrawlOptions:
    start_url: str
    out_dir: Path
    max_pages: int = 10_000
    max_depth: int | None = None
    concurrency: int = 4
    delay: float = 0.1  # seconds between request starts, at least; robots.txt may ask for more
    resume: bool = False
    follow_nofollow: bool = False
    timeout: float = 15.0
    max_page_bytes: int = 5_000_000

    def __post_init__(self) -> None:
        url = normalize_url(self.start_url)
        if url is None:
            raise CrawlError(f"{self.start_url!r} is not an http(s) URL; give one like https://example.com/")
        object.__setattr__(self, "start_url", url)
        object.__setattr__(self, "out_dir", Path(self.out_dir))
        if self.max_pages < 1:
            raise CrawlError(f"--max-pages {self.max_pages} must be at least 1.")
        if self.max_depth is not None and self.max_depth < 0:
            raise CrawlError(f"--max-depth {self.max_depth} must be 0 (the start page only) or more.")
        if not 1 <= self.concurrency <= 64:
            raise CrawlError(f"--concurrency {self.concurrency} must be between 1 and 64.")
        if self.delay < 0:
            raise CrawlError(f"--delay {self.delay} must be 0 or more seconds.")

    @property
    def host(self) -> str:
        """The crawl's scope: host and non-default port of the start URL (http and https alike)."""
        return urlsplit(self.start_url).netloc

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).netloc == self.host


@dataclass(frozen=True)
class CrawlProgress:
    fetched: int  # pages fetched so far (this run and any resumed one)
    queued: int  # pages waiting to be fetched (within --max-depth, allowed by robots.txt)
    discovered: int  # pages known, fetched or not
    depth: int  # the level being crawled
    url: str  # the page just fetched
    status: int | None
    max_pages: int


@dataclass(frozen=True)
class CrawlResult:
    fetched: int
    edges: int
    discovered: int
    blocked: int
    errors: int
    complete: bool  # nothing left to fetch within the limits
    reached_max_pages: bool
    robots_note: str
    interval: float  # seconds between request starts actually used
    edges_csv: Path
    pages_csv: Path


ProgressCallback = Callable[[CrawlProgress], None]


async def crawl(options: CrawlOptions, on_progress: ProgressCallback | None = None) -> CrawlResult:
    """Crawl, write edges.csv and pages.csv, and say how far it got. Cancelling it (Ctrl-C)
    still writes the CSVs of what was crawled; run it again with resume=True to finish."""
    store = CrawlStore(options.out_dir, options.start_url, resume=options.resume)
    try:
        return await _Crawler(options, store, on_progress).run()
    finally:
        store.close()


class _Pacer:
    """A minimum interval between request starts, across all concurrent workers."""

    def __init__(self, interval: float):
        self.interval = interval
        self._next_start = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        if self.interval <= 0:
            return
        async with self._lock:
            loop = asyncio.get_running_loop()
            wait = self._next_start - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next_start = max(loop.time(), self._next_start) + self.interval

    def back_off(self, retry_after: str | None) -> None:
        """The server said it is busy: pause every worker (Retry-After seconds, else 2 s, at
        most a minute) and halve the request rate for the rest of the crawl."""
        try:
            pause = min(max(float(retry_after or 2.0), 0.0), 60.0)
        except ValueError:  # an HTTP date instead of seconds
            pause = 2.0
        self._next_start = max(self._next_start, asyncio.get_running_loop().time() + pause)
        self.interval = min(max(self.interval * 2, 0.5), 10.0)


class _Crawler:
    def __init__(self, options: CrawlOptions, store: CrawlStore, on_progress: ProgressCallback | None):
        self.options = options
        self.store = store
        self.on_progress = on_progress
        self.robots: Protego | None = None
        self.robots_note = ""
        self.pacer = _Pacer(options.delay)
        self.fetched = 0
        self.discovered = 0
        self.queued = 0

    async def run(self) -> CrawlResult:
        limits = httpx.Limits(max_connections=self.options.concurrency, max_keepalive_connections=self.options.concurrency)
        async with httpx.AsyncClient(
            headers={"User-Agent": USER_AGENT},
            timeout=self.options.timeout,
            limits=limits,
            follow_redirects=False,  # redirects are part of the link graph: recorded, not hidden
        ) as client:
            try:
                await self._load_robots(client)
                if self.options.resume:
                    self.store.reopen_for_resume(self.options.max_depth, self.allowed)
                if not self.allowed(self.options.start_url):
                    self.store.block_start_page()
                self.discovered = self.store.known_pages()
                self.queued = self.store.queued()
                await self._crawl_levels(client)
            finally:
                edges_csv, pages_csv = self.store.export()
        counts = self.store.counts()
        queued = counts.get("queued", 0)
        return CrawlResult(
            fetched=counts.get("done", 0) + counts.get("error", 0),
            edges=counts["edges"],
            discovered=sum(value for key, value in counts.items() if key != "edges"),
            blocked=counts.get("blocked", 0),
            errors=counts.get("error", 0),
            complete=queued == 0,
            reached_max_pages=queued > 0,
            robots_note=self.robots_note,
            interval=self.pacer.interval,
            edges_csv=edges_csv,
            pages_csv=pages_csv,
        )

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, ROBOTS_NAME)

    async def _load_robots(self, client: httpx.AsyncClient) -> None:
        """RFC 9309: a 4xx robots.txt means no rules; a 5xx or no answer means crawl nothing."""
        parts = urlsplit(self.options.start_url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            response = await client.get(robots_url, follow_redirects=True)
        except httpx.HTTPError as error:
            self.robots = Protego.parse("User-agent: *\nDisallow: /")
            self.robots_note = f"{robots_url} could not be read ({type(error).__name__}): nothing is crawled"
            return
        if response.status_code >= 500:
            self.robots = Protego.parse("User-agent: *\nDisallow: /")
            self.robots_note = f"{robots_url} answered {response.status_code}: the site asks not to be crawled now; try later"
            return
        if response.status_code >= 400:
            self.robots_note = f"no robots.txt ({response.status_code}): every page may be crawled"
            return
        self.robots = Protego.parse(response.text)
        wanted = self.robots.crawl_delay(ROBOTS_NAME) or 0.0
        rate = self.robots.request_rate(ROBOTS_NAME)
        if rate is not None and rate.requests:
            wanted = max(wanted, rate.seconds / rate.requests)
        if wanted > self.pacer.interval:
            self.pacer.interval = float(wanted)
            self.robots_note = f"robots.txt asks for {wanted:g} s between requests: honoured"

    async def _crawl_levels(self, client: httpx.AsyncClient) -> None:
        while (depth := self.store.next_level()) is not None:
            budget = self.options.max_pages - self.store.attempted()
            if budget <= 0:
                return
            self.fetched = self.store.attempted()
            pages = deque(self.store.queued_at(depth, budget))

            async def worker(pages: deque, depth: int) -> None:
                while pages:
                    page_id, url = pages.popleft()
                    await self._visit(client, page_id, url, depth)

            async with asyncio.TaskGroup() as group:
                for _ in range(min(self.options.concurrency, len(pages))):
                    group.create_task(worker(pages, depth))

    async def _visit(self, client: httpx.AsyncClient, page_id: int, url: str, depth: int) -> None:
        for attempt in range(BUSY_RETRIES + 1):
            await self.pacer.wait()
            try:
                page, outlinks = await self._fetch(client, url)
            except (httpx.HTTPError, httpx.InvalidURL) as error:  # the page's fault or the network's: noted, not fatal
                note = f"error: {type(error).__name__}: {error}"[:300]
                page, outlinks = FetchedPage(status=None, note=note, failed=True), []
            if page.status not in BUSY_STATUSES or attempt == BUSY_RETRIES:
                break
            self.pacer.back_off(page.retry_after)
        new_pages, newly_queued = self.store.record(page_id, depth, page, outlinks, self._classify)
        self.discovered += new_pages
        self.queued += newly_queued - 1
        self.fetched += 1
        if self.on_progress is not None:
            self.on_progress(
                CrawlProgress(
                    fetched=self.fetched,
                    queued=self.queued,
                    discovered=self.discovered,
                    depth=depth,
                    url=url,
                    status=page.status,
                    max_pages=self.options.max_pages,
                )
            )

    def _classify(self, url: str, depth: int, followed: bool) -> str:
        if not self.allowed(url):
            return "blocked"
        if self.options.max_depth is not None and depth > self.options.max_depth:
            return "too_deep"
        if not followed and not self.options.follow_nofollow:
            return "nofollow"
        return "queued"

    async def _fetch(self, client: httpx.AsyncClient, url: str) -> tuple[FetchedPage, list[Outlink]]:
        async with client.stream("GET", url) as response:
            status = response.status_code
            if status in REDIRECT_STATUSES and response.headers.get("location"):
                return self._redirect(url, status, response.headers["location"])
            content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
            header_canonical = response.links.get("canonical", {}).get("url", "")
            if not 200 <= status < 300 or content_type not in (*HTML_TYPES, ""):  # no type: try it as HTML
                note = "" if 200 <= status < 300 or status >= 400 else f"{status} without a Location header"
                canonical = _absolute(url, header_canonical)
                return FetchedPage(status, canonical=canonical, note=note, retry_after=response.headers.get("retry-after")), []
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > self.options.max_page_bytes:
                    break
            html = decode_page(bytes(body[: self.options.max_page_bytes]), response.charset_encoding)
            header_nofollow = "nofollow" in response.headers.get("x-robots-tag", "").lower()
        parsed = parse_page(html)
        base = resolve(url, parsed.base_href) if parsed.base_href else url
        canonical = _absolute(base or url, parsed.canonical or header_canonical)
        page = FetchedPage(status=status, title=parsed.title, canonical=canonical)
        all_nofollow = parsed.meta_nofollow or header_nofollow
        return page, self._outlinks(url, base or url, parsed.links, all_nofollow)

    def _redirect(self, url: str, status: int, location: str) -> tuple[FetchedPage, list[Outlink]]:
        target = resolve(url, location)
        if target is None or target == url:
            return FetchedPage(status=status, note=f"redirect to {location}"), []
        page = FetchedPage(status=status, note=f"redirect to {target}")
        return page, ([Outlink(target, nofollow=False, anchor="")] if self.options.in_scope(target) else [])

    def _outlinks(self, url: str, base: str, links, all_nofollow: bool) -> list[Outlink]:
        """One edge per target: nofollow only if every link to it on the page is nofollow;
        the anchor is the first non-empty one."""
        merged: dict[str, Outlink] = {}
        for link in links:
            target = resolve(base, link.href)
            if target is None or target == url or not self.options.in_scope(target):
                continue
            nofollow = all_nofollow or link.nofollow
            seen = merged.get(target)
            if seen is None:
                merged[target] = Outlink(target, nofollow, link.anchor)
            else:
                merged[target] = Outlink(target, seen.nofollow and nofollow, seen.anchor or link.anchor)
        return list(merged.values())


def _absolute(base: str, href: str) -> str:
    if not href:
        return ""
    return resolve(base, href) or href.strip()
