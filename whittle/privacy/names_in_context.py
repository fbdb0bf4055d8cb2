"""Names no list knows, found by where they stand: "a complaint from Tariq Haddad", "cc Wanjiru Kamau".

``names.py`` finds names after explicit cues ("my name is", "Dear", "Mr.") and by its
gazetteer (a known first name + a capitalised word). A name from a culture the lists
cover thinly, after an ordinary word, slipped through both. People are named in a few
recurring places, and these are language-independent enough to list:

* after words that take a person: "cc", "ask", "tell", "met", "spoke to", "according to",
  "assigned to", "on behalf of", "attendees:" (and their French, German, Spanish,
  Italian, Portuguese, Dutch, Polish, Turkish and Indonesian equivalents);
* before words only people do: "X wrote:", "X said", "X (Head of Sales)",
  "X ile görüştüm", "is X spelled right?".

There, a sequence of capitalised words is a name when at least one word is a known first
or last name (score 0.7), or when it is two or three words none of which is an ordinary
word in any language of ``lexicon.py`` ("ask Customer Success" is not a name; 0.5).
A lone capitalised word there counts only when it is a known name (0.6).

After words that take organisations and places as often as people ("from", "with",
"for", "con", "dengan": ``_WEAK_BEFORE``) only the first rule applies: "a complaint
from Tariq Haddad" is a name because Tariq is a known first name, "from Screaming Frog"
is not one.

What is left — capitalised sequences of unknown, non-ordinary words with no such cue
("Wahkan Ngata will join") — is returned by ``uncertain_names`` at score 0.3: below the
threshold, so not masked, but visible to the policy knob ``when_uncertain``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whittle.privacy.lexicon import is_ordinary
from whittle.privacy.names import _CAP, _NAME, _NOT_A_NAME, _NOT_A_SURNAME, AMBIGUOUS, all_name_lists
from whittle.privacy.types import Candidate

# Words after which a capitalised sequence is nearly always a person.
_STRONG_BEFORE = (
    r"cc|bcc|ask|asked|tell|told|ping|met|meet with|meeting with|spoke to|spoke with|speak to|talked to|"
    r"talked with|thanks to|according to|loop in|assigned to|reviewer|reviewed by|approved by|attendees|"
    r"participants|introduce|introduced|on behalf of|attn|attention|c/o|colleague|manager|boss|tenant|"
    r"landlord|wife|husband|son|daughter|mother|father|friend|sister|brother|neighbour|neighbor|patient|"
    r"de la part de|demande à|dis à|parlé à|parlé avec|reçu un message de|frag|sag|gesprochen mit|"
    r"de parte de|pregunta a|dile a|hablé con|habló con|falei com|conversei com|parlato con|chiedi a|"
    r"sprak met|gesproken met|vraag|rozmawiałem z|rozmawiałam z|zapytaj|bertemu|bicara dengan|tanya"
)
# Words a person often follows, and a place or an organisation just as often ("from
# Google", "con Recursos Humanos"): here the sequence must hold a known name.
_WEAK_BEFORE = (
    r"from|with|by|to|for|call|called|email|e-mail|invite|invited|contact|client|customer|partner|doctor|"
    r"lawyer|avec|par|pour|mit|von|für|an|con|para|com|di|met|van|voor|z|od|dla|dengan|dari|untuk|sama"
)
_AFTER_STRONG = re.compile(rf"(?i:\b(?:{_STRONG_BEFORE}))\s*[:,]?[ \t]+{_NAME}")
_AFTER_WEAK = re.compile(rf"(?i:\b(?:{_WEAK_BEFORE}))\s*[:,]?[ \t]+{_NAME}")
_BEFORE_CUE = re.compile(
    rf"{_NAME}(?=[ \t]+(?:wrote|said|says|asked|replied|answered|called|emailed|mentioned|"
    r"approved|signed|schrieb|sagt|a écrit|a dit|escribió|dijo|ha scritto|escreveu|schreef|napisał|ile|"
    r"(?:is|was) (?:out|off|away|on leave|sick))\b|[ \t]*\([A-Z][^()\n]{1,40}\))"
)
_SPELLED = re.compile(
    rf"(?i:\b(?:is|are|was|spell|spelling of|pronounce)\b)[ \t]+{_NAME}(?=[ \t]+(?:spelled|spelt|pronounced)\b)"
)
_CAPITALISED_RUN = re.compile(rf"(?<![\w'’-]){_CAP}(?:[ \t]+{_CAP}){{1,2}}")
_CAPITALISED_WORD = re.compile(_CAP)


def find_names_in_context(text: str) -> Iterator[Candidate]:
    for pattern in (_AFTER_STRONG, _AFTER_WEAK, _BEFORE_CUE, _SPELLED):
        for match in pattern.finditer(text):
            # "Is Raghunathan spelled right?" asks about a name even when it is one word.
            candidate = _judge(
                match.group("name"), match.start("name"), text, lone_ok=pattern is _SPELLED, weak=pattern is _AFTER_WEAK
            )
            if candidate is not None:
                yield candidate


def uncertain_names(text: str) -> Iterator[Candidate]:
    """Capitalised sequences that may be names but have no cue: score 0.3 (not masked on their own)."""
    for run in _CAPITALISED_RUN.finditer(text):
        words = list(_CAPITALISED_WORD.finditer(run.group(0)))
        if _sentence_start(text, run.start()) and is_ordinary(words[0].group(0)):
            words = words[1:]  # "Please Wahkan Ngata" is still a candidate; "The Board" is not
        if len(words) >= 2 and all(_could_be_name(word.group(0)) for word in words):
            yield Candidate("PERSON", run.start() + words[0].start(), run.end(), 0.3)


def _judge(name: str, start: int, text: str, lone_ok: bool = False, weak: bool = False) -> Candidate | None:
    """The name at ``start`` if these words make one; ``weak``: after a word that takes places too."""
    first_names, last_names = all_name_lists()
    words = name.split()
    stop = next((i for i, w in enumerate(words) if _not_a_name_word(w, first_names, last_names)), len(words))
    if stop == 0:
        return None
    words = words[:stop]
    known = any(w in first_names and w not in AMBIGUOUS for w in words) or (len(words) >= 2 and words[-1] in last_names)
    if len(words) == 1:
        if words[0] in AMBIGUOUS:
            return None
        if words[0] in first_names or (words[0] in last_names and not weak):
            score = 0.6
        elif lone_ok and _could_be_name(words[0]):
            score = 0.5
        else:
            return None
    elif known:
        score = 0.7
    elif not weak and all(_could_be_name(word) for word in words):
        score = 0.5
    else:
        return None
    end = text.index(words[-1], start + len(" ".join(words[:-1]))) + len(words[-1])
    return Candidate("PERSON", start, end, score)


def _not_a_name_word(word: str, first_names: frozenset[str], last_names: frozenset[str]) -> bool:
    """Where a name ends: "Priya From Sales", "Kim Han" is a name although "han" is Swedish for "he"."""
    if word in _NOT_A_NAME or word in _NOT_A_SURNAME:
        return True
    return is_ordinary(word) and (word in AMBIGUOUS or not (word in first_names or word in last_names))


def _could_be_name(word: str) -> bool:
    """Capitalised, not shouting, not an ordinary word, not a name-list word that is also a common word."""
    return (
        word[:1].isupper()
        and not word.isupper()
        and len(word) >= 2
        and word not in AMBIGUOUS
        and word not in _NOT_A_NAME
        and word not in _NOT_A_SURNAME
        and not is_ordinary(word)
    )


def _sentence_start(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t")
    return not before or before[-1] in ".!?:\n\"'“(-—>*#"
