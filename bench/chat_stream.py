"""Streaming overhead of the app: raw llama-cpp-python vs the same prompt through whittle's WebSocket.

Each round sends a message through a real `whittle serve` process, reads back the exact
messages the app gave the model (from its llm_calls log), then runs raw llama-cpp-python on
those same messages in this process, with the same model file and settings. Runs are
sequential so they never share the CPU. Also measures how long Stop takes.

    .venv/bin/python bench/chat_stream.py [--rounds 8] [--max-tokens 128]

ttft_added_ms is the client-seen time to first token minus the server's own llama.cpp time to
first token for the same call (logged in llm_calls): exactly what the app adds. The plain
difference of the two medians is printed too; it also carries llama.cpp cache-state noise.

Then, with the server stopped, TTFT with history (whittle's prompt builder and embedded model,
in this process): a session of chat turns with 30 app events and visits between them, 3 per
turn (the real apps' titles and training prompts), then one question. ttft_ratio_with_history is its TTFT over
the TTFT of the same question with no history (a fresh conversation, cache cleared), with
llama.cpp's KV cache holding the previous turn as it does in the app;
ttft_ratio_with_history_no_cache is the same prompt read from a cleared cache.

A turn can end with no text: the assistant's agent took the message as a tool request, an app or
the chat's state answers handled it, or the model answered nothing (the hub then hides the empty
reply). Such turns are counted and named in the report, not measured: the bench prompts are plain
chat (the agent's pre-selection, whittle/agent/select.py, picks no tool for them; see
tests/bench/test_chat_stream.py) and rounds go on until --rounds of them have text on both sides.
An empty answer in the history session is timed to its end (its first token was the end of turn).

The machine may be shared: the load average before and after, and the range of raw llama.cpp
tokens/s over the rounds, say how noisy the run was.

Ends with one JSON line: {"throughput_ratio": ..., "ttft_added_ms": ..., ...}
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import re
import sqlite3
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets
from llama_cpp import Llama

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.testing import ServerProcess  # noqa: E402
from whittle.apps.dashboard import CostDashboard  # noqa: E402
from whittle.apps.long_job import LongJob  # noqa: E402
from whittle.apps.profiles import Profiles  # noqa: E402
from whittle.apps.todo import TodoList  # noqa: E402
from whittle.chat.context import build_prompt  # noqa: E402
from whittle.chat.store import Message  # noqa: E402
from whittle.config import threads_from_env  # noqa: E402
from whittle.core import BASE_SYSTEM_PROMPT  # noqa: E402
from whittle.llm.base import StreamStats  # noqa: E402
from whittle.llm.embedded import EmbeddedModel, default_threads  # noqa: E402
from whittle.llm.model_file import bundled_model_path  # noqa: E402

# Plainly chat: no tool's action word leads them, so the agent hands them to the model.
PROMPTS = [
    "Explain in detail how a bicycle works.",
    "Describe the water cycle step by step.",
    "Write a long story about a fox who learns to read.",
    "Explain why the sky is blue, in several paragraphs.",
]
STOP_PROMPT = "Write a very long story about the sea."
WARM_UP_PROMPT = "Hello!"
TEXT_FRAME = re.compile(r'hx-swap-oob="beforeend:#msg-\d+-body"')
# A reply ends finished in any state but streaming (done, stopped, error; the agent's failed or
# awaiting cards), or deleted: the hub hides a reply that said nothing.
TURN_END = re.compile(r'class="msg msg-assistant msg-(?!streaming")[\w-]+" hx-swap-oob="true"'
                      r'|hx-swap-oob="delete" id="msg-\d+"')
TURN_TIMEOUT_S = 900  # a turn on a busy 2-core machine can take minutes; never hang for ever


def tokens_per_second(tokens: int, first: float, last: float) -> float:
    # Decode rate after the first token, so prompt processing (TTFT) is not counted twice.
    return (tokens - 1) / (last - first) if tokens > 1 and last > first else float("nan")


async def read_turn(ws, *, until_text: bool = False) -> tuple[float | None, float | None]:
    """Read frames until the turn's reply ends (or, with until_text, its first text arrives):
    the times of its first and last text frames, None when it showed no text."""
    first = last = None
    async with asyncio.timeout(TURN_TIMEOUT_S):
        while True:
            frame = await ws.recv()
            now = time.perf_counter()
            if TEXT_FRAME.search(frame):
                first = first or now
                last = now
                if until_text:
                    break
            if TURN_END.search(frame):
                break
    return first, last


def last_call_id(db_path: Path) -> int:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT coalesce(max(id), 0) FROM llm_calls").fetchone()[0]


def calls_since(db_path: Path, after_id: int) -> list[tuple]:
    """The model calls a turn made: (purpose, messages, completion tokens, llama.cpp's TTFT in ms)."""
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT purpose, messages, completion_tokens, ttft_ms FROM llm_calls WHERE id > ? "
                          "ORDER BY id", (after_id,)).fetchall()


