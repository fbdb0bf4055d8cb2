"""≥1,000 generated sensitive samples through the real router to a real OpenAI-compatible server
(llama-cpp-python's server on 127.0.0.1, recording every request body): zero leaked values."""

import asyncio
import json
import re

import pytest

from whittle.config import Settings
from whittle.core import Whittle
from whittle.privacy.corpus import leaked_values, samples
from whittle.router.request import LLMRequest

SAMPLES = 1000


@pytest.fixture
def guarded(home, model, remote_server):
    tier = (
        '[[tiers]]\nname = "{name}"\nbackend = "openai"\nbase_url = "{url}"\nmodel = "{model}"\ntrust = "{trust}"\n'
        "provider = \"test\"\nprice_input_per_mtok = 1.0\nprice_output_per_mtok = 1.0\n"
    )
    (home / "whittle.toml").write_text(
        tier.format(name="cloud-untrusted", trust="untrusted", url=remote_server["base_url"], model=remote_server["model"])
        + tier.format(name="cloud-trusted", trust="trusted", url=remote_server["base_url"], model=remote_server["model"])
        + "\n[budgets]\ndaily_usd = 100\n"
    )
    instance = Whittle(Settings(home=home), model=model)
    yield instance
    instance.close()


@pytest.mark.timeout(1500)
async def test_no_sensitive_value_reaches_the_remote_server(guarded, remote_server):
    log = remote_server["log"]
    before = len(log.read_text().splitlines()) if log.exists() else 0
    corpus = list(samples(SAMPLES))
    assert len(corpus) >= 1000

    async def send(index, sample):
        # The sample number travels with the text so each recorded body can be matched to its sample.
        messages = [{"role": "user", "content": f"Sample #{index}. Summarise: {sample.text}"}]
        request = LLMRequest(messages, purpose="leak-test", max_tokens=1, conversation=f"leak-{index}")
        return await guarded.router.complete(request)

    results = []
    for start in range(0, len(corpus), 50):
        results += await asyncio.gather(*[send(i, s) for i, s in enumerate(corpus[start : start + 50], start)])

    assert all(r.tier == "cloud-trusted" and r.privacy == "masked" for r in results)
    assert all(r.attempts[0].outcome == "kept-local" for r in results), "the untrusted tier never receives them"
    bodies = [json.loads(line)["body"] for line in log.read_text().splitlines()[before:]]
    chat_bodies = [b for b in bodies if '"messages"' in b]
    assert len(chat_bodies) == len(corpus)
    seen, leaks = set(), []
    for body in chat_bodies:
        index = int(re.search(r"Sample #(\d+)\.", body).group(1))
        seen.add(index)
        leaks += [(value, body[:200]) for value in leaked_values(body, corpus[index].secrets)]
    assert seen == set(range(len(corpus)))
    assert leaks == [], f"{len(leaks)} values leaked, e.g. {leaks[:3]}"
