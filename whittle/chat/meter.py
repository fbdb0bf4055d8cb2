"""The context meter: what a chat prompt spends of the model's window, and what did not fit.

Counted on the prompt actually sent: the system prompt (with facts), the answer's expert and
the open app's training prompt (their own rows: budgeted first, never trimmed), the other app
context (hidden notes and events), the conversation, the block of state and recalled turns
before the message, and the room kept for the reply. Trimmed: the conversation's messages and
notes left out because they did not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

from whittle.chat.context import CUT_MARKER, EVENT_PREFIX, PromptExpert
from whittle.chat.store import Message
from whittle.llm.base import ChatMessage

EXTRA_PREFIXES = ("[Current state]", "[From earlier conversations")
MERGED = re.compile(r" \(×(\d+)\)$")


@dataclass(frozen=True)
class ContextMeter:
    window: int
    reply: int
    system: int
    app_context: int
    conversation: int
    state: int
    trimmed_messages: int
    trimmed_notes: int
    expert: int = 0
    app_training: int = 0
    expert_name: str | None = None
    expert_how: str | None = None  # 'chosen' (the conversation's) or 'auto' (picked by description)

    @property
    def used(self) -> int:
        return self.system + self.expert + self.app_training + self.app_context + self.conversation + self.state + \
            self.reply

    def describe(self) -> str:
        """The hover text: each part, then what was left out."""
        how = "this conversation's" if self.expert_how == "chosen" else "picked by description"
        expert = f"expert {self.expert_name} ({how}) {self.expert:,}" if self.expert_name else "expert none"
        parts = (f"{expert}; app training {self.app_training:,}; "
                 f"system prompt {self.system:,}; app context {self.app_context:,}; conversation "
                 f"{self.conversation:,}; state and recalled turns {self.state:,}; kept for the reply {self.reply:,} "
                 f"— {self.used:,} of {self.window:,} tokens")
        if self.trimmed_messages or self.trimmed_notes:
            parts += (f". Left out to fit: {self.trimmed_messages:,} older messages, "
                      f"{self.trimmed_notes:,} older app notes")
        return parts

    def to_dict(self) -> dict:
        return asdict(self)


def measure(prompt: Sequence[ChatMessage], history: Sequence[Message], count: Callable[[ChatMessage], int],
            *, window: int, reply: int, expert: PromptExpert | None = None, training: str | None = None) -> ContextMeter:
    system = app = conversation = state = expert_tokens = training_tokens = 0
    shown_messages = shown_notes = 0
    training_text = f"{EVENT_PREFIX}{training}" if training else None
    for index, message in enumerate(prompt):
        tokens = count(message)
        content = message["content"]
        if index == 0:
            system += tokens
        elif message["role"] == "system" and expert and _is(content, expert.text):
            expert_tokens += tokens
        elif message["role"] == "system" and training_text and _is(content, training_text):
            training_tokens += tokens
            shown_notes += any(m.role == "context" and m.content == training for m in history)  # not if added
        elif message["role"] == "system" and content.startswith(EXTRA_PREFIXES):
            state += tokens
        elif message["role"] == "system":
            app += tokens
            merged = MERGED.search(content)  # "… (×3)": three notes said as one
            shown_notes += int(merged.group(1)) if merged else 1
        else:
            conversation += tokens
            shown_messages += 1
    total_messages = sum(1 for m in history if m.role in ("user", "assistant") and m.content)
    total_notes = sum(1 for m in history if m.role == "context" and m.content)
    return ContextMeter(window, reply, system, app, conversation, state,
                        max(total_messages - shown_messages, 0), max(total_notes - shown_notes, 0),
                        expert_tokens, training_tokens, expert.name if expert else None, expert.how if expert else None)


def _is(content: str, text: str) -> bool:
    """This message is `text`, whole or cut to fit (context.py's _keep_head)."""
    return content == text or content.endswith(CUT_MARKER) and text.startswith(content[: -len(CUT_MARKER)])
