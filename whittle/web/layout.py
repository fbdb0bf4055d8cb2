"""Page components: plain functions returning FT. Ids mark what out-of-band swaps replace."""

from __future__ import annotations

from collections.abc import Iterable

from fasthtml.common import (
    H1,
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
    Kbd,
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
from fasthtml.svg import Path as SvgPath
from fasthtml.svg import Svg

from whittle.agent.cards import AGENT_SOURCE, agent_footer
from whittle.apps.base import WhittleApp
from whittle.chat.store import Message
from whittle.config import MAX_MESSAGE_CHARS
from whittle.web.branches import version_switcher

VENDOR = "/static/vendor"
FAVICON = "/static/favicon.svg"
CHAT_SHORTCUT = "/"  # focuses the chat input from anywhere outside a text field (static/whittle.js)


def icon(name: str):
    """A small inline SVG icon: drawn, so it shows without emoji or symbol fonts; the label is the caller's."""
    return Svg(
        SvgPath(d=ICON_PATHS[name], fill_rule="evenodd"),
        viewBox="0 0 16 16",
        width="1em",
        height="1em",
        fill="currentColor",
        aria_hidden="true",
        focusable="false",
        cls=f"icon icon-{name}",
        xmlns=None,  # inline in HTML it needs none, and the page names no other host
    )


# 16×16 outlines; in "warning" the exclamation mark is a hole (even-odd fill).
ICON_PATHS = {
    "up": "M8 2 L15 13 H1 Z",
    "down": "M1 3 H15 L8 14 Z",
    "warning": "M8 1 L15.5 14.5 H0.5 Z M7 5.5 H9 L8.7 10.5 H7.3 Z M7.1 11.6 H8.9 V13.3 H7.1 Z",
    "chat": "M1 2 H15 V11 H7 L3 14.5 V11 H1 Z",
    "close": "M3.5 2 L8 6.5 L12.5 2 L14 3.5 L9.5 8 L14 12.5 L12.5 14 L8 9.5 L3.5 14 L2 12.5 L6.5 8 L2 3.5 Z",
}


def head_assets() -> list:
    return [
        Meta(charset="utf-8"),
        Meta(name="viewport", content="width=device-width, initial-scale=1"),
        Meta(name="color-scheme", content="light dark"),
        Link(rel="icon", href=FAVICON, type="image/svg+xml"),
        Link(rel="stylesheet", href=f"{VENDOR}/pico.min.css"),
        Link(rel="stylesheet", href=f"{VENDOR}/hljs-light.min.css", media="(prefers-color-scheme: light)"),
        Link(rel="stylesheet", href=f"{VENDOR}/hljs-dark.min.css", media="(prefers-color-scheme: dark)"),
        Link(rel="stylesheet", href="/static/whittle.css"),
        Script(src=f"{VENDOR}/htmx.min.js"),
        Script(src=f"{VENDOR}/htmx-ext-ws.min.js"),
        Script(src=f"{VENDOR}/htmx-ext-sse.min.js"),
        Script(src=f"{VENDOR}/marked.umd.js"),
        Script(src=f"{VENDOR}/purify.min.js"),
        Script(src=f"{VENDOR}/highlight.min.js"),
        Script(src="/static/whittle.js", defer=True),
        Script(src="/static/chat.js", defer=True),
        Script(src="/static/agent.js", defer=True),
    ]


def page(
    apps: Iterable[WhittleApp],
    current: WhittleApp,
    messages: list[Message],
    model_name: str,
    generating: bool,
    header_tools: tuple = (),
    broken_plugins: tuple = (),
    conversations=None,
):
    """conversations: the chat's conversation menu (web/conversations.py), shown under its header."""
    return (
        Title(f"{current.title} · whittle"),
        Main(
            Div(
                Header(Strong("whittle"), menu(apps, current), *header_tools, cls="app-header"),
                broken_plugins_notice(broken_plugins),
                Section(current.render(), id="app-area"),
                cls="app-column",
            ),
            chat_panel(messages, model_name, generating, current.name, conversations),
            chat_toggle(),
            cls="layout",
        ),
    )


def chat_toggle():
    """On a phone the chat is a drawer over the app (whittle.css); this button opens it (whittle.js)."""
    return Button(
        icon("chat"),
        Span("Chat"),
        type="button",
        id="chat-toggle",
        aria_controls="chat",
        aria_expanded="false",
        aria_keyshortcuts=CHAT_SHORTCUT,
        title=f"Open the chat (shortcut: {CHAT_SHORTCUT})",
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
        Summary(icon("warning"), f" {len(broken)} plugin{'s' if len(broken) > 1 else ''} could not be loaded (the rest works)"),
        Ul(*[Li(Strong(plugin.name), ": ", plugin.error) for plugin in broken]),
        id="broken-plugins",
        cls="notice notice-warning",
    )


def current_app_input(app_name: str, oob: bool = False):
    # The chat form carries the open app so the app can look at messages sent while it is open.
    return Input(type="hidden", name="app", value=app_name, id="chat-app", hx_swap_oob="true" if oob else None)


def chat_panel(messages: list[Message], model_name: str, generating: bool, app_name: str, conversations=None):
    return Aside(
        Header(
            Strong("Assistant"),
            Small(model_name, id="chat-model", cls="model-name"),
            context_meter(None),
            Button(icon("close"), type="button", id="chat-close", cls="secondary outline", aria_label="Close the chat",
                   title="Close the chat (Escape)"),
        ),
        conversations,
        # One Tab stop for the whole conversation: arrow keys move between messages, and a message's
        # ▲/▼ join the Tab order only while it is focused or hovered (static/whittle.js).
        Div(
            *[message_view(m) for m in messages],
            id="chat-messages",
            role="log",
            aria_live="polite",
            aria_label="Conversation (arrow keys move between messages)",
            tabindex="0",
        ),
        notice(None),
        Form(
            Textarea(
                name="msg",
                id="chat-input",
                placeholder="Message the assistant… (Enter to send, Shift+Enter for a new line)",
                rows=2,
                aria_label="Message",
                aria_keyshortcuts=CHAT_SHORTCUT,
                data_max_chars=str(MAX_MESSAGE_CHARS),
            ),
            current_app_input(app_name),
            Div(
                Button("Send", type="submit", id="chat-send"),
                chat_status(generating, model_name),
                Small(Kbd(CHAT_SHORTCUT), " from anywhere to type here", cls="shortcut-hint"),
                cls="chat-actions",
            ),
            id="chat-form",
            ws_send=True,
        ),
        id="chat",
        hx_ext="ws",
        ws_connect="/ws",
    )


def context_meter(meter, oob: bool = False):
    """'Context 1,240 / 2,048': what the last answer's prompt took of the window; the parts and what was left out on hover."""
    if meter is None:
        return Small("", id="chat-meter", cls="context-meter", hx_swap_oob="true" if oob else None)
    share = meter.used / meter.window if meter.window else 0
    return Small(f"Context {meter.used:,} / {meter.window:,}", title=meter.describe(), id="chat-meter",
                 cls="context-meter" + (" full" if share > 0.9 else ""), tabindex="0",
                 aria_label=f"Context: {meter.describe()}", hx_swap_oob="true" if oob else None)


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
    if message.source == AGENT_SOURCE:
        return agent_footer(message)  # a tool call: Confirm / Cancel / Undo (whittle/agent/cards.py)
    if message.status in PENDING_LABELS:
        return pending_footer(message)
    if message.role != "assistant" and message.status == "done":
        return Footer(version_switcher(message),
                      branch_button(message, "Edit", "Edit this message and send it again (the earlier version is kept)"),
                      id=f"msg-{message.id}-footer")
    bits = []
    route = message.route or {}
    if message.role == "assistant":
        bits.append(route.get("tier") and f"{route['tier']} · {message.model}" or message.model or message.source.replace("app:", "app · "))
    if route.get("expert"):
        bits.append(f"expert {route['expert']['name']}")
    if "cost_usd" in route:
        bits.append(f"${route['cost_usd']:.4f}" + (f" (saved ${route['saved_usd']:.4f})" if route.get("saved_usd") else ""))
    if route.get("privacy") and route["privacy"] != "none":
        bits.append(f"privacy: {route['privacy']}")
    if message.status in ("stopped", "error"):
        bits.append(message.status)
    call_id = route.get("call_id")
    again = message.role == "assistant" and message.status in ("done", "stopped") and message.source == "model"
    return Footer(
        Small(" · ".join(bits), title=route_hover(route), cls="route"),
        feedback_buttons(call_id) if call_id else None,
        version_switcher(message),
        branch_button(message, "Regenerate", "Answer again (the earlier answer is kept)") if again else None,
        id=f"msg-{message.id}-footer",
    )


def route_hover(route: dict) -> str | None:
    """Why the answer was routed so, what its prompt took of the window, and which earlier conversations it recalled."""
    lines = [f"Why: {route['reason']}" if route.get("reason") else "", f"Context: {route['context']}"
             if route.get("context") else "", "Recalled from: " + ", ".join(route["recalled"]) if route.get("recalled") else ""]
    return "\n".join(line for line in lines if line) or None


def branch_button(message: Message, label: str, title: str):
    """Edit (a user message) or Regenerate (an answer): the form comes from /chat/messages/<id>/again."""
    return Button(label, type="button", cls="branch secondary outline", title=title, tabindex="-1",
                  hx_get=f"/chat/messages/{message.id}/again", hx_target=f"#msg-{message.id}-footer",
                  hx_swap="outerHTML")


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
            icon(symbol),
            type="button",
            cls="feedback" + (" chosen" if chosen == value else ""),
            aria_label=label,
            aria_pressed="true" if chosen == value else "false",
            title=label,
            tabindex="-1",  # reachable once its message is focused or hovered (static/whittle.js)
            hx_post=f"/chat/feedback/{call_id}/{'up' if value > 0 else 'down'}",
            hx_target=f"#feedback-{call_id}",
            hx_swap="outerHTML",
        )

    # Drawn icons: emoji and symbol fonts are often missing on Linux desktops.
    return Span(button(1, "Good answer", "up"), button(-1, "Bad answer", "down"), id=f"feedback-{call_id}", cls="feedback-group")


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
        tabindex="-1",  # focusable by the arrow keys in #chat-messages, not a Tab stop
    )


def notice(text: str | None, level: str = "warning", oob: bool = False):
    return Div(
        P(text) if text else None,
        id="chat-notice",
        cls=f"notice notice-{level}" if text else "notice",
        role="alert" if text else None,
        hx_swap_oob="true" if oob else None,
    )


def not_found_sentence(path: str) -> str:
    """What a 404 did not find: an app (/app/<name>) or any other page."""
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "app":
        return f"There is no app called {parts[1]!r}."
    return f"There is no page at {path}."


def not_found_page(path: str, apps: Iterable[WhittleApp]):
    """The 404 page: what was not found, and the way back (the start page and every app)."""
    return Title("Not found · whittle"), Main(
        Article(
            H1("Page not found"),
            P(not_found_sentence(path), " The address may be mistyped, or the app may have been removed."),
            P(A("Back to the start page", href="/"), " or open an app:"),
            Nav(Ul(*[Li(A(app.title, href=app.ctx.url())) for app in apps]), aria_label="Apps"),
        ),
        cls="container not-found",
    )
