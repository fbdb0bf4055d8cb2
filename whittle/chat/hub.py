"""The chat hub: the one conversation, the API apps use to talk into it, and generation.

Apps call `say` (shown verbatim), `prompt` (the model answers in the chat) and
`note` (hidden context only). A tab's messages arrive through `user_message`. Every
event is broadcast to every open tab; a reply's progress is the router's own events,
tagged with the reply's message id (chat/events.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from whittle.chat.branches import Branches, can_answer_again
from whittle.chat.events import (
    AppUpdate,
    ContextMeasured,
    Event,
    GenerationState,
    MessageFinished,
    MessageShown,
    Notice,
    ReplyEvent,
    Subscription,
)
from whittle.chat.state_answers import answer_what_i_did, app_state_facts
from whittle.chat.store import Message, MessageStore
from whittle.chat.turn import ExpertFunction, RecallFunction, turn_prompt
from whittle.config import MAX_MESSAGE_CHARS
from whittle.llm.base import Backend, ModelError
from whittle.router.cascade import (
    AttemptStarted,
    Finished,
    NoTierAvailable,
    Piece,
    Router,
)
from whittle.router.plan import UnknownTier
from whittle.router.request import LLMRequest, RouteResult
from whittle.user_text import refuse_control_characters

CONVERSATION = "main"  # the first conversation's privacy scope (its name from before there were several)
# Messages a user may line up behind a running answer; more is a sign of a stuck model, not a plan.
MAX_QUEUED = 5

logger = logging.getLogger(__name__)


class MessageRejected(ValueError):
    """A user message that will not be sent; str(error) is shown to the user."""


class TurnHandler(Protocol):
    """Something that may handle a user's turn before the model answers it (the agent: tools, /commands)."""

    async def handle(self, message: Message, app: ListeningApp | None) -> bool: ...


class ListeningApp(Protocol):
    """The open app, which sees a user's message before the model does."""

    name: str

    async def on_user_message(self, message: Message) -> bool: ...


@dataclass(frozen=True)
class QueuedMessage:
    message: Message
    app: ListeningApp | None


