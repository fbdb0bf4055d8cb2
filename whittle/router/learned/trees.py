"""A difficulty score from shallow boosted trees over the named dense signals only.

Why: on MMLU subjects the router never saw (`bench/route.py --grouped-cv 5 --seeds 3`), shallow
boosted trees over the dense signals recover more of the gap than the logistic model over
dense signals and hashed words (see README, Routing): the dense signals carry over to new
subjects where word n-grams memorise the old ones, and trees can learn that the strong model
helps most on questions of middle difficulty, which no linear score can. On a user's own
ledger, where the same kinds of request recur, words may matter more: `whittle router fit`
lets cross-validation choose (fit.choose_model).

scikit-learn's HistGradientBoostingClassifier fits the trees (training only); each fitted tree
is copied into plain arrays (feature, threshold, children, leaf value) saved in an `.npz`
(loaded with `allow_pickle=False`, so a model file never runs code), and scoring walks the
trees in numpy: a few hundred comparisons, no scikit-learn call on the hot path. The arrays
are read from the fitted predictor's node table; tests check the walk against scikit-learn's
own predictions, so a change in that table is caught, not silently mis-scored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from whittle.router.learned.difficulty import TrainingSet, training_labels
from whittle.router.learned.features import FeatureConfig, extract

FORMAT = "whittle-difficulty-trees/1"
DEPTHS = (2, 3)  # chosen by cross-validation (whittle_bench.approaches.trees, fit.choose_model)
ITERATIONS = 100
LEARNING_RATE = 0.05
NODE_FIELDS = ("feature", "threshold", "left", "right", "leaf", "value", "missing_left")


@dataclass(frozen=True)
class Forest:
    """One boosted classifier: P(label) = σ(baseline + Σ leaf values), trees as flat node arrays."""

    baseline: float
    roots: np.ndarray  # index of each tree's first node
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray  # absolute node indices
    right: np.ndarray
    leaf: np.ndarray
    value: np.ndarray
    missing_left: np.ndarray

    @classmethod
    def from_sklearn(cls, model) -> Forest:
        parts = {name: [] for name in NODE_FIELDS}
        roots, offset = [], 0
        for (predictor,) in model._predictors:  # binary: one tree per iteration
            nodes = predictor.nodes
            roots.append(offset)
            parts["feature"].append(nodes["feature_idx"].astype(np.int64))
            parts["threshold"].append(nodes["num_threshold"].astype(float))
            parts["left"].append(nodes["left"].astype(np.int64) + offset)
            parts["right"].append(nodes["right"].astype(np.int64) + offset)
            parts["leaf"].append(nodes["is_leaf"].astype(bool))
            parts["value"].append(nodes["value"].astype(float))
            parts["missing_left"].append(nodes["missing_go_to_left"].astype(bool))
            offset += len(nodes)
        arrays = {name: np.concatenate(values) for name, values in parts.items()}
        return cls(float(np.ravel(model._baseline_prediction)[0]), np.array(roots, np.int64), **arrays)

    def raw(self, x: np.ndarray) -> np.ndarray:
        """Log-odds for each row of `x` (n × features): every tree walked at once, level by level."""
        node = np.broadcast_to(self.roots, (len(x), len(self.roots))).copy()
        rows = np.arange(len(x))[:, None]
        while True:
            inner = ~self.leaf[node]
            if not inner.any():
                break
            values = x[rows, self.feature[node]]
            go_left = np.where(np.isnan(values), self.missing_left[node], values <= self.threshold[node])
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)
        return self.baseline + self.value[node].sum(axis=1)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        out = {f"{prefix}_{name}": getattr(self, name) for name in NODE_FIELDS}
        return {**out, f"{prefix}_roots": self.roots, f"{prefix}_baseline": np.array(self.baseline)}

    @classmethod
    def from_arrays(cls, data, prefix: str) -> Forest:
        return cls(float(data[f"{prefix}_baseline"]), data[f"{prefix}_roots"],
                   **{name: data[f"{prefix}_{name}"] for name in NODE_FIELDS})


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


@dataclass
class TreeModel:
    """P(target) from the dense signals; with `hurt` (target "gain"), P(strong helps) − P(strong hurts)."""

    config: FeatureConfig
    forest: Forest
    meta: dict = field(default_factory=dict)
    hurt: Forest | None = None

    def score_dense(self, dense: np.ndarray) -> np.ndarray:
        scores = _sigmoid(self.forest.raw(dense))
        if self.hurt is not None:
            scores = scores - _sigmoid(self.hurt.raw(dense))
        return scores

    def score(self, prompt: str, response: str | None = None) -> float:
        """P(target) for one request: the whole hot path, features included."""
        return float(self.score_dense(extract(prompt, response, self.config).dense[None, :])[0])

    def score_many(self, data: TrainingSet) -> np.ndarray:
        return self.score_dense(data.dense)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        extra = self.hurt.arrays("hurt") if self.hurt is not None else {}
        header = json.dumps({"format": FORMAT, "config": self.config.to_dict(), "meta": self.meta,
                             "gain": self.hurt is not None})
        with path.open("wb") as fh:  # a file handle, so numpy does not append ".npz"
            np.savez_compressed(fh, header=np.array(header), **self.forest.arrays("help"), **extra)
        return path

    @classmethod
    def load(cls, path: str | Path) -> TreeModel:
        with np.load(Path(path), allow_pickle=False) as data:
            header = json.loads(str(data["header"]))
            if header.get("format") != FORMAT:
                raise ValueError(f"{path} is not a whittle tree difficulty model")
            config = FeatureConfig.from_dict(header["config"])
            model = cls(config, Forest.from_arrays(data, "help"), header["meta"],
                        Forest.from_arrays(data, "hurt") if header.get("gain") else None)
        if (model.forest.feature[~model.forest.leaf] >= len(config.dense_names)).any():
            raise ValueError(f"{path}: trees use features its configuration does not have")
        return model


def _boosted(dense: np.ndarray, labels: np.ndarray, depth: int) -> Forest:
    from sklearn.ensemble import HistGradientBoostingClassifier  # training only

    # Leaves of ≥ 2% of the rows (5 to 200): a leaf is a kind of request, not a few of them.
    leaf = int(np.clip(len(labels) // 50, 5, 200))
    model = HistGradientBoostingClassifier(learning_rate=LEARNING_RATE, max_iter=ITERATIONS, max_depth=depth,
                                           min_samples_leaf=leaf, early_stopping=False, random_state=0)
    return Forest.from_sklearn(model.fit(dense, labels))


def fit_trees(data: TrainingSet, depth: int = DEPTHS[0], target: str = "weak_fails") -> TreeModel:
    """Boosted trees on `data.dense` (two forests for target "gain"); hashed features are ignored."""
    labels = training_labels(data, target)
    forests = [_boosted(data.dense, y, depth) for y in labels]
    config = FeatureConfig(words=False, chars=False, response=data.config.response, options=data.config.options)
    meta = {"model": "trees", "depth": depth, "target": target, "trained_on": len(labels[0])}
    return TreeModel(config, forests[0], meta, forests[1] if len(forests) > 1 else None)
