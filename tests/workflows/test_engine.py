"""The engine through its Python API: state, order, revert/keep, finalize, resume, scoping, failures."""

import sqlite3

import pytest

from tests.workflows.flows import Batch, Survey
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore
from whittle.workflows import RunKeyError, StepFailed, StepInputError, WorkflowError, normalize_key


@pytest.fixture
def survey(home):
    Survey.failures = []
    with Survey.open("acme-survey-01", home=home) as run:
        yield run


def _rows(home):
    db = sqlite3.connect(home / "whittle.db")
    try:
        return db.execute(
            "SELECT run_id, step_id, values_json, result_json, progress_json, completed_at FROM workflow_steps ORDER BY step_id"
        ).fetchall()
    finally:
        db.close()


def test_each_submit_is_saved_and_the_run_moves_on(survey):
    assert survey.state == {} and survey.next_step.id == "who"
    state = survey.submit("who", {"name": "  Ada   Lovelace ", "team": ""})
    assert state.done and state.values == {"name": "Ada Lovelace", "team": ""}
    assert state.result == state.values, "a step without a handler returns its values"
    assert survey.next_step.id == "rate" and survey.position() == "at step 2 of 3, 'Rate'"
    state = survey.submit("rate", {"score": "4", "mood": "good", "tags": "a, b\nb\n\nc", "public": "on"})
    assert state.values == {"score": 4, "mood": "good", "tags": ["a", "b", "c"], "public": True}
    assert state.result == "Ada Lovelace rates 4 (good)", "async handlers see earlier results"
    assert survey.result("rate") == state.result


def test_steps_go_in_order_and_done_steps_need_a_revert(survey):
    with pytest.raises(WorkflowError, match="Finish step 'Who' first"):
        survey.submit("rate", {"score": 3, "mood": "bad"})
    survey.submit("who", {"name": "Ada"})
    with pytest.raises(WorkflowError, match="already done; revert"):
        survey.submit("who", {"name": "Grace"})
    with pytest.raises(WorkflowError, match="has no step 'nope'; its steps are: who, rate, done"):
        survey.submit("nope", {})
    assert survey.state["who"].values["name"] == "Ada"


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(survey, home):
    survey.submit("who", {"name": "Ada"})
    before = _rows(home)
    with pytest.raises(StepInputError) as caught:
        survey.submit("rate", {"score": "nine", "mood": "meh", "colour": "red"})
    errors = caught.value.errors
    assert errors["score"] == "'nine' is not a number; type digits, e.g. 42."
    assert errors["mood"] == "'meh' is not one of the choices; pick one of: good, bad."
    assert "no such field; it takes: mood, public, score, tags" in errors["colour"]
    assert str(caught.value).startswith("colour: this step has no such field")
    with pytest.raises(StepInputError, match="Score: 6 is above the maximum; use 5 or less"):
        survey.submit("rate", {"score": 6, "mood": "good"})
    with pytest.raises(StepInputError, match="Score: this is required"):
        survey.submit("rate", {"score": " ", "mood": "good"})
    assert _rows(home) == before, "a refused submit writes nothing"

    survey.revert("who")
    with pytest.raises(StepInputError, match="Name: 21 characters is too long; keep it under 20"):
        survey.submit("who", {"name": "x" * 21})
    with pytest.raises(StepInputError, match="Name: this is required; fill it in"):
        survey.submit("who", {"name": "   "})
    assert survey.state["who"].values == {"name": "Ada", "team": ""}, "the earlier values are still there"


def test_a_handler_that_raises_leaves_saved_state_untouched(survey, home):
    survey.submit("who", {"name": "Ada"})
    survey.submit("rate", {"score": 5, "mood": "good"})
    before = _rows(home)
    Survey.failures = ["disk on fire"]
    with pytest.raises(StepFailed, match="'Done' failed: RuntimeError: disk on fire. Nothing was saved"):
        survey.submit("done", {"comment": "hi"})
    assert _rows(home) == before
    assert survey.next_step.id == "done"
    Survey.failures = []
    assert survey.submit("done", {"comment": "hi"}).result["comment"] == "hi"


def test_revert_clears_later_results_and_keeps_values_marked_keep(survey):
    survey.submit("who", {"name": "Ada", "team": "R&D"})
    survey.submit("rate", {"score": 2, "mood": "bad", "tags": "x\ny", "public": True})
    survey.submit("done", {"comment": "bye"})
    with pytest.raises(WorkflowError, match="not done yet"):
        Survey.open("other", home=survey.store.db.path.parent).revert("who")

    survey.revert("who")
    state = survey.state
    assert not state["who"].done and state["who"].values == {"name": "Ada", "team": "R&D"}, (
        "the reopened step keeps its input"
    )
    assert not state["rate"].done and state["rate"].result is None
    assert state["rate"].values == {"tags": ["x", "y"]}, "only keep fields survive in later steps"
    assert "done" not in state, "a later step with nothing to keep is cleared"
    assert survey.next_step.id == "who"
    survey.submit("who", {"name": "Grace"})
    assert survey.submit("rate", {"score": 3, "mood": "good"}).result == "Grace rates 3 (good)"


