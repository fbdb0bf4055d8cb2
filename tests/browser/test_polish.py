"""The page's polish in headless chromium: contrast measured from computed styles, the keyboard,
a phone's width (no sideways scroll, a chat drawer), the 404 page and the favicon.

One server for the module, started on a data home seeded with a conversation (a user message, a
rated-able reply) and a competitive analysis whose table is much wider than a phone: no model
call is needed, so these tests take seconds.
"""

import urllib.error
import urllib.request

import pytest

from tests.support.testing import ServerProcess
from whittle.chat.store import MessageStore
from whittle.config import Settings
from whittle.db import Database
from whittle.kv import KeyValueStore
from whittle.profiles import ProfileStore
from whittle.router.ledger import Ledger
from whittle.workflows.store import WorkflowStore

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDE_ASPECTS = ["Pricing model and tiers", "Target customers", "Main strengths", "Main weaknesses", "Integrations"]

# WCAG 2.x contrast of an element's text (or an SVG icon's fill) on what is painted behind it:
# the colour is blended with its alpha and the opacity of every ancestor, the background is the
# composite of the ancestors' background colours (the canvas is white or the scheme's colour).
CONTRAST = """
(el) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const layers = [];
  let opacity = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const style = getComputedStyle(node);
    opacity *= Number(style.opacity);
    const bg = parse(style.backgroundColor);
    if (bg[3] > 0) layers.push(bg);
  }
  const canvas = matchMedia('(prefers-color-scheme: dark)').matches ? [19, 22.5, 30.5, 1] : [255, 255, 255, 1];
  let background = canvas;
  for (const layer of layers.reverse()) background = over(layer, background);
  const style = getComputedStyle(el);
  const paint = el instanceof SVGElement ? style.fill : style.color;
  const fg = parse(paint);
  const foreground = over([fg[0], fg[1], fg[2], fg[3] * opacity], background);
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(foreground), lum(background)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}
"""

NO_SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"


def _seed(home):
    """A conversation and a finished competitive analysis, written as the app would store them."""
    db = Database(Settings(home=home).db_path)
    try:
        messages, ledger = MessageStore(db), Ledger(db)
        calls = [ledger.start("chat", "SmolLM2", [{"role": "user", "content": "hi"}]) for _ in range(2)]
        messages.add(
            "user",
            "Please compare these two for me, see [the notes](https://example.com/notes) and "
            "https://example.com/a/very/long/address/without/any/spaces/that/must/wrap/on/a/phone/screen",
            visible=True,
            source="user",
        )
        reply = messages.add("assistant", "", visible=True, source="chat", model="SmolLM2", status="streaming")
        messages.finish(reply, "Here is **a comparison**:\n\n- one\n- two", "done",
                        route={"tier": "embedded", "call_id": calls[0], "cost_usd": 0.0, "reason": "kind: chat"})
        second = messages.add("assistant", "", visible=True, source="chat", model="SmolLM2", status="streaming")
        messages.finish(second, "Anything else?", "done", route={"tier": "embedded", "call_id": calls[1], "cost_usd": 0.0})
        # Queued when the server stopped: shown as "not sent" with a Cancel button, in the user's colours.
        messages.add("user", "And this one too", visible=True, source="user", status="queued")

        profile = ProfileStore(db, KeyValueStore(db)).active()
        runs = WorkflowStore(db)
        run, _ = runs.open_run("competitive-analysis", profile.id, "wide-table")
        names = ["Acme Project Management Suite International", "Globex Collaborative Planning Platform"]
        runs.complete_step(run.id, "competitors", {"description": "", "competitors": names}, {"competitors": names,
                           "description": ""}, after=[])
        rows = [{"competitor": n, "aspects": {a: f"{a} of {n}: a long sentence the model wrote" for a in WIDE_ASPECTS},
                 "raw": "…"} for n in names]
        runs.complete_step(run.id, "analysis", {"aspects": WIDE_ASPECTS}, {"aspects": WIDE_ASPECTS, "rows": rows},
                           after=["competitors"])
        columns = [["competitor", "Competitor"]] + [[f"aspect_{i}", a] for i, a in enumerate(WIDE_ASPECTS)]
        table = [{"competitor": r["competitor"], **{f"aspect_{i}": r["aspects"][a] for i, a in enumerate(WIDE_ASPECTS)}}
                 for r in rows]
        runs.complete_step(run.id, "table", {}, {"columns": columns, "rows": table}, after=["competitors", "analysis"])
    finally:
        db.close()


