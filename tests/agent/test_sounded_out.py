"""The asking words spelled by ear, read as meant (agent/sounded_out.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.sounded_out import as_meant


@pytest.mark.parametrize(("said", "meant"), [
    ("ad buy flux n tik pay mum bord", "add buy flux n tick pay mum bord"),
    ("can u ad pik up copper pipe from merchants ta", "can u add pik up copper pipe from merchants"),
    ("thats rong go bak to compeditors i forgot toolstation", "thats wrong go back to competitors i forgot toolstation"),
    ("move boiler job mrs patel to the tip shes got no hot water", "move boiler job mrs patel to the top shes got no hot water"),
    ("sirch chat fo wat i sed bout flux", "search chat for what i said about flux"),
    ("name Kayden greetin good mornin", "name Kayden greeting good morning"),
    ("put buy flux at teh bottom", "put buy flux at the bottom"),
    ("mkae new profile call stall", "mkae new profile called stall"),
    ("wat do i av on me list", "what do i have on my list"),
    ("wha is a orphan page?", "what is a orphan page?"),
])
def test_an_asking_word_spelled_by_ear_is_the_word_meant(said, meant):
    assert as_meant(said) == meant


@pytest.mark.parametrize("said", [
    "take the recycling to the tip",  # a tip
    "add makan with sister, she want eat bak kut teh",  # a dish
    "add ring the council bout the permit",  # the thing's own words
    "schedule my inspection for next tuesday mornin",
    "add 'delet old photos'",  # quoted: as typed
    "put the ad in the paper",
    "add call stall owner",
])
def test_the_words_of_a_thing_stay_as_typed(said):
    assert as_meant(said) == said


@pytest.mark.parametrize(("said", "meant"), [
    ("add tapau teh tarik kurang manis", "add tapau teh tarik kurang manis"),
    ("move it to teh top", "move it to the top"),
    ("add check petty cash float tq", "add check petty cash float"),
])
def test_malaysian_tea_and_thanks_are_read_as_meant(said, meant):
    assert as_meant(said) == meant
