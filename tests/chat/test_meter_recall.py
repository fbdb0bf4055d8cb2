"""The context meter and recalled turns from earlier conversations, with the real model's tokenizer."""

import asyncio

from whittle.chat.context import PromptExpert
from whittle.chat.events import ContextMeasured
from whittle.chat.meter import ContextMeter
from whittle.chat.turn import turn_prompt


def _chat(whittle, user, assistant):
    whittle.chat.store.add("user", user, visible=True, source="user")
    whittle.chat.store.add("assistant", assistant, visible=True, source="model", model="m")


async def test_an_earlier_conversation_is_recalled_and_the_meter_says_what_the_prompt_took(whittle):
    whittle.chat.agent = None  # plain chat: no tool may take the turn
    first = whittle.conversations.current_id()
    whittle.conversations.rename(first, "Boiler repair")
    _chat(whittle, "The plumber Marek comes on Tuesday to fix the boiler.", "Noted: Marek, Tuesday, boiler.")
    whittle.conversations.create("Errands")
    whittle.chat.store.add("context", "The user opened the Todo app.", visible=False, source="app:todo")
    whittle.chat.store.add("user", "When does the plumber fix the boiler?", visible=True, source="user")

    prompt = turn_prompt(whittle.system_prompt(), whittle.chat.store.history(), whittle.chat.context_model, 64, [],
                         whittle.chat.recall)
    block = prompt.messages[-2]["content"]
    assert block.startswith("[From earlier conversations") and "Marek" in block and "(Boiler repair)" in block
    assert prompt.messages[-1]["content"] == "When does the plumber fix the boiler?", "the question stays last"
    assert prompt.recalled == ["Boiler repair"]
    meter = prompt.meter
    assert meter.window == whittle.chat.context_model.n_ctx and meter.reply == 64
    assert meter.state > 0 and meter.app_context > 0 and meter.conversation > 0 and meter.system > 0
    assert meter.used <= meter.window and "Left out" not in meter.describe()

    events = whittle.chat.subscribe()
    await whittle.chat.send_user_message("Which plumber is fixing my boiler?")
    await asyncio.wait_for(whittle.chat.wait_until_idle(), 120)
    reply = whittle.chat.store.visible()[-1]
    assert reply.route["recalled"] == ["Boiler repair"] and "of 2,048 tokens" in reply.route["context"]
    seen = events.drain()
    assert any(isinstance(event, ContextMeasured) for event in seen)


def test_nothing_is_recalled_for_small_talk_and_trimming_is_reported(whittle):
    assert whittle.chat.recall("thanks!", whittle.chat.context_model.count_message_tokens) is None
    for i in range(400):
        _chat(whittle, f"Message number {i} about the garden and its many long flower beds, again.", "Yes.")
    prompt = turn_prompt("system", whittle.chat.store.history(), whittle.chat.context_model, 512, [], None)
    assert isinstance(prompt.meter, ContextMeter) and prompt.meter.trimmed_messages > 0
    assert "Left out to fit" in prompt.meter.describe()


def test_the_meter_shows_the_expert_and_the_apps_training_prompt_as_their_own_rows_after_trimming(whittle):
    training = whittle.apps["todo"].training_prompt
    assert training, "the Todo app teaches the assistant"
    whittle.chat.store.add("context", training, visible=False, source="app:todo")
    for i in range(300):
        _chat(whittle, f"Message number {i} about the garden and its many long flower beds, again.", "Yes.")
    whittle.chat.store.add("user", "How do I reorder the items on my todo list?", visible=True, source="user")
    expert = PromptExpert("todo", "You help with the Todo list app. Alt+Up moves an item up.", "auto", ("todo",))
    prompt = turn_prompt("system", whittle.chat.store.history(), whittle.chat.context_model, 512, [], None,
                         experts=lambda question, app: expert if app == "todo" else None, app_name="todo",
                         training=training)
    meter = prompt.meter
    assert meter.trimmed_messages > 0, "the history was trimmed"
    count = whittle.chat.context_model.count_message_tokens
    assert meter.expert == count(expert.message()) and meter.app_training == count(
        {"role": "system", "content": f"[App event] {training}"})
    assert meter.used <= meter.window
    described = meter.describe()
    assert f"expert todo (picked by description) {meter.expert:,}" in described
    assert f"app training {meter.app_training:,}" in described and "Left out to fit" in described
    assert prompt.notes()["expert"] == {"name": "todo", "how": "auto", "matched": ["todo"]}
