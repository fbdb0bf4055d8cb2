"""The false-hit guard names the difference that forbids sharing an answer."""

from __future__ import annotations

import pytest

from whittle.cache.guard import veto
from whittle.cache.question import parse
from whittle.cache.text import normalise, stem


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("How do I convert Celsius to Fahrenheit?", "How do I convert Fahrenheit to Celsius?", "argument order differs"),
        ("Did Brutus kill Caesar?", "Did Caesar kill Brutus?", "argument order differs"),
        ("What percentage of Muslims are terrorists?", "What percentage of terrorists are Muslims?", "argument order differs"),
        ("Why do people like cats?", "Why don't people like cats?", "negation differs"),
        ("Can I live without money?", "Can I live with money?", "negation differs"),
        ("What are the top 5 movies of 2019?", "What are the top 5 movies of 2018?", "numbers differ"),
        ("What are the top three movies?", "What are the top ten movies?", "numbers differ"),
        ("Why is the sky blue?", "When is the sky blue?", "question word differs"),
        ("What is the difference between C and C++?", "What is the difference between C and C#?", "symbols differ"),
        ("What is the best phone from Apple?", "What is the best phone from Samsung?", "named entity differs"),
        ("What are the top IT job sites?", "What are the top job sites?", "named entity differs"),
        ('What are sentences with the word "abash"?', 'What are sentences with the word "abashed"?', "quoted text differs"),
        ("What does 'carpe diem' mean?", "What does 'carpe diems' mean?", "quoted text differs"),
        ("What will be the output of the following program?", "What will be the output of this program?",
         "refers to material not in the question"),
    ],
)
def test_veto_names_the_difference(a, b, reason):
    assert veto(parse(a), parse(b)) == reason
    assert veto(parse(b), parse(a)) == reason  # symmetric


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("How do I learn Python?", "how do i learn python"),
        ("How can I learn Python?", "What is the best way to learn Python?"),  # same opener after rewriting
        ("Which phone is best?", "What phone is best?"),
        ("How Can I open a PDF file?", "How can I open a PDF file?"),  # sloppy capitals are not names
        ("What Is The Best Way To Learn Java?", "What is the best way to learn Java?"),  # Title Case
        ("Why are natural resources important?", "Why are natural resources so important?"),
        ('What does "carpe diem" mean?', "What does carpe diem mean?"),  # the quoted words are there, unquoted
        ("Why don't cats purr loudly?", "Why don't cats purr so loudly?"),  # an apostrophe is not a quote
    ],
)
def test_no_veto_when_nothing_that_matters_differs(a, b):
    assert veto(parse(a), parse(b)) is None


def test_normalise_keeps_meaningful_symbols_and_drops_sentence_punctuation():
    assert normalise("  What's  C++?! ") == "what is c + +"
    assert normalise("What is C?") != normalise("What is C++?")
    assert normalise("hushed(app) “quoted”") == normalise("Hushed (app) quoted")
    assert normalise("Ｗｈａｔ is ３.５?") == "what is 3.5"  # NFKC folds full-width forms


def test_stem_joins_inflections_but_not_unrelated_words():
    assert stem("learning") == stem("learned") == stem("learn")
    assert stem("countries") == stem("country")
    assert stem("running") == stem("run")
    assert stem("better") != stem("bet")
    assert stem("business") != stem("busy")