def why_no_text(purposes: list[str]) -> str:
    if "agent" in purposes:
        return "taken by the agent as a tool request"
    if "chat" in purposes:
        return "the model answered with no text"
    return "answered without the model (a /command, an app or the chat's state answers)"


async def app_round(server: ServerProcess, prompt: str) -> dict:
    """One chat turn through the WebSocket; {"empty": reason} when it showed no text."""
    db_path = server.home / "whittle.db"
    before = last_call_id(db_path)
    async with websockets.connect(server.ws_url, origin=server.url, max_size=None) as ws:
        sent = time.perf_counter()
        await ws.send(json.dumps({"msg": prompt, "app": "bench"}))
        first, last = await read_turn(ws)
    calls = calls_since(db_path, before)
    chat = [row for row in calls if row[0] == "chat"]
    if first is None or not chat:
        return {"empty": why_no_text([row[0] for row in calls])}
    _, messages, tokens, server_ttft_ms = chat[-1]
    return {
        "messages": json.loads(messages),
        "tokens": tokens,
        "ttft_ms": (first - sent) * 1000,
        # What the app adds around llama.cpp: socket, SQLite writes, prompt building, event hops.
        "app_overhead_ms": (first - sent) * 1000 - server_ttft_ms,
        "tok_s": tokens_per_second(tokens, first, last),
    }


def raw_round(llama: Llama, messages: list[dict], max_tokens: int) -> dict:
    """The same messages on raw llama-cpp-python; {"empty": reason} when it answered no text."""
    # The server's llama.cpp cache already holds the conversation up to the new message
    # (its own last answer included). Give the raw model the same head start, unmeasured,
    # so both sides process only the new turn before their first token.
    if len(messages) > 1:
        llama.create_chat_completion(messages=messages[:-1], max_tokens=1, temperature=0.2)
    started = time.perf_counter()
    first = last = None
    tokens = 0
    for part in llama.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0.2, stream=True):
        if part["choices"][0]["delta"].get("content"):
            now = time.perf_counter()
            first = first or now
            last = now
            tokens += 1
    if first is None:
        return {"empty": "raw llama.cpp answered with no text"}
    return {"tokens": tokens, "ttft_ms": (first - started) * 1000, "tok_s": tokens_per_second(tokens, first, last)}


async def stop_latency(server: ServerProcess) -> float | None:
    """Stop pressed -> the stopped reply shown, in ms; None when the answer ended before any text."""
    async with websockets.connect(server.ws_url, origin=server.url, max_size=None) as ws:
        await ws.send(json.dumps({"msg": STOP_PROMPT, "app": "bench"}))
        first, _ = await read_turn(ws, until_text=True)
        if first is None:
            return None
        pressed = time.perf_counter()
        request = urllib.request.Request(server.url + "/chat/stop", method="POST", headers={"Origin": server.url})
        await asyncio.to_thread(urllib.request.urlopen, request)
        await read_turn(ws)
        return (time.perf_counter() - pressed) * 1000


