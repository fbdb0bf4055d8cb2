"""bench/intents.py: grouped cross-validation chooses the threshold the product uses."""

from __future__ import annotations

import intents as intents_bench
import pytest

from whittle.agent.intents import EXAMPLES, MIN_PROBABILITY, MUST_CALL_PROBABILITY

WRITER_FOLDS = 8  # bench/intents.py holds out each of the ~30 sources; 8 folds of whole sources keep the suite fast
STEP = 0.05  # one step of intents_bench.THRESHOLDS


@pytest.mark.timeout(600)  # eight fits of the intent model on ~10,000 examples: about 3 min on two idle cores
def test_grouped_cross_validation_chooses_the_shipped_threshold():
    """Folds of whole sources (no writer in both training and test) choose thresholds within one step of
    the shipped ones; bench/intents.py, each source held out alone, chose them exactly."""
    examples, sources = intents_bench.read(EXAMPLES)
    names = sorted(set(sources))
    assert len(names) >= 3, "each source is held out in turn: one source would be no cross-validation"
    pairs = intents_bench.out_of_fold(examples, [names.index(s) % WRITER_FOLDS for s in sources])
    table = [intents_bench.figures(pairs, t) for t in intents_bench.THRESHOLDS]
    chosen = intents_bench.choose(table)
    assert abs(chosen["threshold"] - MIN_PROBABILITY) <= STEP + 1e-9, \
        "run bench/intents.py and set intents.MIN_PROBABILITY to its choice"
    assert chosen["precision"] >= intents_bench.MIN_PRECISION and chosen["false_offer_rate"] <= intents_bench.MAX_FALSE_OFFERS
    must_call = intents_bench.choose(table, intents_bench.MUST_CALL_PRECISION, intents_bench.MUST_CALL_FALSE_OFFERS)
    assert abs(must_call["threshold"] - MUST_CALL_PROBABILITY) <= STEP + 1e-9, \
        "run bench/intents.py and set intents.MUST_CALL_PROBABILITY to its must-call choice"
    assert must_call["precision"] >= intents_bench.MUST_CALL_PRECISION


def test_figures_count_offers_right_wrong_and_on_chat():
    from whittle.agent.intents import Example, Guess
    pairs = [(Example("a", "todo", "todo_add"), Guess("todo_add", 0.9)),
             (Example("b", "todo", "todo_add"), Guess("todo_delete", 0.8)),
             (Example("c", "todo", None), Guess("todo_add", 0.7)),
             (Example("d", "todo", None), Guess(None, 0.9))]
    assert intents_bench.figures(pairs, 0.75) == {"threshold": 0.75, "offers": 2, "precision": 0.5, "recall": 0.5,
                                                  "false_offer_rate": 0.0}
    assert intents_bench.figures(pairs, 0.6)["false_offer_rate"] == 0.5


def test_a_tool_with_next_to_no_training_examples_is_left_out_of_the_figures():
    from whittle.agent.intents import Example
    examples = [Example(f"add thing {i}", "todo", "todo_add", source) for source in "abc" for i in range(3)]
    examples += [Example(f"hello there {i}", "todo", None, source) for source in "abc" for i in range(3)]
    examples += [Example(f"untick thing {i}", "todo", "todo_reopen", "d") for i in range(3)]
    sources = [e.source for e in examples]
    names = sorted(set(sources))
    judged = [e for e, _ in intents_bench.out_of_fold(examples, [names.index(s) for s in sources])]
    assert not [e for e in judged if e.tool == "todo_reopen"], "held out with source d, the tool has no examples"
    assert len(judged) == 18
