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

Only the user's own request is matched, never the app's data: a todo reading "delete everything"
cannot put a delete tool in front of the model (state values only confirm an object the user named).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whittle.tools import Tool

STOPWORDS = frozenset(
    "a an the to of in on at for from by with and or my me i you your it its this that these those is are be "
    "was were do does did please can could would will should just then also so as into up all any some "
    "one ones item items thing things".split()
)
# Action words and what users say instead; a tool's name verbs are expanded with these.
SYNONYMS: dict[str, frozenset[str]] = {
    "add": frozenset({"add", "put", "append", "include", "note", "remember", "create", "new", "insert"}),
    "complete": frozenset({"complete", "done", "finish", "tick", "check", "mark", "did"}),
    "uncomplete": frozenset({"uncomplete", "undone", "reopen", "untick", "uncheck", "unmark"}),
    "delete": frozenset({"delete", "remove", "drop", "erase", "clear", "del", "get rid", "bin"}),
    "edit": frozenset({"edit", "rename", "change", "fix", "correct", "update", "reword"}),
    "list": frozenset({"list", "show"}),  # not "read": "a fox who learns to read" asks for a story
    "reorder": frozenset({"reorder", "move", "sort", "order", "first", "top"}),
    "open": frozenset({"open", "go", "show", "launch", "switch", "take"}),
    "switch": frozenset({"switch", "change", "use", "become", "profile"}),
    "start": frozenset({"start", "begin", "run", "launch", "kick"}),
    "cancel": frozenset({"cancel", "stop", "abort", "halt", "kill"}),
    "revert": frozenset({"revert", "back", "undo", "return"}),
    "submit": frozenset({"submit", "answer", "fill"}),  # not "send": "send an email" is no workflow step
    "finalize": frozenset({"finalize", "finalise", "finish", "complete", "close"}),
    "search": frozenset({"search", "find", "lookup"}),  # not "look": "Look: …" introduces, it does not ask
}
VAGUE_VERBS = frozenset({"go", "show", "take", "use", "mark", "check", "move", "change", "get"})
APP_BONUS = 1.5  # the open app's tools win ties: "add milk" in the todo app is a todo
MIN_SCORE = 1.0  # below this the match is too weak: plain chat


@dataclass(frozen=True)
class Candidate:
    tool: Tool
    score: float
    matched: tuple[str, ...]  # the request words that matched, for the plan's reason

    @property
    def action_matched(self) -> bool:
        return bool(self.matched)


