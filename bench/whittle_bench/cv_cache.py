"""On-disk caches for `bench/route.py --grouped-cv`, so a long comparison can be resumed.

Two things are worth keeping between runs on a 2-core machine:

- the featurised rows (each feature set of every prompt: ~13 s for MMLU + GSM8K), and
- each approach's out-of-fold scores for one (seed, fold): minutes per fold for the
  logistic model, whose inner cross-validation fits dozens of models.

Every key hashes the data (prompts and outcomes) and the source of the code that produced
the entry — the feature and model modules whole, and the approach's own functions — so an
edited feature or approach is recomputed instead of read back stale, while editing one
approach keeps the others' scores.
Files are plain `.npz`, loaded with `allow_pickle=False`.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from whittle.router.learned.difficulty import TrainingSet
from whittle.router.learned.features import FeatureConfig

_HERE = Path(__file__).resolve().parent
_LEARNED = _HERE.parents[1] / "whittle" / "router" / "learned"
FEATURE_CODE = (_LEARNED / "features.py", _LEARNED.parent / "arithmetic.py")
SCORE_CODE = (*FEATURE_CODE, _LEARNED / "difficulty.py", _HERE / "selection.py", _HERE / "routing.py",
              _HERE / "metrics.py")


def _digest(parts: Sequence[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:24]


def code_key(paths: Sequence[Path]) -> str:
    return _digest([p.read_bytes() for p in paths])


def functions_key(functions: Sequence) -> str:
    """Of functions or whole modules."""
    return _digest([inspect.getsource(f).encode() for f in functions])


def data_key(prompts: Sequence[str], weak: np.ndarray, strong: np.ndarray) -> str:
    return _digest(["\x00".join(prompts).encode(), np.asarray(weak, float).tobytes(),
                    np.asarray(strong, float).tobytes()])


class CvCache:
    """A directory of cached feature sets and fold scores; `None` directory = no caching."""

    def __init__(self, directory: Path | None):
        self.directory = directory
        self._feature_code = code_key(FEATURE_CODE) if directory else ""
        self._score_code = code_key(SCORE_CODE) if directory else ""

    def training_set(self, data: str, name: str, config: FeatureConfig, build: Callable[[], TrainingSet]) -> TrainingSet:
        if self.directory is None:
            return build()
        path = self.directory / f"features-{_digest([data.encode(), repr(config).encode(), self._feature_code.encode()])}.npz"
        if path.is_file():
            with np.load(path, allow_pickle=False) as f:
                hashed = sparse.csr_matrix((f["data"], f["indices"], f["indptr"]), shape=tuple(f["shape"]))
                return TrainingSet(config, f["dense"], hashed, f["weak"], f["strong"])
        built = build()
        h = built.hashed.tocsr()
        self._write(path, dense=built.dense, data=h.data, indices=h.indices, indptr=h.indptr,
                    shape=np.array(h.shape), weak=built.weak, strong=built.strong)
        return built

    def scores(self, key_parts: Sequence[str], compute: Callable[[], np.ndarray]) -> np.ndarray:
        if self.directory is None:
            return compute()
        path = self.directory / f"scores-{_digest([p.encode() for p in (*key_parts, self._score_code)])}.npz"
        if path.is_file():
            with np.load(path, allow_pickle=False) as f:
                return f["scores"]
        scores = compute()
        self._write(path, scores=scores)
        return scores

    def _write(self, path: Path, **arrays: np.ndarray) -> None:
        # Written beside, then renamed: an interrupted run never leaves a truncated entry.
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("wb") as fh:
            np.savez(fh, **arrays)
        partial.replace(path)
