"""A caller's check shapes the answer while it is generated (router/constrain.py), with the real model."""

import json

from pydantic import BaseModel

from whittle.config import Settings
from whittle.core import Whittle
from whittle.llm.base import OutputConstraint
from whittle.router.checks import ChoiceCheck, JsonCheck, RegexCheck
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
