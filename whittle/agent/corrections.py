"""What the user takes back or only asks for, settled after the model's calls.

- a correction said in the same breath replaces what it corrects: "add tomatoes, no wait, cherry
  tomatoes" adds "cherry tomatoes" only, "a profile called Side Projects, no wait, just Side Project"
  makes "Side Project"; a copy that runs across the correction ("no wait cherry") is the stand-in too
  (corrected);
- the words that ask for an addition are not the thing added: "…, can u add it" adds no todo
  "can u add" (without_asking_words);
- the emoji a new thing ends with are the message's, not the thing's: "pay the luz bill 💡" adds "pay the
  luz bill", and "add buy detergente pls 🧽" makes no profile "🧽"; so is "before i forget"
  (without_trailing_aside);
- one comma after a new thing, with no "and" or other item after it, opens a remark, not a second thing:
  "add renew pharmacy licence, PCN deadline dey come" adds the licence only (aside_after_a_comma).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whittle.agent.calls import ToolCall, distinct
from whittle.agent.grammar import request_words
from whittle.agent.references import ADDING_VERB, SOMEONE_DOING, string_fields
from whittle.agent.request_form import COUNTED_THINGS, QUOTED_TEXT, THINGS_COUNT, WHY_NOW, quoted_texts, stem
from whittle.agent.select import ADDING, ALL_VERBS
from whittle.agent.spans import without_trailing_edge_words, without_trailing_symbols
from whittle.agent.step_values import STEP_FIELD, VALUE_FIELD
from whittle.tools import Tool

# "no wait", "sorry, I mean", "no, forgive me", "make that", "or rather", a new sentence's "No, put …", then what stands in for the thing.
_CORRECTION = re.compile(
    r"[,;.!\s—–-]+(?:no,?\s+wait|wait,?\s+no|(?:no,?\s+)?hang\s+on|no,?\s+(?:sorry|forgive\s+me|pardon(?:\s+me)?|(?:my\s+)?apologies)|ah,?\s+no|sorry,?\s+i\s+mean|i\s+mean|actually,?\s+make\s+(?:it|that)"
    r"|make\s+that|(?:no,?\s+)?scratch\s+that|or\s+rather|correction|(?<=[.!]\s)no,?(?=\s+(?:put|use)\s))\b[,;:.!\s—–-]*"
    r"(?:(?:no|just|please|make\s+(?:it|that)|call\s+it|it'?s|only|put|use)\b[,\s]*)*",
    re.IGNORECASE)
_AFTER_END = re.compile(r"\s+(?:to|on|onto|in|into)\s+(?:my|the|our)\s+(?:todo|to-do|list|todos)\b.*$|[.!?]+\s*$",
                        re.IGNORECASE)
MAX_CORRECTION_WORDS = 6
# Texting's laughter ends what stands in: "duck stain i mean deck stain lol autocorrect".
_LAUGHTER = re.compile(r"\s*\b(?:lol|lmao|lmfao|haha\w*|hehe\w*|rofl|kkkk*|rsrs\w*|jaja\w*)\b.*$", re.IGNORECASE)
# West African English ends a sentence with "o" or "ehn" for stress: "add renew pharmacy licence o".
_STRESS_END = r"\s+(?:o|oo|ehn|abeg|jare|sha)\s*[.!]*\s*$"
# "add diapers wait no we have those add teething gel": the stand-in is asked for again after the reason.
_ASKED_AGAIN = re.compile(r"^.*\s(?:add|put\s+in)\s+(?=\S)", re.IGNORECASE)
# A marker that says what follows is the thing ("no wait make it buy mouthguard"), even when it opens with a verb.
_NAMES_THE_THING = re.compile(r"\b(?:make\s+(?:it|that)|call\s+it)\b", re.IGNORECASE)


def _correction(text: str) -> tuple[str, str, set[str]] | None:
    """(what the request said before the correction, the words that stand in, the marker's words)."""
    found = next(reversed(list(_CORRECTION.finditer(text))), None)  # the last correction stands
    if found is None or found.start() == 0:
        return None
    # "Good morning, its mornin so that makes sense": what stands in ends at the next mark; the rest is why.
    instead = _LAUGHTER.sub("", re.split(r"[,;!?]|\.(?:\s|$)", text[found.end():])[0])
    quoted = QUOTED_TEXT.fullmatch(instead.strip())
    # "make that 'renew residents' parking permit'": a quoted stand-in is kept as written, inner marks and all.
    instead = quoted.group(1) if quoted else without_trailing_edge_words(_AFTER_END.sub("", _ASKED_AGAIN.sub("", instead)))
    words = request_words(instead)
    if not words or len(words) > MAX_CORRECTION_WORDS or (
            stem(words[0].casefold()) in ALL_VERBS and not _NAMES_THE_THING.search(found.group(0))):
        return None  # no stand-in, or another action ("no wait, delete it"): planned as said
    return text[:found.start()], instead, set(request_words(found.group(0).casefold()))


def stand_in(text: str) -> str | None:
    """What the request's correction puts in place of what it corrects ("coffee filters and creamer"), if any."""
    said = _correction(text)
    return said[1] if said is not None else None


def taken_back(value: str, text: str) -> bool:
    """A value said only before the request's correction ("buy a new trowel" of "add buy a new trowel no, scratch
    that, buy secateurs"): what the correction replaced."""
    said = _correction(text)
    at = text.casefold().find(value.casefold())
    return said is not None and 0 <= at < len(said[0]) and value.casefold() not in said[1].casefold()


def crosses_a_correction(value: str) -> bool:
    """A value that runs across a correction ("duck stain i mean deck stain"): not one thing as said."""
    return _CORRECTION.search(" " + value) is not None


def corrected(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    said = _correction(text)
    if said is None:
        return calls
    before, instead, marker = said
    settled = []
    for call in calls:
        # A step's value, not the step, is what "My name is Jen. No put Jennifer" corrects.
        fields = [VALUE_FIELD] if isinstance(call.args.get(VALUE_FIELD), str) else string_fields(tools.get(call.tool), call)
        value = call.args[fields[0]] if fields else ""
        if not value.strip():
            settled.append(call)
        elif set(request_words(value.casefold())) & marker and value.casefold() not in instead.casefold():
            # "no wait cherry", "buy footy socks no wait make it buy mouthguard": a copy across the correction
            mark = _CORRECTION.search(value)
            prior = value[:mark.start()] if mark else ""
            settled.append(ToolCall(call.tool, {**call.args, fields[0]: _number_swapped(prior, instead) or instead}))
        # A value said before the correction, or the first words of a quoted stand-in ("renew residents" of
        # "make that 'renew residents' parking permit'"), stands for the stand-in.
        elif ((re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", before, re.IGNORECASE)
               or instead in quoted_texts(text) and value.casefold() in instead.casefold())
              and value.casefold() != instead.casefold()):
            settled.append(ToolCall(call.tool, {**call.args, fields[0]: _number_swapped(value, instead) or instead}))
        elif (value.casefold() in instead.casefold() and value.casefold() != instead.casefold()
              and value.casefold() not in before.casefold() and ADDING in call.tool.split("_")):
            # "no wait make it coffee filters and creamer": a new thing read as a part of the stand-in is all of it.
            settled.append(ToolCall(call.tool, {**call.args, fields[0]: instead}))
        else:
            settled.append(call)
    return distinct(settled)


_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_MEASURE = re.compile(r"\d+(?:[.,]\d+)?\s?(?:ml|l|lt|liters?|litres?|kg|kilos?|g|grams?|lbs?|pounds?|oz|pcs|packs?|dozen)",
                      re.IGNORECASE)


def _number_swapped(value: str, instead: str) -> str | None:
    """"order 5 packs of gloves no wait make it 10 packs": a stand-in that is a new number with words the thing
    already has changes the number only ("order 10 packs of gloves"); "size M no wait size L", the size only."""
    old, new = value.split(), instead.split()
    old_numbers = [i for i, w in enumerate(old) if _NUMBER.match(w)]
    new_numbers = [w for w in new if _NUMBER.match(w)]
    rest = {w.casefold() for w in new if not _NUMBER.match(w)}
    measured = [i for i, w in enumerate(old) if _MEASURE.fullmatch(w)]
    if len(measured) == 1 and _MEASURE.fullmatch(instead.strip()):
        # "buy alcohol 500ml, ay wait 1 liter": a new measure stands for the old one, its unit too.
        return " ".join(instead.strip() if i == measured[0] else w for i, w in enumerate(old))
    if len(new) == 2 and len(old) >= 3 and old[-2].casefold() == new[0].casefold():
        # "buy 2 box glove size M no wait size L": the last word, after the stand-in's first, stands for the old one.
        return " ".join([*old[:-1], new[1]])
    if len(old_numbers) != 1 or len(new_numbers) != 1 or not rest <= {w.casefold() for w in old}:
        return None
    return " ".join(new_numbers[0] if i == old_numbers[0] else w for i, w in enumerate(old))


def number_corrected(calls: list[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """A new thing that is only the correction's stand-in ("10 packs", however it was read) is the thing said
    before the correction with its number changed, when the stand-in is a number and the thing's own words."""
    said = _correction(text)
    if said is None:
        return calls
    before, instead, _ = said
    verbs = list(ADDING_VERB.finditer(before))
    thing = before[verbs[-1].end():] if verbs else ""
    settled = []
    for call in calls:
        fields = string_fields(tools.get(call.tool), call)
        if fields and call.args[fields[0]].strip().casefold() == instead.strip().casefold() and (
                swapped := _number_swapped(thing.strip(), instead)):
            call = ToolCall(call.tool, {**call.args, fields[0]: swapped})
        settled.append(call)
    return distinct(settled)  # "add X 500ml" and its stand-in "1 liter", each read as the thing: one thing


# A new todo made only of these words is the request to add, not a thing: "can u add it", "put that on".
ASKING_WORDS = frozenset(
    "can could would will you u ya please pls plz add put stick pop it that this them there on onto to in into my "
    "the a list todo todos to-do for me us also too as well thanks ta".split())


# "…, we're almost out": a new thing that opens like this says how things are, beside the thing asked for.
STATEMENT_OPENERS = frozenset("we're were i'm im it's its they're theyre that's thats there's theres".split())


def without_asking_words(calls: Sequence[ToolCall], tools: dict[str, Tool]) -> list[ToolCall]:
    """Without new things made only of the words that ask ("can u add it"), and without a statement
    added beside another new thing ("remind me to order more printer ink, we're almost out")."""
    kept = []
    adding = [c for c in calls if (t := tools.get(c.tool)) is not None and ADDING in t.name.split("_")]
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        if tool is not None and fields and ADDING in tool.name.split("_"):
            words = request_words(call.args[fields[0]].casefold())
            if words and set(words) <= ASKING_WORDS:
                continue
            if words and words[0] in STATEMENT_OPENERS and len(adding) > 1:
                continue
        kept.append(call)
    return kept


_ALSO = r"\s+(?:also|too|as\s+well)\s*[.!]*\s*$"  # "add pay lads next friday also"
_FOR_ME = r"\s+for\s+(?:me|us)(?:\s+(?:please|pls|there|here))*\s*[.!]*\s*$"  # "add stock count monday for me there"
# "add order more pipe dope we r runnin low over": the radio's "over" ends the message, after how things are.
_RADIO_END = r"\s+over(?:\s+and\s+out)?\s*[.!]*\s*$"
# "ad clean footy boots theyr mingin", "add footy sun its bin moved": how things are, after the thing, with no mark.
_HOW_THINGS_ARE = (r"\s+(?:we\s+(?:r|are|'re)\s+(?:runnin|running|nearly|almost|out|low)|"
                   r"theyr|theyre|they'?re|it'?s\s+(?:bin|been|not|gone|all|so|too|really|proper|well|a\s+bit|moved|"
                   r"cancelled|canceled|called|broke|broken)|"
                   # "buy new aprons these ones are NASTY", "… its gonna be 95 out": how the things said are, or will be
                   r"(?:these|those|the\s+old)(?:\s+ones)?\s+(?:are|r|is)\s+(?:so\s+|really\s+|all\s+)?(?-i:[A-Z]{3,}|"
                   r"nasty|gross|filthy|disgusting|falling\s+apart|ruined|wrecked|done|shot|worn)|"
                   r"it'?s\s+gonna\s+be|its\s+gonna\s+be)\b.*$")
# "change it tae kirsty fitba sunday 11 they moved the match", "… to chocolate his mom just texted": what happened,
# told after the thing, with no mark.
# Not after a word that tells someone ("tell john they moved the meeting"): there it is what to tell.
_WHAT_HAPPENED = re.compile(r"\s+(?:they|he|she|we|his\s+\w+|her\s+\w+|my\s+(?:prof|boss|manager|teacher|mum|mom|dad))\s+"
                            r"(?:just\s+|already\s+)?"
                            r"(?:\w+ed|got|had|said|went|came|did|made|took|gave|told|sent|won|lost)\b.*$"
                            # "… i almost forgot the corks", "… his phone is gone over the side", "the old ones is tore"
                            r"|\s+i\s+(?:almost\s+|nearly\s+|totally\s+|clean\s+)?(?:forgot|forget)\b.*$"
                            # "confirm mehendi artist. she's not picking up since morning": a sentence of its own after it
                            r"|\.\s+(?:she|he|they|it|we|i|you|that|there)(?:'s|'re|'m|'ve|'ll|\s)(?!.*\b(?:add|put)\b).*$"
                            r"|\s+(?:his|her|my|me|their|the\s+old)\s+\w+\s+(?:is|are|was|were)\s+(?:all\s+)?(?:gone|broke|broken|"
                            r"dead|tore|torn|lost|busted|wrecked|shot|useless)\b.*$", re.IGNORECASE)
_TELLING = re.compile(r"\b(?:tell|ask|remind|let|email|e-mail|text|message|inform|call|ring|phone|say|write|that)\b",
                      re.IGNORECASE)
_BECAUSE = r"\s*,?\s+(?:because|cause|cuz|coz|bc|b/c)\s+.*$"  # "add fix the sign outside because the N is not light"
# "… about me berth he's the one sorts that out": who does it, said after the thing.
_WHO_DOES_IT = r"\s+(?:he|she|they)(?:'s|s|\s+is|'re|\s+are)\s+the\s+(?:one|ones)\s+(?:who\s+|that\s+)?\w+s\b.*$"
# "…, uff", "… ugh": a sigh ending the request is no thing of its own.
_SIGH_END = r"(?:^|,\s*|\s+)(?:uf+|ugh+|oof+|sigh|phew|arre+|ay+o+)\s*[.!]*$"
_TRAILING_ASIDE = re.compile(f"{WHY_NOW}.*$|{_LAUGHTER.pattern}|{_SIGH_END}|{_STRESS_END}|{_RADIO_END}|{_FOR_ME}|{_ALSO}|{_HOW_THINGS_ARE}|{_BECAUSE}"
                             f"|{_WHO_DOES_IT}",
                             re.IGNORECASE)


_NEW_TEXT = "text"  # an edit's new text


def _without_what_happened(value: str) -> str:
    found = _WHAT_HAPPENED.search(value)
    return value if found is None or _TELLING.search(value[:found.start()]) else value[:found.start()]


_POINTING_ONLY = frozenset({"em", "them", "it", "those", "these", "that", "this", "they", "both", "all"})


def without_trailing_aside(calls: Sequence[ToolCall], tools: dict[str, Tool]) -> list[ToolCall]:
    """New things (an adding tool's text) without the emoji, symbols, "before i forget" and laughter they end
    with; one that is nothing else is no thing at all, and its call is dropped. A step's value loses its
    laughter too: "compare em on price, wait times, chip quality lol"; one that is only laughter is dropped."""
    kept = []
    for call in calls:
        tool = tools.get(call.tool)
        fields = string_fields(tool, call)
        step_value = call.args.get(VALUE_FIELD) if STEP_FIELD in call.args else None
        laughless = _LAUGHTER.sub("", step_value).strip(" ,") if isinstance(step_value, str) else ""
        # "wrong companies kkkk, go back …": laughter alone is no step's value; nor is "em" of "… put em in".
        if isinstance(step_value, str) and step_value.strip() and (
                not laughless.strip(" ,.!") or step_value.strip(" .!'").casefold() in _POINTING_ONLY):
            continue
        if laughless:
            call = ToolCall(call.tool, {**call.args, VALUE_FIELD: laughless})
        elif tool is not None and fields and ADDING in tool.name.split("_"):
            value = without_trailing_symbols(_without_what_happened(_TRAILING_ASIDE.sub("", call.args[fields[0]]))).strip()
            if not value:
                continue
            call = ToolCall(call.tool, {**call.args, fields[0]: value}) if value != call.args[fields[0]] else call
        elif tool is not None and tool.name.endswith("_edit") and isinstance(new := call.args.get(_NEW_TEXT), str):
            cut = without_trailing_symbols(_without_what_happened(new)).strip()
            call = ToolCall(call.tool, {**call.args, _NEW_TEXT: cut}) if cut and cut != new else call
        kept.append(call)
    return kept


_ANOTHER_ITEM = re.compile(r"\b(?:and|n|or|plus|also|then)\b|[&+,]", re.IGNORECASE)


# What a new thing follows: an adding verb, or "called" ("make a new profile called Caravan Trip, want to keep …").
_NEW_THING_LEAD = re.compile(ADDING_VERB.pattern + r"|\b(?:called|named)\s+|\b(?:add|todo)\s*:\s*", re.IGNORECASE)


def aside_after_a_comma(calls: Sequence[ToolCall], tools: dict[str, Tool], text: str) -> list[ToolCall]:
    """"add check expiry dates on cough syrups, NAFDAC people fit come anytime": after an adding verb's
    thing, one comma with no other item joined after it ("and", another comma) opens a remark; a new
    thing copied only from that remark, beside one copied before the comma, is no thing. ("add milk,
    eggs and bread" and "add a, b, c" are lists, read by expand_lists.) So is one copied from after another with
    no joiner between them but words that say how something is ("… oilskins the old ones is tore to shreds"). When
    every new thing was copied from the remark, the thing is the words before the comma."""
    adding = [(c, fields[0]) for c in calls if (t := tools.get(c.tool)) is not None and ADDING in t.name.split("_")
              and (fields := string_fields(t, c))]
    if not adding:
        return list(calls)
    dropped: set[int] = set()
    instead: dict[int, ToolCall] = {}
    for verb in _NEW_THING_LEAD.finditer(text):
        said = re.split(r"[.!?;]|" + ADDING_VERB.pattern, text[verb.end():], maxsplit=1, flags=re.IGNORECASE)[0]
        if "," not in said:
            continue
        thing, remark = (part.casefold() for part in said.split(",", 1))
        # A sentence of its own after the comma is a remark however it goes on ("letter came this morning and it
        # runs out …", "the thing's bunched again, sucking up nothin"); else only one with no other item joined.
        if not _A_SENTENCE.search(remark) and (said.count(",") != 1 or _ANOTHER_ITEM.search(remark)):
            continue
        if remark.lstrip().startswith(('"', "“")):  # 'add "a", "b"': a quoted thing
            continue

        # Copied before the comma, or put together from its words by a correction ("5 tub no wait make it 6 tub").
        if not any(value.casefold() in thing or set(request_words(value.casefold())) <= set(request_words(thing))
                   for c, f in adding if (value := c.args[f].strip())):
            # "rajoute call Mélanie about the menu, elle m'a texté tantôt pis …": every new thing copied from the
            # sentence after the comma, none from before it: the thing is what was said before the comma.
            typed_thing = re.sub(r"\s+(?:to|on|onto)\s+(?:the|my)\s+(?:todo\s+)?list$", "", said.split(",", 1)[0].strip(),
                                 flags=re.IGNORECASE)
            if _A_SENTENCE.search(remark) and typed_thing and all(
                    c.args[f].strip().casefold() in remark for c, f in adding):
                (first, field), *rest = adding
                instead[id(first)] = ToolCall(first.tool, {**first.args, field: typed_thing})
                dropped |= {id(c) for c, _ in rest}
            continue
        dropped |= {id(c) for c, f in adding
                    if (value := c.args[f].strip().casefold()) and value in remark and value not in thing}
    # "put down order new oilskins the old ones is tore to shreds": a new thing copied from after the one before
    # it, with no joiner between them but a sentence that says how something is, is a piece of that remark.
    lowered = text.casefold()
    for (before, f1), (after, f2) in zip(adding, adding[1:]):
        first, second = before.args[f1].strip().casefold(), after.args[f2].strip().casefold()
        start = lowered.find(first) if first else -1
        end = lowered.find(second, start + len(first)) if start >= 0 and second else -1
        gap = lowered[start + len(first):end] if end >= 0 else ""
        if gap and not _ANOTHER_ITEM.search(gap) and not re.search(r"[.!?;]", gap) and _BEING_SAID.search(gap):
            dropped.add(id(after))
    return [instead.get(id(c), c) for c in calls if id(c) not in dropped]


_COUNTED = re.compile(rf"\b{THINGS_COUNT}\s+{COUNTED_THINGS}\b", re.IGNORECASE)


def things_counted(text: str) -> bool:
    """"add two things: folia stretch 10 rolek, taśma do kartonów": the things are counted, so the part after
    the comma is one of them, no remark."""
    return bool(_COUNTED.search(text))


_BEING_SAID = re.compile(r"\b(?:is|are|was|were|'s|'re)\b")
# Someone doing or being something: "it runs out", "we burnin", "the thing's bunched", "letter came".
_A_SENTENCE = re.compile(r"^\s*(?:i|we|he|she|they|it|it's|there's|that's|we're|they're|i'm|he's|she's|we've|i've|"
                         r"elle|il|ils|elles|je|on|j'ai|m'a|m'ont)\s+\w+|^\s*(?:elle|il|on)\s+m'|"
                         # "…, fixin to do it tonight", "…, gonna need it friday": what is meant to happen
                         r"^\s*(?:i'?m\s+|im\s+)?(?:fixin'?|fixing|about|planning|hoping|gonna|going)\s+(?:to\s+)?\w+|"
                         r"\b(?:it|they|we|he|she)\s+\w+s\b|"
                         # "…, the group wants to shop there", "…, my wife keeps reminding me": someone and what they do
                         + SOMEONE_DOING + "|"
                         r"^\s*(?:the\s+)?\w+'s\s+\w+|\b(?:came|rang|said|broke|died)\b|^\s*(?:mine|ours)\s+(?:is|was|are|got)\b|"
                         # "…, rain is coming this week and the queue gets wet": a thing and how it is or goes
                         r"^\s*(?:the\s+)?\w+\s+(?:is|are|was|were)\s+(?:coming|going|getting|starting|running|not|too|so|"
                         r"very|really|almost|nearly|broken|closed|open|late|due)\b", re.IGNORECASE)


# The words that act on a thing, on both sides of a change of mind ("delete eggs no wait tick it").
_ACTING = (r"(?:add|put|delete|remove|rm|del|bin|ditch|drop|scrap|nix|erase|tick|check|mark|complete|finish|untick|"
           r"uncheck|unmark|reopen|move|mv|bump|change|edit|rename|update|open|switch|start|cancel|stop|search|find)")
_MIND_CHANGED = re.compile(
    rf"^(?P<lead>(?:(?:please|pls|can\s+you|could\s+you|would\s+you|ok(?:ay)?|so)[,\s]+)*)(?P<verb>{_ACTING})\s+"
    r"(?P<thing>[^.!?;]+?)[,;.!\s—–-]+(?:no,?\s+wait|wait,?\s+no|no\s+no|actually,?\s+no|no,?\s+actually|"
    r"(?:no,?\s+)?scratch\s+that|sorry,?\s+i\s+mean|i\s+mean|on\s+second\s+thoughts?|never\s*mind|nvm|or\s+rather|"
    r"hmm+\s+no|nah)\b[,;:.!\s—–-]*(?:(?:just|rather)\s+)?"
    rf"(?P<instead>(?P<verb2>{_ACTING})\b(?!\s+(?:too|also|as\s+well)\b)[^.!?;]*)",
    re.IGNORECASE)
# A new thing taken back because it is on the list already, then another added instead.
_ALREADY_LISTED = re.compile(
    r"^(?P<lead>(?:(?:please|pls|can\s+you|could\s+you|ok(?:ay)?|so)[,\s]+)*)(?:add|put)\s+[^.!?;]+?[,;.!\s—–-]+"
    r"(?:no,?\s+wait|wait,?\s+no|oh\s+wait|wait|nvm|never\s*mind|actually)[,;:.!\s—–-]+"
    r"(?:it'?s|its|it\s+is|that'?s|thats|that\s+is|we\s+have\s+(?:it|that))\s+already\s+(?:on|in|there|got)\b[^.!?;…]*[.!?;…\s]+"
    r"(?:so\s+|just\s+)?(?P<rest>(?:add|put)\b.*)$", re.IGNORECASE)
_POINTER = re.compile(r"\b(?:it|that(?:\s+one)?|this(?:\s+one)?)\b(?!\s*(?:'s|is)\b)", re.IGNORECASE)


def with_mind_changed(text: str) -> str:
    """"delete eggs no wait tick it" asks to tick eggs, "tick milk, actually no, delete it" to delete it: a
    change of mind to another action on the same breath's thing takes the first action back; the later
    action's "it" is the thing the first one named. "add milk no wait add eggs too" keeps both."""
    if (already := _ALREADY_LISTED.match(text.strip())) is not None:
        text = already.group("lead") + already.group("rest")  # "add X no wait its already on there... add Y instead"
    found = _MIND_CHANGED.match(text.strip())
    if found is None or found.group("verb").casefold() in {"add", "put"} and found.group("verb2").casefold() in {"add", "put"}:
        return text  # a new thing corrected by a new thing is the corrections' own case ("corrected")
    instead = re.sub(r"\s+instead\b", "", found.group("instead").strip(), flags=re.IGNORECASE)
    if found.group("verb").casefold() not in {"add", "put"}:
        instead = _POINTER.sub(found.group("thing").strip(), instead, count=1)
    return found.group("lead") + instead + text.strip()[found.end():]


# Texting's own correction: "add bead *bread", "the lean *loan" — the starred word stands for the word before it.
_STARRED = re.compile(r"(?<![\w*])([A-Za-z][\w'-]*)\s+\*([A-Za-z][\w'-]*)(?![\w*])")
# A phone's autocorrect: "back too default", "take me back too the list", "need too do …".
_TOO_FOR_TO = re.compile(r"\btoo\s+(?=(?:the|my|our|do|default|work|step|top|bottom)\b)", re.IGNORECASE)
# "could you please add order taq polymerase~ we run out": a tilde that softens a sentence's end ends it.
_TILDE_END = re.compile(r"(?<=\w)~+(?=\s|$)")
# "plz", "plzz", "pleeease": the one short form every reader knows ("add milk plz" adds "milk").
_PLEASE_TYPED = re.compile(r"\b(?:plz+|pl[sz]x|pleas+e+|ple+a+se+|pleez+|puh-?lease)\b(?<!\bplease)", re.IGNORECASE)


def with_typing_fixes(text: str) -> str:
    """A phone's slips put right: "add bead *bread" -> "add bread" (a starred word replaces the one before it),
    "back too default" -> "back to default", "plz" -> "pls", "primer~" -> "primer."."""
    return _TILDE_END.sub(".", _PLEASE_TYPED.sub("pls", _TOO_FOR_TO.sub("to ", _STARRED.sub(r"\2", text))))
