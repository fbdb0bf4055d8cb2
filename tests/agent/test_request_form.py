"""Reading the request's form (agent/request_form.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.request_form import as_plainly_typed, asks_about_words, request_part, with_ellipsis_filled


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


@pytest.mark.parametrize(("said", "meant"), [
    ("change `milk` -> `oat milk`", "change 'milk' to 'oat milk'"),
    ("competitors -> Notion, Obsidian, Logseq", "competitors: Notion, Obsidian, Logseq"),
    ("start a new competitive analysis -> competitors are Figma", "start a new competitive analysis, competitors are Figma"),
    ("Could you take cancel the Radio Times off the list", "Could you remove cancel the Radio Times from the list"),
    ("take buy cat food off, my sister has some", "remove buy cat food, my sister has some"),
    ("take the day off tomorrow", "take the day off tomorrow"),
    ("tick that off, and add bread while youre at it", "tick that off, and add bread"),
])
def test_hurried_typing_is_read_as_the_plain_request(said, meant):
    assert as_plainly_typed(said) == meant


def test_a_label_keeps_what_follows_however_long():
    said = "add: post birthday card to Fiona in Canada (needs to go by Thursday or itll never get there in time)"
    assert request_part(said) == said
    assert asks_about_words("what's an 'orphan page' exactly? like in SEO terms"), "a quote after 'what's an'"
