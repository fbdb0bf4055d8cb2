"""How much prompt the model must read before its first token, and the bubble that says so.

The embedded model counts what llama.cpp actually evaluates (the part of the prompt not already
in its KV cache); the hub passes it on before the first piece; the chat socket shows
"reading 1,240 tokens…" until the first piece replaces it.
"""

import asyncio
import json
import re

import pytest

from whittle.chat.events import MessageFinished, ReplyEvent
from whittle.config import threads_from_env
from whittle.llm.base import StreamStats
from whittle.llm.embedded import EmbeddedModel
from whittle.router.cascade import AttemptStarted, Piece, PromptReading
from whittle.web.chat_socket import ReadingLines, render_event

ORIGIN = {"host": "127.0.0.1:5001", "origin": "http://127.0.0.1:5001"}
LONG_SYSTEM = "You are the assistant of a small todo app; answer briefly and kindly. " * 20  # ~300 tokens


@pytest.fixture(scope="module")
def steady_model():
    # One thread (or WHITTLE_THREADS): the machine is shared; counts do not depend on it.
    model = EmbeddedModel(n_ctx=2048, n_threads=threads_from_env() or 1)
    yield model
    model.close()


async def _reading(model, messages) -> tuple[int | None, list[str]]:
    stats, pieces = StreamStats(), []
    async for piece in model.stream(messages, max_tokens=3, temperature=0.0, stats=stats):
        pieces.append(piece)
    return stats.prompt_tokens_to_read, pieces


async def test_only_the_part_not_in_the_cache_is_read(steady_model):
    model = steady_model
    model.clear_prompt_cache()
    first = [{"role": "system", "content": LONG_SYSTEM}, {"role": "user", "content": "What is a todo list?"}]
    cold, pieces = await _reading(model, first)
    whole = len(model._llama.tokenize(LONG_SYSTEM.encode(), add_bos=False))
    assert cold is not None and whole < cold < whole + 40, "a cold read is the whole prompt, template included"
    assert pieces[0] == "" and all(pieces[1:]), "one empty piece announces the count, before any text"

    follow_up = first + [{"role": "assistant", "content": "A list of things to do."},
                         {"role": "user", "content": "And a calendar?"}]
    warm, _ = await _reading(model, follow_up)
    new_part = sum(len(model._llama.tokenize(m["content"].encode(), add_bos=False)) for m in follow_up[2:])
    assert new_part <= warm <= new_part + 16, f"only the new turns are read: {warm} for {new_part} new tokens"

    # Another caller's prompt in between (a narration, an app's structured call) ...
    await _reading(model, [{"role": "user", "content": "Name a colour."}])
    # ... does not make the conversation be read again: its state is kept (PromptStates).
    again = follow_up + [{"role": "assistant", "content": "Dates."}, {"role": "user", "content": "Thanks!"}]
    after_other, _ = await _reading(model, again)
    assert after_other < 40, f"the conversation's prefix was restored, read {after_other} tokens"


async def test_the_hub_announces_the_reading_before_the_first_piece(whittle):
    whittle.chat.max_tokens = 8
    whittle.chat.agent = None  # the model answers (not a tool): its prompt is what is read
    whittle.chat.note("The user's todo list: " + "buy milk, call mum, water the plants; " * 15)
    whittle.model.clear_prompt_cache()
    tab = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Write a sentence about rivers.")
    events = []
    async with asyncio.timeout(180):
        while not any(isinstance(e, MessageFinished) and e.message.source == "model" for e in events):
            events.extend(await tab.next_batch())
    reply = [e for e in events if isinstance(e, ReplyEvent)]
    kinds = [type(e.event) for e in reply]
    assert PromptReading in kinds and Piece in kinds
    assert kinds.index(PromptReading) < kinds.index(Piece), kinds
    reading = next(e.event for e in reply if isinstance(e.event, PromptReading))
    assert reading.tokens >= 200 and reading.model == whittle.router.first.model_name


def test_the_bubble_says_what_is_read_and_the_first_piece_removes_it():
    html = render_event(ReplyEvent(5, PromptReading("local", "SmolLM2", 1240)))
    assert "reading 1,240 tokens…" in html and 'hx-swap-oob="afterbegin:#msg-5-body"' in html
    assert render_event(ReplyEvent(5, PromptReading("local", "SmolLM2", 12))) == "", "a short read is not worth a line"

    lines = ReadingLines()
    assert lines.before(ReplyEvent(5, PromptReading("local", "SmolLM2", 1240))) == ""
    removal = lines.before(ReplyEvent(5, Piece("Hello")))
    assert 'id="msg-5-reading"' in removal and 'hx-swap-oob="delete"' in removal
    assert lines.before(ReplyEvent(5, Piece(" there"))) == "", "removed once"
    lines.before(ReplyEvent(6, PromptReading("local", "SmolLM2", 12)))
    assert lines.before(ReplyEvent(6, Piece("Hi"))) == "", "no line was shown for a short read"
    lines.before(ReplyEvent(7, PromptReading("local", "SmolLM2", 500)))
    lines.before(ReplyEvent(7, AttemptStarted("remote", "big", replaces_previous=True)))
    assert lines.before(ReplyEvent(7, Piece("Hi"))) == "", "a new attempt's body has no line to remove"


def test_the_socket_shows_reading_before_the_text(client, whittle):
    whittle.chat.max_tokens = 8
    whittle.chat.agent = None  # the model answers (not a tool): its prompt is what is read
    whittle.chat.note("The user's todo list: " + "buy milk, call mum, water the plants; " * 15)
    whittle.model.clear_prompt_cache()
    with client.websocket_connect("/ws", headers=ORIGIN) as ws:
        ws.send_text(json.dumps({"msg": "Write a sentence about rivers.", "HEADERS": {}}))
        frames = []
        while not any('id="chat-status"' in f and "is answering" not in f for f in frames[-1:]):
            frames.append(ws.receive_text())
    joined = "".join(frames)
    shown = joined.index("tokens…")
    removed = re.search(r'<div hx-swap-oob="delete" id="msg-\d+-reading">', joined).start()
    first_text = joined.index('hx-swap-oob="beforeend:#msg-', shown)
    assert shown < removed < first_text, "the line shows, then goes just before the first piece"


async def test_a_training_prompt_is_taught_once_per_conversation(whittle):
    todo = whittle.apps["todo"]
    await whittle.open_app(todo)
    await whittle.open_app(todo)
    notes = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert notes.count(todo.training_prompt) == 1
    assert notes.count(f"The user opened the {todo.title} app.") == 2, "each visit is still an event"
