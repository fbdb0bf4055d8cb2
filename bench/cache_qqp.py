"""Answer cache on Quora Question Pairs: hit precision and recall, threshold, lookup latency.

    .venv/bin/python bench/cache_qqp.py [--target 0.99] [--tune] [--latency-entries 5000]

1. Calibration: the first half of ../shared/data/qqp/qqp_pairs_dev.jsonl.gz (20,149
   pairs). Every pair is parsed, vetoed or scored; the threshold is the lowest one whose
   calibration hits reach --target precision (judged only once it has ≥ 100 hits).
   --tune first re-searches the edit costs on this half and prints them.
2. Held-out: the second half (20,149 pairs), run through a real AnswerCache in a temp
   SQLite file, twice: repeats only (the product default) and repeats + similar questions
   at the threshold from step 1 (`[router] cache_similar = true`). Each pair gets its own
   context key, so text_b can only match its own text_a: store(text_a), lookup(text_b).
   A hit on a label-1 pair is a true hit, on a label-0 pair a false hit; recall is true
   hits / label-1 pairs. The full set, no sampling. QQP labels some pairs that are one
   question as the cache keys it (case, spacing and punctuation aside) "different";
   "corrected" precision counts hits on exactly those pairs as true and takes every other
   label as given, and the report prints the ceiling such label noise puts on any cache.
3. Latency: --latency-entries held-out questions stored under one context key, then
   2,000 other questions looked up (exact, semantic hits and misses mixed).
4. mock_data.json (999 LLM-written paraphrases, GPTCache): recall only, for reference.

Ends with one JSON line: {"precision", "precision_corrected", "recall", "label_noise_ceiling",
"threshold", "similar_precision", "similar_precision_corrected", "similar_recall", "lookup_p99_ms", ...}
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from whittle_bench import cache_calibrate as calibrate  # noqa: E402
from whittle_bench import qqp  # noqa: E402

from whittle.cache import CONTEXT_FREE, DEFAULT_THRESHOLD, AnswerCache, similarity  # noqa: E402
from whittle.db import Database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=0.99, help="precision to reach on the calibration half")
    parser.add_argument("--tune", action="store_true", help="re-search the edit costs on the calibration half")
    parser.add_argument("--latency-entries", type=int, default=5000)
    parser.add_argument("--examples", type=int, default=12, help="false hits to print")
    args = parser.parse_args()

    try:
        pairs = qqp.load_pairs()
    except qqp.SharedDataMissing as error:
        print(error, file=sys.stderr)
        return 2
    calibration, held_out = qqp.split(pairs)
    started = time.perf_counter()

    print(f"QQP pairs: {len(pairs):,} ({sum(p.label for p in pairs):,} duplicates)")
    print(f"calibration: first {len(calibration):,} pairs; held-out: last {len(held_out):,} pairs\n")

    scored = calibrate.score_pairs(calibration)
    costs = dict(similarity.COSTS)
    if args.tune:
        costs, _ = calibrate.tune_costs(scored, args.target)
        print(f"tuned costs: {costs}  (shipped: {similarity.COSTS})")
        similarity.COSTS.update(costs)
    chosen = calibrate.choose_threshold(calibrate.similarities(scored, costs), calibrate.labels(scored), args.target)
    # Rounded down, so the rounded threshold still takes every calibration hit it was chosen for.
    threshold = math.floor(chosen.threshold * 1000) / 1000 if chosen.hits else 1.01
    print(f"calibration @ target precision {args.target}: threshold {threshold}")
    print(f"  hits {chosen.hits}, false hits {chosen.false_hits}, precision {chosen.precision:.4f}, recall {chosen.recall:.4f}")
    if abs(threshold - DEFAULT_THRESHOLD) > 1e-3:
        print(f"  note: the shipped DEFAULT_THRESHOLD is {DEFAULT_THRESHOLD}; this run uses {threshold}")
    vetoes: dict[str, int] = {}
    for s in scored:
        if s.veto and s.pair.label == 0:
            vetoes[s.veto] = vetoes.get(s.veto, 0) + 1
    print("  guard vetoes on calibration non-duplicates: " + ", ".join(f"{k} {v}" for k, v in sorted(vetoes.items(), key=lambda kv: -kv[1])))

    ceiling = [p for p in held_out if qqp.same_text(p)]
    ceiling_precision = sum(p.label for p in ceiling) / len(ceiling)
    print(f"\nlabel noise: {len(ceiling)} held-out pairs are one question as the cache keys it (case, spacing,")
    print(f"  punctuation aside); QQP labels {sum(1 - p.label for p in ceiling)} of them different, so any cache that answers")
    print(f"  repeats scores at most {ceiling_precision:.4f} precision on these labels. 'corrected' below counts a hit")
    print("  on such a pair as true; every other label is taken as given.")

    exact = run_held_out(held_out, threshold, semantic=False)
    similar = run_held_out(held_out, threshold, semantic=True)
    for title, held in (("repeats only (the default: [router] cache_similar = false)", exact),
                        (f"repeats + similar questions @ threshold {threshold} (cache_similar = true)", similar)):
        print(f"\nheld-out through AnswerCache, {title}:")
        print(f"  pairs {len(held_out):,}, duplicates {held['positives']:,}")
        print(f"  hits {held['hits']} (exact {held['exact_hits']}), true {held['true_hits']}, false {held['false_hits']}"
              f" (of which same text {held['false_same_text']})")
        print(f"  precision {held['precision']:.4f}   corrected {held['precision_corrected']:.4f}"
              f"   recall {held['recall']:.4f}   false-hit rate {held['false_hit_rate']:.4f}")
        print(f"  false hits ({min(args.examples, held['false_hits'])} of {held['false_hits']}; label 0 in QQP):")
        for sim, a, b in held["false_examples"][: args.examples]:
            print(f"    {sim:.3f}  {a!r}  ~  {b!r}")
    print("\n  held-out curve of the similar match (for the trade-off; the threshold was fixed on calibration):")
    held_scored = calibrate.score_pairs(held_out)
    held_sims, held_labels = calibrate.similarities(held_scored, costs), calibrate.labels(held_scored)
    for t in sorted({threshold, 1.0, 0.8, 0.7, 0.6, 0.55, 0.5, 0.45}, reverse=True):
        o = calibrate.outcome(held_sims, held_labels, t)
        print(f"    threshold {t:.3f}: hits {o.hits:4d}  false {o.false_hits:3d}  precision {o.precision:.4f}  recall {o.recall:.4f}")
    unguarded = calibrate.score_pairs(held_out, guard=False)
    unguarded_sims = calibrate.similarities(unguarded, costs)
    print("  without the guard (similarity alone):")
    for t in (threshold, 0.5, 0.4):
        o, g = calibrate.outcome(unguarded_sims, held_labels, t), calibrate.outcome(held_sims, held_labels, t)
        print(f"    threshold {t:.3f}: precision {o.precision:.4f} ({o.false_hits} false of {o.hits})"
              f"  vs guarded {g.precision:.4f} ({g.false_hits} false of {g.hits})")

    latency = run_latency(held_out, args.latency_entries, threshold)
    print(f"\nlookup latency with {latency['entries']:,} entries under one context key ({latency['lookups']:,} lookups):")
    print(f"  wall: p50 {latency['p50_ms']:.3f} ms   p99 {latency['p99_ms']:.3f} ms   max {latency['max_ms']:.3f} ms   hits {latency['hits']}")
    print(f"  CPU:  p50 {latency['cpu_p50_ms']:.3f} ms   p99 {latency['cpu_p99_ms']:.3f} ms   (wall minus waiting for a core on a busy machine)")

    mock = run_mock(threshold)
    if mock is not None:
        print(f"\nmock_data.json (LLM paraphrases, all positive): recall {mock['recall']:.4f} ({mock['hits']} of {mock['pairs']})")

    print(f"\nelapsed {time.perf_counter() - started:.1f} s")
    print(
        json.dumps(
            {
                "policy": "repeats",
                "precision": round(exact["precision"], 4),
                "precision_corrected": round(exact["precision_corrected"], 4),
                "recall": round(exact["recall"], 4),
                "hits": exact["hits"],
                "false_hits": exact["false_hits"],
                "false_hit_rate": round(exact["false_hit_rate"], 4),
                "label_noise_ceiling": round(ceiling_precision, 4),
                "threshold": threshold,
                "similar_precision": round(similar["precision"], 4),
                "similar_precision_corrected": round(similar["precision_corrected"], 4),
                "similar_recall": round(similar["recall"], 4),
                "similar_hits": similar["hits"],
                "similar_false_hits": similar["false_hits"],
                "lookup_p99_ms": round(latency["p99_ms"], 3),
                "lookup_p50_ms": round(latency["p50_ms"], 3),
                "held_out_pairs": len(held_out),
                "calibration_precision": round(chosen.precision, 4),
            }
        )
    )
    return 0


def run_held_out(pairs: list[qqp.Pair], threshold: float, *, semantic: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db")
        cache = AnswerCache(db, threshold=threshold, semantic=semantic)
        hits = exact = true_hits = false_same_text = 0
        false_examples: list[tuple[float, str, str]] = []
        with db.transaction():  # one commit for the whole run: the bench measures matching, not fsync
            for i, pair in enumerate(pairs):
                context = f"pair-{i}"
                cache.store(pair.text_a, f"answer {i}", kind="qa", context_key=context, model="bench")
                hit = cache.lookup(pair.text_b, kind="qa", context_key=context)
                if hit is None:
                    continue
                hits += 1
                exact += hit.exact
                if pair.label:
                    true_hits += 1
                else:
                    false_same_text += qqp.same_text(pair)
                    false_examples.append((hit.similarity, pair.text_a, pair.text_b))
        db.close()
    positives = sum(p.label for p in pairs)
    false_hits = hits - true_hits
    return {
        "hits": hits,
        "exact_hits": exact,
        "true_hits": true_hits,
        "false_hits": false_hits,
        "positives": positives,
        "false_same_text": false_same_text,
        "precision": true_hits / hits if hits else 1.0,
        "precision_corrected": (true_hits + false_same_text) / hits if hits else 1.0,
        "recall": true_hits / positives if positives else 0.0,
        "false_hit_rate": false_hits / hits if hits else 0.0,
        "false_examples": sorted(false_examples, reverse=True),
    }


def run_latency(pairs: list[qqp.Pair], entries: int, threshold: float) -> dict:
    stored = pairs[:entries]
    # Lookups: paraphrase partners of stored questions (some hit) and unrelated questions (miss).
    probes = [p.text_b for p in stored[:1000]] + [p.text_b for p in pairs[entries : entries + 1000]]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "latency.db")
        cache = AnswerCache(db, threshold=threshold)
        with db.transaction():
            for i, pair in enumerate(stored):
                cache.store(pair.text_a, f"answer {i}", kind="qa", context_key=CONTEXT_FREE, model="bench")
        cache.lookup("warm-up question", kind="qa", context_key=CONTEXT_FREE)
        timings, cpu, hits = [], [], 0
        for probe in probes:
            c0, t0 = time.thread_time(), time.perf_counter()
            hit = cache.lookup(probe, kind="qa", context_key=CONTEXT_FREE)
            timings.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
            hits += hit is not None
        db.close()
    timings.sort()
    cpu.sort()
    return {
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p99_ms": float(np.percentile(cpu, 99)),
        "entries": len(stored),
        "lookups": len(timings),
        "p50_ms": statistics.median(timings),
        "p99_ms": float(np.percentile(timings, 99)),
        "max_ms": timings[-1],
        "hits": hits,
    }


def run_mock(threshold: float) -> dict | None:
    try:
        pairs = qqp.load_mock_paraphrases()
    except qqp.SharedDataMissing:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "mock.db")
        cache = AnswerCache(db, threshold=threshold)
        hits = 0
        for i, (origin, similar) in enumerate(pairs):
            cache.store(origin, "x", kind="qa", context_key=f"m{i}", model="bench")
            hits += cache.lookup(similar, kind="qa", context_key=f"m{i}") is not None
        db.close()
    return {"pairs": len(pairs), "hits": hits, "recall": hits / len(pairs) if pairs else 0.0}


if __name__ == "__main__":
    raise SystemExit(main())
