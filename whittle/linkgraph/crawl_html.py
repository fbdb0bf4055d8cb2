"""What a crawler needs from one HTML page: links (with rel=nofollow and anchor text),
<base href>, rel=canonical, <title> and meta robots. Built on the standard library's
tolerant html.parser, which copes with the broken markup real sites serve."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
ANCHOR_MAX_CHARS = 200
TITLE_MAX_CHARS = 500


@dataclass(frozen=True)
class Link:
    href: str  # as written in the page; resolve it with PageLinks.base
    nofollow: bool
    anchor: str


@dataclass
class PageLinks:
    links: list[Link] = field(default_factory=list)
    base_href: str | None = None
    canonical: str | None = None
    title: str = ""
    meta_nofollow: bool = False  # <meta name="robots" content="nofollow">: no link on the page is followed


def parse_page(html: str) -> PageLinks:
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.page


def decode_page(body: bytes, header_charset: str | None) -> str:
    """The page's text: the Content-Type charset, else a <meta charset> near the top, else UTF-8."""
    encoding = header_charset
    if not encoding:
        declared = _META_CHARSET.search(body[:4096])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:  # a charset name Python does not know
        return body.decode("utf-8", errors="replace")


def normalize_url(url: str) -> str | None:
    """One spelling per page: lower-case scheme and host, no default port, no fragment,
    "/" for an empty path. None for what is not an http(s) URL (mailto:, javascript:...)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # e.g. an out-of-range port or a broken IPv6 literal in the page
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != {"http": 80, "https": 443}[scheme]:
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def resolve(base_url: str, href: str) -> str | None:
    return normalize_url(urljoin(base_url, href.strip()))


def _rel_tokens(value: str | None) -> set[str]:
    return {token.lower() for token in (value or "").split()}


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()
        self._open_link: tuple[str, bool] | None = None
        self._anchor_parts: list[str] = []
        self._in_title = False
        self._title_parts: list[str] = []
        self._seen_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value for name, value in attrs}
        if tag == "a":
            self._finish_link()  # an unclosed <a> ends where the next one starts
            href = attributes.get("href")
            if href is not None and href.strip():
                self._open_link = (href, "nofollow" in _rel_tokens(attributes.get("rel")))
                self._anchor_parts = []
        elif tag == "base" and self.page.base_href is None and attributes.get("href"):
            self.page.base_href = attributes["href"]
        elif tag == "link" and "canonical" in _rel_tokens(attributes.get("rel")) and attributes.get("href"):
            if self.page.canonical is None:
                self.page.canonical = attributes["href"]
        # meta robots, or the same addressed to this crawler by its robots.txt name
        elif tag == "meta" and (attributes.get("name") or "").lower() in ("robots", "whittle"):
            directives = {part.strip().lower() for part in (attributes.get("content") or "").split(",")}
            if directives & {"nofollow", "none"}:
                self.page.meta_nofollow = True
        elif tag == "title" and not self._seen_title:
            self._in_title = True
        elif tag == "img" and self._open_link is not None and attributes.get("alt"):
            self._anchor_parts.append(f" {attributes['alt']} ")  # an image link's anchor is its alt text

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._finish_link()
        elif tag == "title" and self._in_title:
            self._in_title = False
            self._seen_title = True
            self.page.title = _squeeze("".join(self._title_parts))[:TITLE_MAX_CHARS]

    def handle_data(self, data: str) -> None:
        if self._open_link is not None:
            self._anchor_parts.append(data)
        if self._in_title:
            self._title_parts.append(data)

    def close(self) -> None:
        super().close()
        self._finish_link()
        if self._in_title:  # a <title> never closed still names the page
            self.page.title = _squeeze("".join(self._title_parts))[:TITLE_MAX_CHARS]

    def _finish_link(self) -> None:
        if self._open_link is None:
            return
        href, nofollow = self._open_link
        anchor = _squeeze("".join(self._anchor_parts))[:ANCHOR_MAX_CHARS]
        self.page.links.append(Link(href=href, nofollow=nofollow, anchor=anchor))
        self._open_link = None
        self._anchor_parts = []


def _squeeze(text: str) -> str:
    return " ".join(text.split())
