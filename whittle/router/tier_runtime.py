"""Tiers made real: a backend, a price, and — when unusable — the reason why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from whittle.llm.base import Backend
from whittle.llm.embedded import EmbeddedModel
from whittle.llm.model_file import ModelFileError
from whittle.router.prices import Price, UnknownPrice, tier_price
from whittle.router.tiers import ConfigError, TierConfig


@dataclass
class Tier:
    config: TierConfig
    backend: Backend | None  # None: unusable, see `unavailable`
    price: Price | None
    unavailable: str | None = None

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def trust(self) -> str:
        return self.config.trust

    @property
    def provider(self) -> str:
        return self.config.provider or self.config.name

    @property
    def model_name(self) -> str:
        return self.backend.name if self.backend is not None else self.config.model

    @property
    def is_free(self) -> bool:
        return self.price is None or (self.price.input_per_mtok == 0 and self.price.output_per_mtok == 0)


def build_tiers(configs: list[TierConfig], default_model: EmbeddedModel | None) -> list[Tier]:
    """Make each tier; a tier that cannot be used is kept with its reason, for `whittle models` and the ledger."""
    tiers: list[Tier] = []
    for config in configs:
        try:
            price = tier_price(config)
        except UnknownPrice as error:
            tiers.append(Tier(config, None, None, unavailable=str(error)))
            continue
        try:
            backend = _backend(config, default_model)
        except (ConfigError, ModelFileError) as error:
            tiers.append(Tier(config, None, price, unavailable=str(error)))
            continue
        tiers.append(Tier(config, backend, price))
    return tiers


def _backend(config: TierConfig, default_model: EmbeddedModel | None) -> Backend:
    if config.backend == "embedded":
        # The tier's own n_threads wins; otherwise it runs like the default model (WHITTLE_THREADS).
        inherited = default_model.n_threads if default_model is not None else None
        n_threads = config.n_threads if config.n_threads is not None else inherited
        if config.model == "default" and default_model is not None and n_threads == default_model.n_threads:
            return default_model
        path = None if config.model == "default" else Path(config.model)
        return EmbeddedModel(path, n_ctx=config.n_ctx, n_threads=n_threads)
    from whittle.llm.openai_compat import OpenAICompatModel  # noqa: PLC0415 - the SDK is only needed for such tiers

    return OpenAICompatModel(config)
