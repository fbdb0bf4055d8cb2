"""What a request is — chat, extraction, classification, summarisation, reasoning or knowledge — from its text.

Local and instant: no model, no network. The kind decides which checks an answer is held to
(arithmetic for reasoning, agreement of two samples for structured kinds, grounding for knowledge)
and is part of the answer cache's key, so a caller who does not say what it asks for still gets
the right checks.

"knowledge" is a closed factual question about the world ("Who wrote Dune?", "What is the capital
of Peru?", "In what year did the Berlin Wall fall?"): one fact to recall, no material to work on,
not about the user, the assistant, the conversation or the app's events. A small local model's
fluent recall is often wrong (bench/workload/knowledge_dev.jsonl), so router/checks.py keeps its
answer only when the conversation itself holds it. Counter-cues ("I", "my", "you", "this", "should",
"best", app words) send questions about the user, the assistant, opinions and the app to chat, and
a question whose words are those of an [App event] or of the user's earlier messages is about the
conversation, not the world.

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
from whittle.router.conversation import conversation_context, question_of
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
    max_numbers: int = 1_000  # ...and at most this many: "how many bones" recalls, "how many in 3 weeks" computes

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


def _cue(label: str, *patterns: str, weight: int = 2, min_numbers: int = 0, max_numbers: int = 1_000) -> Cue:
    # No IGNORECASE: texts are lower-cased once instead, which is several times faster.
    scouts = tuple(re.compile(p.removeprefix(r"\b")) if p.startswith(r"\b") else None for p in patterns)
    return Cue(label, tuple(re.compile(p) for p in patterns), scouts, weight, min_numbers, max_numbers)


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


# A question opens with its wh-word (a sentence may come before: "Hi! Who ..."), after at most a
# filler ("so, who ...").
_OPENS = r"(?:^|[.!?:]\s)[\W_]*(?:(?:and|so|but|ok|okay|then|also|hey|hi|hello|hmm|um|well|quick question)\b[\W_]*)?"
# "Do you know who ...", "can you tell me which ...", "I wonder when ...": politeness around a question
# about the world, not a question about the user or the assistant. Removed before the counter-cues.
POLITE_WRAPPER = re.compile(
    r"\b(?:(?:do|does|would|did) (?:you|anyone) (?:happen to )?know|(?:can|could|would) you (?:please )?(?:tell|remind) me"
    r"|(?:please )?tell me|remind me|i (?:wonder|was wondering|would like to know|'d like to know|want to know)"
    r"|any idea|(?:do|does) anyone know|i'm curious)\b(?= (?:who|whom|whose|which|what|when|where|how|if|the|in))"
)
WORLD_NOUNS = (r"(?:colou?r|currency|language|gas|metal|element|planet|moon|star|country|city|capital|continent|ocean|sea|"
               r"river|lake|mountain|desert|island|animal|bird|fish|year|century|decade|instrument|sport|team|company|"
               r"emperor|king|queen|president|author|writer|painter|composer|scientist|inventor|war|battle|empire|"
               r"dynasty|organ|bone|muscle|vitamin|mineral|unit|symbol)")

SUPERLATIVES = (r"(?:largest|smallest|biggest|tallest|highest|longest|shortest|deepest|oldest|youngest|newest|earliest|"
                r"hottest|coldest|fastest|slowest|hardest|heaviest|lightest|brightest|richest|poorest|closest|nearest|"
                r"farthest|furthest|widest|driest|wettest|most \w+|least \w+)")
# "Our solar system", "our planet": everyone's, not the user's.
EVERYONES = r"(?!(?: own)? (?:solar system|planet|galaxy|universe|world|sun|moon|species|ancestors|bodies|body)\b)"

KNOWLEDGE_CUES = (
    _cue("who …", _OPENS + r"(?:who|whom|whose)\b"),
    _cue("which …", _OPENS + r"which (?!of (?:these|those|the following|them))\w+"),
    _cue("what year / when", r"\b(?:in |by )?(?:what|which) (?:year|century|decade)\b",
         _OPENS + r"when (?:did|was|were|is|does|do)\b"),
    _cue("where … born/located", r"\bwhere (?:is|was|are|were|did|does)\b[^?]{0,40}\b(?:born|located|buried|founded|"
         r"held|signed|die|died|from|situated|invented|spoken|found)\b"),
    _cue("where is", _OPENS + r"where (?:is|are|was|were)\b", weight=1),
    _cue("how many … (a count to recall)", _OPENS + r"how many \w+(?: \w+)? (?:does|do|did|are|were|is|was|has|have|"
         r"had|in|on)\b", max_numbers=0),
    _cue("how tall/old/far …", _OPENS + r"how (?:tall|high|long|deep|old|big|far|heavy|large|fast|hot|wide) "
         r"(?:is|was|are|were)\b", max_numbers=0),
    _cue("what is the capital/… of", r"\bwhat(?:'s| is| was| are| were)? the (?:name of the )?(?:capital|currency|"
         r"population|chemical symbol|symbol|atomic number|boiling point|melting point|freezing point|speed of|"
         r"distance|height|length|depth|diameter|official|national|first|main ingredient|" + SUPERLATIVES + r")\b",
         r"\bcapital (?:city )?of\b"),
    _cue("at what …", _OPENS + r"(?:at|in|on|by|from|to|of|for) (?:what|which|whom) \w+"),
    _cue("what <world noun> …", _OPENS + r"what " + WORLD_NOUNS + r"s? (?:is|was|are|were|do|does|did|has|have)\b"),
    # "Name the longest river" asks for one fact; "name a colour" for any example.
    _cue("name the …", _OPENS + r"name the\b", max_numbers=0),
    _cue("what does … stand for", r"\bwhat (?:does|did) [\w.-]+ stand for\b"),
    _cue("a year", r"\b(?:1[0-9]|20)\d\d\b", r"\b\d{1,4} (?:bc|ad|bce|ce)\b", weight=1),
    _cue("in the world / in history", r"\b(?:in the world|on earth|in history|of all time|in the solar system|"
         r"ever (?:recorded|built|made)|first (?:person|woman|man|country|people|human) to)\b", weight=1),
    # Counter-cues: the user, the assistant, the conversation, opinions, open tasks, the app.
    _cue("about the user", r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|we've|ours|us)\b",
         r"\bour\b" + EVERYONES, weight=-3),
    _cue("about the assistant", r"\b(?:you|your|yours|you're|yourself)\b", weight=-2),
    _cue("about something said", r"\b(?:this|these|those|it|here|above|following)\b", r"\bthat(?: \w+)?\s*\?",
         weight=-2),
    _cue("an opinion", r"\b(?:should|would|could|might|will|best|better|worse|worst|recommend|suggest|favou?rite|"
         r"think|opinion|prefer|worth|good|nice|fun|advice|tips?|ideas?)\b", weight=-2),
    _cue("an open task", r"\b(?:explain|describe|about|write|list|compare|difference|differences|story|poem|essay|"
         r"why|how (?:do|does|did|can|to|should|would))\b", weight=-2),
    _cue("the user's own day", r"\bthe (?:meeting|appointment|party|plumber|doctor|dentist|delivery|package|parcel|"
         r"train|bus|flight|store|shop|file|document|email|message|call|deadline|kids|boss|project|report|invoice|"
         r"order|match|game)\b", weight=-2),
    _cue("the app", r"\b(?:whittle|apps?|workflows?|todos?|to-dos?|tasks?|lists?|budget|ledger|chat|conversation|"
         r"upload\w*|settings|button|menu|notes?)\b", weight=-2),
)


@dataclass(frozen=True)
class KindRule:
    kind: TaskKind
    cues: tuple[Cue, ...]
    min_chars: int = 0  # characters of text the task needs to work on
    max_chars: int | None = None  # a longer request holds material to work on: not this kind
    strip: re.Pattern[str] | None = None  # removed from the request before this rule's cues are matched


# A closed question is one short sentence: longer, the request carries material (or a story about the user).
MAX_KNOWLEDGE_CHARS = 200

# Table order breaks ties: a request with both "extract" and "key points" is a summary; a question
# that is also a task ("which … is mentioned in this text") is the task, knowledge comes last.
RULES: tuple[KindRule, ...] = (
    KindRule("summarisation", SUMMARY_CUES, min_chars=MIN_SUMMARY_CHARS),
    KindRule("extraction", EXTRACTION_CUES),
    KindRule("classification", CLASSIFICATION_CUES),
    KindRule("reasoning", REASONING_CUES),
    KindRule("knowledge", KNOWLEDGE_CUES, max_chars=MAX_KNOWLEDGE_CHARS, strip=POLITE_WRAPPER),
)

APP_EVENT = "[App event]"
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
        if rule.max_chars is not None and len(question) > rule.max_chars:
            continue
        score, labels = _score(rule, scanned, system_scanned, numbers)
        if score < MIN_SCORE:
            continue
        if rule.kind == "knowledge" and (said := _about_the_conversation(messages, question)):
            held_back = held_back or f"{labels[0]} but about what the conversation says ({said!r}): chat"
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


def _about_the_conversation(messages: list[ChatMessage], question: str) -> str:
    """The message a question's key terms come from ("How many orphan pages were found?" after "[App
    event] ... Orphans: 45"; "When does the plumber come?" after the user said so), cut short for the
    reason; "" when none. Most of the question's content words must be that message's: a shared word
    or two ("world") is chance."""
    from whittle.router.terms import content  # the junk checks' light stemming, so "orphan pages" meets "Orphans"

    asked = content(question)
    if not asked:
        return ""
    for text in reversed(conversation_context(messages)):
        if 2 * len(asked & content(text)) >= len(asked):
            return text.removeprefix(APP_EVENT).strip()[:40]
    return ""


def _score(rule: KindRule, question: str, system: str, numbers: int) -> tuple[int, list[str]]:
    if rule.strip is not None:
        question = rule.strip.sub(" ", question)
    score, labels = 0, []
    for cue in rule.cues:
        if not cue.min_numbers <= numbers <= cue.max_numbers:
            continue
        if cue.found_in(question):
            where = ""
        # A cue about the request's own numbers ("left", "each") means nothing in the system prompt; nor
        # does a question's wording ("who", "which") in an app's description of itself.
        elif system and not cue.min_numbers and rule.kind != "knowledge" and cue.found_in(system):
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
