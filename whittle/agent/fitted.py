"""A model fit from this package's examples once per process: on first use, or ahead of it in a
background thread (warm_up), so a server's first assistant turn does not wait the few seconds a fit takes;
and the examples read from their JSON-lines file.

agent/intents.py and agent/arg_spans.py each keep one, as their `trained` and `warm_up`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
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


class FitOnce(Generic[Model]):
    def __init__(self, fit: Callable[[], Model], thread_name: str):
        self._fit = fit
        self.thread_name = thread_name
        self._lock = threading.Lock()  # the warm-up thread and a first request fit it once between them
        self._model: Model | None = None

    def __call__(self) -> Model:
        """The fitted model, fit now if no one has yet."""
        with self._lock:
            if self._model is None:
                self._model = self._fit()
            return self._model

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
