from whittle.chat.context import TRIM_MARKER, build_prompt
from whittle.chat.store import Message


def _msg(i, role, text):
    return Message(i, role, text, role != "context", "test")


def test_keeps_system_prompt_and_newest_turns_within_budget(model):
    history = [_msg(i, "user" if i % 2 else "assistant", f"turn {i} " + "word " * 40) for i in range(200)]
    budget = 1500
    messages = build_prompt("SYSTEM PROMPT", history, budget_tokens=budget, count_tokens=model.count_message_tokens)
    assert messages[0] == {"role": "system", "content": "SYSTEM PROMPT"}
    assert messages[-1]["content"].startswith("turn 199 ")
    assert sum(model.count_message_tokens(m) for m in messages) <= budget
    assert len(messages) < 200  # something old was dropped
    kept = [int(m["content"].split()[1]) for m in messages[1:]]
    assert kept == list(range(200 - len(kept), 200))  # contiguous newest turns, in order


def test_hidden_context_reaches_the_model_as_system_message(model):
    history = [_msg(1, "context", "The user opened the Todo app."), _msg(2, "user", "what did I just do?")]
    messages = build_prompt("S", history, budget_tokens=1000, count_tokens=model.count_message_tokens)
    assert messages[1] == {"role": "system", "content": "[App event] The user opened the Todo app."}


def test_an_oversized_newest_message_keeps_its_end(model):
    long_text = "filler " * 3000 + "THE QUESTION?"
    messages = build_prompt("S", [_msg(1, "user", long_text)], budget_tokens=500, count_tokens=model.count_message_tokens)
    assert messages[1]["content"].startswith(TRIM_MARKER)
    assert messages[1]["content"].endswith("THE QUESTION?")
    assert sum(model.count_message_tokens(m) for m in messages) <= 500
