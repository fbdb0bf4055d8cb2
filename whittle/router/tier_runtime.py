"""Tiers made real: a backend, a price, and — when unusable — the reason why."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whittle.config import ConfigError, TierConfig
from whittle.llm.base import Backend, ChatMessage, OutputConstraint, byte_token_bound
from whittle.llm.embedded import EmbeddedModel
from whittle.llm.model_file import ModelFileError
from whittle.plugins import backend_factories
from whittle.router.prices import Price, UnknownPrice, tier_price


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

    def prompt_bound(self, messages: Sequence[ChatMessage], constraint: OutputConstraint | None = None) -> int:
        """At most how many prompt tokens these messages are billed as: the backend's tokenizer, or UTF-8 bytes.

        A backend that sends other than the messages under a constraint (tools offered natively) says so.
        """
        constrained = getattr(self.backend, "constrained_prompt_token_bound", None)
        if constrained is not None:
            return constrained(messages, constraint)
        bound = getattr(self.backend, "prompt_token_bound", None)  # backends written before it existed lack it
        return bound(messages) if bound is not None else byte_token_bound(messages)


def build_tiers(
    configs: list[TierConfig], default_model: EmbeddedModel | None, backends: dict[str, Callable] | None = None
) -> list[Tier]:
    """Make each tier; a tier that cannot be used is kept with its reason, for `whittle models` and the ledger.

    backends: factories by kind, from the plugins' register_backends (default: the built-in ones).
    """
    factories = backend_factories() if backends is None else backends
    tiers: list[Tier] = []
    for config in configs:
        try:
            price = tier_price(config)
        except UnknownPrice as error:
            tiers.append(Tier(config, None, None, unavailable=str(error)))
            continue
        try:
            backend = _backend(config, default_model, factories)
        except (ConfigError, ModelFileError) as error:
            tiers.append(Tier(config, None, price, unavailable=str(error)))
            continue
        tiers.append(Tier(config, backend, price))
    return tiers


def _backend(config: TierConfig, default_model: EmbeddedModel | None, factories: dict[str, Callable]) -> Backend:
    # Back-ends are plugins (hook register_backends; the built-ins are in whittle/llm/backends.py).
    factory = factories.get(config.backend)
    if factory is None:
        kinds = ", ".join(sorted(factories)) or "none"
        raise ConfigError(f"tier {config.name!r}: no back-end {config.backend!r} is installed (installed: {kinds}).")
    return factory(config, default_model)
