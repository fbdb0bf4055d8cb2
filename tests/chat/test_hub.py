"""The chat hub with the real embedded model."""

import asyncio
import contextlib
import time

import pytest

from whittle.chat.events import (
    GenerationState,
    MessageFinished,
    MessageShown,
    Notice,
    ReplyEvent,
    text_of,
)
from whittle.chat.hub import MAX_QUEUED, MessageRejected
from whittle.config import MAX_MESSAGE_CHARS
from whittle.router.cascade import AttemptStarted, Finished, Piece


async def _drain_until_finished(subscription, timeout=120):
    events = []
    async with asyncio.timeout(timeout):
        while True:
            batch = await subscription.next_batch()
            events.extend(batch)
            if any(isinstance(e, MessageFinished) and e.message.source == "model" for e in batch):
                return events


async def _until_text(subscription, timeout=90):
    """Wait for the first piece of streamed text; return the events seen so far."""
    events = []
    async with asyncio.timeout(timeout):
        while not any(text_of(e) for e in events):
            events.extend(await subscription.next_batch())
    return events


async def _until_idle(hub, timeout=180):
    async with asyncio.timeout(timeout):
        while hub.busy:
            await asyncio.sleep(0.05)


async def _pending(subscription):
    try:
        async with asyncio.timeout(0.05):
            return await subscription.next_batch()
    except TimeoutError:
        return []


async def test_say_note_and_prompt(whittle):
    chat = whittle.chat
    listener = chat.subscribe()
    await chat.say("Hello from an app", source="app:test")
    chat.note("The user finished step 2.")
    answer = await chat.prompt("Say hi in three words.", max_tokens=12)
    assert answer.status == "done" and answer.content
    visible = [m.content for m in chat.store.visible()]
    assert "Hello from an app" in visible and "The user finished step 2." not in visible
    hidden = [m.content for m in chat.store.history() if m.role == "context"]
    assert hidden == ["The user finished step 2.", "Say hi in three words."]
    events = await _drain_until_finished(listener)
    assert any(text_of(e) for e in events)
    assert isinstance(events[0], MessageShown) and events[0].message.content == "Hello from an app"


async def test_every_tab_receives_the_broadcast(whittle):
    first, second = whittle.chat.subscribe(), whittle.chat.subscribe()
    await whittle.chat.say("to everyone")
    for tab in (first, second):
        batch = await tab.next_batch()
        assert batch[0].message.content == "to everyone"


async def test_model_hears_app_events(whittle):
    """App events are in the prompt the model receives ("what did I just do?" itself is answered from
    them without the model: tests/chat/test_state_answers.py)."""
    whittle.chat.note("The user added 'buy milk' to the Todo list.")
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Say something kind in one short sentence.")
    await _drain_until_finished(listener)
    sent = whittle.ledger.last("chat")["messages"]
    assert {"role": "system", "content": "[App event] The user added 'buy milk' to the Todo list."} in sent
    assert sent[-1] == {"role": "user", "content": "Say something kind in one short sentence."}
    assert sent[0]["role"] == "system" and "assistant inside whittle" in sent[0]["content"]


async def test_a_reply_is_the_routers_own_events_tagged_with_its_message(whittle):
    listener = whittle.chat.subscribe()
    whittle.chat.max_tokens = 40
    await whittle.chat.send_user_message("Write a sentence about the sea.")
    events = await _drain_until_finished(listener)
    final = [e for e in events if isinstance(e, MessageFinished)][-1].message
    reply_events = [e for e in events if isinstance(e, ReplyEvent)]
    assert {e.message_id for e in reply_events} == {final.id}
    kinds = [type(e.event) for e in reply_events]
    assert kinds[0] is AttemptStarted and kinds[-1] is Finished and Piece in kinds
    assert reply_events[-1].event.result.text == final.content


async def test_streaming_arrives_in_several_pieces_and_is_saved_as_it_arrives(whittle):
    listener = whittle.chat.subscribe()
    whittle.chat.max_tokens = 40
    await whittle.chat.send_user_message("Write a sentence about the sea.")
    shown, saved_while_streaming, reply_id, final = "", [], None, None
    async with asyncio.timeout(120):
        while final is None:
            for event in await listener.next_batch():
                if isinstance(event, MessageShown) and event.message.source == "model":
                    reply_id = event.message.id
                elif text_of(event):
                    shown += text_of(event)
                    # Read at once (no await in between): the store holds exactly what was shown.
                    stored = whittle.chat.store.get(reply_id)
                    saved_while_streaming.append((shown, stored.content, stored.status))
                elif isinstance(event, MessageFinished) and event.message.source == "model":
                    final = event.message
    assert len(saved_while_streaming) >= 3
    assert all(stored == seen and status == "streaming" for seen, stored, status in saved_while_streaming)
    assert shown == final.content == whittle.chat.store.visible()[-1].content


