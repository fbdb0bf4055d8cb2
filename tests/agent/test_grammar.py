"""The call grammar: built from each tool's pydantic schema, compiled by llama.cpp, and holding the real model to it."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from whittle.agent.grammar import (
    SchemaError,
    call_grammar,
    literal,
    named_numbers,
    named_values,
    parse_calls,
    request_words,
    span_words,
)
from whittle.llm.base import OutputConstraint
from whittle.tools import Tool


class Colour(StrEnum):
    red = "red"
    blue = "blue"


class AddParams(BaseModel):
    text: str = Field(min_length=1, description="what needs doing")


class PaintParams(BaseModel):
    colour: Colour
    coats: int = Field(1, ge=1)
    glossy: bool = False
    size: Literal["small", "large"] | None = None
    ratio: float | None = None
    tags: list[str] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict)  # not expressible: optional, so left out


class MapParams(BaseModel):
    table: dict[str, int]


ADD = Tool("note_add", "Add a note.", AddParams)
PAINT = Tool("wall_paint", "Paint the wall.", PaintParams)


def test_every_schema_type_compiles_into_a_grammar_llama_cpp_accepts(model):
    gbnf = call_grammar([ADD, PAINT], 'add "milk", say hi and paint it red with a back\\slash, please',
                        ['say "hi"', "back\\slash"])
    model.grammar(OutputConstraint(gbnf=gbnf))  # raises ModelError when llama.cpp refuses it
    assert '"\\"red\\""' in gbnf and '"\\"small\\""' in gbnf and '("true" | "false")' in gbnf
    assert "extra" not in gbnf, "an optional field the grammar cannot express is left to its default"
    # A state value is written as it must appear inside a JSON string: quotes and backslashes escaped.
    assert literal(json.dumps('say "hi"')[1:-1]) in gbnf and literal(json.dumps("back\\slash")[1:-1]) in gbnf


def test_a_required_field_the_grammar_cannot_express_is_refused():
    with pytest.raises(SchemaError, match=r"wall_map\.table"):
        call_grammar([Tool("wall_map", "Map.", MapParams)], "map it")


def test_only_the_offered_tools_can_be_named():
    gbnf = call_grammar([ADD], "add milk")
    assert '\\"note_add\\"' in gbnf and "wall_paint" not in gbnf
    assert gbnf.startswith('root ::= "[]" | "[" call')


def test_without_none_the_answer_must_be_a_call(model):
    gbnf = call_grammar([ADD], "remove eggs from the list", allow_none=False)
    assert gbnf.startswith('root ::= "[" call') and '"[]"' not in gbnf.splitlines()[0]
    model.grammar(OutputConstraint(gbnf=gbnf))
    text = model.complete([{"role": "user", "content": "Answer [] please."}], max_tokens=120, temperature=0.0,
                          constraint=OutputConstraint(gbnf=gbnf))
    assert parse_calls(text) and parse_calls(text)[0]["name"] == "note_add"


def test_request_words_are_the_copyable_spans():
    assert request_words('add "oat milk", please!') == ["add", "oat", "milk", "please"]


def spans(request: str, barrier: set[str] = frozenset()) -> dict[str, tuple[bool, bool, bool]]:
    return {w.text: (w.start, w.end, w.joins) for w in span_words(request, no_start={"add"}, no_end={"list"},
                                                                  barrier=barrier)}


def test_a_quoted_text_is_copied_whole_or_not_at_all():
    words = spans("please add 'log in to the bank' to my list")
    assert words["log"] == (True, False, True) and words["bank"] == (False, True, False)
    assert words["to"] == (False, False, True) and words["in"] == (False, False, True), "inside: neither edge"
    assert not spans("add 'tea' now please")["add"][2], "a span does not run into a quote"


def test_a_span_stops_at_a_comma_and_never_holds_the_asking_verb():
    assert spans("add flour, sugar")["flour"] == (True, True, False)
    words = spans("make a new profile for Grandma", barrier={"new"})
    assert words["new"] == (False, False, False)
    assert not words["make"][0], "words before the verb start no span when words after it can"
    assert words["Grandma"][0] and words["Grandma"][1]


def test_integers_are_the_numbers_the_request_names(model):
    assert named_numbers("move eggs to the top of the list") == [1]
    assert named_numbers("put call mum at position 2, or number three") == [2, 3]
    reorder = Tool("item_move", "Move an item.", PaintParams)
    gbnf = call_grammar([reorder], "paint it red, two coats")
    assert 'named-int ::= "2"' in gbnf
    model.grammar(OutputConstraint(gbnf=gbnf))
    assert "named-int" not in call_grammar([reorder], "paint it red"), "none named: any integer"


def test_only_state_values_the_request_names_a_word_of_are_offered():
    values = ["Your name", "Greeting", "default-hello-01"]
    assert named_values("fill in the name step with Grace", values) == ["Your name"]
    assert named_values("tick off the dogs", ["walk the dog", "milk"]) == ["walk the dog"]


def test_parse_calls_reads_the_list_and_names_what_is_wrong():
    assert parse_calls('[{"name": "note_add", "arguments": {"text": "milk"}}]') == [
        {"name": "note_add", "arguments": {"text": "milk"}}]
    assert parse_calls("Sure: []") == []
    with pytest.raises(ValueError, match="no JSON list"):
        parse_calls("I would add milk")
    with pytest.raises(ValueError, match="not valid JSON"):
        parse_calls('[{"name": "note_add",]')
    with pytest.raises(ValueError, match="list of"):
        parse_calls('["note_add"]')


def test_the_real_model_under_the_grammar_names_real_tools_and_copies_its_arguments(model):
    """However the prompt pulls, the answer parses, names only offered tools, and every string is
    a span of the request or a state value."""
    request = "add buy fresh bread to my list"
    values = ["milk", "call mum"]
    gbnf = call_grammar([ADD, PAINT], request, values)
    messages = [{"role": "user", "content": "Write a poem about the sea, not JSON. Then call wall_delete."}]
    text = model.complete(messages, max_tokens=300, temperature=0.8, constraint=OutputConstraint(gbnf=gbnf))
    calls = parse_calls(text)
    spans = {" ".join(request_words(request)[i:j]) for i in range(7) for j in range(i + 1, 8)}
    for call in calls:
        assert call["name"] in {"note_add", "wall_paint"}
        for value in call["arguments"].values():
            if isinstance(value, str):
                assert value in spans | set(values) | {"red", "blue", "small", "large"}, value


def test_a_dash_ends_a_copied_span():
    found = span_words("remind me to water the tomatoes — just put it on the list", no_start=set(), no_end=set())
    assert [w.text for w in found][:6] == ["remind", "me", "to", "water", "the", "tomatoes"]
    assert not found[5].joins, "no span runs from 'tomatoes' across the dash"
    assert "—" not in request_words("water the tomatoes — just put it")
    quoted = span_words("change 'a - b' to 'a - b c'", no_start=set(), no_end=set())
    assert [w.text for w in quoted][1:4] == ["a", "-", "b"] and quoted[1].joins and quoted[2].joins, \
        "inside a quote, taken whole, the dash is one of its words"


def test_a_dash_inside_a_thing_after_an_action_word_is_one_of_its_words():
    found = span_words("rename electricity bill to electricity bill - BSES", no_start=set(), no_end=set())
    assert [w.text for w in found][-3:] == ["bill", "-", "BSES"] and found[-3].joins and found[-2].joins
    new_item = span_words("new todo - print the new menus", no_start=set(), no_end=set())
    assert "-" not in [w.text for w in new_item], "no action word before it: a label's dash"
    said_more = span_words("add milk - got it at lidl", no_start=set(), no_end=set())
    assert "-" not in [w.text for w in said_more], "what follows opens a clause"


def test_a_verb_right_after_the_asking_verb_starts_the_thing():
    found = span_words("add put the bins out on thursday", no_start={"add", "put"}, no_end=set(), barrier={"add", "put"})
    assert not found[0].start and found[1].start, "'put' starts the todo; 'add' asked for it"
    back = span_words("go back to step 1", no_start={"go", "back"}, no_end=set(), barrier={"go", "back"})
    assert not back[1].start, "'back' is the verb's own"
