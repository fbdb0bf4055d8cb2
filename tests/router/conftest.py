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


@pytest.fixture(scope="session")
def faulty_server(tmp_path_factory):
    """tests/router/faulty_server.py on 127.0.0.1: llama-cpp-python's server that misbehaves on request
    (the model name picks how); yields its base URL, the model name that answers normally and the log
    of true usage."""
    from tests.support.llama_server import MODEL_ALIAS
    from tests.support.testing import start_openai_server, stop_server

    usage_log = tmp_path_factory.mktemp("faulty") / "usage.jsonl"
    usage_log.touch()
    script = Path(__file__).parent / "faulty_server.py"
    process, base_url = start_openai_server(script, "--usage-log", str(usage_log), name="faulty_server")
    yield {"base_url": base_url, "model": MODEL_ALIAS, "usage_log": usage_log}
    stop_server(process)