async def test_stop_cancels_quickly_and_keeps_partial_text(whittle):
    whittle.chat.max_tokens = 400
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Tell me a long story about a dragon and a knight.")
    await _until_text(listener)
    started = time.perf_counter()
    assert await whittle.chat.stop() is True
    stop_seconds = time.perf_counter() - started
    events = await _drain_until_finished(listener, timeout=5)
    final = [e for e in events if isinstance(e, MessageFinished)][-1].message
    assert final.status == "stopped" and final.visible and final.content
    assert stop_seconds < 0.5, f"stop took {stop_seconds * 1000:.0f} ms"
    await asyncio.sleep(0.3)
    assert not any(text_of(e) for e in await _pending(listener))
    assert whittle.chat.store.visible()[-1].status == "stopped"
    assert whittle.ledger.last("chat")["status"] == "stopped"


async def test_stopped_before_the_first_word_leaves_no_empty_bubble(whittle):
    whittle.chat.max_tokens = 200
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Tell me about owls.")
    async with asyncio.timeout(10):
        while not whittle.chat.generating:
            await asyncio.sleep(0.001)
    assert await whittle.chat.stop() is True
    events = await _drain_until_finished(listener, timeout=5)
    assert not any(text_of(e) for e in events), "the model was too fast for this test: stop came after a token"
    final = [e for e in events if isinstance(e, MessageFinished)][-1].message
    assert final.status == "stopped" and not final.visible
    assert [m.role for m in whittle.chat.store.visible()] == ["user"]
    assert [e.generating for e in events + await _pending(listener) if isinstance(e, GenerationState)] == [True, False]


async def test_a_message_sent_while_answering_is_queued_then_answered_after(whittle):
    whittle.chat.max_tokens = 200
    listener = whittle.chat.subscribe()
    sender = whittle.chat.subscribe()
    await whittle.chat.user_message("Count from one to fifty.", listener=sender)
    await _until_text(listener)
    queued = await whittle.chat.user_message("And what is the capital of France?", listener=sender)
    assert queued.status == "queued"
    assert whittle.chat.store.get(queued.id).status == "queued"
    notices = [e for e in sender.drain() if isinstance(e, Notice)]
    assert notices and "Still answering" in notices[-1].text and "queued" in notices[-1].text
    # Not part of the conversation until its turn: the running answer does not see it.
    assert "capital of France" not in [m.content for m in whittle.chat.store.history()]

    whittle.chat.max_tokens = 8
    await whittle.chat.stop()  # the queued message goes next
    await _until_idle(whittle.chat)
    shown = [(m.role, m.content, m.status) for m in whittle.chat.store.visible()]
    assert [(role, status) for role, _, status in shown] == [
        ("user", "done"), ("assistant", "stopped"), ("user", "done"), ("assistant", "done")
    ]
    assert shown[2][1] == "And what is the capital of France?"
    assert whittle.ledger.last("chat")["messages"][-1] == {"role": "user", "content": "And what is the capital of France?"}
    # Delivered as a new message at the end (a shown user message clears the tab's notice).
    delivered = [e.message for e in listener.drain() if isinstance(e, MessageShown) and e.message.role == "user"]
    assert [m.status for m in delivered] == ["queued", "done"] and delivered[-1].id > queued.id


async def test_a_queued_message_can_be_taken_back(whittle):
    whittle.chat.max_tokens = 200
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Count from one to fifty.")
    await _until_text(listener)
    queued = await whittle.chat.send_user_message("Never mind")
    withdrawn = whittle.chat.cancel_queued(queued.id)
    assert withdrawn.status == "cancelled" and not withdrawn.visible
    assert whittle.chat.cancel_queued(queued.id) is None, "a message is taken back once"
    await whittle.chat.stop()
    await _until_idle(whittle.chat)
    assert [m.content for m in whittle.chat.store.visible() if m.role == "user"] == ["Count from one to fifty."]
    assert "Never mind" not in [m.content for m in whittle.chat.store.history()]


