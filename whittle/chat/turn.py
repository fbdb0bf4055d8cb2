"""One chat answer's prompt: the expert and the open app's training prompt budgeted first, the
conversation fitted to the window around them, the open app's state and any recalled turns before
the message, and the meter of what it all takes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from whittle.chat.context import EVENT_PREFIX, MIN_TURN_ROOM, PromptExpert, build_prompt
from whittle.chat.meter import ContextMeter, measure
from whittle.chat.recall import Recalled
from whittle.chat.state_answers import state_facts_message
from whittle.chat.store import Message
from whittle.llm.base import Backend, ChatMessage

RecallFunction = Callable[[str, Callable[[dict], int]], Recalled | None]
# The expert for an answer: (the user's newest message, the open app's name) -> the expert, or None.
ExpertFunction = Callable[[str, str | None], PromptExpert | None]


@dataclass
class TurnPrompt:
    messages: list[ChatMessage]
    meter: ContextMeter
    recalled: list[str] = field(default_factory=list)  # titles of the conversations recalled turns came from
    expert: PromptExpert | None = None

    def notes(self) -> dict:
        """What the reply's hover shows about this prompt (stored with the reply's route)."""
        expert = {"name": self.expert.name, "how": self.expert.how, "matched": list(self.expert.matched)} \
            if self.expert else None
        return {"recalled": self.recalled, "context": self.meter.describe(), "expert": expert}


def turn_prompt(system: str, history: Sequence[Message], model: Backend, max_tokens: int,
                state_facts: Sequence[str], recall: RecallFunction | None, *,
                experts: ExpertFunction | None = None, app_name: str | None = None,
                training: str | None = None) -> TurnPrompt:
    """training: the open app's training prompt; experts: the conversation's expert for this message."""
    count = model.count_message_tokens
    budget = model.n_ctx - max_tokens
    extra = state_facts_message(state_facts, count)
    question = next((m.content for m in reversed(history) if m.role == "user"), "")
    expert = experts(question, app_name) if experts else None
    recalled = recall(question, count) if recall and question else None
    first = [{"role": "system", "content": system}, *([expert.message()] if expert else []),
             *([{"role": "system", "content": f"{EVENT_PREFIX}{training}"}] if training else []), *([extra] if extra else [])]
    if recalled is not None and sum(map(count, first)) + count(recalled.message) > budget - MIN_TURN_ROOM:
        recalled = None  # the expert and the app's training prompt come first: recalled turns give way
    if recalled is not None:
        content = "\n\n".join(part["content"] for part in (extra, recalled.message) if part)
        extra = {"role": "system", "content": content}
    messages = build_prompt(system, history, budget_tokens=budget, count_tokens=count, state=extra,
                            expert=expert, training=training)
    meter = measure(messages, history, count, window=model.n_ctx, reply=max_tokens, expert=expert, training=training)
    return TurnPrompt(messages, meter, recalled.titles if recalled else [], expert)
