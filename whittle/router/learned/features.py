"""Cheap local text features of a request, for predicting whether a cheap model will fail it.

Everything here is plain string work and numpy: no network, no tokenizer, no model, so a
router can compute it for every request in well under a millisecond. A request becomes

- a short *dense* vector of named, human-readable signals (length, numbers, maths symbols,
  multiple-choice structure, negations, subject keyword groups, and — for a cascade, which
  has already seen the cheap model's answer — the arithmetic verifier's findings), and
- *hashed* sparse n-grams (words and characters), so a model trained on logged outcomes can
  pick up vocabulary we did not think of, in a fixed-size space with no stored vocabulary.

Hashes are crc32 and fixed multiplicative hashes, never Python's `hash()`, which is salted
per process: a model saved by one process must see the same indices in the next.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field

import numpy as np

from whittle.router.arithmetic import RESPONSE_FEATURES, check_arithmetic

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD = re.compile(r"[a-z]+|\d+")
OPTION = re.compile(r"^\s*\(?([A-J])[.)]\s*(.*)$", re.MULTILINE)
MATH_CHARS = frozenset("+-*/=^<>%√π∑∫≤≥≠×÷∞∂")
NEGATION = re.compile(r"\b(not|except|false|incorrect|least|never|cannot|untrue)\b", re.I)
CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
ROMAN_COMBO = re.compile(r"\b(?:I{1,3}|IV)\s*(?:,|and)\s*(?:I{1,3}|IV)\b")
VARIABLE_TERM = re.compile(r"\d[a-z]\b|\b[a-z]\^|\^\d|\b[a-z]\s*[=<>]\s*\d")
SENTENCE_END = re.compile(r"[.?!](?:\s|$)")
WORD_NUMBER = re.compile(r"\b(half|third|quarter|twice|double|triple|percent|ratio|average)\b", re.I)
TIME_UNIT = re.compile(r"\b(second|minute|hour|day|week|month|year)s?\b", re.I)

# Keyword groups generalise across subjects better than single hashed words: a held-out
# "college mathematics" question shares "integral" with the "high school mathematics" seen
# in training even when the rest of its vocabulary is new.
KEYWORD_GROUPS: dict[str, tuple[str, ...]] = {
    "kw_math": ("integral", "derivative", "equation", "probability", "matrix", "polynomial",
                "prime", "function", "variable", "solve", "compute", "calculate", "value",
                "sum", "root", "vector", "ring", "group", "field", "mod"),
    "kw_physics": ("velocity", "force", "energy", "mass", "electron", "charge", "magnetic",
                   "voltage", "current", "wavelength", "acceleration", "momentum", "circuit"),
    "kw_chemistry": ("mol", "moles", "reaction", "acid", "compound", "atom", "ph", "bond",
                     "solution", "molecule", "oxidation", "electrons"),
    "kw_law": ("court", "plaintiff", "defendant", "statute", "constitutional", "contract",
               "evidence", "jury", "liable", "law", "appeal", "trial"),
    "kw_medicine": ("patient", "diagnosis", "symptom", "disease", "dose", "clinical", "blood",
                    "cell", "infection", "treatment", "syndrome"),
    "kw_ethics": ("moral", "morally", "wrong", "ethics", "ethical", "scenario", "virtue"),
    "kw_social": ("century", "war", "government", "economy", "market", "policy", "society",
                  "president", "trade", "inflation"),
}
KEYWORD_INDEX = {word: name for name, words in KEYWORD_GROUPS.items() for word in words}

PROMPT_FEATURES: tuple[str, ...] = (
    "log_chars", "log_words", "log_lines", "digit_frac", "log_numbers", "log_decimals",
    "log_max_number", "log_math_chars", "log_latex", "how_many", "why_explain", "log_negations",
    "log_caps_words", "n_options", "log_option_len", "option_len_cv", "option_numeric_frac",
    "option_all_none", "roman_combo", "statement_pair", "passage", "log_stem_chars",
    "avg_word_len", "type_token_ratio", "upper_ratio", "log_percent_money", "log_word_numbers",
    "log_time_units", "log_sentences", "log_code_chars", "log_variable_terms", "scenario_pair",
    *KEYWORD_GROUPS,
)
# How alike the answer options are. Options that differ in a word or two ("Wrong, Not wrong"
# against "Not wrong, Wrong"; "Tdc" against "Tcd") ask for a fine distinction, where a
# stronger model gains most; options about different things can often be told apart by
# recall. Unlike subject vocabulary, this carries over to subjects the router never saw.
OPTION_FEATURES: tuple[str, ...] = ("option_word_overlap", "option_shared_words")


@dataclass(frozen=True)
class FeatureConfig:
    """Which feature groups a model uses; saved with the model so it is rebuilt identically."""

    words: bool = True
    chars: bool = False
    response: bool = False  # the cheap model's answer is known: a cascade, not a pre-router
    options: bool = True  # OPTION_FEATURES; absent from models saved before they existed
    word_dim: int = 1 << 14
    char_dim: int = 1 << 14
    char_ngrams: tuple[int, ...] = field(default=(3, 4, 5))

    @property
    def dense_names(self) -> tuple[str, ...]:
        options = OPTION_FEATURES if self.options else ()
        return PROMPT_FEATURES + options + (RESPONSE_FEATURES if self.response else ())

    @property
    def word_offset(self) -> int:
        return len(self.dense_names)

    @property
    def char_offset(self) -> int:
        return self.word_offset + (self.word_dim if self.words else 0)

    @property
    def dim(self) -> int:
        return self.char_offset + (self.char_dim if self.chars else 0)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FeatureConfig:
        data = dict(data)
        data["char_ngrams"] = tuple(data.get("char_ngrams", (3, 4, 5)))
        data.setdefault("options", False)  # saved before option features existed: trained without them
        return cls(**data)


@dataclass(frozen=True)
class Features:
    """One request: dense values (unscaled) and hashed sparse entries, indices in the model's space."""

    dense: np.ndarray
    indices: np.ndarray
    values: np.ndarray


