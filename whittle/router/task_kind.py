"""What a request is — chat, extraction, classification, summarisation or reasoning — from its text.

Local and instant: no model, no network. The kind decides which checks an answer is held to
(arithmetic for reasoning, agreement of two samples for structured kinds) and is part of the
answer cache's key, so a caller who does not say what it asks for still gets the right checks.

A check attached by the caller is the strongest signal (a JSON schema means extraction, a
set of choices means classification). Otherwise the cue tables below are matched against the
request's instruction and the system prompt; each kind adds up the weights of its cues and
the highest total of at least MIN_SCORE wins (ties: table order). Some cues only count with
material to work on — text to summarise, numbers to compute with — which is what separates
"summarise this report: …" from "what should a summary contain?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whittle.llm.base import ChatMessage
from whittle.router.request import TaskKind

# A kind needs one strong cue (2) or two weak ones (1 + 1).
MIN_SCORE = 2
# Shorter than this there is nothing to summarise: "summarise the plot of Hamlet" is a question.
MIN_SUMMARY_CHARS = 200
# Instructions sit at the start or the end of a message; pasted text in the middle is skipped,
# which bounds the work on a 32,000-character message.
SCAN_HEAD = 800
SCAN_TAIL = 400


@dataclass(frozen=True)
class KindDecision:
    kind: TaskKind
    reason: str  # short and human: shown when hovering over a reply, e.g. "'summarise' + 1,240 chars of text"


@dataclass(frozen=True)
class Cue:
    label: str  # how the reason names it
    patterns: tuple[re.Pattern[str], ...]  # any of them
    # Each pattern without its leading \b: re can then jump to the first literal instead of trying
    # every word boundary (80 µs → 1 µs on 2,000 characters). A scout finds a superset of the starts.
    scouts: tuple[re.Pattern[str] | None, ...]
    weight: int = 2  # negative: a counter-cue
    min_numbers: int = 0  # counts only when the request holds this many numbers (years excluded)

    def found_in(self, text: str) -> bool:
        return any(_search(pattern, scout, text) for pattern, scout in zip(self.patterns, self.scouts, strict=True))


def _search(pattern: re.Pattern[str], scout: re.Pattern[str] | None, text: str) -> bool:
    if scout is None:
        return pattern.search(text) is not None
    position = 0
    while (candidate := scout.search(text, position)) is not None:
        if pattern.match(text, candidate.start()):
            return True
        position = candidate.start() + 1
    return False


def _cue(label: str, *patterns: str, weight: int = 2, min_numbers: int = 0) -> Cue:
    # No IGNORECASE: texts are lower-cased once instead, which is several times faster.
    scouts = tuple(re.compile(p.removeprefix(r"\b")) if p.startswith(r"\b") else None for p in patterns)
    return Cue(label, tuple(re.compile(p) for p in patterns), scouts, weight, min_numbers)


# "How do I extract a zip file?" asks how a task is done, not for it to be done.
HOW_TO = _cue(
    "a how-to question",
    r"\bhow (?:do|can|should|would|to) (i |we |you |one )?(best )?(extract|classify|categori[sz]e|summari[sz]e|label|tag|parse)\b",
    weight=-2,
)

SUMMARY_CUES = (
    _cue("summarise", r"\bsummari[sz](e|ing)\b"),
    _cue("tl;dr", r"\btl;? ?dr\b"),
    _cue("key points", r"\b(?:key|main) (points|takeaways|findings|ideas)\b"),
    _cue("condense", r"\b(?:condense|shorten)\b", r"\bboil (it|this|that) down\b", r"\bsum (it |this |that )?up\b"),
    _cue("gist", r"\bthe gist\b"),
    _cue("a summary", r"\b(?:give|write|make|provide|need|want|produce)( me)?( a| an)?( short| brief| quick| one-line|"
         r" one-sentence| \d+-word)? (summary|synopsis|abstract|recap|overview)\b"),
    _cue("of the above", r"\b(?:summary|recap|overview) of (the above|this|the following)\b"),
    HOW_TO,
)

EXTRACTION_CUES = (
    _cue("extract", r"\bextract(s|ing)?\b"),
    _cue("pull out", r"\bpull (\w+ ){0,3}out\b"),
    _cue("as JSON", r"\b(?:as|in|into|return|output|respond with|reply with|give me|format)\b[^.?!\n]{0,24}\bjson\b"),
    _cue("JSON object", r"\bjson (object|format)\b"),
    _cue("fields", r"\b(?:the following|these|with the|with) (fields|keys)\b", r"\bfields?:"),
    _cue("parse into", r"\bparse\b[^.?!\n]{0,40}\binto\b"),
    _cue("list the … in", r"\b(?:list|find|get|identify) (all |every |each )?(of )?(the )?(names?|dates?|e-?mail( addresse)?s?|"
         r"phone numbers?|addresses|amounts?|prices?|entities|people|persons|companies|company names|"
         r"organi[sz]ations|urls|links|numbers)\b"),
    _cue("what is the … in this", r"\bwhat (is|are) the (\w+ ){1,3}(in|from) (this|the following|the text)\b"),
    _cue("which … is mentioned", r"\b(?:which|what) (\w+ ){1,2}(is|are) (mentioned|named|listed|referred to)\b"),
    HOW_TO,
)

CLASSIFICATION_CUES = (
    _cue("classify", r"\bclassif(y|ies|ied|ication)\b"),
    _cue("categorise", r"\bcategori[sz](e|es|ed|ation)\b"),
    _cue("which category", r"\bwhich (category|class|bucket)\b", r"\bwhich label (fits|applies|best)\b"),
    _cue("label this", r"\b(?:label|tag) (this|each|it|them|these|the following)\b", r"\bassign (a |one )?(\w+ )?(label|category|tag)\b"),
    _cue("sentiment", r"\bsentiment (of|in|for)\b", r"\bwhat(?:'s| is) the sentiment\b"),
    _cue("positive or negative", r"\b(?:positive|negative),? or (negative|positive|neutral)\b"),
    _cue("is this X or Y", r"\bis (this|the following|that)( \w+){0,3}( an?)? [\w-]+ or (an? )?[\w-]+\b"),
    _cue("is this spam/toxic/…", r"\b(?:is|whether) (this|the following|it)( \w+){0,2} (spam|phishing|toxic|sarcastic|"
         r"offensive|urgent|a complaint)\b"),
    _cue("one of the choices", r"\b(?:one of|choose from|pick from|options?)\s*:", weight=1),
    _cue("yes or no", r"\byes or no\b", r"\btrue or false\b", weight=1),
    _cue("a list of choices", r"\b(?:as|into) [\w-]+(, [\w-]+)+,? or [\w-]+\b", r": ?[\w-]+(, [\w-]+)+,? or [\w-]+\b", weight=1),
    _cue("which … should handle this", r"\bwhich (\w+ )?(team|department|queue|person|group)\b",
         r"\b(?:rate|grade|rank) the (urgency|priority|severity|tone|quality)\b", weight=1),
    _cue("does this … contain", r"\b(?:does|is) (this|the following)( \w+)? (contain|mention|express|belong|about)\b", weight=1),
    HOW_TO,
)

REASONING_CUES = (
    _cue("calculate", r"\b(?:calculate|compute|work out)\b", min_numbers=1),
    _cue("solve", r"\bsolve\b", min_numbers=1),
    _cue("how many / how much", r"\bhow (many|much)\b", min_numbers=2),
    _cue("arithmetic", r"\d\s*[+*×÷^]\s*\d", r"\d\s+[-/x]\s+\d", r"\bdivided by\b", r"\btimes\s+\d", r"\bsquare root\b"),
    _cue("a percentage of", r"\d\s*%\s*(of|off)\b", r"\bdiscounted by\b", r"\bper ?cent\b", min_numbers=1),
    _cue("proof", r"\b(?:prove|proof) that\b", r"\b(?:write|give) a proof\b",
         r"\bshow that\b[^.?!\n]{0,60}\b(always|never|even|odd|prime|irrational|equal)\b"),
    _cue("think step by step", r"\b(?:think|reason|work) (it )?(through )?step[- ]by[- ]step\b"),
    _cue("step by step", r"\bstep[- ]by[- ]step\b", weight=1, min_numbers=2),
    _cue("probability", r"\b(?:probability|odds|expected value|equation|derivative|integral)\b", min_numbers=1),
    _cue("a word problem", r"\b(?:each|per|total|altogether|in all|left|remain\w*|average|twice|half|more than|"
         r"fewer than|less than|times as)\b", weight=1, min_numbers=2),
    _cue("asks for a quantity", r"\bwhat (is|was|are|will be) (the|its|their) (new )?(total|distance|speed|cost|price|area|"
         r"volume|perimeter|average|sum|difference|product|result)\b", r"\bhow (long|far|fast|old)\b", min_numbers=2),
)


@dataclass(frozen=True)
class KindRule:
    kind: TaskKind
    cues: tuple[Cue, ...]
    min_chars: int = 0  # characters of text the task needs to work on


# Table order breaks ties: a request with both "extract" and "key points" is a summary.
RULES: tuple[KindRule, ...] = (
    KindRule("summarisation", SUMMARY_CUES, min_chars=MIN_SUMMARY_CHARS),
    KindRule("extraction", EXTRACTION_CUES),
    KindRule("classification", CLASSIFICATION_CUES),
    KindRule("reasoning", REASONING_CUES),
)

NUMBER = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)*%?|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|thousand|dozen|twice|triple)\b"
)
YEAR = re.compile(r"1[89]\d\d|20\d\d")


def classify(messages: list[ChatMessage], check: object | None = None) -> KindDecision:
    """The kind of a request, with the reason in a few words."""
    from_check = _kind_from_check(check)
    if from_check is not None:
        return from_check
    question = question_of(messages)
    system = messages[0]["content"] if len(messages) > 1 and messages[0]["role"] == "system" else ""
    scanned, system_scanned = _scan_window(question), _scan_window(system)
    numbers = _count_numbers(scanned)
    material = _material(messages, question)
    best: tuple[int, KindRule, list[str]] | None = None
    held_back: str | None = None
    for rule in RULES:
        score, labels = _score(rule, scanned, system_scanned, numbers)
        if score < MIN_SCORE:
            continue
        if material < rule.min_chars:
            held_back = held_back or f"{labels[0]} but only {material:,} chars of text: chat"
            continue
        if best is None or score > best[0]:
            best = (score, rule, labels)
    if best is None:
        return KindDecision("chat", held_back or "no task cues")
    _, rule, labels = best
    return KindDecision(rule.kind, _reason(rule, labels, numbers, material))


def _kind_from_check(check: object | None) -> KindDecision | None:
    # Imported here: checks pulls in pydantic and the log-probability helpers.
    from whittle.router.checks import ChoiceCheck, JsonCheck, RegexCheck

    if isinstance(check, JsonCheck):
        return KindDecision("extraction", f"asks for JSON matching {check.model.__name__}")
    if isinstance(check, ChoiceCheck):
        return KindDecision("classification", f"answer must be one of: {', '.join(check.choices[:6])}")
    if isinstance(check, RegexCheck):
        return KindDecision("extraction", "answer must match a pattern")
    return None


def question_of(messages: list[ChatMessage]) -> str:
    """The instruction being answered: the user's newest message since the last reply, or — when an
    app asks the model to speak up with a hidden instruction — the last message."""
    for message in reversed(messages):
        if message["role"] == "assistant":
            break
        if message["role"] == "user":
            return message["content"]
    if len(messages) > 1 or (messages and messages[-1]["role"] != "system"):
        return messages[-1]["content"]
    return ""


def _material(messages: list[ChatMessage], question: str) -> int:
    """Characters of text to work on. Pasting a text, then asking "summarise it" in the next
    message is common in a chat, so a short question borrows the previous user message's length."""
    if len(question) >= MIN_SUMMARY_CHARS:
        return len(question)
    users = [m["content"] for m in messages if m["role"] == "user"]
    previous = users[-2] if len(users) > 1 and users[-1] == question else ""
    return len(question) + len(previous)


