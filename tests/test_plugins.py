"""Plugins: apps from built-ins, entry points and a local folder; every hook; broken ones are reported."""

import sys
import textwrap

import pytest

from whittle.config import Settings
from whittle.core import Whittle

APP_MODULE = '''
from fasthtml.common import P
from whittle.apps.base import WhittleApp
from whittle.plugins import hookimpl

class {cls}(WhittleApp):
    name = "{name}"
    title = "{title}"
    menu_order = 70

    def render(self):
        return P("{title} says hello", id="{name}-hello")

@hookimpl
def register_apps(register):
    register({cls})
'''


@pytest.fixture
def installed_package(tmp_path, monkeypatch):
    """A real installed distribution on sys.path, declaring an entry point in the "whittle" group."""
    site = tmp_path / "site"
    (site / "whittle_weather-1.0.dist-info").mkdir(parents=True)
    (site / "whittle_weather-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: whittle-weather\nVersion: 1.0\n")
    (site / "whittle_weather-1.0.dist-info" / "entry_points.txt").write_text("[whittle]\nweather = whittle_weather\n")
    (site / "whittle_weather.py").write_text(APP_MODULE.format(cls="Weather", name="weather", title="Weather"))
    monkeypatch.syspath_prepend(str(site))
    yield
    sys.modules.pop("whittle_weather", None)


@pytest.fixture
def apps_folder(home):
    folder = home / "my-apps"
    folder.mkdir()
    (folder / "notes.py").write_text(APP_MODULE.format(cls="Notes", name="notes", title="Notes"))
    (folder / "broken_import.py").write_text("raise RuntimeError('this plugin is broken on purpose')\n")
    (folder / "broken_hook.py").write_text(textwrap.dedent('''
        from whittle.plugins import hookimpl

        @hookimpl
        def register_apps(register):
            raise ValueError("cannot register")
    '''))
    (home / "whittle.toml").write_text(f'[apps]\nfolder = "{folder}"\n')
    return folder


def test_apps_from_an_entry_point_and_a_folder_and_broken_ones_reported(installed_package, apps_folder, home, model):
    whittle = Whittle(Settings(home=home), model=model)
    try:
        assert {"weather", "notes", "introduction"} <= set(whittle.apps)
        broken = {plugin.name: plugin.error for plugin in whittle.broken_plugins}
        assert any("broken_import.py" in name and "broken on purpose" in error for name, error in broken.items())
        assert any("broken_hook.py" in name and "cannot register" in error for name, error in broken.items())

        from starlette.testclient import TestClient

        from whittle.web.app import create_app

        with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
            page = client.get("/app/weather").text
            assert 'id="weather-hello"' in page
            assert 'id="broken-plugins"' in page and "broken on purpose" in page
            assert client.get("/app/notes").status_code == 200
    finally:
        whittle.close()


def test_a_missing_apps_folder_is_reported_not_fatal(home, model):
    (home / "whittle.toml").write_text('[apps]\nfolder = "/nonexistent/apps"\n')
    whittle = Whittle(Settings(home=home), model=model)
    assert "introduction" in whittle.apps
    assert "does not exist" in whittle.broken_plugins[0].error
    whittle.close()


HOOKS_MODULE = '''
from pydantic import BaseModel
from starlette.responses import PlainTextResponse
from fasthtml.common import Span
from whittle.plugins import hookimpl
from whittle.tools import Tool


class City(BaseModel):
    city: str


def weather_page(request):
    return PlainTextResponse("sunny")


@hookimpl
def header_items():
    return Span("☀ 21°", id="weather-badge")


@hookimpl
def system_prompt_facts():
    return {"home town": "Lyon", "empty": ""}


@hookimpl
def register_tools(register):
    register(Tool("weather_now", "Say what the weather is in a city.", City))


@hookimpl
def register_routes(register):
    register("/weather.txt", weather_page)


@hookimpl
def register_backends(register):
    def refuse(config, default_model):
        from whittle.config import ConfigError
        raise ConfigError("the echo back-end is a test double and never answers")
    register("echo", refuse)
'''


def test_every_hook_of_a_folder_plugin_is_used(home, model):
    folder = home / "plugins"
    folder.mkdir()
    (folder / "weather_hooks.py").write_text(HOOKS_MODULE)
    (folder / "typo.py").write_text(
        "from whittle.plugins import hookimpl\n\n@hookimpl\ndef register_app(register):\n    pass\n"
    )
    (folder / "bad_header.py").write_text(
        "from whittle.plugins import hookimpl\n\n@hookimpl\ndef header_items():\n    raise KeyError('oops')\n"
    )
    (home / "whittle.toml").write_text(f'[apps]\nfolder = "{folder}"\n')
    whittle = Whittle(Settings(home=home, max_tokens=24), model=model)
    try:
        assert "home town: Lyon" in whittle.system_prompt() and "empty" not in whittle.system_prompt()
        assert whittle.tools.get("weather_now").app is None
        from whittle.plugins import backend_factories

        assert {"embedded", "openai", "echo"} <= set(backend_factories(whittle.plugins))
        broken = {plugin.name: plugin.error for plugin in whittle.broken_plugins}
        assert "unknown hook register_app" in broken["typo.py (apps folder)"]

        from starlette.testclient import TestClient

        from whittle.web.app import create_app

        with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
            page = client.get("/app/todo").text
            assert 'id="weather-badge"' in page, "a plugin's header item"
            assert 'id="profile-switcher"' in page, "a failing header item spoils nothing"
            assert client.get("/weather.txt").text == "sunny"
        broken = {plugin.name: plugin.error for plugin in whittle.broken_plugins}
        assert "KeyError" in broken["bad_header.py (apps folder)"]
    finally:
        whittle.close()


def test_a_tier_names_its_back_end_and_an_unknown_one_is_unusable_with_the_reason(home, model):
    from whittle.config import TierConfig
    from whittle.router.tier_runtime import build_tiers

    tiers = build_tiers([TierConfig(name="local", backend="embedded")], model, {"openai": None})
    assert tiers[0].backend is None
    assert "no back-end 'embedded' is installed (installed: openai)" in tiers[0].unavailable
    assert build_tiers([TierConfig(name="local", backend="embedded")], model)[0].backend is model


def test_an_app_with_an_unusable_name_is_reported(home, model):
    folder = home / "apps"
    folder.mkdir()
    (folder / "spaces.py").write_text(APP_MODULE.format(cls="Spaces", name="My App", title="Spaces"))
    (home / "whittle.toml").write_text(f'[apps]\nfolder = "{folder}"\n')
    whittle = Whittle(Settings(home=home), model=model)
    try:
        assert "My App" not in whittle.apps
        assert any("lower-case letters" in plugin.error for plugin in whittle.broken_plugins)
    finally:
        whittle.close()
