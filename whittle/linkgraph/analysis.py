"""Per-URL metrics of an imported graph, written next to it (metrics.parquet, links.parquet, summary.json).

Link rules, stated once:
- PageRank, Link Score and click depth follow unique *followed* links (a page linking
  twice to another passes rank once, like Screaming Frog's Link Score).
- Redirects (3xx) and canonicalised URLs (canonical set to another URL), when the
  metadata says so, are left out of PageRank: no score, their links carry nothing.
- Sitewide links (a target linked from at least `sitewide_share` of the pages that link
  anywhere, or a link in a navigation/header/footer position) are flagged; with
  `exclude_sitewide` they are also left out of depth and PageRank.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from whittle.linkgraph import graphmath
from whittle.linkgraph.store import (
    METRICS,
    SUMMARY,
    GraphStore,
    write_json,
    write_parquet,
)
from whittle.linkgraph.summary import site_summary
from whittle.linkgraph.urls import ORIGIN, segment_expr

LINKS = "links.parquet"
SITEWIDE_POSITIONS = ("navigation", "nav", "header", "footer", "sidebar", "aside", "menu")


class AnalysisError(ValueError):
    """The analysis cannot run with these options; the message says what to change."""


@dataclass(frozen=True)
class AnalysisOptions:
    start_url: str | None = None
    exclude_sitewide: bool = False
    sitewide_share: float = 0.5
    damping: float = graphmath.DAMPING


@dataclass
class Analysis:
    metrics: pl.DataFrame
    links: pl.DataFrame
    summary: dict[str, Any]


def status_class_expr() -> pl.Expr:
    status = pl.col("status")
    return (
        pl.when(status.is_null()).then(pl.lit("unknown"))
        .otherwise((status // 100).cast(pl.String) + pl.lit("xx"))
    )


def _start_node(nodes: pl.DataFrame, start_url: str | None) -> int:
    if start_url:
        wanted = start_url.strip()
        hit = nodes.filter(pl.col("url").is_in([wanted, wanted.rstrip("/"), wanted.rstrip("/") + "/"]))
        if hit.height == 0:
            raise AnalysisError(f"start page {wanted!r} is not in the graph; give a URL exactly as it appears in the links.")
        return int(hit["id"][0])
    if "crawl_depth" in nodes.columns:
        zero = nodes.filter(pl.col("crawl_depth") == 0)
        if zero.height:
            return int(zero["id"][0])
    origins = nodes.select(pl.col("url").str.extract(ORIGIN, 1).drop_nulls().mode().first()).item()
    if origins is not None:
        home = nodes.filter(pl.col("url").is_in([origins + "/", origins]))
        if home.height:
            return int(home["id"][0])
    return int(nodes.sort(pl.col("url").str.len_chars())["id"][0])


def _unique_links(edges: pl.DataFrame, sitewide_share: float) -> pl.DataFrame:
    positional = pl.lit(False)
    if "position" in edges.columns:  # a few distinct positions: match them once, then compare per row
        kinds = edges["position"].unique().drop_nulls()
        menu = [k for k in kinds.to_list() if k in SITEWIDE_POSITIONS]
        positional = pl.col("position").is_in(menu).fill_null(False) if menu else pl.lit(False)
    # One u64 key per (src, dst): grouping one integer column is much cheaper than two.
    links = (
        edges.select(key=pl.col("src").cast(pl.UInt64) * (1 << 32) + pl.col("dst"), follow="follow", positional=positional)
        .group_by("key")
        .agg(count=pl.len().cast(pl.UInt32), follow=pl.col("follow").any(), positional=pl.col("positional").any())
        .sort("key")
        .select(
            src=(pl.col("key") // (1 << 32)).cast(pl.UInt32), dst=(pl.col("key") % (1 << 32)).cast(pl.UInt32),
            count="count", follow="follow", positional="positional",
        )
    )
    linking_pages = max(links["src"].n_unique(), 1)
    threshold = max(2, int(np.ceil(sitewide_share * linking_pages)))
    popular = links.group_by("dst").agg(pl.len().alias("_sources")).filter(pl.col("_sources") >= threshold)
    return links.with_columns(
        sitewide=pl.col("positional") | pl.col("dst").is_in(popular["dst"].implode())
    ).drop("positional")


def analyse(path: Path, options: AnalysisOptions | None = None) -> Analysis:
    """Compute every metric and the site summary, persist them into the graph folder, return them."""
    options = options or AnalysisOptions()
    if not 0 < options.sitewide_share <= 1:
        raise AnalysisError("sitewide share must be between 0 and 1 (e.g. 0.5: linked from half the pages).")
    store = GraphStore(path)
    nodes = store.nodes()
    edges = store.edges(columns=[c for c in ("src", "dst", "follow", "position") if c in pl.read_parquet_schema(path / "edges.parquet")])
    n = nodes.height
    if n == 0:
        raise AnalysisError("the graph has no URLs; import a file with at least one link.")
    links = _unique_links(edges, options.sitewide_share)
    # Node ids are 0..n-1 (the import numbers them), so degrees are bincounts, not group-bys and joins.
    degrees = {
        "in_links_total": np.bincount(edges["dst"].to_numpy(), minlength=n),
        "out_links_total": np.bincount(edges["src"].to_numpy(), minlength=n),
        "in_links_unique": np.bincount(links["dst"].to_numpy(), minlength=n),
        "out_links_unique": np.bincount(links["src"].to_numpy(), minlength=n),
    }
    del edges
    usable = links.filter(pl.col("follow") & ~pl.col("sitewide")) if options.exclude_sitewide else links.filter(pl.col("follow"))
    src = usable["src"].to_numpy()
    dst = usable["dst"].to_numpy()
    matrix = graphmath.adjacency(src, dst, n)

    status = nodes["status"].to_numpy() if "status" in nodes.columns else None
    excluded = np.zeros(n, dtype=bool)
    if status is not None:
        code = np.nan_to_num(nodes["status"].cast(pl.Float64).to_numpy(), nan=0)
        excluded |= (code >= 300) & (code < 400)
    if "canonical" in nodes.columns:
        canon = nodes.select(
            pl.col("canonical").is_not_null() & (pl.col("canonical").str.strip_chars() != "") & (pl.col("canonical").str.strip_chars() != pl.col("url"))
        ).to_series().to_numpy()
        excluded |= canon
    included = ~excluded
    rank = graphmath.pagerank(matrix, included, options.damping)
    score = graphmath.link_score(rank, included)
    start = _start_node(nodes, options.start_url)
    depth, parent = graphmath.click_depth(matrix, start)

    computed = pl.DataFrame({
        "depth": pl.Series(depth).replace(-1, None),
        "parent": pl.Series(parent).replace(-1, None).cast(pl.UInt32),
        "pagerank": pl.Series(np.where(included, rank, np.nan)).fill_nan(None),
        "link_score": pl.Series(score).fill_nan(None).round(1),
        **{name: pl.Series(values, dtype=pl.UInt32) for name, values in degrees.items()},
    })
    metrics = pl.concat([nodes, computed], how="horizontal")  # nodes are sorted by id = row
    if "status" not in metrics.columns:
        metrics = metrics.with_columns(status=pl.lit(None, dtype=pl.Int32))
    metrics = metrics.with_columns(
        segment=segment_expr("url"),
        status_class=status_class_expr(),
        start=pl.col("id") == start,
        orphan=(pl.col("in_links_unique") == 0) & (pl.col("id") != start),
        dead_end=(pl.col("out_links_unique") == 0) & pl.col("status").is_between(200, 299).fill_null(True),
    )
    src_all = links["src"].to_numpy()
    links = links.with_columns(in_tree=pl.Series(parent[links["dst"].to_numpy()] == src_all))
    summary = site_summary(metrics, links, options=asdict(options))
    write_parquet(metrics, Path(path) / METRICS)
    write_parquet(links, Path(path) / LINKS)
    write_json(Path(path) / SUMMARY, summary)
    return Analysis(metrics=metrics, links=links, summary=summary)