@pytest.fixture(scope="module")
def polished(tmp_path_factory):
    home = tmp_path_factory.mktemp("polish") / "home"
    home.mkdir()
    _seed(home)
    with ServerProcess(home, extra_args=("--max-tokens", "50")) as running:
        yield running


def _open_wide_table(tab, server):
    """The seeded analysis, opened as a user does: the app, then the run in its list."""
    tab.goto(server.url + "/app/competitive-analysis")
    tab.click("a:text-is('wide-table')")
    tab.wait_for_selector(".wf-table table")


def _open(browser, server, path="/", **options):
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
    tab = context.new_page()
    tab.goto(server.url + path)
    tab.wait_for_selector('body[data-chat="connected"]')
    return context, tab


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_user_messages_and_feedback_buttons_meet_wcag_aa(browser, polished, scheme):
    context, tab = _open(browser, polished, color_scheme=scheme)
    try:
        user_text = tab.locator(".msg-user .msg-body p").first
        assert user_text.evaluate(CONTRAST) >= 4.5, f"user message text ({scheme})"
        assert tab.locator(".msg-user .msg-body a").first.evaluate(CONTRAST) >= 4.5, f"a link in a user message ({scheme})"
        unsent = tab.locator(".msg-user.msg-unsent")
        assert unsent.locator("footer small").evaluate(CONTRAST) >= 4.5, f"a waiting message's note ({scheme})"
        assert unsent.locator("button.cancel-queued").evaluate(CONTRAST) >= 4.5, f"its Cancel button ({scheme})"
        up = tab.locator("button.feedback[aria-label='Good answer'] svg").first
        down = tab.locator("button.feedback[aria-label='Bad answer'] svg").first
        assert up.evaluate(CONTRAST) >= 4.5 and down.evaluate(CONTRAST) >= 4.5, f"▲/▼ at rest ({scheme})"
        tab.hover("button.feedback[aria-label='Good answer']")
        assert up.evaluate(CONTRAST) >= 4.5, f"▲ hovered ({scheme})"
        # The icons are drawn (SVG), not glyphs that need a symbol font; the name is in aria-label.
        assert tab.locator("button.feedback").first.inner_text().strip() == ""
        assert tab.locator("button.feedback svg path").count() == tab.locator("button.feedback").count() >= 4
    finally:
        context.close()


def test_feedback_buttons_join_the_tab_order_only_with_their_message_and_slash_focuses_the_input(browser, polished):
    context, tab = _open(browser, polished)
    try:
        tab.locator("body").click(position={"x": 5, "y": 5})
        visited = []
        for _ in range(80):  # Tab through the whole page until the chat input
            tab.keyboard.press("Tab")
            visited.append(tab.evaluate("(document.activeElement.id || '') + '|' + document.activeElement.className"))
            if visited[-1].startswith("chat-input|"):
                break
        assert visited[-1].startswith("chat-input|"), visited
        assert not [v for v in visited if "feedback" in v], f"Tab walked through ▲/▼: {visited}"
        assert sum(1 for v in visited if v.startswith("chat-messages|")) == 1, "the conversation is one Tab stop"

        # From the conversation, ArrowUp reaches the newest message; then Tab reaches its ▲.
        tab.focus("#chat-messages")
        tab.keyboard.press("ArrowUp")
        assert tab.evaluate("document.activeElement.id") == tab.locator(".msg").last.get_attribute("id")
        for _ in range(5):  # up to the newest reply that can be rated (an app's greeting cannot)
            if tab.evaluate("!!document.activeElement.querySelector('button.feedback')"):
                break
            tab.keyboard.press("ArrowUp")
        focused_id = tab.evaluate("document.activeElement.id")
        assert tab.evaluate("document.activeElement.classList.contains('msg-assistant')")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Good answer"
        assert tab.evaluate("document.activeElement.closest('.msg').id") == focused_id
        # Enter rates it; the re-rendered buttons keep the focus on the verdict.
        tab.keyboard.press("Enter")
        tab.wait_for_selector(f"#{focused_id} button.feedback.chosen")
        assert tab.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
        assert tab.evaluate("document.activeElement.closest('.msg').id") == focused_id

        # Hover makes a message's buttons reachable too; leaving it takes them out again.
        first_reply = tab.locator(".msg-assistant", has=tab.locator("button.feedback")).first
        tab.locator("#chat-input").focus()
        first_reply.hover()
        assert first_reply.locator("button.feedback").first.get_attribute("tabindex") == "0"
        tab.mouse.move(5, 5)
        assert first_reply.locator("button.feedback").first.get_attribute("tabindex") == "-1"

        # "/" from outside a text field goes to the chat input (and is not typed into it).
        tab.locator("body").click(position={"x": 5, "y": 5})
        tab.keyboard.press("/")
        assert tab.evaluate("document.activeElement.id") == "chat-input"
        assert tab.input_value("#chat-input") == ""
        assert tab.get_attribute("#chat-input", "aria-keyshortcuts") == "/"
    finally:
        context.close()


