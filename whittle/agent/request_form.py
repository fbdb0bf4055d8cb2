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
    "add": frozenset({"add", "put", "append", "include", "note", "remember", "create", "new", "insert", "stick", "jot", "pop",
                       "write down"}),
    "complete": frozenset({"complete", "done", "finish", "tick", "check", "mark", "did"}),
    "reopen": frozenset({"reopen", "uncomplete", "undone", "untick", "uncheck", "unmark", "unfinished", "incomplete"}),
    "delete": frozenset({"delete", "remove", "drop", "erase", "clear", "del", "get rid", "bin", "scrap", "ditch", "nix",
                          "rm", "yeet"}),
    "edit": frozenset({"edit", "rename", "change", "fix", "correct", "update", "reword", "say", "amend"}),  # "should say X" (not "alter": "after" is one letter off)
    "list": frozenset({"list", "show", "ls"}),  # not "read": "a fox who learns to read" asks for a story
    # Not "order": in a todo list it buys ("order more eggs from the shop", "order new glasses").
    "reorder": frozenset({"reorder", "move", "mv", "sort", "first", "top", "bottom", "position", "bump"}),
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



SAYING = "say"  # an edit's word only as "should say X", "make it say X"
_BEFORE_SAYING = frozenset({"should", "to", "it", "would", "must", "will", "can", "now", "that", "instead"})
_EDITING_WORDS = frozenset({"change", "edit", "update", "rename", "fix", "correct", "amend", "make"})


def told_not_edited(words: Sequence[str]) -> set[str]:
    """{"say"} when no "say" among the words asks for an edit ("tell am say the consignment is short"; "send an
    e-mail to say that I shall be late": "to say" edits only after an editing word, "change it to say …")."""
    for at, word in enumerate(words):
        before = words[at - 1] if at else ""
        if word == SAYING and before in _BEFORE_SAYING and (before != "to" or set(words[:at]) & _EDITING_WORDS):
            return set()
    return {SAYING}


# Before a participle, a state said ("is sorted"); after a noun, its statement ("bins are out"): no request.
BEING = frozenset({"is", "are", "was", "were", "been", "be"})


def leading_verbs(text: str, verbs: set[str]) -> set[str]:
    """The action words that lead a clause: "put eggs on the list" asks to put, not to list.

    Clauses split at "and"/"then"/commas; in each, the first word that is any tool's action word
    leads it (a vague one like "go" or "show" lets the next one lead too: "go back to step 1").
    """
    leading: set[str] = set()
    for clause in re.split(r"\band\b|\bthen\b|\balso\b|\s(?:n|&)\s|[,;]", text.lower()):
        found = re.findall(r"[a-z0-9]+", clause)
        for before, word in zip(["", *found], found):
            term = stem(word)
            if term == SAYING and before not in _BEFORE_SAYING:  # "tell am say the consignment is short": told, not edited
                continue
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
    # "I'd be grateful if you'd add …", "would you be so kind as to …": a formal ask leads in too.
    "i'd be grateful if you'd", "i'd be grateful if you would", "i'd be grateful if you could",
    "i would be grateful if you would", "i would be grateful if you could", "i'd appreciate it if you could",
    "i'd appreciate it if you would", "would you be so kind as to", "would you be so kind to", "would you be able to",
    "could you possibly", "i wonder if you could",
    "i should be grateful if you would", "i should be grateful if you could", "i shall be grateful if you would",
    "please would you", "please could you",
))
# Ways of asking to add what follows to the todo list, from any app: "don't forget to buy milk",
# "remind me to call mum", "note to self: fix the redirects". A reminder is a todo wherever it is said.
ADDING = tuple(tuple(p.split()) for p in (
    "don't forget to", "dont forget to", "remind me to", "remind us to", "don't let me forget to",
    "dont let me forget to", "need to remember to", "must remember to", "note to self", "remember to",
    "remember me to"))  # "remember me to …": a Romance-language "remind me"  # "I need to" is a lead-in
