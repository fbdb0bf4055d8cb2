"""What bench/route.py (`whittle bench route`) prints and draws: per-router figures, the table, the plot."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from whittle.router.learned.difficulty import DifficultyModel
from whittle_bench import metrics
from whittle_bench.outcomes import Outcomes

# RouteLLM's published cost reductions at 95% of GPT-4 quality (LMSYS blog, 2024-07-01).
PUBLISHED = {"mmlu": 0.45, "gsm8k": 0.35}
COLOURS = {"pre_router": "tab:blue", "cascade": "tab:orange", "verifier_rule": "tab:green",
           "random": "tab:gray", "oracle": "tab:purple"}


@dataclass
class Scored:
    """Out-of-sample scores of one router on one test set, and how it was trained."""

    scores: np.ndarray
    cascade: bool
    choices: list[dict]
    model: DifficultyModel | None = None


def report_set(data: Outcomes, routers: dict[str, Scored], split: str) -> tuple[dict, dict[str, metrics.Curve]]:
    """Figures and curves for one test set; the headline router is the cascade when there is one.

    Each sweep is priced twice: with equal tokens per query (RouteLLM's convention, so the
    headline is comparable with its published figures) and with each query's estimated tokens.
    """
    weak_tokens, strong_tokens = data.tokens()
    ones = np.ones(len(data))

    def sweeps(sweep: Callable[[metrics.Costs], metrics.Curve], cascade: bool) -> tuple[metrics.Curve, metrics.Curve]:
        equal = sweep(metrics.Costs.from_tokens(ones, ones, cascade))
        return equal, sweep(metrics.Costs.from_tokens(weak_tokens, strong_tokens, cascade))

    priced = {
        name: sweeps(lambda costs, r=r: metrics.routing_curve(data.weak, data.strong, r.scores, costs), r.cascade)
        for name, r in routers.items()
    }
    priced["random"] = sweeps(lambda costs: metrics.random_curve(data.weak, data.strong, costs), False)
    priced["oracle"] = sweeps(lambda costs: metrics.oracle_curve(data.weak, data.strong, costs), False)
    figures = {name: metrics.summarise(equal, weighted) for name, (equal, weighted) in priced.items()}
    headline = "cascade" if "cascade" in routers else "pre_router"
    result = {
        "n": len(data),
        "split": split,
        "weak_accuracy": round(float(data.weak.mean()), 4),
        "strong_accuracy": round(float(data.strong.mean()), 4),
        "graded": data.graded,  # accuracies are then mean scores
        "router": headline,
        **figures[headline],
        "routers": {
            name: {**figures[name], "pays_weak_on_every_query": r.cascade, "training": r.choices}
            for name, r in routers.items()
        },
        "random": figures["random"],
        "oracle": figures["oracle"],
    }
    if data.name in PUBLISHED:
        result["published_routellm_cost_reduction_at_95"] = PUBLISHED[data.name]
    return result, {name: equal for name, (equal, _) in priced.items()}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def format_table(results: dict[str, dict]) -> str:
    header = ("test set", "router", "APGR", "CPT20", "CPT50", "CPT80", "strong@95", "cost cut@95", "by tokens")
    rows = []
    for set_name, result in results.items():
        named = {**result["routers"], "random": result["random"], "oracle": result["oracle"]}
        for name, figures in named.items():
            cpt = figures["strong_calls_at_pgr"]
            apgr_text = "—" if figures["apgr"] is None else f"{figures['apgr']:.3f}"
            rows.append((set_name, name, apgr_text, _pct(cpt["20"]), _pct(cpt["50"]), _pct(cpt["80"]),
                         _pct(figures["strong_share_at_95"]), _pct(figures["cost_reduction_at_95"]),
                         _pct(figures.get("cost_reduction_at_95_token_weighted"))))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:  # names left-aligned, figures right-aligned
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)])


def plot(curves: dict[str, dict[str, metrics.Curve]], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")  # files only; never needs a display
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(curves), figsize=(6 * len(curves), 4.5), squeeze=False)
    for ax, (name, by_router) in zip(axes[0], curves.items()):
        any_curve = next(iter(by_router.values()))
        for router, curve in by_router.items():
            style = {"random": ":", "oracle": "--"}.get(router, "-")
            ax.plot(100 * curve.share, 100 * curve.quality, style, label=router, linewidth=1.5,
                    color=COLOURS.get(router))
        ax.axhline(100 * any_curve.strong_accuracy, color="red", linewidth=0.8, label="GPT-4 only")
        ax.axhline(100 * any_curve.weak_accuracy, color="grey", linewidth=0.8, label="Mixtral only")
        ax.axhline(100 * metrics.QUALITY_TARGET * any_curve.strong_accuracy, color="black", linewidth=0.6,
                   linestyle="-.", label="95% of GPT-4")
        ax.set_title(f"{name} (n={len(any_curve.share) - 1})")
        ax.set_xlabel("strong-model calls (%)")
        ax.set_ylabel("accuracy (%)")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def format_report(summary: dict) -> str:
    """The readable report: the table, then one line per test set and the latency."""
    lines = [format_table(summary["test_sets"]), ""]
    for name, result in summary["test_sets"].items():
        line = (f"{name}: weak {_pct(result['weak_accuracy'])}, strong {_pct(result['strong_accuracy'])}; "
                f"{result['router']} cuts cost {_pct(result['cost_reduction_at_95'])} at 95% of GPT-4 quality")
        published = result.get("published_routellm_cost_reduction_at_95")
        if published is not None:
            line += f" (RouteLLM published {_pct(published)})"
        lines.append(line + f" — split: {result['split']}")
    for kind, timing in summary["predict_latency"].items():
        lines.append(
            f"{kind} score latency (features + model, one query): p50 {timing['wall_p50_ms']} ms, "
            f"p99 {timing['wall_p99_ms']} ms wall; p99 {timing['cpu_p99_ms']} ms CPU (n={timing['n']}, "
            f"load average {timing['load_average_1min']} on {os.cpu_count()} cores)"
        )
    lines.append(summary["cost_basis"])
    if "plot" in summary:
        lines.append(f"plot: {summary['plot']}")
    return "\n".join(lines)


def headline(summary: dict) -> dict:
    """The one-line figures the project's benches end with."""
    line: dict = {}
    for name, result in summary["test_sets"].items():
        line[f"{name}_cost_reduction_at_95"] = result["cost_reduction_at_95"]
        line[f"{name}_apgr"] = result["apgr"]
        line[f"{name}_random_apgr"] = result["random"]["apgr"]
        line[f"{name}_oracle_apgr"] = result["oracle"]["apgr"]
        for router, figures in result["routers"].items():
            if router != result["router"]:
                line[f"{name}_{router}_cost_reduction_at_95"] = figures["cost_reduction_at_95"]
    for kind, timing in summary["predict_latency"].items():
        line[f"{kind}_p99_ms"] = timing["wall_p99_ms"]
    return line
