"""The output constraint a caller's check implies: answers shaped while generated, not only judged after.

A caller that passes ChoiceCheck(["positive", "negative"]) wants one of those words; one that
passes JsonCheck(Model) wants that JSON. Left free, the small local model often wraps the label
in prose or breaks the JSON, and the check then escalates a request the local tier could have
answered. With the shape enforced by a grammar the answer always parses; whether it is right is
still judged by the check's content rules and the answer's token log-probabilities.

A GroundedJsonCheck (extract values the user wrote) goes further: each grounded string value may
only be a span of the source text's words, so the model chooses where a value is, never how to
spell it. Held to the JSON schema alone, SmolLM2-135M invents or garbles values ("Lyon Office",
a colour the user never wrote), and the check escalates them (bench/workload/extraction_dev.py).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace

from whittle.llm.base import OutputConstraint
from whittle.llm.gbnf import SpanWord, literal, span_rules
from whittle.router.checks import ChoiceCheck, GroundedJsonCheck, JsonCheck

# A copied value does not start or end with these: "I'm Sarah" names "Sarah", "is blue" is "blue".
SPAN_EDGE_WORDS = frozenset(
    "a an the and or of to in at on for from by with as is am are was be it its i i'm im me my we our you "
    "your he she they this that here there called named call hi hey hello yes no not but so please "
    "about before after until dated lol ok okay sup yo hiya tbh idk hmm um oh well just haha".split()
)
# Nor does one run through these: "19 June about the website" is a date and a topic, not a date.
SPAN_BARRIER_WORDS = frozenset("about before after until since during dated because regarding".split())
MAX_SPAN_WORDS = 6  # a name, a company, a date; a longer "value" is the model copying the sentence
MAX_LIST_ITEMS = 5
MAX_DISTINCT_STATES = 5000  # alternatives the distinct-starts rules may hold (see grounded_json_grammar)
_WORD_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’—–-"
# A span never runs past a clause mark: "Norwood Tiles (Leeds)" holds two values, not one.
_ENDS_CLAUSE = re.compile(r"""[,;:.!?()\[\]{}—–]["”’']?$|^["“‘'(\[]?[—–]""")


def implied_constraint(check: object) -> OutputConstraint | None:
    """The constraint for a check, or None when the check implies no shape (a regex, a custom check)."""
    explicit = getattr(check, "constraint", None)  # a check may say what shape it wants
    if isinstance(explicit, OutputConstraint):
        return explicit
    if isinstance(check, ChoiceCheck) and check.choices:
        return OutputConstraint(gbnf="root ::= " + " | ".join(literal(choice) for choice in check.choices))
    if isinstance(check, GroundedJsonCheck):
        grammar = grounded_json_grammar(check)
        if grammar is not None:
            return OutputConstraint(gbnf=grammar)
    if isinstance(check, JsonCheck):
        return OutputConstraint(json_schema=check.model.model_json_schema())
    return None


def source_words(source: str) -> list[SpanWord]:
    """The source's words, punctuation stripped from their edges, as a copied value may use them:
    it starts and ends on no edge word, ends on a possessive's stem too, and a word followed by a
    clause mark (or a barrier word) ends every span through it."""
    words: list[SpanWord] = []

    def stop_before() -> None:
        if words:
            words[-1] = replace(words[-1], joins=False)

    for raw in source.split():
        word = raw.strip(_WORD_EDGE_PUNCTUATION)
        if not word:  # a lone dash or bracket between words is a clause mark too
            stop_before()
            continue
        barrier = word.casefold() in SPAN_BARRIER_WORDS
        if barrier:
            stop_before()
        stem = _possessive_stem(word)
        words.append(SpanWord(word, _endable(word), _endable(word), not barrier and not _ENDS_CLAUSE.search(raw),
                              (stem,) if stem is not None and _endable(stem) else ()))
    return words


def _endable(word: str) -> bool:
    """Whether a copied value may start or end on this word ("im zoe n my fav": a lone letter is
    shorthand, not a value)."""
    return word.casefold() not in SPAN_EDGE_WORDS and not (len(word) == 1 and word.isalpha())


def _possessive_stem(word: str) -> str | None:
    """ "Cafe's" -> "Cafe": a value the text names in the possessive."""
    for ending in ("'s", "’s"):
        if word.casefold().endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return None


def grounded_json_grammar(check: GroundedJsonCheck, *, distinct_starts: bool = True) -> str | None:
    """The check's JSON object, fields in schema order, each grounded string (or list of strings)
    a span of the source; None when the schema has a field this grammar does not shape (a number, a
    nested object): then the plain JSON-schema constraint applies and the check alone judges grounding.

    Grounded single values also start at different words: SmolLM2 copies the first value it
    picked into the next field ({"name": "Mateo", "colour": "Mateo"}, "Kestrel" from "Kestrel
    Outdoor" for the city), which the check would only escalate. The rules remember which starts
    are taken (obj-<field>-<taken starts>), so they stay few only for a few such fields; past
    MAX_DISTINCT_STATES, or with distinct_starts=False, the values are spans without that rule."""
    schema = check.model.model_json_schema()
    properties = list((schema.get("properties") or {}).items())
    rules, starts = span_rules(source_words(check.source), MAX_SPAN_WORDS, "from")
    if not properties or not starts:
        return None
    rules["span"] = " | ".join(starts)
    rules["free"] = '"\\"" ( [^"\\\\\\n] | "\\\\" ["\\\\/nt] )* "\\""'
    quoted = '"\\"" span "\\""'
    values: list[str | None] = []  # None: a grounded single value, chosen with its start below
    for name, field in properties:
        grounded = check.fields is None or name in check.fields
        if field.get("type") == "array" and field.get("items", {}).get("type") == "string":
            item = quoted if grounded else "free"
            more = f'(", " {item})?' * (MAX_LIST_ITEMS - 1)
            values.append(f'"[" {item} {more} "]"')
        elif field.get("type") == "string":
            values.append(None if grounded else "free")
        else:
            return None
    singles = sum(value is None for value in values)
    distinct = distinct_starts and singles >= 2 and math.comb(len(starts), singles - 1) * len(starts) <= MAX_DISTINCT_STATES

    def key(name: str) -> str:
        return literal(json.dumps(name) + ": ")

    def rest(index: int, taken: frozenset[int]) -> str:
        """The rule for the object from field `index` on, with these span starts taken."""
        if None not in values[index:]:
            taken = frozenset()  # no grounded single value left to keep apart
        rule = f"obj-{index}" + "".join(f"-{t}" for t in sorted(taken))
        if rule in rules:
            return rule
        if index == len(properties):
            rules[rule] = '"}"'
            return rule
        comma = '", " ' if index else ""
        name, value = properties[index][0], values[index]
        if value is not None:
            rules[rule] = f"{comma}{key(name)} {value} {rest(index + 1, taken)}"
        elif not distinct:
            rules[rule] = f"{comma}{key(name)} {quoted} {rest(index + 1, taken)}"
        else:
            choices = [f'"\\"" {start} "\\"" {rest(index + 1, taken | {at})}'
                       for at, start in enumerate(starts) if at not in taken]
            rules[rule] = f"{comma}{key(name)} (" + " | ".join(choices) + ")"
        return rule

    rules["root"] = f'"{{" {rest(0, frozenset())}'
    return "\n".join(f"{name} ::= {body}" for name, body in reversed(rules.items()))
