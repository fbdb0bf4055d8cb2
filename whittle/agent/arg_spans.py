"""A learned reading of where a request says a call's new text: the thing to add, a todo's new
wording, a new profile's name, the words to search for, a name for a workflow step.

The tiny model copies a span of the request under the grammar, and the settle steps of
agent/references.py widen or trim it by rules; on twelve writers' first runs, the value they ended
with was right for 113 of 163 of these arguments, and this model's span, fit without the writer,
for 122 (bench/arg_spans.py). It scores every span of the request of up to MAX_WORDS tokens with a
logistic regression over the words around and inside it (the word before and after, its first and
last word, its length, its punctuation, where it sits), fit on examples (arg_spans.jsonl in this
package: a request, the call's tool and argument, and the value a person wrote for it). The planner
puts its best span in place of the settled value when the span holds at least MIN_SHARE of the
scores of all spans (chosen in bench/arg_spans.py), and leaves a value the user quoted as typed.

It reads only the request, never the app's data, and the value still goes through the tool's
pydantic model and, for a destructive tool, the user's click.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whittle.agent.calls import ToolCall
from whittle.agent.corrections import crosses_a_correction, taken_back
from whittle.agent.fitted import FitOnce, read_lines
from whittle.agent.references import ITEM_FIELD
from whittle.agent.request_form import ALL_VERBS, SYNONYMS, TODO_KIND, quoted_texts, stem
from whittle.agent.step_values import STEP_FIELD, bare_step_name

EXAMPLES = Path(__file__).with_name("arg_spans.jsonl")
MAX_WORDS = 14  # the longest value of the 1,062 examples is 11 tokens
# The best span replaces the settled value only when it holds this share of all spans' scores: chosen in
# bench/arg_spans.py against the planner's first runs on twelve writers, each held out from the model (with
# 52 writers' examples, 0.2 and 0.5 put the same 122 of 163 right; the higher share replaces fewer values).
MIN_SHARE = 0.5
MIN_EXAMPLES = 20  # an argument learned from fewer examples is left to the rules
DEFAULT_C = 10.0  # held-out span accuracy in bench/arg_spans.py, 827 examples: 0.792 at C=0.3, 0.811 at 1, 0.821 at 3, 0.823 at 10
_TOKEN = re.compile(r"\w+(?:['’.\-/]\w+)*|[^\w\s]")
_STOPS = frozenset(".,!?;:")
_QUOTES = frozenset("\"'‘’“”`")
_EDGES = _STOPS | _QUOTES | frozenset("-–—")  # no value starts or ends on one


@dataclass(frozen=True)
class Example:
    text: str
    key: str  # which argument: "todo_add.text", or "hello_workflow_submit.value@name" for one step's value
    value: str
    source: str = "examples"  # who wrote it: bench/arg_spans.py holds each source out


def argument_key(tool: str, argument: str, step: object = None) -> str:
    """An argument's name for the model; a workflow step's value is keyed by its step ("Your name" as "name")."""
    key = f"{tool}.{argument}"
    return f"{key}@{bare_step_name(step).casefold()}" if isinstance(step, str) and step else key


def read_examples(path: Path = EXAMPLES) -> list[Example]:
    return read_lines(path, lambda row: Example(str(row["text"]), argument_key(row["tool"], row["arg"], row.get("step")),
                                                str(row["value"]), row.get("source", "examples")),
                      '{"text": ..., "tool": ..., "arg": ..., "value": ...}')


def _normal(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold())).strip(" .,!?;:")


def _shape(word: str) -> str:
    if word[0].isupper():
        return "Cap"
    if word[0].isdigit():
        return "num"
    return "low" if word[0].isalnum() else "mark:" + word


def spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the request's word runs that may be a value: up to MAX_WORDS tokens, not
    starting or ending on a stop, a comma, a quote mark or a dash."""
    return [(start, end) for _, _, start, end in _token_spans(_tokens(text))]


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def _token_spans(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, int, int]]:
    """spans() as (first token, token after the last, start, end)."""
    out = []
    for i, (start, _, first) in enumerate(tokens):
        if first in _EDGES:
            continue
        for j in range(i, min(len(tokens), i + MAX_WORDS)):
            if tokens[j][2] not in _EDGES:
                out.append((i, j + 1, start, tokens[j][1]))
    return out


