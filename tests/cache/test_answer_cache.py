"""AnswerCache end to end on a real SQLite file: keys, hits, misses, persistence."""

from __future__ import annotations

import pytest

from whittle.cache import CONTEXT_FREE, AnswerCache, context_hash
from whittle.db import Database

KIND = "chat"


def store(cache: AnswerCache, question: str, answer: str = "stored answer", context_key: str = CONTEXT_FREE) -> int:
    return cache.store(question, answer, kind=KIND, context_key=context_key, model="test-model")


def lookup(cache: AnswerCache, question: str, context_key: str = CONTEXT_FREE):
    return cache.lookup(question, kind=KIND, context_key=context_key)


def test_exact_hit_ignores_case_whitespace_and_sentence_punctuation(cache):
    store(cache, "What is internal PageRank?", "A score of how links flow inside one site.")
    hit = lookup(cache, "  what   is internal pagerank ")
    assert hit is not None
    assert hit.exact is True
    assert hit.similarity == 1.0
    assert hit.answer == "A score of how links flow inside one site."
    assert hit.matched_question == "What is internal PageRank?"
    assert hit.model == "test-model"


def test_contractions_are_spelled_out_for_the_exact_key(cache):
    store(cache, "What's the difference between SEO and SEM?")
    hit = lookup(cache, "What is the difference between SEO and SEM")
    assert hit is not None and hit.exact


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        # an article dropped
        ("What is the best way to learn the Python programming language for data science?",
         "What is the best way to learn Python programming language for data science?"),
        # an inflection
        ("What are the best laptops for machine learning and deep learning research?",
         "What are the best laptop for machine learning and deep learning research?"),
        # a filler word
        ("Does drinking green tea really help with losing weight and burning fat?",
         "Does drinking green tea help with losing weight and burning fat?"),
    ],
)
def test_paraphrase_hits_and_says_it_is_not_exact(cache, stored, asked):
    store(cache, stored, "the answer")
    hit = lookup(cache, asked)
    assert hit is not None, "paraphrase missed"
    assert hit.exact is False
    assert cache.threshold <= hit.similarity < 1.0
    assert hit.matched_question == stored
    assert hit.answer == "the answer"


@pytest.mark.parametrize(
    ("stored", "asked"),
    [
        ("How do I convert Celsius to Fahrenheit?", "How do I convert Fahrenheit to Celsius?"),
        ("Which is better for web development, Python or Java?", "Which is better for web development, Java or Python?"),
        ("Python vs Java for web development?", "Java vs Python for web development?"),
        ("Who sold Alaska to the United States?", "Who sold the United States to Alaska?"),
        ("Why do people like Donald Trump?", "Why don't people like Donald Trump?"),
        ("Is it possible to learn Spanish in a year?", "Is it impossible to learn Spanish in a year?"),
        ("What are the top 5 programming languages in 2024?", "What are the top 10 programming languages in 2024?"),
        ("What are the top 5 programming languages in 2024?", "What are the top five programming languages in 2024?"),
        ("Why is the sky blue?", "How is the sky blue?"),
        ("What is the capital of France?", "What is the capital of Germany?"),
        ("What is the difference between C and C++?", "What is the difference between C and C#?"),
        ("Should I tell my crush that I like her?", "Should I tell my crush that I like him?"),
        ("What celebrity do you look like?", "What celebrity do I look like?"),
        ("Is it safe to eat raw eggs?", "Is it safe to eat raw eggs during pregnancy?"),
    ],
)
def test_changed_meaning_never_hits(cache, stored, asked):
    store(cache, stored)
    assert lookup(cache, asked) is None


def test_context_key_isolates_conversations(cache):
    first = context_hash("system prompt", "[App event] The user added 'milk' to the todo list.")
    second = context_hash("system prompt", "[App event] The user deleted the todo list.")
    store(cache, "What did I just do?", "You added milk to your list.", context_key=first)
    assert lookup(cache, "What did I just do?", context_key=second) is None
    assert lookup(cache, "What did I just do?", context_key=CONTEXT_FREE) is None
    hit = lookup(cache, "what did i just do", context_key=first)
    assert hit is not None and hit.answer == "You added milk to your list."


def test_context_hash_is_length_prefixed_and_ordered():
    assert context_hash("ab", "c") != context_hash("a", "bc")
    assert context_hash("a", "b") != context_hash("b", "a")
    assert context_hash("a", "b") == context_hash("a", "b")


def test_kind_is_part_of_the_key(cache):
    cache.store("Is this email spam?", "yes", kind="classify", context_key=CONTEXT_FREE, model="m")
    assert cache.lookup("Is this email spam?", kind="chat", context_key=CONTEXT_FREE) is None
    assert cache.lookup("Is this email spam?", kind="classify", context_key=CONTEXT_FREE) is not None


def test_storing_again_replaces_the_answer(cache):
    first = store(cache, "What is crawl depth?", "old")
    second = store(cache, "what is crawl depth", "new")
    assert first == second
    assert lookup(cache, "What is crawl depth?").answer == "new"
    assert len(cache) == 1


def test_entries_and_hit_counts_survive_reopening(tmp_path):
    path = tmp_path / "cache.db"
    db = Database(path)
    cache = AnswerCache(db)
    store(cache, "What is the best way to learn the Python programming language for data science?", "practise daily")
    assert lookup(cache, "What is the best way to learn the Python programming language for data science?")
    db.close()

    reopened_db = Database(path)
    reopened = AnswerCache(reopened_db)
    exact = lookup(reopened, "what is the best way to learn the python programming language for data science")
    semantic = lookup(reopened, "What is the best way to learn Python programming language for data science?")
    assert exact is not None and exact.exact
    assert semantic is not None and not semantic.exact and semantic.answer == "practise daily"
    row = reopened_db.query_one("SELECT hits, model, kind, context_key FROM answer_cache")
    assert row["hits"] == 3
    assert (row["model"], row["kind"], row["context_key"]) == ("test-model", KIND, CONTEXT_FREE)
    reopened_db.close()


def test_a_second_instance_sees_entries_written_by_the_first(tmp_path):
    writer_db, reader_db = Database(tmp_path / "c.db"), Database(tmp_path / "c.db")
    writer, reader = AnswerCache(writer_db), AnswerCache(reader_db)
    assert lookup(reader, "Anything cached yet?") is None  # builds the reader's index
    store(writer, "What are the best laptops for machine learning and deep learning research?", "a workstation")
    hit = lookup(reader, "What are the best laptop for machine learning and deep learning research?")
    assert hit is not None and hit.answer == "a workstation"
    writer_db.close()
    reader_db.close()


def test_forget_drops_entries_from_table_and_index(cache):
    store(cache, "What are the best laptops for machine learning and deep learning research?")
    store(cache, "What is crawl depth?", context_key=context_hash("x"))
    assert cache.forget(context_key=CONTEXT_FREE) == 1
    assert lookup(cache, "What are the best laptop for machine learning and deep learning research?") is None
    assert len(cache) == 1


def test_semantic_matching_can_be_switched_off(db):
    cache = AnswerCache(db, semantic=False)
    store(cache, "What are the best laptops for machine learning and deep learning research?")
    assert lookup(cache, "What are the best laptop for machine learning and deep learning research?") is None
    assert lookup(cache, "what are the best laptops for machine learning and deep learning research") is not None
