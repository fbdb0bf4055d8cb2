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


def test_a_saved_model_is_read_back_by_the_next_process_and_fit_again_when_what_it_was_fit_from_changes(
        tmp_path, monkeypatch):
    from whittle.agent import fitted
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fits = []

    def process() -> FitOnce:  # a new process: nothing fitted in memory yet
        return FitOnce(lambda: fits.append(1) or {"weights": [1, 2, len(fits)]}, "test-fit", saved_as="test-model")

    assert process()() == {"weights": [1, 2, 1]} and fits == [1]
    saved = process().saved_file()
    assert saved.parent == tmp_path / "whittle" and saved.is_file()
    assert process()() == {"weights": [1, 2, 1]} and fits == [1], "read back, not fit again"

    saved.write_bytes(b"not a pickle")
    assert process()() == {"weights": [1, 2, 2]} and fits == [1, 1], "a damaged file is fit again"
    assert process()() == {"weights": [1, 2, 2]} and fits == [1, 1], "and saved over"

    monkeypatch.setattr(fitted, "fingerprint", lambda: "changed")
    assert process()() == {"weights": [1, 2, 3]} and fits == [1, 1, 1], "code or examples changed: fit again"
    assert [p.name for p in (tmp_path / "whittle").iterdir()] == ["test-model-changed.pickle"], "the older one is gone"


def test_the_fingerprint_changes_with_the_examples_and_the_code(tmp_path, monkeypatch):
    from whittle.agent import fitted
    before = fitted.fingerprint()
    assert before == fitted.fingerprint()
    package = tmp_path / "whittle"
    for folder in ("agent", "llm"):
        (package / folder).mkdir(parents=True)
    (package / "agent" / "fitted.py").write_text("# code\n")
    (package / "agent" / "intents.jsonl").write_text('{"text": "add milk"}\n')
    monkeypatch.setattr(fitted, "__file__", str(package / "agent" / "fitted.py"))
    copied = fitted.fingerprint()
    (package / "agent" / "intents.jsonl").write_text('{"text": "add eggs"}\n')
    assert fitted.fingerprint() != copied, "an example changed"
    (package / "llm" / "encoder.py").write_text("# new code\n")
    assert len({before, copied, fitted.fingerprint()}) == 3, "code added"
