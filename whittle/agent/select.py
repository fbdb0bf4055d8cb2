"""Pre-select the few tools that fit a request, before any model sees it.

A 135M model picks well among two or three tools and badly among twenty, and a request that fits
no tool must stay plain chat. So the tools are ranked lexically against the request: the words of
each tool's name, description and parameter names (lightly stemmed, with a few verb synonyms) are
matched against the request's words, weighted by how rare each word is among the tools, with a
bonus for the open app's tools. Conservative on purpose: a tool is only a candidate when the
request names one of its *action* words (the verbs in its name, "add", "complete", "open"...), so
"what is the capital of France?" selects nothing and goes to chat.

Only the user's own request is matched, never the app's data: a todo reading "delete everything"
cannot put a delete tool in front of the model.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from whittle.tools import Tool

STOPWORDS = frozenset(
    "a an the to of in on at for from by with and or my me i you your it its this that these those is are be "
    "was were do does did please can could would will should just then also so as into up all any some "
    "one ones item items thing things".split()
)
# Action words and what users say instead; a tool's name verbs are expanded with these.
SYNONYMS: dict[str, frozenset[str]] = {
    "add": frozenset({"add", "put", "append", "include", "note", "remember", "create", "new", "insert"}),
    "complete": frozenset({"complete", "done", "finish", "tick", "check", "mark", "did"}),
    "uncomplete": frozenset({"uncomplete", "undone", "reopen", "untick", "uncheck", "unmark"}),
    "delete": frozenset({"delete", "remove", "drop", "erase", "clear", "del", "get rid", "bin"}),
    "edit": frozenset({"edit", "rename", "change", "fix", "correct", "update", "reword"}),
    "list": frozenset({"list", "show"}),  # not "read": "a fox who learns to read" asks for a story
    "reorder": frozenset({"reorder", "move", "sort", "order", "first", "top"}),
    "open": frozenset({"open", "go", "show", "launch", "switch", "take"}),
    "switch": frozenset({"switch", "change", "use", "become", "profile"}),
    "start": frozenset({"start", "begin", "run", "launch", "kick"}),
    "cancel": frozenset({"cancel", "stop", "abort", "halt", "kill"}),
    "revert": frozenset({"revert", "back", "undo", "return"}),
    "submit": frozenset({"submit", "answer", "fill"}),  # not "send": "send an email" is no workflow step
    "finalize": frozenset({"finalize", "finalise", "finish", "complete", "close"}),
    "search": frozenset({"search", "find", "lookup"}),  # not "look": "Look: …" introduces, it does not ask
}
VAGUE_VERBS = frozenset({"go", "show", "take", "use", "mark", "check", "move", "change", "get"})
APP_BONUS = 1.5  # the open app's tools win ties: "add milk" in the todo app is a todo
MIN_SCORE = 1.0  # below this the match is too weak: plain chat


@dataclass(frozen=True)
class Candidate:
    tool: Tool
    score: float
    matched: tuple[str, ...]  # the request words that matched, for the plan's reason

    @property
    def action_matched(self) -> bool:
        return bool(self.matched)


def stem(word: str) -> str:
    """Crude English stemming: enough for "adding"/"added"/"adds" to meet "add"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + keep
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # stopp -> stop
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS]


def _terms(text: str) -> set[str]:
    return {stem(w) for w in words(text)}


def action_words(tool: Tool) -> set[str]:
    """The words a request must use to ask for this tool: the verbs in its name ("todo_add",
    "open_app") with their synonyms; a name with no known verb ("linkgraph_orphans") is asked for
    by the words after its first part."""
    parts = tool.name.split("_")
    verbs = [part for part in parts if part in SYNONYMS]
    found: set[str] = set()
    for part in verbs or parts[1:] or parts:
        found |= {stem(w) for w in SYNONYMS.get(part, {part})}
    return found


def object_words(tool: Tool) -> set[str]:
    """What the tool acts on: its app's name words, else its name's non-verb parts ("todo", "job")."""
    source = tool.app.replace("-", "_").split("_") if tool.app else tool.name.split("_")
    return {stem(w) for w in source if w not in SYNONYMS}


def tool_terms(tool: Tool) -> set[str]:
    fields = " ".join(tool.params.model_fields)
    return _terms(f"{tool.name.replace('_', ' ')} {tool.description} {fields.replace('_', ' ')}") | action_words(tool)


