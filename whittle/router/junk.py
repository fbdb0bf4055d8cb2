"""Is a free-text answer junk? Cheap checks for what a small local model gets wrong.

SmolLM2-135M fails in recognisable ways: it loops on one phrase, recites its system prompt or
the app's description, hands the request back, answers something nobody asked, writes list
markers with nothing in them, leaves a template's "Label: ..." lines empty, reads an app event
back in the third person, claims to be someone else ("I'm a creative writing assistant"), states
figures the app never gave it, and gives a number that is not the result of the sum it was asked
("What is 17 * 23?" -> "the answer is 23") or works a word problem with numbers nobody gave it,
and contradicts the app's own events when asked "what did I just do?" or "what is on my list?"
(router/junk_state.py). `junk_reasons(messages, answer)` looks for each and says what it found
("repeats 'this competitor is a luxury hotel' 5 times"); an empty list means the answer looks fine.
Pure Python, no model call: about a millisecond per answer.

Wrong facts stated fluently ("a bicycle has 5 wheels", a summary that says "delayed" for
"cancelled") are beyond checks like these: on the labelled set in bench/junk/ they are most of
what the checks miss (bench/junk_checks.py prints recall by kind of request).

The work is split in two so thresholds can be chosen honestly: `measure()` turns an answer into
raw numbers (how often the most repeated phrase occurs, the longest run copied from a system
message, ...) and `reasons()` compares them with `Thresholds`. bench/junk_checks.py picks the
thresholds by cross-validation on a labelled set of real answers; `DEFAULT_THRESHOLDS` is the
choice on the whole set.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# The arithmetic parser is shared with router/checks.py (which calls junk_reasons from check_answer).
from whittle.router import arithmetic, junk_state, terms
from whittle.router.arithmetic import foreign_operands, question_value, wrong_result
from whittle.router.terms import STOPWORDS, word_tuple, words

LIST_MARKER = re.compile(r"^\s*[-*•](?=\s|$)|\b\d{1,2}[.)](?=\s|$)", re.M)
TEMPLATE_LINE = re.compile(r"^\s*([A-Z][\w /&-]{0,30}):\s*\.\.\.\s*$", re.M)
APP_EVENT = "[App event]"
# System messages this long are instructions or an app's description (parroting them is junk);
# shorter ones are facts ("The user added 'pay rent'"), which an answer may well restate.
PARROT_SOURCE_WORDS = 25
# "The largest planet is Jupiter" restates a short question, as good answers do; handing back a
# long request (a template, a text to summarise) is the junk.
ECHO_MIN_REQUEST_WORDS = 12
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?%?")
GREETINGS = frozenset("hi hello hey bye goodbye good".split())  # "good morning" back is a greeting
# One word making up this share of a long answer is a loop at its simplest ("hello! hello! hello!").
ONE_WORD_SHARE = 0.4
ONE_WORD_MIN_WORDS = 10
# Words a format-only list is made of: labels and markers, no content.
PLACEHOLDERS = frozenset("name names company companies competitor competitors business item items answer list".split())
# "I'm a creative writing assistant": the model claiming an identity. Whether it is off-persona
# depends on the system prompt (a "business analyst" may say so), see _persona_claims.
PERSONA_CLAIM = re.compile(
    r"\b(?:i'm|i am|as)\s+(?:a|an|your)\s+((?:[a-z-]+\s+){0,3}?"
    r"(?:assistant|writer|author|poet|ai|chatbot|bot|language model|teacher|tutor|student|expert|analyst|"
    r"consultant|developer|engineer|doctor|journalist|editor|coach|therapist|manager|designer))\b",
    re.I,
)
# "Name 5 competitors ... one per line": the answer must be a list of that many short items.
LIST_REQUEST = re.compile(
    r"\b(?:name|list|give|suggest)\s+(?:me\s+)?(\d+|two|three|four|five|six|seven|eight|nine|ten|some|several|a few)\b"
    r"|\bone per line\b",
    re.I,
)
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
ITEM_LABEL = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)]|[A-Za-z][\w ]{0,20}\d*:)\s*")
# "Summarize this in one sentence": an answer of several sentences did not do what was asked.
ONE_SENTENCE = re.compile(r"\b(?:in )?(?:one|a single) sentence\b", re.I)
SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'])[.!?]+(?=\s+[A-Z]|\s*$)")
# Canned lines a small model falls into instead of answering: a refusal or a condolence.
NON_ANSWER = re.compile(
    r"\bsorry for your loss\b|\b(?:i'm|i am) (?:unable|not able) to (?:assist|help)\b"
    r"|\bi can(?:not|'t) (?:assist|help) with\b|\bas an ai language model\b",
    re.I,
)
# "I'm Alex": the assistant has no personal name unless its system prompt gives one.
NAME_CLAIM = re.compile(r"\b(?:I'm|I am|my name is|call me)\s+([A-Z][a-z]+)\b(?![ '-]?[a-z])")
NOT_NAMES = frozenset("Sorry Glad Happy Here Not So Just Excited Always Still Really Very Able Going Afraid".split())
# Code in a chat answer nobody asked code from: SmolLM2 drifts into Python tutorials.
CODE = re.compile(r"```|^\s*(?:def|import|class)\s+\w+", re.M)
CODE_REQUEST = re.compile(r"\b(?:code|python|script|program|function|snippet|sql|javascript|regex)\b", re.I)


@dataclass(frozen=True)
class Thresholds:
    """Defaults: chosen by bench/junk_checks.py on the whole labelled set (307 answers): most recall
    at a precision of at least 0.85. Three of the five cross-validation folds chose the same; one
    left `user_anywhere` off and one counted loops from 4 repeats."""

    repeat_count: int = 3  # a phrase this many times is a loop...
    repeat_words: int = 2  # ...when it is at least this many words long...
    repeat_share: float = 0.1  # ...and its repeats make up this share of the answer's words
    parrot_run: int = 8  # words copied in a row from a system prompt or an app's description
    echo_share: float = 0.8  # share of a long request the answer copies back
    template_fill: float = 0.75  # share of the request's "Label: ..." lines the answer must fill
    ignore_min_words: int = 6  # an answer shorter than this may be terse, not off-topic
    # Checks that are on or off as a whole, each chosen by cross-validation like the numbers above.
    user_anywhere: bool = True  # "the user" anywhere in the answer, not only as its first words
    opens_with_question: bool = True  # the answer starts by repeating the user's question
    state_facts: bool = True  # "what did I just do?"/"what is on my list?" held to the app's events
    foreign_operands: bool = True  # a word problem's answer calculates with numbers from nowhere


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Measures:
    """What the checks compare with thresholds; all cheap to compute once per answer."""

    empty: bool
    repeats: dict[int, tuple[str, int]]  # phrase length -> (most repeated phrase, its count)
    third_person: bool  # speaks of "the user" to the user: reads an app event back instead of answering
    mentions_user: bool  # "the user" anywhere in the answer
    opens_with_question: bool  # starts with the user's own question ("Is it done?" -> "Is it done? ...")
    echoes_user: bool  # hands the user's own short message back ("thanks!" -> "thanks!")
    parrot: tuple[int, str]  # longest run copied from a system message: (words, text)
    echo: float  # share of the last user message the answer copies in runs of >= 4 words
    key_terms: int  # content words the request has (0: small talk, nothing to overlap)
    shared_terms: int  # of them, how many the answer uses
    answer_words: int
    template: tuple[int, int, int]  # ("Label: ..." lines requested, of them filled, distinct values)
    list_items: tuple[int, int]  # (items a list request asks for, name-like items given); (0, 0): no list asked
    format_only: bool  # list markers and labels, no content
    sentences: tuple[int, int]  # (sentences the request allows, 0 if it says nothing; sentences written)
    non_answer: str  # a canned refusal or condolence instead of an answer; "" if none
    persona: str  # an identity the model claims that its system prompt does not give it; "" if none
    invented: list[str]  # numbers the answer states that no app event gave it (only with events carrying numbers)
    name_list: bool  # the answer is a list of short lines (names): term overlap says nothing
    unasked_code: bool  # a code block where nothing asked for code
    fractional_count: str  # "how many" answered with a fraction ("1.1"); "" if not
    arithmetic: str  # why the stated number is not the computed result; "" if fine or no sum asked
    foreign: list[str]  # numbers a word problem's answer calculates with that nothing gave it
    wrong_calculations: int  # calculations written in the answer ("9 * 8 = 64") that re-evaluate differently
    wrong_action: str  # "what did I just do?" answered with another action than the app's event; "" if not
    list_named: tuple[int, int]  # (items "what is on my list?" needs named, named); (0, 0): not asked


def _most_repeated(tokens: list[str], size: int, topic: set[str]) -> tuple[str, int]:
    grams = Counter(zip(*(tokens[i:] for i in range(size))))
    for gram, count in grams.most_common():
        if count < 2:
            break
        content = {terms.stem(w) for w in gram if w not in STOPWORDS and w != "#"}
        # A phrase of only stopwords ("of the", "in the") repeats in any long text, and an
        # explanation names its topic a few times ("the CPU ... the CPU ... the CPU").
        if content and not (count <= 3 and content <= topic):
            return " ".join(gram), count
    return "", 0


@functools.lru_cache(maxsize=512)
def _positions(source: str) -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {}
    for j, word in enumerate(word_tuple(source)):
        found.setdefault(word, []).append(j)
    return {word: tuple(at) for word, at in found.items()}


def _longest_shared_run(answer: list[str], source: str) -> tuple[int, str]:
    """Longest run of consecutive words the answer shares with the source text.

    Sparse dynamic programming: only positions where the words match are visited, so the cost
    follows the number of matches, not len(answer) * len(source)."""
    positions = _positions(source)
    best, end = 0, 0
    previous: dict[int, int] = {}
    for i, word in enumerate(answer, 1):
        current = {j: previous.get(j - 1, 0) + 1 for j in positions.get(word, ())}
        for length in current.values():
            if length > best:
                best, end = length, i
        previous = current
    return best, " ".join(answer[end - best : end])


def _copied_share(answer: list[str], source: list[str], run: int = 4) -> float:
    """Share of the source's words the answer copies in runs of >= `run` words: 1.0 is a restatement.

    Measured against the source, so a summary that keeps one sentence verbatim is not a copy,
    while an answer that hands back the whole request (or the text to summarise) is."""
    if len(answer) < run or len(source) < run:
        return 0.0
    grams = {tuple(answer[i : i + run]) for i in range(len(answer) - run + 1)}
    covered = [False] * len(source)
    for i in range(len(source) - run + 1):
        if tuple(source[i : i + run]) in grams:
            covered[i : i + run] = [True] * run
    return sum(covered) / len(source)


def _format_only(answer: str) -> bool:
    markers = len(LIST_MARKER.findall(answer))
    meaningful = [w for w in words(answer) if w.isalpha() and len(w) > 1 and w not in PLACEHOLDERS]
    return markers >= 2 and len(meaningful) <= 1


def _template(request: str, answer: str) -> tuple[int, int, int]:
    """(labels the request's "Label: ..." lines ask for, of them filled, distinct values)."""
    labels = TEMPLATE_LINE.findall(request)
    values = []
    for label in labels:
        match = re.search(rf"{re.escape(label)}\s*[:\-–—]+[ \t]*(.+)", answer, re.I)
        value = match.group(1).strip() if match else ""
        if re.search(r"[A-Za-z]{2,}", value) and "..." not in value[:5]:
            values.append(value.lower())
    return len(labels), len(values), len(set(values))


def _list_items(request: str, answer: str) -> tuple[int, int]:
    """(items a list request asks for, distinct name-like items in the answer); (0, 0) if no list is asked.

    An item is a line (or, in a one-line answer, a comma-separated part) of one to six words, most of
    them not the request's own words: restating "a bike repair shop" names no competitor."""
    asked = LIST_REQUEST.search(request)
    if not asked:
        return 0, 0
    count = (asked.group(1) or "").lower()
    wanted = min(int(count) if count.isdigit() else COUNT_WORDS.get(count, 2), 3)
    lines = [line for line in answer.splitlines() if line.strip()]
    parts = lines if len(lines) >= 2 else re.split(r",|\band\b", answer)
    request_terms = terms.content(request)
    items = set()
    for part in parts:
        item = ITEM_LABEL.sub("", part).strip(" .;:*\"'")
        item_words = words(item)
        if not 1 <= len(item_words) <= 6 or not re.search(r"[A-Za-z]{2,}", item):
            continue
        item_terms = terms.content(item)
        if item_terms and len(item_terms & request_terms) * 2 > len(item_terms):
            continue
        items.add(" ".join(item_words))
    return wanted, len(items)


def _sentences(answer: str) -> int:
    parts = SENTENCE_END.split(answer.strip())
    return sum(1 for part in parts if len(words(part)) >= 3)


def _persona_claims(system_text: str, answer: str) -> str:
    allowed = set(words(system_text))
    for match in NAME_CLAIM.finditer(answer):
        if match.group(1) not in NOT_NAMES and match.group(1).lower() not in allowed:
            return match.group(1)
    for match in PERSONA_CLAIM.finditer(answer):
        claim = match.group(1).lower()
        claim_words = [w for w in words(claim) if w not in STOPWORDS]
        if any(w not in allowed for w in claim_words):
            return claim
    return ""


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def _invented_numbers(messages: Sequence[dict], answer: str) -> list[str]:
    """Numbers in an answer about app events ("25% done, 9.6 s left") that none of the messages holds.

    Only where the events carry numbers: then the model's job is to report them, not to compute
    or recall new ones. List markers ("1.") are not figures."""
    # An app's description ("told at 25, 50, 75 and 100%") is not a fact about this job.
    facts = [m["content"] for m in messages if len(words(m.get("content", ""))) < PARROT_SOURCE_WORDS]
    known = _numbers(" ".join(f for f in facts if f.startswith(APP_EVENT)))
    if not known:
        return []
    known |= _numbers(" ".join(m["content"] for m in messages if m.get("role") == "user"))
    body = re.sub(r"(?m)^\s*\d{1,2}[.)]\s", " ", answer)
    return sorted(_numbers(body) - known)


def _name_list(answer: str) -> bool:
    lines = [line for line in answer.splitlines() if line.strip()]
    return len(lines) >= 2 and all(len(words(line)) <= 6 for line in lines)


def _fractional_count(question: str, answer: str) -> str:
    if not re.search(r"\bhow many\b", question, re.I):
        return ""
    stated = arithmetic.final_number(answer)
    return f"{stated:g}" if stated is not None and stated != int(stated) else ""


def measure(messages: Sequence[dict], answer: str) -> Measures:
    system = [m["content"] for m in messages if m.get("role") == "system"]
    users = [m["content"] for m in messages if m.get("role") == "user"]
    request = users[-1] if users else ""
    tokens = words(answer)
    # Digits as '#': "Name 1: 1. Name 2: 2." loops although its numbers differ.
    shapes = ["#" if t.isdigit() else t for t in tokens]
    topic = terms.content(request)
    repeats = {}
    for size in range(2, 7):
        # Shapes catch "Name 1: 1. Name 2: 2."; raw tokens catch "5 * 8 = 40. 5 * 8 = 40."
        found = (_most_repeated(shapes, size, topic), _most_repeated(tokens, size, topic))
        repeats[size] = max(found, key=lambda phrase_count: phrase_count[1])
    if len(tokens) >= ONE_WORD_MIN_WORDS:
        word, count = Counter(tokens).most_common(1)[0]
        if count >= ONE_WORD_SHARE * len(tokens):
            repeats[1] = (word, count)
    parrot = max(
        (_longest_shared_run(tokens, text) for text in system if len(word_tuple(text)) >= PARROT_SOURCE_WORDS),
        default=(0, ""),
    )
    key = set(topic)
    if "?" in request and (not key or junk_state.DID_QUESTION.search(request)):
        # "What did I just do/change?" is about the app: its events (facts, not the app's
        # description) are what the answer should mention, not the word "change".
        events = [t for t in system if t.startswith(APP_EVENT) and len(words(t)) < PARROT_SOURCE_WORDS]
        key = terms.content(" ".join(events))
    if junk_state.LIST_QUESTION.search(request):
        key |= terms.content(" ".join(junk_state.state_items(messages)))  # the list's items answer it, word "list" or not
    wrong_sum = wrong_result(request, answer)
    stems = {terms.stem(t) for t in tokens}
    quotes_user = bool(re.search(r"\bthe user\b", request, re.I))
    if question_value(request) is not None:
        key = set()  # a sum's answer is judged by its number, not by repeating "times"
    return Measures(
        empty=not re.search(r"[A-Za-z0-9]", answer),
        repeats=repeats,
        # "the user" from a text the user gave ("Summarize: the user reported a bug") is theirs to quote.
        third_person=bool(re.match(r"\s*the user\b", answer, re.I)) and not quotes_user,
        mentions_user=bool(re.search(r"\bthe user\b", answer, re.I)) and not quotes_user,
        opens_with_question="?" in request and len(words(request)) >= 2 and tokens[: len(words(request))] == words(request),
        echoes_user=bool(tokens) and tokens == words(request) and tokens[0] not in GREETINGS,
        parrot=parrot,
        echo=_copied_share(tokens, words(request)) if len(words(request)) >= ECHO_MIN_REQUEST_WORDS else 0.0,
        key_terms=len(key),
        shared_terms=len(key & stems),
        answer_words=len(tokens),
        template=_template(request, answer),
        list_items=_list_items(request, answer),
        sentences=(1 if ONE_SENTENCE.search(request) else 0, _sentences(answer)),
        non_answer=(NON_ANSWER.search(answer) or [""])[0],
        format_only=_format_only(answer),
        persona=_persona_claims(" ".join(system), answer),
        invented=_invented_numbers(messages, answer),
        name_list=_name_list(answer),
        unasked_code=bool(CODE.search(answer)) and not any(CODE_REQUEST.search(m["content"]) for m in messages),
        fractional_count=_fractional_count(request, answer),
        arithmetic=wrong_sum,
        foreign=foreign_operands(request, answer),
        wrong_calculations=arithmetic.check_arithmetic(answer).wrong if wrong_sum == "" and NUMBER.search(answer) else 0,
        wrong_action=junk_state.wrong_action(messages, request, stems, answer),
        list_named=junk_state.list_named(messages, request, stems),
    )


def reasons(m: Measures, t: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """Human-readable reasons the measured answer is junk under thresholds `t`; [] if none."""
    if m.empty:
        return ["empty answer"]
    found: list[str] = []
    loops = [(size, phrase, count) for size, (phrase, count) in m.repeats.items()
             if size == 1 or (size >= t.repeat_words and count >= t.repeat_count
                              and size * count >= t.repeat_share * m.answer_words)]
    if loops:
        _, phrase, count = max(loops)  # the longest looping phrase says most about the loop
        found.append(f"repeats {phrase!r} {count} times")
    if m.parrot[0] >= t.parrot_run:
        found.append(f"copies {m.parrot[0]} words of its instructions: {m.parrot[1][:80]!r}")
    if m.echo >= t.echo_share:
        found.append(f"restates the request (copies {m.echo:.0%} of it)")
    if m.key_terms and not m.shared_terms and m.answer_words >= t.ignore_min_words and not m.name_list:
        found.append(f"mentions none of the request's {m.key_terms} key terms")
    asked, filled, distinct = m.template
    if asked and filled < t.template_fill * asked:
        found.append(f"fills {filled} of the {asked} requested lines")
    elif filled >= 2 and distinct == 1:
        found.append(f"fills all {filled} lines with the same text")
    wanted, items = m.list_items
    if items < wanted:
        found.append(f"asked for a list of {wanted}+, gives {items} item{'s' if items != 1 else ''}")
    if m.third_person:
        found.append("speaks of 'the user' in the third person (an app event read back)")
    if m.echoes_user:
        found.append("hands the user's message back")
    allowed, written = m.sentences
    if allowed and written > allowed:
        found.append(f"asked for {allowed} sentence, writes {written}")
    if m.non_answer:
        found.append(f"a canned non-answer: {m.non_answer!r}")
    if m.format_only:
        found.append("a list with no content (markers and labels only)")
    if m.persona:
        found.append(f"claims to be {m.persona!r}")
    if m.invented:
        found.append(f"states figures the app never gave: {', '.join(m.invented[:3])}")
    if m.unasked_code:
        found.append("answers with code nobody asked for")
    if m.fractional_count:
        found.append(f"counts {m.fractional_count}: not a whole number")
    if m.arithmetic:
        found.append(m.arithmetic)
    if m.mentions_user and t.user_anywhere and not m.third_person:
        found.append("speaks of 'the user' in the third person")
    if m.opens_with_question and t.opens_with_question:
        found.append("opens by repeating the user's question")
    if t.state_facts and m.wrong_action:
        found.append(m.wrong_action)
    needed, named = m.list_named
    if t.state_facts and named < needed:
        found.append(f"asked what is on the list, names {named} of its items")
    if m.wrong_calculations:
        found.append(f"writes {m.wrong_calculations} wrong calculation{'s' if m.wrong_calculations > 1 else ''}")
    if t.foreign_operands and m.foreign:
        found.append(f"calculates with numbers nobody gave: {', '.join(m.foreign[:3])}")
    return found


def junk_reasons(messages: Sequence[dict], answer: str, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """Why `answer` to the chat `messages` looks like junk; an empty list when it looks fine."""
    return reasons(measure(messages, answer), thresholds)
