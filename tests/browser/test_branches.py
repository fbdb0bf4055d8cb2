"""The version switcher in headless chromium: edit a message, see 2 / 2, go back to 1 / 2 and forward again."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def send(page, text: str) -> None:
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")


def test_edit_then_browse_the_versions(page):
    send(page, "/todo add milk")  # a /command: answered without the model, so the test is quick
    page.wait_for_selector(".msg-assistant >> text=todo_add")
    original = page.locator(".msg-user").last
    original_id = original.get_attribute("id")
    answer_id = page.locator(".msg-assistant").last.get_attribute("id")
    assert original.locator(".versions").count() == 0, "a message never edited has no switcher"

    original.hover()
    original.locator("button.branch >> text=Edit").click()
    original.locator("textarea[name=text]").fill("/todo add oat milk")
    original.locator("button >> text=Send again").click()
    page.wait_for_selector(f"#{original_id}", state="detached")
    edited = page.locator(".msg-user", has_text="/todo add oat milk")
    edited.locator(".versions >> text=2 / 2").wait_for()
    page.wait_for_selector(".msg-assistant >> text=oat milk")
    assert edited.locator(".version-step").last.is_disabled(), "no later version: the › arrow is off"

    edited.locator(".version-step").first.click()  # ‹: the first version, with its own answer, in place
    page.locator(f"#{original_id} .versions >> text=1 / 2").wait_for()
    # The keyboard user's place is kept: on the arrow that leads back (‹ is off at the first version).
    page.wait_for_function(f"document.activeElement.matches('#{original_id} button.version-step:not([disabled])')")
    assert page.inner_text(f"#{original_id} .msg-body") == "/todo add milk"
    assert page.locator(f"#{answer_id}").is_visible(), "the first version's answer is shown with it"
    assert "oat milk" not in page.inner_text("#chat-messages")
    messages = page.locator("#chat-messages .msg")
    assert [messages.nth(i).get_attribute("id") for i in range(messages.count())][-2:] == [original_id, answer_id]

    page.reload()  # the version shown is the conversation's active branch, not a view of this tab
    page.wait_for_selector('body[data-chat="connected"]')
    page.locator(f"#{original_id} .versions >> text=1 / 2").wait_for()
    assert "oat milk" not in page.inner_text("#chat-messages")

    page.focus(f"#{original_id}")  # by keyboard: the focused message's › is the next Tab stop (‹ is off)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "›"
    page.keyboard.press("Enter")  # forward to the edit and its answer
    page.locator(".msg-user .versions >> text=2 / 2").wait_for()
    page.wait_for_selector(f"#{original_id}", state="detached")
    assert page.locator(".msg-user").last.inner_text().startswith("/todo add oat milk")
    assert page.locator(f"#{answer_id}").count() == 0
    page.wait_for_selector(".msg-assistant >> text=oat milk")
    assert page.foreign_requests == []
