"""Narration: a background job's milestones said in the chat as facts, in order, never stale, never twice.

An app posts a `Milestone` when its job crosses a mark or ends; the narrator says it
verbatim (no model call) as soon as the chat is idle, so the user's own message and its
answer always go first and a narration never holds the model. A milestone's text is
rendered when it is said, from the job's state at that moment, and may decline (render
returns None): the job moved past it or ended meanwhile, so it is dropped rather than
said late. A newer milestone of the same job replaces one not yet said; a mark at or
below one already said is ignored, and a job never says the same text twice (another job
may: running the same job again gives the same figures, and the user asked for them).

A milestone may ask for a flourish: one short line from the local model about what was
just said. It is written only while the chat is idle, on this machine's free model (not
through the router: never escalated or billed), and shown only when complete, still one
plain line that passes the junk checks, and still right after its milestone. The hub
cancels it the moment the user writes, an answer starts or anything else is said.
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Protocol

from whittle.chat.context import build_prompt
from whittle.chat.store import Message
from whittle.llm.base import Backend, ChatMessage, ModelError
from whittle.router.junk import junk_reasons

logger = logging.getLogger(__name__)

FINAL = math.inf  # the rank of a job's end: after every mark
REMEMBERED_JOBS = 16  # jobs whose latest said mark is kept (older ones cannot post any more)
REMEMBERED_TEXTS = 32
FLOURISH_TOKENS = 24
FLOURISH_CHARS = 160
FLOURISH_TEMPERATURE = 0.7  # some variety: the facts are in the milestone line, this is only tone


@dataclass(frozen=True)
class Milestone:
    """One thing to say about a job.

    job: which job (a new job's marks start afresh); rank: its order within the job (the
    percentage mark, FINAL for the end); render: the text to say now, from the job's current
    state, or None when it is no longer true.
    """

    job: Hashable
    rank: float
    render: Callable[[], str | None]
    flourish: str | None = None  # an instruction for one short model line after it, e.g. "Congratulate briefly."


class ChatFloor(Protocol):
    """What the narrator needs of the chat hub (chat/hub.py)."""

    busy: bool
    store: object
    router: object  # its tiers: the flourish uses the first usable one only if it runs on this machine

    async def wait_until_idle(self) -> None: ...

    async def say(self, text: str, source: str = "app", *, model: str | None = None) -> Message: ...

    def interruptible(self, task: asyncio.Task) -> None: ...

    def system_prompt(self) -> str: ...


class Narrator:
    """Says one source's milestones in the chat (see the module docstring). Use it on the event loop."""

    def __init__(self, chat: ChatFloor, source: str):
        self._chat = chat
        self.source = source
        self._pending: OrderedDict[Hashable, Milestone] = OrderedDict()  # one per job, oldest first
        self._said_ranks: OrderedDict[Hashable, float] = OrderedDict()
        self._said_texts: deque[tuple[Hashable, str]] = deque(maxlen=REMEMBERED_TEXTS)
        self._task: asyncio.Task[None] | None = None
        self._flourishes: set[asyncio.Task] = set()

    def post(self, milestone: Milestone) -> None:
        """Queue a milestone; it is said when the chat is idle, unless something newer replaces it first."""
        if milestone.rank <= self._said_ranks.get(milestone.job, -math.inf):
            return  # out of order: a later mark of this job was said already
        waiting = self._pending.get(milestone.job)
        if waiting is not None and waiting.rank > milestone.rank:
            return
        self._pending.pop(milestone.job, None)
        self._pending[milestone.job] = milestone
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._deliver(), name=f"narration:{self.source}")

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def settled(self) -> None:
        """Wait until every posted milestone (and flourish) was said or dropped (tests, shutdown)."""
        while (self._task is not None and not self._task.done()) or self._flourishes:
            await asyncio.wait([task for task in (self._task, *self._flourishes) if task is not None])

    def close(self) -> None:
        """Drop what is not said yet (the app or server is going away)."""
        self._pending.clear()
        for task in (self._task, *self._flourishes):
            if task is not None:
                task.cancel()

    async def _deliver(self) -> None:
        while self._pending:
            await self._chat.wait_until_idle()
            if not self._pending:
                return
            job, milestone = self._pending.popitem(last=False)
            try:
                text = milestone.render()
            except Exception:  # a template's bug costs that message, never the narrator
                logger.exception("narration for %s could not be rendered", self.source)
                continue
            if not text or (job, text) in self._said_texts:
                continue  # stale (the job moved on or ended), or this job said it already
            self._remember(job, milestone.rank, text)
            # No await between the idle check and say's storing the message: nothing can slip between.
            said = await self._chat.say(text, source=self.source)
            if milestone.flourish and not self._pending:
                self._start_flourish(milestone.flourish, said)

    def _start_flourish(self, instruction: str, after: Message) -> None:
        task = asyncio.create_task(self._flourish(instruction, after), name=f"flourish:{self.source}")
        self._flourishes.add(task)
        task.add_done_callback(self._flourishes.discard)
        self._chat.interruptible(task)

    async def _flourish(self, instruction: str, after: Message) -> None:
        model = local_model(self._chat.router.tiers)
        if model is None or self._chat.busy:
            return
        messages = flourish_prompt(self._chat.system_prompt(), self._chat.store.history(), instruction, model)
        try:
            pieces = [piece async for piece in model.stream(messages, max_tokens=FLOURISH_TOKENS, temperature=FLOURISH_TEMPERATURE)]
        except ModelError:
            logger.warning("a narration flourish failed; the milestone alone stands", exc_info=True)
            return
        line = one_line("".join(pieces), messages, after.content)
        latest = self._chat.store.visible(limit=1)
        # Still idle and still right after its milestone (anything said since would have cancelled it).
        if line and not self._chat.busy and latest and latest[-1].id == after.id:
            await self._chat.say(line, source="model", model=model.name)

    def _remember(self, job: Hashable, rank: float, text: str) -> None:
        self._said_ranks.pop(job, None)
        self._said_ranks[job] = rank
        while len(self._said_ranks) > REMEMBERED_JOBS:
            self._said_ranks.popitem(last=False)
        self._said_texts.append((job, text))


