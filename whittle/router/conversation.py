"""What a conversation holds around the request being answered: the question itself, and what was
said before it that an answer may lean on. Shared by router/task_kind.py (is a question about the
conversation?), router/checks.py (is a local knowledge answer grounded in it?) and the cascade."""

from __future__ import annotations

from whittle.llm.base import ChatMessage


def question_of(messages: list[ChatMessage]) -> str:
    """The instruction being answered: the user's newest message since the last reply, or — when an
    app asks the model to speak up with a hidden instruction — the last message."""
    for message in reversed(messages):
        if message["role"] == "assistant":
            break
        if message["role"] == "user":
            return message["content"]
    if len(messages) > 1 or (messages and messages[-1]["role"] != "system"):
        return messages[-1]["content"]
    return ""


def conversation_context(messages: list[ChatMessage]) -> list[str]:
    """What the conversation itself says before the question: every system message but the first (the
    app's description of itself): [App event]s, the current state, recalled conversations, an expert's
    notes; and the user's earlier messages. Not the assistant's replies: a small model's earlier answer
    must not vouch for a later one (router/checks.py grounds knowledge answers in this too)."""
    question = question_of(messages)
    asked_at = max((i for i, m in enumerate(messages) if m["role"] == "user" and m["content"] == question), default=len(messages))
    return [
        m["content"] for i, m in enumerate(messages)
        if i != asked_at and ((m["role"] == "system" and i > 0) or (m["role"] == "user" and i < asked_at))
    ]
