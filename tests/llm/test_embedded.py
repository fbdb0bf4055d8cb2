"""The embedded model's CPU threads: WHITTLE_THREADS or a tier's n_threads reach llama.cpp itself."""

from whittle.config import Settings, TierConfig
from whittle.core import Whittle
from whittle.llm.embedded import EmbeddedModel
from whittle.router.tier_runtime import build_tiers


def _threads(model: EmbeddedModel) -> tuple[int, int]:
    params = model._llama.context_params  # what llama.cpp's context was created with
    return params.n_threads, params.n_threads_batch


def test_unset_leaves_llama_cpp_its_own_default(model):
    default = EmbeddedModel(n_ctx=256)
    try:
        assert default.n_threads is None and model.n_threads is None
        assert _threads(default) == _threads(model) and min(_threads(default)) >= 1
    finally:
        default.close()


def test_whittle_threads_reaches_the_model(settings, monkeypatch):
    monkeypatch.setenv("WHITTLE_THREADS", "1")
    whittle = Whittle(Settings(home=settings.home, n_ctx=256))
    try:
        assert whittle.model.n_threads == 1 and _threads(whittle.model) == (1, 1)
        assert whittle.router.first.backend is whittle.model
    finally:
        whittle.model.close()
        whittle.close()


def test_a_tier_with_its_own_threads_gets_its_own_model(model):
    tiers = build_tiers([TierConfig(name="local", backend="embedded", n_ctx=256, n_threads=1)], model)
    own = tiers[0].backend
    try:
        assert own is not model and _threads(own) == (1, 1)
    finally:
        own.close()
