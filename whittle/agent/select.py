"""Pre-select the few tools that fit a request, before any model sees it.

A 135M model picks well among two or three tools and badly among twenty, and a request that fits
no tool must stay plain chat: a model offered a tool for "give me a new idea for dinner" adds a
todo. So a tool is a candidate only on evidence that the user asks the app to act:

- the request form: one of the tool's action words (the verbs in its name, with synonyms) leads
  a clause, after politeness ("please", "can you", "I need to", "let's"); or the user reports
  having done it ("I did the eggs", "walk the dog is done"). A question ("what/which/who ...?",
  "can you list three fruits?" is a request) only asks to see something: only listing tools;
- the object: the tool's kind of thing named ("todo", "list", "profile", "job", "step", an app's
  name), a current state value of the open app ("milk"), or, in the tool's own app, a short plain
  object for a tool that takes free text ("add apples") or none at all for one that takes nothing
  ("start it"). "Write a poem", "tell me ...", "put it in simpler words" name no such object: chat.

Tools are then ranked lexically: the words of each tool's name, description and parameter names
(lightly stemmed) matched against the request, weighted by how rare each word is among the tools,
with a bonus for the open app's tools.

When the rules find no tool, a learned model (agent/intents.py) may offer one, for wordings the
rules do not read ("models page plz", "greet me with Hi"): only when it is sure, and only where the
rules' safety allows it (no clause led by another action, no question but one asking to see, the
thing named for a tool that acts on one, a plain object for a tool that adds one).

Only the user's own request is matched, never the app's data: a todo reading "delete everything"
cannot put a delete tool in front of the model (state values only confirm an object the user named).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from whittle.agent.intents import MIN_PROBABILITY, MUST_CALL_PROBABILITY, IntentModel
from whittle.agent.request_form import (
    ADD_LABELS,
    ALL_VERBS,
    BEING,
    COMPLETING,
    FREE_OBJECT_VERBS,
    LABEL_MARKS,
    QUESTION_WORDS,
    QUOTED,
    REOPENING,
    REPORTERS,
    STOPWORDS,
    SYNONYMS,
    VAGUE_VERBS,
    Clause,
    after_lead_ins,
    asks_about_words,
    fix_swapped_letters,
    led_by_one_of,
    one_edit,
    quoted_texts,
    read_request,
    request_part,
    said_head,
    stem,
    told_not_edited,
    words,
)
from whittle.tools import Tool

APP_BONUS = 1.5  # the open app's tools win ties: "add milk" in the todo app is a todo
MIN_SCORE = 1.0  # below this the match is too weak: plain chat
ValuesOf = Callable[[str], Sequence[str]]  # an app's name -> what a user may name in it (its todos, profiles, steps)


@dataclass(frozen=True)
class Candidate:
    tool: Tool
    score: float
    matched: tuple[str, ...]  # the request words that matched, for the plan's reason

    @property
    def action_matched(self) -> bool:
        return bool(self.matched)


def _terms(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def action_words(tool: Tool) -> set[str]:
    """The words a request must use to ask for this tool: the verbs in its name ("todo_add",
    "open_app") with their synonyms; a name with no known verb ("linkgraph_orphans") is asked for
    by the words after its first part."""
    parts = tool.name.split("_")
    verbs = [part for part in parts if part in SYNONYMS]
    found: set[str] = set()
    for part in verbs or parts[1:] or parts:
        found |= {stem(w) for w in SYNONYMS.get(part, {part})}
    return found


def object_words(tool: Tool) -> set[str]:
    """What the tool acts on: its app's name words, else its name's non-verb parts ("todo", "job")."""
    source = tool.app.replace("-", "_").split("_") if tool.app else tool.name.split("_")
    return {stem(w) for w in source if w not in SYNONYMS}


def tool_terms(tool: Tool) -> set[str]:
    fields = " ".join(tool.params.model_fields)
    return _terms(f"{tool.name.replace('_', ' ')} {tool.description} {fields.replace('_', ' ')}") | action_words(tool)


LEARNED = "learned"  # a candidate's evidence when the learned model offered it, not the rules
LISTING = "list"  # a question asks to see, never to change: only a listing tool answers it
OPENING_VERBS = frozenset({"open", "launch"})  # "open the experts": a short name after these is an app
# The kinds of things tools act on (words of their names and descriptions) and what users call them.
KIND_NOUNS = {
    "todo": {"todo", "task", "item", "entry", "list"}, "list": {"list"}, "profile": {"profile", "workspace"},
    "job": {"job"}, "run": {"run", "analysis"}, "step": {"step"}, "workflow": {"workflow"},
    "app": {"app", "page", "screen", "tab", "dashboard"},
    "message": {"message", "chat", "conversation"}, "conversation": {"conversation", "chat", "message"},
}
# These name the app's things wherever they stand; the others ("list", "job", "page") only as the head
# of their phrase: "a Python list comprehension", "a list of countries", "a job interview" are not ours.
NAMING_NOUNS = frozenset({"todo", "profile", "workspace", "conversation", "workflow"})
FILLERS = frozenset({"a", "an", "the", "please", "pls", "thanks", "thank", "now", "too", "again"})
ANEW = frozenset({"over", "from", "scratch", "afresh", "anew", "fresh", "up", "once", "more", "off"})  # "start it over", "kick it off"
CHAT_OBJECTS = frozenset(  # an object about the conversation itself: "put it in simpler words", "add more examples"
    "you your yours me it this that these those them us something anything here there".split()) | REPORTERS
DESTINATIONS = frozenset({"to", "into", "onto", "in"})  # "add some spice to my essay": not to the list
PARTICLES = frozenset({"up", "over", "out", "on", "off", "back", "down", "away", "through", "with", "about"})
PHRASE_ENDS = frozenset("and or to on in at for from with by called named please now too again then pls first "
                        "last as there here".split())
MAX_FREE_OBJECT_WORDS = 8  # "add ring Auntie Marjorie about christmas plans" is one todo
# A workflow step named with these gets a value: "our competitors are …", "… as the greeting".
ASSIGNING = frozenset({"is", "are", "as", "set", "pick", "choose", "put", "be"})
# Verbs that lead requests for many tools ("put X at position 2", "go with Hi"): leading a clause, they
# do not rule out another tool whose word the clause holds; "rename", "delete" and the like do.
GENERAL_VERBS = VAGUE_VERBS | {"put"}
ADDING = "add"  # todo_add, profile_add: their first field is a new thing, not one of the app's
THING_FIELDS = frozenset({"item", "name"})  # a first field by these names is one of the app's things
SEEING_VERBS = frozenset({"list", "search"})  # the tools a question may ask for: they only show
STOPWORD_STEMS = frozenset(stem(w) for w in STOPWORDS)
BACK_REFERENCES = frozenset({"it", "that", "them", "both", "those", "these", "all"})  # "…, mark both done"
# The words a swap of two letters is put right to: the tools' action words and the kinds of things.
TYPO_VOCABULARY = frozenset(w for group in [*SYNONYMS.values(), *KIND_NOUNS.values()] for w in group
                            if len(w) >= 3 and " " not in w)




# -- the object: what the request acts on ---------------------------------------------------------
def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "is", "us")) and len(word) > 3 else word


def app_phrase(app: str) -> tuple[str, ...]:
    return tuple(singular(w) for w in app.lower().replace("_", "-").split("-") if w)


def kind_nouns(tool: Tool) -> set[str]:
    """What users call the things this tool acts on: kinds in its name and description, with synonyms."""
    source = f"{tool.name.replace('_', ' ')} {tool.description}".lower()
    return set().union(*(KIND_NOUNS.get(singular(word), set()) for word in re.findall(r"[a-z]+", source)))


def _names_noun(words: Sequence[str], nouns: set[str]) -> bool:
    for index, word in enumerate(words):
        after = words[index + 1] if index + 1 < len(words) else ""
        if singular(word) not in nouns or after == "of":  # "a list of countries": a kind of thing, not ours
            continue
        if singular(word) in NAMING_NOUNS or not after[:1].isalpha() or after in PHRASE_ENDS:
            return True
    return False


def _names_phrase(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    singulars = [singular(w) for w in words]
    return any(tuple(singulars[i:i + len(phrase)]) == phrase or "".join(singulars[i:i + 2]) == "".join(phrase)
               for i in range(len(singulars)))


def names_object(tool: Tool, clause: Clause, app_phrases: Sequence[tuple[str, ...]]) -> bool:
    """The request names what this tool acts on: its kind of thing or its app ("open" tools: any app)."""
    if _names_noun(clause.words, kind_nouns(tool)):
        return True
    phrases = app_phrases if "app" in tool.params.model_fields else [app_phrase(tool.app)] if tool.app else []
    # The app by its name ("the link graph") or its last word as a noun ("start the analysis").
    return (any(_names_phrase(clause.words, phrase) for phrase in phrases)
            or _names_noun(clause.words, {phrase[-1] for phrase in phrases}))


def _plain(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in FILLERS]


def free_object(clause: Clause) -> bool:
    """"add apples", "remember to water the plants": a short plain object, not one about the chat."""
    words = _plain(clause.object[1:] if clause.object[:1] == ("to",) else clause.object)
    if clause.words[1:2] and clause.words[0] in ADD_LABELS and clause.words[1] in LABEL_MARKS and words:
        return True  # "add: post birthday card to Fiona in Canada": after the label, all of it is the thing
    if words[:1] == [QUOTED]:
        return True  # "stick 'replace water filter' on there": a quoted text is the thing, whatever follows
    # "add more examples" asks for more of the chat's answer; "order more printer ink" is a thing to do.
    return (0 < len(words) <= MAX_FREE_OBJECT_WORDS and words[0] not in PARTICLES | {"more"}
            and words[-1] not in PARTICLES and not set(words) & (CHAT_OBJECTS | DESTINATIONS | QUESTION_WORDS))


MAX_NAME_WORDS = 3  # a profile is called "Side Projects"; "renew gas safe registration" is a thing to do


# "add one called Lab", "add Side Projects": a new thing's name said as a name, or capitalised as one. On the
# profiles page, "add flour pls" and "add buy detergente pls" are todos.
NAMING_WORDS = frozenset({"called", "named", "call", "name", "titled"})


def names_fit(tool: Tool, clause: Clause) -> bool:
    """A tool that names a new thing (its field is a `name`) takes a short name said as a name (after a naming
    word, or capitalised), not a whole task nor a plain thing."""
    if "name" not in tool.params.model_fields:
        return True
    plain = _plain(clause.object)
    first = re.search(r"(?<![\w'])" + re.escape(plain[0]) + r"(?![\w'])", clause.text, re.IGNORECASE) if plain else None
    capitalised = first is not None and first.group(0)[:1].isupper()
    return len(plain) <= MAX_NAME_WORDS and (capitalised or plain[:1] == [QUOTED] or bool(NAMING_WORDS & set(clause.words)))


def bare_object(clause: Clause) -> bool:
    """"start it", "cancel": nothing but a pronoun for a tool that takes no argument."""
    plain = _plain(clause.object)
    plain = plain[:-2] if plain[-2:] in (["for", "me"], ["for", "us"]) else plain  # "start it off for me"
    return set(plain) <= {"it", "that", "this", "them", "all", "everything"} | ANEW


def app_name_object(clause: Clause) -> bool:
    """"open profiles", "open the experts for me": a short name, no indefinite or chat object."""
    words = []
    for word in clause.object:
        if word in PHRASE_ENDS or word in DESTINATIONS or word == "of":
            break
        words.append(word)
    if not words or words[0] in {"a", "an", "my", "your", "some"}:
        return False
    return 0 < len(_plain(words)) <= 2 and not set(words) & CHAT_OBJECTS


# Past tenses the stemmer cannot undo, and the ways of calling someone: "I paid the gas bill" names
# "pay the gas bill", "rang mum" names "call mum".
SAME_DEED = {"paid": "pay", "bought": "buy", "sent": "send", "wrote": "write", "took": "take", "made": "make",
             "fed": "feed", "swept": "sweep", "sold": "sell", "found": "find", "rang": "call", "rung": "call",
             "spoke": "call", "spoken": "call", "talked": "call", "ring": "call", "phone": "call", "phoned": "call"}


def _content_stems(text: str) -> list[str]:
    return [stem(SAME_DEED.get(w, w)) for w in words(text)]


def _contains_run(haystack: Sequence[str], run: Sequence[str]) -> bool:
    return any(tuple(haystack[i:i + len(run)]) == tuple(run) for i in range(len(haystack) - len(run) + 1))


def named_values(text: str, state_values: Sequence[str], *, whole_part: bool = False) -> list[str]:
    """The state values the text names: in full ("milk"), in other word forms ("I mowed the lawn" names
    "mow the lawn"), or by a distinctive part that only one of them has ("the electricity bill" for
    "pay the electricity bill": two words in a row; "the smoke alarm one": any words before "one"; "the stamps,": one
    word after "the", then a comma). With whole_part, the text is a part of a request on its own: "the podiatrist"
    as all of it, or before a verb ("the rent can wait"), is a topic, like "the podiatrist," before more."""
    lowered = text.casefold()
    values = [v for v in state_values if v.strip()]
    named = [v for v in values if re.search(r"(?<!\w)" + re.escape(v.strip().casefold()) + r"(?!\w)", lowered)]
    said = _content_stems(text)
    stems = {v: _content_stems(v) for v in values}
    named += [v for v in values if v not in named and stems[v] and _contains_run(said, stems[v])]
    if named:
        return named
    parts = [said[i:i + 2] for i in range(len(said) - 1)]
    parts += [_content_stems(m) for m in re.findall(r"\bthe\s+((?:[\w'-]+\s+){0,2}?[\w'-]+)\s+one\b", lowered)]
    # "Check off the stamps, …", "The podiatrist, put him at the bottom": one word after "the", then a comma
    parts += [_content_stems(m) for m in re.findall(r"\bthe\s+([\w'-]{4,})(?=\s*[,;:])", lowered)]
    # "Move the mozzarella to number 2": one word after "the", then where it goes
    parts += [_content_stems(m) for m in re.findall(r"\b(?:move|put|bump|shift|stick)\s+the\s+([\w'-]{5,})(?=\s+(?:to|into|at|on|up|down)\b)",
                                                     lowered)]
    # "The rent can wait, …": a part's leading "the" and a word is its topic
    if whole_part and (topic := re.match(r"\s*the\s+([\w'-]{4,})(?:\s*$|\s+(?:can|could|will|is|was|has|needs?)\b)", lowered)):
        parts.append(_content_stems(topic.group(1)))
    for part in (p for p in parts if p):
        holders = [v for v in values if _contains_run(stems[v], part)]
        if len(holders) == 1 and holders[0] not in named:
            named.append(holders[0])
    return named or _named_by_words(said, values, stems)


def _named_by_words(said: Sequence[str], values: Sequence[str], stems: dict[str, list[str]]) -> list[str]:
    """The one value that shares the most content words with the text, in any order, at least two of
    them ("posted gran's card" names "post birthday card to Gran"); none when two values tie."""
    content = {w for w in said if w not in STOPWORD_STEMS}
    shared = sorted(((_shared_words(content, set(stems[v])), v) for v in values), reverse=True)
    if not shared or shared[0][0] < 2 or (len(shared) > 1 and shared[1][0] == shared[0][0]):
        return []
    return [shared[0][1]]


def _shared_words(said: set[str], value: set[str]) -> int:
    """Words in both, a word typed one letter off counting too when it is long enough to be no other
    word ("hovering the stairs" names "hoover the stairs")."""
    return sum(1 for w in value if w in said or (len(w) >= 5 and any(len(s) >= 5 and one_edit(s, w) for s in said)))


def its_own_deed(said: Sequence[str], values: Sequence[str]) -> bool:
    """The words report, by a past verb, the deed one of the values starts with ("returned the drain camera")."""
    told = [w for w in after_lead_ins([w for w in said if w[0].isalnum()])[0] if w not in REPORTERS]
    deed = stem(SAME_DEED.get(told[0], told[0])) if told and (told[0].endswith("ed") or told[0] in SAME_DEED) else None
    return deed is not None and any(_content_stems(v)[:1] == [deed] for v in values)


def says_in_full(text: str, values: Sequence[str]) -> bool:
    """The text names one of the values of two words or more in full, in its own word forms."""
    said = _content_stems(text)
    return any(len(stems := _content_stems(v)) >= 2 and _contains_run(said, stems) for v in values)


def clause_values(clause: Clause, text: str, state_values: Sequence[str]) -> list[str]:
    """The state values a clause names; "…, tick it off" names those of the whole request, and so does an
    action asked of nothing ("the second item, i ticked it too soon, untick please")."""
    named = named_values(clause.text, state_values)
    if not named and (BACK_REFERENCES & set(clause.words) or (said_head(clause) and not _plain(clause.object))):
        named = named_values(text, state_values)
    return named


# A place said of a thing: "… should be second on the list", "… can go third", "… needs to be at the top".
PLACE_OF_THING = re.compile(r"\b(?:be|go|goes|sit|come)\s+(?:at\s+|in\s+)?(?:the\s+)?(?:first|second|third|fourth|fifth|last|"
                            r"top|bottom|number\s+\d+|no\.?\s*\d+|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)
# A thing reported done by mistake: the report asks to undo it.
MISTAKEN = re.compile(r"\bby\s+(?:mistake|accident)\b|\baccidentally\b|\bwrongly\b|\bin\s+error\b|\bthe\s+wrong\s+one\b|"
                      r"\btoo\s+(?:soon|early|quick(?:ly)?|fast)\b|\bprematurely\b|\bjumped\s+the\s+gun\b",
                      re.IGNORECASE)
# What a question that asks to see a list may say besides naming it: "what is still left on my list?".
SEEING_WORDS = QUESTION_WORDS | REPORTERS | frozenset(
    "my our me us all any there the a of on in left remaining open still got have to done not yet so far now "
    "show tell see please".split())


def asks_to_see(tool: Tool, clause: Clause) -> bool:
    """A question asks to see the list only when it says nothing but that: "which of my todos is about
    food?" or "what are todos for?" ask something of the list, which the chat answers from the state."""
    nouns = kind_nouns(tool) | {"list", "todo"}
    rest = [w for w in clause.words if w[0].isalnum() and singular(w) not in nouns and w not in SEEING_WORDS]
    return not rest


