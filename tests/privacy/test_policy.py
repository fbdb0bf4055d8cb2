"""decide(): what each trust level receives, pinning, and what is safe to log."""

from __future__ import annotations

import copy

import pytest

from whittle.privacy import decide

SENSITIVE = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "I'm Priya Raghunathan, card 4111 1111 1111 1111. Is my refund done?"},
]
CLEAN = [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "user", "content": "What is internal PageRank?"},
]


def test_local_sees_everything_and_pins():
    decision = decide("local", SENSITIVE)
    assert decision.action == "allow"
    assert decision.messages == SENSITIVE
    assert decision.pin is True
    assert decision.kinds == ["CARD", "PERSON"]


def test_trusted_gets_placeholders_and_the_answer_is_unmasked_locally():
    decision = decide("trusted", SENSITIVE)
    assert decision.action == "mask"
    body = repr(decision.messages)
    assert "4111" not in body and "Priya" not in body and "Raghunathan" not in body
    assert decision.messages[0] == SENSITIVE[0]
    assert decision.messages[1]["role"] == "user"
    unmasker = decision.unmasker()
    answer = "Hello <PERSON_1>, the refund to <CARD_1> is done."
    shown = "".join(unmasker.feed(answer[i : i + 4]) for i in range(0, len(answer), 4)) + unmasker.flush()
    assert shown == "Hello Priya Raghunathan, the refund to 4111 1111 1111 1111 is done."


def test_untrusted_never_receives_sensitive_data():
    decision = decide("untrusted", SENSITIVE)
    assert decision.action == "keep_local"
    assert decision.messages == []
    assert decision.pin is True
    assert "card number" in decision.notice and "4111" not in decision.notice


def test_clean_conversation_goes_anywhere_unchanged():
    for trust in ("local", "trusted", "untrusted"):
        decision = decide(trust, CLEAN)
        assert (decision.action, decision.messages, decision.pin, decision.kinds) == ("allow", CLEAN, False, [])


def test_pinned_conversation_stays_local_for_untrusted_even_when_clean_now():
    decision = decide("untrusted", CLEAN, pinned=True)
    assert decision.action == "keep_local" and decision.pin is True
    assert "earlier" in decision.notice


def test_pinned_conversation_keeps_masking_values_from_earlier_turns():
    first = decide("trusted", SENSITIVE)
    later = [*CLEAN[:1], {"role": "user", "content": "Is Raghunathan spelled right?"}]
    decision = decide("trusted", later, pinned=first.pin, known=first.mapping)
    assert decision.action == "mask"
    assert "Raghunathan" not in repr(decision.messages)
    assert decision.mapping.items() >= first.mapping.items()


UNCERTAIN = [{"role": "user", "content": "Please book a table for Wahkan Ngata and me."}]


def test_uncertain_names_are_sent_by_default_and_the_knob_masks_or_keeps_them_local():
    # "Wahkan Ngata": no list knows it and no cue introduces it, so scan() does not flag it.
    assert decide("trusted", UNCERTAIN).action == "allow"
    masked = decide("trusted", UNCERTAIN, when_uncertain="mask")
    assert masked.action == "mask" and "Wahkan" not in repr(masked.messages) and masked.kinds == ["PERSON"]
    assert decide("untrusted", UNCERTAIN, when_uncertain="mask").action == "keep_local"
    kept = decide("trusted", UNCERTAIN, when_uncertain="keep_local")
    assert kept.action == "keep_local" and kept.messages == [] and "could not confirm" in kept.notice
    assert decide("local", UNCERTAIN, when_uncertain="keep_local").action == "allow"
    assert decide("trusted", CLEAN, when_uncertain="keep_local").action == "allow"


def test_the_guard_object_carries_the_knob_and_rejects_unknown_values():
    from whittle.privacy import PrivacyGuard

    guard = PrivacyGuard(when_uncertain="keep_local")
    assert guard.decide("trusted", UNCERTAIN, False, known=None).action == "keep_local"
    assert guard.unmasker({"<PERSON_1>": "Wahkan Ngata"}).feed("<PERSON_1>") == "Wahkan Ngata"
    with pytest.raises(ValueError, match="send, mask, keep_local"):
        PrivacyGuard(when_uncertain="sometimes")


def test_structured_content_is_masked_and_structure_kept():
    messages = [
        {
            "role": "user",
            "name": "priya",
            "content": [{"type": "text", "text": "mail priya.r@example.com"}, {"type": "image_url", "image_url": {"url": "https://example.org/a.png"}}],
        }
    ]  # fmt: skip
    original = copy.deepcopy(messages)
    decision = decide("trusted", messages)
    assert decision.messages[0]["content"][0] == {"type": "text", "text": "mail <EMAIL_1>"}
    assert decision.messages[0]["content"][1] == messages[0]["content"][1]
    assert messages == original  # the caller's messages are not modified


def test_decision_logs_kinds_never_values():
    decision = decide("untrusted", SENSITIVE)
    logged = repr((decision.action, decision.kinds, decision.pin, decision.notice))
    assert "4111" not in logged and "Priya" not in logged


def test_unknown_trust_level_says_what_to_use():
    with pytest.raises(ValueError, match="local, trusted, untrusted"):
        decide("public", CLEAN)


def test_the_package_works_as_the_routers_privacy_object():
    from whittle import privacy

    decision = privacy.decide("trusted", SENSITIVE, False)
    unmasker = privacy.unmasker(decision.mapping)
    assert unmasker.feed("refund to <CA") + unmasker.feed("RD_1>") + unmasker.flush() == "refund to 4111 1111 1111 1111"
