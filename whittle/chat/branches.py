"""Earlier versions of a message (branches): an edit or a regeneration starts a new branch, and none is lost.

The conversation is stored as a line of rows (chat/store.py); the active branch is the rows
shown (visible, status not 'replaced'): what the tabs show, what the model reads
(`MessageStore.history`) and what an export holds. Editing a user message or regenerating an
answer hides that message and every message shown after it, each marked with `hidden_by` = the
version it was hidden with, and the new version is linked by `version_of` to the message's first
version. Showing another version swaps branches: the version shown now and everything after it
are hidden with it, and the chosen version's rows come back with the status they had. As in
ChatGPT, the version shown is the one the next turn continues from: nothing else decides what
the model sees.

Hidden context notes (the open app's events, an app's training prompt) belong to no branch: they
record what happened in the apps, whichever version of the conversation is shown.

Within a branch, id order is conversation order (each row was added at the end while its branch
was shown), so a branch's tail is "every message shown from here on".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace

from whittle.chat.events import Event, MessageFinished, MessageShown
from whittle.chat.store import Message, MessageStore

# What can be answered again: a finished message of the user's, or an answer (finished or stopped).
ANSWERABLE_STATUSES = {"user": ("done",), "assistant": ("done", "stopped")}


class BranchError(ValueError):
    """A version that cannot be shown; str(error) tells the user why and what to do."""


@dataclass(frozen=True)
class VersionSwap:
    """What showing another version changed: the messages hidden, then those shown again (in order)."""

    hidden: list[Message]
    shown: list[Message]


def can_answer_again(message: Message | None, role: str) -> bool:
    """Whether `message` is a shown, finished message of `role` that may be edited or regenerated."""
    if message is None or message.role != role or not message.visible:
        return False
    return message.status in ANSWERABLE_STATUSES[role]


class Branches:
    """The versions of the active conversation's messages, over the message store's table.

    publish: tells every tab what changed (the chat hub's); busy: whether an answer is running
    or waiting (a branch must not change under it).
    """

    def __init__(self, store: MessageStore, publish: Callable[[Event], None] = lambda event: None,
                 busy: Callable[[], bool] = lambda: False):
        self.store = store
        self.db = store.db
        self.publish = publish
        self.busy = busy

    def first_version(self, message: Message) -> int:
        """The id that names a message's versions: its first version's."""
        row = self.db.query_one("SELECT COALESCE(version_of, id) AS first FROM messages WHERE id=?", (message.id,))
        return int(row["first"]) if row else message.id

    def retire(self, version: Message) -> list[Message]:
        """Hide a shown message and everything shown after it as `version`'s branch (kept); the hidden messages."""
        with self.db.transaction():
            hidden = self._hide_from(version)
        for message in hidden:
            self.publish(MessageFinished(message))
        return hidden

    def keep_shown(self, regeneration: asyncio.Task[Message], earlier: Message) -> None:
        """A regeneration that ended with nothing on screen (stopped before its first word): the earlier answer is
        shown again rather than leaving its place empty. A done-callback of the regeneration's task."""
        if not regeneration.cancelled() and regeneration.exception() is None and regeneration.result().visible:
            return
        with self.db.transaction():
            shown_now = self._shown_version(self.first_version(earlier))
            restored = [] if shown_now is not None else self._show(earlier.id)
        if not restored:
            return
        # A message queued meanwhile may already be on screen after the gap: it moves down, below the answer.
        restored_by_id = {message.id: message for message in restored}
        tail = [restored_by_id.get(message.id, message) for message in self.store.shown_from(earlier)]
        for message in tail:
            if message.id not in restored_by_id:
                self.publish(MessageFinished(replace(message, visible=False)))
        for message in tail:
            self.publish(MessageShown(message))

    def show(self, version_id: int) -> VersionSwap:
        """Make another version of a shown message the shown one, with the branch that followed it, in every tab.

        Raises BranchError while an answer runs, or for an id that is not a kept version of a message shown now.
        """
        if self.busy():
            raise BranchError("Still answering — wait for the answer or press Stop, then switch versions.")
        swap = self._swap(version_id)
        for message in swap.hidden:
            self.publish(MessageFinished(message))
        for message in swap.shown:  # appended in order: the rows that stay are older than any version of the message
            self.publish(MessageShown(message))
        return swap

    def _swap(self, version_id: int) -> VersionSwap:
        with self.db.transaction():
            row = self.db.query_one("SELECT id, visible, hidden_by, COALESCE(version_of, id) AS first FROM messages"
                                    " WHERE id=? AND conversation_id=?", (version_id, self.store.conversation()))
            if row is None:
                raise BranchError(f"There is no message {version_id} in this conversation; reload the page.")
            if row["visible"]:
                return VersionSwap([], [])  # already shown (another tab was quicker)
            shown_now = self._shown_version(row["first"])
            if row["hidden_by"] != version_id or shown_now is None:
                raise BranchError("That version belongs to a branch that is not shown; "
                                  "switch the earlier message to its version first, then this one.")
            return VersionSwap(self._hide_from(shown_now), self._show(version_id))

    # -- inside a transaction --------------------------------------------------------------
    def _shown_version(self, first: int) -> Message | None:
        row = self.db.query_one("SELECT id FROM messages WHERE (id=? OR version_of=?) AND visible=1", (first, first))
        return self.store.get(row["id"]) if row else None

    def _hide_from(self, version: Message) -> list[Message]:
        tail = self.store.shown_from(version)
        for message in tail:
            # Out of the search index too: a search result must lead to a message on screen.
            self.db.execute("UPDATE messages SET replaced_status=status, status='replaced', visible=0, hidden_by=?"
                            " WHERE id=?", (version.id, message.id))
            self.db.execute("DELETE FROM messages_search WHERE rowid=?", (message.id,))
        return [replace(message, status="replaced", visible=False) for message in tail]

    def _show(self, version_id: int) -> list[Message]:
        rows = self.db.query("SELECT id FROM messages WHERE hidden_by=? ORDER BY id", (version_id,))
        self.db.execute("UPDATE messages SET status=COALESCE(replaced_status, 'done'), replaced_status=NULL, visible=1,"
                        " hidden_by=NULL WHERE hidden_by=?", (version_id,))
        shown = [self.store.get(row["id"]) for row in rows]
        for message in shown:
            self.store.index_for_search(message)
        return shown
