"""The request's references to the open app's state, settled without a model.

- "tick off the first item" / "the last one" / "item 2" become the state value they point at,
  before the model sees the request;
- an argument the model cut short ("mum" for the todo "call mum") is widened to the state value
  the request named, a free-text one to the plain words around it ("plumber" -> "call the plumber");
- a new thing runs to the end of its clause, before where it goes ("add book flights for the wedding
  to my list" copied as "book flights");
- two arguments the model swapped (the new text where the todo goes) are put back;
- a list the model stopped short in ("mark milk and eggs as done" planned for milk only) gets one
  call per item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import ValidationError

from whittle.agent.calls import ToolCall
from whittle.agent.grammar import (
    DASH,
    DEED_VERBS,
    EDGE_WORDS,
    MAX_CALLS,
    NOUNS,
    dash_joins,
    request_words,
    with_inner_dashes,
)
from whittle.agent.new_names import NAME_FIELD, name_given
from whittle.agent.positions import ORDINALS, resolve_positions
from whittle.agent.request_form import (
    ADD_LABELS,
    GERUND,
    NEW_LABELS,
    QUOTED_TEXT,
    SYNONYMS,
    TODO_KIND,
    WHOLE_RUN_VERBS,
    back_to_nowhere,
    led_by_one_of,
    misspelt_verb,
    quoted_marks_hidden,
    quoted_marks_shown,
    quoted_texts,
    stem,
)
from whittle.agent.search_topic import search_topic
from whittle.agent.select import ADDING, ALL_VERBS, NAMING_NOUNS, kind_nouns
from whittle.agent.spans import (
    JOIN,
    said_only_inside,
    said_together,
    without_trailing_edge_words,
    without_trailing_symbols,
)
from whittle.agent.step_values import (
    ANALYSIS_STEP,
    aspects_compared,
    aspects_without_articles,
    one_value_per_step,
    step_named,
    value_assigned,
    value_labelled,
    with_request_punctuation,
    without_step_echo,
    without_trailing_marks,
)
from whittle.tools import Tool

ARTICLES = frozenset({"the", "a", "an"})


def resolve_references(text: str, state_values: Sequence[str], marked: Sequence[str] = ()) -> str:
    """Replace "the first item", "the last one", "item 2" (agent/positions.py), "the smoke alarm
    one", "the one I ticked off" and "the other one" by the state value they point at, quoted.

    marked: the values in their marked state (the todos done, the active profile)."""
    values = [v for v in state_values if v.strip()]
    if not values:
        return text
    text = resolve_marked(text, values, [v for v in marked if v in values])
    text = _acting_thing_done(text, values)
    if len(values) == 1 and values[0].casefold() not in text.casefold():
        text = _ACTED_ON_IT.sub(lambda m: f'{m.group(1)} "{values[0]}"', text)
    text = _DISTINCT_ONE.sub(lambda m: _one_named(m, values), resolve_positions(text, values))
    text = _LEADING_ONE.sub(lambda m: _one_named(m, values), text)
    return _ONE_ABOUT.sub(lambda m: _one_about(m, values), text)


# "change water filter pedicure spa done": a thing whose words start with an action word, reported done.
_REPORTED_DONE = re.compile(r"\s+(?:is\s+|was\s+)?(?:done|finished|completed?|sorted)(?:\s+already)?\s*(?:[.!]*$|[,;.!]\s.*$)",
                            re.IGNORECASE)


def _acting_thing_done(text: str, values: Sequence[str]) -> str:
    """'change water filter pedicure spa done' is 'tick "change water filter pedicure spa"': the thing's own
    first word asks for nothing."""
    done = _REPORTED_DONE.search(text)
    said = text[:done.start()].strip() if done else ""
    thing = next((v for v in values if v.casefold() == said.casefold()), None)
    if thing is None or stem(thing.split()[0].casefold()) not in ALL_VERBS:
        return text
    return f'tick "{thing}"'


# "Could you tick it off for me?" with one thing on the list: "it" is that thing.
_ACTED_ON_IT = re.compile(r"\b(tick|mark|cross|check|delete|remove|bin|complete|untick|reopen|edit|change|rename)\s+"
                          r"(?:it|that(?:\s+one)?|this(?:\s+one)?)\b(?!\s+(?:is|was|'s)\b)", re.IGNORECASE)
_MARKING = r"(?:ticked|checked|marked|crossed|completed|finished|did|done)"
# "the one I ticked off", "the done one", "the one that's marked done": the one value marked.
_THE_MARKED = re.compile(
    r"\bthe\s+(?:one|item|todo|task)\s+(?:that\s+|which\s+)?(?:i|you|we)(?:'ve|\s+have)?\s+(?:just\s+|already\s+)?"
    + _MARKING + r"(?:\s+(?:off|as\s+done|done|complete))?\b"
    r"|\bthe\s+(?:done|ticked|ticked[- ]off|checked|completed|finished)\s+(?:one|item|todo|task)\b"
    r"|\bthe\s+one\s+(?:that's|that\s+is|which\s+is)\s+(?:marked\s+)?(?:done|ticked(?:\s+off)?|completed|finished)\b",
    re.IGNORECASE)
# "i ticked one off by mistake": one of them, the one value marked.
_ONE_MARKED = re.compile(r"\b(ticked|checked|marked|crossed)\s+one\b", re.IGNORECASE)
# "swap to the other one": of two, the one not marked (not the active profile).
_THE_OTHER = re.compile(r"\bthe\s+other\s+(?:one|profile|workspace|item|todo|task)\b", re.IGNORECASE)


def says_the_marked_one(text: str) -> bool:
    """The request points at a thing by its mark: "the one I ticked off", "i ticked one off by mistake"."""
    return bool(_THE_MARKED.search(text) or _ONE_MARKED.search(text))


def resolve_marked(text: str, values: Sequence[str], marked: Sequence[str]) -> str:
    """"the one I ticked off" is the one marked value; "the other one", of two, the one not marked."""
    if len(marked) == 1:
        text = _THE_MARKED.sub(f'"{marked[0]}"', text)
        text = _ONE_MARKED.sub(lambda m: f'{m.group(1)} "{marked[0]}"', text)
    unmarked = [v for v in values if v not in marked]
    if len(values) == 2 and len(unmarked) == 1:
        text = _THE_OTHER.sub(f'"{unmarked[0]}"', text)
    return text


# "the smoke alarm one": the one state value holding these words.
# "the smoke alarm one"; leading a sentence, typed without the article: "boiler one's sorted, tick it".
_ONE_NAMED = r"((?:[\w'-]+\s+){0,2}?[\w'-]+)\s+(?:one|thing)\b(?P<is>'s)?"
_DISTINCT_ONE = re.compile(r"\b(?:the|that)\s+" + _ONE_NAMED, re.IGNORECASE)
_LEADING_ONE = re.compile(r"(?:^\s*|(?<=[,;:.!?]\s))(?!(?:the|that|this|a|an|which|what|no|any|each|every|some)\b)"
                          + _ONE_NAMED, re.IGNORECASE)


def _one_named(match: re.Match, values: Sequence[str]) -> str:
    said = [stem(w) for w in re.findall(r"[\w'-]+", match.group(1).casefold())]
    if any(w in ORDINALS or w in ALL_VERBS for w in said):
        return match.group(0)
    holders = [v for v in values if set(said) <= {stem(w) for w in re.findall(r"[\w'-]+", v.casefold())}]
    return f'"{holders[0]}"' + (" is" if match.group("is") else "") if len(holders) == 1 else match.group(0)


# "the one about the vet": the one state value holding the words after "about" (up to three).
_ONE_ABOUT = re.compile(r"\b(?:the|that)\s+one\s+(?:about|abt|with|for|mentioning|saying)\s+(?:(?:the|my|a|an)\s+)?"
                        r"([\w'-]+(?:\s+[\w'-]+){0,2})", re.IGNORECASE)


def _one_about(match: re.Match, values: Sequence[str]) -> str:
    """The longest run of the words said after "about" that only one value holds; the words after it stay."""
    said = match.group(1).split()
    for count in range(len(said), 0, -1):
        stems = {stem(w.casefold()) for w in said[:count]}
        holders = [v for v in values if stems <= {stem(w) for w in re.findall(r"[\w'-]+", v.casefold())}]
        if len(holders) == 1:
            rest = " ".join(said[count:])
            return f'"{holders[0]}"' + (f" {rest}" if rest else "")
    return match.group(0)


def snap_to_state(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """Widen a string argument to the state value the request named: "erase call mum" copied as
    "mum" means the todo "call mum" (a small model drops leading words). Only when exactly one
    state value named in the request contains it; otherwise the argument stays as copied."""
    lowered = text.casefold()
    named = [v for v in state_values if v.strip() and v.casefold() in lowered]
    snapped = []
    for call in calls:
        args = dict(call.args)
        for key, value in args.items():
            if isinstance(value, str) and value.strip():
                holders = [v for v in named if value.casefold() in v.casefold()]
                # "task call mum": the value plus words that only say what kind of thing it is.
                held = [v for v in named if v.casefold() in value.casefold()
                        and set(value.casefold().replace(v.casefold(), " ").split()) <= NOUNS | EDGE_WORDS]
                if len(holders) == 1 and value.casefold() != holders[0].casefold():
                    args[key] = holders[0]
                elif len(held) == 1 and value.casefold() != held[0].casefold():
                    args[key] = held[0]
        snapped.append(ToolCall(call.tool, args))
    return snapped


_LIST_JOIN = re.compile(r"^[\"'”’]?\s*" + JOIN, re.IGNORECASE)  # after an item, past its closing quote
# Between two things already listed, texting's "n" joins too ("tick off milk n eggs"); a new thing's "n" is
# its own ("add bread n snags for the bbq").
_LISTED_JOIN = re.compile(r"^[\"'”’]?\s*(?:" + JOIN + r"|\s+n\s+)", re.IGNORECASE)


# Words that start a reason or a condition, never a list item: "…, since things are getting busy".
_REASONS = frozenset({"since", "because", "cos", "coz", "cause", "though", "although", "while", "unless", "as"})


# Verbs that tell what a thing does or is, said after it without a subject: no second item.
SAYS_HOW_IT_IS = frozenset("expires expired needs is was has ends ends runs closes opens starts due goes costs".split())


_DETERMINERS = frozenset({"the", "a", "an", "my", "our", "his", "her", "their", "your", "some"})


# Someone or something and what they do or are, opening a sentence: "the bag is almost empty", "my wife keeps
# reminding me", "the group wants to shop there" (a remark after a thing, not another thing).
SOMEONE_DOING = (r"^\s*(?:the|my|our|his|her|their|your)\s+\w+(?:\s+\w+)?\s+(?:is|are|was|were|'s|has|have|had|keeps|wants|"
                 r"needs|loves|likes|says|said|goes|went|gets|got|ran|broke|told)\b")
_TOLD_NEXT = re.compile(SOMEONE_DOING, re.IGNORECASE)


def _next_item(rest: str, state_values: Sequence[str], free_text: bool) -> str | None:
    """The list item that follows a joiner: a state value, a quoted text, or (free text) up to 3 plain words."""
    quoted = QUOTED_TEXT.match(rest)
    if quoted:
        return quoted.group(1)
    for value in sorted(state_values, key=len, reverse=True):
        if value.strip() and re.match(re.escape(value) + r"\b", rest, re.IGNORECASE):
            return rest[: len(value)]
    if not free_text:
        return None
    taken = []
    words = request_words(rest)
    if words[1:2] and words[1].casefold() in {"it", "them", "this", "that"}:
        return None  # "…, call it Accounts": a verb and its object, not another item
    if words and words[0].casefold() in SAYS_HOW_IT_IS:
        return None  # "renew bus pass, expires next wk": what the thing does, not another item
    if _TOLD_NEXT.match(rest):
        return None  # "buy ração for Thor, the bag is almost empty": how something is, not another item
    # A phrase of its own, to the clause's end: a word then "the" ("add order veal stock and call the fish guy"), or
    # a deed with its "for …" ("add buy fuel for gen and call supplier for earpiece").
    if (len(words) > 2 and words[1].casefold() in _DETERMINERS and words[0].casefold() not in _DETERMINERS) or (
            words and words[0].casefold() in DEED_VERBS and stem(words[0].casefold()) not in ALL_VERBS):
        phrase = re.split(r"[,.;:!?()]|\s(?:and|then|but|so|because|cos)\s", rest, maxsplit=1)[0]
        phrase = without_trailing_edge_words(_POLITE_END.sub("", _DESTINATION.sub("", phrase))).strip()
        if 2 < len(phrase.split()) <= MAX_THING_WORDS:
            return phrase
    if words and words[0].casefold() in ARTICLES and len(words) > 1:
        taken, words = [words[0]], words[1:]  # "add sunscreen and a towel": the article is the item's
    # "add bread and a tin of primer": a measure "of" what it holds is one thing.
    if len(words) > 2 and words[1].casefold() == "of" and words[2].casefold() not in EDGE_WORDS | ARTICLES:
        words = [" ".join(words[:3]), *words[3:]]
    for word in words[:3]:
        lowered = word.casefold()
        if (lowered in EDGE_WORDS or lowered in NOUNS or lowered in _REASONS or lowered in {"and", "pls", "please", "plz"}
                or (not taken and stem(lowered) in ALL_VERBS)):
            break  # "add bread and mark milk done": what follows is another action, not a second todo
        taken.append(word)
    return " ".join(taken) if taken and taken[-1].casefold() not in ARTICLES else None


def _item_before(before: str, state_values: Sequence[str]) -> str | None:
    """The state value listed right before an item: "pay council tax" in "pay council tax and book MOT"."""
    for value in sorted((v for v in state_values if v.strip()), key=len, reverse=True):
        if re.search(r"(?<![\w'])" + re.escape(value) + r"[\"'”’]?\s*" + JOIN + r"[\"'“‘]?$", before, re.IGNORECASE):
            return value
    return None


def expand_lists(calls: list[ToolCall], tools: dict[str, Tool], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"mark milk and eggs as done" planned as one call for milk: add the same call for eggs.

    A small model often stops after the first item of a list. When a call's only argument is a
    string copied from the request and the request goes on with ", X" or "and X" right after it,
    X gets the same call — X must be one of the app's state values, or, for an argument that is
    free text (a new todo), plain words of the request. Calls already planned are not repeated.
    """
    found = list(calls)
    quoted_things = {q.casefold() for q in quoted_texts(text)}  # "Add 'buy rashers and sausages' and …": one thing
    for call in calls:
        if len(call.args) != 1:
            continue
        (key, value), = call.args.items()
        listed = isinstance(value, str) and value.casefold() not in quoted_things
        parts = [p.strip() for p in re.split(JOIN, value, flags=re.IGNORECASE) if p.strip()] if listed else []
        if len(parts) > 1 and value not in state_values and not any(stem(p.split()[0].casefold()) in ALL_VERBS for p in parts):
            # "milk and eggs" copied as one todo: the user listed two.
            index = found.index(call)
            found[index:index + 1] = [ToolCall(call.tool, {key: p}) for p in parts[:MAX_CALLS]]
            continue
        (key, value), = call.args.items()
        if not isinstance(value, str) or not value.strip():
            continue
        free_text = value not in state_values
        at = text.casefold().find(value.casefold())
        position = found.index(call)
        before = _item_before(text[:at], state_values) if not free_text and at > 0 else None
        if before is not None and ToolCall(call.tool, {key: before}) not in found and len(found) < MAX_CALLS:
            found.insert(position, ToolCall(call.tool, {key: before}))  # "both pay council tax and book MOT"
            position += 1
        while at >= 0:
            rest = text[at + len(value):]
            joiner = (_LIST_JOIN if free_text else _LISTED_JOIN).match(rest)
            item = _next_item(rest[joiner.end():], state_values, free_text) if joiner else None
            # 'search for "staging creds", pretty sure …': after a quoted thing, only another quoted one is listed.
            quoted = at > 0 and text[at - 1] in "\"“'‘"
            if quoted and joiner and not re.match(r"\s*[\"“'‘]", rest[joiner.end():]):
                item = None
            if item is None:
                break
            extra = ToolCall(call.tool, {key: item})
            try:
                tools[call.tool].params.model_validate(extra.args)
            except ValidationError:
                break
            if extra not in found and len(found) < MAX_CALLS:
                position += 1
                found.insert(position, extra)
            at = text.casefold().find(item.casefold(), at + len(value) + joiner.end())  # past a quote too
            value = item
    return found


