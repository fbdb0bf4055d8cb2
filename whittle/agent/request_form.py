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
    "might i trouble you to", "may i trouble you to", "could i trouble you to", "might i ask you to", "may i ask you to",
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
        # "add profile Tiem Katy": a capital's letter swapped out of first place is a name's spelling, not a slip.
        for i in range(1 if word[0].isupper() else 0, len(lowered) - 1):
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
        if word == "make" and (words[1:2] not in (["a"], ["an"], ["another"], ["new"], ["one"])
                               or not set(words[1:4]) & MADE_KINDS):
            return None  # "make a new profile", "make one more profile" add; "make the app dark mode", "make an appointment" ask for no thing
        return HEAD_ALIASES.get(word)
    if words[1:2] and words[1] in _TELLING_VERBS:
        return None  # "Marg reckons we're nearly out": a name (one slip from "mark") that says something
    if set(words[1:6]) & BEING:
        return None  # "clean the crab traps is done": a thing's first word (one slip from "clear"), its state said
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


def said_head(clause: Clause) -> frozenset[str]:
    """The clause's action words as typed, not a misspelling guessed ("not" read as "note", "dad" as "did")."""
    return clause.head & {stem(w) for w in clause.words}


def _asked_after_but_or_so(piece: str, verbs: set[str]) -> list[str]:
    """"i ticked off X but the check didn't go thru so put it back": a part after "but"/"so" that asks for
    an action is a clause of its own; one that only tells stays with what it follows."""
    parts = re.split(r"\s+(?=(?:but|so)\s)", piece)
    if len(parts) == 1:
        return parts
    kept = [parts[0]]
    for part in parts[1:]:
        asked = re.sub(r"^but\s+", "", part)
        if said_head(read_clause(asked, verbs)):
            kept.append(asked)
        else:
            kept[-1] += " " + part
    return kept


def read_request(text: str, verbs: set[str]) -> list[Clause]:
    """The request's clauses (split at "and", "then", commas, sentence ends); in a sentence that ends
    with "?" and makes no polite request, each clause is part of a question ("open source or not, which?")."""
    read = []
    for sentence in map(quoted_marks_shown, re.split(r"(?<=[.!?])\s+", quoted_marks_hidden(text))):
        # A bracketed aside is a part of its own: "add: post the card (needs to go by Thursday)".
        pieces = [c for c in re.split(r"\band\b|\bthen\b|\balso\b|\s(?:n|&)\s|[,;(]", sentence, flags=re.IGNORECASE) if c.strip()]
        pieces = [part for piece in pieces for part in _asked_after_but_or_so(piece, verbs)]
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
    # A quoted text after the colon is one argument, however many words it holds ("…: change 'a b c' to 'a b d'").
    if lead and _word_count(QUOTED_TEXT.sub(QUOTED, lead.group(2))) >= PASTED_WORDS \
            and lead.group(1).strip().casefold() not in ADD_LABELS:
        return lead.group(1)
    if _word_count(text) >= LONG_MESSAGE_WORDS:
        sentences = re.split(r"(?<=[.!?])\s+", text.strip())
        return next((s for s in sentences if asks_for_something(s)), sentences[0])
    return text


# A quoted text in the request is an argument whole: 'renew passport', "book flights for June". A plural's
# apostrophe inside stays in it: 'renew residents' parking permit'.
_PLURAL_OWNER = r"""[^'’"”]*?\ws['’]\s+[^'’"”]+?"""
# "take 'em off", "'cause", "'til": an apostrophe that stands for letters opens no quote.
_NO_QUOTE = r"""(?!(?:em|cause|til|round)\b)"""
QUOTED_TEXT = re.compile(r"""(?<!\w)["“‘']""" + _NO_QUOTE + r"""(?=\S)(""" + _PLURAL_OWNER + r"""|.+?)(?<=\S)["”’'](?!\w)""")


def quoted_texts(request: str) -> list[str]:
    """The texts the request quotes, as typed."""
    return [m.group(1) for m in QUOTED_TEXT.finditer(request)]


_QUOTE = re.compile(r"""(?<!\w)["\u201c\u2018']""" + _NO_QUOTE + r"""(?=\S)(?:""" + _PLURAL_OWNER + r"""|.+?)(?<=\S)["\u201d\u2019'](?!\w)""")
# Stand-ins for the sentence marks inside a quote while a request is cut into sentences or actions: the
# quoted name "St. Andrew's Treasury" is one thing, not the end of a sentence.
_QUOTED_MARKS = str.maketrans({".": "\u2024", "!": "\u01c3", "?": "\u0294"})
_MARKS_BACK = str.maketrans({"\u2024": ".", "\u01c3": "!", "\u0294": "?"})


