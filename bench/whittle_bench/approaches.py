"""Routers compared under subject-grouped cross-validation (bench/whittle_bench/grouped_cv.py).

Each approach turns (featurised rows, training rows, test rows) into a routing score for the
test rows: higher = send to the strong model first. Every setting an approach has is chosen
by inner cross-validation over subject groups *inside the training rows*; none sees a test row.

- logistic: the product's current model (whittle.router.learned.difficulty, target "gain"),
  feature groups chosen as bench/route.py chooses them. Trained on MMLU only.
- logistic_joint: the same, trained on the training subjects plus all of GSM8K.
- irt: item-response-theory style. One difficulty b(x) = w·x per item, shared by both tiers
  and by MMLU and GSM8K, and one ability per tier: P(tier t right) = σ(θ_t − b(x)). Fitted as
  one logistic regression over (item, tier) rows; the score is the expected gain
  σ(θ_strong − b) − σ(θ_weak − b), which peaks on items of middle difficulty (those the
  strong tier can do and the weak one cannot) instead of rising with difficulty forever.
- trees: the "gain" target learned by shallow gradient-boosted trees over the named dense
  signals only (no hashed words): subject-agnostic, and able to learn that gain peaks at
  middle difficulty. The product's model (whittle.router.learned.trees), depth by inner CV.
- clusters: Avengers-Pro style. Prompts embedded locally (TF-IDF → truncated SVD, fitted on
  the training rows), grouped by k-means; each cluster's score is its shrunk mean gain
  (strong − weak), and a query's score is the similarity-weighted mix of its nearest clusters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from whittle.router.learned import trees as learned_trees
from whittle.router.learned.difficulty import DEFAULT_CS, TrainingSet
from whittle_bench.metrics import apgr, routing_curve
from whittle_bench.outcomes import Outcomes
from whittle_bench.selection import fold_ids


@dataclass(frozen=True)
class Pool:
    """All rows featurised once: the evaluated rows first, then training-only rows (GSM8K)."""

    data: Outcomes  # evaluated + extra rows, concatenated
    evaluated: int  # rows [0, evaluated) are scored; the rest only ever train
    sets: dict[str, TrainingSet]  # feature set name → features of every row
    groups: np.ndarray  # subject (group) of every row

    def gain(self, rows: np.ndarray) -> np.ndarray:
        return self.data.strong[rows] - self.data.weak[rows]


Scorer = Callable[[Pool, np.ndarray, np.ndarray, int], np.ndarray]


def inner_folds(pool: Pool, rows: np.ndarray, k: int, seed: int) -> np.ndarray:
    groups = [pool.groups[i] for i in rows]
    return fold_ids(len(rows), min(k, len(set(groups))), groups, seed)


def _choose(pool: Pool, rows: np.ndarray, options: Sequence, fit_score: Callable, seed: int, k: int = 3):
    """The option with the best pooled out-of-fold APGR over subject groups inside `rows`
    (scored on evaluated rows only, so the extra data set does not steer the choice)."""
    folds = inner_folds(pool, rows, k, seed)
    best, best_apgr = options[0], -np.inf
    for option in options:
        scores = np.full(len(rows), np.nan)
        for fold in np.unique(folds):
            test = folds == fold
            try:
                scores[test] = fit_score(option, rows[~test], rows[test])
            except ValueError:
                scores = None
                break
        if scores is None:
            continue
        keep = rows < pool.evaluated
        value = apgr(routing_curve(pool.data.weak[rows][keep], pool.data.strong[rows][keep], scores[keep]))
        if np.nan_to_num(value, nan=-1.0) > best_apgr:
            best, best_apgr = option, value
    return best


# -- logistic (the current model) -------------------------------------------------------


def logistic(pool: Pool, train_rows: np.ndarray, test_rows: np.ndarray, seed: int) -> np.ndarray:
    from whittle_bench.routing import (  # the harness's own training, unchanged
        Settings,
        train,
    )

    part = {name: s.subset(train_rows) for name, s in pool.sets.items()}
    data = pool.data.subset(train_rows)
    model, choice = train(part, data, Settings(seed=seed))
    return model.score_many(pool.sets[choice["features"]].subset(test_rows))


# -- IRT: shared difficulty × tier ability ------------------------------------------------


def _design(data: TrainingSet, mean: np.ndarray, scale: np.ndarray, extra: np.ndarray) -> sparse.csr_matrix:
    z = (data.dense - mean) / scale
    return sparse.hstack([sparse.csr_matrix(z), data.hashed, sparse.csr_matrix(extra[:, None])], format="csr")


def _irt_fit_score(pool: Pool, name: str, train_rows: np.ndarray, test_rows: np.ndarray,
                   cs: Sequence[float] = DEFAULT_CS) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    data = pool.sets[name]
    train, test = data.subset(train_rows), data.subset(test_rows)
    mean, scale = train.dense.mean(axis=0), train.dense.std(axis=0)
    scale[scale < 1e-9] = 1.0
    # A data-set offset in difficulty (GSM8K items are not MMLU items), scaled up so the
    # penalty barely touches it; MMLU test rows have offset 0.
    def other(rows):
        return (rows >= pool.evaluated).astype(float) * 5.0

    x_train, x_test = _design(train, mean, scale, other(train_rows)), _design(test, mean, scale, other(test_rows))
    n = x_train.shape[0]
    # (item, tier) rows: the item's features, and a tier column (the strong tier's extra ability).
    tier = sparse.csr_matrix(np.r_[np.zeros(n), np.full(n, 5.0)][:, None])
    stacked = sparse.hstack([sparse.vstack([x_train, x_train]), tier], format="csr")
    right = np.r_[pool.data.weak[train_rows] >= 0.5, pool.data.strong[train_rows] >= 0.5]
    if right.all() or not right.any():
        raise ValueError("one class only")
    scores = np.zeros(len(test_rows))
    for c in cs:  # averaged over regularisation strengths, as the product's model is
        model = LogisticRegression(C=c, solver="liblinear", max_iter=3000, tol=1e-3, random_state=0)
        model.fit(stacked, right)
        coef, intercept = model.coef_[0], float(model.intercept_[0])
        ability = coef[-1] * 5.0  # θ_strong − θ_weak
        logit_weak = x_test @ coef[:-1] + intercept
        scores += 1 / (1 + np.exp(-(logit_weak + ability))) - 1 / (1 + np.exp(-logit_weak))
    return scores / len(cs)


def irt(pool: Pool, train_rows: np.ndarray, test_rows: np.ndarray, seed: int) -> np.ndarray:
    names = list(pool.sets)
    name = _choose(pool, train_rows, names, lambda n, tr, te: _irt_fit_score(pool, n, tr, te), seed)
    return _irt_fit_score(pool, name, train_rows, test_rows)


# -- clusters over local text embeddings (Avengers-Pro style) ------------------------------

CLUSTER_KS = (8, 32)
SHRINK = 20.0  # pseudo-rows pulling a small cluster's gain towards the overall mean
TEMPERATURE = 0.05  # cosine-similarity softmax over clusters


def _embed(prompts: list[str], fit_rows: np.ndarray, seed: int) -> np.ndarray:
    """Unit-length local embeddings of all `prompts`, the vocabulary and SVD fitted on `fit_rows` only."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    tfidf = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=30000, stop_words="english")
    tfidf.fit([prompts[i] for i in fit_rows])
    a = tfidf.transform(prompts)
    svd = TruncatedSVD(n_components=min(64, a.shape[1] - 1), n_iter=3, random_state=seed)
    svd.fit(a[fit_rows])
    return normalize(svd.transform(a))


