"""The validation report of an import: each kind of problem with its count and example lines."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from whittle.plurals import counted

EXAMPLES = 5

# kind -> (what it means, what was done about it)
ISSUE_TEXT = {
    "bad_encoding": ("lines with bytes that are not UTF-8", "kept, with � in place of the bad bytes; re-export as UTF-8"),
    "malformed": ("lines whose number of fields differs from the header's, or with a stray quote", "skipped"),
    "missing_url": ("rows with an empty source or target URL", "skipped"),
    "self_link": ("links from a page to itself", "skipped"),
    "duplicate_edge": ("repeats of a source → target pair already seen", "kept: total degree counts them, unique degree does not"),
    "relative_url": ("relative URLs", "resolved against the site's own scheme and host"),
    "not_hyperlink": ("rows that are not hyperlinks (images, CSS, scripts, canonicals…)", "skipped"),
    "blank_line": ("blank lines", "skipped"),
    "unused_column": ("columns not used", "ignored"),
    "missing_column": ("optional columns not found", "defaults used"),
    "duplicate_url": ("metadata rows repeating a URL already seen", "first row kept"),
    "unknown_metadata_url": ("metadata URLs that no link mentions", "kept as pages without links (orphans)"),
    "unlinked_sitemap_url": ("sitemap URLs that no link mentions", "kept as pages without links (orphans)"),
}


@dataclass
class Issue:
    kind: str
    count: int
    lines: list[int] = field(default_factory=list)
    file: str = "edges"
    detail: str = ""

    @property
    def message(self) -> str:
        what, action = ISSUE_TEXT.get(self.kind, (self.kind, ""))
        where = f" (e.g. line {', '.join(str(n) for n in self.lines)})" if self.lines else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.file}: {self.count:,} {what}{where}{detail} — {action}."


@dataclass
class ImportReport:
    format: str
    mapping: dict[str, str]
    rows_read: int = 0
    edges: int = 0
    unique_edges: int = 0
    urls: int = 0
    metadata_format: str | None = None
    metadata_mapping: dict[str, str] | None = None
    metadata_rows: int = 0
    sitemap_urls: int = 0
    origin: str | None = None
    issues: list[Issue] = field(default_factory=list)

    def add(self, kind: str, count: int, lines: list[int] | None = None, *, file: str = "edges", detail: str = "") -> None:
        if count:
            self.issues.append(Issue(kind, int(count), list(lines or [])[:EXAMPLES], file, detail))

    def count(self, kind: str, file: str = "edges") -> int:
        return sum(i.count for i in self.issues if i.kind == kind and i.file == file)

    def lines(self, kind: str, file: str = "edges") -> list[int]:
        return [n for i in self.issues if i.kind == kind and i.file == file for n in i.lines]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for issue, row in zip(self.issues, data["issues"], strict=True):
            row["message"] = issue.message
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportReport:
        data = dict(data)
        issues = [Issue(**{k: v for k, v in row.items() if k != "message"}) for row in data.pop("issues", [])]
        return cls(**data, issues=issues)

    def lines_of_text(self) -> list[str]:
        head = f"{self.format} export: {self.rows_read:,} rows → {self.edges:,} links ({self.unique_edges:,} unique) between {self.urls:,} URLs"
        if self.metadata_rows:
            head += f"; metadata for {self.metadata_rows:,} URLs ({self.metadata_format})"
        if self.sitemap_urls:
            head += f"; {counted(self.sitemap_urls, 'URL')} in the sitemap"
        return [head + "."] + [issue.message for issue in self.issues]
