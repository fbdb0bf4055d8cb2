"""How a request is phrased, read without a model: its words, its action verbs and their synonyms,
and for each clause whether it asks for something ("please add …", "can you …") or asks a question,
and what follows its verb. agent/select.py matches tools against this reading; agent/grammar.py and
agent/references.py use the same verbs and stemming.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

STOPWORDS = frozenset(
    "a an the to of in on at for from by with and or my me i you your it its this that these those is are be "
    "was were do does did please can could would will should just then also so as into up all any some "
    "one ones item items thing things".split()
)
# Action words and what users say instead; a tool's name verbs are expanded with these.
SYNONYMS: dict[str, frozenset[str]] = {
    "add": frozenset({"add", "put", "append", "include", "note", "remember", "create", "new", "insert", "stick", "jot",
                       "write down"}),
    "complete": frozenset({"complete", "done", "finish", "tick", "check", "mark", "did"}),
    "reopen": frozenset({"reopen", "uncomplete", "undone", "untick", "uncheck", "unmark", "unfinished", "incomplete"}),
    "delete": frozenset({"delete", "remove", "drop", "erase", "clear", "del", "get rid", "bin", "scrap", "ditch", "nix",
                          "rm"}),
    "edit": frozenset({"edit", "rename", "change", "fix", "correct", "update", "reword", "say"}),  # "should say X"
    "list": frozenset({"list", "show"}),  # not "read": "a fox who learns to read" asks for a story
    # Not "order": in a todo list it buys ("order more eggs from the shop", "order new glasses").
    "reorder": frozenset({"reorder", "move", "sort", "first", "top", "bottom", "position", "bump"}),
    "open": frozenset({"open", "go", "show", "launch", "switch", "take", "bring up", "pull up", "jump"}),
    "switch": frozenset({"switch", "swap", "change", "use", "become", "profile", "jump", "go", "flip"}),
    "start": frozenset({"start", "begin", "run", "launch", "kick", "restart", "new"}),  # "new analysis please"
    "cancel": frozenset({"cancel", "stop", "abort", "halt", "kill"}),
    "revert": frozenset({"revert", "back", "undo", "return"}),
    "submit": frozenset({"submit", "answer", "fill"}),  # not "send": "send an email" is no workflow step
    "finalize": frozenset({"finalize", "finalise", "finish", "complete", "close", "lock"}),
    "search": frozenset({"search", "find", "lookup", "look back", "look through"}),  # not "look": "Look: …" introduces, it does not ask
}
VAGUE_VERBS = frozenset({"go", "show", "take", "use", "mark", "check", "move", "change", "get"})


def stem(word: str) -> str:
    """Crude English stemming: enough for "adding"/"added"/"adds" to meet "add"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # stopp -> stop
        word = word[:-1]
    return word


REOPENING = frozenset(stem(w) for w in SYNONYMS["reopen"])
COMPLETING = frozenset(stem(w) for w in SYNONYMS["complete"])


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]



def leading_verbs(text: str, verbs: set[str]) -> set[str]:
    """The action words that lead a clause: "put eggs on the list" asks to put, not to list.

    Clauses split at "and"/"then"/commas; in each, the first word that is any tool's action word
    leads it (a vague one like "go" or "show" lets the next one lead too: "go back to step 1").
    """
    leading: set[str] = set()
    for clause in re.split(r"\band\b|\bthen\b|\balso\b|\s(?:n|&)\s|[,;]", text.lower()):
        for word in re.findall(r"[a-z0-9]+", clause):
            term = stem(word)
            if term in verbs:
                leading.add(term)
                if term not in VAGUE_VERBS:
                    break
    return leading


