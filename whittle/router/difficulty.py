"""A learned difficulty score: P(the cheap model fails this request), from local features.

The model is an L2-regularised logistic regression over `features.extract`. scikit-learn
fits it (liblinear is a well-tested sparse solver; writing our own optimiser would be more
code to trust for no gain), but only training needs it: the fitted weights are saved as
plain arrays in an `.npz` (loaded with `allow_pickle=False`, so a model file can never run
code), and scoring one request is a dot product over the request's few hundred non-zero
features in numpy — well inside the 2 ms budget, with no scikit-learn call on the hot path.

Hyper-parameters (regularisation, feature groups, target) are chosen by cross-validation
inside the training data only (`select`), scored by the routing figure that matters: APGR.
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from whittle.router.features import FeatureConfig, Features, extract
from whittle.router.metrics import apgr, routing_curve

# What the model learns to predict. "weak_fails" is the plain difficulty score; "strong_gain"
# (weak wrong *and* strong right) ignores queries neither model can do, which a router should
# not pay for — cross-validation picks between them.
TARGETS = ("weak_fails", "strong_gain")


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
        if target == "weak_fails":
            return ~self.weak
        if target == "strong_gain":
            return ~self.weak & self.strong
        raise ValueError(f"unknown target {target!r}; expected one of {TARGETS}")


def _stack(rows: list[Features], config: FeatureConfig) -> tuple[np.ndarray, sparse.csr_matrix]:
    n_dense = len(config.dense_names)
    dense = np.vstack([r.dense for r in rows]) if rows else np.empty((0, n_dense))
    indptr = np.r_[0, np.cumsum([len(r.indices) for r in rows])]
    indices = np.concatenate([r.indices for r in rows]) - n_dense if rows else np.empty(0, int)
    values = np.concatenate([r.values for r in rows]) if rows else np.empty(0)
    hashed = sparse.csr_matrix((values, indices, indptr), shape=(len(rows), config.dim - n_dense))
    return dense, hashed


@dataclass
class DifficultyModel:
    """Logistic weights over one `FeatureConfig`; `score` is P(target) for one request."""

    config: FeatureConfig
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # config.dim weights: dense (on standardised values), then hashed
    intercept: float
    meta: dict = field(default_factory=dict)

    def _logit(self, f: Features) -> float:
        n_dense = len(self.mean)
        z = (f.dense - self.mean) / self.scale
        return float(self.coef[:n_dense] @ z + self.coef[f.indices] @ f.values + self.intercept)

    def score_features(self, f: Features) -> float:
        return 1.0 / (1.0 + np.exp(-self._logit(f)))

    def score(self, prompt: str, response: str | None = None) -> float:
        """P(target) for one request: the whole hot path, features included."""
        return self.score_features(extract(prompt, response, self.config))

    def score_many(self, data: TrainingSet) -> np.ndarray:
        z = (data.dense - self.mean) / self.scale
        n_dense = len(self.mean)
        logits = z @ self.coef[:n_dense] + data.hashed @ self.coef[n_dense:] + self.intercept
        return 1.0 / (1.0 + np.exp(-logits))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = json.dumps({"format": "whittle-difficulty/1", "config": self.config.to_dict(), "meta": self.meta})
        with path.open("wb") as fh:  # a file handle, so numpy does not append ".npz"
            np.savez_compressed(
                fh, header=np.array(header), mean=self.mean, scale=self.scale, coef=self.coef.astype(np.float32),
                intercept=np.array(self.intercept),
            )
        return path

    @classmethod
    def load(cls, path: str | Path) -> DifficultyModel:
        with np.load(Path(path), allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            if header.get("format") != "whittle-difficulty/1":
                raise ValueError(f"{path} is not a whittle difficulty model")
            config = FeatureConfig.from_dict(header["config"])
            model = cls(
                config, data["mean"], data["scale"], data["coef"].astype(float), float(data["intercept"]), header["meta"]
            )
        if len(model.mean) != len(config.dense_names) or len(model.coef) != config.dim:
            raise ValueError(f"{path}: weights do not match its feature configuration")
        return model


def fit(data: TrainingSet, c: float = 0.1, target: str = "weak_fails") -> DifficultyModel:
    """Fit the logistic model on all of `data`."""
    from sklearn.exceptions import ConvergenceWarning  # training only; scoring is numpy
    from sklearn.linear_model import LogisticRegression

    labels = data.labels(target)
    if labels.all() or not labels.any():
        raise ValueError(f"training data has only one class for target {target!r}")
    mean = data.dense.mean(axis=0)
    scale = data.dense.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (data.dense - mean) / scale
    x = sparse.hstack([sparse.csr_matrix(z), data.hashed], format="csr")
    # liblinear's dual problem is much faster when there are more columns than rows (hashed
    # n-grams), and the primal when there are few (dense signals only).
    dual = x.shape[1] > x.shape[0]
    solver = LogisticRegression(C=c, solver="liblinear", dual=dual, max_iter=3000, tol=1e-3)
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
    meta = {"c": c, "target": target, "trained_on": int(len(labels)), "converged": converged}
    return DifficultyModel(data.config, mean, scale, solver.coef_[0].copy(), float(solver.intercept_[0]), meta)


@dataclass(frozen=True)
class Choice:
    """One hyper-parameter setting and its cross-validated APGR inside the training data."""

    feature_set: str
    c: float
    target: str
    cv_apgr: float


def fold_ids(n: int, k: int, groups: Sequence[str] | None = None, seed: int = 0) -> np.ndarray:
    """Fold number of each row; rows sharing a group (e.g. an MMLU subject) share a fold.

    Groups are dealt largest first to the currently smallest fold, so folds stay balanced
    even when one subject is ten times another.
    """
    rng = np.random.default_rng(seed)
    if groups is None:
        return rng.permutation(np.arange(n) % k)
    names = sorted(set(groups))
    if len(names) < k:
        raise ValueError(f"{len(names)} groups cannot make {k} folds")
    sizes = {g: 0 for g in names}
    for g in groups:
        sizes[g] += 1
    order = sorted(names, key=lambda g: (-sizes[g], rng.random()))
    load = np.zeros(k)
    assigned: dict[str, int] = {}
    for g in order:
        fold = int(np.argmin(load))
        assigned[g] = fold
        load[fold] += sizes[g]
    return np.array([assigned[g] for g in groups])


def select(
    sets: dict[str, TrainingSet],
    folds: np.ndarray,
    cs: Sequence[float] = (0.01, 0.1, 1.0),
    targets: Sequence[str] = TARGETS,
) -> tuple[Choice, list[Choice]]:
    """Pick (feature set, C, target) by pooled out-of-fold APGR within the training data."""
    results = []
    for name, data in sets.items():
        for target in targets:
            for c in cs:
                scores = np.zeros(len(data.weak))
                try:
                    for fold in np.unique(folds):
                        test = folds == fold
                        model = fit(data.subset(~test), c, target)
                        scores[test] = model.score_many(data.subset(test))
                except ValueError:  # a fold with one class for this target: cannot judge it
                    results.append(Choice(name, c, target, float("nan")))
                    continue
                curve = routing_curve(data.weak, data.strong, scores)
                results.append(Choice(name, c, target, apgr(curve)))
    best = max(results, key=lambda r: (np.nan_to_num(r.cv_apgr, nan=-1.0), -r.c))
    return best, results


def latency_ms(model: DifficultyModel, prompts: Sequence[str], responses: Sequence[str] | None = None) -> dict:
    """Time `score` on single requests (features + prediction), in milliseconds.

    Wall time is what a caller waits; CPU time is what the scoring itself costs. On a busy
    shared machine the wall p99 also counts time the process spent descheduled, so both
    are reported.
    """
    for prompt in prompts[:20]:  # warm caches and lazy imports; not a cold-start figure
        model.score(prompt, responses[0] if responses is not None else None)
    wall, cpu = [], []
    for i, prompt in enumerate(prompts):
        response = responses[i] if responses is not None else None
        start, start_cpu = time.perf_counter(), time.thread_time()
        model.score(prompt, response)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return {
        "n": len(wall),
        "wall_p50_ms": round(float(np.percentile(wall, 50)), 3),
        "wall_p99_ms": round(float(np.percentile(wall, 99)), 3),
        "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 3),
        "cpu_p99_ms": round(float(np.percentile(cpu, 99)), 3),
    }
