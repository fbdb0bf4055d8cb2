"""The query of a conversation search (agent/search_topic.py), without a model."""

from __future__ import annotations

from whittle.agent.calls import ToolCall
from whittle.agent.search_topic import search_topic


def test_a_search_is_for_the_topic_asked_about():
    planned = [ToolCall("search_conversation", {"query": "chat"})]
    assert search_topic(planned, "did I say anything about the plumber earlier? search our chat")[0].args == {
        "query": "plumber"}
    two = [ToolCall("search_conversation", {"query": "plumber's coming"}),
           ToolCall("search_conversation", {"query": "boiler engineer's name"})]
    assert search_topic(two, "did I mention the boiler engineer earlier?") == [
        ToolCall("search_conversation", {"query": "boiler engineer"})]
    assert search_topic(planned, "search the chat for pizza")[0].args == {"query": "pizza"}, "what it is searched for"
    plate = [ToolCall("search_conversation", {"query": "ND"}), ToolCall("search_conversation", {"query": "the queue"})]
    assert search_topic(plate, "what was that number plate i told you earlier, the ND one that skipped the queue?") == [
        ToolCall("search_conversation", {"query": "number plate"})], "the thing asked back"
    told = [ToolCall("search_conversation", {"query": "chat na"})]
    assert search_topic(told, "earlier I told you the ground fee amount, find that in our chat")[0].args == {
        "query": "ground fee"}, "the thing told, without what of it"
    assert search_topic(plate, "what was that thing I said earlier about the sprint demo? find it in the chat") == [
        ToolCall("search_conversation", {"query": "sprint demo"})], "a vague 'thing' asked back: what it was about"
    steel = [ToolCall("search_conversation", {"query": "steel"})]
    assert search_topic(steel, "what was that steel supplier name I did mention earlier? search it up")[0].args == {
        "query": "steel supplier"}
    assert search_topic(planned, "search the chat for when i said the footy rego thing")[0].args == {
        "query": "footy rego"}, "searched for when it was said: what was said"
    assert search_topic(planned, "search the chat") == planned, "no topic: as planned"
    assert search_topic(planned, "did i mention my landlords number?? search the chat for landlord")[0].args == {
        "query": "landlord"}
    assert search_topic(planned, "what did i say earlier about the rota can you find it")[0].args == {"query": "rota"}
    said = ("A colleague mentioned that we discussed the Rotterdam tariff last week. Would you search our earlier "
            "conversation for 'Rotterdam tariff'?")
    assert search_topic(planned, said)[0].args == {"query": "Rotterdam tariff"}, "the words quoted are the query"
    asked = "Did I say something earlier about the supplier discount? Can you search the conversation for it"
    assert search_topic(planned, asked)[0].args == {"query": "supplier discount"}, "searched for 'it': the topic said"
    spoke = "Search in the conversation where I spoke of the factura"
    assert search_topic(planned, spoke)[0].args == {"query": "factura"}, "spoke of"
    two = [ToolCall("search_conversation", {"query": "halibut"}), ToolCall("search_conversation", {"query": "fish"})]
    assert search_topic(two, "did i tell u earlier what the fish guy wants for halibut? search halibut") == two[:1]
    through = [ToolCall("search_conversation", {"query": "plumber"}), ToolCall("search_conversation", {"query": "through"})]
    assert search_topic(through, "Did I tell you the plumber's name? Could you look back through what we wrote") == \
        through[:1], "a search for the words of the asking, beside one of substance"


def test_the_words_a_request_ends_by_searching_are_the_query():
    planned = [ToolCall("search_conversation", {"query": "chat"})]
    said = "earlier I told you my advisor's office hours, can you find it in our chat? search office hours"
    assert search_topic(planned, said)[0].args == {"query": "office hours"}
    assert search_topic(planned, "did I say when the bins go out? search it up") == planned, "'it' names no topic"
