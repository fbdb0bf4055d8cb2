"""The Whittle object: the one place that owns the database, the model, the chat and the apps.

Apps never see it: each gets an AppContext (apps/context.py) built here.
"""

from __future__ import annotations

from pathlib import Path

from whittle.agent.runner import Agent
from whittle.apps.base import WhittleApp
from whittle.apps.context import AppContext, CostReport
from whittle.cache import AnswerCache
from whittle.chat.conversations import ConversationStore
from whittle.chat.events import Subscription
from whittle.chat.hub import ChatHub
from whittle.chat.recall import recall
from whittle.chat.store import MessageStore
from whittle.config import RouterConfig, Settings
from whittle.db import Database
from whittle.experts.choice import connect_experts
from whittle.kv import KeyValueStore
from whittle.llm.base import ChatMessage, OutputConstraint
from whittle.llm.embedded import EmbeddedModel
from whittle.plugins import BrokenPlugin, LoadedPlugins, backend_factories, load_plugins
from whittle.profiles import ProfileStore
from whittle.router.budget import Budget
from whittle.router.cascade import Router
from whittle.router.learned.auto import AutoRefit
from whittle.router.learned.fit import load_fitted
from whittle.router.ledger import Ledger
from whittle.router.request import LLMRequest, RouteResult, TaskKind
from whittle.router.tier_runtime import build_tiers
from whittle.tools import ToolRegistry

BASE_SYSTEM_PROMPT = (
    "You are the assistant inside whittle, a local web app of guided workflows. "
    "The app is on the left of the screen; you are the chat on the right. "
    "You overhear what the user does in the app: those events reach you as system messages "
    "starting with [App event]. Answer briefly, in plain language."
)


def _fitted_router(config: RouterConfig, home):
    """Thresholds and difficulty model from `whittle router fit`, over whittle.toml's defaults."""
    fitted, model = load_fitted(home)
    if fitted is None:
        return config, None
    updates = {"skip_cheapest_above": fitted["skip_cheapest_above"]}
    if fitted.get("min_mean_logprob") is not None:
        updates["min_mean_logprob"] = fitted["min_mean_logprob"]
    return config.model_copy(update=updates), model.score


def _privacy_guard(tiers, when_uncertain: str = "send"):
    """The privacy guard, when any tier is not local (with only local tiers there is nothing to guard).

    when_uncertain: whittle.toml's [privacy] setting for spans that might be names (send, mask, keep_local).
    """
    if all(tier.trust == "local" for tier in tiers):
        return None
    import whittle.privacy as privacy  # noqa: PLC0415 - presidio takes seconds to import; only pay when needed

    privacy.warm_up()
    return privacy.PrivacyGuard(when_uncertain=when_uncertain)


