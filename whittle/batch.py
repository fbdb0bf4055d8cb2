"""`whittle batch FILE.jsonl`: many requests through the router exactly as the chat sends them.

Each line is `{"id": ..., "prompt": "..."}` or `{"id": ..., "messages": [{"role", "content"}, ...]}`.
A prompt gets the chat's system prompt before it; messages are sent as written. Every request is
routed like a chat turn — kind classified, privacy policy per tier (each id is its own
conversation, so pinning and masking work as in a chat), budget reserved and settled, answer cache,
checks and escalation — and logged in the ledger. One result per line, in order:

    {"id", "tier", "privacy", "answer", "cost_usd", "attempts"}

A line that cannot be read, or a request no tier can answer, gives {"id", "error"} instead and the
batch goes on; the exit status is 1 when any line failed.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

from whittle.router.cascade import NoTierAvailable
from whittle.router.request import LLMRequest, RouteResult

ROLES = ("system", "user", "assistant")


class BatchLineError(ValueError):
    """One line of the batch file is not a request; str(error) says what to write instead."""

    def __init__(self, message: str, item_id: str | None = None):
        super().__init__(message)
        self.item_id = item_id  # when the line had one


@dataclass(frozen=True)
class BatchItem:
    id: str
    messages: list[dict] | None  # None: a prompt, which gets the chat's system prompt
    prompt: str | None


def read_items(path: Path) -> Iterator[tuple[int, BatchItem | BatchLineError]]:
    """(line number, the request or why the line is not one), for every non-blank line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise BatchLineError(f"{path} is not UTF-8 text ({error}); save it as UTF-8 JSON Lines.") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, parse_line(line)
            except BatchLineError as error:
                yield number, error


def parse_line(line: str) -> BatchItem:
    example = 'write {"id": "q1", "prompt": "..."} or {"id": "q1", "messages": [{"role": "user", "content": "..."}]}'
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise BatchLineError(f"not JSON ({error.msg} at column {error.colno}); {example}") from None
    if not isinstance(data, dict) or "id" not in data:
        raise BatchLineError(f"a request needs an id; {example}")
    item_id = str(data["id"])
    if ("prompt" in data) == ("messages" in data):
        raise BatchLineError(f"give either prompt or messages, not {'both' if 'prompt' in data else 'neither'}; {example}", item_id)
    if "prompt" in data:
        if not isinstance(data["prompt"], str) or not data["prompt"].strip():
            raise BatchLineError(f"prompt must be non-empty text; {example}", item_id)
        return BatchItem(item_id, None, data["prompt"])
    messages = data["messages"]
    if not isinstance(messages, list) or not messages or not all(
        isinstance(m, dict) and m.get("role") in ROLES and isinstance(m.get("content"), str) for m in messages
    ):
        raise BatchLineError(f"messages must be a non-empty list of {{role: {'/'.join(ROLES)}, content: text}}; {example}", item_id)
    if messages[-1]["role"] != "user":
        raise BatchLineError("the last message must be the user's: that is what gets answered", item_id)
    return BatchItem(item_id, [{"role": m["role"], "content": m["content"]} for m in messages], None)


def result_line(item_id: str, result: RouteResult) -> dict:
    return {
        "id": item_id,
        "tier": result.tier,
        "privacy": result.privacy,
        "answer": result.text,
        "cost_usd": round(result.cost_usd, 8),
        "attempts": [
            {"tier": a.tier, "outcome": a.outcome, "reason": a.reason, "cost_usd": round(a.cost_usd, 8)}
            for a in result.attempts
        ],
    }


async def run_batch(whittle, path: Path, *, max_tokens: int) -> AsyncIterator[dict]:
    """Route every request of the file, one after another; yield one result (or error) per line."""
    for number, item in read_items(path):
        if isinstance(item, BatchLineError):
            yield {"id": item.item_id, "error": f"{path}:{number}: {item}"}
            continue
        messages = item.messages or [
            {"role": "system", "content": whittle.system_prompt()},
            {"role": "user", "content": item.prompt},
        ]
        # Like a chat turn: no kind (the router classifies it), the chat's temperature, its own conversation.
        request = LLMRequest(messages, purpose="batch", max_tokens=max_tokens, conversation=f"batch:{item.id}")
        try:
            yield result_line(item.id, await whittle.router.complete(request))
        except NoTierAvailable as error:
            yield {"id": item.id, "error": str(error)}


def command(args) -> int:
    """The CLI's `whittle batch FILE.jsonl [--config PATH] [--json]`."""
    from whittle.config import ConfigError, Settings
    from whittle.core import Whittle
    from whittle.llm.model_file import ModelFileError

    path = Path(args.file)
    if not path.is_file():
        print(f"whittle: error: {path} is not a file; give a JSON Lines file, one request a line.", file=sys.stderr)
        return 2
    try:
        whittle = Whittle(Settings(config_path=args.config))
    except (ModelFileError, ConfigError) as error:
        print(f"whittle: error: {error}", file=sys.stderr)
        return 2

    async def run() -> int:
        failed = 0
        async for line in run_batch(whittle, path, max_tokens=args.max_tokens):
            failed += "error" in line
            if args.json:
                print(json.dumps(line, ensure_ascii=False), flush=True)
            elif "error" in line:
                print(f"{line['id']}\terror: {line['error']}", flush=True)
            else:
                answer = " ".join(line["answer"].split())
                print(f"{line['id']}\t{line['tier']}\t${line['cost_usd']:.6f}\t{line['privacy']}\t{answer}", flush=True)
        return 1 if failed else 0

    try:
        return asyncio.run(run())
    except BatchLineError as error:
        print(f"whittle: error: {error}", file=sys.stderr)
        return 2
    finally:
        whittle.close()
