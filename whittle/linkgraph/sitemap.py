"""XML sitemaps: the URLs a site says it has, so pages nothing links to are known (orphans).

Reads a sitemap (<urlset>) or a sitemap index (<sitemapindex>, whose child sitemaps are read
from the same folder when given as files), streaming with iterparse: a 50,000-URL sitemap is
never held as one tree. Python's expat refuses entity-expansion bombs, and no external entity
or DTD is fetched. Gzipped sitemaps (.xml.gz) are read as they are.
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit


class SitemapError(ValueError):
    """A sitemap that cannot be read; the message says what to do."""


def _open(path: Path):
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rb") if gzipped else path.open("rb")


def _locs(path: Path) -> Iterator[tuple[str, str]]:
    """(root element name, <loc> text) for each entry, without namespaces."""
    root = ""
    try:
        with _open(path) as source:
            for event, element in ElementTree.iterparse(source, events=("start", "end")):
                name = element.tag.rsplit("}", 1)[-1]
                if event == "start":
                    root = root or name
                    continue
                if name == "loc" and element.text:
                    yield root, element.text.strip()
                element.clear()
    except ElementTree.ParseError as error:
        raise SitemapError(f"{path.name} is not a readable XML sitemap ({error}); export it again, "
                           "or leave the sitemap out.") from None
    except (OSError, EOFError) as error:
        raise SitemapError(f"{path.name} could not be read ({error}).") from None
    if root not in ("urlset", "sitemapindex"):
        raise SitemapError(f"{path.name} is XML but not a sitemap (its root is <{root or 'nothing'}>, "
                           "expected <urlset> or <sitemapindex>).")


def sitemap_urls(path: Path, *, origin: str | None = None) -> list[str]:
    """The page URLs a sitemap lists, in order, once each; with `origin`, only those on that host.

    A sitemap index's children are read from files beside it named like the last part of each
    child's URL (sitemap-1.xml); a child that is not there is skipped.
    """
    host = urlsplit(origin).netloc if origin else None
    found: dict[str, None] = {}
    for root, loc in _locs(path):
        if root == "sitemapindex":
            child = path.parent / Path(urlsplit(loc).path).name
            if child.is_file() and child.resolve() != path.resolve():
                for url in sitemap_urls(child, origin=origin):
                    found.setdefault(url, None)
            continue
        parts = urlsplit(loc)
        if parts.scheme in ("http", "https") and (host is None or parts.netloc == host):
            found.setdefault(loc.split("#", 1)[0], None)
    return list(found)
