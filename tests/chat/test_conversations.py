"""Several conversations per profile: each its own messages, search across them, export and import."""

import json

import pytest

from whittle.chat.conversations import ConversationError, ConversationStore
from whittle.chat.store import MessageStore
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore


@pytest.fixture
def stores(db):
    kv = KeyValueStore(db)
    profiles = ProfileStore(db, kv)
    conversations = ConversationStore(db, kv, profiles)
    messages = MessageStore(db, conversation=conversations.current_id)
    return conversations, messages, profiles


def _say(messages, text, reply):
    messages.add("user", text, visible=True, source="user")
    messages.add("context", "The user opened Todo.", visible=False, source="app:todo")
    messages.add("assistant", reply, visible=True, source="model", model="smol")


def test_each_conversation_has_its_own_messages_and_the_model_sees_only_the_current(stores):
    conversations, messages, _ = stores
    first = conversations.current_id()
    _say(messages, "What is a sitemap?", "A list of a site's pages.")
    second = conversations.create()
    assert conversations.current_id() == second.id != first
    assert messages.visible() == [] and messages.history() == []
    _say(messages, "Plan my week", "Monday: laundry.")
    assert [m.content for m in messages.history()] == ["Plan my week", "The user opened Todo.", "Monday: laundry."]
    conversations.switch(first)
    assert [m.content for m in messages.visible()] == ["What is a sitemap?", "A list of a site's pages."]
    assert {c.title for c in conversations.all()} == {"First conversation", "New conversation"}


def test_a_new_conversation_is_named_after_its_first_message(stores):
    conversations, messages, _ = stores
    created = conversations.create()
    conversations.heard("  How do I fix orphan pages on my shop?  ")
    conversations.heard("and another thing")
    assert conversations.get(created.id).title == "How do I fix orphan pages on my shop?"


def test_switching_profile_switches_conversations(stores):
    conversations, messages, profiles = stores
    _say(messages, "default profile words", "ok")
    client = profiles.create("Acme")
    profiles.switch(client.id)
    assert messages.visible() == [] and len(conversations.all()) == 1
    _say(messages, "acme words", "ok")
    assert conversations.search("default") == [], "search stays inside the profile"
    profiles.switch(profiles.all()[0].id)
    assert [m.content for m in messages.visible()][0] == "default profile words"


def test_search_finds_finished_words_across_conversations_best_first(stores):
    conversations, messages, _ = stores
    _say(messages, "Tell me about internal linking", "Internal links pass authority between pages.")
    other = conversations.create("Cooking")
    _say(messages, "A recipe for pancakes", "Flour, eggs, milk.")
    streaming = messages.add("assistant", "", visible=True, source="model", status="streaming")
    messages.append(streaming, "pancakes are unfinished")
    hits = conversations.search("pancakes")
    assert [(h.conversation_id, h.role) for h in hits] == [(other.id, "user")], "a reply still streaming is not found"
    assert "[pancakes]" in hits[0].snippet
    messages.finish(streaming, "pancakes are done", "done")
    assert len(conversations.search("pancakes")) == 2
    assert conversations.search("linking")[0].conversation_title == "First conversation"
    assert conversations.search('" OR 1=1 --') == [], "the user's words are words, not query syntax"
    assert conversations.search("opened") == [], "hidden context is not searchable"


def test_export_and_import_round_trip(stores):
    conversations, messages, _ = stores
    _say(messages, "Hello **there**", "Hi! ```code```")
    exported = conversations.export_json(conversations.current_id())
    markdown = conversations.export_markdown(conversations.current_id())
    assert markdown.startswith("# First conversation") and "**You**" in markdown and "Hello **there**" in markdown
    imported = conversations.import_json(exported)
    assert imported.title == "First conversation" and imported.messages == 2
    assert [(m.role, m.content) for m in messages.visible()] == [("user", "Hello **there**"), ("assistant", "Hi! ```code```")]
    assert json.loads(conversations.export_json(imported.id))["messages"] == json.loads(exported)["messages"]


@pytest.mark.parametrize("text, message", [
    ("not json", "not a whittle conversation export"),
    ('{"messages": [{"role": "system", "content": "x"}]}', "messages.0.role"),
    ('{"messages": []}', "holds no messages"),
    ('{"messages": [{"role": "user", "content": "bell \\u0007"}]}', "control character"),
])
def test_a_bad_import_says_why_and_writes_nothing(stores, text, message):
    conversations, _, _ = stores
    before = conversations.all()
    with pytest.raises(ConversationError, match=message):
        conversations.import_json(text)
    assert conversations.all() == before


def test_rename_and_delete(stores):
    conversations, messages, _ = stores
    first = conversations.current_id()
    _say(messages, "secret plans", "noted")
    second = conversations.create()
    conversations.rename(second.id, "  Weekly   plan ")
    assert conversations.get(second.id).title == "Weekly plan"
    with pytest.raises(ConversationError, match="needs a title"):
        conversations.rename(second.id, "   ")
    conversations.switch(first)
    conversations.delete(first)
    assert [c.id for c in conversations.all()] == [second.id] and conversations.current_id() == second.id
    assert conversations.search("secret") == [] and messages.visible() == []
    with pytest.raises(ConversationError, match="no conversation"):
        conversations.switch(first)


async def test_regenerate_and_edit_keep_the_earlier_branch(whittle):
    import asyncio

    hub = whittle.chat
    await hub.send_user_message("Name a colour.")
    await asyncio.wait_for(hub.wait_until_idle(), 120)
    question, answer = [m for m in hub.store.visible() if m.role in ("user", "assistant")][-2:]
    assert answer.role == "assistant"

    await hub.answer_again(answer.id)
    await asyncio.wait_for(hub.wait_until_idle(), 120)
    assert hub.store.get(answer.id).status == "replaced" and not hub.store.get(answer.id).visible
    assert answer.id not in [m.id for m in hub.store.history()], "the model no longer sees the earlier answer"
    assert hub.store.visible()[-1].role == "assistant" and hub.store.visible()[-1].id > answer.id

    await hub.answer_again(question.id, "Name an animal.")
    await asyncio.wait_for(hub.wait_until_idle(), 120)
    shown = [(m.role, m.content) for m in hub.store.visible()]
    assert ("user", "Name an animal.") in shown and ("user", "Name a colour.") not in shown
    assert hub.store.get(question.id).content == "Name a colour.", "the earlier version is kept"
    from whittle.chat.hub import MessageRejected
    with pytest.raises(MessageRejected, match="cannot be edited"):
        await hub.answer_again(answer.id, "x")  # an answer is regenerated, not edited
