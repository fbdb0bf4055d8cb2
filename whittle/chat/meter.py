"""The context meter: what a chat prompt spends of the model's window, and what did not fit.

Counted on the prompt actually sent: the system prompt (with facts and the active expert),
the app context (hidden notes and events), the conversation, the block of state and recalled
turns before the message, and the room kept for the reply. Trimmed: the conversation's
messages and notes left out because they did not fit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

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

    @property
    def used(self) -> int:
        return self.system + self.app_context + self.conversation + self.state + self.reply

    def describe(self) -> str:
        """The hover text: each part, then what was left out."""
        parts = (f"system prompt {self.system:,}; app context {self.app_context:,}; conversation "
                 f"{self.conversation:,}; state and recalled turns {self.state:,}; kept for the reply {self.reply:,} "
                 f"— {self.used:,} of {self.window:,} tokens")
        if self.trimmed_messages or self.trimmed_notes:
            parts += (f". Left out to fit: {self.trimmed_messages:,} older messages, "
                      f"{self.trimmed_notes:,} older app notes")
        return parts

    def to_dict(self) -> dict:
        return asdict(self)


def measure(prompt: Sequence[ChatMessage], history: Sequence[Message], count: Callable[[ChatMessage], int],
            *, window: int, reply: int) -> ContextMeter:
    system = app = conversation = state = 0
    shown_messages = shown_notes = 0
    for index, message in enumerate(prompt):
        tokens = count(message)
        if index == 0:
            system += tokens
        elif message["role"] == "system" and message["content"].startswith(EXTRA_PREFIXES):
            state += tokens
        elif message["role"] == "system":
            app += tokens
            merged = MERGED.search(message["content"])  # "… (×3)": three notes said as one
            shown_notes += int(merged.group(1)) if merged else 1
        else:
            conversation += tokens
            shown_messages += 1
    total_messages = sum(1 for m in history if m.role in ("user", "assistant") and m.content)
    total_notes = sum(1 for m in history if m.role == "context" and m.content)
    return ContextMeter(window, reply, system, app, conversation, state,
                        max(total_messages - shown_messages, 0), max(total_notes - shown_notes, 0))
