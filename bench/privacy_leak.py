"""Privacy guard end to end: how many sensitive values reach a remote server through the router.

Starts a real OpenAI-compatible server on 127.0.0.1 (llama-cpp-python's server with the
bundled SmolLM2, recording every request body: ``tests/support/recording_llama_server.py``),
configures whittle with an untrusted and a trusted tier pointing at it, sends every
sample of a generated corpus through ``Whittle.router`` (the real pipeline: privacy
decision, masking, budget, ledger), then searches every recorded body for every value.

Then it plays multi-turn chats (``world_conversations``): each turn re-sends the whole
history, the assistant's answers included (unmasked on this machine), so a value the
guard missed once would go out again with every later turn.

    WHITTLE_THREADS=1 .venv/bin/python bench/privacy_leak.py [--samples 1000] [--corpus world|seeded] [--chats 20]

Ends with one JSON line: {"leaked_values", "leaked_requests", "requests", "values",
"chat_leaked_values", "chat_values", "untrusted_requests"}. The goal is 0 everywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from privacy_corpus import leaked_values, samples, world_conversations, world_samples  # noqa: E402

from tests.support.testing import free_port  # noqa: E402
from whittle.config import Settings  # noqa: E402
from whittle.core import Whittle  # noqa: E402
from whittle.router.request import LLMRequest  # noqa: E402

TIER = (
    '[[tiers]]\nname = "{name}"\nbackend = "openai"\nbase_url = "{url}"\nmodel = "remote-smollm2"\ntrust = "{trust}"\n'
    'provider = "test"\nprice_input_per_mtok = 1.0\nprice_output_per_mtok = 1.0\ntimeout_s = 300\n'
)


class RecordingServer:
    """The recording llama_cpp.server as a subprocess; ``bodies()`` are the chat requests it received."""

    def __init__(self, log: Path):
        self.port, self.log = free_port(), log
        script = ROOT / "tests" / "support" / "recording_llama_server.py"
        self.process = subprocess.Popen(
            [sys.executable, str(script), "--port", str(self.port), "--log", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/models", timeout=1)
                return
            except OSError as error:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    message = "the recording llama_cpp.server did not start: run it by hand to see why"
                    raise RuntimeError(message) from error
                time.sleep(0.3)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def bodies(self) -> list[str]:
        lines = self.log.read_text().splitlines() if self.log.exists() else []
        return [body for line in lines if '"messages"' in (body := json.loads(line)["body"])]

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(10)


async def single_messages(whittle: Whittle, corpus, server: RecordingServer) -> tuple[int, int, int, int]:
    """(leaked values, requests with a leak, requests, untrusted tier answers) for one-message requests."""

    async def send(index, sample):
        # The sample number travels with the text so each recorded body can be matched to its sample.
        messages = [{"role": "user", "content": f"Sample #{index}. Summarise: {sample.text}"}]
        request = LLMRequest(messages, purpose="leak-bench", max_tokens=1, conversation=f"leak-{index}")
        return await whittle.router.complete(request)

    # One at a time: llama_cpp.server answers one request at a time and, by default, cuts the
    # stream it is serving when another arrives (its interrupt_requests setting).
    results = [await send(index, sample) for index, sample in enumerate(corpus)]
    untrusted = sum(r.tier == "cloud-untrusted" for r in results)
    leaked, leaky = 0, 0
    for body in server.bodies():
        match = re.search(r"Sample #(\d+)\.", body)
        if match is None:
            continue
        found = leaked_values(body, corpus[int(match.group(1))].secrets)
        leaked += len(found)
        leaky += bool(found)
        for value in found[:1]:
            print(f"  leaked {value!r} in {body[:160]!r}")
    return leaked, leaky, len(results), untrusted


async def chats(whittle: Whittle, count: int, server: RecordingServer) -> tuple[int, int]:
    """(values leaked in any turn's body, values) over ``count`` four-turn chats."""
    leaked, values = 0, 0
    for number, (turns, secrets) in enumerate(world_conversations(count)):
        before = len(server.bodies())
        history: list[dict] = []
        for turn in turns:
            history.append({"role": "user", "content": f"Chat #{number}. {turn}"})
            request = LLMRequest(list(history), purpose="leak-bench", max_tokens=8, conversation=f"chat-{number}")
            result = await whittle.router.complete(request)
            history.append({"role": "assistant", "content": result.text})
        found = {value for body in server.bodies()[before:] for value in leaked_values(body, secrets)}
        leaked += len(found)
        values += len(secrets)
        for value in sorted(found):
            print(f"  chat #{number} leaked {value!r}")
    return leaked, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--corpus", choices=("world", "seeded"), default="world")
    parser.add_argument("--chats", type=int, default=20)
    args = parser.parse_args()
    corpus = list((world_samples if args.corpus == "world" else samples)(args.samples))

    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir()
        server = RecordingServer(Path(folder) / "bodies.jsonl")
        try:
            (home / "whittle.toml").write_text(
                TIER.format(name="cloud-untrusted", trust="untrusted", url=server.url)
                + TIER.format(name="cloud-trusted", trust="trusted", url=server.url)
                + "\n[budgets]\ndaily_usd = 100\n"
            )
            whittle = Whittle(Settings(home=home))
            try:
                started = time.perf_counter()
                leaked, leaky, requests, untrusted = asyncio.run(single_messages(whittle, corpus, server))
                print(f"{args.corpus} corpus: {leaked} of {sum(len(s.secrets) for s in corpus)} values leaked, "
                      f"in {leaky} of {requests} requests; {untrusted} answered by the untrusted tier "
                      f"({time.perf_counter() - started:.0f} s)")  # fmt: skip
                chat_leaked, chat_values = asyncio.run(chats(whittle, args.chats, server))
                print(f"chats: {chat_leaked} of {chat_values} values leaked over {args.chats} four-turn chats")
            finally:
                whittle.close()
        finally:
            server.close()
    print(
        json.dumps(
            {
                "leaked_values": leaked,
                "leaked_requests": leaky,
                "requests": requests,
                "values": sum(len(s.secrets) for s in corpus),
                "untrusted_requests": untrusted,
                "chat_leaked_values": chat_leaked,
                "chat_values": chat_values,
                "corpus": args.corpus,
            }
        )
    )


if __name__ == "__main__":
    main()