def local_model(tiers) -> Backend | None:
    """The first usable tier's model if it is free and on this machine: a flourish sends the chat nowhere."""
    tier = next((tier for tier in tiers if tier.backend is not None), None)
    return tier.backend if tier is not None and tier.trust == "local" and tier.is_free else None


def flourish_prompt(system: str, history, instruction: str, model: Backend) -> list[ChatMessage]:
    """The chat's own prompt (the model's cache already holds most of it) and the instruction last."""
    ask: ChatMessage = {"role": "user", "content": instruction}
    budget = model.n_ctx - FLOURISH_TOKENS - model.count_message_tokens(ask)
    return [*build_prompt(system, history, budget_tokens=budget, count_tokens=model.count_message_tokens), ask]


def one_line(text: str, messages: list[ChatMessage], said: str) -> str | None:
    """The flourish's first line if it adds tone and nothing else; None for anything else.

    Dropped: no sentence, too long, junk by the chat's checks, any figure (the facts are in
    the milestone line, so a number here is a stale or invented one: SmolLM2 restates the
    previous job's numbers), or mostly words of the instruction or of the milestone (parroting).
    """
    line = text.strip().splitlines()[0].strip() if text.strip() else ""
    words = _words(line)
    if len(words) < 2 or len(line) > FLOURISH_CHARS or any(char.isdigit() for char in line):
        return None
    for source in (messages[-1]["content"], said):
        if len(words & _words(source)) >= len(words) / 2:
            return None
    return None if junk_reasons(messages, line) else line


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))
