"""The name a request gives a new thing (a profile): "…, call it Freelance", "a profile named 'Side gigs'",
"make a new profile called Feria for the Sunday market stand" (Feria).

The model copies a name's words from the request, often the wrong ones ("stuff" of "my freelance stuff"); when
the request says what the thing is called, that is its name, without what it is for.
"""

from __future__ import annotations

import re

from whittle.agent.calls import ToolCall
from whittle.agent.select import ADDING
from whittle.agent.spans import without_trailing_edge_words
from whittle.tools import Tool

NAME_FIELD = "name"
# "…, call it Freelance", "a profile named 'Side gigs'": the words after are the new thing's name.
# "add a profile Home for the house stuff": a capitalised word right after the kind is its name too.
_NAMING = re.compile(r"(?:\b(?:call(?:ed)?|name(?:d)?)\s+(?:(?:it|that|this|the\s+(?:profile|one|new\s+one|workspace|list))\s+)?"
                     r"|\b(?:profile|workspace)\s+(?=[A-Z]))[\"'“‘]?([^,;:.!?\"'“”‘’]+)")
# "called Catering the party orders are gettin outta hand": after a capitalised name, a word that opens a
# sentence starts what is said about it.
_TOLD_AFTER_NAME = re.compile(r"\s+(?=(?:the|my|our|i|we|they|it|its|it's|this|these|those|cause|cuz|coz|cos)\s)")


_NAMED_QUOTED = re.compile(r"""\b(?:call(?:ed)?|name(?:d)?)\s+(?:it\s+)?["“‘'](?=\S)(.+?)(?<=\S)["”’'](?!\w)""")


def name_called(text: str, *, only_called: bool = False) -> str:
    """The name the request gives a new thing ("…, call it Freelance", "a profile called the stage"), or "";
    only_called: only a name after "called" or "named" ("call mum" names nothing)."""
    if only_called and not re.search(r"\b(?:called|named)\b", text):
        return ""
    said = _NAMING.search(text)
    # "called Feria for the Sunday market stand": what the profile is for follows its name
    named = without_trailing_edge_words(re.split(r"\s(?:and|then|but)\s|\s(?:for|fi|so|because|cos|since)\s+(?:the|di|my|mi|our|a|"
                                                 r"an|all|when|i|I|we)\s", said.group(1), maxsplit=1)[0]) if said else ""
    if named[:1].isupper():
        named = _TOLD_AFTER_NAME.split(named, maxsplit=1)[0]
    if quoted := _NAMED_QUOTED.search(text):  # 'named "St. Andrew's Treasury"': the whole quote, its marks too
        named = quoted.group(1)
    return named


def name_given(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """"a separate workspace for my freelance stuff, call it Freelance" planned as name="stuff": a
    new thing's name (an adding tool's `name`) is what the request says it is called, when it says so."""
    named = name_called(text)
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        if named and tool is not None and ADDING in tool.name.split("_") and NAME_FIELD in call.args:
            call = ToolCall(call.tool, {**call.args, NAME_FIELD: named})
        settled.append(call)
    return settled


def no_purpose_named(calls: list[ToolCall], tools: dict[str, Tool]) -> list[ToolCall]:
    """"create another profile, Casa, for my home things" planned as two new profiles: a name that opens with what
    it is for ("for my home things") beside another new name is the other's purpose, not a second name."""
    named_calls = [c for c in calls if NAME_FIELD in c.args and (t := tools.get(c.tool)) is not None
                   and ADDING in t.name.split("_")]
    purposes = [c for c in named_calls if re.match(r"(?:for|so|because|to)\s", str(c.args[NAME_FIELD]))]
    return [c for c in calls if c not in purposes] if purposes and len(purposes) < len(named_calls) else calls
