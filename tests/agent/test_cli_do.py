"""`whittle do` in a subprocess against a data home: calls, results, and --yes for destructive ones."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def whittle_do(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WHITTLE_HOME": str(home), "WHITTLE_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "whittle", "do", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=240)


def test_do_runs_commands_and_lists_destructive_calls(tmp_path):
    added = whittle_do(tmp_path, "/todo add milk", "--json")
    assert added.returncode == 0, added.stderr
    report = json.loads(added.stdout)
    assert report["calls"] == [{"tool": "todo_add", "args": {"text": "milk"}, "tier": "command", "status": "done",
                                "result": {"text": "Added a todo.", "data": ["milk"]}}]
    assert set(report) == {"calls", "answer"}

    listed = whittle_do(tmp_path, "/todo delete milk", "--json")
    call = json.loads(listed.stdout)["calls"][0]
    assert call["status"] == "needs_confirmation" and call["result"] is None, "without --yes it is listed, not run"
    still = json.loads(whittle_do(tmp_path, "/todo list", "--json").stdout)["calls"][0]
    assert still["result"]["data"] == ["1. milk"]

    deleted = whittle_do(tmp_path, "/todo delete milk", "--yes")
    assert deleted.returncode == 0 and "Deleted a todo." in deleted.stdout and "| milk" in deleted.stdout
    empty = whittle_do(tmp_path, "/todo list", "--json")
    assert json.loads(empty.stdout)["calls"][0]["result"]["text"] == "The todo list is empty."
    shown = [row[0] for row in sqlite3.connect(tmp_path / "whittle.db").execute(
        "SELECT status FROM messages WHERE source='agent' ORDER BY id")]
    assert shown == ["done", "declined", "done", "done", "done"], "every call is in the chat for the user to see"


def test_do_explains_bad_input(tmp_path):
    wrong = whittle_do(tmp_path, "/todo fly")
    assert wrong.returncode == 2 and "no command /todo fly" in wrong.stderr
    failed = whittle_do(tmp_path, "/todo done 3", "--json")
    assert failed.returncode == 1 and "no todo number 3" in json.loads(failed.stdout)["calls"][0]["result"]["error"]


def test_do_with_plain_words_uses_the_model(tmp_path):
    """The planner on the embedded model picks the tool and copies the argument from the request."""
    done = whittle_do(tmp_path, "add eggs to my list", "--json", "--app", "todo")
    assert done.returncode == 0, done.stderr
    (call,) = json.loads(done.stdout)["calls"]
    assert (call["tool"], call["args"], call["status"]) == ("todo_add", {"text": "eggs"}, "done")
    assert call["tier"] not in (None, "command")


def test_do_waits_for_a_job_it_started(tmp_path, monkeypatch):
    monkeypatch.setenv("WHITTLE_LONG_JOB_MB", "20")
    started = whittle_do(tmp_path, "/long-job start", "--json")
    report = json.loads(started.stdout)
    assert report["calls"][0]["status"] == "done"
    assert report["answer"].endswith("The long job ended: done."), "the job ran to its end, not cut off at exit"
