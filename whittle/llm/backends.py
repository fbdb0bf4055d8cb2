"""The built-in model back-ends, registered through the `register_backends` hook like any plugin's.

`embedded`: llama.cpp in-process (EmbeddedModel); `openai`: any OpenAI-compatible server
(OpenAICompatModel). A plugin adds a kind the same way: `register("kind", factory)`, where
`factory(tier_config, default_model)` returns a `whittle.llm.base.Backend`.
"""

from __future__ import annotations

from pathlib import Path

from whittle.llm.base import Backend
from whittle.llm.embedded import EmbeddedModel
from whittle.plugins import hookimpl


def embedded(config, default_model: EmbeddedModel | None) -> Backend:
    # The tier's own n_threads wins; otherwise it runs like the default model (WHITTLE_THREADS).
    inherited = default_model.n_threads if default_model is not None else None
    n_threads = config.n_threads if config.n_threads is not None else inherited
    if config.model == "default" and default_model is not None and n_threads == default_model.n_threads:
        return default_model
    path = None if config.model == "default" else Path(config.model)
    return EmbeddedModel(path, n_ctx=config.n_ctx, n_threads=n_threads)


def openai_compatible(config, default_model: EmbeddedModel | None) -> Backend:
    from whittle.llm.openai_compat import OpenAICompatModel  # noqa: PLC0415 - the SDK is only needed for such tiers

    return OpenAICompatModel(config)


@hookimpl
def register_backends(register):
    register("embedded", embedded)
    register("openai", openai_compatible)
