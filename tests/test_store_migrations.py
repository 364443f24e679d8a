"""Opening stores: schema migrations, versions, and files that are not stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.errors import StoreError
from marsad.store import MIGRATIONS, Migrations, open_store
from marsad.store.migrations import run_script
from test_store_samples import articles, events


def test_new_store_is_at_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with open_store(path) as store:
        assert store.schema_version() == len(MIGRATIONS) == 3
    conn = sqlite3.connect(path)
    try:
        recorded = conn.execute("SELECT name, version FROM _marsad_migrations").fetchall()
        assert recorded == [("0001_initial", 1), ("0002_runs", 2), ("0003_article_metadata", 3)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_opening_an_older_store_migrates_it_and_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as store:  # a database at the shipped version, with data
        store.add_articles(articles())
        store.replace_events(events())
    later = MIGRATIONS.copy()

    @later("0004_event_tags")
    def add_tags(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE events ADD COLUMN tags TEXT")
        conn.execute("UPDATE events SET tags = 'reviewed'")

    with open_store(path, migrations=later) as store:
        assert store.schema_version() == 4
        assert store.articles() == articles()
        assert {e.id for e in store.events()} == {e.id for e in events()}
        tags = {row[0] for row in store._conn.execute("SELECT tags FROM events")}
        assert tags == {"reviewed"}
    with open_store(path, migrations=later) as store:  # applied once only
        assert store.schema_version() == 4
        names = [
            row[0] for row in store._conn.execute("SELECT name FROM _marsad_migrations ORDER BY version")
        ]
        assert names == ["0001_initial", "0002_runs", "0003_article_metadata", "0004_event_tags"]
    assert len(MIGRATIONS) == 3  # the shipped registry is untouched


def test_a_failing_migration_leaves_the_database_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "fail.db"
    open_store(path).close()
    broken = MIGRATIONS.copy()

    @broken("0004_broken")
    def broken_step(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("ALTER TABLE no_such_table ADD COLUMN y")

    with pytest.raises(StoreError, match="0004_broken failed"):
        open_store(path, migrations=broken)
    with open_store(path) as store:
        assert store.schema_version() == 3
        tables = {row[0] for row in store._conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in tables


def test_a_store_from_a_newer_marsad_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    later = MIGRATIONS.copy()
    later("0004_future")(lambda conn: None)
    open_store(path, migrations=later).close()
    with pytest.raises(StoreError, match="newer marsad"):
        open_store(path)


def test_a_migration_name_cannot_be_registered_twice() -> None:
    registry = Migrations()
    registry("0001_x")(lambda conn: None)
    with pytest.raises(ValueError, match="registered twice"):
        registry("0001_x")(lambda conn: None)


def test_run_script_keeps_triggers_whole() -> None:
    conn = sqlite3.connect(":memory:")
    run_script(
        conn,
        "-- a comment; with a semicolon\nCREATE TABLE t (x);\nCREATE TABLE log (x);\n"
        "CREATE TRIGGER t_log AFTER INSERT ON t BEGIN\n  INSERT INTO log VALUES (new.x);\nEND;\n",
    )
    conn.execute("INSERT INTO t VALUES (1)")
    assert conn.execute("SELECT x FROM log").fetchall() == [(1,)]


def test_a_file_that_is_not_sqlite_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.db: not a usable SQLite database"):
        open_store(path)


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a marsad store"):
        open_store(path)


def test_a_missing_folder_raises_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open the database"):
        open_store(tmp_path / "no" / "such" / "folder" / "x.db")
