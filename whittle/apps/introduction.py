"""Introduction: the assistant gets to know the user (name and favourite colour)."""

from __future__ import annotations

from fasthtml.common import H2, Article, Button, Dd, Div, Dl, Dt, Footer, Form, Input, Label, P, Small

from whittle.apps.base import WhittleApp, form_data
from whittle.apps.introduction_parse import parse_colour, parse_name
from whittle.chat.store import Message
from whittle.db import Migration
from whittle.plugins import hookimpl

# Facts used to live in a "user" namespace that the system prompt read directly; now they are the
# app's own (ctx.kv) and reach the prompt through the system_prompt_facts hook.
MIGRATIONS = (
    Migration(
        "introduction_001_facts_to_app_namespace",
        "UPDATE OR IGNORE kv SET namespace = 'app:introduction' WHERE namespace = 'user'",
    ),
)
MAX_NAME_CHARS = 80
MAX_COLOUR_CHARS = 40


@form_data
class FactsForm:
    name: str = ""
    colour: str = ""


QUESTION = "Hi! I'm the assistant that lives in this app. What's your name, and what's your favourite colour?"


class Introduction(WhittleApp):
    name = "introduction"
    title = "Introduction"
    menu_order = 0
    training_prompt = (
        "The user opened the Introduction app. Its job: get to know the user. "
        "Ask for their name and favourite colour if you do not know them yet; both are saved."
    )

    def __init__(self, ctx):
        super().__init__(ctx)
        ctx.db.migrate(MIGRATIONS)
        self._greeted_this_run = False

    # -- facts -----------------------------------------------------------------
    @property
    def user_name(self) -> str | None:
        return self.ctx.kv.get("name")

    @property
    def favourite_colour(self) -> str | None:
        return self.ctx.kv.get("favourite_colour")

    def remember(self, name: str | None, colour: str | None) -> None:
        if name:
            self.ctx.kv.set("name", name)
        if colour:
            self.ctx.kv.set("favourite_colour", colour)
        self.ctx.chat.update(self.facts_card())

    @hookimpl
    def system_prompt_facts(self) -> dict[str, str]:
        return {"name": self.user_name or "", "favourite colour": self.favourite_colour or ""}

    # -- chat ------------------------------------------------------------------
    async def on_open(self) -> None:
        if self._greeted_this_run:
            return
        self._greeted_this_run = True
        if self.user_name:
            colour = f" Your favourite colour is still {self.favourite_colour}, I hope." if self.favourite_colour else ""
            await self.ctx.chat.say(f"Welcome back, {self.user_name}!{colour}")
        else:
            await self.ctx.chat.say(QUESTION)

    async def on_user_message(self, message: Message) -> bool:
        known_name, known_colour = self.user_name, self.favourite_colour
        if known_name and known_colour:
            return False
        name = None if known_name else parse_name(message.content, bare_reply_allowed=True)
        colour = None if known_colour else parse_colour(message.content)
        if not name and not colour:
            return False
        self.remember(name, colour)
        name, colour = name or known_name, colour or known_colour
        if name and colour:
            reply = f"Nice to meet you, {name}! I'll remember that your favourite colour is {colour}."
        elif name:
            reply = f"Nice to meet you, {name}! And what's your favourite colour?"
        else:
            reply = f"{colour} — lovely. And what's your name?"
        await self.ctx.chat.say(reply)
        return True

    # -- UI --------------------------------------------------------------------
    def render(self):
        return Div(
            Article(
                H2("Introduction"),
                P(
                    "Tell the assistant your name and favourite colour in the chat on the right, "
                    "or fill them in here. It will greet you by name next time."
                ),
            ),
            self.facts_card(),
        )

    def facts_card(self, error: str | None = None):
        return Article(
            Dl(
                Dt("Name"),
                Dd(self.user_name or "—", id="intro-name"),
                Dt("Favourite colour"),
                Dd(self.favourite_colour or "—", id="intro-colour"),
            ),
            Form(
                Label("Name", Input(name="name", value=self.user_name or "", maxlength=MAX_NAME_CHARS)),
                Label("Favourite colour", Input(name="colour", value=self.favourite_colour or "", maxlength=MAX_COLOUR_CHARS)),
                Small(error, cls="form-error", role="alert") if error else None,
                Button("Save"),
                hx_post=self.ctx.url("/facts"),
                hx_target="#intro-facts",
                hx_swap="outerHTML",
            ),
            Footer(Small("Stored on this machine only.")),
            id="intro-facts",
        )

    def routes(self):
        return [("/facts", self.save_facts, ["post"])]

    async def save_facts(self, form: FactsForm):
        name, colour = form.name.strip(), form.colour.strip()
        error = _validate(name, colour)
        if error:
            return self.facts_card(error)
        self.remember(name or None, colour or None)
        self.ctx.chat.note(f"The user saved their details in the Introduction form: name {name!r}, favourite colour {colour!r}.")
        return self.facts_card()


def _validate(name: str, colour: str) -> str | None:
    if not name and not colour:
        return "Fill in a name or a colour, then press Save."
    if len(name) > MAX_NAME_CHARS:
        return f"The name is {len(name)} characters; keep it under {MAX_NAME_CHARS}."
    if len(colour) > MAX_COLOUR_CHARS:
        return f"The colour is {len(colour)} characters; keep it under {MAX_COLOUR_CHARS}."
    return None


@hookimpl
def register_apps(register):
    register(Introduction)
