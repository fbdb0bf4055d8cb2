"""AppContext: everything an app may use, and nothing more (docs/apps.md is the author's guide).

whittle builds one context per app and passes it to the app's constructor (`WhittleApp(ctx)`).
An app reaches the rest of whittle only through it: the chat (tagged with the app's name), its
own key-value namespace and folder, model calls through the router, the profiles, background
jobs, and a place to declare tools. Two members are deliberate windows for particular apps:
`db` (for apps that keep their own tables) and `costs` with `tiers` (read-only, for dashboards).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from whittle.chat.hub import ChatHub
from whittle.chat.narration import Narrator
from whittle.chat.store import Message
from whittle.db import Database
from whittle.jobs import JobRunner
from whittle.kv import KeyValueStore
from whittle.llm.base import ChatMessage, OutputConstraint
from whittle.profiles import ProfileStore
from whittle.router import report
from whittle.router.budget import Budget
from whittle.router.learned.auto import Refit, RefitLog
from whittle.router.request import RouteResult, TaskKind
from whittle.tools import Tool, ToolRegistry

APP_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # it is a URL path segment and a storage name
RouteFunction = Callable[..., Awaitable[RouteResult]]


class AppNameError(ValueError):
    pass


def check_app_name(name: object) -> str:
    if not isinstance(name, str) or not APP_NAME.match(name):
        raise AppNameError(
            f"App name {name!r} is not usable: use 1-64 lower-case letters, digits, '-' and '_' "
            "(it becomes the URL /app/<name>), e.g. name = \"weather\"."
        )
    return name


class AppChat:
    """The chat, bound to one app: what it says and notes is tagged `app:<name>`."""

    def __init__(self, hub: ChatHub, app_name: str):
        self._hub = hub
        self.source = f"app:{app_name}"

    def note(self, text: str) -> Message:
        """Hidden context: the model sees it in later answers; the page does not show it."""
        return self._hub.note(text, source=self.source)

    async def say(self, text: str) -> Message:
        """Show `text` verbatim in every tab as an assistant message (no model call)."""
        return await self._hub.say(text, source=self.source)

    async def prompt(self, text: str, *, max_tokens: int | None = None) -> Message:
        """A hidden instruction; the model answers in the chat, after any answer in progress.

        max_tokens is capped by the server's --max-tokens.
        """
        limit = None if max_tokens is None else min(max_tokens, self._hub.max_tokens)
        return await self._hub.prompt(text, source=self.source, max_tokens=limit)

    def update(self, component: Any) -> None:
        """Replace the element with this component's id in every open tab (an out-of-band swap)."""
        self._hub.update_app(component)

    def narrator(self) -> Narrator:
        """For a job's milestones: said verbatim when the chat is idle, in order, stale ones dropped."""
        return Narrator(self._hub, self.source)


class AppKV:
    """JSON values in the app's own namespace of the key-value store (kept across restarts)."""

    def __init__(self, store: KeyValueStore, namespace: str):
        self._store = store
        self.namespace = namespace

    def get(self, key: str, default: Any = None) -> Any:
        return self._store.get(self.namespace, key, default)

    def set(self, key: str, value: Any) -> None:
        self._store.set(self.namespace, key, value)

    def delete(self, key: str) -> None:
        self._store.delete(self.namespace, key)

    def items(self) -> dict[str, Any]:
        return self._store.items(self.namespace)


class CostReport:
    """Read-only figures about model calls, from the ledger and the budgets (for dashboards).

    Each query takes a period: one of PERIODS ("today", "7d", "30d", "all").
    """

    PERIODS = tuple(report.PERIODS)

    def __init__(self, db: Database, budget: Budget, cheapest_tier: str = "local"):
        self._db = db
        self._budget = budget
        self._cheapest_tier = cheapest_tier

    def summary(self, period: str) -> report.Summary:
        return report.summary(self._db, period)

    def calls_per_tier_per_day(self, period: str) -> list[tuple[str, str, int]]:
        return report.calls_per_tier_per_day(self._db, period)

    def spend_per_day(self, period: str) -> list[tuple[str, float, float]]:
        return report.spend_per_day(self._db, period)

    def escalation_reasons(self, period: str) -> list[tuple[str, int]]:
        return report.escalation_reasons(self._db, period)

    def costly_requests(self, period: str) -> list[dict]:
        return report.costly_requests(self._db, period)

    def refits(self) -> list[Refit]:
        """Each time the router refitted itself from use, with local share and feedback quality before and after."""
        return RefitLog(self._db).history(self._cheapest_tier)

    def budget_lines(self, now: datetime | None = None) -> list[str]:
        """'today $0.0123 of $1.00' and 'this month …' for the budgets set in whittle.toml."""
        config, now = self._budget.config, now or datetime.now(UTC)
        lines = []
        if config.daily_usd is not None:
            lines.append(f"today ${self._budget.spent(day=now.strftime('%Y-%m-%d')):.4f} of ${config.daily_usd:.2f}")
        if config.monthly_usd is not None:
            spent = self._budget.spent(month=now.strftime("%Y-%m"))
            lines.append(f"this month ${spent:.4f} of ${config.monthly_usd:.2f}")
        return lines


