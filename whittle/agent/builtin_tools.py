"""Tools that belong to no one app: open an app, search the conversation, ask the link graph.

They need the whole Whittle object (every app, the chat store), so the agent registers them
when it is installed (runner.Agent.for_whittle), after the apps declared theirs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fasthtml.common import Div
from pydantic import BaseModel, BeforeValidator, Field, create_model

from whittle.agent.results import ToolFailed, ToolResult
from whittle.tools import Tool

if TYPE_CHECKING:
    from whittle.core import Whittle

NAV_ID = "agent-nav"  # a hidden element static/agent.js adds to the page; swapping it in navigates the tab
SEARCH_LIMIT = 5
SNIPPET_CHARS = 200
LINKGRAPH_APP = "linkgraph"


def said_names(app) -> list[str]:
    """What a user calls an app: its name, its title, and both in lower case with spaces ("long job")."""
    return list(dict.fromkeys([app.name, app.title, app.title.casefold(), app.name.replace("-", " ")]))


def app_params(apps: dict[str, Any]) -> type[BaseModel]:
    """open_app's parameters: `app` is one of the registered apps' names (a Literal), said by its name
    or title. The JSON schema offers every way of saying one (names first), so a model under the call
    grammar copies "Cost dashboard" from the request; validation turns it into the name ("costs")."""
    names = tuple(apps)
    said = list(dict.fromkeys([*names, *(s for app in apps.values() for s in said_names(app))]))

    def to_name(value: Any) -> Any:
        if not isinstance(value, str) or value in names:
            return value
        return find_app(apps, value).name  # its ToolFailed (a ValueError) names the apps there are

    app_type = Annotated[Literal[names], BeforeValidator(to_name)]  # type: ignore[valid-type]
    field = Field(description="the app's name or title", json_schema_extra={"enum": said})
    return create_model("AppParams", app=(app_type, field), __doc__="open_app's parameters: one registered app.")


class QueryParams(BaseModel):
    query: str = Field(min_length=1, max_length=200, description="the words to search for")


class NoParams(BaseModel):
    pass


def find_app(apps: dict[str, Any], wanted: str):
    lowered = wanted.strip().strip("'\"").strip().casefold()
    for app in apps.values():
        if lowered in (app.name.casefold(), app.title.casefold(), app.name.replace("-", " ").casefold()):
            return app
    matches = [app for app in apps.values() if lowered and lowered in app.title.casefold()]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(app.name for app in apps.values())
    raise ToolFailed(f"There is no app {wanted!r}; the apps are: {names}.")


def navigation(url: str):
    """Swapped into every tab: it fetches the app into the app area as a menu click would."""
    return Div(id=NAV_ID, hidden=True, hx_get=url, hx_trigger="load", hx_target="#app-area", hx_push_url="true")


def builtin_tools(whittle: Whittle) -> list[Tool]:
    tools = BuiltinTools(whittle)
    found = [
        Tool("open_app", "Open one of the apps (show it on the left).", app_params(whittle.apps), tools.open_app),
        Tool("search_conversation", "Search earlier chat messages for words.", QueryParams, tools.search),
    ]
    if LINKGRAPH_APP in whittle.apps:
        found += [
            Tool("linkgraph_orphans", "List the orphan pages (no inlinks) found by the link graph analysis.",
                 NoParams, tools.orphans, app=LINKGRAPH_APP),
            Tool("linkgraph_top_pages", "List the strongest pages by Link Score from the link graph analysis.",
                 NoParams, tools.top_pages, app=LINKGRAPH_APP),
        ]
    return found


class BuiltinTools:
    def __init__(self, whittle: Whittle):
        self.whittle = whittle

    async def open_app(self, params: BaseModel) -> ToolResult:
        app = find_app(self.whittle.apps, params.app)
        # Each open tab fetches the app as a menu click does; that request tells the chat and runs on_open.
        self.whittle.chat.update_app(navigation(app.ctx.url()))
        return ToolResult(f"Opened the {app.title} app.")

    def search(self, params: QueryParams) -> ToolResult:
        rows = self.whittle.db.query(
            "SELECT role, content FROM messages WHERE visible=1 AND role IN ('user', 'assistant') "
            "AND source != 'agent' AND instr(lower(content), lower(?)) > 0 ORDER BY id DESC LIMIT ?",
            (params.query, SEARCH_LIMIT),
        )
        if not rows:
            return ToolResult("No earlier message mentions it.")
        lines = tuple(f"{row['role']}: {_snippet(row['content'], params.query)}" for row in rows)
        return ToolResult(f"{len(lines)} earlier message{'s' if len(lines) > 1 else ''} mention it (newest first).",
                          lines)

    def _summary(self) -> dict[str, Any]:
        app = self.whittle.apps[LINKGRAPH_APP]
        run = app.last_run()
        result = run.result("analysis") if run is not None else None
        if not result:
            raise ToolFailed("The link graph has no analysis yet: open Link graph and run its analysis step.")
        return result["summary"]

    def orphans(self, params: NoParams) -> ToolResult:
        orphans = self._summary()["orphans"]
        return ToolResult(f"{orphans['count']:,} orphan pages; the first ones:", tuple(orphans["examples"]))

    def top_pages(self, params: NoParams) -> ToolResult:
        pages = self._summary()["top_pages"]
        return ToolResult(f"The {len(pages)} strongest pages by Link Score:",
                          tuple(f"{page['url']} (Link Score {page['link_score']})" for page in pages))


def _snippet(text: str, query: str) -> str:
    at = text.casefold().find(query.casefold())
    start = max(0, at - SNIPPET_CHARS // 2)
    piece = text[start:start + SNIPPET_CHARS].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + SNIPPET_CHARS < len(text) else "")