def _scored_spans(key: str, text: str) -> tuple[list[tuple[int, int]], list[dict[str, float]]]:
    """Each candidate span of the request and its features, the request tokenized once."""
    tokens = _tokens(text)
    words = [w for _, _, w in tokens]
    candidates = _token_spans(tokens)
    return [(a, b) for _, _, a, b in candidates], [_features(key, words, i, j) for i, j, _, _ in candidates]


def _features(key: str, tokens: Sequence[str], i: int, j: int) -> dict[str, float]:
    """The features of the span of tokens[i:j]."""
    before = [w.casefold() for w in tokens[:i]]
    inside = tokens[i:j]
    after = [w.casefold() for w in tokens[j:]]
    words = [w.casefold() for w in inside]
    previous, previous2 = (before[-1:] or ["<s>"])[0], (before[-2:-1] or ["<s>"])[0]
    following, following2 = (after[:1] or ["</s>"])[0], (after[1:2] or ["</s>"])[0]
    named: dict[str, float] = {}

    def add(name: str, value: float = 1.0) -> None:
        # Each feature twice: shared by every argument, and the argument's own.
        named[name] = value
        named[f"{key}|{name}"] = value

    add("before=" + previous)
    add("before2=" + previous2 + "_" + previous)
    add("after=" + following)
    add("after2=" + following + "_" + following2)
    add("first=" + words[0])
    add("last=" + words[-1])
    add("first_shape=" + _shape(inside[0]))
    add("last_shape=" + _shape(inside[-1]))
    add("before_shape=" + (_shape(tokens[i - 1]) if before else "<s>"))
    add("after_shape=" + (_shape(tokens[j]) if after else "</s>"))
    add(f"length={min(len(words), 8)}")
    add("length", len(words) / 10)
    marks = [w for w in words if not w[0].isalnum()]
    add(f"marks={min(len(marks), 3)}")
    for mark in set(marks):
        add("has=" + mark)
    add("at_start", float(not before))
    add("at_end", float(not after or all(w in _STOPS for w in after)))
    add("quoted", float(previous in _QUOTES and following in _QUOTES))
    add(f"where={round(len(before) / max(1, len(before) + len(words) + len(after)) * 4)}")
    for word in set(words):
        add("in=" + word, 1.0 / len(words))
    return named


# "twelve eggs not just eggs", "Dentist Thursday 10.30 instead": what follows says what the value is not.
_CORRECTION = re.compile(r"\s*,?\s+(?:not|instead|rather than)\b.*$", re.IGNORECASE | re.DOTALL)


def without_a_correction(value: str) -> str:
    """The span without a "not …"/"instead" tail that corrects it, when something is left."""
    cut = _CORRECTION.sub("", value)
    return cut if cut.strip() else value


def _made_from_the_thing(value: str, item: object, text: str) -> bool:
    """A new wording the rules built from the thing itself, not said as such ("send invoice to Diana" for
    "Diana not Dana"; "renew passport by Friday" for "stick 'by Friday' on the end"): no span says it, and
    it keeps at least half the thing's words."""
    if not isinstance(item, str) or _normal(value) in _normal(text):
        return False
    kept = set(_normal(item).split())
    return bool(kept) and len(kept & set(_normal(value).split())) * 2 >= len(kept)


