"""kill -9 the server while steps are being submitted, 20 times: no acknowledged step is ever lost.

A step counts as acknowledged when the browser got its locked card back. After every
restart, every acknowledged step must be in the database with its values and result,
and the database must be consistent (no result without completion, no step done
before the one it follows).
"""

import http.client
import json
import random
import re
import sqlite3
import threading
import time
import urllib.parse

import pytest

from tests.support.testing import ServerProcess, free_port

pytestmark = pytest.mark.slow
ROUNDS = 20
BASE = "/app/hello-workflow"


def _post(port: int, path: str, fields: dict) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        body = urllib.parse.urlencode(fields)
        headers = {"HX-Request": "true", "Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", path, body, headers)
        response = connection.getresponse()
        text = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}: {text[:200]}")
        return text
    finally:
        connection.close()


def _submit_until_killed(port: int, round_no: int, acked: list, problems: list, stop: threading.Event) -> None:
    """Start runs and complete their steps as fast as possible; record what the server confirmed."""
    try:
        _submit(port, round_no, acked, stop)
    except Exception as error:  # a wrong answer (not a dead server) fails the test
        problems.append(error)


def _submit(port: int, round_no: int, acked: list, stop: threading.Event) -> None:
    for n in range(10_000):
        if stop.is_set():
            return
        key = f"kill-{round_no:02d}-{n:04d}"
        try:
            page = _post(port, f"{BASE}/open", {"key": key})
            run_id = int(re.search(r'id="wf-run-(\d+)"', page).group(1))
            for step, fields in (("name", {"name": f"N{round_no}.{n}"}), ("greeting", {"greeting": "Hi"})):
                answer = _post(port, f"{BASE}/runs/{run_id}/steps/{step}", fields)
                assert f'data-step="{step}" id="wf-{run_id}-{step}" class="wf-card wf-done' in answer, answer[:300]
                acked.append((key, step, fields))
        except (OSError, http.client.HTTPException):
            return  # the server is gone


def _check(db_path, acked) -> int:
    db = sqlite3.connect(db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = db.execute(
            "SELECT r.key, s.step_id, s.values_json, s.result_json, s.completed_at "
            "FROM workflow_steps s JOIN workflow_runs r ON r.id = s.run_id"
        ).fetchall()
    finally:
        db.close()
    saved = {(key, step): (json.loads(values), result, done) for key, step, values, result, done in rows}
    for key, step, fields in acked:
        assert (key, step) in saved, f"acknowledged step {step} of {key} was lost"
        values, result, done = saved[(key, step)]
        assert done is not None and result is not None and values == fields
    for (key, step), (_, result, done) in saved.items():
        assert (result is None) == (done is None), f"{key}/{step} is half written"
        if step == "greeting" and done:
            assert saved.get((key, "name"), (None, None, None))[2] is not None, f"{key}: step 2 done without step 1"
    return len(saved)


def test_kill_9_during_submits_never_loses_a_saved_step(tmp_path):
    home, port = tmp_path / "home", free_port()
    acked: list = []
    problems: list = []
    rng = random.Random(1234)
    started = time.monotonic()
    for round_no in range(ROUNDS):
        server = ServerProcess(home, port=port, extra_args=("--max-tokens", "8")).start()
        if round_no:
            _check(home / "whittle.db", acked)  # everything confirmed before the last kill is still there
        stop = threading.Event()
        worker = threading.Thread(target=_submit_until_killed, args=(port, round_no, acked, problems, stop))
        worker.start()
        time.sleep(rng.uniform(0.05, 0.5))
        server.kill()
        stop.set()
        worker.join(15)
        assert problems == []
    server = ServerProcess(home, port=port, extra_args=("--max-tokens", "8")).start()
    try:
        saved = _check(home / "whittle.db", acked)
        page = _post(port, f"{BASE}/open", {"key": acked[-1][0]})
        assert "wf-card wf-done" in page, "the last confirmed run opens after the final restart"
    finally:
        server.stop()
    assert len(acked) >= ROUNDS, f"only {len(acked)} steps were confirmed: the test did not exercise submits"
    print(f"\n{ROUNDS} kills, {len(acked)} confirmed steps, {saved} saved, {time.monotonic() - started:.0f}s")
