"""The site summary: the few figures an SEO reads first, computed from the per-URL metrics.

It is also the only thing the assistant sees of the graph (never raw edges), so every
list in it is short and every URL in it is data, not an instruction.
"""

from __future__ import annotations

from typing import Any

import polars as pl

TOP = 10


def _rows(frame: pl.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dicts()


def _concentration(metrics: pl.DataFrame) -> dict[str, float]:
    ranks = metrics["pagerank"].drop_nulls().sort(descending=True)
    if ranks.len() == 0:
        return {"top_1pct_share": 0.0, "top_10pct_share": 0.0, "gini": 0.0}
    total = float(ranks.sum()) or 1.0
    n = ranks.len()
    top1 = float(ranks.head(max(1, n // 100)).sum()) / total
    top10 = float(ranks.head(max(1, n // 10)).sum()) / total
    ascending = ranks.sort().to_numpy()
    cumulative = ascending.cumsum()
    gini = float((n + 1 - 2 * (cumulative.sum() / cumulative[-1])) / n) if cumulative[-1] > 0 else 0.0
    return {"top_1pct_share": round(top1, 4), "top_10pct_share": round(top10, 4), "gini": round(gini, 4)}


def site_summary(metrics: pl.DataFrame, links: pl.DataFrame, *, options: dict[str, Any]) -> dict[str, Any]:
    reachable = metrics.filter(pl.col("depth").is_not_null())
    depth_counts = reachable.group_by("depth").len().sort("depth")
    sections = (
        metrics.group_by("segment")
        .agg(
            pages=pl.len(),
            mean_depth=pl.col("depth").mean().round(2),
            median_depth=pl.col("depth").median(),
            max_depth=pl.col("depth").max(),
            unreachable=pl.col("depth").is_null().sum(),
            orphans=pl.col("orphan").sum(),
            pagerank_share=pl.col("pagerank").sum().round(4),
        )
        .sort("pages", descending=True)
    )
    start = metrics.filter(pl.col("start"))
    sitewide = links.filter(pl.col("sitewide"))
    sitewide_targets = sitewide.group_by("dst").len().sort("len", descending=True)
    urls = metrics.select("id", "url")
    orphans = metrics.filter(pl.col("orphan"))
    orphan_order = [pl.col("clicks").fill_null(0)] if "clicks" in metrics.columns else [pl.col("url")]
    return {
        "pages": metrics.height,
        "links": int(metrics["out_links_total"].sum()),
        "unique_links": links.height,
        "followed_unique_links": int(links["follow"].sum()),
        "start_url": start["url"][0] if start.height else None,
        "options": options,
        "depth": {
            "distribution": {str(row["depth"]): row["len"] for row in depth_counts.iter_rows(named=True)},
            "max": reachable["depth"].max(),
            "mean": round(float(reachable["depth"].mean() or 0), 2),
            "median": float(reachable["depth"].median()) if reachable.height else None,
            "unreachable": metrics.height - reachable.height,
        },
        "orphans": {
            "count": orphans.height,
            "examples": orphans.sort(orphan_order, descending=True)["url"].head(TOP).to_list(),
            "by_section": _rows(sections.filter(pl.col("orphans") > 0).sort("orphans", descending=True).select("segment", "orphans").head(TOP)),
        },
        "dead_ends": {
            "count": int(metrics["dead_end"].sum()),
            "examples": metrics.filter(pl.col("dead_end"))["url"].head(TOP).to_list(),
        },
        "hubs": _rows(metrics.sort("out_links_unique", descending=True).select("url", "out_links_unique").head(TOP)),
        "top_pages": _rows(
            metrics.filter(pl.col("pagerank").is_not_null()).sort("pagerank", descending=True)
            .select("url", pl.col("pagerank").round(6), "link_score", "in_links_unique").head(TOP)
        ),
        "pagerank_concentration": _concentration(metrics),
        "excluded_from_pagerank": int(metrics["pagerank"].is_null().sum()),
        "deepest_sections": _rows(sections.filter(pl.col("pages") >= 2).sort("mean_depth", descending=True, nulls_last=True).head(5)),
        "sections": _rows(sections.head(TOP)),
        "sections_count": sections.height,
        "status_classes": {row["status_class"]: row["len"] for row in metrics.group_by("status_class").len().sort("status_class").iter_rows(named=True)},
        "sitewide": {
            "links": sitewide.height,
            "targets": sitewide_targets.height,
            "examples": sitewide_targets.head(TOP).join(urls, left_on="dst", right_on="id", how="left")["url"].to_list(),
            "excluded": bool(options.get("exclude_sitewide")),
        },
    }


def _depth_of(row: dict[str, Any]) -> str:
    median = f"median depth {row['median_depth']:g}, " if row.get("median_depth") is not None else ""
    return f"{median}mean depth {row['mean_depth']}, max {row['max_depth']}"


def summary_text(summary: dict[str, Any]) -> str:
    """A compact plain-text version for the assistant's prompt and the CLI (older summaries lack the medians)."""
    depth = summary["depth"]
    conc = summary["pagerank_concentration"]
    median = f"median {depth['median']:g}, " if depth.get("median") is not None else ""
    lines = [
        f"Pages: {summary['pages']:,}; links: {summary['links']:,} ({summary['unique_links']:,} unique); start page: {summary['start_url']}.",
        (f"Click depth: max {depth['max']}, {median}mean {depth['mean']}, {depth['unreachable']:,} pages unreachable from the start page; "
         f"pages per depth: {', '.join(f'{k}: {v:,}' for k, v in depth['distribution'].items())}."),
        f"Orphans (no inlinks): {summary['orphans']['count']:,}"
        + (f", most in {', '.join(r['segment'] + ' (' + format(r['orphans'], ',') + ')' for r in summary['orphans']['by_section'][:3])}" if summary['orphans']['by_section'] else "")
        + f". Dead ends (no outlinks): {summary['dead_ends']['count']:,}.",
        f"PageRank concentration: top 1% of pages hold {conc['top_1pct_share']:.0%}, top 10% hold {conc['top_10pct_share']:.0%} (Gini {conc['gini']}).",
        "Deepest sections: " + "; ".join(
            f"{r['segment']} ({r['pages']:,} pages, {_depth_of(r)}, {r['orphans']:,} orphans)"
            for r in summary["deepest_sections"]
        ) + ".",
        "Strongest pages: " + ", ".join(f"{r['url']} (Link Score {r['link_score']})" for r in summary["top_pages"][:5]) + ".",
        "Biggest hubs: " + ", ".join(f"{r['url']} ({r['out_links_unique']:,} outlinks)" for r in summary["hubs"][:3]) + ".",
        f"Sitewide links: {summary['sitewide']['links']:,} to {summary['sitewide']['targets']:,} targets"
        + (" (excluded from depth and PageRank)" if summary["sitewide"]["excluded"] else "") + ".",
        "Status classes: " + ", ".join(f"{k}: {v:,}" for k, v in summary["status_classes"].items()) + ".",
    ]
    return "\n".join(lines)
