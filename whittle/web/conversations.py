"""The chat's conversation menu: new, switch, rename, delete, search, export (Markdown, JSON) and import.

A built-in plugin (its routes through register_routes). A change is shown in every open tab:
the conversation's messages and the menu are swapped out of band through the chat socket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fasthtml.common import (
    A,
    Button,
    Details,
    Div,
    Form,
    Input,
    Label,
    Li,
    Option,
    P,
    Select,
    Small,
    Summary,
    Textarea,
    Ul,
)
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from whittle.apps.confirm import confirm_attrs
from whittle.chat.conversations import MAX_TITLE_CHARS, ConversationError
from whittle.chat.hub import MessageRejected
from whittle.config import MAX_MESSAGE_CHARS
from whittle.plugins import hookimpl
from whittle.web.branches import register_branch_routes
from whittle.web.expert_picker import expert_picker, register_expert_routes
from whittle.web.layout import message_footer, message_view

if TYPE_CHECKING:
    from whittle.core import Whittle

BASE = "/chat/conversations"
MAX_IMPORT_BYTES = 20_000_000
QUIET = {"hx_swap": "none"}  # every tab (this one too) is updated through the chat socket


def conversation_menu(whittle: Whittle, *, results=None, query: str = ""):
    store = whittle.conversations
    current = store.get(store.current_id())
    items = [Li(Button(c.title, hx_post=f"{BASE}/{c.id}/switch", cls="conv-item" + (" current" if c.id == current.id
                                                                                    else ""),
                       aria_current="true" if c.id == current.id else None, **QUIET),
                Small(f" {c.messages}")) for c in store.all()]
    return Details(
        Summary(current.title, id="chat-conversation-title", title="Conversations"),
        Div(
            Button("New conversation", hx_post=f"{BASE}/new", cls="secondary", **QUIET),
            Ul(*items, cls="conv-list"),
            Form(Input(type="search", name="q", value=query, placeholder="Search all conversations",
                       aria_label="Search all conversations", maxlength=200),
                 hx_get=f"{BASE}/search", hx_target="#conv-results", hx_trigger="submit, input changed delay:400ms from:find input"),
            Div(*(results or ()), id="conv-results", aria_live="polite"),
            Form(Label("Rename", Input(name="title", value=current.title, maxlength=MAX_TITLE_CHARS)),
                 Button("Save", cls="secondary outline"), hx_post=f"{BASE}/{current.id}/rename", **QUIET),
            Div(A("Export Markdown", href=f"{BASE}/{current.id}/export.md", download=True),
                " · ", A("Export JSON", href=f"{BASE}/{current.id}/export.json", download=True), cls="conv-export"),
            Form(Label("Import a JSON export", Input(type="file", name="file", accept=".json,application/json")),
                 Button("Import", cls="secondary outline"), hx_post=f"{BASE}/import", hx_encoding="multipart/form-data",
                 **QUIET),
            Button("Delete this conversation", hx_post=f"{BASE}/{current.id}/delete", cls="secondary outline",
                   **confirm_attrs(f"Delete the conversation {current.title!r}", "Its messages are removed."), **QUIET),
            cls="conv-panel",
        ),
        id="chat-conversations",
    )


def model_picker(whittle: Whittle):
    """Auto (the router) or one tier for this conversation; each reply's footer says which model answered."""
    store, tiers = whittle.conversations, [tier.name for tier in whittle.router.tiers]
    current, pinned = store.current_id(), store.pinned_tier()
    options = [Option("Auto (router)", value="", selected=pinned is None)]
    options += [Option(name, value=name, selected=name == pinned) for name in tiers]
    return Form(Label("Model", Select(*options, name="tier", hx_post=f"{BASE}/{current}/tier", hx_trigger="change",
                                      **QUIET), cls="model-picker"), id="chat-model-picker")


def chat_tools(whittle: Whittle):
    """What sits under the chat's header: the model and expert pickers and the conversation menu."""
    return Div(model_picker(whittle), expert_picker(whittle), conversation_menu(whittle), cls="chat-tools")


def search_results(hits) -> list:
    if not hits:
        return [P("Nothing found.")]
    return [Ul(*[Li(Button(Small(f"{hit.conversation_title} · {'you' if hit.role == 'user' else 'assistant'}: "),
                           hit.snippet, hx_post=f"{BASE}/{hit.conversation_id}/switch",
                           hx_vals=f'{{"message": {hit.message_id}}}', cls="conv-hit", **QUIET)) for hit in hits])]


def again_form(whittle: Whittle, message_id: int, error: str = "", text: str | None = None):
    """Under a message: an edit box (a user message) or a tier choice (an answer), and Cancel."""
    message = whittle.chat.store.get(message_id)
    if message is None:
        return P("That message is gone.", id=f"msg-{message_id}-footer")
    tiers = [Option("Auto (router)", value="")] + [Option(t.name, value=t.name) for t in whittle.router.tiers]
    fields = (Textarea(message.content if text is None else text, name="text", rows=3, aria_label="Edited message", maxlength=MAX_MESSAGE_CHARS)
              if message.role == "user" else None)
    return Form(
        fields,
        Label("Answered by", Select(*tiers, name="tier")),
        P(error, cls="form-error", role="alert") if error else None,
        Button("Send again" if message.role == "user" else "Regenerate"),
        Button("Cancel", type="button", cls="secondary outline", hx_get=f"/chat/messages/{message_id}/footer",
               hx_target=f"#msg-{message_id}-footer", hx_swap="outerHTML"),
        hx_post=f"/chat/messages/{message_id}/again", hx_target=f"#msg-{message_id}-footer", hx_swap="outerHTML",
        id=f"msg-{message_id}-footer", cls="again-form",
    )


