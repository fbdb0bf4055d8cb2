"""The grammar a tool call is generated under (llama.cpp GBNF), so even a 135M model's output parses.

The answer is a JSON list of calls, `[]` when no tool fits:

    [{"name": "todo_add", "arguments": {"text": "milk"}}, {"name": "todo_add", "arguments": {"text": "eggs"}}]

What the grammar allows, built from each pre-selected tool's pydantic JSON schema:
- the tool name: only the pre-selected tools;
- a string argument: only a span of the request's words ("milk", "call mum") or one of the open
  app's state values the request names a word of (a todo's text, a step's name). A tiny model
  asked for free JSON strings garbles them ("to do_add"); asked to copy a span it gets them
  right. It also means an argument can never be text the user did not type or the app does not
  hold. Spans follow the request's own boundaries: a quoted text is taken whole, a span stops at
  a comma, and never holds the verb that asked for the tool (span_words);
- integers: the numbers the request names ("position 2", "the top"), any when it names none;
- an enum (Literal / Enum): its values; of string values, those the request names a word of when
  it names any ("take me to the cost dashboard": the ways of saying the Costs app, not the others);
- numbers, booleans and null by type; lists of those.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from whittle.agent.request_form import ALL_VERBS, QUOTED_TEXT, leading_verbs, stem
from whittle.agent.select import action_words, object_words
from whittle.llm.gbnf import SpanWord, json_inner, literal, span_rules
from whittle.tools import Tool

MAX_CALLS = 3  # "add milk, eggs and bread" is three calls; more in one turn is not a request we expect
MAX_SPAN_WORDS = 12  # a copied argument longer than this is not an argument
MAX_STATE_VALUES = 60
# What a request calls the place, not the thing: "add bread to my todo list" adds "bread".
NOUNS = frozenset({"list", "todo", "item", "entry", "task", "profile", "app", "page", "step"})
# What a todo opens with when it is a deed of its own ("add buy nappies and pick up prescription").
DEED_VERBS = frozenset("buy get grab order pick call ring phone pay book email text send post print return renew collect "
                       "clean fix wash write read check cancel tell ask take bring make cook feed walk water mow visit "
                       "meet finish submit file sort tidy drop fill sign".split())


def request_words(text: str) -> list[str]:
    """The request's words, as they may be copied: whitespace-split, surrounding punctuation stripped."""
    found = []
    for raw in text.split():
        word = raw.strip(".,;:!?\"'()[]{}“”‘’")
        if word and not DASH.fullmatch(word):
            found.append(word)
    return found


class SchemaError(ValueError):
    """A tool's parameter schema uses something the call grammar cannot express; says which field."""


# Words a copied argument never starts or ends with: "switch to the Work profile" names "Work",
# not "to the Work profile". Inside a span they stay ("call the plumber").
EDGE_WORDS = frozenset(
    "a an the to my on of in at for from with and or as is it this that me your our into onto called named "
    "please pls plz now then also so but because if where what when which who how i we you us he she they them instead".split()
)
DASH = re.compile(r"[-–—]+")
# After a dash, up to the clause's end: words that make it a new clause ("— just put it on the list", "- done",
# "- NO jack put that down") rather than more of the thing ("electricity bill - BSES", "gym - legs day").
_AFTER_DASH = re.compile(r"^[^,;.!?]*?(?=[,;.!?]|\s(?:and|then)\b|$)", re.IGNORECASE)
_OPENS_A_CLAUSE = frozenset("i you it its it's that this he she we they me no not done just can could pls please".split())


def dash_joins(after: str, said_before: Sequence[str]) -> bool:
    """"add quote for bathroom refit - jenkins", "rename gym to gym - legs day": a dash inside the thing,
    when an action word came before it and what follows it, to the clause's end, is words of a thing."""
    following = re.findall(r"[\w']+", _AFTER_DASH.match(after.strip()).group(0))
    labelled = re.match(r"\s*[\w' ]{1,30}:", after)  # "… please - competitors: Figma, Sketch": a step given its value
    return (bool(following) and not labelled and any(stem(w.casefold()) in ALL_VERBS for w in said_before)
            and said_before[-1].casefold() not in _OPENS_A_CLAUSE
            and not any(w.casefold() in _OPENS_A_CLAUSE or stem(w.casefold()) in ALL_VERBS for w in following))
