"""Reading a server's tool_calls (llm/tool_calls.py) into the planner's call list, whatever the server sent.

Built from the openai SDK's own response types, as the SDK hands them over; the round trip with a
real server is in tests/agent/test_native_calls.py.
"""

from __future__ import annotations

import json

from openai.types.chat import ChatCompletionMessage
from openai.types.chat.chat_completion_message_function_tool_call import ChatCompletionMessageFunctionToolCall

from whittle.agent.native_calls import with_tool_offer
from whittle.agent.planner import CallCheck, CallPlanner, prompt
from whittle.config import TierConfig
from whittle.llm.base import ToolOffer
from whittle.llm.openai_compat import OpenAICompatModel
from whittle.llm.tool_calls import TOOL_CHOICE, calls_text, offer_request, offer_token_bound


def answered(*calls: tuple[str, str], content: str | None = None) -> ChatCompletionMessage:
    return ChatCompletionMessage(role="assistant", content=content, tool_calls=[
        ChatCompletionMessageFunctionToolCall(id=f"call_{i}", type="function", function={"name": n, "arguments": a})
        for i, (n, a) in enumerate(calls)
    ] or None)


def test_tool_calls_become_the_planner_call_list(whittle):
    check = CallCheck([whittle.tools.get("todo_add")], action_expected=True)
    text = calls_text(answered(("todo_add", '{"text": "bread"}'), ("todo_add", '{"text": "eggs\nand ham"}')))
    assert json.loads(text) == [{"name": "todo_add", "arguments": {"text": "bread"}},
                                {"name": "todo_add", "arguments": {"text": "eggs\nand ham"}}]
    assert check(text).ok, "a raw newline in a string is read, then judged by the tool's model"
    assert calls_text(answered(("todo_add", ""))) == '[{"name": "todo_add", "arguments": {}}]'


def test_what_a_server_gets_wrong_is_refused_by_the_same_check(whittle):
    check = CallCheck([whittle.tools.get("todo_add")], action_expected=True)
    words = calls_text(answered(content="I added bread to your list."))
    assert words == "[]" and "no tool called" in check(words).reason, "words and no call: none of these tools"
    assert "not one of the offered tools" in check(calls_text(answered(("todo_delete", '{"item": "x"}')))).reason
    assert "todo_add" in check(calls_text(answered(("todo_add", '{"text": ""}')))).reason, "pydantic: too short"
    assert not check(calls_text(answered(("todo_add", '{"text": "bre')))).ok, "arguments cut short"
    assert not check(calls_text(answered(("todo_add", "[1, 2]")))).ok, "arguments that are not an object"


def test_the_request_offers_the_tools_with_the_request_only():
    offer = ToolOffer(({"name": "todo_add", "description": "Add a todo.", "parameters": {"type": "object"}},),
                      "Call the tools.")
    messages = [{"role": "system", "content": "Answer with a JSON list"}, {"role": "user", "content": "add stamps"},
                {"role": "assistant", "content": "[]"}, {"role": "user", "content": "add bread"}]
    request = offer_request(offer, messages)
    assert request["messages"] == [{"role": "system", "content": "Call the tools."},
                                   {"role": "user", "content": "add bread"}]
    assert request["tools"] == [{"type": "function", "function": offer.functions[0]}]
    assert request["tool_choice"] == TOOL_CHOICE == "auto"


def test_the_prompt_bound_covers_the_tools_sent(whittle):
    """Three tools' schemas can outweigh the few-shot prompt they replace: the bound counts what is sent."""
    tools = [whittle.tools.get(name) for name in ("todo_edit", "todo_reorder", "todo_delete")]
    planner = CallPlanner(whittle.router, whittle.tools)
    messages = prompt("move eggs up", tools, [])
    constraint = with_tool_offer(planner.constraint(tools, "move eggs up", []), tools)
    url = "http://127.0.0.1:9/v1"  # building the client sends nothing
    cloud = OpenAICompatModel(TierConfig(name="cloud", backend="openai", base_url=url, trust="trusted"))
    local = OpenAICompatModel(TierConfig(name="llama", backend="openai", base_url=url, structured_output="llama.cpp"))
    sent = offer_request(constraint.tools, messages)
    assert cloud.constrained_prompt_token_bound(messages, constraint) == offer_token_bound(sent)
    assert offer_token_bound(sent) > cloud.prompt_token_bound(messages), "more than the messages' own bound"
    assert local.constrained_prompt_token_bound(messages, constraint) == local.prompt_token_bound(messages)
