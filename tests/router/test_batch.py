"""`whittle batch FILE.jsonl`: a real `python -m whittle batch` process, the embedded model and a paid tier
on 127.0.0.1 (tests/router/faulty_server.py)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

from tests.support.whittle_toml import LOCAL_TIER, server_tier, table, write_config

REQUESTS = [
    {"id": "q1", "prompt": "Say hello in three words."},
    {"id": "q2", "messages": [{"role": "system", "content": "Answer briefly."}, {"role": "user", "content": "Name a fruit."}]},
    {"id": "q3", "prompt": "Say hello in three words."},  # a repeat: answered by the cache, as in the chat
]


def run(home, *args):
    env = {**os.environ, "WHITTLE_HOME": str(home), "WHITTLE_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "whittle", "batch", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


def test_each_line_is_routed_like_a_chat_turn_and_answered_on_one_line(home, tmp_path, faulty_server):
    config = write_config(
        tmp_path, LOCAL_TIER,
        server_tier(faulty_server, "paid", trust="local", price_input_per_mtok=5, price_output_per_mtok=15),
        table("[router]", min_mean_logprob=0.0),  # every local answer escalates: the paid tier answers
    )
    requests = tmp_path / "requests.jsonl"
    lines = [json.dumps(r) for r in REQUESTS]
    requests.write_text("\n".join([*lines[:2], "{not json", '{"id": "q4"}', lines[2]]) + "\n")
    done = run(home, requests, "--config", config, "--json", "--max-tokens", "12")
    assert done.returncode == 1, done.stderr  # two lines were not requests
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in results] == ["q1", "q2", None, "q4", "q3"]
    q1, q2, bad, missing, q3 = results
    for answered in (q1, q2):
        assert set(answered) == {"id", "tier", "privacy", "answer", "cost_usd", "attempts"}
        assert answered["tier"] == "paid" and answered["answer"] and answered["cost_usd"] > 0
        assert [a["outcome"] for a in answered["attempts"]] == ["escalated", "accepted"]
        assert answered["privacy"] == "none"
    assert q3["tier"] == "cache" and q3["answer"] == q1["answer"] and q3["cost_usd"] == 0
    assert "requests.jsonl:3: not JSON" in bad["error"] and '"prompt"' in bad["error"]
    assert "either prompt or messages" in missing["error"]
    db = sqlite3.connect(home / "whittle.db")
    rows = db.execute("SELECT tier, outcome FROM llm_calls WHERE purpose='batch' ORDER BY id").fetchall()
    assert rows == [("local", "escalated"), ("paid", "accepted")] * 2 + [("cache", "accepted")]
    spent = db.execute("SELECT SUM(actual_usd) FROM budget_charges WHERE state='settled'").fetchone()[0]
    assert spent == sum(r["cost_usd"] for r in (q1, q2)) or abs(spent - q1["cost_usd"] - q2["cost_usd"]) < 1e-7
    sent = json.loads(db.execute("SELECT messages FROM llm_calls WHERE purpose='batch' ORDER BY id").fetchone()[0])
    assert sent[0]["role"] == "system" and "whittle" in sent[0]["content"], "a prompt gets the chat's system prompt"


def test_a_missing_file_names_the_fix(home, tmp_path):
    done = run(home, tmp_path / "nope.jsonl", "--json")
    assert done.returncode == 2 and "not a file" in done.stderr and "JSON Lines" in done.stderr
