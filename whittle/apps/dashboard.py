"""Cost dashboard: what the AI cost, what it would have cost at the top tier, and why calls escalated."""

from __future__ import annotations

import json
from typing import Any

from fasthtml.common import (
    H2,
    H3,
    A,
    Article,
    Div,
    Footer,
    Nav,
    P,
    Small,
    Span,
    Strong,
    Table,
    Tbody,
    Td,
    Th,
    Thead,
    Tr,
)

from whittle.apps.base import WhittleApp
from whittle.apps.dashboard_charts import calls_per_tier_chart, spend_chart, tier_colours
from whittle.plugins import hookimpl

PERIOD_LABELS = {"today": "Today", "7d": "7 days", "30d": "30 days", "all": "All time"}


class CostDashboard(WhittleApp):
    name = "costs"
    title = "Cost dashboard"
    menu_order = 90
    training_prompt = (
        "The user opened the Cost dashboard: it shows what AI calls cost, the saving against sending everything "
        "to the most capable model, calls per tier and why calls were escalated. Explain figures when asked."
    )

    def render(self, period: str = "30d"):
        return Div(self.dashboard(period), id="costs-dashboard")

    def routes(self):
        return [("/view", self.view, ["get"])]

    async def view(self, period: str = "30d"):
        if period not in self.ctx.costs.PERIODS:
            return Article(P(f"Unknown period {period!r}; choose one of: {', '.join(PERIOD_LABELS.values())}."),
                           id="costs-dashboard")
        return Div(self.dashboard(period), id="costs-dashboard")

    def dashboard(self, period: str):
        costs = self.ctx.costs
        figures = costs.summary(period)
        per_tier = costs.calls_per_tier_per_day(period)
        tiers = list(self.ctx.tiers)
        tiers += sorted({tier for _, tier, _ in per_tier} - set(tiers))  # tiers since removed from whittle.toml
        calls_chart = calls_per_tier_chart(per_tier, tiers)
        cost_chart = spend_chart(costs.spend_per_day(period))
        return (
            Article(
                H2("Cost dashboard"),
                period_nav(self.ctx.url("/view"), period),
                Div(
                    stat("Spent", f"${figures.spend_usd:.4f}", id="stat-spend"),
                    stat("All to top tier", f"${figures.counterfactual_usd:.4f}", id="stat-counterfactual"),
                    stat("Saved", "—" if figures.saved_pct is None else f"{figures.saved_pct:.0f}%", id="stat-saved"),
                    stat("Requests", f"{figures.requests}", id="stat-requests"),
                    stat("Answered locally", f"{figures.local_share * 100:.0f}%", id="stat-local"),
                    stat("Escalated", f"{figures.escalation_rate * 100:.0f}%", id="stat-escalated"),
                    cls="stats",
                ),
                budget_line(costs.budget_lines()),
            ),
            Article(H3("Calls per tier"), legend(tiers), calls_chart or P("No calls yet in this period.")),
            Article(
                H3("Spend vs. everything to the top tier"),
                P(Span("━ spent", style="color:#2a9d8f"), " ", Span("┅ all to top tier", style="color:#e76f51")),
                cost_chart or P("No calls yet in this period."),
            ),
            Article(H3("Why calls escalated"), reasons_table(costs.escalation_reasons(period))),
            Article(H3("Most costly requests"), costly_table(costs.costly_requests(period))),
            Article(H3("Learning from use"), refits_table(costs.refits())),
        )


def period_nav(view_url: str, current: str):
    return Nav(*[
        A(label, href="#", hx_get=f"{view_url}?period={key}", hx_target="#costs-dashboard", hx_swap="outerHTML",
          aria_current="page" if key == current else None, cls="period")
        for key, label in PERIOD_LABELS.items()
    ], cls="periods")


def stat(label: str, value: str, id: str):
    return Div(Small(label), Strong(value, id=id), cls="stat")


def legend(tiers: list[str]):
    colours = tier_colours(tiers)
    return P(*[Span(f"■ {tier} ", style=f"color:{colours[tier]}") for tier in tiers], cls="legend")


def budget_line(parts: list[str]):
    text = "Budgets: " + "; ".join(parts) if parts else "No budgets set (add [budgets] to whittle.toml)."
    return Footer(Small(text, id="budget-status"))


def reasons_table(rows: list[tuple[str, int]]):
    if not rows:
        return P("No escalations in this period.")
    return Table(Thead(Tr(Th("Reason"), Th("Calls"))), Tbody(*[Tr(Td(reason), Td(str(n))) for reason, n in rows]))


def costly_table(rows: list[dict]):
    if not rows:
        return P("No paid calls in this period.")
    body = []
    for row in rows:
        messages = json.loads(row["messages"])
        question = next((m["content"] for m in reversed(messages) if m["role"] == "user"), "")
        body.append(Tr(Td(row["started_at"][:16]), Td(row["purpose"]), Td(row["tier"]),
                       Td(f"${row['cost_usd']:.4f}"), Td(question[:80] + ("…" if len(question) > 80 else ""))))
    return Table(Thead(Tr(Th("When"), Th("Purpose"), Th("Tier"), Th("Cost"), Th("Request"))), Tbody(*body))


@hookimpl
def register_apps(register):
    register(CostDashboard)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def refits_table(refits) -> Any:
    """Each refit of the router from the user's own traffic: the figures of the calls before it and since."""
    if not refits:
        return P("The router has not refitted itself yet: it does after enough new answers of the local tier ([router] refit_every, 50 by default; "
                 "thumbs up or down on replies teach it too). `whittle router fit` refits by hand.")
    rows = [Tr(Td(r.at), Td(f"{r.examples:,}"), Td(f"{_share(r.before.local_share)} → {_share(r.after.local_share)}"),
               Td(f"{_share(r.before.feedback_quality)} → {_share(r.after.feedback_quality)}"),
               Td(f"{r.before.calls:,} / {r.after.calls:,}")) for r in refits]
    return Table(Thead(Tr(Th("Refitted"), Th("Answers learned from"), Th("Local share before → after"),
                          Th("Liked answers before → after"), Th("Requests before / after"))), Tbody(*rows))
