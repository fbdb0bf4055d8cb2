"""The todo list's state for the assistant: short facts the model reads, and questions answered exactly.

"What is left on my list?" is answered from the database (`left_reply`), not by the model: the
list is right there, and a 135M model would guess. The same state, as one short line, is what the
model reads before every answer while the Todo app is open (`facts`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whittle.plurals import counted
from whittle.todos import Todo

WHATS_LEFT = re.compile(
    r"\bwhat(?:'s|\s+is|\s+remains|\s+else\s+is)?\s+(?:left|remaining|still\s+(?:open|to\s+do|on))\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:still\s+)?on\s+(?:my|the)\s+(?:todo\s+|to-do\s+)?list\b"
    r"|\bwhat\s+(?:else\s+)?do\s+i\s+(?:still\s+)?(?:have|need)\s+to\s+do\b"
    r"|\b(?:open|remaining|unfinished|outstanding)\s+(?:todos|to-dos|items|tasks)\b"
    r"|\bwhat(?:'s|\s+is)\s+not\s+(?:yet\s+)?(?:done|finished)\b",
    re.I,
)
FACT_ITEMS = 8  # the model's prompt gets the first few of each; a 2k window has no room for the whole list
REPLY_ITEMS = 30


def asks_whats_left(text: str) -> bool:
    return bool(WHATS_LEFT.search(text))


def _listed(items: Sequence[Todo], limit: int) -> str:
    shown = "; ".join(item.text for item in items[:limit])
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


def facts(profile_name: str, items: Sequence[Todo]) -> list[str]:
    """One line: "Todo list (profile Home): 2 open: milk; eggs. 1 done: call mum." """
    if not items:
        return [f"Todo list (profile {profile_name}): empty."]
    open_items = [item for item in items if not item.done]
    done_items = [item for item in items if item.done]
    parts = [f"{len(open_items)} open" + (f": {_listed(open_items, FACT_ITEMS)}" if open_items else "")]
    if done_items:
        parts.append(f"{len(done_items)} done: {_listed(done_items, FACT_ITEMS)}")
    return [f"Todo list (profile {profile_name}): " + ". ".join(parts) + "."]


def values(items: Sequence[Todo]) -> list[str]:
    """The todo texts: what "tick off milk" may refer to."""
    return [item.text for item in items]


def left_reply(profile_name: str, items: Sequence[Todo]) -> str:
    open_items = [item for item in items if not item.done]
    if not items:
        return f"Your todo list (profile {profile_name}) is empty: nothing is left to do."
    if not open_items:
        every = "the only todo" if len(items) == 1 else f"all {counted(len(items), 'todo')}"
        return f"Nothing is left: {every} on your list (profile {profile_name}) {'is' if len(items) == 1 else 'are'} done."
    lines = "\n".join(f"- {item.text}" for item in open_items[:REPLY_ITEMS])
    more = f"\n…and {len(open_items) - REPLY_ITEMS} more." if len(open_items) > REPLY_ITEMS else ""
    done = len(items) - len(open_items)
    tail = f"\n({counted(done, 'todo')} done.)" if done else ""
    return f"Left on your list (profile {profile_name}), {counted(len(open_items), 'todo')}:\n{lines}{more}{tail}"
