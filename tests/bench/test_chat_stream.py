"""bench/chat_stream.py: its prompts are plain chat, and a turn that shows no text is reported, not
crashed on (the agent's card, a /command, an answer from the app events, a reply the hub hid)."""

from __future__ import annotations

import chat_stream
import pytest

from tests.support.testing import ServerProcess
from whittle.chat.events import MessageFinished, MessageShown, ReplyEvent
from whittle.chat.state_answers import asks_what_i_did
from whittle.chat.store import Message
from whittle.router.cascade import Piece
from whittle.web.chat_socket import render_event

SESSION_QUESTIONS = [text for turn in chat_stream.app_session(30, chat_stream.EVENTS_PER_TURN)
                     for role, text in turn if role == "user"]
BENCH_QUESTIONS = [*chat_stream.PROMPTS, chat_stream.STOP_PROMPT, chat_stream.WARM_UP_PROMPT, *SESSION_QUESTIONS]


async def test_every_bench_question_goes_to_the_model_as_plain_chat(whittle):
    assert chat_stream.HISTORY_QUESTION in BENCH_QUESTIONS
    for text in dict.fromkeys(BENCH_QUESTIONS):
        plan = await whittle.chat.agent.planner.plan(text, app_name="bench", state_values=[])
        # No tool fits, so no model was asked for calls and the turn is the chat's.
        assert (plan.calls, plan.tier) == ([], None), f"{text!r}: {plan.reason}"
        assert not asks_what_i_did(text), f"{text!r} is answered from the app events, without the model"


class Frames:
    """The frames a tab receives, rendered by the app's own renderer, read the way a socket is."""

    def __init__(self, *events):
        self.frames = [render_event(event) for event in events]

    async def recv(self) -> str:
        return self.frames.pop(0)


def reply(status: str, text: str = "", *, visible: bool = True, source: str = "model") -> Message:
    return Message(7, "assistant", text, visible, source, "SmolLM2", status)


async def test_a_streamed_reply_is_timed_from_its_first_text_to_its_end():
    frames = Frames(MessageShown(reply("streaming")), ReplyEvent(7, Piece("Hi")), ReplyEvent(7, Piece(" there")),
                    MessageFinished(reply("done", "Hi there")))
    first, last = await chat_stream.read_turn(frames)
    assert first is not None and last >= first
    assert frames.frames == []


@pytest.mark.parametrize("ending", [
    MessageFinished(reply("done", visible=False)),  # the hub hides a reply that said nothing
    MessageFinished(reply("done", "Added milk.", source="agent")),  # a tool card: no streamed text
    MessageFinished(reply("failed", "Could not add.", source="agent")),
    MessageFinished(reply("awaiting", "Delete milk?", source="agent")),
])
async def test_a_turn_without_streamed_text_ends_without_a_first_token(ending):
    frames = Frames(MessageShown(reply("streaming")), ending, MessageShown(reply("streaming")))
    assert await chat_stream.read_turn(frames) == (None, None)
    assert len(frames.frames) == 1  # it stopped at the end of the turn, not later


@pytest.mark.slow
@pytest.mark.timeout(600)
async def test_turns_without_text_are_counted_by_reason_and_the_rest_measured(tmp_path):
    with ServerProcess(tmp_path / "home", extra_args=("--max-tokens", "8")) as server:
        command = await chat_stream.app_round(server, "/help")
        assert command == {"empty": chat_stream.why_no_text([])}
        assert "without the model" in command["empty"]
        tool = await chat_stream.app_round(server, "Add buy milk to my todo list")
        assert tool == {"empty": "taken by the agent as a tool request"}
        answered = await chat_stream.app_round(server, chat_stream.WARM_UP_PROMPT)
        assert "empty" not in answered, answered
        assert 1 <= answered["tokens"] <= 8 and answered["ttft_ms"] > 0
        assert answered["messages"][-1] == {"role": "user", "content": chat_stream.WARM_UP_PROMPT}
