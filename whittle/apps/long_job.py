"""Long job: real work that outlives the browser tab, with a live progress bar and milestones in the chat.

The job generates deterministic pseudo-random data (SHAKE-256 of a seed and the
chunk number, one MiB per chunk) and computes its SHA-256, chunk by chunk in a
worker thread so the page stays responsive. It runs as a server-side task: close
the tab and it carries on; reopen the app and the bar picks up where it is.

Size: the environment variable `WHITTLE_LONG_JOB_MB` (whole MiB; default 1536, about
10–13 s on 2 cores; the browser tests start their server
with 600). Read when the app is created; a bad value names the fix.

Wiring: while a job runs, `#long-job-panel` listens to the app's `/events` route (htmx
SSE extension): `progress` events refill `#long-job-progress`; a `panel` event
replaces the whole panel, which closes that stream: with the idle form (Start
unlocked, no SSE) when the job ends, or with a fresh running panel every few seconds
(see SSE_MAX_STREAM). Start and Cancel answer with out-of-band swaps of the panel and
of `#long-job-message` (outside the panel). htmx drops an answer to a button that a
swap has removed meanwhile, so Cancel's outcome also goes to every tab through the chat
socket: whichever of the answer, the socket and the stream's last event lands first,
nothing is lost.

Chat: milestones (25, 50, 75%) and the job's end are said verbatim from the job's own
numbers through a Narrator (chat/narration.py): after the user's own turns, a milestone
the job has moved past is dropped, and the end always gets one message. No model call.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from functools import partial

from fasthtml.common import H2, Article, Button, Div, P, Progress, Small, Strong, to_xml
from starlette.responses import JSONResponse, StreamingResponse

from whittle.apps.base import WhittleApp
from whittle.apps.long_job_tools import register_long_job_tools
from whittle.chat.narration import FINAL, Milestone
from whittle.config import whole_number_from_env
from whittle.jobs import JobBusy, JobContext, JobState, sse_event
from whittle.plugins import hookimpl

logger = logging.getLogger("whittle.apps.long_job")

APP = "long-job"
SIZE_ENV = "WHITTLE_LONG_JOB_MB"
DEFAULT_MB = 1536
MAX_MB = 1_000_000
CHUNK_BYTES = 1 << 20
SEED = b"whittle long job"
SSE_MIN_INTERVAL = 0.1  # at most ~10 updates a second per tab; slow tabs skip to the latest state
SSE_IDLE_RESEND = 5.0  # resend progress when nothing changed, so elapsed time moves and dead tabs are noticed
# uvicorn waits for open responses before it exits, so a stream lasting as long as the job would
# hold up Ctrl+C for the rest of the job: after a few seconds a stream hands the tab a fresh panel,
# whose own sse-connect opens the next stream (htmx closes the old one; no error, no reconnect delay).
SSE_MAX_STREAM = 5.0
DONE_FLOURISH = (
    "React to the news you just gave (the long job finished) in one short, friendly sentence. "
    "Give no numbers."
)


class LongJobSettingError(ValueError):
    pass


def size_from_env() -> int:
    size = whole_number_from_env(
        SIZE_ENV,
        what="a size in MiB",
        fix=f"set it to a whole number from 1 to {MAX_MB} (e.g. {SIZE_ENV}=200), or unset it for the default of {DEFAULT_MB}.",
        high=MAX_MB,
        error=LongJobSettingError,
    )
    return DEFAULT_MB if size is None else size


# -- the work ------------------------------------------------------------------
def chunk_data(index: int) -> bytes:
    """Chunk `index` of the job's data: the same bytes on every machine and every run."""
    return hashlib.shake_256(SEED + index.to_bytes(8, "big")).digest(CHUNK_BYTES)


def _hash_chunk(hasher: hashlib._Hash, index: int) -> None:
    hasher.update(chunk_data(index))


def hashing_work(size_mb: int):
    """The job: SHA-256 of `size_mb` generated chunks; one thread hop per chunk keeps Cancel prompt."""

    async def work(context: JobContext) -> dict:
        hasher = hashlib.sha256()
        for index in range(size_mb):
            await asyncio.to_thread(_hash_chunk, hasher, index)
            context.progress(index + 1)
        return {"sha256": hasher.hexdigest(), "megabytes": size_mb}

    return work


