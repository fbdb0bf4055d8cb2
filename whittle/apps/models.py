"""Models: the tiers whittle routes between, model servers found on this machine, and adding a tier.

Found servers (Ollama, llama.cpp's server, LM Studio on their usual 127.0.0.1 ports) can be
added as local tiers with one click; a cloud tier is added with its provider, model and the
name of the environment variable that holds its key (the key itself is never asked for or
stored). Either way whittle.toml is written for the user, checked first (config_edit.py);
whittle reads it at start, so the page says to restart.
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
from whittle.config import ConfigError, load_config
from whittle.config_edit import add_tier
from whittle.llm.discovery import KNOWN_SERVERS, discover
from whittle.plugins import hookimpl

RESTART = "Restart whittle (stop `whittle serve` and start it again) to use it."


@form_data
class TierForm:
    name: str = ""
    base_url: str = ""
    model: str = ""
    provider: str = ""
    api_key_env: str = ""
    trust: str = "trusted"
    server: str = ""


class ModelsApp(WhittleApp):
    name = "models"
    title = "Models"
    menu_order = 95
    training_prompt = (
        "The Models page lists the model tiers whittle routes between (cheapest first), model servers found on this "
        "machine, and lets the user add a local or cloud tier to whittle.toml."
    )

    servers = KNOWN_SERVERS  # (name, port) pairs looked for on 127.0.0.1

    def render(self):
        return self.page()

    def routes(self):
        return [("/found", self.found, ["get"]), ("/add", self.add, ["post"])]

    def page(self, *, error: str = "", notice: str = "", draft: TierForm | None = None):
        path = self.ctx.config_file
        try:
            tiers = load_config(path, missing_ok=True).tiers if path else []
        except ConfigError as problem:
            tiers, error = [], error or str(problem)
        draft = draft or TierForm()
        rows = [Tr(Td(t.name), Td(t.backend), Td(t.model), Td(t.trust), Td(t.base_url or "this machine"))
                for t in tiers]
        return Article(
            H3("Models"),
            P(f"Tiers in {path}, tried cheapest first; running now: {', '.join(self.ctx.tiers)}." if path else ""),
            P(notice, role="status") if notice else None,
            P(error, cls="form-error", role="alert") if error else None,
            Div(Table(Thead(Tr(Th("Tier"), Th("Backend"), Th("Model"), Th("Trust"), Th("Where"))), Tbody(*rows)),
                cls="table-scroll"),
            H3("On this machine"),
            Article(P("Looking for Ollama, llama.cpp and LM Studio servers…", role="status"),
                    hx_get=self.ctx.url("/found"), hx_trigger="load", hx_swap="outerHTML", id="models-found"),
            H3("Add a cloud model"),
            Form(
                Label("Tier name", Input(name="name", value=draft.name, placeholder="cloud", maxlength=40, required=True)),
                Label("API address (OpenAI-compatible)", Input(name="base_url", value=draft.base_url, maxlength=300,
                                                               placeholder="https://api.openai.com/v1", required=True)),
                Label("Model", Input(name="model", value=draft.model, placeholder="gpt-4.1-mini", maxlength=200,
                                     required=True)),
                Label("Provider (for prices)", Input(name="provider", value=draft.provider, placeholder="openai",
                                                     maxlength=60)),
                Label("Environment variable holding the key", Input(name="api_key_env", value=draft.api_key_env,
                                                                    placeholder="OPENAI_API_KEY", maxlength=100)),
                Label("Trust", Select(*[Option(t, value=t, selected=t == draft.trust) for t in ("trusted", "untrusted")],
                                      name="trust")),
                Small("The key itself stays in your environment; whittle.toml only names the variable."),
                Button("Add tier"),
                hx_post=self.ctx.url("/add"), hx_target="#models", hx_swap="outerHTML",
            ),
            id="models",
        )

    async def found(self):
        models = await discover(self.servers)
        if not models:
            return Article(P("No model server is running on this machine (Ollama :11434, llama.cpp :8080, "
                             "LM Studio :1234)."), id="models-found")
        rows = [Tr(Td(m.server), Td(m.model), Td(m.base_url),
                   Td(Button("Add as a local tier", hx_post=self.ctx.url("/add"), hx_target="#models",
                             hx_swap="outerHTML", cls="secondary outline",
                             hx_vals={"name": m.tier_name, "base_url": m.base_url, "model": m.model, "trust": "local",
                                      "server": m.server})))
                for m in models]
        return Article(Div(Table(Thead(Tr(Th("Server"), Th("Model"), Th("Address"), Th(""))), Tbody(*rows)),
                           cls="table-scroll"), id="models-found")

    async def add(self, form: TierForm):
        if self.ctx.config_file is None:
            return self.page(error="This whittle has no settings file to write to.", draft=form)
        local = form.trust == "local"
        values = {"name": form.name.strip(), "backend": "openai", "base_url": form.base_url.strip(),
                  "model": form.model.strip(), "trust": form.trust, "provider": form.provider.strip() or None,
                  "api_key_env": form.api_key_env.strip() or None}
        if local:  # a server on this machine: free, and llama.cpp's takes grammars
            values |= {"price_input_per_mtok": 0, "price_output_per_mtok": 0,
                       "structured_output": "llama.cpp" if form.server == "llama.cpp server" else "openai"}
        try:
            name = add_tier(self.ctx.config_file, values)
        except ConfigError as error:
            return self.page(error=f"Not added: {error}", draft=form)  # what was typed stays in the form
        self.ctx.chat.note(f"The user added the model tier {name} to whittle.toml.")
        return self.page(notice=f"Added the tier {name} to {self.ctx.config_file}. {RESTART}")


@hookimpl
def register_apps(register):
    register(ModelsApp)
