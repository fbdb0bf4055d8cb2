"""Reading the request's form (agent/request_form.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.request_form import with_ellipsis_filled


@pytest.mark.parametrize(("said", "meant"), [
    ("renew insurance isn't done, book MOT is", "renew insurance isn't done, book MOT is done"),
    ("milk is done, eggs isn't", "milk is done, eggs isn't done"),
    ("the car isn't finished, but the van is.", "the car isn't finished, but the van is finished."),
    ("milk is done", "milk is done"),
    ("what is done, is done", "what is done, is done"),
    ("milk isn't done, is it", "milk isn't done, is it"),
])
def test_a_state_left_out_is_the_one_said_before(said, meant):
    assert with_ellipsis_filled(said) == meant
