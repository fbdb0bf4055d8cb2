"""Log-probabilities of the tokens the embedded model picks, for the cascade's verifier.

llama-cpp-python only returns logprobs when every position's logits are kept
(logits_all=True: ~400 MB at n_ctx 2048 and slower prompts). A logits processor sees
the distribution before each token is sampled; on the next call the sampled token is
the last input id, so its log-probability can be read off the kept distribution.

The processor runs before llama.cpp applies an output grammar, so under a grammar these are the
model's *unconstrained* log-probabilities: a label the grammar forces can look unlikely only
because the model wanted to write a sentence first. For a choice among labels the meaningful
figure is the label's share of the probability mass the grammar allows, computed from the first
few positions' full distributions (kept in `LogprobTrace.head`) by `label_probability`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

HEAD_POSITIONS = 6  # full distributions kept for the first positions: labels are a few tokens long


class LogprobTrace(list):
    """The chosen tokens' log-probabilities (a list of floats, as before), plus the chosen token ids
    and the log-softmax distributions of the first HEAD_POSITIONS positions."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[int] = []
        self.head: list[np.ndarray] = []


class TokenLogprobs:
    def __init__(self) -> None:
        self.values = LogprobTrace()
        self._previous: np.ndarray | None = None
        self._previous_lse = 0.0
        self._prompt_length: int | None = None

    def __call__(self, input_ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
        if self._prompt_length is None:
            self._prompt_length = len(input_ids)
        elif self._previous is not None:
            token = int(input_ids[-1])
            self.values.append(float(self._previous[token] - self._previous_lse))
            self.values.tokens.append(token)
        peak = float(scores.max())
        self._previous_lse = peak + float(np.log(np.exp(scores - peak).sum()))
        self._previous = scores.copy()  # llama.cpp reuses the buffer for the next token
        if len(self.values.head) < HEAD_POSITIONS:
            self.values.head.append((self._previous - self._previous_lse).astype(np.float32))
        return scores


def summarize(values: list[float]) -> dict[str, float] | None:
    """Mean and minimum log-probability, or None when the backend gave none."""
    if not values:
        return None
    return {"mean": float(np.mean(values)), "min": float(np.min(values)), "tokens": len(values)}


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def label_probability(
    trace: Sequence[float], choices: Sequence[str], chosen: str, tokenize: Callable[[str], list[int]]
) -> float | None:
    """P(chosen label) among `choices` under a grammar that allows exactly those labels, or None when
    the trace has no distributions (a remote backend) or the chosen label is not one of them.

    Each label is scored by the model's log-probability of its tokens up to the position where it
    parts from every other label (after that the grammar forces the rest), read off the distributions
    along the generated path; a label that left the path earlier is scored up to where it left (its
    share with labels it still shares a prefix with is then counted once for the group: a
    conservative, lower confidence). The chosen label's path is the generated tokens themselves.
    Labels spelled with other tokenisations than the tokenizer's own are not counted.
    """
    head: list[np.ndarray] = getattr(trace, "head", None) or []
    path: list[int] = list(getattr(trace, "tokens", None) or [])
    if not head or chosen not in choices or len(set(choices)) < 2:
        return None
    token_ids = {label: list(tokenize(label)) for label in dict.fromkeys(choices)}
    token_ids[chosen] = path or token_ids[chosen]
    scores = []
    for label, ids in token_ids.items():
        others = [other for name, other in token_ids.items() if name != label]
        decided = min(len(ids), 1 + max(_common_prefix(ids, other) for other in others))
        on_path = _common_prefix(ids, path)
        depth = min(decided, on_path + 1, len(head))
        if depth == 0:
            return None
        scores.append(sum(float(head[k][ids[k]]) for k in range(depth)))
    chosen_index = list(token_ids).index(chosen)
    scores_array = np.array(scores)
    weights = np.exp(scores_array - scores_array.max())
    # Never quite 1: tokenisations not counted here, and a config's min_mean_logprob = 0 escalates all.
    return min(float(weights[chosen_index] / weights.sum()), 1 - 1e-9)
