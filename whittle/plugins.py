"""Plugin hooks. Apps are plugins: built-ins register the same way third-party ones do.

A package adds apps by declaring an entry point in the "whittle" group pointing at
a module with:

    from whittle.plugins import hookimpl

    @hookimpl
    def register_apps(register):
        register(MyApp)
"""

from __future__ import annotations

from collections.abc import Callable

import pluggy

hookspec = pluggy.HookspecMarker("whittle")
hookimpl = pluggy.HookimplMarker("whittle")

BUILTIN_PLUGINS = ("whittle.apps.introduction",)


class WhittleSpec:
    @hookspec
    def register_apps(self, register: Callable[[type], None]) -> None:
        """Call register(AppClass) for each WhittleApp subclass this plugin offers."""


def plugin_manager(load_entry_points: bool = True) -> pluggy.PluginManager:
    import importlib

    manager = pluggy.PluginManager("whittle")
    manager.add_hookspecs(WhittleSpec)
    for module_name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
    if load_entry_points:
        manager.load_setuptools_entrypoints("whittle")
    return manager


def registered_app_classes(manager: pluggy.PluginManager) -> list[type]:
    classes: list[type] = []
    manager.hook.register_apps(register=classes.append)
    return classes