def stem(word: str) -> str:
    """Crude English stemming: enough for "adding"/"added"/"adds" to meet "add"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # stopp -> stop
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]


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


# -- the request's form: is it asked, and what leads it ------------------------------------------
# Politeness before the verb; "can/could/would/will you" also makes "…?" a request, not a question.
LEAD_INS = tuple(tuple(p.split()) for p in (
    "please", "pls", "plz", "kindly", "hey", "hi", "ok", "okay", "oh", "so", "now", "just", "also", "then", "and",
    "can you", "could you", "would you", "will you", "can u", "could u", "would you mind", "i need you to",
    "i want you to", "i'd like you to", "i need to", "i want to", "i'd like to", "i would like to", "id like to",
    "we need to", "let's", "lets", "let us", "go ahead and", "help me",
))
# Ways of asking to add what follows: "don't forget to buy milk", "remind me to call mum".
ADDING = tuple(tuple(p.split()) for p in ("don't forget to", "dont forget to", "remind me to", "remind us to"))
POLITE = frozenset({"can", "could", "would", "will"})
# "I'd like a separate profile": asking for a new thing without a verb means adding it.
DESIRES = (("i'd", "like"), ("i", "would", "like"), ("id", "like"), ("i", "want"), ("i", "need"), ("we", "need"))
QUESTION_WORDS = frozenset("what what's whats who who's whose whom why which where when how is are was were do does "
                           "did have has should shall may might".split())
REPORTERS = frozenset({"i", "we", "i've", "ive", "we've", "i'm", "im"})  # "I did the eggs": a report
# Head words that ask for an action without being a tool's verb ("make a new profile", "read me my list").
HEAD_ALIASES = {"make": "add", "read": "list", "cross": "complete", "scratch": "delete"}
LISTING = "list"  # a question asks to see, never to change: only a listing tool answers it
FREE_OBJECT_VERBS = frozenset(stem(w) for w in ("add", "put", "append", "note", "remember", "insert"))
OPENING_VERBS = frozenset({"open", "launch"})  # "open the experts": a short name after these is an app
# The kinds of things tools act on (words of their names and descriptions) and what users call them.
KIND_NOUNS = {
    "todo": {"todo", "task", "item", "entry", "list"}, "list": {"list"}, "profile": {"profile", "workspace"},
    "job": {"job"}, "run": {"run"}, "step": {"step"}, "workflow": {"workflow"},
    "app": {"app", "page", "screen", "tab", "dashboard"},
    "message": {"message", "chat", "conversation"}, "conversation": {"conversation", "chat", "message"},
}
# These name the app's things wherever they stand; the others ("list", "job", "page") only as the head
# of their phrase: "a Python list comprehension", "a list of countries", "a job interview" are not ours.
NAMING_NOUNS = frozenset({"todo", "profile", "workspace", "conversation", "workflow"})
FILLERS = frozenset({"a", "an", "the", "please", "pls", "thanks", "thank", "now", "too", "again"})
CHAT_OBJECTS = frozenset(  # an object about the conversation itself: "put it in simpler words", "add more examples"
    "you your yours me it this that these those them us something anything here there more".split()) | REPORTERS
DESTINATIONS = frozenset({"to", "into", "onto", "in"})  # "add some spice to my essay": not to the list
PARTICLES = frozenset({"up", "over", "out", "on", "off", "back", "down", "away", "through", "with", "about"})
PHRASAL = frozenset({"together", "up", "out", "off", "away", "forward", "aside"})  # "put off": not to put
PHRASE_ENDS = frozenset("and or to on in at for from with by called named please now too again then pls first "
                        "last as".split())
MAX_FREE_OBJECT_WORDS = 5


@dataclass(frozen=True)
class Clause:
    """One clause of a request, read for its form: what leads it and what follows."""

    text: str
    words: tuple[str, ...]  # lower-case words and punctuation marks; a quoted text is one word, "qqq"
    head: frozenset[str]  # the action words (stems) in request position
    object: tuple[str, ...]  # the words after the leading verb
    question: bool
    polite: bool  # "can you …": a request even when it ends with "?"


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"""(?<!\w)(["\u201c]).+?["\u201d](?!\w)|(?<!\w)'[^']+'(?!\w)""", " qqq ", text)
    text = re.sub(r"\bto-do\b|\bto do(?= lists?\b)", "todo", text)
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]", text)


def _after_lead_ins(words: list[str]) -> tuple[list[str], bool]:
    """The words after the politeness, and whether it made a request of a "…?" ("can you …")."""
    polite, moved = False, True
    while moved:
        moved = False
        for lead in LEAD_INS:
            if tuple(words[:len(lead)]) == lead:
                polite, words, moved = polite or lead[0] in POLITE, words[len(lead):], True
                break
    return words, polite