# "redo gel for Ms. Tran": a title's full stop ends no sentence.
# So does "no." for "number" ("compare commission, no. of listings, app").
_TITLE_STOP = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Mt|Prof|Sr|Jr|Fr|Br|Rev|Sgt|Capt)\.(?=\s+(?-i:[A-Z]))|\bno\.(?=\s+of\b)",
                         re.IGNORECASE)


def title_stops_hidden(text: str) -> str:
    """The text with a title's full stop ("Fr. Murphy") hidden as quoted marks are; quoted_marks_shown shows it."""
    return _TITLE_STOP.sub(lambda m: m.group(0).translate(_QUOTED_MARKS), text)


def quoted_marks_hidden(text: str) -> str:
    text = title_stops_hidden(text)
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
# "… fix the text please", "Kindly update the wording": the wording of a thing the telling named points back too.
_OBJECT_PRONOUN = re.compile(r"\b(?:it|them|those|these|that|this)\b(?!\s+(?:is|was|isn't|doesn't|does|won't|will|gets|slips?)\b)"
                             r"|\b(?:fix|change|update|correct|edit)\s+the\s+(?:text|wording|words|spelling)\b",
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
# "… no wait, just tick it": so is one that takes the asked action back for another, and one that says what
# something should be.
_AMENDS = re.compile(r"(?:no|sorry|actually|wait|oops|correction|ah|oh)\b[^.!?]*\b(?:make\s+(?:it|that)|call\s+it|i\s+mean"
                     r"|scratch\s+that|or\s+rather)\b|(?:no,?\s+wait|wait,?\s+no|actually,?\s+no|no,?\s+actually|hang\s+on)\b"
                     r"[,\s]*(?:just\s+|rather\s+)?(?:tick|delete|remove|mark|complete|untick|move|change|rename|edit)\b"
                     # "go back to competitors, forgot GLS. should be DHL, DPD, InPost, GLS": what it should be
                     r"|(?:(?:it|they|that|this)\s+)?should\s+(?:be|say|read)\b"
                     # "5 kg of basil?? … Make it 'buy 5 bunches of basil'": the quoted text it should be
                     r"|\bmake\s+(?:it|that)\s+(?=[\"'“‘])",
                     re.IGNORECASE)


# "Would you mind …", "I'd be grateful if …", "please": a sentence that asks, in a message that mostly tells.
_ASKING = re.compile(r"\b(?:could|can|would|will)\s+(?:you|u)\b|\bif\s+(?:you|u)\s+(?:could|can|would)\b|"
                     r"\b(?:please|pls|plz|kindly)\b|\?\s*$|"
                     r"\bi'?d\s+be\s+(?:grateful|glad|thankful)\b|\bi'?d\s+(?:like|love)\s+you\s+to\b|"
                     r"\bremind\s+me\b", re.IGNORECASE)


_TOPIC_THEN_ACT = re.compile(r"^\s*(?:the|my|that|this|our)\s+[^,.;:!?]{1,40},\s*(?:(?:please|pls|just)\s+)?([a-z]+)\s+"
                             r"(?:it|that|them|this)\b", re.IGNORECASE)


def asks_for_something(sentence: str) -> bool:
    """A sentence of a long message that makes the request: a polite ask, or one led by an action word. (A verb
    in a later clause does not make it one: "After hours of debate, …, then move the budget to the top" reports.)"""
    clauses = read_request(sentence, ALL_VERBS)
    if _ASKING.search(sentence) or (clauses and clauses[0].head and not clauses[0].question):
        return True
    # "The neon sign, delete it, my cousin did it already.": a thing named, then an action on it
    if (topic := _TOPIC_THEN_ACT.match(sentence)) and stem(topic.group(1).casefold()) in ALL_VERBS:
        return True
    # "There's a typo that is making me crazy: change 'llamar a Marsia' to …": the ask after a colon
    told, colon, after = sentence.partition(":")
    return bool(colon and told.strip() and after.strip()) and asks_for_something(after)


def _ends_acting_on_it(sentence: str) -> bool:
    """"I don call mum, tick it.", "finally got round to the boiler service, mark it done": a sentence that tells,
    then asks for an action on what it told, in its last clause."""
    last = re.split(r"[,;]", sentence)[-1]
    words = re.findall(r"[a-z']+", last.casefold())
    return len(words) >= 2 and stem(words[0]) in ALL_VERBS and words[1] in {"it", "that", "them", "this"}


def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:'[^\W_]+)*", text))


# "How do I add a profile?" asks for an explanation, not for the action: chat answers it.
# ("What do I still have to do?" asks to see the list: a question only ever selects a listing tool.)
# "What's an orphan page?" asks what the word means, not for the app's orphans; so does a question
# anywhere in the message about how two things differ or what a word means.
HOW_QUESTION = re.compile(r"^\s*(?:(?:about|roughly|so|hey|ok(?:ay)?)\s*,?\s+)?"  # "about how long does that job take"
                          r"(?:(?:could|can|would|will)\s+(?:you|u)\s+(?:please\s+)?)?"  # "Could you explain …"
                          r"(?:(?:please|pls|kindly)\s+)*"  # "Please kindly explain to me …"
                          r"(how|why|explain|what does|what means|what's the (best|right) way|should i|"
                          r"what(?:'s|\s+is|\s+are)\s+(?:an?|the\s+point\s+of)\s)(?:\b|(?<=\s))", re.IGNORECASE)
CONCEPT_QUESTION = re.compile(r"\b(?:difference between|differ from|meaning of|definition of|what do you mean by|"
                              r"what is meant by|what(?:'s| is) the point of)\b[^?]*\?\s*$", re.IGNORECASE)
_ASKED_TO_EXPLAIN = re.compile(r"\b(?:you|u)\s+(?:[\w']+\s+){0,5}?explain\b", re.IGNORECASE)  # "would you be so kind as to explain"
# 'sumimasen, what is "orphan page"? I don't understand this word': a quoted term asked about, a word not understood.
_TERM_ASKED = re.compile(r"\bwhat(?:'s|\s+is|\s+are|\s+means)\s+(?:an?\s+|the\s+)?[\"“'‘][^\"”'’]{1,40}[\"”'’]\s*\?|"
                         r"\bwhat\s+(?:an?\s+|the\s+)?[\w\s-]{1,30}\s+(?:is|are|means)\b[^.?!]*\bexplain\b|"  # "idk what an orphan page is, explain like im 5"
                         r"\b(?:don'?t|do\s+not|didn'?t)\s+(?:understand|know|get)\s+(?:this|that|the)\s+(?:\w+\s+)?(?:word|term)\b|"
                         r"^[\w\s-]{1,30}\s+means?\s+what\s*\?|"  # "orphan page mean what?"
                         r"^\s*what\s+(?:is|are|does)\s+(?:an?\s+|the\s+)?[\w\s-]{1,30}\s+mean\s*\?|"  # "what is orphan page mean?"
                         # "… keeps saying 'orphan pages'. What's an orphan page when it's at home?", "copy whats an
                         # orphan page mean in plain english": a sentence asking what a thing is, after a radio word.
                         r"(?:^|(?<=[.!?])\s+)(?:(?:copy|ok|okay|so|hey|right|well)\s*,?\s+)?what(?:'s|s|\s+is)\s+an?\s+"
                         r"[\w\s-]{1,30}?(?:\s+mean\b|\s+when\s+it'?s\s+at\s+home\b)|"
                         r"^(?:(?:copy|ok|okay|so|hey|right|well)\s*,?\s+)?whats\s+an?\s+[\w\s-]{1,30}?\s*\?|"
                         # "c'est quoi une orphan page au juste?", "qu'est-ce que c'est, une orphan page?",
                         # "¿qué es una orphan page?", "expliquez-moi ça": French and Spanish asking what a thing is.
                         r"\bc'est\s+quoi\s+une?\s+[\w\s-]{1,30}\?|\bqu'est-ce\s+qu(?:e|')\s*(?:c'est\s*)?,?\s*une?\s+[\w\s-]{1,30}\?|"
                         r"\bqu[ée]\s+es\s+una?\s+[\w\s-]{1,30}\?|\bexpliqu(?:ez|e)[-\s]moi\b|\bexpl[ií]ca(?:me|nos)\b|"
                         r"\bka\s+matlab\s+kya\b|"  # "orphan page ka matlab kya hota hai?": Hindi "what does … mean"
                         r"\bkya\s+(?:\w+\s+)?hota\s+hai\b",  # "analysis step mein kya likhna hota hai": what goes there
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


# Why now, said after the thing: "add rainbow sprinkles before i forget".
# How many things a request says it brings: "add two things: …", "I need a couple of items on the list: …".
THINGS_COUNT = r"(?:two|three|four|2|3|4|a\s+couple(?:\s+of)?|a\s+few|few|some)"
COUNTED_THINGS = r"(?:things?|bits|jobs|items|todos|tasks)"
WHY_NOW = r"\s*,?\s*\b(?:before|b4|bfore)\s+(?:i|we)\s+forget\b"


def led_by_one_of(text: str, names: Sequence[str]) -> bool:
    """The text starts with one of the names and goes on: "greeting good morning", "greeting: Hi"."""
    return any(re.match(re.escape(name) + r"\s*[\s:=]\s*\S", text.strip(), re.IGNORECASE) for name in names if name.strip())
