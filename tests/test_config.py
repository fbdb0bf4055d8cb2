"""Settings from the environment: WHITTLE_THREADS is checked, and a bad value names the fix."""

import pytest

from whittle.cli import main
from whittle.config import SettingError, Settings


def test_threads_come_from_the_environment(home, monkeypatch):
    monkeypatch.delenv("WHITTLE_THREADS", raising=False)
    assert Settings().n_threads is None, "unset: llama.cpp's own default"
    monkeypatch.setenv("WHITTLE_THREADS", " 3 ")
    assert Settings().n_threads == 3
    assert Settings(n_threads=1).n_threads == 1, "an explicit value wins"


@pytest.mark.parametrize("bad", ["0", "-2", "two", "1.5"])
def test_a_bad_thread_count_says_how_to_fix_it(home, monkeypatch, bad):
    monkeypatch.setenv("WHITTLE_THREADS", bad)
    with pytest.raises(SettingError, match=r"WHITTLE_THREADS=.* is not a number of threads\. Fix: set WHITTLE_THREADS"):
        Settings()


@pytest.mark.parametrize("bad", [0, True, 2.0])
def test_settings_refuse_a_bad_thread_count_from_code_too(home, bad):
    with pytest.raises(SettingError, match="n_threads="):
        Settings(n_threads=bad)


def test_the_command_line_reports_it_in_one_line(home, monkeypatch, capsys):
    monkeypatch.setenv("WHITTLE_THREADS", "lots")
    assert main(["serve", "--port", "5997"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("whittle: error: WHITTLE_THREADS='lots'") and error.count("\n") == 1
