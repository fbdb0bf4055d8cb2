"""CSV export of the per-URL metrics, with column names a spreadsheet reader understands."""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl

from whittle.linkgraph.store import GraphStore

LABELS = {
    "url": "URL",
    "segment": "Section",
    "status": "Status code",
    "status_class": "Status class",
    "depth": "Click depth",
    "crawl_depth": "Crawl depth (from the export)",
    "in_links_unique": "Unique inlinks",
    "in_links_total": "Inlinks",
    "out_links_unique": "Unique outlinks",
    "out_links_total": "Outlinks",
    "pagerank": "Internal PageRank",
    "link_score": "Link Score (0-100)",
    "orphan": "Orphan",
    "dead_end": "Dead end",
    "start": "Start page",
    "in_metadata": "In URL metadata",
    "indexability": "Indexability",
    "canonical": "Canonical",
    "title": "Title",
    "clicks": "Clicks",
    "impressions": "Impressions",
}
HIDDEN = ("id", "parent")


def labelled(metrics: pl.DataFrame) -> pl.DataFrame:
    """Known columns first, in reading order, with labels; extra metadata columns after, as named."""
    known = [c for c in LABELS if c in metrics.columns]
    extra = [c for c in metrics.columns if c not in LABELS and c not in HIDDEN]
    return metrics.select(known + extra).rename({c: LABELS[c] for c in known})


def export_csv(graph: Path, out: Path) -> int:
    """Write the metrics CSV (atomically); returns the number of rows."""
    frame = labelled(GraphStore(graph).metrics().sort("pagerank", descending=True, nulls_last=True))
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    frame.write_csv(tmp)
    os.replace(tmp, out)
    return frame.height