def fits(tool: Tool, verbs: set[str], clause: Clause, *, app_name: str | None, values: Sequence[str],
         app_phrases: Sequence[tuple[str, ...]], request: str = "") -> set[str]:
    """The action words by which this clause asks for this tool, or none: form and object must both say so.

    values: the clause's named things of the tool's own app (the open app's or another's)."""
    own_app = bool(app_name) and tool.app == app_name
    fields = tool.params.model_fields
    if clause.question:
        return {LISTING} if LISTING in verbs and names_object(tool, clause, app_phrases) and asks_to_see(tool, clause) else set()
    asked = verbs & clause.head
    if not asked:
        # A clause led by another action asks for that one ("rename the Work profile" is no switch); one
        # that narrates ("I fixed it already") reports, and a report only ever says a thing is done.
        # Another app's thing counts when named in full: "pay parking fine - done" said in the long job app.
        # "…, it should say X": "it" is what another part of the request named in full.
        said = request if request and BACK_REFERENCES & set(clause.words) else clause.text
        # Led by a general verb, a thing named in part is enough: "put emergency callout first" (linkgraph page);
        # so is a thing's own verb, done: "returned the drain camera" names "return hire drain camera".
        if clause.head - GENERAL_VERBS or not (values and fields and (
                own_app or clause.head or says_in_full(said, values) or its_own_deed(clause.words, values))):
            return set()
        if MISTAKEN.search(clause.text):  # "oops i ticked off X by mistake": undo it, do not do it again
            return verbs & REOPENING if COMPLETING & {stem(w) for w in clause.words} else set()
        opening = after_lead_ins([w for w in clause.words if w[0].isalnum()])[0]  # "I think X should …": no deed told
        if opening[:1] and opening[0] in REPORTERS and "complete" not in verbs:
            return set()
        # One of the open app's things named and this tool's word anywhere: a report or a request
        # put another way ("I did the eggs", "walk the dog is done", "tidy the garage can go to the bottom").
        words = [w for w in clause.words if w[0].isalnum()]
        # "the dentist appointment is sorted", "the car's been washed": a state reported, so a thing done,
        # whichever verb reports it ("sort" is also a way to ask for a reorder).
        reported = {stem(w) for before, w in zip(words, words[1:]) if before in BEING and w.endswith("ed")}
        subjects = {stem(w) for w, after in zip(words, words[1:]) if after in BEING}  # "bins are out": no "bin"
        found = verbs & ({stem(w) for w in words} - reported - subjects - told_not_edited(words))
        told = [w for w in words if w not in REPORTERS]
        if told and told[0].endswith("ed") and stem(told[0]) != told[0] and "complete" not in verbs:
            found = set()  # "remove the insurance one, sorted it yesterday": a past verb tells, it asks no reorder
        if reported and "complete" in verbs:
            found.add("complete")
        # "posted the parcel!", "I mowed the lawn": the named thing's own verb, done, reports it done.
        if ("complete" in verbs and told and told[0].endswith("ed")
                and any(_content_stems(v)[:1] == [stem(told[0])] for v in values)):
            found.add("complete")
        # "'Update the shop banner' should be second on the list": a place said of the thing moves it.
        if "position" in fields and PLACE_OF_THING.search(clause.text):
            found.add("position")
        # "my name is Tomasz", "pick Good morning as the greeting", "…, greeting good morning".
        led_by_step = led_by_one_of(clause.text, values)
        if not found and "step" in fields and (ASSIGNING & set(words) or (own_app and led_by_step)):
            found = verbs & {"submit"}
        return found
    if (names_object(tool, clause, app_phrases)
            # It names one of the things of the tool's app: "delete milk", "switch to Work" from the todo app
            # (not to add it: it is there already).
            or (fields and values and ADDING not in tool.name.split("_"))
            or (own_app and fields and asked & FREE_OBJECT_VERBS and free_object(clause) and names_fit(tool, clause))
            or (own_app and not fields and bare_object(clause))
            or ("app" in fields and asked & OPENING_VERBS and app_name_object(clause))
            # "I'd like to look at the link graph analyzer, if you could open it": "it" is the app named.
            or ("app" in fields and asked & OPENING_VERBS and bare_object(clause)
                and any(_names_phrase(re.findall(r"[\w'-]+", request.lower()), phrase) for phrase in app_phrases))
            or (clause.reminder and "todo" in kind_nouns(tool) and free_object(clause))
            # "add 'Prepare the cost share letter' there", on any page: a quoted new thing is a todo.
            or (asked & FREE_OBJECT_VERBS and _plain(clause.object)[:1] == [QUOTED] and "todo" in kind_nouns(tool))):
        return asked
    return set()




