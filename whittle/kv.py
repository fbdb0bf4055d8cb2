"""Key-value store for app state and for facts the assistant learns about the user."""

from __future__ import annotations

import json
from typing import Any

from whittle.db import Database, Migration

MIGRATIONS = (
    Migration(
        "kv_001_create",
        """
        CREATE TABLE kv (
            namespace TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            PRIMARY KEY (namespace, key)
        )
        """,
    ),
)


class KeyValueStore:
    """JSON values under (namespace, key). Namespaces keep apps out of each other's way."""

    def __init__(self, db: Database):
        self.db = db
        db.migrate(MIGRATIONS)

    def get(self, namespace: str, key: str, default: Any = None) -> Any:
        row = self.db.query_one("SELECT value FROM kv WHERE namespace=? AND key=?", (namespace, key))
        return default if row is None else json.loads(row["value"])

    def set(self, namespace: str, key: str, value: Any) -> None:
        self.db.execute(
            "INSERT INTO kv (namespace, key, value) VALUES (?, ?, ?) "
            "ON CONFLICT(namespace, key) DO UPDATE SET value=excluded.value, updated_at=CURRENT_TIMESTAMP",
            (namespace, key, json.dumps(value)),
        )

    def delete(self, namespace: str, key: str) -> None:
        self.db.execute("DELETE FROM kv WHERE namespace=? AND key=?", (namespace, key))

    def items(self, namespace: str) -> dict[str, Any]:
        rows = self.db.query("SELECT key, value FROM kv WHERE namespace=? ORDER BY key", (namespace,))
        return {row["key"]: json.loads(row["value"]) for row in rows}
