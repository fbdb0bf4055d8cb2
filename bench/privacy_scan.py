"""Privacy guard: detection recall per kind, false positives, scan latency.

Runs ``whittle.privacy.scan`` over the seeded corpus (``whittle/privacy/corpus.py``): a
value counts as found when every one of its characters lies inside some finding (so it
would be masked whole), whatever kind the finding was given. Latency is per message,
uncached, after one warm-up scan (the first scan imports presidio and spaCy: printed
separately). Also prints recall on the corpus's "hard" samples, the documented gaps.

    .venv/bin/python bench/privacy_scan.py [--samples 1200] [--benign 400]

Ends with one JSON line: {"recall": ..., "false_positive_rate": ..., "scan_p99_ms": ...}
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from whittle.privacy import detect, warm_up  # noqa: E402
from whittle.privacy.corpus import Sample, benign, hard_samples, samples  # noqa: E402


def covered(sample: Sample, findings: list[detect.Finding]) -> dict[str, bool]:
    result = {}
    for value in sample.secrets:
        start = sample.text.index(value)
        result[value] = all(any(f.start <= i < f.end for f in findings) for i in range(start, start + len(value)))
    return result


def timed_scan(text: str) -> tuple[list[detect.Finding], float]:
    start = time.perf_counter()
    findings = detect.scan(text)
    return findings, (time.perf_counter() - start) * 1000


def recall_by_kind(corpus: list[Sample], latencies: list[float] | None = None) -> tuple[Counter, Counter]:
    found, total = Counter(), Counter()
    for sample in corpus:
        findings, ms = timed_scan(sample.text)
        if latencies is not None:
            latencies.append(ms)
        for value, ok in covered(sample, findings).items():
            total[sample.secrets[value]] += 1
            found[sample.secrets[value]] += ok
    return found, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=1200)
    parser.add_argument("--benign", type=int, default=400)
    args = parser.parse_args()

    start = time.perf_counter()
    warm_up()
    print(f"first scan (loads presidio, spaCy, name lists): {time.perf_counter() - start:.2f} s")

    latencies: list[float] = []
    found, total = recall_by_kind(list(samples(args.samples)), latencies)
    print(f"\n{'kind':12s} {'found':>6s} {'values':>6s} {'recall':>7s}")
    for kind in detect.KINDS:
        print(f"{kind:12s} {found[kind]:6d} {total[kind]:6d} {found[kind] / total[kind]:7.3f}")
    recall = sum(found.values()) / sum(total.values())
    print(f"{'all':12s} {sum(found.values()):6d} {sum(total.values()):6d} {recall:7.4f}")

    hard_found, hard_total = recall_by_kind(list(hard_samples()))
    print("\nknown gaps (hard_samples: not promised):")
    for kind in sorted(hard_total):
        print(f"  {kind:10s} {hard_found[kind]}/{hard_total[kind]} = {hard_found[kind] / hard_total[kind]:.2f}")

    texts = list(benign(args.benign))
    flagged = []
    for text in texts:
        findings, ms = timed_scan(text)
        latencies.append(ms)
        if findings:
            flagged.append((text, [(f.kind, f.value) for f in findings]))
    false_positive_rate = len(flagged) / len(texts)
    print(f"\nfalse positives: {len(flagged)}/{len(texts)} benign texts = {false_positive_rate:.3f}")
    by_finding = Counter(tuple(found_there) for _, found_there in flagged)
    for found_there, count in by_finding.most_common(8):
        example = next(text for text, f in flagged if tuple(f) == found_there)
        print(f"  {count:3d} x {found_there}  e.g. {example!r}")

    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(
        f"\nscan latency per message ({len(latencies)} messages): p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {latencies[-1]:.1f} ms"
    )
    print(
        json.dumps(
            {
                "recall": round(recall, 4),
                "false_positive_rate": round(false_positive_rate, 4),
                "scan_p50_ms": round(p50, 2),
                "scan_p99_ms": round(p99, 2),
                "values": sum(total.values()),
                "samples": args.samples,
            }
        )
    )


if __name__ == "__main__":
    main()
