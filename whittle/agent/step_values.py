"""Settling a workflow step's call against the request: which step, and the value as typed.

- a step named by a slip of the model ("morning" for "Greeting") is the one step the request names;
- a value that is a step's title, or cut short, is what the request assigns ("my name's Priya");
- a value keeps the commas the user typed ("Canva, Figma and Adobe Express");
- one list given to a step planned as one call per item is one call with the list;
- a second call whose value is the step's own name is an echo, dropped;
- a value that is none of its step's choices is the one choice the request names;
- a run started with its first step's value ("start an analysis w roblox and minecraft") gets that step too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whittle.agent.calls import ToolCall
from whittle.agent.grammar import request_words
from whittle.agent.request_form import led_by_one_of, quoted_marks_shown, quoted_texts, stem, title_stops_hidden
from whittle.agent.select import named_values
from whittle.agent.spans import JOINER, said_together, without_trailing_edge_words, without_trailing_symbols
from whittle.tools import CHOICES, STARTED_BY, STEPS, Tool, one_choice_named

STEP_FIELD, VALUE_FIELD = "step", "value"  # a workflow submit's arguments (workflows/tools.py)
# "'s" as "is" ("my name's Priya") only after a step's word or a pointer: not "let's go with Hi", nor in a name ("put
# in Paul's Seafood, …").
# "… is quinlan brothers, ocean choice and clearwater so put them in there": the ask after the value is no part of it.
_ASSIGNED = re.compile(r"(?:\b(?:is|are|be|na)\b|\b(?:name|it|that|this|greeting|what|here|one|step|analysis|competitors)'s\b|"
                       r"[:=])\s*(.+?)\s*(?:[.!?]|,?\s+so\s+(?:put|add|pop|stick|enter|"
                       r"can|could|please|pls|just)\b|$)", re.IGNORECASE)


def as_typed(value: str, text: str) -> str:
    """The request's own span for a value copied word by word: "Canva Figma and Adobe Express" is
    "Canva, Figma and Adobe Express" as typed, and "Monday" that ends "Monday.com" is "Monday.com"."""
    said = request_words(value)
    if len(said) < 2:
        return value
    pattern = r"(?<![\w.])" + r"[\s,;:]+".join(re.escape(w) for w in said) + r"(?:\.\w+)*(?![\w'])"
    found = re.search(pattern, text, re.IGNORECASE)
    return found.group(0) if found else value


def with_request_punctuation(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """A step's value keeps the commas the user typed between its words: the grammar copies words, and
    a list step reads "A, B and C" as three items (workflows/steps.py). Any value that is a quoted text
    of the request word for word is that text as typed: 'buy sage green paint, 2 litres'."""
    quoted = {tuple(request_words(q.casefold())): q for q in quoted_texts(text)}
    settled = []
    for call in calls:
        args = {k: quoted.get(tuple(request_words(v.casefold())), v) if isinstance(v, str) else v
                for k, v in call.args.items()}
        if isinstance(args.get(VALUE_FIELD), str) and STEP_FIELD in args:
            args[VALUE_FIELD] = as_typed(args[VALUE_FIELD], text)
        if isinstance(args.get("values"), dict) and STEP_FIELD in args:
            args["values"] = {k: as_typed(v, text) if isinstance(v, str) else v for k, v in args["values"].items()}
        settled.append(ToolCall(call.tool, args))
    return settled


def without_step_echo(calls: list[ToolCall]) -> list[ToolCall]:
    """A call for a step whose value is the step's own name, beside another call for that step, is an echo
    ("my name's Priyanka, fill that in" planned as Priyanka, then as "Your name"; "go back on the name step"
    planned as a revert and a submit of "name"), not a value."""
    def echo(call: ToolCall) -> bool:
        step, value = call.args.get(STEP_FIELD), call.args.get(VALUE_FIELD)
        return isinstance(step, str) and isinstance(value, str) and step.strip().casefold() == value.strip().casefold()

    kept = [c for c in calls if not echo(c)]
    steps = {_step_of(c) for c in kept}
    return [c for c in calls if not echo(c) or _step_of(c) not in steps]


def _step_of(call: ToolCall) -> str:
    """The step a call names, as compared: "Your name" and "name" are one step."""
    return bare_step_name(str(call.args.get(STEP_FIELD, "")).strip()).casefold()


def without_undone_submit(calls: list[ToolCall]) -> list[ToolCall]:
    """"The name I entered is wrong written. Please go back to it." planned as a submit of "wrong" and then a
    revert of the name: a submit that a later call in the plan goes back over (same step, no value) would be
    undone at once; it is a reading of the complaint, not an ask."""
    kept = [c for n, c in enumerate(calls)
            if goes_back(c) or not any(goes_back(later) and _step_of(later) == _step_of(c) for later in calls[n + 1:])]
    # "talofa, kick off a new hello run": a submit planned before a start of its workflow fills a run the start
    # leaves behind; "thats choice, finalise it": a value that only judges the run gives it nothing.
    kept = [c for n, c in enumerate(kept) if not (c.tool.endswith("_submit") and (
        any(later.tool == c.tool.removesuffix("_submit") + "_start" for later in kept[n + 1:])
        or (isinstance(c.args.get(VALUE_FIELD), str) and _JUDGEMENT.match(c.args[VALUE_FIELD]))))]
    # A submit left without a value beside one of the same step with it: one submit, the one with the value.
    valued = {(c.tool, _step_of(c)) for c in kept if c.tool.endswith("_submit") and not _without_value(c)}
    return [c for c in kept if not (c.tool.endswith("_submit") and _without_value(c) and (c.tool, _step_of(c)) in valued)]


_FINALIZING = re.compile(r"\bfinali[sz]e\b|\bwrap\s+(?:it\s+)?up\b|\bfinish\b", re.IGNORECASE)


def without_remark_submitted(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"bárbaro, finalize it", "affirm finalize comp analysis we r done" planned as a submit and the finalize: a
    submit before its workflow's finalize whose value is only the word the request opens with, or the words
    after the finalizing, is a reading of the cheer or of what is finalized, not a value."""
    finalizing = _FINALIZING.search(text)
    opener = re.match(r"^\s*([^\W\d_][\w'-]*)\s*[,!]", text)

    def remark(call: ToolCall, later: list[ToolCall]) -> bool:
        value = call.args.get(VALUE_FIELD)
        if not (call.tool.endswith("_submit") and isinstance(value, str) and value.strip()
                and any(c.tool == call.tool.removesuffix("_submit") + "_finalize" for c in later)):
            return False
        first = value.split()[0].casefold()
        said_after = finalizing is not None and re.search(r"(?<![\w'])" + re.escape(first) + r"(?![\w'])",
                                                          text[finalizing.end():], re.IGNORECASE)
        return bool(said_after) or (opener is not None and value.strip().casefold() == opener.group(1).casefold())

    return [c for n, c in enumerate(calls) if not remark(c, calls[n + 1:])]