class ConversationPages:
    """The routes; `show` pushes the current conversation and the menu to every tab."""

    def __init__(self, whittle: Whittle):
        self.whittle = whittle
        # After the store has heard a message (a new conversation is named after its first one).
        whittle.chat.on_user_text.append(lambda _text: whittle.chat.update_app(conversation_menu(whittle)))

    def show(self, focus: int | None = None) -> None:
        messages = self.whittle.chat.store.visible()
        log = Div(*[message_view(m) for m in messages], id="chat-messages", role="log", aria_live="polite",
                  tabindex="0", data_focus=str(focus) if focus else None)
        self.whittle.chat.update_app(log)
        self.whittle.chat.update_app(conversation_menu(self.whittle))
        self.whittle.chat.update_app(model_picker(self.whittle))
        self.whittle.chat.update_app(expert_picker(self.whittle))  # that conversation's expert (web/expert_picker.py)

    def _refuse_while_busy(self) -> Response | None:
        if self.whittle.chat.busy:
            return PlainTextResponse("The assistant is still answering: wait for it (or press Stop), then switch.",
                                     status_code=409)
        return None

    def _changed(self, change, focus: int | None = None) -> Response:
        try:
            change()
        except ConversationError as error:
            return PlainTextResponse(str(error), status_code=400)
        self.show(focus)
        return Response(status_code=204)

    @hookimpl
    def register_routes(self, register):
        store = self.whittle.conversations

        async def new():
            return self._refuse_while_busy() or self._changed(store.create)

        async def switch(conversation_id: int, request: Request):
            form = await request.form()
            focus = int(form["message"]) if str(form.get("message", "")).isdigit() else None
            return self._refuse_while_busy() or self._changed(lambda: store.switch(conversation_id), focus)

        async def rename(conversation_id: int, request: Request):
            title = str((await request.form()).get("title", ""))
            return self._changed(lambda: store.rename(conversation_id, title))

        async def delete(conversation_id: int, request: Request):
            if (await request.form()).get("confirm") != "yes":
                return PlainTextResponse("Deleting a conversation needs confirming: press Delete and confirm; "
                                         "nothing was changed.", status_code=400)
            return self._refuse_while_busy() or self._changed(lambda: store.delete(conversation_id))

        async def pin(conversation_id: int, request: Request):
            tier = str((await request.form()).get("tier", "")) or None
            names = [t.name for t in self.whittle.router.tiers]
            return self._changed(lambda: store.pin_tier(conversation_id, tier, names))

        async def search(q: str = ""):
            return Div(*search_results(store.search(q[:200])) if q.strip() else (), id="conv-results",
                       aria_live="polite")

        async def export(conversation_id: int, kind: str):
            try:
                title = store.get(conversation_id).title
                body = store.export_markdown(conversation_id) if kind == "md" else store.export_json(conversation_id)
            except ConversationError as error:
                return PlainTextResponse(str(error), status_code=404)
            if kind not in ("md", "json"):
                return PlainTextResponse("Export as .md or .json.", status_code=404)
            name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:40] or "conversation"
            media = "text/markdown; charset=utf-8" if kind == "md" else "application/json"
            return Response(body, media_type=media,
                            headers={"Content-Disposition": f'attachment; filename="{name}.{kind}"'})

        async def import_file(request: Request):
            upload = (await request.form()).get("file")
            if upload is None or not hasattr(upload, "read"):
                return PlainTextResponse("Choose a JSON file exported from whittle, then press Import.", status_code=400)
            data = await upload.read(MAX_IMPORT_BYTES + 1)
            if len(data) > MAX_IMPORT_BYTES:
                return PlainTextResponse(f"The file is over {MAX_IMPORT_BYTES // 1_000_000} MB; nothing was imported.",
                                         status_code=400)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return PlainTextResponse("The file is not UTF-8 text; export it again from whittle.", status_code=400)
            return self._refuse_while_busy() or self._changed(lambda: store.import_json(text))

        async def again(message_id: int):
            return again_form(self.whittle, message_id)

        async def footer(message_id: int):
            message = self.whittle.chat.store.get(message_id)
            return message_footer(message) if message else P("That message is gone.", id=f"msg-{message_id}-footer")

        async def answer_again(message_id: int, request: Request):
            form = await request.form()
            text = str(form["text"]) if "text" in form else None
            tier = str(form.get("tier", "")) or None
            if tier and tier not in [t.name for t in self.whittle.router.tiers]:
                return again_form(self.whittle, message_id, f"There is no tier {tier!r}.", text)
            try:
                await self.whittle.chat.answer_again(message_id, text, tier=tier)
            except MessageRejected as error:
                return again_form(self.whittle, message_id, str(error), text)  # the edited words stay in the box
            return Response(status_code=204)  # every tab gets the new branch through the chat socket

        register("/chat/messages/{message_id:int}/again", again, ["get"])
        register("/chat/messages/{message_id:int}/footer", footer, ["get"])
        register("/chat/messages/{message_id:int}/again", answer_again, ["post"])
        register(f"{BASE}/new", new, ["post"])
        register(f"{BASE}/{{conversation_id:int}}/switch", switch, ["post"])
        register(f"{BASE}/{{conversation_id:int}}/rename", rename, ["post"])
        register(f"{BASE}/{{conversation_id:int}}/delete", delete, ["post"])
        register(f"{BASE}/search", search, ["get"])
        register(f"{BASE}/{{conversation_id:int}}/tier", pin, ["post"])
        register(f"{BASE}/{{conversation_id:int}}/export.{{kind}}", export, ["get"])
        register(f"{BASE}/import", import_file, ["post"])
        register_branch_routes(self.whittle, register)  # the version switcher's (web/branches.py)
        register_expert_routes(self.whittle, register)  # the expert picker's (web/expert_picker.py)
