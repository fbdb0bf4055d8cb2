"""Adding a model tier to whittle.toml for the user: validated first, written atomically, comments kept.

The new [[tiers]] entry is appended as text (the file's comments and layout stay as they are);
the whole new file is checked with the same loader whittle starts with, and only a file that
passes replaces the old one. Without a whittle.toml yet, the file starts with the built-in
embedded tier, so adding a tier never removes the local model.
"""

from __future__ import annotations

import json
from pathlib import Path

from whittle.config import ConfigError, load_config

EMBEDDED_ENTRY = '[[tiers]]\nname = "local"\nbackend = "embedded"\n'
FIELDS = ("name", "backend", "base_url", "model", "trust", "provider", "api_key_env", "price_input_per_mtok",
          "price_output_per_mtok", "structured_output")


def tier_entry(values: dict) -> str:
    """A [[tiers]] block; strings as TOML basic strings (JSON's escapes are TOML's)."""
    lines = ["[[tiers]]"]
    for field in FIELDS:
        value = values.get(field)
        if value is None or value == "":
            continue
        lines.append(f"{field} = {json.dumps(value) if isinstance(value, str) else value}")
    return "\n".join(lines) + "\n"


def add_tier(path: Path, values: dict) -> str:
    """Append a tier to whittle.toml at `path`; its name. ConfigError (nothing written) says what is wrong."""
    path = Path(path)
    old = path.read_text(encoding="utf-8") if path.exists() else EMBEDDED_ENTRY
    new = old.rstrip("\n") + "\n\n" + tier_entry(values)
    partial = path.with_name(path.name + ".partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(new, encoding="utf-8")
    try:
        config = load_config(partial)
        names = [tier.name for tier in config.tiers]
        if names.count(values.get("name")) > 1:
            raise ConfigError(f"a tier called {values.get('name')!r} already exists; pick another name")
    except ConfigError as error:
        partial.unlink()
        raise ConfigError(str(error).replace(str(partial), str(path))) from None
    partial.replace(path)
    return str(values.get("name"))
