"""The docs are tied to the code: they name every module and hook, and their examples run."""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from whittle.config import Settings
from whittle.core import Whittle
from whittle.plugins import WhittleSpec
from whittle.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "whittle"
HX = {"HX-Request": "true"}
CODE_BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```", re.M | re.S)


def section(markdown: str, heading: str) -> str:
    """The text under a '## heading' up to the next heading of the same level."""
    start = markdown.index(f"\n{heading}\n")
    level = heading.split(" ", 1)[0] + " "
    end = markdown.find(f"\n{level}", start + len(heading) + 2)
    return markdown[start : end if end != -1 else len(markdown)]


def python_blocks(markdown: str) -> list[str]:
    return [textwrap.dedent(block) for _, block in CODE_BLOCK.findall(markdown)]


def hook_names() -> list[str]:
    return [name for name, value in vars(WhittleSpec).items() if callable(value) and not name.startswith("_")]


# -- docs name what exists -------------------------------------------------------------------
def missing_from_architecture(text: str) -> list[str]:
    """Modules as paths under whittle/ (a package's __init__.py as the folder, e.g. 'privacy/')."""
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative == "__init__.py":
            continue
        name = relative.removesuffix("__init__.py") if path.name == "__init__.py" else relative
        if name not in text:
            missing.append(name)
    return missing


def test_architecture_names_every_module():
    missing = missing_from_architecture((ROOT / "docs" / "architecture.md").read_text())
    assert not missing, "docs/architecture.md does not mention (add a line for each): " + ", ".join(missing)


def test_every_hook_is_documented_for_plugin_authors():
    guide = (ROOT / "docs" / "apps.md").read_text()
    headings = set(re.findall(r"^### `(\w+)\(", guide, re.M))
    undocumented = [name for name in hook_names() if name not in headings]
    assert not undocumented, "docs/apps.md needs a '### `hook(...)`' section for: " + ", ".join(undocumented)
    assert all(getattr(WhittleSpec, name).__doc__ for name in hook_names()), "every hookspec has a docstring"
    assert len(hook_names()) >= 6


# -- the README's examples run ---------------------------------------------------------------------
def _start(home: Path, model, files: dict[str, str]) -> Whittle:
    folder = home / "plugins"
    folder.mkdir()
    for name, source in files.items():
        (folder / name).write_text(source)
    (home / "whittle.toml").write_text(f'[apps]\nfolder = "{folder}"\n')
    whittle = Whittle(Settings(home=home, max_tokens=24), model=model)
    assert not whittle.broken_plugins, whittle.broken_plugins
    return whittle


def _notes(whittle: Whittle) -> list[str]:
    return [m.content for m in whittle.chat.store.history() if m.role == "context"]


def test_readme_app_example_runs(home, model):
    readme = (ROOT / "README.md").read_text()
    (example,) = python_blocks(section(readme, "## Writing an app"))
    whittle = _start(home, model, {"hello_readme.py": example})
    try:
        with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
            page = client.get("/app/hello")
            assert page.status_code == 200 and 'hx-post="/app/hello/wave"' in page.text
            assert client.post("/app/hello/wave", headers=HX).status_code == 200
        assert "The user waved." in _notes(whittle)
        shown = [(m.source, m.content) for m in whittle.chat.store.visible()]
        assert ("app:hello", "👋 You waved!") in shown
        assert shown[-1][0] == "model" and shown[-1][1].strip(), "the model answered the prompt"
    finally:
        whittle.close()


def _run_notebook_lines(snippet: str, namespace: dict) -> int:
    """Run the snippet line by line; where a line's comment is a Python literal, the line must evaluate to it."""
    checked = 0
    for line in snippet.splitlines():
        code, _, comment = line.partition("  #")
        if not code.strip():
            continue
        try:
            expected = ast.literal_eval(comment.strip())
            ast.parse(code.strip(), mode="eval")
        except (SyntaxError, ValueError):
            exec(code.strip(), namespace)  # noqa: S102 - the README's own example, run as a reader would
            continue
        assert eval(code.strip(), namespace) == expected, line  # noqa: S307 - same
        checked += 1
    return checked


def test_readme_workflow_example_runs_in_the_browser_and_from_python(home, model):
    readme = (ROOT / "README.md").read_text()
    example, notebook = python_blocks(section(readme, "## Writing a workflow"))
    whittle = _start(home, model, {"greeting_readme.py": example})
    try:
        app = whittle.apps["greeting"]
        with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
            assert 'id="wf-greeting"' in client.get("/app/greeting").text
            client.post("/app/greeting/open", data={"key": "browser-01"}, headers=HX)
            run_id = app.memory.last_run(whittle.profiles.active().id)
            client.post(f"/app/greeting/runs/{run_id}/steps/name", data={"name": "Grace"}, headers=HX)
            card = client.post(f"/app/greeting/runs/{run_id}/steps/greeting", data={"greeting": "Hi"}, headers=HX)
            assert "Hi, Grace!" in card.text

        namespace = {"GreetingWorkflow": app.workflow}
        assert _run_notebook_lines(notebook, namespace) == 2, "both commented results were checked"
        namespace["run"].close()
        assert "default-greeting-01" in [summary.run.key for summary in app.workflow.runs()]
    finally:
        whittle.close()


# -- a third-party app written from docs/apps.md alone -----------------------------------------------
def test_the_app_in_the_plugin_guide_installs_from_a_folder_and_works(home, model):
    (example, *_) = python_blocks((ROOT / "docs" / "apps.md").read_text())
    whittle = _start(home, model, {"reading_list.py": example})
    try:
        assert whittle.tools.get("reading_list_add").app == "reading-list"
        with TestClient(create_app(whittle), base_url="http://127.0.0.1:5001") as client:
            page = client.get("/app/reading-list").text
            assert 'hx-post="/app/reading-list/add"' in page and "Reading list</a>" in page
            added = client.post("/app/reading-list/add", data={"title": "  Middlemarch "}, headers=HX)
            assert "<li>Middlemarch</li>" in added.text
            refused = client.post("/app/reading-list/add", data={"title": " "}, headers=HX)
            assert "Type a title" in refused.text
        assert whittle.kv.get("app:reading-list", "books") == ["Middlemarch"]
        assert "The user added 'Middlemarch' to their reading list." in _notes(whittle)
        assert "books on their reading list: Middlemarch" in whittle.system_prompt()
    finally:
        whittle.close()


@pytest.mark.parametrize("heading", ["## Writing an app", "## Writing a workflow"])
def test_the_readme_points_app_authors_to_the_guide(heading):
    readme = (ROOT / "README.md").read_text()
    assert python_blocks(section(readme, heading)), f"README's {heading!r} has its Python example"
    assert "docs/apps.md" in section(readme, "## Writing an app")
