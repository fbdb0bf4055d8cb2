"""Build the message list sent to the model, trimmed to its context window by tokens.

The system prompt is always kept; then the newest turns, as many as fit. Hidden
context ('context' role) becomes a system message so the model hears what the
user did in the app without the UI showing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from whittle.chat.store import Message
from whittle.llm.base import ChatMessage

TRIM_MARKER = "[…earlier part trimmed to fit the model's context window]\n"


def as_chat_message(message: Message) -> ChatMessage:
    if message.role == "context":
        return {"role": "system", "content": f"[App event] {message.content}"}
    return {"role": message.role, "content": message.content}


def build_prompt(
    system_prompt: str,
    history: Sequence[Message],
    *,
    budget_tokens: int,
    count_tokens: Callable[[ChatMessage], int],
) -> list[ChatMessage]:
    """Return [system, ...newest messages that fit in budget_tokens], oldest first.

    budget_tokens is what the prompt may use: the context window minus room for the answer.
    """
    system: ChatMessage = {"role": "system", "content": system_prompt}
    remaining = budget_tokens - count_tokens(system)
    kept: list[ChatMessage] = []
    for message in reversed(history):
        chat_message = as_chat_message(message)
        cost = count_tokens(chat_message)
        if cost <= remaining:
            kept.append(chat_message)
            remaining -= cost
            continue
        if not kept:
            # The newest message alone is too long: keep its end, which holds the question.
            kept.append(_keep_tail(chat_message, remaining, count_tokens))
        break
    return [system, *reversed(kept)]


def _keep_tail(message: ChatMessage, budget: int, count_tokens: Callable[[ChatMessage], int]) -> ChatMessage:
    content = message["content"]
    low, high = 0, len(content)
    # Binary search on characters for the longest tail that fits.
    while low < high:
        mid = (low + high) // 2
        candidate: ChatMessage = {"role": message["role"], "content": TRIM_MARKER + content[mid:]}
        if count_tokens(candidate) <= budget:
            high = mid
        else:
            low = mid + 1
    return {"role": message["role"], "content": TRIM_MARKER + content[low:]}
