"""Experts: system prompts that teach the assistant a domain or an app; list, edit, delete, use, create with AI.

Built-in experts ship with whittle (whittle/experts/builtin/, one per built-in app); the user's own
are Markdown files in this app's folder (<data home>/apps/experts/). Each conversation has its own
expert choice (experts/choice.py: none, Auto by description, or one by name); Use sets the current
conversation's. The chat budgets the expert before the history (chat/context.py).
"""

from __future__ import annotations

from fasthtml.common import (
    H3,
    Article,
    Button,
    Div,
    Form,
    Input,
    Label,
    Li,
    Option,
    P,
    Select,
    Small,
    Strong,
    Table,
    Tbody,
    Td,
    Textarea,
    Th,
    Thead,
    Tr,
    Ul,
)

from whittle.apps.base import WhittleApp, form_data
from whittle.apps.confirm import ConfirmForm, confirm_attrs, not_confirmed
from whittle.chat.conversations import AUTO_EXPERT, ConversationError
from whittle.experts.choice import ConversationExperts
from whittle.experts.create import most_capable, write_expert
from whittle.experts.store import CHARS_PER_TOKEN, Expert, ExpertError, ExpertStore, make_expert
from whittle.llm.base import ModelError
from whittle.plugins import hookimpl
from whittle.router.cascade import NoTierAvailable
from whittle.router.plan import UnknownTier

NOT_CONNECTED = ("The chat is not running here, so there is no conversation to give an expert to; "
                 "start whittle with `whittle serve` and use the Experts page there.")


@form_data
class ExpertForm:
    name: str = ""
    description: str = ""
    when_to_use: str = ""
    preferred_tier: str = ""
    body: str = ""


@form_data
class CreateForm:
    domain: str = ""
    tier: str = ""


def choice_text(choice: str | None) -> str:
    if not choice:
        return "no expert"
    return "Auto (the expert whose description fits each message)" if choice == AUTO_EXPERT else f"the {choice} expert"


def cost_text(body: str) -> str:
    return f"about {len(body) // CHARS_PER_TOKEN + 1:,} tokens, read before every answer while it is in use"