VERB_PARTICLES = frozenset({"back", "up", "off", "over", "out", "down", "through", "on"})  # "go back": the verb's
# A span does not run past a clause mark: "add flour, sugar" is two items, not "flour sugar".
_STOPS_SPAN = re.compile(r"""[,;:.!?()\[\]{}]["”’']?$""")
# The numbers a request can name for an integer argument ("position 2", "number three", "the top").
NUMBER_WORDS = {
    **{w: n for n, w in enumerate("one two three four five six seven eight nine ten".split(), 1)},
    **{w: n for n, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)},
    "top": 1,
}


def _quoted_ranges(request: str) -> list[tuple[int, int]]:
    """Character ranges of the quoted texts in the request (the quotes excluded)."""
    return [(m.start(1), m.end(1)) for m in QUOTED_TEXT.finditer(request)]


def with_inner_dashes(phrase: str, copied: str, said_before: Sequence[str]) -> str:
    """`copied`, the phrase's words, with the dashes inside the thing put back ("electricity bill - BSES")."""
    for dash in re.finditer(r"([\w']+)\s+([-–—]+)\s+(?=([\w']+))", phrase):
        if dash_joins(phrase[dash.end():], [*said_before, *request_words(phrase[:dash.start(2)])]):
            copied = copied.replace(f"{dash.group(1)} {dash.group(3)}", f"{dash.group(1)} {dash.group(2)} {dash.group(3)}", 1)
    return copied


def span_words(request: str, *, no_start: set[str], no_end: set[str], barrier: set[str] = frozenset()) -> list[SpanWord]:
    """The request's words and where a copied argument may start, end and go on.

    - the offered tools' verbs do not start a span and their objects ("list", "profile") do not end one;
    - the verbs that asked for the tools (`barrier`, stems) are never inside one: "make a new
      profile for Grandma" names "Grandma", and words before such a verb start none when words
      after it can ("Could you please add milk"); right after one, another is the thing's own
      first word ("add put the bins out on thursday");
    - a span does not run past a comma or a full stop ("flour, sugar");
    - a quoted text is taken whole or not at all, edge words and verbs included ("log in").
    """
    quotes = _quoted_ranges(request)
    raw_words = [(m.group(0), m.start()) for m in re.finditer(r"\S+", request)]
    found: list[SpanWord] = []
    quote_of: list[int | None] = []
    for raw, at in raw_words:
        word = raw.strip(".,;:!?\"'()[]{}“”‘’")
        if not word:
            continue
        inner = at + raw.index(word)
        quote = next((q for q, (a, b) in enumerate(quotes) if a <= inner < b), None)
        if DASH.fullmatch(word) and found and quote is None:
            if found[-1].joins and dash_joins(request[at + len(raw):], [w.text for w in found]):
                found.append(SpanWord(word, False, False, True))
                quote_of.append(None)
                continue
            # "water the tomatoes — just put it on the list": a dash ends what is copied (not inside a quote,
            # "'course assignment - wound care'", which is taken whole).
            found[-1] = SpanWord(found[-1].text, found[-1].start, found[-1].end, False)
            continue
        lowered = word.casefold()
        term = stem(lowered)
        after_verb = (bool(found) and quote_of[-1] is None and stem(found[-1].text.casefold()) in barrier
                      and lowered not in VERB_PARTICLES)
        if quote is not None:
            first = not quote_of or quote_of[-1] != quote
            last = inner + len(word) >= quotes[quote][1] - 1
            found.append(SpanWord(word, first, last, not last))
        elif term in barrier and not after_verb:
            found.append(SpanWord(word, False, False, False))
        else:
            found.append(SpanWord(word, lowered not in EDGE_WORDS and (term not in no_start or after_verb),
                                  lowered not in EDGE_WORDS and term not in no_end, not _STOPS_SPAN.search(raw)))
        quote_of.append(quote)
    for index in range(len(found) - 1):
        if quote_of[index] != quote_of[index + 1]:  # into or out of a quote: the quote is taken whole
            found[index] = SpanWord(found[index].text, found[index].start, found[index].end, False)
    verb_at = next((i for i, w in enumerate(found) if quote_of[i] is None and stem(w.text.casefold()) in barrier), None)
    if verb_at is not None and any(w.start for w in found[verb_at + 1:]):
        found = [SpanWord(w.text, False, w.end, w.joins) if i < verb_at else w for i, w in enumerate(found)]
    return found


