"""Model output is inert in the page, also after htmx restores a page from history (Back).

An assistant message planted in the database carries everything htmx (or its extensions)
would act on. The page must show it as formatted text and nothing else: no request to the
app, no script, not on first render, not after navigating away and pressing Back.
"""

import pytest

from tests.support.testing import ServerProcess
from whittle.chat.store import MessageStore
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore
from whittle.todos import TodoStore

pytestmark = pytest.mark.browser

PLANTED = """Here is your **summary**.

<div data-hx-post="/app/todo/1/delete" data-hx-trigger="load">data-hx on load</div>
<div hx-post="/app/todo/1/delete" hx-trigger="load" hx-target="body">hx on load</div>
<div data-hx-get="/app/todo/1/edit" data-hx-trigger="load" data-hx-target="#app-area">data-hx get</div>
<span data-hx-on-click="window.__ran = 'data-hx-on'" hx-on:click="window.__ran = 'hx-on'" class="trap">click me</span>
<div sse-connect="/app/todo" sse-swap="message" data-sse-connect="/app/todo">sse</div>
<form action="/app/todo/1/delete" method="post"><button id="todo-card">Delete everything</button></form>
<img src="/app/todo/1/delete" onerror="window.__ran = 'onerror'">
<a href="javascript:window.__ran='href'" id="chat-notice" style="position:fixed;inset:0">covered</a>
"""

WATCH = """
() => {
  window.__requests = [];
  document.body.addEventListener('htmx:beforeRequest', e => window.__requests.push(e.detail.pathInfo.requestPath));
}
"""


@pytest.fixture
def seeded(tmp_path):
    """A data home with todo 1 and the planted assistant message, then a real server on it."""
    home = tmp_path / "home"
    home.mkdir()
    db = Database(home / "whittle.db")
    profile = ProfileStore(db, KeyValueStore(db)).active()
    todo = TodoStore(db).add(profile.id, "keep this todo")
    assert todo.id == 1
    MessageStore(db).add("assistant", PLANTED, visible=True, source="chat", model="planted")
    db.close()
    with ServerProcess(home) as server:
        yield server, home


def todo_exists(home) -> bool:
    db = Database(home / "whittle.db")
    try:
        return db.query_one("SELECT COUNT(*) FROM todos WHERE id=1")[0] == 1
    finally:
        db.close()


def assert_inert(page, home, app_requests):
    body = page.locator(".msg-assistant .msg-body").first
    assert body.locator("strong", has_text="summary").count() == 1, "markdown is rendered"
    assert body.get_attribute("hx-disable") is not None, "htmx ignores the message body"
    leftovers = body.evaluate(
        """el => [...el.querySelectorAll('*')].flatMap(n => [...n.attributes].map(a => a.name))
              .filter(name => /^(hx-|data-|ws-|sse-|on|style$|id$)/.test(name))"""
    )
    assert leftovers == [], leftovers
    assert body.locator("form, button, img").count() == 0
    body.locator(".trap").click()
    page.wait_for_timeout(800)  # time for any load trigger or click handler to fire
    assert page.evaluate("window.__ran") is None, "no script from the message ran"
    assert page.evaluate("window.__requests") == [], "htmx made no request for the message"
    assert [url for url in app_requests if "/app/todo/1" in url] == []
    assert todo_exists(home), "todo 1 still exists"


def test_planted_htmx_attributes_stay_inert_after_back(browser, seeded):
    server, home = seeded
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    app_requests = []
    page.on("request", lambda request: app_requests.append(request.url))
    page.on("dialog", lambda dialog: (_ for _ in ()).throw(AssertionError(f"a dialog opened: {dialog.message}")))
    try:
        page.goto(server.url + "/app/todo")
        page.wait_for_selector('body[data-chat="connected"]')
        page.evaluate(WATCH)
        page.wait_for_selector(".msg-assistant .msg-body:not([data-md])")
        assert_inert(page, home, app_requests)

        # Away through the menu (htmx pushes the URL), then Back: htmx restores the page.
        page.click('#app-menu a[href="/app/profiles"]')
        page.wait_for_url("**/app/profiles")
        page.wait_for_selector("#profiles-card, #profile-list")
        page.evaluate("window.__restored = false; document.body.addEventListener('htmx:historyRestore', () => window.__restored = true)")
        page.go_back()
        page.wait_for_function("window.__restored === true")
        page.wait_for_selector(".msg-assistant .msg-body:not([data-md])")
        assert page.url.endswith("/app/todo")
        assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None, "no page snapshot is kept"
        page.evaluate("window.__requests = []")
        app_requests.clear()
        assert_inert(page, home, app_requests)
        assert page.locator("#todo-list, #todo-card").first.inner_text().count("keep this todo") == 1
    finally:
        context.close()