def extend_to_clause_end(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"rename milk to oat milk" copied as "oat": a free-text argument that stops one or two words
    short of the end of the request (only plain words left, no edge words) takes them too."""
    extended = []
    for call in calls:
        args = dict(call.args)
        for key, value in args.items():
            if not isinstance(value, str) or not value.strip() or value in state_values:
                continue
            at = text.casefold().rfind(value.casefold())
            if at < 0:
                continue
            rest = request_words(text[at + len(value):])
            # "add water the garden": an article may sit inside the rest, not end it.
            plain = all((w.casefold() not in EDGE_WORDS or (w.casefold() in ARTICLES and i < len(rest) - 1))
                        and w.casefold() not in NOUNS and w.casefold() != "and" for i, w in enumerate(rest))
            # A sign between words ("wash + fold laundry") is no word of its own.
            counted = [w for w in rest if any(c.isalnum() for c in w)]
            if (rest and len(counted) <= 2 + sum(w.casefold() in ARTICLES for w in rest) and plain
                    and text[at + len(value):at + len(value) + 1] == " "):
                # "rename electricity bill to electricity bill - BSES": a dash inside the rest is kept.
                tail = re.sub(r"\s+", " ", text[at + len(value):].strip().rstrip(".!?,;"))
                args[key] = f"{value} {tail if request_words(tail) == rest else ' '.join(rest)}"
        extended.append(ToolCall(call.tool, args))
    return extended


# Where a new thing goes, said after it ("… to my todo list", "… on the list please"): not part of it.
_DESTINATION = re.compile(
    r"\s+(?:to|on|onto|in|into)\s+(?:my|the|our)?\s*(?:to-?\s?do|todo|todos|task|tasks|list|lists)(?:\s+(?:lists?|thing|things|app|page))?"
    r"(?:\s+(?:please|pls|plz|thanks|thx|ty|cheers|now))*\s*[.!]*\s*$", re.IGNORECASE)
_POLITE_END = re.compile(r"(?:[\s,]+(?:please|pls|plz|thanks|thx|ty|cheers|thank you|now))+\s*[.!]*\s*$", re.IGNORECASE)
MAX_TRAILING_WORDS = 6
STOP_WORDS = frozenset({"to", "into", "onto", "on", "in", "at", "and", "then", "but", "so", "because"})
PREPOSITIONS = frozenset({"to", "into", "onto", "on", "in", "at"})


# The verbs that add a new thing, as typed before it.
# "throw on there pick up rolls": thrown on or in, a thing is added ("throw out the milk" deletes it).
ADDING_VERB = re.compile(r"\b(?:add|put|stick|jot(?:\s+down)?|note(?:\s+down)?|write\s+down|append|insert|"
                         r"throw(?=\s+(?:on|in|onto)\b))\s+", re.IGNORECASE)


def not_the_kind(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """"stick dentist for tom thurs 4pm on the todo list" copied as "todo": the kind of thing is not
    the thing. The thing is what follows the adding verb, up to where it goes."""
    verb = ADDING_VERB.search(text)
    rest = re.split(r"[,;:.!?\"“”()–—]|\s-\s", text[verb.end():], maxsplit=1)[0] if verb else ""
    thing = without_trailing_edge_words(_POLITE_END.sub("", _DESTINATION.sub("", rest)))
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        if (tool is not None and ADDING in tool.name.split("_") and len(fields) == 1 and thing
                and call.args[fields[0]].strip().casefold() in NOUNS | ARTICLES):
            call = ToolCall(call.tool, {**call.args, fields[0]: thing})
        elif tool is not None and ADDING in tool.name.split("_") and len(fields) == 1:
            # "create profile Lab and switch to it" copied as "profile Lab": the kind named before the thing.
            first, _, rest = call.args[fields[0]].strip().partition(" ")
            if (rest.strip() and first.casefold() in kind_nouns(tool) & NAMING_NOUNS
                    and call.args[fields[0]].strip() not in quoted_texts(text)):
                call = ToolCall(call.tool, {**call.args, fields[0]: rest.strip()})
        settled.append(call)
    return settled


# A colon or a full stop ends a clause, except inside a time or a number ("15th 10:00", "10.30").
_CLAUSE_MARK = r"(?<!\d)[:.]|[:.](?!\d)"


def _first_part(text: str, marks: str) -> str:
    """The text up to the first of the marks, a title's stop ("Fr. Murphy") and marks inside quotes not counted."""
    return text[:len(re.split(marks, quoted_marks_hidden(text), maxsplit=1)[0])]


def whole_new_thing(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """"add book flights for the wedding to my todo list" copied as "book flights": a new thing (a
    todo_add / profile_add text) runs to the end of its clause, before where it goes ("to my todo
    list") and any "please". A small model stops at the first edge word; the user's words after it
    ("for the wedding") are the thing's, unless they say where or start another part ("and", "to")."""
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        if tool is None or ADDING not in tool.name.split("_") or not fields:
            settled.append(call)
            continue
        # "… bins pls", "… subaward budget 🙂": not the thing's words; "thx" alone is no thing at all.
        if _POLITE_END.fullmatch(" " + call.args[fields[0]]):
            continue
        value = without_trailing_symbols(_POLITE_END.sub("", call.args[fields[0]])) or call.args[fields[0]]
        call = ToolCall(call.tool, {**call.args, fields[0]: value})
        found = re.search(r"(?<![\w'])" + re.escape(value) + r"(?![\w'])", text, re.IGNORECASE) if value.strip() else None
        if found is None:
            settled.append(call)
            continue
        rest = _first_part(text[found.end():], rf"[,;!?\"“”()–—]|{_CLAUSE_MARK}|\s-\s")
        before_destination = _DESTINATION.sub("", rest)
        # Before an explicit "to my list", a "to" is the thing's own: "redirect post to new address".
        edges = STOP_WORDS - PREPOSITIONS if before_destination != rest else STOP_WORDS
        rest = without_trailing_symbols(_POLITE_END.sub("", before_destination))
        words = request_words(rest)
        if (0 < len(words) <= MAX_TRAILING_WORDS and rest.startswith(" ")
                and not any((w.casefold() in edges and not _says_when(words[i + 1:])) or w.casefold() in NOUNS
                            for i, w in enumerate(words))):
            call = ToolCall(call.tool, {**call.args, fields[0]: f"{value}{rest.rstrip()}"})
        settled.append(call)
    return settled


# "swap shift with priya on the twenty third": a preposition before a day or a date says when, not where.
_WHEN_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january "
    "february march april may june july august september october november december jan feb mar apr jun jul aug sep "
    "sept oct nov dec tomorrow tonight today weekend morning afternoon evening noon midday next first second third "
    "fourth fifth tenth twentieth twenty thirty thirtieth end".split())


def _says_when(after: Sequence[str]) -> bool:
    following = [w.casefold() for w in after if w.casefold() not in ARTICLES]
    return bool(following) and (following[0] in _WHEN_WORDS or following[0][:1].isdigit())


_NOT_ONE_THING = re.compile(r",|&|\+|\b(?:and|then|but|so|because|or|also|plus)\b|[\"'“”‘’]", re.IGNORECASE)
MAX_THING_WORDS = 12


_KIND_FOR = re.compile(r"^(?:(?:a|an|the|new|another|separate|my)\s+)*(?:profile|workspace|space|account|one)\s+"
                       r"(?:for|called|named)\s+", re.IGNORECASE)


def whole_object_added(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """"add call priya on the twenty third" copied as "third", "add dentist for tom on friday to my
    list" as "tom on friday": when one new thing is added and the adding verb's object is one plain
    run of words (no list, no second clause, no quote), the thing is that whole object, up to where
    it goes and any "please"; the small model's span inside it is only a part."""
    adding = [c for c in calls if (tool := tools.get(c.tool)) is not None and ADDING in tool.name.split("_")]
    verb = ADDING_VERB.search(text)
    if len(adding) != 1 or verb is None:
        return calls
    rest = _first_part(text[verb.end():], rf"[,;!?()–—]|{_CLAUSE_MARK}|\s-\s")
    thing = without_trailing_edge_words(_POLITE_END.sub("", _DESTINATION.sub("", rest))).strip()
    thing = re.sub(r"\s+(?:there|here|in\s+there|on\s+there)$", "", thing, flags=re.IGNORECASE)  # "… there": where it goes
    thing = re.sub(r"^(?:down|up|in|on|that|for\s+me)\s+", "", thing, flags=re.IGNORECASE)  # "put down …": the verb's
    # "add todo buy ice 2 bag": the kind, before the thing.
    thing = re.sub(rf"^(?:(?:a|an|new|another)\s+)*(?:{TODO_KIND}|item)\s+(?=\S+\s+\S)", "", thing,
                   flags=re.IGNORECASE)
    [call] = adding
    fields = string_fields(tools.get(call.tool), call)
    if fields == [NAME_FIELD]:  # "add a profile for Agency": the kind and its "for" are not the name
        thing = _KIND_FOR.sub("", thing)
    if len(fields) != 1 or not thing or _NOT_ONE_THING.search(rest) or len(thing.split()) > MAX_THING_WORDS:
        return calls
    value = call.args[fields[0]].strip()
    # "add vendor payment for ABC Printers there" copied as "there": where it goes, not a part of the thing.
    pointer = value.casefold() in _ONLY_WHERE
    if not value or value.casefold() == thing.casefold() or (value.casefold() not in thing.casefold() and not pointer):
        return calls
    if request_words(thing)[0].casefold() in {"it", "that", "this", "them", "those", "these", "me", "to", "i", "we"}:
        return calls
    return [ToolCall(c.tool, {**c.args, fields[0]: thing}) if c is call else c for c in calls]


_ONLY_WHERE = frozenset({"there", "here", "in there", "on there", "it", "that", "this"})
PARTICLES = frozenset({"off", "down"})  # "tick off X", "write down X": the verb's, not the argument's
REMINDING = frozenset({"remind", "forget"})  # "remind me to order more ink", "don't forget to …": what follows is the thing
MAX_LEADING_WORDS = 3
_WORD_MARK = re.compile(r"[,;:.!?\"'“”‘’()]")


_VERB_PARTICLES = frozenset({"back", "up", "over", "off", "out", "down"})
_THINGS_TO_DO = frozenset({"todo", "task", "reminder"})


def _words_since_action(before: str) -> list[str] | None:
    """The plain words between the request's last action verb (or clause mark) and what follows
    `before`; None when no verb anchors them (the span may be the start of another sentence)."""
    gap: list[str] = []
    said = before.split()
    for index in range(len(said) - 1, -1, -1):
        raw = said[index]
        if _WORD_MARK.search(raw):
            return gap if _WORD_MARK.search(raw[-1]) else None
        # "todo: return library books": after the label every word is the todo's, a verb too.
        labelled = index == 1 and said[0].casefold().rstrip(":") in ADD_LABELS and said[0].endswith(":")
        # "add call back mr khan": a particle after a plain word is that word's ("call back"), no action.
        particle = raw.casefold() in _VERB_PARTICLES and index > 0 and said[index - 1].casefold() not in EDGE_WORDS \
            and stem(said[index - 1].casefold()) not in ALL_VERBS
        if (stem(raw.casefold()) in ALL_VERBS or raw.casefold() in REMINDING) and not labelled and not particle:
            return gap
        if raw.casefold() == "to" and index > 0 and said[index - 1].casefold() in _THINGS_TO_DO:
            return gap  # "I need a todo to print shipping labels": what follows "a todo to" is the thing
        gap.insert(0, raw)
    return None


def extend_to_clause_start(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"add call the plumber to my list" copied as "plumber", "go to the link graph" as "graph": a
    free-text argument that starts a few plain words after the action verb takes them too. A small
    model drops leading words; the words between the verb and the copy belong to it unless they
    say where or what kind ("to", "for", "profile called"), so only articles may sit inside."""
    named = _named_casefolded(text, state_values)
    extended = []
    for call in calls:
        args = dict(call.args)
        for key, value in args.items():
            if not isinstance(value, str) or not value.strip() or value.isdigit():
                continue
            if any(value.casefold() in v or v in value.casefold() for v in named):
                continue  # part of a todo the request names: snap_to_state's to settle, not this

            found = re.search(r"(?<![\w'])" + re.escape(value) + r"(?![\w'])", text, re.IGNORECASE)
            if found is None or not text[:found.start()].endswith(" "):
                continue
            gap = _words_since_action(text[:found.start()])
            while gap and (gap[0].casefold() in EDGE_WORDS or gap[0].casefold() in PARTICLES):
                gap.pop(0)
            if not gap or len(gap) > MAX_LEADING_WORDS:
                continue
            if any(w.casefold() in NOUNS or (w.casefold() in EDGE_WORDS and w.casefold() not in ARTICLES) for w in gap):
                continue
            args[key] = f"{' '.join(gap)} {text[found.start():found.end()]}"
        extended.append(ToolCall(call.tool, args))
    return extended


def deed_with_its_object(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"add buy kanelbullar and book laundry room" copied as "buy": a new thing that is only a deed's verb takes the
    words that follow it in the request, up to the next joiner or mark."""
    settled = []
    for call in calls:
        value = call.args.get(TEXT_FIELD)
        if isinstance(value, str) and value.strip().casefold() in DEED_VERBS:
            after = re.search(r"(?<![\w'])" + re.escape(value.strip()) + r"\s+([^,.;:!?]+?)(?=\s+(?:and|then|but|so|because)\b|"
                              r"\s*[,.;:!?]|\s*$)", text, re.IGNORECASE)
            if after and len(after.group(1).split()) <= MAX_THING_WORDS:
                call = ToolCall(call.tool, {**call.args, TEXT_FIELD: f"{value.strip()} {after.group(1)}"})
        settled.append(call)
    return settled


def _named_casefolded(text: str, state_values: Sequence[str]) -> set[str]:
    """The state values the request names (casefolded)."""
    return {v.casefold() for v in state_values if v.strip() and v.casefold() in text.casefold()}


def string_fields(tool: Tool | None, call: ToolCall) -> list[str]:
    """The tool's fields, in declared order, that the call fills with a string."""
    return [f for f in (tool.params.model_fields if tool else ()) if isinstance(call.args.get(f), str)]


def order_reference_first(calls: list[ToolCall], tools: dict[str, Tool], text: str,
                          state_values: Sequence[str]) -> list[ToolCall]:
    """"change eggs to free range eggs" planned as item="free range eggs", text="eggs": the first
    string field names what is acted on (a todo, a step) and later ones say the new value, so when
    only a later one holds a state value the request names, the two swap."""
    named = _named_casefolded(text, state_values)
    ordered = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        args = dict(call.args)
        if len(fields) >= 2 and args[fields[0]].casefold() not in named and not args[fields[0]].strip().isdigit():
            later = [f for f in fields[1:] if args[f].casefold() in named]
            if len(later) == 1:
                args[fields[0]], args[later[0]] = args[later[0]], args[fields[0]]
        ordered.append(ToolCall(call.tool, args))
    return ordered


_CLAUSE_END = re.compile(r"[,;.!?]")


def new_value_after_to(calls: list[ToolCall], tools: dict[str, Tool], text: str,
                       state_values: Sequence[str]) -> list[ToolCall]:
    """"rename call mum to call mum on her birthday" planned as text="birthday": when the first
    string field is a state value the request names and the request says "<it> to <words>", a
    later free-text field copied from those words is all of them (up to the clause's end)."""
    named = _named_casefolded(text, state_values)
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        args = dict(call.args)
        if len(fields) >= 2 and args[fields[0]].casefold() in named:
            # "X to Y", "X should say Y", "X should read Y": what follows is the new value.
            # "the second one change to …", "the second one make it say …", as topicalised: the verb after the thing.
            said = re.search(re.escape(args[fields[0]]) + r"[\"'”’]?,?\s+(?:(?:should|must|can|could)\s+)?"
                             r"(?:(?:change|rename|edit|update|amend)\s+(?:it\s+)?|(?:make|have)\s+it\s+)?"
                             r"(?:to\s+(?:say|read)|to|into|say|says|read|reads)\s+(.+)", text, re.IGNORECASE)
            quoted = QUOTED_TEXT.match(said.group(1)) if said else None  # 'Email Dr. Chen re: budget', stops and all
            clause = _CLAUSE_END.split(said.group(1))[0] if said else ""
            after = quoted.group(1) if quoted else with_inner_dashes(  # "… please" is no part of it, "- BSES" is
                clause, without_trailing_edge_words(clause), request_words(text[:said.start(1)]) if said else [])
            for field in fields[1:]:
                value = args[field]
                cut_short = value.casefold() not in named and value.casefold() in after.casefold() and len(after) > len(value)
                # "change call mum to call dad" copied as text="call mum": the new text is not the old one.
                repeated = value.casefold() == args[fields[0]].casefold()
                # "edit X to say Y" copied as "say Y": the words that say how are not the text.
                padded = after and value.casefold().endswith(after.casefold()) and set(
                    request_words(value[:len(value) - len(after)].casefold())) <= {"to", "say", "says", "read", "reads"}
                if after and (cut_short or repeated or padded) and after.casefold() != args[fields[0]].casefold():
                    args[field] = after
        settled.append(ToolCall(call.tool, args))
    return settled


def part_replaced(calls: list[ToolCall]) -> list[ToolCall]:
    """"change boiler service 10am thurs to 2pm thurs": a new text shorter than the todo and ending as it
    does replaces the todo's last words ("boiler service 2pm thurs"), not the whole todo."""
    settled = []
    for call in calls:
        old, new = call.args.get(ITEM_FIELD), call.args.get(TEXT_FIELD)
        if isinstance(old, str) and isinstance(new, str):
            before, after = old.split(), new.split()
            # "change buy oat milk to buy milk" starts as the todo does: a whole new text.
            if (1 < len(after) < len(before) and after[-1].casefold() == before[-1].casefold()
                    and after[0].casefold() != before[0].casefold()
                    and [w.casefold() for w in before[-len(after):]] != [w.casefold() for w in after]):
                call = ToolCall(call.tool, {**call.args, TEXT_FIELD: " ".join(before[:-len(after)] + after)})
        settled.append(call)
    return settled


def take_indefinite_article(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"so it says a dozen eggs" copied as "dozen eggs": a free-text argument right after "a"/"an"
    (itself after a plain word, not "for a"/"to a") is the noun phrase with its article."""
    values = {v.casefold() for v in state_values}
    settled = []
    for call in calls:
        args = dict(call.args)
        for key, value in args.items():
            if not isinstance(value, str) or not value.strip() or value.casefold() in values:
                continue
            found = re.search(r"(?:^|(\S+)\s+)(an?)\s+" + re.escape(value) + r"(?![\w'])", text, re.IGNORECASE)
            if found and (found.group(1) is None or found.group(1).casefold() not in EDGE_WORDS):
                args[key] = f"{found.group(2)} {value}"
        settled.append(ToolCall(call.tool, args))
    return settled


def settle(calls: list[ToolCall], tools: dict[str, Tool], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """The model's calls settled against the request and the state (each step documented above)."""
    calls = snap_to_state(calls, text, state_values)
    calls = extend_to_clause_end(calls, text, state_values)
    calls = deed_with_its_object(extend_to_clause_start(calls, text, state_values), text)
    calls = order_reference_first(calls, tools, text, state_values)
    calls = new_value_after_to(calls, tools, text, state_values)
    calls = take_indefinite_article(calls, text, state_values)
    calls = step_named(calls, text, state_values)
    calls = value_labelled(value_assigned(calls, text, state_values, tools), text, state_values)
    calls = aspects_without_articles(aspects_compared(calls, text, state_values))
    calls = all_after_label(calls, text)
    calls = whole_object_added(whole_new_thing(not_the_kind(calls, tools, text), tools, text), tools, text)
    calls = name_given(calls, tools, text)
    calls = search_topic(without_step_echo(with_request_punctuation(calls, text)), text)
    calls = part_replaced(word_swapped(calls, text, state_values))
    calls = one_thing_said_once(without_trailing_marks(one_value_per_step(calls, text)), tools, text)
    return drop_nested_copies(expand_lists(calls, tools, text, state_values), text)


ITEM_FIELD, TEXT_FIELD = "item", "text"
# "the invoice should go to Diana not Dana", "it's Zara at 4, not 3": the first word replaces the second.
_NOT_THAT = re.compile(r"(?<![\w'-])([\w'-]+)\s*,?\s+not\s+([\w'-]+)(?![\w'-])", re.IGNORECASE)


def word_swapped(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """An edit said as "X not Y", where Y is a word of exactly one of the app's things: that thing,
    with Y replaced by X ("send invoice to Dana" becomes "send invoice to Diana")."""
    said = _NOT_THAT.search(text)
    if not said or not any(set(c.args) == {ITEM_FIELD, TEXT_FIELD} for c in calls):
        return calls
    quoted = quoted_texts(text)
    if any(set(c.args) == {ITEM_FIELD, TEXT_FIELD} and c.args[TEXT_FIELD] in quoted for c in calls):
        return calls  # "change 'X' to 'email the Italian group', they are Italians not Spanish": the new text as typed
    new, old = said.groups()
    word = re.compile(r"(?<![\w'-])" + re.escape(old) + r"(?![\w'-])", re.IGNORECASE)
    holders = [v for v in state_values if word.search(v)]
    if len(holders) == 1 and re.search(r"(?<![\w'-])" + re.escape(new) + r"(?![\w'-])", holders[0], re.IGNORECASE):
        # "change it to 300 bags, not 200": the noun is the thing's already; the word before it replaces.
        before = re.search(r"([\w'-]+)\s+$", text[:said.start()])
        new = before.group(1) if before else ""
    if len(holders) != 1 or not new or new.casefold() in EDGE_WORDS:
        return calls
    edited = word.sub(new, holders[0], count=1)
    return [ToolCall(c.tool, {ITEM_FIELD: holders[0], TEXT_FIELD: edited}) if set(c.args) == {ITEM_FIELD, TEXT_FIELD}
            else c for c in calls]


def one_thing_said_once(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """"could you add book the car in for its MOT please" planned as "book the car" and "MOT": two
    new things the request says with only small words between them ("in for its") are one."""
    settled: list[ToolCall] = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        last = settled[-1] if settled else None
        if (tool is not None and ADDING in tool.name.split("_") and len(fields) == 1 and last is not None
                and last.tool == call.tool and set(last.args) == set(call.args)):
            joined = said_together(last.args[fields[0]], call.args[fields[0]], text, None)
            if joined is None:  # "add check on doris again 4am" planned as "doris again 4am", then "check"
                joined = said_together(call.args[fields[0]], last.args[fields[0]], text, None)
            if joined is not None:
                settled[-1] = ToolCall(call.tool, {fields[0]: joined})
                continue
        settled.append(call)
    return settled


def drop_nested_copies(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"add bin day thursday" planned as two adds, "bin day thursday" and "day thursday": a call whose
    value the request only says inside another call's value (same tool, same field) is a second
    reading of the same words, not a second request. "add milk and oat milk" says "milk" on its own too."""
    return [call for call in calls
            if not any(other is not call and other.tool == call.tool
                       and any(said_only_inside(value, other.args.get(key), text) for key, value in call.args.items())
                       for other in calls)]


# "todo: …", "new todo: …", "new todo - …"
_LABEL = re.compile(r"^\s*(?P<new>(?:new|another)\s+)?(\w+)\s*(?::|\s[-–—]\s)\s*(.+?)[\s.!]*$")


# "write down: return ID badge lanyard", "jot down - call the vet": an adding verb used as a label.
_WRITE_DOWN = re.compile(r"^\s*(?:please\s+|pls\s+)?(?:write|jot|note|put)\s+(?:down|in)\s*(?::|\s[-–—]\s)\s*(.+?)[\s.!]*$",
                         re.IGNORECASE)


def after_a_label(text: str) -> str | None:
    """"todo: return library books by friday", "new profile: ED shifts", "write down: …": the new thing after an
    adding label (request_form.ADD_LABELS), or None."""
    labelled = _LABEL.match(text)
    label = labelled.group(2).casefold() if labelled else ""
    written = _WRITE_DOWN.match(text)
    if written is None and (labelled is None or not (label in ADD_LABELS or (labelled.group("new") and label in {*NEW_LABELS, "profile"}))):
        return None
    rest = written.group(1) if written else labelled.group(3)
    return re.split(r"\s*\(", rest)[0]  # "(needs to go by Thursday …)": an aside, not the thing


def all_after_label(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"todo: return library books by friday" planned as text="friday": after an adding label the
    whole rest is the new thing, so a piece of it widens to all of it."""
    rest = after_a_label(text)
    if rest is None:
        return calls
    return [ToolCall(c.tool, {k: rest if isinstance(v, str) and v.strip() and v.casefold() in rest.casefold() else v
                              for k, v in c.args.items()}) for c in calls]


# "and", "then", and as typed in a hurry: "delete eggs n add bread", "switch to Work & add …".
# "rename call mum to call mum and dad about …": inside the new text, "dad" is no slip of "add".
_NEW_TEXT_SAID = re.compile(r"\b(?:rename|change|edit|update)\b.*\bto\s+\S", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r",?\s+(?:and\s+then|and|then|also|n|&)\s+|[;,]\s*|\s+[-–—]\s+|(?<=[.!?])\s+", re.IGNORECASE)
_BACK_REFERENCE = frozenset({"it", "them", "both", "those", "these", "all", "as", "done", "off", "complete",
                             "completed", "finished"})
# Politeness before an action's verb: "… and you can delete buy light bulbs" starts an action.
_LEAD_IN = frozenset({"please", "pls", "plz", "kindly", "also", "then", "and", "now", "just", "there", "you", "can", "could", "would",
                      "will", "ok", "okay", "so"})


# "my name's Priya", "the competitors are A, B": a value given to a step, said after starting a run.
_ASSIGNMENT = re.compile(r"^(?:(?:my|the|our|their)\s+)?(?!(?:it|that|this|there|which|what|he|she|they)\b)\w+(?:\s+\w+)?"
                         r"(?:'s|\s+(?:is|are)|\s*[:=])\s+\S", re.IGNORECASE)  # not "…, it is: prepare the documents"
STARTING = frozenset(stem(w) for w in SYNONYMS["start"])
_STATE_SAID = re.compile(r"\b(?:is|was|isn't|isnt|wasn't|wasnt)\s+(?:not\s+)?(?:done|finished|complete|completed|sorted)"
                         r"\s*[.!]*$", re.IGNORECASE)
# "eggs done and call mum done": each thing's state said bare, as dictated.
_BARE_STATE = re.compile(r"^\s*[\w' ]{1,60}?\w\s+(?:done|finished|sorted|ticked\s+off)\s*[.!]*$", re.IGNORECASE)
_AS_THE = re.compile(r"\bas\s+(?:the|my|our)\s+\w+\s*[.!]*$", re.IGNORECASE)
_TO_BE = re.compile(r"\b(?:the|my|our)\s+\w+\s+(?:to|should|shall|will)\s+be\s+\S", re.IGNORECASE)  # "I'd like the greeting to be hello"


_POLITE_ASK = re.compile(r"\s*(?:please\s+)?(?:could|can|would|will)\s+(?:you|u)\b", re.IGNORECASE)


_COMPARING = re.compile(r"\s*(?:(?:please|pls|also|now)\s+)*compar(?:e|ing)\b", re.IGNORECASE)


def state_said(clause: str) -> bool:
    """"cement done", "the fence is fixed… is done": a part that says a thing's state, an ask of its own."""
    words = request_words(clause.casefold())
    if not words or words[0] in _BACK_REFERENCE or words[0] in {"this", "that", "these", "they", "he", "she", "everything"}:
        return False  # "…, this is done": the thing of another part
    return bool(_BARE_STATE.match(clause) or _STATE_SAID.search(clause))


_PUTTING_IN = re.compile(r"^\s*(?:put|enter|type|fill)\s+(?:in|down)\b", re.IGNORECASE)  # "put in sweetwater, …, and reverb"


def split_actions(text: str, steps: Sequence[str] = ()) -> list[str]:
    """The request cut where a new action starts: "add bread and mark milk done" is two requests,
    "mark milk and eggs as done" one (what follows "and" does not start with a verb). After a part
    that starts a run, a value given to a step is an action too: "start a new run, name is Grace";
    after one that gives a step its value, so is a part led by another step's title (`steps`):
    "name is Sam, greeting good morning"."""
    # "Stop & Shop", "Russ & Daughters": an "&" between two capitals joins a name, not two actions
    hidden = re.sub(r"\b([A-Z][\w'’]*)\s+&\s+(?=[A-Z])", "\\1 \x1f ", quoted_marks_hidden(text))
    pieces = [quoted_marks_shown(p).replace("\x1f", "&") for p in _CLAUSE_BREAK.split(hidden)]
    breaks = [m.group(0) for m in _CLAUSE_BREAK.finditer(hidden)]
    clauses: list[str] = []
    for piece, joined_by in zip(pieces, ["", *breaks]):
        words = [w for w in request_words(piece) if w.casefold() not in _LEAD_IN and w != "&"]
        # "add a profile for Agency and swich to it": a verb typed with a slip starts an action too.
        # Not a word alone or a noun before "of": "compare price, fit, pockets", "…, ease of use" ("fit" and "ease"
        # are a slip from "fix" and "erase").
        # Nor a word in "-ing", a noun there ("compare them on price, opening hours and distance").
        # Nor a slip inside a list being given ("competitors are starbucks, dunkin, and dutch bros": no "ditch";
        # "put in sweetwater, guitar center and reverb": no "revert").
        # Nor a name that opens with a verb ("Countdown and New World", "and Pick n Pay").
        # "tick off call mum, and get rid of milk": a verb of two words starts an action after one that acts.
        two_word_verb = " ".join(w.casefold() for w in words[:2]) in ALL_VERBS
        previous = [w for w in request_words(clauses[-1]) if w.casefold() not in _LEAD_IN] if clauses else []
        acting_before = bool(previous) and stem(previous[0].casefold()) in ALL_VERBS
        name_led = bool(re.search(r"\band\b|&", joined_by)) and len(words) > 1 and words[0][:1].isupper() \
            and words[1][:1].isupper()
        starts_action = bool(words) and not GERUND.match(words[0]) and not back_to_nowhere(words) and not name_led and (
            stem(words[0].casefold()) in ALL_VERBS or (two_word_verb and acting_before)
            or (misspelt_verb(words[0].casefold(), ALL_VERBS) is not None
                                                      and len(words) > 1 and words[1].casefold() != "of"
                                                      and not (clauses and _NEW_TEXT_SAID.search(clauses[-1]))
                                                      and not (clauses and (_ASSIGNMENT.match(clauses[-1].strip())
                                                                            or _PUTTING_IN.match(clauses[-1])
                                                                            or led_by_one_of(clauses[-1], steps)))))
        # "add comprar medias de red, and llevar el vestido a la tintorería": after a comma and "and", another thing
        starts_action = starts_action or bool(clauses and re.fullmatch(r",\s*and\s+", joined_by, re.IGNORECASE)
                                              and ADDING_VERB.match(clauses[-1]) and len(words) >= 3)
        started = bool(clauses) and any(stem(w.casefold()) in STARTING for w in request_words(clauses[-1]))
        # After "name's Kwame", another value given is another step's: "… and I'll have Hi as the greeting".
        # "…, and then compare them on price": comparing is the analysis step's value, said as a verb.
        # "… and the greeting Hi": a step's title after "the" leads too.
        led_by_step = led_by_one_of(re.sub(r"^\s*(?:the|my)\s+", "", piece, flags=re.IGNORECASE), steps) or bool(
            any(s.casefold() == ANALYSIS_STEP for s in steps) and _COMPARING.match(piece))
        assigning = bool(_ASSIGNMENT.match(piece.strip()) or _AS_THE.search(piece) or _TO_BE.search(piece) or led_by_step)
        # "put in Elspeth as the name and then 'Hello' as the greeting": a value given after another.
        starts_action = starts_action or (assigning and (started or bool(clauses and (_ASSIGNMENT.match(clauses[-1])
                                                                                      or _AS_THE.search(clauses[-1])))
                                                         or bool(led_by_step and clauses and led_by_one_of(clauses[-1], steps))))
        # "renew insurance isn't done, book MOT is done": two things' states, two actions; so is a state
        # said after an action ("change 'eggs' to 'a dozen eggs'? Also, milk is done.").
        starts_action = starts_action or bool(clauses and _STATE_SAID.search(piece)
                                              and (_STATE_SAID.search(clauses[-1]) or acting_before))
        starts_action = starts_action or bool(clauses and _BARE_STATE.match(piece) and _BARE_STATE.match(clauses[-1]))
        new_sentence = bool(clauses) and clauses[-1].rstrip().endswith((".", "!", "?"))
        # "I mowed the lawn and posted the parcel, mark both done": one action. ("…, and then finalize it":
        # "it" after a verb whose tool takes no thing is the run, a new action.)
        # Nor after a step given its value ("greeting Hi and finish it": the run).
        if (starts_action and {w.casefold() for w in words[1:]} <= _BACK_REFERENCE and not acting_before
                and stem(words[0].casefold()) in ALL_VERBS and not (clauses and led_by_one_of(clauses[-1], steps))
                and not new_sentence and stem(words[0].casefold()) not in WHOLE_RUN_VERBS):
            starts_action = False
        # "compare on pricing and return policy": what is compared runs to the sentence's end.
        # ("… opening hours then finalise it": after "then", finalizing the run is an action of its own.)
        if clauses and _COMPARING.match(clauses[-1]) and not new_sentence and not (
                re.search(r"\bthen\b", joined_by, re.IGNORECASE) and words and stem(words[0].casefold()) in WHOLE_RUN_VERBS):
            starts_action = False
        # "… to laptop repair - dell service center": after a dash, the thing's own words ("dell" is no slip from "del").
        if clauses and DASH.fullmatch(joined_by.strip()) and dash_joins(piece, request_words(clauses[-1])):
            starts_action = False
        if clauses and starts_action:
            clauses.append(piece.strip())
        elif clauses:
            # Joined back as typed: "the competitors are Figma, Sketch, Penpot" keeps its commas.
            clauses[-1] = f"{clauses[-1]}{joined_by}{piece.strip()}" if piece.strip() else clauses[-1]
        else:
            clauses.append(piece.strip())
    clauses = [c for c in clauses if c]
    # "Could you switch to Work and then add 'X' there?", "I have paid the gas bill; would you tick that off, and then
    # add 'X' to the list?": the "?" ends the polite request, it does not make its last part a question.
    if len(clauses) > 1 and any(_POLITE_ASK.match(c) for c in clauses[:-1]) and not _POLITE_ASK.match(clauses[-1]):
        clauses = [*clauses[:-1], clauses[-1].rstrip(" ?")]
    return clauses if len(clauses) > 1 else [text]