HISTORY_APPS = (TodoList, CostDashboard, LongJob, Profiles)
# Plain chat the model answers: "what did I just do?" is answered from the app events without it
# (chat/state_answers.py), and "anything to note" would offer the agent its add tools.
HISTORY_QUESTION = "What should I focus on next?"
ANSWER_TOKENS = 16
# App events and visits between two chat turns: what the model must read that no cache holds.
EVENTS_PER_TURN = 3


def app_session(events: int, per_turn: int) -> list[list[tuple[str, str]]]:
    """Turns of (role, text) a user makes: app visits (event + training prompt) and app events, then a question."""
    turns, made = [], 0
    while made < events:
        turn = []
        for _ in range(min(per_turn, events - made)):
            app = HISTORY_APPS[made % len(HISTORY_APPS)]
            if made % 3 == 0:  # a visit: what core.open_app records
                turn.append(("context", f"The user opened the {app.title} app."))
                if app.training_prompt:
                    turn.append(("context", app.training_prompt))
            else:
                turn.append(("context", f"In the {app.title} app the user changed item {made}."))
            made += 1
        turn.append(("user", HISTORY_QUESTION if made >= events else f"Any thoughts on step {made} so far?"))
        turns.append(turn)
    return turns


class Timings:
    """Times to first token of the history session, and how many answers had no text."""

    def __init__(self):
        self.empty = 0

    async def first_token(self, model: EmbeddedModel, messages: list) -> tuple[float, str, int]:
        """Time to first token, the answer, and the prompt's length in the model's own tokens.

        An answer with no text is timed to its end: its first token was the end of the turn."""
        stats, text = StreamStats(), []
        async for piece in model.stream(messages, max_tokens=ANSWER_TOKENS, temperature=0.0, stats=stats):
            text.append(piece)
        if stats.ttft_ms is None:
            self.empty += 1
        return stats.ttft_ms if stats.ttft_ms is not None else stats.latency_ms, "".join(text), stats.prompt_tokens


async def ttft_with_history(model: EmbeddedModel, rounds: int, events: int = 30) -> dict:
    budget = model.n_ctx - 256  # what the hub gives the prompt with --max-tokens 256
    timings = Timings()
    cached, uncached, fresh, sizes, after_other = [], [], [], [], []
    for _ in range(rounds):
        history: list[Message] = []
        model.clear_prompt_cache()
        for turn in app_session(events, per_turn=EVENTS_PER_TURN):
            for role, text in turn:
                history.append(Message(len(history) + 1, role, text, role != "context", "bench"))
            messages = build_prompt(BASE_SYSTEM_PROMPT, history, budget_tokens=budget, count_tokens=model.count_message_tokens)
            # Every turn of the session runs, so llama.cpp's cache holds the previous turn as in the app.
            ttft, answer, prompt_tokens = await timings.first_token(model, messages)
            history.append(Message(len(history) + 1, "assistant", answer or "OK.", True, "bench"))
        cached.append(ttft)
        sizes.append(prompt_tokens)
        # A narration between two turns replaces llama.cpp's context; the saved state comes back.
        await timings.first_token(model, [{"role": "user", "content": "Long job milestone: 50% done."}])
        after_other.append((await timings.first_token(model, messages))[0])
        model.clear_prompt_cache()
        uncached.append((await timings.first_token(model, messages))[0])
        model.clear_prompt_cache()
        question = [{"role": "system", "content": BASE_SYSTEM_PROMPT}, {"role": "user", "content": HISTORY_QUESTION}]
        fresh.append((await timings.first_token(model, question))[0])
        print(f"history round: {sizes[-1]} prompt tokens; first token cached {cached[-1]:7.1f} ms, "
              f"after another call {after_other[-1]:7.1f} ms, cache cleared {uncached[-1]:7.1f} ms; "
              f"no history {fresh[-1]:7.1f} ms", flush=True)
    return {
        "cached_ms": statistics.median(cached),
        "uncached_ms": statistics.median(uncached),
        "fresh_ms": statistics.median(fresh),
        "prompt_tokens": statistics.median(sizes),
        "after_other_ms": statistics.median(after_other),
        "empty_answers": timings.empty,
    }


