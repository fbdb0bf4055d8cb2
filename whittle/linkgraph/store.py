"""A link graph on disk: one folder per graph, written so it is whole or absent.

    <graph>/
      original/      the uploaded files, byte for byte
      import.json    the validation report
      nodes.parquet  id (0..n-1), url, and the URL metadata
      edges.parquet  src, dst (node ids), anchor, follow, position, line_no
      metrics.parquet, summary.json   written by the analysis

An import is built in a hidden sibling folder and renamed into place at the end, so a
crash or a bad file leaves the previous graph (or nothing) behind, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

ORIGINAL = "original"
REPORT = "import.json"
NODES = "nodes.parquet"
EDGES = "edges.parquet"
METRICS = "metrics.parquet"
SUMMARY = "summary.json"


class GraphNotFound(FileNotFoundError):
    """No imported graph at that path; the message says which command makes one."""


@contextlib.contextmanager
def building(target: Path) -> Iterator[Path]:
    """A fresh hidden folder to fill; renamed to `target` only if the block finishes."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.parent / f".{target.name}.building-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
        target.rename(old)
    work.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_json(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)


def write_parquet(frame: pl.DataFrame, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    frame.write_parquet(tmp, compression="zstd", statistics=False)
    os.replace(tmp, path)


class GraphStore:
    """Read access to one graph folder (and the analysis files written into it)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def exists(self) -> bool:
        return (self.path / NODES).exists() and (self.path / EDGES).exists()

    def require(self) -> None:
        if not self.exists():
            raise GraphNotFound(f"no imported link graph in {self.path}; run `whittle linkgraph import EDGES.csv --out {self.path}` first.")

    def analysed(self) -> bool:
        return (self.path / METRICS).exists() and (self.path / SUMMARY).exists()

    def nodes(self) -> pl.DataFrame:
        self.require()
        return pl.read_parquet(self.path / NODES)

    def edges(self, columns: list[str] | None = None) -> pl.DataFrame:
        self.require()
        return pl.read_parquet(self.path / EDGES, columns=columns)

    def report(self) -> dict[str, Any]:
        self.require()
        return json.loads((self.path / REPORT).read_text(encoding="utf-8"))

    def metrics(self) -> pl.DataFrame:
        if not self.analysed():
            raise GraphNotFound(f"{self.path} is imported but not analysed; run `whittle linkgraph analyse {self.path}`.")
        return pl.read_parquet(self.path / METRICS)

    def summary(self) -> dict[str, Any]:
        if not self.analysed():
            raise GraphNotFound(f"{self.path} is imported but not analysed; run `whittle linkgraph analyse {self.path}`.")
        return json.loads((self.path / SUMMARY).read_text(encoding="utf-8"))
