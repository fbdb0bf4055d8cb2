"""A generated multi-page website served over real HTTP on 127.0.0.1, and an independent
model of what a crawl of it must find (computed from the site's definition, not its HTML)."""

from __future__ import annotations

import posixpath
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXTERNAL = "http://example.com/elsewhere"  # out of scope: must never be fetched
ROBOTS = "User-agent: *\nDisallow: /private/\n"


@dataclass
class SitePage:
    links: list[tuple[str, bool]] = field(default_factory=list)  # (target path or external URL, nofollow)
    status: int = 200  # 0: the connection is dropped without an answer
    redirect: str | None = None
    canonical: str | None = None
    content_type: str = "text/html; charset=utf-8"
    meta_nofollow: bool = False
    busy_answers: int = 0  # answer 429 Too Many Requests this many times first


def build_site() -> dict[str, SitePage]:
    site: dict[str, SitePage] = {}
    nav = [("/", False), ("/docs/", False), ("/blog/", False)]
    site["/"] = SitePage(
        links=nav
        + [("/about.html", False), ("/private/secret.html", False), ("/old-about", False), ("/missing.html", False),
           (EXTERNAL, False), ("/nofollow-only.html", True), ("/", False)]  # "/" twice: one edge
    )
    site["/about.html"] = SitePage(links=nav + [("/hidden-by-meta.html", False)], meta_nofollow=True)
    site["/old-about"] = SitePage(status=301, redirect="/about-us.html")
    site["/about-us.html"] = SitePage(links=nav + [("/team/", False), ("/go-elsewhere", False)])
    site["/go-elsewhere"] = SitePage(status=302, redirect=EXTERNAL)
    site["/team/"] = SitePage(links=nav + [("/team/alice.html", False), ("/team/bob.html", False)])
    for member in ("alice", "bob"):
        site[f"/team/{member}.html"] = SitePage(links=nav + [("/team/", False)])  # a cycle
    site["/private/secret.html"] = SitePage(links=[("/private/other.html", False)])
    site["/private/other.html"] = SitePage()
    site["/nofollow-only.html"] = SitePage(links=nav)
    site["/hidden-by-meta.html"] = SitePage(links=nav)
    site["/files/report.pdf"] = SitePage(content_type="application/pdf")
    chapters = 10
    site["/docs/"] = SitePage(
        links=nav + [(f"/docs/chapter-{i}.html", False) for i in range(1, chapters + 1)] + [("/files/report.pdf", False)]
    )
    for i in range(1, chapters + 1):
        links = nav + [(f"/docs/chapter-{i}/section-{j}.html", False) for j in (1, 2)]
        if i > 1:
            links.append((f"/docs/chapter-{i - 1}.html", False))
        if i < chapters:
            links.append((f"/docs/chapter-{i + 1}.html", False))
        site[f"/docs/chapter-{i}.html"] = SitePage(links=links)
        for j in (1, 2):
            back = [(f"/docs/chapter-{i}.html", False), (f"/docs/chapter-{i}/section-{3 - j}.html", False)]
            site[f"/docs/chapter-{i}/section-{j}.html"] = SitePage(links=nav + back)
    site["/docs/chapter-1.html"].links.append(("/docs/chapter-1.html?print=1", False))
    site["/docs/chapter-1.html?print=1"] = SitePage(links=nav, canonical="/docs/chapter-1.html")
    site["/docs/chapter-3.html"].links.append(("/docs/broken-ref.html", False))  # → 404
    posts = 8
    site["/blog/"] = SitePage(links=nav + [(f"/blog/2019/post-{k}.html", False) for k in (1, 2, 3)])
    for k in range(1, posts + 1):
        links = nav + [(f"/blog/2019/post-{k + 1}.html" if k < posts else "/blog/", False)]  # a chain: deep pages
        site[f"/blog/2019/post-{k}.html"] = SitePage(links=links)
    site["/blog/2019/post-1.html"].links.append(("/nofollow-only.html", True))
    site["/blog/2019/post-2.html"].links.append(("/docs/chapter-10/section-2.html", False))
    return site