class Whittle:
    def __init__(self, settings: Settings, model: EmbeddedModel | None = None):
        self.settings = settings
        self.db = Database(settings.db_path)
        self.kv = KeyValueStore(self.db)
        self.profiles = ProfileStore(self.db, self.kv)
        self.ledger = Ledger(self.db)  # the ledger: every model call, its cost and its route
        self.config = settings.load_config()  # whittle.toml; a file named with --config must exist
        if model is None:
            model = EmbeddedModel(settings.model_path, n_ctx=settings.n_ctx, n_threads=settings.n_threads)
        self.model = model
        self.budget = Budget(self.db, self.config.budgets)
        folder = self.config.apps.folder
        self.plugins: LoadedPlugins = load_plugins(apps_folder=Path(folder).expanduser() if folder else None)
        self.broken_plugins: list[BrokenPlugin] = self.plugins.broken
        tiers = build_tiers(self.config.tiers, self.model, backend_factories(self.plugins))
        router_config, difficulty = _fitted_router(self.config.router, settings.home)
        self.router = Router(
            tiers,
            self.ledger,
            self.budget,
            self.kv,
            router_config,
            privacy=_privacy_guard(tiers, self.config.privacy.when_uncertain),
            difficulty=difficulty,
            cache=AnswerCache(self.db, semantic=router_config.cache_similar) if router_config.cache else None,
        )
        self.conversations = ConversationStore(self.db, self.kv, self.profiles)
        messages = MessageStore(self.db, conversation=self.conversations.current_id)
        self.chat = ChatHub(messages, self.router, self.system_prompt, max_tokens=settings.max_tokens)
        self.chat.pinned_tier = self.conversations.pinned_tier
        self.chat.recall = lambda text, count: recall(self.conversations, self.db, text, count)
        self.tools = ToolRegistry()
        self.apps: dict[str, WhittleApp] = {}
        for app_class in sorted(self.plugins.app_classes(), key=lambda cls: getattr(cls, "menu_order", 100)):
            self._add_app(app_class)
        self.plugins.call("register_tools", register=self.tools.add)
        self.chat.on_user_text.append(self.conversations.heard)
        self.auto_refit = None  # learning from use: only with a tier to escalate to
        if router_config.auto_refit and len(tiers) > 1:
            self.auto_refit = AutoRefit(self.db, settings.home, self.router, tiers[0].name,
                                        every=router_config.refit_every, target_quality=router_config.refit_target_quality)
            self.chat.on_user_text.append(lambda _text: self.auto_refit.maybe_start())
        self.chat.on_user_text.append(lambda text: self.plugins.call("user_said", text=text))
        self.chat.agent = Agent.for_whittle(self)  # /commands and tool calls before the model answers
        connect_experts(self)  # each conversation's expert, also for `whittle ask` / `whittle do` without the web app

    def _add_app(self, app_class: type) -> None:
        """Make the app with its context and register it as a plugin; any failure is reported, not fatal."""
        name = getattr(app_class, "name", repr(app_class))
        try:
            if name in self.apps:
                raise ValueError(f"two apps are called {name!r}; rename one (the class attribute `name`)")
            ctx = self.app_context(name)
            app = app_class(ctx)
            if getattr(app, "ctx", None) is not ctx:
                raise TypeError(f"{app_class.__name__}.__init__ must call super().__init__(ctx)")
        except Exception as error:
            self.broken_plugins.append(BrokenPlugin(f"app {name}", f"{type(error).__name__}: {error}"))
            return
        if self.plugins.add(app, f"app:{name}"):
            self.apps[name] = app

    def app_context(self, name: str) -> AppContext:
        """What one app may use (apps/context.py)."""
        return AppContext(
            name,
            db=self.db,
            kv=self.kv,
            chat=self.chat,
            profiles=self.profiles,
            route=self.route,
            data_home=self.settings.home,
            tools=self.tools,
            costs=CostReport(self.db, self.budget, self.router.tiers[0].name),
            tiers=[tier.name for tier in self.router.tiers],
            max_tokens=self.settings.max_tokens,
            config_file=self.settings.config_file,
        )

    @property
    def default_app(self) -> WhittleApp:
        return next(iter(self.apps.values()))

    def system_prompt(self) -> str:
        """The base prompt, what plugins know about the user (hook system_prompt_facts), then their sections
        (hook system_prompt_sections: what apps add; the conversation's expert is added per turn, chat/turn.py)."""
        facts: dict[str, str] = {}
        for found in self.plugins.call("system_prompt_facts"):
            facts.update(found if isinstance(found, dict) else {})
        known = [f"{label}: {value}" for label, value in facts.items() if value]
        prompt = BASE_SYSTEM_PROMPT
        if known:
            prompt += "\nWhat you know about the user — " + "; ".join(known) + "."
        for found in self.plugins.call("system_prompt_sections"):
            sections = [found] if isinstance(found, str) else list(found or ())
            prompt += "".join(f"\n\n{section.strip()}" for section in sections if section and section.strip())
        return prompt

    def header_items(self) -> list:
        """Components for the page header from the plugins (hook header_items), in load order."""
        items: list = []
        for found in self.plugins.call("header_items"):
            items.extend(found if isinstance(found, list | tuple) else [found])
        return items

    async def open_app(self, app: WhittleApp) -> None:
        """The user navigated to an app: the chat hears it, the assistant is taught the app.

        The visit is an event every time (the prompt builder merges repeats: "opened Todo ×3");
        the training prompt is taught once per conversation: re-noted on every visit it grew
        the hidden context to ~1,900 tokens, read before every answer.
        """
        self.chat.note(f"The user opened the {app.title} app.", source=f"app:{app.name}")
        if app.training_prompt and not self.chat.store.has_context(app.training_prompt):
            self.chat.note(app.training_prompt, source=f"app:{app.name}")
        await app.on_open()

    async def user_message(self, text: str, app_name: str | None, subscription: Subscription | None) -> None:
        """A user's message with an app open, for scripts and tests; the chat socket calls the hub itself."""
        await self.chat.user_message(text, self.apps.get(app_name or ""), subscription)

    async def route(
        self,
        messages: list[ChatMessage],
        *,
        purpose: str,
        kind: TaskKind | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        check=None,
        constraint: OutputConstraint | None = None,
        tier: str | None = None,
    ) -> RouteResult:
        """One model call outside the chat, through the cascade: cheapest tier that passes the check.

        Without a kind the router works it out from the messages and the check (router/task_kind.py).
        """
        request = LLMRequest(
            list(messages), purpose=purpose, kind=kind, max_tokens=max_tokens, temperature=temperature, check=check,
            constraint=constraint, tier=tier,
        )
        return await self.router.complete(request)

    async def complete(self, messages: list[ChatMessage], *, purpose: str, max_tokens: int = 256, **options) -> str:
        """Like route(), returning just the answer's text (an app's extraction, analysis, drafting)."""
        return (await self.route(messages, purpose=purpose, max_tokens=max_tokens, **options)).text

    def close(self) -> None:
        self.db.close()
