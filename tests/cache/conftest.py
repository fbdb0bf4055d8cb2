from __future__ import annotations

import pytest

from whittle.cache import AnswerCache
from whittle.db import Database


@pytest.fixture
def db(tmp_path):
    database = Database(tmp_path / "cache.db")
    yield database
    database.close()


@pytest.fixture
def cache(db) -> AnswerCache:
    return AnswerCache(db)