def expected_crawl(site: dict[str, SitePage], base: str):
    """Breadth-first over the definition: (depth of every fetched page, set of edges as URLs).
    Rules: same host only; robots.txt's /private/ is not fetched; nofollow links (or a page's
    meta nofollow) are not followed; a redirect is one edge; self-links are not edges."""
    known: dict[str, tuple[int, str]] = {"/": (0, "queued")}
    edges: set[tuple[str, str]] = set()
    level, depth = ["/"], 0
    while level:
        following = []
        for path in level:
            known[path] = (depth, "done")
            page = site.get(path)
            if page is None or page.status >= 400 or not page.content_type.startswith("text/html"):
                continue
            targets: dict[str, bool] = {}
            for target, nofollow in [(page.redirect, False)] if page.redirect else page.links:
                nofollow = nofollow or page.meta_nofollow
                targets[target] = targets.get(target, True) and nofollow
            for target, nofollow in targets.items():
                if target.startswith("http") or target == path:
                    continue
                edges.add((base + path, base + target))
                state = known.get(target, (None, None))[1]
                if state is None:
                    state = "blocked" if target.startswith("/private/") else "nofollow" if nofollow else "queued"
                    known[target] = (depth + 1, state)
                    if state == "queued":
                        following.append(target)
                elif state == "nofollow" and not nofollow:
                    known[target] = (depth + 1, "queued")
                    following.append(target)
        level, depth = following, depth + 1
    fetched = {base + path: d for path, (d, state) in known.items() if state == "done"}
    return fetched, edges


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the crawler closing its kept-alive connections is not an error worth a traceback


class SiteServer:
    """ThreadingHTTPServer on 127.0.0.1 serving a site definition; it logs every request."""

    def __init__(self, site: dict[str, SitePage], *, robots: str | int | None = ROBOTS, latency: float = 0.0):
        """robots: the robots.txt text, None for a 404, or an HTTP status to answer with."""
        self.site = site
        self.robots = robots
        self.latency = latency
        self.requests: list[tuple[float, str]] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)

    @property
    def paths(self) -> list[str]:
        with self._lock:
            return [path for _, path in self.requests]

    def render(self, path: str, page: SitePage) -> str:
        folder = path.split("?")[0] if path.endswith("/") else posixpath.dirname(path.split("?")[0])
        anchors = []
        for index, (target, nofollow) in enumerate(page.links):
            href = self._spell(target, folder, index)
            rel = ' rel="nofollow"' if nofollow else ""
            anchors.append(f'<a href="{href}"{rel}>Link <b>{index}</b> to {target}</a>')
        head = f"<title>Page {path}</title>"
        if page.canonical:
            head += f'<link rel="canonical" href="{page.canonical}">'
        if page.meta_nofollow:
            head += '<meta name="robots" content="index, nofollow">'
        return f"<!doctype html><html><head>{head}</head><body><a href='#top'>top</a>{'<br>'.join(anchors)}</body></html>"

    def _spell(self, target: str, folder: str, index: int) -> str:
        """The same link written in the ways real pages write them."""
        if target.startswith("http"):
            return target
        form = index % 4
        if form == 1:
            relative = posixpath.relpath(target.split("?")[0], folder)
            relative += "/" if target.endswith("/") and relative != "." else ""
            return (relative if relative != "." else "./") + ("?" + target.split("?")[1] if "?" in target else "")
        if form == 2:
            return self.base + target
        if form == 3:
            return target + "#section"
        return target

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append((time.monotonic(), self.path))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    if server.latency:
                        time.sleep(server.latency)
                    self._answer()
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                if self.path == "/robots.txt":
                    if server.robots is None or isinstance(server.robots, int):
                        return self._send(server.robots or 404, "text/plain", b"no robots.txt here")
                    return self._send(200, "text/plain", server.robots.encode())
                page = server.site.get(self.path)
                if page is None or page.status == 404:
                    return self._send(404, "text/html", b"<html><title>Not found</title><a href='/'>home</a></html>")
                if page.busy_answers:
                    page.busy_answers -= 1
                    return self._send(429, "text/plain", b"slow down", {"Retry-After": "0.2"})
                if page.status == 0:  # a server that drops the connection without an answer
                    self.close_connection = True
                    return
                if page.redirect:
                    location = page.redirect if page.redirect.startswith("http") else server.base + page.redirect
                    return self._send(page.status, "text/html", b"", {"Location": location})
                if not page.content_type.startswith("text/html"):
                    return self._send(200, page.content_type, b"%PDF-1.4 not parsed")
                return self._send(200, page.content_type, server.render(self.path, page).encode())

            def _send(self, status: int, content_type: str, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:  # quiet test output
                pass

        return Handler