def _scan_window(text: str) -> str:
    if len(text) > SCAN_HEAD + SCAN_TAIL:
        text = text[:SCAN_HEAD] + "\n…\n" + text[-SCAN_TAIL:]
    return text.lower()


def _count_numbers(text: str) -> int:
    # A year is a date, not a quantity: "what happened in 1969?" is not arithmetic.
    return sum(1 for match in NUMBER.finditer(text) if not YEAR.fullmatch(match.group(0)))


def _score(rule: KindRule, question: str, system: str, numbers: int) -> tuple[int, list[str]]:
    score, labels = 0, []
    for cue in rule.cues:
        if numbers < cue.min_numbers:
            continue
        if cue.found_in(question):
            where = ""
        # A cue about the request's own numbers ("left", "each") means nothing in the system prompt.
        elif system and not cue.min_numbers and cue.found_in(system):
            where = " in the system prompt"
        else:
            continue
        score += cue.weight
        if cue.weight > 0:  # a counter-cue only lowers the score; the reason names what was found
            labels.append(f"'{cue.label}'{where}")
    return score, labels


def _reason(rule: KindRule, labels: list[str], numbers: int, material: int) -> str:
    cues = " + ".join(labels[:3])
    if rule.kind == "summarisation":
        return f"{cues} + {material:,} chars of text"
    if rule.kind == "reasoning" and numbers:
        return f"{cues} with {numbers} number{'s' if numbers != 1 else ''}"
    return cues
