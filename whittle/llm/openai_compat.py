"""Any OpenAI-compatible endpoint through the official `openai` async SDK.

Ollama (/v1), llama.cpp's server, vLLM, LM Studio, OpenAI, OpenRouter, Groq and the
compatible endpoints of Gemini and Anthropic all speak this protocol. Usage counts and
token log-probabilities are read when the server sends them; when it sends no usage, the
pieces of text received are counted here instead (each is at least one token). On a tier with
native tool calling (whittle.toml `tool_calling`), an answer that is a list of tool calls is asked
for with `tools=` and read back from `tool_calls` (llm/tool_calls.py).

Every way a server can fail — refused connection, timeout, an error status, a body that is
not the protocol, a stream cut before its end — surfaces as one ModelError naming the tier,
so the router can fall back to the next tier.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Sequence

import httpx
import openai
from openai import AsyncOpenAI

from whittle.config import TierConfig
from whittle.llm.base import (
    ChatMessage,
    ModelError,
    OutputConstraint,
    StreamStats,
    ToolOffer,
    byte_token_bound,
    grammar_safe_schema,
)
from whittle.llm.tool_calls import calls_text, offer_request, offer_token_bound

CHARS_PER_TOKEN = 4  # an estimate for fitting history into the context; money uses prompt_token_bound


class OpenAICompatModel:
    def __init__(self, tier: TierConfig):
        self.tier = tier
        self.name = f"{tier.model} ({tier.name})"
        self.n_ctx = tier.n_ctx
        self.client = AsyncOpenAI(base_url=tier.base_url, api_key=tier.api_key(), timeout=tier.timeout_s, max_retries=0)
        self._logprobs_supported = True

    def count_tokens(self, text: str) -> int:
        return len(text) // CHARS_PER_TOKEN + 1

    def count_message_tokens(self, message: ChatMessage) -> int:
        return self.count_tokens(message["content"]) + 6

    def prompt_token_bound(self, messages: Sequence[ChatMessage]) -> int:
        """No tokenizer for a remote model: bounded by UTF-8 bytes (see byte_token_bound)."""
        return byte_token_bound(messages)

    def constrained_prompt_token_bound(self, messages: Sequence[ChatMessage], constraint: OutputConstraint | None) -> int:
        """prompt_token_bound for the request actually sent under `constraint`: answered as native tool
        calls, that is two messages, the tools' JSON and what the server wraps them in — more than the
        messages alone when several tools with long schemas are offered."""
        if self.calls_tools_natively(constraint):
            return offer_token_bound(offer_request(constraint.tools, messages))
        return self.prompt_token_bound(messages)

    async def reachable(self) -> tuple[bool, str]:
        try:
            await self.client.with_options(timeout=3).models.list()
            return True, "ok"
        except openai.APIError as error:
            return False, f"{type(error).__name__}: {error}"

    async def stream(
        self,
        messages: Sequence[ChatMessage],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        stats: StreamStats | None = None,
        constraint: OutputConstraint | None = None,
    ) -> AsyncIterator[str]:
        stats = stats if stats is not None else StreamStats()
        stats.model = self.name
        token_logprobs: list[float] = []
        stats.extra["token_logprobs"] = token_logprobs
        started = time.perf_counter()
        response = None
        try:
            if self.calls_tools_natively(constraint):
                # Asked whole, not streamed: a call is only used once complete and validated, and some
                # servers cannot stream an automatically chosen call (llama-cpp-python's refuses to).
                text = await self._tool_calls(list(messages), max_tokens, temperature, constraint.tools, stats)
                stats.ttft_ms = (time.perf_counter() - started) * 1000
                stats.pieces = 1
                if not stats.usage_reported:
                    stats.completion_tokens = 1  # the router meters the answer's bytes when the server says nothing
                yield text
                return
            response = await self._create(self._stream_request(list(messages), max_tokens, temperature, constraint))
            async for chunk in response:
                if chunk.usage is not None:
                    stats.prompt_tokens = chunk.usage.prompt_tokens or 0
                    stats.completion_tokens = chunk.usage.completion_tokens or 0
                    stats.usage_reported = True
                if not chunk.choices:
                    continue
                choice = chunk.choices[0]
                if choice.finish_reason:
                    stats.finish_reason = choice.finish_reason
                if choice.logprobs is not None and choice.logprobs.content:
                    token_logprobs.extend(item.logprob for item in choice.logprobs.content)
                text = choice.delta.content if choice.delta else None
                if text:
                    if stats.ttft_ms is None:
                        stats.ttft_ms = (time.perf_counter() - started) * 1000
                    stats.pieces += 1
                    if not stats.usage_reported:
                        stats.completion_tokens = stats.pieces  # counted here until the server reports usage
                    yield text
            if stats.finish_reason is None:
                raise ModelError(
                    f"{self.name} failed: the stream ended before the answer was finished (no finish_reason); "
                    "the server or a proxy cut the connection."
                )
        except openai.APITimeoutError as error:
            raise ModelError(f"{self.name} failed: no answer within {self.tier.timeout_s:g}s ({error}); "
                             "raise timeout_s for this tier in whittle.toml if the server is just slow.") from error
        except openai.APIConnectionError as error:
            cause = f" ({type(error.__cause__).__name__}: {error.__cause__})" if error.__cause__ else ""
            raise ModelError(f"{self.name} failed: APIConnectionError: the connection to {self.tier.base_url} failed "
                             f"or broke{cause}. Is the server running?") from error
        except openai.APIError as error:
            raise ModelError(f"{self.name} failed: {type(error).__name__}: {error}") from error
        except httpx.TimeoutException as error:
            raise ModelError(f"{self.name} failed: the stream stalled for more than {self.tier.timeout_s:g}s "
                             f"({type(error).__name__}); raise timeout_s for this tier in whittle.toml if the server is just slow.") from error
        except httpx.HTTPError as error:
            raise ModelError(f"{self.name} failed: the connection broke mid-answer ({type(error).__name__}: {error}).") from error
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError, TypeError) as error:
            # The SDK parses each server-sent event as JSON into lenient objects: garbage shows up as these.
            raise ModelError(f"{self.name} failed: the server sent something that is not an OpenAI-compatible "
                             f"stream ({type(error).__name__}: {error}).") from error
        finally:
            stats.latency_ms = (time.perf_counter() - started) * 1000
            if response is not None:
                await response.close()  # a stopped or failed stream must not keep the server generating

    def constraint_options(self, constraint: OutputConstraint | None) -> dict:
        """How this tier's server is asked for a shape (whittle.toml `structured_output`).

        "openai": response_format json_schema (OpenAI, vLLM, Ollama); "llama.cpp": llama.cpp's
        server, which takes a JSON schema as json_object + schema and a GBNF grammar as `grammar`;
        "none": nothing is sent and the caller's check alone judges the answer. A GBNF grammar
        can only be sent to llama.cpp.
        """
        mode = self.tier.structured_output
        if constraint is None or mode == "none":
            return {}
        if mode == "llama.cpp":
            if constraint.gbnf is not None:
                return {"extra_body": {"grammar": constraint.gbnf}}
            return {"response_format": {"type": "json_object", "schema": grammar_safe_schema(constraint.json_schema)}}
        if constraint.json_schema is not None:
            schema = {"name": "answer", "schema": constraint.json_schema}
            return {"response_format": {"type": "json_schema", "json_schema": schema}}
        return {}

    def calls_tools_natively(self, constraint: OutputConstraint | None) -> bool:
        """Whether this answer is asked for as native tool calls (whittle.toml `tool_calling`)."""
        return constraint is not None and constraint.tools is not None and self.tier.native_tool_calls

    def _stream_request(self, messages: list[ChatMessage], max_tokens: int, temperature: float,
                        constraint: OutputConstraint | None) -> dict:
        return {
            "model": self.tier.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
            "stream_options": {"include_usage": True},
            **self.constraint_options(constraint),
        }

    async def _tool_calls(self, messages: list[ChatMessage], max_tokens: int, temperature: float, offer: ToolOffer,
                          stats: StreamStats) -> str:
        """One non-streamed request offering the tools; its calls as the planner's JSON list (llm/tool_calls.py)."""
        request = {"model": self.tier.model, "max_tokens": max_tokens, "temperature": temperature,
                   **offer_request(offer, messages)}
        response = await self._create(request)
        if response.usage is not None:
            stats.prompt_tokens = response.usage.prompt_tokens or 0
            stats.completion_tokens = response.usage.completion_tokens or 0
            stats.usage_reported = True
        if not response.choices:
            raise ModelError(f"{self.name} failed: the server answered the tool call request with no choice.")
        choice = response.choices[0]
        stats.finish_reason = choice.finish_reason or "stop"
        if choice.logprobs is not None and choice.logprobs.content:
            stats.extra["token_logprobs"].extend(item.logprob for item in choice.logprobs.content)
        return calls_text(choice.message)

    async def _create(self, request: dict):
        if self._logprobs_supported:
            try:
                return await self.client.chat.completions.create(**request, logprobs=True)
            except openai.BadRequestError as error:
                if "logprob" not in str(error).lower():
                    raise
                self._logprobs_supported = False  # e.g. llama.cpp server without logits_all
        return await self.client.chat.completions.create(**request)