async def test_the_queue_has_a_limit_and_a_refusal_gives_the_words_back(whittle):
    whittle.chat.max_tokens = 200
    listener = whittle.chat.subscribe()
    tab = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Count from one to fifty.")
    await _until_text(listener)
    for number in range(MAX_QUEUED):
        await whittle.chat.send_user_message(f"question {number}")
    with pytest.raises(MessageRejected, match="already waiting"):
        await whittle.chat.send_user_message("one too many")
    tab.drain()
    assert await whittle.chat.user_message("one too many", listener=tab) is None
    (notice,) = [e for e in tab.drain() if isinstance(e, Notice)]
    assert notice.restore_input and "already waiting" in notice.text
    for message in [m for m in whittle.chat.store.visible() if m.status == "queued"]:
        whittle.chat.cancel_queued(message.id)
    await whittle.chat.stop()
    await _until_idle(whittle.chat)


async def test_app_prompts_queue_behind_the_current_answer(whittle):
    whittle.chat.max_tokens = 16
    await whittle.chat.send_user_message("Hi")
    first, second = await asyncio.gather(
        whittle.chat.prompt("Say one word.", max_tokens=8), whittle.chat.prompt("Say two words.", max_tokens=8)
    )
    assert first.id < second.id
    assistant = [m for m in whittle.chat.store.visible() if m.role == "assistant"]
    assert [m.status for m in assistant] == ["done", "done", "done"]


async def test_empty_and_oversized_messages(whittle):
    assert await whittle.chat.send_user_message("   \n ") is None
    with pytest.raises(MessageRejected, match="limit is 32,000"):
        await whittle.chat.send_user_message("x" * (MAX_MESSAGE_CHARS + 1))
    assert whittle.chat.store.visible() == []


async def test_rejection_is_shown_to_the_sender_and_gives_the_words_back(whittle):
    tab = whittle.chat.subscribe()
    await whittle.chat.user_message("x" * (MAX_MESSAGE_CHARS + 5), listener=tab)
    (event,) = await tab.next_batch()
    assert isinstance(event, Notice) and "32,000" in event.text and event.restore_input


async def test_generation_state_is_broadcast(whittle):
    whittle.chat.max_tokens = 4
    tab = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Hi")
    events = await _drain_until_finished(tab)
    events += await _pending(tab)
    states = [e.generating for e in events if isinstance(e, GenerationState)]
    assert states == [True, False]


class FailsMidAnswer:
    """A back-end with a bug (say, a plugin's): the real model's first pieces, then a plain error."""

    def __init__(self, model, after: int = 2):
        self.model, self.after = model, after

    def __getattr__(self, name):
        return getattr(self.model, name)

    async def stream(self, messages, **options):
        async with contextlib.aclosing(self.model.stream(messages, **options)) as pieces:
            count = 0
            async for piece in pieces:
                yield piece
                count += 1
                if count == self.after:
                    raise LookupError("the tokenizer table is missing")


async def test_an_unexpected_error_ends_the_reply_with_an_error_not_a_stuck_stream(whittle, model):
    tier = whittle.router.first
    tier.backend = FailsMidAnswer(model)
    whittle.chat.max_tokens = 40
    tab = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Write a sentence about the sea.")
    events = await _drain_until_finished(tab)
    events += await _pending(tab)
    final = [e for e in events if isinstance(e, MessageFinished)][-1].message
    assert final.status == "error" and final.visible
    assert whittle.chat.store.get(final.id).status == "error"
    errors = [e for e in events if isinstance(e, Notice) and e.level == "error"]
    assert errors and "LookupError" in errors[0].text and "tokenizer table is missing" in errors[0].text
    assert [e.generating for e in events if isinstance(e, GenerationState)] == [True, False]
    assert not whittle.chat.generating and not whittle.chat.busy

    tier.backend = model  # the chat goes on
    answer = await whittle.chat.prompt("Say hi.", max_tokens=4)
    assert answer.status == "done"


async def test_an_app_that_raises_on_a_message_does_not_cost_the_answer(whittle, monkeypatch):
    async def broken(message):
        raise KeyError("step")

    app = whittle.apps["introduction"]
    monkeypatch.setattr(app, "on_user_message", broken)
    whittle.chat.max_tokens = 4
    tab = whittle.chat.subscribe()
    await whittle.chat.user_message("What is a star?", app, tab)
    events = await _drain_until_finished(tab)
    errors = [e for e in events if isinstance(e, Notice) and e.level == "error"]
    assert errors and "introduction app failed" in errors[0].text and "KeyError" in errors[0].text
    assert [(m.role, m.status) for m in whittle.chat.store.visible()][-2:] == [("user", "done"), ("assistant", "done")]
    assert not whittle.chat.busy
