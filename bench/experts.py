"""Instant experts: the local model without vs with each built-in expert, and when writing one pays off.

    .venv/bin/python bench/experts.py [--tasks bench/experts/tasks.jsonl] [--top-model gpt-4.1 --top-provider openai]

1. For each question in the task set (questions with checkable answers about a built-in app or
   its domain; judged by bench/workload_judges.py's contains_all, case-insensitive), the embedded
   SmolLM2 answers twice: with whittle's base system prompt only, and with the expert appended
   (what the Experts page's "Use" does). Greedy decoding, one thread: the same run gives the same
   figures.
2. Creation cost: what the named cloud model charges to write the expert once (the writer prompt
   in, the expert's tokens out, priced by genai-prices).
3. Per-call saving: a question the local model gets right only with the expert would otherwise
   have to go to the cloud model; the saving per call is the share of such questions times the
   cloud price of answering one (its prompt and a 60-token answer).
4. Break-even: creation cost / per-call saving = calls after which the expert has paid for itself.

Ends with one JSON line: {"local_quality_without", "local_quality_with", "break_even_calls"}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workload import price_per_token  # noqa: E402  (bench/ is on the path: this script's folder)
from workload_judges import JUDGES  # noqa: E402

ANSWER_TOKENS = 60
CLOUD_ANSWER_TOKENS = 60


def load_tasks(path: Path) -> list[dict]:
    tasks = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for task in tasks:
        if task["judge"]["type"] not in JUDGES:
            raise SystemExit(f"{path}: task {task['id']} has an unknown judge type {task['judge']['type']!r}")
    return tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=Path, default=ROOT / "bench" / "experts" / "tasks.jsonl")
    parser.add_argument("--top-model", default="gpt-4.1", help="genai-prices model the cloud tier is priced as")
    parser.add_argument("--top-provider", default="openai")
    args = parser.parse_args()
    os.environ.setdefault("WHITTLE_THREADS", "1")

    from whittle.core import BASE_SYSTEM_PROMPT
    from whittle.experts.create import WRITER_PROMPT
    from whittle.experts.store import BUILTIN_DIR, ExpertStore
    from whittle.llm.embedded import EmbeddedModel

    experts = {e.name: e for e in ExpertStore(BUILTIN_DIR / "none").all()}
    tasks = load_tasks(args.tasks)
    missing = sorted({t["expert"] for t in tasks} - set(experts))
    if missing:
        raise SystemExit(f"tasks name experts that do not exist: {', '.join(missing)}")
    model = EmbeddedModel(n_threads=int(os.environ["WHITTLE_THREADS"]))
    judge = JUDGES["contains_all"]
    per_expert: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    started = time.perf_counter()
    prompt_tokens = []
    for task in tasks:
        expert = experts[task["expert"]]
        results = []
        for system in (BASE_SYSTEM_PROMPT, f"{BASE_SYSTEM_PROMPT}\n\n{expert.body}"):
            messages = [{"role": "system", "content": system}, {"role": "user", "content": task["question"]}]
            answer = model.complete(messages, max_tokens=ANSWER_TOKENS, temperature=0.0)
            results.append(judge(answer, task["judge"]["value"]))
        prompt_tokens.append(model.count_tokens(BASE_SYSTEM_PROMPT + task["question"]))
        per_expert[task["expert"]].append((results[0], results[1]))
        print(f"{task['id']:26} without {'✓' if results[0] else '✗'}  with {'✓' if results[1] else '✗'}  {task['question'][:60]}")
    seconds = time.perf_counter() - started

    pairs = [pair for rows in per_expert.values() for pair in rows]
    without = sum(a for a, _ in pairs) / len(pairs)
    with_expert = sum(b for _, b in pairs) / len(pairs)
    gained = sum(b and not a for a, b in pairs) / len(pairs)
    lost = sum(a and not b for a, b in pairs) / len(pairs)
    price_in, price_out = price_per_token(args.top_model, args.top_provider)
    expert_tokens = [model.count_tokens(e.body) for e in experts.values()]
    writer_in = model.count_tokens(WRITER_PROMPT) + 40  # + the user's description of the domain
    creation_cost = sum(writer_in * price_in + (tokens + 60) * price_out for tokens in expert_tokens) / len(experts)
    cloud_call = (sum(prompt_tokens) / len(prompt_tokens)) * price_in + CLOUD_ANSWER_TOKENS * price_out
    saving = max(gained - lost, 0.0) * cloud_call
    break_even = creation_cost / saving if saving > 0 else None

    print(f"\n{len(tasks)} questions over {len(per_expert)} built-in experts, SmolLM2-135M, greedy, {seconds:.0f} s")
    print(f"{'expert':22} {'without':>8} {'with':>6}")
    for name, rows in sorted(per_expert.items()):
        print(f"{name:22} {sum(a for a, _ in rows)}/{len(rows):<6} {sum(b for _, b in rows)}/{len(rows)}")
    print(f"local quality: {without:.3f} without an expert, {with_expert:.3f} with it "
          f"(gained on {gained:.1%} of questions, lost on {lost:.1%})")
    print(f"creating one expert with {args.top_model}: ${creation_cost:.5f} once (mean over the {len(experts)} built-ins, "
          f"{sum(expert_tokens) / len(expert_tokens):.0f} tokens each)")
    print(f"a cloud answer to one such question: ${cloud_call:.6f}; saved per local call with the expert: ${saving:.6f}")
    print("break-even: " + (f"{break_even:.1f} calls" if break_even else "never (the expert did not help the local model)"))
    print(json.dumps({"local_quality_without": round(without, 3), "local_quality_with": round(with_expert, 3),
                      "break_even_calls": round(break_even, 1) if break_even else None}))


if __name__ == "__main__":
    main()
