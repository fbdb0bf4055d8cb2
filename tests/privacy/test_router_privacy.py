"""Privacy through the real router: the embedded model as the local tier, llama.cpp's server on
127.0.0.1 as the remote tiers, recording every request body. What left "the machine" is what
the server recorded. (The 1,000-sample version of the first test is bench/privacy_leak.py.)"""

from __future__ import annotations

import json
import re

import pytest

from bench.privacy_corpus import leaked_values, samples
from whittle.config import Settings
from whittle.core import Whittle
from whittle.router.request import LLMRequest

# timeout_s: on a loaded 2-core machine an answer can take a minute; a timeout would be a flake here.
TIER = (
    '[[tiers]]\nname = "{name}"\nbackend = "openai"\nbase_url = "{url}"\nmodel = "{model}"\ntrust = "{trust}"\n'
    'provider = "test"\nprice_input_per_mtok = 1.0\nprice_output_per_mtok = 1.0\ntimeout_s = 300\n'
)
LOCAL = '[[tiers]]\nname = "local"\nbackend = "embedded"\n'


def _remote(remote_server, name: str, trust: str) -> str:
    return TIER.format(name=name, trust=trust, url=remote_server["base_url"], model=remote_server["model"])


@pytest.fixture
def make_whittle(home, model, remote_server):
    """A Whittle over ``home`` with the given tiers; several may be made in turn (the config changes)."""
    made = []

    def make(tiers: str, min_mean_logprob: float = -1.6) -> Whittle:
        for instance in made:
            instance.close()
        (home / "whittle.toml").write_text(
            tiers + f"\n[budgets]\ndaily_usd = 100\n\n[router]\nmin_mean_logprob = {min_mean_logprob}\n"
        )
        made.append(Whittle(Settings(home=home), model=model))
        return made[-1]

    yield make
    made[-1].close()


class Recorded:
    """The chat request bodies the remote server received since this object was made."""

    def __init__(self, remote_server):
        self.log = remote_server["log"]
        self.start = self._count()

    def _count(self) -> int:
        return len(self.log.read_text().splitlines()) if self.log.exists() else 0

    def bodies(self) -> list[str]:
        lines = self.log.read_text().splitlines()[self.start :] if self.log.exists() else []
        return [body for line in lines if '"messages"' in (body := json.loads(line)["body"])]


async def test_twenty_samples_leak_nothing_and_never_reach_the_untrusted_tier(make_whittle, remote_server):
    tiers = _remote(remote_server, "cloud-untrusted", "untrusted") + _remote(remote_server, "cloud-trusted", "trusted")
    whittle = make_whittle(tiers)
    recorded = Recorded(remote_server)
    corpus = list(samples(20))

    async def send(index, sample):
        # The sample number travels with the text so each recorded body can be matched to its sample.
        messages = [{"role": "user", "content": f"Sample #{index}. Summarise: {sample.text}"}]
        request = LLMRequest(messages, purpose="leak-test", max_tokens=1, conversation=f"leak-{index}")
        return await whittle.router.complete(request)

    results = [await send(i, s) for i, s in enumerate(corpus)]

    assert all(r.tier == "cloud-trusted" and r.privacy == "masked" for r in results)
    assert all(r.attempts[0].outcome == "kept-local" for r in results), "the untrusted tier never receives them"
    bodies = recorded.bodies()
    assert len(bodies) == len(corpus)
    leaks = []
    for body in bodies:
        index = int(re.search(r"Sample #(\d+)\.", body).group(1))
        leaks += leaked_values(body, corpus[index].secrets)
    assert leaks == []


CHAT = [
    "I need to write to Tariq Haddad (jane@acme.internal) about the late delivery.",
    "Add that they can call us back on (593) 345-5388.",
    "Is Haddad spelled right? Keep it short.",
    "Now translate it into German.",
]
CHAT_VALUES = {"Tariq Haddad": "PERSON", "jane@acme.internal": "EMAIL", "(593) 345-5388": "PHONE"}


async def test_history_is_masked_again_on_every_turn(make_whittle, remote_server):
    whittle = make_whittle(_remote(remote_server, "cloud-trusted", "trusted"))
    recorded = Recorded(remote_server)
    history: list[dict] = []
    for turn in CHAT:
        history.append({"role": "user", "content": turn})
        request = LLMRequest(list(history), purpose="chat", max_tokens=12, conversation="multi-turn")
        result = await whittle.router.complete(request)
        assert result.privacy == "masked" and re.search(r"<[A-Z]+_\d+>", result.text) is None, result.text
        # The answer is shown (and kept in the history) with the real values back in.
        history.append({"role": "assistant", "content": result.text})

    bodies = recorded.bodies()
    assert len(bodies) == len(CHAT)
    for turn, body in enumerate(bodies, 1):
        assert leaked_values(body, CHAT_VALUES) == [], f"turn {turn} sent a raw value"
        users = [m["content"] for m in json.loads(body)["messages"] if m["role"] == "user"]
        assert len(users) == turn, "each turn re-sends the whole history"
        # The same placeholder for the same value in every turn, so the model can follow the chat.
        assert "<PERSON_1>" in users[0] and "<EMAIL_1>" in users[0]
        if turn >= 2:
            assert "<PHONE_1>" in users[1]


async def test_pinning_and_the_mapping_survive_a_local_turn(make_whittle, remote_server):
    # Turn 1 stays on this machine: the only remote tier is untrusted, so the local answer is kept.
    whittle = make_whittle(LOCAL + _remote(remote_server, "cloud-untrusted", "untrusted"))
    recorded = Recorded(remote_server)
    first = [{"role": "user", "content": "I'm Priya Raghunathan, card 4111 1111 1111 1111. Is my refund done?"}]
    result = await whittle.router.complete(LLMRequest(first, purpose="chat", max_tokens=8, conversation="pinned"))
    assert result.tier == "local", result.reason
    assert recorded.bodies() == []
    assert whittle.router.is_pinned("pinned")

    # Later (the same conversation, its first turn scrolled out of the context window) no local
    # answer is confident enough: the trusted tier answers, and must get the values masked
    # with the mapping the local turn stored. "Priya" alone is no finding: only the mapping knows it.
    whittle = make_whittle(LOCAL + _remote(remote_server, "cloud-trusted", "trusted"), min_mean_logprob=0.0)
    later = [{"role": "user", "content": "Is Raghunathan spelled right? Does Priya need to sign too?"}]
    result = await whittle.router.complete(LLMRequest(later, purpose="chat", max_tokens=12, conversation="pinned"))
    assert result.tier == "cloud-trusted" and result.privacy == "masked"
    (body,) = recorded.bodies()
    assert leaked_values(body, {"Priya Raghunathan": "PERSON"}) == []
    sent = json.loads(body)["messages"][-1]["content"]
    assert re.fullmatch(r"Is <PERSON_\d+> spelled right\? Does <PERSON_\d+> need to sign too\?", sent), sent
    # Every complete placeholder is unmasked (one cut off by max_tokens cannot be).
    assert re.search(r"<PERSON_\d+>", result.text) is None, result.text
