"""A crawl's state on disk (SQLite in the output folder), so an interrupted crawl resumes.

Every fetched page is recorded in one transaction with its outlinks and the pages they
discover, so a crawl killed at any instant resumes from a consistent state: a page is
either done with all its edges, or still queued (and fetched again). Edges are unique
per (source, target), so nothing is ever counted twice. edges.csv and pages.csv are
exported from here, each written to a temporary file and renamed into place."""

from __future__ import annotations

import csv
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "crawl-state.sqlite"
EDGES_FILE = "edges.csv"
PAGES_FILE = "pages.csv"

# Page states: queued (to fetch), done (fetched), error (fetch failed), blocked (robots.txt),
# too_deep (beyond --max-depth), nofollow (only linked with rel=nofollow so far).
NOTES = {
    "blocked": "blocked by robots.txt",
    "too_deep": "not fetched: beyond --max-depth",
    "nofollow": "not fetched: only linked with rel=nofollow",
    "queued": "not fetched: --max-pages reached or crawl interrupted",
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS crawl (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    depth INTEGER NOT NULL,
    state TEXT NOT NULL,
    status INTEGER,
    title TEXT,
    canonical TEXT,
    note TEXT
);
CREATE INDEX IF NOT EXISTS pages_queue ON pages (state, depth, id);
CREATE TABLE IF NOT EXISTS edges (
    source INTEGER NOT NULL,
    target INTEGER NOT NULL,
    nofollow INTEGER NOT NULL,
    anchor TEXT NOT NULL,
    PRIMARY KEY (source, target)
) WITHOUT ROWID;
"""


class CrawlStateError(ValueError):
    """The output folder holds something that does not fit the requested crawl."""


@dataclass(frozen=True)
class Outlink:
    url: str
    nofollow: bool
    anchor: str


@dataclass(frozen=True)
class FetchedPage:
    status: int | None
    title: str = ""
    canonical: str = ""
    note: str = ""
    failed: bool = False
    retry_after: str | None = None  # the Retry-After header of a 429/503 answer


class CrawlStore:
    def __init__(self, out_dir: Path, start_url: str, *, resume: bool):
        self.out_dir = Path(out_dir)
        path = self.out_dir / STATE_FILE
        if path.exists() and not resume:
            raise CrawlStateError(
                f"{self.out_dir} already holds a crawl ({STATE_FILE}); pass --resume to continue it, "
                "or choose another --out folder."
            )
        if not path.exists():
            for name in (EDGES_FILE, PAGES_FILE):
                if (self.out_dir / name).exists():
                    raise CrawlStateError(
                        f"{self.out_dir / name} exists and was not written by a crawl that can be resumed; "
                        "choose an empty --out folder."
                    )
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL keeps commits across a killed process
        self._db.executescript(SCHEMA)
        saved = self._db.execute("SELECT value FROM crawl WHERE key = 'start_url'").fetchone()
        if saved is None:
            with self._transaction():
                self._db.execute("INSERT INTO crawl VALUES ('start_url', ?)", (start_url,))
                self._db.execute("INSERT INTO pages (url, depth, state) VALUES (?, 0, 'queued')", (start_url,))
        elif saved[0] != start_url:
            raise CrawlStateError(
                f"{self.out_dir} holds a crawl of {saved[0]}, not {start_url}; resume it with that URL, "
                "or choose another --out folder."
            )

    def close(self) -> None:
        self._db.close()

    def _transaction(self):
        return _Transaction(self._db)

    # --- resuming -------------------------------------------------------------------------

    def reopen_for_resume(self, max_depth: int | None, is_allowed: Callable[[str], bool]) -> None:
        """Retry failed fetches, lift pages a larger --max-depth now reaches, and re-read
        robots.txt's verdicts (it may have changed since the interrupted run)."""
        with self._transaction():
            self._db.execute("UPDATE pages SET state = 'queued', note = NULL, status = NULL WHERE state = 'error'")
            if max_depth is None:
                self._db.execute("UPDATE pages SET state = 'queued' WHERE state = 'too_deep'")
            else:
                self._db.execute("UPDATE pages SET state = 'queued' WHERE state = 'too_deep' AND depth <= ?", (max_depth,))
            rows = self._db.execute("SELECT id, url, state FROM pages WHERE state IN ('queued', 'blocked')").fetchall()
            for page_id, url, state in rows:
                allowed = is_allowed(url)
                if state == "queued" and not allowed:
                    self._db.execute("UPDATE pages SET state = 'blocked' WHERE id = ?", (page_id,))
                elif state == "blocked" and allowed:
                    self._db.execute("UPDATE pages SET state = 'queued' WHERE id = ?", (page_id,))

    def block_start_page(self) -> None:
        with self._transaction():
            self._db.execute("UPDATE pages SET state = 'blocked' WHERE depth = 0 AND state = 'queued'")

    # --- the frontier ---------------------------------------------------------------------

    def next_level(self) -> int | None:
        return self._db.execute("SELECT MIN(depth) FROM pages WHERE state = 'queued'").fetchone()[0]

    def queued_at(self, depth: int, limit: int) -> list[tuple[int, str]]:
        return self._db.execute(
            "SELECT id, url FROM pages WHERE state = 'queued' AND depth = ? ORDER BY id LIMIT ?", (depth, limit)
        ).fetchall()

    def attempted(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM pages WHERE state IN ('done', 'error')").fetchone()[0]

    def known_pages(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM pages").fetchone()[0]

    def queued(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM pages WHERE state = 'queued'").fetchone()[0]

    def counts(self) -> dict[str, int]:
        counts = dict(self._db.execute("SELECT state, COUNT(*) FROM pages GROUP BY state").fetchall())
        counts["edges"] = self._db.execute("SELECT COUNT(*) FROM edges").fetchone()[0]
        return counts

    def record(
        self,
        page_id: int,
        depth: int,
        page: FetchedPage,
        outlinks: Iterable[Outlink],
        classify: Callable[[str, int, bool], str],
    ) -> tuple[int, int]:
        """Store a fetched page, its unique outlinks and the pages they discover, atomically;
        return (pages seen for the first time, pages newly queued for fetching).
        classify(url, depth, followed) gives a newly seen page its state."""
        state = "error" if page.failed else "done"
        new_pages = newly_queued = 0
        with self._transaction():
            self._db.execute(
                "UPDATE pages SET state = ?, status = ?, title = ?, canonical = ?, note = ? WHERE id = ?",
                (state, page.status, page.title, page.canonical, page.note, page_id),
            )
            for link in outlinks:
                row = self._db.execute("SELECT id, state FROM pages WHERE url = ?", (link.url,)).fetchone()
                followed = not link.nofollow
                if row is None:
                    target_state = classify(link.url, depth + 1, followed)
                    cursor = self._db.execute(
                        "INSERT INTO pages (url, depth, state) VALUES (?, ?, ?)", (link.url, depth + 1, target_state)
                    )
                    target_id = cursor.lastrowid
                    new_pages += 1
                    newly_queued += target_state == "queued"
                else:
                    target_id, target_state = row
                    if target_state == "nofollow" and followed:  # now reachable by a followed link
                        target_state = classify(link.url, depth + 1, True)
                        self._db.execute(
                            "UPDATE pages SET state = ?, depth = ? WHERE id = ?", (target_state, depth + 1, target_id)
                        )
                        newly_queued += target_state == "queued"
                self._db.execute(
                    "INSERT OR IGNORE INTO edges VALUES (?, ?, ?, ?)", (page_id, target_id, int(link.nofollow), link.anchor)
                )
        return new_pages, newly_queued

    # --- export ---------------------------------------------------------------------------

    def export(self) -> tuple[Path, Path]:
        edges_path = self.out_dir / EDGES_FILE
        pages_path = self.out_dir / PAGES_FILE
        edges = self._db.execute(
            "SELECT s.url, t.url, e.nofollow, e.anchor FROM edges e "
            "JOIN pages s ON s.id = e.source JOIN pages t ON t.id = e.target ORDER BY e.source, e.target"
        )
        _write_csv(
            edges_path,
            ("source", "target", "nofollow", "anchor"),
            ((source, target, "true" if nofollow else "false", anchor) for source, target, nofollow, anchor in edges),
        )
        pages = self._db.execute("SELECT url, status, depth, title, canonical, state, note FROM pages ORDER BY id")
        _write_csv(
            pages_path,
            ("url", "status", "depth", "title", "canonical", "note"),
            (
                (url, "" if status is None else status, depth, title or "", canonical or "", note or NOTES.get(state, ""))
                for url, status, depth, title, canonical, state, note in pages
            ),
        )
        return edges_path, pages_path


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (including cancellation)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, error, traceback) -> None:
        self._db.execute("COMMIT" if kind is None else "ROLLBACK")


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    with partial.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(partial, path)
