"""Answers about the app's own state, held to the [App event] facts the model was given.

Apps tell the model what happened as hidden "[App event]" system messages ("The user deleted
'water the plants' from the todo list."; "The todo list ... has 3 items: buy milk (not done), ...").
Two questions users ask about them have answers these facts can check:

- "What did I just do?" -> the answer's action must not contradict the last event's ("You added
  'water the plants'" after a deletion is wrong, however fluent).
- "What is on my list?" / "What is left?" -> the answer must name the things the events name; "Your
  todo list is a list of tasks" names none.

Pure text checks on the messages, no app imports: router code does not depend on the apps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whittle.router.terms import content, stem

APP_EVENT = "[App event]"
DID_QUESTION = re.compile(r"\bwhat (?:did|have) i (?:just )?(?:do|done|change|changed)\b|\bwhat was my last\b", re.I)
LIST_QUESTION = re.compile(
    r"\bwhat(?:'s| is| remains)? (?:left |still )?(?:on|in) (?:my|the)\b.*\blist\b"
    r"|\bwhat(?:'s| is) (?:left|remaining)\b|\bwhat do i (?:still )?(?:have|need) to do\b",
    re.I,
)
USER_ACTION = re.compile(r"\bthe user (\w+)", re.I)
# Stems (terms.stem) of the verbs that say what was done to an item, grouped by meaning.
ACTIONS = {
    "add": {"add", "creat", "insert"},
    "delete": {"delet", "remov", "eras"},
    "complete": {"mark", "complet", "finish", "tick", "check"},
    "change": {"chang", "edit", "renam", "updat", "modify"},
    "reorder": {"drag", "mov", "reorder"},
    "cancel": {"cancel", "cancell", "stop", "abort"},
    "start": {"start", "begin", "began", "launch"},
}
NEGATED_VERB = re.compile(r"\b(?:didn't|did not|haven't|have not|never|not)\s+(?:just\s+|yet\s+|really\s+)?(\w+)", re.I)
QUOTED = re.compile(r"'([^']{2,60})'")
LISTING = re.compile(r"\bitems?:\s*(.+)$", re.I)


def _events(messages: Sequence[dict]) -> list[str]:
    return [m["content"][len(APP_EVENT):].strip() for m in messages
            if m.get("role") == "system" and m.get("content", "").startswith(APP_EVENT)]


def _groups(stems: set[str]) -> set[str]:
    return {group for group, verbs in ACTIONS.items() if stems & verbs}


def wrong_action(messages: Sequence[dict], request: str, answer_stems: set[str], answer: str = "") -> str:
    """Why the answer to "what did I just do?" contradicts the last thing the app says the user did; "" if not.

    Contradicts: names another action ("added" for a deletion), or denies the one done ("You didn't add")."""
    if not DID_QUESTION.search(request):
        return ""
    for event in reversed(_events(messages)):
        match = USER_ACTION.search(event)
        if not match or match.group(1).lower() == "opened":
            continue  # "opened the app" is where the user is, not what they did there
        done = _groups({stem(match.group(1).lower())})
        said = _groups(answer_stems)
        if done and said and not done & said:
            return f"contradicts the app: says the user did {'/'.join(sorted(said))}, but the app says {match.group(1).lower()}"
        denied = {stem(verb.lower()) for verb in NEGATED_VERB.findall(answer)}
        if done and done & _groups(denied):
            return f"contradicts the app: denies what the app says the user did ({match.group(1).lower()})"
        return ""
    return ""


def state_items(messages: Sequence[dict]) -> list[str]:
    """The things the events name: quoted items and the entries of a listing, without "(done)" notes."""
    items: list[str] = []
    for event in _events(messages):
        items += QUOTED.findall(event)
        listing = LISTING.search(event)
        if listing:
            items += [re.sub(r"\([^)]*\)", "", part).strip(" .") for part in listing.group(1).split(",")]
    return list(dict.fromkeys(item for item in items if item))


def list_named(messages: Sequence[dict], request: str, answer_stems: set[str]) -> tuple[int, int]:
    """(items a list question needs named, of them named); (0, 0) when the request does not ask what is on a list.

    Needed: two of the items the events name (or all, if fewer) — a list answer with one
    entry ("set to 'pay rent'") or none ("a list of tasks you've completed") does not say what is there."""
    if not LIST_QUESTION.search(request):
        return 0, 0
    items = state_items(messages)
    if not items:
        return 0, 0
    named = sum(1 for item in items if content(item) and content(item) <= answer_stems)
    return min(2, len(items)), named
