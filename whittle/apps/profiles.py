"""Profiles: create, rename, switch and delete workspaces (e.g. one per client).

Every action re-renders the whole card (#profiles-card) from the store, so the page never
shows a state the database does not hold. Switching re-renders whichever app is open,
because every app's data belongs to the active profile.
"""

from __future__ import annotations

import json

from fasthtml.common import (
    H2,
    Article,
    Button,
    Div,
    Form,
    Input,
    Label,
    Li,
    Mark,
    Option,
    P,
    Select,
    Small,
    Span,
    Strong,
    Style,
    Ul,
)

from whittle.apps.base import WhittleApp, form_data
from whittle.apps.confirm import ConfirmForm, confirm_attrs, not_confirmed
from whittle.apps.profile_tools import register_profile_tools
from whittle.plugins import hookimpl
from whittle.profiles import MAX_PROFILE_NAME, Profile, ProfileError, ProfileGone, ProfileStore

CARD = "#profiles-card"
VIEW = "/view"  # the page's route that re-renders the app a tab shows (web/app.py)
TO_CARD = {"hx_target": CARD, "hx_swap": "outerHTML"}
# Shipped with the app so the module stays self-contained; the lead may move it to whittle.css.
CSS = """
.profile-list { padding: 0; }
.profile-row { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding: .4rem 0;
  border-bottom: 1px solid var(--pico-muted-border-color); }
.profile-row .profile-name { flex: 1; }
.profile-row p, .profile-row > .form-error { margin: 0; flex-basis: 100%; }
.profile-actions, .profile-rename-form { display: flex; gap: .4rem; align-items: center; margin: 0; }
.profile-rename-form { flex: 1; flex-wrap: wrap; }
.profile-rename-form input { margin: 0; flex: 1; }
.profile-rename-form .form-error { flex-basis: 100%; margin: 0; }
.profile-row button { width: auto; margin: 0; padding: .2rem .6rem; font-size: .85rem; }
"""


@form_data
class NameForm:
    name: str = ""


@form_data
class SwitchForm:
    profile_id: str = ""


# -- components ------------------------------------------------------------------
def app_refresh():
    """Fetches the app the tab shows (named by its #chat-app field) again, for the profile now active."""
    # hx-swap set here: inside the switcher it would inherit the form's "none".
    return Div(
        id="profile-refresh",
        hx_get=VIEW,
        hx_trigger="load",
        hx_target="#app-area",
        hx_swap="innerHTML",
        hx_include="#chat-app",
    )


def profile_switcher(
    base: str,
    profiles: list[Profile],
    active: Profile,
    oob: bool = False,
    refresh_app: bool = False,
    error: str | None = None,
):
    """A <select> of profiles for the page header; choosing one switches and re-renders the open app.

    base: the Profiles app's URL. refresh_app: sent to a tab when the active profile changed, so it
    re-fetches the app it shows instead of showing another profile's data.
    """
    return Form(
        Select(
            *[Option(p.name, value=str(p.id), selected=p.id == active.id) for p in profiles],
            name="profile_id",
            aria_label="Active profile",
            aria_invalid="true" if error else None,
        ),
        Small(error, cls="form-error", role="alert") if error else None,
        app_refresh() if refresh_app else None,
        id="profile-switcher",
        hx_post=f"{base}/switch",
        hx_trigger="change",
        hx_swap="none",  # the answer is this switcher again, whose refresh element re-renders the open app
        hx_swap_oob="true" if oob else None,
    )


