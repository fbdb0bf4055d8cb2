"""The learned models' shared parts: examples read from JSON lines, and a model fit once per process."""

from __future__ import annotations

import threading

import pytest

from whittle.agent import arg_spans, intents
from whittle.agent.fitted import FitOnce


@pytest.mark.parametrize(("reader", "good", "form"), [
    (intents.read_examples, '{"text": "add milk", "app": "todo", "tool": "todo_add"}', '"text"'),
    (arg_spans.read_examples, '{"text": "add milk", "tool": "todo_add", "arg": "text", "value": "milk"}', '"arg"'),
])
def test_a_broken_example_line_names_the_file_line_and_the_form(tmp_path, reader, good, form):
    path = tmp_path / "examples.jsonl"
    path.write_text(f"{good}\n\n{good}\n")
    assert len(reader(path)) == 2, "blank lines are skipped"
    path.write_text(f'{good}\n{{"app": "todo"}}\n')
    with pytest.raises(ValueError, match=rf"examples.jsonl:2: not an example .*{form}"):
        reader(path)


def test_a_model_is_fit_once_whoever_asks_first():
    fits = []
    model = FitOnce(lambda: fits.append(1) or object(), "test-fit")
    model.warm_up()
    for fitting in [t for t in threading.enumerate() if t.name == "test-fit"]:
        fitting.join(timeout=10)
    assert model.fitted and model() is model() and fits == [1]
    model.forget()
    assert not model.fitted and model() is not None and fits == [1, 1]
