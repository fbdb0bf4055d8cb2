"""The learned second opinion: its examples, its guesses, and the rules' safety around its offers."""

from __future__ import annotations

import pytest

from whittle.agent.intents import MIN_PROBABILITY, Example, IntentModel, read_examples, trained
from whittle.agent.planner import CallPlanner
from whittle.agent.select import LEARNED, learned, select_tools
from whittle.config import Settings
from whittle.core import Whittle

STATE = {"todo": ["milk", "eggs", "call mum", "pay the gym"], "profiles": ["Default", "Work"],
         "hello-workflow": ["Your name", "Greeting"]}


@pytest.fixture(scope="module")
def whittle(tmp_path_factory, model):
    whittle = Whittle(Settings(home=tmp_path_factory.mktemp("intents-home")), model=model)
    yield whittle
    whittle.close()


def offered(whittle, text: str, app: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.tool.name, c.matched) for c in select_tools(text, whittle.tools, app_name=app,
                                                           state_values=STATE.get(app, []), intents=trained())]


def test_every_example_names_a_registered_tool_and_app(whittle):
    examples = read_examples()
    assert len(examples) >= 400
    tools = {tool.name for tool in whittle.tools}
    assert {e.tool for e in examples if e.tool} <= tools
    assert {e.app for e in examples} <= set(whittle.apps)
    assert sum(1 for e in examples if e.tool is None) >= 100, "it must learn what asks for no tool, too"


def test_guesses_are_limited_to_the_tools_offered_and_renormalised():
    model = IntentModel([Example("add milk", "todo", "todo_add"), Example("add eggs", "todo", "todo_add"),
                         Example("open the costs", "todo", "open_app"), Example("open models", "todo", "open_app"),
                         Example("tell me a joke", "todo", None), Example("what is a haiku", "todo", None)])
    assert model.guess("add bread", "todo").tool == "todo_add"
    only_open = model.guess("add bread", "todo", ["open_app"])
    assert only_open.tool in {"open_app", None} and 0 < only_open.probability <= 1
    assert model.guess("add bread", "todo", []).tool is None  # nothing registered: no tool


@pytest.mark.parametrize(("text", "app", "tool"), [
    ("experts page plz", "costs", "open_app"),  # no verb the rules read
    ("greet me with Hello there", "hello-workflow", "hello_workflow_submit"),
])
def test_wordings_the_rules_miss_get_the_learned_tool(whittle, text, app, tool):
    assert offered(whittle, text, app) == [(tool, (LEARNED,))]


@pytest.mark.parametrize(("text", "app"), [
    ("delete the Work profile", "todo"),  # led by another action: no tool may stand in for it
    ("is marking something done the same as deleting it?", "todo"),  # a question only asks to see
    ("Add up 17 and 25", "todo"),  # "add up" adds no todo
    ("Fix the typo in 'recieve'", "todo"),  # names no todo to edit
    ("write me a haiku about eggs", "todo"),
])
def test_the_rules_safety_holds_for_learned_offers(whittle, text, app):
    assert offered(whittle, text, app) == []


def test_what_the_rules_find_is_never_replaced(whittle):
    assert offered(whittle, "add bread to my list", "todo")[0] == ("todo_add", ("add",))


def test_of_several_tools_the_rules_find_the_learned_one_goes_first_and_none_is_added(whittle):
    found = offered(whittle, "take me to my todo list", "costs")
    assert [name for name, _ in found] == ["open_app", "todo_list"], "the rules read 'list' too"
    assert dict(found) == dict(offered_by_rules(whittle, "take me to my todo list", "costs"))


def offered_by_rules(whittle, text: str, app: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.tool.name, c.matched) for c in select_tools(text, whittle.tools, app_name=app,
                                                           state_values=STATE.get(app, []))]


def test_the_planner_can_turn_it_off(whittle):
    planner = CallPlanner(whittle.router, whittle.tools, learned=False)
    assert planner.candidates("experts page plz", "costs") == []
    assert [c.tool.name for c in CallPlanner(whittle.router, whittle.tools).candidates("experts page plz", "costs")] \
        == ["open_app"]


def test_warm_up_fits_the_model_in_the_background_once():
    import threading

    from whittle.agent import intents
    fitted = trained()
    intents.trained.forget()
    intents.warm_up()
    for fitting in [t for t in threading.enumerate() if t.name == "whittle-intents-fit"]:
        fitting.join(timeout=120)
    assert intents.trained.fitted, "fit before any request asked for it"
    assert trained() is trained() and trained() is not fitted


