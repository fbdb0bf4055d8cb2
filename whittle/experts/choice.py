"""The expert each conversation uses, and the expert an answer gets from that choice.

A conversation's choice (a column of `conversations`, chat/conversations.py) is one of:
- None: no expert;
- "auto": for each message, the expert whose front matter best matches it (experts/pick.py),
  or none when nothing matches well enough;
- an expert's name: that expert for every answer of the conversation.

The chat hub asks `for_turn` before every answer (hub.experts); the picker in the chat header
and the Experts page's Use button change the choice through `choose`, whose listeners redraw the
picker in every tab.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from whittle.chat.context import PromptExpert
from whittle.chat.conversations import AUTO_EXPERT, ConversationStore
from whittle.experts.pick import pick_expert
from whittle.experts.store import ExpertStore, user_folder

if TYPE_CHECKING:
    from whittle.core import Whittle


class ConversationExperts:
    def __init__(self, conversations: ConversationStore, store: ExpertStore):
        self.conversations = conversations
        self.store = store
        self.listeners: list[Callable[[], None]] = []  # told after a choice changed (the chat header's picker)

    def choice(self, conversation_id: int | None = None) -> str | None:
        """The conversation's choice (default: the current one's): None, "auto" or an expert's name."""
        return self.conversations.expert_choice(conversation_id)

    def choose(self, conversation_id: int, choice: str | None) -> None:
        """Raises ConversationError naming the choices there are when `choice` is none of them."""
        self.conversations.choose_expert(conversation_id, choice or None, [e.name for e in self.store.all()])
        self._changed()

    def choose_for_current(self, choice: str | None) -> None:
        self.choose(self.conversations.current_id(), choice)

    def forget(self, name: str) -> None:
        """An expert was deleted: conversations that used it use none (unless a built-in one of that name is back)."""
        if self.store.get(name) is None and self.conversations.forget_expert(name):
            self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()

    def for_turn(self, question: str, app_name: str | None = None) -> PromptExpert | None:
        """The expert for an answer to `question` with `app_name` open, in the current conversation."""
        choice = self.choice()
        if not choice:
            return None
        if choice == AUTO_EXPERT:
            match = pick_expert(question, self.store.all(), app_name)
            return PromptExpert(match.expert.name, match.expert.body, "auto", match.matched,
                                match.expert.preferred_tier) if match else None
        expert = self.store.get(choice)  # a deleted one: no expert rather than a failed answer
        return PromptExpert(expert.name, expert.body, "chosen", (), expert.preferred_tier) if expert else None

    __call__ = for_turn  # the hub's ExpertFunction (chat/turn.py)


def connect_experts(whittle: Whittle) -> ConversationExperts:
    """The Whittle's ConversationExperts, made and wired on first use: the hub asks it for each
    answer's expert, the Experts app reads and sets the current conversation's choice. Idempotent."""
    if isinstance(whittle.chat.experts, ConversationExperts):
        return whittle.chat.experts
    experts = ConversationExperts(whittle.conversations, ExpertStore(user_folder(whittle.settings.home)))
    whittle.chat.experts = experts
    _adopt_the_global_choice(whittle, experts)
    app = whittle.apps.get("experts")
    if app is not None and hasattr(app, "conversation_experts"):
        app.conversation_experts = experts
    return experts


LEGACY_NAMESPACE, LEGACY_KEY = "app:experts", "active"  # before experts were per conversation: one for the whole chat


def _adopt_the_global_choice(whittle: Whittle, experts: ConversationExperts) -> None:
    """An expert made active for the whole chat by an earlier version goes to the current conversation, once."""
    name = whittle.kv.get(LEGACY_NAMESPACE, LEGACY_KEY)
    if name is None:
        return
    if experts.store.get(str(name)) is not None and experts.choice() is None:
        experts.choose_for_current(str(name))
    whittle.kv.delete(LEGACY_NAMESPACE, LEGACY_KEY)
