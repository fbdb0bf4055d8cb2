"""A learned difficulty score: P(the cheap model fails this request), from local features
(or, with both models' outcomes logged, the expected gain from asking the strong one).

The model is an L2-regularised logistic regression over `features.extract` (two of them for
the "gain" target, below). scikit-learn fits it (liblinear is a well-tested sparse solver;
writing our own optimiser would be more code to trust for no gain), but only training needs
it: the fitted weights are saved as plain arrays in an `.npz` (loaded with
`allow_pickle=False`, so a model file can never run code), and scoring one request is a dot
product (two for "gain") over the request's few hundred non-zero features in numpy — well
inside the 2 ms budget, with no scikit-learn call on the hot path.

The regularisation strength is not chosen but averaged over (`fit_averaged`): picking one C
from a few noisy folds flips between runs, and the average of the fits hedges over the range.
Choosing feature groups and targets by cross-validation is the benchmark's job
(bench/whittle_bench/selection.py), not the product's.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from whittle.router.learned.features import FeatureConfig, Features, extract

# What the model learns to predict. "weak_fails" is the plain difficulty score; "strong_gain"
# (weak wrong *and* strong right) ignores queries neither model can do, which a router should
# not pay for; "gain" is the expected change in correctness from asking the strong model,
# P(weak wrong, strong right) − P(weak right, strong wrong), one logistic model for each
# term. The routing curve adds up exactly that change query by query, so ranking by it is
# what the curve rewards, and it also learns where the strong model does *worse* (a whole
# MMLU subject, in RouteLLM's logs). Cross-validation picks among the three.
TARGETS = ("weak_fails", "strong_gain", "gain")
# Inverse regularisation strengths a model averages over, from strong to weak: wide enough
# for a few dozen ledger rows and for 10,000 benchmark rows alike.
DEFAULT_CS = (0.03, 0.3, 1.0)
FORMAT = "whittle-difficulty/1"
FORMAT_GAIN = "whittle-difficulty-gain/1"  # a second weight vector; older readers must refuse it


@dataclass(frozen=True)
class TrainingSet:
    """Featurised requests with their logged outcomes (True = that model answered correctly)."""

    config: FeatureConfig
    dense: np.ndarray  # n × len(config.dense_names), unscaled
    hashed: sparse.csr_matrix  # n × (config.dim − dense), hashed n-grams
    weak: np.ndarray
    strong: np.ndarray

    @classmethod
    def build(
        cls,
        prompts: Sequence[str],
        weak: Sequence[bool],
        strong: Sequence[bool],
        config: FeatureConfig,
        responses: Sequence[str] | None = None,
    ) -> TrainingSet:
        if config.response and responses is None:
            raise ValueError("this feature configuration needs the weak model's responses")
        rows = [extract(p, responses[i] if config.response else None, config) for i, p in enumerate(prompts)]
        return cls(config, *_stack(rows, config), np.asarray(weak, bool), np.asarray(strong, bool))

    def subset(self, index: np.ndarray) -> TrainingSet:
        return TrainingSet(self.config, self.dense[index], self.hashed[index], self.weak[index], self.strong[index])

    def labels(self, target: str) -> np.ndarray:
        """The binary label a logistic model learns; for "gain", its first term (the strong model helps)."""
        if target == "weak_fails":
            return ~self.weak
        if target in ("strong_gain", "gain"):
            return ~self.weak & self.strong
        raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")

    def hurt_labels(self) -> np.ndarray:
        """The "gain" target's second term: the weak model was right and the strong one wrong."""
        return self.weak & ~self.strong


def _stack(rows: list[Features], config: FeatureConfig) -> tuple[np.ndarray, sparse.csr_matrix]:
    n_dense = len(config.dense_names)
    dense = np.vstack([r.dense for r in rows]) if rows else np.empty((0, n_dense))
    indptr = np.r_[0, np.cumsum([len(r.indices) for r in rows])]
    indices = np.concatenate([r.indices for r in rows]) - n_dense if rows else np.empty(0, int)
    values = np.concatenate([r.values for r in rows]) if rows else np.empty(0)
    hashed = sparse.csr_matrix((values, indices, indptr), shape=(len(rows), config.dim - n_dense))
    return dense, hashed