def _cluster_score(pool: Pool, k: int, embedded: np.ndarray, train_rows: np.ndarray, test_rows: np.ndarray,
                   seed: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    k = min(k, len(train_rows))
    km = KMeans(n_clusters=k, n_init=2, random_state=seed).fit(embedded[train_rows])
    gain = pool.gain(train_rows)
    counts = np.bincount(km.labels_, minlength=k)
    sums = np.bincount(km.labels_, weights=gain, minlength=k)
    cluster_gain = (sums + SHRINK * gain.mean()) / (counts + SHRINK)
    centres = km.cluster_centers_ / np.maximum(np.linalg.norm(km.cluster_centers_, axis=1, keepdims=True), 1e-9)
    sim = embedded[test_rows] @ centres.T / TEMPERATURE
    weights = np.exp(sim - sim.max(axis=1, keepdims=True))
    return (weights / weights.sum(axis=1, keepdims=True)) @ cluster_gain


def clusters(pool: Pool, train_rows: np.ndarray, test_rows: np.ndarray, seed: int) -> np.ndarray:
    # One embedding per outer fold, fitted on its training rows only (unsupervised: no outcome
    # is used), shared by the inner folds that choose k; the test rows are only transformed.
    embedded = _embed(pool.data.prompts, train_rows, seed)
    k = _choose(pool, train_rows, list(CLUSTER_KS),
                lambda k, tr, te: _cluster_score(pool, k, embedded, tr, te, seed), seed)
    return _cluster_score(pool, k, embedded, train_rows, test_rows, seed)


# -- gradient-boosted trees over the subject-agnostic dense signals -------------------------


def _trees_score(pool: Pool, depth: int, train_rows: np.ndarray, test_rows: np.ndarray) -> np.ndarray:
    """The product's tree model (whittle.router.learned.trees), target "gain", on the named
    dense features only (no hashed words, so no subject vocabulary)."""
    dense = pool.sets["dense"]
    return learned_trees.fit_trees(dense.subset(train_rows), depth, target="gain").score_many(dense.subset(test_rows))


def trees(pool: Pool, train_rows: np.ndarray, test_rows: np.ndarray, seed: int) -> np.ndarray:
    depth = _choose(pool, train_rows, list(learned_trees.DEPTHS), lambda d, tr, te: _trees_score(pool, d, tr, te), seed)
    return _trees_score(pool, depth, train_rows, test_rows)


@dataclass(frozen=True)
class Approach:
    name: str
    score: Scorer
    uses_extra: bool  # trains on the extra (GSM8K) rows too
    description: str
    code: tuple = ()  # the functions (or modules) it runs, whose source keys its cached scores

    def code_key(self) -> str:
        from whittle_bench.cv_cache import functions_key

        return functions_key((self.score, _choose, inner_folds, *self.code))


APPROACHES = {
    a.name: a
    for a in (
        Approach("logistic", logistic, False, "current model: logistic 'gain', features chosen by grouped inner CV"),
        Approach("logistic_joint", logistic, True, "the same, trained on training subjects + GSM8K"),
        Approach("irt", irt, True, "IRT: shared difficulty w·x × tier ability, MMLU + GSM8K", (_irt_fit_score, _design)),
        Approach("clusters", clusters, False, "k-means on TF-IDF/SVD, per-cluster gain (Avengers-Pro style)",
                 (_embed, _cluster_score)),
        Approach("trees", trees, False, "boosted trees on the dense signals only, 'gain', depth by grouped inner CV",
                 (_trees_score, learned_trees)),
    )
}
