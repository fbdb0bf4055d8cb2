"""The output constraint a caller's check implies: answers shaped while generated, not only judged after.

A caller that passes ChoiceCheck(["positive", "negative"]) wants one of those words; one that
passes JsonCheck(Model) wants that JSON. Left free, the small local model often wraps the label
in prose or breaks the JSON, and the check then escalates a request the local tier could have
answered. With the shape enforced by a grammar the answer always parses; whether it is right is
still judged by the check's content rules and the answer's token log-probabilities.
"""

from __future__ import annotations

import json

from whittle.llm.base import OutputConstraint
from whittle.router.checks import ChoiceCheck, JsonCheck


def gbnf_literal(text: str) -> str:
    """A GBNF string literal matching `text` exactly (JSON escaping is valid GBNF escaping)."""
    return json.dumps(text, ensure_ascii=True)


def implied_constraint(check: object) -> OutputConstraint | None:
    """The constraint for a check, or None when the check implies no shape (a regex, a custom check)."""
    if isinstance(check, ChoiceCheck) and check.choices:
        return OutputConstraint(gbnf="root ::= " + " | ".join(gbnf_literal(choice) for choice in check.choices))
    if isinstance(check, JsonCheck):
        return OutputConstraint(json_schema=check.model.model_json_schema())
    explicit = getattr(check, "constraint", None)  # a custom check may say what shape it wants
    return explicit if isinstance(explicit, OutputConstraint) else None