def _log(x: float) -> float:
    return math.log1p(max(x, 0.0))


def prompt_dense(prompt: str) -> list[float]:
    """The named prompt signals, in `PROMPT_FEATURES` order."""
    text = prompt.strip()
    chars = max(len(text), 1)
    lower = text.lower()
    words = WORD.findall(lower)
    numbers = NUMBER.findall(text)
    values = [float(n.replace(",", "")) for n in numbers if n.replace(",", "").replace(".", "", 1).isdigit()]
    options = OPTION.findall(text)
    option_texts = [body for _, body in options]
    option_lens = np.array([len(body) for body in option_texts], dtype=float)
    first_option = OPTION.search(text)
    stem = text[: first_option.start()] if first_option else text
    keyword_counts = dict.fromkeys(KEYWORD_GROUPS, 0)
    for word in words:
        group = KEYWORD_INDEX.get(word)
        if group:
            keyword_counts[group] += 1
    numeric_options = sum(1 for body in option_texts if body and sum(c.isdigit() for c in body) >= len(body) / 3)
    letters = [c for c in text if c.isalpha()]
    return [
        _log(chars),
        _log(len(words)),
        _log(text.count("\n") + 1),
        sum(c.isdigit() for c in text) / chars,
        _log(len(numbers)),
        _log(sum("." in n for n in numbers)),
        math.log10(1.0 + max(values, default=0.0)),
        _log(sum(c in MATH_CHARS for c in text)),
        _log(text.count("\\") + text.count("^") + text.count("_{")),
        float("how many" in lower or "how much" in lower),
        float("why" in words or "explain" in words),
        _log(len(NEGATION.findall(stem))),
        _log(len(CAPS_WORD.findall(stem))),
        float(len(options)),
        _log(option_lens.mean()) if option_lens.size else 0.0,
        float(option_lens.std() / option_lens.mean()) if option_lens.size and option_lens.mean() else 0.0,
        numeric_options / len(options) if options else 0.0,
        float(any(s in lower for s in ("all of the above", "none of the above", "both of the"))),
        float(bool(ROMAN_COMBO.search(text))),
        float("statement 1" in lower),
        float("refers to the following" in lower or len(stem) > 1200),
        _log(len(stem)),
        sum(len(w) for w in words) / max(len(words), 1),
        len(set(words)) / max(len(words), 1),
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        _log(text.count("%") + text.count("$")),
        _log(len(WORD_NUMBER.findall(text))),
        _log(len(TIME_UNIT.findall(text))),
        _log(len(SENTENCE_END.findall(text))),
        _log(sum(text.count(s) for s in ("{", "}", ";", "def ", "return", "==", "[]"))),
        _log(len(VARIABLE_TERM.findall(lower))),
        float("scenario 1" in lower),
        *(_log(keyword_counts[name]) for name in KEYWORD_GROUPS),
    ]