class AppContext:
    """What whittle gives one app. See docs/apps.md for each member."""

    def __init__(
        self,
        name: str,
        *,
        db: Database,
        kv: KeyValueStore,
        chat: ChatHub,
        profiles: ProfileStore,
        route: RouteFunction,
        data_home: Path,
        tools: ToolRegistry,
        costs: CostReport,
        tiers: Sequence[str],
        max_tokens: int,
        config_file: Path | None = None,
    ):
        self.name = check_app_name(name)
        self.chat = AppChat(chat, name)
        self.kv = AppKV(kv, f"app:{name}")
        self.profiles = profiles
        self.db = db  # deliberate: for apps that keep their own tables (declare Migrations, see whittle/db.py)
        self.costs = costs  # read-only: the cost dashboard's figures
        self.tiers = tuple(tiers)  # read-only: the model tiers' names, cheapest first
        self.max_tokens = max_tokens  # the server's --max-tokens: no model call an app makes gets more
        self.config_file = config_file  # deliberate: whittle.toml, for the Models page (read, add a tier)
        self._route = route
        self._data_home = data_home
        self._tools = tools

    def url(self, path: str = "") -> str:
        """The app's URL, or one of its routes: ctx.url("/wave") == "/app/<name>/wave"."""
        if path and not path.startswith(("/", "?")):
            path = "/" + path
        return f"/app/{self.name}{path}"

    async def route(
        self,
        messages: list[ChatMessage],
        *,
        purpose: str,
        kind: TaskKind | None = None,
        max_tokens: int = 256,
        temperature: float = 0.2,
        check: Any = None,
        constraint: OutputConstraint | None = None,
        tier: str | None = None,
    ) -> RouteResult:
        """One model call through the router: the cheapest tier whose answer passes the check.

        purpose labels the call in the ledger; kind (chat, extraction, classification,
        summarisation, reasoning, knowledge) is worked out from the request when not given. constraint
        (a JSON schema or grammar, llm/base.py) makes every tier's answer parse; pair it with a check
        that validates the content. tier pins the call to one tier by name (see `tiers`); None: the cascade.
        """
        return await self._route(
            messages,
            purpose=purpose,
            kind=kind,
            max_tokens=min(max_tokens, self.max_tokens),
            temperature=temperature,
            check=check,
            constraint=constraint,
            tier=tier,
        )

    async def complete(
        self, messages: list[ChatMessage], *, purpose: str, max_tokens: int = 256, **options: Any
    ) -> str:
        """Like route(), returning only the answer's text."""
        return (await self.route(messages, purpose=purpose, max_tokens=max_tokens, **options)).text

    @cached_property
    def jobs(self) -> JobRunner:
        """The app's background job runner (jobs outlive the tab). Set its hooks once: `ctx.jobs.watch(...)`."""
        return JobRunner(self.db, self.name)

    @property
    def data_dir(self) -> Path:
        """A folder for the app's files under the data home, created on first use."""
        folder = self._data_home / "apps" / self.name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def register_tool(
        self,
        name: str,
        description: str,
        params: type[BaseModel],
        run: Callable[[Any], Any] | None = None,
        *,
        destructive: bool = False,
    ) -> Tool:
        """Declare a tool the assistant may use (see whittle/tools.py); raises ToolError if the name is taken."""
        return self._tools.add(Tool(name, description, params, run, destructive=destructive, app=self.name))
