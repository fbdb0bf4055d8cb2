"""Request features: the answer-option similarity signals and the configs that carry them."""

from __future__ import annotations

import pytest

from whittle.router.learned.features import OPTION_FEATURES, FeatureConfig, extract, option_similarity

ALIKE = """For which scenario does the main character do something clearly wrong?
A. Wrong, Wrong
B. Wrong, Not wrong
C. Not wrong, Wrong
D. Not wrong, Not wrong
Answer:"""

APART = """Which organ filters blood?
A. The kidney
B. A violin
C. Mount Everest
D. Photosynthesis
Answer:"""


def test_alike_options_score_high_and_unrelated_ones_zero() -> None:
    # Word sets {wrong}, {wrong, not} ×3: three pairs overlap 1/2, three fully; every word is shared.
    assert option_similarity(ALIKE) == pytest.approx([0.75, 1.0])
    assert option_similarity(APART) == [0.0, 0.0]


def test_exact_values_on_a_small_case() -> None:
    # Options {x, y}, {y, z}, {q}: Jaccard 1/3, 0, 0 -> mean 1/9; "y" is in two options: 2 of 5 words.
    prompt = "Pick one.\nA. x y\nB. y z\nC. q\nAnswer:"
    overlap, shared = option_similarity(prompt)
    assert overlap == pytest.approx(1 / 9)
    assert shared == pytest.approx(2 / 5)


def test_no_options_means_zeros() -> None:
    assert option_similarity("What is 2 + 2?") == [0.0, 0.0]
    assert option_similarity("Choose.\nA. only one\nAnswer:") == [0.0, 0.0]


def test_features_line_up_with_their_names() -> None:
    for config in (FeatureConfig(), FeatureConfig(options=False), FeatureConfig(response=True)):
        features = extract(ALIKE, "We need 2 * 3 = 6.\n#### 6", config)
        assert len(features.dense) == len(config.dense_names)
    assert set(OPTION_FEATURES) <= set(FeatureConfig().dense_names)
    assert not set(OPTION_FEATURES) & set(FeatureConfig(options=False).dense_names)


def test_a_config_saved_before_option_features_loads_without_them() -> None:
    old = FeatureConfig(options=False).to_dict()
    del old["options"]
    assert FeatureConfig.from_dict(old).options is False
    assert FeatureConfig.from_dict(FeatureConfig().to_dict()) == FeatureConfig()
