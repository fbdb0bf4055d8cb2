"""Everyday words, in the languages whittle's users write: what a capitalised word is *not* a name for.

A capitalised sequence after "from" or "with" is a person's name only if none of its
words is an ordinary word ("from Customer Success", "with Visual Studio", "con Recursos
Humanos"). The lists are read once from two maintained packages already installed:
spaCy's stop-word lists (function words, per language; spaCy comes with presidio) and
Faker's word, job-title, company and address lists (everyday English words, months,
countries, cities, street and company suffixes).
"""

from __future__ import annotations

import importlib
from functools import lru_cache

_STOP_WORD_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "id", "sv", "da", "nb", "fi", "ro", "cs")
_FAKER_WORD_LISTS = (
    ("faker.providers.lorem.en_US", "word_list"),
    ("faker.providers.lorem.de_DE", "word_list"),
    ("faker.providers.lorem.fr_FR", "word_list"),
    ("faker.providers.lorem.it_IT", "word_list"),
    ("faker.providers.lorem.nl_NL", "word_list"),
    ("faker.providers.lorem.pl_PL", "word_list"),
    ("faker.providers.job.en_US", "jobs"),
    ("faker.providers.company.en_US", "catch_phrase_words"),
    ("faker.providers.company.en_US", "bsWords"),
    ("faker.providers.address.en_US", "countries"),
    ("faker.providers.address.en_US", "states"),
    ("faker.providers.address.en_US", "street_suffixes"),
    ("faker.providers.address.en_GB", "cities"),
    ("faker.providers.date_time.en_US", "_months"),
    ("faker.providers.color.en_US", "all_colors"),
)

# Words of names' surroundings that no list above has: organisations, places, products, teams.
_EXTRA = """
team teams department dept office group board committee council ministry agency bureau service services
support success sales marketing finance legal operations ops engineering product products research lab labs
desk help helpdesk customer customers client clients partner partners vendor user users admin admins staff
university college school academy institute hospital clinic bank insurance airport station museum library
park lake river mountain mount island bay beach valley street avenue road square bridge tower hall centre
center city town county province region district north south east west central national international global
royal united new old great grand upper lower saint san santa st los las el la le de del der die das von van
inc ltd llc gmbh ag sa plc corp co company holdings partners ventures capital foundation trust fund network
studio studios media cloud data systems software technologies tech digital online mobile app apps api web
platform code graph desktop server pro plus max mini ultra air edition version release beta update
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
""".split()


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Lower-cased everyday words (any of the languages above), ~10,000 of them."""
    words: set[str] = set(_EXTRA)
    for language in _STOP_WORD_LANGUAGES:
        try:
            words.update(importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)
        except ImportError:
            continue  # spaCy without that language: the others still count
    for module, attribute in _FAKER_WORD_LISTS:
        try:
            values = importlib.import_module(module).Provider.__dict__.get(attribute, ())
        except ImportError:
            continue
        if isinstance(values, dict):
            values = values.keys()
        for value in values:
            if isinstance(value, str):
                words.update(part.lower() for part in value.replace("-", " ").split())
    return frozenset(words)


def is_ordinary(word: str) -> bool:
    lower = word.lower()
    words = ordinary_words()
    return lower in words or (lower.endswith("s") and lower[:-1] in words)
