"""References by position: "the second one", "my last todo", "item 3", "#2", "the bottom item",
"the second to last one" — the value at that place in the open app's list, as the user sees it.

The list is the open app's state values in their order (the todo list top to bottom, the
profiles, a workflow's steps): never another app's values the planner may also be given, so
"the first one" asked in the todo app is the first todo, whatever other tools were pre-selected.
A position that says where something goes ("move milk to number 3", "to the second place") is
left alone, and so is an ordinal that qualifies another word ("the first aid kit").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from whittle.agent.calls import ToolCall
from whittle.agent.grammar import named_numbers
from whittle.agent.select import ADDING
from whittle.tools import Tool

ORDINALS = {
    **{w: n for n, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)},
    "last": -1, "final": -1, "penultimate": -2, "top": 1, "bottom": -1,
}
CARDINALS = {w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)}
# What the place is a place of: "the second one", "the last item", "the first step".
THINGS = "one|item|todo|task|entry|thing|line|run|step|profile"
_SECOND_LAST = r"(?:second|next)[- ](?:to[- ])?last|last[- ]but[- ]one"
_ORDINAL = "|".join([_SECOND_LAST, r"\d{1,3}(?:st|nd|rd|th)", *(w for w in ORDINALS if w not in ("top", "bottom"))])
_NUMBER = r"\d{1,3}|" + "|".join(CARDINALS)
_POSITION = re.compile(
    rf"\b(?:the|my|your|our|this|that)\s+(?:very\s+)?(?P<ordinal>{_ORDINAL})(?:\s+(?P<thing>{THINGS})\b)?"
    rf"|(?:\b(?:the|my|your|our)\s+|^\s*|(?<=[,;:.!?]\s))(?P<edge>top|bottom)(?:[- ]most)?\s+(?:{THINGS})\b"
    # "the one down the bottom's done", "that one at the top": the thing at that end.
    rf"|\b(?:the|that)\s+(?:one|item|todo|task|thing)\s+(?:right\s+)?(?:at|down|on|up)\s+(?:the\s+)?(?:very\s+)?"
    rf"(?P<end>top|bottom)\b(?!\s+of\s+(?!the\s+list|my\s+list))"
    # Leading a sentence or after a verb, the article may be dropped: "first one on the list, change it to …",
    # "move 2nd item to bottom".
    rf"|(?:^|(?<=[,;:.!?]\s)|(?<=\bmove\s)|(?<=\btick\s)|(?<=\bdelete\s)|(?<=\bremove\s))(?P<lead>{_ORDINAL})\s+(?:{THINGS})\b"
    rf"|\b(?:item|todo|task|number|entry|no\.)\s*#?(?P<number>{_NUMBER})\b"
    rf"|(?<![\w#])#(?P<hash>\d{{1,3}})\b"
    rf"|\b(?:whatever(?:'s|\s+is)|what's|what\s+is)\s+(?P<what>{_ORDINAL})\b",  # "whatever's third on there"
    re.IGNORECASE,
)
# The field a tool names a place in its app's list by (todo_reorder's "where it goes, 1 = top").
POSITION_FIELD = "position"
# The far end of the list as a place: "to the very bottom", "at the end", "last place", "move it down last",
# "put milk down the bottom".
_TO_THE_END = re.compile(
    r"\b(?:(?:to|at|into|on|down|down\s+to)\s+(?:the\s+)?(?:very\s+)?(?:bottom|end|back)(?:\s+of\s+(?:the|my)\s+(?:list|todos?))?"
    r"|(?:the\s+)?last\s+(?:place|position|spot|slot)|(?:go|goes|going)\s+last|\blast\s*$)\b",
    re.IGNORECASE)
# The top of the list as a place: "bump it to the top", "right up to the top of the list", "top of the list".
_TO_THE_TOP = re.compile(r"\b(?:to|at|on)\s+(?:the\s+)?(?:very\s+)?top\b|\bup\s+top\b|\btop\s+of\s+(?:the|my)\s+(?:list|todos?)\b",
                         re.IGNORECASE)
# A number said as the place: "to number 3", "position 2", "3rd place"; with one, "the top" is not the place.
_NUMBERED_PLACE = re.compile(r"\b(?:number|no\.?|position|spot|place|#)\s*\d|\d(?:st|nd|rd|th)?\s+(?:place|position|spot)\b",
                             re.IGNORECASE)
# A place in the list, not an item in it: "to number 3", "the second place".
_PLACE_BEFORE = re.compile(r"\b(?:to|at|into|as)\s+$", re.IGNORECASE)
_PLACE_AFTER = re.compile(r"\s+(?:place|position|spot|slot|row)\b", re.IGNORECASE)
# After a bare ordinal, a word that starts what is said of it ("the second is done") rather than
# what it qualifies ("the first aid kit", "the last minute").
_SAID_OF_IT = re.compile(
    r"\s*(?:$|[,;:.!?)\"'”’]|(?:is|was|are|as|can|could|should|must|will|would|needs?|goes|go|has|to|from|off|"
    r"and|or|then|please|pls|now|too|in|on|of|for|with)\b)", re.IGNORECASE)


# Before a bare ordinal, a word that makes it a day of the month: "before the 1st", "by the 3rd".
_WHEN = re.compile(r"\b(?:before|after|by|on|until|till|from|since|due)\s+$", re.IGNORECASE)
# A relative clause after it makes a thing in general, not a place in the list: "so it's the first
# thing I see", "the last thing we need".
_RELATIVE = re.compile(r"\s+(?:that\s+|which\s+)?(?:i|you|we|they|he|she)\b(?!['’])", re.IGNORECASE)


def _position(match: re.Match) -> int:
    """1 for the first, -1 for the last, -2 for the second to last."""
    if match.group("edge") or match.group("end"):
        return ORDINALS[(match.group("edge") or match.group("end")).casefold()]
    number = match.group("number") or match.group("hash")
    if number:
        return int(number) if number.isdigit() else CARDINALS[number.casefold()]
    ordinal = (match.group("ordinal") or match.group("lead") or match.group("what")).casefold()
    if re.fullmatch(_SECOND_LAST, ordinal):
        return -2
    return int(ordinal[:-2]) if ordinal[:1].isdigit() else ORDINALS[ordinal]


# "the first two", "the last 3 items": several places at one end of the list.
_SEVERAL = re.compile(rf"\b(?:the\s+|my\s+)?(?P<end>first|last|top|bottom)\s+(?P<count>two|three|four|five|[2-9])"
                      rf"(?P<thing>\s+(?:{THINGS}|ones|items|todos|tasks|things|entries)\b)?", re.IGNORECASE)


def _several(text: str, values: Sequence[str]) -> str:
    def swap(match: re.Match) -> str:
        if not match.group("thing") and not _SAID_OF_IT.match(text, match.end()):
            return match.group(0)  # "the first two weeks"
        count = CARDINALS.get(match.group("count").casefold()) or int(match.group("count"))
        if count > len(values):
            return match.group(0)
        chosen = values[:count] if match.group("end").casefold() in ("first", "top") else values[-count:]
        quoted = [f'"{v}"' for v in chosen]
        return ", ".join(quoted[:-1]) + f" and {quoted[-1]}"

    return _SEVERAL.sub(swap, text)


# "the last thing I added", "the most recent entry", "what I just put in": the newest value, at the list's end.
_NEWEST = re.compile(
    rf"\b(?:(?:the|my)\s+)?(?:(?:last|latest|newest|most\s+recent)\s+(?:{THINGS})(?:\s+(?:that|which))?"
    r"(?=\s+(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+)?(?:added|put|wrote|typed|entered|made|created|popped|stuck)\b)"
    r"(?:\s+(?:i|we)(?:'ve|\s+have)?\s+(?:just\s+)?(?:added|put|wrote|typed|entered|made|created|popped|stuck)"
    r"(?:\s+(?:in|on|down|up)\b)?(?:\s+(?:to\s+)?(?:the|my)\s+(?:list|todos?))?)"
    rf"|(?:latest|newest|most\s+recent)\s+(?:{THINGS}))"
    r"|\bwhat\s+(?:i|we)(?:'ve|\s+have)?\s+just\s+(?:added|put\s+in|put\s+on|wrote|typed|entered)\b"
    # "the thing I added most recently"
    rf"|\b(?:the|my)\s+(?:{THINGS})\s+(?:that\s+|which\s+)?(?:i|we)(?:'ve|\s+have)?\s+(?:added|put\s+in|entered)\s+"
    r"(?:most\s+recently|last)\b",
    re.IGNORECASE)


_NEIGHBOUR = re.compile(r"\bthe\s+(?:one|item|todo|task|thing|entry)\s+(?:just\s+|right\s+|directly\s+)?"
                        r"(?P<side>before|after|above|below|under|over|afore)\s+(?:the\s+)?[\"'“‘]?", re.IGNORECASE)


# "second from the bottom", "the 3rd one from the end": counted from the list's end.
_FROM_THE_END = re.compile(rf"\b(?:(?:the|my)\s+)?(?P<ordinal>{_ORDINAL})(?:\s+(?:{THINGS}))?\s+from\s+(?:the\s+)?(?:bottom|end)"
                           r"(?:\s+of\s+(?:the|my)\s+(?:list|todos?))?\b", re.IGNORECASE)


def _from_the_end(text: str, values: Sequence[str]) -> str:
    def swap(match: re.Match) -> str:
        ordinal = match.group("ordinal").casefold()
        if re.fullmatch(_SECOND_LAST, ordinal) or ordinal not in ORDINALS and not ordinal[:1].isdigit():
            return match.group(0)
        count = int(ordinal[:-2]) if ordinal[:1].isdigit() else ORDINALS[ordinal]
        return f'"{values[-count]}"' if 0 < count <= len(values) else match.group(0)

    return _FROM_THE_END.sub(swap, text)


# "the middle one": the one with as many before it as after it (a list of an odd length has one).
_MIDDLE = re.compile(rf"(?:\bthe\s+|^\s*)middle\s+(?:{THINGS})\b", re.IGNORECASE)  # "middle one, park it at the bottom"


def _neighbours(text: str, values: Sequence[str]) -> str:
    """"the one before phone ma maw", "the one afore ma maw", "tick the one below eggs": the listed value next to
    the one the words after it name (the most of them that name one value), quoted."""
    found = list(_NEIGHBOUR.finditer(text))
    if len(found) != 1:
        return text
    match = found[0]
    words = re.findall(r"\S+", re.split(r"[,;.!?\"'”’]", text[match.end():])[0])
    for count in range(len(words), 0, -1):
        said = " ".join(words[:count]).casefold()
        named = [n for n, v in enumerate(values) if re.search(rf"(?<!\w){re.escape(said)}(?!\w)", v.casefold())]
        if len(named) == 1:
            break
    else:
        return text
    side = match.group("side").casefold()
    index = named[0] - 1 if side in ("before", "above", "over", "afore") else named[0] + 1
    if not 0 <= index < len(values):
        return text
    end = match.end() + text[match.end():].casefold().index(said) + len(said)
    end += 1 if text[end:end + 1] in "\"'”’" else 0
    return f'{text[:match.start()]}"{values[index]}"{text[end:]}'


def resolve_positions(text: str, listed: Sequence[str]) -> str:
    """Each position reference replaced by the listed value it points at, quoted; one past the end
    of the list, or a place where something goes, stays as said. "The first two" is both."""
    values = [v for v in listed if v.strip()]
    if not values:
        return text
    text = _NEWEST.sub(lambda _: f'"{values[-1]}"', _several(_neighbours(_from_the_end(text, values), values), values))
    if len(values) % 2:
        text = _MIDDLE.sub(lambda _: f'"{values[len(values) // 2]}"', text)

    def swap(match: re.Match) -> str:
        where = match.group("number") or match.group("hash") or match.group("edge")
        if _PLACE_AFTER.match(text, match.end()) or (where and _PLACE_BEFORE.search(text, 0, match.start())):
            return match.group(0)  # "move walk the dog to number 3": where it goes, not which todo
        if match.group("ordinal") and not match.group("thing") and not _SAID_OF_IT.match(text, match.end()):
            return match.group(0)  # "pack the first aid kit"
        if _RELATIVE.match(text, match.end()):
            return match.group(0)  # "so it's the first thing I see"
        if _WHEN.search(text, 0, match.start()) and not match.group("thing"):
            return match.group(0)  # "cancel the gym membership before the 1st": a date

        position = _position(match)
        index = position - 1 if position > 0 else len(values) + position
        return f'"{values[index]}"' if 0 <= index < len(values) else match.group(0)

    return _POSITION.sub(swap, text)


def _clause_of(text: str, match: re.Match) -> str:
    """The clause the match is in: from the mark before it to the mark after it."""
    start = max((m.end() for m in re.finditer(r"[,;.!?]", text[:match.start()])), default=0)
    after = re.search(r"[,;.!?]", text[match.end():])
    return text[start:match.end() + after.start()] if after else text[start:]


def _without_things(clause: str, calls: list[ToolCall], tools: dict[str, Tool],
                    values_of_app: Callable[[str], Sequence[str]]) -> str:
    apps = {tool.app for call in calls if (tool := tools.get(call.tool)) is not None and tool.app}
    for thing in sorted({v for app in apps for v in values_of_app(app) if v.strip()}, key=len, reverse=True):
        clause = re.sub(re.escape(thing), " ", clause, flags=re.IGNORECASE)
    return clause


def place_at_end(calls: list[ToolCall], tools: dict[str, Tool], text: str,
                 values_of_app: Callable[[str], Sequence[str]]) -> list[ToolCall]:
    """"move renew passport to the very bottom": the last place is the length of the tool's app's
    list, which the request does not say and the model, offered any number, guesses (2 for a list
    of 5). Likewise the top is 1, whatever count the request also says ("I still owe two of them").
    A number the request names as the place ("to number 3") is never overridden."""
    if _TO_THE_TOP.search(text) and not _TO_THE_END.search(text) and not _NUMBERED_PLACE.search(text):
        at_top = True
    elif (end := _TO_THE_END.search(text)) and not any(n != 1 for n in named_numbers(_without_things(
            _clause_of(text, end), calls, tools, values_of_app))):
        # 1: "from the top to the bottom"; a number in another clause is no place ("…, is only day 30"),
        # nor one in the thing moved ("put haul 40 bales down at the bottom")
        at_top = False
    else:
        return calls
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        field = tool.params.model_fields.get(POSITION_FIELD) if tool is not None and tool.app else None
        listed = [v for v in values_of_app(tool.app) if v.strip()] if field is not None else []
        if field is not None and field.annotation is int and listed and POSITION_FIELD in call.args:
            call = ToolCall(call.tool, {**call.args, POSITION_FIELD: 1 if at_top else len(listed)})
        settled.append(call)
    return settled

# A place said right after a thing: "at number 3", "(up) to position 2", "at the top", "in third place", "second".
_PLACE_SAID = (r"(?:\s+(?:up|down|back))?\s+(?:at|to|in|into|as)\s+(?:the\s+)?(?:(?:number|no\.?|position|spot|place|slot)\s*#?(?P<number>" + _NUMBER
               + r")|(?P<ordinal>" + "|".join(w for w in ORDINALS if w not in ("top", "bottom"))
               + r")\s+(?:place|position|spot|slot)|(?:very\s+)?(?P<edge>top|bottom|end))\b"
               # "put pay window cleaner second on the list": the ordinal alone, ending the clause.
               + r"|\s+(?P<bare>" + "|".join(w for w in ORDINALS if w not in ("top", "bottom")) + r")"
               + r"(?=\s*(?:$|[,;.!?]|(?:on|in)\s+(?:the|my)\b|please\b|pls\b))")


def moved_not_added(calls: list[ToolCall], tools, text: str,
                    values_of_app: Callable[[str], Sequence[str]]) -> list[ToolCall]:
    """"put ring grandma at number 3 on the list", when "ring grandma" is on the list already: the
    user moves it, they do not add it twice. An adding call whose text is one of its app's things
    with a place said right after it becomes that app's move (the tool with a position field)."""
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        value = next(iter(call.args.values()), None) if len(call.args) == 1 else None
        mover = next((t for t in tools if tool is not None and t.app == tool.app and POSITION_FIELD in t.params.model_fields),
                     None) if tool is not None and tool.app and ADDING in tool.name.split("_") else None
        if mover is None or not isinstance(value, str):
            settled.append(call)
            continue
        listed = [v for v in values_of_app(tool.app) if v.strip()]
        for thing in sorted(listed, key=len, reverse=True):
            # Quoted or not ("put 'write tests' in second place"), but not the end of another word.
            said = re.search(r"(?<!\w)(?<!\w['’])" + re.escape(thing) + r"[\"'”’]?(?:" + _PLACE_SAID + ")", text,
                             re.IGNORECASE)
            if said and value.casefold().startswith(thing.casefold()):
                item = next(n for n, f in mover.params.model_fields.items() if f.annotation is str)
                moved = {item: thing, POSITION_FIELD: _place(said, len(listed))}
                if _valid(mover, moved):
                    call = ToolCall(mover.name, moved)
                break
        settled.append(call)
    return settled


