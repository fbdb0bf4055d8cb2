"""Hinglish and Urdu-touched requests read verb first, as the English request they make (agent/hinglish.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.hinglish import read_hinglish, shows_hinglish
from whittle.agent.mixed_language import in_plain_english


@pytest.mark.parametrize(("said", "meant"), [
    ("eggs hata do list se, vegan try kar raha hu", "delete eggs from the list, vegan try kar raha hu"),
    ("dhobi wala delete kar do, kapde aa gaye. aur mummy ko call bhi tick kar do",
     "delete dhobi, kapde aa gaye. and tick mummy ko call"),
    ("sabse neeche wala upar kar do", "move the bottom one to the top"),
    ("mummy ko call sabse last mein daal do", "move mummy ko call to the bottom"),
    ("standup notes ko change karke standup notes for monday kar do", "change standup notes to standup notes for monday"),
    ("naam mein Rohit daal do", "name Rohit"),
    ("greeting Hi rakho aur finalize kar do", "greeting Hi and finalize it"),
    ("Work pe switch karo aur wahan standup notes add kar do", "switch to Work and add standup notes"),
    ("competitors hai Swiggy, Zomato aur Zepto", "competitors are Swiggy, Zomato and Zepto"),
    ("kal maine AC service ke baare mein kuch bola tha chat mein, woh dhoondh do",
     "yesterday i said something about AC service in the chat, search it"),
    ("jo tick kiya hua hai usko untick karo", "untick the one i ticked"),
    ("add karo buy sweets... nahi wait, buy kaju katli for office likho", "add buy sweets... no wait, add buy kaju katli for office"),
    ("jio recharge kar do mere number pe 299", "jio recharge kar do mere number pe 299"),  # no tool's verb: as said
])
def test_a_hinglish_request_asks_in_english_words_verb_first(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("wapas Default pe le jao bhai", "switch to Default"),
    ("'Karachi Shop' naam ka profile bana ke usi pe switch kar do", "create a profile called 'Karachi Shop' and switch to it"),
    ("renew shop license can wait, usko bilkul end mein bhej do", "renew shop license can wait, move it to the bottom"),
    ("buy doodh nikal do aur uski jagah buy chai patti add karo", "delete buy doodh and add buy chai patti"),
    ("compare karo price, fabric quality aur delivery time", "compare price, fabric quality and delivery time"),
    ("Imran bhai wala change karo", "Imran bhai change karo"),  # "bhai" after a name is his name's
])
def test_urdu_touches_read_as_hinglish(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("competitors mein yeh daalo: WedMeGood, ShaadiSaga", "competitors: WedMeGood, ShaadiSaga"),
    ("competitors galat daal diye maine, wapas competitors step pe le chalo",
     "competitors galat daal diye i, go back to the competitors step"),
    ("long job chalu kar do", "start the long job"),
    ("'Reddy Wedding' naam ka profile banao aur usi pe switch kar do",
     "create a profile called 'Reddy Wedding' and switch to it"),
    ("analysis ke liye compare karo pricing and vendor count, bas itna kaafi hai",
     "for the analysis compare pricing and vendor count"),
    ("greeting Hi kar do aur phir finalize, ho gaya bas", "greeting Hi kar do and then finalize it"),
])
def test_more_hinglish_asks_in_english_words(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize("said", ["sabse neeche wala upar kar do", "mummy ko call bhi tick kar do", "Work pe switch karo"])
def test_hinglish_shows_in_its_own_words(said):
    assert shows_hinglish(said)
    assert read_hinglish(said) != said


@pytest.mark.parametrize("said", ["add milk to the list", "the kar wash is done", "ship it to Bas"])
def test_an_english_request_shows_no_hinglish(said):
    assert not shows_hinglish(said)
