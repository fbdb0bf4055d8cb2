"""The user's words are never lost: queued while an answer streams, taken back, given back."""

import pytest

pytestmark = pytest.mark.browser

CLASSES = "els => els.map(e => e.className.replace('msg ', ''))"
# The streaming reply shows words of its own (not only the "reading N tokens…" line).
FIRST_WORDS = """() => { const body = document.querySelector('.msg-body.streaming');
  return !!body && [...body.childNodes].some(n => !(n.classList && n.classList.contains('reading-prompt'))
                                               && n.textContent.trim().length > 0); }"""


def _send(page, text):
    page.fill("#chat-input", text)
    page.press("#chat-input", "Enter")


def test_a_message_sent_while_answering_is_queued_cancellable_and_sent_next(page):
    _send(page, "Write a long poem about autumn leaves.")
    page.wait_for_function(FIRST_WORDS, timeout=120_000)  # stopped before its first word, it would leave no bubble
    _send(page, "What rhymes with leaves?")
    page.wait_for_selector(".msg-user.msg-queued >> text=What rhymes with leaves?")
    assert page.input_value("#chat-input") == ""
    assert "Still answering" in page.inner_text("#chat-notice")

    # Cancel takes it back into the input, where the user can change it or send it again.
    page.click(".msg-user.msg-queued button.cancel-queued")
    page.wait_for_selector(".msg-user.msg-queued", state="detached")
    assert page.input_value("#chat-input") == "What rhymes with leaves?"
    page.press("#chat-input", "Enter")
    page.wait_for_selector(".msg-user.msg-queued >> text=What rhymes with leaves?")

    # Stop: the queued message goes next, as an ordinary message, and its notice goes away.
    page.click("#chat-stop")
    page.wait_for_selector(".msg-user.msg-done >> text=What rhymes with leaves?")
    page.wait_for_selector("#chat-notice[role=alert]", state="detached")
    # After the app's greeting: the poem (stopped), the queued question, and its answer.
    page.wait_for_function("document.querySelectorAll('#chat-messages .msg').length >= 5")
    classes = page.eval_on_selector_all("#chat-messages .msg", CLASSES)[1:]
    assert classes[:3] == ["msg-user msg-done", "msg-assistant msg-stopped", "msg-user msg-done"]
    assert classes[3].startswith("msg-assistant")
    assert page.locator(".msg-user", has_text="What rhymes with leaves?").count() == 1
    # Stop the answer if it is still running; checked and clicked in one step, since it may end in between.
    page.evaluate("() => { const stop = document.getElementById('chat-stop'); if (!stop.disabled) stop.click(); }")


def test_a_refused_message_goes_back_into_the_input(page):
    page.evaluate("document.getElementById('chat-input').value = 'z'.repeat(32001)")
    page.press("#chat-input", "Enter")
    assert "limit is 32,000" in page.wait_for_selector("#chat-notice[role=alert]").inner_text()
    page.wait_for_function("document.getElementById('chat-input').value.length === 32001")
    assert page.locator(".msg-user").count() == 0


def test_an_answer_stopped_before_its_first_word_leaves_no_bubble(page):
    _send(page, "Tell me about owls.")
    page.wait_for_selector(".msg-assistant.msg-streaming")
    page.click("#chat-stop")
    page.wait_for_selector(".msg-assistant.msg-streaming", state="detached")
    page.wait_for_timeout(300)
    assert page.locator(".msg-assistant.msg-stopped").count() == 0
    page.reload()
    page.wait_for_selector('body[data-chat="connected"]')
    classes = page.eval_on_selector_all("#chat-messages .msg", CLASSES)
    assert classes[-1] == "msg-user msg-done", f"an empty bubble came back: {classes}"
    assert page.locator(".msg-user", has_text="owls").count() == 1
