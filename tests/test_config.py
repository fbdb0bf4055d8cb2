"""Settings and whittle.toml: a bad environment variable or config file names the problem and the fix."""

import os
from contextlib import contextmanager

import pytest

from tests.support.whittle_toml import LOCAL_TIER
from whittle.cli import main
from whittle.config import ConfigError, SettingError, Settings, load_config


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


# -- whittle.toml: every mistake names the file, the field and the fix -------------------------------

LOCAL = LOCAL_TIER  # a local tier's table, open: tests append fields to it
REMOTE = '[[tiers]]\nname = "cloud"\nbackend = "openai"\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "m"\n'


def write(tmp_path, text: str | bytes):
    path = tmp_path / "whittle.toml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def refused(path, *fragments):
    with pytest.raises(ConfigError) as error:
        load_config(path)
    message = str(error.value)
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


def test_a_named_config_file_must_exist(tmp_path, monkeypatch):
    monkeypatch.delenv("WHITTLE_CONFIG", raising=False)
    missing = tmp_path / "nonexistent.toml"
    refused(missing, str(missing), "no such file", "--config")
    with pytest.raises(ConfigError, match="no such file"):
        Settings(home=tmp_path, config_path=missing).load_config()
    monkeypatch.setenv("WHITTLE_CONFIG", str(missing))
    with pytest.raises(ConfigError, match="no such file"):
        Settings(home=tmp_path).load_config()
    monkeypatch.delenv("WHITTLE_CONFIG")
    default = Settings(home=tmp_path).load_config()  # <home>/whittle.toml may be absent: the built-in tier
    assert [(t.name, t.backend) for t in default.tiers] == [("local", "embedded")]


def test_the_command_line_fails_on_a_missing_config_instead_of_using_the_built_in_tier(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WHITTLE_HOME", str(tmp_path))
    monkeypatch.delenv("WHITTLE_CONFIG", raising=False)
    for command in (["serve", "--port", "5996"], ["models"], ["ask", "hi"]):
        assert main([*command, "--config", "/nonexistent.toml"]) == 2, command
        error = capsys.readouterr().err
        assert error.startswith("whittle: error: /nonexistent.toml: no such file"), error


def test_a_directory_is_not_a_config_file(tmp_path):
    refused(tmp_path, "is a directory", str(tmp_path / "whittle.toml"))


@contextmanager
def as_another_user():
    """Root reads any file whatever its mode: check permissions as 'nobody' (euid only, restored after)."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_an_unreadable_config_file_says_how_to_fix_it(tmp_path):
    tmp_path.chmod(0o755)
    path = write(tmp_path, LOCAL)
    path.chmod(0o000)
    try:
        with as_another_user():
            message = refused(path, "permission denied", f"chmod u+r {path}")
    finally:
        path.chmod(0o644)
    assert "Traceback" not in message


def test_a_config_file_that_is_not_utf8_says_where(tmp_path):
    path = write(tmp_path, LOCAL.encode() + b'# caf\xe9\n')
    refused(path, "not UTF-8", "byte 0xe9", "save the file as UTF-8")


@pytest.mark.parametrize("table", ["per_tier_daily_usd", "per_provider_monthly_usd"])
def test_negative_budgets_are_refused(tmp_path, table):
    path = write(tmp_path, LOCAL + f'[budgets]\n{table} = {{ "local" = -0.5 }}\n')
    refused(path, f"budgets.{table}.local", "greater than or equal to 0")


def test_a_budget_for_a_tier_that_does_not_exist_is_refused(tmp_path):
    path = write(tmp_path, LOCAL + REMOTE + '[budgets]\nper_tier_daily_usd = { "gpt4" = 0.5 }\n')
    refused(path, "per_tier_daily_usd names 'gpt4'", "use one of: local, cloud")
    path = write(tmp_path, LOCAL + REMOTE + 'provider = "openai"\n[budgets]\nper_provider_monthly_usd = { "opnai" = 5 }\n')
    refused(path, "per_provider_monthly_usd names 'opnai'", "use one of: local, openai")
    path = write(tmp_path, LOCAL + REMOTE + 'provider = "openai"\n[budgets]\nper_tier_daily_usd = { "cloud" = 0.5 }\n'
                 'per_provider_monthly_usd = { "openai" = 5 }\n')
    assert load_config(path).budgets.per_tier_daily_usd == {"cloud": 0.5}


@pytest.mark.parametrize("given, missing", [("price_input_per_mtok", "price_output_per_mtok"),
                                            ("price_output_per_mtok", "price_input_per_mtok")])
def test_a_half_set_price_names_the_missing_field(tmp_path, given, missing):
    path = write(tmp_path, REMOTE + f"{given} = 0.15\n")
    refused(path, f"{given} is set but {missing} is missing", "set both")


def test_a_bad_embedded_model_path_says_what_to_change_in_the_file(tmp_path):
    missing = tmp_path / "no-such-model.gguf"
    message = refused(write(tmp_path, LOCAL + f'model = "{missing}"\n'), f"model '{missing}' does not exist",
                      "set this tier's model to the path of a .gguf file", '"default"')
    assert "--model" not in message
    not_gguf = tmp_path / "notes.txt"
    not_gguf.write_text("hello")
    refused(write(tmp_path, LOCAL + f'model = "{not_gguf}"\n'), "is not a GGUF model file")
    refused(write(tmp_path, LOCAL + f'model = "{tmp_path}"\n'), "is not a file")


def test_serve_refuses_to_start_when_no_tier_can_answer(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WHITTLE_HOME", str(tmp_path))
    monkeypatch.setenv("WHITTLE_THREADS", "1")
    monkeypatch.delenv("WHITTLE_TEST_ABSENT_KEY", raising=False)
    path = write(tmp_path, REMOTE + 'api_key_env = "WHITTLE_TEST_ABSENT_KEY"\n')
    assert main(["serve", "--port", "5995", "--config", str(path)]) == 2
    error = capsys.readouterr().err
    assert "tier 'cloud' is not used" in error and "WHITTLE_TEST_ABSENT_KEY" in error
    assert "whittle: error: no tier can answer" in error and str(path) in error
    assert "serving http" not in error


def test_privacy_when_uncertain_reaches_the_router(tmp_path, model):
    from whittle.core import Whittle

    path = write(tmp_path, LOCAL + REMOTE + 'trust = "trusted"\nprice_input_per_mtok = 1\nprice_output_per_mtok = 1\n'
                  '[privacy]\nwhen_uncertain = "keep_local"\n')
    whittle = Whittle(Settings(home=tmp_path, config_path=path), model=model)
    try:
        assert whittle.router.gate.policy.when_uncertain == "keep_local"
    finally:
        whittle.close()


def test_a_bad_privacy_setting_names_the_choices(tmp_path):
    path = write(tmp_path, LOCAL + '[privacy]\nwhen_uncertain = "maybe"\n')
    refused(path, "privacy.when_uncertain", "'send', 'mask' or 'keep_local'")
