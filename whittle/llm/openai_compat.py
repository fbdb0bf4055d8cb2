"""Any OpenAI-compatible endpoint through the official `openai` async SDK.

Ollama (/v1), llama.cpp's server, vLLM, LM Studio, OpenAI, OpenRouter, Groq and the
compatible endpoints of Gemini and Anthropic all speak this protocol. Usage counts and
token log-probabilities are read when the server sends them.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Sequence

import openai
from openai import AsyncOpenAI

from whittle.llm.base import ChatMessage, ModelError, StreamStats
from whittle.router.tiers import TierConfig

CHARS_PER_TOKEN = 4  # no tokenizer for remote models; a deliberate over-estimate margin is added by callers


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
    ) -> AsyncIterator[str]:
        stats = stats if stats is not None else StreamStats()
        stats.model = self.name
        token_logprobs: list[float] = []
        stats.extra["token_logprobs"] = token_logprobs
        started = time.perf_counter()
        try:
            response = await self._create(list(messages), max_tokens, temperature)
            async for chunk in response:
                if chunk.usage is not None:
                    stats.prompt_tokens = chunk.usage.prompt_tokens or 0
                    stats.completion_tokens = chunk.usage.completion_tokens or 0
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
                    yield text
        except openai.APIError as error:
            raise ModelError(f"{self.name} failed: {type(error).__name__}: {error}") from error
        finally:
            stats.latency_ms = (time.perf_counter() - started) * 1000

    async def _create(self, messages: list[ChatMessage], max_tokens: int, temperature: float):
        request = dict(
            model=self.tier.model,
            messages=messages,
            max_tokens=max_tokens,
            temperature=temperature,
            stream=True,
            stream_options={"include_usage": True},
        )
        if self._logprobs_supported:
            try:
                return await self.client.chat.completions.create(**request, logprobs=True)
            except openai.BadRequestError as error:
                if "logprob" not in str(error).lower():
                    raise
                self._logprobs_supported = False  # e.g. llama.cpp server without logits_all
        return await self.client.chat.completions.create(**request)
