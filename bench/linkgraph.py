"""Link graph at scale: whittle (polars + scipy.sparse) against a plain networkx pipeline.

    .venv/bin/python bench/linkgraph.py [--edges 1000000] [--pages N] [--edges-10m 10000000] [--skip-10m]
                                        [--networkx-10m] [--keep DIR]

1. Generates a synthetic site (whittle/linkgraph/synthetic.py: a Screaming Frog "All Inlinks"
   CSV with realistic URLs, folders, a navigation menu on every page, deep paginated chains,
   orphans, and a pages CSV), --edges links on --pages pages (default edges / 10).
2. Runs each pipeline in its own fresh process on the same files and reads that process's
   peak RSS: whittle = `import_graph` (validation, ids, Parquet) + `analyse` (degrees, click
   depth, PageRank 0.85, Link Score, orphans, dead ends, sitewide links, sections, summary);
   networkx = csv module → DiGraph (+ a Counter for total degrees) → the same metrics with
   networkx's own functions (nx.pagerank, single_source_shortest_path_length) and Python loops.
3. Bytes per edge sent to the browser: the binary payload of the "all links" view
   (whittle/linkgraph/arrays.py) divided by the links it draws.
4. Repeats whittle at --edges-10m (networkx too only with --networkx-10m: it needs tens of GB).
5. Time to the first drawn frame in headless chromium at --frame-edges (default 100,000 and
   1,000,000): a real server, the run made through the app's steps, the view's own measurement
   (bench/whittle_bench/linkgraph_frame.py). --skip-frames leaves it out.

Ends with one JSON line: {"seconds", "peak_rss_mb", "speedup_vs_networkx", "bytes_per_edge",
"seconds_10m", "peak_rss_mb_10m", "first_frame_ms_100k", "first_frame_ms_1m"}.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def run_whittle(edges: Path, pages: Path, work: Path) -> dict:
    from whittle.linkgraph import arrays
    from whittle.linkgraph.analysis import analyse
    from whittle.linkgraph.importer import import_graph

    start = time.perf_counter()
    report = import_graph(edges, work / "graph", metadata_csv=pages)
    imported = time.perf_counter()
    result = analyse(work / "graph")
    done = time.perf_counter()
    payload = arrays.build(result.metrics, result.links, arrays.ViewRequest())
    return {
        "seconds": done - start, "import_seconds": imported - start, "analyse_seconds": done - imported,
        "peak_rss_mb": peak_rss_mb(), "pages": report.urls, "edges": report.edges,
        "max_depth": result.summary["depth"]["max"], "orphans": result.summary["orphans"]["count"],
        "payload_bytes": len(payload.data), "payload_links": payload.links, "bytes_per_edge": payload.bytes_per_link,
    }


def run_networkx(edges: Path, pages: Path) -> dict:
    import csv
    from collections import Counter
    from urllib.parse import urlsplit

    import networkx as nx

    start = time.perf_counter()
    graph = nx.DiGraph()
    follow_graph = nx.DiGraph()
    total_out: Counter = Counter()
    total_in: Counter = Counter()
    with pages.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            graph.add_node(row["Address"], status=int(row["Status Code"]))
    with edges.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Type"] != "Hyperlink" or row["Source"] == row["Destination"]:
                continue
            source, target = row["Source"], row["Destination"]
            total_out[source] += 1
            total_in[target] += 1
            graph.add_edge(source, target, position=row["Link Position"])
            if row["Follow"] == "true":
                follow_graph.add_edge(source, target)
    follow_graph.add_nodes_from(graph)
    home = min(graph, key=len)
    depth = nx.single_source_shortest_path_length(follow_graph, home)
    rank = nx.pagerank(follow_graph, alpha=0.85)
    low, high = min(rank.values()), max(rank.values())
    import math

    score = {url: 100 * math.log(value / low) / math.log(high / low) for url, value in rank.items()}
    linking = sum(1 for node in graph if graph.out_degree(node))
    sitewide = {node for node in graph if graph.in_degree(node) >= 0.5 * linking}
    metrics = {}
    for node in graph:
        path = urlsplit(node).path.strip("/").split("/")
        metrics[node] = {
            "in_unique": graph.in_degree(node), "out_unique": graph.out_degree(node),
            "in_total": total_in[node], "out_total": total_out[node], "depth": depth.get(node),
            "pagerank": rank[node], "link_score": score[node], "segment": "/" + path[0] + "/" if len(path) > 1 else "/",
            "orphan": graph.in_degree(node) == 0 and node != home,
            "dead_end": graph.out_degree(node) == 0 and 200 <= graph.nodes[node].get("status", 200) < 300,
            "sitewide_target": node in sitewide,
        }
    done = time.perf_counter()
    return {
        "seconds": done - start, "peak_rss_mb": peak_rss_mb(), "pages": graph.number_of_nodes(),
        "max_depth": max(depth.values()), "orphans": sum(m["orphan"] for m in metrics.values()),
    }


def in_fresh_process(which: str, edges: Path, pages: Path, work: Path) -> dict:
    command = [sys.executable, __file__, "--stage", which, "--csv", str(edges), "--pages-csv", str(pages), "--work", str(work)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{which} pipeline failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(edges: int, pages: int | None, work: Path, with_networkx: bool) -> dict:
    from whittle.linkgraph.synthetic import generate

    started = time.perf_counter()
    edges_csv, pages_csv = generate(work / f"site-{edges}", edges=edges, pages=pages)
    size_mb = edges_csv.stat().st_size / 1e6
    print(f"\n== {edges:,} links: generated {size_mb:,.0f} MB of CSV in {time.perf_counter() - started:.1f} s")
    ours = in_fresh_process("whittle", edges_csv, pages_csv, work)
    print(f"whittle : {ours['seconds']:7.2f} s (import {ours['import_seconds']:.2f} + analyse {ours['analyse_seconds']:.2f}), "
          f"peak RSS {ours['peak_rss_mb']:,.0f} MB, {ours['pages']:,} pages, {ours['edges']:,} links, "
          f"max depth {ours['max_depth']}, {ours['orphans']:,} orphans")
    print(f"browser : {ours['payload_bytes'] / 1e6:,.1f} MB for {ours['payload_links']:,} unique links = {ours['bytes_per_edge']:.2f} bytes/edge")
    result = {"whittle": ours}
    if with_networkx:
        theirs = in_fresh_process("networkx", edges_csv, pages_csv, work)
        print(f"networkx: {theirs['seconds']:7.2f} s, peak RSS {theirs['peak_rss_mb']:,.0f} MB, {theirs['pages']:,} pages, "
              f"max depth {theirs['max_depth']}, {theirs['orphans']:,} orphans")
        print(f"speed-up: {theirs['seconds'] / ours['seconds']:.1f}x, memory {theirs['peak_rss_mb'] / ours['peak_rss_mb']:.1f}x less")
        result["networkx"] = theirs
    return result


def measure_frames(sizes: list[int], work: Path) -> dict[int, dict]:
    from whittle_bench.linkgraph_frame import first_frame_ms

    from whittle.linkgraph.synthetic import generate

    frames = {}
    for edges in sizes:
        site = work / f"site-{edges}"
        if not (site / "edges.csv").is_file():
            generate(site, edges=edges)
        frames[edges] = frame = first_frame_ms(site, work / f"home-{edges}")
        print(f"\n== first frame, {edges:,} links: {frame['first_frame_ms']:,} ms to draw {frame['drawn_pages']:,} pages "
              f"(page open to frame {frame['page_to_frame_s']:.1f} s, import and analysis not counted)")
    return frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=1_000_000, help="links in the main run (default 1,000,000)")
    parser.add_argument("--pages", type=int, help="pages in the main run (default edges / 10)")
    parser.add_argument("--edges-10m", type=int, default=10_000_000, help="links in the large run (default 10,000,000)")
    parser.add_argument("--skip-10m", action="store_true", help="skip the large run (its figures are then null)")
    parser.add_argument("--networkx-10m", action="store_true", help="also run networkx at the large size")
    parser.add_argument("--frame-edges", default="100000,1000000",
                        help="sizes at which to time the first drawn frame in chromium (comma-separated)")
    parser.add_argument("--skip-frames", action="store_true", help="skip the browser timing (its figures are then null)")
    parser.add_argument("--keep", type=Path, help="keep generated files in this folder (default: a temporary one)")
    parser.add_argument("--stage", choices=["whittle", "networkx"], help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pages-csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        figures = run_whittle(args.csv, args.pages_csv, args.work) if args.stage == "whittle" else run_networkx(args.csv, args.pages_csv)
        print(json.dumps(figures))
        return
    with tempfile.TemporaryDirectory(prefix="whittle-linkgraph-", dir=args.keep) as tmp:
        work = Path(tmp)
        main_run = measure(args.edges, args.pages, work, with_networkx=True)
        large = None
        if not args.skip_10m:
            large = measure(args.edges_10m, None, work, with_networkx=args.networkx_10m)["whittle"]
            ratio_t = large["seconds"] / main_run["whittle"]["seconds"]
            ratio_m = large["peak_rss_mb"] / main_run["whittle"]["peak_rss_mb"]
            print(f"\n{args.edges_10m // args.edges}x the links: {ratio_t:.1f}x the time, {ratio_m:.1f}x the memory")
        frames = {} if args.skip_frames else measure_frames([int(n) for n in args.frame_edges.split(",")], work)
    ours, theirs = main_run["whittle"], main_run["networkx"]
    print(json.dumps({
        "seconds": round(ours["seconds"], 2),
        "peak_rss_mb": round(ours["peak_rss_mb"]),
        "speedup_vs_networkx": round(theirs["seconds"] / ours["seconds"], 1),
        "bytes_per_edge": round(ours["bytes_per_edge"], 2),
        "seconds_10m": round(large["seconds"], 2) if large else None,
        "peak_rss_mb_10m": round(large["peak_rss_mb"]) if large else None,
        "first_frame_ms_100k": frames.get(100_000, {}).get("first_frame_ms"),
        "first_frame_ms_1m": frames.get(1_000_000, {}).get("first_frame_ms"),
    }))


if __name__ == "__main__":
    main()
