"""A caller's check shapes the answer while it is generated (router/constrain.py), with the real model."""

import json

from pydantic import BaseModel

from whittle.config import Settings
from whittle.core import Whittle
from whittle.llm.base import OutputConstraint
from whittle.router.checks import ChoiceCheck, GroundedJsonCheck, JsonCheck, RegexCheck
from whittle.router.constrain import implied_constraint


class Contact(BaseModel):
    name: str
    city: str


def test_choices_and_json_imply_a_shape_a_regex_does_not():
    choice = implied_constraint(ChoiceCheck(["positive", 'say "no"']))
    assert choice == OutputConstraint(gbnf='root ::= "positive" | "say \\"no\\""')
    assert implied_constraint(JsonCheck(Contact)).json_schema["required"] == ["name", "city"]
    assert implied_constraint(RegexCheck(r"\d+")) is None and implied_constraint(None) is None


def _whittle(home, model, extra=""):
    (home / "whittle.toml").write_text('[[tiers]]\nname = "local"\nbackend = "embedded"\n\n[router]\n'
                                       f"min_mean_logprob = -50\ncache = false\n{extra}")
    return Whittle(Settings(home=home, max_tokens=64), model=model)


async def test_a_classification_answer_is_exactly_one_label(home, model):
    whittle = _whittle(home, model)
    try:
        check = ChoiceCheck(["positive", "negative", "neutral"])
        messages = [{"role": "user", "content": "Is this review positive, negative or neutral? 'Great shoes, "
                                                "they fit perfectly and arrived early.'"}]
        result = await whittle.route(messages, purpose="test", max_tokens=8, check=check)
        assert result.text in check.choices and result.tier == "local"
    finally:
        whittle.close()


async def test_an_extraction_answer_is_valid_json(home, model):
    whittle = _whittle(home, model)
    try:
        messages = [{"role": "user", "content": "Extract the name and city as JSON: 'Maria Lopez lives in Porto.'"}]
        result = await whittle.route(messages, purpose="test", max_tokens=48, check=JsonCheck(Contact))
        Contact.model_validate(json.loads(result.text))
        assert "accepted" in result.reason
    finally:
        whittle.close()


async def test_the_shaping_can_be_switched_off(home, model):
    whittle = _whittle(home, model, "constrain_checked = false\n")
    try:
        messages = [{"role": "user", "content": "Is the sky blue? Say yes or no, then explain."}]
        result = await whittle.route(messages, purpose="test", max_tokens=24, check=ChoiceCheck(["yes", "no"]))
        assert result.text not in ("yes", "no"), "without the grammar the model writes prose around the label"
    finally:
        whittle.close()


class Extracted(BaseModel):
    name: str
    colour: str


class Counted(BaseModel):
    name: str
    count: int


def test_a_grounded_check_implies_a_grammar_of_the_texts_own_spans():
    from llama_cpp import LlamaGrammar

    source = "Hi, I'm Sarah and my favourite colour is navy blue. Velvet Fox Cafe's menu, folder a\\b"
    constraint = implied_constraint(GroundedJsonCheck(Extracted, source=source))
    assert constraint.json_schema is None
    rules = dict(line.split(" ::= ", 1) for line in constraint.gbnf.splitlines())
    assert rules["root"] == '"{" obj-0' and rules["obj-0"].startswith('"\\"name\\": " (')
    assert rules["obj-1-0"].startswith('", " "\\"colour\\": " (') and rules["obj-2"] == '"}"'
    starts = {rules[start].split(" ")[0].strip('"') for start in rules["span"].split(" | ")}
    # Edge words start no value ("I'm", "my", "is"); a clause mark ends one ("Hi,").
    assert {"Sarah", "navy", "blue", "favourite"} <= starts and not starts & {"Hi", "I'm", "my", "is", "and"}
    # The possessive's stem is a value too; a backslash is JSON-escaped, then GBNF-escaped.
    assert '"Cafe"' in constraint.gbnf and json.dumps(json.dumps("a\\b")[1:-1]) in constraint.gbnf
    LlamaGrammar.from_string(constraint.gbnf, verbose=False)
    # The second value cannot start where the first did: "Sarah" taken for the name is not the colour.
    first = rules["span"].split(" | ")[0]
    assert f'"\\"" {first} "\\"" obj-1-0' in rules["obj-0"]
    assert first not in rules["obj-1-0"] and rules["span"].split(" | ")[1] in rules["obj-1-0"]
    # A span never runs through "about": "19 June about the website" is not a date.
    dated = implied_constraint(GroundedJsonCheck(Extracted, source="Meet Ada on 19 June about the website")).gbnf
    assert 'from-4-2 ::= "June"' in dated
    # A field the span grammar does not shape: the plain schema applies, the check still judges grounding.
    counted = implied_constraint(GroundedJsonCheck(Counted, source="Ada has 3 cats"))
    assert counted.json_schema == Counted.model_json_schema()
    # A check that names its own shape keeps it.
    explicit = GroundedJsonCheck(Extracted, source=source)
    explicit.constraint = OutputConstraint(json_schema=Extracted.model_json_schema())
    assert implied_constraint(explicit) is explicit.constraint


async def test_extracted_values_are_copied_from_the_users_text(home, model):
    whittle = _whittle(home, model)
    source = "I am Lars and my fav colour is purple."
    try:
        messages = [{"role": "system", "content": "Extract the user's first name and favourite colour. "
                                                  'Reply with JSON only: {"name": "...", "colour": "..."}'},
                    {"role": "user", "content": source}]
        result = await whittle.route(messages, purpose="test", max_tokens=48,
                                     check=GroundedJsonCheck(Extracted, source=source))
        values = Extracted.model_validate(json.loads(result.text))
        # Each value is words of the text, never a colour the model made up, and the two differ
        # (held to the JSON schema alone, SmolLM2 answers {"name": "Lars", "colour": "Lars"}).
        assert values.name in source and values.colour in source and values.name != values.colour
    finally:
        whittle.close()