_JUDGEMENT = re.compile(r"^\s*(?:(?:that'?s|thats|it'?s|its|all|looks?)\s+(?:\w+\s+)?(?:choice|good|great|fine|perfect|sweet|"
                        r"grand|sorted|correct|right|mint|class|lovely|brilliant|ok|okay|done|set)|all\s+good)\s*[.!]*\s*$",
                        re.IGNORECASE)


def _without_value(call: ToolCall) -> bool:
    return STEP_FIELD in call.args and VALUE_FIELD not in call.args and "values" not in call.args


def goes_back(call: ToolCall) -> bool:
    """A call that names a step and gives it no value: a revert (any app's), not a submit (one left without its
    value is still a submit, which another part of the plan gives the value)."""
    return _without_value(call) and not call.tool.endswith("_submit")


def one_value_per_step(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"put in Strava, Komoot and AllTrails as the competitors" planned as one submit per name: a
    step given the items of one list the request says is given the list, as typed."""
    settled: list[ToolCall] = []
    for call in calls:
        same = next((i for i, c in enumerate(settled) if c.tool == call.tool and STEP_FIELD in c.args
                     and str(c.args.get(STEP_FIELD)).casefold() == str(call.args.get(STEP_FIELD)).casefold()
                     and isinstance(c.args.get(VALUE_FIELD), str) and isinstance(call.args.get(VALUE_FIELD), str)), None)
        joined = said_together(settled[same].args[VALUE_FIELD], call.args[VALUE_FIELD], text, JOINER) \
            if same is not None else None
        if joined is not None:
            settled[same] = ToolCall(call.tool, {**settled[same].args, VALUE_FIELD: joined})
        else:
            settled.append(call)
    return settled


def declared_step(calls: list[ToolCall], tools: dict[str, Tool]) -> list[ToolCall]:
    """A step argument that is none of the steps its tool declares (tools.STEPS) but holds exactly one step's id or
    title among its words is that step: the model copied "default-competitors-01", a run key the app lists beside
    its step titles, for "go back to the competitors". A step's number is that step ("go back to step 1")."""
    settled = []
    for call in calls:
        tool, value = tools.get(call.tool), call.args.get(STEP_FIELD)
        declared = tool.field(STEP_FIELD).get(STEPS) if tool is not None and isinstance(value, str) else None
        if declared and value.strip().casefold() not in {name.casefold() for step in declared for name in step}:
            held = [step_id for step_id, title in declared
                    if any(re.search(rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])", value, re.IGNORECASE) for name in (step_id, title))]
            if value.strip().isdigit() and 1 <= int(value) <= len(declared):  # "go back to step 1": the first
                held = [declared[int(value) - 1][0]]
            if len(held) == 1:
                call = ToolCall(call.tool, {**call.args, STEP_FIELD: held[0]})
        settled.append(call)
    return settled


def step_named(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"pick Good morning as the greeting" planned as step="morning": a step argument that is no
    state value (no step's title) is the one step the request names ("the greeting", "our competitors")."""
    named = named_values(text, state_values)
    if len(named) != 1:
        return calls
    known = {v.casefold() for v in state_values}
    settled = []
    for call in calls:
        args = dict(call.args)
        value = args.get(STEP_FIELD)
        # "name" for "Your name" is the step's id, kept; "morning" for "Greeting" is a slip.
        if (isinstance(value, str) and value.casefold() not in known and not value.strip().isdigit()
                and not {stem(w) for w in request_words(value.casefold())} <= {stem(w) for w in request_words(named[0].casefold())}):
            args[STEP_FIELD] = named[0]
        settled.append(ToolCall(call.tool, args))
    return settled


# "…, if you could put that in for the name step", "…, please": how a request ends, not the value.
_POLITE_TAIL = re.compile(r",?\s+(?:if\s+(?:you|it'?s|that'?s|possible)|please|pls|thanks|thank\s+you|thx|cheers)\b.*$",
                          re.IGNORECASE)
# "put in Shopify, Etsy and Squarespace as the competitors", "I'll have Hi as the greeting".
# "… put in Paul's Seafood, Bayou Fresh and Gulf Catch for the competitors, I wanna see …": for a step, a remark after.
_GIVEN_AS = re.compile(r"(?P<value>[^.!?;]+?)\s+(?:as\s+(?:the|my|our)\s+\w+|for\s+(?:the|my|our)\s+(?:competitors|name|greeting|"
                       r"analysis))(?:\s+step)?\s*(?:,[^.!?;]*)?[.!]*$", re.IGNORECASE)
# The last of these before it leads a value given as a step: "put in", "I'll have", "let's go with", "use".
_GIVING = frozenset("in have use pick choose set make take add with put enter type".split())
PRONOUNS = frozenset({"it", "that", "this", "them", "those", "these"})


def given_as(text: str) -> str:
    """The value the request gives "as the <step>", without the words that lead up to it."""
    found = _GIVEN_AS.search(text)
    words = request_words(found.group("value")) if found else []
    leads = [i for i, w in enumerate(words) if w.casefold() in _GIVING]
    words = words[leads[-1] + 1:] if leads else words
    if leads and words[:1] and words[0].casefold() in {"down", "in", "up"}:
        words = words[1:]  # "put down Dani as my name": the verb's particle
    if not words or (len(words) == 1 and words[0].casefold() in PRONOUNS):
        return ""
    return as_typed(" ".join(words), text)


def value_assigned(calls: list[ToolCall], text: str, state_values: Sequence[str],
                   tools: dict[str, Tool] | None = None) -> list[ToolCall]:
    """"my name's Priya" planned as value="Your name" ("name is Tam" as "name"): a step's value that is a step's
    title or name, or no words of the request at all, is what the request says the step is ("… is Grace").
    So is a submit planned with no value at all ("competitors: Notion, Coda, Airtable")."""
    assigned = _ASSIGNED.search(text)
    said = without_trailing_edge_words(_POLITE_TAIL.sub("", assigned.group(1))) if assigned else given_as(text)
    tail = _POLITE_TAIL.search(assigned.group(1)) if assigned else None
    tail = tail.group(0).casefold() if tail else ""
    titles = {v.casefold() for v in state_values} | {bare_step_name(v).casefold() for v in state_values}
    settled = []
    for call in calls:
        value = call.args.get(VALUE_FIELD)
        step_said = str(call.args.get(STEP_FIELD, "")).casefold()
        # "go back on the name step" planned with a submit of "name" too: an echo (without_step_echo), not a slip.
        reverted = any(c is not call and goes_back(c) and str(c.args.get(STEP_FIELD, "")).casefold() == step_said
                       for c in calls)
        step_said = "" if reverted else step_said
        tool = (tools or {}).get(call.tool)
        if (value is None and "values" not in call.args and tool is not None
                and VALUE_FIELD in tool.params.model_fields and STEP_FIELD in call.args):
            value = ""  # taken by the tool, left out by the model: what the request assigns
        if said and STEP_FIELD in call.args and isinstance(value, str):
            slip = (not value.strip() or value.casefold() in titles | {step_said} or value.casefold() not in text.casefold()
                    or value.casefold() in tail  # copied from "…, if you could put that in"
                    or value.strip().casefold() in PRONOUNS | {"there", "here"})  # "… so put them in there"
            cut_short = value.strip() and value.casefold() in said.casefold() and len(said) > len(value)
            if slip or cut_short:  # "my name is Ada Lovelace" copied as "Ada"
                call = ToolCall(call.tool, {**call.args, VALUE_FIELD: said})
        settled.append(call)
    return settled


# "go back to the name step and make it Siobhan", "…, change it to Siobhan please"; "it" may have been
# put as the thing an earlier part named (named_things.refer_back): 'make "Your name" Siobhan'.
# "… go back to the competitors step and put Bruker, Rigaku, Anton Paar": a list, commas and all.
# "…, I want Hell Pizza, Domino's and Pizza Hut instead": the wanted list ("I want to fix it" wants no value).
# "… and make it Piet, Henk is my brother not me": a reason said after the value is no part of it.
_MADE_IT = re.compile(r"\b(?:make|change|set|put)\s+(?:it|\"[^\"]+\")\s+(?:to\s+|as\s+)?(?P<value>[^,;.!?]+?)\s*"
                      r"(?:,\s*[^,;.!?]*?\b(?:is|are|was|were|isn't|wasn't)\b[^,;.!?]*)?[.!]*$"
                      r"|\b(?:and|then)\s+(?:put|enter|type)\s+(?:in\s+)?(?P<listed>[^;.!?]+?)\s*[.!]*$"
                      # "go back to the greeting step and choose Hi this time"
                      r"|\b(?:and|then)\s+(?:choose|pick|select|go\s+with)\s+(?P<chosen>[^,;.!?]+?)"
                      r"(?:\s+(?:this\s+time|instead))?\s*[.!]*$"
                      # "…, forgot GLS. should be DHL, DPD, InPost, GLS": what the step should hold, said after
                      r"|[,.;]\s*(?:(?:i\s+(?:want|wanna|need)|i'?d\s+(?:like|rather))\s+(?:to\s+(?:compare|have|put)\s+)?"
                      r"|(?:it\s+|they\s+)?should\s+(?:be|say|read)\s+)"
                      r"(?!to\s|it\b|that\b|this\b)(?P<wanted>[^;.!?]+?)(?:\s+instead)?\s*[.!]*$", re.IGNORECASE)


def given_after_revert(calls: list[ToolCall], tools, text: str) -> list[ToolCall]:
    """A step gone back to and then given a value ("make it Siobhan") is submitted with that value, by
    its app's submit tool (the one that takes a step and a value), after the revert."""
    said = _MADE_IT.search(text)
    value = "" if not said else without_trailing_edge_words(said.group("value")) if said.group("value") \
        else _POLITE_TAIL.sub("", said.group("listed") or said.group("chosen") or said.group("wanted")).strip(" ,")
    if not value or value.casefold() in PRONOUNS:
        return calls
    # A revert given the value too (its tool takes none) goes back without it; the value is the submit's.
    settled = [ToolCall(c.tool, {STEP_FIELD: c.args[STEP_FIELD]})
               if STEP_FIELD in c.args and (t := tools.get(c.tool)) is not None and t.app
               and VALUE_FIELD not in t.params.model_fields and set(c.args) - {STEP_FIELD} else c for c in calls]
    for call in list(settled):
        tool = tools.get(call.tool)
        if tool is None or set(call.args) != {STEP_FIELD} or not tool.app:
            continue
        submit = next((t for t in tools if t.app == tool.app and {STEP_FIELD, VALUE_FIELD} <= set(t.params.model_fields)),
                      None)
        # "… and then put in sweetwater, guitar center and reverb for the competitors": the step named is no value
        step_value = re.sub(r"\s+(?:as|for)\s+(?:the\s+|my\s+|our\s+)?" + re.escape(bare_step_name(str(call.args[STEP_FIELD])))
                            + r"(?:\s+step)?\s*$", "", value, flags=re.IGNORECASE) or value
        given = ToolCall(submit.name, {STEP_FIELD: call.args[STEP_FIELD], VALUE_FIELD: step_value}) if submit else None
        if given is not None and not any(c.tool == given.tool and c.args.get(STEP_FIELD) == call.args[STEP_FIELD]
                                         for c in settled):
            settled.insert(settled.index(call) + 1, given)
    return settled


_GOING_BACK = re.compile(r"\b(?:back|revert\w*|undo|re-?do|again|wrong\w*|mistake\w*|fix|change|correct|edit|previous|"
                         r"return|typo|oops|instead|redo|restart|earlier|last)\b", re.IGNORECASE)


def reverts_asked(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """A revert only where the request says something of going back or putting right ("put in sweetwater, guitar center
    and reverb": "reverb" is one slip from "revert", and a name)."""
    if _GOING_BACK.search(text):
        return calls
    return [c for c in calls if not (c.tool.endswith("_revert") and STEP_FIELD in c.args)]


def bare_step_name(step: str) -> str:
    """A step's title without its "your"/"my"/"the": "Your name" is also said "name"."""
    return re.sub(r"^(?:your|my|the)\s+", "", step, flags=re.IGNORECASE)


def step_names(steps: Sequence[str]) -> list[str]:
    """The steps' titles, and each without its "your"/"the": "Your name" is also said "name"."""
    return list(dict.fromkeys([*steps, *(bare_step_name(s) for s in steps)]))


def steps_apart(text: str, steps: Sequence[str]) -> str:
    """"name Chris greeting good morning", as dictated: a text led by one step's title that names another
    step's title after a value gives two steps their values; a comma marks where the second starts. "put Kayla
    for name and hi for the greeting": a value for one step and, after "and", a value for another are two
    actions, the second led by the first one's verb."""
    steps = step_names(steps)
    names = "|".join(re.escape(s) for s in steps if s.strip())
    if names and (two := re.match(r"^\s*(?P<verb>put|set|make|enter|use|type)\s+(?P<first>[^,;.!?]+?\s(?:for|as)\s+(?:the\s+|my\s+)?"
                                  r"(?:" + names + r"))\s+and\s+(?P<second>[^,;.!?]+?\s(?:for|as)\s+(?:the\s+|my\s+)?(?:"
                                  + names + r")\b.*)$", text, re.IGNORECASE)):
        return f"{two['verb']} {two['first']}, and {two['verb']} {two['second']}"
    if names:  # "competitors are A, B, C and for the analysis: X, Y": a value for another step after "and", labelled
        text = re.sub(r"\s+(?:and|then|and\s+then)\s+for\s+(?:the\s+)?(" + names + r")\s*[:=–—-]\s*", r". \1: ", text,
                      flags=re.IGNORECASE)
    if steps:  # "That's it done now, finish it up for him": with a run open, finishing it up is finalizing it
        text = re.sub(r"\b(?:finish|wrap)\s+(?:it\s+)?up\b|\bfinish\s+it\s+off\b", "finalize it", text, flags=re.IGNORECASE)
    if not steps or not led_by_one_of(text, steps):
        return text
    # "greeting Hi and finish it": after a step's value, finishing is the run's, not a todo's.
    text = re.sub(r"(\s(?:and|then|n|&)\s+(?:then\s+)?)(?:finish|complete|wrap\s+up)(\s+(?:it|up|off|it\s+off))?\s*([.!]*)$",
                  r"\1finalize it\3", text, flags=re.IGNORECASE)
    lead = next(s for s in steps if s.strip() and re.match(re.escape(s) + r"\b", text.strip(), re.IGNORECASE))
    for step in steps:
        if not step.strip() or step.casefold() == lead.casefold():
            continue
        text = re.sub(r"(?<!\band)(?<!\bthen)(?<=\w)\s+(?=" + re.escape(step) + r"\s+\w)", ", ", text, count=1, flags=re.IGNORECASE)
    return text


_PUT_THEM_IN = re.compile(r"^\s*(?:(?:please|pls|now|so|ok|okay|and)\s+)*(?:put|enter|submit|save|stick|pop|add|fill)\s+"
                          r"(?:them|it|those|these|that|em)(?:\s+(?:in\s+(?:the|my)\s+[\w ]{1,20}?\s+step|in|down|there))?"
                          r"(?:\s+(?:please|pls|for\s+me))?\s*[.!]*\s*$",
                          re.IGNORECASE)


def puts_in_what_was_given(clause: str, earlier: Sequence[ToolCall]) -> bool:
    """"The competitors are A, B and C. Put them in": after a part that gives a step its value, "put them in"
    asks for that same submit, no other."""
    return bool(_PUT_THEM_IN.match(clause)) and any(STEP_FIELD in c.args and VALUE_FIELD in c.args for c in earlier)


def without_trailing_marks(calls: list[ToolCall]) -> list[ToolCall]:
    """"greeting shld be good morning ☀️": the emoji and stops a step's value ends with are not the value's."""
    return [ToolCall(c.tool, {**c.args, VALUE_FIELD: without_trailing_symbols(c.args[VALUE_FIELD]) or c.args[VALUE_FIELD]})
            if STEP_FIELD in c.args and isinstance(c.args.get(VALUE_FIELD), str) else c for c in calls]


# After a step's name that starts a part, the value: "competitors Boots, Superdrug, Lloyds",
# "greeting - Good morning. its 7am somewhere", "competitors: Bluebird Care, Home Instead".
_LABEL_MARK = (r"\s*(?:[:=]|\s[-–—])\s*|\s+(?=[A-Z0-9\"'“‘])"
               # "competitors fluke klein and kincrome": a lower-case list, said without a mark
               r"|\s+(?=(?!(?:are|is|r|na|were|will|should|would|include|includes|for|of|on|as|and|to|step|bit|part)\b)"
               r"[a-z][\w'-]*(?:\s+[\w'-]+){0,3}\s+(?:and|n|&)\s+[\w'-]+(?:\s+[\w'-]+)?\s*(?:[.!?]|$))"
               # "competitors meadowbank, oaklands, the willows.": a lower-case list of three, by commas
               r"|\s+(?=(?!(?:are|is|r|na|were|will|should|would|include|includes|for|of|on|as|and|to|step|bit|part|"
               r"please|pls|now|first|again|then|done|go|back)\b)[a-z][\w'-]*(?:\s+[\w'-]+){0,2},\s*[\w'-]+(?:\s+[\w'-]+){0,2}"
               r"(?:,\s*|\s+(?:and|n|&)\s+)[\w'-]+(?:\s+[\w'-]+){0,2}\s*(?:[.!?]|$))")


def value_labelled(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """A step's value when the request labels it with the step's name at the start of a part, then a
    colon, a dash or a capital: the rest of that sentence, as typed and without a polite ending, whatever
    the model copied. Words after the name that are no value ("greeting part I'd like Hi") are not
    labelled: no mark or capital follows the name."""
    settled = []
    for call in calls:
        step, value = call.args.get(STEP_FIELD), call.args.get(VALUE_FIELD)
        if isinstance(step, str) and isinstance(value, str):
            said = _labelled(text, [n for n in step_names([step]) if n.strip()],
                             [n for n in step_names(state_values) if n.strip()])
            if said and said != value:
                call = ToolCall(call.tool, {**call.args, VALUE_FIELD: said})
        settled.append(call)
    return settled


def _labelled(text: str, names: Sequence[str], others: Sequence[str]) -> str:
    for name in names:
        found = re.search(r"(?:^|[,.;:!?]\s*|\b(?i:and|then)\s+)(?i:" + re.escape(name) + r")(?:" + _LABEL_MARK + r")"
                          r"(?P<value>[^.!?;\n]+)", text)
        # "Would you put in the competitors as Wickes, Homebase and The Range, and then compare …"
        found = found or re.search(r"\b(?i:put\s+in|put\s+down|enter|fill\s+in|give|set)\s+(?i:the\s+|my\s+|our\s+)?(?i:"
                                   + re.escape(name) + r")\s+(?i:as)\s+(?P<value>(?:(?!,?\s+(?i:and\s+)?then\b)[^.!?;\n])+)", text)
        # "… and put in Leo Burdock's, Beshoff's and Macari's as (for) the competitors.": the value, then the step
        found = found or re.search(r"\b(?i:put\s+in|put\s+down|put|enter|add|use)\s+(?P<value>[^.!?;\n]+?)\s+(?i:as|for)\s+"
                                   r"(?i:the\s+|my\s+|our\s+)?(?i:" + re.escape(name) + r")\s*(?:[.!?;]|$)", text)
        # "Herself and meself do be arguing … The competitors are Beshoff's, Leo Burdock's and Macari's."
        found = found or re.search(r"(?:^|[.!?;]\s+)(?i:the\s+|my\s+|our\s+)?(?i:" + re.escape(name)
                                   + r")\s+(?i:are|is|will\s+be|should\s+be)\s+(?P<value>[^.!?;\n]+)", text)
        # "for the analysis put price, warranty, heat-up time": the step named, then what to put in it
        found = found or re.search(r"\b(?i:for|in|on|under)\s+(?i:the\s+|my\s+|our\s+)?(?i:" + re.escape(name)
                                   + r")(?:\s+(?i:step|part|bit))?,?\s+(?i:put|write|enter|use|say|type|compare(?:\s+(?:on|by))?)\s+(?i:in\s+|down\s+)?"
                                   r"(?P<value>(?:(?!,?\s+(?i:and\s+)?then\b)[^.!?;\n])+)", text)
        if found:
            value = found.group("value")
            if others:  # "name Chris, greeting good morning": the next step's part is not this value
                value = re.split(r",\s*(?=(?i:" + "|".join(re.escape(o) for o in others) + r")\b)", value)[0]
            value = _POLITE_TAIL.sub("", value).strip(" ,")
            value = _quoted_first(value)
            # "competitors: Taj Lands End, ITC Maratha, JW Marriott Juhu — for the venues": a list ends at a dash
            value = re.split(r"\s[-–—]\s", value, maxsplit=1)[0] if re.search(r",[^-–—]*\s[-–—]\s", value) else value
            # "analysis compare bizcocho prices and delivery": the comparing is how the value is asked for
            value = re.sub(r"^compar(?:e|ing)\s+(?:(?:them|em|on|by)\s+)*", "", value, flags=re.IGNORECASE) or value
            return without_trailing_symbols(value) or value
    return ""


def _quoted_first(value: str) -> str:
    """"'Good morning' rakh do, subah ka time hai": a value that opens with a quote is what the quotes hold, when
    no other quote follows (a list of quoted things keeps them all)."""
    quoted = re.match(r"([\"“‘'])(?P<said>[^\"“”‘’]+?)[\"”’'](?P<rest>.*)$", value)
    if quoted is None or not quoted.group("rest").strip() or re.search(r"[\"“”‘’']", quoted.group("rest")):
        return value
    return quoted.group("said").strip()


def values_said(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"mes compétiteurs c'est A, B pis C, mets-les dans le step competitors": the part that only points ("put them
    in") leaves the model to make a value up; of two values for one step, one said and one not, the said one stays.
    Of two that are one value, one with the step's name ("waylon", "names waylon"), the first stays."""
    said_words = set(re.findall(r"\w+", text.casefold()))

    def own_words(call: ToolCall) -> frozenset[str]:
        step_words = set(re.findall(r"\w+", str(call.args.get(STEP_FIELD, "")).casefold()))
        return frozenset(w for w in re.findall(r"\w+", str(call.args[VALUE_FIELD]).casefold())
                         if len(w) > 2 and w not in step_words and w.removesuffix("s") not in step_words)

    def said(call: ToolCall) -> bool:
        return any(w in said_words for w in own_words(call))  # "names waylon, put that in for the name": "name" is no value

    def step(call: ToolCall) -> str:
        return bare_step_name(str(call.args[STEP_FIELD])).casefold()

    submits = [c for c in calls if STEP_FIELD in c.args and isinstance(c.args.get(VALUE_FIELD), str)]
    unsaid = [c for c in submits if not said(c) and any(
        o is not c and o.tool == c.tool and step(o) == step(c) and said(o) for o in submits)]
    # "waylon" and "names waylon": the same value, once with the step's own name
    again = [c for n, c in enumerate(submits) if any(o.tool == c.tool and step(o) == step(c) and own_words(o) == own_words(c)
                                                    for o in submits[:n])]
    return [c for c in calls if all(c is not u for u in [*unsaid, *again])]


def one_call_per_step(calls: list[ToolCall]) -> list[ToolCall]:
    """"I have given wrong name, kindly go back to the name step": two parts asking to go back to "name"
    and to "Your name" ask for one step, once (a step said with or without its "your"/"the")."""
    seen: set[tuple] = set()
    kept = []
    for call in calls:
        step = call.args.get(STEP_FIELD)
        if isinstance(step, str):
            others = tuple(sorted((k, str(v).casefold()) for k, v in call.args.items() if k != STEP_FIELD))
            key = (call.tool, bare_step_name(step.strip()).casefold(), others)
            if key in seen:
                continue
            seen.add(key)
        kept.append(call)
    return kept


# "compare em on price, callout fee, reviews", "For what to compare, I think I want: speed, cost".
# "compare the shops on price": "the shops" is what is compared, and only before "on"; "compare the price of
# medialunas and the opening hours" compares the price.
_COMPARED_ON = re.compile(r"\bcompar(?:e|ing)\b[^.!?:]*?:\s*(?P<listed>[^.!?()]+)|\bcompar(?:e|ing|ed)\b(?:\s+the\s+\w+\s+(?:on|by|for|in\s+terms\s+of|"
                          r"across)|(?:\s+(?:them|em|'em|these|those|it|all))?(?:\s+(?:on|by|for|in\s+terms\s+of|across))?)"
                          r"\s+(?P<said>[^.!?()]+)", re.IGNORECASE)
# "… how quick they pays ya cause that's all i cares about": why these aspects, no aspect.
# So is "… roll quality thats all anybody in South Philly cares about": what is said of the aspects after them.
_REASON_TAIL = re.compile(r"(?:\s+ya)?,?\s+(?:'?cause|cos|coz|cuz|because|bc|since|(?:that'?s|thats|it'?s|its|which\s+is|"
                          r"those\s+are|these\s+are)\s+(?:all|what|the\s+only|the\s+main|the\s+things?|really)\b)\b.*$",
                          re.IGNORECASE)
_WANTING = re.compile(r"^(?:(?:i\s+think\s+)?i\s+(?:want|would\s+like|'d\s+like)|please|pls|maybe|just)\s*:?\s*", re.IGNORECASE)
ANALYSIS_STEP = "analysis"  # the comparison's step: what "compare …" gives its aspects to


def aspects_compared(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"compare em on price, callout fee, reviews" planned as one submit per aspect, each aspect taken for
    a step: the aspects compared are the value of the run's Analysis step, one call. Only submits whose
    step is none of the run's steps, or the analysis with a piece of the aspects, are replaced; a step the
    request named with its value keeps its call."""
    titles = {t.casefold() for t in step_names(state_values)}
    analysis = next((v for v in state_values if v.casefold() == ANALYSIS_STEP), None)
    said = _COMPARED_ON.search(title_stops_hidden(text))  # "no. of listings" is one aspect
    if analysis is None or said is None:
        return calls
    aspects = quoted_marks_shown(said.group("listed") or said.group("said"))
    aspects = _WANTING.sub("", _POLITE_TAIL.sub("", aspects).strip(" ,")).strip(" ,")
    aspects = _REASON_TAIL.sub("", aspects).strip(" ,")
    aspects = _without_articles(aspects)  # "the price of medialunas and the opening hours"
    if not aspects or aspects.casefold() in PRONOUNS:
        return calls

    def cut_short(call: ToolCall) -> bool:
        """A submit to the analysis step with a piece of the aspects, or none ("fees" of "listing fees, …")."""
        value = str(call.args.get(VALUE_FIELD, "")).strip().casefold()
        return str(call.args.get(STEP_FIELD)).casefold() == ANALYSIS_STEP and value in aspects.casefold() \
            and value != aspects.casefold()

    strays = [c for c in calls if isinstance(c.args.get(STEP_FIELD), str) and (VALUE_FIELD in c.args or cut_short(c))
              and ((c.args[STEP_FIELD].casefold() not in titles and not c.args[STEP_FIELD].strip().isdigit())
                   or cut_short(c))]
    if not strays or any(str(c.args.get(STEP_FIELD)).casefold() == ANALYSIS_STEP and c not in strays for c in calls):
        return calls
    given = ToolCall(strays[0].tool, {STEP_FIELD: analysis, VALUE_FIELD: aspects})
    return [given if c is strays[0] else c for c in calls if c is strays[0] or c not in strays]


def aspects_without_articles(calls: list[ToolCall]) -> list[ToolCall]:
    """"for the analysis compare the price of mutton flaps", "compare their prices and opening hours": each aspect
    of the Analysis step without its article, as a column is headed ("price of mutton flaps")."""
    return [ToolCall(c.tool, {**c.args, VALUE_FIELD: _without_articles(c.args[VALUE_FIELD])})
            if _step_of(c) == ANALYSIS_STEP and isinstance(c.args.get(VALUE_FIELD), str) else c for c in calls]


def _without_articles(aspects: str) -> str:
    return re.sub(r"(^|,\s*|\s(?:and|&)\s+)(?:the|their|its)\s+(?=\w)", r"\1", aspects, flags=re.IGNORECASE) or aspects


def compared_after_listing(calls: list[ToolCall], text: str, state_values: Sequence[str]) -> list[ToolCall]:
    """"competitors Flipkart, Amazon, Meesho and compare on pricing, return policy" planned as one submit of
    "Flipkart, Amazon, Meesho and compare on pricing": a value that runs into the comparing ends there, and the
    aspects compared are the Analysis step's, submitted after it (unless the plan gives that step a value)."""
    analysis = next((v for v in state_values if v.casefold() == ANALYSIS_STEP), None)
    said = _COMPARED_ON.search(text)
    if analysis is None or said is None or any(_step_of(c) == ANALYSIS_STEP for c in calls):
        return calls
    aspects = _POLITE_TAIL.sub("", said.group("listed") or said.group("said")).strip(" ,")
    for n, call in enumerate(calls):
        value = call.args.get(VALUE_FIELD)
        cut = re.split(r"\s*,?\s+(?:and\s+|then\s+|&\s+)?compar(?:e|ing)\b", value, maxsplit=1, flags=re.IGNORECASE)[0] \
            if isinstance(value, str) else value
        if aspects and cut != value and cut.strip(" ,"):
            given = ToolCall(call.tool, {STEP_FIELD: analysis, VALUE_FIELD: aspects})
            return [*calls[:n], ToolCall(call.tool, {**call.args, VALUE_FIELD: cut.strip(" ,")}), given, *calls[n + 1:]]
    # "… the competitors as A, B and C, and then compare them on price": the list ended before the comparing.
    listed = [n for n, c in enumerate(calls) if isinstance(v := c.args.get(VALUE_FIELD), str) and v.strip()
              and 0 <= text.casefold().find(v.casefold()) < said.start() and _step_of(c) != ANALYSIS_STEP]
    if aspects and len(listed) == 1 and re.search(r"(?:[,.;]|\band\b|\bthen\b)\s*(?:(?:please|pls|also|now)\s+)*$",
                                                 text[:said.start()], re.IGNORECASE):
        call = calls[listed[0]]
        return [*calls[:listed[0] + 1], ToolCall(call.tool, {STEP_FIELD: analysis, VALUE_FIELD: aspects}),
                *calls[listed[0] + 1:]]
    return calls


def steps_of_the_run(calls: list[ToolCall], text: str, steps: Sequence[str], done: Sequence[str],
                     tools=None) -> list[ToolCall]:
    """A step argument that names no step ("undo that last step i did" copied as "last", "go back to
    that step" as "go", "compare em on price, reviews" as steps "price" and "reviews") is the step the
    open run implies: going back, the last step done; submitting (a tool that takes a value), the step
    after it (the first when none is done). steps: the open app's step titles in order (then anything
    else it holds); done: the titles of the run's done steps (its marked values). A submit left without
    a value for a step another call gives one is that call's echo, dropped."""
    known = {s.casefold() for s in step_names(steps)}

    def names_a_step(step: str) -> bool:
        return step.strip().casefold() in known or (step.strip().isdigit() and 1 <= int(step) <= len(steps))

    def submits(call: ToolCall) -> bool:
        tool = tools.get(call.tool) if tools is not None else None
        return VALUE_FIELD in (tool.params.model_fields if tool else call.args) or "values" in call.args

    last_done = done[-1] if done else None
    following = steps[steps.index(last_done) + 1] if last_done in steps and steps.index(last_done) + 1 < len(steps) \
        else (steps[0] if steps and not done else None)
    settled, changed, implied_ids = [], False, set()
    for call in calls:
        step = call.args.get(STEP_FIELD)
        if isinstance(step, str) and not names_a_step(step):
            # "name is Nonc Pete and say Hi": a value that is one step's choice is that step's; else the step
            # after the run's last done one.
            implied = (_step_choosing(call, steps, tools) or following) if submits(call) else last_done
            if implied is not None:
                call, changed = ToolCall(call.tool, {**call.args, STEP_FIELD: implied}), True
                implied_ids.add(id(call))
        settled.append(call)
    if not changed:
        return calls
    # "go back to the name step and put Dexter": a value a named step is given, given again to the step the
    # run implies, is an echo of that call.
    named = {(c.tool, c.args[VALUE_FIELD].casefold()) for c in settled
             if id(c) not in implied_ids and isinstance(c.args.get(VALUE_FIELD), str)}
    settled = [c for c in settled if not (id(c) in implied_ids and isinstance(c.args.get(VALUE_FIELD), str)
                                          and (c.tool, c.args[VALUE_FIELD].casefold()) in named)]
    given = {(c.tool, str(c.args[STEP_FIELD]).casefold()) for c in settled if isinstance(c.args.get(VALUE_FIELD), str)}
    settled = [c for c in settled if not (VALUE_FIELD not in c.args and "values" not in c.args and submits(c)
                                          and (c.tool, str(c.args.get(STEP_FIELD)).casefold()) in given)]
    # "… is Cajun Seafood, Bayou Fresh and Gulf Catch, put them for the competitors": the second part's
    # value, copied from no word typed (the run's id), gives the step nothing the first part did not.
    typed = {(c.tool, str(c.args[STEP_FIELD]).casefold()) for c in settled
             if isinstance(c.args.get(VALUE_FIELD), str) and c.args[VALUE_FIELD].casefold() in text.casefold()}
    settled = [c for c in settled if not (isinstance(c.args.get(VALUE_FIELD), str) and submits(c)
                                          and c.args[VALUE_FIELD].casefold() not in text.casefold()
                                          and (c.tool, str(c.args.get(STEP_FIELD)).casefold()) in typed)]
    return one_call_per_step(one_value_per_step(settled, text))


def _step_choosing(call: ToolCall, steps: Sequence[str], tools) -> str | None:
    """The one step of `steps` whose choices (its tool's schema declares them, tools.CHOICES) hold the call's value."""
    tool, value = tools.get(call.tool) if tools is not None else None, call.args.get(VALUE_FIELD)
    if tool is None or not isinstance(value, str):
        return None
    choices = {k.casefold(): v for k, v in tool.field(VALUE_FIELD).get(CHOICES, {}).items()}
    choosing = [s for s in steps if any(c.casefold() == value.strip().casefold()
                                        for c in choices.get(bare_step_name(s).casefold(), []))]
    return choosing[0] if len(choosing) == 1 else None


def _sound_key(said: str) -> str:
    """How a word sounds, roughly: "high" and "Hi", "gud mornin" and "Good morning" meet."""
    key = re.sub(r"[^a-z]", "", said.casefold()).replace("igh", "i").replace("ph", "f")
    key = re.sub(r"(.)\1+", r"\1", re.sub(r"in$", "ing", key))
    return key.replace("u", "o")


def the_choice_said(calls: list[ToolCall], text: str, tools) -> list[ToolCall]:
    """"for the greeting I guess Good morning? it's 11:40" planned as value "11:40 so technically still morning":
    a step's value that is none of the step's choices (its tool's schema declares them, tools.CHOICES) is the one
    choice the request names; with none or two named, the value stays and the step's own check answers. A choice
    typed in other letters ("good morning") is spelt as the step spells it."""
    settled = []
    for call in calls:
        step, value, tool = call.args.get(STEP_FIELD), call.args.get(VALUE_FIELD), tools.get(call.tool)
        if not (isinstance(step, str) and isinstance(value, str) and tool is not None):
            settled.append(call)
            continue
        choices = {k.casefold(): v for k, v in tool.field(VALUE_FIELD).get(CHOICES, {}).items()}
        offered = choices.get(bare_step_name(step).casefold(), [])
        spelt = [c for c in offered if c.casefold() == value.strip().casefold()]
        if spelt and spelt[0] != value:  # "good morning I'll have": the choice as the step spells it
            call = ToolCall(call.tool, {**call.args, VALUE_FIELD: spelt[0]})
        elif offered and not spelt:
            sounding = [c for c in offered if _sound_key(c) == _sound_key(value)]
            if (named := one_choice_named(offered, text)) is not None:
                call = ToolCall(call.tool, {**call.args, VALUE_FIELD: named})
            elif len(sounding) == 1:  # "the greeting high": voice typing's spelling of the choice said
                call = ToolCall(call.tool, {**call.args, VALUE_FIELD: sounding[0]})
        settled.append(call)
    return settled


# After the start, the first step's value said by its name ("…, the competitors are Redfin and Zillow", "with as
# competitors Lime, Tier and Voi", "…, my name is Dorothy") or straight after "with" ("… w roblox and minecraft").
# Not the step's title quoted in place of "the competitor thing" (named_things.resolve_references): no label.
_STEP_SAID = r"(?<![\"“])\b(?:{names})\b(?![\"”])\s*(?:(?:are|is|na|will\s+be|would\s+be|being|=|:|-)\s+|(?-i:(?=[A-Z0-9\"'“‘])))"
_WITH_VALUE = re.compile(r"^[^,.;!?]*?\b(?:start|begin|kick\s+off|new|another)\b[^,.;!?]*?\s(?:with|w/|w)\s+"
                         r"(?!(?:a|an|the|it|this|that|me|us|you|him|her|them|my|our)\b)", re.IGNORECASE)
_VALUE_ENDS = re.compile(r"\s*(?:[.!?;]|\b(?:and\s+then|then)\b|$)", re.IGNORECASE)


def first_step_given(calls: list[ToolCall], text: str, tools) -> list[ToolCall]:
    """"start a competitive analysis w roblox and minecraft", "Kindly start competitive analysis, the competitors na
    Slot and Pointek": a run started with a value for its first step, and no step submitted, has that step
    submitted after the start. A submit tool declares the steps (tools.STEPS) and the tool that starts their run
    (tools.STARTED_BY); the value, what follows the step's name or "with", to the end of that sentence."""
    submits = {t.field(STEP_FIELD)[STARTED_BY]: t for t in tools if STARTED_BY in t.field(STEP_FIELD)}
    started = [c for c in calls if c.tool in submits]
    if len(started) != 1:
        return calls
    submit = submits[started[0].tool]
    submitted = [c for c in calls if c.tool == submit.name]
    first_id, first_title = submit.field(STEP_FIELD)[STEPS][0]
    names = "|".join(re.escape(n) for n in dict.fromkeys((first_id, first_title, bare_step_name(first_title))) if n)
    said = re.compile(_STEP_SAID.format(names=names), re.IGNORECASE).search(text) or _WITH_VALUE.search(text)
    if said is None or len(submitted) > 1:
        return calls
    rest = text[said.end():]
    value = _POLITE_TAIL.sub("", rest[:_VALUE_ENDS.search(rest).start()])
    # "… w logitech, razer, steelseries as the competitors": the step named after its value is no part of it.
    value = re.sub(r"\s+(?:as|for)\s+(?:the\s+|my\s+|our\s+)?(?:" + names + r")\b.*$", "", value,
                   flags=re.IGNORECASE).strip(" ,:-\"'")
    if not value or value.casefold() in PRONOUNS:
        return calls
    given = ToolCall(submit.name, {STEP_FIELD: first_id, VALUE_FIELD: value})
    if submitted:  # a step planned already stays, unless it is a piece of the value said ("steelseries")
        planned = submitted[0].args.get(VALUE_FIELD)
        cut_short = (_step_of(submitted[0]) == first_id.casefold() and isinstance(planned, str) and planned.strip()
                     and planned.casefold() in value.casefold() and len(planned) < len(value))
        return [given if c is submitted[0] else c for c in calls] if cut_short else calls
    at = calls.index(started[0]) + 1
    return [*calls[:at], given, *calls[at:]]


# "Thompson and Morgan, that is all one company mind, then Suttons": a part of a list that says something
# about the others ("that is …", "the ones near my shop") is a remark, not one of them.
_LIST_REMARK = re.compile(r"^(?:that|which|it|they|these|those|the\s+ones?|all|both)\b|\b(?:is|are|was|were)\b",
                          re.IGNORECASE)


# "Jayco, Avan and Coromal, we're thinking about trading …", "price, weight and offroad ability, thats what matters":
# after the item joined by "and", a part that opens like a sentence is a remark.
_REMARK_OPENER = re.compile(r"^(?:that'?s|thats|we'?re|were|we|it'?s|its|i'?m|im|i|they'?re|theyre|there'?s|theres|so|"
                            r"because|cos|coz|since|which|for\s+(?:the|my|our)|\w+'s\s+(?:off|out|gone)|"
                            r"(?:the\s+)?(?:things?|ones?|stuff)\s+(?:that|which|we|i|people))\b", re.IGNORECASE)


# "…, the big stove makers", "…, the big names of via dei Tribunali": what they are, and where.
_DESCRIBING = re.compile(r"^the\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}(?:\s+(?:of|in|on|from|at|near|around)\s+[^,]+)?$")


def _without_remark_after_last(value: str) -> str:
    pieces = value.split(",")
    last = next((i for i, p in enumerate(pieces) if re.search(r"(?:^|\s)and\s", p.strip() + " ")), None)
    if last is None or last == len(pieces) - 1:
        return value
    after = pieces[last + 1].strip()
    # "Harvia, Helo and Narvi, the big stove makers": named things, then what they are, said in lower case.
    described = bool(_DESCRIBING.match(after)) and all(
        w[:1].isupper() for p in pieces[:last + 1] for w in re.split(r"\s+and\s+", p.strip()) if w)
    if not (_REMARK_OPENER.match(after) or described):
        return value
    return ",".join(pieces[:last + 1]).strip()


def two_named(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """"the competitors are Concettina ai Tre Santi and 50 Kalò": a step named in the plural and given two names
    joined by one "and" gets both (one name with "and" in it is said of one: "the competitor is Marks and
    Spencer"). The app's list reads an "and" without a comma as part of a name."""
    settled = []
    for call in calls:
        value, step = call.args.get(VALUE_FIELD), str(call.args.get(STEP_FIELD, ""))
        pair = re.split(r"\s+and\s+", value, flags=re.IGNORECASE) if isinstance(value, str) and "," not in value else []
        plural = step.casefold().endswith("s") and re.search(r"\b" + re.escape(step) + r"\s+(?:are|r|will\s+be)\b", text,
                                                             re.IGNORECASE)
        if plural and len(pair) == 2 and all(p[:1].isupper() or p[:1].isdigit() for p in pair):
            call = ToolCall(call.tool, {**call.args, VALUE_FIELD: ", ".join(pair)})
        settled.append(call)
    return settled


def remarks_out_of_list(calls: list[ToolCall]) -> list[ToolCall]:
    """A listed value (two commas or more) without its remarks and without "then" before an item ("then
    Suttons"); the comparison's aspects are kept as said."""
    settled = []
    for call in calls:
        value = call.args.get(VALUE_FIELD)
        if isinstance(value, str) and (trimmed := _without_remark_after_last(value)) != value:
            value = trimmed
            call = ToolCall(call.tool, {**call.args, VALUE_FIELD: value})
        if isinstance(value, str) and value.count(",") >= 2 and _step_of(call) != ANALYSIS_STEP:
            pieces = [re.sub(r"^(?:and\s+)?then\s+", "", p.strip(), flags=re.IGNORECASE) for p in value.split(",")]
            kept = [p for p in pieces if p and not _LIST_REMARK.search(p)]
            if len(kept) >= 2 and kept != [p.strip() for p in value.split(",")]:
                call = ToolCall(call.tool, {**call.args, VALUE_FIELD: ", ".join(kept)})
        settled.append(call)
    return settled
