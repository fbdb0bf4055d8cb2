"""The page's own icons are drawn (inline SVG), so they show on machines without emoji or symbol fonts."""

import re
from pathlib import Path

from fasthtml.common import to_xml

from whittle.plugins import BrokenPlugin
from whittle.web.layout import broken_plugins_notice, feedback_buttons

STATIC = Path(__file__).parents[2] / "whittle" / "web" / "static"
# Arrows, technical and geometric symbols, dingbats, braille, emoji: each needs a font many Linux desktops lack.
NEEDS_A_SYMBOL_FONT = re.compile("[\u2190-\u2bff\u2800-\u28ff\U0001f000-\U0001faff]")


def test_feedback_buttons_are_drawn_labelled_and_out_of_the_tab_order():
    html = to_xml(feedback_buttons(7, chosen=1))
    assert not NEEDS_A_SYMBOL_FONT.search(html)
    assert html.count("<svg") == 2 and 'aria-label="Good answer"' in html and 'aria-label="Bad answer"' in html
    assert html.count('tabindex="-1"') == 2
    assert 'aria-pressed="true"' in html and 'aria-pressed="false"' in html


def test_the_broken_plugin_warning_is_drawn():
    html = to_xml(broken_plugins_notice((BrokenPlugin("demo", "ImportError: no module named demo"),)))
    assert "<svg" in html and not NEEDS_A_SYMBOL_FONT.search(html)


def test_the_page_chrome_and_stylesheet_need_no_symbol_font(client):
    page = client.get("/app/introduction").text
    assert not NEEDS_A_SYMBOL_FONT.search(page), NEEDS_A_SYMBOL_FONT.findall(page)
    css = re.sub(r"/\*.*?\*/", "", (STATIC / "whittle.css").read_text(), flags=re.S)  # rules, not comments
    assert not NEEDS_A_SYMBOL_FONT.search(css), NEEDS_A_SYMBOL_FONT.findall(css)
