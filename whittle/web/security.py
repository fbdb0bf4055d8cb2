"""Refuse requests that did not come from this machine's own pages.

A local server is reachable by any web page the user visits. Two checks stop
that: the Host header must name this server (defeats DNS rebinding), and a
WebSocket or state-changing request carrying an Origin must come from this
server's own origin (defeats cross-site requests and cross-site WebSocket hijacking).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


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


class LocalOnlyMiddleware:
    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]):
        self.app = app
        self.allowed_hosts = tuple(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        status, problem = 0, None
        if not host_allowed(host, self.allowed_hosts):
            status, problem = 400, (
                f"Refused: Host {host!r} is not an address of this whittle server. "
                "Open http://127.0.0.1:5001/ directly, or start whittle with --allow-host NAME to allow another name."
            )
        else:
            origin = headers.get("origin")
            checks_origin = scope["type"] == "websocket" or scope.get("method", "GET") not in SAFE_METHODS
            if checks_origin and origin is not None and not origin_allowed(origin, host):
                status, problem = 403, f"Refused: requests from another site ({origin}) may not use this whittle server."
        if problem is None:
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            # Closing before accept makes the server answer the handshake with 403.
            await send({"type": "websocket.close", "code": 1008, "reason": problem[:120]})
        else:
            await PlainTextResponse(problem, status_code=status)(scope, receive, send)