def test_the_examples_vectors_are_kept_in_the_cache_file_and_a_damaged_file_is_rebuilt(tmp_path, monkeypatch):
    import numpy as np

    from whittle.agent import intents
    cache_file = tmp_path / "cache" / "vectors.npz"
    monkeypatch.setattr(intents, "_cache_file", lambda: cache_file)
    first = intents.example_vectors(["add milk", "open the costs"])
    assert cache_file.is_file()
    with np.load(cache_file) as saved:
        assert sorted(saved["texts"].tolist()) == ["add milk", "open the costs"]
    encoded = []
    real_encoder = intents.encoder
    monkeypatch.setattr(intents, "encoder", lambda: type("Counting", (), {
        "encode": lambda self, texts: encoded.extend(texts) or real_encoder().encode(texts)})())
    again = intents.example_vectors(["open the costs", "tell me a joke"])
    assert encoded == ["tell me a joke"], "only the text not seen before is computed"
    assert set(again) == {"add milk", "open the costs", "tell me a joke"}, "all the cached examples are at hand"
    np.testing.assert_array_equal(again["add milk"], first["add milk"])
    cache_file.write_bytes(b"not an npz file")
    encoded.clear()
    intents.example_vectors(["add milk"])
    assert encoded == ["add milk"]


def test_requests_are_read_with_their_sentence_vector_but_never_stored(tmp_path, monkeypatch):
    from whittle.agent import intents
    cache_file = tmp_path / "vectors.npz"
    monkeypatch.setattr(intents, "_cache_file", lambda: cache_file)
    model = IntentModel([Example("delete milk", "todo", "todo_delete"), Example("remove eggs", "todo", "todo_delete"),
                         Example("tell me a joke", "todo", None), Example("what is a haiku", "todo", None)])
    model.guess("my secret request", "todo")
    import numpy as np
    with np.load(cache_file) as saved:
        assert "my secret request" not in saved["texts"].tolist()
    without = IntentModel([Example("a", "todo", "todo_add"), Example("b", "todo", None)], vector_weight=0)
    assert without.guess("a", "todo").tool == "todo_add"


def test_the_sentence_vector_reads_a_wording_no_example_uses():
    examples = read_examples()
    assert not any("purge" in e.text.casefold() for e in examples)
    read = trained().guess("purge the eggs entry", "todo")
    assert read.tool == "todo_delete" and read.probability >= MIN_PROBABILITY
    words_only = IntentModel(examples, vector_weight=0).guess("purge the eggs entry", "todo")
    assert words_only.probability < MIN_PROBABILITY, "by its words alone, not sure enough to offer"


def test_a_thing_named_alone_asks_nothing_of_the_learned_model(whittle):
    todos = ["take the bins out", "pay rent"]
    assert learned('"take the bins out"', list(whittle.tools), "todo", trained(), lambda app: todos) == []


def test_a_thing_already_on_the_list_is_not_added_by_the_learned_model(whittle):
    todos = ["buy stamps", "book the car in", "milk"]
    told = 'I\'ve changed my mind about "book the car in" on the list.'
    assert trained().guess(told, "todo").tool == "todo_add"
    assert learned(told, list(whittle.tools), "todo", trained(), lambda app: todos) == []


@pytest.mark.parametrize("text", ["add send quote to mrs patterson for the hws",  # another verb leads the thing
                                  "put fix walk-in seal on the list b4 i forget AGAIN"])
def test_a_guess_it_is_all_but_sure_of_reads_past_another_verb(whittle, text):
    from whittle.agent.intents import MUST_CALL_PROBABILITY
    assert trained().guess(text, "todo").probability >= MUST_CALL_PROBABILITY
    assert offered(whittle, text, "todo") == [("todo_add", (LEARNED,))]


def test_the_learned_model_reads_the_request_as_typed_not_as_resolved(whittle):
    """'undo "call mum"' is how the planner has it after resolving "the one i ticked"; no example reads so."""
    def offer(typed):
        return [c.tool.name for c in select_tools('undo "call mum"', whittle.tools, app_name="todo",
                                                  state_values=STATE["todo"], intents=trained(), typed=typed)]
    assert offer("undo the one i ticked") == ["todo_reopen"]
    assert offer(None) == []


def test_unsure_of_the_request_as_typed_it_reads_it_as_the_rules_left_it(whittle):
    typed = "While I think of it, put down pay the TV licence, it's due at the end of the month."
    def offer(text, typed):
        return [c.tool.name for c in select_tools(text, whittle.tools, app_name="profiles", state_values=STATE["profiles"],
                                                  intents=trained(), typed=typed)]
    assert offer("add pay the TV licence.", typed) == ["todo_add"]
    assert offer("if i go back a step does it wipe the later ones?", "q: if i go back a step does it wipe the later ones?") == [], \
        "a question typed is not read again"
