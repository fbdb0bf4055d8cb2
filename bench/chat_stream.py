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

Ends with one JSON line: {"throughput_ratio": ..., "ttft_added_ms": ..., ...}
"""

from __future__ import annotations

import argparse
import asyncio
import json
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
from whittle.llm.embedded import EmbeddedModel  # noqa: E402
from whittle.llm.model_file import bundled_model_path  # noqa: E402

PROMPTS = [
    "Explain in detail how a bicycle works.",
    "Describe the water cycle step by step.",
    "Write a long story about a fox who learns to read.",
    "Explain why the sky is blue, in several paragraphs.",
]
TEXT_FRAME = re.compile(r'hx-swap-oob="beforeend:#msg-\d+-body"')
FINISHED = re.compile(r'class="msg msg-assistant msg-(done|stopped|error)" hx-swap-oob="true"')


def tokens_per_second(tokens: int, first: float, last: float) -> float:
    # Decode rate after the first token, so prompt processing (TTFT) is not counted twice.
    return (tokens - 1) / (last - first) if tokens > 1 and last > first else float("nan")


async def app_round(server: ServerProcess, prompt: str) -> dict:
    async with websockets.connect(server.ws_url, origin=server.url, max_size=None) as ws:
        sent = time.perf_counter()
        await ws.send(json.dumps({"msg": prompt, "app": "bench"}))
        first = last = None
        while True:
            frame = await ws.recv()
            now = time.perf_counter()
            if TEXT_FRAME.search(frame):
                first = first or now
                last = now
            if FINISHED.search(frame):
                break
    row = sqlite3.connect(server.home / "whittle.db").execute(
        "SELECT messages, completion_tokens, ttft_ms FROM llm_calls ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return {
        "messages": json.loads(row[0]),
        "tokens": row[1],
        "ttft_ms": (first - sent) * 1000,
        # What the app adds around llama.cpp: socket, SQLite writes, prompt building, event hops.
        "app_overhead_ms": (first - sent) * 1000 - row[2],
        "tok_s": tokens_per_second(row[1], first, last),
    }


def raw_round(llama: Llama, messages: list[dict], max_tokens: int) -> dict:
    # The server's llama.cpp cache already holds the conversation up to the new message
    # (its own last answer included). Give the raw model the same head start, unmeasured,
    # so both sides process only the new turn before their first token.
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
    return {"tokens": tokens, "ttft_ms": (first - started) * 1000, "tok_s": tokens_per_second(tokens, first, last)}


async def stop_latency(server: ServerProcess) -> float:
    async with websockets.connect(server.ws_url, origin=server.url, max_size=None) as ws:
        await ws.send(json.dumps({"msg": "Write a very long story about the sea.", "app": "bench"}))
        while not TEXT_FRAME.search(await ws.recv()):
            pass
        pressed = time.perf_counter()
        request = urllib.request.Request(server.url + "/chat/stop", method="POST", headers={"Origin": server.url})
        await asyncio.to_thread(urllib.request.urlopen, request)
        while not FINISHED.search(await ws.recv()):
            pass
        return (time.perf_counter() - pressed) * 1000


HISTORY_APPS = (TodoList, CostDashboard, LongJob, Profiles)
HISTORY_QUESTION = "What did I just do?"
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
        turn.append(("user", HISTORY_QUESTION if made >= events else f"Anything to note about step {made}?"))
        turns.append(turn)
    return turns


async def first_token_ms(model: EmbeddedModel, messages: list) -> tuple[float, str, int]:
    """Time to first token, the answer, and the prompt's length in the model's own tokens."""
    stats, text = StreamStats(), []
    async for piece in model.stream(messages, max_tokens=ANSWER_TOKENS, temperature=0.0, stats=stats):
        text.append(piece)
    return stats.ttft_ms, "".join(text), stats.prompt_tokens


async def ttft_with_history(model: EmbeddedModel, rounds: int, events: int = 30) -> dict:
    budget = model.n_ctx - 256  # what the hub gives the prompt with --max-tokens 256
    cached, uncached, fresh, sizes, after_other = [], [], [], [], []
    for _ in range(rounds):
        history: list[Message] = []
        model.clear_prompt_cache()
        for turn in app_session(events, per_turn=EVENTS_PER_TURN):
            for role, text in turn:
                history.append(Message(len(history) + 1, role, text, role != "context", "bench"))
            messages = build_prompt(BASE_SYSTEM_PROMPT, history, budget_tokens=budget, count_tokens=model.count_message_tokens)
            # Every turn of the session runs, so llama.cpp's cache holds the previous turn as in the app.
            ttft, answer, prompt_tokens = await first_token_ms(model, messages)
            history.append(Message(len(history) + 1, "assistant", answer or "OK.", True, "bench"))
        cached.append(ttft)
        sizes.append(prompt_tokens)
        # A narration between two turns replaces llama.cpp's context; the saved state comes back.
        await first_token_ms(model, [{"role": "user", "content": "Long job milestone: 50% done."}])
        after_other.append((await first_token_ms(model, messages))[0])
        model.clear_prompt_cache()
        uncached.append((await first_token_ms(model, messages))[0])
        model.clear_prompt_cache()
        question = [{"role": "system", "content": BASE_SYSTEM_PROMPT}, {"role": "user", "content": HISTORY_QUESTION}]
        fresh.append((await first_token_ms(model, question))[0])
        print(f"history round: {sizes[-1]} prompt tokens; first token cached {cached[-1]:7.1f} ms, "
              f"after another call {after_other[-1]:7.1f} ms, cache cleared {uncached[-1]:7.1f} ms; "
              f"no history {fresh[-1]:7.1f} ms", flush=True)
    return {
        "cached_ms": statistics.median(cached),
        "uncached_ms": statistics.median(uncached),
        "fresh_ms": statistics.median(fresh),
        "prompt_tokens": statistics.median(sizes),
        "after_other_ms": statistics.median(after_other),
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--max-tokens", type=int, default=128)
    parser.add_argument("--history-rounds", type=int, default=3, help="sessions for the TTFT-with-history figures")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="whittle-bench-"))
    threads = threads_from_env()  # the server reads WHITTLE_THREADS too: both sides run with the same threads
    llama = Llama(str(bundled_model_path()), n_ctx=2048, n_threads=threads, n_threads_batch=threads, verbose=False)
    app_runs, raw_runs, stops = [], [], []
    with ServerProcess(home, extra_args=("--max-tokens", str(args.max_tokens))) as server:
        await app_round(server, "Hello!")  # warm-up both sides
        raw_round(llama, [{"role": "user", "content": "Hello!"}], 8)
        for index in range(args.rounds):
            app = await app_round(server, PROMPTS[index % len(PROMPTS)])
            raw = raw_round(llama, app["messages"], args.max_tokens)
            app_runs.append(app)
            raw_runs.append(raw)
            print(
                f"round {index + 1}: raw {raw['tok_s']:6.1f} tok/s ttft {raw['ttft_ms']:6.1f} ms | "
                f"app {app['tok_s']:6.1f} tok/s ttft {app['ttft_ms']:6.1f} ms ({app['tokens']} tokens)",
                flush=True,
            )
        for _ in range(5):
            stops.append(await stop_latency(server))
    del llama  # the server is gone: the history runs have the CPU to themselves
    history_model = EmbeddedModel(n_ctx=2048, n_threads=threads)
    history = await ttft_with_history(history_model, args.history_rounds)
    history_model.close()

    raw_tps = statistics.median(r["tok_s"] for r in raw_runs)
    app_tps = statistics.median(r["tok_s"] for r in app_runs)
    raw_ttft = statistics.median(r["ttft_ms"] for r in raw_runs)
    app_ttft = statistics.median(r["ttft_ms"] for r in app_runs)
    overhead = statistics.median(r["app_overhead_ms"] for r in app_runs)
    # Pair each app round with the raw run of the very same messages: context length changes
    # decode speed a lot from round to round, so a ratio of medians would mix different prompts.
    paired = statistics.median(a["tok_s"] / r["tok_s"] for a, r in zip(app_runs, raw_runs))
    figures = {
        "throughput_ratio": round(paired, 3),
        "throughput_ratio_of_medians": round(app_tps / raw_tps, 3),
        "ttft_added_ms": round(overhead, 1),
        "ttft_difference_vs_raw_ms": round(app_ttft - raw_ttft, 1),
        "raw_tokens_per_s": round(raw_tps, 1),
        "app_tokens_per_s": round(app_tps, 1),
        "raw_ttft_ms": round(raw_ttft, 1),
        "app_ttft_ms": round(app_ttft, 1),
        "stop_latency_ms": round(statistics.median(stops), 1),
        "ttft_ratio_with_history": round(history["cached_ms"] / history["fresh_ms"], 3),
        "ttft_ratio_with_history_no_cache": round(history["uncached_ms"] / history["fresh_ms"], 3),
        "ttft_with_history_ms": round(history["cached_ms"], 1),
        "ttft_with_history_no_cache_ms": round(history["uncached_ms"], 1),
        "ttft_no_history_ms": round(history["fresh_ms"], 1),
        "ttft_with_history_after_other_call_ms": round(history["after_other_ms"], 1),
        "history_prompt_tokens": history["prompt_tokens"],
        "threads": threads,
        "rounds": args.rounds,
        "cpu_count": os.cpu_count(),
    }
    print()
    print(f"model: {bundled_model_path().name}, {args.rounds} rounds, max {args.max_tokens} tokens, medians")
    print(f"  raw llama-cpp-python : {raw_tps:6.1f} tok/s, first token after {raw_ttft:6.1f} ms")
    print(f"  through the WebSocket: {app_tps:6.1f} tok/s, first token after {app_ttft:6.1f} ms")
    print(f"  throughput ratio, median of per-round pairs {figures['throughput_ratio']:.3f} (target >= 0.95); "
          f"ratio of medians {figures['throughput_ratio_of_medians']:.3f}")
    print(f"  added to first token by the app (client-seen TTFT minus the server's own llama.cpp TTFT): "
          f"{overhead:+.1f} ms (target <= 15)")
    print(f"  raw vs app first token, side by side: {app_ttft - raw_ttft:+.1f} ms "
          "(includes llama.cpp cache differences between the two processes)")
    print(f"  Stop pressed -> stopped message shown: {figures['stop_latency_ms']:.1f} ms (median of {len(stops)})")
    print(f"  a question after 30 app events and visits ({history['prompt_tokens']} prompt tokens), first token: "
          f"{history['cached_ms']:.1f} ms with llama.cpp's cache, {history['uncached_ms']:.1f} ms with it cleared; "
          f"the same question with no history {history['fresh_ms']:.1f} ms; "
          f"asked again after another model call {history['after_other_ms']:.1f} ms")
    print(f"  ratio with history {figures['ttft_ratio_with_history']:.2f} (target <= 1.5); "
          f"without the cache {figures['ttft_ratio_with_history_no_cache']:.2f}")
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
