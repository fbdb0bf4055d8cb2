import pytest

from whittle.chat.context import CUT_MARKER, TRIM_MARKER, PromptExpert, build_prompt
from whittle.chat.store import Message
from whittle.config import threads_from_env
from whittle.llm.base import StreamStats
from whittle.llm.embedded import EmbeddedModel


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


def _conversation(turns):
    """A user who visits apps between questions: events, a repeated training prompt, a turn."""
    history, next_id = [], 1

    def add(role, text):
        nonlocal next_id
        history.append(_msg(next_id, role, text))
        next_id += 1

    apps = ["Todo", "Dashboard", "Todo", "Long job"]
    for turn in range(turns):
        app = apps[turn % len(apps)]
        add("context", f"The user opened the {app} app.")
        add("context", f"You are teaching the {app} app. " + "It keeps things tidy and lists what is left. " * 4)
        add("context", f"Event {turn}: the user changed item {turn} in {app}.")
        add("user", f"question {turn}: what did I just do in {app}?")
        yield list(history)
        add("assistant", f"answer {turn}: you changed item {turn} " + "and it went well " * 6)


def test_consecutive_prompts_share_their_prefix_except_at_rare_block_trims(model):
    budget, trims, previous = 1500, 0, None
    read, reread = 0, 0  # prompt tokens in all; tokens after the prefix shared with the previous turn
    for history in _conversation(120):
        messages = build_prompt("SYSTEM", history, budget_tokens=budget, count_tokens=model.count_message_tokens)
        assert sum(model.count_message_tokens(m) for m in messages) <= budget
        assert messages[-1]["content"] == history[-1].content
        shared = 0
        if previous is not None:
            while shared < min(len(previous), len(messages)) and previous[shared] == messages[shared]:
                shared += 1
            if shared < len(previous):
                trims += 1
                dropped = [m for m in previous[1:] if m not in messages]
                assert dropped, "the prefix may only change when old messages are trimmed"
        read += sum(model.count_message_tokens(m) for m in messages)
        reread += sum(model.count_message_tokens(m) for m in messages[shared:])
        previous = messages
    print(f"{trims} trims in 120 turns; {reread} of {read} prompt tokens read again")
    # 120 turns of ~120 tokens overflow the window ~10 times over. Trimming one message at a
    # time changed the prefix on 111 of the 120 turns and re-read ~99% of the prompt tokens.
    assert 1 <= trims <= 120 / 2
    assert reread <= 0.35 * read


def test_repeated_events_are_merged_and_long_notes_said_once(model):
    training = "You are teaching the Todo app. " + "It keeps a list of things to do. " * 5
    history = [
        _msg(1, "context", "The user opened the Todo app."),
        _msg(2, "context", training),
        _msg(3, "context", "The user opened the Todo app."),
        _msg(4, "context", training),
        _msg(5, "context", "The user opened the Todo app."),
        _msg(6, "context", training),
        _msg(7, "user", "what did I just do?"),
    ]
    messages = build_prompt("S", history, budget_tokens=1500, count_tokens=model.count_message_tokens)
    contents = [m["content"] for m in messages]
    assert contents == [
        "S",
        "[App event] The user opened the Todo app.",
        f"[App event] {training}",
        "[App event] The user opened the Todo app. (×2)",
        "what did I just do?",
    ]


def test_hidden_context_has_its_own_budget_and_cannot_crowd_out_the_conversation(model):
    history, next_id = [], 1
    for turn in range(6):
        history.append(_msg(next_id, "user", f"question {turn}"))
        history.append(_msg(next_id + 1, "assistant", f"answer {turn}"))
        next_id += 2
        for event in range(40):  # a flood of distinct app notes after each turn
            history.append(_msg(next_id, "context", f"Turn {turn} note {event}: the job moved on."))
            next_id += 1
    history.append(_msg(next_id, "user", "final question"))
    messages = build_prompt(
        "S", history, budget_tokens=1500, count_tokens=model.count_message_tokens, hidden_budget_tokens=300
    )
    hidden = [m for m in messages[1:] if m["role"] == "system"]
    assert hidden, "the newest app notes are still there"
    assert sum(model.count_message_tokens(m) for m in hidden) <= 300
    assert "Turn 5 note 39" in hidden[-1]["content"]  # the newest are the ones kept
    turns = [m["content"] for m in messages if m["role"] in ("user", "assistant")]
    assert turns == [c for t in range(6) for c in (f"question {t}", f"answer {t}")] + ["final question"]


