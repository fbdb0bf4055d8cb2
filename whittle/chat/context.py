"""Build the message list sent to the model, trimmed to its context window by tokens.

The prompt is laid out so its beginning stays the same from turn to turn: llama.cpp keeps
the previous prompt in its KV cache and only reads what follows the longest common token
prefix, so a stable beginning makes the first token come fast (bench/chat_stream.py: a
1,279-token history takes ~9 s to read cold on two threads, under 1 s when its prefix is cached). Hence:

- the system prompt comes first and never changes within a conversation;
- long notes (an app's training prompt, re-sent on every visit) enter once, where they were
  first said, and are never trimmed: once old turns are trimmed they sit right after the
  system prompt, as long-lived context;
- everything else stays in the order it happened; new events and turns are appended;
- trimming drops a large block of the oldest messages at once, at a boundary that does not
  move from turn to turn (message ids in multiples of 64, 32, ...), so after one trim the
  prefix is stable again for many turns instead of shifting on every turn;
- hidden context (app events, 'context' role) has its own token budget, trimmed the same
  way, so app notes cannot crowd the conversation out of the window;
- identical app events in a row are merged ("The user opened the Todo app. (×3)").

Hidden context becomes a system message so the model hears what the user did in the app
without the UI showing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whittle.chat.store import Message
from whittle.llm.base import ChatMessage

TRIM_MARKER = "[…earlier part trimmed to fit the model's context window]\n"
EVENT_PREFIX = "[App event] "
# Hidden context may use this share of the prompt budget when the caller gives no budget.
HIDDEN_SHARE = 0.3
# Long notes may take this share of the hidden budget; beyond it the oldest are trimmed like events.
LONG_NOTES_SHARE = 0.6
# A trim keeps at least this share of its budget: the rest is room to grow before the next trim.
# App events come in bursts (a job's milestones, a run's steps), so their budget trims deeper.
KEEP_AFTER_TRIM = 0.5
KEEP_HIDDEN_AFTER_TRIM = 0.25
# Trim boundaries, coarsest first: a message whose id starts a new block of this many ids.
BLOCK_SIZES = (64, 32, 16, 8, 4, 2)
# A note this long (message overhead included) is said once; short events are repeated: their
# order answers "what did I just do?".
LONG_NOTE_TOKENS = 40

CountTokens = Callable[[ChatMessage], int]


@dataclass(frozen=True)
class _Entry:
    """One message of the prompt; merged events keep the id of the first one."""

    id: int
    message: ChatMessage
    kind: str  # 'turn', 'event' or 'long' (a long note, said once)
    cost: int


def as_chat_message(message: Message) -> ChatMessage:
    if message.role == "context":
        return {"role": "system", "content": f"{EVENT_PREFIX}{message.content}"}
    return {"role": message.role, "content": message.content}


def build_prompt(
    system_prompt: str,
    history: Sequence[Message],
    *,
    budget_tokens: int,
    count_tokens: CountTokens,
    hidden_budget_tokens: int | None = None,
    state: ChatMessage | None = None,
) -> list[ChatMessage]:
    """Return [system, ...the newest messages that fit in budget_tokens], oldest first.

    budget_tokens is what the prompt may use: the context window minus room for the answer.
    hidden_budget_tokens caps the app notes within it (default: HIDDEN_SHARE of the budget).
    state: the open app's current state (chat/state_answers.py), placed right before the newest
    message: it changes from turn to turn, so anywhere earlier it would break the cached prefix.
    """
    system: ChatMessage = {"role": "system", "content": system_prompt}
    room = budget_tokens - count_tokens(system) - (count_tokens(state) if state else 0)
    hidden_room = int(budget_tokens * HIDDEN_SHARE) if hidden_budget_tokens is None else hidden_budget_tokens
    entries = _entries(history, count_tokens)
    if sum(entry.cost for entry in entries) > room:
        entries = _trimmed(entries, room, hidden_room)
    if entries and sum(entry.cost for entry in entries) <= room:
        return _with_state([system, *(entry.message for entry in entries)], state)
    if not history:
        return _with_state([system], state)
    # The newest message alone is too long: keep its end, which holds the question.
    return _with_state([system, _keep_tail(as_chat_message(history[-1]), room, count_tokens)], state)


def _with_state(messages: list[ChatMessage], state: ChatMessage | None) -> list[ChatMessage]:
    if state is None:
        return messages
    if len(messages) == 1:
        return [*messages, state]
    return [*messages[:-1], state, messages[-1]]


def _entries(history: Sequence[Message], count_tokens: CountTokens) -> list[_Entry]:
    """History as prompt entries: identical events in a row merged, long notes said once."""
    entries: list[_Entry] = []
    seen_long_notes: set[str] = set()
    run_text, run_count = None, 0
    for position, message in enumerate(history, start=1):
        chat_message = as_chat_message(message)
        if message.role != "context" or position == len(history):
            # The newest message is what the model answers now (an app's hidden instruction
            # included): never merged into an earlier one or skipped as a repeat.
            run_text, run_count = None, 0
            entries.append(_Entry(message.id, chat_message, "turn", count_tokens(chat_message)))
            continue
        if message.content in seen_long_notes:
            continue  # already in the prompt above: a visit does not teach the app again
        if message.content == run_text and entries:
            run_count += 1
            merged: ChatMessage = {"role": "system", "content": f"{EVENT_PREFIX}{run_text} (×{run_count})"}
            entries[-1] = _Entry(entries[-1].id, merged, entries[-1].kind, count_tokens(merged))
            continue
        cost = count_tokens(chat_message)
        kind = "long" if cost >= LONG_NOTE_TOKENS else "event"
        if kind == "long":
            seen_long_notes.add(message.content)
        run_text, run_count = message.content, 1
        entries.append(_Entry(message.id, chat_message, kind, cost))
    return entries


def _trimmed(entries: list[_Entry], room: int, hidden_room: int) -> list[_Entry]:
    """Each part cut on its own budget, so the cut of one never moves the other.

    Long notes stay wherever their block of turns is trimmed (the newest that fit
    LONG_NOTES_SHARE of the notes' budget); events share the rest of the notes' budget;
    the conversation gets what the notes' budget leaves.
    """
    long_notes = [entry for entry in entries if entry.kind == "long"]
    long_budget = int(hidden_room * LONG_NOTES_SHARE)
    long_from = _stable_cut(long_notes, long_budget, KEEP_AFTER_TRIM)
    long_kept = long_notes[long_from:]
    events = [entry for entry in entries if entry.kind == "event"]
    events_budget = hidden_room - sum(entry.cost for entry in long_kept)
    events_kept = events[_stable_cut(events, events_budget, KEEP_HIDDEN_AFTER_TRIM):]
    turns = [entry for entry in entries if entry.kind == "turn"]
    cut = _stable_cut(turns, room - hidden_room, KEEP_AFTER_TRIM)
    if turns and cut == len(turns):
        return []  # the newest message alone is too long: the caller keeps its end
    turns_from = turns[cut].id if turns else entries[0].id
    keep = {entry.id for entry in long_kept}
    keep |= {entry.id for entry in events_kept if entry.id >= turns_from}
    keep |= {entry.id for entry in turns[cut:]}
    return [entry for entry in entries if entry.id in keep]


def _stable_cut(entries: Sequence[_Entry], budget: int, keep_share: float) -> int:
    """Index of the first entry to keep so the rest costs at most budget.

    Not the tightest cut: the first block boundary after it, coarsest first, as long as that
    still keeps keep_share of the budget. Boundaries depend on message ids only, so the
    same cut comes out turn after turn until the conversation has grown past it again.
    """
    budget = max(budget, 0)
    suffix = [0] * (len(entries) + 1)
    for index in range(len(entries) - 1, -1, -1):
        suffix[index] = suffix[index + 1] + entries[index].cost
    if suffix[0] <= budget:
        return 0
    tightest = next(index for index in range(len(entries) + 1) if suffix[index] <= budget)
    for block in BLOCK_SIZES:
        for index in range(max(tightest, 1), len(entries)):
            if entries[index].id // block > entries[index - 1].id // block:
                if suffix[index] >= budget * keep_share:
                    return index
                break
    return tightest


def _keep_tail(message: ChatMessage, budget: int, count_tokens: CountTokens) -> ChatMessage:
    content = message["content"]
    low, high = 0, len(content)
    # Binary search on characters for the longest tail that fits.
    while low < high:
        mid = (low + high) // 2
        candidate: ChatMessage = {"role": message["role"], "content": TRIM_MARKER + content[mid:]}
        if count_tokens(candidate) <= budget:
            high = mid
        else:
            low = mid + 1
    return {"role": message["role"], "content": TRIM_MARKER + content[low:]}
