import sqlite3

import pytest

from whittle.config import Settings, data_home
from whittle.db import Database, Migration
from whittle.kv import KeyValueStore


def test_migrations_apply_once_and_in_order(tmp_path):
    db = Database(tmp_path / "a.db")
    migrations = (
        Migration("t_001", "CREATE TABLE t (a INTEGER)"),
        Migration("t_002", "ALTER TABLE t ADD COLUMN b TEXT; CREATE INDEX t_b ON t (b)"),
    )
    assert db.migrate(migrations) == ["t_001", "t_002"]
    assert db.migrate(migrations) == []
    db.execute("INSERT INTO t (a, b) VALUES (1, 'x')")
    assert db.query_one("SELECT b FROM t")["b"] == "x"
    assert db.query_one("PRAGMA journal_mode")[0] == "wal"


def test_failed_migration_leaves_no_trace(tmp_path):
    db = Database(tmp_path / "a.db")
    good = Migration("good_001", "CREATE TABLE kept (a INTEGER)")
    broken = Migration("bad_001", "CREATE TABLE ok (a INTEGER); CREATE TABLE ok (a INTEGER)")
    with pytest.raises(sqlite3.OperationalError, match="table ok already exists"):
        db.migrate((good, broken))
    assert db.query("SELECT name FROM sqlite_master WHERE name='ok'") == []
    assert [row[0] for row in db.query("SELECT name FROM _migrations")] == ["good_001"], "the one before it stays"
    assert db.query_one("PRAGMA foreign_keys")[0] == 1, "foreign keys are enforced again after the failure"
    assert db.migrate((good, Migration("bad_001", "CREATE TABLE ok (a INTEGER)"))) == ["bad_001"], "a fixed retry applies"


def test_kv_round_trips_json_and_is_namespaced(tmp_path):
    kv = KeyValueStore(Database(tmp_path / "a.db"))
    kv.set("user", "name", "Ada Lovelace")
    kv.set("user", "prefs", {"colour": "teal", "n": [1, 2]})
    kv.set("other", "name", "Bob")
    assert kv.get("user", "name") == "Ada Lovelace"
    assert kv.get("user", "prefs") == {"colour": "teal", "n": [1, 2]}
    assert kv.items("user") == {"name": "Ada Lovelace", "prefs": {"colour": "teal", "n": [1, 2]}}
    kv.set("user", "name", "Ada")
    assert kv.get("user", "name") == "Ada"
    kv.delete("user", "name")
    assert kv.get("user", "name", "none") == "none"


def test_whittle_home_overrides_the_default_and_separates_instances(tmp_path, monkeypatch):
    monkeypatch.setenv("WHITTLE_HOME", str(tmp_path / "one"))
    one = Settings()
    monkeypatch.setenv("WHITTLE_HOME", str(tmp_path / "two"))
    two = Settings()
    assert one.db_path == tmp_path / "one" / "whittle.db"
    assert two.db_path == tmp_path / "two" / "whittle.db"
    KeyValueStore(Database(one.db_path)).set("user", "name", "Ada")
    assert KeyValueStore(Database(two.db_path)).get("user", "name") is None


def test_default_home_is_a_per_user_directory(monkeypatch):
    monkeypatch.delenv("WHITTLE_HOME", raising=False)
    assert "whittle" in str(data_home())


def test_an_old_broken_reference_does_not_block_later_migrations(tmp_path):
    db = Database(tmp_path / "a.db")
    db.migrate((Migration("t_001", "CREATE TABLE p (id INTEGER PRIMARY KEY); "
                                   "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id))"),))
    db.execute("PRAGMA foreign_keys=OFF")
    db.execute("INSERT INTO c (id, p_id) VALUES (1, 42)")  # an orphan left by some old bug
    db.execute("PRAGMA foreign_keys=ON")
    assert db.migrate((Migration("t_002", "CREATE TABLE other (a INTEGER)"),)) == ["t_002"]
