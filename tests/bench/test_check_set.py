"""bench/agent/check_set.py: a blind writer's set is checked before the bench runs it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "agent"))

from check_set import call_problems, shape_problems, tools_listing  # noqa: E402

SETS = Path(__file__).resolve().parents[2] / "bench" / "agent"


def rows_of(name: str) -> list[dict]:
    return [json.loads(line) for line in (SETS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_a_written_set_has_the_shape_every_set_has():
    rows = rows_of("heldout112.jsonl")
    assert shape_problems(rows, 8831, 8900) == []
    assert shape_problems(rows, 1, 70)[0].startswith("ids must be 1..70"), "the ids the writer was given"
    broken = [dict(rows[0], kind="chat"), *rows[1:]]
    assert any("a chat request expects no calls" in p for p in shape_problems(broken, 8831, 8900))


async def test_an_expected_call_a_tool_refuses_is_named():
    good = {"id": 1, "kind": "single", "app": "todo", "text": "add oat milk",
            "expect": [{"tool": "todo_add", "args": {"text": "oat milk"}}]}
    wrong = dict(good, id=2, expect=[{"tool": "todo_add", "args": {"thing": "oat milk"}}])
    assert await call_problems([good]) == []
    assert [p.split(":")[0] for p in await call_problems([good, wrong])] == ["2"]


def test_the_tools_are_listed_with_their_arguments():
    listing = tools_listing()
    assert "todo_add (app todo): " in listing and '"text"' in listing
    assert "todo_delete (app todo, destructive)" in listing
