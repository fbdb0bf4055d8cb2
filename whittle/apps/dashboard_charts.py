"""Server-side SVG charts for the cost dashboard: no chart library, nothing to fetch."""

from __future__ import annotations

from itertools import accumulate

from fasthtml.svg import G, Line, Polyline, Rect, Svg, Text, Title

PALETTE = ["#2a9d8f", "#e9c46a", "#f4a261", "#e76f51", "#264653", "#8ab17d", "#b56576"]
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 220, 60, 28, 12


def tier_colours(tiers: list[str]) -> dict[str, str]:
    return {tier: PALETTE[i % len(PALETTE)] for i, tier in enumerate(tiers)}


def _frame(max_value: float, unit: str) -> list:
    plot_h = HEIGHT - BOTTOM - TOP
    parts = []
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h * (1 - fraction)
        parts.append(Line(x1=LEFT, x2=WIDTH - 8, y1=y, y2=y, stroke="currentColor", stroke_opacity="0.15"))
        label = f"{unit}{max_value * fraction:.2g}" if unit else f"{max_value * fraction:.0f}"
        parts.append(Text(label, x=LEFT - 6, y=y + 4, text_anchor="end", font_size="10", fill="currentColor"))
    return parts


def calls_per_tier_chart(rows: list[tuple[str, str, int]], tiers: list[str]):
    """Stacked bars: one per day, a segment per tier."""
    days = sorted({day for day, _, _ in rows})
    if not days:
        return None
    counts = {(day, tier): n for day, tier, n in rows}
    colours = tier_colours(tiers)
    totals = [sum(counts.get((day, t), 0) for t in tiers) for day in days]
    peak = max(totals) or 1
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_w / len(days)
    bars = []
    for index, day in enumerate(days):
        y = TOP + plot_h
        x = LEFT + index * slot + slot * 0.15
        for tier in tiers:
            n = counts.get((day, tier), 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            # A <title> on the group gives each segment a hover tooltip.
            bars.append(G(Title(f"{day} · {tier}: {n} calls"),
                          Rect(width=f"{slot * 0.7:.1f}", height=f"{h:.1f}", x=f"{x:.1f}", y=f"{y:.1f}",
                               fill=colours[tier], rx="2")))
        if len(days) <= 12 or index % max(1, len(days) // 8) == 0:
            bars.append(Text(day[5:], x=f"{x + slot * 0.35:.1f}", y=HEIGHT - 10, text_anchor="middle",
                             font_size="10", fill="currentColor"))
    return Svg(*_frame(peak, ""), G(*bars), viewBox=f"0 0 {WIDTH} {HEIGHT}", role="img",
               aria_label="Calls per tier per day", cls="chart", id="chart-calls")


def spend_chart(rows: list[tuple[str, float, float]]):
    """Cumulative spend beside what sending everything to the top tier would have cost."""
    if not rows:
        return None
    # Start from zero so even a single day draws a line.
    spend = [0.0, *accumulate(r[1] for r in rows)]
    top = [0.0, *accumulate(r[2] for r in rows)]
    peak = max(top[-1], spend[-1]) or 1
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    step = plot_w / max(len(spend) - 1, 1)

    def points(values):
        return " ".join(f"{LEFT + i * step:.1f},{TOP + plot_h * (1 - v / peak):.1f}" for i, v in enumerate(values))

    return Svg(
        *_frame(peak, "$"),
        Polyline(points=points(top), fill="none", stroke="#e76f51", stroke_width="2.5", stroke_dasharray="6 4"),
        Polyline(points=points(spend), fill="none", stroke="#2a9d8f", stroke_width="3"),
        Text(rows[0][0][5:], x=LEFT, y=HEIGHT - 10, font_size="10", fill="currentColor"),
        Text(rows[-1][0][5:], x=WIDTH - 8, y=HEIGHT - 10, text_anchor="end", font_size="10", fill="currentColor"),
        viewBox=f"0 0 {WIDTH} {HEIGHT}", role="img", aria_label="Cumulative spend versus all-to-top-tier",
        cls="chart", id="chart-spend",
    )
