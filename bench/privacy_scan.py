"""Privacy guard: detection recall per kind, false positives on benign text, scan latency.

Runs ``whittle.privacy.scan`` over the generated corpora in ``bench/privacy_corpus/``:

* ``world``  — the measured one: 16 cultures' names, internal e-mail domains, ~30
  countries' phone formats, mixed languages (``world.py``);
* ``seeded`` — the corpus the guard was first built on (a regression check: ~100%).

A value counts as found when every one of its characters lies inside some finding (so
it would be masked whole), whatever kind the finding was given. A benign text counts as
a false positive when the scan finds anything in it. Latency is per message, uncached,
after one warm-up scan (printed separately: it loads presidio and the name lists).

    .venv/bin/python bench/privacy_scan.py [--samples 1500] [--benign 400]

Ends with one JSON line: {"recall", "recall_by_kind", "false_positive_rate", ...}:
``recall``/``recall_by_kind`` on the world corpus, ``false_positive_rate`` over both
benign sets (``_world`` and ``_seeded`` apart), ``seeded_recall``, what the policy knob
``when_uncertain`` would do (``recall_uncertain_masked``: world recall with uncertain
spans masked too; ``benign_with_uncertain``: share of benign texts ``keep_local`` would
keep local), scan latency.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from privacy_corpus import Sample, benign, samples, world_benign, world_samples  # noqa: E402

from whittle.privacy import detect, warm_up  # noqa: E402


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


def recall_by_kind(corpus: list[Sample], latencies: list[float], missed: list) -> tuple[Counter, Counter]:
    found, total = Counter(), Counter()
    for sample in corpus:
        findings, ms = timed_scan(sample.text)
        latencies.append(ms)
        for value, ok in covered(sample, findings).items():
            kind = sample.secrets[value]
            total[kind] += 1
            found[kind] += ok
            if not ok:
                missed.append((kind, value, sample.text))
    return found, total


def with_uncertain(corpus: list[Sample], benign_texts: list[str]) -> tuple[float, float]:
    """(recall if uncertain spans were masked too, share of benign texts holding an uncertain span):
    what ``when_uncertain = "mask"`` gains, and how often ``"keep_local"`` would keep a clean text local."""
    found = total = 0
    for sample in corpus:
        findings = detect.scan(sample.text) + detect.uncertain(sample.text)
        for ok in covered(sample, findings).values():
            found, total = found + ok, total + 1
    doubtful = sum(bool(detect.uncertain(text)) for text in benign_texts)
    return found / total, doubtful / len(benign_texts)


def false_positives(texts: list[str], latencies: list[float]) -> list[tuple[str, list]]:
    flagged = []
    for text in texts:
        findings, ms = timed_scan(text)
        latencies.append(ms)
        if findings:
            flagged.append((text, [(f.kind, f.value) for f in findings]))
    return flagged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=1500, help="world-corpus samples (default 1500)")
    parser.add_argument("--benign", type=int, default=400, help="benign texts per benign set (default 400)")
    parser.add_argument("--show-misses", type=int, default=12, help="missed values to print (default 12)")
    args = parser.parse_args()

    start = time.perf_counter()
    warm_up()
    print(f"first scan (loads presidio and the name lists): {time.perf_counter() - start:.2f} s")

    latencies: list[float] = []
    missed: list = []
    world = list(world_samples(args.samples))
    found, total = recall_by_kind(world, latencies, missed)
    print(f"\nworld corpus ({args.samples} messages)\n{'kind':12s} {'found':>6s} {'values':>6s} {'recall':>7s}")
    for kind in sorted(total, key=lambda k: -total[k]):
        print(f"{kind:12s} {found[kind]:6d} {total[kind]:6d} {found[kind] / total[kind]:7.3f}")
    recall = sum(found.values()) / sum(total.values())
    print(f"{'all':12s} {sum(found.values()):6d} {sum(total.values()):6d} {recall:7.4f}")
    for kind, value, text in missed[: args.show_misses]:
        print(f"  missed {kind:8s} {value!r:34s} in {text[:90]!r}")

    seeded_found, seeded_total = recall_by_kind(list(samples()), [], [])
    seeded_recall = sum(seeded_found.values()) / sum(seeded_total.values())
    print(f"\nseeded corpus (regression check): recall {seeded_recall:.4f} of {sum(seeded_total.values())} values")

    rates = {}
    for label, texts in (("world", list(world_benign(args.benign))), ("seeded", list(benign(args.benign)))):
        flagged = false_positives(texts, latencies)
        rates[label] = (len(flagged), len(texts))
        print(f"\nfalse positives, {label} benign: {len(flagged)}/{len(texts)} = {len(flagged) / len(texts):.3f}")
        for found_there, count in Counter(tuple(f) for _, f in flagged).most_common(6):
            example = next(text for text, f in flagged if tuple(f) == found_there)
            print(f"  {count:3d} x {found_there}  e.g. {example[:100]!r}")
    flagged_all = sum(n for n, _ in rates.values())
    benign_all = sum(t for _, t in rates.values())
    uncertain_recall, uncertain_benign = with_uncertain(world, list(world_benign(args.benign)) + list(benign(args.benign)))
    print(f"\nwhen_uncertain = \"mask\": world recall {uncertain_recall:.4f}; "
          f"benign texts with an uncertain span (kept local by \"keep_local\"): {uncertain_benign:.3f}")  # fmt: skip

    latencies.sort()
    p50 = statistics.median(latencies)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"\nscan latency per message ({len(latencies)} messages): p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {latencies[-1]:.1f} ms")
    print(
        json.dumps(
            {
                "recall": round(recall, 4),
                "recall_by_kind": {kind: round(found[kind] / total[kind], 4) for kind in sorted(total)},
                "false_positive_rate": round(flagged_all / benign_all, 4),
                "false_positive_rate_world": round(rates["world"][0] / rates["world"][1], 4),
                "false_positive_rate_seeded": round(rates["seeded"][0] / rates["seeded"][1], 4),
                "seeded_recall": round(seeded_recall, 4),
                "recall_uncertain_masked": round(uncertain_recall, 4),
                "benign_with_uncertain": round(uncertain_benign, 4),
                "scan_p50_ms": round(p50, 2),
                "scan_p99_ms": round(p99, 2),
                "values": sum(total.values()),
                "samples": args.samples,
            }
        )
    )


if __name__ == "__main__":
    main()
