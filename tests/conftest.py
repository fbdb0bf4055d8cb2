"""Shared fixtures. The model is real (the bundled SmolLM2); it is loaded once per session."""

from __future__ import annotations

import pytest

from whittle.config import Settings
from whittle.core import Whittle
from whittle.db import Database
from whittle.llm.embedded import EmbeddedModel


@pytest.fixture(scope="session")
def model() -> EmbeddedModel:
    return EmbeddedModel(n_ctx=2048)


@pytest.fixture
def home(tmp_path, monkeypatch):
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("WHITTLE_HOME", str(path))
    return path


@pytest.fixture
def db(tmp_path):
    """A real SQLite database of its own for store-level tests."""
    database = Database(tmp_path / "test.db")
    yield database
    database.close()


@pytest.fixture
def settings(home) -> Settings:
    return Settings(home=home, max_tokens=24)


@pytest.fixture
def whittle(settings, model):
    instance = Whittle(settings, model=model)
    yield instance
    instance.close()


@pytest.fixture
def client(whittle):
    from starlette.testclient import TestClient

    from whittle.web.app import create_app

    with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def remote_server(tmp_path_factory):
    """llama-cpp-python's OpenAI-compatible server on 127.0.0.1, recording every request body."""
    from pathlib import Path

    from tests.support.llama_server import MODEL_ALIAS
    from tests.support.testing import start_openai_server, stop_server

    log = tmp_path_factory.mktemp("remote") / "bodies.jsonl"
    script = Path(__file__).parent / "support" / "recording_llama_server.py"
    process, base_url = start_openai_server(script, "--log", str(log), name="llama_cpp.server")
    yield {"base_url": base_url, "log": log, "model": MODEL_ALIAS}
    stop_server(process)