def _values_by_app(app_name: str | None, state_values: Sequence[str],
                   values_of: ValuesOf | None) -> Callable[[str | None], Sequence[str]]:
    """Each app's values, read once: the open app's as given, another's from values_of (none without it)."""
    cache: dict[str | None, Sequence[str]] = {app_name: state_values} if app_name else {}

    def values(app: str | None) -> Sequence[str]:
        if app not in cache:
            cache[app] = list(values_of(app)) if values_of is not None and app else []
        return cache[app]

    return values


def rank(text: str, tools: Iterable[Tool], *, app_name: str | None = None,
         state_values: Sequence[str] = (), values_of: ValuesOf | None = None) -> list[Candidate]:
    """Every tool the request asks for (see the module docstring), best first (highest score).

    A tool's own app's values confirm what the request names: the open app's (state_values), and
    another app's through values_of ("switch to Work" asked in the todo app names a profile)."""
    tools = list(tools)
    values_by_app = _values_by_app(app_name, state_values, values_of)
    read = read_request(text, ALL_VERBS)
    # The verbs the reading found count as said: "delte milk" read as a delete asks for todo_delete.
    request = _terms(text) | set().union(*(clause.head for clause in read))
    term_sets = {tool.name: tool_terms(tool) for tool in tools}
    verb_sets = {tool.name: action_words(tool) for tool in tools}
    app_phrases = sorted({app_phrase(t.app) for t in tools if t.app})
    reminder = any(clause.reminder for clause in read)  # "remind me to …" names a todo in other words
    names_open_apps_thing = bool(named_values(text, state_values))  # the open app's tools gain: "a new analysis"
    named_by_app: dict[str | None, bool] = {}  # whether the request names one of each app's things
    document_count: dict[str, int] = {}
    for terms in term_sets.values():
        for term in terms:
            document_count[term] = document_count.get(term, 0) + 1
    candidates = []
    for tool in tools:
        # A tool named by a noun ("linkgraph_orphans") is asked for by that noun alone; so is one whose name,
        # after its app's, is a phrase of two words or more said as such ("top pages?"), a verb among them or not.
        own_name = tool.name.removeprefix(tool.app.replace("-", "_") + "_").replace("_", " ") if tool.app else ""
        if not (verb_sets[tool.name] & ALL_VERBS) or (
                " " in own_name and re.search(r"\b" + re.escape(own_name) + r"\b", text, re.IGNORECASE)):
            verbs = verb_sets[tool.name] if verb_sets[tool.name] <= request else set()
        else:
            own_values = values_by_app(tool.app) if tool.app else ()
            verbs = set().union(*(fits(tool, verb_sets[tool.name], clause, app_name=app_name, app_phrases=app_phrases,
                                       values=clause_values(clause, text, own_values), request=text) for clause in read))
        if not verbs:
            continue
        shared = term_sets[tool.name] & request
        score = sum(math.log(1 + len(tools) / document_count[term]) for term in shared)
        # The object of the verb: the app's noun ("todo", "profile"; all of "competitive analysis", whose
        # "analysis" alone may be the link graph's step) in the request confirms the match.
        if ((nouns := object_words(tool)) and nouns <= request) or (reminder and "todo" in kind_nouns(tool)):
            score += 1.0
        if app_name and tool.app == app_name:
            score += APP_BONUS + (1.0 if names_open_apps_thing else 0.0)
        if tool.app not in named_by_app:
            named_by_app[tool.app] = bool(tool.app and named_values(text, values_by_app(tool.app)))
        if named_by_app[tool.app]:  # "returned the drain camera", said on the long job's page, names a todo
            score += 1.0
        candidates.append(Candidate(tool, round(score, 3), tuple(sorted(verbs))))
    candidates.sort(key=lambda c: (-c.score, c.tool.name))
    return candidates




