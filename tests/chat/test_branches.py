"""Earlier versions of a message (chat/branches.py): listed, shown again with their branch, never lost."""

import asyncio
import json

import pytest

from whittle.chat.branches import BranchError, Branches, can_answer_again
from whittle.chat.conversations import ConversationStore
from whittle.chat.events import MessageFinished, MessageShown
from whittle.chat.hub import MessageRejected
from whittle.chat.store import MessageStore
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore


class Chat:
    """The stores as the hub uses them, and what it would tell the tabs."""

    def __init__(self, db):
        kv = KeyValueStore(db)
        self.conversations = ConversationStore(db, kv, ProfileStore(db, kv))
        self.store = MessageStore(db, conversation=self.conversations.current_id)
        self.events = []
        self.busy = False
        self.branches = Branches(self.store, self.events.append, lambda: self.busy)

    def say(self, role, text, **kwargs):
        return self.store.add(role, text, visible=True, source="user" if role == "user" else "model", **kwargs)

    def edit(self, message, text):
        """What ChatHub.answer_again does for an edit: the branch from `message` on is kept, a new version added."""
        first = self.branches.first_version(message)
        self.branches.retire(message)
        return self.say("user", text, version_of=first)

    def regenerate(self, answer, text):
        first = self.branches.first_version(answer)
        self.branches.retire(answer)
        return self.say("assistant", text, version_of=first)

    def shown(self):
        return [m.content for m in self.store.visible()]

    def model_sees(self):
        return [m.content for m in self.store.history()]


@pytest.fixture
def chat(db):
    return Chat(db)


def test_an_edit_lists_both_versions_and_showing_the_first_brings_back_its_answer(chat):
    question = chat.say("user", "Name a colour.")
    chat.store.add("context", "The user opened Todo.", visible=False, source="app:todo")
    chat.say("assistant", "Blue.")
    edited = chat.edit(question, "Name an animal.")
    chat.say("assistant", "A fox.")

    assert chat.shown() == ["Name an animal.", "A fox."]
    assert edited.versions == (question.id, edited.id), "the new version knows it is 2 of 2 when it is shown"
    assert chat.store.visible()[0].versions == (question.id, edited.id)
    assert chat.store.visible()[1].versions == (), "the answer to the edit has no other version"

    swap = chat.branches.show(question.id)
    assert chat.shown() == ["Name a colour.", "Blue."]
    assert chat.model_sees() == ["Name a colour.", "The user opened Todo.", "Blue."], \
        "the model's context follows the version shown; app events belong to no branch"
    assert [m.content for m in swap.hidden] == ["Name an animal.", "A fox."]
    assert chat.store.visible()[0].versions == (question.id, edited.id)

    chat.branches.show(edited.id)
    assert chat.shown() == ["Name an animal.", "A fox."]
    assert chat.model_sees() == ["The user opened Todo.", "Name an animal.", "A fox."]


def test_each_switch_tells_the_tabs_what_went_and_what_came_back_in_order(chat):
    question = chat.say("user", "Hi")
    chat.say("assistant", "Hello")
    chat.edit(question, "Hey")
    chat.events.clear()
    chat.branches.show(question.id)
    kinds = [(type(e).__name__, e.message.content, e.message.visible) for e in chat.events]
    assert kinds == [("MessageFinished", "Hey", False), ("MessageShown", "Hi", True), ("MessageShown", "Hello", True)]
    assert isinstance(chat.events[1], MessageShown) and isinstance(chat.events[0], MessageFinished)


def test_a_nested_regeneration_comes_back_with_the_branch_it_was_in(chat):
    first = chat.say("user", "Plan a trip.")
    chat.say("assistant", "Where to?")
    chat.say("user", "Rome.")
    rome = chat.say("assistant", "Rome plan A.")
    rome_again = chat.regenerate(rome, "Rome plan B.")
    chat.say("user", "Cheaper?")
    chat.say("assistant", "Hostels.")
    chat.edit(first, "Plan a picnic.")
    chat.say("assistant", "Sandwiches.")
    assert chat.shown() == ["Plan a picnic.", "Sandwiches."]

    chat.branches.show(first.id)  # the whole first branch, as it was when it was left: plan B and what followed
    assert chat.shown() == ["Plan a trip.", "Where to?", "Rome.", "Rome plan B.", "Cheaper?", "Hostels."]
    regenerated = chat.store.visible()[3]
    assert regenerated.versions == (rome.id, rome_again.id) and regenerated.id == rome_again.id

    chat.branches.show(rome.id)  # plan A had nothing after it
    assert chat.shown() == ["Plan a trip.", "Where to?", "Rome.", "Rome plan A."]
    assert chat.model_sees()[-1] == "Rome plan A."
    chat.branches.show(rome_again.id)
    assert chat.shown()[-3:] == ["Rome plan B.", "Cheaper?", "Hostels."]
    assert chat.store.visible()[0].versions[0] == first.id and len(chat.store.visible()[0].versions) == 2


