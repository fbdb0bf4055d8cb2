"""whittle.toml text for tests: the embedded tier, a tier on a test server (the remote_server and
faulty_server fixtures' OpenAI-compatible servers), and any other table, so that a test writes out
only the fields it is about."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whittle.config import ConfigError, load_config


def table(header: str, **fields) -> str:
    """One TOML table, its header as written ("[router]", "[[tiers]]"); strings are quoted, numbers are not."""
    # JSON's strings, numbers and true/false are TOML's too.
    return "\n".join([header, *(f"{key} = {json.dumps(value)}" for key, value in fields.items())]) + "\n"


LOCAL_TIER = table("[[tiers]]", name="local", backend="embedded")


def server_tier(server: dict, name: str = "remote", *, model: str | None = None, trust: str = "trusted",
                **fields) -> str:
    """A tier on a test server (a fixture's dict with base_url and model); `model` picks another model name
    (faulty_server's misbehaviours)."""
    return table("[[tiers]]", name=name, backend="openai", base_url=server["base_url"], model=model or server["model"],
                 trust=trust, **fields)


def write_config(folder: Path, *tables: str) -> Path:
    """folder/whittle.toml made of the tables, in order."""
    path = folder / "whittle.toml"
    path.write_text("\n".join(tables))
    return path


def refused_config(folder: Path, text: str, match: str) -> str:
    """Write folder/whittle.toml and load it: it must be refused with an error matching `match` that points
    to the example file; returns the error's message."""
    path = write_config(folder, text)
    with pytest.raises(ConfigError, match=match) as error:
        load_config(path)
    message = str(error.value)
    assert "whittle.example.toml" in message
    return message
