"""Lexical similarity of two parsed questions: 1 / (1 + the cost of the edits between them).

The two token sequences are aligned and what differs is counted by kind, because on
duplicate-question data the *kind* of a differing word predicts whether the meaning
changed far better than its string does:

- ``inflected``  same stem, different form ("learn" / "learning")
- ``light``      articles and fillers added or dropped ("the", "really", "some")
- ``swapped``    a function word replaced by one of its kind ("do"→"can", "my"→"me", "in"→"on");
                 a pronoun for another person ("I"→"you", "her"→"him") is no swap but two edits
- ``function``   other function words added or dropped ("for", "is", "there")
- ``content``    content words added, dropped or replaced
- ``moved``      words present on both sides but out of order ("why are X important" / "why X are important")
- ``rewritten``  a question opener or "which"/"what" changed ("How can I" / "What is the best way to")
- ``short``      how few content words the shorter question has: short questions
                 ("How do you sleep?") are more often different questions in context

Each kind has a cost (COSTS). Numbers, negations, question words, symbols and named
entities never reach the scorer when they differ, because the guard vetoes first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from whittle.cache.question import Question
from whittle.cache.text import AUXILIARIES, DETERMINERS, PERSONS, PREPOSITIONS, WordClass

_SWAP_GROUPS = (AUXILIARIES, PREPOSITIONS, DETERMINERS, *PERSONS)
_GROUP_OF = {token: index for index, group in enumerate(_SWAP_GROUPS) for token in group}


@dataclass(frozen=True)
class Edits:
    inflected: int
    light: int
    swapped: int
    function: int
    content: int
    moved: int
    rewritten: int
    short: float

    def vector(self) -> tuple[float, ...]:
        return (self.inflected, self.light, self.swapped, self.function, self.content, self.moved, self.rewritten, self.short)


FEATURES = tuple(Edits.__dataclass_fields__)

# Cost of one edit of each kind; `short` is charged once, scaled by 1/(1 + content words),
# when there is any edit at all. Set by hand in the order of each kind's precision on the
# QQP calibration half (articles/fillers ≈ 0.96-0.98 labelled duplicates, opener rewrites
# ≈ 0.77-0.90, added function words ≈ 0.6-0.88). bench/cache_qqp.py --tune searches them
# automatically, but its optimum overfits the calibration labels (held-out precision fell
# from 0.94 to 0.93), so these hand-set values ship.
COSTS: dict[str, float] = {
    "inflected": 0.3,
    "light": 0.3,
    "swapped": 0.5,
    "function": 0.8,
    "content": 3.0,
    "moved": 0.8,
    "rewritten": 0.8,
    "short": 1.0,
}


def edits(a: Question, b: Question) -> Edits:
    left = Counter(a.tokens)
    right = Counter(b.tokens)
    common = left & right
    left -= common
    right -= common
    classes = dict(zip(a.tokens, a.classes)) | dict(zip(b.tokens, b.classes))
    stems = dict(zip(a.tokens, a.stems)) | dict(zip(b.tokens, b.stems))

    inflected = Counter(stems[t] for t in left.elements()) & Counter(stems[t] for t in right.elements())
    left = _drop_stems(left, stems, inflected)
    right = _drop_stems(right, stems, inflected)
    # Pair off leftover function words of the same group: each pair is one swap.
    left_groups = Counter(_GROUP_OF[t] for t in left.elements() if t in _GROUP_OF)
    right_groups = Counter(_GROUP_OF[t] for t in right.elements() if t in _GROUP_OF)
    swaps = left_groups & right_groups
    swapped = sum(swaps.values())
    if swapped:
        left = _remove_groups(left, swaps)
        right = _remove_groups(right, swaps)
    by_class: Counter[str] = Counter()
    for token, n in (left + right).items():
        by_class[classes[token]] += n

    in_order = _lcs_length([t for t in a.tokens if t in common], [t for t in b.tokens if t in common])
    return Edits(
        inflected=sum(inflected.values()),
        light=by_class[WordClass.LIGHT],
        swapped=swapped,
        function=by_class[WordClass.FUNCTION],
        # Numbers, negations, symbols and question words are priced as content if the guard is bypassed.
        content=sum(n for cls, n in by_class.items() if cls not in (WordClass.LIGHT, WordClass.FUNCTION)),
        moved=sum(common.values()) - in_order,
        rewritten=int(a.opener != b.opener) + abs(a.aliases - b.aliases),
        short=1.0 / (1.0 + min(len(a.content), len(b.content))),
    )


def cost(e: Edits, costs: dict[str, float] | None = None) -> float:
    costs = COSTS if costs is None else costs
    total = sum(costs[name] * value for name, value in zip(FEATURES, e.vector()) if name != "short")
    return total + costs["short"] * e.short if total > 0 else 0.0


def cannot_reach(a: Question, b: Question, threshold: float, costs: dict[str, float] | None = None) -> bool:
    """True when the content words alone already cost too much: skips the full comparison.

    A content stem on one side only is at least one content edit.
    """
    costs = COSTS if costs is None else costs
    return threshold > 0 and len(a.content ^ b.content) * costs["content"] > 1.0 / threshold - 1.0


def similarity_of(e: Edits, costs: dict[str, float] | None = None) -> float:
    return 1.0 / (1.0 + cost(e, costs))


def similarity(a: Question, b: Question) -> float:
    """1.0 for the same tokens (after canonical rewrites), falling as edits accumulate."""
    return similarity_of(edits(a, b))


def _drop_stems(bag: Counter[str], stems: dict[str, str], matched: Counter[str]) -> Counter[str]:
    budget = Counter(matched)
    rest: Counter[str] = Counter()
    for token, n in bag.items():
        used = min(n, budget[stems[token]])
        budget[stems[token]] -= used
        if n - used:
            rest[token] = n - used
    return rest


def _lcs_length(a: list[str], b: list[str]) -> int:
    """Longest common subsequence: how many shared words can stay where they are."""
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _remove_groups(bag: Counter[str], swaps: Counter[int]) -> Counter[str]:
    budget = Counter(swaps)
    rest: Counter[str] = Counter()
    for token in sorted(bag):
        n = bag[token]
        group = _GROUP_OF.get(token)
        if group is not None and budget[group]:
            used = min(n, budget[group])
            budget[group] -= used
            n -= used
        if n:
            rest[token] = n
    return rest
