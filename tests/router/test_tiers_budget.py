import sqlite3
import threading
from pathlib import Path

import pytest

from tests.support.whittle_toml import refused_config
from whittle.config import BudgetConfig, TierConfig, load_config
from whittle.db import Database
from whittle.router.budget import Budget, BudgetExceeded
from whittle.router.prices import UnknownPrice, tier_price
from whittle.router.tier_runtime import build_tiers

EXAMPLE = Path(__file__).resolve().parents[2] / "whittle.example.toml"


def test_the_example_config_is_valid():
    config = load_config(EXAMPLE)
    assert [t.name for t in config.tiers] == ["local"]
    assert config.budgets.daily_usd == 1.0


def test_missing_file_means_one_embedded_tier(tmp_path):
    config = load_config(tmp_path / "nope.toml", missing_ok=True)  # the default location may be absent
    assert [(t.name, t.backend) for t in config.tiers] == [("local", "embedded")]


@pytest.mark.parametrize(
    "text, message",
    [
        ("tiers = [", "not valid TOML"),
        ('[[tiers]]\nname = "x"\nbackend = "openai"\nmodel = "m"', "needs base_url"),
        ('[[tiers]]\nname = "x"\nbackend = "embedded"\ntrust = "trusted"', "trust must be 'local'"),
        ('[[tiers]]\nname = "a"\nbackend = "embedded"\n[[tiers]]\nname = "a"\nbackend = "embedded"', "unique"),
        ('[budgets]\ndaily_usd = -1', "budgets.daily_usd"),
        ('[[tiers]]\nname = "a"\nbackend = "embedded"\ncolour = 3', "tiers.0.colour"),
        ('[[tiers]]\nname = "a"\nbackend = "embedded"\nn_threads = 0', "tiers.0.n_threads: Input should be greater"),
    ],
)
def test_bad_config_names_the_problem_and_the_fix(tmp_path, text, message):
    assert str(tmp_path / "whittle.toml") in refused_config(tmp_path, text, message)


def test_prices_from_the_table_from_the_file_and_refused_when_unknown():
    assert tier_price(TierConfig(name="l", backend="embedded")).input_per_mtok == 0
    table = tier_price(TierConfig(name="o", backend="openai", base_url="http://x/v1", model="gpt-4o-mini", provider="openai", trust="trusted"))
    assert table.source == "genai-prices" and table.input_per_mtok > 0
    own = tier_price(TierConfig(name="o", backend="openai", base_url="http://x/v1", model="m", trust="trusted",
                                price_input_per_mtok=1, price_output_per_mtok=2))
    assert (own.input_per_mtok, own.output_per_mtok, own.source) == (1, 2, "whittle.toml")
    with pytest.raises(UnknownPrice, match="price_input_per_mtok"):
        tier_price(TierConfig(name="o", backend="openai", base_url="http://x/v1", model="my-own-model", trust="trusted"))


def test_unusable_tiers_are_kept_with_their_reason(model, monkeypatch):
    monkeypatch.delenv("WHITTLE_TEST_KEY", raising=False)
    tiers = build_tiers(
        [
            TierConfig(name="local", backend="embedded"),
            TierConfig(name="nokey", backend="openai", base_url="http://127.0.0.1:9/v1", model="gpt-4o-mini",
                       provider="openai", trust="trusted", api_key_env="WHITTLE_TEST_KEY"),
            TierConfig(name="noprice", backend="openai", base_url="http://127.0.0.1:9/v1", model="mystery", trust="untrusted"),
        ],
        model,
    )
    assert tiers[0].backend is model and tiers[0].unavailable is None
    assert "WHITTLE_TEST_KEY" in tiers[1].unavailable
    assert "no price known" in tiers[2].unavailable


def test_budget_refuses_what_would_exceed_a_limit(tmp_path):
    budget = Budget(Database(tmp_path / "b.db"), BudgetConfig(daily_usd=0.10, per_tier_daily_usd={"cloud": 0.05}))
    first = budget.reserve("cloud", "openai", 0.04)
    with pytest.raises(BudgetExceeded, match="daily 'cloud' tier budget"):
        budget.reserve("cloud", "openai", 0.02)
    budget.settle(first, 0.01)  # settling at the real cost frees the rest of the reservation
    budget.reserve("cloud", "openai", 0.02)
    budget.reserve("other", "openai", 0.06)
    with pytest.raises(BudgetExceeded, match=r"daily budget of \$0.10"):
        budget.reserve("other", "openai", 0.02)


def test_fifty_concurrent_reservations_never_overspend(tmp_path):
    path = tmp_path / "b.db"
    Budget(Database(path), BudgetConfig(daily_usd=0.10))
    granted, refused = [], []
    barrier = threading.Barrier(50)

    def attempt():
        budget = Budget(Database(path), BudgetConfig(daily_usd=0.10))  # its own connection, like another process
        barrier.wait()
        try:
            granted.append(budget.reserve("cloud", "openai", 0.01))
        except BudgetExceeded:
            refused.append(1)

    threads = [threading.Thread(target=attempt) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(granted) == 10 and len(refused) == 40
    total = sqlite3.connect(path).execute("SELECT SUM(reserved_usd) FROM budget_charges WHERE state='reserved'").fetchone()[0]
    assert total == pytest.approx(0.10)
