"""Plugin hooks. Apps are plugins: built-ins register the same way third-party ones do.

A package adds apps by declaring an entry point in the "whittle" group pointing at
a module with:

    from whittle.plugins import hookimpl

    @hookimpl
    def register_apps(register):
        register(MyApp)
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pluggy

logger = logging.getLogger("whittle.plugins")

hookspec = pluggy.HookspecMarker("whittle")
hookimpl = pluggy.HookimplMarker("whittle")

# One module per line: the built-in apps, registered exactly like third-party plugins.
BUILTIN_PLUGINS = (
    "whittle.apps.introduction",
    "whittle.apps.profiles",
    "whittle.apps.todo",
    "whittle.apps.long_job",
    "whittle.apps.hello_workflow",
    "whittle.apps.competitive_analysis",
    "whittle.apps.dashboard",
)


class WhittleSpec:
    @hookspec
    def register_apps(self, register: Callable[[type], None]) -> None:
        """Call register(AppClass) for each WhittleApp subclass this plugin offers."""


@dataclass(frozen=True)
class BrokenPlugin:
    """A plugin that failed to load; shown in the UI and logged, the rest of whittle still starts."""

    name: str
    error: str


@dataclass
class LoadedPlugins:
    manager: pluggy.PluginManager
    broken: list[BrokenPlugin] = field(default_factory=list)


def load_plugins(
    load_entry_points: bool = True, extra_modules: tuple[str, ...] = (), apps_folder: Path | None = None
) -> LoadedPlugins:
    """Built-ins, then installed packages (entry points in the "whittle" group), then a local folder."""
    manager = pluggy.PluginManager("whittle")
    manager.add_hookspecs(WhittleSpec)
    loaded = LoadedPlugins(manager)
    for module_name in (*BUILTIN_PLUGINS, *extra_modules):
        _register(loaded, module_name, lambda name=module_name: importlib.import_module(name))
    if load_entry_points:
        for entry_point in metadata.entry_points(group="whittle"):
            _register(loaded, f"{entry_point.name} ({entry_point.value})", entry_point.load)
    if apps_folder is not None:
        if not apps_folder.is_dir():
            loaded.broken.append(BrokenPlugin(str(apps_folder), "the apps folder in whittle.toml does not exist"))
        else:
            for path in sorted(apps_folder.glob("*.py")):
                if not path.name.startswith("_"):
                    _register(loaded, f"{path.name} (apps folder)", lambda path=path: _load_file(path))
    return loaded


def _load_file(path: Path):
    spec = importlib.util.spec_from_file_location(f"whittle_local_apps.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _register(loaded: LoadedPlugins, name: str, load: Callable[[], object]) -> None:
    try:
        loaded.manager.register(load(), name=name)
    except Exception as error:  # a plugin's bug must not stop whittle from starting
        logger.exception("plugin %s failed to load", name)
        loaded.broken.append(BrokenPlugin(name, f"{type(error).__name__}: {error}"))


def registered_app_classes(loaded: LoadedPlugins) -> list[type]:
    """Collect apps from every plugin; a plugin whose hook raises is reported, not fatal."""
    classes: list[type] = []
    for plugin in list(loaded.manager.get_plugins()):
        hook = getattr(plugin, "register_apps", None)
        if hook is None:
            continue
        name = loaded.manager.get_name(plugin) or repr(plugin)
        found: list[type] = []
        try:
            hook(register=found.append)
        except Exception as error:
            logger.exception("plugin %s failed in register_apps", name)
            loaded.broken.append(BrokenPlugin(name, f"{type(error).__name__}: {error}"))
            continue
        classes.extend(found)
    return classes
