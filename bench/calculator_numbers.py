"""How often the bundled model's calculator expression is right, by how many numbers the problem holds.

    WHITTLE_THREADS=1 .venv/bin/python bench/calculator_numbers.py [--workload bench/workload/arithmetic_dev.jsonl]

router/calculator.py lets the local model combine at most MODEL_MAX_NUMBERS of a question's numbers;
this is the measurement behind that limit. Every word problem of the dev set is read with no limit on
its numbers, the embedded model writes one expression under the calculator's grammar (its first
prompt, greedy), whittle evaluates it, and the value is graded against the line's judge. Prints a
table by count of numbers and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "workload")]
from workload import load_workload  # noqa: E402
from workload_judges import grade  # noqa: E402

UNLIMITED = 12  # numbers in one problem: more than any dev line holds


def main(argv: list[str] | None = None) -> int:
    from whittle.llm.base import OutputConstraint
    from whittle.llm.embedded import EmbeddedModel
    from whittle.router.arithmetic import evaluate
    from whittle.router.calculator import EXPRESSION_TOKENS, expression_grammar, prompt, shown_answer
    from whittle.router.conversation import question_of
    from whittle.router.word_problem import not_sensible, word_problem

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workload", type=Path, default=HERE / "workload" / "arithmetic_dev.jsonl")
    args = parser.parse_args(argv)
    model = EmbeddedModel(n_ctx=2048)
    by_count: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # right, sensible, written
    for item in load_workload(args.workload):
        problem = word_problem(question_of(item.messages), UNLIMITED)
        if problem is None:
            continue
        expression = model.complete(prompt(problem, 0), max_tokens=EXPRESSION_TOKENS, temperature=0.0,
                                    constraint=OutputConstraint(gbnf=expression_grammar(problem))).strip()
        try:
            value = evaluate(expression)
        except (ValueError, ZeroDivisionError, OverflowError):
            value = None
        sensible = value is not None and not not_sensible(problem, expression, value)
        right = sensible and grade(shown_answer(expression, value), item.judge)
        counts = by_count[len(problem.numbers)]
        counts[0] += right
        counts[1] += sensible
        counts[2] += 1
        print(f"  {item.id:10} {len(problem.numbers)} numbers  {expression!r:32} {'right' if right else 'wrong'}")
    print("\nnumbers  right / sensible / written")
    for count in sorted(by_count):
        right, sensible, written = by_count[count]
        print(f"{count:7}  {right:5} / {sensible:8} / {written:7}")
    figures = {f"right_with_{count}_numbers": by_count[count][0] for count in sorted(by_count)}
    figures.update({f"written_with_{count}_numbers": by_count[count][2] for count in sorted(by_count)})
    three_or_more = [by_count[c] for c in by_count if c >= 3]
    figures["right_with_3_or_more"] = sum(c[0] for c in three_or_more)
    figures["written_with_3_or_more"] = sum(c[2] for c in three_or_more)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
