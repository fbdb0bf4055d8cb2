"""The chat shows which tier answered, its cost and why; the dashboard shows the spend."""

import pytest

from tests.support.testing import ServerProcess
from tests.support.whittle_toml import LOCAL_TIER, server_tier, table, write_config

pytestmark = pytest.mark.browser


@pytest.fixture
def cascade_page(browser, remote_server, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    write_config(home, LOCAL_TIER,
                 server_tier(remote_server, provider="test", price_input_per_mtok=10.0, price_output_per_mtok=30.0),
                 table("[router]", min_mean_logprob=0.0))  # every local answer escalates
    with ServerProcess(home, extra_args=("--max-tokens", "24")) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(server.url + "/")
        page.wait_for_selector('body[data-chat="connected"]')
        yield page, server
        context.close()


def test_reply_shows_tier_cost_and_reason_and_takes_feedback(cascade_page):
    page, server = cascade_page
    page.fill("#chat-input", "What is a river?")
    page.press("#chat-input", "Enter")
    reply = page.locator(".msg-assistant.msg-done", has=page.locator("footer .route", has_text="remote"))
    reply.wait_for(timeout=180_000)
    footer = reply.locator("footer .route")
    text = footer.inner_text()
    assert text.startswith("remote · remote-smollm2") and "$0.00" in text
    assert "low confidence" in footer.get_attribute("title")
    reply.locator("button[aria-label='Good answer']").click()
    reply.locator("button.feedback.chosen").wait_for()

    page.click("#app-menu >> text=Cost dashboard")
    spent = page.wait_for_selector("#stat-spend")
    assert spent.inner_text().startswith("$0.0") and spent.inner_text() != "$0.0000"
    assert page.locator("#chart-calls rect").count() >= 2  # a local and a remote segment
    assert "low confidence" in page.inner_text("#costs-dashboard")
