"""Cost dashboard: what the AI cost, what it would have cost at the top tier, and why calls escalated."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fasthtml.common import H2, H3, A, Article, Div, Footer, Nav, P, Small, Span, Strong, Table, Tbody, Td, Th, Thead, Tr

from whittle.apps.base import WhittleApp
from whittle.apps.dashboard_charts import calls_per_tier_chart, spend_chart, tier_colours
from whittle.plugins import hookimpl
from whittle.router import report

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

    async def view(self, request):
        period = request.query_params.get("period", "30d")
        if period not in report.PERIODS:
            return Article(P(f"Unknown period {period!r}; choose one of: {', '.join(PERIOD_LABELS.values())}."),
                           id="costs-dashboard")
        return Div(self.dashboard(period), id="costs-dashboard")

    def dashboard(self, period: str):
        db = self.whittle.db
        figures = report.summary(db, period)
        tiers = [tier.name for tier in self.whittle.router.tiers]
        tiers += sorted({tier for _, tier, _ in report.calls_per_tier_per_day(db, period)} - set(tiers))
        calls_chart = calls_per_tier_chart(report.calls_per_tier_per_day(db, period), tiers)
        cost_chart = spend_chart(report.spend_per_day(db, period))
        return (
            Article(
                H2("Cost dashboard"),
                period_nav(period),
                Div(
                    stat("Spent", f"${figures.spend_usd:.4f}", id="stat-spend"),
                    stat("All to top tier", f"${figures.counterfactual_usd:.4f}", id="stat-counterfactual"),
                    stat("Saved", "—" if figures.saved_pct is None else f"{figures.saved_pct:.0f}%", id="stat-saved"),
                    stat("Requests", f"{figures.requests}", id="stat-requests"),
                    stat("Answered locally", f"{figures.local_share * 100:.0f}%", id="stat-local"),
                    stat("Escalated", f"{figures.escalation_rate * 100:.0f}%", id="stat-escalated"),
                    cls="stats",
                ),
                budget_line(self.whittle),
            ),
            Article(H3("Calls per tier"), legend(tiers), calls_chart or P("No calls yet in this period.")),
            Article(
                H3("Spend vs. everything to the top tier"),
                P(Span("━ spent", style="color:#2a9d8f"), " ", Span("┅ all to top tier", style="color:#e76f51")),
                cost_chart or P("No calls yet in this period."),
            ),
            Article(H3("Why calls escalated"), reasons_table(report.escalation_reasons(db, period))),
            Article(H3("Most costly requests"), costly_table(report.costly_requests(db, period))),
        )


def period_nav(current: str):
    return Nav(*[
        A(label, href="#", hx_get=f"/app/costs/view?period={key}", hx_target="#costs-dashboard", hx_swap="outerHTML",
          aria_current="page" if key == current else None, cls="period")
        for key, label in PERIOD_LABELS.items()
    ], cls="periods")


def stat(label: str, value: str, id: str):
    return Div(Small(label), Strong(value, id=id), cls="stat")


def legend(tiers: list[str]):
    colours = tier_colours(tiers)
    return P(*[Span(f"■ {tier} ", style=f"color:{colours[tier]}") for tier in tiers], cls="legend")


def budget_line(whittle):
    config = whittle.budget.config
    now = datetime.now(UTC)
    parts = []
    if config.daily_usd is not None:
        parts.append(f"today ${whittle.budget.spent(day=now.strftime('%Y-%m-%d')):.4f} of ${config.daily_usd:.2f}")
    if config.monthly_usd is not None:
        parts.append(f"this month ${whittle.budget.spent(month=now.strftime('%Y-%m')):.4f} of ${config.monthly_usd:.2f}")
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