# "email everything in the Work profile to my boss": led by a verb no tool does (the app sends nothing), with none
# that a tool does ("email Bob, and add chase Bob to my list" still adds), the request is outside the app.
_ASKED_OUTSIDE = re.compile(r"^\s*(?:(?:please|pls|plz|can\s+(?:you|u)|could\s+(?:you|u)|would\s+(?:you|u))\s+)*"
                            r"(?:email|e-mail|whatsapp|sms|fax|tweet)\b"
                            # "Pay the Con Ed bill for me from my checking": money moved, which no tool does
                            r"|^\s*(?:(?:please|pls|can\s+you|could\s+you|would\s+you)\s+)*(?:pay|transfer|send)\s+[^.!?]*?"
                            r"\b(?:from|with|using|out\s+of)\s+my\s+(?:checking|savings|account|card|credit\s+card|debit\s+card|"
                            r"bank|paypal|venmo|zelle|wallet)\b", re.IGNORECASE)
_ASKED_HERE = re.compile(r"\b(?:add|put|delete|remove|tick|mark|move|change|switch|open|start|search|show|list)\b",
                         re.IGNORECASE)


def select_tools(
    text: str, tools: Iterable[Tool], *, app_name: str | None = None, max_tools: int = 3,
    state_values: Sequence[str] = (), values_of: ValuesOf | None = None, intents: IntentModel | None = None,
    typed: str | None = None,
) -> list[Candidate]:
    """The few tools that fit the request (best first), or [] when none does: plain chat.

    state_values: what the open app holds (its todos, its steps); naming one is an object in the app.
    values_of: what another app holds, for its tools ("switch to Work" from the todo app).
    intents: a learned model asked when the rules find no tool (agent/intents.py); it offers one at most.
    typed: the request as the user typed it, which is what the learned model reads when given: its examples
    are typed requests, not ones whose "the one I ticked" the planner has already resolved."""
    text = fix_swapped_letters(request_part(text), TYPO_VOCABULARY)
    if asks_about_words(text) or _ASKED_OUTSIDE.match(text) and not _ASKED_HERE.search(text):
        return []
    tools = list(tools)
    ranked = [c for c in rank(text, tools, app_name=app_name, state_values=state_values, values_of=values_of)
              if c.score >= MIN_SCORE]
    if not ranked:
        return learned(text, tools, app_name, intents, _values_by_app(app_name, state_values, values_of), typed)
    # Tools far below the best one only distract the model.
    best = ranked[0].score
    return learned_first(typed or text, [c for c in ranked if c.score >= best / 2][:max_tools], app_name, intents)


