"""Budget stress: can a daily budget be overspent? Spend is what the server "billed" — its own usage
count of every answer, priced at the tier's price — never what whittle thinks it spent.

The paid tier is a real OpenAI-compatible server on 127.0.0.1 (tests/router/faulty_server.py:
llama-cpp-python's server with the bundled SmolLM2, which logs the true usage of every answer and can
withhold it or answer slowly on request). Each case gets a fresh data home and a $0.01 daily budget:

    cjk-paid        Chinese prompts (~1 token a character), paid tier only, until the budget refuses
    cjk-escalating  the same with the embedded model first, whose answers always escalate
    emoji-paid      emoji-laden prompts, paid tier only
    no-usage        a server that reports no usage at all
    concurrent      50 requests at once from 2 processes, against a budget for a few

    WHITTLE_THREADS=1 python bench/budget_stress.py            # this code
    PYTHONPATH=/tmp/old python bench/budget_stress.py          # another version of whittle, same cases

Prints spend/budget per case and ends with one JSON line: {"max_spend_ratio": ...} (goal: <= 1.0).
Only public entry points are used (whittle.toml, Whittle.route), so any version can be measured.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "tests" / "router" / "faulty_server.py"
BUDGET_USD = 0.01
# Prices high enough that a few answers reach the budget: the CPU is slow, the point is the limit.
INPUT_PER_MTOK, OUTPUT_PER_MTOK = 20.0, 60.0
MAX_TOKENS = 16
CJK = ["请用一句话介绍长城的历史和它为什么重要。", "东京和北京哪个城市更大？请简单回答。", "写一首关于秋天的短诗，不超过二十个字。"]
EMOJI = ["🙂🚀🌍🎉🔥 what do these emoji mean? 🐍🦀☕️", "😀😃😄😁😆😅🤣😂 which one is the happiest? 🙃😉😊😇"]
ENGLISH = ["Write one sentence about rivers.", "Name three colours.", "What is a budget?"]


def billed(entries: list[dict]) -> float:
    return sum(
        (e["usage"]["prompt_tokens"] * INPUT_PER_MTOK + e["usage"]["completion_tokens"] * OUTPUT_PER_MTOK) / 1e6
        for e in entries if "usage" in e
    )


def write_config(home: Path, base_url: str, mode: str, *, local_first: bool) -> None:
    tiers = '[[tiers]]\nname = "local"\nbackend = "embedded"\n\n' if local_first else ""
    # trust "local" (a server on this machine): the privacy guard is not what is measured here.
    tiers += (f'[[tiers]]\nname = "paid"\nbackend = "openai"\nbase_url = "{base_url}"\nmodel = "{mode}"\n'
              f'trust = "local"\nprovider = "bench"\nprice_input_per_mtok = {INPUT_PER_MTOK}\n'
              f'price_output_per_mtok = {OUTPUT_PER_MTOK}\ntimeout_s = 60\n')
    router = "\n[router]\ncache = false\nmin_mean_logprob = 0.0\n"  # every local answer escalates
    home.mkdir(parents=True, exist_ok=True)
    (home / "whittle.toml").write_text(f"{tiers}\n[budgets]\ndaily_usd = {BUDGET_USD}\n{router}")


def open_whittle(home: Path, model):
    from whittle.config import Settings
    from whittle.core import Whittle

    os.environ["WHITTLE_HOME"] = str(home)
    return Whittle(Settings(home=home, max_tokens=MAX_TOKENS), model=model)


async def sequential(home: Path, model, prompts: list[str], *, local_first: bool, limit: int = 30) -> int:
    """Ask until the budget refuses (or the answer stays local); the number of paid answers."""
    whittle = open_whittle(home, model)
    paid = 0
    try:
        for number in range(limit):
            messages = [{"role": "user", "content": prompts[number % len(prompts)]}]
            try:
                result = await whittle.route(messages, purpose="bench", kind="chat", max_tokens=MAX_TOKENS)
            except Exception as error:  # NoTierAvailable: the budget refused and nothing else could answer
                if "budget" not in str(error):
                    raise
                break
            if result.tier != "paid":
                break
            paid += 1
    finally:
        whittle.close()
    return paid


def meet(barrier: str) -> None:
    """Wait until every process of the concurrent case is ready, so their requests really race."""
    folder, parties = barrier.rsplit(":", 1)
    (Path(folder) / f"ready-{os.getpid()}").touch()
    while len(list(Path(folder).iterdir())) < int(parties):
        time.sleep(0.0005)


async def worker(whittle, count: int) -> None:
    """One of the two concurrent processes: `count` requests at once through its own Whittle."""

    async def one(number: int):
        await asyncio.sleep(number * 0.04)
        try:
            return (await whittle.route([{"role": "user", "content": "Say hi."}], purpose="bench", kind="chat",
                                        max_tokens=MAX_TOKENS)).tier
        except Exception as error:  # noqa: BLE001 - counted, not raised: refusals are expected
            return f"refused: {str(error)[:80]}"

    tiers = await asyncio.gather(*[one(number) for number in range(count)])
    whittle.close()
    print(json.dumps({"answered": sum(1 for t in tiers if t == "paid")}))


def concurrent(home: Path, base_url: str, model) -> int:
    write_config(home, base_url, "slow-3", local_first=False)
    open_whittle(home, model).close()  # migrations once, before the two processes race
    barrier = home / "barrier"
    barrier.mkdir()
    env = {**os.environ, "WHITTLE_THREADS": "1"}
    processes = [subprocess.Popen([sys.executable, __file__, "--worker", str(home), "25", f"{barrier}:2"],
                                  stdout=subprocess.PIPE, env=env) for _ in range(2)]
    answered = 0
    for process in processes:
        out, _ = process.communicate(timeout=600)
        answered += json.loads(out.decode().strip().splitlines()[-1])["answered"]
    return answered


def start_server(usage_log: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([sys.executable, str(SERVER), "--port", str(port), "--usage-log", str(usage_log)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=1)
            return process, f"http://127.0.0.1:{port}/v1"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the test server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", nargs=3, metavar=("HOME", "COUNT", "BARRIER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        home, count, barrier = args.worker
        whittle = open_whittle(Path(home), None)  # loaded before the barrier: the race is the requests'
        meet(barrier)
        asyncio.run(worker(whittle, int(count)))
        return
    from whittle.llm.embedded import EmbeddedModel

    model = EmbeddedModel(n_ctx=2048, n_threads=int(os.environ.get("WHITTLE_THREADS", "1")))
    work = Path(tempfile.mkdtemp(prefix="budget-stress-"))
    usage_log = work / "usage.jsonl"
    usage_log.touch()
    server, base_url = start_server(usage_log)
    cases = {
        "cjk-paid": ("remote-smollm2", CJK, False),
        "cjk-escalating": ("remote-smollm2", CJK, True),
        "emoji-paid": ("remote-smollm2", EMOJI, False),
        "no-usage": ("no-usage", ENGLISH, False),
    }
    ratios = {}
    try:
        print(f"budget ${BUDGET_USD} a day; paid tier at ${INPUT_PER_MTOK}/${OUTPUT_PER_MTOK} per million tokens; "
              f"max_tokens {MAX_TOKENS}\n")
        print(f"{'case':<16} {'answers':>7} {'billed $':>10} {'budget $':>9} {'spend/budget':>13}")
        for name, (mode, prompts, local_first) in [*cases.items(), ("concurrent", (None, None, None))]:
            since = len(usage_log.read_text().splitlines())
            home = work / name
            if name == "concurrent":
                answered = concurrent(home, base_url, model)
            else:
                write_config(home, base_url, mode, local_first=local_first)
                answered = asyncio.run(sequential(home, model, prompts, local_first=local_first))
            time.sleep(0.5)  # the server logs an answer's usage as it sends the last chunk
            entries = [json.loads(line) for line in usage_log.read_text().splitlines()[since:]]
            spend = billed(entries)
            ratios[name] = spend / BUDGET_USD
            print(f"{name:<16} {answered:>7} {spend:>10.5f} {BUDGET_USD:>9.2f} {ratios[name]:>13.3f}")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    print(json.dumps({"max_spend_ratio": round(max(ratios.values()), 4)}))


if __name__ == "__main__":
    main()
