"""llama.cpp threads on a busy machine: 1 vs 2 threads, with and without a neighbour spinning a core.

For each thread count and neighbour (idle: none; busy: one process spinning a core for the whole
measurement), the embedded model (whittle's EmbeddedModel, the bundled SmolLM2) reads a
~1,000-token prompt cold (cache cleared) and answers up to 64 tokens:

- ttft_s: time to the first token, almost all of it reading the prompt (n_threads_batch);
- tok_s: tokens per second after the first one (n_threads, generation).

llama.cpp splits every batch and every token between its threads, which then wait for each other:
when a neighbour holds one of two cores, the second thread is descheduled and each step waits for
it. The default is chosen per phase (reading, generating) by least regret: for each thread count,
how much slower it is than the best count in the worse of the two conditions; the count with the
smallest worst case wins (fewer threads on a tie).

    .venv/bin/python bench/threads.py [--repeats 2] [--prompt-tokens 1000] [--answer-tokens 64]

The "idle" case is only as idle as the machine: the load average is printed with each sample.
Four runs on the shared 2-core development machine (other sessions' tests running; --repeats 1),
first token in s / tok/s, 1 thread vs 2 threads:

    load     idle: 1 thread    2 threads      busy: 1 thread    2 threads
    14-17         79.1/5.3    130.0/0.2            123.2/4.5   134.0/0.2
    6.6-8.5       46.1/8.7    109.2/0.6             69.7/4.0    96.7/0.6
    0.8-2.0       14.1/25.2     7.7/39.5            15.6/11.7   18.7/6.2
    2.5-5.4       15.4/20.7    31.1/7.9             33.5/10.8   51.1/1.0

Only a quiet machine made 2 threads read faster; a neighbour on one core always made 2 threads
generate slower. Chosen: 1 thread generating in every run; 1 thread reading in 3 of 4 (2 in the
quiet one): whittle's default is half the CPUs for both (whittle/llm/embedded.py default_threads).
Ends with one JSON line: {"ttft_s_1_thread_idle", "ttft_s_2_threads_idle", "ttft_s_1_thread_busy",
"ttft_s_2_threads_busy", "tok_s_1_thread_idle", ..., "chosen_default"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from whittle.llm.base import StreamStats  # noqa: E402
from whittle.llm.embedded import EmbeddedModel  # noqa: E402

THREAD_COUNTS = (1, 2)
NEIGHBOURS = ("idle", "busy")
ANSWER_REQUEST = "Write a long story about a fox who learns to read. Take your time."


def spin() -> None:
    """The busy neighbour: one core's worth of pure computation."""
    while True:
        pass


def long_prompt(model: EmbeddedModel, tokens: int) -> list[dict]:
    """A chat prompt of about `tokens` tokens: app events like the chat's hidden context."""
    events, made = [], 0
    while True:
        events.append(f"In the Todo app the user added item {made}: buy {made} apples and call the shop.")
        made += 1
        if made % 8 == 0 and model.count_tokens("\n".join(events)) >= tokens - 40:
            break
    return [
        {"role": "system", "content": "You are a helpful assistant.\n" + "\n".join(events)},
        {"role": "user", "content": ANSWER_REQUEST},
    ]


def key(measure: str, threads: int, neighbour: str) -> str:
    return f"{measure}_{threads}_thread{'s' if threads > 1 else ''}_{neighbour}"


async def sample(model: EmbeddedModel, messages: list[dict], answer_tokens: int) -> tuple[float, float, int]:
    """One cold read and answer: (seconds to the first token, tokens/s after it, prompt tokens read)."""
    model.clear_prompt_cache()
    stats = StreamStats()
    first_at = None
    started = time.perf_counter()
    async for piece in model.stream(messages, max_tokens=answer_tokens, temperature=0.0, stats=stats):
        if piece and first_at is None:
            first_at = time.perf_counter()
    ended = time.perf_counter()
    first_at = first_at or ended
    rate = (stats.completion_tokens - 1) / (ended - first_at) if stats.completion_tokens > 1 else 0.0
    return first_at - started, rate, stats.prompt_tokens_to_read or 0


async def measure(threads: int, neighbour: str, repeats: int, prompt_tokens: int, answer_tokens: int) -> dict:
    model = EmbeddedModel(n_ctx=2048, n_threads=threads, n_threads_batch=threads)
    messages = long_prompt(model, prompt_tokens)
    await sample(model, [{"role": "user", "content": "Hello"}], 4)  # warm-up: pages of the model file in memory
    process = None
    if neighbour == "busy":
        process = multiprocessing.Process(target=spin, daemon=True)
        process.start()
        time.sleep(0.5)  # let it take its core
    ttfts, rates = [], []
    try:
        for _ in range(repeats):
            ttft, rate, read = await sample(model, messages, answer_tokens)
            ttfts.append(ttft)
            rates.append(rate)
            print(f"  {threads} thread{'s' if threads > 1 else ' '} {neighbour}: read {read} tokens, first token "
                  f"{ttft:6.2f} s, then {rate:5.1f} tok/s   (load average {os.getloadavg()[0]:.2f})", flush=True)
    finally:
        if process is not None:
            process.terminate()
            process.join()
        model.close()
    return {"ttft_s": statistics.median(ttfts), "tok_s": statistics.median(rates)}


def least_regret(times: dict[tuple[int, str], float]) -> int:
    """The thread count whose worst slowdown against the best count, idle or busy, is smallest."""
    def worst(threads: int) -> float:
        return max(times[threads, n] / min(times[t, n] for t in THREAD_COUNTS) for n in NEIGHBOURS)

    return min(THREAD_COUNTS, key=lambda threads: (round(worst(threads), 2), threads))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=2, help="samples per case (the median is reported)")
    parser.add_argument("--prompt-tokens", type=int, default=1000)
    parser.add_argument("--answer-tokens", type=int, default=64)
    args = parser.parse_args()

    results: dict[tuple[int, str], dict] = {}
    for neighbour in NEIGHBOURS:
        for threads in THREAD_COUNTS:
            results[threads, neighbour] = await measure(threads, neighbour, args.repeats, args.prompt_tokens,
                                                        args.answer_tokens)
    reading = least_regret({case: r["ttft_s"] for case, r in results.items()})
    generating = least_regret({case: 1 / max(r["tok_s"], 1e-9) for case, r in results.items()})

    print()
    print(f"{os.cpu_count()} CPUs; a ~{args.prompt_tokens}-token prompt read cold, then up to {args.answer_tokens} "
          f"tokens; median of {args.repeats}")
    print(f"{'':>12} {'first token (s)':>18} {'generation (tok/s)':>20}")
    for threads in THREAD_COUNTS:
        for neighbour in NEIGHBOURS:
            r = results[threads, neighbour]
            label = f"{threads} thread{'s' if threads > 1 else ''}"
            print(f"{label:>9} {neighbour:<5} {r['ttft_s']:>14.2f} {r['tok_s']:>20.1f}")
    print(f"chosen: {generating} thread(s) generating, {reading} reading the prompt "
          "(least worst-case slowdown, idle or busy)")
    figures = {key(measure_name, threads, neighbour): round(results[threads, neighbour][measure_name], 2)
               for measure_name in ("ttft_s", "tok_s") for threads in THREAD_COUNTS for neighbour in NEIGHBOURS}
    figures["chosen_default"] = {"n_threads": generating, "n_threads_batch": reading}
    figures["cpu_count"] = os.cpu_count()
    figures["repeats"] = args.repeats
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
