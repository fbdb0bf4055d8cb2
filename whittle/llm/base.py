"""Types shared by every backend."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypedDict, runtime_checkable


class ChatMessage(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


# What a chat template may add around the messages, at most: the default system prompt some
# templates insert (SmolLM2's, Llama 3's date lines) and the assistant's opening; then the role
# markers and separators around each message. Generous on purpose: these bound a budget.
TEMPLATE_ALLOWANCE_TOKENS = 64
PER_MESSAGE_ALLOWANCE_TOKENS = 16


def byte_token_bound(messages: Sequence[ChatMessage]) -> int:
    """An upper bound on prompt tokens without the model's tokenizer: its UTF-8 bytes.

    Byte-level BPE (GPT, Llama 3, SmolLM2, Qwen) and SentencePiece with byte fallback never make a
    token out of less than one byte, so a text has at most as many tokens as bytes — whatever its
    script (Chinese is 3 bytes a character, an emoji 4). The per-message allowance also covers
    SentencePiece's dummy prefix space.
    """
    return TEMPLATE_ALLOWANCE_TOKENS + sum(
        len(message["content"].encode("utf-8")) + PER_MESSAGE_ALLOWANCE_TOKENS for message in messages
    )


@dataclass(frozen=True)
class OutputConstraint:
    """The shape an answer must have, enforced while it is generated (not checked afterwards).

    json_schema: the answer is JSON valid against this schema; gbnf: the answer matches this
    llama.cpp grammar. Exactly one is set. The embedded model enforces either with a llama.cpp
    grammar; an OpenAI-compatible tier enforces what its `structured_output` setting says it can.
    tools: set when the answer is a list of tool calls; a tier with native tool calling is offered
    these tools instead of the grammar (llm/tool_calls.py).
    """

    json_schema: dict | None = None
    gbnf: str | None = None
    tools: ToolOffer | None = None

    def __post_init__(self) -> None:
        if (self.json_schema is None) == (self.gbnf is None):
            raise ValueError("OutputConstraint needs exactly one of json_schema or gbnf")

    def __hash__(self) -> int:  # the schema is a dict: hash its canonical JSON
        import json  # noqa: PLC0415

        return hash((json.dumps(self.json_schema, sort_keys=True), self.gbnf, self.tools))


@dataclass(frozen=True)
class ToolOffer:
    """Tools offered to a tier that calls tools natively (OpenAI `tools=`), for an answer of tool calls.

    functions: each tool as {"name", "description", "parameters": its JSON schema} (Tool.schema());
    system: the system message such a tier gets. It is sent that and the request's last user message
    only: the request's other turns teach a grammar-constrained model to write calls as text. The
    tier's calls come back as the text the grammar produces — a JSON list of {"name", "arguments"}
    — so the caller's check judges a native call and a generated one alike.
    """

    functions: tuple[dict, ...]
    system: str

    def __hash__(self) -> int:  # the schemas are dicts: hash their canonical JSON
        import json  # noqa: PLC0415

        return hash((json.dumps(self.functions, sort_keys=True), self.system))


# llama.cpp expands a bounded repetition into that many grammar rules: a string schema with
# maxLength 4000 makes a grammar large enough to stall or crash the sampler. Bounds above this are
# left to the caller's check, which validates the parsed answer anyway.
GRAMMAR_MAX_REPEAT = 64


def grammar_safe_schema(schema: object) -> object:
    """The schema without length/item bounds larger than GRAMMAR_MAX_REPEAT (for a grammar, not for validation)."""
    if isinstance(schema, list):
        return [grammar_safe_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    bounded = ("minLength", "maxLength", "minItems", "maxItems")
    return {key: grammar_safe_schema(value) for key, value in schema.items()
            if not (key in bounded and isinstance(value, int) and value > GRAMMAR_MAX_REPEAT)}


class ModelError(RuntimeError):
    """A backend failed to produce an answer; the message says what to do."""


@dataclass
class StreamStats:
    """Filled in by a backend while it streams, read by the caller afterwards."""

    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # True once the counts above are the backend's own (a server's usage report, or the embedded
    # model's tokenizer); until then the router meters with `pieces` and its prompt bound.
    usage_reported: bool = False
    pieces: int = 0  # pieces of text received so far: each is at least one token
    ttft_ms: float | None = None
    # Prompt tokens the model reads before its first token, those not already in its cache; set
    # before the first piece by a backend that can tell (the embedded one), else None.
    prompt_tokens_to_read: int | None = None
    latency_ms: float = 0.0
    finish_reason: str | None = None
    cancelled: bool = False
    extra: dict = field(default_factory=dict)


@runtime_checkable
class Backend(Protocol):
    """What the router (router/cascade.py) and the chat's prompt builder need from a tier's model.

    EmbeddedModel (llama.cpp in-process) and OpenAICompatModel (any OpenAI-compatible server)
    provide it; a new kind of tier only has to provide these too.
    """

    name: str  # shown under each answer and logged in the ledger
    n_ctx: int  # context window in tokens: the chat fits the history into it

    def count_tokens(self, text: str) -> int: ...

    def count_message_tokens(self, message: ChatMessage) -> int:
        """Tokens a message takes in a prompt, its chat-template wrapping included (estimates may over-count)."""
        ...

    def prompt_token_bound(self, messages: Sequence[ChatMessage]) -> int:
        """At most how many tokens these messages can be billed as, chat template included.

        A true upper bound, not an estimate: budgets reserve it before a paid call.
        """
        ...

    def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        stats: StreamStats | None = None,
        constraint: OutputConstraint | None = None,
    ) -> AsyncIterator[str]:
        """Yield the answer's text as it is produced (an async generator); fill `stats` while doing so.

        constraint: the answer's required shape (JSON schema or grammar); None for free text.

        An empty piece carries no text: `stats` changed before the first token
        (prompt_tokens_to_read), and the caller may show it.

        Raises ModelError when the model fails; closing the iterator stops the generation.
        """
        ...
