"""Person names, without a statistical NER model.

Why not a model: presidio finds names through an NLP engine's NER (spaCy, Stanza or
transformers). None can run here: the official spaCy pipelines (``en_core_web_sm`` ...)
are not published on PyPI (``pip index versions en-core-web-sm`` finds nothing; only
unofficial re-uploads by third parties exist, which we will not ship), Stanza downloads
its models at run time, and transformers means torch. Nothing may download at run time.

What we use instead, in order of confidence:

1. Cues that introduce a name: "my name is X", "call me X", "je m'appelle X",
   "ich heiße X", "Name: X", honorifics ("Mr. X", "Dr X", "Frau X"), greetings at the
   start of a line ("Dear X,", "Hi X,") and sign-offs ("Regards,\\nX"). These find any
   name, known or not.
2. A gazetteer: a known first name followed by a capitalized word ("Priya Raghunathan").
   The name lists are Faker's (the maintained ``faker`` package, MIT, no dependencies),
   which ships first and last names drawn from census-style sources for dozens of
   locales; we read ~11,000 first and ~13,000 last names from the locales below. First
   names that are also ordinary words (Will, May, Grace, April...) count only when the
   next word is a known last name.
3. ``names_in_context.py``: capitalised sequences where people are named ("a complaint
   from Tariq Haddad", "cc Wanjiru Kamau", "Babak Karimi wrote:"), known or not, with
   the names of every Faker locale (``all_name_lists``).
4. ``ner.py``: presidio's NER recognizer, when a spaCy pipeline is installed.

Known gaps: a lone first name with no cue ("ask Priya"), names in lowercase outside
"my name is", unknown names with no cue. ``mask.py`` narrows the first gap inside one
conversation: once "Priya Raghunathan" is found, a later bare "Priya" is masked too;
``policy.py``'s ``when_uncertain`` can keep a conversation with unexplained capitalised
sequences on this machine.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whittle.privacy.types import Candidate

# Locales whose names people writing to this app are likely to carry: the gazetteer's
# lists, where a known first name alone makes "First Capitalised" a name.
_LOCALES = (
    "en_US en_GB en_IE en_IN en_NG en_NZ en_PK de_DE de_AT fr_FR es_ES es_MX it_IT nl_NL "
    "pt_BR pt_PT pl_PL sv_SE da_DK no_NO fi_FI ga_IE vi_VN tr_TR yo_NG ig_NG ha_NG cs_CZ "
    "ro_RO hu_HU el_GR ar_AA hi_IN id_ID tw_GH ja_JP zh_CN ko_KR ru_RU uk_UA th_TH"
).split()


# Ordinary words that are also first or last names: never a name on their own.
AMBIGUOUS = frozenset(
    """
    Will May Grace Mark Rose Max Georgia Paris April June August Bill Faith Hope Joy Dean
    Art Van Von De Del Della Da Di Du La Le Lane Page Long Young Brown White Green Black
    King Price Stone Bell Ford Hunt Rich Case More Street Chance Destiny Summer Winter
    Autumn Dawn Sunny Honey Ruby Crystal Amber Jade Pearl Ivy Lily Daisy Holly Penny Sky
    Rich Gay Hall Wood Hill Park Banks Miles Rivers Sterling Cash Golden Love Noble Major
    Sharp Strong Swift Rain Storm Forest Brook River Bay Sage Reed Cole Frank Earl Guy
    Jack Pat Sue Jean Ray Don Nick Rob Al Jan Mar Les Bo Christian
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March July
    September October November December Easter Christmas Victoria Florence Sydney Austin
    Dallas Houston Phoenix Jordan Madison Chelsea Aurora Angel Nova Star Royal Mercedes
    Porsche Tesla Apple Amazon Google Microsoft Oracle Adobe Delta Alpha Beta Omega
    """.split()
)

# Words that make "First Word" a place or an organisation rather than a person.
_NOT_A_SURNAME = frozenset(
    """
    Street St Avenue Ave Road Rd Lane Boulevard Blvd Drive Inc Ltd LLC Corp Corporation
    University College School Hospital Bank Airport Park River Lake Mountain County City
    Group Company Foundation Institute Center Centre Hotel Station Square Bridge Church
    Day Award Prize Cup Street Hall Museum Library Studio Studios Records Airlines Labs
    Capital Partners Holdings Ventures Media Systems Technologies Software Cloud AI API
    The And Or Of In On At To For With From By Is Are Was Were Has Have Had It This That
    """.split()
)

_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*"
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_CAP = rf"(?:[{_UPPER}][^\W\d_]*(?:['’\-][^\W\d_]+)*)"
_PARTICLE = r"(?:(?:van der|van den|van|von|de la|de|del|della|da|di|du|le|la|bin|ibn|al|el|ó|ní|mac|ap)\s+)"
# One to three capitalized words, particles allowed between them, on one line.
_NAME = rf"(?P<name>{_CAP}(?:[ \t]+(?:[A-Z]\.[ \t]+)?{_PARTICLE}?{_CAP}){{0,2}})"

_STRONG_CUES = (
    r"my name is|my name's|my full name is|i am called|i'm called|call me|you can call me"
    r"|je m'appelle|je m’appelle|mon nom est|ich heiße|ich heisse|mein name ist"
    r"|me llamo|mi nombre es|mi chiamo|meu nome é|mijn naam is"
    r"|(?:full |first |last |sur|patient |customer |client |employee |user |contact )?name[\"']?\s*[:=]\s*[\"']?"
    r"|signed(?: by)?|signé|unterschrieben von"
)
_WEAK_CUES = r"i'm|i am|this is|it's|je suis|ich bin|soy|sono"
_HONORIFICS = (
    r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Madam|Mme|Mlle|Monsieur|Madame"
    r"|Herr|Frau|Señor|Señora|Sr|Sra|Signor|Signora|Sig|Dott"
)
_GREETINGS = (
    r"Dear|Hi|Hello|Hey|Morning|Good morning|Good afternoon|Bonjour|Salut|Cher|Chère|Hallo"
    r"|Liebe|Lieber|Hola|Querido|Querida|Ciao|Caro|Cara|Beste"
)
_SIGNOFFS = (
    r"Regards|Best regards|Kind regards|Warm regards|Best|Best wishes|Thanks|Thank you|Many thanks"
    r"|Cheers|Sincerely|Yours sincerely|Yours truly|Yours|Cordialement|Bien à vous|Amitiés"
    r"|Viele Grüße|Beste Grüße|Mit freundlichen Grüßen|LG|Saludos|Un saludo|Cordiali saluti|Saluti"
)

_STRONG = re.compile(rf"(?i:\b(?:{_STRONG_CUES}))[ \t]*{_NAME}")
# "my name is john smith": the one cue strong enough to take lowercase words.
_NOT_LOWER_NAME = (
    r"(?!(?:and|but|or|i|my|the|from|at|in|on|not|a|an|is|was|also|still|just|actually"
    r"|back|later|now|if|when|tomorrow|today)\b)"
)
_LOWER_NAME = re.compile(
    r"(?i:\b(?:my name is|my name's|je m'appelle|ich heiße|me llamo|mi chiamo))[ \t]+"
    rf"(?P<name>{_NOT_LOWER_NAME}[a-zà-ÿ]+(?:[ \t]+{_NOT_LOWER_NAME}[a-zà-ÿ]+)?)\b"
)
_WEAK = re.compile(rf"(?i:\b(?:{_WEAK_CUES}))[ \t]+{_NAME}")
_HONORIFIC = re.compile(rf"\b(?:{_HONORIFICS})\.?[ \t]+{_NAME}")
_GREETING = re.compile(rf"(?m)^[ \t]*(?:{_GREETINGS})[ \t]+{_NAME}[ \t]*[,!:\n]")
_SIGNOFF = re.compile(rf"(?m)^[ \t]*(?:{_SIGNOFFS})[ \t]*[,!.]?[ \t]*\r?\n[ \t]*{_NAME}[ \t]*$")
# "Thanks, Anna" on one line: only a known first name, "Thanks, Everyone" is not one.
_SIGNOFF_INLINE = re.compile(rf"(?m)\b(?:{_SIGNOFFS})[ \t]*[,!.-][ \t]*{_NAME}[ \t]*[.!]?[ \t]*$")
_TOKEN = re.compile(_WORD)

_NOT_A_NAME = frozenset(
    "World There All Everyone Team Folks Guys Sir Madam Friends Everybody Again Back Here Sure "
    "Sorry Fine Good Great Happy Glad Ready Done Not Just Still Also Going Trying Looking "
    "Writing Calling Interested Wondering Afraid Available Home Late New Working Tomorrow Today "
    "Later Now Anytime Anything Something Nothing Maybe Please Thanks Thank Yes No Okay".split()
)


_FIRST_NAME_LISTS = (
    "first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
    "first_romanized_names", "first_romanized_names_male", "first_romanized_names_female",
)  # fmt: skip


@lru_cache(maxsize=1)
def name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names) from Faker's person providers for ``_LOCALES``, read once."""
    return _read_names(_LOCALES, latin_only=False)


