"""JobState: one snapshot of a background job, as the page, the chat and the database see it."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["running", "done", "cancelled", "failed", "interrupted"]


@dataclass(frozen=True)
class JobState:
    """Times are Unix seconds; `done` and `total` are in `unit`s (a total of 0: not known yet)."""

    id: int
    kind: str  # who runs it: an app's name
    key: str  # which of that app's jobs: '' for an app with one job, e.g. '7:analysis' for a workflow step
    label: str
    status: Status
    done: float
    total: float
    unit: str
    started_at: float
    updated_at: float
    finished_at: float | None = None
    milestones: tuple[int, ...] = ()  # percentages already announced
    result: Any = None
    error: str | None = None
    detail: Any = None  # the work's latest progress report for the page (a step's checkpoint); in memory only

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is done."""
        return math.floor(100 * self.done / self.total) if self.total > 0 else 0

    def elapsed(self, now: float | None = None) -> float:
        # A job that is not running stopped at its last update (an interrupted one never finished).
        end = self.finished_at or (self.updated_at if not self.running else (now or time.time()))
        return max(0.0, end - self.started_at)

    def eta(self, now: float | None = None) -> float | None:
        """Seconds left at the average rate so far; None until there is a rate to go by."""
        if not self.running or self.done <= 0 or self.total <= 0:
            return None
        return self.elapsed(now) * (self.total - self.done) / self.done
