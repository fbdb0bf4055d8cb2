"""Learning from use: the router refits itself when enough new evidence is in the ledger.

Evidence is what `whittle router fit` trains on: the cheapest tier's answers that were accepted
or escalated, and the user's ▲/▼ on them. Each time `refit_every` new such rows exist since the
last fit, a refit runs in a worker thread (one at a time) for `[router] refit_target_quality`
and is applied to the running router at once. Each refit is recorded with the local share and
the feedback quality of the calls before it; the Cost dashboard shows them beside the same
figures for the calls since (RefitLog.history).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

from whittle.db import Database, Migration
from whittle.router.learned.fit import NotEnoughData, calibrate, fit_dir, load_fitted

logger = logging.getLogger(__name__)

MIGRATIONS = (
    Migration(
        "router_refits_001_create",
        """
        CREATE TABLE router_refits (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            last_call_id INTEGER NOT NULL,
            examples INTEGER NOT NULL,
            skip_cheapest_above REAL NOT NULL,
            predicted_local_quality REAL NOT NULL
        )
        """,
    ),
)


@dataclass(frozen=True)
class Period:
    calls: int
    local_share: float | None  # requests answered by the cheapest tier, of all routed requests
    feedback_quality: float | None  # ▲ among the rated answers


@dataclass(frozen=True)
class Refit:
    at: str
    examples: int
    before: Period
    after: Period


class RefitLog:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def record(self, last_call_id: int, examples: int, threshold: float, quality: float) -> None:
        self.db.execute("INSERT INTO router_refits (last_call_id, examples, skip_cheapest_above, predicted_local_quality)"
                        " VALUES (?, ?, ?, ?)", (last_call_id, examples, threshold, quality))

    def _period(self, cheapest_tier: str, after_id: int, until_id: int | None) -> Period:
        until = until_id if until_id is not None else 2**62
        requests = self.db.query_one(
            "SELECT COUNT(DISTINCT COALESCE(request_id, id)) AS n, COUNT(DISTINCT CASE WHEN tier=? AND"
            " outcome='accepted' THEN COALESCE(request_id, id) END) AS local FROM llm_calls WHERE id>? AND id<=? AND outcome IN ('accepted', 'escalated',"
            " 'failed', 'kept-local')", (cheapest_tier, after_id, until))
        rated = self.db.query_one("SELECT COUNT(*) AS n, SUM(feedback > 0) AS up FROM llm_calls"
                                  " WHERE id>? AND id<=? AND feedback IS NOT NULL AND feedback != 0", (after_id, until))
        n = requests["n"] or 0
        return Period(n, (requests["local"] or 0) / n if n else None, (rated["up"] or 0) / rated["n"] if rated["n"] else None)

    def history(self, cheapest_tier: str) -> list[Refit]:
        """Each refit with the calls between the previous refit and it (before), and between it and the next (after)."""
        rows = self.db.query("SELECT * FROM router_refits ORDER BY id")
        marks = [0] + [row["last_call_id"] for row in rows] + [None]
        return [Refit(row["at"], row["examples"], self._period(cheapest_tier, marks[i], marks[i + 1]),
                      self._period(cheapest_tier, marks[i + 1], marks[i + 2]))
                for i, row in enumerate(rows)]


class AutoRefit:
    """Watches the evidence and refits the live router; `maybe_start()` is cheap (one count query)."""

    def __init__(self, db: Database, home, router, cheapest_tier: str, *, every: int, target_quality: float):
        self.db, self.home, self.router = db, home, router
        self.cheapest_tier, self.every, self.target_quality = cheapest_tier, every, target_quality
        self.log = RefitLog(db)
        self._task: asyncio.Task | None = None

    def evidence(self) -> int:
        row = self.db.query_one("SELECT COUNT(*) AS n FROM llm_calls WHERE tier=? AND outcome IN ('accepted',"
                                " 'escalated') AND cache_hit=0", (self.cheapest_tier,))
        return int(row["n"])

    def fitted_on(self) -> int:
        path = fit_dir(self.home) / "fit.json"
        return int(json.loads(path.read_text())["examples"]) if path.is_file() else 0

    def due(self) -> bool:
        return self.evidence() - self.fitted_on() >= self.every

    def maybe_start(self) -> asyncio.Task | None:
        if (self._task is not None and not self._task.done()) or not self.due():
            return None
        self._task = asyncio.get_running_loop().create_task(self.refit())
        return self._task

    async def refit(self) -> bool:
        """Fit in a worker thread, apply to the running router, record it; False when the evidence cannot train."""
        last = self.db.query_one("SELECT MAX(id) AS id FROM llm_calls")["id"] or 0
        try:
            result = await asyncio.to_thread(calibrate, self.db, self.home, self.cheapest_tier,
                                             target_quality=self.target_quality)
        except NotEnoughData as reason:  # e.g. every answer so far was accepted: nothing to learn the boundary from
            logger.info("router refit skipped: %s", reason)
            return False
        fitted, model = load_fitted(self.home)
        updates = {"skip_cheapest_above": fitted["skip_cheapest_above"]}
        if fitted.get("min_mean_logprob") is not None:
            updates["min_mean_logprob"] = fitted["min_mean_logprob"]
        self.router.config = self.router.config.model_copy(update=updates)
        self.router.difficulty = model.score
        self.log.record(last, result.examples, result.skip_cheapest_above, result.predicted_local_quality)
        logger.info("router refitted on %d answers", result.examples)
        return True

