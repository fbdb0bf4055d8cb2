"""Profiles app: create, rename inline, switch (re-rendering the open app), delete only after confirming."""

from fasthtml.common import to_xml

from whittle.apps.profiles import profile_switcher

HX = {"HX-Request": "true"}


def names(whittle) -> list[str]:
    return [p.name for p in whittle.profiles.all()]


def context_notes(whittle) -> list[str]:
    return [m.content for m in whittle.chat.store.history() if m.role == "context"]


def test_create_shows_the_profile_refreshes_the_switcher_and_is_heard(client, whittle):
    response = client.post("/app/profiles/create", data={"name": "  Acme   Ltd "}, headers=HX)
    assert names(whittle) == ["Default", "Acme Ltd"]
    assert 'id="profiles-card"' in response.text and "Acme Ltd" in response.text
    assert 'id="profile-switcher"' in response.text and 'hx-swap-oob="true"' in response.text
    assert whittle.profiles.active().name == "Default", "creating does not switch"
    assert "The user created a new profile, Acme Ltd. The active profile is still Default." in context_notes(whittle)


def test_invalid_names_are_refused_next_to_the_form_and_change_nothing(client, whittle):
    client.post("/app/profiles/create", data={"name": "Acme"}, headers=HX)
    notes_before = context_notes(whittle)
    for bad, message in (("", "A profile needs a name"), ("acme", "already exists"), ("n" * 61, "keep it under 60")):
        response = client.post("/app/profiles/create", data={"name": bad}, headers=HX)
        assert message in response.text and 'id="profile-create-error"' in response.text
        assert 'id="profile-switcher"' not in response.text
    acme = whittle.profiles.all()[1]
    response = client.post(f"/app/profiles/{acme.id}/rename", data={"name": "default"}, headers=HX)
    assert "already exists" in response.text and 'class="profile-row editing"' in response.text
    assert names(whittle) == ["Default", "Acme"]
    assert context_notes(whittle) == notes_before


def test_rename_inline(client, whittle):
    default = whittle.profiles.active()
    form = client.get(f"/app/profiles/{default.id}/rename", headers=HX)
    assert f'hx-post="/app/profiles/{default.id}/rename"' in form.text and 'value="Default"' in form.text
    response = client.post(f"/app/profiles/{default.id}/rename", data={"name": "Personal"}, headers=HX)
    assert names(whittle) == ["Personal"]
    assert 'class="profile-row editing"' not in response.text
    assert '<option value="1" selected>Personal</option>' in response.text
    assert "The user renamed the profile Default to Personal." in context_notes(whittle)


def test_delete_asks_first_and_needs_the_confirmation(client, whittle):
    acme = whittle.profiles.create("Acme")
    whittle.profiles.switch(acme.id)
    card = client.get("/app/profiles/card", headers=HX).text
    # The one confirmation style (apps/confirm.py): the browser asks, the request carries confirm=yes.
    assert (
        "hx-confirm=\"Delete the profile 'Acme'? Everything in it (its todo list and runs) is lost. "
        "This cannot be undone.\"" in card
    )
    assert f'hx-post="/app/profiles/{acme.id}/delete"' in card and "hx-vals='{\"confirm\": \"yes\"}'" in card

    response = client.post(f"/app/profiles/{acme.id}/delete", headers=HX)
    assert "Deleting the profile 'Acme' needs confirming: press Delete and confirm" in response.text
    assert 'role="alert"' in response.text and names(whittle) == ["Default", "Acme"]

    response = client.post(f"/app/profiles/{acme.id}/delete", data={"confirm": "yes"}, headers=HX)
    assert names(whittle) == ["Default"]
    assert whittle.profiles.active().name == "Default", "deleting the active profile falls back to another"
    assert "The user deleted the profile Acme and its data. The active profile is Default." in context_notes(whittle)

    response = client.post(f"/app/profiles/{whittle.profiles.active().id}/delete", data={"confirm": "yes"}, headers=HX)
    assert "This is the only profile" in response.text and names(whittle) == ["Default"]
    response = client.post("/app/profiles/99/delete", data={"confirm": "yes"}, headers=HX)
    assert "no profile with id 99" in response.text


def test_switch_answers_with_a_switcher_that_rerenders_the_open_app(client, whittle):
    acme = whittle.profiles.create("Acme")
    response = client.post("/app/profiles/switch", data={"profile_id": str(acme.id)}, headers=HX)
    assert whittle.profiles.active() == acme
    assert 'id="profile-switcher"' in response.text and '<option value="2" selected>Acme</option>' in response.text
    assert 'id="profile-refresh"' in response.text and 'hx-get="/view"' in response.text
    assert "The user switched to the profile Acme; the apps now show Acme's data." in context_notes(whittle)

    # What the refresh element fetches: the tab's own app (its #chat-app field), for the new profile.
    client.post("/app/profiles/switch", data={"profile_id": "1"}, headers=HX)
    response = client.get("/view", params={"app": "todo"}, headers=HX)
    assert 'id="todo-card"' in response.text and "Profile: Default" in response.text

    for bad in ("99", "abc", ""):
        response = client.post("/app/profiles/switch", data={"profile_id": bad}, headers=HX)
        assert 'role="alert"' in response.text and whittle.profiles.active().name == "Default"
        assert 'id="profile-refresh"' not in response.text, "nothing changed, so nothing is re-rendered"


def test_switcher_component_marks_the_active_profile(whittle):
    acme = whittle.profiles.create("Acme")
    html = to_xml(profile_switcher("/app/profiles", whittle.profiles.all(), acme))
    assert 'id="profile-switcher"' in html and 'hx-post="/app/profiles/switch"' in html
    assert 'hx-swap="none"' in html, "the answer's own refresh element re-renders the open app"
    assert '<option value="1">Default</option><option value="2" selected>Acme</option>' in html


def test_the_switcher_is_a_header_item_of_every_page(client, whittle):
    page = client.get("/app/todo").text
    assert page.index('id="app-menu"') < page.index('id="profile-switcher"') < page.index('id="app-area"')


def test_other_tabs_re_render_their_app_when_the_active_profile_changes(client, whittle):
    other_tab = whittle.chat.subscribe()
    acme = whittle.profiles.create("Acme")
    client.post("/app/profiles/create", data={"name": "Spare"}, headers=HX)
    client.post("/app/profiles/switch", data={"profile_id": str(acme.id)}, headers=HX)
    updates = [to_xml(event.component) for event in other_tab.drain() if type(event).__name__ == "AppUpdate"]
    assert 'id="profile-refresh"' not in updates[0], "creating a profile leaves every tab's app alone"
    assert 'id="profile-refresh"' in updates[-1] and 'hx-get="/view"' in updates[-1]
    assert 'hx-trigger="load"' in updates[-1] and 'hx-include="#chat-app"' in updates[-1]

    # What that element fetches: the tab's own app, for the profile now active.
    whittle.apps["todo"].todos.add(acme.id, "acme report")
    response = client.get("/view", params={"app": "todo"}, headers=HX)
    assert "Profile: Acme" in response.text and "acme report" in response.text
    fallback = client.get("/view", params={"app": "nonsense"}, headers=HX)
    assert fallback.status_code == 200 and fallback.text == client.get(
        "/view", params={"app": whittle.default_app.name}, headers=HX
    ).text, "an unknown app name shows the default app"
