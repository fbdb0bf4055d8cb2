"""End to end in headless Debian chromium: the page, streaming, stop, reload, safety."""

import pytest

pytestmark = pytest.mark.browser

COUNT_UPDATES = """
() => {
  window.__updates = [];
  const list = document.getElementById('chat-messages');
  new MutationObserver(() => {
    const body = list.querySelector('.msg-body.streaming');
    if (body) window.__updates.push(body.textContent.length);
  }).observe(list, {childList: true, subtree: true, characterData: true});
}
"""


def _send(page, text):
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")


def test_two_columns_sticky_chat_and_only_local_assets(page, server):
    chat, app = page.locator("#chat"), page.locator("#app-area")
    assert chat.evaluate("el => getComputedStyle(el).position") == "sticky"
    assert app.bounding_box()["x"] < chat.bounding_box()["x"]
    assert "SmolLM2" in page.locator("#chat-model").inner_text()
    page.evaluate("document.getElementById('app-area').style.height = '4000px'")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    assert 0 <= chat.bounding_box()["y"] < 100, "the chat stays in view while the left side scrolls"
    assert page.foreign_requests == []

    page.set_viewport_size({"width": 600, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")
    assert chat.bounding_box()["y"] > app.bounding_box()["y"], "narrow screens stack the chat below the app"


def test_stream_stop_and_reload(page):
    page.evaluate(COUNT_UPDATES)
    _send(page, "Tell me a long story about a lighthouse keeper.")
    page.wait_for_selector(".msg-user >> text=lighthouse keeper")
    assert page.input_value("#chat-input") == ""
    page.wait_for_function("window.__updates.filter((v, i, a) => a.indexOf(v) === i).length >= 5")
    page.click("#chat-stop")
    stopped = page.wait_for_selector(".msg-assistant.msg-stopped", timeout=5000)
    text_at_stop = stopped.inner_text()
    page.wait_for_timeout(500)
    assert stopped.inner_text() == text_at_stop, "no tokens arrive after Stop"
    assert page.locator("#chat-stop").is_disabled()

    page.reload()
    page.wait_for_selector('body[data-chat="connected"]')
    assert page.locator(".msg-user", has_text="lighthouse keeper").count() == 1
    assert page.locator(".msg-assistant.msg-stopped").count() == 1


def test_second_message_while_answering_shows_why(page):
    _send(page, "Write a long poem about autumn leaves.")
    page.wait_for_selector(".msg-body.streaming")
    _send(page, "And another thing")
    assert "Still answering" in page.wait_for_selector("#chat-notice[role=alert]").inner_text()
    page.click("#chat-stop")


def test_hostile_markup_is_rendered_inert(page):
    _send(page, 'Look: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> **bold**')
    message = page.wait_for_selector(".msg-user strong")
    assert message.inner_text() == "bold", "markdown is rendered"
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#chat-messages img[onerror], #chat-messages script").count() == 0
    page.click("#chat-stop")


def test_oversized_message_is_refused_visibly(page):
    page.evaluate("document.getElementById('chat-input').value = 'z'.repeat(32001)")
    page.press("#chat-input", "Enter")
    assert "limit is 32,000" in page.wait_for_selector("#chat-notice[role=alert]").inner_text()
    assert page.locator(".msg-user").count() == 0


def test_introduction_updates_the_app_from_the_chat(page):
    _send(page, "Hi, I'm Ada Lovelace and my favourite colour is teal")
    page.wait_for_selector("#intro-name >> text=Ada Lovelace")
    assert page.inner_text("#intro-colour") == "teal"
    assert page.locator(".msg-assistant", has_text="Nice to meet you, Ada Lovelace!").count() == 1