class ArgumentSpans:
    """Where a request says an argument's value: the likeliest span, with its share of all spans' scores."""

    def __init__(self, examples: Sequence[Example], *, c: float = DEFAULT_C):
        from sklearn.feature_extraction import FeatureHasher
        from sklearn.linear_model import LogisticRegression

        self.hasher = FeatureHasher(n_features=2 ** 18)
        counts: dict[str, int] = {}
        rows, labels = [], []
        for example in examples:
            candidates, features = _scored_spans(example.key, example.text)
            said = [_normal(example.text[a:b]) == _normal(example.value) for a, b in candidates]
            if not any(said):
                continue  # the value is not said as written (fixed spelling, a list joined): nothing to learn
            counts[example.key] = counts.get(example.key, 0) + 1
            rows += features
            labels += said
        self.keys = frozenset(k for k, n in counts.items() if n >= MIN_EXAMPLES)
        self.classifier = LogisticRegression(C=c, max_iter=3000)
        self.classifier.fit(self.hasher.transform(rows), labels)

    def best(self, key: str, text: str) -> tuple[str, float] | None:
        """The likeliest value of the argument and its share of all spans' scores; None for an argument not learned."""
        if key not in self.keys:
            return None
        candidates, features = _scored_spans(key, text)
        if not candidates:
            return None
        scores = self.classifier.predict_proba(self.hasher.transform(features))[:, 1]
        top = int(np.argmax(scores))
        start, end = candidates[top]
        return text[start:end], float(scores[top] / scores.sum())

    def placed(self, calls: list[ToolCall], text: str, min_share: float = MIN_SHARE,
               settled: Sequence[str] = ()) -> list[ToolCall]:
        """The calls with each learned argument given the model's span of the request, when it is sure enough.
        settled: values the planner itself quoted, as a thing pointed back to ("tell Emeka to resume 8am saturday,
        add it"), kept as they are."""
        keys = [argument_key(c.tool, name, c.args.get(STEP_FIELD)) for c in calls for name in c.args]
        said = [str(v).casefold() for c in calls for v in c.args.values()]
        quoted = [*quoted_texts(text), *settled]
        out = []
        for call in calls:
            args = dict(call.args)
            for name, value in call.args.items():
                key = argument_key(call.tool, name, call.args.get(STEP_FIELD))
                # Two calls with the argument ("add milk and eggs") each have their own span: one best span is not both.
                if not isinstance(value, str) or name == STEP_FIELD or keys.count(key) > 1:
                    continue
                if _made_from_the_thing(value, call.args.get(ITEM_FIELD), text):
                    continue
                if said.count(value.casefold()) > 1:
                    continue  # "make a profile called gym stuff and switch to it": another call names it too
                if value in quoted:
                    continue  # "add 'fix the gate, then paint it'": what the user quoted is the value as typed
                found = self.best(key, text)
                # A span across "no wait"/"i mean" is not the thing: the correction settled it (corrections.py).
                if (found is not None and found[1] >= min_share and not crosses_a_correction(found[0])
                        and not taken_back(found[0], text) and not _cut_before_a_place(value, found[0])
                        and not _into_another_action(found[0], value) and not _KIND_FIRST.match(found[0])
                        and not _another_calls_part(found[0], call, calls)):
                    args[name] = without_a_correction(found[0])
            out.append(ToolCall(call.tool, args) if args != call.args else call)
        return out


# "take the grandchildren to the beach at Tenby" read as "take the grandchildren": what the cut leaves opens with
# a place or a person the thing is about, not with where on the list it goes ("to my list" is settled before).
_A_PLACE_OF_THE_THING = re.compile(r"^\s+(?:to|from|at|with|in)\s+(?:the|a|an|his|her|their)\s+(?!(?:list|todos?|to-?do)\b)\w",
                                   re.IGNORECASE)


# "ad buy flux n tik pay mum bord" read as "buy flux n tick pay mum bord": a span that runs past a joiner into an
# action word of another part, which the planner's value stops before.
_JOINED = re.compile(r"(?:,|\s(?:and|n|&|then|also))\s+([\w']+)", re.IGNORECASE)


# "add todo buy ice 2 bag" read as "todo buy ice 2 bag": the kind said before the thing is not the thing.
_KIND_FIRST = re.compile(rf"{TODO_KIND}\s+\S", re.IGNORECASE)


def _another_calls_part(span: str, call: ToolCall, calls: Sequence[ToolCall]) -> bool:
    """"get rid of the messages the wife got them, an stick on buy new shin pads": the span for the thing added
    opens with the words that ask for another call of the plan (the deletion's "get rid"): that part, not this."""
    said = span.casefold().split()
    return any(said[:len(verb.split())] == verb.split() for other in calls if other.tool != call.tool
               for verb in SYNONYMS.get(other.tool.rsplit("_", 1)[-1], ()))


def _into_another_action(span: str, value: str) -> bool:
    return any(stem(joined.group(1).casefold()) in ALL_VERBS and joined.group(0).casefold() not in value.casefold()
               for joined in _JOINED.finditer(span))


def _cut_before_a_place(value: str, span: str) -> bool:
    return value.casefold().startswith(span.casefold()) and bool(_A_PLACE_OF_THE_THING.match(value[len(span):]))


# The model fit on this package's examples, once per process or read from the cache folder (fitted.py): trained() gives it,
# warm_up() fits it in the background when the server starts.
trained: FitOnce[ArgumentSpans] = FitOnce(lambda: ArgumentSpans(read_examples()), "whittle-arg-spans-fit", saved_as="arg-spans")
warm_up = trained.warm_up
