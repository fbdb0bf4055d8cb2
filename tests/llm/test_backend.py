"""Both kinds of tier give the router what the Backend protocol names, with the same call shapes."""

import inspect

import pytest

from whittle.config import TierConfig
from whittle.llm.base import Backend
from whittle.llm.openai_compat import OpenAICompatModel

METHODS = ("count_tokens", "count_message_tokens", "prompt_token_bound", "stream")


@pytest.fixture
def remote() -> OpenAICompatModel:
    # Building the client sends nothing: no server is needed at this address.
    return OpenAICompatModel(TierConfig(name="remote", backend="openai", base_url="http://127.0.0.1:9/v1", model="m"))


@pytest.mark.parametrize("which", ["embedded", "openai"])
def test_each_backend_satisfies_the_protocol(which, model, remote):
    backend = model if which == "embedded" else remote
    assert isinstance(backend, Backend)
    assert isinstance(backend.name, str) and isinstance(backend.n_ctx, int)
    for method in METHODS:
        # isinstance() only sees that the names exist; the router also relies on their parameters.
        wanted = inspect.signature(getattr(Backend, method)).parameters
        given = inspect.signature(getattr(type(backend), method)).parameters
        assert [(p.name, p.kind, p.default) for p in given.values()] == [
            (p.name, p.kind, p.default) for p in wanted.values()
        ], f"{type(backend).__name__}.{method}"
    assert inspect.isasyncgenfunction(type(backend).stream)


def test_something_else_is_not_a_backend():
    assert not isinstance(object(), Backend)
