"""The agent: a user's chat message becomes tool calls, shown in the chat as they run.

Cheapest first: a /command is parsed without a model (commands.py); otherwise the planner (the
embedded model under a grammar, escalating, whittle/agent/planner.py; bigger tiers offered the tools
natively, agent/native_calls.py) proposes calls, or none — then the model answers in words; a call
no tier could make valid is reported, not silently dropped. Every call is validated against its
tool's pydantic model.
Non-destructive calls run at once and post their result with an Undo for the last one;
destructive calls post a confirmation card and wait, in SQLite, for the user's click.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from whittle.agent.builtin_tools import builtin_tools
from whittle.agent.calls import CallPlan, ToolCall
from whittle.agent.cards import AGENT_SOURCE, call_text, escape
from whittle.agent.commands import CommandError, Commands, is_command
from whittle.agent.execute import AgentError, CallOutcome, CallRefused, run_tool, run_undo, validate
from whittle.agent.pending import PendingCalls
from whittle.agent.planner import CallPlanner
from whittle.agent.results import ToolFailed
from whittle.chat.events import MessageFinished, MessageShown
from whittle.chat.store import Message
from whittle.plugins import hookimpl

if TYPE_CHECKING:
    from whittle.core import Whittle
    from whittle.tools import Tool

logger = logging.getLogger(__name__)
REFERRING_FIELDS = ("item", "step", "app")  # arguments that name something that exists (completion hints)
NO_VALID_CALL = "no valid call"  # how the planner's reason starts when every tier's call was refused


class Agent:
    """Installed as `whittle.chat.agent`; also a plugin (its routes: confirm, cancel, undo, complete)."""

    def __init__(self, whittle: Whittle, planner: Any = None):
        self.whittle = whittle
        self.hub = whittle.chat
        self.tools = whittle.tools
        self.commands = Commands(whittle.tools)
        self.pending = PendingCalls(whittle.db)
        self.planner = planner
        self._undo: tuple[int, Callable[[], Any]] | None = None  # the last undoable action: (message id, undo)
        # An Undo is held in memory: after a restart the old buttons would do nothing, so they go.
        whittle.db.execute("UPDATE messages SET route=json_remove(route, '$.undo') "
                           "WHERE source=? AND json_extract(route, '$.undo') IS NOT NULL", (AGENT_SOURCE,))

    @classmethod
    def for_whittle(cls, whittle: Whittle) -> Agent:
        """The agent for a Whittle object: built-in tools registered, the planner if it is available."""
        for tool in builtin_tools(whittle):
            whittle.tools.add(tool)
        agent = cls(whittle, planner=_planner(whittle))
        whittle.plugins.add(agent, "agent")
        return agent

    # -- a user's message ----------------------------------------------------------------------
    async def handle(self, message: Message, app: Any) -> bool:
        """True when the message was a /command or became tool calls (their messages are posted)."""
        text = message.content.strip()
        if is_command(text):
            try:
                plan = self.commands.parse(text)
            except CommandError as error:
                await self._post(escape(str(error)), status="failed")  # it quotes what was typed
                return True
            if not plan.calls:
                await self._post(self.commands.help_text())
                return True
        elif self.planner is not None:
            values = state_values_of(self.whittle, app)
            plan = await self.planner.plan(text, app_name=getattr(app, "name", None), state_values=values)
            if not plan.calls and plan.reason.startswith(NO_VALID_CALL):
                # Even the last tier proposed a call that does not validate: say so rather than let the
                # model answer in words (which could claim it was done). Its words are escaped: the call
                # came from a model, perhaps a remote one.
                text = f"No action taken: no tier proposed a call that passes its checks ({escape(plan.reason)})"
                await self._post(text, tier=plan.tier, status="failed", route={"reason": plan.reason})
                return True
            if not plan.calls:
                return False
        else:
            return False
        await self.carry_out(plan)
        return True

    async def carry_out(self, plan: CallPlan) -> list[Message]:
        """Post each call of the plan: run it, or (destructive) ask first. Returns the posted messages."""
        return [await self._one(call, plan) for call in plan.calls]

    async def _one(self, call: ToolCall, plan: CallPlan) -> Message:
        tier, why = plan.tier, {"reason": plan.reason} if plan.reason else {}
        try:
            tool, params = validate(self.tools, call)
        except CallRefused as error:
            return await self._post(call_text(call.tool, call.args, error=str(error)), tier=tier, status="failed",
                                    route=why)
        if tool.destructive:
            pending = self.pending.add(call, tier)
            message = await self._post(call_text(call.tool, call.args, awaiting=True), tier=tier, status="awaiting",
                                       route={**why, "pending": pending.id})
            self.pending.attach(pending.id, message.id)
            return message
        try:
            result = await run_tool(tool, params)
        except Exception as error:  # noqa: BLE001 - a tool's failure (or bug) is shown on its call, not lost
            return await self._post(call_text(call.tool, call.args, error=_failure(error)), tier=tier,
                                    status="failed", route=why)
        text = call_text(call.tool, call.args, said=result.text, data=result.data)
        if result.undo is None:
            return await self._post(text, tier=tier, route=why)
        await self._drop_undo()
        message = await self._post(text, tier=tier, route={**why, "undo": True})
        self._undo = (message.id, result.undo)
        return message

    async def record(self, outcome: CallOutcome, via: str) -> Message:
        """A call made outside the chat (`whittle do`, `whittle mcp`) shown in it too, so the user sees it later."""
        call, result = outcome.call, outcome.result
        said = f"(via {via}) " + (result.text if result is not None else "")
        if outcome.status == "needs_confirmation":
            said = f"(via {via}) Listed, not run: it needs confirming."
        text = call_text(call.tool, call.args, said=said, data=result.data if result else (), error=outcome.error)
        status = {"done": "done", "needs_confirmation": "declined"}.get(outcome.status, "failed")
        return await self._post(text, tier=outcome.tier, status=status)

    # -- the buttons -------------------------------------------------------------------------------
    async def confirm(self, pending_id: int) -> Message | None:
        """The user pressed Confirm: run the waiting call once, and show its result on the card."""
        pending = self.pending.take(pending_id, "running")
        if pending is None:
            raise AgentError("This call is not waiting any more (it was already confirmed or cancelled).")
        call = pending.call
        try:
            tool, params = validate(self.tools, call)
            result = await run_tool(tool, params)
        except Exception as error:  # noqa: BLE001 - the card must leave "running" whatever happened
            self.pending.finish(pending_id, "failed")
            return await self._update(pending, call_text(call.tool, call.args, error=_failure(error)), "failed")
        self.pending.finish(pending_id, "done")
        text = call_text(call.tool, call.args, said=result.text, data=result.data)
        return await self._update(pending, text, "done")

    async def cancel(self, pending_id: int) -> Message | None:
        pending = self.pending.take(pending_id, "cancelled")
        if pending is None:
            raise AgentError("This call is not waiting any more (it was already confirmed or cancelled).")
        return await self._update(pending, call_text(pending.call.tool, pending.call.args), "declined")

    async def undo(self, message_id: int) -> Message:
        """The user pressed Undo on the last action."""
        if self._undo is None or self._undo[0] != message_id:
            raise AgentError("Only the last action can be undone, and this one is not it (any more).")
        _, undo = self._undo
        self._undo = None
        message = self.hub.store.get(message_id)
        try:
            result = await run_undo(undo)
        except Exception as error:  # noqa: BLE001 - shown on the card, like a failed call
            return await self._restate(message, message.content + f"\n\nUndo failed: {_failure(error)}", "failed")
        return await self._restate(message, message.content + f"\n\nUndone: {result.text}", "undone")

    # -- messages ------------------------------------------------------------------------------------
    async def _post(self, text: str, *, tier: str | None = "command", status: str = "done",
                    route: dict | None = None) -> Message:
        """A visible assistant message from the agent, in every tab (as hub.say, with a status and route)."""
        store = self.hub.store
        message = store.add("assistant", text, visible=True, source=AGENT_SOURCE, model="tools", status=status)
        message = store.finish(message, text, status, route={"tier": tier, **(route or {})})
        self.hub.publish(MessageShown(message))
        self.hub.publish(MessageFinished(message))
        return message

    async def _update(self, pending, text: str, status: str) -> Message | None:
        message = self.hub.store.get(pending.message_id) if pending.message_id else None
        if message is None:  # the card is gone (an old conversation): post the outcome anew
            return await self._post(text, tier=pending.tier, status=status)
        return await self._restate(message, text, status)

    async def _restate(self, message: Message, text: str, status: str) -> Message:
        route = {key: value for key, value in (message.route or {}).items() if key not in ("pending", "undo")}
        updated = self.hub.store.finish(message, text, status, route=route)
        self.hub.publish(MessageFinished(updated))
        return updated

    async def _drop_undo(self) -> None:
        """A newer action replaces the last one: its Undo button goes away in every tab."""
        if self._undo is None:
            return
        message = self.hub.store.get(self._undo[0])
        self._undo = None
        if message is not None:
            await self._restate(message, message.content, message.status)

    def values_for(self, open_app: Any) -> Callable[[Tool, str], list[str]]:
        """For completion hints: app names for /open, the open app's state for its own tools' first argument."""

        def values(tool: Tool, field: str) -> list[str]:
            if field not in REFERRING_FIELDS and tool.name != "profile_switch":
                return []  # a new todo's text or a new profile's name is the user's to type
            if tool.name == "open_app":
                return [app.name for app in self.whittle.apps.values()]
            if open_app is not None and tool.app == open_app.name:
                return state_values_of(self.whittle, open_app)
            return []

        return values

    # -- routes (plugin hook) ------------------------------------------------------------------------
    @hookimpl
    def register_routes(self, register: Callable[..., None]) -> None:
        from whittle.web.agent_routes import agent_routes  # noqa: PLC0415 - the web layer only when serving

        for path, handler, methods in agent_routes(self):
            register(path, handler, methods)


def _failure(error: Exception) -> str:
    """A tool's refusal as it worded it; anything else (a bug) named, and logged with its traceback."""
    if isinstance(error, ToolFailed | CallRefused):
        return str(error)
    logger.error("a tool failed", exc_info=error)
    return f"the tool failed ({type(error).__name__}: {error}); the server log has the details"


