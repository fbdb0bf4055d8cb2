"""The chat header's expert picker in headless chromium: per conversation, Auto by description, shown on the reply."""

from __future__ import annotations

import pytest

from tests.support.testing import ServerProcess
from tests.support.testing import conversation_menu as menu

pytestmark = pytest.mark.browser

PICKER = "#chat-expert-picker select"


def choose(tab, value: str) -> None:
    with tab.expect_response(lambda response: response.url.endswith("/expert")) as answer:
        tab.select_option(PICKER, value)
    assert answer.value.status == 204, answer.value.text()


def test_each_conversation_keeps_its_expert_and_the_reply_says_which_was_used(browser, tmp_path):
    # Short answers: the test is about which expert the prompt held, not about what the model says.
    with ServerProcess(tmp_path / "home", extra_args=("--max-tokens", "12")) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        tab.goto(server.url + "/app/todo")
        tab.wait_for_selector('body[data-chat="connected"]')
        options = tab.locator(f"{PICKER} option").all_inner_texts()
        assert options[:2] == ["No expert", "Auto (by description)"] and "todo" in options and "linkgraph" in options
        assert tab.input_value(PICKER) == ""

        choose(tab, "auto")
        tab.fill("#chat-input", "What are todos for?")  # matches the todo expert's front matter; no tool's verb
        tab.press("#chat-input", "Enter")
        route = tab.locator(".msg-assistant small.route[title]").last  # the finished reply's footer
        route.wait_for(timeout=180_000)
        assert "expert todo (picked by description)" in route.get_attribute("title"), route.get_attribute("title")

        first_title = tab.inner_text("#chat-conversation-title")
        menu(tab).locator("button >> text=New conversation").click()
        tab.wait_for_function("document.querySelector('#chat-expert-picker select').value === ''")
        choose(tab, "linkgraph")
        menu(tab).locator(f"button.conv-item >> text={first_title}").click()
        tab.wait_for_function("document.querySelector('#chat-expert-picker select').value === 'auto'")

        # The Experts page's Use sets it for the current conversation; the header follows in every tab.
        tab.goto(server.url + "/app/experts")
        tab.wait_for_selector('body[data-chat="connected"]')
        tab.locator("#experts tr", has_text="profiles").locator("button >> text=Use").click()
        tab.wait_for_function("document.querySelector('#chat-expert-picker select').value === 'profiles'")
        assert tab.inner_text("#experts-in-use") == "the profiles expert"

        refused = tab.evaluate("""async () => {
            const id = document.querySelector('#chat-expert-picker select').getAttribute('hx-post');
            const response = await fetch(id, {method: 'POST', body: new URLSearchParams({expert: 'nope'})});
            return [response.status, await response.text()];
        }""")
        assert refused[0] == 400 and "no expert called 'nope'; choose No expert, Auto or one of:" in refused[1]
        assert tab.input_value(PICKER) == "profiles"
        context.close()
