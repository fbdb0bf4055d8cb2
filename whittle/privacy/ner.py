"""Person names from presidio's NER recognizer, when a spaCy pipeline is installed.

No spaCy pipeline ships with whittle (the official ones are not on PyPI; see
``names.py``), so this recognizer is off by default and the rule-based ones do the work.
A user who installs one — ``pip install en_core_web_sm-3.8.0-py3-none-any.whl`` from
spaCy's releases, or any pipeline with an ``ner`` component — gets it added to the
scan automatically: the first installed pipeline is used, or the one named (a package
name or a folder) by ``WHITTLE_SPACY_MODEL``. Its PERSON entities count at presidio's
score (0.85): they are masked like any other finding.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from functools import lru_cache

from whittle.privacy.types import Candidate

MODEL_VARIABLE = "WHITTLE_SPACY_MODEL"

log = logging.getLogger(__name__)


def find_names_with_model(text: str) -> Iterator[Candidate]:
    analyze = _analyzer(os.environ.get(MODEL_VARIABLE, ""))
    if analyze is not None:
        yield from analyze(text)


def model_name(configured: str = "") -> str | None:
    """The spaCy pipeline to use: the configured one, else the first installed, else None."""
    if configured:
        return configured
    try:
        import spacy.util
    except ImportError:
        return None
    installed = sorted(spacy.util.get_installed_models())
    return installed[0] if installed else None


@lru_cache(maxsize=4)
def _analyzer(configured: str) -> Callable[[str], Iterator[Candidate]] | None:
    name = model_name(configured)
    if name is None:
        return None
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    try:
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
        engine.load()
    except OSError as error:
        raise RuntimeError(
            f"the spaCy pipeline {name!r} could not be loaded ({error}): install it, "
            f"or unset {MODEL_VARIABLE} to scan without NER"
        ) from error
    recognizer = SpacyRecognizer(supported_entities=["PERSON"])
    log.info("privacy: person names also from the spaCy pipeline %s", name)

    def analyze(text: str) -> Iterator[Candidate]:
        artifacts = engine.process_text(text, "en")
        for result in recognizer.analyze(text, ["PERSON"], artifacts):
            yield Candidate("PERSON", result.start, result.end, result.score)

    return analyze
