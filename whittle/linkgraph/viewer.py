"""What the web view asks of an analysed graph: payloads for WebGL and one page's details.

An analysed graph is read from Parquet once and kept while its files are unchanged, so
switching views or clicking pages costs a filter, not a reload.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from whittle.linkgraph import arrays
from whittle.linkgraph.analysis import LINKS
from whittle.linkgraph.store import METRICS, GraphStore

DETAIL_LINKS = 25
KEEP_GRAPHS = 2


@dataclass
class LoadedGraph:
    metrics: pl.DataFrame
    links: pl.DataFrame
    xy: np.ndarray

    def payload(self, request: arrays.ViewRequest) -> arrays.Payload:
        return arrays.build(self.metrics, self.links, request, self.xy)

    def node(self, node_id: int) -> dict[str, Any] | None:
        if not 0 <= node_id < self.metrics.height:
            return None
        return self.metrics.row(node_id, named=True)

    def neighbours(self, node_id: int, direction: str) -> tuple[int, list[dict[str, Any]]]:
        """(count, strongest first) of the pages linking to (`in`) or from (`out`) this one."""
        mine, other = ("dst", "src") if direction == "in" else ("src", "dst")
        rows = self.links.filter(pl.col(mine) == node_id)
        top = (
            rows.join(self.metrics.select("id", "url", "link_score", "depth"), left_on=other, right_on="id", how="left")
            .sort("link_score", descending=True, nulls_last=True)
            .head(DETAIL_LINKS)
        )
        return rows.height, top.select("url", "link_score", "depth", "count", "follow", "sitewide").to_dicts()


class GraphCache:
    """A few loaded graphs, keyed by folder and the metrics file's modification time."""

    def __init__(self) -> None:
        self._graphs: OrderedDict[tuple[str, float], LoadedGraph] = OrderedDict()

    def get(self, folder: Path) -> LoadedGraph:
        store = GraphStore(folder)
        key = (str(folder), (Path(folder) / METRICS).stat().st_mtime if store.analysed() else 0.0)
        if key not in self._graphs:
            metrics = store.metrics()
            loaded = LoadedGraph(metrics, pl.read_parquet(Path(folder) / LINKS), arrays.positions(metrics))
            self._graphs[key] = loaded
            while len(self._graphs) > KEEP_GRAPHS:
                self._graphs.popitem(last=False)
        self._graphs.move_to_end(key)
        return self._graphs[key]
