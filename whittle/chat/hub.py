"""The chat hub: the one conversation, the API apps use to talk into it, and generation.

Apps call `say` (shown verbatim), `prompt` (the model answers in the chat) and
`note` (hidden context only). Every event is broadcast to every open tab.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from whittle.chat.context import build_prompt
from whittle.chat.events import (
    AppUpdate,
    Event,
    GenerationState,
    MessageFinished,
    MessageShown,
    Notice,
    Subscription,
    TextAppended,
    TextReset,
)
from whittle.chat.store import Message, MessageStore
from whittle.config import MAX_MESSAGE_CHARS
from whittle.llm.base import ModelError
from whittle.router.cascade import AttemptStarted, Finished, NoTierAvailable, Piece, Router
from whittle.router.request import LLMRequest, RouteResult

CONVERSATION = "main"  # the one chat; privacy pinning is per conversation


class MessageRejected(ValueError):
    """A user message that will not be sent; str(error) is shown to the user."""


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
        self.router = router
        # The prompt is trimmed for the first tier's window and tokenizer: it answers most turns.
        self.context_model = router.first.backend
        self.system_prompt = system_prompt
        self.max_tokens = max_tokens
        self._subscribers: set[Subscription] = set()
        self._generation_lock = asyncio.Lock()
        self._user_turn_open = False
        self._pending_answers = 0  # counted when scheduled, so a racing message sees it at once
        self._current: asyncio.Task[Message] | None = None

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

    @property
    def generating(self) -> bool:
        return self._current is not None and not self._current.done()

    # -- the API apps use --------------------------------------------------------
    def note(self, text: str, source: str = "app") -> Message:
        """Record hidden context: the model will see it, the UI does not show it."""
        return self.store.add("context", text, visible=False, source=source)

    async def say(self, text: str, source: str = "app") -> Message:
        """Show text verbatim in every tab as an assistant message, and remember it."""
        message = self.store.add("assistant", text, visible=True, source=source)
        self.publish(MessageShown(message))
        self.publish(MessageFinished(message))
        return message

    async def prompt(self, text: str, source: str = "app", *, max_tokens: int | None = None) -> Message:
        """Give the model a hidden instruction; its answer appears in the chat. Waits its turn."""
        self.note(text, source)
        return await asyncio.shield(self._start_answer(max_tokens))

    # -- the user's side ----------------------------------------------------------
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
        if self._user_turn_open or self._pending_answers:
            raise MessageRejected("Still answering the previous message — wait for it to finish or press Stop.")
        return stripped

    async def send_user_message(
        self, text: str, before_answer: Callable[[Message], Awaitable[bool]] | None = None
    ) -> Message | None:
        """Store and show the user's message, then start the answer without waiting for it.

        before_answer lets the open app look at the message first; if it returns True the
        app has answered itself and the model is not asked.
        """
        cleaned = self.check_user_text(text)
        if cleaned is None:
            return None
        self._user_turn_open = True
        try:
            message = self.store.add("user", cleaned, visible=True, source="user")
            self.publish(MessageShown(message))
            if before_answer is None or not await before_answer(message):
                self._start_answer(None)
        finally:
            self._user_turn_open = False
        return message

    async def stop(self) -> bool:
        """Cancel the answer being generated; True if there was one."""
        task = self._current
        if task is None or task.done():
            return False
        task.cancel()
        await asyncio.wait([task])
        return True

    def notify(self, subscription: Subscription | None, text: str, level: str = "warning") -> None:
        notice = Notice(text, level)
        if subscription is None:
            self.publish(notice)
        else:
            subscription.push(notice)

    # -- generation --------------------------------------------------------------
    def _start_answer(self, max_tokens: int | None) -> asyncio.Task[Message]:
        self._pending_answers += 1
        return asyncio.create_task(self._answer(max_tokens or self.max_tokens))

    async def _answer(self, max_tokens: int) -> Message:
        try:
            async with self._generation_lock:
                self._current = asyncio.current_task()  # type: ignore[assignment]
                try:
                    return await self._generate(max_tokens)
                finally:
                    self._current = None
        finally:
            self._pending_answers -= 1

    async def _generate(self, max_tokens: int) -> Message:
        messages = build_prompt(
            self.system_prompt(),
            self.store.history(),
            budget_tokens=self.context_model.n_ctx - max_tokens,
            count_tokens=self.context_model.count_message_tokens,
        )
        first = self.router.first
        reply = self.store.add("assistant", "", visible=True, source="model", model=first.model_name, status="streaming")
        self.publish(MessageShown(reply))
        self.publish(GenerationState(True, first.model_name))
        # No kind: the router classifies each turn; a sum asked in the chat gets reasoning's arithmetic
        # re-check, pasted text with "summarise this" is logged and cached as a summarisation.
        request = LLMRequest(messages, purpose="chat", conversation=CONVERSATION, max_tokens=max_tokens)
        parts: list[str] = []
        status, result, model = "done", None, first.model_name
        try:
            async for event in self.router.stream(request):
                if isinstance(event, AttemptStarted):
                    model = event.model
                    if event.replaces_previous:
                        parts.clear()
                        self.publish(TextReset(reply.id, f"Escalated to {event.tier}"))
                    if event.replaces_previous or event.model != first.model_name:
                        self.publish(GenerationState(True, event.model))
                elif isinstance(event, Piece):
                    parts.append(event.text)
                    self.publish(TextAppended(reply.id, event.text))
                elif isinstance(event, Finished):
                    result = event.result
        except asyncio.CancelledError:
            status = "stopped"  # a Stop press; what was said so far is kept
        except (ModelError, NoTierAvailable) as error:
            status = "error"
            self.publish(Notice(str(error), "error"))
        final = self.store.finish(reply, "".join(parts), status, model=model, route=route_summary(result))
        self.publish(MessageFinished(final))
        self.publish(GenerationState(False, first.model_name))
        return final


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