# -- the request's form: is it asked, and what leads it ------------------------------------------
# Politeness before the verb; "can/could/would/will you" also makes "…?" a request, not a question.
LEAD_INS = tuple(tuple(p.split()) for p in (
    "please", "pls", "plz", "kindly", "hey", "hi", "ok", "okay", "oh", "so", "now", "just", "also", "then", "and",
    "can you", "could you", "would you", "will you", "can u", "could u", "can we", "could we", "would you mind", "i need you to",
    "i want you to", "i'd like you to", "i need to", "i want to", "i'd like to", "i would like to", "id like to",
    "we need to", "let's", "lets", "let us", "go ahead and", "help me",
    "i think", "i guess", "maybe", "if you could", "if you can", "if you would",  # "I think I need a todo to …"
))
# Ways of asking to add what follows to the todo list, from any app: "don't forget to buy milk",
# "remind me to call mum", "note to self: fix the redirects". A reminder is a todo wherever it is said.
ADDING = tuple(tuple(p.split()) for p in (
    "don't forget to", "dont forget to", "remind me to", "remind us to", "don't let me forget to",
    "dont let me forget to", "need to remember to", "must remember to", "note to self", "remember to"))  # "I need to" is a lead-in
POLITE = frozenset({"can", "could", "would", "will"})
ASKED_FOR_KINDS = frozenset({"profile", "workspace", "todo", "task", "reminder"})  # "can i get a new profile?"
# "I'd like a separate profile": asking for a new thing without a verb means adding it.
DESIRES = (("i'd", "like"), ("i", "would", "like"), ("id", "like"), ("i", "want"), ("i", "need"), ("we", "need"),
           ("can", "i", "get"), ("can", "i", "have"), ("could", "i", "get"), ("could", "i", "have"))
QUESTION_WORDS = frozenset("what what's whats who who's whose whom why which where when how is are was were do does "
                           "did have has should shall may might".split())
REPORTERS = frozenset({"i", "we", "i've", "ive", "we've", "i'm", "im"})  # "I did the eggs": a report
# Head words that ask for an action without being a tool's verb ("make a new profile", "read me my list").
HEAD_ALIASES = {"make": "add", "read": "list", "cross": "complete", "scratch": "delete"}
# "todo: return library books": a kind of thing and a colon ask to add what follows. Only kinds that
# no one uses to introduce chat ("Note: I'm vegetarian", "Task: summarise this" are not todos).
ADD_LABELS = frozenset({"todo", "add"})
QUOTED = "qqq"  # a quoted text, as one word of a clause
NEW_LABELS = frozenset({"item", "task", "entry", "reminder", "one"})  # "new item - …": after "new"/"another" only
LABEL_MARKS = frozenset({":", "-", "–", "—"})  # "todo: …", "new todo - …"
FREE_OBJECT_VERBS = frozenset(stem(w) for w in ("add", "put", "append", "note", "remember", "insert", "stick", "jot",
                                                    "write down"))
PHRASAL = frozenset({"together", "up", "out", "off", "away", "forward", "aside"})  # "put off": not to put


@dataclass(frozen=True)
class Clause:
    """One clause of a request, read for its form: what leads it and what follows."""

    text: str
    words: tuple[str, ...]  # lower-case words and punctuation marks; a quoted text is one word, QUOTED
    head: frozenset[str]  # the action words (stems) in request position
    object: tuple[str, ...]  # the words after the leading verb
    question: bool
    polite: bool  # "can you …": a request even when it ends with "?"
    reminder: bool = False  # "remind me to …": asks for a todo, whichever app is open


# "mark eggs as not done", "milk isn't finished after all": a completion denied asks to reopen.
NOT_DONE = re.compile(r"(?:\bnot|n't|\b(?:isnt|arent|wasnt|aint))\s+(?:(?:yet|really|actually|quite|even|fully|all)\s+)?"
                      r"(?:done|finished|completed?|ticked|checked)\b")
# "make it not done again", "set it back to undone": the state asked for is a reopening.
MADE_UNDONE = re.compile(r"\b(?:make|set|mark|put|turn)\s+(it|that|this|them|those|both)\s+(?:back\s+)?(?:(?:to|as)\s+)?undone\b")


