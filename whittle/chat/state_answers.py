"""Questions about what the user did, answered from the record instead of guessed by the model.

"What did I just do?" has an exact answer: the app events the chat overheard (hidden 'context'
messages with source app:<name>), in the order they happened. SmolLM2-135M, asked it, wrote
"You've just done a great job of explaining the process of editing a text… I'm a creative writing
assistant". So the hub answers it from the events (`answer_what_i_did`), as WorkflowApp answers
"where am I?" and the todo app "what is left on my list?" (apps/todo_state.py).

`state_facts_message` is the other half: the open app's current state as one short system message,
which the prompt builder (chat/context.py) puts right before the latest user message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol

from whittle.chat.store import Message

WHAT_I_DID = re.compile(
    r"\bwhat\s+(?:did|have)\s+i\s+(?:just\s+|last\s+|recently\s+|already\s+)?(?:do|done|change|changed|did)\b"
    r"|\bwhat\s+was\s+(?:my|the)\s+last\s+(?:action|change|step|thing)\b"
    r"|\bwhat\s+(?:have\s+)?i\s+(?:just\s+)?(?:done|changed)\b",
    re.I,
)
STATE_PREFIX = "[Current state] "
MAX_EVENTS = 6  # the most recent actions listed; "just" means the last few
MAX_EVENT_CHARS = 200
STATE_FACTS_TOKENS = 120  # the state facts' share of every prompt: short, they are re-read each turn
# An event the user (or the assistant, on the user's behalf) caused: "[label] The user …".
ACTION = re.compile(r"^(?:\[(?P<label>[^\]]{1,80})\]:?\s*)?(?P<who>The user|The assistant)\s+(?P<rest>.+)$", re.S)


class StatefulApp(Protocol):
    name: str

    def state_facts(self) -> list[str]: ...


def asks_what_i_did(text: str) -> bool:
    return bool(WHAT_I_DID.search(text))


def recent_actions(history: Sequence[Message], limit: int = MAX_EVENTS) -> list[str]:
    """The user's latest actions in the apps, oldest first, in the second person; repeats merged (×n).

    "Just" means since the user last wrote in the chat; when nothing happened since, the latest
    actions before that.
    """
    events: list[tuple[int, str]] = []  # (position in history, sentence)
    for position, message in enumerate(history):
        if message.role == "context" and message.source.split(":")[0] == "app":  # ChatHub.note's default is "app"
            sentence = _second_person(message.content)
            if sentence is not None:
                events.append((position, sentence))
    users = [position for position, message in enumerate(history) if message.role == "user"]
    if users and users[-1] == len(history) - 1:
        users.pop()  # the question itself: "since the user last wrote" means before it
    boundary = users[-1] if users else -1
    since = [text for position, text in events if position > boundary]
    chosen = since or [text for _, text in events]
    merged: list[list] = []
    for text in chosen:
        if merged and merged[-1][0] == text:
            merged[-1][1] += 1
        else:
            merged.append([text, 1])
    lines = [text if count == 1 else f"{text} (×{count})" for text, count in merged]
    return lines[-limit:]


def _second_person(content: str) -> str | None:
    match = ACTION.match(content.strip())
    if match is None:
        return None
    rest = " ".join(match["rest"].split())
    # "The assistant …" events are the assistant's tool calls, made on the user's behalf.
    sentence = "You " + re.sub(r"\btheir\b", "your", rest) if match["who"] == "The user" else "I " + rest
    if match["label"]:
        sentence = f"{sentence.rstrip('.')} ({match['label']})."
    return sentence if len(sentence) <= MAX_EVENT_CHARS else sentence[: MAX_EVENT_CHARS - 1] + "…"


def what_i_did_reply(history: Sequence[Message]) -> str:
    actions = recent_actions(history)
    if not actions:
        return "I have not seen you do anything in the apps yet in this conversation."
    if len(actions) == 1:
        return f"Your last action: {actions[0]}"
    return "Your latest actions, oldest first:\n" + "\n".join(f"- {action}" for action in actions)


async def answer_what_i_did(
    message: Message, history: Callable[[], Sequence[Message]], say: Callable[..., object]
) -> bool:
    """Answer "what did I just do?" from the recorded events; False for any other message."""
    if not asks_what_i_did(message.content):
        return False
    await say(what_i_did_reply(history()), source="state")
    return True


def app_state_facts(app: object | None) -> list[str]:
    """The open app's state_facts(), or [] (no app, an app without the method, or a failing one)."""
    facts = getattr(app, "state_facts", None)
    if facts is None:
        return []
    try:
        return [str(fact) for fact in facts() if str(fact).strip()]
    except Exception:  # an app's bug must not cost the user their answer
        return []


def state_facts_message(facts: Sequence[str], count_tokens: Callable[[dict], int],
                        budget: int = STATE_FACTS_TOKENS) -> dict | None:
    """One system message with as many facts as fit in `budget` tokens (the last one cut short), or None."""
    kept: list[str] = []
    for fact in facts:
        candidate = {"role": "system", "content": STATE_PREFIX + " ".join([*kept, fact])}
        if count_tokens(candidate) <= budget:
            kept.append(fact)
            continue
        words = fact.split()
        while words:  # the longest start of this fact that still fits
            words = words[: len(words) * 3 // 4]
            candidate = {"role": "system", "content": STATE_PREFIX + " ".join([*kept, " ".join(words) + "…"])}
            if words and count_tokens(candidate) <= budget:
                kept.append(" ".join(words) + "…")
                break
        break
    if not kept:
        return None
    return {"role": "system", "content": STATE_PREFIX + " ".join(kept)}
