"""End to end in headless chromium: the Todo list (incl. drag to reorder) and Profiles (incl. confirmation)."""

import sqlite3

import pytest

pytestmark = pytest.mark.browser


def settled(page) -> None:
    """Wait until htmx has finished swapping and settling: only then are new forms wired up."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def open_app(page, title: str, ready: str) -> None:
    page.click(f"#app-menu >> text={title}")
    page.wait_for_selector(ready)
    settled(page)


def todo_texts(page) -> list[str]:
    return page.locator("#todo-items .todo-text").all_inner_texts()


def row(page, text: str):
    return page.locator("#todo-items .todo-item", has_text=text)


def add_todo(page, text: str) -> None:
    # No wait for htmx to settle: the add form is never swapped, so it is always wired up.
    page.fill("#todo-new-text", text)
    page.press("#todo-new-text", "Enter")
    page.wait_for_selector(f"#todo-items .todo-text >> text='{text}'")


def delete_todo(page, text: str) -> None:
    """Delete, answering the browser's "Delete the todo …? This cannot be undone." with OK."""
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    row(page, text).locator(".todo-delete").click()
    page.wait_for_selector(f"#todo-items .todo-text >> text='{text}'", state="detached")
    assert messages == [f"Delete the todo '{text}'? This cannot be undone."]


def drag(page, source: int, target: int, expected: list[str]) -> None:
    """Drag item `source` by its handle onto item `target`; wait until the server's re-render shows `expected`."""
    items = page.locator("#todo-items .todo-item")
    with page.expect_response("**/app/todo/reorder"):
        items.nth(source).locator(".todo-handle").drag_to(items.nth(target))
    page.wait_for_function(
        "expected => JSON.stringify([...document.querySelectorAll('#todo-items .todo-text')].map(e => e.textContent))"
        " === JSON.stringify(expected)",
        arg=expected,
    )


def test_todos_add_edit_complete_delete_and_drag(page, server):
    open_app(page, "Todo list", "#todo-card")
    add_todo(page, "buy milk")
    assert page.evaluate("document.activeElement.id") == "todo-new-text", "ready for the next todo"
    page.keyboard.type("call Bob")
    page.keyboard.press("Enter")
    page.wait_for_selector("#todo-items .todo-text >> text='call Bob'")
    assert page.input_value("#todo-new-text") == "", "emptied for the next todo"
    add_todo(page, "file taxes")

    page.fill("#todo-new-text", "   ")
    page.click("#todo-add")
    assert "A todo needs some text" in page.wait_for_selector("#todo-error[role=alert]:visible").inner_text()
    assert page.input_value("#todo-new-text") == "   ", "after an error, what was typed stays to be fixed"
    assert todo_texts(page) == ["buy milk", "call Bob", "file taxes"]
    add_todo(page, "water plants")
    page.wait_for_selector("#todo-error", state="hidden")
    delete_todo(page, "water plants")

    row(page, "buy milk").locator(".todo-edit").click()
    editor = page.locator("#todo-items .todo-item.editing input[name=text]")
    editor.fill("buy oat milk")
    editor.press("Enter")
    page.wait_for_selector("#todo-items .todo-text >> text='buy oat milk'")

    row(page, "call Bob").locator("input[type=checkbox]").check()
    page.wait_for_selector("#todo-items .todo-item.done >> text='call Bob'")
    assert "1 of 3 done" in page.inner_text("#todo-summary")

    drag(page, 2, 0, ["file taxes", "buy oat milk", "call Bob"])
    drag(page, 0, 2, ["buy oat milk", "call Bob", "file taxes"])
    drag(page, 1, 0, ["call Bob", "buy oat milk", "file taxes"])

    page.reload()
    page.wait_for_selector("#todo-card")
    assert todo_texts(page) == ["call Bob", "buy oat milk", "file taxes"], "the dragged order was saved"
    assert row(page, "call Bob").locator("input[type=checkbox]").is_checked()

    delete_todo(page, "buy oat milk")
    page.reload()
    page.wait_for_selector("#todo-card")
    assert todo_texts(page) == ["call Bob", "file taxes"]
    assert page.foreign_requests == []

    with sqlite3.connect(server.home / "whittle.db") as db:
        heard = {row[0] for row in db.execute("SELECT content FROM messages WHERE role='context'")}
    assert {
        "The user added 'buy milk' to the todo list.",
        "The user changed the todo 'buy milk' to 'buy oat milk'.",
        "The user marked 'call Bob' as done on the todo list.",
        "The user deleted 'buy oat milk' from the todo list.",
    } <= heard, "the model overheard every change"


