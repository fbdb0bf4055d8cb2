"""What a workflow app's page remembers between visits: the last run per profile, minimized cards.

Kept in the app's own key-value namespace (ctx.kv). Older versions kept it in a shared
'workflows' namespace; the migration moves an app's entries over the first time it starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whittle.db import Database, Migration

if TYPE_CHECKING:
    from whittle.apps.context import AppKV


def _migrations(name: str) -> tuple[Migration, ...]:
    # `name` passed check_app_name (only [a-z0-9_-]), so it is safe inside the SQL text.
    return (
        Migration(
            f"workflow_ui_001_{name}",
            f"""
            UPDATE OR IGNORE kv SET namespace = 'app:{name}', key = substr(key, {len(name) + 2})
            WHERE namespace = 'workflows' AND substr(key, 1, {len(name) + 6}) = '{name}:last:';
            UPDATE OR IGNORE kv SET namespace = 'app:{name}'
            WHERE namespace = 'workflows' AND key LIKE 'minimized:%'
              AND CAST(substr(key, 11) AS INTEGER) IN (SELECT id FROM workflow_runs WHERE workflow = '{name}')
            """,
        ),
    )


class PageMemory:
    def __init__(self, kv: AppKV, db: Database, app_name: str):
        db.migrate(_migrations(app_name))  # after WorkflowStore created workflow_runs
        self.kv = kv

    def last_run(self, profile_id: int) -> int | None:
        run_id = self.kv.get(f"last:{profile_id}")
        return run_id if isinstance(run_id, int) else None

    def remember_run(self, profile_id: int, run_id: int) -> None:
        self.kv.set(f"last:{profile_id}", run_id)

    def minimized(self, run_id: int) -> frozenset[str]:
        return frozenset(self.kv.get(f"minimized:{run_id}", []))

    def set_minimized(self, run_id: int, step_ids: set[str]) -> None:
        self.kv.set(f"minimized:{run_id}", sorted(step_ids))

    def forget_run(self, run_id: int) -> None:
        self.kv.delete(f"minimized:{run_id}")
