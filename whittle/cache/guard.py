"""The false-hit guard: cheap, local checks that veto a semantic match.

Similarity (lexical or embedded) is symmetric in word order and blind to the small
words that flip a question: "convert Celsius to Fahrenheit" and "convert Fahrenheit
to Celsius" share every word. The guard looks only at what must be *identical* for two
questions to have the same answer, and names the first difference it finds:

- numbers (digits and number words) as multisets — "top 5" ≠ "top 10";
- negation words as multisets — "why do" ≠ "why don't";
- question words — "how" ≠ "why" ≠ "when" ("what"/"which" count as one);
- symbols — "C" ≠ "C++", "()" ≠ "[]";
- named things (capitalised words, acronyms, words with digits) on either side must
  appear on the other — "iPhone 7" ≠ "iPhone X", "Trump" ≠ "Obama";
- the order of the content words both questions share — "A vs B" ≠ "B vs A",
  "who did A to B" ≠ "who did B to A";
- quoted words must appear, exactly as written, on the other side — 'the word "abash"'
  ≠ 'the word "abashed"', though the stems agree;
- a pointer at unseen material ("the following", "above") — its answer depends on
  text the question does not carry.

All checks are on already-parsed questions: a few set and list operations, a few
microseconds per candidate.
"""

from __future__ import annotations

from whittle.cache.question import Question


def veto(a: Question, b: Question) -> str | None:
    """Why `a` and `b` must not share an answer, or None if nothing forbids it."""
    if a.tokens == b.tokens:
        return None
    if a.deictic or b.deictic:
        return "refers to material not in the question"
    if a.fixed != b.fixed:
        for mine, theirs, reason in zip(a.fixed, b.fixed, _FIXED_REASONS):
            if mine != theirs:
                return reason
    if (a.quoted - set(b.tokens)) or (b.quoted - set(a.tokens)):
        return "quoted text differs"
    if (a.entities - b.content) or (b.entities - a.content):
        return "named entity differs"
    if not _same_order(a, b):
        return "argument order differs"
    return None


# In the order of Question.fixed (FIXED_CLASSES).
_FIXED_REASONS = ("numbers differ", "negation differs", "question word differs", "symbols differ")


def _same_order(a: Question, b: Question) -> bool:
    """Shared content words appear in the same relative order on both sides."""
    shared = a.content & b.content
    if len(shared) < 2:
        return True
    first_in_b: dict[str, int] = {}
    for position, s in enumerate(b.stems):
        if s in shared:
            first_in_b.setdefault(s, position)
    seen: set[str] = set()
    last = -1
    for s in a.stems:
        if s in shared and s not in seen:
            seen.add(s)
            if first_in_b[s] < last:
                return False
            last = first_in_b[s]
    return True