@lru_cache(maxsize=1)
def all_name_lists() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names) from every locale Faker has: ~21,000 and ~18,000.

    Too many for the cue-less gazetteer ("Boston Celtics", "Santa Clara": Boston and
    Santa are first names somewhere), right where a cue says a person comes next.
    """
    from faker.config import AVAILABLE_LOCALES

    return _read_names(sorted(AVAILABLE_LOCALES), latin_only=True)


def _read_names(locales, latin_only: bool) -> tuple[frozenset[str], frozenset[str]]:
    first: set[str] = set()
    last: set[str] = set()
    for locale in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ImportError as error:
            if error.name and error.name.startswith("faker.providers.person."):
                continue  # a locale with no person provider, or one a newer Faker dropped
            raise ImportError(
                "whittle.privacy needs faker for person names: "
                f"run `.venv/bin/pip install -c constraints.txt faker` ({error})"
            ) from error
        # Locales in other scripts also carry romanized lists ("Hiroshi", "Wei").
        for attribute in _FIRST_NAME_LISTS:
            first.update(_names(getattr(provider, attribute, ()), latin_only))
        for attribute in ("last_names", "last_romanized_names"):
            last.update(_names(getattr(provider, attribute, ()), latin_only))
    return frozenset(first), frozenset(last)


def _names(collection, latin_only: bool) -> Iterator[str]:
    # Faker stores names as tuples, or as {name: weight} dicts (a few locales build them
    # in properties: skipped). ``latin_only``: the context patterns match Latin capitals.
    if not isinstance(collection, tuple | list | dict | set | frozenset):
        return
    for name in collection:
        if isinstance(name, str) and name[:1].isupper() and " " not in name and (not latin_only or _latin(name)):
            yield name


def _latin(word: str) -> bool:
    return all(c in "'’-" or unicodedata.name(c, "").startswith("LATIN") for c in word)


def find_names(text: str) -> Iterator[Candidate]:
    for pattern, score in ((_STRONG, 0.8), (_HONORIFIC, 0.8), (_GREETING, 0.7), (_SIGNOFF, 0.7)):
        for match in pattern.finditer(text):
            yield from _name_candidate(match, score, require_known=False)
    for pattern in (_WEAK, _SIGNOFF_INLINE):
        for match in pattern.finditer(text):
            yield from _name_candidate(match, 0.6, require_known=True)
    for match in _LOWER_NAME.finditer(text):
        yield Candidate("PERSON", match.start("name"), match.end("name"), 0.6)
    yield from _gazetteer(text)


def _name_candidate(match: re.Match[str], score: float, require_known: bool) -> Iterator[Candidate]:
    words = match.group("name").split()
    # The name ends before a word that is no part of one ("I'm Anna From Sales"), but
    # the first word always stays: "Dear Mr. Park," is a Park.
    stop = next((i for i, w in enumerate(words) if i and (w in _NOT_A_NAME or w in _NOT_A_SURNAME)), len(words))
    words = words[:stop]
    if not words or words[0] in _NOT_A_NAME:
        return
    if require_known:
        first, last = name_lists()
        known_first = words[0] in first and words[0] not in AMBIGUOUS
        if not (known_first or (len(words) >= 2 and words[-1] in last)):
            return
    yield Candidate("PERSON", match.start("name"), _end_of_words(match, words), score)


def _end_of_words(match: re.Match[str], words: list[str]) -> int:
    position = match.start("name")
    for word in words:
        position = match.string.index(word, position) + len(word)
    return position


def _gazetteer(text: str) -> Iterator[Candidate]:
    first_names, last_names = name_lists()
    tokens = list(_TOKEN.finditer(text))
    index = 0
    while index < len(tokens) - 1:
        word, following = tokens[index], tokens[index + 1]
        first, second = _title(word.group(0)), _title(following.group(0))
        between = text[word.end() : following.start()]
        if (
            first in first_names
            and _capitalized(word.group(0))
            and _capitalized(following.group(0))
            and _same_case(word.group(0), following.group(0))
            and between in (" ", "  ")
            and second not in _NOT_A_SURNAME
            and (second in last_names or not _ordinary_word(second))
            and (first not in AMBIGUOUS and not _ordinary_word(first) or second in last_names)
        ):
            end, index = _extend_surname(tokens, index + 1, text, last_names)
            score = 0.85 if second in last_names else 0.5
            yield Candidate("PERSON", word.start(), end, score)
        index += 1


def _extend_surname(tokens, index: int, text: str, last_names: frozenset[str]) -> tuple[int, int]:
    """Take a second known surname ("García Márquez") after the first; return (end, last index)."""
    end = tokens[index].end()
    if index + 1 < len(tokens):
        nxt = tokens[index + 1]
        if text[end : nxt.start()] == " " and _capitalized(nxt.group(0)) and _title(nxt.group(0)) in last_names:
            return nxt.end(), index + 1
    return end, index


@lru_cache(maxsize=1)
def _common_english_words() -> frozenset[str]:
    # Faker's lorem word list: ~1,000 everyday English words ("language", "station").
    from faker.providers.lorem.en_US import Provider

    return frozenset(Provider.word_list)


def _ordinary_word(word: str) -> bool:
    """ "Julia Language", "Alexa Skills": a capitalized everyday word is no surname."""
    lower = word.lower()
    words = _common_english_words()
    return word in AMBIGUOUS or lower in words or (lower.endswith("s") and lower[:-1] in words)


def _same_case(first: str, second: str) -> bool:
    """ "JOHN SMITH" and "John Smith" are names; "My SSN" is not."""
    return first.isupper() == second.isupper() or len(first) == 1


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and (len(word) == 1 or not word[1:].isupper() or len(word) > 2)


def _title(word: str) -> str:
    return word if not word.isupper() else word.title()
