"""A learned reading of which of the app's things a request points at, when the rules name none.

"tip run done" (the todo "drop off old hws at the tip"), "the one i havent done yet bump it up top",
"The last point on the list I have done now", "fish guy called back finaly": people point at a todo
by a word of it, a misspelling, its place or its state, and the rules of agent/references.py read only
some of those ways. This model scores each of the app's things for a request with a logistic regression
over features of the pair: how many of the thing's words the request says (as typed, by stem, by
spelling), whether the reference rules would quote it, whether its place (first, second, last,
middle) or its state (ticked, not done yet) is what the request says. It is fit on examples
(pointed.jsonl in this package: a request, the todo list it was typed against, the todos done, and
the todo a person said it points at). A thing's score over all things' scores is its share.

The planner asks it only for a request the rules left without a call, when the learned intent model
guesses (MIN_GUESS) a tool that acts on one thing (agent/planner.py). It reads the request and the
app's list, never other data; the call still goes through validation and, to delete, the user's click.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np

from whittle.agent.calls import ToolCall
from whittle.agent.fitted import FitOnce, read_lines
from whittle.agent.intents import MIN_PROBABILITY
from whittle.agent.positions import CARDINALS, ORDINALS
from whittle.agent.references import ITEM_FIELD, resolve_references, says_the_marked_one
from whittle.agent.request_form import ALL_VERBS, REOPENING, read_request, stem
from whittle.agent.select import named_values
from whittle.tools import Tool

EXAMPLES = Path(__file__).with_name("pointed.jsonl")
# The best thing is taken only when it holds this share of all things' scores: chosen in bench/pointed.py
# by grouped cross-validation on the requests the rules name no thing in.
MIN_SHARE = 0.4
# The intent model's guess of the tool must be at least this: its own offering threshold. bench/pointed.py
# --against chose it on twelve writers' first runs, both models fit without the writer: of the requests the
# planner left without a call, it made 26 calls, 25 right, and none on a request that asked for none.
MIN_GUESS = MIN_PROBABILITY
# Sure enough to overrule the thing a planned call names: in bench/pointed.py's table the best thing holding
# 0.9 of the scores was right on every held-out request it was that sure of (0.300 of those the rules name no
# thing in).
SURE_SHARE = 0.9
DEFAULT_C = 1.0
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LITTLE = frozenset("a an the to for of and my on in at with from up off it i me is be".split())
_PLACES = {**{w: n - 1 for w, n in ORDINALS.items() if n > 0},
           **{f"{n + 1}{'st' if n == 0 else 'nd' if n == 1 else 'rd' if n == 2 else 'th'}": n for n in range(10)}}
_LAST = frozenset({"last", "bottom", "final", "end"})
# Where a thing is moved to is no place of the thing: "move the second one to the top", "bump it up top".
# ("the one at the bottom" is a place of the thing.)
_DESTINATION = re.compile(r"\b(?:to|tae|up|onto)\s+(?:the\s+)?(?:very\s+)?(?:top|bottom|end)\b", re.IGNORECASE)
_DONE = re.compile(r"\b(?:done|ticked|checked|crossed|finished|completed|marked|erledigt\w*)\b", re.IGNORECASE)
# "the one i havent done yet", "the ones not ticked": the open ones, though "done" is said.
_NOT_DONE = re.compile(r"(?:\b(?:not|never|haven'?t|havent|hasn'?t|hasnt|didn'?t|didnt)|n't)\s+(?:\w+\s+)?"
                       r"(?:done|ticked|checked|finished|completed)\b|\b(?:yet|open|unticked|undone|left|remaining)\b",
                       re.IGNORECASE)
# "un-tick it", "undo the one I checked", "on tick milk" (dictated): an unticking the stems do not name.
_UNDOING = re.compile(r"\b(?:un-\s?(?:tick|check|mark)|undo|on\s+tick)\b", re.IGNORECASE)
# "put it back to not done", "make it open again": the state asked for, so a thing to reopen, not an open one.
_STATE_ASKED = re.compile(r"\b(?:back|again)\b|\b(?:to|as|it|them)\s+not\s+(?:done|ticked|finished|complete)",
                          re.IGNORECASE)


CLOSE_SPELLING = 0.8  # "finaly" is "finally", "stok" is "stock"


@dataclass(frozen=True)
class Example:
    text: str
    things: tuple[str, ...]
    marked: tuple[str, ...]
    thing: str
    source: str = "examples"  # who wrote it: bench/pointed.py holds each source out


def read_examples(path: Path = EXAMPLES) -> list[Example]:
    return read_lines(path, lambda row: Example(str(row["text"]), tuple(row["todos"]), tuple(row.get("done", ())),
                                                str(row["item"]), row.get("source", "examples")),
                      '{"text": ..., "todos": [...], "done": [...], "item": ...}')


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _content(thing: str) -> list[str]:
    """A thing's words that say what it is: "call the fish guy" is call, fish, guy."""
    return [w for w in _words(thing) if w not in _LITTLE] or _words(thing) or [thing.casefold()]