POLITE = frozenset({"can", "could", "would", "will"})
ASKED_FOR_KINDS = frozenset({"profile", "workspace", "todo", "task", "reminder"})  # "can i get a new profile?"
MADE_KINDS = ASKED_FOR_KINDS | {"space", "item", "one"}  # "make a profile called …"; not "make an appointment"
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
FREE_OBJECT_VERBS = frozenset(stem(w) for w in ("add", "put", "append", "note", "remember", "insert", "stick", "jot", "pop",
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


ALL_VERBS = frozenset(stem(w) for group in SYNONYMS.values() for w in group)  # every tool's action words
# Verbs whose tools take no argument: what "it" is after them is the app's run or job itself.
WHOLE_RUN_VERBS = frozenset(stem(w) for w in ("finalize", "finalise", "lock", "start", "begin", "restart", "kick",
                                              "cancel", "abort", "stop", "halt", "kill"))


# "mark eggs as not done", "milk isn't finished after all": a completion denied asks to reopen.
NOT_DONE = re.compile(r"(?:\bnot|n't|\b(?:isnt|arent|wasnt|aint|didnt|havent|hasnt))\s+"
                      r"(?:(?:yet|really|actually|quite|even|fully|all)\s+)?(?:done|finish(?:ed)?|completed?|ticked|checked)\b")
# "make it not done again", "set it back to undone": the state asked for is a reopening.
MADE_UNDONE = re.compile(r"\b(?:make|set|mark|put|turn)\s+(it|that|this|them|those|both)\s+(?:back\s+)?(?:(?:to|as)\s+)?undone\b")


# "the top one can go", "eggs can be binned": a thing let go is deleted ("can go to the bottom" moves it).
CAN_GO = re.compile(r"\b(?:can|could|should)\s+(?:go|come\s+off|be\s+(?:deleted|removed|binned|scrapped|dropped|taken\s+off))\b"
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
    themselves; a swap is the commonest slip on a phone and rarely makes another English word. A letter
    typed three times or more ("addd") is read as typed twice, then once."""

    def fixed(match: re.Match) -> str:
        word = match.group(0)
        lowered = word.lower()
        if len(lowered) < 4 or lowered in vocabulary:
            return word
        for held in (re.sub(r"(\w)\1{2,}", r"\1\1", lowered), re.sub(r"(\w)\1{2,}", r"\1", lowered)):
            if held != lowered and held in vocabulary:
                return held  # "addd oil change": a key held down
        for i in range(len(lowered) - 1):
            swapped = lowered[:i] + lowered[i + 1] + lowered[i] + lowered[i + 2:]
            if swapped != lowered and swapped in vocabulary:
                return swapped
        return word

    # What the user quotes is as typed: 'rename it to "Wohnung kündigen (3 Monate Frist!)"' keeps its "Frist".
    parts = re.split(r'("[^"]*"|“[^”]*”)', text)
    return "".join(part if n % 2 else re.sub(r"[A-Za-z]+", fixed, part) for n, part in enumerate(parts))


GERUND = re.compile(r"^\w{3,}ing$", re.IGNORECASE)

# Words in "-ing" that name a thing, not a doing: "greeting is Hi", "morning shift".
ING_NOUNS = frozenset("greeting morning evening meeting thing something nothing anything everything shopping wedding "
                      "building painting booking parking ring king spring string wing clothing ceiling pudding".split())

# The words for a todo itself, which a request may say before the thing ("add todo buy ice 2 bag").
TODO_KIND = r"(?:todo|to-do|task|reminder)"


def names_a_doing(word: str) -> bool:
    """"checking", "not sure": a word in "-ing" that is a doing, not a thing ("greeting", "meeting")."""
    return bool(GERUND.match(word)) and word.casefold() not in ING_NOUNS


def back_to_nowhere(words: Sequence[str]) -> bool:
    """"… to restock tempered glass and back cases": "back" asks to go back only to somewhere ("back to step 1")."""
    return bool(words[:1] == ["back"] and words[1:2] and words[1].casefold() not in {"to", "up", "one", "a", "2", "step"})


# "Marg reckons …": the word before one of these is who says something, not a slip of a verb.
_TELLING_VERBS = frozenset("reckons reckoned says said thinks thought wants wanted reckon reminded told asked".split())


def _verb_at(words: list[str], verbs: set[str]) -> str | None:
    """The action word the clause starts with: "get rid", a verb, an alias, or a misspelt verb
    ("cancle", "swich", "ad": one edit away, same first letter)."""
    if not words or GERUND.match(words[0]):  # "…, opening hours and delivery": a noun there; a request's verbs are bare
        return None
    if words[1:2] and words[1] in BEING:  # "bins are out, tick that": the subject of a statement
        return None
    if back_to_nowhere(words):
        return None
    for candidate in (" ".join(words[:2]), stem(words[0])):
        if candidate in verbs:
            return candidate
    word = words[0]
    if word == "look":  # "look it up", "look up …"; "look" alone is no misspelt "lock"
        return "lookup" if "up" in words[1:3] and "lookup" in verbs else None
    if word in HEAD_ALIASES or len(word) < 2 or word in STOPWORDS or not word.isalpha():
        if word == "make" and (words[1:2] not in (["a"], ["an"], ["another"], ["new"])
                               or not set(words[1:4]) & MADE_KINDS):
            return None  # "make a new profile" adds; "make the app dark mode", "make an appointment" ask for no thing
        return HEAD_ALIASES.get(word)
    if words[1:2] and words[1] in _TELLING_VERBS:
        return None  # "Marg reckons we're nearly out": a name (one slip from "mark") that says something
    return misspelt_verb(word, verbs)



def misspelt_verb(word: str, verbs: set[str]) -> str | None:
    """The verb a word is one slip away from ("swich", "cancle", "ad"): same first letter, one edit."""
    if not word or word in STOPWORDS or not word.isalpha():
        return None
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


# The tag after a comma that turns a told sentence into a check for a yes: "…, ok?", "…, vale?", "…, yeah?".
_TAG_QUESTION = re.compile(r"\s*(?:ok(?:ay)?|k|yeah|yea|ya|yes|right|alright|vale|sí|si|ja|oui|d'accord|eh|innit|tá|né|"
                           r"no|yep|yh|please|pls|plz|mate|thanks|ta)\s*[?!.\s]*", re.IGNORECASE)


def read_request(text: str, verbs: set[str]) -> list[Clause]:
    """The request's clauses (split at "and", "then", commas, sentence ends); in a sentence that ends
    with "?" and makes no polite request, each clause is part of a question ("open source or not, which?")."""
    read = []
    for sentence in map(quoted_marks_shown, re.split(r"(?<=[.!?])\s+", quoted_marks_hidden(text))):
        # A bracketed aside is a part of its own: "add: post the card (needs to go by Thursday)".
        pieces = [c for c in re.split(r"\band\b|\bthen\b|\balso\b|\s(?:n|&)\s|[,;(]", sentence) if c.strip()]
        tagged = len(pieces) > 1 and _TAG_QUESTION.fullmatch(pieces[-1]) is not None
        if tagged:  # "start the hello workflow, vale?": the tag asks for a yes, the sentence before it is told
            pieces = pieces[:-1]
        found = [read_clause(piece, verbs) for piece in pieces]
        if sentence.rstrip().endswith("?") and not tagged and not any(c.polite for c in found):
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
    read by its first sentence that asks for something (else its first). A short remainder stays: "add to my list: milk, eggs" names the items.
    """
    lead = re.match(r"\s*([^:\n]{1,80})[:\n]\s*(.*)", text, re.DOTALL)
    # "add: post birthday card to Fiona in Canada (needs to go by Thursday …)" labels what follows, pasted or not.
    if lead and _word_count(lead.group(2)) >= PASTED_WORDS and lead.group(1).strip().casefold() not in ADD_LABELS:
        return lead.group(1)
    if _word_count(text) >= LONG_MESSAGE_WORDS:
        sentences = re.split(r"(?<=[.!?])\s+", text.strip())
        return next((s for s in sentences if asks_for_something(s)), sentences[0])
    return text


# A quoted text in the request is an argument whole: 'renew passport', "book flights for June". A plural's
# apostrophe inside stays in it: 'renew residents' parking permit'.
_PLURAL_OWNER = r"""[^'’"”]*?\ws['’]\s+[^'’"”]+?"""
QUOTED_TEXT = re.compile(r"""(?<!\w)["“‘'](?=\S)(""" + _PLURAL_OWNER + r"""|.+?)(?<=\S)["”’'](?!\w)""")


def quoted_texts(request: str) -> list[str]:
    """The texts the request quotes, as typed."""
    return [m.group(1) for m in QUOTED_TEXT.finditer(request)]


_QUOTE = re.compile(r"""(?<!\w)["\u201c\u2018'](?=\S)(?:""" + _PLURAL_OWNER + r"""|.+?)(?<=\S)["\u201d\u2019'](?!\w)""")
# Stand-ins for the sentence marks inside a quote while a request is cut into sentences or actions: the
# quoted name "St. Andrew's Treasury" is one thing, not the end of a sentence.
_QUOTED_MARKS = str.maketrans({".": "\u2024", "!": "\u01c3", "?": "\u0294"})
_MARKS_BACK = str.maketrans({"\u2024": ".", "\u01c3": "!", "\u0294": "?"})


# "redo gel for Ms. Tran": a title's full stop ends no sentence.
_TITLE_STOP = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Mt|Prof|Sr|Jr)\.(?=\s+(?-i:[A-Z]))", re.IGNORECASE)


def quoted_marks_hidden(text: str) -> str:
    text = _TITLE_STOP.sub(lambda m: m.group(0).translate(_QUOTED_MARKS), text)
    return _QUOTE.sub(lambda m: m.group(0).translate(_QUOTED_MARKS), text)


def quoted_marks_shown(text: str) -> str:
    return text.translate(_MARKS_BACK)

_NEWS_LEAD = re.compile(r"^\s*(?:good|bad|great|some)?\s*(?:news|update|fyi|heads\s+up|btw|quick\s+update)\s*:", re.IGNORECASE)
_WHOLE_RUN_IT = re.compile(r"\b(?:finali[sz]e|lock|start|begin|restart|cancel|abort|stop|halt|kill)\s+it\b", re.IGNORECASE)
# "I'm sure we talked about my hearing aid batteries. Could you look back through what we said?": a search's
# topic is told before the ask.
_SEARCH_BACK = re.compile(r"\b(?:search\w*|look(?:ing)?\s+back|scroll\s+back|find|what\s+(?:we|i)\s+(?:said|discussed|talked))\b",
                          re.IGNORECASE)
TOLD_WORDS = 6  # a sentence this long that asks nothing tells the background ("Eggs too." goes on asking)
# "mochi is judging me": a short sentence that says how something is tells, however short; not one that
# reports a thing done ("milk is done"), which asks for the tick.
_SHORT_STATEMENT = re.compile(r"^\s*(?:[\w']+\s+){1,2}(?:is|are|was|were|has|have)\s+"
                             r"(?!(?:done|finished|complete|completed|sorted|ticked|gone|over|cancell?ed|not)\b)", re.IGNORECASE)
_OBJECT_PRONOUN = re.compile(r"\b(?:it|them|those|these|that|this)\b(?!\s+(?:is|was|isn't|doesn't|does|won't|will|gets|slips?)\b)",
                             re.IGNORECASE)


def asked_part(text: str) -> str:
    """"The new transport planner had her briefing this morning. Would you tick off 'brief the new transport
    planner'?": the sentences that tell the background are no part of the request, only those that ask.
    Kept whole when the ask points back into the telling ("Would you tick it off?") or pastes material (":")."""
    sentences = [quoted_marks_shown(s) for s in re.split(r"(?<=[.!?])\s+", quoted_marks_hidden(text.strip())) if s]
    if len(sentences) < 2 or re.search(r"[:\n]", _NEWS_LEAD.sub("", text)):
        return text
    asking = [asks_for_something(s) or (_word_count(s) < TOLD_WORDS and not _SHORT_STATEMENT.match(s)) or _ends_acting_on_it(s)
              or _AMENDS.match(s) is not None for s in sentences]
    if all(asking) or not any(asks_for_something(s) for s in sentences):
        return text
    asked = " ".join(s for s, keep in zip(sentences, asking) if keep)
    # "Please finalise it so nobody can alter it later": "it" after a verb that takes nothing is the run, and
    # a purpose after "so"/"because" points nowhere.
    # A pronoun inside quotes is words of a todo ("add 'fix it'"), not a pointer.
    pointing = _WHOLE_RUN_IT.sub("", re.sub(r"\b(?:so|because|as|since)\b[^.!?]*", "", _QUOTE.sub("", asked),
                                            flags=re.IGNORECASE))
    if _OBJECT_PRONOUN.search(pointing) or _SEARCH_BACK.search(asked):
        return text
    return asked


# "No, forgive me, make that 'renew residents' parking permit'.": a sentence that amends the ask is part of it.
_AMENDS = re.compile(r"(?:no|sorry|actually|wait|oops|correction|ah|oh)\b[^.!?]*\b(?:make\s+(?:it|that)|call\s+it|i\s+mean"
                     r"|scratch\s+that|or\s+rather)\b", re.IGNORECASE)


# "Would you mind …", "I'd be grateful if …", "please": a sentence that asks, in a message that mostly tells.
_ASKING = re.compile(r"\b(?:could|can|would|will)\s+(?:you|u)\b|\bif\s+(?:you|u)\s+(?:could|can|would)\b|"
                     r"\b(?:please|pls|plz|kindly)\b|\?\s*$|"
                     r"\bi'?d\s+be\s+(?:grateful|glad|thankful)\b|\bi'?d\s+(?:like|love)\s+you\s+to\b|"
                     r"\bremind\s+me\b", re.IGNORECASE)


def asks_for_something(sentence: str) -> bool:
    """A sentence of a long message that makes the request: a polite ask, or one led by an action word. (A verb
    in a later clause does not make it one: "After hours of debate, …, then move the budget to the top" reports.)"""
    clauses = read_request(sentence, ALL_VERBS)
    return bool(_ASKING.search(sentence)) or bool(clauses and clauses[0].head and not clauses[0].question)


def _ends_acting_on_it(sentence: str) -> bool:
    """"I don call mum, tick it.", "finally got round to the boiler service, mark it done": a sentence that tells,
    then asks for an action on what it told, in its last clause."""
    last = re.split(r"[,;]", sentence)[-1]
    words = re.findall(r"[a-z']+", last.casefold())
    return len(words) >= 2 and stem(words[0]) in ALL_VERBS and words[1] in {"it", "that", "them", "this"}


def _word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


# "How do I add a profile?" asks for an explanation, not for the action: chat answers it.
# ("What do I still have to do?" asks to see the list: a question only ever selects a listing tool.)
# "What's an orphan page?" asks what the word means, not for the app's orphans; so does a question
# anywhere in the message about how two things differ or what a word means.
HOW_QUESTION = re.compile(r"^\s*(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+)?)?"  # "Could you explain …"
                          r"(how|why|explain|what does|what means|what's the (best|right) way|should i|"
                          r"what(?:'s|\s+is|\s+are)\s+(?:an?|the\s+point\s+of)\s)(?:\b|(?<=\s))", re.IGNORECASE)
CONCEPT_QUESTION = re.compile(r"\b(?:difference between|differ from|meaning of|definition of|what do you mean by|"
                              r"what is meant by|what(?:'s| is) the point of)\b[^?]*\?\s*$", re.IGNORECASE)
_ASKED_TO_EXPLAIN = re.compile(r"\b(?:you|u)\s+(?:[\w']+\s+){0,5}?explain\b", re.IGNORECASE)  # "would you be so kind as to explain"
# 'sumimasen, what is "orphan page"? I don't understand this word': a quoted term asked about, a word not understood.
_TERM_ASKED = re.compile(r"\bwhat(?:'s|\s+is|\s+are|\s+means)\s+(?:an?\s+|the\s+)?[\"“'‘][^\"”'’]{1,40}[\"”'’]\s*\?|"
                         r"\bwhat\s+(?:an?\s+|the\s+)?[\w\s-]{1,30}\s+(?:is|are|means)\b[^.?!]*\bexplain\b|"  # "idk what an orphan page is, explain like im 5"
                         r"\b(?:don'?t|do\s+not|didn'?t)\s+(?:understand|know|get)\s+(?:this|that|the)\s+(?:\w+\s+)?(?:word|term)\b|"
                         r"^[\w\s-]{1,30}\s+means?\s+what\s*\?",  # "orphan page mean what?"
                         re.IGNORECASE)


def asks_about_words(text: str) -> bool:
    """A question about how to do something or what a word means: chat explains, no tool runs."""
    return bool(HOW_QUESTION.match(text) or CONCEPT_QUESTION.search(text) or _ASKED_TO_EXPLAIN.search(text)
                or _TERM_ASKED.search(text))


# "renew insurance isn't done, book MOT is": the second thing's state is the one the first was denied.
_STATE_WORDS = r"(?:done|finished|complete|completed|sorted|ticked(?:\s+off)?)"
_DENIED_THEN_SAID = re.compile(r"\b(?:is\s+not|isn't|isnt|wasn't|wasnt)\s+(?P<state>" + _STATE_WORDS + r")\b"
                               r"(?P<rest>\s*[,;—–-]\s*(?:but\s+)?[^,;.!?—–]+?\s+(?:is|was))(?=\s*(?:[.!?]|$))",
                               re.IGNORECASE)
_SAID_THEN_DENIED = re.compile(r"\b(?:is|was)\s+(?P<state>" + _STATE_WORDS + r")\b"
                               r"(?P<rest>\s*[,;—–-]\s*(?:but\s+)?[^,;.!?—–]+?\s+(?:isn't|isnt|wasn't|wasnt|is\s+not))"
                               r"(?=\s*(?:[.!?]|$))", re.IGNORECASE)


# "eggs done, milk too": the second thing is in the same state.
_SAID_THEN_ALSO = re.compile(r"(?P<first>\b" + _STATE_WORDS.replace("(?:", "(?P<state>", 1) + r"\s*[,;]\s*(?:and\s+)?"
                             r"[^,;.!?]{1,40}?)\s+(?P<also>too|as\s+well|also)(?=\s*(?:[.!?]|$))", re.IGNORECASE)


def with_ellipsis_filled(text: str) -> str:
    """"X isn't done, Y is" says "Y is done"; "X is done, Y isn't" says "Y isn't done"; "X done, Y too" says
    "Y done"."""
    for pattern in (_DENIED_THEN_SAID, _SAID_THEN_DENIED):
        text = pattern.sub(lambda m: f"{m.group(0)} {m.group('state')}", text)
    return _SAID_THEN_ALSO.sub(lambda m: f"{m.group('first')} {m.group('state')}", text)


# Ways of typing a request in a hurry, read as the plain request they stand for.
_ARROW = re.compile(r"\s*->\s*")
_PLUS = re.compile(r"(?<=\S)\s+\+\s+(?=([a-z]+)\b)", re.IGNORECASE)
_STEP_WORDS = frozenset({"name", "greeting", "competitors", "analysis"})  # "start hello + name Anya"
_A_PLACE = re.compile(r"(?:the\s+)?(?:top|bottom|end|first|last|#?\d{1,3}(?:st|nd|rd|th)?|(?:number|position|pos)\s*\d{1,3})\b"
                      r"(?:\s+(?:of\s+the\s+list|on\s+(?:the\s+)?list|pls|please|plz))*\s*[.!]*$", re.IGNORECASE)
_EDITING = re.compile(r"\b(?:change|rename|edit|move|update|swap|fix\s+the\s+typo)\b", re.IGNORECASE)


def _edit_asked(clause: str) -> bool:
    """An editing word that asks for an edit: not the last word of a thing ("oil change -> top")."""
    return any(found.end() < len(clause.rstrip()) for found in _EDITING.finditer(clause))
# "+ milk", "switch to work; + patch db01 there": a "+" that opens a request or a part of one adds.
_PLUS_ADDS = re.compile(r"(?:^|(?<=[;,]))(\s*)\+\s*(?=[\w'\"])")
# "x milk", "x `review PR #418`": a part led by a lone "x" ticks the thing, as a box is crossed.
_X_TICKS = re.compile(r"(?:^|(?<=[;,])|(?<=\band))(\s*)\bx\s+(?=[\w'\"`])", re.IGNORECASE)
# "s/milk/oat milk/": a stream editor's substitution changes one text to the other.
_SUBSTITUTED = re.compile(r"(?<![\w/])s/([^/]+)/([^/]+)/g?(?!\w)")
# "ship it", "ls", "rm 3": a terminal's words for finalize, the list, and delete.
_TERMINAL_WORDS = ((re.compile(r"\bship\s+it\b", re.IGNORECASE), "finalize it"),
                   (re.compile(r"(?:^|(?<=\band)|(?<=[,;]))(\s*)\bls\b(?=\s*(?:$|[,.!?;]|pls|please))", re.IGNORECASE),
                    r"\1show the list"),
                   (re.compile(r"(?:^|(?<=\band)|(?<=[,;]))(\s*)\brm\s+(?=#?\d+\b)", re.IGNORECASE), r"\1delete number "))
# "@bottom: renew TLS cert": a place said first, as a label, is where the thing moves.
_AT_PLACE_FIRST = re.compile(r"^\s*@(top|bottom)\s*:\s*(?P<thing>\S.*)$", re.IGNORECASE)
_AT_PLACE = re.compile(r"(?P<arrow>->\s*)?(?:\bto\s+)?@(top|bottom)\b", re.IGNORECASE)  # "mv it @top", "x -> @top"
_TAKE_OFF = re.compile(r"\btake\s+(.{1,80}?)\s+off(?:\s+(?:of\s+)?(?P<list>(?:the|my)\s+(?:list|todos?))\b|"
                       r"(?=(?:\s+(?:again|please|pls|plz|for\s+me|altogether|now))*\s*(?:$|[,.!?;])))",
                       re.IGNORECASE)
_AT_IT = re.compile(r",?\s*\bwhile\s+(?:you'?re|youre|your|ur|u'?re)\s+at\s+it\b", re.IGNORECASE)
_TICKED_BY_MISTAKE = re.compile(r"\b(?:ticked|ticking|checked|marked|crossed)\b.*\b(?:by\s+mistake|by\s+accident|in\s+error|"
                                r"wrong\s+one)\b|\bwrong\s+one\b.*\b(?:ticked|ticking)\b", re.IGNORECASE)
_PUT_BACK = re.compile(r"[,\s]*\b(?:put|set|make)\s+(?:it|that|them)\s+back\b(?:\s+(?:again|please|pls))?"
                       r"(?!\s+(?:on|in|onto|into|to|at|as)\b)", re.IGNORECASE)
# "the one about the boiler get rid of it": a thing named, then a verb on "it", dictated without the comma.
_VERB_ON_IT = re.compile(r"\b([\w']+)\s+(?=(?:get\s+rid\s+of|delete|remove|bin|scrap|ditch|drop|tick\s+off|tick|mark|"
                         r"complete|untick|reopen|move|edit|rename|change)\s+(?:it|that|them|this)\b)", re.IGNORECASE)
_BEFORE_A_VERB = frozenset("can could would will you u to and then please pls plz just i we also so or but now "
                           "go gonna wanna lets let's ok okay yes yeah".split())
# Dictated and second-language ways of saying a plain request, each with what it stands for.
# Texting's "n" for "and" joins things a request acts on that are there already; a new thing's own "n" stays
# ("add bread n snags for the bbq").
_TEXTING_AND = re.compile(r"(?<=\w)\s+n\s+(?=\w)")
_ACTS_ON_LISTED = re.compile(r"\b(?:tick|ticked|mark|marked|done|finished|delete|remove|untick|complete|completed|cross)\b",
                             re.IGNORECASE)
_ADDS = re.compile(r"\b(?:add|put|remind|new|create|make|need)\b", re.IGNORECASE)
_LISTS_FOR_A_STEP = re.compile(r"\bcompetitors?\b", re.IGNORECASE)
_TEXTING_AND_ACTION = re.compile(r"(?<=\w)\s+n\s+(?=(?:put|add|tick|move|delete|remove|mark|switch|start|open|change|"
                                 r"untick|cancel|finali[sz]e|search|bin)\b)", re.IGNORECASE)
# Why now, said after the thing: "add rainbow sprinkles before i forget".
WHY_NOW = r"\s*,?\s*\b(?:before|b4|bfore)\s+(?:i|we)\s+forget\b"
_SAID_OTHERWISE = tuple((re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in (
    # "put renew registration on the list its due end of the month", "…, is due on friday": when it is due is
    # an aside. Without a comma only after a pronoun ("its", "they're"), so "rent is due friday" stays as said.
    (r"(?:\s*,\s*(?:it'?s|its|it\s+is|is|are|they'?re|theyre|there|both)|\s+(?:it'?s|its|it\s+is|they'?re|theyre|"
     r"there))\s+(?:both\s+|all\s+|a\s+bit\s+|already\s+|really\s+)?(?:due|overdue)\b[^.!?;,]*", ""),
    # "… by friday its for her sons birthday party": who or what it is for, after "it's", is why.
    (r"(?:\s*,\s*|\s+)(?:it'?s|its|it\s+is)\s+for\s+(?:her|his|my|our|their|the|a|an)\s[^.!?;]*", ""),
    # The thing said first, the ask after: "loop in legal on MSA redlines - add that", "need too do the smoke alarms
    # at the rental stick it on the list"; "the second one -> make it …".
    (r"^\s*(?!(?:add|put|tick|delete|move|can|could|would|please|pls)\b)([^,.;!?\"]+?)\s+(?:-+|–|—|->)\s+(?:pls\s+|please\s+)?"
     r"(?:add|put)\s+(?:that|it|this)(?:\s+(?:in|on|to)\s+(?:the|my)\s+list)?\s*[.!]*$", r'add "\1"'),
    (r"^\s*(?:i\s+)?(?:need|have|got)\s+(?:to|too)\s+(?:do\s+(?:the\s+)?)?(?=\S)([^,.;!?\"]+?)\s+(?:stick|put|chuck|pop)\s+"
     r"(?:it|that)\s+on\s+(?:the|my)\s+list\s*[.!]*$", r'add "\1"'),
    # "edit A -> B, 4.2 got scrapped": what happened to something, after the ask, is why, no ask of its own.
    (r"(?<=\S)\s*,\s*(?:(?:[^,.;!?]|\.(?=\w))+?\s)?(?:got|was|were|been|has\s+been)\s+(?:scrapped|dropped|cancell?ed|binned|ditched|"
     r"removed|deleted|pulled)\b[^.!?;]*$", ""),
    # "cancel it mate, …", "thats done mate": who is spoken to asks nothing.
    (r"[\s,]+(?:mate|love|luv|pal|bro|buddy|hun|darl)\b(?=\s*(?:[,.!?;]|$))", ""),
    (r"^\s*take\s+off\s+(?!the\s+list\b)", "remove "),  # "take off buy bait for fishing at Karumba, …"
    (r"\s*,?\s*(?:and\s+)?while\s+(?:that'?s|thats|it'?s|its|that\s+is|it\s+is)\s+(?:going|running|on|working)\b,?\s*", ", and "),
    (r"(?<!\bshow\s)(?<!\bgive\s)(?<!\bsend\s)\bme\s+(?=(?:todo\s+|to-do\s+)?list\b|todos\b)", "my "),  # "show me me todo list"
    # A bug report's labels: "step 1 name = Kevin", "analysis step: compare on pricing, api", "2nd item: rename to X",
    # "name: Kevin, greeting: Hi. submit both".
    (r"^\s*step\s+\d+\s*[:.\-]?\s*(?=(?:name|greeting|competitors|analysis)\b)", ""),
    (r"\b(analysis)(?:\s+step)?\s*[:=]\s*compare\s+(?:them\s+|'?em\s+)?(?:on|by)\s+", r"\1: "),
    (r"^(\s*(?:the\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|last|top|bottom)\s+(?:item|one|todo|thing))\s*:\s*"
     r"(?=(?:rename|change|edit|move|delete|remove|tick|untick|mark)\b)", r"\1, "),
    (r"(?<=[.!,])\s*(?:and\s+|then\s+)?submit\s+(?:both|them|all|these|those|it)(?:\s+(?:pls|please))?\s*[.!]*$", ""),
    # Dutch-English: "the stroopwafel cake must become 'buy …'", "put 'X' on place 2", "put it as second".
    (r"\bcan\s+you\s+(it|them)\s+open\s+again\b", r"can you reopen \1"),  # "it" first
    (r"\bcan\s+you\s+(it|them)\s+(delete|remove|tick|untick|move|add|change|reopen)\b", r"can you \2 \1"),
    (r"\bmust\s+become\b", "should say"), (r"\b(?:on|at|to)\s+place\s+(\d+)\b", r"to number \1"),
    (r"\b(put|move|set)\s+(it|that|this|them)\s+as\s+(?:the\s+)?(first|second|third|fourth|fifth|last)\b(?:\s+one)?",
     r"move \2 to the \3 place"),
    # A step's value said formally: "put my name in as Siân", "pick Hi for the greeting", "Put Gwen for the name,
    # please", "For the name, please put Gwen."
    (r"(?:^|(?<=[.!?,;]\s)|(?<=\band\s)|(?<=\bplease\s))(?:put|pop|enter|type)\s+my\s+name\s+(?:in\s+|down\s+)?as\s+",
     "my name is "),
    (r"\b(?:pick|choose|put|use|select|go\s+with|pop|and)\s+(good\s+morning|hello|hi)\s+(?:in\s+)?(?:for|as)\s+(?:the|my)\s+greeting\b",
     r"greeting: \1"),
    (r"\b(?:put|use|enter|type|pop)\s+((?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*)?)\s+(?:in\s+)?(?:for|as)\s+(?:the|my)\s+name\b",
     r"name: \1"),
    (r"\bfor\s+the\s+name\s*,?\s*(?:please\s+|kindly\s+)?(?:put|use|enter|type|pop)\s+(?:in\s+)?", "name: "),
    (r"\b(say|said|talk(?:ed)?|mention(?:ed)?|wrote|write|note[sd]?)\s+re:?\s+(?=\w)", r"\1 about "),  # "what did i say re flu shots"
    (r"\bput\s+me\s+(?=(?:the|my)\s+(?:todo\s+)?list\b)", "show me "),  # Spanish's "ponme la lista"
    # A signed-off message: "… THANKS, JIMMY", "Goodnight, Jimmy".
    (r"[\s.!]*\b(?:thanks|thank\s+you|cheers|goodnight|good\s+night|regards|love|ta)\s*,\s*(?-i:[A-Z][A-Za-z]+)\s*[.!]*$", "."),
    # Second-language English drops a "to" or an "is": "remind me call Mrs. Linda …", "my name Lan, greeting Hi".
    (r"\bremind\s+me\s+(?=(?:call|ring|phone|text|buy|pay|book|pick|order|get|send|email|fix|renew|clean|check)\b)",
     "remind me to "),
    (r"\bmy\s+name\s+(?=(?-i:[A-Z])\w*\s*(?:[,.!]|$))", "my name is "),
    (r"\b(?:ought|wants|needs)\s+to\s+(?=(?:say|read)\b)", "should "),  # "brass band thursday wants to say …"
    # "… should say X, fix it for us": the fix asked is the change said.
    (r"(\bshould\s+(?:say|read)\s[^.!?]*?)[,\s]+(?:(?:can|could|will|would)\s+you\s+|please\s+)?(?:fix|change|sort|correct)\s+"
     r"(?:it|that)(?:\s+(?:out|for\s+(?:us|me)))*(?:\s+please)?\s*[.!]*$", r"\1"),
    (r"\bI\s+(?:should|would)\s+like\s+(?=(?:a|an)\s+new\s+(?:profile|todo|item|task|run|analysis)\b)", "create "),
    (r"\bwhere'?s\s+(?:the\s+)?(\w+)\s+page\b", r"open the \1 page"), (r"\babt\b", "about"),
    (r"(\b(?:one|item|thing|todo)\s*,\s*)(?:make|have)\s+it\s+(?:say\s+|read\s+)?(?=\S)", r"\1change it to "),
    # "per my last... what did i say about …": the last email, no place in the list.
    (r"^\s*per\s+my\s+last(?:\s+(?:email|e-mail|message|note|mail))?\b[\s.…,:-]*", ""),
    (r"^\s*(?:new\s+|another\s+)?action\s+item\s*[:\-–—]\s*", "todo: "),  # "action item: follow up w/ Acme on …"
    # Office English: "close out the expense report", "the one about the car - close it out": done.
    (r"(\bone\b[^.!?]*?)\bclose\s+(it|that|this|them)\s+out\b", r"\1tick \2 off"),  # not "looks good, close it out"
    (r"\bclose\s+out\s+(?!(?:the\s+|this\s+)?(?:run|analysis|workflow|hello)\b)", "tick off "),
    # Going somewhere said without a verb that names it: "back to the todo list", "pop me over to the Work one".
    # Not a step ("back to the name step" goes back in the run) nor a place in the list.
    (r"^(\s*(?:(?:ok(?:ay)?|right|now|so|and|alright|k)\b[\s,]*)*)(?:(?:get|take|bring)\s+(?:me|us)\s+)?back\s+to\s+"
     r"(?=(?:[\w'-]+\s+){0,3}?(?:list|todos?|profile|workspace|app|page|dashboard|screen|(?-i:Default|Work))\b)", r"\1go to "),
    (r"\bgo\s+to\s+(?=(?:the|my)\s+(?:todo|to-?\s?do)\s+list\b)", "open "),  # the page, not a listing of it
    (r"\bgo\s+to\s+(?:the|my)\s+list\s*(?=[.!?]*$)", "open the todo list"),  # "take me back to the list"
    (r"\b(?:take|get|bring)\s+(?:me|us)\s+into\s+", "switch to "),  # "make a new space … and take me into it"
    (r"\b(?:pop|hop|nip|flip|jump|swap|move|put|shift|flick)\s+(?:me|us)\s+(?:back\s+)?(?:over\s+|across\s+|round\s+)?"
     r"(?:to|into|onto)\s+", "switch to "),
    # "please tick the same", "kindly start the same once again": Indian English's "the same" is "it".
    (r"\b(tick|mark|update|change|edit|delete|remove|start|keep|put|move|finali[sz]e|complete|cancel|revert|"
     r"untick|reopen|shift|bump)\s+the\s+same\b", r"\1 it"),
    # Homophones typed fast: "put wash uniform on their", "right down: return ID badge".
    (r"\bon\s+their\b(?=\s*(?:$|[,.!?;]|\s+(?:please|pls|thanks)\b))", "on there"),
    (r"^\s*right\s+down\b(?=\s*[:,-]|\s+(?!the\b|to\b|there\b|here\b)\w)", "write down"),
    (r"\bon\s+there\b(?=\s*(?:$|[,.!?;]|\s+(?:please|pls|thanks)\b))", "on the list"),  # "put X on there"
    # "pls put in the list pagar al proveedor": where it goes, said before the thing.
    (r"\b(?:put|add|stick|write)\s+(?:in|on|to|onto|into)\s+(?:the|my|our)\s+(?:list|todos?|to-?\s?do\s+list)\s*[:,-]?\s+(?=\w)",
     "add "),
    (r"\bto[\s-]do\s+(lists?)\b", r"todo \1"),  # "on my to do list", as dictated
    (r"\bmake\s+done\b", "complete"),
    # Texting: "move call mum 2 the top", "go 2 profiles", "rename milk 2 oat milk", "search the chat 4 landlord",
    # "greeting shld be …", "competitors r notion, obsidian": the words the digits and letters stand for.
    (r"\b(go|it|them|back|switch|move|jump|bump|up|down)\s+2\s+(?=[a-z])", r"\1 to "),
    # Not once its "to" is said, nor after a word that takes a number: "change it to quote for 2 bathrooms".
    (r"\b((?:change|rename|edit|update|amend)\b(?:(?!\bto\b)[^,.;!?'\"\u2018\u2019\u201c\u201d])*?[^\s,.;!?])(?<!\bfor)(?<!\bof)"
     r"(?<!\bby)(?<!\bwith)\s+2\s+(?=[a-z])", r"\1 to "),
    (r"\b((?:move|bump|put|shift|stick)\b[^,.;!?'\"\u2018\u2019\u201c\u201d]*?[^\s,.;!?])\s+2\s+(?=(?:the\s+)?(?:top|bottom|end|start|front|back|position|place|number)\b)",
     r"\1 to "),
    (r"\b((?:search|look|find)\b[^,.;!?'\"\u2018\u2019\u201c\u201d]*?)\s+4\s+(?=[a-z])", r"\1 for "),
    # "eggs done call mum done": two things reported done in one breath, without a mark between them.
    (r"\b(done|finished)\s+(?=(?:[\w']+\s+){1,5}(?:done|finished)\s*[.!]*$)", r"\1, "),
    (r"\bshld\b", "should"), (r"\bcud\b", "could"), (r"\bwud\b", "would"),
    (r"(?<=[a-z])\s+r\s+(?=[a-z])", " are "),
    (r"\s+so\s+(?:that\s+)?it\s+(?:now\s+)?(?:reads|says)\s+(?=['\"\u201c])", " to "),  # "amend 'A' so that it reads 'B'"
    # "parking permit sorted": a thing said to be sorted is done, not to be sorted into order.
    (r"^(?!.*\b(?:add|put|get|getting|remind|need|needs|have|has)\b)(\s*[^,.;!?]{2,60}?)\s+(?:is\s+|are\s+|'s\s+)?(?:all\s+)?"
     r"sorted(?:\s+(?:now|out|already))?(?=\s*[.!]*$)", r"\1 is done"),
    # "new one swap shift with priya": a new thing named straight after, as dictated.
    (r"^\s*(?:new|another)\s+(?:one|todo|item|task|entry|reminder)\s+(?!(?:please|pls|for|is|was|about|with|to)\b)(?=\w)",
     "add "),
    # "the eggs one should say twelve eggs not just eggs": what it should not say is no part of the new text.
    (r"\b(say|read)\s+([^,.;!?]+?)\s+(?:not|instead\s+of|rather\s+than)\s+(?:just\s+|only\s+|simply\s+)?[^,.;!?'\"]+$",
     r"\1 \2"),  # "please make done the milk"
    (r"\btake\s+away\s+(.{1,80}?)\s+from\s+(?=(?:the|my|our)\s+(?:list|todos?|to-?\s?do)\b)", r"remove \1 from "),
    (r"\b(rename|change)\s+(.{1,80}?)\s+(?:in|for)\s+(?=['\"\u201c])", r"\1 \2 to "),  # "rename X in 'Y'", "… for 'Y'"
    # "X needs to be number one", "X should be first": a place said of a thing moves it there.
    (r"^(?:so\s+)?(.{2,80}?)\s+(?:needs|need|has|have|should|must|ought)\s+(?:to\s+)?(?:be|go)\s+"
     r"(?:number\s+(?:one|1)|first|at\s+the\s+top|on\s+top|top)\b", r"move \1 to the top"),
    # "…, and after finalize it"; not "delivery speed and after service", a thing named "after service".
    (r"\band\s+(?:afterwards|after\s+that|after(?=\s+(?:add|tick|delete|remove|finali[sz]e|start|submit|move|open|switch|"
     r"cancel|mark|put|go|change|edit|search|show|list|do|make)\b))\b", "and then"),
    # "bin milk and add oat milk instead"; not a name's "Instead" ("Home Instead", a care company)
    (r"(?<=\w)\s+(?-i:instead|INSTEAD)(?=\s*(?:$|[,.!?;]))", ""),
    # "…? Thank you kindly.", "… Thank you ever so much.": thanks at the end, after a mark, asks nothing.
    (r"(?<=[,.!?])\s*(?:(?:thank\s+you|thanks|many\s+thanks|cheers|ta|bless\s+you)(?:\s+(?:so|ever|very|kindly|much|"
     r"a\s+lot|loads|dear|again|in\s+advance))*[\s.!]*)+$", ""),
    # "switch to Work && open todos", "new profile homelab + switch to it", "+ 'rotate ssh keys'": typed as code.
    (r"\s+&&\s+", " and then "), (r"^\s*\+\s*(?=\S)", "add "),
    # "Could you set that going for me?", "get the long job going", "fire up the crawl": start it.
    (r"\b(?:set|get)\s+((?:it|that|this|the\s+[\w-]+(?:\s+[\w-]+)?))\s+(?:going|running|started)\b", r"start \1"),
    (r"\bfire\s+up\b", "start"),
    # "lgtm, finalize", "perfect, now add bread": an acknowledgement before the ask asks nothing itself.
    (r"^\s*(?:lgtm|looks\s+good|ok(?:ay)?|cool|great|perfect|nice|sweet|awesome|alright|good)\s*[,!.]+\s+(?=\w)", ""),
    (r"[\s,.!?]+(?:gracias|merci|danke|grazie|obrigad[oa]|dziękuję|dankjewel|tack)[\s.!]*$", ""),  # thanks, said abroad
    # "it is possible to add pay the loyer ?", "is possible to make a new profile?": asking whether it can be
    # done asks for it, as "can you …?" does. Not "is it possible that …", a question about the world.
    (r"\b(?:(?:is\s+)?it\s+is|is\s+it|would\s+it\s+be|is|it'?s)\s+possible\s+(?:for\s+(?:you|u)\s+)?to\s+(?=\w)",
     "can you "),
    # "I would like that you add …", "I want that you put …": a Romance-language way of asking.
    (r"\b(i\s+(?:would\s+like|'d\s+like|want|wish))\s+that\s+(?:you|u)\s+(?=\w)", r"\1 you to "),
    (r"\bun[\s-]+(tick|check|mark)(?=(?:ed|ing)?\b)", r"un\1"),  # "un check send comps", as dictated
    (r"\bdoon\s+tae\b", "down to"),  # Scots: "shift eggs doon tae the bottom"
    (r"\b(add|put)\s+(?:smth|sth|something|summat)\s+like\s+", r"\1 "),  # "add smth like clean room": a hedge
    # "chuck charge controller on the list", "bung it on my list": put, as said in Australia and Britain.
    (r"\b(?:chuck|bung|slap)\b(?=[^.!?;]*?\s(?:on|onto)\s+(?:the|my|ur|your)\s+(?:list|todos?|to-?do)\b)", "put"),
    # Pidgin's "am" after a verb is "it": "tick am for me", "put am for top", "make am collect iPhone 11 pro screen".
    (r"\b(tick|untick|mark|put|move|bump|remove|delete|cancel|change|make|start|stop|kill|clear|cross|add|carry|comot)"
     r"\s+am\b(?!\s*(?:i|a|an)\b)", r"\1 it"),
    (r"\b(it)\s+for\s+(top|bottom)\b", r"\1 to the \2"),  # "put am for top"
    (r"\bdem\b", "them"),  # Pidgin: "compare dem on price"
    (r"\s+with\s+a\s+capital\s+\w\b", ""),  # "call it Choir with a capital C": how it is spelt, not its name
    # "put the assignment on top", "put buy diesel for gen for number 2": putting a thing at a place moves it.
    (r"\b(?:put|stick|pop)\s+((?:(?!\b(?:and|then|also)\b)[^,.;!?])+?)\s+(?:right\s+)?(?:at|on|to|for|in)\s+(?:the\s+)?(?:very\s+)?"
     r"(top|bottom|(?:number|position|no\.?|#)\s*\d{1,3})\b",
     lambda m: f"move {m.group(1)} to {'the ' if m.group(2).isalpha() else ''}{m.group(2)}"),
    # "can start the long job?": asking whether it can be done, with the "you" left out, asks for it.
    (r"(?:^|(?<=[.!?]\s))(can|could)\s+(?=(?:start|stop|add|put|delete|remove|move|change|open|switch|tick|mark|cancel|"
     r"show|make|create|finali[sz]e|go)\b)", r"\1 you "),
    # German ways of asking: 'change "A" so: "B"', 'Please "X" open again.', "1) add …; 2) tick …".
    (r'(["”])\s+so\s*:\s*(?=["“])', r"\1 to "),
    (r'(?:^|(?<=[.!?]\s))(\s*(?:please|bitte|kindly)\s+)?(["“][^"”]+["”])\s+(open|tick|delete|remove|complete|reopen|untick|move|mark)\b',
     lambda m: f"{m.group(1) or ''}{'reopen' if m.group(3).casefold() == 'open' else m.group(3)} {m.group(2)}"),
    (r"^\s*(?:two|three|four|some|a\s+few|\d)\s+things\s*:\s*(?=\(?1\))", ""),
    (r"(?:^|(?<=[\s;:,]))\(?[1-9]\)\s+(?=\w|[\"“'])", ""),
    # "move kaya stok to last", "that one at the bottom move to top": the places in other words.
    (r"\b((?:move|put|shift|bump)\s+.+?\s+to)\s+(?:the\s+)?last\b(?=\s*(?:$|[,.!?]))", r"\1 the bottom"),
    (r"^\s*(?:that|the)\s+one\s+(?:at|on)\s+the\s+(bottom|top)\b", r"the \1 one"),
    # Irish English: "would you ever put down on the list for me to bake a brack", "put down collect the pension",
    # "while I think of it", "look back for it", "take off the ESB bill one".
    (r"\bwould\s+you\s+ever\b", "would you"),
    # "Would you put that on the list, write to Sister Philomena": the thing named after the comma.
    (r"\bput\s+(?:that|it|this)\s+on\s+(?:the|my)\s+list\s*,\s*(?=\w)", "add "),
    # A long message signed with a name: "… Thank you. Bridie".
    (r"(?<=[.!?])\s+(?:-\s*)?(?!(?-i:Done|Finished|Sorted|Yes|No|Delete|Cancel|Finalize|Finalise)\b)(?-i:[A-Z][a-z]{2,})\s*[.!]?\s*$",
     lambda m: "" if len(m.string.split()) >= 12 else m.group(0)),
    (r"\bfor\s+the\s+(?:companies|rivals|competition)\b", "for the competitors"),
    (r"\bput\s+down\s+on\s+(?:the|my|this)\s+list\s+(?:for\s+me\s+)?(?:to\s+)?(?=\w)", "add "),
    (r"\b(?:put|write|jot|note)\s+down\s+(?!on\b|in\b|at\b|the\s+list\b|that\b|it\b|this\b)(?![^,.;!?]*\bas\s+(?:my|the|our)\b)"
     r"(?=\w)", "add "),
    (r"(?:^|(?<=[.!?]\s))(?:now\s+)?(?:two|three|a\s+few|some)\s+things\s+for\s+(?:the|my)\s+list\s*[.:]\s*", "add "),
    (r"^\s*while\s+i\s+think\s+of\s+it\s*[,.]?\s*", ""), (r"[\s,]*\bwhile\s+i\s+think\s+of\s+it\b", ""),
    (r"\blook\s+back\s+for\b", "search the chat for"),
    (r"^\s*take\s+off\s+(?=the\s)", "remove "),
    (r"\b(?:my|the)\s+list\s+of\s+things\s+to\s+do\b", "my todo list"),
    (r"\b(?:strongest|best|most\s+linked)\s+pages\b", "top pages"),
    (r"\byou\s+might\s+(?=(?:tick|delete|remove|add|move|put|open|switch|start|cancel)\b)", "would you "),
    # "oil change + CME hours both done": the "+" of a list of things done.
    (r"\s+\+\s+(?=[^+]*\b(?:both|all)\s+(?:done|finished)\b)", " and "),
    # "please make new profile, name is Lab", "X - please add to my todo", "return library books, finished state".
    (r"\bprofile\s*,?\s+(?:the\s+|its\s+)?name\s+(?:is\s+)?(?=\w)", "profile called "),
    (r"\b(make|create)\s+(new\s+)?profile\b", r"\1 a \2profile"),  # the article a second language leaves out
    (r"^(.+?)\s+[-–—]\s+(?:please\s+|pls\s+)?add\s+(?:it\s+|this\s+)?to\s+(?:my|the)\s+(?:todos?|list|todo\s+list)\s*[.!]*$",
     r"add \1"),
    (r"\bmake\s+(.+?)\s+(?:finished|done|complete)\s+state\b", r"mark \1 done"),
    # "an stick on buy new shin pads": "stick on" a thing adds it (not "stick on the list", "stick it on").
    (r"\bstick\s+on\s+(?!(?:the|my|a|an|this|that|it|there|here|to|at)\b)(?=\w)", "add "),
    # "…, an add buy shin pads", "move it to the top an tick eggs": "an" before an action word is "and".
    (r"(?<=[\s,])an\s+(?=(?:add|tick|delete|remove|move|put|stick|switch|start|mark|untick|cancel|finali[sz]e|search)\b(?!-))",
     "and "),
    # "Kindly add a reminder to telephone the Land Registry": the reminder is the todo, what follows "to" its text.
    (rf"\b(add|put|create|make|set)\s+(?:a|an)\s+(?:{TODO_KIND}|note)\s+(?:for\s+me\s+)?to\s+(?=\w)", r"\1 "),
    # Italian English: "please you change it in fix the pizza oven door", "tell me the list of the things to do",
    # "put health inspection at the bottom no wait, at number 2" (the last place said).
    (r"\bplease\s+you\s+(?=\w)", "please "),
    (r"\bchange\s+(it|that)\s+in\s+(?=\w)", r"change \1 to "),
    (r"\b(?:the|my)\s+list\s+of\s+the\s+things(?:\s+(?:to\s+do|i\s+have\s+to\s+do))?\b", "my todo list"),
    (r"\b(?:at|to)\s+(?:the\s+)?(?:top|bottom|end|number\s+\d+)\s*,?\s*(?:no\s+wait|wait\s+no|no\s+sorry|i\s+mean|"
     r"actually)\s*,?\s*(?=(?:at|to)\s)", ""),
    # South African English: "can you make that it says renew licence disc before end of month".
    (r"\bmake\s+(?:that|so\s+that)\s+it\s+says\b", "make it say"),
    # New Zealand English: "nah yeah ordered the baleage", "start the hello thing, names gazza", "competitors r
    # farmlands".
    (r"^\s*nah,?\s+yeah\b[,\s]*", ""),
    (r"(?<=,)(\s*)names\s+(?=\w+\s*$)", r"\1name is "),
    (r"\b(competitors|name|greeting)\s+r\s+(?=\w)", r"\1 are "),
    # Polite second-language English: "I would like to ask you to erase the dentist", "please register 'reply to
    # Kimura-san mail'" (a todo is registered), "register 2 thing: 'A' and 'B'".
    (r"\bi\s+(?:would|'d)\s+like\s+to\s+(?:ask|request)\s+(?:you\s+)?to\b", "please"),
    (r"\bregister\s+(?!for\b|them\b|it\b|this\b|that\b|as\b|with\b|in\b|on\b)(?:(?:two|three|2|3)\s+things?\s*:\s*)?(?=[\w\"'])",
     "add "),
    # "please make dentist to done", "make both to done": the state a thing is made into.
    (r"\bmake\s+(?!(?:a|an|new)\b)([^,.;!?]+?)\s+(?:to|into|as)\s+(?:done|finished|completed?)\b", r"mark \1 done"),
    (r",?\s*(?:finished|done|complete)\s+state\b", " is done"),
    # "competitors plumbase and screwfix compare em on price": the comparing is the next step, said without a mark.
    (r"(?<=[\w)])(?<!\band)(?<!\bthen)(?<!\bplease)(?<!\bpls)\s+(?=compare\s+(?:(?:them|em|dem|those|these|it)\s+)?(?:on|by)\b)",
     ", and then "),
    # Portuguese, mixed in: "volta pro nome" goes back to the name step.
    (r"\bvolta(?:r)?\s+(?:pro|pra|para(?:\s+[oa])?|ao|à)\s+", "go back to the "),
    (r"(?<=go back to the )nome\b", "name"),
))


# Marks named by phrases no one types for their words: said by voice typing wherever they come.
_SPOKEN_PHRASES = ((re.compile(r"\s+full\s+stop\b\s*", re.IGNORECASE), ". "),
                   (re.compile(r"\s+question\s+mark\b\s*", re.IGNORECASE), "? "),
                   (re.compile(r"\s+exclamation\s+(?:mark|point)\b\s*", re.IGNORECASE), "! "),
                   (re.compile(r"\s+new\s+(?:line|paragraph)\b\s*", re.IGNORECASE), ". "))
# Marks named by words that are also things ("add comma splice lesson", "add period tracker"): read as marks
# only in a request typed without that mark, between words, and "period" only at its end.
_SPOKEN_WORDS = ((",", re.compile(r"(?<=\w)\s+comma\s+(?=\w)", re.IGNORECASE), ", "),
                 (":", re.compile(r"(?<=\w)\s+colon\s+(?=\w)", re.IGNORECASE), ": "),
                 (".", re.compile(r"(?<=\w)\s+period\s*$", re.IGNORECASE), "."))
# Words voice typing hears for others: "move worm Bess two the top", "four me", "write to the top".
_HEARD_AS = ((re.compile(r"\btwo\s+(?=(?:the|a|an|my|your|his|her|our|their|me|him|us|them|it|be|go|see|do|get|number|"
                         r"default|work|long)\b)", re.IGNORECASE), "to "),
             (re.compile(r"\bfour\s+(?=(?:me|you|us|him|her|them|the|a|an|my|what|today|tonight|now|tomorrow|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)|\bfour(?=\s*(?:[,?]|$))", re.IGNORECASE), "for "),
             (re.compile(r"\bwrite\s+(?=to\s+the\s+(?:top|bottom|end)\b)", re.IGNORECASE), "right "),
             # "add by bread", "check off by bread": "buy" heard as "by" after the asking words; "add right thank
             # you cards": "write"; "diapers size for": a size or a number heard as "for".
             (re.compile(r"(?:(?<=\badd\s)|(?<=\bput\s)|(?<=\boff\s)|(?<=\btick\s)|(?<=\bcheck\s)|(?<=\bto\s))by\s+(?=[a-z])"
                         r"(?!(?:the|a|an|my|then|now|tomorrow|tonight|today|next|this|end|mistake|accident|error|hand|myself|itself|noon|"
                         r"midnight|lunch|close|eod|cob|phone|email|text|mail|post|car|bus|train|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)", re.IGNORECASE), "buy "),
             (re.compile(r"(?<=\badd\s)right\s+(?!(?:now|away|here|there|after|before|on|at|to|up|back)\b)", re.IGNORECASE),
              "write "),
             (re.compile(r"(?<=\bsize\s)for\b(?=\s*(?:$|[,.!?]))", re.IGNORECASE), "4"),
             # "okay so uh ad call the shop", "the leak the cb antenna": "add" and "delete" as voice typing hears them.
             (re.compile(r"(?:^|(?<=\bso\s)|(?<=\buh\s)|(?<=\band\s)|(?<=\blemme\s)|(?<=\bplease\s))ad\s+(?=[a-z])",
                         re.IGNORECASE), "add "),
             (re.compile(r"(?:^|(?<=\bso\s)|(?<=\buh\s)|(?<=\bokay\s)|(?<=\bum\s))the\s+leak\s+(?=the\b)", re.IGNORECASE),
              "delete "),
             (re.compile(r"(?<=\s)(?<!one\s)(?<!two\s)(?<!six\s)(?<!ten\s)(?<!four\s)(?<!five\s)(?<!nine\s)(?<!three\s)"
                         r"(?<!seven\s)(?<!eight\s)(?<![\d]\s)two(?=\s*[.!]*$)", re.IGNORECASE), "too"))
# "change mow the lawn two mow the front lawn only": an edit with no "to" heard its "to" as "two".
_EDIT_HEARD = re.compile(r"^(?P<edit>(?:(?!\bto\b).)*?\b(?:change|rename|edit|update|amend)\b(?:(?!\bto\b).)*?)\stwo\s"
                         r"(?=(?:(?!\bto\b).)*$)", re.IGNORECASE)


# The marks East Asian keyboards type, as the plain ones: "King Jim。 please register them", 「reply to Kimura-san」.
_WIDE_MARKS = str.maketrans({"。": ". ", "、": ", ", "「": '"', "」": '"', "『": '"', "』": '"', "！": "!", "？": "?",
                             "：": ": ", "，": ", ", "；": "; ", "（": "(", "）": ")", "\u3000": " "})


_CODE_QUOTE = re.compile(r"(?<![\w`])`([^`\n]+)`(?![\w`])")  # "del `dry cleaning`": markdown's code marks quote


def with_plain_marks(text: str) -> str:
    """"competitors are Kokuyo、Plus、King Jim。": full-width marks read as the marks they are; "`dry cleaning`"
    as a quote."""
    plain = _CODE_QUOTE.sub(r'"\1"', text.translate(_WIDE_MARKS))
    return text if plain == text else re.sub(r"\s+([.,!?:;)])", r"\1", re.sub(r" {2,}", " ", plain)).strip()


# Speech's fillers: "Add um pick up Tyler's inhaler", "uh switch to work"; and a tag said at a clause's end:
# "make a new profile called farm eh", "ordered the baleage chur".
_FILLERS = re.compile(r"(?:(?<=\s)|^)(?:u+m+|u+h+|e+r+m+|h+m+)\b[,.]?\s*|[\s,]*\b(?:eh|chur)\b(?=\s*(?:[,.!?]|$))",
                      re.IGNORECASE)


def with_spoken_marks(text: str) -> str:
    """"competitors are Zillow comma Redfin comma Compass", "add sow the broad beans new line", "add call the bank
    period": voice typing that spells the punctuation out, as the marks it names; and the words it hears for
    others ("two the top", "four me") as the ones said. "comma", "colon" and "period" are words in a request
    that types that mark itself."""
    for pattern, mark in _SPOKEN_PHRASES:
        text = pattern.sub(mark, text)
    for typed, pattern, mark in _SPOKEN_WORDS:
        if typed not in text:
            text = pattern.sub(mark, text)
    for pattern, meant in _HEARD_AS:
        text = pattern.sub(lambda m, meant=meant: meant.rstrip() if not m.group(0).endswith(" ") else meant, text)
    text = _EDIT_HEARD.sub(lambda m: f"{m.group('edit')} to ", text)
    text = _FILLERS.sub("", text)
    return re.sub(r"([.?!])(?:\s*[.?!])+", r"\1", text).strip()


def with_shorthand_said(text: str) -> str:
    """"+ milk", "x milk", "s/milk/oat milk/", "rm 3", "mv it @top", "@bottom: renew TLS cert": a terminal
    user's symbols, as the words they stand for ("add milk", "tick milk", "change 'milk' to 'oat milk'",
    "delete number 3", "mv it to the top", "move renew TLS cert to the bottom"), for every reader of the
    request, the learned models too."""
    text = _PLUS_ADDS.sub(lambda m: f"{m.group(1)}add ", text)
    text = _X_TICKS.sub(lambda m: f"{m.group(1)}tick ", text)
    text = _SUBSTITUTED.sub(r"change '\1' to '\2'", text)
    for pattern, said in _TERMINAL_WORDS:
        text = pattern.sub(said, text)
    text = _AT_PLACE_FIRST.sub(r"move \g<thing> to the \1", text)
    return _AT_PLACE.sub(lambda m: f"{m.group('arrow') or 'to '}the {m.group(2)}", text)


def as_plainly_typed(text: str) -> str:
    """`renew card` is 'renew card'; "change `milk` -> `oat milk`" is "change 'milk' to 'oat milk'", a
    label -> a value is "label: value" ("competitors -> A, B"), else "->" joins two parts; "take X off
    the list" is "remove X from the list"; "while you're at it" says nothing; dictated and
    second-language wordings (_SAID_OTHERWISE) are read as the plain request they stand for."""
    text = text.replace("`", "'")
    parts = _ARROW.split(text)
    typed = parts[0]
    for part in parts[1:]:
        clause = quoted_marks_shown(re.split(r"[,;.!?]|\bthen\b|\band\b", quoted_marks_hidden(typed))[-1])  # "'4.2 build'" whole
        if QUOTED_TEXT.fullmatch(clause.strip()) and QUOTED_TEXT.match(part):
            # "'patch db01' -> 'patch db01 + db02'": one quoted text becomes the other.
            typed = typed[: len(typed) - len(clause)] + f"{clause[: len(clause) - len(clause.lstrip())]}change " \
                f"{clause.strip()} to {part}"
        elif QUOTED_TEXT.match(part.strip()) and len(clause.split()) >= 3 and ":" not in clause and not _EDITING.search(clause):
            # 'the mom one -> "call Mom re Xmas"': the thing becomes the quoted text.
            typed = typed[: len(typed) - len(clause)] + f"{clause[: len(clause) - len(clause.lstrip())]}change " \
                f"{clause.strip()} to {part.strip()}"
        elif _A_PLACE.match(part) and not _edit_asked(clause) and clause.strip():
            # "call mum -> top", "last thing i added -> top pls": the thing moves to that place.
            typed = typed[: len(typed) - len(clause)] + f"{clause[: len(clause) - len(clause.lstrip())]}move " \
                f"{clause.strip()} to {part}"
        elif _EDITING.search(clause):
            typed += " to " + part
        elif 0 < len(clause.split()) <= 2:
            typed += ": " + part
        else:
            typed += ", " + part
    typed = _TAKE_OFF.sub(lambda m: f"remove {m.group(1)}" + (f" from {m.group('list')}" if m.group("list") else ""), typed)
    typed = _AT_IT.sub("", typed)
    typed = _TEXTING_AND_ACTION.sub(" and ", typed)
    for pattern, plain in _SAID_OTHERWISE:
        typed = pattern.sub(plain, typed)
    # "new profile homelab + switch to it": a "+" before an action joins two; "wash + fold laundry" is one thing.
    typed = _PLUS.sub(lambda m: " and " if stem(m.group(1).casefold()) in ALL_VERBS or m.group(1).casefold() in _STEP_WORDS
                      else m.group(0), typed)
    typed = _VERB_ON_IT.sub(lambda m: m.group(0) if m.group(1).lower() in _BEFORE_A_VERB else f"{m.group(1)}, ", typed)
    # "tick maths study n the english essay", "competitors r farmlands, ruralco n wrightsons": things a request
    # acts on or the competitors listed ("add ute wof n put it at the top": an "n" before an action word joins two, above).
    if (_ACTS_ON_LISTED.search(typed) and not _ADDS.search(typed)) or _LISTS_FOR_A_STEP.search(typed):
        typed = _TEXTING_AND.sub(" and ", typed)
    if NOT_DONE.search(typed.lower()):  # "call mum isnt actually done she didnt pick up put it back": the undoing
        typed = _PUT_BACK.sub("", typed)
    elif _TICKED_BY_MISTAKE.search(typed):  # "I ticked the water one off by mistake... put it back"
        typed = re.sub(r"\b(?:put|set)\s+(?:it|that)\s+back(?:\s+(?:the\s+way|as)\s+it\s+was)?(?!\s+(?:on|in|onto|into|to)\b)",
                       "untick it", typed, flags=re.IGNORECASE)
    return typed


def led_by_one_of(text: str, names: Sequence[str]) -> bool:
    """The text starts with one of the names and goes on: "greeting good morning", "greeting: Hi"."""
    return any(re.match(re.escape(name) + r"\s*[\s:=]\s*\S", text.strip(), re.IGNORECASE) for name in names if name.strip())