async def streaming_rounds(server: ServerProcess, llama: Llama, rounds: int, max_tokens: int) -> tuple[list, list, dict]:
    """Up to 2 x rounds chat turns, until `rounds` had text on both sides: (app runs, raw runs, empty turns by reason)."""
    app_runs, raw_runs, empty = [], [], {}
    await app_round(server, WARM_UP_PROMPT)  # warm-up both sides
    raw_round(llama, [{"role": "user", "content": WARM_UP_PROMPT}], 8)
    for index in range(2 * rounds):
        if len(app_runs) == rounds:
            break
        app = await app_round(server, PROMPTS[index % len(PROMPTS)])
        raw = raw_round(llama, app["messages"], max_tokens) if "empty" not in app else {}
        reason = app.get("empty") or raw.get("empty")
        if reason:
            empty[reason] = empty.get(reason, 0) + 1
            print(f"turn {index + 1}: no text ({reason}), not measured", flush=True)
            continue
        app_runs.append(app)
        raw_runs.append(raw)
        print(
            f"round {len(app_runs)}: raw {raw['tok_s']:6.1f} tok/s ttft {raw['ttft_ms']:6.1f} ms | "
            f"app {app['tok_s']:6.1f} tok/s ttft {app['ttft_ms']:6.1f} ms ({app['tokens']} tokens)",
            flush=True,
        )
    return app_runs, raw_runs, empty


def median_of(values) -> float:
    """The median of the finite values (a one-token answer has no decode rate), NaN when there are none."""
    finite = [v for v in values if math.isfinite(v)]
    return statistics.median(finite) if finite else float("nan")


