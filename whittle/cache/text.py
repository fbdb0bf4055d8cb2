"""Question text → tokens, and the word classes the similarity and the guard reason with.

Normalisation removes only what never changes a question's meaning: case, Unicode
width/compatibility forms, runs of whitespace, sentence punctuation (``? ! . , ; :``
and quotes) and the spelling of contractions. Everything else is kept as a token,
symbols included: on Quora pairs "C" vs "C++", "() vs []" and "π°" are exactly what
makes two otherwise identical questions different.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Numbers keep their inner separators ("3.5", "1,000"); words are \w runs; any other
# non-space character is a token of its own.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:\d+[^\W\d_]*)*|\w+|[^\w\s]")
_SOFT_PUNCT = frozenset(".,?!;:\"'`…“”‘’«»¿¡")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'ve\b"), " have"),
    # "'s" is "is" only after words that cannot take a possessive.
    (re.compile(r"\b(what|who|where|how|when|why|which|it|that|there|here|he|she|this)'s\b"), r"\1 is"),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"s'(?=\s|$)"), "s"),
)


def tokens(text: str) -> tuple[str, ...]:
    """Casefolded tokens of `text`, without sentence punctuation."""
    return _tokens(text)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return tuple(t for t in _TOKEN.findall(text) if t not in _SOFT_PUNCT)


def normalise(text: str) -> str:
    """The exact-cache key form of a question: tokens joined by single spaces."""
    return " ".join(tokens(text))


# --- word classes -------------------------------------------------------------------

WH_WORDS = frozenset("what which why how who whom whose when where".split())
# "what" and "which" are interchangeable far more often than not ("Which/What is the best…").
WH_CANONICAL = {"which": "what", "whom": "who"}

NEGATIONS = frozenset(
    "not no never without nor none nothing nobody neither nowhere cannot non anti".split()
)

NUMBER_WORDS = frozenset(
    """zero two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion first second third fourth
    fifth sixth seventh eighth ninth tenth half double triple once twice""".split()
)

# Words whose presence or absence rarely changes what is asked.
# ("still", "currently", "even" are not here: "Is he still interested?" asks something else.)
LIGHT_WORDS = frozenset(
    """a an the some any really actually exactly please ever just very so also basically
    generally usually possible possibly truly""".split()
)

AUXILIARIES = frozenset(
    "do does did can could should would will shall may might must is are was were be been being am have has had".split()
)
# One group per person and gender: "my" → "me" is a swap, "her" → "him" changes who is meant.
PERSONS = tuple(
    frozenset(group.split())
    for group in (
        "i me my mine myself",
        "we us our ours ourselves",
        "you your yours yourself yourselves",
        "he him his himself",
        "she her hers herself",
        "it its itself",
        "they them their theirs themselves",
        "one oneself",
    )
)
PRONOUNS = frozenset().union(*PERSONS)
PREPOSITIONS = frozenset(
    "of in on at for to from by with about as into onto over under after before than via per".split()
)
DETERMINERS = frozenset("this that these those there here".split())
CONNECTIVES = frozenset("and or but if then also get got".split())

FUNCTION_WORDS = AUXILIARIES | PRONOUNS | PREPOSITIONS | DETERMINERS | CONNECTIVES

# Argument-order pivots: "X to Y", "X vs Y", "from X to Y", "X than Y", "A did B".
ORDER_PIVOTS = frozenset("to into from vs versus v than over against by and or".split())


def is_number(token: str) -> bool:
    return token[0].isdigit() or token in NUMBER_WORDS


def is_symbol(token: str) -> bool:
    return not any(ch.isalnum() for ch in token)


class WordClass:
    """Coarse word classes (plain string constants): the guard and the scorer treat each differently."""

    LIGHT = "light"
    FUNCTION = "function"
    WH = "wh"
    NEGATION = "negation"
    NUMBER = "number"
    SYMBOL = "symbol"
    CONTENT = "content"


def word_class(token: str) -> str:
    if token in WH_WORDS:
        return WordClass.WH
    if token in NEGATIONS:
        return WordClass.NEGATION
    if is_number(token):
        return WordClass.NUMBER
    if is_symbol(token):
        return WordClass.SYMBOL
    if token in LIGHT_WORDS:
        return WordClass.LIGHT
    if token in FUNCTION_WORDS:
        return WordClass.FUNCTION
    return WordClass.CONTENT


_SUFFIXES = ("ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly", "ies", "ied", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light suffix stripper: enough to match "learn/learning/learned", "country/countries".

    Deliberately weaker than Porter (stems keep at least four letters, no "-er", "-ness"):
    a collision between two different words is a false hit, a missed match only a missed hit.
    """
    if not token.isalpha() or len(token) <= 3:
        return token
    base = token
    for suffix in _SUFFIXES:
        if not token.endswith(suffix):
            continue
        cut = token[: -len(suffix)]
        if suffix == "s" and (len(cut) < 3 or cut[-1] in "sui"):
            break  # "bus", "glass", "virus", "analysis" are not plurals
        if suffix != "s" and len(cut) < 4:
            continue
        base = cut + "y" if suffix in ("ies", "ied") else cut
        if suffix not in ("s", "es") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeiouls":
            base = base[:-1]  # "running" → "run", "stopped" → "stop"
        break
    return base[:-1] if len(base) >= 5 and base.endswith("e") else base
