"""The graph as binary typed arrays for the WebGL view: no JSON, a few bytes per link.

One little-endian buffer, every section 4-byte aligned so the browser wraps it without copying:

    header   8 × uint32: magic "WLG1", version, nodes, links, colour kind (0 number, 1 category), 3 reserved
    ids      uint32[nodes]        node id of each drawn point (for the details card)
    xy       float32[2 × nodes]   starting positions (x, y)
    colour   float32[nodes]       the colour metric (category index for categories; NaN = no value)
    size     float32[nodes]       the size metric
    links    uint32[2 × links]    (source index, target index) into the drawn points

At 100,000 pages and a million links this is 20 bytes per page + 8 per link ≈ 10 bytes/link.
The start positions are a radial map (angle = section, radius = click depth) so the first
frame already reads as the site's structure; the force simulation refines it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

MAGIC = 0x31474C57  # "WLG1" little-endian
VERSION = 1
HEADER_WORDS = 8
SPACE = 4096.0
VIEWS = ("all", "nositewide", "tree")
NUMERIC_METRICS = ("link_score", "pagerank", "depth", "in_links_unique", "in_links_total", "out_links_unique", "out_links_total")
CATEGORY_METRICS = ("segment", "status_class")
MAX_CATEGORIES = 12  # the rest share one "other" colour


class ViewError(ValueError):
    """A view request that cannot be drawn; the message names the allowed values."""


@dataclass(frozen=True)
class ViewRequest:
    view: str = "all"
    colour: str = "segment"
    size: str = "link_score"
    segment: str | None = None
    max_depth: int | None = None
    status_class: str | None = None

    def check(self, numeric_extra: tuple[str, ...] = ()) -> None:
        if self.view not in VIEWS:
            raise ViewError(f"view {self.view!r}: choose one of {', '.join(VIEWS)}.")
        allowed = NUMERIC_METRICS + CATEGORY_METRICS + numeric_extra
        for metric in (self.colour, self.size):
            if metric not in allowed:
                raise ViewError(f"metric {metric!r}: choose one of {', '.join(allowed)}.")
        if self.size in CATEGORY_METRICS:
            raise ViewError(f"size needs a number; choose one of {', '.join(NUMERIC_METRICS + numeric_extra)}.")


@dataclass(frozen=True)
class Payload:
    data: bytes
    nodes: int
    links: int
    legend: dict

    @property
    def bytes_per_link(self) -> float:
        return len(self.data) / max(self.links, 1)


def positions(metrics: pl.DataFrame) -> np.ndarray:
    """Radial start layout: sections get angular sectors by size, depth sets the radius."""
    sizes = metrics.group_by("segment").len().sort("len", descending=True)
    share = sizes["len"].to_numpy() / max(metrics.height, 1)
    start_angle = np.concatenate([[0.0], np.cumsum(share)[:-1]]) * 2 * np.pi
    sectors = pl.DataFrame({"segment": sizes["segment"], "_a0": start_angle, "_span": share * 2 * np.pi})
    frame = metrics.select("id", "segment", "depth").join(sectors, on="segment", how="left")
    # A stable pseudo-random spread inside each sector from the node id (no RNG state).
    spread = ((frame["id"].cast(pl.UInt64).to_numpy() * 2654435761) % 4294967296) / 4294967296.0
    angle = frame["_a0"].to_numpy() + frame["_span"].to_numpy() * (0.05 + 0.9 * spread)
    max_depth = float(metrics["depth"].max() or 0)
    depth = frame["depth"].fill_null(max_depth + 2).to_numpy().astype(np.float64)
    radius = (depth + 0.5 * spread) / (max_depth + 3) * (SPACE * 0.45)
    xy = np.empty((metrics.height, 2), dtype=np.float32)
    xy[:, 0] = SPACE / 2 + radius * np.cos(angle)
    xy[:, 1] = SPACE / 2 + radius * np.sin(angle)
    return xy


def _values(nodes: pl.DataFrame, metric: str) -> tuple[np.ndarray, dict]:
    if metric in CATEGORY_METRICS:
        counts = nodes.group_by(metric).len().sort(["len", metric], descending=[True, False])
        names = counts[metric].head(MAX_CATEGORIES).to_list()
        index = {name: i for i, name in enumerate(names)}
        codes = nodes[metric].replace_strict(index, default=len(names), return_dtype=pl.Float32).to_numpy()
        labels = names + (["other"] if counts.height > len(names) else [])
        return codes.astype(np.float32), {"metric": metric, "kind": "category", "categories": labels}
    column = nodes[metric].cast(pl.Float32)
    values = column.fill_null(float("nan")).to_numpy().astype(np.float32)
    return values, {"metric": metric, "kind": "number", "min": column.min(), "max": column.max()}


def select(metrics: pl.DataFrame, links: pl.DataFrame, request: ViewRequest) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The nodes and links a view draws (links only between drawn nodes)."""
    nodes = metrics
    if request.segment:
        nodes = nodes.filter(pl.col("segment") == request.segment)
    if request.max_depth is not None:
        nodes = nodes.filter(pl.col("depth") <= request.max_depth)
    if request.status_class:
        nodes = nodes.filter(pl.col("status_class") == request.status_class)
    chosen = links
    if request.view == "nositewide":
        chosen = chosen.filter(~pl.col("sitewide"))
    elif request.view == "tree":
        chosen = chosen.filter(pl.col("in_tree"))
    if nodes.height != metrics.height:
        keep = nodes["id"].implode()
        chosen = chosen.filter(pl.col("src").is_in(keep) & pl.col("dst").is_in(keep))
    return nodes, chosen


