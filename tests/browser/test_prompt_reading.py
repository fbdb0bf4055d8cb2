"""While the model reads a long prompt, the reply's bubble says so; its first words replace the line."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_the_bubble_says_how_many_tokens_are_read_until_the_answer_starts(page):
    # The start page opened an app: its training prompt and the system prompt are read cold.
    page.fill("#chat-input", "Write a sentence about rivers.")
    page.press("#chat-input", "Enter")
    line = page.locator(".msg-assistant .msg-body .reading-prompt")
    line.wait_for(timeout=120_000)
    assert re.fullmatch(r"reading [\d,]+ tokens…", line.inner_text())
    page.wait_for_function(
        "() => { const body = document.querySelector('.msg-assistant .msg-body');"
        " return body && !body.querySelector('.reading-prompt') && body.textContent.trim().length > 0; }",
        timeout=120_000,
    )
    assert "tokens…" not in page.locator(".msg-assistant .msg-body").first.inner_text()