def rounded(value: float, digits: int) -> float | None:
    return round(value, digits) if math.isfinite(value) else None


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--history-rounds", type=int, default=3, help="sessions for the TTFT-with-history figures")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="whittle-bench-"))
    # The server reads WHITTLE_THREADS too (unset: default_threads()): both sides run with the same threads.
    threads = threads_from_env() or default_threads()
    load_before = os.getloadavg()[0]
    llama = Llama(str(bundled_model_path()), n_ctx=2048, n_threads=threads, n_threads_batch=threads, verbose=False)
    with ServerProcess(home, extra_args=("--max-tokens", str(args.max_tokens))) as server:
        app_runs, raw_runs, empty_turns = await streaming_rounds(server, llama, args.rounds, args.max_tokens)
        stops = [await stop_latency(server) for _ in range(5)]
    stop_times = [ms for ms in stops if ms is not None]
    del llama  # the server is gone: the history runs have the CPU to themselves
    history_model = EmbeddedModel(n_ctx=2048, n_threads=threads)
    history = await ttft_with_history(history_model, args.history_rounds)
    history_model.close()
    load_after = os.getloadavg()[0]

    raw_rates = [r["tok_s"] for r in raw_runs if math.isfinite(r["tok_s"])]
    raw_tps = median_of(r["tok_s"] for r in raw_runs)
    app_tps = median_of(r["tok_s"] for r in app_runs)
    raw_ttft = median_of(r["ttft_ms"] for r in raw_runs)
    app_ttft = median_of(r["ttft_ms"] for r in app_runs)
    overhead = median_of(r["app_overhead_ms"] for r in app_runs)
    # Pair each app round with the raw run of the very same messages: context length changes
    # decode speed a lot from round to round, so a ratio of medians would mix different prompts.
    paired = median_of(a["tok_s"] / r["tok_s"] for a, r in zip(app_runs, raw_runs))
    figures = {
        "throughput_ratio": rounded(paired, 3),
        "throughput_ratio_of_medians": rounded(app_tps / raw_tps, 3),
        "ttft_added_ms": rounded(overhead, 1),
        "ttft_difference_vs_raw_ms": rounded(app_ttft - raw_ttft, 1),
        "raw_tokens_per_s": rounded(raw_tps, 1),
        "app_tokens_per_s": rounded(app_tps, 1),
        "raw_ttft_ms": rounded(raw_ttft, 1),
        "app_ttft_ms": rounded(app_ttft, 1),
        "stop_latency_ms": rounded(median_of(stop_times), 1),
        "ttft_ratio_with_history": round(history["cached_ms"] / history["fresh_ms"], 3),
        "ttft_ratio_with_history_no_cache": round(history["uncached_ms"] / history["fresh_ms"], 3),
        "ttft_with_history_ms": round(history["cached_ms"], 1),
        "ttft_with_history_no_cache_ms": round(history["uncached_ms"], 1),
        "ttft_no_history_ms": round(history["fresh_ms"], 1),
        "ttft_with_history_after_other_call_ms": round(history["after_other_ms"], 1),
        "history_prompt_tokens": history["prompt_tokens"],
        "empty_turns": sum(empty_turns.values()),
        "empty_turn_reasons": empty_turns,
        "stop_rounds_without_text": len(stops) - len(stop_times),
        "history_empty_answers": history["empty_answers"],
        "raw_tokens_per_s_min": round(min(raw_rates), 1) if raw_rates else None,
        "raw_tokens_per_s_max": round(max(raw_rates), 1) if raw_rates else None,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(load_after, 2),
        "threads": threads,
        "rounds": len(app_runs),
        "cpu_count": os.cpu_count(),
    }
    print()
    print(f"model: {bundled_model_path().name}, {len(app_runs)} rounds, max {args.max_tokens} tokens, {threads} "
          f"thread(s), medians")
    print(f"  turns with no text, not measured: {figures['empty_turns']} {empty_turns or ''}; Stop rounds that "
          f"ended before any text: {figures['stop_rounds_without_text']}; empty history answers (timed to their "
          f"end): {history['empty_answers']}")
    print(f"  noise: raw llama.cpp {figures['raw_tokens_per_s_min']}-{figures['raw_tokens_per_s_max']} tok/s over "
          f"the rounds; load average {load_before:.2f} before, {load_after:.2f} after")
    print(f"  raw llama-cpp-python : {raw_tps:6.1f} tok/s, first token after {raw_ttft:6.1f} ms")
    print(f"  through the WebSocket: {app_tps:6.1f} tok/s, first token after {app_ttft:6.1f} ms")
    print(f"  throughput ratio, median of per-round pairs {paired:.3f} (target >= 0.95); "
          f"ratio of medians {app_tps / raw_tps:.3f}")
    print(f"  added to first token by the app (client-seen TTFT minus the server's own llama.cpp TTFT): "
          f"{overhead:+.1f} ms (target <= 15)")
    print(f"  raw vs app first token, side by side: {app_ttft - raw_ttft:+.1f} ms "
          "(includes llama.cpp cache differences between the two processes)")
    print(f"  Stop pressed -> stopped message shown: {median_of(stop_times):.1f} ms (median of {len(stop_times)})")
    print(f"  a question after 30 app events and visits ({history['prompt_tokens']} prompt tokens), first token: "
          f"{history['cached_ms']:.1f} ms with llama.cpp's cache, {history['uncached_ms']:.1f} ms with it cleared; "
          f"the same question with no history {history['fresh_ms']:.1f} ms; "
          f"asked again after another model call {history['after_other_ms']:.1f} ms")
    print(f"  ratio with history {figures['ttft_ratio_with_history']:.2f} (target <= 1.5); "
          f"without the cache {figures['ttft_ratio_with_history_no_cache']:.2f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
