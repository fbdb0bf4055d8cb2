"""Tiers: the models whittle may use, cheapest first, from whittle.toml.

A tier is a name, a backend (`embedded` llama.cpp in-process, or `openai` for any
OpenAI-compatible endpoint: Ollama, llama.cpp server, vLLM, LM Studio, OpenAI,
OpenRouter, Groq, Gemini's and Anthropic's compatible endpoints), a model, a trust
level for the privacy guard, prices and limits. Secrets come from environment
variables named in the file, never from the file itself.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Trust = Literal["local", "trusted", "untrusted"]
CONFIG_NAME = "whittle.toml"


class ConfigError(ValueError):
    """whittle.toml is wrong; str(error) names the file, the field and the fix."""


class TierConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,40}$")
    backend: Literal["embedded", "openai"]
    model: str = "default"  # embedded: "default" (bundled SmolLM2) or a GGUF path
    trust: Trust = "local"
    base_url: str | None = None  # openai backend
    api_key_env: str | None = None  # name of the environment variable holding the key
    provider: str | None = None  # genai-prices provider id (openai, anthropic, openrouter, groq, google…)
    price_input_per_mtok: float | None = Field(default=None, ge=0)  # USD per million tokens; overrides the table
    price_output_per_mtok: float | None = Field(default=None, ge=0)
    n_ctx: int = Field(default=2048, ge=256)
    n_threads: int | None = Field(default=None, ge=1)  # embedded: CPU threads; unset: as WHITTLE_THREADS
    max_output_tokens: int = Field(default=1024, ge=1)
    timeout_s: float = Field(default=60, gt=0)

    @model_validator(mode="after")
    def _backend_fields(self) -> TierConfig:
        if self.backend == "openai" and not self.base_url:
            raise ValueError(f"tier {self.name!r}: the openai backend needs base_url (e.g. http://127.0.0.1:11434/v1 for Ollama)")
        if self.backend == "embedded" and self.trust != "local":
            raise ValueError(f"tier {self.name!r}: an embedded model runs on this machine; its trust must be 'local'")
        return self

    @property
    def is_local(self) -> bool:
        return self.trust == "local"

    def api_key(self) -> str:
        if not self.api_key_env:
            return "not-needed"  # local servers accept any key; the SDK insists on one
        key = os.environ.get(self.api_key_env)
        if not key:
            raise ConfigError(
                f"tier {self.name!r} needs an API key in the environment variable {self.api_key_env}; "
                f"set it (export {self.api_key_env}=...) or remove the tier from whittle.toml."
            )
        return key


class BudgetConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    daily_usd: float | None = Field(default=None, ge=0)
    monthly_usd: float | None = Field(default=None, ge=0)
    per_tier_daily_usd: dict[str, float] = Field(default_factory=dict)
    per_provider_monthly_usd: dict[str, float] = Field(default_factory=dict)


class RouterConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Escalate when the mean token log-probability of a local answer is below this.
    min_mean_logprob: float = -1.6
    # Or when any single token is this unlikely (a sign of a confabulated span).
    min_token_logprob: float = -9.0
    # Learned difficulty above which the cheapest tier is skipped (0..1; 1 = never skip).
    skip_cheapest_above: float = 1.0
    cache: bool = True
    # Also answer near-identical questions (guarded lexical match), not only repeats. Off by
    # default: on QQP even the best similar-match threshold is wrong more often than 1 hit in
    # 100 (bench/cache_qqp.py), while a repeat is answered from the cache without that risk.
    cache_similar: bool = False
    # Samples drawn per answer on a tier that can still escalate: 1 = off; 2 or 3 = draw more,
    # unseen, at agreement_temperature, and escalate when one disagrees with the shown answer.
    agreement_samples: int = Field(default=1, ge=1, le=3)
    # Only where "agree" is well defined: the label, the extracted object, the final number.
    agreement_kinds: list[Literal["extraction", "classification", "reasoning"]] = Field(
        default_factory=lambda: ["extraction", "classification", "reasoning"]
    )
    # A second sample on a paid tier doubles what the answer costs, so by default only free tiers sample.
    agreement_on_paid: bool = False
    # At least 0.7: at the answer's own low temperature a sample would mostly repeat it.
    agreement_temperature: float = Field(default=0.9, ge=0.7, le=2.0)


class AppsConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    folder: str | None = None  # a folder of app modules (one .py file per app), loaded as plugins


class WhittleConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    apps: AppsConfig = Field(default_factory=AppsConfig)
    tiers: list[TierConfig] = Field(default_factory=lambda: [TierConfig(name="local", backend="embedded")])
    budgets: BudgetConfig = Field(default_factory=BudgetConfig)
    router: RouterConfig = Field(default_factory=RouterConfig)

    @model_validator(mode="after")
    def _unique_names(self) -> WhittleConfig:
        names = [tier.name for tier in self.tiers]
        duplicates = {name for name in names if names.count(name) > 1}
        if duplicates:
            raise ValueError(f"tier names must be unique; repeated: {', '.join(sorted(duplicates))}")
        if not self.tiers:
            raise ValueError("at least one tier is needed; the simplest is the embedded model")
        return self


def config_path(home: Path) -> Path:
    override = os.environ.get("WHITTLE_CONFIG")
    return Path(override).expanduser() if override else home / CONFIG_NAME


def load_config(path: Path) -> WhittleConfig:
    """Read whittle.toml; a missing file means the default single embedded tier."""
    if not path.exists():
        return WhittleConfig()
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML ({error}); see whittle.example.toml for the format") from None
    try:
        return WhittleConfig.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'file'}: {e['msg']}" for e in error.errors())
        raise ConfigError(f"{path}: {problems}. See whittle.example.toml for a commented example.") from None