class ChatHub:
    def __init__(
        self,
        store: MessageStore,
        router: Router,
        system_prompt: Callable[[], str],
        *,
        max_tokens: int = 512,
    ):
        self.store = store
        self.branches = Branches(store, self.publish, lambda: self.busy)  # earlier versions (edits, regenerations)
        self.router = router
        self.system_prompt = system_prompt
        self.max_tokens = max_tokens
        self._subscribers: set[Subscription] = set()
        self._generation_lock = asyncio.Lock()
        self._user_turn_open = False
        self._pending_answers = 0  # counted when scheduled, so a racing message sees it at once
        self._current: asyncio.Task[Message] | None = None
        self._queue: deque[QueuedMessage] = deque()  # user messages waiting for the answer before them
        self._turns: set[asyncio.Task] = set()  # queued messages being delivered (kept from the GC)
        self._settled = asyncio.Event()  # set, then replaced, each time a turn or an answer ends
        self._interruptible: set[asyncio.Task] = set()  # yields to anything else: the user goes first
        self.agent: TurnHandler | None = None  # set by the Whittle object once the apps' tools exist
        self.pinned_tier: Callable[[], str | None] = lambda: None  # the conversation's chosen tier; None: the router
        self._next_tier: str | None = None
        self.recall: RecallFunction | None = None  # earlier conversations' turns for a new message (chat/recall.py)
        self.experts: ExpertFunction | None = None  # the conversation's expert for each answer (experts/choice.py)
        self._turn_notes: dict = {}  # a one-off choice for the next answer (regenerate with another tier)
        self.on_user_text: list[Callable[[str], None]] = []  # each told every message the user sends (memory)
        self.state_app: ListeningApp | None = None  # the app of the latest turn: the model reads its state_facts

    # -- listeners -------------------------------------------------------------
    def subscribe(self) -> Subscription:
        subscription = Subscription()
        self._subscribers.add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        self._subscribers.discard(subscription)

    def publish(self, event: Event) -> None:
        for subscription in list(self._subscribers):
            subscription.push(event)

    def update_app(self, component) -> None:
        """Replace an element (by its id) in every open tab."""
        self.publish(AppUpdate(component))

    def notify(
        self, subscription: Subscription | None, text: str | None, level: str = "warning", *, restore_input: bool = False
    ) -> None:
        """A notice for one tab (or every tab when subscription is None); None clears it."""
        notice = Notice(text, level, restore_input)
        if subscription is None:
            self.publish(notice)
        else:
            subscription.push(notice)

    @property
    def generating(self) -> bool:
        return self._current is not None and not self._current.done()

    @property
    def context_model(self) -> Backend:
        """The prompt is trimmed for the first usable tier's window and tokenizer: it answers most turns."""
        for tier in self.router.tiers:
            if tier.backend is not None:
                return tier.backend
        raise NoTierAvailable("No model tier is usable. Check `whittle models` and whittle.toml.")

    # -- the API apps use --------------------------------------------------------
    def note(self, text: str, source: str = "app") -> Message:
        """Record hidden context: the model will see it, the UI does not show it."""
        return self.store.add("context", text, visible=False, source=source)

    async def say(self, text: str, source: str = "app", *, model: str | None = None) -> Message:
        """Show text verbatim in every tab as an assistant message, and remember it."""
        self._interrupt()  # a narration flourish still being written is about what came before this
        message = self.store.add("assistant", text, visible=True, source=source, model=model)
        self.publish(MessageShown(message))
        self.publish(MessageFinished(message))
        return message

    async def prompt(self, text: str, source: str = "app", *, max_tokens: int | None = None) -> Message:
        """Give the model a hidden instruction; its answer appears in the chat. Waits its turn."""
        self.note(text, source)
        return await asyncio.shield(self._start_answer(max_tokens))

    # -- the user's side ----------------------------------------------------------
    @property
    def busy(self) -> bool:
        """An answer is running or waiting, or the user's last message is still being handled."""
        return self._user_turn_open or self._pending_answers > 0 or bool(self._queue)

    async def wait_until_idle(self) -> None:
        """Return once nothing is running or waiting: narration goes after the user's turns, never before."""
        while self.busy:
            try:  # the timeout is a safety net: every way of becoming idle also sets the event
                await asyncio.wait_for(self._settled.wait(), 1.0)
            except TimeoutError:
                pass

    def _signal_settled(self) -> None:
        self._settled.set()
        self._settled = asyncio.Event()  # waiters hold the old one, already set

    def interruptible(self, task: asyncio.Task) -> None:
        """Cancel `task` as soon as the user writes, an answer starts or anything is said (a narration flourish)."""
        self._interruptible.add(task)
        task.add_done_callback(self._interruptible.discard)

    def _interrupt(self) -> None:
        for task in list(self._interruptible):
            if task is not asyncio.current_task():  # a flourish saying its own line
                task.cancel()

    def check_user_text(self, text: str) -> str | None:
        """Return the text to send, None to ignore it, or raise MessageRejected with the reason."""
        stripped = text.strip()
        if not stripped:
            return None
        if len(text) > MAX_MESSAGE_CHARS:
            raise MessageRejected(
                f"Your message is {len(text):,} characters; the limit is {MAX_MESSAGE_CHARS:,}. "
                "Shorten it or split it into several messages."
            )
        refuse_control_characters(text, what="Your message", error=MessageRejected)
        if self.busy and len(self._queue) >= MAX_QUEUED:
            raise MessageRejected(
                f"Still answering, and {len(self._queue)} messages are already waiting — "
                "wait for them, cancel one, or press Stop."
            )
        return stripped

    async def user_message(
        self, text: str, app: ListeningApp | None = None, listener: Subscription | None = None
    ) -> Message | None:
        """A message typed in a tab: answered now, queued behind the running answer, or refused.

        A refusal goes to that tab only, as a notice that puts the words back in its input.
        """
        try:
            return await self.send_user_message(text, app, listener)
        except MessageRejected as rejection:
            self.notify(listener, str(rejection), restore_input=True)
            return None

    async def send_user_message(
        self, text: str, app: ListeningApp | None = None, listener: Subscription | None = None,
        *, version_of: int | None = None,
    ) -> Message | None:
        """Store and show the user's message, then start the answer without waiting for it.

        While an answer runs the message is queued (shown as pending; `cancel_queued` takes it
        back) and handled when that answer ends. The open app sees the message first: if its
        on_user_message returns True the app has answered itself and the model is not asked.
        version_of: the message is an edit of that one (answer_again). Raises MessageRejected
        for a message that will not be sent.
        """
        self._interrupt()
        cleaned = self.check_user_text(text)
        if cleaned is None:
            return None
        for observe in self.on_user_text:
            try:
                observe(cleaned)
            except Exception:  # a listener's bug must not cost the user their message
                logger.exception("an observer of user messages failed")
        if self.busy:
            return self._enqueue(cleaned, app, listener)
        self._user_turn_open = True
        message = self.store.add("user", cleaned, visible=True, source="user", version_of=version_of)
        self.publish(MessageShown(message))
        await self._take_turn(message, app)
        return message

    def cancel_queued(self, message_id: int) -> Message | None:
        """Take back a queued (or, after a restart, unsent) message; the withdrawn message, or None."""
        queued = next((item for item in self._queue if item.message.id == message_id), None)
        if queued is not None:
            self._queue.remove(queued)
            message = queued.message
        else:
            message = self.store.get(message_id)
            if message is None or message.role != "user" or message.status != "unsent":
                return None
        withdrawn = self.store.set_status(message, "cancelled", visible=False)
        self.publish(MessageFinished(withdrawn))
        if not self._queue:
            self.publish(Notice(None))  # the "queued" notice's cause is gone
            self._signal_settled()
        return withdrawn

    async def answer_again(self, message_id: int, text: str | None = None, *, tier: str | None = None,
                           app: ListeningApp | None = None) -> Message | None:
        """Regenerate a reply (text None), or resubmit a user message edited to `text`: a new branch.

        The message and everything shown after it are kept, hidden, as its version's branch
        (chat/branches.py: the model no longer sees them; the version switcher shows them again);
        the new answer may come from one chosen tier. Raises MessageRejected while an answer runs,
        or for a message that cannot be answered again.
        """
        if self.busy:
            raise MessageRejected("Still answering — wait for the answer or press Stop, then try again.")
        editing = text is not None
        original = self.store.get_current(message_id)
        if original is None or not can_answer_again(original, "user" if editing else "assistant"):
            raise MessageRejected(f"That message cannot be {'edited' if editing else 'regenerated'}: it is not a "
                                  f"finished {'message of yours' if editing else 'answer'} in this conversation.")
        cleaned = self.check_user_text(text) if editing else None
        if editing and cleaned is None:
            raise MessageRejected("The edited message is empty; type something or press Cancel.")
        first_version = self.branches.first_version(original)
        self.branches.retire(original)
        self._next_tier = tier
        if cleaned is not None:
            return await self.send_user_message(cleaned, app, version_of=first_version)
        answer = self._start_answer(None, version_of=first_version)
        self._turns.add(answer)
        answer.add_done_callback(self._turns.discard)
        answer.add_done_callback(lambda regeneration: self.branches.keep_shown(regeneration, original))
        return None

    async def stop(self) -> bool:
        """Cancel the answer being generated; True if there was one. Queued messages go next."""
        task = self._current
        if task is None or task.done():
            return False
        task.cancel()
        await asyncio.wait([task])
        return True

    def _enqueue(self, text: str, app: ListeningApp | None, listener: Subscription | None) -> Message:
        message = self.store.add("user", text, visible=True, source="user", status="queued")
        self._queue.append(QueuedMessage(message, app))
        self.publish(MessageShown(message))
        self.notify(listener, "Still answering — your message is queued and goes next. Cancel takes it back.", "info")
        return message

    async def _take_turn(self, message: Message, app: ListeningApp | None) -> None:
        """The user's message has its turn (the caller set _user_turn_open): the app, then the model."""
        answered = False
        self.state_app = app
        try:
            if app is not None:
                try:
                    answered = bool(await app.on_user_message(message))
                except Exception as error:  # an app's bug must not cost the user their answer or the socket
                    logger.exception("app %r failed on a chat message", app.name)
                    self.publish(Notice(
                        f"The {app.name} app failed on your message ({type(error).__name__}: {error}); "
                        "the assistant answers it instead.",
                        "error",
                    ))
            if not answered:  # "what did I just do?": answered from the app events, exactly (chat/state_answers.py)
                answered = await answer_what_i_did(message, self.store.history, self.say)
            if not answered and self.agent is not None:
                try:
                    answered = bool(await self.agent.handle(message, app))
                except Exception as error:  # a failed tool call must not cost the user their answer
                    logger.exception("the agent failed on a chat message")
                    self.publish(Notice(
                        f"The assistant's tools failed on your message ({type(error).__name__}: {error}); "
                        "it answers in words instead.",
                        "error",
                    ))
            if not answered:
                self._start_answer(None)
        finally:
            self._user_turn_open = False
        self._deliver_next()

    def _deliver_next(self) -> None:
        """When nothing else is running, the oldest queued message gets its turn."""
        if not self._queue or self._user_turn_open or self._pending_answers:
            self._signal_settled()  # perhaps idle now: waiting narration checks
            return
        queued = self._queue.popleft()
        self._user_turn_open = True
        # A new row at the end, so the conversation's order is the order things were said.
        message = self.store.add("user", queued.message.content, visible=True, source="user")
        self.publish(MessageFinished(self.store.remove(queued.message)))
        self.publish(MessageShown(message))
        task = asyncio.create_task(self._take_turn(message, queued.app))
        self._turns.add(task)
        task.add_done_callback(self._turns.discard)

    # -- generation --------------------------------------------------------------
    def _start_answer(self, max_tokens: int | None, version_of: int | None = None) -> asyncio.Task[Message]:
        """version_of: the reply is a new version of that answer (a regeneration, chat/branches.py)."""
        self._interrupt()
        self._pending_answers += 1
        return asyncio.create_task(self._answer(max_tokens or self.max_tokens, version_of))

    async def _answer(self, max_tokens: int, version_of: int | None = None) -> Message:
        try:
            async with self._generation_lock:
                self._current = asyncio.current_task()  # type: ignore[assignment]
                try:
                    return await self._generate(max_tokens, version_of)
                finally:
                    self._current = None
        finally:
            self._pending_answers -= 1
            self._deliver_next()

    def _expert_tier(self, expert) -> str | None:
        """The expert's preferred tier if it is configured and usable; otherwise the router decides."""
        wanted = getattr(expert, "preferred_tier", None)
        usable = {tier.name for tier in self.router.tiers if tier.backend is not None}
        return wanted if wanted in usable else None

    async def _generate(self, max_tokens: int, version_of: int | None = None) -> Message:
        first = self.router.first
        reply = self.store.add("assistant", "", visible=True, source="model", model=first.model_name, status="streaming",
                               version_of=version_of)
        self.publish(MessageShown(reply))
        self.publish(GenerationState(True, first.model_name))
        parts: list[str] = []
        status, result, model = "error", None, first.model_name
        try:
            prompt = turn_prompt(self.system_prompt(), self.store.history(), self.context_model, max_tokens,
                                 app_state_facts(self.state_app), self.recall, experts=self.experts,
                                 app_name=getattr(self.state_app, "name", None),
                                 training=getattr(self.state_app, "training_prompt", None))
            messages, self._turn_notes = prompt.messages, prompt.notes()
            self.publish(ContextMeasured(prompt.meter))
            # No kind: the router classifies each turn; a sum asked in the chat gets reasoning's arithmetic
            # re-check, pasted text with "summarise this" is logged and cached as a summarisation.
            request = LLMRequest(messages, purpose="chat", conversation=privacy_scope(self.store.conversation()),
                                 max_tokens=max_tokens,
                                 tier=self._next_tier or self.pinned_tier() or self._expert_tier(prompt.expert))
            self._next_tier = None
            async for event in self.router.stream(request):
                if isinstance(event, AttemptStarted):
                    model = event.model
                    if event.replaces_previous:
                        parts.clear()
                        self.store.clear(reply)
                elif isinstance(event, Piece):
                    parts.append(event.text)
                    self.store.append(reply, event.text)  # saved before it is shown: a crash keeps it
                elif isinstance(event, Finished):
                    result = event.result
                self.publish(ReplyEvent(reply.id, event))
            status = "done"
        except asyncio.CancelledError:
            status = "stopped"  # a Stop press; what was said so far is kept
        except (ModelError, NoTierAvailable, UnknownTier) as error:
            self.publish(Notice(str(error), "error"))
        except Exception as error:  # a bug anywhere below must not leave the reply streaming and the UI stuck
            logger.exception("the chat answer failed")
            self.publish(Notice(
                f"The answer failed ({type(error).__name__}: {error}). Try again; the server log has the details.",
                "error",
            ))
        finally:
            final = self._finish(reply, "".join(parts), status, model, result)
            self.publish(MessageFinished(final))
            self.publish(GenerationState(False, first.model_name))
        return final

    def _finish(self, reply: Message, text: str, status: str, model: str, result: RouteResult | None) -> Message:
        # A reply stopped before its first word leaves no empty bubble behind.
        visible = bool(text) or status == "error"
        try:
            route = route_summary(result)
            if route is not None:
                route |= self._turn_notes  # what this answer's prompt held: for the reply's hover
            return self.store.finish(reply, text, status, model=model, route=route, visible=visible)
        except Exception as error:  # the tabs must still leave the streaming state (the text was saved as it came)
            logger.exception("could not save the finished reply")
            self.publish(Notice(f"The answer could not be saved ({type(error).__name__}: {error}).", "error"))
            return Message(reply.id, reply.role, text, visible, reply.source, model, "error")


def privacy_scope(conversation_id: int) -> str:
    """Privacy pinning is per conversation: once sensitive, always restricted (router/plan.py)."""
    return CONVERSATION if conversation_id == 1 else f"conversation-{conversation_id}"


def route_summary(result: RouteResult | None) -> dict | None:
    """What the chat shows under a reply: tier, cost, what was saved, and why."""
    if result is None:
        return None
    return {
        "tier": result.tier,
        "model": result.model,
        "cost_usd": round(result.cost_usd, 6),
        "saved_usd": round(max(result.counterfactual_usd - result.cost_usd, 0), 6),
        "reason": result.reason,
        "call_id": result.call_id,
        "privacy": result.privacy,
    }