def _stems(thing: str) -> list[str]:
    return [stem(w) for w in _content(thing)]


def _spelled_like(word: str, said: Sequence[str]) -> float:
    """How close the nearest word of the request is in spelling ("finaly" for "finally"), 0 to 1."""
    return max((SequenceMatcher(None, word, other).ratio() for other in said if abs(len(other) - len(word)) <= 3),
               default=0.0)


def names_a_word_of(text: str, thing: str) -> bool:
    """"cement done" of "order cement for site": the request says a word of the thing, or one spelled close to it."""
    said = _words(text)
    return any(_spelled_like(word, said) >= CLOSE_SPELLING for word in _content(thing) if len(word) >= 3)


def _placing_words(text: str) -> list[str]:
    """The request's words without where it moves a thing to ("to the top"): those that may say a thing's place."""
    return _words(_DESTINATION.sub(" ", text))


def _place_said(placing: Sequence[str]) -> int | None:
    """The place in the list the request points at ("the second one": 1), from its placing words."""
    return next((_PLACES[w] for w in placing if w in _PLACES), None)


def _features(text: str, things: Sequence[str], marked: Sequence[str]) -> list[dict[str, float]]:
    """Each thing's features for the request."""
    said = _words(text)
    said_stems = {stem(w) for w in said}
    resolved = resolve_references(text, things, marked)
    placed = _placing_words(text)
    place = _place_said(placed)
    last, middle = bool(_LAST & set(placed)), "middle" in placed
    # "untick the one i ticked, is not finished": a "not done" beside an unticking says why, not which one.
    reopening = bool(said_stems & REOPENING) or bool(_STATE_ASKED.search(text)) or bool(_UNDOING.search(text))
    not_done_said = bool(_NOT_DONE.search(text)) and not reopening
    done_said = bool(_DONE.search(text)) and not not_done_said
    rows = []
    for index, thing in enumerate(things):
        words, stems = _content(thing), _stems(thing)
        typed = sum(w in said for w in words) / len(words)
        by_stem = sum(s in said_stems for s in stems) / len(stems)
        spelled = [_spelled_like(w, said) for w in words]
        is_marked = thing in marked
        rows.append({
            "typed": typed, "by_stem": by_stem, "any_said": float(by_stem > 0),
            "all_said": float(by_stem == 1.0), "whole": float(thing.casefold() in text.casefold()),
            "spelled_best": max(spelled), "spelled_mean": sum(spelled) / len(spelled),
            "spelled_close": float(max(spelled) >= CLOSE_SPELLING),
            "quoted_by_rules": float(f'"{thing}"' in resolved and f'"{thing}"' not in text),
            "place": float(place == index), "place_said": float(place is not None),
            "last": float(last and index == len(things) - 1), "listed_first": float(index == 0),
            "middle": float(middle and len(things) % 2 == 1 and index == len(things) // 2),
            "done_and_marked": float(done_said and is_marked), "done_and_open": float(done_said and not is_marked),
            "not_done_and_open": float(not_done_said and not is_marked), "marked": float(is_marked and not not_done_said),
            "reopening_and_marked": float(reopening and is_marked),
            "only_marked": float(is_marked and len(marked) == 1), "only_open": float(not is_marked and len(marked) == len(things) - 1),
        })
    for name in ("by_stem", "spelled_best", "typed"):  # how a thing compares with the others
        best = max(row[name] for row in rows)
        for row in rows:
            row[f"{name}_is_best"] = float(row[name] == best and best > 0)
            row[f"{name}_below_best"] = best - row[name]
            row[f"{name}_unique_best"] = float(row[name] == best and best > 0 and sum(r[name] == best for r in rows) == 1)
    return rows


class PointedThing:
    """Which of the app's things a request points at: the likeliest, with its share of all things' scores."""

    def __init__(self, examples: Sequence[Example], *, c: float = DEFAULT_C):
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        rows, labels = [], []
        for example in examples:
            if example.thing not in example.things or len(example.things) < 2:
                continue
            rows += _features(example.text, example.things, example.marked)
            labels += [thing == example.thing for thing in example.things]
        self.vectorizer = DictVectorizer()
        self.classifier = LogisticRegression(C=c, max_iter=3000)
        self.classifier.fit(self.vectorizer.fit_transform(rows), labels)

    def best(self, text: str, things: Sequence[str], marked: Sequence[str] = ()) -> tuple[str, float] | None:
        """The thing the request likeliest points at and its share of all things' scores; None for no things."""
        things = [t for t in dict.fromkeys(things) if t.strip()]
        if not things:
            return None
        scores = self.classifier.predict_proba(self.vectorizer.transform(_features(text, things, marked)))[:, 1]
        top = int(np.argmax(scores))
        return things[top], float(scores[top] / scores.sum())


POSITION_FIELD = "position"  # the todo tools' place (apps/todo_tools.py)
_TOP = re.compile(r"\btop\b", re.IGNORECASE)
_BOTTOM = re.compile(r"\b(?:bottom|end)\b", re.IGNORECASE)
# "… has to go in second place, she gets offended if she's at the bottom": a place in the middle, the rules' to read
_MIDDLE_ORDINALS = "|".join(w for w, n in ORDINALS.items() if n > 1)
_MIDDLE_NUMBERS = "|".join(w for w, n in CARDINALS.items() if n > 1)
_MIDDLE_PLACE = re.compile(rf"\b(?:in|to|at|into)\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?|{_MIDDLE_ORDINALS})\s+"
                           rf"(?:place|position|spot|slot)\b|\b(?:number|position|spot|no\.?)\s*#?\s*(?:[2-9]|{_MIDDLE_NUMBERS})\b",
                           re.IGNORECASE)


def pointed_call(tool: Tool, text: str, things: Sequence[str], marked: Sequence[str],
                 model: PointedThing, min_share: float = MIN_SHARE) -> ToolCall | None:
    """The call of a tool that acts on one thing (an item; for a move, only to the top or the bottom), on the
    thing the request points at, when the model is sure of it; None for any other tool, for a request put
    as a question ("is the milk one done?" asks to see, not to change), for "the one I ticked" when none is
    and "the fourth one" of fewer, or when it is unsure."""
    fields = set(tool.params.model_fields)
    if ITEM_FIELD not in fields or fields - {ITEM_FIELD, POSITION_FIELD}:
        return None
    read = read_request(text, ALL_VERBS)
    if read and all(clause.question for clause in read):
        return None
    if says_the_marked_one(text) and not marked:
        return None  # "undo the one i ticked" with nothing ticked points at nothing
    if (place := _place_said(_placing_words(text))) is not None and place >= len(things):
        return None  # "the fourth one" of two
    said = {stem(w) for w in _words(text)}
    if sum(set(_stems(thing)) <= said for thing in things) > 1:
        return None  # "milk and eggs, tick them": two things said are two calls, the rules' to make
    found = model.best(text, things, marked)
    if found is None or found[1] < min_share:
        return None
    args: dict[str, object] = {ITEM_FIELD: found[0]}
    if POSITION_FIELD in fields:
        top, bottom = bool(_TOP.search(text)), bool(_BOTTOM.search(text))
        if top == bottom or _MIDDLE_PLACE.search(text):
            return None
        args[POSITION_FIELD] = 1 if top else len(things)
    return ToolCall(tool.name, args)


def surer_thing(calls: list[ToolCall], tools, text: str, things_of, marked_of, model: PointedThing,
                sure: float = SURE_SHARE) -> list[ToolCall]:
    """"TAKE OFF THE ONE ABOUT CALLIN PASTOR JIM" planned on "take Martha to Dr Reyes thursday": the one call that
    names a thing, on a thing the request does not say whole, takes the thing the learned reading is sure of."""
    pointing = [c for c in calls if isinstance(c.args.get(ITEM_FIELD), str)]
    tool = tools.get(pointing[0].tool) if len(pointing) == 1 else None
    if tool is None or not tool.app:
        return calls
    call, things = pointing[0], [t for t in things_of(tool.app) if t.strip()]
    item = call.args[ITEM_FIELD]
    said = {stem(w) for w in _words(text)}
    if item not in things or item.casefold() in text.casefold() or sum(set(_stems(t)) <= said for t in things) > 1:
        return calls
    if named_values(text, things) == [item]:  # "Move the mozzarella to number 2, … not like the napkins": named so
        return calls
    found = model.best(text, things, marked_of(tool.app) if marked_of is not None else ())
    if found is None or found[0] == item or found[1] < sure:
        return calls
    return [ToolCall(c.tool, {**c.args, ITEM_FIELD: found[0]}) if c is call else c for c in calls]


# The model fit on this package's examples, once per process or read from the cache folder (fitted.py).
trained: FitOnce[PointedThing] = FitOnce(lambda: PointedThing(read_examples()), "whittle-pointed-fit", saved_as="pointed")
warm_up = trained.warm_up
