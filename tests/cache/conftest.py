from __future__ import annotations

import pytest

from whittle.cache import AnswerCache


@pytest.fixture
def cache(db) -> AnswerCache:
    return AnswerCache(db)
