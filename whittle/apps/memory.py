"""Memory: what the assistant has learned about the user, shown so they can correct or delete each fact.

Facts come from the user's own chat messages (whittle/memory/extract.py, hook user_said) or are
added here; each is one entry in this app's key-value namespace. They reach the assistant through
system_prompt_facts, a few per kind; a deleted fact is gone from the store, so no later prompt
carries it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from fasthtml.common import (
    H3,
    Article,
    Button,
    Div,
    Form,
    Input,
    Label,
    Option,
    P,
    Select,
    Small,
    Table,
    Tbody,
    Td,
    Th,
    Thead,
    Tr,
)

from whittle.apps.base import WhittleApp, form_data
from whittle.apps.confirm import ConfirmForm, confirm_attrs, not_confirmed
from whittle.memory.extract import KIND_LABELS, KINDS, MAX_VALUE_CHARS, Fact, extract_facts
from whittle.plugins import hookimpl
from whittle.plurals import counted
from whittle.user_text import refuse_control_characters

PER_KIND_IN_PROMPT = 6  # the newest few of each kind: enough to be useful, short enough to stay cheap


class FactError(ValueError):
    pass


@form_data
class FactForm:
    kind: str = "note"
    text: str = ""


class MemoryApp(WhittleApp):
    name = "memory"
    title = "Memory"
    menu_order = 87
    training_prompt = (
        "The Memory page lists what the assistant has learned about the user (likes, clients, employer, recurring "
        "tasks, notes); the user can correct or delete each fact."
    )

    # -- the store ---------------------------------------------------------------------
    def facts(self) -> list[tuple[str, dict]]:
        """(key, {"kind", "text", "learned", "source"}) newest first."""
        entries = [(key, value) for key, value in self.ctx.kv.items().items()
                   if isinstance(value, dict) and value.get("kind") in KINDS]
        return sorted(entries, key=lambda item: item[1].get("learned", ""), reverse=True)

    def remember(self, fact: Fact, source: str) -> bool:
        if self.ctx.kv.get(fact.key) is not None:
            return False
        learned = datetime.now(UTC).isoformat(timespec="seconds")
        self.ctx.kv.set(fact.key, {"kind": fact.kind, "text": fact.text, "learned": learned, "source": source})
        return True

    @hookimpl
    def user_said(self, text: str) -> None:
        # No chat note: a fact the user deletes later must not live on in the hidden context.
        for fact in extract_facts(text):
            self.remember(fact, "chat")

    @hookimpl
    def system_prompt_facts(self) -> dict[str, str] | None:
        grouped: dict[str, list[str]] = {}
        for _, value in self.facts():
            texts = grouped.setdefault(KIND_LABELS[value["kind"]], [])
            if len(texts) < PER_KIND_IN_PROMPT:
                texts.append(value["text"])
        return {label: "; ".join(texts) for label, texts in grouped.items()} or None

    def state_facts(self) -> list[str]:
        return [f"Memory: {counted(len(self.facts()), 'fact')} about the user."]

    # -- the page ---------------------------------------------------------------------
    def render(self):
        return self.page()

    def routes(self):
        return [("/add", self.add, ["post"]), ("/{key:path}/edit", self.edit, ["post"]),
                ("/{key:path}/delete", self.delete, ["post"])]

    def page(self, *, error: str = "", notice: str = "", draft: FactForm | None = None):
        rows = [Tr(
            Td(KIND_LABELS[value["kind"]]),
            Td(Form(Input(name="text", value=value["text"], maxlength=MAX_VALUE_CHARS, aria_label="Fact"),
                    Button("Save", cls="secondary outline"), hx_post=self.ctx.url(f"/{key}/edit"),
                    hx_target="#memory", hx_swap="outerHTML", cls="memory-edit")),
            Td(Small(f"{value.get('source', '')} · {value.get('learned', '')[:10]}")),
            Td(Button("Delete", hx_post=self.ctx.url(f"/{key}/delete"), hx_target="#memory", hx_swap="outerHTML",
                      cls="secondary outline", **confirm_attrs(f"Forget {value['text']!r}"))),
        ) for key, value in self.facts()]
        draft = draft or FactForm()
        return Article(
            H3("Memory"),
            P("What the assistant has learned about you from the chat (\"I prefer tea\", \"my client is Acme\", "
              "\"every Monday I send the report\", \"remember that …\"). It reads these before answering; "
              "correct or delete any of them."),
            P(notice, role="status") if notice else None,
            P(error, cls="form-error", role="alert") if error else None,
            Div(Table(Thead(Tr(Th("Kind"), Th("Fact"), Th("From"), Th(""))), Tbody(*rows)), cls="table-scroll") if rows
            else P("Nothing remembered yet."),
            Form(Label("Kind", Select(*[Option(KIND_LABELS[k], value=k, selected=k == draft.kind) for k in KINDS],
                                       name="kind")),
                 Label("Fact", Input(name="text", value=draft.text, maxlength=MAX_VALUE_CHARS, required=True)),
                 Button("Add"), hx_post=self.ctx.url("/add"), hx_target="#memory", hx_swap="outerHTML"),
            id="memory",
        )

    def _checked(self, kind: str, text: str) -> Fact:
        text = " ".join(text.split())
        if kind not in KINDS:
            raise FactError(f"Unknown kind {kind!r}; choose one of: {', '.join(KINDS)}.")
        if not text:
            raise FactError("Write the fact to remember, e.g. 'prefers short answers'.")
        if len(text) > MAX_VALUE_CHARS:
            raise FactError(f"Keep a fact under {MAX_VALUE_CHARS} characters (this one is {len(text)}).")
        refuse_control_characters(text, what="The fact", error=FactError)
        return Fact(kind, text)

    async def add(self, form: FactForm):
        try:
            fact = self._checked(form.kind, form.text)
        except FactError as error:
            return self.page(error=str(error), draft=form)
        if not self.remember(fact, "added by you"):
            return self.page(notice=f"Already remembered: {fact.text}.")
        return self.page(notice=f"Remembered: {fact.text}.")

    async def edit(self, key: str, form: FactForm):
        old = self.ctx.kv.get(key)
        if not isinstance(old, dict):
            return self.page(error="That fact is gone (deleted in another tab?); nothing was changed.")
        try:
            fact = self._checked(old["kind"], form.text)
        except FactError as error:
            return self.page(error=str(error))
        self.ctx.kv.delete(key)
        self.ctx.kv.set(fact.key, {**old, "text": fact.text, "source": "edited by you"})
        return self.page(notice=f"Saved: {fact.text}.")

    async def delete(self, key: str, form: ConfirmForm):
        old = self.ctx.kv.get(key)
        if not isinstance(old, dict):
            return self.page(error="That fact is already gone.")
        if not form.confirmed:
            return self.page(error=not_confirmed(f"Forgetting {old['text']!r}", "Delete"))
        self.ctx.kv.delete(key)
        return self.page(notice=f"Forgotten: {old['text']}.")


@hookimpl
def register_apps(register):
    register(MemoryApp)