def test_profiles_create_switch_rename_and_delete_after_confirming(page):
    open_app(page, "Todo list", "#todo-card")
    add_todo(page, "home chore")

    open_app(page, "Profiles", "#profiles-card")
    page.fill("#profile-new-name", "Acme")
    page.press("#profile-new-name", "Enter")
    acme = page.locator("#profile-list .profile-row", has_text="Acme")
    acme.wait_for()
    page.fill("#profile-new-name", "acme")
    page.click("#profile-create")
    assert "already exists" in page.wait_for_selector("#profile-create-error").inner_text()
    assert page.locator("#profile-list .profile-row").count() == 2

    acme.locator(".profile-switch").click()
    page.wait_for_selector("#profile-list .profile-row.active >> text=Acme")
    open_app(page, "Todo list", "#todo-card")
    assert "Profile: Acme" in page.inner_text("#todo-summary")
    assert todo_texts(page) == [], "another profile, another list"
    add_todo(page, "acme report")

    open_app(page, "Profiles", "#profiles-card")
    page.locator("#profile-list .profile-row", has_text="Default").locator(".profile-switch").click()
    page.wait_for_selector("#profile-list .profile-row.active >> text=Default")
    open_app(page, "Todo list", "#todo-card")
    assert todo_texts(page) == ["home chore"]

    open_app(page, "Profiles", "#profiles-card")
    acme.locator(".profile-rename").click()
    editor = page.locator("#profile-list .profile-row.editing input[name=name]")
    assert editor.input_value() == "Acme"
    editor.fill("Acme Ltd")
    editor.press("Enter")
    page.wait_for_selector("#profile-list .profile-name >> text='Acme Ltd'")

    renamed = page.locator("#profile-list .profile-row", has_text="Acme Ltd")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))  # "Cancel" keeps it
    renamed.locator(".profile-delete").click()
    page.wait_for_timeout(300)
    assert asked == ["Delete the profile 'Acme Ltd'? Everything in it (its todo list and runs) is lost. "
                     "This cannot be undone."]
    assert page.locator("#profile-list .profile-row").count() == 2, "cancel keeps the profile"

    page.once("dialog", lambda dialog: dialog.accept())
    renamed.locator(".profile-delete").click()
    page.wait_for_selector("#profile-list .profile-row >> text='Acme Ltd'", state="detached")
    page.reload()
    page.wait_for_selector("#profiles-card")
    assert page.locator("#profile-list .profile-name").all_inner_texts() == ["Default"]
    assert page.locator("#profile-list .profile-delete").is_disabled(), "the last profile cannot be deleted"


def test_switching_profile_in_one_tab_refreshes_the_app_in_the_others(page, server):
    open_app(page, "Todo list", "#todo-card")
    add_todo(page, "home chore")
    open_app(page, "Profiles", "#profiles-card")
    page.fill("#profile-new-name", "Acme")
    page.press("#profile-new-name", "Enter")
    page.locator("#profile-list .profile-row", has_text="Acme").wait_for()

    other = page.context.new_page()
    other.goto(server.url + "/")
    other.wait_for_selector('body[data-chat="connected"]')
    open_app(other, "Todo list", "#todo-card")
    assert todo_texts(other) == ["home chore"]

    page.select_option("#profile-switcher select", label="Acme")
    other.wait_for_function("() => document.querySelector('#todo-summary').textContent.includes('Profile: Acme')")
    assert todo_texts(other) == [], "the other tab now shows Acme's (empty) list, not Default's"
    add_todo(other, "acme report")
    assert "Acme" in other.locator("#profile-switcher select option:checked").inner_text()
