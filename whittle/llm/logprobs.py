"""Log-probabilities of the tokens the embedded model picks, for the cascade's verifier.

llama-cpp-python only returns logprobs when every position's logits are kept
(logits_all=True: ~400 MB at n_ctx 2048 and slower prompts). A logits processor sees
the distribution before each token is sampled; on the next call the sampled token is
the last input id, so its log-probability can be read off the kept distribution.
"""

from __future__ import annotations

import numpy as np


class TokenLogprobs:
    def __init__(self) -> None:
        self.values: list[float] = []
        self._previous: np.ndarray | None = None
        self._previous_lse = 0.0
        self._prompt_length: int | None = None

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        if self._prompt_length is None:
            self._prompt_length = len(input_ids)
        elif self._previous is not None:
            token = int(input_ids[-1])
            self.values.append(float(self._previous[token] - self._previous_lse))
        peak = float(scores.max())
        self._previous_lse = peak + float(np.log(np.exp(scores - peak).sum()))
        self._previous = scores.copy()  # llama.cpp reuses the buffer for the next token
        return scores


def summarize(values: list[float]) -> dict[str, float] | None:
    """Mean and minimum log-probability, or None when the backend gave none."""
    if not values:
        return None
    return {"mean": float(np.mean(values)), "min": float(np.min(values)), "tokens": len(values)}