def test_finalize_locks_the_run_until_unfinalized(survey):
    survey.submit("who", {"name": "Ada"})
    with pytest.raises(WorkflowError, match="Finish every step before finalizing; step 'rate'"):
        survey.finalize()
    survey.submit("rate", {"score": 1, "mood": "bad"})
    survey.submit("done", {})
    survey.finalize()
    assert survey.finalized and survey.position() == "finalized: all 3 steps done, read-only"
    with pytest.raises(WorkflowError, match="finalized \\(read-only\\); unfinalize it"):
        survey.revert("rate")
    survey.unfinalize()
    survey.revert("rate")
    assert survey.next_step.id == "rate"


def test_a_run_resumes_by_key_after_the_database_is_reopened(home):
    with Survey.open("Acme Survey 03", home=home) as run:
        assert run.key == "acme-survey-03"
        run.submit("who", {"name": "Ada"})
        run_id = run.id
    with Survey.open("acme-survey-03", home=home) as again:
        assert again.id == run_id
        assert again.state["who"].values == {"name": "Ada"} | {"team": ""}
        assert again.next_step.id == "rate"
    assert [s.run.key for s in Survey.runs(home=home)] == ["acme-survey-03"]


def test_runs_are_scoped_to_a_profile(home):
    db = Database(home / "whittle.db")
    profiles = ProfileStore(db, KeyValueStore(db))
    client = profiles.create("Client B")
    db.close()
    with (
        Survey.open("shared-key", home=home) as mine,
        Survey.open("shared-key", home=home, profile="client b") as theirs,
    ):
        assert mine.id != theirs.id and theirs.profile_id == client.id
        mine.submit("who", {"name": "Ada"})
        assert theirs.state == {}
    assert [s.done_steps for s in Survey.runs(home=home)] == [1]
    assert [s.done_steps for s in Survey.runs(home=home, profile=client.id)] == [0]
    with pytest.raises(WorkflowError, match="There is no profile 'Nobody'; the profiles are: 'Default', 'Client B'"):
        Survey.open("x", home=home, profile="Nobody")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", "Type a key for the run"),
        ("acme/../x", "it contains '.' '/'"),
        ("-leading", "must start with a letter or digit"),
        ("k" * 65, "keep it to 64 or fewer"),
        ("café", "it contains 'é'"),
    ],
)
def test_bad_keys_say_what_a_key_looks_like(typed, problem, home):
    with pytest.raises(RunKeyError, match=problem):
        normalize_key(typed)
    with pytest.raises(RunKeyError, match=problem):
        Survey.open(typed, home=home)


def test_a_background_step_resumes_where_it_stopped(home):
    Batch.calls, Batch.crash_after = [], 2
    with Batch.open("batch-01", home=home) as run:
        run.submit("items", {"items": "a\nb\nc\nd"})
        with pytest.raises(StepFailed, match="ConnectionError: the model went away"):
            run.submit("work", {"mode": "upper"})
        progress = run.state["work"].progress
        assert progress["done"] == 2 and progress["total"] == 4 and progress["data"] == {"a": "A", "b": "B"}
        assert not run.state["work"].done

        Batch.crash_after = None
        assert run.submit("work", {"mode": "upper"}).result == ["A", "B", "C", "D"]
        assert Batch.calls == ["a", "b", "c", "d"], "items done before the failure are not redone"
        assert run.state["work"].progress is None

        run.revert("work")
        Batch.calls = []
        assert run.submit("work", {"mode": "lower"}).result == ["a", "b", "c", "d"]
        assert Batch.calls == ["a", "b", "c", "d"], "new values start the work afresh"


async def test_submit_works_inside_a_running_event_loop_as_in_jupyter(home):
    with Survey.open("jupyter", home=home) as run:
        run.submit("who", {"name": "Ada"})
        assert run.submit("rate", {"score": 3, "mood": "good"}).result == "Ada rates 3 (good)"
        assert (await run.asubmit("done", {"comment": "async"})).result["comment"] == "async"


def test_two_writers_cannot_both_complete_a_step(home):
    with Survey.open("race", home=home) as tab, Survey.open("race", home=home) as notebook:
        tab.submit("who", {"name": "Ada"})
        with pytest.raises(WorkflowError, match="already done"):
            notebook.store.complete_step(notebook.id, "who", {"name": "Grace"}, {"name": "Grace"}, after=[])
        assert notebook.state["who"].values["name"] == "Ada"


def test_python_runs_are_overheard_by_the_chat(whittle, home):
    run = Survey.open("heard", ctx=whittle.app_context("survey"))
    run.submit("who", {"name": "Ada"})
    run.revert("who")
    context = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any(
        "[Survey · run heard] The user completed step 1 'Who' with name='Ada'" in c and "Next: step 2 'Rate'" in c
        for c in context
    )
    assert any("went back to step 1 'Who'" in c for c in context)

    with Survey.open("heard-too", home=home) as notebook:  # a notebook next to a running server
        notebook.submit("who", {"name": "Grace"})
    context = [m.content for m in whittle.chat.store.history() if m.role == "context"]
    assert any("run heard-too" in c and "(done from Python)" in c for c in context)
