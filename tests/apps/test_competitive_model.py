"""Competitive analysis with the real SmolLM2: JSON-schema constrained calls, content checks, escalation.

Only the embedded tier: whatever the model writes parses, junk never reaches the list or the table,
and the step says plainly that the local model could not. With llama.cpp's server as a second tier
(tests/conftest.py remote_server), an answer that fails the content check escalates to it.
"""

import json
import re

import pytest

from whittle.apps.competitive_analysis import NOT_ANSWERED
from whittle.apps.competitive_checks import DraftCheck
from whittle.config import Settings
from whittle.core import Whittle
from whittle.workflows import Run

HX = {"HX-Request": "true"}
BASE = "/app/competitive-analysis"
PAID = 'price_input_per_mtok = 10.0\nprice_output_per_mtok = 30.0\n'


@pytest.fixture
def make_whittle(home, model):
    made = []

    def make(max_tokens, toml=""):
        if toml:
            (home / "whittle.toml").write_text(toml)
        instance = Whittle(Settings(home=home, max_tokens=max_tokens), model=model)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.close()


def _calls(whittle, purpose):
    return [
        dict(row)
        for row in whittle.db.query(
            "SELECT tier, kind, outcome, reason, response FROM llm_calls WHERE purpose=? ORDER BY id", (purpose,)
        )
    ]


def test_drafting_is_constrained_json_and_never_adds_junk(make_whittle):
    from starlette.testclient import TestClient

    from whittle.web.app import create_app

    whittle = make_whittle(200)
    with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
        html = client.post(f"{BASE}/open", data={"key": "draft-real-01"}, headers=HX).text
        run_id = int(re.search(r'id="wf-run-(\d+)"', html).group(1))
        business = "a bakery in Leeds"
        card = client.post(
            f"{BASE}/runs/{run_id}/draft", data={"description": business, "competitors": "Greggs"}, headers=HX
        ).text
    (call,) = _calls(whittle, "competitive-analysis:draft")
    assert call["kind"] == "extraction"
    drafted = json.loads(call["response"])  # the grammar made it parse, whatever the words
    assert isinstance(drafted["competitors"], list) and 2 <= len(drafted["competitors"]) <= 5
    listed = re.search(r'<textarea[^>]*name="competitors"[^>]*>([^<]*)</textarea>', card).group(1).split("\n")
    check = DraftCheck(business)
    if check(call["response"]).ok:
        assert re.search(r"Added \d+ suggestions?: review them", card) and "1 suggestions" not in card
        assert listed[1:] == [n for n in check.read(call["response"]).names if n != "Greggs"]
    else:  # what SmolLM2-135M usually writes here: "Bakery in Leeds" five times
        assert "The local model could not draft competitors for this description" in card
        assert "add a bigger model on the Models page" in card
        assert listed == ["Greggs"], "nothing the check refused was added"


async def test_a_failing_analysis_with_only_the_local_model_says_so_and_fills_no_junk(make_whittle):
    whittle = make_whittle(24)  # --max-tokens 24: no model can finish the JSON, so every answer fails
    app = whittle.apps["competitive-analysis"]
    record, _ = app.store.open_run(app.workflow.name, app.profile.id, "local-only-01")
    run = Run(app.workflow, app.store, record, app.services)
    await run.asubmit("competitors", {"description": "a bakery in Leeds", "competitors": "Greggs\nGail's"})
    state = await run.asubmit("analysis", {"aspects": "Audience\nPricing\nStrengths"})
    for row in state.result["rows"]:
        assert row["aspects"] == {} and set(row["failed"]) == {"Audience", "Pricing", "Strengths"}
    table = (await run.asubmit("table", {})).result
    cells = [row[key] for row in table["rows"] for key in ("aspect_0", "aspect_1", "aspect_2")]
    assert cells and all(cell == NOT_ANSWERED for cell in cells), "failed cells say so; no junk, no bare dash"

    from fasthtml.common import to_xml

    page = to_xml(app.run_panel(run))
    assert "The local model could not answer every aspect for 2 competitors" in page
    assert "add a bigger model on the Models page" in page
    assert "Greggs: 0 of 3 aspects answered; not answered: Audience, Pricing, Strengths" in page
    assert {c["tier"] for c in _calls(whittle, "competitive-analysis")} == {"local"}


def test_a_draft_that_fails_the_check_escalates_to_the_bigger_tier(make_whittle, remote_server):
    from starlette.testclient import TestClient

    from whittle.web.app import create_app

    toml = (
        '[[tiers]]\nname = "local"\nbackend = "embedded"\n\n'
        f'[[tiers]]\nname = "remote"\nbackend = "openai"\nbase_url = "{remote_server["base_url"]}"\n'
        f'model = "{remote_server["model"]}"\ntrust = "trusted"\nprovider = "test"\nstructured_output = "llama.cpp"\n'
        + PAID
        + "timeout_s = 300\n\n[budgets]\ndaily_usd = 1.0\n\n[router]\nmin_mean_logprob = -50\nmin_token_logprob = -500\n"
    )
    whittle = make_whittle(12, toml)  # 12 tokens: too few for the JSON, so the local answer fails its check
    with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
        html = client.post(f"{BASE}/open", data={"key": "two-tiers-01"}, headers=HX).text
        run_id = int(re.search(r'id="wf-run-(\d+)"', html).group(1))
        card = client.post(
            f"{BASE}/runs/{run_id}/draft", data={"description": "a bakery in Leeds", "competitors": ""}, headers=HX
        ).text
    calls = _calls(whittle, "competitive-analysis:draft")
    assert [(c["tier"], c["outcome"]) for c in calls] == [("local", "escalated"), ("remote", "accepted")]
    assert "not the JSON asked for" in calls[0]["reason"], "the draft's own check refused the local answer"
    assert "no higher tier left" in calls[1]["reason"], "the remote answer, cut off the same way, is kept but fails"
    assert "None of the model tiers could draft competitors" in card, "no 'local model' blame with two tiers"