# "the top one can go", "eggs can be binned": a thing let go is deleted ("can go to the bottom" moves it).
CAN_GO = re.compile(r"\b(?:can|could|should)\s+(?:go|be\s+(?:deleted|removed|binned|scrapped|dropped))\b"
                    r"(?!\s+(?:to|back|on|in|into|with|up|down|first|last)\b)")


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"\b(un|re)-(?=[a-z])", r"\1", text)  # "un-tick", "re-open"
    text = re.sub(r"[\s,]+full stop[\s.!]*$", "", text)  # dictated punctuation
    text = CAN_GO.sub("can delete", text)
    text = MADE_UNDONE.sub(r"reopen \1", NOT_DONE.sub(" undone", text))
    text = re.sub(r"""(?<!\w)(["\u201c]).+?["\u201d](?!\w)|(?<!\w)'[^']+'(?!\w)""", f" {QUOTED} ", text)
    text = re.sub(r"\bto-do(?=s?\b)|\bto do(?= lists?\b)", "todo", text)
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]", text)


def after_lead_ins(words: list[str]) -> tuple[list[str], bool]:
    """The words after the politeness, and whether it made a request of a "…?" ("can you …")."""
    polite, moved = False, True
    while moved:
        moved = False
        for lead in LEAD_INS:
            if tuple(words[:len(lead)]) == lead:
                polite, words, moved = polite or bool(POLITE & set(lead)), words[len(lead):], True
                break
    return words, polite


