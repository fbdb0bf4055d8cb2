"""Which CSV column means what: the names SEO crawlers use in their link and URL exports.

An edge list needs a source and a target URL; anchor, follow/nofollow, link position and
link type are optional. Names are matched case- and punctuation-insensitively, so
"Destination URL", "destination_url" and "destination-url" are one name.

Screaming Frog's "All Inlinks" has both "Destination" (the URL) and "Target" (the HTML
target attribute, e.g. _blank): "Destination" wins, and "Target" is only read as the URL
when no better name is present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

EDGE_ROLES = ("source", "target", "anchor", "follow", "rel", "position", "type", "status")
REQUIRED_EDGE_ROLES = ("source", "target")

# In order of preference: the first alias present in the file wins.
EDGE_ALIASES: dict[str, tuple[str, ...]] = {
    # Screaming Frog: Source; Botify: Source URL / url (with outlinks_internal.graph.url); Sitebulb: Source URL / From URL
    "source": ("source", "source url", "from url", "from", "referring url", "referring page url", "src", "url from",
               "page url", "linking page", "full url", "url"),
    "target": ("destination", "destination url", "target url", "to url", "to", "outlinks internal graph url",
               "outlink url", "link url", "linked url", "href", "dst", "url to", "target"),
    "anchor": ("anchor", "anchor text", "link text", "alt text", "outlinks internal graph text", "text"),
    "follow": ("follow", "is follow", "followed", "nofollow", "outlinks internal nofollow", "no follow"),
    "rel": ("rel", "link rel"),
    "position": ("link position", "position", "link location", "location", "link path"),
    "type": ("type", "link type"),
    "status": ("status code", "destination status code", "http status code", "target status code"),
}

META_ROLES = ("url", "status", "depth", "indexability", "canonical", "title", "clicks", "impressions")
META_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("address", "url", "full url", "page url", "page"),
    "status": ("status code", "http status code", "http code", "status", "response code"),
    "depth": ("crawl depth", "depth", "click depth", "level"),
    "indexability": ("indexability", "indexable", "is indexable", "compliant"),
    "canonical": ("canonical link element 1", "canonical url", "canonical", "canonical to", "canonical link"),
    "title": ("title 1", "title", "page title", "metadata title content"),
    "clicks": ("clicks", "search console clicks", "gsc clicks"),
    "impressions": ("impressions", "search console impressions", "gsc impressions"),
}

FORMAT_SIGNATURES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Screaming Frog All Inlinks", frozenset({"source", "destination", "link position"})),
    ("Screaming Frog All Inlinks", frozenset({"source", "destination", "follow"})),
    ("Botify", frozenset({"full url", "outlinks internal graph url"})),
    ("Botify", frozenset({"url", "outlinks internal graph url"})),
    ("Sitebulb", frozenset({"from url", "to url"})),
)


def normalise_name(name: str) -> str:
    """'Destination URL', 'destination_url' and ' destination-url ' all become 'destination url'."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.lower()).split())


class ColumnError(ValueError):
    """The file's columns cannot be used; the message names the columns found and the fix."""


@dataclass(frozen=True)
class ColumnMapping:
    """role -> the file's own column name, plus what is known about the export."""

    roles: Mapping[str, str]
    format: str = "generic"
    unused: tuple[str, ...] = ()
    missing_optional: tuple[str, ...] = field(default=())

    def get(self, role: str) -> str | None:
        return self.roles.get(role)


def _pick(columns: Iterable[str], aliases: Mapping[str, tuple[str, ...]], explicit: Mapping[str, str] | None) -> dict[str, str]:
    by_norm: dict[str, str] = {}
    for column in columns:
        by_norm.setdefault(normalise_name(column), column)
    chosen: dict[str, str] = {}
    taken: set[str] = set()
    for role, column in (explicit or {}).items():
        if column:
            chosen[role] = column
            taken.add(column)
    for role, names in aliases.items():
        if role in chosen:
            continue
        for alias in names:
            column = by_norm.get(alias)
            if column is not None and column not in taken:
                chosen[role] = column
                taken.add(column)
                break
    return chosen


def _check_explicit(columns: list[str], explicit: Mapping[str, str] | None, roles: tuple[str, ...]) -> None:
    for role, column in (explicit or {}).items():
        if role not in roles:
            raise ColumnError(f"unknown role {role!r}; roles are: {', '.join(roles)}.")
        if column and column not in columns:
            raise ColumnError(
                f"the mapping says {role} = {column!r}, but the file has no such column; "
                f"its columns are: {', '.join(columns)}."
            )


def detect_format(columns: Iterable[str]) -> str:
    names = {normalise_name(c) for c in columns}
    for label, signature in FORMAT_SIGNATURES:
        if signature <= names:
            return label
    return "generic"


def map_edge_columns(columns: list[str], explicit: Mapping[str, str] | None = None) -> ColumnMapping:
    """Recognise (or take from `explicit`) which columns hold the edge list's fields."""
    _check_explicit(columns, explicit, EDGE_ROLES)
    fmt = detect_format(columns)
    chosen = _pick(columns, EDGE_ALIASES, explicit)
    # A bare "url" is the source only next to a recognised target column (Botify's layout).
    missing = [role for role in REQUIRED_EDGE_ROLES if role not in chosen]
    if missing:
        raise ColumnError(
            f"no column recognised as the link's {' and '.join(missing)} URL; the file's columns are: "
            f"{', '.join(columns) or '(none)'}. Map them explicitly, e.g. source=\"From\" target=\"To\"."
        )
    if chosen["source"] == chosen["target"]:
        raise ColumnError(f"source and target cannot both be {chosen['source']!r}; map two different columns.")
    used = set(chosen.values())
    return ColumnMapping(
        roles=chosen,
        format=fmt,
        unused=tuple(c for c in columns if c not in used),
        missing_optional=tuple(r for r in EDGE_ROLES if r not in chosen and r not in REQUIRED_EDGE_ROLES),
    )


def map_meta_columns(columns: list[str], explicit: Mapping[str, str] | None = None) -> ColumnMapping:
    """Recognise the per-URL metadata columns; only the URL column is required."""
    _check_explicit(columns, explicit, META_ROLES)
    chosen = _pick(columns, META_ALIASES, explicit)
    if "url" not in chosen:
        raise ColumnError(
            f"no URL column in the metadata file; its columns are: {', '.join(columns) or '(none)'}. "
            "Name it Address or URL, or map it explicitly (url=\"My column\")."
        )
    used = set(chosen.values())
    return ColumnMapping(
        roles=chosen,
        format=detect_format(columns),
        unused=tuple(c for c in columns if c not in used),
        missing_optional=tuple(r for r in META_ROLES if r not in chosen and r != "url"),
    )


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """'source=From URL' pieces (CLI, form) -> {'source': 'From URL'}; a clear error otherwise."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        if not pair.strip():
            continue
        role, sep, column = pair.partition("=")
        if not sep:
            raise ColumnError(f"{pair!r}: write a mapping as role=Column name, e.g. source=From URL.")
        mapping[role.strip().lower()] = column.strip().strip('"')
    return mapping
