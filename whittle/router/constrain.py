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

from whittle.llm.base import OutputConstraint
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


def gbnf_literal(text: str) -> str:
    """A GBNF string literal matching `text` exactly (JSON escaping is valid GBNF escaping)."""
    return json.dumps(text, ensure_ascii=True)


def implied_constraint(check: object) -> OutputConstraint | None:
    """The constraint for a check, or None when the check implies no shape (a regex, a custom check)."""
    explicit = getattr(check, "constraint", None)  # a check may say what shape it wants
    if isinstance(explicit, OutputConstraint):
        return explicit
    if isinstance(check, ChoiceCheck) and check.choices:
        return OutputConstraint(gbnf="root ::= " + " | ".join(gbnf_literal(choice) for choice in check.choices))
    if isinstance(check, GroundedJsonCheck):
        grammar = grounded_json_grammar(check)
        if grammar is not None:
            return OutputConstraint(gbnf=grammar)
    if isinstance(check, JsonCheck):
        return OutputConstraint(json_schema=check.model.model_json_schema())
    return None


def source_words(source: str) -> list[tuple[str, bool]]:
    """(word, whether a span may go on past it) for each word of the source, punctuation stripped
    from its edges; a word followed by a clause mark ends every span through it."""
    words = []
    for raw in source.split():
        word = raw.strip(_WORD_EDGE_PUNCTUATION)
        if word.casefold() in SPAN_BARRIER_WORDS:
            if words:
                words[-1] = (words[-1][0], False)
            words.append((word, False))
        elif word:
            words.append((word, not _ENDS_CLAUSE.search(raw)))
        elif words:  # a lone dash or bracket between words is a clause mark too
            words[-1] = (words[-1][0], False)
    return words


def _possessive_stem(word: str) -> str | None:
    """ "Cafe's" -> "Cafe": a value the text names in the possessive."""
    for ending in ("'s", "’s"):
        if word.casefold().endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return None


def span_rules(source: str) -> dict[str, str] | None:
    """GBNF rules whose `span` matches any run of 1..MAX_SPAN_WORDS source words (JSON-escaped)
    that neither starts nor ends with an edge word nor crosses a clause mark; None when the source
    has no such run."""
    words = source_words(source)
    rules: dict[str, str] = {}

    def inner(word: str) -> str:
        return gbnf_literal(json.dumps(word, ensure_ascii=False)[1:-1])

    def endable(word: str) -> bool:  # "im zoe n my fav": a lone letter is shorthand, not a value
        return word.casefold() not in SPAN_EDGE_WORDS and not (len(word) == 1 and word.isalpha())

    # from-i-k: word i as the k-th word of a span; built backwards so every choice can finish.
    finishes: dict[tuple[int, int], bool] = {}
    for i in range(len(words) - 1, -1, -1):
        word, joins = words[i]
        for k in range(min(MAX_SPAN_WORDS, i + 1), 0, -1):
            go_on = joins and i + 1 < len(words) and k < MAX_SPAN_WORDS and finishes.get((i + 1, k + 1), False)
            ends = endable(word) or _possessive_stem(word) is not None
            finishes[(i, k)] = ends or go_on
            if not finishes[(i, k)]:
                continue
            choices = []
            stem = _possessive_stem(word)
            if endable(word):
                choices.append(inner(word))
            if stem is not None and endable(stem):
                choices.append(inner(stem))
            if go_on:
                choices.append(f'{inner(word)} " " from-{i + 1}-{k + 1}')
            rules[f"from-{i}-{k}"] = " | ".join(choices)
    starts = [f"from-{i}-1" for i, (word, _) in enumerate(words) if endable(word) and finishes.get((i, 1))]
    if not starts:
        return None
    rules["span"] = " | ".join(starts)
    return rules


def grounded_json_grammar(check: GroundedJsonCheck) -> str | None:
    """The check's JSON object, fields in schema order, each grounded string (or list of strings)
    a span of the source; None when the schema has a field this grammar does not shape (a number, a
    nested object): then the plain JSON-schema constraint applies and the check alone judges grounding.

    Grounded single values also start at different words: SmolLM2 copies the first value it
    picked into the next field ({"name": "Mateo", "colour": "Mateo"}, "Kestrel" from "Kestrel
    Outdoor" for the city), which the check would only escalate. The rules remember which starts
    are taken (obj-<field>-<taken starts>), so they stay few only for a few such fields; past
    MAX_DISTINCT_STATES the values are spans without that rule."""
    schema = check.model.model_json_schema()
    properties = list((schema.get("properties") or {}).items())
    spans = span_rules(check.source)
    if not properties or spans is None:
        return None
    rules = dict(spans)
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
    starts = rules["span"].split(" | ")
    singles = sum(value is None for value in values)
    distinct = singles >= 2 and math.comb(len(starts), singles - 1) * len(starts) <= MAX_DISTINCT_STATES

    def key(name: str) -> str:
        return gbnf_literal(json.dumps(name) + ": ")

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