def test_a_training_prompt_outlives_the_turns_it_came_with(model):
    training = "You are teaching the Todo app. " + "It keeps a list of things to do. " * 5
    history = [_msg(1, "context", training)]
    history += [_msg(i, "user" if i % 2 else "assistant", f"turn {i} " + "word " * 40) for i in range(2, 80)]
    history += [_msg(80, "context", training), _msg(81, "user", "what is this app?")]
    messages = build_prompt("S", history, budget_tokens=800, count_tokens=model.count_message_tokens)
    assert len(messages) < len(history)  # old turns were trimmed
    # Long-lived context right after the system prompt, said once: a stable prefix.
    assert [m["content"] for m in messages].count(f"[App event] {training}") == 1
    assert messages[1]["content"] == f"[App event] {training}"


def test_an_apps_repeated_hidden_instruction_is_still_answered(model):
    instruction = "Tell the user in one friendly sentence that the long job has finished and what it computed."
    history = [
        _msg(1, "context", instruction),
        _msg(2, "assistant", "The job is done."),
        _msg(3, "context", instruction),  # the same instruction again: it is what the model answers now
    ]
    messages = build_prompt("S", history, budget_tokens=1500, count_tokens=model.count_message_tokens)
    assert messages[-1] == {"role": "system", "content": f"[App event] {instruction}"}


# A workflow's training prompt (its steps described) is this long: over the long notes' share of the hidden budget.
TRAINING = "You are teaching the Todo app. " + "It keeps a list of things to do, one per line, with a checkbox. " * 18
EXPERT_TEXT = "You help with the Todo list app. " + "Alt+Up moves an item up; Delete asks first. " * 8


def _long_chat(turns=200, first_id=10):
    """The app's training prompt said once at the start, then a long conversation."""
    history = [_msg(1, "context", "The user opened the Todo app."), _msg(2, "context", TRAINING)]
    history += [_msg(i, "user" if i % 2 else "assistant", f"turn {i} " + "word " * 40)
                for i in range(first_id, first_id + turns)]
    return history


@pytest.mark.parametrize("how", ["chosen", "auto"])
def test_a_long_history_trims_history_never_the_expert_or_the_apps_training_prompt(model, how):
    count = model.count_message_tokens
    expert = PromptExpert("todo", EXPERT_TEXT, how)
    state = {"role": "system", "content": "[Current state] 3 items, 1 done."}
    # Small budgets too: without the first-budgeted parts, the training prompt is a long note like any other.
    for budget in (1536, 900, 600):
        history = _long_chat()
        messages = build_prompt("SYSTEM", history, budget_tokens=budget, count_tokens=count, state=state,
                                expert=expert, training=TRAINING)
        contents = [m["content"] for m in messages]
        assert sum(count(m) for m in messages) <= budget
        assert len(messages) < len(history), "old turns were trimmed"
        assert contents.count(EXPERT_TEXT) == 1 and contents.count(f"[App event] {TRAINING}") == 1, budget
        assert contents[-1] == history[-1].content and contents[-2] == state["content"]
        if how == "chosen":  # stable for the conversation: part of the cached prefix
            assert contents[1] == EXPERT_TEXT and contents[2] == f"[App event] {TRAINING}"
        else:  # may change every message: at the end, where a change re-reads only the tail
            assert contents[1] == f"[App event] {TRAINING}" and contents[-3] == EXPERT_TEXT
        plain = build_prompt("SYSTEM", history, budget_tokens=budget, count_tokens=count, state=state)
        assert f"[App event] {TRAINING}" not in [m["content"] for m in plain], \
            "the test must exercise budgets where the training prompt would otherwise be trimmed"


