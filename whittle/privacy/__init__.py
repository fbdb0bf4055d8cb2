"""The privacy guard: find personal data and secrets, mask them, decide what a tier may see.

    from whittle.privacy import decide

    decision = decide("trusted", messages, pinned=conversation.pinned, known=conversation.mapping)
    conversation.pinned, conversation.mapping = decision.pin, decision.mapping
    if decision.action == "keep_local": ...                 # answer locally, show decision.notice
    unmasker = decision.unmasker()                          # then, for each streamed piece:
    shown = unmasker.feed(piece) ... shown += unmasker.flush()

The module itself can be handed to the router as its ``privacy`` object: it has
``decide(trust, messages, pinned)`` and ``unmasker(mapping)``.

Modules: ``detect`` (scan), ``mask`` (placeholders and back), ``policy`` (per-trust
decisions, pinning, the ``when_uncertain`` knob), and the recognizers behind ``detect``:
``external`` (presidio), ``emails``, ``phones``, ``credentials``, ``national_ids``,
``names``, ``names_in_context`` (with ``lexicon``), ``ner`` (a spaCy pipeline, if installed).
The generated corpora that measure them live in ``bench/privacy_corpus/``.
"""

from whittle.privacy.detect import KINDS, scan, uncertain
from whittle.privacy.lexicon import ordinary_words
from whittle.privacy.mask import MaskResult, Unmasker, mask, unmask, unmasker
from whittle.privacy.names import all_name_lists
from whittle.privacy.policy import PrivacyDecision, PrivacyGuard, Trust, decide
from whittle.privacy.types import Finding


def warm_up() -> None:
    """Load presidio, the name lists and the word lists now (seconds), so the first request does not wait."""
    all_name_lists()
    ordinary_words()
    # Phone metadata loads per region on first use: touch each region presidio matches.
    scan("warm up: Jane Doe, +1 415 555 0132, 07911 123456, 06 12 34 56 78, 030 12345678, +91 98765 43210")


__all__ = [
    "KINDS",
    "Finding",
    "MaskResult",
    "PrivacyDecision",
    "PrivacyGuard",
    "Trust",
    "Unmasker",
    "decide",
    "mask",
    "scan",
    "uncertain",
    "unmask",
    "unmasker",
    "warm_up",
]