def state_values_of(whittle: Whittle, app: Any) -> list[str]:
    """What the user may refer to in the open app: its own state_values(), else what its tools act on."""
    values = list(app.state_values()) if app is not None and hasattr(app, "state_values") else []
    if values or app is None:
        return values
    if hasattr(app, "todos"):  # the Todo list: its items, in order ("the first item")
        return [item.text for item in app.todos.items(app.profile.id)]
    if app.name == "profiles":
        return [profile.name for profile in whittle.profiles.all()]
    workflow = getattr(app, "workflow", None)
    return [step.title for step in workflow.steps] if workflow is not None else []


def values_of_apps(whittle: Whittle) -> Callable[[str], list[str]]:
    """Any app's state values by its name, read when asked (they change between turns): the planner
    gives a pre-selected tool of an app that is not open that app's things ("switch to Work")."""
    return lambda name: state_values_of(whittle, whittle.apps.get(name))


def marked_of_apps(whittle: Whittle) -> Callable[[str], list[str]]:
    """Any app's marked values by its name (the todos done, the active profile), read when asked."""
    return lambda name: list(app.marked_values()) if (app := whittle.apps.get(name)) is not None else []


def _planner(whittle: Whittle) -> CallPlanner:
    """The model-side planner (agent/planner.py); it also offers its tools natively to tiers that call
    tools themselves (agent/native_calls.py)."""
    return CallPlanner(whittle.router, whittle.tools, values_of=values_of_apps(whittle),
                       marked_of=marked_of_apps(whittle))
