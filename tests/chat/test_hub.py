"""The chat hub with the real embedded model."""

import asyncio
import time

import pytest

from whittle.chat.events import GenerationState, MessageFinished, MessageShown, Notice, TextAppended
from whittle.chat.hub import MessageRejected
from whittle.config import MAX_MESSAGE_CHARS


async def _drain_until_finished(subscription, role="assistant", timeout=60):
    events = []
    async with asyncio.timeout(timeout):
        while True:
            batch = await subscription.next_batch()
            events.extend(batch)
            if any(isinstance(e, MessageFinished) and e.message.source == "model" for e in batch):
                return events


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
    assert any(isinstance(e, TextAppended) for e in events)
    assert isinstance(events[0], MessageShown) and events[0].message.content == "Hello from an app"


async def test_every_tab_receives_the_broadcast(whittle):
    first, second = whittle.chat.subscribe(), whittle.chat.subscribe()
    await whittle.chat.say("to everyone")
    for tab in (first, second):
        batch = await tab.next_batch()
        assert batch[0].message.content == "to everyone"


async def test_model_hears_app_events(whittle):
    """'What did I just do?' — the event text must be in the prompt the model receives."""
    whittle.chat.note("The user added 'buy milk' to the Todo list.")
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("What did I just do?")
    await _drain_until_finished(listener)
    sent = whittle.calllog.last("chat")["messages"]
    assert {"role": "system", "content": "[App event] The user added 'buy milk' to the Todo list."} in sent
    assert sent[-1] == {"role": "user", "content": "What did I just do?"}
    assert sent[0]["role"] == "system" and "assistant inside whittle" in sent[0]["content"]


async def test_streaming_arrives_in_several_pieces(whittle):
    listener = whittle.chat.subscribe()
    whittle.chat.max_tokens = 40
    await whittle.chat.send_user_message("Write a sentence about the sea.")
    events = await _drain_until_finished(listener)
    pieces = [e for e in events if isinstance(e, TextAppended)]
    final = [e for e in events if isinstance(e, MessageFinished)][-1].message
    assert len(pieces) >= 3
    assert "".join(p.text for p in pieces) == final.content
    assert whittle.chat.store.visible()[-1].content == final.content


async def test_stop_cancels_quickly_and_keeps_partial_text(whittle):
    whittle.chat.max_tokens = 400
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Tell me a long story about a dragon and a knight.")
    async with asyncio.timeout(30):
        while not any(isinstance(e, TextAppended) for e in await listener.next_batch()):
            pass
    started = time.perf_counter()
    assert await whittle.chat.stop() is True
    stop_seconds = time.perf_counter() - started
    events = await _drain_until_finished(listener, timeout=5)
    final = [e for e in events if isinstance(e, MessageFinished)][-1].message
    assert final.status == "stopped"
    assert stop_seconds < 0.5, f"stop took {stop_seconds * 1000:.0f} ms"
    await asyncio.sleep(0.3)
    assert not any(isinstance(e, TextAppended) for e in await _pending(listener))
    assert whittle.chat.store.visible()[-1].status == "stopped"
    assert whittle.calllog.last("chat")["status"] == "stopped"


async def _pending(subscription):
    try:
        async with asyncio.timeout(0.05):
            return await subscription.next_batch()
    except TimeoutError:
        return []


async def test_a_second_message_while_answering_is_rejected_not_interleaved(whittle):
    whittle.chat.max_tokens = 200
    listener = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Count from one to fifty.")
    with pytest.raises(MessageRejected, match="Still answering"):
        await whittle.chat.send_user_message("Another question")
    await whittle.chat.stop()
    await _drain_until_finished(listener)
    users = [m.content for m in whittle.chat.store.visible() if m.role == "user"]
    assert users == ["Count from one to fifty."]


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


async def test_rejection_is_shown_to_the_sender(whittle):
    tab = whittle.chat.subscribe()
    await whittle.user_message("x" * (MAX_MESSAGE_CHARS + 5), None, tab)
    (event,) = await tab.next_batch()
    assert isinstance(event, Notice) and "32,000" in event.text


async def test_generation_state_is_broadcast(whittle):
    whittle.chat.max_tokens = 4
    tab = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Hi")
    events = await _drain_until_finished(tab)
    events += await _pending(tab)
    states = [e.generating for e in events if isinstance(e, GenerationState)]
    assert states == [True, False]
