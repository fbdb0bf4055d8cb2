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
decisions and pinning), ``corpus`` (seeded test data), and the recognizers behind
``detect``: ``external`` (presidio), ``credentials``, ``national_ids``, ``names``.
"""

from whittle.privacy.detect import KINDS, scan
from whittle.privacy.mask import MaskResult, Unmasker, mask, unmask, unmasker
from whittle.privacy.policy import PrivacyDecision, Trust, decide
from whittle.privacy.types import Finding


def warm_up() -> None:
    """Load presidio and the name lists now (~3-4 s), so the first request does not wait."""
    # Phone metadata loads per region on first use: touch each region presidio matches.
    scan("warm up: Jane Doe, +1 415 555 0132, 07911 123456, 06 12 34 56 78, 030 12345678, +91 98765 43210")


__all__ = [
    "KINDS",
    "Finding",
    "MaskResult",
    "PrivacyDecision",
    "Trust",
    "Unmasker",
    "decide",
    "mask",
    "scan",
    "unmask",
    "unmasker",
    "warm_up",
]