class ExpertsApp(WhittleApp):
    name = "experts"
    title = "Experts"
    menu_order = 85
    training_prompt = (
        "The Experts page lists system prompts that teach the assistant a domain or an app; the user can edit, "
        "delete, use one in the chat, or have the most capable model write a new one once."
    )

    def __init__(self, ctx):
        super().__init__(ctx)
        self.store = ExpertStore(ctx.data_dir)
        # The current conversation's choice; set by experts/choice.py's connect_experts, which owns the wiring.
        self.conversation_experts: ConversationExperts | None = None

    # -- the current conversation's expert -------------------------------------------
    def choice(self) -> str | None:
        """None (no expert), "auto" (picked by description) or an expert's name."""
        return self.conversation_experts.choice() if self.conversation_experts else None

    def state_facts(self) -> list[str]:
        names = ", ".join(e.name for e in self.store.all())
        return [f"Experts: {names}. In use in this conversation: {choice_text(self.choice())}."]

    def state_values(self) -> list[str]:
        return [e.name for e in self.store.all()]

    # -- pages -----------------------------------------------------------------------
    def render(self):
        return self.page()

    def routes(self):
        return [
            ("/save", self.save, ["post"]),
            ("/preview", self.preview, ["post"]),
            ("/create", self.create, ["post"]),
            ("/use", self.use, ["post"]),
            ("/{name}/edit", self.edit, ["get"]),
            ("/{name}/delete", self.delete, ["post"]),
        ]

    def _use_button(self, label: str, name: str, in_use: bool):
        return Button("In use" if in_use else label, hx_post=self.ctx.url("/use"), hx_vals=f'{{"name": "{name}"}}',
                      hx_target="#experts", hx_swap="outerHTML", cls="secondary outline", disabled=in_use,
                      title="Use it in the current conversation")

    def page(self, *, editing: Expert | ExpertForm | None = None, error: str = "", notice: str = ""):
        experts, choice = self.store.all(), self.choice()
        rows = [Tr(
            Td(Strong(e.name), Small(" (built-in)" if e.builtin else " (yours)")), Td(e.description),
            Td(f"≈{e.approx_tokens:,}"),
            Td(self._use_button("Use", e.name, choice == e.name),
               Button("Edit", hx_get=self.ctx.url(f"/{e.name}/edit"), hx_target="#experts", hx_swap="outerHTML",
                      cls="secondary outline"),
               None if e.builtin else Button("Delete", hx_post=self.ctx.url(f"/{e.name}/delete"), hx_target="#experts",
                                            hx_swap="outerHTML", cls="secondary outline",
                                            **confirm_attrs(f"Delete the expert {e.name!r}", "Its file is removed."))),
        ) for e in experts]
        problems = self.store.problems()
        return Article(
            H3("Experts"),
            P("An expert is a system prompt that teaches the assistant a domain or an app. Written once — by you or "
              "by the most capable model — it is then used by the local model for free."),
            P("In use in this conversation: ", Strong(choice_text(choice), id="experts-in-use"), " ",
              self._use_button("Auto (by description)", AUTO_EXPERT, choice == AUTO_EXPERT),
              Button("Stop using it", hx_post=self.ctx.url("/use"), hx_vals='{"name": ""}', hx_target="#experts",
                     hx_swap="outerHTML", cls="secondary outline") if choice else None),
            P(notice, cls="experts-notice", role="status") if notice else None,
            P(error, cls="form-error", role="alert") if error else None,
            Div(Table(Thead(Tr(Th("Name"), Th("What it knows"), Th("Tokens"), Th(""))), Tbody(*rows)), cls="table-scroll"),
            Div(Strong("Files that could not be read:"), Ul(*[Li(p) for p in problems])) if problems else None,
            self.edit_form(editing),
            self.create_form(),
            id="experts",
        )

    def edit_form(self, expert: Expert | ExpertForm | None):
        values = expert or ExpertForm()
        tiers = [""] + list(self.ctx.tiers)
        return Form(
            H3(f"Edit {values.name}" if values.name else "New expert"),
            Label("Name (lower-case, digits, '-')", Input(name="name", value=values.name, maxlength=48, required=True)),
            Label("Description", Input(name="description", value=values.description, maxlength=300, required=True)),
            Label("When to use (topics)", Input(name="when_to_use", value=values.when_to_use, maxlength=300)),
            Label("Preferred tier", Select(*[Option(t or "any", value=t, selected=t == (values.preferred_tier or ""))
                                             for t in tiers], name="preferred_tier")),
            Label("Instructions", Textarea(values.body, name="body", rows=10, hx_post=self.ctx.url("/preview"),
                                           hx_trigger="input changed delay:300ms", hx_target="#expert-cost")),
            Small(cost_text(values.body), id="expert-cost", aria_live="polite"),
            Button("Save expert", type="submit"),
            hx_post=self.ctx.url("/save"), hx_target="#experts", hx_swap="outerHTML", cls="experts-edit",
        )

    def create_form(self):
        tiers = list(self.ctx.tiers)
        default = tiers[-1] if tiers else ""
        local_only = len(tiers) <= 1
        return Form(
            H3("Create with AI"),
            P("Describe the expertise; the most capable model writes the expert once (its cost is shown) and you "
              "review it before it is used."),
            P("Only the local model is configured: the expert it writes will be weak. Add a bigger model tier to "
              "whittle.toml (see the README, 'Adding a model tier').", cls="form-error") if local_only else None,
            Label("Expertise", Textarea(name="domain", rows=2, maxlength=2000, required=True,
                                        placeholder="e.g. SEO internal linking for online shops")),
            Label("Written by", Select(*[Option(t, value=t, selected=t == default) for t in tiers], name="tier")),
            Button("Write the expert", type="submit"),
            hx_post=self.ctx.url("/create"), hx_target="#experts", hx_swap="outerHTML",
            hx_disabled_elt="find button", cls="experts-create",
        )

    # -- handlers ----------------------------------------------------------------------
    async def edit(self, name: str):
        expert = self.store.get(name)
        return self.page(editing=expert, error="" if expert else f"There is no expert called {name!r}.")

    async def preview(self, form: ExpertForm):
        return Small(cost_text(form.body), id="expert-cost", aria_live="polite")

    async def save(self, form: ExpertForm):
        try:
            expert = make_expert(form.name.strip(), form.description, form.body, form.when_to_use,
                                 form.preferred_tier or None)
            self.store.save(expert)
        except ExpertError as error:
            return self.page(editing=form, error=str(error))  # the typed text comes back, nothing is lost
        self.ctx.chat.note(f"The user saved the expert {expert.name!r}.")
        return self.page(notice=f"Saved {expert.name} ({cost_text(expert.body)}).")

    async def use(self, form: ExpertForm):
        """Set the current conversation's expert (the chat header's picker follows in every tab)."""
        name = form.name.strip() or None
        if self.conversation_experts is None:
            return self.page(error=NOT_CONNECTED)
        try:
            self.conversation_experts.choose_for_current(name)
        except ConversationError as error:
            return self.page(error=str(error))
        return self.page(notice=f"This conversation now uses {choice_text(name)}." if name
                         else "This conversation uses no expert now.")

    async def delete(self, name: str, form: ConfirmForm):
        if not form.confirmed:
            return self.page(error=not_confirmed(f"Deleting the expert {name!r}", "Delete"))
        try:
            removed = self.store.delete(name)
        except ExpertError as error:
            return self.page(error=str(error))
        if not removed:
            return self.page(error=f"{name!r} is not one of your experts (built-in ones cannot be deleted).")
        if self.conversation_experts is not None:
            self.conversation_experts.forget(name)  # conversations that used it use none (a built-in one may be back)
        return self.page(notice=f"Deleted {name}.")

    async def create(self, form: CreateForm):
        try:
            tier = form.tier or most_capable(self.ctx.tiers)
            expert, result = await write_expert(self.ctx.route, form.domain, tier=tier)
            self.store.save(expert)
        except (ExpertError, ModelError, NoTierAvailable, UnknownTier) as error:
            return self.page(error=str(error))
        note = (f"The {result.tier} tier wrote the expert {expert.name!r} for ${result.cost_usd:.4f}; from now on the "
                f"local model uses it for free. Review it below, then press Use.")
        return self.page(editing=expert, notice=note)


@hookimpl
def register_apps(register):
    register(ExpertsApp)
