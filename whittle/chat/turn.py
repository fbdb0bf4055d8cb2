"""One chat answer's prompt: the conversation fitted to the window, the open app's state and any recalled
turns before the message, and the meter of what it all takes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from whittle.chat.context import build_prompt
from whittle.chat.meter import ContextMeter, measure
from whittle.chat.recall import Recalled
from whittle.chat.state_answers import state_facts_message
from whittle.chat.store import Message
from whittle.llm.base import Backend, ChatMessage

RecallFunction = Callable[[str, Callable[[dict], int]], Recalled | None]


@dataclass
class TurnPrompt:
    messages: list[ChatMessage]
    meter: ContextMeter
    recalled: list[str] = field(default_factory=list)  # titles of the conversations recalled turns came from


def turn_prompt(system: str, history: Sequence[Message], model: Backend, max_tokens: int,
                state_facts: Sequence[str], recall: RecallFunction | None) -> TurnPrompt:
    count = model.count_message_tokens
    extra = state_facts_message(state_facts, count)
    question = next((m.content for m in reversed(history) if m.role == "user"), "")
    recalled = recall(question, count) if recall and question else None
    if recalled is not None:
        content = "\n\n".join(part["content"] for part in (extra, recalled.message) if part)
        extra = {"role": "system", "content": content}
    messages = build_prompt(system, history, budget_tokens=model.n_ctx - max_tokens, count_tokens=count, state=extra)
    meter = measure(messages, history, count, window=model.n_ctx, reply=max_tokens)
    return TurnPrompt(messages, meter, recalled.titles if recalled else [])