# "put it first, it's the 10th already", "… they land at 6 am": a date or a clock time, no place in the list.
_DATE_OR_TIME = re.compile(r"\b(?:it'?s|its|today'?s|today\s+is|on|by|before|after|until|due)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b"
                           r"|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock)(?!\w)|\b\d{1,2}:\d{2}\b"
                           # "… i got a session with it at 2": the hour of something happening
                           r"|\b(?:session|meeting|appointment|gig|class|lesson|shift|practice|rehearsal|game|show)\b"
                           r"[^.!?,;]{0,30}?\bat\s+\d{1,2}\b", re.IGNORECASE)


def place_said_of_it(calls: list[ToolCall], tools, text: str,
                     values_of_app: Callable[[str], Sequence[str]]) -> list[ToolCall]:
    """"the second one, put it first. payroll is more urgent" planned with position 25 (from "payroll for the
    25th"): a move's place that the request says only inside one of the listed things is the place said of
    "it" or of the thing moved ("put it first", "move X to the top")."""
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        position = call.args.get(POSITION_FIELD)
        item = next((v for k, v in call.args.items() if k != POSITION_FIELD and isinstance(v, str)), None)
        if tool is None or not tool.app or not isinstance(position, int) or not isinstance(item, str):
            settled.append(call)
            continue
        listed = [v for v in values_of_app(tool.app) if v.strip()]
        outside = text
        for thing in sorted(listed, key=len, reverse=True):
            outside = re.sub(re.escape(thing), " ", outside, flags=re.IGNORECASE)
        outside = _DATE_OR_TIME.sub(" ", outside)
        said = re.search(r"(?:\b(?:it|that|this)|(?<!\w)" + re.escape(item) + r"[\"'”’]?)(?:" + _PLACE_SAID + ")", text,
                         re.IGNORECASE)
        if said and not re.search(rf"(?<!\d){position}(?!\d)", outside) and _place(said, len(listed)) != position:
            call = ToolCall(call.tool, {**call.args, POSITION_FIELD: _place(said, len(listed))})
        settled.append(call)
    return settled


