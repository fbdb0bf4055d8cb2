"""Conversations in headless chromium: new, switch, search to a message, export and import round trip."""

from __future__ import annotations

import pytest

from tests.support.testing import conversation_menu as menu

pytestmark = pytest.mark.browser


def send(page, text: str) -> None:
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")


def test_new_switch_search_export_import(page, tmp_path):
    send(page, "/todo add milk")  # a /command: answered without the model, so the test is quick
    page.wait_for_selector(".msg-assistant >> text=todo_add")
    first_title = page.inner_text("#chat-conversation-title")

    menu(page).locator("button >> text=New conversation").click()
    page.wait_for_selector("#chat-conversation-title >> text=New conversation")
    assert page.locator("#chat-messages .msg").count() == 0
    send(page, "/todo add eggs")
    page.wait_for_selector("#chat-conversation-title >> text=/todo add eggs")  # named after its first message

    menu(page).locator(f"button.conv-item >> text={first_title}").click()
    page.wait_for_selector("#chat-messages >> text=/todo add milk")
    assert "eggs" not in page.inner_text("#chat-messages")

    menu(page).locator("input[name=q]").fill("eggs")
    hit = page.locator("#conv-results .conv-hit").first
    hit.wait_for()
    assert "[eggs]" in hit.inner_text()
    hit.click()
    page.wait_for_selector("#chat-messages >> text=/todo add eggs")

    with page.expect_download() as download:
        menu(page).locator("a >> text=Export JSON").click()
    saved = tmp_path / "conversation.json"
    download.value.save_as(saved)
    menu(page).locator("input[name=file]").set_input_files(str(saved))
    before = page.locator("#chat-conversations .conv-item").count()
    menu(page).locator("button >> text=Import").click()
    page.wait_for_function(f"document.querySelectorAll('#chat-conversations .conv-item').length === {before + 1}")
    assert "/todo add eggs" in page.inner_text("#chat-messages")
    assert page.foreign_requests == []


def test_code_blocks_are_highlighted_with_a_copy_button(browser, tmp_path):
    from tests.support.testing import ServerProcess
    from whittle.chat.store import MessageStore
    from whittle.config import Settings
    from whittle.db import Database

    home = tmp_path / "home"
    home.mkdir()
    db = Database(Settings(home=home).db_path)
    reply = MessageStore(db).add("assistant", "", visible=True, source="chat", model="SmolLM2", status="streaming")
    MessageStore(db, recover=False).finish(
        reply, "Try this:\n\n```python\ndef greet(name):\n    return f'hi {name}'  # <b>not bold</b>\n```\n", "done")
    db.close()
    with ServerProcess(home) as server:
        context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        tab = context.new_page()
        tab.goto(server.url + "/app/todo")
        code = tab.locator(f"#msg-{reply.id} pre code.hljs")
        code.wait_for()
        assert code.locator("span.hljs-keyword").first.inner_text() == "def"
        assert code.locator("b").count() == 0, "code stays text: markup inside it is not rendered"
        tab.locator(f"#msg-{reply.id} .copy-code").click()
        tab.wait_for_selector(f"#msg-{reply.id} .copy-code >> text=Copied")
        assert "def greet(name):" in tab.evaluate("navigator.clipboard.readText()")
        context.close()


def test_edit_and_resubmit_then_regenerate(page):
    send(page, "/todo add milk")
    page.wait_for_selector(".msg-assistant >> text=todo_add")
    user = page.locator(".msg-user").last
    user.hover()
    user.locator("button.branch >> text=Edit").click()
    box = user.locator("textarea[name=text]")
    box.fill("/todo add oat milk")
    user.locator("button >> text=Send again").click()
    page.wait_for_selector(".msg-user >> text=/todo add oat milk")
    page.wait_for_selector(".msg-user >> text='/todo add milk'", state="detached")  # the earlier branch is hidden

    send(page, "Say hello in three words.")
    reply = page.locator(".msg-assistant.msg-done").last
    page.wait_for_function("document.querySelectorAll('.msg-assistant.msg-done .branch').length > 0", timeout=120_000)
    first_id = reply.get_attribute("id")
    reply.hover()
    reply.locator("button.branch >> text=Regenerate").click()
    page.locator(f"#{first_id} .again-form button >> text=Regenerate").click()
    page.wait_for_selector(f"#{first_id}", state="detached")
    first = int(first_id.split("-")[1])
    page.wait_for_function(f"[...document.querySelectorAll('.msg-assistant.msg-done')].some(m => +m.id.split('-')[1] > {first})",
                           timeout=120_000)
