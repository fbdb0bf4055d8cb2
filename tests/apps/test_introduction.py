import asyncio

from whittle.chat.events import AppUpdate
from whittle.core import Whittle
from whittle.db import Database
from whittle.kv import KeyValueStore

FACTS = "app:introduction"  # the app's own key-value namespace (ctx.kv)


async def test_asks_then_stores_facts_exactly_and_greets_by_name_after_restart(whittle, settings, model):
    intro = whittle.apps["introduction"]
    await whittle.open_app(intro)
    assert "What's your name" in whittle.chat.store.visible()[-1].content

    tab = whittle.chat.subscribe()
    await whittle.user_message("My name is Ada Lovelace and my favourite colour is teal.", "introduction", tab)
    assert whittle.kv.get(FACTS, "name") == "Ada Lovelace"
    assert whittle.kv.get(FACTS, "favourite_colour") == "teal"
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
    assert whittle.kv.get(FACTS, "name") == "Grace"
    assert "favourite colour" in whittle.chat.store.visible()[-1].content
    await whittle.user_message("probably crimson", "introduction", None)
    assert whittle.kv.get(FACTS, "favourite_colour") == "crimson"


async def test_other_messages_go_to_the_model(whittle):
    whittle.kv.set(FACTS, "name", "Ada")
    whittle.kv.set(FACTS, "favourite_colour", "teal")
    await whittle.user_message("What is two plus two?", "introduction", None)
    await asyncio.sleep(0)
    while whittle.chat.generating:
        await asyncio.sleep(0.05)
    last = whittle.chat.store.visible()[-1]
    assert last.source == "model"
    assert whittle.kv.get(FACTS, "name") == "Ada"


def test_form_saves_facts_and_validates(client, whittle):
    response = client.post("/app/introduction/facts", data={"name": "", "colour": ""})
    assert "Fill in a name or a colour" in response.text
    response = client.post("/app/introduction/facts", data={"name": "x" * 81, "colour": "red"})
    assert "keep it under 80" in response.text
    assert whittle.kv.get(FACTS, "name") is None
    response = client.post("/app/introduction/facts", data={"name": " Alan Turing ", "colour": "navy blue"})
    assert response.status_code == 200
    assert whittle.kv.get(FACTS, "name") == "Alan Turing"
    assert whittle.kv.get(FACTS, "favourite_colour") == "navy blue"


def test_facts_saved_by_an_older_version_are_kept(settings, model):
    """They used to live in a shared "user" namespace; the app moves them to its own on start."""
    old = Database(settings.db_path)
    KeyValueStore(old).set("user", "name", "Grace Hopper")
    old.close()
    whittle = Whittle(settings, model=model)
    try:
        assert whittle.apps["introduction"].user_name == "Grace Hopper"
        assert whittle.kv.items("user") == {}
        assert "name: Grace Hopper" in whittle.system_prompt()
    finally:
        whittle.close()