def test_a_phone_never_scrolls_sideways_and_reaches_the_chat(browser, polished):
    context, tab = _open(browser, polished, viewport=PHONE)
    try:
        pages = tab.eval_on_selector_all("#app-menu a", "links => links.map(a => a.getAttribute('href'))")
        assert len(pages) >= 8
        for path in [*pages, "/app/no-such-app"]:
            tab.goto(polished.url + path)
            tab.wait_for_load_state("load")
            assert tab.evaluate(NO_SIDEWAYS_SCROLL), f"{path} scrolls sideways at 390 px"
        # The seeded table is wider than the phone: it scrolls inside its own box, not the page.
        _open_wide_table(tab, polished)
        assert tab.evaluate(NO_SIDEWAYS_SCROLL), "the competitive analysis table widens the page"
        box = tab.locator(".wf-table").first
        assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "the table is wider than the phone"
        assert box.evaluate("el => getComputedStyle(el).overflowX") in ("auto", "scroll")

        # The chat is a drawer: closed, it is out of sight; the Chat button opens it with the input focused.
        tab.wait_for_selector('body[data-chat="connected"]')
        assert not tab.locator("#chat-input").is_visible()
        toggle = tab.locator("#chat-toggle")
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        tab.wait_for_function("document.activeElement && document.activeElement.id === 'chat-input'")
        # Slid in, and grown to its full height (under load the transition can still be running when it is in place).
        tab.wait_for_function("(r => Math.abs(r.left) < 1 && r.height >= innerHeight - 1)"
                              "(document.getElementById('chat').getBoundingClientRect())")
        chat = tab.locator("#chat").bounding_box()
        assert chat["width"] <= PHONE["width"] and chat["height"] >= PHONE["height"] - 1, "the drawer covers the phone"
        assert tab.locator("#chat-input").is_visible() and toggle.get_attribute("aria-expanded") == "true"
        assert tab.evaluate(NO_SIDEWAYS_SCROLL)
        tab.keyboard.press("Escape")
        tab.wait_for_function("!document.body.classList.contains('chat-open')")
        tab.locator("#chat-input").wait_for(state="hidden")  # slid out, then hidden
        # The shortcut opens it too; the close button shuts it.
        tab.keyboard.press("/")
        tab.wait_for_function("document.activeElement && document.activeElement.id === 'chat-input'")
        tab.click("#chat-close")
        tab.locator("#chat-input").wait_for(state="hidden")
        assert tab.evaluate("document.activeElement.id") == "chat-toggle", "focus goes back to the Chat button"
    finally:
        context.close()


def test_unknown_addresses_answer_404_with_a_way_home_and_the_favicon_is_served(browser, polished):
    context = browser.new_context()
    tab = context.new_page()
    try:
        for path, says in (("/app/no-such-app", "no app called 'no-such-app'"), ("/no/such/page", "no page at /no/such/page"),
                           ("/app/todo/no-such-route", "no page at")):
            response = tab.goto(polished.url + path)
            assert response.status == 404, path
            assert says in tab.locator("main").inner_text(), path
            assert tab.locator("main a[href='/']").count() == 1, "a link back to the start page"
        tab.click("main a[href='/']")
        tab.wait_for_selector("#chat")

        icon = tab.locator("head link[rel=icon]").get_attribute("href")
        with urllib.request.urlopen(polished.url + icon) as served:
            assert served.status == 200 and served.headers["Content-Type"].startswith("image/svg+xml")
            assert b"<svg" in served.read()
        assert tab.evaluate(
            "async (href) => { const img = new Image(); img.src = href; await img.decode(); return img.naturalWidth; }", icon
        ) > 0, "the browser can draw the favicon"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(polished.url + "/static/no-such-file.css")
        assert missing.value.code == 404
    finally:
        context.close()
