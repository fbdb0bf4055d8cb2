"""A synthetic website's link export, for the bench, the browser test and demos.

The shape of a real shop/publisher site: a home page, a dozen sections of very different
sizes, sub-folders, slugs of 3–7 words (URLs of 60–110 characters), a navigation menu
(home + the top sections) on every page, paginated chains that push pages deep, related
links inside a folder, popular pages linked from everywhere, ~1% orphans that only the
URL metadata knows, and a few 404 targets. Written as a Screaming Frog "All Inlinks"
CSV (plus an "Internal: All"-style pages CSV), all vectorised: 10 million links in seconds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

HOST = "https://www.example-outdoor-store.com"
SECTIONS = ("products", "blog", "guides", "help", "news", "brands", "stores", "recipes", "events", "careers", "press", "legal")
WORDS = ["best", "hiking", "boots", "waterproof", "trail", "running", "jacket", "women", "men", "lightweight", "tent", "camping", "summer", "winter", "guide", "how", "to", "choose", "review", "compare", "cheap", "premium", "backpack", "40l", "sleeping", "bag", "down", "insulated", "stove", "cooking", "kit", "beginners", "expert", "mountain", "alpine", "forest", "river", "coastal", "route", "map", "weekend", "family", "dog", "friendly", "gear", "list", "care", "repair", "wash", "store", "opening", "hours", "returns", "delivery", "size", "chart", "kids", "sale", "new", "season", "collection", "climbing", "shoes", "harness", "rope", "helmet"]
NAV_SECTIONS = 5
PAGE_CHAIN = 10  # a folder index links to its first 10 pages; each later page is linked from the one 10 before


def _pages(pages: int, rng: np.random.Generator) -> pl.DataFrame:
    weights = 1.0 / np.arange(1, len(SECTIONS) + 1) ** 1.1
    fixed = 1 + len(SECTIONS)  # the home page (section -1), then one index page per section
    content_section = rng.choice(len(SECTIONS), size=max(pages - fixed, 0), p=weights / weights.sum())
    content_folder = rng.integers(0, 40, size=content_section.size) // (1 + content_section % 3)
    order = np.lexsort((content_folder, content_section))
    section = np.concatenate([np.arange(-1, len(SECTIONS)), content_section[order]])[:pages]
    folder = np.concatenate([np.full(fixed, -1), content_folder[order]])[:pages]
    words = rng.integers(0, len(WORDS), size=(pages, 7))
    count = rng.integers(3, 8, size=pages)
    vocab = np.array(WORDS)
    slug_words = [vocab[words[:, k]] for k in range(7)]
    frame = pl.DataFrame({
        "section": section, "folder": folder,
        **{f"w{k}": pl.Series(slug_words[k]) for k in range(7)}, "count": count,
    }).with_row_index("id")
    slug = pl.concat_str([pl.when(pl.col("count") > k).then(pl.col(f"w{k}")).otherwise(None) for k in range(7)], separator="-", ignore_nulls=True)
    section_name = pl.col("section").replace_strict(dict(enumerate(SECTIONS)), default="", return_dtype=pl.String)
    is_index = pl.col("id") <= len(SECTIONS)
    url = (
        pl.when(pl.col("section") < 0).then(pl.lit(HOST + "/"))
        .when(is_index).then(pl.lit(HOST + "/") + section_name + "/")
        .otherwise(pl.lit(HOST + "/") + section_name + "/" + pl.lit("topic-") + pl.col("folder").cast(pl.String) + "/" + slug + "-" + pl.col("id").cast(pl.String) + "/")
    )
    return frame.select("id", "section", "folder", url.alias("url"))


def _edges(pages: pl.DataFrame, edges: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = pages.height
    ids = np.arange(n)
    nav_targets = np.arange(0, 1 + min(NAV_SECTIONS, len(SECTIONS)))
    nav_per_page = nav_targets.size
    orphans = rng.random(n) < 0.01
    orphans[: 1 + len(SECTIONS)] = False
    # navigation: every page links to home and the top sections
    nav_src = np.repeat(ids, nav_per_page)
    nav_dst = np.tile(nav_targets, n)
    # hierarchy: section index -> folder's first pages; page k-10 -> page k inside a folder (deep chains)
    section = pages["section"].to_numpy()
    folder_key = pages.select(pl.struct("section", "folder").rank("dense")).to_series().to_numpy()
    position = pages.select(pl.int_range(pl.len()).over(pl.struct("section", "folder"))).to_series().to_numpy()
    index_of_section = section + 1  # the home page is id 0, section k's index page is id k + 1
    chain_src = np.where(position < PAGE_CHAIN, index_of_section, ids - PAGE_CHAIN)
    tree = ~orphans & (ids > len(SECTIONS))
    # the home page links to every section's index (the menu only shows the top ones)
    tree_src = np.concatenate([np.zeros(len(SECTIONS), dtype=ids.dtype), chain_src[tree]])
    tree_dst = np.concatenate([np.arange(1, 1 + len(SECTIONS)), ids[tree]])
    remaining = max(edges - nav_src.size - tree_src.size, 0)
    # related links in the same folder, and popular pages (Zipf) linked from anywhere
    src = rng.integers(0, n, size=remaining)
    near = np.clip(src + rng.integers(-30, 31, size=remaining), 0, n - 1)
    same_folder = folder_key[near] == folder_key[src]
    content = rng.permutation(np.arange(1 + len(SECTIONS), n))
    popular = content[np.minimum(rng.zipf(1.5, size=remaining), content.size) - 1]
    dst = np.where(same_folder & (rng.random(remaining) < 0.7), near, popular)
    dst = np.where(orphans[dst], (dst + 1) % n, dst)
    src_all = np.concatenate([nav_src, tree_src, src])[:edges]
    dst_all = np.concatenate([nav_dst, tree_dst, dst])[:edges]
    is_nav = np.zeros(src_all.size, dtype=bool)
    is_nav[: min(nav_src.size, edges)] = True
    keep = src_all != dst_all
    return src_all[keep], dst_all[keep], is_nav[keep]


def generate(folder: Path, *, edges: int = 1_000_000, pages: int | None = None, seed: int = 7) -> tuple[Path, Path]:
    """Write edges.csv and pages.csv into `folder`; returns their paths."""
    rng = np.random.default_rng(seed)
    pages = pages or max(edges // 10, 20)
    site = _pages(pages, rng)
    src, dst, nav = _edges(site, edges, rng)
    status = np.where(rng.random(pages) < 0.005, 404, 200).astype(np.int32)
    status[: 1 + len(SECTIONS)] = 200
    urls = site["url"]
    anchors = np.array(WORDS)[rng.integers(0, len(WORDS), size=src.size)]
    frame = pl.DataFrame({
        "Type": pl.repeat("Hyperlink", src.size, eager=True),
        "Source": urls.gather(src),
        "Destination": urls.gather(dst),
        "Anchor": pl.Series(anchors),
        "Status Code": pl.Series(status[dst]),
        "Follow": pl.Series(rng.random(src.size) > 0.02),
        "Link Position": pl.Series(np.where(nav, "Navigation", "Content")),
    })
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    edges_path, pages_path = folder / "edges.csv", folder / "pages.csv"
    frame.write_csv(edges_path)
    del frame
    pl.DataFrame({
        "Address": urls, "Status Code": status,
        "Indexability": np.where(status == 200, "Indexable", "Non-Indexable"),
        "Clicks": rng.poisson(3, size=pages),
    }).write_csv(pages_path)
    return edges_path, pages_path
