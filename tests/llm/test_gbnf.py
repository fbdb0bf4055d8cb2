"""The shared grammar pieces (llm/gbnf.py): literals and copied spans, compiled by llama.cpp."""

from llama_cpp import LlamaGrammar

from whittle.llm.gbnf import SpanWord, literal, span_rules


def test_a_literal_escapes_quotes_backslashes_and_newlines():
    assert literal('say "hi"\\\n') == '"say \\"hi\\"\\\\\\n"'


def test_spans_start_end_and_stop_where_the_words_say():
    words = [SpanWord("the", False, False), SpanWord("Cafe's", True, True, end_forms=("Cafe",)),
             SpanWord("menu", True, True, joins=False), SpanWord("Leeds", True, True)]
    rules, starts = span_rules(words, max_words=2, prefix="w")
    assert starts == ["w-1-1", "w-2-1", "w-3-1"]  # "the" starts none
    assert rules["w-1-1"] == '"Cafe\'s" (" " w-2-2)? | "Cafe"'  # the possessive's stem ends a span too
    assert rules["w-2-2"] == '"menu"'  # two words at most, and "menu" does not join "Leeds"
    grammar = "root ::= " + " | ".join(starts) + "\n" + "\n".join(f"{k} ::= {v}" for k, v in rules.items())
    LlamaGrammar.from_string(grammar, verbose=False)
