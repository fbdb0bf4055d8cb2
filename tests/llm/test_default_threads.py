"""The embedded model's default threads, chosen from bench/threads.py: half the CPUs, for answering and reading."""

import os

from whittle.llm.embedded import EmbeddedModel, default_threads


def test_unset_threads_are_half_the_usable_cpus_for_both_phases():
    assert default_threads() == max(1, len(os.sched_getaffinity(0)) // 2)
    model = EmbeddedModel(n_ctx=256)
    try:
        params = model._llama.context_params
        assert (params.n_threads, params.n_threads_batch) == (default_threads(), default_threads())
    finally:
        model.close()


def test_reading_the_prompt_may_have_its_own_threads():
    model = EmbeddedModel(n_ctx=256, n_threads=1, n_threads_batch=2)
    try:
        params = model._llama.context_params
        assert (params.n_threads, params.n_threads_batch) == (1, 2)
    finally:
        model.close()
