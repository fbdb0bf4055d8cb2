"""Page components: plain functions returning FT. Ids mark what out-of-band swaps replace."""

from __future__ import annotations

from collections.abc import Iterable

from fasthtml.common import (
    A,
    Article,
    Aside,
    Button,
    Details,
    Div,
    Footer,
    Form,
    Header,
    Input,
    Li,
    Link,
    Main,
    Meta,
    Nav,
    P,
    Script,
    Section,
    Small,
    Span,
    Strong,
    Summary,
    Textarea,
    Title,
    Ul,
)

from whittle.apps.base import WhittleApp
from whittle.chat.store import Message
from whittle.config import MAX_MESSAGE_CHARS

VENDOR = "/static/vendor"


def head_assets() -> list:
    return [
        Meta(charset="utf-8"),
        Meta(name="viewport", content="width=device-width, initial-scale=1"),
        Meta(name="color-scheme", content="light dark"),
        Link(rel="stylesheet", href=f"{VENDOR}/pico.min.css"),
        Link(rel="stylesheet", href="/static/whittle.css"),
        Script(src=f"{VENDOR}/htmx.min.js"),
        Script(src=f"{VENDOR}/htmx-ext-ws.min.js"),
        Script(src=f"{VENDOR}/htmx-ext-sse.min.js"),
        Script(src=f"{VENDOR}/marked.umd.js"),
        Script(src=f"{VENDOR}/purify.min.js"),
        Script(src="/static/whittle.js", defer=True),
        Script(src="/static/chat.js", defer=True),
    ]


def page(
    apps: Iterable[WhittleApp],
    current: WhittleApp,
    messages: list[Message],
    model_name: str,
    generating: bool,
    header_tools: tuple = (),
    broken_plugins: tuple = (),
):
    return (
        Title(f"{current.title} · whittle"),
        Main(
            Div(
                Header(Strong("whittle"), menu(apps, current), *header_tools, cls="app-header"),
                broken_plugins_notice(broken_plugins),
                Section(current.render(), id="app-area"),
                cls="app-column",
            ),
            chat_panel(messages, model_name, generating, current.name),
            cls="layout",
        ),
    )


def menu(apps: Iterable[WhittleApp], current: WhittleApp, oob: bool = False):
    items = [
        Li(
            A(
                app.title,
                href=app.ctx.url(),
                hx_get=app.ctx.url(),
                hx_target="#app-area",
                hx_push_url="true",
                aria_current="page" if app.name == current.name else None,
            )
        )
        for app in apps
    ]
    return Nav(Ul(*items), id="app-menu", hx_swap_oob="true" if oob else None)


def broken_plugins_notice(broken: tuple):
    if not broken:
        return None
    return Details(
        Summary(f"⚠ {len(broken)} plugin{'s' if len(broken) > 1 else ''} could not be loaded (the rest works)"),
        Ul(*[Li(Strong(plugin.name), ": ", plugin.error) for plugin in broken]),
        id="broken-plugins",
        cls="notice notice-warning",
    )


def current_app_input(app_name: str, oob: bool = False):
    # The chat form carries the open app so the app can look at messages sent while it is open.
    return Input(type="hidden", name="app", value=app_name, id="chat-app", hx_swap_oob="true" if oob else None)


def chat_panel(messages: list[Message], model_name: str, generating: bool, app_name: str):
    return Aside(
        Header(Strong("Assistant"), Small(model_name, id="chat-model", cls="model-name")),
        Div(*[message_view(m) for m in messages], id="chat-messages", aria_live="polite"),
        notice(None),
        Form(
            Textarea(
                name="msg",
                id="chat-input",
                placeholder="Message the assistant… (Enter to send, Shift+Enter for a new line)",
                rows=2,
                aria_label="Message",
                data_max_chars=str(MAX_MESSAGE_CHARS),
            ),
            current_app_input(app_name),
            Div(Button("Send", type="submit", id="chat-send"), chat_status(generating, model_name), cls="chat-actions"),
            id="chat-form",
            ws_send=True,
        ),
        id="chat",
        hx_ext="ws",
        ws_connect="/ws",
    )