def named_numbers(request: str) -> list[int]:
    """The whole numbers the request names: digits, number words and ordinals, "top" (1)."""
    found = []
    for word in re.findall(r"[A-Za-z]+|\d+", request):
        if word.isdigit() and len(word) <= 6:
            found.append(int(word))
        elif word.casefold() in NUMBER_WORDS:
            found.append(NUMBER_WORDS[word.casefold()])
    return list(dict.fromkeys(found))


def named_values(request: str, state_values: Sequence[str]) -> list[str]:
    """The state values the request names at least one word of: "tick off the dog" may mean
    "walk the dog"; a value it names nothing of is a guess (and, if injected, a lure)."""
    said = {stem(w) for w in re.findall(r"[a-z0-9]+", request.casefold()) if w not in EDGE_WORDS}
    return [v for v in state_values if said & {stem(w) for w in re.findall(r"[a-z0-9]+", v.casefold())}]


@dataclass
class _Builder:
    words: list[SpanWord]
    values: list[str]
    numbers: list[int]
    request: str = ""

    def __post_init__(self) -> None:
        self.rules: dict[str, str] = {}

    def add(self, name: str, body: str) -> str:
        self.rules[name] = body
        return name

    def _span_rules(self) -> list[str]:
        """Rules span-i-k (word i as the k-th word of a copied span); returns the span starts."""
        rules, starts = span_rules(self.words, MAX_SPAN_WORDS, "span")
        self.rules.update(rules)
        return starts

    def string_rule(self) -> str:
        if "str" in self.rules:
            return "str"
        choices = self._span_rules() if self.words else []
        for value in self.values:
            choices.append(literal(json_inner(value)))
        if not choices:
            raise SchemaError("a string argument needs request words or state values to copy from")
        self.add("text", " | ".join(dict.fromkeys(choices)))
        return self.add("str", '"\\"" text "\\""')

    def enum_values(self, values: list[Any]) -> list[Any]:
        """An enum's values; of strings, those the request names a word of, if it names any: a tiny
        model picks among two ways of saying the app the user named, not among thirty."""
        if not all(isinstance(v, str) for v in values):
            return values
        return named_values(self.request, values) or values

    def value_rule(self, schema: dict[str, Any], defs: dict[str, Any], where: str) -> str:
        """The GBNF expression for one JSON-schema value."""
        if "$ref" in schema:
            return self.value_rule(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, where)
        if "const" in schema:
            return literal(json.dumps(schema["const"]))
        if "enum" in schema:
            return "(" + " | ".join(literal(json.dumps(v)) for v in self.enum_values(schema["enum"])) + ")"
        for key in ("anyOf", "oneOf"):
            if key in schema:
                return "(" + " | ".join(self.value_rule(s, defs, where) for s in schema[key]) + ")"
        kind = schema.get("type")
        if kind == "string":
            return self.string_rule()
        if kind == "integer" and self.numbers:
            # "move eggs to the top": the request's own numbers, not one the model makes up.
            return self.add("named-int", " | ".join(literal(str(n)) for n in self.numbers))
        if kind == "integer":
            return self.add("int", '"-"? [0-9] [0-9]? [0-9]? [0-9]? [0-9]? [0-9]?')
        if kind == "number":
            self.add("int", '"-"? [0-9] [0-9]? [0-9]? [0-9]? [0-9]? [0-9]?')
            return self.add("num", 'int ("." [0-9] [0-9]? [0-9]? [0-9]?)?')
        if kind == "boolean":
            return '("true" | "false")'
        if kind == "null":
            return '"null"'
        if kind == "array":
            item = self.value_rule(schema.get("items", {"type": "string"}), defs, where)
            return f'"[" ({item} (", " {item})? (", " {item})? (", " {item})? (", " {item})?)? "]"'
        raise SchemaError(
            f"{where}: type {kind!r} cannot be generated under the call grammar; use strings, numbers, "
            "booleans, enums or lists of those"
        )


