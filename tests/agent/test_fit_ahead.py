"""`python -m whittle.agent.fit_ahead`: the learned models are ready before any chat turn."""

from __future__ import annotations

from whittle.agent import arg_spans, fit_ahead, intents, pointed


def test_the_three_learned_models_are_ready_after_it(capsys):
    fit_ahead.main()
    assert intents.trained.fitted and arg_spans.trained.fitted and pointed.trained.fitted
    assert "The assistant's learned models are ready in " in capsys.readouterr().out
