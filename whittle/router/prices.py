"""Prices per tier: the maintained genai-prices table, overridable in whittle.toml.

Local tiers cost $0. A paid tier whose price cannot be found is refused (the caller
marks it unavailable) rather than silently counted as free.
"""

from __future__ import annotations

from dataclasses import dataclass

from genai_prices import Usage, calc_price

from whittle.config import TierConfig


class UnknownPrice(LookupError):
    pass


@dataclass(frozen=True)
class Price:
    input_per_mtok: float
    output_per_mtok: float
    source: str  # 'local', 'whittle.toml', 'genai-prices'

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        return (input_tokens * self.input_per_mtok + output_tokens * self.output_per_mtok) / 1_000_000


FREE = Price(0.0, 0.0, "local")


def tier_price(tier: TierConfig) -> Price:
    if tier.price_input_per_mtok is not None and tier.price_output_per_mtok is not None:
        return Price(tier.price_input_per_mtok, tier.price_output_per_mtok, "whittle.toml")
    if tier.is_local:
        return FREE
    try:
        per_input = calc_price(Usage(input_tokens=1_000_000, output_tokens=0), tier.model, provider_id=tier.provider)
        per_output = calc_price(Usage(input_tokens=0, output_tokens=1_000_000), tier.model, provider_id=tier.provider)
    except LookupError as error:
        raise UnknownPrice(
            f"tier {tier.name!r}: no price known for model {tier.model!r}"
            f"{f' at provider {tier.provider!r}' if tier.provider else ''} ({error}). "
            "Set price_input_per_mtok and price_output_per_mtok for it in whittle.toml; "
            "whittle will not use a paid tier it cannot meter."
        ) from None
    return Price(float(per_input.total_price), float(per_output.total_price), "genai-prices")
