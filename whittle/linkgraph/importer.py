"""Import an edge list (and optional URL metadata) into a graph folder, with a validation report.

Everything is columnar polars work: no per-row Python, no file held as one string. The
files are copied into the graph's `original/` folder first and read from there, so what
was analysed is exactly what was kept.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from whittle.linkgraph.columns import map_edge_columns, map_meta_columns
from whittle.linkgraph.csvscan import LineScan, read_rows, scan_lines
from whittle.linkgraph.report import EXAMPLES, ImportReport
from whittle.linkgraph.sitemap import sitemap_urls
from whittle.linkgraph.store import (
    EDGES,
    NODES,
    ORIGINAL,
    REPORT,
    building,
    write_json,
    write_parquet,
)
from whittle.linkgraph.urls import (
    ORIGIN,
    hyperlink_rows,
    normalise_url_expr,
    parse_follow,
)

META_TYPES = {"status": pl.Int32, "depth": pl.Int32, "clicks": pl.Float64, "impressions": pl.Float64}
NUMERIC_SHARE = 0.9  # an unmapped metadata column is kept as a number when 90% of its cells are numbers


def _examples(frame: pl.DataFrame, mask: pl.Expr) -> tuple[int, list[int]]:
    return _tally(frame, {"x": mask})["x"]


def _tally(frame: pl.DataFrame, masks: Mapping[str, pl.Expr]) -> dict[str, tuple[int, list[int]]]:
    """Count and first line numbers of each mask, in one pass that copies no strings."""
    if frame.height == 0:
        return {kind: (0, []) for kind in masks}
    exprs = []
    for kind, mask in masks.items():
        exprs.append(mask.fill_null(False).sum().alias(f"{kind}#n"))
        exprs.append(pl.col("line_no").filter(mask.fill_null(False)).head(EXAMPLES).implode().alias(f"{kind}#lines"))
    row = frame.select(exprs).row(0, named=True)
    return {kind: (int(row[f"{kind}#n"]), list(row[f"{kind}#lines"])) for kind in masks}


def _keep(path: Path, folder: Path, move: bool) -> Path:
    folder.mkdir(exist_ok=True)
    kept = folder / Path(path).name
    if move:
        shutil.move(str(path), kept)
    else:
        shutil.copyfile(path, kept)
    return kept


def _scan_report(report: ImportReport, scan: LineScan, file: str) -> None:
    report.add("blank_line", scan.blank_lines, file=file)
    for kind in ("bad_encoding", "malformed"):
        count, lines = scan.examples(kind)
        report.add(kind, count, lines, file=file)


def _clean_edges(rows: pl.DataFrame, roles: Mapping[str, str], report: ImportReport) -> pl.DataFrame:
    rows = rows.rename({column: role for role, column in roles.items()})
    rows = rows.with_columns(pl.col("source").str.strip_chars(), pl.col("target").str.strip_chars())
    flags = {"missing_url": pl.col("source").fill_null("").eq("") | pl.col("target").fill_null("").eq("")}
    if "type" in rows.columns:
        # A handful of distinct types (Hyperlink, Image, CSS…): decide per distinct value, not per row.
        kinds = rows.select(pl.col("type").unique()).to_series()
        links = kinds.filter(kinds.to_frame().select(hyperlink_rows(pl.col("type"))).to_series())
        flags["not_hyperlink"] = pl.col("type").is_not_null() & ~pl.col("type").is_in(links.drop_nulls().implode())
    rows = rows.with_columns(**{f"_{kind}": mask for kind, mask in flags.items()})  # each mask computed once
    if "_not_hyperlink" in rows.columns:
        rows = rows.with_columns(_not_hyperlink=pl.col("_not_hyperlink") & ~pl.col("_missing_url"))
    tally = _tally(rows, {kind: pl.col(f"_{kind}") for kind in flags})
    for kind, (count, lines) in tally.items():
        report.add(kind, count, lines)
    if any(count for count, _ in tally.values()):
        rows = rows.filter(~pl.any_horizontal([pl.col(f"_{kind}") for kind in flags]))
    rows = rows.drop([f"_{kind}" for kind in flags])
    origin = (
        rows.select(pl.col("source").head(10_000).str.extract(ORIGIN, 1).drop_nulls().mode().first()).item()
        if rows.height else None
    )
    report.origin = origin
    rows = rows.with_columns(
        _relative=~pl.col("source").str.contains(ORIGIN) | ~pl.col("target").str.contains(ORIGIN)
    )
    fragment = pl.col("source").str.contains("#", literal=True) | pl.col("target").str.contains("#", literal=True)
    if rows.select((pl.col("_relative") | fragment).any()).item():
        rows = rows.with_columns(source=normalise_url_expr("source", origin))
        rows = rows.with_columns(target=normalise_url_expr("target", origin, base="source"))
    count, lines = _examples(rows, pl.col("_relative"))
    report.add("relative_url", count, lines, detail=f"resolved against {origin}" if origin else "no absolute URL to resolve against")
    follow = parse_follow(rows, roles)
    columns = [pl.col("source"), pl.col("target"), follow.alias("follow"), pl.col("line_no").cast(pl.UInt32)]
    for optional in ("anchor", "position"):
        if optional in rows.columns:
            columns.append(pl.col(optional).str.strip_chars().str.to_lowercase() if optional == "position" else pl.col(optional))
    if "status" in rows.columns:
        columns.append(pl.col("status").str.strip_chars().cast(pl.Int32, strict=False).alias("target_status"))
    return rows.select(columns)


def _read_metadata(path: Path, mapping: Mapping[str, str] | None, origin: str | None, report: ImportReport, work: Path) -> pl.DataFrame:
    scan = scan_lines(path)
    cmap = map_meta_columns(scan.header, mapping)
    report.metadata_format, report.metadata_mapping = cmap.format, dict(cmap.roles)
    _scan_report(report, scan, "metadata")
    rows = read_rows(path, scan, scan.header, work)
    clashing = [c for c in cmap.unused if c in cmap.roles]  # e.g. an unused "depth" beside "Crawl Depth"
    rows = rows.drop(clashing)
    cmap = type(cmap)(cmap.roles, cmap.format, tuple(c for c in cmap.unused if c not in clashing), cmap.missing_optional)
    rows = rows.rename({column: role for role, column in cmap.roles.items()})
    rows = rows.with_columns(pl.col("url").str.strip_chars())
    count, lines = _examples(rows, pl.col("url").fill_null("").eq(""))
    report.add("missing_url", count, lines, file="metadata")
    rows = rows.filter(pl.col("url").fill_null("").ne(""))
    count, lines = _examples(rows, ~pl.col("url").str.contains(ORIGIN))
    report.add("relative_url", count, lines, file="metadata")
    if rows.select((~pl.col("url").str.contains(ORIGIN) | pl.col("url").str.contains("#", literal=True)).any()).item():
        rows = rows.with_columns(url=normalise_url_expr("url", origin))
    count, lines = _examples(rows, ~pl.col("url").is_first_distinct())
    report.add("duplicate_url", count, lines, file="metadata")
    rows = rows.filter(pl.col("url").is_first_distinct())
    report.metadata_rows = rows.height
    typed = [pl.col("url")]
    for role in cmap.roles:
        if role == "url":
            continue
        kind = META_TYPES.get(role)
        expr = pl.col(role).str.strip_chars()
        typed.append(expr.str.replace_all(",", "").cast(kind, strict=False) if kind else expr)
    for column in cmap.unused:
        if column == "line_no":
            continue
        number = pl.col(column).str.strip_chars().str.replace_all(",", "").cast(pl.Float64, strict=False)
        share = rows.select(number.is_not_null().sum() / pl.max_horizontal(pl.col(column).is_not_null().sum(), 1)).item()
        if share >= NUMERIC_SHARE and rows[column].is_not_null().any():
            typed.append(number.alias(column))
    # The export's own depth is kept beside (not instead of) the click depth the analysis computes.
    return rows.select(typed).rename({"depth": "crawl_depth"}, strict=False).with_columns(in_metadata=pl.lit(True))


def _with_sitemap(meta: pl.DataFrame | None, path: Path, edges: pl.DataFrame, report: ImportReport) -> pl.DataFrame:
    """Sitemap URLs become known pages (in_sitemap): those no link reaches are orphans."""
    urls = sitemap_urls(path, origin=report.origin)
    listed = pl.DataFrame({"url": urls, "in_sitemap": [True] * len(urls)}, schema={"url": pl.String, "in_sitemap": pl.Boolean})
    linked = pl.concat([edges["source"], edges["target"]]).unique()
    report.add("unlinked_sitemap_url", listed.filter(~pl.col("url").is_in(linked.implode())).height, file="sitemap")
    report.sitemap_urls = len(urls)
    if meta is None:
        return listed.with_columns(in_metadata=pl.lit(False))
    merged = meta.join(listed, on="url", how="full", coalesce=True)
    return merged.with_columns(pl.col("in_sitemap").fill_null(False), pl.col("in_metadata").fill_null(False))


def _build_ids(edges: pl.DataFrame, meta: pl.DataFrame | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    pieces = [edges.select(url=pl.col("source")), edges.select(url=pl.col("target"))]
    if meta is not None:
        pieces.append(meta.select("url"))
    nodes = pl.concat(pieces).unique(maintain_order=True).with_row_index("id")
    ids = nodes.select("url", "id")
    linked = (
        edges.join(ids.rename({"url": "source", "id": "src"}), on="source", how="left")
        .join(ids.rename({"url": "target", "id": "dst"}), on="target", how="left")
        .drop("source", "target")
    )
    if meta is not None:
        nodes = nodes.join(meta, on="url", how="left").with_columns(pl.col("in_metadata").fill_null(False))
    else:
        nodes = nodes.with_columns(in_metadata=pl.lit(False))
    if "target_status" in linked.columns:
        seen = linked.group_by("dst").agg(pl.col("target_status").drop_nulls().first().alias("_status"))
        nodes = nodes.join(seen.rename({"dst": "id"}), on="id", how="left")
        status = pl.coalesce("status", "_status") if "status" in nodes.columns else pl.col("_status")
        nodes = nodes.with_columns(status=status.cast(pl.Int32)).drop("_status")
        linked = linked.drop("target_status")
    return nodes.sort("id"), linked.select("src", "dst", pl.exclude("src", "dst"))


def _pair_key() -> pl.Expr:
    """(src, dst) as one 64-bit integer: hashing two u32 is far cheaper than two URL strings."""
    return pl.col("src").cast(pl.UInt64) * (1 << 32) + pl.col("dst").cast(pl.UInt64)


def _drop_self_links(linked: pl.DataFrame, report: ImportReport) -> pl.DataFrame:
    linked = linked.with_columns(_self=pl.col("src") == pl.col("dst"))
    linked = linked.with_columns(_repeat=~pl.col("_self") & ~_pair_key().is_first_distinct())
    tally = _tally(linked, {"self_link": pl.col("_self"), "duplicate_edge": pl.col("_repeat")})
    for kind, (count, lines) in tally.items():
        report.add(kind, count, lines)
    if tally["self_link"][0]:
        linked = linked.filter(~pl.col("_self"))
    return linked.drop("_self", "_repeat")


def import_graph(
    edges_csv: Path,
    out: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    metadata_csv: Path | None = None,
    metadata_mapping: Mapping[str, str] | None = None,
    sitemap: Path | None = None,
    move_original: bool = False,
) -> ImportReport:
    """Validate and import; the graph folder `out` is replaced only if everything succeeds."""
    with building(Path(out)) as work:
        kept = _keep(Path(edges_csv), work / ORIGINAL, move_original)
        scan = scan_lines(kept)
        cmap = map_edge_columns(scan.header, mapping)
        report = ImportReport(format=cmap.format, mapping=dict(cmap.roles), rows_read=scan.lines.height)
        report.add("unused_column", len(cmap.unused), detail=", ".join(cmap.unused[:12]))
        report.add("missing_column", len(cmap.missing_optional), detail=", ".join(cmap.missing_optional))
        _scan_report(report, scan, "edges")
        rows = read_rows(kept, scan, list(dict.fromkeys(cmap.roles.values())), work)
        edges = _clean_edges(rows, cmap.roles, report)
        del rows, scan
        meta = None
        if metadata_csv is not None:
            kept_meta = _keep(Path(metadata_csv), work / ORIGINAL, move_original)
            meta = _read_metadata(kept_meta, metadata_mapping, report.origin, report, work)
            known = pl.concat([edges["source"], edges["target"]]).unique()
            unknown = meta.filter(~pl.col("url").is_in(known.implode()))
            report.add("unknown_metadata_url", unknown.height, file="metadata")
        if sitemap is not None:
            meta = _with_sitemap(meta, Path(sitemap), edges, report)
        nodes, linked = _build_ids(edges, meta)
        del edges
        linked = _drop_self_links(linked, report)
        report.edges = linked.height
        report.unique_edges = linked.select(_pair_key().n_unique()).item()
        report.urls = nodes.height
        write_parquet(nodes, work / NODES)
        write_parquet(linked, work / EDGES)
        write_json(work / REPORT, report.to_dict())
    return report
