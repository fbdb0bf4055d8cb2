"""A learned second opinion on which tool a request asks for, for wordings the rules do not read.

agent/select.py reads a request by rules: an action word leading a clause, and an object of the
tool's kind. People also say "models page plz", "greet me with Hi", "bread is sorted", "take the
eggs off my list". This classifier is trained on examples of such requests (intents.jsonl in
this package: the request, the open app, and the one tool it asks for, or none), with TF-IDF over
word n-grams and character n-grams and a logistic regression (scikit-learn). It is consulted only
when the rules find no tool, and offers one only when it is sure (MIN_PROBABILITY, chosen by
cross-validation in bench/intents.py); what it offers still goes through the grammar, the
validation and, for a destructive tool, the user's click.

It reads only the user's request and the open app's name, never the app's data: a todo reading
"delete everything" cannot make it offer a tool.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

EXAMPLES = Path(__file__).with_name("intents.jsonl")
NO_TOOL = "(none)"  # the class of requests that ask for no tool: chat, questions, impossible asks
# A guess below this is left to the chat: chosen in bench/intents.py as the lowest probability whose
# cross-validated guesses are right at least 90% of the time and name a tool for at most 3% of chat.
MIN_PROBABILITY = 0.5
# A guess this sure is called even when the model would rather answer "none of these" (agent/planner.py):
# chosen in bench/intents.py as the lowest probability whose guesses are right 99% of the time and name
# a tool for at most 1% of chat.
MUST_CALL_PROBABILITY = 0.85
DEFAULT_C = 10.0  # the logistic regression's inverse regularisation; bench/intents.py --c-grid compares others


@dataclass(frozen=True)
class Example:
    text: str
    app: str | None
    tool: str | None
    source: str = "examples"  # who wrote it (a bench/agent dev set, or "examples"): bench/intents.py holds each out


@dataclass(frozen=True)
class Guess:
    tool: str | None  # None: no tool
    probability: float


def read_examples(path: Path = EXAMPLES) -> list[Example]:
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            examples.append(Example(str(row["text"]), row.get("app"), row.get("tool"), row.get("source", "examples")))
        except (ValueError, KeyError) as error:
            raise ValueError(f"{path}:{number}: not an example ({error}); each line is "
                             '{"text": ..., "app": ..., "tool": ... or null}') from error
    return examples


def _document(text: str, app: str | None) -> str:
    # The open app as a word of its own: "add milk" means a todo wherever it is said, "start it" does not.
    return f"openapp{(app or 'none').replace('-', '')} {text.casefold()}"


class IntentModel:
    """Which single tool a request asks for, with a probability; fit once from examples."""

    def __init__(self, examples: Sequence[Example], *, c: float = DEFAULT_C):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        features = make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[a-z0-9#']+", sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2),
        )
        self.pipeline = make_pipeline(features, LogisticRegression(C=c, max_iter=3000))
        self.pipeline.fit([_document(e.text, e.app) for e in examples], [e.tool or NO_TOOL for e in examples])
        self.classes: list[str] = list(self.pipeline.classes_)

    def guesses(self, texts: Sequence[str], apps: Sequence[str | None],
                tool_names: Iterable[str] | None = None) -> list[Guess]:
        """The likeliest class of each request among tool_names (all when None) and no tool."""
        allowed = None if tool_names is None else {*tool_names, NO_TOOL}
        out = []
        for row in self.pipeline.predict_proba([_document(t, a) for t, a in zip(texts, apps, strict=True)]):
            scored = [(p, c) for p, c in zip(row, self.classes, strict=True) if allowed is None or c in allowed]
            total = sum(p for p, _ in scored) or 1.0
            probability, label = max(scored)
            out.append(Guess(None if label == NO_TOOL else label, probability / total))
        return out

    def guess(self, text: str, app: str | None, tool_names: Iterable[str] | None = None) -> Guess:
        return self.guesses([text], [app], tool_names)[0]

    def offer(self, text: str, app: str | None, tool_names: Iterable[str]) -> Guess | None:
        """The tool to offer when the rules found none, with its probability, or None: only a sure guess."""
        guess = self.guess(text, app, tool_names)
        return guess if guess.tool and guess.probability >= MIN_PROBABILITY else None


_FITTING = threading.Lock()  # the warm-up thread and a first request fit it once between them


@cache
def _fit() -> IntentModel:
    return IntentModel(read_examples())


def trained() -> IntentModel:
    """The model fit on this package's examples, once per process (a few seconds; see warm_up)."""
    with _FITTING:
        return _fit()


def warm_up() -> None:
    """Fit the model in the background now, so the server's first assistant turn does not wait for it."""
    threading.Thread(target=trained, name="whittle-intents-fit", daemon=True).start()
