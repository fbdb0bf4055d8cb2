"""What a search of the conversation is for: the topic the request asks about.

"did I say anything about the plumber earlier? search our chat", "what was that number plate i told you
earlier", "search the chat for when i said the footy rego thing": the small model copies a word of the
asking ("chat") or of the story ("ND") as the query; these rules put the topic in its place.
"""

from __future__ import annotations

import re

from whittle.agent.calls import ToolCall, distinct
from whittle.agent.grammar import EDGE_WORDS, request_words
from whittle.agent.request_form import quoted_texts
from whittle.agent.spans import without_trailing_edge_words

QUERY_FIELD = "query"
# What an earlier message was about: "did I say anything about the plumber earlier?", "when did I last
# bring up my passport?", "did I mention the boiler engineer".
_TOPIC = re.compile(
    r"\b(?:about|abt|mention(?:ed)?|bring\s+up|brought\s+up|(?:talk(?:ed)?|sp[eo]ke?|wrote|said)\s+(?:about|abt|of))\s+"
    r"(?:(?:the|my|a|an|our|that|any|da)\s+)?((?:(?!(?:earlier|before|again|yesterday|last|ago|today|at|in|on|and|or|"
    r"with|to|for|from|can|could|would|will|you|u|please|pls|did|do|i|we|is|was)\b)[\w'-]+\s*){1,3})", re.IGNORECASE)


_SEARCHED_FOR = re.compile(r"\b(?:search|look|find)\b[^.!?]*?\bfor\s+((?:[\w'-]+\s*){1,3}?)\s*(?=$|[.!?,;]|\s+(?:please|pls|plz)\b)",
                           re.IGNORECASE)
_SEARCHED_AT_END = re.compile(r"\b(?:search|find|grep)\s+((?:[\w'-]+\s*){1,3}?)\s*[.!?]*\s*$", re.IGNORECASE)
_NO_TOPIC = frozenset({"that", "this", "it", "them", "what", "something", "anything"})
# "search the chat for when i said the footy rego thing": searched for a time something was said, the topic is
# what was said; "thing"/"stuff" names no topic.
_SEARCHED_FOR_WHEN = re.compile(r"\b(?:search|look|find)\b[^.!?]*?\bfor\s+((?:when|where|what|how)\s[^.!?,;]+)", re.IGNORECASE)
_WHEN_SAID = re.compile(r"^(?:when|where|what|how)\s+(?:i|we|u|you)\s+(?:said|wrote|mentioned|talked\s+about|asked\s+about)"
                        r"\s+(?:about\s+)?(?:(?:the|my|a|an|that|our)\s+)?(.+?)(?:\s+(?:thing|stuff|bit))?$", re.IGNORECASE)
_SEARCH_ASKING_WORDS = _NO_TOPIC | EDGE_WORDS | frozenset(
    "chat chats conversation conversations messages history earlier before back through tell told say said wrote "
    "written mention mentioned look find search check scroll our we us you me i".split())


# "what was that number plate i told you earlier", "what was the stove model I wrote earlier": the thing asked back.
# "what was that steel supplier name I did mention": the supplier, not the word "name".
_ASKED_BACK = re.compile(r"\bwhat\s+(?:was|is|were|'s)\s+(?:that|the|my)\s+((?:[\w'-]+\s+){0,2}?[\w'-]+?)(?:\s+name)?\s+"
                         r"(?:that\s+)?(?:i|we)\s+(?:did\s+)?(?:told|tell|gave|give|said|wrote|mentioned|mention|sent|typed)\b",
                         re.IGNORECASE)


# "earlier I told you the ground fee amount, find that in our chat": the thing told, without what of it was told.
_TOLD_THING = re.compile(r"\b(?:told|gave|sent)\s+(?:you|u)\s+(?:the|my|a|an|that|our)\s+((?:[\w'-]+\s+){0,2}?[\w'-]+?)"
                         r"(?:\s+(?:amount|number|name|details|figure))?\s*(?=[,.;!?]|$)", re.IGNORECASE)

_VAGUE_THINGS = frozenset({"thing", "stuff", "one", "bit", "something"})


def search_topic(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """A search's query is the topic the request asks about, not another word the model copied
    ("search our chat" copied as "chat"); two searches for one topic are one."""
    quoted = quoted_texts(text)
    found = _TOPIC.search(text)
    searched_for = _SEARCHED_FOR.search(text)
    searched_for_words = without_trailing_edge_words(searched_for.group(1).strip()) if searched_for else ""
    if (asked := _SEARCHED_FOR_WHEN.search(text)) and (when := _WHEN_SAID.match(asked.group(1).strip())):
        searched_for_words = without_trailing_edge_words(when.group(1))
    if searched_for_words.casefold() in _NO_TOPIC:  # "search the conversation for it": the topic is said elsewhere
        searched_for_words = ""
    # "… can you find it in our chat? search office hours": the words the request ends by searching
    ending = _SEARCHED_AT_END.search(text)
    ended_with = [w.casefold() for w in request_words(ending.group(1))] if ending else []
    if not searched_for_words and ended_with and ended_with[0] not in _NO_TOPIC and not all(
            w in _SEARCH_ASKING_WORDS for w in ended_with):
        searched_for_words = without_trailing_edge_words(ending.group(1).strip())
    asked_back = _ASKED_BACK.search(text)
    if quoted:  # "… search our earlier conversation for 'Rotterdam tariff'": the words quoted are the query
        topic = quoted[-1].strip()
    elif asked_back and not searched_for_words and not (
            asked_back.group(1).casefold() in _VAGUE_THINGS and found):  # "what was that thing I said … about the sprint demo"
        # "what was that number plate i told you earlier": the thing told
        topic = asked_back.group(1).strip()
    elif searched_for_words:  # "did i mention my landlords number?? search the chat 4 landlord": what it is searched for
        topic = searched_for_words
    elif (told := _TOLD_THING.search(text)) and not found:
        topic = told.group(1).strip()
    elif found and found.group(1).strip().casefold() not in _NO_TOPIC:
        topic = re.sub(r"'s$", "", found.group(1).strip())
        # "about the price of the private classes": what the price is of
        more = re.match(r"\s*((?:[\w'-]+\s*){1,2})", text[found.end():])
        if re.search(r"\bof(?:\s+the)?$", topic) and more:
            topic = without_trailing_edge_words(more.group(1).strip()) or topic
    else:
        # "did i tell u earlier what the fish guy wants for halibut? search halibut": of two searches, the
        # one for the words the request ends by searching.
        searches = [c for c in calls if set(c.args) == {QUERY_FIELD}]
        ending = _SEARCHED_AT_END.search(text)
        named = [c for c in searches if ending and str(c.args[QUERY_FIELD]).casefold() == ending.group(1).casefold()]
        if len(searches) > 1 and len(named) == 1:
            return [c for c in calls if c not in searches or c is named[0]]
        # "look back through what we wrote" copied as "through", "search in our chat" as "chat": beside a search
        # for a word of substance, a search for the words of the asking is none.
        asking = [c for c in searches if all(w.casefold() in _SEARCH_ASKING_WORDS
                                             for w in request_words(str(c.args[QUERY_FIELD])))]
        if asking and len(asking) < len(searches):
            return [c for c in calls if c not in asking]
        return calls
    settled = [ToolCall(c.tool, {**c.args, QUERY_FIELD: topic}) if set(c.args) == {QUERY_FIELD} else c for c in calls]
    return distinct(settled)