def one_edit(a: str, b: str) -> bool:
    """One letter inserted, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        short, long = sorted((a, b), key=len)
        return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                              and a[diff[1]] == b[diff[0]])


def fix_swapped_letters(text: str, vocabulary: frozenset[str]) -> str:
    """Two neighbouring letters typed in the wrong order in a word the tools know ("whats on my lsit",
    "opne the link graph"), put right. Only words of four letters or more that are no known word
    themselves; a swap is the commonest slip on a phone and rarely makes another English word."""

    def fixed(match: re.Match) -> str:
        word = match.group(0)
        lowered = word.lower()
        if len(lowered) < 4 or lowered in vocabulary:
            return word
        for i in range(len(lowered) - 1):
            swapped = lowered[:i] + lowered[i + 1] + lowered[i] + lowered[i + 2:]
            if swapped != lowered and swapped in vocabulary:
                return swapped
        return word

    return re.sub(r"[A-Za-z]+", fixed, text)


def _verb_at(words: list[str], verbs: set[str]) -> str | None:
    """The action word the clause starts with: "get rid", a verb, an alias, or a misspelt verb
    ("cancle", "swich", "ad": one edit away, same first letter)."""
    if not words:
        return None
    for candidate in (" ".join(words[:2]), stem(words[0])):
        if candidate in verbs:
            return candidate
    word = words[0]
    if word == "look":  # "look it up", "look up …"; "look" alone is no misspelt "lock"
        return "lookup" if "up" in words[1:3] and "lookup" in verbs else None
    if word in HEAD_ALIASES or len(word) < 2 or word in STOPWORDS or not word.isalpha():
        return HEAD_ALIASES.get(word)
    return next((v for v in sorted(verbs) if " " not in v and len(v) >= 3 and v[0] == word[0] and one_edit(word, v)),
                None)


def read_clause(text: str, verbs: set[str], *, in_question: bool = False) -> Clause:
    tokens = _tokens(text)
    rest, polite = after_lead_ins([t for t in tokens if t[0].isalnum()])
    question = not polite and bool(rest) and (in_question or rest[0] in QUESTION_WORDS or text.rstrip().endswith("?"))
    if question and rest[-2:] == ["to", "do"] and {"i", "we", "left", "still"} & set(rest):
        rest = [*rest[:-2], "todo"]  # "what do I still have to do?", not "what is there to do in Lisbon?"
        tokens = [*tokens[:-3], "todo", tokens[-1]] if tokens[-1] == "?" else [*tokens[:-2], "todo"]
    head: set[str] = set()
    obj = rest[1:]
    for desire in DESIRES:
        if tuple(rest[:len(desire)]) == desire and rest[len(desire):len(desire) + 1] in (["a"], ["an"], ["another"]):
            head, obj = {"add"}, rest[len(desire):]
            # "can i get a separate profile for the wedding?" asks for one; "can i get a recipe?" is chat.
            question = question and not (desire[0] in POLITE and set(obj) & ASKED_FOR_KINDS)
    reminder = False
    for phrase in ADDING:
        if tuple(rest[:len(phrase)]) == phrase:
            head, obj, reminder = {"add"}, rest[len(phrase):], True
    labelled = [t for t in tokens if t[0].isalnum() or t in LABEL_MARKS]
    if not question and len(labelled) > 2 and labelled[0] in ADD_LABELS and labelled[1] in LABEL_MARKS:
        head, obj, reminder = {"add"}, rest[1:], True  # "todo: return library books by friday", on any page
    elif (not question and len(labelled) > 3 and labelled[0] in ("new", "another") and labelled[1] in NEW_LABELS
          and labelled[2] in LABEL_MARKS):
        head, obj, reminder = {"add"}, rest[2:], True  # "new item - defrost the freezer", on any page
    # "Returned the drill to Sam, so that's complete": a verb in the past tells what was done, it asks nothing.
    narrated = bool(rest) and rest[0].endswith("ed") and stem(rest[0]) != rest[0]
    first = None if question or head or narrated else _verb_at(rest, verbs)
    if first in FREE_OBJECT_VERBS and rest[1:2] and rest[1] in PHRASAL:
        first = None  # "put together a packing list", "add up 17 and 25": another verb
    if first:
        head.add(first)
        obj = rest[len(first.split()):]
        if first in FREE_OBJECT_VERBS:
            # "jot down that I need to buy candles": what follows the particle and the intent is the thing.
            obj, _ = after_lead_ins(obj[1:] if obj[:1] in (["down"], ["that"]) else obj)
            obj = obj[1:] if obj[:1] == ["that"] else obj
            obj, _ = after_lead_ins(obj)
        last = first
        for word in rest[1:]:  # "go back to step 1": a vague verb lets the next one lead too
            if last not in VAGUE_VERBS:
                break
            if stem(word) in verbs:
                last = stem(word)
                head.add(last)
    if head & REOPENING:
        head -= COMPLETING  # "mark eggs as not done": the mark is the reopening's, not a completion
    return Clause(text, tuple(tokens), frozenset(head), tuple(obj), question, polite, reminder)


def read_request(text: str, verbs: set[str]) -> list[Clause]:
    """The request's clauses (split at "and", "then", commas, sentence ends); in a sentence that ends
    with "?" and makes no polite request, each clause is part of a question ("open source or not, which?")."""
    read = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        # A bracketed aside is a part of its own: "add: post the card (needs to go by Thursday)".
        pieces = [c for c in re.split(r"\band\b|\bthen\b|\balso\b|\s(?:n|&)\s|[,;(]", sentence) if c.strip()]
        found = [read_clause(piece, verbs) for piece in pieces]
        if sentence.rstrip().endswith("?") and not any(c.polite for c in found):
            found = [read_clause(piece, verbs, in_question=True) for piece in pieces]
        read += found
    return read


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
    # "add: post birthday card to Fiona in Canada (needs to go by Thursday …)" labels what follows, pasted or not.
    if lead and _word_count(lead.group(2)) >= PASTED_WORDS and lead.group(1).strip().casefold() not in ADD_LABELS:
        return lead.group(1)
    if _word_count(text) >= LONG_MESSAGE_WORDS:
        return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return text


def _word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


# "How do I add a profile?" asks for an explanation, not for the action: chat answers it.
# ("What do I still have to do?" asks to see the list: a question only ever selects a listing tool.)
# "What's an orphan page?" asks what the word means, not for the app's orphans; so does a question
# anywhere in the message about how two things differ or what a word means.
HOW_QUESTION = re.compile(r"^\s*(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+)?)?"  # "Could you explain …"
                          r"(how|why|explain|what does|what's the (best|right) way|should i|"
                          r"what(?:'s|\s+is|\s+are)\s+(?:an?|the\s+point\s+of)\s)(?:\b|(?<=\s))", re.IGNORECASE)
CONCEPT_QUESTION = re.compile(r"\b(?:difference between|differ from|meaning of|definition of|what do you mean by|"
                              r"what is meant by|what(?:'s| is) the point of)\b[^?]*\?\s*$", re.IGNORECASE)


def asks_about_words(text: str) -> bool:
    """A question about how to do something or what a word means: chat explains, no tool runs."""
    return bool(HOW_QUESTION.match(text) or CONCEPT_QUESTION.search(text))


# "renew insurance isn't done, book MOT is": the second thing's state is the one the first was denied.
_STATE_WORDS = r"(?:done|finished|complete|completed|sorted|ticked(?:\s+off)?)"
_DENIED_THEN_SAID = re.compile(r"\b(?:is\s+not|isn't|isnt|wasn't|wasnt)\s+(?P<state>" + _STATE_WORDS + r")\b"
                               r"(?P<rest>\s*[,;—–-]\s*(?:but\s+)?[^,;.!?—–]+?\s+(?:is|was))(?=\s*(?:[.!?]|$))",
                               re.IGNORECASE)
_SAID_THEN_DENIED = re.compile(r"\b(?:is|was)\s+(?P<state>" + _STATE_WORDS + r")\b"
                               r"(?P<rest>\s*[,;—–-]\s*(?:but\s+)?[^,;.!?—–]+?\s+(?:isn't|isnt|wasn't|wasnt|is\s+not))"
                               r"(?=\s*(?:[.!?]|$))", re.IGNORECASE)


def with_ellipsis_filled(text: str) -> str:
    """"X isn't done, Y is" says "Y is done"; "X is done, Y isn't" says "Y isn't done"."""
    for pattern in (_DENIED_THEN_SAID, _SAID_THEN_DENIED):
        text = pattern.sub(lambda m: f"{m.group(0)} {m.group('state')}", text)
    return text


# Ways of typing a request in a hurry, read as the plain request they stand for.
_ARROW = re.compile(r"\s*->\s*")
_EDITING = re.compile(r"\b(?:change|rename|edit|move|update|swap)\b", re.IGNORECASE)
_TAKE_OFF = re.compile(r"\btake\s+(.{1,80}?)\s+off(?:\s+(?:of\s+)?(?P<list>(?:the|my)\s+(?:list|todos?))\b|(?=\s*(?:$|[,.!;])))",
                       re.IGNORECASE)
_AT_IT = re.compile(r",?\s*\bwhile\s+(?:you'?re|youre|your|ur|u'?re)\s+at\s+it\b", re.IGNORECASE)


def as_plainly_typed(text: str) -> str:
    """`renew card` is 'renew card'; "change `milk` -> `oat milk`" is "change 'milk' to 'oat milk'", a
    label -> a value is "label: value" ("competitors -> A, B"), else "->" joins two parts; "take X off
    the list" is "remove X from the list"; "while you're at it" says nothing."""
    text = text.replace("`", "'")
    parts = _ARROW.split(text)
    typed = parts[0]
    for part in parts[1:]:
        clause = re.split(r"[,;.!?]|\bthen\b|\band\b", typed)[-1]
        if _EDITING.search(clause):
            typed += " to " + part
        elif 0 < len(clause.split()) <= 2:
            typed += ": " + part
        else:
            typed += ", " + part
    typed = _TAKE_OFF.sub(lambda m: f"remove {m.group(1)}" + (f" from {m.group('list')}" if m.group("list") else ""), typed)
    return _AT_IT.sub("", typed)


def led_by_one_of(text: str, names: Sequence[str]) -> bool:
    """The text starts with one of the names and goes on: "greeting good morning", "greeting: Hi"."""
    return any(re.match(re.escape(name) + r"\s*[\s:=]\s*\S", text.strip(), re.IGNORECASE) for name in names if name.strip())