def test_a_version_comes_back_with_its_own_status(chat):
    chat.say("user", "Write a poem.")
    stopped = chat.store.add("assistant", "Roses are", visible=True, source="model", status="stopped")
    chat.regenerate(stopped, "Roses are red.")
    chat.branches.show(stopped.id)
    assert chat.store.get(stopped.id).status == "stopped" and chat.store.get(stopped.id).visible


def test_versions_cannot_be_shown_out_of_their_branch_or_while_answering(chat):
    first = chat.say("user", "A")
    answer = chat.say("assistant", "a1")
    answer_again = chat.regenerate(answer, "a2")
    edited = chat.edit(first, "B")
    with pytest.raises(BranchError, match="not shown"):
        chat.branches.show(answer.id)  # its message's branch (under "A") is not on screen
    assert chat.shown() == ["B"], "a refused switch changes nothing"
    with pytest.raises(BranchError, match="no message 9999"):
        chat.branches.show(9999)
    chat.busy = True
    with pytest.raises(BranchError, match="Still answering"):
        chat.branches.show(first.id)
    chat.busy = False
    assert chat.branches.show(edited.id).shown == [], "the version already shown: nothing to do"
    chat.branches.show(first.id)
    assert chat.shown() == ["A", "a2"] and chat.store.get(answer_again.id).versions == (answer.id, answer_again.id)


def test_versions_stay_inside_their_conversation(chat):
    question = chat.say("user", "Here")
    edited = chat.edit(question, "Here again")
    chat.conversations.create()
    with pytest.raises(BranchError, match="no message"):
        chat.branches.show(question.id)
    assert chat.shown() == []
    chat.conversations.switch(1)
    assert chat.shown() == ["Here again"] and chat.store.visible()[0].id == edited.id


def test_export_and_search_hold_the_shown_branch_only(chat):
    question = chat.say("user", "Tell me about otters.")
    chat.say("assistant", "Otters hold hands.")
    chat.edit(question, "Tell me about badgers.")
    chat.say("assistant", "Badgers dig setts.")
    conversation = chat.conversations.current_id()

    exported = json.loads(chat.conversations.export_json(conversation))["messages"]
    assert [m["content"] for m in exported] == ["Tell me about badgers.", "Badgers dig setts."]
    assert "otters" not in chat.conversations.export_markdown(conversation).lower()
    assert chat.conversations.search("otters") == [], "a search result leads to a message on screen"

    chat.branches.show(question.id)
    exported = json.loads(chat.conversations.export_json(conversation))["messages"]
    assert [m["content"] for m in exported] == ["Tell me about otters.", "Otters hold hands."]
    assert "badgers" not in chat.conversations.export_markdown(conversation).lower()
    assert len(chat.conversations.search("otters")) == 2 and chat.conversations.search("badgers") == []


async def test_a_regeneration_that_showed_nothing_gives_the_earlier_answer_its_place_back(chat):
    chat.say("user", "Hello")
    answer = chat.say("assistant", "Hi there.")
    first = chat.branches.first_version(answer)
    chat.branches.retire(answer)

    async def stopped_before_a_word():
        reply = chat.store.add("assistant", "", visible=True, source="model", status="streaming", version_of=first)
        return chat.store.finish(reply, "", "stopped", visible=False)

    regeneration = asyncio.create_task(stopped_before_a_word())
    await regeneration
    queued = chat.say("user", "Are you there?")  # a message that waited for the regeneration is already shown
    chat.events.clear()
    chat.branches.keep_shown(regeneration, answer)
    assert chat.shown() == ["Hello", "Hi there.", "Are you there?"] and chat.store.visible()[1].versions == ()
    assert [(type(e).__name__, e.message.id) for e in chat.events] == [
        ("MessageFinished", queued.id), ("MessageShown", answer.id), ("MessageShown", queued.id)], \
        "the tabs show the earlier answer back in its place, above the message sent meanwhile"
    chat.store.remove(queued)

    async def answered():
        return chat.regenerate(answer, "Hello!")

    regeneration = asyncio.create_task(answered())
    await regeneration
    chat.branches.keep_shown(regeneration, answer)
    assert chat.shown() == ["Hello", "Hello!"], "an answer that showed words stays the shown version"


@pytest.mark.parametrize("role, status, visible, wanted, expected", [
    ("user", "done", True, "user", True),
    ("assistant", "done", True, "assistant", True),
    ("assistant", "stopped", True, "assistant", True),
    ("user", "stopped", True, "user", False),
    ("assistant", "done", True, "user", False),
    ("assistant", "error", True, "assistant", False),
    ("user", "done", False, "user", False),
    ("user", "queued", True, "user", False),
])
def test_what_can_be_answered_again(chat, role, status, visible, wanted, expected):
    message = chat.store.add(role, "x", visible=visible, source="user", status=status)
    assert can_answer_again(message, wanted) is expected
    assert can_answer_again(None, wanted) is False