def profiles_card(
    base: str,
    profiles: list[Profile],
    active: Profile,
    *,
    editing: int | None = None,
    failed: int | None = None,
    error: str | None = None,
    draft: str = "",
    focus_new: bool = False,
):
    """base: the app's URL; editing: the id of the row shown as a rename form; failed: the id of the
    row whose action (a delete) was refused.

    error belongs to that row when one is given, else to the create form; draft is the text
    the user typed there, given back so an error never eats it.
    """
    row = editing or failed
    rows = [
        _row(base, p, p.id == active.id, editing == p.id, error if row == p.id else None, draft, len(profiles) == 1)
        for p in profiles
    ]
    create_error = None if row else error
    return Article(
        H2("Profiles"),
        P("A profile is a separate workspace, e.g. one per client. Todo lists and runs belong to the active profile."),
        Ul(*rows, id="profile-list", cls="profile-list"),
        Form(
            Label(
                "New profile",
                Input(
                    name="name",
                    id="profile-new-name",
                    value=draft if not row else "",
                    maxlength=MAX_PROFILE_NAME,
                    placeholder="e.g. Acme Ltd",
                    autofocus=focus_new or bool(create_error),
                    aria_invalid="true" if create_error else None,
                ),
            ),
            Small(create_error, cls="form-error", id="profile-create-error", role="alert") if create_error else None,
            Button("Create profile", id="profile-create"),
            id="profile-create-form",
            hx_post=f"{base}/create",
            **TO_CARD,
        ),
        id="profiles-card",
    )


def _row(
    base: str,
    profile: Profile,
    active: bool,
    editing: bool,
    error: str | None,
    draft: str,
    only: bool,
):
    row_id = f"profile-{profile.id}"
    if editing:
        return Li(
            Form(
                Input(
                    name="name",
                    value=draft if error else profile.name,  # after an error, exactly what was typed
                    maxlength=MAX_PROFILE_NAME,
                    aria_label=f"New name for {profile.name}",
                    autofocus=True,
                    aria_invalid="true" if error else None,
                ),
                Button("Save", cls="profile-save"),
                Button("Cancel", type="button", cls="secondary outline", hx_get=f"{base}/card", **TO_CARD),
                Small(error, cls="form-error", role="alert") if error else None,
                hx_post=f"{base}/{profile.id}/rename",
                cls="profile-rename-form",
                **TO_CARD,
            ),
            id=row_id,
            cls="profile-row editing",
        )
    return Li(
        Span(Strong(profile.name) if active else profile.name, cls="profile-name"),
        Mark("active", cls="profile-active") if active else None,
        Div(
            None
            if active
            else Button(
                "Switch",
                cls="profile-switch",
                hx_post=f"{base}/switch",
                hx_vals=json.dumps({"profile_id": profile.id}),
                hx_swap="none",  # the answer's switcher re-renders the open app (see profile_switcher)
            ),
            Button("Rename", cls="secondary outline profile-rename", hx_get=f"{base}/{profile.id}/rename", **TO_CARD),
            Button(
                "Delete",
                cls="secondary outline profile-delete",
                hx_post=f"{base}/{profile.id}/delete",
                **confirm_attrs(
                    f"Delete the profile {profile.name!r}", "Everything in it (its todo list and runs) is lost."
                ),
                **TO_CARD,
                disabled=only,
                title="The only profile cannot be deleted; create another first." if only else None,
            ),
            cls="profile-actions",
        ),
        Small(error, cls="form-error", role="alert") if error else None,
        id=row_id,
        cls="profile-row" + (" active" if active else ""),
        aria_current="true" if active else None,
    )