def _sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class DifficultyModel:
    """Logistic weights over one `FeatureConfig`; `score` is P(target) for one request.

    With `hurt_coef` (target "gain") the score is P(strong helps) − P(strong hurts), in −1..1:
    the expected gain in correctness from sending the request to the strong model.
    """

    config: FeatureConfig
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # config.dim weights: dense (on standardised values), then hashed
    intercept: float
    meta: dict = field(default_factory=dict)
    hurt_coef: np.ndarray | None = None  # same layout as coef
    hurt_intercept: float = 0.0

    def score_features(self, f: Features) -> float:
        n_dense = len(self.mean)
        z = (f.dense - self.mean) / self.scale
        score = _sigmoid(float(self.coef[:n_dense] @ z + self.coef[f.indices] @ f.values + self.intercept))
        if self.hurt_coef is not None:
            hurt = self.hurt_coef
            score -= _sigmoid(float(hurt[:n_dense] @ z + hurt[f.indices] @ f.values + self.hurt_intercept))
        return score

    def score(self, prompt: str, response: str | None = None) -> float:
        """P(target) for one request: the whole hot path, features included."""
        return self.score_features(extract(prompt, response, self.config))

    def score_many(self, data: TrainingSet) -> np.ndarray:
        z = (data.dense - self.mean) / self.scale
        n_dense = len(self.mean)
        scores = _sigmoid(z @ self.coef[:n_dense] + data.hashed @ self.coef[n_dense:] + self.intercept)
        if self.hurt_coef is not None:
            hurt = self.hurt_coef
            scores -= _sigmoid(z @ hurt[:n_dense] + data.hashed @ hurt[n_dense:] + self.hurt_intercept)
        return scores

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = {}
        if self.hurt_coef is not None:
            extra = {"hurt_coef": self.hurt_coef.astype(np.float32), "hurt_intercept": np.array(self.hurt_intercept)}
        header = json.dumps({"format": FORMAT_GAIN if extra else FORMAT, "config": self.config.to_dict(),
                             "meta": self.meta})
        with path.open("wb") as fh:  # a file handle, so numpy does not append ".npz"
            np.savez_compressed(
                fh, header=np.array(header), mean=self.mean, scale=self.scale, coef=self.coef.astype(np.float32),
                intercept=np.array(self.intercept), **extra,
            )
        return path

    @classmethod
    def load(cls, path: str | Path) -> DifficultyModel:
        with np.load(Path(path), allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            if header.get("format") not in (FORMAT, FORMAT_GAIN):
                raise ValueError(f"{path} is not a whittle difficulty model")
            gain = header["format"] == FORMAT_GAIN
            config = FeatureConfig.from_dict(header["config"])
            model = cls(
                config, data["mean"], data["scale"], data["coef"].astype(float), float(data["intercept"]),
                header["meta"],
                data["hurt_coef"].astype(float) if gain else None, float(data["hurt_intercept"]) if gain else 0.0,
            )
        weights = [model.coef] + ([model.hurt_coef] if gain else [])
        if len(model.mean) != len(config.dense_names) or any(len(w) != config.dim for w in weights):
            raise ValueError(f"{path}: weights do not match its feature configuration")
        return model


def _logistic(x: sparse.csr_matrix, labels: np.ndarray, c: float) -> tuple[np.ndarray, float, bool]:
    """Weights, intercept and whether liblinear converged, for one binary label."""
    from sklearn.exceptions import ConvergenceWarning  # training only; scoring is numpy
    from sklearn.linear_model import LogisticRegression

    # liblinear's dual problem is much faster when there are more columns than rows (hashed
    # n-grams), and the primal when there are few (dense signals only).
    dual = x.shape[1] > x.shape[0]
    # liblinear visits rows in a random order and stops at `tol`, so an unseeded fit differs
    # from run to run in the last digits of the benchmark; seeded, a run is reproducible.
    solver = LogisticRegression(C=c, solver="liblinear", dual=dual, max_iter=3000, tol=1e-3, random_state=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        solver.fit(x, labels)
    # A fit stopped at max_iter still gives a usable ranking; whether it converged is kept in
    # the model's metadata (and the benchmark's training notes) instead of a warning per fit.
    converged = True
    for warning in caught:
        if issubclass(warning.category, ConvergenceWarning):
            converged = False
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    return solver.coef_[0].copy(), float(solver.intercept_[0]), converged


def training_labels(data: TrainingSet, target: str) -> list:
    """The label vectors a model of `target` is trained on: one, or two for "gain" (it helps, it hurts)."""
    labels = [data.labels(target)]
    # Where the strong model was never worse, the estimate of P(it hurts) is 0 and the gain
    # is P(it helps) alone: one model, still in the gain's units.
    if target == "gain" and data.hurt_labels().any():
        labels.append(data.hurt_labels())
    for y in labels:
        if y.all() or not y.any():
            raise ValueError(f"training data has only one class for target {target!r}")
    return labels


def fit(data: TrainingSet, c: float = 0.1, target: str = "weak_fails") -> DifficultyModel:
    """Fit the logistic model (two for target "gain") on all of `data`."""
    labels = training_labels(data, target)
    mean = data.dense.mean(axis=0)
    scale = data.dense.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (data.dense - mean) / scale
    x = sparse.hstack([sparse.csr_matrix(z), data.hashed], format="csr")
    fitted = [_logistic(x, y, c) for y in labels]
    (coef, intercept, converged), hurt = fitted[0], (fitted[1] if len(fitted) > 1 else None)
    meta = {"c": c, "target": target, "trained_on": len(labels[0]),
            "converged": converged and (hurt is None or hurt[2])}
    return DifficultyModel(data.config, mean, scale, coef, intercept, meta,
                           None if hurt is None else hurt[0], 0.0 if hurt is None else hurt[1])


def fit_averaged(data: TrainingSet, cs: Sequence[float], target: str = "weak_fails") -> DifficultyModel:
    """One fit per regularisation strength in `cs`, weights averaged into one model.

    The fits share the standardisation, so averaging weights averages their logits: still one
    linear model (one `.npz`, one dot product to score), and no single C has to be picked.
    """
    models = [fit(data, c, target) for c in cs]
    if not models:
        raise ValueError("no regularisation strengths to fit")
    first = models[0]

    def mean(values: list) -> np.ndarray:
        return np.mean(values, axis=0)

    meta = {**first.meta, "c": [float(c) for c in cs], "converged": all(m.meta["converged"] for m in models)}
    hurt = None if first.hurt_coef is None else mean([m.hurt_coef for m in models])
    return DifficultyModel(first.config, first.mean, first.scale, mean([m.coef for m in models]),
                           float(mean([m.intercept for m in models])), meta, hurt,
                           float(mean([m.hurt_intercept for m in models])))
