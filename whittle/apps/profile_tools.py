"""The Profiles app's tools: switch to a profile, add one. (Deleting stays a click in the app.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from whittle.agent.results import ToolFailed, ToolResult
from whittle.profiles import Profile, ProfileError

if TYPE_CHECKING:
    from whittle.apps.profiles import Profiles


class NameParams(BaseModel):
    name: str = Field(min_length=1, max_length=80, description="the profile's name")


def find_profile(profiles: list[Profile], name: str) -> Profile:
    wanted = name.strip().strip("'\"").strip().casefold()
    exact = [p for p in profiles if p.name.casefold() == wanted]
    partial = exact or [p for p in profiles if wanted and wanted in p.name.casefold()]
    if len(partial) == 1 or exact:
        return partial[0]
    names = ", ".join(p.name for p in profiles)
    raise ToolFailed(f"No single profile is called {name!r}; the profiles are: {names}.")


def register_profile_tools(app: Profiles) -> None:
    """Declare the profile tools on the app's context (called once, from Profiles.__init__)."""
    tools = ProfileTools(app)
    app.ctx.register_tool("profile_switch", "Switch to another profile (workspace).", NameParams, tools.switch)
    app.ctx.register_tool("profile_add", "Create a new profile (workspace).", NameParams, tools.add)


class ProfileTools:
    def __init__(self, app: Profiles):
        self.app = app

    def _changed(self, note: str, *, active_changed: bool) -> None:
        """As the app's own handlers do: the model hears it, every tab gets the new header switcher."""
        self.app.ctx.chat.note(note)
        self.app.ctx.chat.update(self.app.switcher(refresh_app=active_changed))

    def _switch_to(self, profile: Profile) -> Profile:
        try:
            switched = self.app.store.switch(profile.id)
        except ProfileError as error:
            raise ToolFailed(str(error)) from None
        self._changed(f"The assistant switched to the profile {switched.name}; the apps now show its data.",
                      active_changed=True)
        return switched

    def switch(self, params: NameParams) -> ToolResult:
        before = self.app.store.active()
        profile = self._switch_to(find_profile(self.app.store.all(), params.name))

        def undo() -> ToolResult:
            back = self._switch_to(before)
            return ToolResult("Switched back to the previous profile.", (back.name,))

        return ToolResult("Switched profile.", (profile.name,), undo=undo)

    def add(self, params: NameParams) -> ToolResult:
        try:
            profile = self.app.store.create(params.name)
        except ProfileError as error:
            raise ToolFailed(str(error)) from None
        self._changed(f"The assistant created a new profile, {profile.name}.", active_changed=False)
        return ToolResult("Created a profile (the active profile is unchanged).", (profile.name,))
