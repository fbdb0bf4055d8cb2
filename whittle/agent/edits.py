"""An edit's new text said as the one part that changes, settled into the whole new text.

"the maccas shift is 12-5 now not 11-4, fix it", "footy training got moved to wed so change it", "the first
one change it to 4 dozen": the model copies the changed part ("12-5 now", "wed so change it", "4 dozen shes
adding more"). A new text that opens with a time, a number or a weekday, where the todo has exactly one
word of that kind, is the todo with that word replaced (shape_swapped); the rest of what was copied is why.
An edit that leaves the text as it was ("send a email to SEF to change my appointment" read as the SEF
todo changed into itself), or changes back what the edit before it changed, asks for nothing the todo tools do,
and is no call (without_unchanged). A new text that shares no word with what "it" is changed to ("change it to
call Dr. Patel, that's the new one, …" copied as the remark) is those words (changed_to_said).
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
    """No edit whose new text is the todo's own text: nothing would change. Nor one that changes back what an
    edit before it changed ("'hotal' should be 'hotel'. fix it please": the "fix it" asks for the same edit)."""
    def change(call: ToolCall) -> tuple[str, str] | None:
        old, new = call.args.get(ITEM_FIELD), call.args.get(TEXT_FIELD)
        return (old.strip().casefold(), new.strip().casefold()) if isinstance(old, str) and isinstance(new, str) else None

    kept: list[ToolCall] = []
    for call in calls:
        changed = change(call)
        if changed is not None and (changed[0] == changed[1] or any(change(k) == changed[::-1] for k in kept)):
            continue
        kept.append(call)
    return kept


# "Change it to call Dr. Patel, that's the new one, very nice young man": the words after "change it to", up to the
# comma (a title's stop, "Dr.", is no end).
_CHANGED_TO = re.compile(r"\b(?:change|rename|make|turn)\s+(?:it|that|this)\s+(?:to|into)\s+"
                         r"(?P<new>(?:(?:Dr|Mr|Mrs|Ms|Mt|St)\.\s|[^,;.!?\"“])+)", re.IGNORECASE)


def changed_to_said(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """An edit's new text that shares no word with what the request says "it" is changed to (the model copied a
    remark after it) is those words."""
    said = _CHANGED_TO.findall(text)
    if len(said) != 1 or not (new := said[0].strip()):
        return calls
    new_words = set(re.findall(r"\w+", new.casefold()))
    return [ToolCall(c.tool, {**c.args, TEXT_FIELD: new})
            if isinstance(c.args.get(TEXT_FIELD), str) and isinstance(c.args.get(ITEM_FIELD), str)
            and not new_words & set(re.findall(r"\w+", c.args[TEXT_FIELD].casefold())) else c for c in calls]