def leading_verbs(text: str, verbs: set[str]) -> set[str]:
    """The action words that lead a clause: "put eggs on the list" asks to put, not to list.

    Clauses split at "and"/"then"/commas; in each, the first word that is any tool's action word
    leads it (a vague one like "go" or "show" lets the next one lead too: "go back to step 1").
    """
    leading: set[str] = set()
    for clause in re.split(r"\band\b|\bthen\b|\balso\b|[,;]", text.lower()):
        for word in re.findall(r"[a-z0-9]+", clause):
            term = stem(word)
            if term in verbs:
                leading.add(term)
                if term not in VAGUE_VERBS:
                    break
    return leading


def rank(text: str, tools: Iterable[Tool], *, app_name: str | None = None) -> list[Candidate]:
    """Every tool whose action word leads a clause of the request, best first (highest score)."""
    tools = list(tools)
    if not tools:
        return []
    request = _terms(text)
    term_sets = {tool.name: tool_terms(tool) for tool in tools}
    verb_sets = {tool.name: action_words(tool) for tool in tools}
    all_verbs = {stem(w) for group in SYNONYMS.values() for w in group}
    leading = leading_verbs(text, all_verbs)
    document_count: dict[str, int] = {}
    for terms in term_sets.values():
        for term in terms:
            document_count[term] = document_count.get(term, 0) + 1
    total = len(tools)
    candidates = []
    for tool in tools:
        # A verb must lead a clause; a tool named by a noun ("linkgraph_orphans") only needs the noun.
        named_by_nouns = not (verb_sets[tool.name] & all_verbs)
        if named_by_nouns:
            verbs = verb_sets[tool.name] if verb_sets[tool.name] <= request else set()
        else:
            verbs = verb_sets[tool.name] & leading
        if not verbs:
            continue
        shared = term_sets[tool.name] & request
        score = sum(math.log(1 + total / document_count[term]) for term in shared)
        # The object of the verb: the app's noun ("todo", "profile") in the request confirms the match.
        if object_words(tool) & request:
            score += 1.0
        if app_name and tool.app == app_name:
            score += APP_BONUS
        candidates.append(Candidate(tool, round(score, 3), tuple(sorted(verbs))))
    candidates.sort(key=lambda c: (-c.score, c.tool.name))
    return candidates


PASTED_WORDS = 12  # after "Summarise this:" this many words are pasted material, not more of the request
LONG_MESSAGE_WORDS = 40  # a message this long without such a colon: its first sentence holds the request


def request_part(text: str) -> str:
    """The words that say what the user wants, without the material they pasted after them.

    "Summarise this: <an article that says 'after the first year'>" asks for a summary, not to
    move a todo to the top, so a pasted text's verbs must not select tools: after a short lead-in
    ending in a colon or line break, a long remainder is material; a long message without one is
    read by its first sentence. A short remainder stays: "add to my list: milk, eggs" names the items.
    """
    lead = re.match(r"\s*([^:\n]{1,80})[:\n]\s*(.*)", text, re.DOTALL)
    if lead and _word_count(lead.group(2)) >= PASTED_WORDS:
        return lead.group(1)
    if _word_count(text) >= LONG_MESSAGE_WORDS:
        return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return text


def _word_count(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9']+", text))


# "How do I add a profile?" asks for an explanation, not for the action: chat answers it.
HOW_QUESTION = re.compile(r"^\s*(how|why|explain|what does|what do|what's the (best|right) way|should i)\b", re.IGNORECASE)


def select_tools(
    text: str, tools: Iterable[Tool], *, app_name: str | None = None, max_tools: int = 3
) -> list[Candidate]:
    """The few tools that fit the request (best first), or [] when none does: plain chat."""
    text = request_part(text)
    if HOW_QUESTION.match(text):
        return []
    ranked = [c for c in rank(text, tools, app_name=app_name) if c.score >= MIN_SCORE]
    if not ranked:
        return []
    # Tools far below the best one only distract the model.
    best = ranked[0].score
    return [c for c in ranked if c.score >= best / 2][:max_tools]


def reason_for(candidates: Sequence[Candidate]) -> str:
    if not candidates:
        return "no tool fits the request"
    return "tools that fit: " + ", ".join(f"{c.tool.name} ({'/'.join(c.matched)})" for c in candidates)
