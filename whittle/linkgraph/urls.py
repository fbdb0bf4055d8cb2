"""URL and link-attribute handling as polars expressions (vectorised: a million rows in milliseconds)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from whittle.linkgraph.columns import normalise_name

ORIGIN = r"^([a-zA-Z][a-zA-Z0-9+.\-]*://[^/?#]+)"
HYPERLINK_TYPES = ("hyperlink", "link", "a", "ahref", "a href", "href", "html", "anchor", "text", "internal")
NOFOLLOW_WORDS = ("false", "no", "0", "nofollow", "n")
TRUE_WORDS = ("true", "yes", "1", "y", "nofollow")
SEGMENT = r"^[a-zA-Z][a-zA-Z0-9+.\-]*://[^/?#]+(/[^/?#]*)"


def hyperlink_rows(column: pl.Expr) -> pl.Expr:
    """True for rows that are links between pages (or have no type): Screaming Frog mixes in images, CSS, JS."""
    kind = column.str.strip_chars().str.to_lowercase()
    return column.is_null() | kind.eq("") | kind.is_in(list(HYPERLINK_TYPES))


def normalise_url_expr(column: str, origin: str | None, base: str | None = None) -> pl.Expr:
    """Drop the #fragment; resolve //host, /path against `origin` and other relative paths against `base`'s folder."""
    url = pl.col(column).str.replace(r"#.*$", "")
    absolute = url.str.contains(ORIGIN)
    scheme = origin.split(":", 1)[0] if origin else "https"
    resolved = (
        pl.when(absolute).then(url)
        .when(url.str.starts_with("//")).then(pl.lit(scheme + ":") + url)
    )
    if origin:
        resolved = resolved.when(url.str.starts_with("/")).then(pl.lit(origin) + url)
    if base is not None:
        folder = pl.col(base).str.replace(r"[?#].*$", "").str.extract(r"^(.*/)", 1)  # greedy: linear time
        resolved = resolved.when(pl.col(base).str.contains(ORIGIN)).then(folder + url)
    return resolved.otherwise(url).alias(column)


def parse_follow(rows: pl.DataFrame, roles: Mapping[str, str]) -> pl.Expr:
    """follow = True unless the follow column says no (or a nofollow column says yes) or rel has nofollow."""
    follow = pl.lit(True)
    if "follow" in rows.columns:
        inverted = "nofollow" in normalise_name(roles["follow"]).replace(" ", "")
        value = pl.col("follow").str.strip_chars().str.to_lowercase()
        if inverted:
            follow = ~value.is_in(list(TRUE_WORDS)).fill_null(False)
        else:
            follow = ~value.is_in(list(NOFOLLOW_WORDS)).fill_null(False)
    if "rel" in rows.columns:
        follow = follow & ~pl.col("rel").str.to_lowercase().str.contains("nofollow").fill_null(False)
    return follow


def segment_expr(column: str = "url") -> pl.Expr:
    """The first folder of the path: https://x/blog/2019/a → /blog/; the home page and root files → /."""
    first = pl.col(column).str.extract(SEGMENT, 1)
    return (
        pl.when(first.is_null() | first.eq("/") | ~pl.col(column).str.contains(SEGMENT + "/"))
        .then(pl.lit("/"))
        .otherwise(first + "/")
    )
