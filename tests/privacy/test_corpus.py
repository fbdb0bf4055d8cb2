"""The generated corpora (bench/privacy_corpus/): the seeded one at 100% recall, a slice of the
world one above measured floors, no raw value survives masking, bounded false positives."""

from __future__ import annotations

from collections import Counter

from bench.privacy_corpus import benign, conversations, leaked_values, samples, world_benign, world_samples
from whittle.privacy import KINDS, decide, mask, scan

SAMPLES = list(samples())
FALSE_POSITIVE_BOUND = 0.06  # measured: 0.035 on the seeded benign texts, 0.0275 on the world ones
# Measured on all 1,500 world samples by bench/privacy_scan.py: EMAIL 1.0, PHONE 0.998, PERSON 0.915.
WORLD_RECALL_FLOOR = {"EMAIL": 1.0, "PHONE": 0.98, "PERSON": 0.85}


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


def _recall_by_kind(corpus) -> dict[str, float]:
    found, total = Counter(), Counter()
    for text, secrets in corpus:
        findings = scan(text)
        for value, kind in secrets.items():
            start = text.index(value)
            total[kind] += 1
            found[kind] += all(any(f.start <= i < f.end for f in findings) for i in range(start, start + len(value)))
    return {kind: found[kind] / total[kind] for kind in total}


def test_world_slice_recall_stays_above_the_measured_floors():
    # Names from 16 cultures, internal e-mail domains, ~30 countries' phone formats, mixed languages.
    recall = _recall_by_kind(list(world_samples(300)))
    assert all(recall[kind] >= floor for kind, floor in WORLD_RECALL_FLOOR.items()), recall


def test_world_benign_false_positives_are_bounded():
    texts = list(world_benign(200))
    flagged = [(text, scan(text)) for text in texts if scan(text)]
    assert len(flagged) / len(texts) <= FALSE_POSITIVE_BOUND, flagged[:5]
