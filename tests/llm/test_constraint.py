"""Constrained output: the answer has the required shape on the embedded model and on a llama.cpp server."""

import json

import pytest

from whittle.config import TierConfig
from whittle.llm.base import ModelError, OutputConstraint
from whittle.llm.openai_compat import OpenAICompatModel
from whittle.router.request import LLMRequest

SCHEMA = {
    "type": "object",
    "properties": {"name": {"type": "string", "maxLength": 20}, "count": {"type": "integer"}},
    "required": ["name", "count"],
}
YES_NO = OutputConstraint(gbnf='root ::= "yes" | "no"')
MESSAGES = [{"role": "user", "content": "Name a fruit and how many you would buy."}]


def test_constraint_needs_exactly_one_shape():
    with pytest.raises(ValueError, match="exactly one"):
        OutputConstraint()
    with pytest.raises(ValueError, match="exactly one"):
        OutputConstraint(json_schema=SCHEMA, gbnf='root ::= "a"')
    assert hash(OutputConstraint(json_schema=dict(SCHEMA))) == hash(OutputConstraint(json_schema=SCHEMA))


def test_embedded_answer_follows_json_schema(model):
    text = model.complete(MESSAGES, max_tokens=48, temperature=0.0, constraint=OutputConstraint(json_schema=SCHEMA))
    answer = json.loads(text)
    assert isinstance(answer["name"], str) and isinstance(answer["count"], int)


async def test_embedded_stream_follows_grammar(model):
    pieces = [piece async for piece in model.stream(
        [{"role": "user", "content": "Is the sky green? Answer yes or no."}], max_tokens=8, constraint=YES_NO
    )]
    assert "".join(pieces) in {"yes", "no"}


def test_a_bad_grammar_is_a_model_error_naming_it(model):
    with pytest.raises(ModelError, match="grammar"):
        model.complete(MESSAGES, max_tokens=4, constraint=OutputConstraint(gbnf="root ::= ((("))


@pytest.mark.parametrize("mode", ["openai", "llama.cpp", "none"])
def test_how_each_server_kind_is_asked(mode):
    tier = TierConfig(name="t", backend="openai", base_url="http://127.0.0.1:9/v1", structured_output=mode)
    backend = OpenAICompatModel(tier)
    schema_options = backend.constraint_options(OutputConstraint(json_schema=SCHEMA))
    grammar_options = backend.constraint_options(YES_NO)
    if mode == "openai":
        assert schema_options["response_format"]["json_schema"]["schema"] == SCHEMA
        assert grammar_options == {}
    elif mode == "llama.cpp":
        assert schema_options == {"response_format": {"type": "json_object", "schema": SCHEMA}}
        assert grammar_options == {"extra_body": {"grammar": YES_NO.gbnf}}
    else:
        assert schema_options == grammar_options == {}


async def test_llama_cpp_server_tier_follows_the_grammar(remote_server):
    tier = TierConfig(name="remote", backend="openai", base_url=remote_server["base_url"],
                      model=remote_server["model"], trust="trusted", structured_output="llama.cpp",
                      price_input_per_mtok=1, price_output_per_mtok=1)
    backend = OpenAICompatModel(tier)
    request = LLMRequest([{"role": "user", "content": "Is fire cold? Answer yes or no."}], purpose="test",
                         max_tokens=8, constraint=YES_NO)
    pieces = [piece async for piece in backend.stream(request.messages, max_tokens=8, constraint=request.constraint)]
    assert "".join(pieces) in {"yes", "no"}


def test_large_bounds_are_left_to_the_check_not_the_grammar(model):
    from whittle.llm.base import grammar_safe_schema

    schema = {"type": "object", "properties": {"body": {"type": "string", "minLength": 40, "maxLength": 4000},
                                               "tags": {"type": "array", "items": {"type": "string", "maxLength": 20},
                                                        "maxItems": 500}}, "required": ["body"]}
    safe = grammar_safe_schema(schema)
    assert safe["properties"]["body"] == {"type": "string", "minLength": 40} and "maxItems" not in safe["properties"]["tags"]
    assert safe["properties"]["tags"]["items"]["maxLength"] == 20, "small bounds stay in the grammar"
    text = model.complete(MESSAGES, max_tokens=24, constraint=OutputConstraint(json_schema=schema))
    assert text.startswith("{")
