"""A conversation pinned to a tier is answered by that tier alone (a real llama.cpp server as the second)."""

import asyncio

from tests.support.whittle_toml import LOCAL_TIER, server_tier, table, write_config
from whittle.config import Settings
from whittle.core import Whittle


async def test_the_pinned_tier_answers_and_auto_goes_back_to_the_router(home, model, remote_server):
    write_config(home, LOCAL_TIER, server_tier(remote_server, price_input_per_mtok=1.0, price_output_per_mtok=2.0),
                 table("[router]", min_mean_logprob=-50))
    whittle = Whittle(Settings(home=home, max_tokens=12), model=model)
    try:
        conversation = whittle.conversations.current_id()
        whittle.conversations.pin_tier(conversation, "remote", ["local", "remote"])
        await whittle.chat.send_user_message("Say hello.")
        await asyncio.wait_for(whittle.chat.wait_until_idle(), 120)
        reply = whittle.chat.store.visible()[-1]
        assert reply.role == "assistant" and reply.route["tier"] == "remote"
        assert [r["tier"] for r in whittle.db.query("SELECT tier FROM llm_calls")] == ["remote"]

        whittle.conversations.pin_tier(conversation, None, ["local", "remote"])
        await whittle.chat.send_user_message("Say hi.")
        await asyncio.wait_for(whittle.chat.wait_until_idle(), 120)
        assert whittle.chat.store.visible()[-1].route["tier"] == "local", "Auto: the router starts with the cheapest"
    finally:
        whittle.close()
