"""Plugin hooks (pluggy). Apps, tools and model back-ends are plugins; built-ins register the same way.

A plugin is a module (or an object) with functions marked `@hookimpl` and named after the
hooks in `WhittleSpec` below; docs/apps.md is the author's guide. whittle finds plugins in
three places, in this order: the built-ins (BUILTIN_PLUGINS), installed packages declaring an
entry point in the "whittle" group, and the `[apps] folder` of whittle.toml. Each app instance
is registered as a plugin too, so an app answers hooks with its own methods.

A plugin that fails to import, names a hook that does not exist, or raises inside a hook is
reported (log + a notice on the page) and left out; the rest of whittle still starts.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy

logger = logging.getLogger("whittle.plugins")

hookspec = pluggy.HookspecMarker("whittle")
hookimpl = pluggy.HookimplMarker("whittle")

# One module per line: the built-in apps and back-ends, registered exactly like third-party plugins.
BUILTIN_PLUGINS = (
    "whittle.llm.backends",
    "whittle.apps.introduction",
    "whittle.apps.profiles",
    "whittle.apps.todo",
    "whittle.apps.long_job",
    "whittle.apps.hello_workflow",
    "whittle.apps.competitive_analysis",
    "whittle.apps.dashboard",
    "whittle.apps.experts",
    "whittle.apps.memory",
    "whittle.apps.models",
    "whittle.apps.linkgraph",
)


class WhittleSpec:
    """The hooks. Each is called with keyword arguments; implement only the ones you need."""

    @hookspec
    def register_apps(self, register: Callable[[type], None]) -> None:
        """Call `register(AppClass)` for each `WhittleApp` subclass the plugin offers.

        whittle creates one instance per class, giving it its `AppContext`, and lists it in the
        menu by `menu_order`.
        """

    @hookspec
    def register_routes(self, register: Callable[..., None]) -> None:
        """Call `register(path, handler, methods=("get",))` for each HTTP route the plugin serves.

        Apps need not implement it: `WhittleApp` does, mounting `routes()` under the app's URL.
        A plain plugin may serve other paths; handlers are Starlette/FastHTML endpoints.
        """

    @hookspec
    def header_items(self) -> list[Any] | None:
        """Components (FastHTML FT) for the page header, after the app menu: e.g. the profile switcher.

        Return a list (or one component, or None). Called on every full page render.
        """

    @hookspec
    def system_prompt_facts(self) -> dict[str, str] | None:
        """What the assistant should know about the user, as {label: value} (e.g. {"name": "Ada"}).

        Called for every chat answer; keep it cheap. Empty values are left out.
        """

    @hookspec
    def user_said(self, text: str) -> None:
        """Called with each message the user sends in the chat (already checked), before it is answered.

        The Memory app takes lasting facts from it. Keep it quick: the answer waits for it.
        """

    @hookspec
    def system_prompt_sections(self) -> list[str] | None:
        """Text blocks that end the assistant's system prompt: e.g. the active expert's instructions.

        Called for every chat answer; keep it cheap. The system prompt is budgeted before the
        history, so these are never trimmed away: keep them short.
        """

    @hookspec
    def register_tools(self, register: Callable[..., None]) -> None:
        """Call `register(Tool(...))` (whittle.tools.Tool) for each tool the plugin offers the assistant.

        Apps usually call `ctx.register_tool(...)` instead; both land in `Whittle.tools`.
        """

    @hookspec
    def register_backends(self, register: Callable[[str, Callable[..., Any]], None]) -> None:
        """Call `register(kind, factory)` for each kind of model back-end (a tier's `backend = "kind"`).

        `factory(tier_config, default_model)` returns an object with the `whittle.llm.base.Backend`
        protocol; it may raise `ConfigError` or `ModelFileError` to mark the tier unusable with a reason.
        """


@dataclass(frozen=True)
class BrokenPlugin:
    """A plugin that failed; shown in the UI and logged, the rest of whittle still starts."""

    name: str
    error: str


class _Manager(pluggy.PluginManager):
    def parse_hookimpl_opts(self, plugin: object, name: str):
        # pluggy reads every attribute of a plugin object to look for hooks; an app's properties
        # (e.g. "the active profile") must not run for that, so only plain attributes are read.
        if not inspect.ismodule(plugin) and isinstance(inspect.getattr_static(plugin, name, None), property):
            return None
        return super().parse_hookimpl_opts(plugin, name)


@dataclass
class LoadedPlugins:
    manager: pluggy.PluginManager
    broken: list[BrokenPlugin] = field(default_factory=list)

    def add(self, plugin: object, name: str) -> bool:
        """Register a plugin (a module or an object); False, and reported as broken, if pluggy refuses it."""
        try:
            self.manager.register(plugin, name=name)
        except Exception as error:  # e.g. a hook argument that the spec does not have
            self._report(name, "failed to register", error)
            return False
        unknown = [caller.name for caller in self.manager.get_hookcallers(plugin) or [] if not caller.has_spec()]
        if unknown:
            self.manager.unregister(plugin)
            hooks = ", ".join(sorted(_hook_names()))
            self._broken(name, f"unknown hook {', '.join(unknown)}; the hooks are: {hooks}")
            return False
        return True

    def call(self, hook: str, **kwargs: Any) -> list[Any]:
        """Call a hook; one implementation's error marks its plugin broken and the others still run.

        Results come in the order plugins were loaded (built-ins first); None results are dropped.
        """
        results = []
        for impl in getattr(self.manager.hook, hook).get_hookimpls():
            try:
                result = impl.function(*[kwargs[arg] for arg in impl.argnames])
            except Exception as error:
                self._report(impl.plugin_name, f"failed in {hook}", error)
                continue
            if result is not None:
                results.append(result)
        return results

    def app_classes(self) -> list[type]:
        """Every app class the plugins register; a plugin whose hook raises registers none."""
        classes: list[type] = []
        for impl in self.manager.hook.register_apps.get_hookimpls():
            found: list[type] = []
            try:
                impl.function(register=found.append)
            except Exception as error:
                self._report(impl.plugin_name, "failed in register_apps", error)
                continue
            classes.extend(found)
        return classes

    def _report(self, name: str, what: str, error: Exception) -> None:
        logger.error("plugin %s %s", name, what, exc_info=error)
        self._broken(name, f"{type(error).__name__}: {error}")

    def _broken(self, name: str, error: str) -> None:
        plugin = BrokenPlugin(name, error)
        if plugin not in self.broken:  # a hook that fails on every page render is listed once
            self.broken.append(plugin)


def _hook_names() -> list[str]:
    return [name for name, value in vars(WhittleSpec).items() if callable(value) and not name.startswith("_")]


def load_plugins(
    load_entry_points: bool = True,
    extra_modules: tuple[str, ...] = (),
    apps_folder: Path | None = None,
    builtins: tuple[str, ...] = BUILTIN_PLUGINS,
) -> LoadedPlugins:
    """Built-ins, then installed packages (entry points in the "whittle" group), then a local folder."""
    manager = _Manager("whittle")
    manager.add_hookspecs(WhittleSpec)
    loaded = LoadedPlugins(manager)
    for module_name in (*builtins, *extra_modules):
        _load(loaded, module_name, lambda name=module_name: importlib.import_module(name))
    if load_entry_points:
        for entry_point in metadata.entry_points(group="whittle"):
            _load(loaded, f"{entry_point.name} ({entry_point.value})", entry_point.load)
    if apps_folder is not None:
        if not apps_folder.is_dir():
            loaded.broken.append(BrokenPlugin(str(apps_folder), "the apps folder in whittle.toml does not exist"))
        else:
            for path in sorted(apps_folder.glob("*.py")):
                if not path.name.startswith("_"):
                    _load(loaded, f"{path.name} (apps folder)", lambda path=path: _load_file(path))
    return loaded


def _load_file(path: Path):
    spec = importlib.util.spec_from_file_location(f"whittle_local_apps.{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(loaded: LoadedPlugins, name: str, load: Callable[[], object]) -> None:
    try:
        plugin = load()
    except Exception as error:  # a plugin's bug must not stop whittle from starting
        loaded._report(name, "failed to load", error)
        return
    loaded.add(plugin, name)


def backend_factories(plugins: LoadedPlugins | None = None) -> dict[str, Callable[..., Any]]:
    """Model back-end factories by kind, from the plugins (default: the built-in back-ends only)."""
    if plugins is None:
        plugins = load_plugins(load_entry_points=False, builtins=("whittle.llm.backends",))
    factories: dict[str, Callable[..., Any]] = {}
    plugins.call("register_backends", register=factories.__setitem__)
    return factories
