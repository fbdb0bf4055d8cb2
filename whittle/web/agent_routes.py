"""HTTP routes of the agent: the chat's Confirm / Cancel / Undo buttons and the /command hints.

Registered by the agent itself (runner.Agent is a plugin answering register_routes). The
buttons answer 204: every tab, this one included, gets the updated card through the chat socket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from whittle.agent.execute import AgentError

if TYPE_CHECKING:
    from whittle.agent.runner import Agent

MAX_PREFIX = 200


def agent_routes(agent: Agent) -> list[tuple[str, object, tuple[str, ...]]]:
    async def confirm(request: Request, pending_id: int):
        form = await request.form()
        if form.get("confirm") != "yes":
            return PlainTextResponse("To run this call send confirm=yes (the Confirm button does).", status_code=400)
        try:
            await agent.confirm(pending_id)
        except AgentError as error:
            return PlainTextResponse(str(error), status_code=409)
        return Response(status_code=204)

    async def cancel(pending_id: int):
        try:
            await agent.cancel(pending_id)
        except AgentError as error:
            return PlainTextResponse(str(error), status_code=409)
        return Response(status_code=204)

    async def undo(message_id: int):
        try:
            await agent.undo(message_id)
        except AgentError as error:
            return PlainTextResponse(str(error), status_code=409)
        return Response(status_code=204)

    async def complete(prefix: str = "", app: str = ""):
        open_app = agent.whittle.apps.get(app)
        return JSONResponse({"suggestions": agent.commands.complete(prefix[:MAX_PREFIX],
                                                                    values=agent.values_for(open_app))})

    return [
        ("/agent/confirm/{pending_id:int}", confirm, ("post",)),
        ("/agent/cancel/{pending_id:int}", cancel, ("post",)),
        ("/agent/undo/{message_id:int}", undo, ("post",)),
        ("/agent/complete", complete, ("get",)),
    ]
