"""The things of an app a call's argument names, settled without a model.

- a call's first string field names an existing thing of its tool's app (a todo, a profile, a
  step) unless the tool adds one; when the model copied something that is none of them and the
  request names exactly one, it is that one; so is a thing the request never mentions when it
  names another in full (snap_to_named_thing);
- a later action of the same request refers to what the one before named: "create a profile called
  Allotment and switch to it" (refer_back, made_things).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from whittle.agent.calls import ToolCall
from whittle.agent.grammar import DEED_VERBS, request_words
from whittle.agent.references import ADDING_VERB, ITEM_FIELD, SAYS_HOW_IT_IS, TEXT_FIELD, string_fields
from whittle.agent.request_form import SYNONYMS, WHOLE_RUN_VERBS, quoted_texts, stem
from whittle.agent.select import ADDING, ALL_VERBS, named_values, says_in_full
from whittle.agent.spans import without_trailing_edge_words
from whittle.agent.step_values import STEP_FIELD
from whittle.tools import Tool

_BOTH_OF_THEM = re.compile(r"(?:them\s+)?both(?:\s+(?:of\s+them|done|off))?|them\s+both", re.IGNORECASE)


def snap_to_named_thing(calls: list[ToolCall], tools: dict[str, Tool], text: str,
                        values_of_app: Callable[[str], Sequence[str]]) -> list[ToolCall]:
    """A call's first string field names an existing thing of its tool's app (unless the tool adds
    one: todo_add, profile_add). When it is none of that app's things and the request names exactly
    one of them, it is that one: "swap over to my Work profile" copied as "over to my Work profile",
    "bump renew car tax to the top" as "bump". A short form of the thing ("name" for the step "Your
    name", "2" for the second todo) is kept: the tool reads those itself; a longer piece of it, or one
    word of a todo ("parcel" for "post parcel"), was cut short."""
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        if tool is None or tool.app is None or ADDING in tool.name.split("_") or not fields:
            settled.append(call)
            continue
        value, things = call.args[fields[0]], values_of_app(tool.app)
        named = named_values(text, things)
        # "call Keith and pay NIS, tick both" copied as "both": each of the two things the request names.
        if _BOTH_OF_THEM.fullmatch(value.strip()) and len(named) == 2 and value.strip().casefold() not in {
                t.strip().casefold() for t in things}:
            settled += [ToolCall(call.tool, {**call.args, fields[0]: t}) for t in named]
            continue
        inside = [t for t in named if re.search(r"(?<!\w)" + re.escape(t.strip().casefold()) + r"(?!\w)", value.casefold())]
        named = inside if len(inside) == 1 else named  # "switch from Default to Work" copied as "to Work"
        known = value.strip().casefold() in {t.strip().casefold() for t in things}
        # "Take me back to Default, I finished with the work things": switching, the one gone "to" is the one
        destination = [t for t in named if re.search(r"\b(?:to|into|onto)\s+(?:the\s+|my\s+)?" + re.escape(t.strip())
                                                     + r"(?!\w)", text, re.IGNORECASE)]
        if call.tool.endswith("_switch") and not known and len(named) > 1 and len(destination) == 1:
            named = destination
        # "tick maths study and the english essay": a copy that itself names one thing ("study for maths test")
        # is that one, whatever else the request names.
        own = named_values(value, things) if not known and fields[0] != STEP_FIELD and not value.strip().isdigit() else []
        if len(own) == 1:
            settled.append(ToolCall(call.tool, {**call.args, fields[0]: own[0]}))
            continue
        # "tick off fix the jacks door and the crisps": a word of one other thing is that thing, not the one named.
        holding = [] if known or fields[0] == STEP_FIELD or len(value.strip()) < 3 else [
            t for t in things if re.search(r"(?<!\w)" + re.escape(value.strip().casefold()) + r"(?!\w)", t.casefold())]
        if len(holding) == 1 and holding[0] not in named:
            settled.append(ToolCall(call.tool, {**call.args, fields[0]: holding[0]}))
            continue
        # A thing the request never mentions, while it names another in full: "move pay rent right up
        # to the top" planned with the list's first todo.
        unsaid = known and not named_values(text, [value]) and says_in_full(text, named)
        if len(named) == 1 and (unsaid or (not known and not value.strip().isdigit()
                                           and not (fields[0] == STEP_FIELD and _short_form(value, named[0])))):
            call = ToolCall(call.tool, {**call.args, fields[0]: named[0]})
        elif known and fields[0] != STEP_FIELD:  # "switch to work": the thing as it is written, "Work"
            cased = [t for t in things if t.strip().casefold() == value.strip().casefold()]
            call = ToolCall(call.tool, {**call.args, fields[0]: cased[0]}) if len(cased) == 1 else call
        settled.append(call)
    return settled


def made_things(calls: Sequence[ToolCall], tools) -> list[tuple[str, str]]:
    """(app, value) for each call of a tool that adds a thing (its first string field): a later action
    of the request may act on it ("create a profile called Allotment and switch to it"). Things acted
    on are not added: "name" (a step's id) beside the step "Your name" would make the step unclear."""
    found = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        if tool is not None and tool.app and fields and ADDING in tool.name.split("_"):
            found.append((tool.app, call.args[fields[0]]))
    return found


OPEN_APP = "open_app"


def opened_app(calls: Sequence[ToolCall], tools) -> str | None:
    """The app an action opened (open_app's `app`, as its validation names it): "open the link graph
    and start a new run" starts the link graph's run, whatever app the request was typed in."""
    tool = tools.get(OPEN_APP)
    for call in reversed(calls):
        if call.tool == OPEN_APP and tool is not None:
            try:
                return tool.params.model_validate(call.args).app
            except ValueError:
                return None
    return None


_OPEN_IT = re.compile(r"^\s*(?:(?:please|pls|plz|can\s+you|could\s+you)\s+)?(?:open|show)\s+(?:it|that)\b", re.IGNORECASE)


def app_pointed_back(clause: str, previous: str, tools) -> list[str]:
    """"where is the todo list thing? open it plz": "it" is the app the part before names (by a name
    open_app takes), when this part opens "it"; none otherwise."""
    tool = tools.get(OPEN_APP)
    if tool is None or not _OPEN_IT.match(clause):
        return []
    names = tool.params.model_json_schema().get("properties", {}).get("app", {}).get("enum", [])
    said = [n for n in sorted(names, key=len, reverse=True)
            if re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", previous, re.IGNORECASE)]
    return said[:1]


_SHOW_ME = re.compile(r"^\s*(?:(?:please|pls|plz|and|now|just|can\s+you|could\s+you)\s+)*(?:show|give|list)\s+(?:me|us)"
                      r"(?:\s+(?:them|those|these|please|pls|plz|quickly|now))*\s*[.!?]*\s*$", re.IGNORECASE)


def shows_what_was_asked(clause: str, earlier: Sequence[ToolCall]) -> bool:
    """"Which pages of my site nobody links to? The orphan ones, show me": "show me" with no thing of its own,
    after a part that made a call, asks to see what that call shows, no other."""
    return bool(earlier) and bool(_SHOW_ME.match(clause))


def without_opening_the_open_app(calls: list[ToolCall], tools, app_name: str | None) -> list[ToolCall]:
    """"what is on my todo list today? show me please", asked on the introduction page, or "wetin this costs page
    dey show" on the costs page: opening the app that is already open does nothing; it is a guess at "show me"
    or at the page named, not an ask."""
    if app_name is None:
        return calls
    return [c for c in calls if not (c.tool == OPEN_APP and opened_app([c], tools) == app_name)]


# "stick 'by Friday' on the end", "add urgent to the end of it": words for the end of a thing, not the list.
_ON_THE_END = re.compile(r"\b(?:on|onto|to|at)\s+the\s+end(?!\s+of\s+(?:the|my)\s+(?:list|todos?))\b|\bonto\s+it\b",
                         re.IGNORECASE)
EDIT_FIELDS = (ITEM_FIELD, TEXT_FIELD)


def appended_not_added(calls: list[ToolCall], tools, text: str,
                       values_of_app: Callable[[str], Sequence[str]]) -> list[ToolCall]:
    """"for the bank card one, stick 'by Friday' on the end": words put on the end of the one thing the
    request names are an edit of it (the app's tool taking item and text), not a new thing."""
    if not _ON_THE_END.search(text):
        return calls
    settled = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call) if tool is not None else []
        editor = next((t for t in tools if tool is not None and t.app == tool.app
                       and tuple(t.params.model_fields) == EDIT_FIELDS), None)
        named = named_values(text, values_of_app(tool.app)) if editor is not None and tool.app else []
        if ADDING in (tool.name.split("_") if tool else []) and len(fields) == 1 and len(named) == 1:
            call = ToolCall(editor.name, {ITEM_FIELD: named[0], TEXT_FIELD: f"{named[0]} {call.args[fields[0]]}"})
        settled.append(call)
    return settled


MAX_MORE_WORDS = 6  # "… and also return library books": a short plain part


def another_of_the_same(clause: str, text: str, earlier: Sequence[ToolCall], tools) -> ToolCall | None:
    """"add buy batteries and also return library books", "add oat milk and bin bags": a part after "and"
    that starts with a verb no tool does for it ("return", "bin" a thing that is not there) is another
    new thing for the adding call before it, when that call took free text."""
    last = earlier[-1] if earlier else None
    tool = tools.get(last.tool) if last is not None else None
    fields = string_fields(tool, last) if tool is not None else []
    if tool is None or ADDING not in tool.name.split("_") or len(last.args) != 1 or not fields:
        return None
    if not re.search(r"\band\s+(?:also\s+)?" + re.escape(clause) + r"\s*[.!]*$", text, re.IGNORECASE):
        return None
    said = without_trailing_edge_words(re.sub(r"^(?:(?:also|then|please|pls)\s+)+", "", clause, flags=re.IGNORECASE))
    words = said.split()
    if not 1 <= len(words) <= MAX_MORE_WORDS or set(w.casefold() for w in words) & MORE_STOPPERS:
        return None
    return ToolCall(last.tool, {fields[0]: said})


# A part that says something about the chat or asks something: not another thing to add.
MORE_STOPPERS = frozenset({"it", "them", "that", "this", "me", "you", "my", "list", "todo", "todos", "thanks", "please",
                           "what", "which", "how", "why"})
LISTING_VERB = "list"


def without_listing_of_opened(calls: list[ToolCall], tools) -> list[ToolCall]:
    """"take me to my todo list" opens the todo app, which shows the list: listing it in the chat too is
    a second answer to one ask. Only within one action; "open my todos and list them" asks for both."""
    opened = opened_app(calls, tools)
    if opened is None:
        return calls
    return [c for c in calls if not ((tool := tools.get(c.tool)) is not None and tool.app == opened
                                     and tool.name.split("_")[-1] == LISTING_VERB and not c.args)]


# "switch to it", "mark that one done", "put that on my list"
_IT = re.compile(r"(?<!\bat )\b(?:it|th(?:at|is) one|that(?=\s+(?:on|onto|to|in|into|off|down|up|back|out|as|done)\b|\s*[.!?]*\s*$))\b(?![\'’])",
                 re.IGNORECASE)
_INTENDED = re.compile(r"\b(?:need|have|got|want|must|should|remember)\s+to\s+(?!remember\b)(.+)$", re.IGNORECASE)


MAX_TOLD_WORDS = 10
_NOT_A_DEED_START = frozenset("i we you he she it they the a an my our your his her their this that these those there "
                              "its it's im i'm i've ive we're were so and but if when".split())
_SAYS_HOW = frozenset("is are was were has have had 's needs need isn't aren't wasn't".split())


def intended_thing(clause: str) -> list[str]:
    """What a part of the request says the user means to do, as a thing a later part may call "that":
    "I need to order more contact lenses, can you put that on my todo list"."""
    found = _INTENDED.search(clause)
    # "need to get a new strap lock, the old one done gave out …": a sentence after a comma tells why
    said = re.split(r",\s*(?=(?:the|my|his|her|their|our|it|its|it's|i|i'm|we|they|he|she|that|this)\b)", found.group(1),
                    maxsplit=1, flags=re.IGNORECASE)[0] if found else ""
    thing = without_trailing_edge_words(said) if said else ""
    return [thing] if thing else []


# "…, add it", "…, put that on the list": a part that adds what the part before said, and nothing else.
ADDS_IT_BACK = re.compile(r"^\s*(?:(?:can|could|would|pls|please|kindly)\s+(?:you\s+|u\s+)?)*(?:add|jot\s+down|note\s+down|"
                          r"write\s+down)\s+(?:it|that|this)\b|\b(?:put|stick|pop)\s+(?:it|that|this)\s+(?:on|onto|in|to)\s+"
                          r"(?:the|my|ur|your)\s+(?:list|todos?|to-?do)", re.IGNORECASE)


def deed_said(clause: str) -> list[str]:
    """"tell Emeka to resume 8am saturday" before "add it o": a part that opens like a deed (no subject, no "is")
    is the thing a later part adds back, as said."""
    said = clause.strip().split()
    if intended_thing(clause) or not 2 <= len(said) <= MAX_TOLD_WORDS or said[0].casefold() in _NOT_A_DEED_START \
            or said[1].casefold() in _SAYS_HOW:
        return intended_thing(clause)
    return [clause.strip().rstrip(".!?,")]


def points_back(clause: str) -> bool:
    """"can you put that on my list", "delete it": the part names its thing by pointing back, not the run."""
    said_words = request_words(clause.casefold())
    return bool(_IT.search(clause)) and not any(stem(w) in WHOLE_RUN_VERBS for w in said_words[:2])


# An adding verb with a thing of its own after it, not a pronoun: "add renew my passport too", not "put it …".
_ADDS_A_THING = re.compile(ADDING_VERB.pattern + r"(?!(?:it|that|this|them|up|em|'em)\b)\w", re.IGNORECASE)


def refer_back(clause: str, earlier: Sequence[ToolCall], tools, said: Sequence[str] = (),
               listed: Sequence[str] = ()) -> str:
    """"create a profile called Allotment and switch to it": in a later action of the same request,
    "it" is the one thing the action before named (its calls' first string field), quoted; when that
    part of the request made no call ("iron shirts isn't needed any more, remove it"), the one thing
    it said (`said`: the state values it names). A part that names one of the app's things in full
    (`listed`) acts on that one: "… and also tick pay society maintenance, paid it morning"."""
    things = list(dict.fromkeys(call.args[f[0]] for call in earlier if (f := string_fields(tools.get(call.tool), call))))
    things = things or list(dict.fromkeys(said))
    said_words = request_words(clause.casefold())
    # "add return laptop charger to IT": in a request typed in lower case, "IT" is the department, not "it".
    pronoun = (lambda m: m.group(0) != "IT") if clause != clause.upper() else (lambda m: True)
    others = [v for v in listed if v.strip() and v.casefold() not in {t.casefold() for t in things}]
    # "erase the printer ringi, because bucho say no to it": named by its words before the "it", that one is "it".
    first_it = next((m.start() for m in _IT.finditer(clause) if pronoun(m)), len(clause))
    names_its_own = any(re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", clause, re.IGNORECASE) for v in others) or (
        len(named := named_values(clause[:first_it], listed)) == 1 and named[0] in others)
    # "… and add renew my passport too, it expires in 2 months": "it" is the thing this part adds.
    adds_its_own = _ADDS_A_THING.search(clause[:first_it]) is not None
    if (len(things) != 1 or names_its_own or adds_its_own or not any(pronoun(m) for m in _IT.finditer(clause))
            or any(stem(w) in WHOLE_RUN_VERBS for w in said_words[:2])):
        return clause  # "Then finalise it": the run, which its tool needs no name for
    return _IT.sub(lambda m: f'"{things[0]}"' if pronoun(m) else m.group(0), clause)


# "…, tick both", "Tick both of them", "delete them both": an ask made of two things at once.
_BOTH_ASKED = re.compile(r"\b(?:tick|check|mark|cross|delete|remove|complete|untick|reopen)\s+(?:off\s+)?"
                         r"(?:them\s+both|both)\b", re.IGNORECASE)
_SMALL_WORDS = frozenset("the and that this them both with from have done just".split())


def both_of_them(calls: list[ToolCall], tools: dict[str, Tool], text: str,
                 values_of_app: Callable[[str], Sequence[str]]) -> list[ToolCall]:
    """"buy Crocs is done and dentist Tuesday too, tick both", "Mozzarella ordered and the electricity paid! Tick
    both of them": one call on one of the two things the request names, asked of both, is made on each. A thing
    is named in full or by a word only it has ("mozzarella" of "order mozzarella di bufala")."""
    if len(calls) != 1 or not _BOTH_ASKED.search(text):
        return calls
    call, tool = calls[0], tools.get(calls[0].tool)
    if tool is None or tool.app is None or string_fields(tool, call) != [ITEM_FIELD]:
        return calls
    things = [t for t in values_of_app(tool.app) if t.strip()]
    named = named_values(text, things)
    if len(named) != 2:
        said = {stem(w) for w in request_words(text.casefold()) if len(w) >= 4 and w not in _SMALL_WORDS}
        holders = {t: said & {stem(w) for w in request_words(t.casefold())} for t in things}
        named = [t for t in things if any(sum(w in h for h in holders.values()) == 1 for w in holders[t])]
        # "rang me ma and lifted the dry cleaning …, tick both": the call's own thing, said in another form, and
        # the one other thing a word names.
        if len(named) == 1 and call.args[ITEM_FIELD] in things and call.args[ITEM_FIELD] not in named:
            named = [t for t in things if t in (call.args[ITEM_FIELD], named[0])]
    if len(named) != 2 or call.args[ITEM_FIELD] not in named:
        return calls
    return [ToolCall(call.tool, {**call.args, ITEM_FIELD: t}) for t in named]


def _short_form(value: str, thing: str) -> bool:
    """One word of the thing as it is written: a step's id the workflow tools read themselves ("name"
    for the step "Your name"). Another form of the word ("watered" for "water the plants") is no word the tool finds, and
    a longer piece ("wrapping the birthday" for "wrap the birthday present") is a copy cut short."""
    said = request_words(value.casefold())
    return len(said) == 1 and said[0] in request_words(thing.casefold())


def reopened_not_completed(calls: list[ToolCall]) -> list[ToolCall]:
    """"I ticked off return library books but … can you untick return library books": the tick is what
    happened, the untick what is asked. A thing both completed and reopened in one plan is reopened; one
    completed and deleted ("delete van insurance, sorted it online") is deleted."""
    return [c for c in calls if not (c.tool.endswith("_complete") and any(
        ToolCall(c.tool.removesuffix("_complete") + other, c.args) in calls for other in ("_reopen", "_delete")))]


def renamed_in_later_calls(calls: list[ToolCall]) -> list[ToolCall]:
    """"change 'clean the grinder' to 'clean the grinder and the steam wand' and move it to the top": once
    an edit has run, the thing is called by its new text, so a later call of the same app that names the
    old text, or a piece only of the new text, names the edited thing."""
    renamed: dict[tuple[str, str], str] = {}  # (app prefix, old text) -> new text
    settled = []
    for call in calls:
        prefix = call.tool.rsplit("_", 1)[0]
        item = call.args.get(ITEM_FIELD)
        if isinstance(item, str) and (prefix, item.strip().casefold()) in renamed:
            call = ToolCall(call.tool, {**call.args, ITEM_FIELD: renamed[(prefix, item.strip().casefold())]})
        elif isinstance(item, str) and item.strip():
            # "change get 10 chairs … to 20 chairs, then shift it to the bottom" moves "20 chairs": the piece said of
            # the new text (and not of the old one) names the edited thing.
            piece = re.compile(r"(?<![\w'])" + re.escape(item.strip()) + r"(?![\w'])", re.IGNORECASE)
            edited = [new for (p, old), new in renamed.items() if p == prefix and piece.search(new) and not piece.search(old)]
            if len(edited) == 1:
                call = ToolCall(call.tool, {**call.args, ITEM_FIELD: edited[0]})
        new_text = call.args.get(TEXT_FIELD)
        if call.tool.endswith("_edit") and isinstance(item, str) and isinstance(new_text, str) and new_text.strip():
            renamed[(prefix, item.strip().casefold())] = new_text
        settled.append(call)
    return settled


# "the sink in kitchen is leaking again": a subject and a verb of being say how things are, not what to do.
_STATEMENT = re.compile(r"^(?:the|my|our|his|her|their|this|that)?\s*[\w'-]+(?:\s+[\w'-]+){0,4}\s+(?:is|are|was|were|has|have)"
                        r"(?:\s+(?:been|not|still|already|just|really|always))*\s+[\w'-]+", re.IGNORECASE)


def quoted_not_told(calls: list[ToolCall], tools, text: str) -> list[ToolCall]:
    """'add "call the plumber" for me, the sink in kitchen is leaking again': when the thing added was
    quoted, another new thing that reads as a statement about how things are, or that was said in a
    bracketed aside, is the reason or a remark, not a thing."""
    quoted = {q.strip().casefold() for q in quoted_texts(text)}
    adding = [(c, string_fields(tools.get(c.tool), c)) for c in calls]
    added = [c.args[f[0]] for c, f in adding if f and ADDING in c.tool.split("_")]
    if not any(a.strip().casefold() in quoted for a in added):
        return calls
    asides = " ".join(re.findall(r"\(([^()]*)\)", text)).casefold()  # "(the deadline's the 28th, for what it's worth)"
    return [c for c, f in adding
            if not (f and ADDING in c.tool.split("_") and c.args[f[0]].strip().casefold() not in quoted
                    and (_STATEMENT.match(c.args[f[0]].strip()) or c.args[f[0]].strip().casefold() in asides
                         or _only_in_told_sentences(c.args[f[0]], text)))]


_ADDING_WORDS = frozenset(w for w in SYNONYMS["add"] if " " not in w) | {"list", "todo", "todos"}


def _only_in_told_sentences(value: str, text: str) -> bool:
    """"My line manager reminded me that the forms are due in. Please add 'complete self-assessment'": a
    thing copied only from sentences with no word of adding in them was told, not asked for."""
    said = [s for s in re.split(r"(?<=[.!?])\s+", text) if value.strip().casefold() in s.casefold()]
    return bool(said) and not any({stem(w) for w in request_words(s.casefold())} & _ADDING_WORDS for s in said)


def said_of_a_thing_not_added(calls: list[ToolCall], tools) -> list[ToolCall]:
    """"pls add renew bus pass, expires next wk": beside another new thing, words that start by saying
    what a thing does or is ("expires …", "needs …") tell about it; they are not a thing of their own.
    Nor is a short "not …" beside any other call ("put eggs last, not urgent")."""
    adding = [(c, string_fields(tools.get(c.tool), c)) for c in calls]
    new = [c for c, f in adding if f and ADDING in c.tool.split("_")]
    if len(calls) < 2:
        return calls

    def remark(words: list[str]) -> bool:
        # "…, not urgent", "change it to 300 bags, not 200": a short "not …" beside another call
        if words[:1] and words[0].casefold() in {"not", "no"} and len(words) <= 3:
            return True
        return len(new) >= 2 and bool(words[:1]) and words[0].casefold() in SAYS_HOW_IT_IS

    return [c for c, f in adding if not (c in new and remark(request_words(c.args[f[0]])))]


def quoted_things_added(calls: list[ToolCall], tools, text: str, existing: Sequence[str] = ()) -> list[ToolCall]:
    """"Añade 'llamar al fontanero' please", "Add two things: 'call the gestor' and 'send photos …'":
    the things a request quotes are the things it adds. An added text holding one quote and other words
    is the quote; when every call adds, none adds a quote and two things or more are quoted, the adds
    stand for the quoted things, one each. A quote of a thing already there (a resolved reference) is
    no new thing."""
    there = {v.casefold() for v in existing}
    quotes = list(dict.fromkeys(q.strip() for q in quoted_texts(text) if q.strip() and q.strip().casefold() not in there))
    if not quotes:
        return calls
    folded = {q.casefold() for q in quotes}
    settled, adds = [], []
    for call in calls:
        fields = string_fields(tools.get(call.tool), call)
        if fields and ADDING in call.tool.split("_"):
            value = call.args[fields[0]].strip()
            inside = [q for q in quotes if q.casefold() in value.casefold() and q.casefold() != value.casefold()]
            if len(inside) == 1 and value.casefold() not in folded:  # not a quote holding an earlier one
                call = ToolCall(call.tool, {**call.args, fields[0]: inside[0]})
            adds.append((call, fields[0]))
        settled.append(call)
    if (len(quotes) >= 2 and adds and len(adds) == len(settled) and len({c.tool for c, _ in adds}) == 1
            and not any(c.args[f].strip().casefold() in folded for c, f in adds)):
        call, field = adds[0]
        return [ToolCall(call.tool, {**call.args, field: q}) for q in quotes]
    return settled


_BUYING = re.compile(r"^(?:buy|get|grab|order|pick\s+up)\s+\S", re.IGNORECASE)
MAX_BOUGHT_WORDS = 2


def bought_together(calls: list[ToolCall], tools, text: str) -> list[ToolCall]:
    """"add buy tomatoes and cebola", "add buy napkins and paper cups" read as two new things: after a buying verb,
    one "and" (no comma, no "also") before a word or two that start no deed of their own joins what is bought, one
    thing: "buy tomatoes and cebola". ("add buy nappies and pick up prescription" stays two.)"""
    settled: list[ToolCall] = []
    for call in calls:
        last = settled[-1] if settled else None
        fields = string_fields(tools.get(call.tool), call)
        if (last is not None and fields and last.tool == call.tool and ADDING in call.tool.split("_")
                and _BUYING.match(first := last.args[fields[0]]) and len(second := call.args[fields[0]].split()) <= MAX_BOUGHT_WORDS
                and second[0].casefold() not in DEED_VERBS and stem(second[0].casefold()) not in ALL_VERBS
                and re.search(re.escape(first) + r"\s+and\s+" + re.escape(call.args[fields[0]]) + r"\s*(?:$|[.!?,]|\s+(?:to|on|pls|please)\b)",
                              text, re.IGNORECASE)):
            settled[-1] = ToolCall(last.tool, {**last.args, fields[0]: f"{first} and {call.args[fields[0]]}"})
            continue
        settled.append(call)
    return settled