def build(metrics: pl.DataFrame, links: pl.DataFrame, request: ViewRequest, xy: np.ndarray | None = None) -> Payload:
    extra = tuple(c for c, t in metrics.schema.items() if t.is_numeric() and c not in ("id", "parent", "status"))
    request.check(extra)
    xy = positions(metrics) if xy is None else xy
    nodes, chosen = select(metrics, links, request)
    ids = nodes["id"].to_numpy().astype(np.uint32)
    lookup = np.full(metrics.height, -1, dtype=np.int64)
    lookup[ids] = np.arange(ids.size)
    pairs = np.empty((chosen.height, 2), dtype=np.uint32)
    pairs[:, 0] = lookup[chosen["src"].to_numpy()]
    pairs[:, 1] = lookup[chosen["dst"].to_numpy()]
    colour, colour_legend = _values(nodes, request.colour)
    size, size_legend = _values(nodes, request.size)
    header = np.array([MAGIC, VERSION, ids.size, chosen.height, int(colour_legend["kind"] == "category"), 0, 0, 0], dtype=np.uint32)
    parts = [header, ids, xy[ids].astype(np.float32).ravel(), colour, size, pairs.ravel()]
    data = b"".join(np.ascontiguousarray(part).astype(part.dtype.newbyteorder("<"), copy=False).tobytes() for part in parts)
    return Payload(data=data, nodes=int(ids.size), links=int(chosen.height), legend={"colour": colour_legend, "size": size_legend})


def parse(data: bytes) -> dict[str, np.ndarray]:
    """Read a payload back (tests, and any Python client)."""
    header = np.frombuffer(data, dtype="<u4", count=HEADER_WORDS)
    if header[0] != MAGIC:
        raise ValueError("not a whittle link graph payload")
    n, m = int(header[2]), int(header[3])
    offset = HEADER_WORDS * 4
    out = {}
    for name, dtype, count in (("ids", "<u4", n), ("xy", "<f4", 2 * n), ("colour", "<f4", n), ("size", "<f4", n), ("links", "<u4", 2 * m)):
        out[name] = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
        offset += 4 * count
    return out
