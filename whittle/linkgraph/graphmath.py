"""The graph math on scipy.sparse: PageRank by power iteration, click depth by BFS.

Why scipy.sparse rather than igraph or rustworkx: the node ids are already dense integers from
polars, so a CSR matrix costs one numpy call while the graph libraries need their own copy of
every edge; and scipy is already a dependency, so nothing new is installed. bench/linkgraph.py
measures the whole pipeline against networkx.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

DAMPING = 0.85
TOLERANCE = 1e-10  # L1 change between iterations
MAX_ITERATIONS = 200


def adjacency(src: np.ndarray, dst: np.ndarray, n: int) -> sp.csr_matrix:
    """Unique directed links as a 0/1 CSR matrix (row = source)."""
    matrix = sp.csr_matrix((np.ones(len(src), dtype=np.float32), (src, dst)), shape=(n, n))
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def pagerank(matrix: sp.csr_matrix, included: np.ndarray | None = None, damping: float = DAMPING) -> np.ndarray:
    """PageRank over the nodes marked `included` (all by default); the others get 0 and no links.

    Pages without outlinks (dangling) hand their rank evenly to every included page, so
    the ranks of the included pages sum to 1.
    """
    n = matrix.shape[0]
    if included is None:
        included = np.ones(n, dtype=bool)
    count = int(included.sum())
    if count == 0:
        return np.zeros(n)
    if not included.all():
        keep = sp.diags(included.astype(np.float32))
        matrix = (keep @ matrix @ keep).tocsr()
        matrix.eliminate_zeros()
    out_degree = np.asarray(matrix.sum(axis=1)).ravel()
    dangling = included & (out_degree == 0)
    share = np.divide(1.0, out_degree, out=np.zeros(n), where=out_degree > 0)
    transposed = matrix.T.tocsr()
    teleport = included / count
    rank = teleport.copy()
    for _ in range(MAX_ITERATIONS):
        spread = transposed @ (rank * share)
        updated = damping * spread + (damping * rank[dangling].sum() + (1 - damping)) * teleport
        change = np.abs(updated - rank).sum()
        rank = updated
        if change < TOLERANCE:
            break
    return rank / rank.sum()


def link_score(rank: np.ndarray, included: np.ndarray) -> np.ndarray:
    """Screaming Frog's convention: PageRank on a 0–100 logarithmic scale (NaN where excluded).

    100 * ln(pr / min) / ln(max / min) over the included pages; equal ranks all score 100.
    """
    score = np.full(rank.shape, np.nan)
    values = rank[included]
    if values.size == 0:
        return score
    low, high = values.min(), values.max()
    if high <= low or low <= 0:
        score[included] = 100.0
        return score
    score[included] = 100.0 * np.log(values / low) / np.log(high / low)
    return score


def click_depth(matrix: sp.csr_matrix, start: int) -> tuple[np.ndarray, np.ndarray]:
    """(depth, parent) from the start page by breadth-first search; -1 where unreachable / at the root."""
    order, parent = csgraph.breadth_first_order(matrix, start, directed=True, return_predecessors=True)
    depth = np.full(matrix.shape[0], -1, dtype=np.int32)
    depth[start] = 0
    parent = parent.astype(np.int64)
    # BFS order lists every parent before its children, so one pass over levels fills depths:
    # repeat "child = parent + 1" for the nodes whose parent is already known (as many passes as levels).
    pending = order[1:]
    while pending.size:
        known = depth[parent[pending]] >= 0
        depth[pending[known]] = depth[parent[pending[known]]] + 1
        pending = pending[~known]
    parent[parent < 0] = -1
    return depth, parent
