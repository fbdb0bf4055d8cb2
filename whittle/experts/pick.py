"""Auto: which expert, if any, a chat message calls for, judged from each expert's front matter.

Lexical and local on purpose (no model call, no embedding model: the picker runs before every
answer on a 2-core machine): the words of each expert's name, description and "when to use" are
the documents, the user's message is the query, and BM25 ranks them. Words are lower-cased,
lightly stemmed (cache/text.py's stemmer: "todos" meets "todo", "competitors" meets "competitor")
and stripped of function words and the words every expert's front matter uses ("questions about",
"the app"), which say nothing about which one fits.

A threshold keeps unrelated chat expert-free: "tell me a joke" matches nothing and gets no
expert. The open app's own built-in expert (its name is the app's name) gets a prior, but only
when the message matches it at all, so "hello" in the Todo app stays plain chat while "what does
this workflow do?", whose word two experts share, goes to the open app's own one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from whittle.cache.text import FUNCTION_WORDS, LIGHT_WORDS, WH_WORDS, stem
from whittle.experts.store import Expert

# Words of the front matter's own phrasing ("Knows the X app", "questions about ...") and of any question.
GENERIC_WORDS = frozenset(
    """question questions about app apps whittle help helps helping know knows explain explains tell
    use using used user users thing things way ways work works working want need like make made
    new one ones its what how why when where which who whom whose
    hello hi hey thanks thank ok okay yes no sure great good""".split()  # greetings: "hello" is no workflow
)
K1, B = 1.2, 0.75  # BM25's usual saturation and length normalisation
MIN_SCORE = 1.4  # about one word that only one expert uses; below it the message is not about any of them
APP_PRIOR = 1.0  # added to the open app's own expert when the message matches it at all


@dataclass(frozen=True)
class ExpertMatch:
    expert: Expert
    score: float
    matched: tuple[str, ...]  # the message's words that matched, for the reply's hover


def terms(text: str) -> list[str]:
    """Content words, stemmed: what a message and an expert's front matter are compared on."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return [stem(w) for w in words if len(w) > 1 and w not in FUNCTION_WORDS and w not in LIGHT_WORDS
            and w not in WH_WORDS and w not in GENERIC_WORDS]


def front_matter_terms(expert: Expert) -> list[str]:
    return terms(" ".join((expert.name.replace("-", " "), expert.description, expert.when_to_use)))


def rank_experts(message: str, experts: Sequence[Expert], app_name: str | None = None) -> list[ExpertMatch]:
    """Every expert the message matches at all, best first (scores before the threshold)."""
    query = dict.fromkeys(terms(message))  # each word once, in the order said
    if not query or not experts:
        return []
    documents = [Counter(front_matter_terms(expert)) for expert in experts]
    lengths = [sum(doc.values()) for doc in documents]
    average = sum(lengths) / len(lengths) or 1.0
    frequency = Counter(term for doc in documents for term in doc)
    total = len(documents)
    ranked = []
    for expert, doc, length in zip(experts, documents, lengths, strict=True):
        score, matched = 0.0, []
        for term in query:
            count = doc.get(term, 0)
            if not count:
                continue
            idf = math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
            score += idf * count * (K1 + 1) / (count + K1 * (1 - B + B * length / average))
            matched.append(term)
        if matched:
            if app_name and expert.name == app_name:
                score += APP_PRIOR
            ranked.append(ExpertMatch(expert, round(score, 3), tuple(matched)))
    return sorted(ranked, key=lambda match: (-match.score, match.expert.name))


def pick_expert(message: str, experts: Sequence[Expert], app_name: str | None = None,
                *, min_score: float = MIN_SCORE) -> ExpertMatch | None:
    """The expert whose front matter best matches the message, or None when none matches well enough."""
    ranked = rank_experts(message, experts, app_name)
    return ranked[0] if ranked and ranked[0].score >= min_score else None