def _valid(tool: Tool, args: dict) -> bool:
    try:
        tool.params.model_validate(args)
    except ValueError:
        return False
    return True


def _place(said: re.Match, length: int) -> int:
    if said.group("number"):
        number = said.group("number")
        return int(number) if number.isdigit() else CARDINALS[number.casefold()]
    ordinal = said.group("ordinal") or said.group("bare")
    if ordinal:
        position = ORDINALS[ordinal.casefold()]
        return position if position > 0 else length + 1 + position
    return 1 if said.group("edge").casefold() == "top" else length


def one_move_per_thing(calls: list[ToolCall]) -> list[ToolCall]:
    """"that one at the bottom is the most urgent, bump it up to the top", planned as a move up one place and
    a move to the top: two moves of one thing in one request end where the last one puts it."""
    def moved(call: ToolCall) -> tuple[str, str] | None:
        item = call.args.get("item")
        return (call.tool, item.casefold()) if POSITION_FIELD in call.args and isinstance(item, str) else None

    last = {key: n for n, c in enumerate(calls) if (key := moved(c)) is not None}
    return [c for n, c in enumerate(calls) if (key := moved(c)) is None or last[key] == n]


def not_added_where_moved(calls: list[ToolCall], tools) -> list[ToolCall]:
    """"put text the girls the rota second, just under the bleach one", planned as the move and, from a later
    reading, an add of "text the girls the rota second": a thing the plan has moved is not added after, with or
    without the place said after it. ("add pay council tax and put it on top" adds first, then moves.)"""
    settled: list[ToolCall] = []
    moved: list[str] = []
    for call in calls:
        tool = tools.get(call.tool)
        value = next(iter(call.args.values()), None) if len(call.args) == 1 else None
        if (tool is not None and ADDING in tool.name.split("_") and isinstance(value, str)
                and any(value.casefold() == thing or re.fullmatch(re.escape(thing) + f"(?:{_PLACE_SAID})", value, re.IGNORECASE)
                        for thing in moved)):
            continue
        if POSITION_FIELD in call.args and isinstance(call.args.get("item"), str):
            moved.append(call.args["item"].casefold())
        settled.append(call)
    return settled
