"""The Long job app's tools: start it, cancel it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from whittle.agent.results import ToolFailed, ToolResult
from whittle.jobs import JobBusy

if TYPE_CHECKING:
    from whittle.apps.long_job import LongJob


class NoParams(BaseModel):
    pass


def register_long_job_tools(app: LongJob) -> None:
    """Declare the long job's tools on the app's context (called once, from LongJob.__init__)."""

    def start(params: NoParams) -> ToolResult:
        try:
            state = app.start_job()
        except JobBusy as busy:
            raise ToolFailed(str(busy)) from None
        app.ctx.chat.update(app.panel())
        return ToolResult(f"Started the long job ({state.total:g} {state.unit}).")

    async def cancel(params: NoParams) -> ToolResult:
        state = await app.cancel_job()
        if state is None:
            raise ToolFailed("No job is running, so there is nothing to cancel.")
        app.ctx.chat.update(app.panel())
        return ToolResult("Cancelled the long job.")

    app.ctx.register_tool("long_job_start", "Start the long job (a checksum with a progress bar).", NoParams, start)
    app.ctx.register_tool("long_job_cancel", "Cancel the running long job.", NoParams, cancel)