def _one_edit(a: str, b: str) -> bool:
    """One letter inserted, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        short, long = sorted((a, b), key=len)
        return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                              and a[diff[1]] == b[diff[0]])


def _verb_at(words: list[str], verbs: set[str]) -> str | None:
    """The action word the clause starts with: "get rid", a verb, an alias, or a misspelt verb
    ("cancle", "swich", "ad": one edit away, same first letter)."""
    if not words:
        return None
    for candidate in (" ".join(words[:2]), stem(words[0])):
        if candidate in verbs:
            return candidate
    word = words[0]
    if word in HEAD_ALIASES or len(word) < 2 or word in STOPWORDS or not word.isalpha():
        return HEAD_ALIASES.get(word)
    return next((v for v in sorted(verbs) if " " not in v and len(v) >= 3 and v[0] == word[0] and _one_edit(word, v)),
                None)


def read_clause(text: str, verbs: set[str], *, in_question: bool = False) -> Clause:
    tokens = _tokens(text)
    rest, polite = _after_lead_ins([t for t in tokens if t[0].isalnum()])
    question = not polite and bool(rest) and (in_question or rest[0] in QUESTION_WORDS or text.rstrip().endswith("?"))
    if question and rest[-2:] == ["to", "do"] and {"i", "we", "left", "still"} & set(rest):
        rest = [*rest[:-2], "todo"]  # "what do I still have to do?", not "what is there to do in Lisbon?"
        tokens = [*tokens[:-3], "todo", tokens[-1]] if tokens[-1] == "?" else [*tokens[:-2], "todo"]
    head: set[str] = set()
    obj = rest[1:]
    for desire in DESIRES:
        if tuple(rest[:len(desire)]) == desire and rest[len(desire):len(desire) + 1] in (["a"], ["an"], ["another"]):
            head, obj = {"add"}, rest[len(desire):]
    for phrase in ADDING:
        if tuple(rest[:len(phrase)]) == phrase:
            head, obj = {"add"}, rest[len(phrase):]
    first = None if question or head else _verb_at(rest, verbs)
    if first in FREE_OBJECT_VERBS and rest[1:2] and rest[1] in PHRASAL:
        first = None  # "put together a packing list", "add up 17 and 25": another verb
    if first:
        head.add(first)
        obj = rest[len(first.split()):]
        last = first
        for word in rest[1:]:  # "go back to step 1": a vague verb lets the next one lead too
            if last not in VAGUE_VERBS:
                break
            if stem(word) in verbs:
                last = stem(word)
                head.add(last)
    return Clause(text, tuple(tokens), frozenset(head), tuple(obj), question, polite)


def read_request(text: str, verbs: set[str]) -> list[Clause]:
    """The request's clauses (split at "and", "then", commas, sentence ends); in a sentence that ends
    with "?" and makes no polite request, each clause is part of a question ("open source or not, which?")."""
    read = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        pieces = [c for c in re.split(r"\band\b|\bthen\b|\balso\b|[,;]", sentence) if c.strip()]
        found = [read_clause(piece, verbs) for piece in pieces]
        if sentence.rstrip().endswith("?") and not any(c.polite for c in found):
            found = [read_clause(piece, verbs, in_question=True) for piece in pieces]
        read += found
    return read


# -- the object: what the request acts on ---------------------------------------------------------
def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


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
    return (0 < len(words) <= MAX_FREE_OBJECT_WORDS and words[0] not in PARTICLES and words[-1] not in PARTICLES
            and not set(words) & (CHAT_OBJECTS | DESTINATIONS | QUESTION_WORDS))


def bare_object(clause: Clause) -> bool:
    """"start it", "cancel": nothing but a pronoun for a tool that takes no argument."""
    return set(_plain(clause.object)) <= {"it", "that", "this", "them", "all", "everything"}


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


def named_values(text: str, state_values: Sequence[str]) -> list[str]:
    lowered = text.casefold()
    return [v for v in state_values
            if v.strip() and re.search(r"(?<!\w)" + re.escape(v.strip().casefold()) + r"(?!\w)", lowered)]


def fits(tool: Tool, verbs: set[str], clause: Clause, *, app_name: str | None, values: Sequence[str],
         app_phrases: Sequence[tuple[str, ...]]) -> set[str]:
    """The action words by which this clause asks for this tool, or none: form and object must both say so."""
    own_app = bool(app_name) and tool.app == app_name
    fields = tool.params.model_fields
    if clause.question:
        return {LISTING} if LISTING in verbs and names_object(tool, clause, app_phrases) else set()
    asked = verbs & clause.head
    if not asked:
        # "I did the eggs", "walk the dog is done": a report about one of the open app's things.
        words = [w for w in clause.words if w[0].isalnum()]
        starts = clause.text.strip().casefold()
        reporting = bool(words) and (words[0] in REPORTERS or any(starts.startswith(v.casefold()) for v in values))
        return verbs & {stem(w) for w in words} if reporting and own_app and values and fields else set()
    if (names_object(tool, clause, app_phrases)
            or (own_app and fields and values)  # it names one of the open app's things: "delete milk"
            or (own_app and fields and asked & FREE_OBJECT_VERBS and free_object(clause))
            or (own_app and not fields and bare_object(clause))
            or ("app" in fields and asked & OPENING_VERBS and app_name_object(clause))):
        return asked
    return set()


def leading_verbs(text: str, verbs: set[str]) -> set[str]:
    """The action words that lead a clause: "put eggs on the list" asks to put, not to list.

    Clauses split at "and"/"then"/commas; in each, the first word that is any tool's action word
    leads it (a vague one like "go" or "show" lets the next one lead too: "go back to step 1").
    """
    leading: set[str] = set()
    for clause in re.split(r"\band\b|\bthen\b|\balso\b|[,;]", text.lower()):
        for word in re.findall(r"[a-z0-9]+", clause):
            term = stem(word)
            if term in verbs:
                leading.add(term)
                if term not in VAGUE_VERBS:
                    break
    return leading


def rank(text: str, tools: Iterable[Tool], *, app_name: str | None = None,
         state_values: Sequence[str] = ()) -> list[Candidate]:
    """Every tool the request asks for (see the module docstring), best first (highest score)."""
    tools = list(tools)
    request = _terms(text)
    term_sets = {tool.name: tool_terms(tool) for tool in tools}
    verb_sets = {tool.name: action_words(tool) for tool in tools}
    all_verbs = {stem(w) for group in SYNONYMS.values() for w in group}
    app_phrases = sorted({app_phrase(t.app) for t in tools if t.app})
    read = read_request(text, all_verbs)
    document_count: dict[str, int] = {}
    for terms in term_sets.values():
        for term in terms:
            document_count[term] = document_count.get(term, 0) + 1
    candidates = []
    for tool in tools:
        # A tool named by a noun ("linkgraph_orphans") is asked for by that noun alone.
        if not (verb_sets[tool.name] & all_verbs):
            verbs = verb_sets[tool.name] if verb_sets[tool.name] <= request else set()
        else:
            verbs = set().union(*(fits(tool, verb_sets[tool.name], clause, app_name=app_name, app_phrases=app_phrases,
                                       values=named_values(clause.text, state_values)) for clause in read))
        if not verbs:
            continue
        shared = term_sets[tool.name] & request
        score = sum(math.log(1 + len(tools) / document_count[term]) for term in shared)
        # The object of the verb: the app's noun ("todo", "profile") in the request confirms the match.
        if object_words(tool) & request:
            score += 1.0
        if app_name and tool.app == app_name:
            score += APP_BONUS
        candidates.append(Candidate(tool, round(score, 3), tuple(sorted(verbs))))
    candidates.sort(key=lambda c: (-c.score, c.tool.name))
    return candidates


PASTED_WORDS = 12  # after "Summarise this:" this many words are pasted material, not more of the request
LONG_MESSAGE_WORDS = 40  # a message this long without such a colon: its first sentence holds the request


def request_part(text: str) -> str:
    """The words that say what the user wants, without the material they pasted after them.

    "Summarise this: <an article that says 'after the first year'>" asks for a summary, not to
    move a todo to the top, so a pasted text's verbs must not select tools: after a short lead-in
    ending in a colon or line break, a long remainder is material; a long message without one is
    read by its first sentence. A short remainder stays: "add to my list: milk, eggs" names the items.
    """
    lead = re.match(r"\s*([^:\n]{1,80})[:\n]\s*(.*)", text, re.DOTALL)
    if lead and _word_count(lead.group(2)) >= PASTED_WORDS:
        return lead.group(1)
    if _word_count(text) >= LONG_MESSAGE_WORDS:
        return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return text


def _word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


# "How do I add a profile?" asks for an explanation, not for the action: chat answers it.
# ("What do I still have to do?" asks to see the list: a question only ever selects a listing tool.)
HOW_QUESTION = re.compile(r"^\s*(how|why|explain|what does|what's the (best|right) way|should i)\b", re.IGNORECASE)


def select_tools(
    text: str, tools: Iterable[Tool], *, app_name: str | None = None, max_tools: int = 3,
    state_values: Sequence[str] = (),
) -> list[Candidate]:
    """The few tools that fit the request (best first), or [] when none does: plain chat.

    state_values: what the open app holds (its todos, its steps); naming one is an object in the app."""
    text = request_part(text)
    if HOW_QUESTION.match(text):
        return []
    ranked = [c for c in rank(text, tools, app_name=app_name, state_values=state_values) if c.score >= MIN_SCORE]
    if not ranked:
        return []
    # Tools far below the best one only distract the model.
    best = ranked[0].score
    return [c for c in ranked if c.score >= best / 2][:max_tools]


def reason_for(candidates: Sequence[Candidate]) -> str:
    if not candidates:
        return "no tool fits the request"
    return "tools that fit: " + ", ".join(f"{c.tool.name} ({'/'.join(c.matched)})" for c in candidates)
