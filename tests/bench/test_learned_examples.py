"""bench/agent/learned_examples.py: a measured set becomes the learned models' examples, and they stay in step."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "agent"))

from learned_examples import examples_of, main  # noqa: E402


def test_a_request_gives_its_intent_its_written_values_and_the_todo_it_points_at():
    request = {"id": 1, "kind": "two-step", "app": "todo", "setup": {"todos": ["pay rent", "buy flour"]},
               "text": "add Call Sam and tick pay rent",
               "expect": [{"tool": "todo_add", "args": {"text": "call sam"}},
                          {"tool": "todo_complete", "args": {"item": "pay rent"}}]}
    made = examples_of(request, "bench/agent/x", set())
    assert made["intents"] == [], "two calls: no one intent"
    assert made["arg_spans"] == [{"text": request["text"], "app": "todo", "tool": "todo_add", "arg": "text",
                                  "value": "call sam", "source": "bench/agent/x"}], "written in the request, any case"
    assert made["pointed"] == [{"text": request["text"], "todos": ["pay rent", "buy flour"], "done": [],
                                "item": "pay rent", "source": "bench/agent/x"}]
    single = {**request, "kind": "single", "expect": request["expect"][:1]}
    assert examples_of(single, "s", set())["intents"] == [{"text": request["text"], "app": "todo", "tool": "todo_add",
                                                          "source": "s"}]
    assert examples_of(single, "s", {request["text"].casefold()})["intents"] == [], "an earlier source has these words"
    chosen = {"id": 2, "kind": "single", "app": "hello-workflow", "text": "greeting hi please",
              "expect": [{"tool": "hello_workflow_submit", "args": {"step": "greeting", "value": "Hi"}}]}
    assert examples_of(chosen, "s", set())["arg_spans"] == [], "a choice is chosen, not written out"


def test_the_learned_examples_hold_exactly_what_their_sets_give(capsys):
    sets = [f"heldout{n}" for n in range(97, 153)]
    assert main(["--check", *sets]) == 0, capsys.readouterr().out
