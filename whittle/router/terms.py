"""Words and key terms of a text: tokens, stopwords, light stemming. Shared by router/junk.py and
router/junk_state.py, which compare an answer's terms with its request's and its app events'."""

from __future__ import annotations

import functools
import re

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
STOPWORDS = frozenset(
    """a about above after again all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each few for from further
    had has have having he her here hers him his how i if in into is it its itself just let me more
    most my no nor not now of off on once only or other our ours out over own please same she should
    so some such than that the their them then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your yours
    yourself hi hello hey thanks thank ok okay yes sure cool good morning evening great well
    tell say said give show explain describe briefly brief summarize summarise summary sentence one two
    line lines fill much many know like get got make want need use using ask asked answer question
    left user i'm it's you're that's what's don't""".split()
)


def words(text: str) -> list[str]:
    return list(word_tuple(text))


@functools.lru_cache(maxsize=512)
def word_tuple(text: str) -> tuple[str, ...]:
    # Cached: the same system prompt and app descriptions come with every request.
    return tuple(WORD.findall(text.lower()))


# Light stemming, so "competitors"/"competitor", "hashed"/"hashing"/"hash", "deleted"/"delete" and
# "colour"/"color" count as the same term. Suffixes only, longest first; a stem keeps >= 3 letters.
SUFFIXES = ("ies", "ing", "ed", "es", "s", "ly")
SPELLINGS = {"colour": "color", "favourite": "favorite", "centre": "center", "metre": "meter"}
ISE = re.compile(r"(?<=\w{3})is(e|es|ed|ing|ation)$")  # "summarise" -> "summarize"


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    word = ISE.sub(r"iz\1", SPELLINGS.get(word, word).removesuffix("'s"))
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith(("ss", "us", "is")):
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            if suffix in ("ing", "ed") and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "running" -> "run", "planned" -> "plan"
            break
    return word.removesuffix("e") if len(word) > 3 else word


@functools.lru_cache(maxsize=1024)
def content(text: str) -> frozenset[str]:
    """The stems of a text's content words (no stopwords, no numbers, no one- or two-letter words)."""
    return frozenset(stem(w) for w in word_tuple(text) if w not in STOPWORDS and len(w) > 2 and not w.isdigit())
