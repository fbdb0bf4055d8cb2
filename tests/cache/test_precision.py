"""Hit precision on labelled pairs: a hand-labelled set, and a slice of the held-out QQP half.

Both run the pairs through a real AnswerCache with the shipped threshold. Each pair gets
its own context key, so a question can only match its own partner.
"""

from __future__ import annotations

import pytest
from whittle_bench import qqp

from whittle.cache import AnswerCache
from whittle.db import Database

# (stored, asked, same question?) — written for this test, not taken from any data set.
LABELLED = [
    ("What is the best way to learn the guitar as an adult beginner with little free time?",
     "What is the best way to learn guitar as an adult beginner with little free time?", 1),
    ("What are the best laptops for machine learning and deep learning research?",
     "What are the best laptop for machine learning and deep learning research?", 1),
    ("Does drinking green tea really help with losing weight and burning fat?",
     "Does drinking green tea help with losing weight and burning fat?", 1),
    ("How do I reset a forgotten Gmail password without a recovery phone number?",
     "how do i reset a forgotten gmail password without a recovery phone number", 1),
    ("What are some good exercises for strengthening the lower back muscles at home?",
     "What are good exercises for strengthening the lower back muscles at home?", 1),
    ("Why do cats knock things off tables and shelves in the middle of the night?",
     "Why do cats knock things off the tables and shelves in the middle of the night?", 1),
    ("What's the fastest way to get a US passport renewed before international travel?",
     "What is the fastest way to get a US passport renewed before international travel?", 1),
    ("How can I improve my public speaking skills?", "How can I improve my public speaking skill?", 1),
    ("How do I convert Celsius to Fahrenheit?", "How do I convert Fahrenheit to Celsius?", 0),
    ("Is Python faster than Java for web servers?", "Is Java faster than Python for web servers?", 0),
    ("Who sold Alaska to the United States?", "Who sold the United States to Alaska?", 0),
    ("How do I convert kilometres to miles in my head quickly?", "How do I convert miles to kilometres in my head quickly?", 0),
    ("Why do people like Donald Trump?", "Why don't people like Donald Trump?", 0),
    ("Should I learn Spanish before travelling to Mexico?", "Should I not learn Spanish before travelling to Mexico?", 0),
    ("What are the top 5 programming languages in 2024?", "What are the top 10 programming languages in 2024?", 0),
    ("How many calories are there in 100 grams of rice?", "How many calories are there in 200 grams of rice?", 0),
    ("Why is the sky blue during the day?", "How is the sky blue during the day?", 0),
    ("Where can I buy cheap flights to London?", "When can I buy cheap flights to London?", 0),
    ("What is the capital of France?", "What is the capital of Germany?", 0),
    ("What is the best iPhone to buy this year?", "What is the best Pixel to buy this year?", 0),
    ("What is the difference between C and C++?", "What is the difference between C and C#?", 0),
    ("Should I tell my crush that I like her?", "Should I tell my crush that I like him?", 0),
    ("What celebrity do you look like?", "What celebrity do I look like?", 0),
    ("Is it safe to eat raw eggs?", "Is it safe to eat raw eggs during pregnancy?", 0),
    ("What is the population of Paris?", "What was the population of Paris in 1900?", 0),
    ("What will be the output of the following program?", "What will be the output of the following code?", 0),
    ("Is he still interested in me?", "Is he interested in me?", 0),
]


def run_pairs(db: Database, pairs: list[tuple[str, str, int]]) -> tuple[int, int, int]:
    """(hits, true hits, positives)"""
    cache = AnswerCache(db)
    hits = true_hits = 0
    with db.transaction():
        for i, (stored, asked, label) in enumerate(pairs):
            cache.store(stored, f"answer {i}", kind="qa", context_key=f"pair-{i}", model="test")
            if cache.lookup(asked, kind="qa", context_key=f"pair-{i}") is not None:
                hits += 1
                true_hits += label
    return hits, true_hits, sum(label for _, _, label in pairs)


def test_hand_labelled_pairs_no_false_hit_and_most_paraphrases_found(db):
    hits, true_hits, positives = run_pairs(db, LABELLED)
    assert hits - true_hits == 0, "a changed question reused an answer"
    assert true_hits >= 0.75 * positives


def test_precision_on_held_out_qqp_slice(db):
    try:
        pairs = qqp.split(qqp.load_pairs())[1][:6000]
    except qqp.SharedDataMissing as error:
        pytest.skip(str(error))
    hits, true_hits, positives = run_pairs(db, [(p.text_a, p.text_b, p.label) for p in pairs])
    # QQP labels ~2-3% of pairs that are identical after normalisation as different questions,
    # so 0.99 cannot be shown on a slice this size (it gives 32 of 34 here); 0.9 still fails if the guard or the
    # edit costs loosen (with every edit cost at zero this slice gives 0.63).
    assert hits >= 15
    assert true_hits / hits >= 0.9
