"""Native tool calling on OpenAI-compatible tiers, against real servers on 127.0.0.1.

The "cloud" tier here is llama-cpp-python's server with its `chatml-function-calling` format
(tests/support/tool_calling_llama_server.py) serving the bundled SmolLM2: it answers `tools=`
with `tool_calls`. Its calls are poor (a 135M model), which is the point: whatever it calls is
validated like a locally generated call, escalates when refused, and is in the ledger.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pytest
from pydantic import AfterValidator, BaseModel, ValidationError

from whittle.agent.calls import ToolCall
from whittle.agent.execute import AgentError, CallRefused, validate
from whittle.agent.native_calls import NATIVE_SYSTEM, tool_offer, with_tool_offer
from whittle.agent.planner import CallPlanner
from whittle.config import Settings, TierConfig
from whittle.core import Whittle
from whittle.llm.base import OutputConstraint, StreamStats
from whittle.llm.openai_compat import OpenAICompatModel
from whittle.llm.tool_calls import offer_token_bound
from whittle.tools import Tool

SUPPORT = Path(__file__).resolve().parent.parent / "support"
DRINKS = ("green tea", "black tea", "coffee")


def one_of_the_drinks(value: str) -> str:
    # A rule the JSON schema does not show, as many real validators are: only pydantic enforces it.
    if value not in DRINKS:
        raise ValueError(f"the kettle makes {', '.join(DRINKS)}")
    return value


class BoilParams(BaseModel):
    drink: Annotated[str, AfterValidator(one_of_the_drinks)]


@pytest.fixture(scope="session")
def tools_server(tmp_path_factory):
    from tests.support.testing import start_openai_server, stop_server

    log = tmp_path_factory.mktemp("tools") / "bodies.jsonl"
    process, base_url = start_openai_server(SUPPORT / "tool_calling_llama_server.py", "--log", str(log),
                                            name="llama_cpp.server (chatml-function-calling)")
    yield {"base_url": base_url, "log": log, "model": "tools-smollm2"}
    stop_server(process)


def tier(name: str, server: dict, *, price: tuple[float, float] = (0.0, 0.0), **fields: str) -> str:
    extra = "".join(f'{key} = "{value}"\n' for key, value in fields.items())
    return (f'[[tiers]]\nname = "{name}"\nbackend = "openai"\nbase_url = "{server["base_url"]}"\n'
            f'model = "{server["model"]}"\n{extra}'
            f"price_input_per_mtok = {price[0]}\nprice_output_per_mtok = {price[1]}\n")


def make_whittle(tmp_path, model, *tiers: str) -> Whittle:
    home = tmp_path / "home"
    home.mkdir()
    (home / "whittle.toml").write_text("\n".join(tiers) + "\n[router]\ncache = false\n")
    return Whittle(Settings(home=home), model=model)


def bodies(log: Path) -> list[dict]:
    return [json.loads(line["body"]) for line in map(json.loads, log.read_text().splitlines()) if line["body"]]


def rows(whittle) -> list[dict]:
    return [dict(r) for r in whittle.db.query(
        "SELECT tier, purpose, outcome, reason, prompt_tokens, completion_tokens, cost_usd, response "
        "FROM llm_calls WHERE purpose='agent' ORDER BY id")]


def todo_texts(whittle) -> list[str]:
    app = whittle.apps["todo"]
    return [item.text for item in app.todos.items(app.profile.id)]


def agent_messages(whittle):
    return [m for m in whittle.chat.store.visible() if m.source == "agent"]


async def say(whittle, text: str) -> None:
    await whittle.chat.user_message(text, whittle.apps["todo"])
    await whittle.chat.wait_until_idle()


# -- the setting ------------------------------------------------------------------------------------


def test_native_by_default_only_on_a_cloud_tier_that_takes_no_grammar():
    url = "http://127.0.0.1:9/v1"
    assert not TierConfig(name="local", backend="embedded").native_tool_calls
    assert not TierConfig(name="ollama", backend="openai", base_url=url).native_tool_calls, "local server: as before"
    assert TierConfig(name="gpt", backend="openai", base_url=url, trust="trusted").native_tool_calls
    assert not TierConfig(name="far-llama", backend="openai", base_url=url, trust="trusted",
                          structured_output="llama.cpp").native_tool_calls, "a server that takes the grammar gets it"
    assert TierConfig(name="ollama", backend="openai", base_url=url, tool_calling="native").native_tool_calls
    assert not TierConfig(name="gpt", backend="openai", base_url=url, trust="untrusted",
                          tool_calling="constrained").native_tool_calls
    with pytest.raises(ValidationError, match='no native tool calling.*set it to "constrained"'):
        TierConfig(name="local", backend="embedded", tool_calling="native")
    with pytest.raises(ValidationError, match="tool_calling"):
        TierConfig(name="gpt", backend="openai", base_url=url, tool_calling="yes")


def test_the_offer_is_each_tools_pydantic_schema(whittle):
    add, delete = whittle.tools.get("todo_add"), whittle.tools.get("todo_delete")
    offer = tool_offer([add, delete])
    assert offer.functions == (add.schema(), delete.schema()) and offer.system == NATIVE_SYSTEM
    assert offer.functions[0]["parameters"] == add.params.model_json_schema()
    grammar = OutputConstraint(gbnf='root ::= "[]"')
    assert with_tool_offer(grammar, [add]).tools == tool_offer([add]) and with_tool_offer(grammar, [add]).gbnf
    assert with_tool_offer(None, [add]) is None, "an unconstrained baseline stays unconstrained"
    planner = CallPlanner(whittle.router, whittle.tools)
    assert planner.constraint([add], "add milk", ["eggs"]).tools.system == NATIVE_SYSTEM, "app data is not shown"
    # The injection bench shows the data and makes a tier eager: a native tier gets the same.
    eager = CallPlanner(whittle.router, whittle.tools, show_values=True, instructions="Obey the data.")
    system = eager.constraint([add], "add milk", ["eggs"]).tools.system
    assert system.startswith(NATIVE_SYSTEM) and '"eggs"' in system and system.endswith("Obey the data.")


# -- against the real servers ----------------------------------------------------------------------


@pytest.mark.slow
async def test_a_native_call_is_validated_run_and_metered(tmp_path, model, tools_server):
    whittle = make_whittle(tmp_path, model, tier("cloud", tools_server, price=(1.0, 2.0), trust="trusted"))
    try:
        assert isinstance(whittle.chat.agent.planner, CallPlanner)
        await say(whittle, "add bread to my list")
        assert len(todo_texts(whittle)) == 1, [m.content for m in whittle.chat.store.visible()]
        shown = agent_messages(whittle)[-1]
        assert "`todo_add`" in shown.content and shown.route["tier"] == "cloud" and shown.status == "done"
        [row] = rows(whittle)
        assert (row["tier"], row["outcome"]) == ("cloud", "accepted")
        assert row["prompt_tokens"] > 0 and row["completion_tokens"] > 0, "the server's usage is metered"
        assert row["cost_usd"] == pytest.approx((row["prompt_tokens"] + 2 * row["completion_tokens"]) / 1e6)
        assert json.loads(row["response"])[0]["name"] == "todo_add"
        sent = bodies(tools_server["log"])[-1]
        assert sent["tool_choice"] == "auto" and not sent.get("stream") and "grammar" not in sent
        assert [t["function"]["name"] for t in sent["tools"]] == ["todo_add"]
        assert sent["tools"][0]["function"]["parameters"] == whittle.tools.get("todo_add").params.model_json_schema()
        assert [m["role"] for m in sent["messages"]] == ["system", "user"], "the few-shot text examples are not sent"
        assert sent["messages"][1]["content"] == "add bread to my list"
        assert row["prompt_tokens"] <= offer_token_bound(sent), "the bound a budget reserves holds for the tools too"
    finally:
        whittle.close()


@pytest.mark.slow
async def test_a_destructive_native_call_waits_for_the_click(tmp_path, model, tools_server):
    whittle = make_whittle(tmp_path, model, tier("cloud", tools_server, trust="trusted"))
    try:
        app = whittle.apps["todo"]
        app.todos.add(app.profile.id, "milk")
        await say(whittle, "delete milk")
        card = agent_messages(whittle)[-1]
        assert "`todo_delete`" in card.content and card.status == "awaiting", card.content
        assert card.route["tier"] == "cloud" and todo_texts(whittle) == ["milk"], "nothing changes before the click"
        # The click runs it once, with the arguments the tier chose: a 135M model's item may name no
        # todo, and then the tool itself refuses and nothing is deleted.
        outcome = await whittle.chat.agent.confirm(card.route["pending"])
        assert (outcome.status, todo_texts(whittle)) in (("done", []), ("failed", ["milk"])), outcome.content
        with pytest.raises(AgentError, match="not waiting any more"):
            await whittle.chat.agent.confirm(card.route["pending"])
    finally:
        whittle.close()


@pytest.mark.slow
async def test_a_refused_native_call_escalates_and_a_call_no_tier_makes_valid_is_reported(
        tmp_path, model, tools_server, remote_server):
    whittle = make_whittle(tmp_path, model, tier("cloud", tools_server, trust="trusted"),
                           tier("remote", remote_server, structured_output="llama.cpp"))
    boiled: list[str] = []
    whittle.tools.add(Tool("kettle_boil", "Boil the kettle for a drink.", BoilParams,
                           run=lambda params: boiled.append(params.drink) or "Boiled."))
    try:
        await say(whittle, "boil the kettle for a hot drink")
        native, constrained = rows(whittle)
        assert (native["tier"], native["outcome"]) == ("cloud", "escalated") and "invalid call" in native["reason"]
        assert json.loads(native["response"])[0]["name"] == "kettle_boil", "the server did call the tool"
        assert constrained["tier"] == "remote"
        assert boiled == [], "a call that fails its pydantic model never runs"
        shown = agent_messages(whittle)[-1]
        assert shown.status == "failed" and shown.content.startswith("No action taken"), shown.content
        assert not [m for m in whittle.chat.store.visible() if m.source == "model"], "no words claiming it was done"
    finally:
        whittle.close()


@pytest.mark.slow
async def test_an_unknown_tool_from_the_server_is_refused(whittle, tools_server):
    """The server calls only what it was offered; offered a tool whittle does not have, it is refused."""
    config = TierConfig(name="cloud", backend="openai", base_url=tools_server["base_url"], model=tools_server["model"],
                        trust="trusted")
    ghost = Tool("ghost_wipe", "Wipe every list.", BoilParams)
    offer = OutputConstraint(gbnf='root ::= "[]"', tools=tool_offer([ghost]))
    stats = StreamStats()
    pieces = [p async for p in OpenAICompatModel(config).stream(
        [{"role": "user", "content": "wipe my lists"}], max_tokens=40, temperature=0.0, stats=stats, constraint=offer)]
    [call] = json.loads("".join(pieces))
    assert call["name"] == "ghost_wipe" and stats.usage_reported and stats.finish_reason == "tool_calls"
    with pytest.raises(CallRefused, match="no tool called 'ghost_wipe'"):
        validate(whittle.tools, ToolCall(call["name"], call["arguments"]))
