"""An edit's new text said as the one part that changes, settled into the whole new text.

"the maccas shift is 12-5 now not 11-4, fix it", "footy training got moved to wed so change it", "the first
one change it to 4 dozen": the model copies the changed part ("12-5 now", "wed so change it", "4 dozen shes
adding more"). A new text that opens with a time, a number or a weekday, where the todo has exactly one
word of that kind, is the todo with that word replaced (shape_swapped); the rest of what was copied is why.
An edit that leaves the text as it was ("send a email to SEF to change my appointment" read as the SEF
todo changed into itself) asks for nothing the todo tools do, and is no call (without_unchanged).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whittle.agent.calls import ToolCall
from whittle.agent.references import ITEM_FIELD, TEXT_FIELD

_NUMBER = re.compile(r"^x?\d+(?:[-:.]\d+)?(?:am|pm|x)?$", re.IGNORECASE)  # "11-4", "10.30", "4pm", "x20"
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?$",
                      re.IGNORECASE)
_SHAPES: tuple[Callable[[str], bool], ...] = (lambda w: bool(_NUMBER.match(w)), lambda w: bool(_WEEKDAY.match(w)))


def shape_swapped(calls: list[ToolCall], quoted: list[str]) -> list[ToolCall]:
    """An edit whose new text opens with a word of a shape (a number or time, a weekday) the todo has exactly
    one of, and says nothing else the todo says but what follows that word there: the todo with the word
    replaced. A quoted new text is the whole text, as typed."""
    settled = []
    for call in calls:
        old, new = call.args.get(ITEM_FIELD), call.args.get(TEXT_FIELD)
        if isinstance(old, str) and isinstance(new, str) and new.strip() and new not in quoted:
            call = ToolCall(call.tool, {**call.args, TEXT_FIELD: _swapped(old, new)})
        settled.append(call)
    return settled


def _swapped(old: str, new: str) -> str:
    before, after = old.split(), new.split()
    for shaped in _SHAPES:
        at = [n for n, word in enumerate(before) if shaped(word)]
        if len(at) != 1 or not shaped(after[0]) or after[0].casefold() == before[at[0]].casefold():
            continue
        rest = {w.casefold() for w in after[1:]} - {w.casefold() for w in before[at[0] + 1:at[0] + 2]}
        if rest & {w.casefold() for w in before}:
            return new  # "6pm call mum": a new text of its own
        return " ".join([*before[:at[0]], after[0], *before[at[0] + 1:]])
    return new


def without_unchanged(calls: list[ToolCall]) -> list[ToolCall]:
    """No edit whose new text is the todo's own text: nothing would change."""
    return [c for c in calls
            if not (isinstance(old := c.args.get(ITEM_FIELD), str) and isinstance(new := c.args.get(TEXT_FIELD), str)
                    and old.strip().casefold() == new.strip().casefold())]