async def test_the_hub_edits_regenerates_and_switches_with_the_real_model(whittle):
    hub = whittle.chat
    await hub.send_user_message("/todo add milk")  # a /command: answered by the agent, without the model
    await asyncio.wait_for(hub.wait_until_idle(), 60)
    original, original_answer = hub.store.visible()[-2:]
    assert original.content == "/todo add milk" and original_answer.role == "assistant"

    edited = await hub.answer_again(original.id, "/todo add oat milk")
    await asyncio.wait_for(hub.wait_until_idle(), 60)
    assert edited.versions == (original.id, edited.id)
    assert [m.content for m in hub.store.visible()][0] == "/todo add oat milk"

    hub.branches.show(original.id)
    assert [m.id for m in hub.store.visible()] == [original.id, original_answer.id]
    history = [m.content for m in hub.store.history()]
    assert "/todo add oat milk" not in history and "/todo add milk" in history
    assert any("added 'oat milk'" in text for text in history), "what the tool did stays known: it happened"

    await hub.send_user_message("Say yes.")  # the next turn continues from the version shown
    await asyncio.wait_for(hub.wait_until_idle(), 120)
    answer = hub.store.visible()[-1]
    assert answer.source == "model" and [m.content for m in hub.store.visible()][:3] == ["/todo add milk",
                                                                                         original_answer.content, "Say yes."]
    await hub.answer_again(answer.id)
    await asyncio.wait_for(hub.wait_until_idle(), 120)
    regenerated = hub.store.visible()[-1]
    assert regenerated.versions == (answer.id, regenerated.id), "the regeneration is version 2 of the answer"

    hub.branches.show(edited.id)
    assert [m.content for m in hub.store.visible()][0] == "/todo add oat milk"
    assert "Say yes." not in [m.content for m in hub.store.history()]
    hub.branches.show(original.id)
    assert [m.id for m in hub.store.visible()][-1] == regenerated.id, "the branch comes back as it was left"


def test_the_page_shows_the_switcher_and_the_route_says_why_it_refuses(client, whittle):
    headers = {"HX-Request": "true"}
    hub = whittle.chat
    question = hub.store.add("user", "First words", visible=True, source="user")
    answer = hub.store.add("assistant", "First answer", visible=True, source="model")
    hub.branches.retire(answer)  # a regeneration, then an edit of the question
    hub.store.add("assistant", "Second answer", visible=True, source="model", version_of=answer.id)
    hub.branches.retire(question)
    edited = hub.store.add("user", "Other words", visible=True, source="user", version_of=question.id)

    page = client.get("/").text
    assert "2 / 2" in page and f'hx-post="/chat/messages/{question.id}/show"' in page
    assert client.post(f"/chat/messages/{2**70}/show", headers=headers).status_code == 404
    refused = client.post(f"/chat/messages/{answer.id}/show", headers=headers)
    assert refused.status_code == 409 and "not shown" in refused.text, "its branch (under 'First words') is hidden"

    assert client.post(f"/chat/messages/{question.id}/show", headers=headers).status_code == 204
    assert [m.content for m in hub.store.visible()][-2:] == ["First words", "Second answer"]
    page = client.get("/").text
    assert "1 / 2" in page and f'hx-post="/chat/messages/{edited.id}/show"' in page
    assert client.post(f"/chat/messages/{answer.id}/show", headers=headers).status_code == 204
    assert [m.content for m in hub.store.visible()][-2:] == ["First words", "First answer"]


def test_a_database_from_before_the_links_keeps_its_replaced_rows(db):
    from whittle.chat.store import MIGRATIONS

    db.migrate([m for m in MIGRATIONS if m.name < "messages_005"])
    db.execute("INSERT INTO messages (role, content, visible, source, status) VALUES ('user', 'old words', 0, 'user',"
               " 'replaced')")
    db.execute("INSERT INTO messages_search (rowid, content) VALUES (1, 'old words')")
    chat = Chat(db)  # migrates the rest
    kept = chat.store.get(1)
    assert kept.content == "old words" and kept.status == "replaced" and kept.versions == ()
    assert chat.conversations.search("old") == [], "a search result must lead to a message on screen"
    with pytest.raises(BranchError, match="not shown"):
        chat.branches.show(1)


async def test_a_message_of_another_conversation_cannot_be_edited_or_regenerated(whittle):
    hub = whittle.chat
    await hub.send_user_message("/todo add milk")
    await asyncio.wait_for(hub.wait_until_idle(), 60)
    sent, answer = hub.store.visible()[-2:]
    first = whittle.conversations.current_id()
    whittle.conversations.create("Another")  # a stale tab still shows the first conversation
    for message_id, text in ((sent.id, "/todo add eggs"), (answer.id, None)):
        with pytest.raises(MessageRejected, match="in this conversation"):
            await hub.answer_again(message_id, text)
    assert hub.store.visible() == [], "nothing was sent in the new conversation"
    whittle.conversations.switch(first)
    assert [m.id for m in hub.store.visible()] == [sent.id, answer.id], "the first conversation is untouched"
