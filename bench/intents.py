"""How sure must the learned intent model (whittle/agent/intents.py) be before it offers a tool?

    .venv/bin/python bench/intents.py [--examples FILE] [--seeds 5] [--c-grid 1 3 10 30] [--vector-weights 0 1 3 10]

Cross-validation grouped by source: the examples of whittle/agent/intents.jsonl carry the set they
came from ("source": the hand-written examples, or one of the bench/agent dev sets), and each source
is held out in turn, so every figure is about requests written by someone the model never learned
from. For each threshold: of the requests that ask for a tool, the share the model offers the right
tool for (recall) and, of its offers, the share that are right (precision); of the requests that
ask for none, the share it would offer a tool for (false offers). The chosen threshold is the lowest
whose precision is at least 0.90 with false offers at most 0.03 (MIN_PROBABILITY in intents.py
should be that figure); the must-call threshold, above which the planner makes the model call the
guessed tool, is the lowest with precision at least 0.99 and false offers at most 0.01
(MUST_CALL_PROBABILITY). Also: the same with sources split at random into five folds, over seeds.

Also times the sentence encoder (whittle/llm/sentence_vectors.py): all the examples in batches,
with no cache (what a first start computes), and one request at a time (median of 50).

Ends with one JSON line: threshold, precision, recall, false_offer_rate (grouped by source),
must_call_threshold, random-fold precision/recall means and standard deviations, and
encode_examples_s / encode_request_ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whittle.agent.intents import (  # noqa: E402
    DEFAULT_C,
    EXAMPLES,
    MIN_PROBABILITY,
    MUST_CALL_PROBABILITY,
    VECTOR_WEIGHT,
    Example,
    IntentModel,
    read_examples,
)
from whittle.llm.sentence_vectors import encoder  # noqa: E402

THRESHOLDS = [round(0.30 + 0.05 * i, 2) for i in range(14)]
MIN_PRECISION, MAX_FALSE_OFFERS = 0.90, 0.03
# Sure enough that the planner makes the model call the tool (intents.MUST_CALL_PROBABILITY).
MUST_CALL_PRECISION, MUST_CALL_FALSE_OFFERS = 0.99, 0.01
MIN_TOOL_EXAMPLES = 5  # a logistic model learns no class from fewer; see out_of_fold


def read(path: Path) -> tuple[list[Example], list[str]]:
    examples = read_examples(path)
    return examples, [e.source for e in examples]


def out_of_fold(examples: list[Example], folds: list[int], c: float = DEFAULT_C,
                vector_weight: float = VECTOR_WEIGHT):
    """(example, guess) for each example, the guess made by a model that never saw its fold.

    A held-out request for a tool that fewer than MIN_TOOL_EXAMPLES training examples ask for is left
    out: that measures whether the tool has examples at all, not how wording carries over (the
    examples written for a new tool are one source; held out, the model has next to none)."""
    pairs = []
    for fold in sorted(set(folds)):
        train = [e for e, f in zip(examples, folds, strict=True) if f != fold]
        counts = Counter(e.tool for e in train)
        test = [e for e, f in zip(examples, folds, strict=True)
                if f == fold and (e.tool is None or counts[e.tool] >= MIN_TOOL_EXAMPLES)]
        if not test:
            continue
        model = IntentModel(train, c=c, vector_weight=vector_weight)
        pairs += zip(test, model.guesses([e.text for e in test], [e.app for e in test]), strict=True)
    return pairs


def figures(pairs, threshold: float) -> dict[str, float]:
    offers = [(e, g) for e, g in pairs if g.tool and g.probability >= threshold]
    asking = [e for e, _ in pairs if e.tool]
    chat = [e for e, _ in pairs if not e.tool]
    right = sum(1 for e, g in offers if g.tool == e.tool)
    return {"threshold": threshold, "offers": len(offers),
            "precision": round(right / len(offers), 3) if offers else 1.0,
            "recall": round(right / len(asking), 3) if asking else 0.0,
            "false_offer_rate": round(sum(1 for e, g in offers if not e.tool) / len(chat), 3) if chat else 0.0}


def choose(table: list[dict[str, float]], min_precision: float = MIN_PRECISION,
           max_false_offers: float = MAX_FALSE_OFFERS) -> dict[str, float]:
    fine = [row for row in table if row["precision"] >= min_precision and row["false_offer_rate"] <= max_false_offers]
    return min(fine, key=lambda row: row["threshold"]) if fine else max(table, key=lambda row: row["threshold"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--c-grid", type=float, nargs="*", default=[],
                        help="also compare these regularisation strengths (IntentModel's c), grouped by source")
    parser.add_argument("--vector-weights", type=float, nargs="*", default=[],
                        help="also compare these weights of the sentence vector (0: TF-IDF only), grouped by source")
    args = parser.parse_args()
    examples, sources = read(args.examples)
    names = sorted(set(sources))
    print(f"{len(examples)} examples from {len(names)} sources: "
          + ", ".join(f"{n} {sources.count(n)}" for n in names))
    print(f"{sum(1 for e in examples if e.tool)} ask for a tool ({len({e.tool for e in examples if e.tool})} tools), "
          f"{sum(1 for e in examples if not e.tool)} for none")
    by_tool, by_tool_and_source = Counter(e.tool for e in examples), Counter((e.tool, e.source) for e in examples)
    few = [e for e in examples if e.tool and by_tool[e.tool] - by_tool_and_source[e.tool, e.source] < MIN_TOOL_EXAMPLES]
    print(f"{len(few)} ask for a tool that fewer than {MIN_TOOL_EXAMPLES} examples of other sources ask for: "
          "left out when their source is held out\n")

    grouped = out_of_fold(examples, [names.index(s) for s in sources])
    table = [figures(grouped, t) for t in THRESHOLDS]
    print("Held out by source (each source's requests judged by a model trained on the others):")
    print("  threshold  offers  precision  recall  false offers (share of no-tool requests)")
    for row in table:
        print(f"  {row['threshold']:9.2f}  {row['offers']:6}  {row['precision']:9.3f}  {row['recall']:6.3f}  "
              f"{row['false_offer_rate']:.3f}")
    chosen = choose(table)
    print(f"\nchosen: {chosen['threshold']} (lowest with precision >= {MIN_PRECISION} and false offers <= "
          f"{MAX_FALSE_OFFERS}); intents.MIN_PROBABILITY is {MIN_PROBABILITY}")
    must_call = choose(table, MUST_CALL_PRECISION, MUST_CALL_FALSE_OFFERS)
    print(f"must call: {must_call['threshold']} (lowest with precision >= {MUST_CALL_PRECISION} and false offers <= "
          f"{MUST_CALL_FALSE_OFFERS}: precision {must_call['precision']:.3f}, recall {must_call['recall']:.3f}); "
          f"intents.MUST_CALL_PROBABILITY is {MUST_CALL_PROBABILITY}")
    for name in names:
        own = [(e, g) for e, g in grouped if e.source == name]  # grouped is in fold order, not the file's
        row = figures(own, chosen["threshold"])
        print(f"  {name:24} n={len(own):4}  precision {row['precision']:.3f}  recall {row['recall']:.3f}  "
              f"false offers {row['false_offer_rate']:.3f}")

    for c in args.c_grid:
        swept = choose([figures(out_of_fold(examples, [names.index(s) for s in sources], c), t) for t in THRESHOLDS])
        print(f"  c={c:<6} chosen {swept['threshold']}: precision {swept['precision']:.3f}, recall "
              f"{swept['recall']:.3f}, false offers {swept['false_offer_rate']:.3f}  (shipped c={DEFAULT_C})")

    for weight in args.vector_weights:
        swept = choose([figures(out_of_fold(examples, [names.index(s) for s in sources], vector_weight=weight), t)
                        for t in THRESHOLDS])
        print(f"  vector weight {weight:<4} chosen {swept['threshold']}: precision {swept['precision']:.3f}, recall "
              f"{swept['recall']:.3f}, false offers {swept['false_offer_rate']:.3f}  (shipped {VECTOR_WEIGHT})")

    texts = [e.text for e in examples]
    started = time.perf_counter()
    encoder().encode(texts)
    encode_examples_s = time.perf_counter() - started
    singles = []
    for text in texts[:50]:
        started = time.perf_counter()
        encoder().encode([text])
        singles.append((time.perf_counter() - started) * 1000)
    encode_request_ms = statistics.median(singles)
    print(f"\nSentence encoder: {len(texts)} examples in {encode_examples_s:.1f} s (no cache); "
          f"one request {encode_request_ms:.1f} ms (median of {len(singles)})")

    by_seed = []
    for seed in range(args.seeds):
        order = list(range(len(examples)))
        random.Random(seed).shuffle(order)
        folds = [0] * len(examples)
        for rank, index in enumerate(order):
            folds[index] = rank % 5
        by_seed.append(figures(out_of_fold(examples, folds), chosen["threshold"]))
    precisions = [r["precision"] for r in by_seed]
    recalls = [r["recall"] for r in by_seed]
    print(f"\nRandom five folds over {args.seeds} seeds at {chosen['threshold']}: precision "
          f"{statistics.mean(precisions):.3f} ± {statistics.pstdev(precisions):.3f}, recall "
          f"{statistics.mean(recalls):.3f} ± {statistics.pstdev(recalls):.3f}")
    print(json.dumps({"threshold": chosen["threshold"], "precision": chosen["precision"], "recall": chosen["recall"],
                      "false_offer_rate": chosen["false_offer_rate"], "must_call_threshold": must_call["threshold"],
                      "random_fold_precision_mean": round(statistics.mean(precisions), 3),
                      "random_fold_precision_sd": round(statistics.pstdev(precisions), 3),
                      "random_fold_recall_mean": round(statistics.mean(recalls), 3),
                      "random_fold_recall_sd": round(statistics.pstdev(recalls), 3),
                      "encode_examples_s": round(encode_examples_s, 1), "encode_request_ms": round(encode_request_ms, 1)}))


if __name__ == "__main__":
    main()