def test_the_training_prompt_missing_from_the_history_comes_right_after_the_system_prompt(model):
    history = [_msg(i, "user" if i % 2 else "assistant", f"turn {i}") for i in range(1, 6)]
    messages = build_prompt("SYSTEM", history, budget_tokens=1500, count_tokens=model.count_message_tokens,
                            training=TRAINING)
    assert messages[1] == {"role": "system", "content": f"[App event] {TRAINING}"}
    assert [m["content"] for m in messages[2:]] == [m.content for m in history]


def test_an_auto_expert_that_changes_keeps_the_conversations_cached_prefix(model):
    count = model.count_message_tokens
    history = [_msg(i, "user" if i % 2 else "assistant", f"turn {i} " + "word " * 10) for i in range(1, 10)]
    first = build_prompt("SYSTEM", history, budget_tokens=1500, count_tokens=count,
                         expert=PromptExpert("todo", EXPERT_TEXT, "auto"))
    history += [_msg(10, "assistant", "Done."), _msg(11, "user", "and the cost?")]
    nxt = build_prompt("SYSTEM", history, budget_tokens=1500, count_tokens=count,
                       expert=PromptExpert("costs", "You help with the Cost dashboard.", "auto"))
    assert first[-2]["content"] == EXPERT_TEXT and nxt[-2]["content"] == "You help with the Cost dashboard."
    assert nxt[: len(first) - 2] == first[:-2], "only the tail after the previous conversation is new"


def test_an_expert_too_big_for_the_window_is_cut_and_the_question_still_fits(model):
    count = model.count_message_tokens
    huge = "You know everything about gardens. " + "Roses need sun and water every day. " * 400
    history = [_msg(1, "user", "How often do roses need water?")]
    messages = build_prompt("SYSTEM", history, budget_tokens=600, count_tokens=count,
                            expert=PromptExpert("garden", huge, "chosen"))
    assert sum(count(m) for m in messages) <= 600
    assert messages[1]["content"].startswith("You know everything about gardens.")
    assert messages[1]["content"].endswith(CUT_MARKER)
    assert messages[-1]["content"] == "How often do roses need water?"


async def _first_token_ms(model, messages):
    stats = StreamStats()
    async for _ in model.stream(messages, max_tokens=4, temperature=0.0, stats=stats):
        pass
    return stats.ttft_ms


@pytest.fixture(scope="module")
def steady_model():
    # One thread (or WHITTLE_THREADS): llama.cpp's threads wait for each other on a busy machine,
    # which would drown the difference this test measures.
    model = EmbeddedModel(n_ctx=2048, n_threads=threads_from_env() or 1)
    yield model
    model.close()


async def test_a_chat_turn_after_another_model_call_reads_only_what_is_new(steady_model):
    model = steady_model
    # Narration or an app's structured call between two chat turns replaces llama.cpp's context;
    # the saved state of the conversation's prompt must come back, not be read again.
    history = [_msg(i, "user" if i % 2 else "assistant", f"turn {i}: " + "the list has milk, eggs and bread. " * 3)
               for i in range(1, 6)]
    first = build_prompt("SYSTEM", history, budget_tokens=1500, count_tokens=model.count_message_tokens)
    model.clear_prompt_cache()
    cold = await _first_token_ms(model, first)
    await _first_token_ms(model, [{"role": "user", "content": "Something else entirely."}])
    history += [_msg(6, "assistant", "Noted."), _msg(7, "user", "What is on the list?")]
    nxt = build_prompt("SYSTEM", history, budget_tokens=1500, count_tokens=model.count_message_tokens)
    assert nxt[: len(first)] == first
    warm = await _first_token_ms(model, nxt)
    assert warm < cold / 3, (cold, warm)
