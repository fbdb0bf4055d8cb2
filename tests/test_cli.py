import os
import subprocess
import sys

from whittle.cli import build_parser


def _whittle(*args, env_home, timeout=120):
    env = {**os.environ, "WHITTLE_HOME": str(env_home)}
    return subprocess.run(
        [sys.executable, "-m", "whittle", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_help_explains_each_command():
    text = build_parser().format_help()
    assert "serve" in text and "ask" in text and "WHITTLE_HOME" in text


def test_serve_help_lists_options(home):
    result = _whittle("serve", "--help", env_home=home)
    assert result.returncode == 0
    for option in ("--host", "--port", "--model", "--allow-host", "--max-tokens"):
        assert option in result.stdout


def test_ask_streams_an_answer_and_logs_it(home):
    result = _whittle("ask", "What colour is the sky?", "--max-tokens", "12", env_home=home)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    import sqlite3

    row = sqlite3.connect(home / "whittle.db").execute("SELECT purpose, response, status FROM llm_calls").fetchone()
    assert row[0] == "ask" and row[2] == "done" and row[1].strip() == result.stdout.strip()


def test_missing_model_is_one_clear_error_at_start_up(home, tmp_path):
    result = _whittle("serve", "--model", str(tmp_path / "missing.gguf"), "--port", "5999", env_home=home, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("whittle: error: Model file not found")
    assert "Fix:" in result.stderr
    assert "Traceback" not in result.stderr


def test_corrupt_model_is_one_clear_error(home, tmp_path):
    corrupt = tmp_path / "corrupt.gguf"
    corrupt.write_bytes(b"GGUF" + os.urandom(2048))
    result = _whittle("serve", "--model", str(corrupt), "--port", "5999", env_home=home, timeout=60)
    assert result.returncode == 2
    assert "could not load the model" in result.stderr and "Fix:" in result.stderr
    assert "Traceback" not in result.stderr


def test_public_host_prints_a_warning(home, tmp_path):
    result = _whittle(
        "serve", "--host", "0.0.0.0", "--model", str(tmp_path / "missing.gguf"), env_home=home, timeout=60
    )
    assert "warning: listening on 0.0.0.0" in result.stderr


def test_version_prints_the_version(home):
    from whittle import __version__

    result = _whittle("--version", env_home=home, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == f"whittle {__version__}"


def test_a_port_in_use_is_one_clear_error_before_anything_starts(home):
    import socket

    with socket.socket() as taken:  # another program listening on the port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _whittle("serve", "--port", str(port), env_home=home, timeout=60)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"whittle: error: Port {port} is in use on 127.0.0.1 — stop the other program or pass --port N"
    ]
    assert "Traceback" not in result.stderr and "serving" not in result.stdout
    assert not (home / "whittle.db").exists(), "refused before the database or the model were touched"


def test_a_free_port_passes_the_check():
    import socket

    from whittle.cli import port_problem

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert port_problem("127.0.0.1", port) is None
