"""Issue 9 item 5 in headless chromium: New run, no run from an empty Enter, single bullets, and the
todo list's Escape-to-cancel and keyboard reordering."""

import sqlite3

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# A list item that shows the browser's bullet and also starts with a bullet-like character.
DOUBLE_BULLETS = """
root => [...root.querySelectorAll('li')].filter(li => li.offsetParent !== null)
  .filter(li => getComputedStyle(li).listStyleType !== 'none' && /^[•·\\-*✓…]/.test(li.innerText.trim()))
  .map(li => li.innerText.trim())
"""


def settled(page) -> None:
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def runs_in_db(server) -> list[str]:
    with sqlite3.connect(server.home / "whittle.db") as db:
        return [row[0] for row in db.execute("SELECT key FROM workflow_runs ORDER BY id")]


def todo_texts(page) -> list[str]:
    return page.locator("#todo-items .todo-text").all_inner_texts()


def wait_for_order(page, expected: list[str]) -> None:
    page.wait_for_function(
        "expected => JSON.stringify([...document.querySelectorAll('#todo-items .todo-text')].map(e => e.textContent))"
        " === JSON.stringify(expected)",
        arg=expected,
    )


def open_todo_with(page, *texts: str) -> None:
    page.click("#app-menu >> text=Todo list")
    page.wait_for_selector("#todo-card")
    settled(page)
    for text in texts:
        page.fill("#todo-new-text", text)
        page.press("#todo-new-text", "Enter")
        page.wait_for_selector(f"#todo-items .todo-text >> text='{text}'")


def test_new_run_starts_a_named_run_and_enter_on_an_empty_key_starts_none(page, server):
    page.click("#app-menu >> text=Hello workflow")
    page.wait_for_selector("#wf-hello-workflow")
    settled(page)
    key = page.locator("#wf-hello-workflow-key")
    assert key.input_value() == "", "no key is pre-filled: Enter alone must not start a run"

    for typed in ("", "   "):
        key.fill(typed)
        key.press("Enter")
        alert = page.locator("#wf-hello-workflow-keyform [role=alert]")
        expect(alert).to_contain_text("Type the key of a run to open it")
        expect(alert).to_contain_text("press New run to start one")
        settled(page)
        key = page.locator("#wf-hello-workflow-key")
    assert runs_in_db(server) == [], "an empty key saved nothing"
    expect(page.locator("#wf-hello-workflow-runs")).to_contain_text("No runs yet")

    page.get_by_role("button", name="New run", exact=True).click()
    page.wait_for_selector("h3 >> text='Run default-hello-01'")
    settled(page)
    expect(page.locator("#wf-hello-workflow-new")).to_contain_text("Starts run default-hello-02.")
    page.get_by_role("button", name="New run", exact=True).click()
    page.wait_for_selector("h3 >> text='Run default-hello-02'")
    settled(page)
    assert runs_in_db(server) == ["default-hello-01", "default-hello-02"]
    expect(page.locator("#wf-hello-workflow-runs")).to_contain_text("0 of 2 steps done")

    page.press("#wf-hello-workflow-key", "Enter")  # the field is empty again after a run opened
    expect(page.locator("#wf-hello-workflow-keyform [role=alert]")).to_be_visible()
    assert runs_in_db(server) == ["default-hello-01", "default-hello-02"]

    key = page.locator("#wf-hello-workflow-key")
    key.fill("default-hello-01")  # typing a key still opens that run
    key.press("Enter")
    page.wait_for_selector("h3 >> text='Run default-hello-01'")

    # A background step's item list (✓ / … / · marks) shows each mark as the only bullet.
    page.evaluate("""() => document.querySelector('#wf-hello-workflow').insertAdjacentHTML('beforeend',
        '<ul class="wf-progress-items" id="probe"><li><span class="wf-mark">✓</span> Notion</li></ul>')""")
    assert page.evaluate("getComputedStyle(document.querySelector('#probe li')).listStyleType") == "none"
    assert page.evaluate(DOUBLE_BULLETS, page.locator("#app-area").element_handle()) == []


def test_escape_cancels_a_todo_edit(page, server):
    open_todo_with(page, "buy milk", "call Bob")
    item = page.locator("#todo-items .todo-item", has_text="buy milk")
    item.locator(".todo-edit").click()
    editor = page.locator("#todo-items .todo-item.editing input[name=text]")
    expect(editor).to_be_focused()
    editor.fill("buy oat milk")
    editor.press("Escape")

    expect(page.locator("#todo-items .todo-item.editing")).to_have_count(0)
    assert todo_texts(page) == ["buy milk", "call Bob"], "the saved text is back"
    expect(page.locator("#todo-items .todo-item", has_text="buy milk").locator(".todo-edit")).to_be_focused()
    with sqlite3.connect(server.home / "whittle.db") as db:
        assert [r[0] for r in db.execute("SELECT text FROM todos ORDER BY position")] == ["buy milk", "call Bob"]
        changed = db.execute("SELECT COUNT(*) FROM messages WHERE content LIKE '%changed the todo%'").fetchone()[0]
    assert changed == 0, "nothing was edited, so the assistant heard of no change"


def test_todos_reorder_by_keyboard_with_an_announcement(page, server):
    open_todo_with(page, "alpha", "bravo", "charlie")
    handle = page.locator("#todo-items .todo-item", has_text="charlie").locator(".todo-handle")
    handle.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-keyshortcuts')") == "Alt+ArrowUp Alt+ArrowDown"

    with page.expect_response("**/app/todo/reorder"):
        page.keyboard.press("Alt+ArrowUp")
    wait_for_order(page, ["alpha", "charlie", "bravo"])
    expect(page.locator("#todo-live")).to_have_text("Moved 'charlie' to position 2 of 3.")
    charlie_handle = page.locator("#todo-items .todo-item", has_text="charlie").locator(".todo-handle")
    expect(charlie_handle).to_be_focused()  # the list came back from the server; the focus stayed with the item

    with page.expect_response("**/app/todo/reorder"):
        page.keyboard.press("Alt+ArrowUp")
    wait_for_order(page, ["charlie", "alpha", "bravo"])
    expect(page.locator("#todo-live")).to_have_text("Moved 'charlie' to position 1 of 3.")
    # The list was drawn again: press only once the focus is back on the item (under load it takes a moment).
    expect(page.locator("#todo-items .todo-item", has_text="charlie").locator(".todo-handle")).to_be_focused()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator("#todo-live")).to_have_text("'charlie' is already first.")

    page.locator("#todo-items .todo-item", has_text="alpha").locator("input[type=checkbox]").focus()
    with page.expect_response("**/app/todo/reorder"):
        page.keyboard.press("Alt+ArrowDown")  # from any control in the item, not only its handle
    wait_for_order(page, ["charlie", "bravo", "alpha"])

    page.reload()
    page.wait_for_selector("#todo-card")
    assert todo_texts(page) == ["charlie", "bravo", "alpha"], "the keyboard order was saved"
    with sqlite3.connect(server.home / "whittle.db") as db:
        heard = [r[0] for r in db.execute("SELECT content FROM messages WHERE role='context'")]
    assert any("reordered the todo list" in note and "1. charlie; 2. bravo; 3. alpha" in note for note in heard)
