"""Model servers already running on this machine (Ollama, llama.cpp's server, LM Studio).

Each speaks the OpenAI protocol on a well-known 127.0.0.1 port; its /v1/models list names the
models it can serve. Only 127.0.0.1 is asked, with a short timeout, so looking costs well under a
second when nothing is there. What is found can be added as a local tier (tier_toml).
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

import httpx

# (what it is, its usual port): the defaults each program documents.
KNOWN_SERVERS: tuple[tuple[str, int], ...] = (("Ollama", 11434), ("llama.cpp server", 8080), ("LM Studio", 1234))


@dataclass(frozen=True)
class FoundModel:
    server: str  # "Ollama"
    base_url: str  # "http://127.0.0.1:11434/v1"
    model: str  # the id the server lists

    @property
    def tier_name(self) -> str:
        """A tier name whittle.toml accepts, from the server and model ("ollama-llama3.2-3b")."""
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{self.server.split()[0].lower()}-{self.model}").strip("-")
        return slug[:40]

    def tier_toml(self) -> str:
        """The [[tiers]] entry that adds this model as a local tier (free: it runs here)."""
        structured = "llama.cpp" if self.server == "llama.cpp server" else "openai"
        return (
            f'[[tiers]]\nname = "{self.tier_name}"\nbackend = "openai"\nbase_url = "{self.base_url}"\n'
            f'model = "{self.model}"\ntrust = "local"\nprice_input_per_mtok = 0\nprice_output_per_mtok = 0\n'
            f'structured_output = "{structured}"\n'
        )


async def _models_at(client: httpx.AsyncClient, server: str, port: int) -> list[FoundModel]:
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        response = await client.get(f"{base_url}/models")
        listed = response.json().get("data", []) if response.status_code == 200 else []
    except (httpx.HTTPError, ValueError, AttributeError):  # nothing there, or not this protocol
        return []
    ids = [item.get("id") for item in listed if isinstance(item, dict)]
    return [FoundModel(server, base_url, model) for model in ids if isinstance(model, str) and model]


async def discover(servers: tuple[tuple[str, int], ...] = KNOWN_SERVERS, timeout: float = 0.5) -> list[FoundModel]:
    """Every model the known local servers list, asked at once."""
    async with httpx.AsyncClient(timeout=timeout, trust_env=False) as client:
        found = await asyncio.gather(*(_models_at(client, server, port) for server, port in servers))
    return [model for models in found for model in models]
