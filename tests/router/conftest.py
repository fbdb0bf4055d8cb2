"""Fixtures: a train/test split of generated outcome files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.router.outcomes import write_outcomes


@pytest.fixture
def split_files(tmp_path: Path) -> tuple[list[Path], Path]:
    """Three training files (so settings are chosen by leaving a file out) and one test file."""
    train = [write_outcomes(tmp_path / "train" / f"part{i}.csv", 70, seed=i) for i in range(3)]
    return train, write_outcomes(tmp_path / "test" / "held_out.csv", 80, seed=99)
