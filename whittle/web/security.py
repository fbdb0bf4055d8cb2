"""Refuse requests that did not come from this machine's own pages, or that cannot name anything.

A local server is reachable by any web page the user visits. Three checks stop that:
the Host header must name this server (defeats DNS rebinding); a request the browser
marks as coming from another site's page (Sec-Fetch-Site) is refused unless it is the
user following a link (a top-level GET navigation, which must not write anything); and a
WebSocket or state-changing request carrying an Origin must come from this server's own
origin (covers browsers that send no Sec-Fetch-* headers).

Two answers are shaped here so that no route needs code for them: an id in the path
larger than SQLite's integers, and a store's `RowGone` (an action on a deleted row),
are both 404 with a sentence saying what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from whittle.config import DEFAULT_HOST, DEFAULT_PORT
from whittle.db import MAX_ROW_ID, RowGone

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Sec-Fetch-Site values for a request made by a page of another origin. "same-site" is
# included: for a server on 127.0.0.1 it is a page served by another port of this machine.
FOREIGN_SITES = {"cross-site", "same-site"}


def host_name(host_header: str) -> str:
    """'127.0.0.1:5001' -> '127.0.0.1'; '[::1]:5001' -> '[::1]'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


def host_allowed(host_header: str, allowed: Sequence[str]) -> bool:
    return bool(host_header) and host_name(host_header) in {a.lower() for a in allowed}


def origin_allowed(origin: str, host_header: str) -> bool:
    """Same-origin: the Origin's host:port must be the Host this request was sent to."""
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.strip().lower()


def _from_another_site(headers: Headers) -> bool:
    return headers.get("sec-fetch-site", "").lower() in FOREIGN_SITES


def is_cross_site(request: HTTPConnection) -> bool:
    """Whether the browser says a page of another site (or another port here) made this request.

    The only such requests that reach a route are top-level GET navigations (the user followed
    a link): a route that writes something on GET (opening an app tells the chat) must not
    write when this is true.
    """
    return _from_another_site(request.headers)


def is_top_level_navigation(method: str, headers: Headers) -> bool:
    """The user loading a page in a tab (not an image, a script, a frame or a fetch)."""
    return (
        method in ("GET", "HEAD")
        and headers.get("sec-fetch-mode", "").lower() == "navigate"
        and headers.get("sec-fetch-dest", "").lower() == "document"
    )


def oversized_id(path: str) -> str | None:
    """A path segment that is a whole number SQLite cannot hold (so no row has it), or None."""
    for segment in path.split("/"):
        if segment.isdecimal() and segment.isascii() and len(segment) >= 19 and int(segment) > MAX_ROW_ID:
            return segment
    return None


def server_address(scope: Scope) -> str:
    """host:port this server was reached on, for messages that tell the user what to open."""
    host, port = scope.get("server") or (DEFAULT_HOST, DEFAULT_PORT)
    host = f"[{host}]" if ":" in str(host) else host
    return f"{host}:{port}" if port else str(host)


class LocalOnlyMiddleware:
    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]):
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        status, problem = self.refusal(scope)
        if problem is None:
            await self._forward(scope, receive, send)
        elif scope["type"] == "websocket":
            # Closing before accept makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008, "reason": problem[:120]})
        else:
            await PlainTextResponse(problem, status_code=status)(scope, receive, send)

    def refusal(self, scope: Scope) -> tuple[int, str | None]:
        """(status, sentence for the user) when the request is refused; (0, None) when it may pass."""
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        method = scope.get("method", "GET")
        if not host_allowed(host, self.allowed_hosts):
            return 400, (
                f"Refused: Host {host!r} is not an address of this whittle server. Open "
                f"http://{server_address(scope)}/ directly, or start whittle with --allow-host NAME to allow another name."
            )
        if _from_another_site(headers) and (scope["type"] == "websocket" or not is_top_level_navigation(method, headers)):
            return 403, (
                "Refused: a page of another site tried to use this whittle server. "
                f"Open http://{server_address(scope)}/ yourself to use whittle."
            )
        origin = headers.get("origin")
        checks_origin = scope["type"] == "websocket" or method not in SAFE_METHODS
        if checks_origin and origin is not None and not origin_allowed(origin, host):
            return 403, f"Refused: requests from another site ({origin}) may not use this whittle server."
        if scope["type"] == "http" and (number := oversized_id(scope.get("path", ""))):
            return 404, (
                f"Not found: {number if len(number) <= 24 else number[:24] + '…'} is larger than any id whittle "
                "gives out, so nothing has it. "
                "Go back and pick the item from its list."
            )
        return 0, None

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except RowGone as gone:
            # An action on a row deleted meanwhile (a stale tab): nothing was changed; say so with a 404.
            if started or scope["type"] != "http":
                raise
            await PlainTextResponse(str(gone), status_code=404)(scope, receive, send)
