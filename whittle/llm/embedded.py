"""The embedded tier: llama.cpp in-process through llama-cpp-python.

Generation runs on one dedicated worker thread (llama.cpp contexts are not
thread-safe, and ctypes releases the GIL while it computes), so the event loop
keeps serving pages while tokens are produced. Tokens cross back to the loop
through an asyncio.Queue; cancelling the consumer stops the worker at the next
token.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import llama_cpp
from llama_cpp import LlamaRAMCache, LogitsProcessorList

from whittle.llm.base import (
    PER_MESSAGE_ALLOWANCE_TOKENS,
    TEMPLATE_ALLOWANCE_TOKENS,
    ChatMessage,
    ModelError,
    OutputConstraint,
    StreamStats,
    grammar_safe_schema,
)
from whittle.llm.logprobs import TokenLogprobs
from whittle.llm.model_file import ModelFileError, bundled_model_path, check_model_file

# ChatML wraps each message in "<|im_start|>role\n ... <|im_end|>\n": about 5 tokens.
MESSAGE_OVERHEAD_TOKENS = 6
# llama.cpp states kept for the prompts of recent calls (each holds that prompt's KV cache).
PROMPT_STATES = 3


class PromptStates(LlamaRAMCache):
    """The llama.cpp states after the last few calls, found again by longest token prefix.

    llama.cpp's context holds one prompt: a narration or an app's structured call between two
    chat turns would make the next turn read the whole conversation again (bench/chat_stream.py:
    ~9 s for a 1,279-token history on two threads, 0.1 s with its state kept). llama-cpp-python restores the saved state whose tokens share the
    longest prefix with a new prompt, then reads only the rest.
    """

    def __init__(self, max_states: int = PROMPT_STATES):
        super().__init__(capacity_bytes=2 << 30)
        self.max_states = max_states

    def __setitem__(self, key, value) -> None:
        # llama-cpp-python copies its whole logits buffer into each state (n_batch x vocabulary
        # float32s: 512 x 49,152 x 4 bytes for SmolLM2). A restored state is always re-evaluated from its last token before sampling,
        # which recomputes the logits: one row keeps the shape it expects.
        value.scores = value.scores[-1:].copy()
        super().__setitem__(key, value)
        while len(self.cache_state) > self.max_states:
            self.cache_state.popitem(last=False)


class PromptReadingLlama(llama_cpp.Llama):
    """llama-cpp-python's Llama, telling how many prompt tokens it reads before answering.

    A completion keeps the longest token prefix its prompt shares with the current context (or
    with a PromptStates entry it restores) and evaluates only the rest, in its first `eval`
    call: that call's length is what the model must read before its first token (0 to a
    thousand or more; llama-cpp-python replays one token even for a fully cached prompt).
    """

    on_prompt: Callable[[int], None] | None = None  # called once, by the next completion's first eval

    def eval(self, tokens: Sequence[int]) -> None:
        report, self.on_prompt = self.on_prompt, None
        if report is not None:
            report(len(tokens))
        super().eval(tokens)


def default_threads() -> int:
    """Threads for the embedded model when none are set: half the CPUs this process may use.

    llama.cpp splits each batch and each token between its threads, which then wait for each
    other: when another program holds a core, a thread on it stalls every step. bench/threads.py
    on the shared 2-core machine (1,168-token prompt read cold, then 64 tokens; 4 runs): only
    with the machine quiet (load < 1) did 2 threads read faster (7.7 s vs 14.1 s), and even then
    a neighbour spinning one core made them slower than 1 (18.7 s vs 15.6 s; generating 6.2 vs
    11.7 tok/s). At load 2.5-17, 2 threads read 1.6-2.4x slower than 1 and generated at 0.2-7.9
    tok/s against 4.0-20.7. So reading the prompt gets no more threads than generating
    (llama-cpp-python's own default gives it every CPU): half the CPUs for both.
    """
    try:
        usable = len(os.sched_getaffinity(0))  # a container's CPU set, not the host's
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 2
    return max(1, usable // 2)


class EmbeddedModel:
    def __init__(self, path: Path | None = None, *, n_ctx: int = 2048, n_threads: int | None = None,
                 n_threads_batch: int | None = None):
        """n_threads: CPU threads for generating; n_threads_batch: for reading the prompt (default:
        n_threads). None: default_threads(), chosen from bench/threads.py's measurement.
        """
        self.path = check_model_file(path) if path else check_model_file(bundled_model_path())
        self.n_ctx = n_ctx
        self.n_threads = n_threads  # as asked; the threads used are in _llama.context_params
        self.n_threads_batch = n_threads_batch
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llama")
        self._llama = self._executor.submit(self._load).result()
        # File names say what a model is (SmolLM2-135M-Instruct.Q4_1); GGUF metadata names often do not.
        self.name = f"{self.path.stem} (embedded)"

    def _load(self):
        try:
            llama = PromptReadingLlama(
                model_path=str(self.path),
                n_ctx=self.n_ctx,
                n_threads=self.n_threads or default_threads(),
                n_threads_batch=self.n_threads_batch or self.n_threads or default_threads(),
                verbose=False,
            )
            llama.set_cache(PromptStates())
            return llama
        except Exception as error:  # llama.cpp reports a bad file as ValueError/RuntimeError
            raise ModelFileError(
                f"llama.cpp could not load the model at {self.path}: {error}\n"
                "Fix: the file may be truncated or corrupt; download it again, or omit --model to use the bundled SmolLM2."
            ) from error

    def count_tokens(self, text: str) -> int:
        return self._count_tokens_cached(text)

    @functools.lru_cache(maxsize=8192)  # noqa: B019 - the model lives as long as the process
    def _count_tokens_cached(self, text: str) -> int:
        # Each turn's prompt re-counts the whole history; finished messages never change.
        return len(self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def token_ids(self, text: str) -> list[int]:
        """The text's tokens in this model's vocabulary, without BOS (what a label costs under a grammar)."""
        return self._llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def count_message_tokens(self, message: ChatMessage) -> int:
        return self.count_tokens(message["content"]) + MESSAGE_OVERHEAD_TOKENS

    def prompt_token_bound(self, messages: Sequence[ChatMessage]) -> int:
        """Counted by this model's own tokenizer, plus the template's allowance."""
        return TEMPLATE_ALLOWANCE_TOKENS + sum(
            self.count_tokens(message["content"]) + PER_MESSAGE_ALLOWANCE_TOKENS for message in messages
        )

    @functools.lru_cache(maxsize=32)  # noqa: B019 - compiling a grammar costs milliseconds; apps reuse a few
    def grammar(self, constraint: OutputConstraint):
        """The llama.cpp grammar that enforces a constraint; ModelError names what is wrong with it."""
        from llama_cpp import LlamaGrammar  # noqa: PLC0415

        try:
            if constraint.gbnf is not None:
                grammar = LlamaGrammar.from_string(constraint.gbnf, verbose=False)
            else:
                schema = grammar_safe_schema(constraint.json_schema)
                grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        except Exception as error:  # the JSON-schema converter raises on schemas it cannot express
            raise ModelError(f"The output constraint could not be compiled into a grammar: {error}") from error
        # llama-cpp-python parses the grammar only when sampling starts, and a grammar llama.cpp
        # rejects then crashes the process: try it on this model's vocabulary first.
        sampler = llama_cpp.llama_sampler_init_grammar(
            self._llama._model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        if not sampler:
            raise ModelError("The output constraint is not a valid llama.cpp grammar (GBNF); llama.cpp refused to parse it.")
        llama_cpp.llama_sampler_free(sampler)
        return grammar

    def complete(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        constraint: OutputConstraint | None = None,
    ) -> str:
        """Blocking, non-streaming call (CLI and scripts)."""
        result = self._executor.submit(
            self._llama.create_chat_completion,
            messages=list(messages),
            max_tokens=max_tokens,
            temperature=temperature,
            grammar=self.grammar(constraint) if constraint else None,
        ).result()
        return result["choices"][0]["message"]["content"] or ""

    async def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        stats: StreamStats | None = None,
        constraint: OutputConstraint | None = None,
    ) -> AsyncIterator[str]:
        """Yield text pieces as the model produces them; a constraint is enforced by a llama.cpp grammar.

        Before the first piece comes one empty piece, once stats.prompt_tokens_to_read says how
        many prompt tokens llama.cpp reads (those not already in its cache): the chat shows
        "reading 1,240 tokens…" meanwhile.
        """
        stats = stats if stats is not None else StreamStats()
        stats.model = self.name
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[str, object]] = asyncio.Queue()
        cancel = threading.Event()
        started = time.perf_counter()

        logprobs = TokenLogprobs()
        stats.extra["token_logprobs"] = logprobs.values
        grammar = self.grammar(constraint) if constraint else None

        def reading(tokens: int) -> None:  # on the worker thread, just before llama.cpp reads them
            stats.prompt_tokens_to_read = tokens
            loop.call_soon_threadsafe(queue.put_nowait, ("reading", tokens))

        def produce() -> None:
            self._llama.on_prompt = reading
            try:
                pieces = self._llama.create_chat_completion(
                    messages=list(messages),
                    max_tokens=max_tokens,
                    temperature=temperature,
                    stream=True,
                    logits_processor=LogitsProcessorList([logprobs]),
                    grammar=grammar,
                )
                for part in pieces:
                    if cancel.is_set():
                        stats.cancelled = True
                        break
                    choice = part["choices"][0]
                    text = choice["delta"].get("content")
                    if choice.get("finish_reason"):
                        stats.finish_reason = choice["finish_reason"]
                    if text:
                        stats.completion_tokens += 1
                        stats.pieces += 1
                        loop.call_soon_threadsafe(queue.put_nowait, ("text", text))
                stats.prompt_tokens = max(0, self._llama.n_tokens - stats.completion_tokens)
                stats.usage_reported = not stats.cancelled  # counted by the model's own tokenizer
            except Exception as error:  # noqa: BLE001 - surfaced on the loop side
                loop.call_soon_threadsafe(queue.put_nowait, ("error", error))
            finally:
                self._llama.on_prompt = None
                loop.call_soon_threadsafe(queue.put_nowait, ("end", None))

        worker = loop.run_in_executor(self._executor, produce)
        try:
            while True:
                kind, value = await queue.get()
                if kind == "text":
                    if stats.ttft_ms is None:
                        stats.ttft_ms = (time.perf_counter() - started) * 1000
                    yield value  # type: ignore[misc]
                elif kind == "reading":
                    # No text yet: hand control back so the caller can show stats.prompt_tokens_to_read.
                    yield ""
                elif kind == "error":
                    raise ModelError(f"The embedded model failed while answering: {value}")
                else:
                    break
        finally:
            cancel.set()
            stats.latency_ms = (time.perf_counter() - started) * 1000
            if not worker.done():
                # Do not wait for the worker: a stop must be instant. The next call
                # queues behind it on the single worker thread.
                worker.add_done_callback(lambda f: f.exception())

    def clear_prompt_cache(self) -> None:
        """Forget the tokens llama.cpp keeps from the last call: the next prompt is read in full.

        Normally they stay: a call whose prompt starts like the previous one reads only the rest
        (llama-cpp-python matches the longest common token prefix), which is why chat prompts
        keep a stable beginning (chat/context.py). Benchmarks clear it to measure a cold read.
        """

        def clear() -> None:
            self._llama.reset()
            self._llama.set_cache(PromptStates())

        self._executor.submit(clear).result()

    def close(self) -> None:
        self._executor.shutdown(wait=True)
