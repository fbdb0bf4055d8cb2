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

Two parts are budgeted first and never trimmed (only the history and recalled turns give way):
the open app's training prompt (kept where it was first said; if the history lacks it, e.g. a
conversation switched to with the app already open, it goes right after the system prompt) and
the answer's expert (experts/choice.py). Where the expert goes is a KV-cache choice:
- the conversation's own choice ("chosen") is stable for the whole conversation, so it goes
  right after the system prompt, part of the cached prefix: read once, free on every later turn;
- an expert picked by description ("auto") may change from one message to the next, so it goes
  at the end, with the state block, right before the newest message: a change re-reads only
  that short tail, never the conversation before it. It costs re-reading the expert each turn
  (a few hundred tokens), which is cheaper than re-reading the whole history on every switch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whittle.chat.store import Message
from whittle.llm.base import ChatMessage

TRIM_MARKER = "[…earlier part trimmed to fit the model's context window]\n"
CUT_MARKER = "\n[…the rest was cut: it did not fit the model's context window]"
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
# What the budgeted-first parts must leave for the conversation (at least the newest message's end):
# an expert bigger than the window is cut (its end) rather than leave no room for the question.
MIN_TURN_ROOM = 96

CountTokens = Callable[[ChatMessage], int]


@dataclass(frozen=True)
class PromptExpert:
    """The expert for one answer: its instructions and how it was chosen (experts/choice.py)."""

    name: str
    text: str
    how: str = "chosen"  # 'chosen': the conversation's own choice; 'auto': picked by description for this message
    matched: tuple[str, ...] = ()  # auto: the message's words that matched its description
    preferred_tier: str | None = None  # its front matter's tier: answers go there unless the conversation pins one

    @property
    def at_head(self) -> bool:
        return self.how == "chosen"

    def message(self) -> ChatMessage:
        return {"role": "system", "content": self.text}


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
    expert: PromptExpert | None = None,
    training: str | None = None,
) -> list[ChatMessage]:
    """Return [system, ...the newest messages that fit in budget_tokens], oldest first.

    budget_tokens is what the prompt may use: the context window minus room for the answer.
    hidden_budget_tokens caps the app notes within it (default: HIDDEN_SHARE of what the
    budgeted-first parts leave).
    state: the open app's current state (chat/state_answers.py), placed right before the newest
    message: it changes from turn to turn, so anywhere earlier it would break the cached prefix.
    expert, training: the answer's expert and the open app's training prompt, budgeted first and
    never trimmed (see the module's docstring for where each goes).
    """
    system: ChatMessage = {"role": "system", "content": system_prompt}
    entries = _entries(history, count_tokens)
    training_text = f"{EVENT_PREFIX}{training}" if training else None
    # The training prompt where the history said it (not the newest message: that one is kept anyway).
    said = next((e for e in entries[:-1] if training_text and e.message["content"] == training_text), None)
    fixed = count_tokens(system) + (count_tokens(state) if state else 0)
    expert_message = expert.message() if expert else None
    training_message: ChatMessage | None = (
        {"role": "system", "content": training_text} if training_text and said is None else None)
    expert_message, training_message = _fit_first_parts(expert_message, training_message, budget_tokens - fixed
                                                         - (said.cost if said else 0), count_tokens)
    first_cost = sum(count_tokens(m) for m in (expert_message, training_message) if m) + (said.cost if said else 0)
    room = budget_tokens - fixed - first_cost
    hidden_room = (int((budget_tokens - first_cost) * HIDDEN_SHARE) if hidden_budget_tokens is None
                   else hidden_budget_tokens)
    pool = [entry for entry in entries if entry is not said]
    if sum(entry.cost for entry in pool) > room:
        pool = _trimmed(pool, room, hidden_room)
    if pool and sum(entry.cost for entry in pool) <= room:
        body = [entry.message for entry in sorted([*pool, *([said] if said else [])], key=lambda entry: entry.id)]
    elif not history:
        body = []
    else:  # the newest message alone is too long: keep its end, which holds the question
        body = [*([said.message] if said else []), _keep_tail(as_chat_message(history[-1]), room, count_tokens)]
    head = [system, *([expert_message] if expert_message and expert and expert.at_head else []),
            *([training_message] if training_message else [])]
    tail = [*([expert_message] if expert_message and expert and not expert.at_head else []), *([state] if state else [])]
    if not body:
        return [*head, *tail]
    return [*head, *body[:-1], *tail, body[-1]]


def _fit_first_parts(expert: ChatMessage | None, training: ChatMessage | None, room: int,
                     count_tokens: CountTokens) -> tuple[ChatMessage | None, ChatMessage | None]:
    """The expert and the training prompt as they are, unless together they leave under MIN_TURN_ROOM:
    then the expert's end is cut first, then the training prompt's (a window too small for both)."""
    allowed = room - MIN_TURN_ROOM
    cost = sum(count_tokens(m) for m in (expert, training) if m)
    if cost <= allowed:
        return expert, training
    if expert is not None:
        other = count_tokens(training) if training else 0
        expert = _keep_head(expert, max(allowed - other, 0), count_tokens)
    if training is not None and count_tokens(training) + (count_tokens(expert) if expert else 0) > allowed:
        training = _keep_head(training, max(allowed - (count_tokens(expert) if expert else 0), 0), count_tokens)
    return expert, training


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


def _keep_head(message: ChatMessage, budget: int, count_tokens: CountTokens) -> ChatMessage:
    """The longest beginning of the message that fits, marked as cut (instructions come first)."""
    content = message["content"]
    low, high = 0, len(content)
    while low < high:  # binary search on characters for the longest head that fits
        mid = (low + high + 1) // 2
        if count_tokens({"role": message["role"], "content": content[:mid] + CUT_MARKER}) <= budget:
            low = mid
        else:
            high = mid - 1
    return {"role": message["role"], "content": content[:low] + CUT_MARKER}
