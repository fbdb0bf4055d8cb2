"""Reading the request's form (agent/request_form.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.references import split_actions
from whittle.agent.request_form import (
    ALL_VERBS,
    asked_part,
    asks_about_words,
    asks_for_something,
    back_to_nowhere,
    leading_verbs,
    quoted_texts,
    read_request,
    request_part,
    told_not_edited,
    with_ellipsis_filled,
)


@pytest.mark.parametrize(("said", "meant"), [
    ("renew insurance isn't done, book MOT is", "renew insurance isn't done, book MOT is done"),
    ("milk is done, eggs isn't", "milk is done, eggs isn't done"),
    ("the car isn't finished, but the van is.", "the car isn't finished, but the van is finished."),
    ("milk is done", "milk is done"),
    ("what is done, is done", "what is done, is done"),
    ("milk isn't done, is it", "milk isn't done, is it"),
    ("eggs done, milk too", "eggs done, milk done"),
    ("add milk, eggs too", "add milk, eggs too"),
])
def test_a_state_left_out_is_the_one_said_before(said, meant):
    assert with_ellipsis_filled(said) == meant


def test_say_asks_for_an_edit_only_as_what_a_thing_should_say():
    assert told_not_edited("the dentist one should say dentist friday".split()) == set()
    assert told_not_edited("change it to say ring the garage".split()) == set()
    assert told_not_edited("tell am say the consignment short".split()) == {"say"}
    assert told_not_edited("send an email to say that i shall be late".split()) == {"say"}, "'to say' after no edit"
    assert "say" not in leading_verbs("tell am say the last consignment short", {"say", "add"})


def test_a_word_in_ing_leads_no_action():
    clauses = read_request("compare them on price, opening hours and delivery", ALL_VERBS)
    assert all(not c.head for c in clauses), "'opening hours' is a noun"
    assert any(c.head for c in read_request("open the todo list", ALL_VERBS))


def test_asked_to_explain_is_chat():
    assert asks_about_words("I am not sure what this is for, would you be so kind as to explain it in plain terms?")
    assert not asks_about_words("add explain the rota to Dilys")
    assert asks_about_words('sumimasen, what is "orphan page"? I don\'t understand this word')
    assert not asks_about_words("what is on my list?")
    assert asks_about_words("c'est quoi une orphan page au juste? expliquez-moi ça simple"), "French"
    assert asks_about_words("¿qué es una orphan page?"), "Spanish"
    assert not asks_about_words("c'est quoi le status du long job?"), "the status is the app's"
    assert asks_about_words("idk what an orphan page is 😭 explain like im 5")
    assert asks_about_words("The grandson keeps saying 'orphan pages'. What's an orphan page when it's at home?")
    assert asks_about_words("copy whats an orphan page mean in plain english")
    assert asks_about_words("orphan page ka matlab kya hota hai?")
    assert asks_about_words("analysis step mein kya likhna hota hai, example do na")
    assert not asks_about_words("add milk. what's a kiuas?"), "a later question does not undo the ask"
    assert asks_about_words("what is orphan page mean?")
    assert not asks_about_words("what is on my list mean for today?")


def test_making_adds_only_a_kind_of_thing():
    assert any(c.head for c in read_request("make a new profile called Kids", ALL_VERBS))
    assert not any(c.head for c in read_request("make an appointment for Bess on Tuesday", ALL_VERBS))


def test_a_label_keeps_what_follows_however_long():
    said = "add: post birthday card to Fiona in Canada (needs to go by Thursday or itll never get there in time)"
    assert request_part(said) == said
    assert asks_about_words("what's an 'orphan page' exactly? like in SEO terms"), "a quote after 'what's an'"
    assert asks_about_words("what means orphan page?"), "a second-language word order"


def test_a_long_message_is_read_by_the_sentence_that_asks():
    background = ("The quarterly review went well and the board were pleased with our numbers overall, although "
                  "the logistics costs remain a concern for the next two quarters. I shall circulate the minutes "
                  "to everyone on Friday. ")
    assert request_part(background + "Would you mind adding 'book the venue' to my list?") == \
        "Would you mind adding 'book the venue' to my list?"
    assert request_part(background + "Move pay rent to the top.") == "Move pay rent to the top."
    told = background + "Nothing else happened this week, to be honest."
    assert request_part(told) == told.split(". ")[0] + ".", "a message that asks nothing: its first sentence"


def test_the_sentences_that_tell_the_background_are_no_part_of_the_request():
    told = "The new transport planner had her briefing this morning and seemed to take it all in. "
    assert asked_part(told + "Would you tick off 'brief the new transport planner'?") == \
        "Would you tick off 'brief the new transport planner'?"
    assert asked_part("Could you add book eye test to the todos. Ive been squinting at the crossword all week") == \
        "Could you add book eye test to the todos."
    assert asked_part("Buy milk. Eggs too.") == "Buy milk. Eggs too.", "a short sentence goes on asking"
    assert asked_part("add clumping cat litter. mochi is judging me") == "add clumping cat litter.", \
        "however short, one that says how something is tells"
    assert asked_part("add bread. milk is done") == "add bread. milk is done", "a thing done asks for the tick"
    pointing = "The site team booked the inspection last week without telling anyone. Would you tick it off?"
    assert asked_part(pointing) == pointing, "'it' points back into the telling"
    run = "I'm satisfied with both the name and the greeting as they stand. Please finalise it so nobody can alter it."
    assert asked_part(run) == "Please finalise it so nobody can alter it.", "'finalise it' is the run"
    pasted = "Summarise this: The council will start collecting waste. Please add a permit."
    assert asked_part(pasted) == pasted, "after a colon, pasted material"
    question = "what is on my todo list today? show me please"
    assert asked_part(question) == question, "a question asks too"
    told_then_asked = "I finally don call my mum, tick it. Then add call Aunty Nkechi"
    assert asked_part(told_then_asked) == told_then_asked, "the telling ends asking: 'tick it'"
    assigned = "I'd like to start a new analysis. The competitors are Etsy and Shopify, if you could enter those."
    assert asked_part(assigned) == assigned
    undo = "Oh I ticked the dish one by mistake, its still sitting on my worktop! Undo that would you"
    assert asked_part(undo) == undo, "'that' points back"
    searched = "I'm sure we talked about my hearing aid batteries earlier on. Could you look back through what we said?"
    assert asked_part(searched) == searched, "a search's topic is told before the ask"
    edit = "I've changed my mind about the second one on the list. Could you change it to say 'ring the garage' instead?"
    assert asked_part(edit) == edit, "'it' points back, a quote beside it or not"
    assert asked_part("The rota for the whole depot is finally done. Could you add 'fix it' to my list?") == \
        "Could you add 'fix it' to my list?", "a pronoun inside quotes points nowhere"
    news = "Good news: the signed PODs arrived by courier this morning. Please tick off 'collect PODs'."
    assert asked_part(news) == "Please tick off 'collect PODs'."
    amended = "Please add 'renew parking permit'. No, forgive me, make that 'renew residents' parking permit'."
    assert asked_part(amended) == amended, "a sentence that amends the ask is part of it"


def test_a_key_held_down_on_an_action_word_is_read_as_that_word():
    from whittle.agent.request_form import fix_swapped_letters
    from whittle.agent.select import TYPO_VOCABULARY

    assert fix_swapped_letters("addd oil change for the civic", TYPO_VOCABULARY) == "add oil change for the civic"
    assert fix_swapped_letters("Haaa nice", TYPO_VOCABULARY) == "Haaa nice"
    assert fix_swapped_letters("add profile Tiem Katy", TYPO_VOCABULARY) == "add profile Tiem Katy", "a name's spelling"
    quoted = 'rename Wohnung to "Wohnung (3 Monate Frist!)"'
    assert fix_swapped_letters(quoted, TYPO_VOCABULARY) == quoted, "what is quoted is as typed"


def test_a_quote_is_one_thing_whatever_marks_it_holds():
    named = 'Please create a profile named "St. Andrew\'s Treasury" and then switch to it.'
    assert asked_part(named) == named
    assert quoted_texts("make that 'renew residents' parking permit'.") == ["renew residents' parking permit"]
    assert quoted_texts("add 'buy apples' and 'pears'") == ["buy apples", "pears"], "a plural's apostrophe only inside"
    assert quoted_texts("add 'dogs' food") == ["dogs"]
    assert quoted_texts("I wen renew 'em dis morning, check off 'renew city surf permit'") == ["renew city surf permit"], \
        "'em is them, no quote"


def test_back_goes_back_only_to_somewhere():
    assert [c.head for c in read_request("go back to step 1", ALL_VERBS)][0]
    assert not back_to_nowhere(["back", "to", "step"]) and back_to_nowhere(["back", "cases"])
    assert len(split_actions("change restock glass to restock glass and back cases")) == 1
    assert len(split_actions("competitors are starbucks, dunkin, and dutch bros")) == 1, "no slip of 'ditch' in a list"
    assert [c.head for c in read_request('switch to "St. Andrew\'s Treasury".', ALL_VERBS)] == [frozenset({"switch"})]


def test_a_completion_denied_in_the_past_asks_to_reopen():
    from whittle.agent.request_form import NOT_DONE

    assert NOT_DONE.search("wait i didnt actually finish the one i ticked")
    assert NOT_DONE.search("i havent finished it")


def test_a_titles_full_stop_ends_no_sentence():
    from whittle.agent.request_form import quoted_marks_hidden, quoted_marks_shown

    said = "so put on list: redo gel for Ms. Tran. she come back friday"
    hidden = quoted_marks_hidden(said)
    assert hidden.count(".") == 1 and quoted_marks_shown(hidden) == said
    assert quoted_marks_hidden("tick ms. done") == "tick ms. done", "a title only before a name"
    assert quoted_marks_hidden("put down ring Fr. Murphy").count(".") == 0


def test_a_name_one_slip_from_a_verb_that_says_something_asks_nothing():
    assert not any(c.head for c in read_request("Marg reckons we're nearly out of sunscreen", ALL_VERBS))
    assert any(c.head for c in read_request("mrak milk done", ALL_VERBS)), "a slip before a thing still asks"


def test_a_sentence_that_takes_the_asked_action_back_for_another_is_part_of_the_ask():
    said = "delete 'comprar ração pra Mel' já comprei... no wait, just tick it kkkk"
    assert asked_part(said) == said
    told = "The barrel was changed on Monday. Could you tick it off?"
    assert asked_part(told) == told, "kept whole: the ask points back into the telling"


def test_a_things_first_word_one_slip_from_a_verb_is_no_verb_when_its_state_is_said():
    assert read_request("clean the crab traps is done", ALL_VERBS)[0].head == frozenset()
    assert read_request("cancle milk", ALL_VERBS)[0].head == {"cancel"}, "a slip that asks"


def test_an_ask_after_but_or_so_is_a_clause_of_its_own():
    read = read_request("i ticked off the bread guy but the check didn't go thru so reopen it", ALL_VERBS)
    assert [sorted(c.head) for c in read] == [[], ["reopen"]]
    assert len(read_request("buy bread but not white", ALL_VERBS)) == 1, "a guessed slip ('not' for 'note') asks nothing"
    assert [sorted(c.head) for c in read_request("add eggs AND tick milk", ALL_VERBS)] == [["add"], ["tick"]]


def test_an_ask_after_a_colon_asks():
    told = "There's a typo that is making me crazy: change 'llamar a Marsia' to 'llamar a Marisa', con la i después de la r."
    assert asks_for_something(told)
    assert request_part(told) == told, "quoted texts are no pasted material, however many words they hold"
    assert not asks_for_something("There's a typo that is making me crazy")


def test_what_it_should_be_amends_the_ask():
    assert asked_part("cofnij do competitors, forgot GLS. should be DHL, DPD, InPost, GLS") == \
        "cofnij do competitors, forgot GLS. should be DHL, DPD, InPost, GLS"


def test_making_one_more_adds_and_a_question_led_by_about_asks_how():
    assert any(c.head for c in read_request("make one more profile, call it Shul", ALL_VERBS))
    assert asks_about_words("about how long does that long job usually take")


def test_a_thing_named_then_acted_on_asks():
    assert asks_for_something("The neon sign, delete it, my cousin did it already.")
    assert not asks_for_something("The neon sign, my cousin fixed it already.")
    said = "The neon sign, delete it, my cousin did it already. And the wood for the oven put it at the top"
    assert asked_part(said) == said


def test_make_it_a_quoted_text_amends_the_ask_and_please_explain_is_chat():
    said = "5 kg of basil? Make it 'buy 5 bunches of basil'"
    assert asked_part(said) == said
    assert asks_about_words("Please kindly explain to me what an orphan page means. I don't want you to list them.")


def test_fixing_the_text_points_back_into_the_telling():
    said = "the bike one is wrong, gears not brakes. fix the text please"
    assert asked_part(said) == said
