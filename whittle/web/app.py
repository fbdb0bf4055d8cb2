"""The ASGI app: routes are short; the Whittle object does the work.

The page's own routes are here; apps' routes (WhittleApp.routes, under /app/<name>) and any
plugin's come through the register_routes hook.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from fasthtml.common import FastHTML
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from whittle.core import Whittle
from whittle.web.chat_socket import chat_socket
from whittle.web.conversations import ConversationPages, chat_tools
from whittle.web.layout import (
    current_app_input,
    feedback_buttons,
    head_assets,
    menu,
    not_found_page,
    not_found_sentence,
    page,
)
from whittle.web.security import LocalOnlyMiddleware, is_cross_site

STATIC_DIR = Path(__file__).parent / "static"
REQUIRED_ASSETS = ("htmx.min.js", "htmx-ext-ws.min.js", "pico.min.css", "marked.umd.js", "purify.min.js",
                   "highlight.min.js", "hljs-light.min.css", "hljs-dark.min.css")


class AssetsMissing(RuntimeError):
    pass


def check_assets() -> None:
    missing = [name for name in REQUIRED_ASSETS if not (STATIC_DIR / "vendor" / name).is_file()]
    if missing:
        raise AssetsMissing(
            f"Front-end assets are missing from {STATIC_DIR / 'vendor'}: {', '.join(missing)}.\n"
            "Fix: run `make run` (it fetches them), or `python scripts/fetch_assets.py` from the source checkout."
        )


def create_app(whittle: Whittle) -> FastHTML:
    check_assets()
    app = FastHTML(
        title="whittle",
        default_hdrs=False,
        sess_cls=None,
        secret_key=secrets.token_hex(32),  # unused (no sessions); stops FastHTML writing .sesskey into the cwd
        canonical=False,  # FastHTML would emit an https:// canonical link this local server cannot serve
        hdrs=head_assets(),
        middleware=[Middleware(LocalOnlyMiddleware, allowed_hosts=whittle.settings.allowed_hosts)],
        exception_handlers={404: not_found},
    )
    app.state.whittle = whittle

    async def home(request: Request):
        return await _full_page(whittle, whittle.default_app, record=not is_cross_site(request))

    async def open_app(request: Request, name: str):
        target = whittle.apps.get(name)
        if target is None:
            raise HTTPException(404)  # not_found() below words the page
        # A link on another site may show the page, but writes nothing (no "the user opened" note).
        record = not is_cross_site(request)
        if request.headers.get("hx-request") and request.headers.get("hx-target") == "app-area":
            if record:
                await whittle.open_app(target)
            return target.render(), menu(whittle.apps.values(), target, oob=True), current_app_input(name, oob=True)
        return await _full_page(whittle, target, record=record)

    async def view(app: str = ""):
        """The app a tab shows (its #chat-app field), re-rendered as it is now, e.g. after a profile switch."""
        return (whittle.apps.get(app) or whittle.default_app).render()

    async def stop(request: Request):
        stopped = await whittle.chat.stop()
        return Response(status_code=204, headers={"X-Whittle-Stopped": "1" if stopped else "0"})

    async def feedback(call_id: str, verdict: str):
        if verdict not in ("up", "down") or not call_id.isdigit():
            return Response("Feedback must be /chat/feedback/<call id>/up or /down.", status_code=400)
        value = 1 if verdict == "up" else -1
        if not whittle.ledger.feedback(int(call_id), value):
            return Response(f"There is no model call {call_id}; reload the page.", status_code=404)
        return feedback_buttons(int(call_id), chosen=value)

    async def favicon():
        # Browsers that ignore the <link rel=icon> still ask for /favicon.ico; an SVG answers both.
        return FileResponse(STATIC_DIR / "favicon.svg", media_type="image/svg+xml")

    async def health():
        return JSONResponse({"status": "ok", "model": whittle.router.first.model_name, "generating": whittle.chat.generating})

    # FastHTML's route() turns returned FT into a page, or a fragment for htmx requests.
    app.route("/", methods=["get"])(home)
    app.route("/app/{name}", methods=["get"])(open_app)
    app.route("/view", methods=["get"])(view)
    app.route("/chat/stop", methods=["post"])(stop)
    app.route("/chat/feedback/{call_id}/{verdict}", methods=["post"])(feedback)
    app.route("/health", methods=["get"])(health)
    app.route("/favicon.ico", methods=["get"])(favicon)

    def register(path: str, handler, methods=("get",)) -> None:
        app.route(path, methods=list(methods))(handler)

    if whittle.plugins.manager.get_plugin("conversations") is None:  # once per Whittle, however many apps serve it
        whittle.plugins.add(ConversationPages(whittle), "conversations")
    whittle.plugins.call("register_routes", register=register)  # every app's routes(), then other plugins'
    app.router.routes.append(WebSocketRoute("/ws", chat_socket))
    app.router.routes.append(Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"))
    return app


async def not_found(request: Request, exc: HTTPException):
    """Every 404 (an unknown app, a mistyped path, a missing static file): a real 404 status.

    A page with the way home for a browser; a sentence for htmx, which whittle.js shows as it is.
    """
    path = request.url.path
    if request.headers.get("hx-request"):
        return PlainTextResponse(f"{not_found_sentence(path)} Reload the page or go back to the start page.", status_code=404)
    return not_found_page(path, request.app.state.whittle.apps.values())


async def _full_page(whittle: Whittle, current, *, record: bool = True):
    if record:
        await whittle.open_app(current)
    return page(
        whittle.apps.values(),
        current,
        whittle.chat.store.visible(),
        whittle.router.first.model_name,
        whittle.chat.generating,
        header_tools=tuple(whittle.header_items()),
        broken_plugins=tuple(whittle.broken_plugins),
        conversations=chat_tools(whittle),
    )
