"""The Experts page: use one in the current conversation, edit, delete after confirming, and have the capable tier write one."""

import re

from whittle.config import Settings
from whittle.core import Whittle
from whittle.web.app import create_app

HX = {"HX-Request": "true"}


def test_use_sets_the_current_conversations_expert_not_the_system_prompt(client, whittle):
    page = client.get("/app/experts").text
    assert "linkgraph" in page and "(built-in)" in page and "In use in this conversation" in page
    experts = whittle.chat.experts  # wired by the web app (experts/choice.py's connect_experts)
    html = client.post("/app/experts/use", data={"name": "linkgraph"}, headers=HX).text
    assert "This conversation now uses the linkgraph expert" in html
    assert experts.choice() == "linkgraph"
    assert "Orphan: a page" in experts.for_turn("hello").text, "every answer of this conversation gets it"
    assert "Orphan: a page" not in whittle.system_prompt(), "not in the system prompt: budgeted on its own"
    whittle.conversations.create("Another")
    assert experts.choice() is None and "In use in this conversation: <strong id=\"experts-in-use\">no expert" in \
        client.get("/app/experts", headers=HX).text
    client.post("/app/experts/use", data={"name": "auto"}, headers=HX)
    assert experts.choice() == "auto"
    client.post("/app/experts/use", data={"name": ""}, headers=HX)
    assert experts.choice() is None
    refused = client.post("/app/experts/use", data={"name": "nope"}, headers=HX).text
    assert "no expert called 'nope'; choose No expert, Auto or one of:" in refused


def test_a_bad_save_keeps_the_typed_text_and_a_good_one_is_used(client, whittle):
    typed = {"name": "Not OK", "description": "Knows birds.", "when_to_use": "", "preferred_tier": "",
             "body": "Robins are small birds with a red breast."}
    html = client.post("/app/experts/save", data=typed, headers=HX).text
    assert "is not usable" in html and "Robins are small birds" in html, "nothing the user typed is lost"
    assert "taken by the chat" in client.post("/app/experts/save", data={**typed, "name": "auto"}, headers=HX).text
    html = client.post("/app/experts/save", data={**typed, "name": "birds"}, headers=HX).text
    assert "Saved birds" in html
    assert (whittle.settings.home / "apps" / "experts" / "birds.md").is_file()
    client.post("/app/experts/use", data={"name": "birds"}, headers=HX)
    assert "Robins are small birds" in whittle.chat.experts.for_turn("anything").text
    refused = client.post("/app/experts/birds/delete", headers=HX).text
    assert "needs confirming" in refused and "birds" in whittle.apps["experts"].state_values()
    client.post("/app/experts/birds/delete", data={"confirm": "yes"}, headers=HX)
    assert "birds" not in whittle.apps["experts"].state_values()
    assert whittle.chat.experts.choice() is None and whittle.chat.experts.for_turn("anything") is None, \
        "a deleted expert never reaches a prompt again"


def test_the_capable_tier_writes_an_expert_once_and_its_cost_is_shown(home, model, remote_server):
    (home / "whittle.toml").write_text(
        '[[tiers]]\nname = "local"\nbackend = "embedded"\n\n[[tiers]]\nname = "capable"\nbackend = "openai"\n'
        f'base_url = "{remote_server["base_url"]}"\nmodel = "{remote_server["model"]}"\ntrust = "trusted"\n'
        'structured_output = "llama.cpp"\nprice_input_per_mtok = 3.0\nprice_output_per_mtok = 15.0\n')
    whittle = Whittle(Settings(home=home, max_tokens=700), model=model)
    try:
        from starlette.testclient import TestClient

        with TestClient(create_app(whittle), base_url="http://127.0.0.1") as client:
            html = client.post("/app/experts/create", data={"domain": "caring for houseplants", "tier": ""},
                               headers=HX).text
        # The writer's answer is held to the expert's JSON schema while it is generated (llama.cpp's grammar),
        # so even the tiny stand-in for a capable model writes one that parses: no way out without asserting.
        rows = whittle.db.query("SELECT tier, purpose, cost_usd FROM llm_calls")
        assert [(r["tier"], r["purpose"]) for r in rows] == [("capable", "expert-create")], "only the pinned tier, once"
        assert rows[0]["cost_usd"] > 0, "the capable tier is priced"
        cost = re.search(r"The capable tier wrote the expert '([a-z0-9-]+)' for \$(\d+\.\d+)", html)
        assert cost, html[:2000]
        assert float(cost.group(2)) == round(rows[0]["cost_usd"], 4), "the cost shown is the ledger's"
        saved = whittle.apps["experts"].store.get(cost.group(1))
        assert saved is not None and not saved.builtin and len(saved.body) >= 40
        assert f"Edit {saved.name}" in html, "shown for review before it is used"
    finally:
        whittle.close()
