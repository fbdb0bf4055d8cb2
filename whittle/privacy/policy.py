"""What a tier may see of a conversation: ``decide(trust, messages, pinned) -> PrivacyDecision``.

Trust levels, set per tier:

* ``local`` — runs on this machine: sees everything.
* ``trusted`` — a provider the user trusts with the *shape* of their data (a company
  endpoint, a provider under contract): gets placeholders instead of values; the answer
  is unmasked here, on this machine.
* ``untrusted`` — never receives a request that carries sensitive data. The request stays
  local (the router picks a local tier, or tells the user why it could not escalate).

Pinning: once a conversation has carried sensitive data it stays pinned, even after the
message that carried it has scrolled out of the context window, because the answers
built on it may still reflect it. A pinned conversation never goes to an untrusted tier,
and goes to trusted tiers masked with the mapping kept from earlier turns.

History is re-masked on every turn: ``decide`` sees the whole conversation each time
(the assistant's answers included, which were unmasked on this machine), so a value
found in any turn — or recorded in the mapping of an earlier one — goes out as its
placeholder in every later turn's history too.

Uncertain detection (``when_uncertain``): some spans look like personal data but are too
weak to mask on their own — a capitalised sequence of unknown words with no cue ("Wahkan
Ngata will join"), a bare group of digits (``detect.uncertain``). What to do with them:

* ``"send"`` (default) — nothing: they are sent as written;
* ``"mask"`` — treat them as findings: masked for trusted tiers, kept from untrusted ones;
* ``"keep_local"`` — a request with any keeps the whole conversation turn on this machine.

``PrivacyGuard(when_uncertain=...)`` carries the choice and can be handed to the router
in place of the module.

The decision lists the *kinds* found (EMAIL, PHONE, ...), never the values, so it can be
logged as it is.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from whittle.privacy.detect import uncertain
from whittle.privacy.mask import Unmasker, mask

Action = Literal["allow", "mask", "keep_local"]
WhenUncertain = Literal["send", "mask", "keep_local"]
WHEN_UNCERTAIN = ("send", "mask", "keep_local")

# Keys whose values are protocol, not content: never scanned, never masked.
_STRUCTURAL_KEYS = frozenset({"role", "type", "id", "tool_call_id"})


class Trust(StrEnum):
    LOCAL = "local"
    TRUSTED = "trusted"
    UNTRUSTED = "untrusted"


@dataclass(frozen=True)
class PrivacyDecision:
    action: Action
    messages: list[dict]  # what may be sent to the tier: empty when keep_local
    mapping: dict[str, str] = field(default_factory=dict)  # placeholder -> value; keep it for the next turn
    kinds: list[str] = field(default_factory=list)  # kinds in the conversation: safe to log
    pin: bool = False  # the conversation must be pinned from now on
    notice: str = ""  # for the user when the request was kept local

    def unmasker(self) -> Unmasker:
        """Restores values in this tier's streamed answer (a no-op unless action is "mask")."""
        return Unmasker(self.mapping if self.action == "mask" else {})


@dataclass(frozen=True)
class PrivacyGuard:
    """The policy with its settings: what the router calls as its ``privacy`` object."""

    when_uncertain: WhenUncertain = "send"

    def __post_init__(self) -> None:
        if self.when_uncertain not in WHEN_UNCERTAIN:
            raise ValueError(
                f"unknown when_uncertain {self.when_uncertain!r}: use one of {', '.join(WHEN_UNCERTAIN)}"
            )

    def decide(self, trust, messages, pinned: bool = False, known=None) -> PrivacyDecision:
        return decide(trust, messages, pinned, known, when_uncertain=self.when_uncertain)

    def unmasker(self, mapping: Mapping[str, str]) -> Unmasker:
        return Unmasker(mapping)


def decide(
    trust: Trust | str,
    messages: Sequence[Mapping[str, Any]],
    pinned: bool = False,
    known: Mapping[str, str] | None = None,
    when_uncertain: WhenUncertain = "send",
) -> PrivacyDecision:
    """Decide what a tier of trust level ``trust`` may receive of ``messages``.

    ``pinned`` and ``known`` (the mapping of earlier turns) come from the conversation's
    stored state; store ``decision.pin`` and ``decision.mapping`` back after the call,
    whatever the action (a local turn's mapping masks its values in later remote turns).
    """
    trust = _trust(trust)
    texts = [text for message in messages for text in _texts(message)]
    result = mask(texts, known, include_uncertain=when_uncertain == "mask")
    sensitive = bool(result.kinds)
    pin = pinned or sensitive
    originals = [dict(message) for message in messages]

    if trust is Trust.LOCAL:
        return PrivacyDecision("allow", originals, dict(result.mapping), result.kinds, pin)
    if when_uncertain == "keep_local" and any(uncertain(text) for text in texts):
        return PrivacyDecision("keep_local", [], dict(result.mapping), result.kinds, pin, _UNCERTAIN_NOTICE)
    if trust is Trust.TRUSTED:
        if not sensitive:
            return PrivacyDecision("allow", originals, dict(result.mapping), result.kinds, pin)
        replacements = iter(result.texts)
        masked = [_replace_texts(message, replacements) for message in messages]
        return PrivacyDecision("mask", masked, dict(result.mapping), result.kinds, pin)
    if pin:
        notice = _notice(result.kinds)
        return PrivacyDecision("keep_local", [], dict(result.mapping), result.kinds, pin, notice)
    return PrivacyDecision("allow", originals, dict(result.mapping), result.kinds, pin)


def _trust(value: Trust | str) -> Trust:
    try:
        return Trust(value)
    except ValueError:
        allowed = ", ".join(t.value for t in Trust)
        raise ValueError(f"unknown trust level {value!r}: set the tier's trust to one of {allowed}") from None


def _texts(node: Any, key: str | None = None):
    """Every string a message carries, in a fixed order (content, parts, tool arguments)."""
    if isinstance(node, str):
        if key not in _STRUCTURAL_KEYS:
            yield node
    elif isinstance(node, Mapping):
        for k, value in node.items():
            yield from _texts(value, k)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _texts(item, key)


def _replace_texts(node: Any, replacements, key: str | None = None) -> Any:
    """A copy of ``node`` with its strings replaced, in the order ``_texts`` yields them."""
    if isinstance(node, str):
        return node if key in _STRUCTURAL_KEYS else next(replacements)
    if isinstance(node, Mapping):
        return {k: _replace_texts(value, replacements, k) for k, value in node.items()}
    if isinstance(node, list | tuple):
        return [_replace_texts(item, replacements, key) for item in node]
    return copy.copy(node)


_LABELS = {
    "EMAIL": "an e-mail address", "PHONE": "a phone number", "CARD": "a card number",
    "IBAN": "a bank account number", "IP": "an IP address", "PERSON": "a person's name",
    "API_KEY": "an API key", "TOKEN": "an access token", "PRIVATE_KEY": "a private key",
    "PASSWORD": "a password",
}  # fmt: skip


_UNCERTAIN_NOTICE = (
    "Kept on this machine: this conversation may contain personal data (a name or number the guard "
    "could not confirm), and the privacy setting keeps such conversations local."
)


def _notice(kinds: list[str]) -> str:
    if not kinds:
        return "Kept on this machine: this conversation carried personal data earlier, so no untrusted model sees it."
    labels = ", ".join(dict.fromkeys(_LABELS.get(kind, "a national ID number") for kind in kinds))
    return f"Kept on this machine: this conversation contains {labels}, which no untrusted model may see."