# -- the app -----------------------------------------------------------------------
class Profiles(WhittleApp):
    name = "profiles"
    title = "Profiles"
    menu_order = 10
    training_prompt = (
        "The Profiles app manages workspaces, e.g. one per client. Todo lists and workflow runs belong to "
        "the active profile. The user can create, rename, switch and delete profiles here or with the "
        "selector in the header; each change reaches you as an [App event]."
    )

    def __init__(self, ctx):
        super().__init__(ctx)
        register_profile_tools(self)  # what the assistant may do here (apps/profile_tools.py)

    @property
    def store(self) -> ProfileStore:
        return self.ctx.profiles

    def card(self, **state):
        return profiles_card(self.ctx.url(), self.store.all(), self.store.active(), **state)

    def switcher(self, oob: bool = False, refresh_app: bool = False, error: str | None = None):
        return profile_switcher(
            self.ctx.url(), self.store.all(), self.store.active(), oob=oob, refresh_app=refresh_app, error=error
        )

    @hookimpl
    def header_items(self):
        return [self.switcher()]

    def render(self):
        return Style(CSS), self.card()

    def state_facts(self) -> list[str]:
        names = [p.name for p in self.store.all()]
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        return [f"Profiles: {shown}. The active profile is {self.store.active().name}."]

    def state_values(self) -> list[str]:
        return [p.name for p in self.store.all()]

    def marked_values(self) -> list[str]:
        return [self.store.active().name]

    async def on_open(self) -> None:
        names = ", ".join(p.name for p in self.store.all())
        self.ctx.chat.note(f"Profiles: {names}. The active profile is {self.store.active().name}.")

    def routes(self):
        return [
            ("/card", self.show_card, ["get"]),
            ("/create", self.create, ["post"]),
            ("/switch", self.switch, ["post"]),
            ("/{profile_id:int}/rename", self.edit_form, ["get"]),
            ("/{profile_id:int}/rename", self.rename, ["post"]),
            ("/{profile_id:int}/delete", self.delete, ["post"]),
        ]

    # -- handlers: each returns the card (plus the header switcher when names or the active one changed)
    async def show_card(self):
        return self.card()

    async def edit_form(self, profile_id: int):
        return self._known_row(profile_id, lambda: self.card(editing=profile_id))

    async def create(self, form: NameForm):
        try:
            profile = self.store.create(form.name)
        except ProfileError as error:
            return self.card(error=str(error), draft=form.name)
        active = self.store.active().name
        self._changed(f"The user created a new profile, {profile.name}. The active profile is still {active}.")
        return self.card(focus_new=True), self.switcher(oob=True)

    async def rename(self, profile_id: int, form: NameForm):
        old = self.store.get(profile_id)
        try:
            profile = self.store.rename(profile_id, form.name)
        except ProfileError as error:
            if old is None:
                return self.card(error=str(error))
            return self.card(editing=profile_id, error=str(error), draft=form.name)
        self._changed(f"The user renamed the profile {old.name} to {profile.name}.")
        return self.card(), self.switcher(oob=True)

    async def delete(self, profile_id: int, form: ConfirmForm):
        profile = self.store.get(profile_id)
        if profile is None:
            raise ProfileGone(f"There is no profile with id {profile_id} any more; pick one from the list.")  # 404
        if not form.confirmed:
            return self.card(failed=profile_id, error=not_confirmed(f"Deleting the profile {profile.name!r}", "Delete"))
        was_active = self.store.active().id
        try:
            self.store.delete(profile_id)
        except ProfileError as error:
            return self.card(failed=profile_id, error=str(error))
        active = self.store.active()
        self._changed(
            f"The user deleted the profile {profile.name} and its data. The active profile is {active.name}.",
            active_changed=profile_id == was_active,
        )
        return self.card(), self.switcher(oob=True)

    async def switch(self, form: SwitchForm):
        """Switch; the answer is the header's switcher, whose refresh element re-renders the open app."""
        try:
            profile = self.store.switch(int(form.profile_id))
        except (ValueError, ProfileError) as error:
            message = str(error) if isinstance(error, ProfileError) else "Pick a profile from the list."
            card = self.card(error=message)
            card.attrs["hx-swap-oob"] = "true"  # shown only where the Profiles app is open
            return self.switcher(oob=True, error=message), card
        self._changed(
            f"The user switched to the profile {profile.name}; the apps now show {profile.name}'s data.",
            active_changed=True,
        )
        return self.switcher(oob=True, refresh_app=True)

    # -- helpers -------------------------------------------------------------------
    def _known_row(self, profile_id: int, card_for):
        if self.store.get(profile_id) is None:
            raise ProfileGone(f"There is no profile with id {profile_id} any more; pick one from the list.")  # 404
        return card_for()

    def _changed(self, note: str, *, active_changed: bool = False) -> None:
        """The model overhears the change; open tabs get the new header switcher, and when the
        active profile changed they re-render their app (see profile_switcher)."""
        self.ctx.chat.note(note)
        self.ctx.chat.update(self.switcher(refresh_app=active_changed))


@hookimpl
def register_apps(register):
    register(Profiles)