def learned_first(text: str, candidates: list[Candidate], app_name: str | None,
                  intents: IntentModel | None) -> list[Candidate]:
    """When the rules found several tools, the one the learned model is sure of goes first: the prompt's
    examples show the first tool and the tiny model mostly calls it ("take me to my todo list" from
    the cost dashboard read "list" too, and was answered with todo_list). It never adds a tool."""
    if intents is None or len(candidates) < 2:
        return candidates
    guess = intents.guess(text, app_name)
    sure = next((c for c in candidates if guess.tool == c.tool.name and guess.probability >= MIN_PROBABILITY), None)
    return candidates if sure is None else [sure, *(c for c in candidates if c is not sure)]


def learned(text: str, tools: Sequence[Tool], app_name: str | None, intents: IntentModel | None,
            values: Callable[[str | None], Sequence[str]], typed: str | None = None) -> list[Candidate]:
    """The one tool the learned model is sure the request asks for, or none.

    values: each app's things, by the app's name; typed: the request as typed, for the model (select_tools)."""
    if intents is None:
        return []
    guess = intents.offer(typed or text, app_name, [tool.name for tool in tools])
    if guess is None and typed and typed != text and "?" not in typed:  # "While I think of it, put down …": "add …"
        guess = intents.offer(text, app_name, [tool.name for tool in tools])
    tool = next((tool for tool in tools if guess and tool.name == guess.tool), None)
    if guess is None or tool is None:
        return []
    # The rules' safety holds for the model too: a clause led by another action asks for that one ("delete
    # the Work profile" is no switch), and a question only asks to see ("is marking done the same as deleting?").
    verbs = action_words(tool)
    read = read_request(text, ALL_VERBS)
    if all(set(w for w in clause.words if w[0].isalnum()) <= {QUOTED} for clause in read):
        return []  # '"take the bins out", change it to …': a thing named alone asks nothing of it
    # A guess the model is all but sure of (MUST_CALL_PROBABILITY) reads past another action word and an
    # object the rules find no plain thing: "add send quote to Mrs P", "put fix walk-in seal on the list".
    sure = guess.probability >= MUST_CALL_PROBABILITY
    if not sure and any(clause.head - GENERAL_VERBS - verbs for clause in read):
        return []
    if read and all(clause.question for clause in read) and verbs & ALL_VERBS and not verbs & SEEING_VERBS:
        return []
    # A tool that acts on one of the app's things needs one named ("fix the typo in 'recieve'" names no todo);
    # one that adds takes what follows its verb as the thing ("add up 17 and 25" adds nothing).
    first_field = next(iter(tool.params.model_fields), None)
    adding = ADDING in tool.name.split("_")
    if first_field in THING_FIELDS and not adding and not named_values(text, values(tool.app)):
        return []
    if adding and not sure and any(clause.words[:1] and stem(clause.words[0]) in verbs and not free_object(clause)
                                   for clause in read):
        return []
    # "I've changed my mind about "book the car in" on the list": a thing already there, named, is not new.
    if adding and any(quoted in values(tool.app) for quoted in quoted_texts(text)):
        return []
    return [Candidate(tool, guess.probability, (LEARNED,))]  # its score is the model's probability


def apps_asked(text: str, tools: Iterable[Tool]) -> set[str]:
    """The apps with a tool whose action word leads a clause of the request ("can you reopen it": the
    todo app's), else whose action word it says anywhere ("done")."""
    heads = set().union(*(clause.head for clause in read_request(text, ALL_VERBS)))
    said = heads or {stem(w) for w in words(text)}
    return {tool.app for tool in tools if tool.app and action_words(tool) & ALL_VERBS & said}


def reason_for(candidates: Sequence[Candidate]) -> str:
    if not candidates:
        return "no tool fits the request"
    return "tools that fit: " + ", ".join(f"{c.tool.name} ({'/'.join(c.matched)})" for c in candidates)
