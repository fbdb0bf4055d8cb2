"""A question parsed once into everything matching needs: tokens, stems, classes, entities.

Parsing happens at store time (kept in memory for every cached entry) and once per
lookup, so comparing two questions is set and dict arithmetic, no regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whittle.cache.text import WH_CANONICAL, WordClass, normalise, stem, tokens, word_class

# Openers that ask the same thing: "How can I…", "What is the best way to…", "How to…".
# Rewritten to one form before comparing, so the guard's question-word check sees
# "how" on both sides; the scorer still charges for each rewrite (Quora's labels treat
# such pairs as duplicates less often than pairs that differ by an article).
_OPENERS = (
    "what is the best way to", "what are the best ways to", "what is the easiest way to",
    "what are the easiest ways to", "what is a good way to", "what are some good ways to",
    "what are some ways to", "what are ways to", "what is the way to", "how can i", "how should i",
    "how could i", "how would i", "how can one", "how does one", "how to",
)
_OPENER_TARGET = ("how", "do", "i")
_OPENER_TOKENS = sorted((tuple(o.split()) for o in _OPENERS), key=len, reverse=True)

# Classes the guard needs identical on both sides, in this order.
FIXED_CLASSES = (WordClass.NUMBER, WordClass.NEGATION, WordClass.WH, WordClass.SYMBOL)

# Words that point at something the question text itself does not contain.
_DEICTIC = frozenset("following above below attached aforementioned".split())

_WORD = re.compile(r"[^\W_]+")
# Quoted spans are literals ("sentences with the word "abash""): a double or typographic
# quote pair, or single quotes not inside a word (so "don't" is not a quote).
_QUOTED = re.compile(r'"+([^"]+?)"+|“([^”]+)”|(?<!\w)[\'‘]([^\'‘’]+)[\'’](?!\w)')
_SENTENCE_END = re.compile(r"[.?!:]\s*$")


@dataclass(frozen=True)
class Question:
    text: str
    normalised: str
    tokens: tuple[str, ...]  # canonical: openers rewritten, "which" → "what"
    opener: str = field(repr=False)  # the opener as written, if one was rewritten
    aliases: int = field(repr=False)  # "which"/"whom" rewritten to "what"/"who"
    stems: tuple[str, ...] = field(repr=False)
    classes: tuple[str, ...] = field(repr=False)
    content: frozenset[str] = field(repr=False)  # stems of content words
    entities: frozenset[str] = field(repr=False)  # stems of capitalised/numbered words
    deictic: bool = field(repr=False)
    quoted: frozenset[str] = field(repr=False)  # tokens inside quotes: literals, compared unstemmed
    # Sorted numbers, negations, question words and symbols: what the guard needs identical.
    fixed: tuple[tuple[str, ...], ...] = field(repr=False)


def parse(text: str) -> Question:
    opener, toks = _canonical_opener(tokens(text))
    aliases = sum(t in WH_CANONICAL for t in toks)
    toks = tuple(WH_CANONICAL.get(t, t) for t in toks)
    names = _names(text)
    # A name is content whatever its spelling says: "IT jobs", "US citizens", "One wheeling".
    classes = tuple(WordClass.CONTENT if t in names else word_class(t) for t in toks)
    stems = tuple(stem(t) if c == WordClass.CONTENT else t for t, c in zip(toks, classes))
    content = frozenset(s for s, c in zip(stems, classes) if c == WordClass.CONTENT)
    return Question(
        text=text,
        normalised=normalise(text),
        tokens=toks,
        opener=opener,
        aliases=aliases,
        stems=stems,
        classes=classes,
        content=content,
        entities=frozenset(stem(t) for t in names),
        deictic=any(t in _DEICTIC for t in toks),
        quoted=frozenset(t for match in _QUOTED.finditer(text) for t in tokens(next(filter(None, match.groups())))),
        fixed=tuple(tuple(sorted(t for t, c in zip(toks, classes) if c == cls)) for cls in FIXED_CLASSES),
    )


def _canonical_opener(toks: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    for opener in _OPENER_TOKENS:
        if toks[: len(opener)] == opener:
            return " ".join(opener), _OPENER_TARGET + toks[len(opener) :]
    return "", toks


def _names(text: str) -> frozenset[str]:
    """Casefolded names, acronyms and model numbers in `text`.

    A word counts if it has capitals past its first letter ("IT", "iPhone"), is capitalised
    other than at the start of a sentence, or holds a digit. Title Case text ("How To Learn Python") says
    nothing about names, so when most words are capitalised only acronyms and digits count.
    """
    matches = list(_WORD.finditer(text))
    capitalised = sum(m.group()[0].isupper() for m in matches)
    title_case = capitalised > max(2, len(matches) // 2)
    found = set()
    for match in matches:
        word = match.group()
        sentence_start = not text[: match.start()].strip() or bool(_SENTENCE_END.search(text[: match.start()]))
        acronym = len(word) >= 2 and word.isalpha() and (word.isupper() or not word[1:].islower())  # "IT", "iPhone"
        has_digit = any(ch.isdigit() for ch in word) and not word.isdigit()
        named = word[0].isupper() and not sentence_start and not title_case and word != "I"
        if not (acronym or has_digit or named):
            continue
        for tok in tokens(word):
            cls = word_class(tok)
            # "How Can I…": a capitalised function word is sloppy typing, an all-caps one an acronym.
            if cls in (WordClass.CONTENT, WordClass.LIGHT) or (acronym and cls == WordClass.FUNCTION):
                found.add(tok)
    return frozenset(found)
