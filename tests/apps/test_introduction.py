import asyncio

from whittle.chat.events import AppUpdate
from whittle.core import Whittle


async def test_asks_then_stores_facts_exactly_and_greets_by_name_after_restart(whittle, settings, model):
    intro = whittle.apps["introduction"]
    await whittle.open_app(intro)
    assert "What's your name" in whittle.chat.store.visible()[-1].content

    tab = whittle.chat.subscribe()
    await whittle.user_message("My name is Ada Lovelace and my favourite colour is teal.", "introduction", tab)
    assert whittle.kv.get("user", "name") == "Ada Lovelace"
    assert whittle.kv.get("user", "favourite_colour") == "teal"
    assert whittle.chat.store.visible()[-1].content.startswith("Nice to meet you, Ada Lovelace!")
    assert any(isinstance(e, AppUpdate) for e in await tab.next_batch())
    assert "Ada Lovelace" in whittle.system_prompt() and "teal" in whittle.system_prompt()

    whittle.close()
    restarted = Whittle(settings, model=model)
    await restarted.open_app(restarted.apps["introduction"])
    assert restarted.chat.store.visible()[-1].content.startswith("Welcome back, Ada Lovelace!")
    restarted.close()


async def test_name_then_colour_over_two_messages(whittle):
    await whittle.user_message("I'm Grace", "introduction", None)
    assert whittle.kv.get("user", "name") == "Grace"
    assert "favourite colour" in whittle.chat.store.visible()[-1].content
    await whittle.user_message("probably crimson", "introduction", None)
    assert whittle.kv.get("user", "favourite_colour") == "crimson"


async def test_other_messages_go_to_the_model(whittle):
    whittle.kv.set("user", "name", "Ada")
    whittle.kv.set("user", "favourite_colour", "teal")
    await whittle.user_message("What is two plus two?", "introduction", None)
    await asyncio.sleep(0)
    while whittle.chat.generating:
        await asyncio.sleep(0.05)
    last = whittle.chat.store.visible()[-1]
    assert last.source == "model"
    assert whittle.kv.get("user", "name") == "Ada"


def test_form_saves_facts_and_validates(client, whittle):
    response = client.post("/app/introduction/facts", data={"name": "", "colour": ""})
    assert "Fill in a name or a colour" in response.text
    response = client.post("/app/introduction/facts", data={"name": "x" * 81, "colour": "red"})
    assert "keep it under 80" in response.text
    assert whittle.kv.get("user", "name") is None
    response = client.post("/app/introduction/facts", data={"name": " Alan Turing ", "colour": "navy blue"})
    assert response.status_code == 200
    assert whittle.kv.get("user", "name") == "Alan Turing"
    assert whittle.kv.get("user", "favourite_colour") == "navy blue"
