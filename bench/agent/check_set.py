"""Checks a request file written for bench/agent.py, and lists the tools its writer may expect calls of.

    .venv/bin/python bench/agent/check_set.py FILE FIRST_ID LAST_ID
    .venv/bin/python bench/agent/check_set.py --tools

A blind set's writer (bench/agent/WRITING.md) runs it until it prints OK: one JSON object a line, the ids in
order, the mix of kinds every set has, known apps, a setup the harness can build, and expected calls that
validate and run (a call a tool refuses is named; one that fails on the app's state, such as listing orphan
pages before any analysis, is allowed: the bench compares states).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parent)]

from agent_harness import fresh_whittle, prepare, stop_jobs  # noqa: E402

from whittle.agent.calls import ToolCall  # noqa: E402
from whittle.agent.execute import execute_call  # noqa: E402

KINDS = {"single": 38, "two-step": 7, "reference": 7, "chat": 12, "impossible": 6}
APPS = {"todo", "profiles", "hello-workflow", "competitive-analysis", "long-job", "introduction", "costs", "linkgraph"}
KEYS = {"id", "kind", "app", "text", "expect"}
SETUP_KEYS = {"todos", "done", "run", "submit"}


def tools_listing() -> str:
    """Every tool the assistant may call: its app, whether it is destructive, its description and arguments."""
    with tempfile.TemporaryDirectory() as tmp:
        whittle = fresh_whittle(Path(tmp), {}, None, None)
        try:
            lines = []
            for tool in sorted(whittle.tools, key=lambda t: (t.app or "", t.name)):
                schema = tool.params.model_json_schema()
                lines.append(f"{tool.name} (app {tool.app}{', destructive' if tool.destructive else ''}): "
                             f"{tool.description}\n   args: {json.dumps(schema.get('properties', {}))} "
                             f"required {schema.get('required', [])}")
            return "\n".join(lines)
        finally:
            whittle.close()


def shape_problems(rows: list[dict], first: int, last: int) -> list[str]:
    problems = []
    ids = [r.get("id") for r in rows]
    if ids != list(range(first, last + 1)):
        problems.append(f"ids must be {first}..{last} in order, one a line; got {len(ids)} lines, "
                        f"first {ids[:1]}, last {ids[-1:]}")
    kinds = dict(collections.Counter(r.get("kind") for r in rows))
    if kinds != KINDS:
        problems.append(f"kind counts must be {KINDS}; got {kinds}")
    if sum(r.get("app") == "todo" for r in rows) < 35:
        problems.append("about 40 requests should be asked in the todo app")
    for r in rows:
        rid = r.get("id")
        if not set(r) >= KEYS or set(r) - KEYS - {"setup"}:
            problems.append(f"{rid}: keys are id, kind, app, text, expect (and setup); got {sorted(r)}")
        elif r["app"] not in APPS:
            problems.append(f"{rid}: app {r['app']!r} is not one of {sorted(APPS)}")
        elif set(r.get("setup", {})) - SETUP_KEYS:
            problems.append(f"{rid}: setup keys are {sorted(SETUP_KEYS)}; got {sorted(r['setup'])}")
        elif r["kind"] in ("chat", "impossible") and r["expect"]:
            problems.append(f"{rid}: a {r['kind']} request expects no calls")
        elif r["kind"] == "two-step" and len(r["expect"]) < 2:
            problems.append(f"{rid}: a two-step request expects two calls or more")
        elif r["kind"] in ("single", "reference") and len(r["expect"]) != 1:
            problems.append(f"{rid}: a {r['kind']} request expects exactly one call")
    return problems


async def call_problems(rows: list[dict]) -> list[str]:
    """Each request's setup built and its expected calls run on a fresh home, as bench/agent.py will."""
    problems = []
    for r in rows:
        with tempfile.TemporaryDirectory() as tmp:
            whittle = fresh_whittle(Path(tmp), r, None, None)
            try:
                try:
                    await prepare(whittle, r)
                except Exception as error:  # noqa: BLE001 - any failure of the setup is the writer's to fix
                    problems.append(f"{r['id']}: its setup failed: {error}")
                    continue
                for call in r["expect"]:
                    if not isinstance(call, dict) or set(call) != {"tool", "args"}:
                        problems.append(f'{r["id"]}: an expected call is {{"tool": ..., "args": {{...}}}}; got {call}')
                        continue
                    outcome = await execute_call(whittle.tools, ToolCall(call["tool"], call["args"]), "check",
                                                 confirmed=True)
                    if outcome.status == "refused":
                        problems.append(f"{r['id']}: {call} is refused: {outcome.error}")
            finally:
                await stop_jobs(whittle)
                whittle.close()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, nargs="?")
    parser.add_argument("first", type=int, nargs="?")
    parser.add_argument("last", type=int, nargs="?")
    parser.add_argument("--tools", action="store_true", help="list the tools and their arguments, and stop")
    args = parser.parse_args()
    if args.tools:
        print(tools_listing())
        return
    if args.file is None or args.first is None or args.last is None:
        parser.error("give the file and its first and last id, or --tools")
    rows, problems = [], []
    for number, line in enumerate(args.file.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                problems.append(f"line {number}: not JSON ({error})")
    problems += shape_problems(rows, args.first, args.last)
    if not problems:
        problems = asyncio.run(call_problems(rows))
    print("\n".join(problems) if problems else f"OK: {len(rows)} requests")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