# -- the app -------------------------------------------------------------------
class LongJob(WhittleApp):
    name = APP
    title = "Long job"
    menu_order = 50
    # Facts only: the app says its own progress in the chat, so the model is not asked to narrate
    # (it used to parrot this text back, and each narration held the model for the user's question).
    training_prompt = (
        "The Long job app computes a SHA-256 checksum of generated data on this machine, with a progress bar. "
        "It keeps running on the server if the tab is closed; Cancel stops it. Its progress lines in the chat "
        "come from the app."
    )

    # One short model line after "Long job is done" while the chat is idle. Off: measured with the
    # bundled SmolLM2 on 2 busy cores, it took 30-45 s and restated stale figures or the
    # instruction in 10 of 10 tries (all dropped by narration.one_line); worth it with a better model.
    flourish_at_end = False

    def __init__(self, ctx):
        super().__init__(ctx)
        self.size_mb = size_from_env()
        self.runner = ctx.jobs.watch(on_milestone=self._milestones, on_end=self._ended)
        self.narrator = ctx.chat.narrator()
        register_long_job_tools(self)  # what the assistant may do here (apps/long_job_tools.py)

    # -- actions (also usable from Python) -----------------------------------------
    def start_job(self) -> JobState:
        """Start hashing; raises JobBusy if a job is already running."""
        state = self.runner.start(hashing_work(self.size_mb), total=self.size_mb, unit="MB", label="long job")
        self.ctx.chat.note(f"The user started the long job: SHA-256 of {self.size_mb} MB of generated data.")
        return state

    async def cancel_job(self) -> JobState | None:
        return await self.runner.cancel()

    # -- chat ----------------------------------------------------------------------
    def state_facts(self) -> list[str]:
        state = self.runner.state()
        if state is None:
            return ["Long job: no job has run yet."]
        if state.running:
            return [f"Long job: running, {state.percent}% done; {_facts(state)}."]
        return [f"Long job: the last job {_ending(state)}"]

    def _milestones(self, state: JobState, marks: list[int]) -> None:
        for mark in marks:
            if mark < 100:  # 100 comes with the job's end, which has the result: one message for both
                self.narrator.post(Milestone(state.id, mark, partial(self._progress_text, state.id, mark)))

    def _progress_text(self, job_id: int, mark: int) -> str | None:
        """The milestone said from the job's state now; None when it no longer holds (moved on, ended)."""
        state = self.runner.state()
        if state is None or state.id != job_id or not state.running or max(state.milestones, default=0) > mark:
            return None
        return f"Long job: {state.percent}% done — {_facts(state)}."

    def _ended(self, state: JobState) -> None:
        flourish = DONE_FLOURISH if state.status == "done" and self.flourish_at_end else None
        self.narrator.post(Milestone(state.id, FINAL, lambda: f"Long job {_ending(state)}", flourish))

    async def narrations_finished(self) -> None:
        """Wait until milestones already posted are said or dropped (tests, shutdown)."""
        await self.narrator.settled()

    # -- UI ------------------------------------------------------------------------
    def render(self):
        return Div(
            Article(
                H2("Long job"),
                P(
                    f"Generates {self.size_mb:,} MB of data and computes its SHA-256 checksum, on this machine. "
                    "The job runs on the server: close the tab and it keeps going; come back to see where it is. "
                    "The chat reports it at 25, 50 and 75% and when it ends."
                ),
            ),
            self.panel(),
            job_message(None),
        )

    def panel(self, oob: bool = False):
        return job_panel(self.ctx.url(), self.runner.state(), oob=oob)

    def _answer(self, message: str | None = None):
        return self.panel(oob=True), job_message(message, oob=True)

    def routes(self):
        return [
            ("/start", self.start, ["post"]),
            ("/cancel", self.cancel, ["post"]),
            ("/events", self.events, ["get"]),
            ("/status", self.status, ["get"]),
        ]

    async def start(self):
        try:
            self.start_job()
        except JobBusy as busy:
            return self._answer(str(busy))
        self.ctx.chat.update(self.panel())  # other open tabs lock their Start button too
        return self._answer()

    async def cancel(self):
        began = time.perf_counter()
        state = await self.cancel_job()
        if state is None:
            return self._answer("No job is running, so there is nothing to cancel.")
        latency_ms = (time.perf_counter() - began) * 1000
        logger.info("long job %s cancelled in %.1f ms", state.id, latency_ms)
        message = f"Cancelled in {latency_ms:.0f} ms."
        # Also through the chat socket: the stream's last panel event can replace the Cancel
        # button before this answer arrives, and htmx drops answers to a button no longer on
        # the page; every tab (this one included) gets the unlocked panel and the message.
        self.ctx.chat.update(self.panel())
        self.ctx.chat.update(job_message(message))
        return self._answer(message)

    async def events(self):
        return StreamingResponse(
            self._event_stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    async def _event_stream(self):
        updates = self.runner.updates(
            min_interval=SSE_MIN_INTERVAL, resend_after=SSE_IDLE_RESEND, max_seconds=SSE_MAX_STREAM
        )
        async for state in updates:
            yield sse_event("progress", to_xml(progress_view(state)))
        yield sse_event("panel", to_xml(self.panel()))  # idle: unlocks Start; still running: the next stream

    async def status(self):
        state = self.runner.state()
        if state is None:
            return JSONResponse({"status": "none"})
        return JSONResponse(
            {
                "id": state.id,
                "status": state.status,
                "percent": state.percent,
                "done": state.done,
                "total": state.total,
                "unit": state.unit,
                "elapsed": round(state.elapsed(), 3),
                "eta": None if state.eta() is None else round(state.eta(), 3),
                "milestones": list(state.milestones),
                "result": state.result,
                "error": state.error,
            }
        )


# -- components ----------------------------------------------------------------
def job_panel(base: str, state: JobState | None, oob: bool = False):
    running = state is not None and state.running
    # Only a running job keeps a stream open; its `panel` event replaces this whole panel.
    live = {"hx_ext": "sse", "sse_connect": f"{base}/events", "sse_swap": "panel", "hx_swap": "outerHTML"} if running else {}
    return Article(
        Div(
            progress_view(state),
            id="long-job-progress",
            sse_swap="progress" if running else None,
            hx_swap="innerHTML" if running else None,
        ),
        job_controls(base, running),
        id="long-job-panel",
        hx_swap_oob="true" if oob else None,
        data_status=state.status if state else "none",
        **live,
    )


def job_message(text: str | None, oob: bool = False):
    return Div(
        Small(text) if text else None,
        id="long-job-message",
        role="alert" if text else None,
        hx_swap_oob="true" if oob else None,
    )


def job_controls(base: str, running: bool):
    # hx-swap none: the answers are out-of-band swaps of the panel and the message.
    return Div(
        Button(
            "Running…" if running else "Start job",
            id="long-job-start",
            hx_post=f"{base}/start",
            hx_disabled_elt="this",
            disabled=running,
            aria_busy="true" if running else None,
            hx_swap="none",
        ),
        Button(
            "Cancel", id="long-job-cancel", cls="secondary", hx_post=f"{base}/cancel", hx_swap="none", disabled=not running
        ),
        id="long-job-controls",
        cls="grid",
    )


def progress_view(state: JobState | None):
    if state is None:
        return Progress(value="0", max="100", id="long-job-bar"), P("No job has run yet.", id="long-job-status")
    return (
        Progress(value=f"{state.done:g}", max=f"{state.total:g}", id="long-job-bar", aria_label="Long job progress"),
        P(
            Strong(f"{state.percent}%"),
            f" · {state.done:,.0f} of {state.total:,.0f} {state.unit} · {_duration(state.elapsed())} elapsed",
            f" · about {_duration(state.eta())} left" if state.eta() is not None else "",
            id="long-job-stats",
        ),
        P(_status_sentence(state), id="long-job-status"),
    )


def _status_sentence(state: JobState) -> str:
    match state.status:
        case "running":
            return "Running on the server — you can close this tab and come back."
        case "done":
            digest = (state.result or {}).get("sha256", "?")
            return f"Done in {_duration(state.elapsed())}. SHA-256: {digest}"
        case "cancelled":
            return f"Cancelled at {state.percent}% after {_duration(state.elapsed())}. Start again to rerun it from the beginning."
        case "failed":
            return f"Failed: {state.error}. Start it again; if it fails again, the server log has the details."
        case "interrupted":
            return f"Interrupted at {state.percent}%: the server stopped while it ran. Start it again to rerun it."
    return state.status


def _facts(state: JobState) -> str:
    facts = f"{state.done:,.0f} of {state.total:,.0f} {state.unit} hashed in {_duration(state.elapsed())}"
    if state.eta() is not None:
        facts += f", about {_duration(state.eta())} left"
    if state.status == "done" and state.result:
        facts += f"; SHA-256 {state.result['sha256'][:16]}…"
    return facts


def _ending(state: JobState) -> str:
    """How a job ended, as the rest of a sentence after "Long job "."""
    match state.status:
        case "done":
            digest = (state.result or {}).get("sha256", "?")
            return f"is done: {state.total:,.0f} {state.unit} hashed in {_duration(state.elapsed())}. SHA-256 {digest[:16]}…"
        case "cancelled":
            return (f"was cancelled at {state.percent}%: {state.done:,.0f} of {state.total:,.0f} {state.unit} "
                    f"hashed in {_duration(state.elapsed())}.")
        case "failed":
            return f"failed at {state.percent}%: {state.error}. Start it again; the server log has the details."
    return f"was interrupted at {state.percent}% when the server stopped."


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


@hookimpl
def register_apps(register):
    register(LongJob)