def chat_status(generating: bool, model_name: str, oob: bool = False):
    return Div(
        Button(
            "Stop",
            type="button",
            id="chat-stop",
            cls="secondary",
            hx_post="/chat/stop",
            hx_swap="none",
            disabled=not generating,
        ),
        Small(f"{model_name} is answering…" if generating else "", aria_busy="true" if generating else None),
        id="chat-status",
        hx_swap_oob="true" if oob else None,
    )


def message_footer(message: Message):
    if message.status in PENDING_LABELS:
        return pending_footer(message)
    if message.role != "assistant" and message.status == "done":
        return None
    bits = []
    route = message.route or {}
    if message.role == "assistant":
        bits.append(route.get("tier") and f"{route['tier']} · {message.model}" or message.model or message.source.replace("app:", "app · "))
    if "cost_usd" in route:
        bits.append(f"${route['cost_usd']:.4f}" + (f" (saved ${route['saved_usd']:.4f})" if route.get("saved_usd") else ""))
    if route.get("privacy") and route["privacy"] != "none":
        bits.append(f"privacy: {route['privacy']}")
    if message.status in ("stopped", "error"):
        bits.append(message.status)
    call_id = route.get("call_id")
    return Footer(
        Small(" · ".join(bits), title=f"Why: {route['reason']}" if route.get("reason") else None, cls="route"),
        feedback_buttons(call_id) if call_id else None,
    )


PENDING_LABELS = {"queued": "queued: sent when the answer above ends", "unsent": "not sent: the server restarted"}


def pending_footer(message: Message):
    """A user message still waiting (or never sent): static/chat.js's Cancel puts it back in the input."""
    return Footer(
        Small(PENDING_LABELS[message.status], cls="route"),
        Button("Cancel", type="button", cls="cancel-queued secondary outline", data_cancel=str(message.id),
               data_text=message.content, aria_label="Cancel this message and put it back in the input"),
    )


def feedback_buttons(call_id: int, chosen: int | None = None):
    def button(value: int, label: str, symbol: str):
        return Button(
            symbol,
            type="button",
            cls="feedback" + (" chosen" if chosen == value else ""),
            aria_label=label,
            title=label,
            hx_post=f"/chat/feedback/{call_id}/{'up' if value > 0 else 'down'}",
            hx_target=f"#feedback-{call_id}",
            hx_swap="outerHTML",
        )

    # Plain glyphs: emoji fonts are often missing on Linux desktops.
    return Span(button(1, "Good answer", "▲"), button(-1, "Bad answer", "▼"), id=f"feedback-{call_id}", cls="feedback-group")


def message_view(message: Message):
    streaming = message.status == "streaming"
    return Article(
        # Text is escaped by FT; whittle.js renders finished messages as sanitized markdown.
        Div(
            message.content,
            id=f"msg-{message.id}-body",
            cls="msg-body" + (" streaming" if streaming else " md"),
            data_md="" if not streaming else None,
            # htmx ignores everything inside: model output can never act (the footer's buttons still work).
            hx_disable=True,
        ),
        message_footer(message),
        id=f"msg-{message.id}",
        cls=f"msg msg-{message.role} msg-{message.status}",
    )


def notice(text: str | None, level: str = "warning", oob: bool = False):
    return Div(
        P(text) if text else None,
        id="chat-notice",
        cls=f"notice notice-{level}" if text else "notice",
        role="alert" if text else None,
        hx_swap_oob="true" if oob else None,
    )


def not_found_page(name: str):
    return Title("Not found · whittle"), Main(
        Article(P(f"There is no app called {name!r}."), A("Back to the start page", href="/")), cls="container"
    )
