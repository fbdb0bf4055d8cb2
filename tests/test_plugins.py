"""Apps come from built-ins, installed packages (entry points) and a local folder; broken ones are reported."""

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