def option_similarity(prompt: str) -> list[float]:
    """`OPTION_FEATURES`: mean pairwise Jaccard overlap of the options' word sets, and the share
    of option words also found in another option (both 0 with fewer than two options)."""
    sets = [set(WORD.findall(body.lower())) for _, body in OPTION.findall(prompt.strip())]
    if len(sets) < 2:
        return [0.0, 0.0]
    pairs = [(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :]]
    overlap = sum(len(a & b) / max(len(a | b), 1) for a, b in pairs) / len(pairs)
    counts = Counter(word for words in sets for word in words)
    shared = sum(n for n in counts.values() if n > 1) / max(sum(counts.values()), 1)
    return [overlap, shared]


def _normalised(indices: np.ndarray, signs: np.ndarray, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """Sum signed hits per index, damp repeats with log, scale the block to unit length.

    Unit length keeps a 3,000-character law passage from outweighing the dense signals just
    by having more n-grams than a one-line question.
    """
    if indices.size == 0:
        return np.empty(0, dtype=np.int64), np.empty(0)
    unique, inverse = np.unique(indices, return_inverse=True)
    summed = np.bincount(inverse, weights=signs)
    values = np.sign(summed) * np.log1p(np.abs(summed))
    norm = np.linalg.norm(values)
    if norm > 0:
        values = values / norm
    return unique.astype(np.int64) + offset, values


def _word_hashes(lower: str, dim: int) -> tuple[np.ndarray, np.ndarray]:
    # Digits collapse to one token per length class: "1,600" and "2,300" say the same thing
    # about difficulty, and exact values would only memorise questions.
    tokens = [t if not t.isdigit() else "#" * min(len(t), 4) for t in WORD.findall(lower)]
    grams = tokens + [a + " " + b for a, b in zip(tokens, tokens[1:])]
    hashes = np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))
    signs = 1.0 - 2.0 * ((hashes >> np.uint64(31)) & np.uint64(1)).astype(float)
    return (hashes % np.uint64(dim)).astype(np.int64), signs


_MULTIPLIER = np.uint64(0x9E3779B1)
_MASK = np.uint64(0xFFFFFFFF)


def _char_hashes(lower: str, dim: int, ngrams: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray]:
    # Vectorised polynomial hash over bytes: a per-n-gram Python loop would cost more than
    # the whole 2 ms budget on a long passage.
    squashed = re.sub(r"\s+", " ", re.sub(r"\d", "0", lower))
    data = np.frombuffer(squashed.encode("utf-8", "ignore"), dtype=np.uint8).astype(np.uint64)
    out_idx, out_sign = [], []
    for n in ngrams:
        if data.size < n:
            continue
        h = np.full(data.size - n + 1, np.uint64(n))
        for j in range(n):
            h = ((h * np.uint64(257)) + data[j : data.size - n + 1 + j]) & _MASK
        h = (h * _MULTIPLIER) & _MASK
        out_idx.append((h % np.uint64(dim)).astype(np.int64))
        out_sign.append(1.0 - 2.0 * ((h >> np.uint64(31)) & np.uint64(1)).astype(float))
    if not out_idx:
        return np.empty(0, dtype=np.int64), np.empty(0)
    return np.concatenate(out_idx), np.concatenate(out_sign)


def extract(prompt: str, response: str | None = None, config: FeatureConfig = FeatureConfig()) -> Features:
    """All features of one request (and, for a cascade, of the cheap model's answer)."""
    dense = prompt_dense(prompt)
    if config.options:
        dense += option_similarity(prompt)
    if config.response:
        dense += check_arithmetic(response or "", prompt).vector()
    lower = prompt.lower()
    blocks_idx, blocks_val = [], []
    if config.words:
        idx, val = _normalised(*_word_hashes(lower, config.word_dim), config.word_offset)
        blocks_idx.append(idx)
        blocks_val.append(val)
    if config.chars:
        idx, val = _normalised(*_char_hashes(lower, config.char_dim, config.char_ngrams), config.char_offset)
        blocks_idx.append(idx)
        blocks_val.append(val)
    indices = np.concatenate(blocks_idx) if blocks_idx else np.empty(0, dtype=np.int64)
    values = np.concatenate(blocks_val) if blocks_val else np.empty(0)
    return Features(np.asarray(dense, dtype=float), indices, values)