def _arguments(builder: _Builder, tool: Tool) -> str:
    schema = tool.json_schema
    defs = schema.get("$defs", {})
    required = set(schema.get("required", []))
    fields = list(schema.get("properties", {}).items())
    needed = [(name, s) for name, s in fields if name in required]
    optional = [(name, s) for name, s in fields if name not in required]

    def pair(name: str, field_schema: dict) -> str:
        return f"{literal(json.dumps(name) + ': ')} {builder.value_rule(field_schema, defs, f'{tool.name}.{name}')}"

    parts = [pair(name, s) for name, s in needed]
    body = ' ", " '.join(parts)
    for name, s in optional:
        try:
            builder.value_rule(s, defs, f"{tool.name}.{name}")
        except SchemaError:
            continue  # an optional field the grammar cannot express keeps its default
        if body:
            body += f' (", " {pair(name, s)})?'
        else:
            body = f"({pair(name, s)})?"
    return body or '""'


def call_grammar(tools: Sequence[Tool], request: str, state_values: Sequence[str] = (), *,
                 allow_none: bool = True) -> str:
    """GBNF for a JSON list of up to MAX_CALLS calls of these tools, or `[]` (none of them fits).

    allow_none=False leaves `[]` out: when the request's own verb chose the tools, "no tool" is
    an answer the check would reject anyway, and a tiny model says it for want of confidence
    ("remove eggs from the list" -> []); made to call, it copies the right argument, and an
    unsure call still escalates on its token log-probabilities."""
    values = named_values(request, [v for v in dict.fromkeys(v.strip() for v in state_values) if v][:MAX_STATE_VALUES])
    verbs = set().union(*(action_words(t) for t in tools)) if tools else set()
    objects = set().union(*(object_words(t) for t in tools)) if tools else set()
    words = span_words(request, no_start=(verbs - objects) | NOUNS, no_end=objects | NOUNS,
                       barrier=leading_verbs(request, verbs))
    builder = _Builder(words, values, named_numbers(request), request)
    calls = []
    for index, tool in enumerate(tools):
        head = literal('{"name": ' + json.dumps(tool.name) + ', "arguments": {')
        builder.add(f"call-{index}", f"{head} {_arguments(builder, tool)} {literal('}}')}")
        calls.append(f"call-{index}")
    more_calls = ' (", " call)?' * (MAX_CALLS - 1)
    none = '"[]" | ' if allow_none else ""
    lines = [f'root ::= {none}"[" call{more_calls} "]"' if calls else 'root ::= "[]"']
    if calls:
        lines.append("call ::= " + " | ".join(calls))
    lines += [f"{name} ::= {body}" for name, body in builder.rules.items()]
    return "\n".join(lines) + "\n"


_CALL_TEXT = re.compile(r"\[.*\]", re.DOTALL)


def parse_calls(text: str) -> list[dict[str, Any]]:
    """The calls in an answer (the outermost [...] span, as models may wrap it); ValueError says what is wrong."""
    found = _CALL_TEXT.search(text)
    if found is None:
        raise ValueError("no JSON list of calls in the answer")
    try:
        calls = json.loads(found.group(0))
    except json.JSONDecodeError as error:
        raise ValueError(f"the calls are not valid JSON: {error}") from error
    if not isinstance(calls, list) or not all(
        isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("arguments", {}), dict) for c in calls
    ):
        raise ValueError('the answer must be a list of {"name": ..., "arguments": {...}} objects')
    return [{"name": c["name"], "arguments": c.get("arguments", {})} for c in calls]
