"""Learning from use: enough new evidence refits the running router, and the refit is recorded for the dashboard."""

import pytest

from tests.support.whittle_toml import LOCAL_TIER, server_tier, table, write_config
from whittle.config import Settings
from whittle.core import Whittle
from whittle.router.learned.auto import RefitLog

from .test_fit import _log, _traffic


@pytest.fixture
def two_tiers(home, model, remote_server):
    write_config(home, LOCAL_TIER, server_tier(remote_server, price_input_per_mtok=1.0, price_output_per_mtok=2.0),
                 table("[router]", refit_every=20))
    instance = Whittle(Settings(home=home), model=model)
    yield instance
    instance.close()


async def test_enough_new_evidence_refits_the_live_router_once(two_tiers):
    whittle = two_tiers
    auto = whittle.auto_refit
    assert auto is not None and not auto.due() and auto.maybe_start() is None
    before = whittle.router.config.skip_cheapest_above
    _traffic(whittle)  # 37 answers of the local tier, easy ones accepted, hard ones escalated
    assert auto.due()
    task = auto.maybe_start()
    assert task is not None and auto.maybe_start() is None, "one refit at a time"
    assert await task
    assert whittle.router.difficulty is not None and whittle.router.config.skip_cheapest_above != before
    assert not auto.due(), "fitted on everything there was"
    (refit,) = RefitLog(whittle.db).history("local")
    assert refit.examples == 37 and refit.before.calls == 37 and refit.after.calls == 0
    assert refit.before.feedback_quality == 0.0, "the one rated answer was disliked"

    for i in range(3):
        _log(whittle, f"Say hi again ({i})", "accepted", -0.4, feedback=1)
    (refit,) = whittle.app_context("costs").costs.refits()
    assert refit.after.calls == 3 and refit.after.local_share == 1.0 and refit.after.feedback_quality == 1.0


def test_one_tier_has_nothing_to_learn(whittle):
    assert whittle.auto_refit is None
