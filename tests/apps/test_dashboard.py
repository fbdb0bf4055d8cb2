import pytest

from whittle.llm.base import StreamStats
from whittle.router import report


def _call(ledger, request_id, tier, cost, counterfactual, outcome, reason="ok"):
    call_id = ledger.start("test", f"model-{tier}", [{"role": "user", "content": f"q {request_id}"}], request_id=request_id, tier=tier)
    ledger.finish(call_id, "answer", "done", StreamStats())
    ledger.route(call_id, cost=cost, counterfactual=counterfactual, outcome=outcome, reason=reason)
    return call_id


def test_summary_counts_each_request_once(whittle):
    ledger = whittle.ledger
    _call(ledger, "a", "local", 0, 0.010, "accepted")
    _call(ledger, "b", "local", 0, 0.020, "escalated", "low confidence: mean token logprob -2.1 < -1.6")
    _call(ledger, "b", "cloud", 0.020, 0.020, "accepted")
    _call(ledger, "c", "local", 0, 0.010, "accepted")
    figures = report.summary(whittle.db, "all")
    assert figures.requests == 3 and figures.calls == 4
    assert figures.spend_usd == pytest.approx(0.020)
    assert figures.counterfactual_usd == pytest.approx(0.040)
    assert figures.saved_pct == pytest.approx(50.0)
    assert figures.escalation_rate == pytest.approx(1 / 3)
    assert figures.local_share == pytest.approx(2 / 3)
    assert report.escalation_reasons(whittle.db, "all") == [("low confidence", 1)]
    assert [row["tier"] for row in report.costly_requests(whittle.db, "all")] == ["cloud"]


def test_dashboard_page_shows_figures_and_charts(client, whittle):
    _call(whittle.ledger, "a", "local", 0, 0.010, "accepted")
    _call(whittle.ledger, "b", "cloud", 0.005, 0.010, "accepted")
    page = client.get("/app/costs").text
    assert 'id="stat-saved">75%' in page
    assert 'id="chart-calls"' in page and 'id="chart-spend"' in page and "<svg" in page
    assert client.get("/app/costs/view?period=today").status_code == 200
    assert "Unknown period" in client.get("/app/costs/view?period=decade").text


def test_feedback_is_recorded_in_the_ledger(client, whittle):
    call_id = _call(whittle.ledger, "a", "local", 0, 0, "accepted")
    response = client.post(f"/chat/feedback/{call_id}/down")
    assert response.status_code == 200 and "chosen" in response.text
    assert whittle.db.query_one("SELECT feedback FROM llm_calls WHERE id=?", (call_id,))[0] == -1
    assert client.post("/chat/feedback/999999/up").status_code == 404
    assert client.post(f"/chat/feedback/{call_id}/sideways").status_code == 400
