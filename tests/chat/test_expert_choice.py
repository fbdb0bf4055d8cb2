"""Each conversation's expert: stored per conversation, validated, and used for the answers (real model, real SQLite)."""

import asyncio

import pytest

from whittle.chat.conversations import AUTO_EXPERT, ConversationError
from whittle.chat.store import MessageStore
from whittle.config import Settings
from whittle.core import Whittle
from whittle.db import Database
from whittle.experts.choice import connect_experts
from whittle.experts.store import make_expert


def test_the_choice_belongs_to_its_conversation_and_a_bad_one_names_the_fix(whittle):
    experts = connect_experts(whittle)
    assert connect_experts(whittle) is experts, "wired once"
    changed = []
    experts.listeners.append(lambda: changed.append(experts.choice()))
    first = whittle.conversations.current_id()
    experts.choose(first, "linkgraph")
    second = whittle.conversations.create("Second").id
    assert experts.choice() is None, "a new conversation has no expert"
    experts.choose(second, AUTO_EXPERT)
    assert changed == ["linkgraph", AUTO_EXPERT]
    whittle.conversations.switch(first)
    assert experts.choice() == "linkgraph" and experts.choice(second) == AUTO_EXPERT
    with pytest.raises(ConversationError, match=r"no expert called 'nope'; choose No expert, Auto or one of: .*todo"):
        experts.choose(first, "nope")
    assert experts.choice() == "linkgraph", "a refused choice changes nothing"
    experts.choose(first, None)
    assert experts.choice() is None


def test_a_deleted_expert_leaves_its_conversations_with_none(whittle):
    experts = connect_experts(whittle)
    experts.store.save(make_expert("birds", "Knows garden birds.", "Robins eat worms and berries."))
    conversation = whittle.conversations.current_id()
    experts.choose(conversation, "birds")
    assert experts.for_turn("anything").name == "birds"
    experts.store.delete("birds")
    experts.forget("birds")
    assert experts.choice() is None and experts.for_turn("anything") is None


def test_the_migration_adds_the_column_to_an_existing_database(tmp_path):
    database = Database(tmp_path / "old.db")
    try:
        MessageStore(database)
        columns = [row["name"] for row in database.query("PRAGMA table_info(conversations)")]
        assert "expert" in columns
    finally:
        database.close()


async def _answer(whittle, text):
    await whittle.user_message(text, "todo", None)
    await asyncio.wait_for(whittle.chat.wait_until_idle(), 180)
    return whittle.chat.store.visible()[-1]


async def test_answers_use_the_conversations_expert_and_say_which(whittle):
    whittle.chat.agent = None  # plain chat: the todo tools must not take "reorder" before the model
    experts = connect_experts(whittle)
    conversation = whittle.conversations.current_id()

    experts.choose(conversation, AUTO_EXPERT)
    reply = await _answer(whittle, "How do I reorder items on my todo list?")
    assert reply.role == "assistant" and reply.route["expert"]["name"] == "todo"
    assert reply.route["expert"]["how"] == "auto" and "todo" in reply.route["expert"]["matched"]
    assert "expert todo (picked by description)" in reply.route["context"], "the reply's hover says which"

    reply = await _answer(whittle, "Tell me a joke about cats.")
    assert reply.route["expert"] is None and reply.route["context"].startswith("expert none")

    experts.choose(conversation, "linkgraph")
    reply = await _answer(whittle, "Tell me a joke about cats.")
    assert reply.route["expert"] == {"name": "linkgraph", "how": "chosen", "matched": []}
    assert "expert linkgraph (this conversation's)" in reply.route["context"]


def test_an_expert_active_for_the_whole_chat_before_goes_to_the_current_conversation_once(settings, model):
    earlier = Whittle(settings, model=model)
    earlier.kv.set("app:experts", "active", "linkgraph")  # what an earlier version stored
    earlier.close()
    whittle = Whittle(settings, model=model)  # opening the data home wires the experts (core.py)
    try:
        experts = connect_experts(whittle)
        assert experts.choice() == "linkgraph"
        assert whittle.kv.get("app:experts", "active") is None, "adopted once, then forgotten"
        whittle.conversations.create("Next")
        assert experts.choice() is None
    finally:
        whittle.close()


async def test_an_experts_preferred_tier_answers_unless_the_conversation_pins_one(home, model):
    (home / "whittle.toml").write_text(
        '[[tiers]]\nname = "small"\nbackend = "embedded"\n\n[[tiers]]\nname = "second"\nbackend = "embedded"\n\n'
        "[router]\ncache = false\n")
    whittle = Whittle(Settings(home=home, max_tokens=16), model=model)
    try:
        whittle.chat.agent = None
        experts = connect_experts(whittle)
        experts.store.save(make_expert("birds", "Knows garden birds.", "Robins eat worms and berries.",
                                       preferred_tier="second"))
        experts.store.save(make_expert("fish", "Knows pond fish.", "Carp like warm water.", preferred_tier="nowhere"))
        conversation = whittle.conversations.current_id()

        def tiers_of_last_answer() -> list[str]:
            return [row["tier"] for row in whittle.db.query("SELECT tier FROM llm_calls ORDER BY id")][-1:]

        experts.choose(conversation, "birds")
        await _answer(whittle, "What do robins eat?")
        assert tiers_of_last_answer() == ["second"], "the expert's tier answered"
        experts.choose(conversation, "fish")
        await _answer(whittle, "What do carp like?")
        assert tiers_of_last_answer() == ["small"], "a tier that is not configured: the router decides, no error"
        experts.choose(conversation, "birds")
        whittle.conversations.pin_tier(conversation, "small", ["small", "second"])
        await _answer(whittle, "What do robins eat?")
        assert tiers_of_last_answer() == ["small"], "the conversation's own pin wins"
    finally:
        whittle.close()
