"""The Whittle object: the one place that owns the database, the model, the chat and the apps."""

from __future__ import annotations

from pathlib import Path

from whittle.apps.base import WhittleApp
from whittle.cache import AnswerCache
from whittle.chat.events import Subscription
from whittle.chat.hub import ChatHub, MessageRejected
from whittle.chat.store import MessageStore
from whittle.config import Settings
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.llm.base import ChatMessage
from whittle.llm.calllog import CallLog
from whittle.llm.embedded import EmbeddedModel
from whittle.plugins import BrokenPlugin, load_plugins, registered_app_classes
from whittle.profiles import ProfileStore
from whittle.router.budget import Budget
from whittle.router.cascade import Router
from whittle.router.request import LLMRequest, RouteResult, TaskKind
from whittle.router.tier_runtime import build_tiers
from whittle.router.fit import load_fitted
from whittle.router.tiers import RouterConfig, config_path, load_config

BASE_SYSTEM_PROMPT = (
    "You are the assistant inside whittle, a local web app of guided workflows. "
    "The app is on the left of the screen; you are the chat on the right. "
    "You overhear what the user does in the app: those events reach you as system messages "
    "starting with [App event]. Answer briefly, in plain language."
)
USER_FACT_LABELS = {"name": "name", "favourite_colour": "favourite colour"}


def _fitted_router(config: RouterConfig, home):
    """Thresholds and difficulty model from `whittle router fit`, over whittle.toml's defaults."""
    fitted, model = load_fitted(home)
    if fitted is None:
        return config, None
    updates = {"skip_cheapest_above": fitted["skip_cheapest_above"]}
    if fitted.get("min_mean_logprob") is not None:
        updates["min_mean_logprob"] = fitted["min_mean_logprob"]
    return config.model_copy(update=updates), model.score


def _privacy_guard(tiers):
    """The privacy guard, when any tier is not local (with only local tiers there is nothing to guard)."""
    if all(tier.trust == "local" for tier in tiers):
        return None
    import whittle.privacy as privacy  # noqa: PLC0415 - presidio takes seconds to import; only pay when needed

    privacy.warm_up()
    return privacy


class Whittle:
    def __init__(self, settings: Settings, model: EmbeddedModel | None = None):
        self.settings = settings
        self.db = Database(settings.db_path)
        self.kv = KeyValueStore(self.db)
        self.profiles = ProfileStore(self.db, self.kv)
        self.calllog = CallLog(self.db)  # the ledger: every model call, its cost and its route
        self.config = load_config(settings.config_path or config_path(settings.home))
        if model is None:
            model = EmbeddedModel(settings.model_path, n_ctx=settings.n_ctx, n_threads=settings.n_threads)
        self.model = model
        self.budget = Budget(self.db, self.config.budgets)
        tiers = build_tiers(self.config.tiers, self.model)
        router_config, difficulty = _fitted_router(self.config.router, settings.home)
        self.router = Router(
            tiers,
            self.calllog,
            self.budget,
            self.kv,
            router_config,
            privacy=_privacy_guard(tiers),
            difficulty=difficulty,
            cache=AnswerCache(self.db, semantic=router_config.cache_similar) if router_config.cache else None,
        )
        self.chat = ChatHub(MessageStore(self.db), self.router, self.system_prompt, max_tokens=settings.max_tokens)
        folder = self.config.apps.folder
        plugins = load_plugins(apps_folder=Path(folder).expanduser() if folder else None)
        self.apps: dict[str, WhittleApp] = {}
        self.broken_plugins: list[BrokenPlugin] = plugins.broken
        for app_class in sorted(registered_app_classes(plugins), key=lambda cls: cls.menu_order):
            try:
                self.apps[app_class.name] = app_class(self)
            except Exception as error:  # an app whose constructor fails is reported like a broken plugin
                self.broken_plugins.append(BrokenPlugin(getattr(app_class, "name", repr(app_class)), repr(error)))

    @property
    def default_app(self) -> WhittleApp:
        return next(iter(self.apps.values()))

    def system_prompt(self) -> str:
        facts = self.kv.items("user")
        known = [f"{USER_FACT_LABELS.get(k, k)}: {v}" for k, v in facts.items() if v]
        if not known:
            return BASE_SYSTEM_PROMPT
        return f"{BASE_SYSTEM_PROMPT}\nWhat you know about the user — " + "; ".join(known) + "."

    async def open_app(self, app: WhittleApp) -> None:
        """The user navigated to an app: the chat hears it, the assistant is taught the app."""
        self.chat.note(f"The user opened the {app.title} app.", source=f"app:{app.name}")
        if app.training_prompt:
            self.chat.note(app.training_prompt, source=f"app:{app.name}")
        await app.on_open()

    async def user_message(self, text: str, app_name: str | None, subscription: Subscription | None) -> None:
        app = self.apps.get(app_name or "")
        try:
            await self.chat.send_user_message(text, before_answer=app.on_user_message if app else None)
        except MessageRejected as rejection:
            self.chat.notify(subscription, str(rejection))

    async def route(
        self,
        messages: list[ChatMessage],
        *,
        purpose: str,
        kind: TaskKind | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        check=None,
    ) -> RouteResult:
        """One model call outside the chat, through the cascade: cheapest tier that passes the check.

        Without a kind the router works it out from the messages and the check (router/task_kind.py).
        """
        request = LLMRequest(
            list(messages), purpose=purpose, kind=kind, max_tokens=max_tokens, temperature=temperature, check=check
        )
        return await self.router.complete(request)

    async def complete(self, messages: list[ChatMessage], *, purpose: str, max_tokens: int = 256, **options) -> str:
        """Like route(), returning just the answer's text (an app's extraction, analysis, drafting)."""
        return (await self.route(messages, purpose=purpose, max_tokens=max_tokens, **options)).text

    def close(self) -> None:
        self.db.close()
