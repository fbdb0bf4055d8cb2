"""Finding model servers already running here: a real llama.cpp server stands in for Ollama."""

import tomllib
from urllib.parse import urlsplit

from tests.support.testing import free_port
from whittle.cli import main
from whittle.config import TierConfig
from whittle.llm.discovery import discover
from whittle.llm.openai_compat import OpenAICompatModel


async def test_a_running_server_is_found_and_becomes_a_valid_local_tier(remote_server):
    port = urlsplit(remote_server["base_url"]).port
    nothing_there = free_port()
    found = await discover((("Ollama", port), ("LM Studio", nothing_there)))
    assert [(m.server, m.model) for m in found] == [("Ollama", remote_server["model"])]
    (tier,) = [TierConfig(**entry) for entry in tomllib.loads(found[0].tier_toml())["tiers"]]
    assert tier.trust == "local" and tier.base_url == remote_server["base_url"] and tier.name.startswith("ollama-")
    ok, detail = await OpenAICompatModel(tier).reachable()
    assert ok, detail


async def test_nothing_listening_is_found_quickly():
    assert await discover((("Ollama", free_port()),), timeout=0.5) == []


def test_whittle_models_lists_what_it_found(remote_server, home, capsys):
    port = urlsplit(remote_server["base_url"]).port
    assert main(["models", "--port", str(port)]) == 0
    out = capsys.readouterr().out
    assert "found on this machine" in out and f'base_url = "http://127.0.0.1:{port}/v1"' in out
    assert f'model = "{remote_server["model"]}"' in out
