"""The generated corpus: 100% recall, no raw value survives masking, bounded false positives."""

from __future__ import annotations

from collections import Counter

from whittle.privacy import KINDS, decide, mask, scan
from whittle.privacy.corpus import benign, conversations, leaked_values, samples

SAMPLES = list(samples())
FALSE_POSITIVE_BOUND = 0.06  # measured: 0.035 (bench/privacy_scan.py prints it)


def test_corpus_is_large_deterministic_and_covers_every_kind():
    assert len(SAMPLES) >= 1000
    assert SAMPLES[:20] == list(samples())[:20]
    per_kind = Counter(kind for _, secrets in SAMPLES for kind in secrets.values())
    assert set(per_kind) == set(KINDS)
    assert min(per_kind.values()) >= 60
    assert sum(len(secrets) for _, secrets in SAMPLES) >= 1500


def test_scan_covers_every_character_of_every_value():
    missed = []
    for text, secrets in SAMPLES:
        findings = scan(text)
        for value, kind in secrets.items():
            start = text.index(value)
            if not all(any(f.start <= i < f.end for f in findings) for i in range(start, start + len(value))):
                missed.append((kind, value, text))
    assert missed == []


def test_masked_samples_leak_nothing():
    leaks = []
    for text, secrets in SAMPLES:
        leaks += leaked_values(mask([text]).texts[0], secrets)
    assert leaks == []


def test_masked_text_scans_clean():
    # Placeholders must not look like data themselves ("postgres://app:<PASSWORD_1>@db").
    dirty = [(masked, scan(masked)) for masked in (mask([text]).texts[0] for text, _ in SAMPLES) if scan(masked)]
    assert dirty == []


def test_leak_check_catches_raw_and_json_escaped_values():
    text, secrets = next(s for s in SAMPLES if "PRIVATE_KEY" in s.secrets.values())
    import json

    assert leaked_values(json.dumps({"messages": [{"content": text}]}), secrets)
    assert leaked_values("bonjour Priya", {"Priya Raghunathan": "PERSON"}) == ["Priya Raghunathan"]


def test_conversations_pin_after_the_sensitive_turn():
    for messages, secrets in conversations(20):
        first = decide("trusted", messages[:2])
        assert first.pin and not leaked_values(repr(first.messages), secrets)
        later = decide("untrusted", messages[3:], pinned=first.pin, known=first.mapping)
        assert later.action == "keep_local"


def test_false_positive_rate_is_bounded():
    texts = list(benign())
    flagged = [text for text in texts if scan(text)]
    rate = len(flagged) / len(texts)
    print(f"false positives: {len(flagged)}/{len(texts)} = {rate:.3f}")
    assert rate <= FALSE_POSITIVE_BOUND, flagged[:5]
