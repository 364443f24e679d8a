"""Schema migrations, registered with a decorator and recorded in the database.

Like sqlite-utils' migrations: each migration is a function with a unique name,
applied once, in registration order, and recorded in ``_marsad_migrations``
(name, version, applied_at). The schema version is the number of migrations
applied; it is also written to ``PRAGMA user_version`` so other tools can read it.

To change the schema, add a function at the end of this module::

    @MIGRATIONS("0002_event_tags")
    def add_event_tags(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE events ADD COLUMN tags TEXT")

Never edit or reorder a migration that has shipped: databases in the field have run it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterator
from importlib import resources

from marsad.errors import StoreError

log = logging.getLogger(__name__)

MIGRATIONS_TABLE = "_marsad_migrations"

MigrationFn = Callable[[sqlite3.Connection], None]


@dataclasses.dataclass(frozen=True, slots=True)
class Migration:
    name: str
    apply: MigrationFn


class Migrations:
    """An ordered registry of migrations; call it as a decorator to add one."""

    def __init__(self, migrations: tuple[Migration, ...] = ()) -> None:
        self._items: list[Migration] = list(migrations)

    def __call__(self, name: str) -> Callable[[MigrationFn], MigrationFn]:
        def register(fn: MigrationFn) -> MigrationFn:
            if any(item.name == name for item in self._items):
                raise ValueError(f"migration {name!r} is registered twice; give it a new name")
            self._items.append(Migration(name, fn))
            return fn

        return register

    def __iter__(self) -> Iterator[Migration]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self._items)

    def copy(self) -> Migrations:
        """A new registry with the same migrations, to extend without touching this one."""
        return Migrations(tuple(self._items))

    def apply(self, conn: sqlite3.Connection, *, where: str) -> list[str]:
        """Apply every pending migration, each in its own transaction; return their names.

        ``where`` names the database in error messages. ``conn`` must be in autocommit
        mode (``isolation_level=None``) so the transactions here are the only ones.
        """
        ensure_table(conn)
        applied = applied_names(conn)
        unknown = [name for name in applied if name not in self.names]
        if unknown:
            raise StoreError(
                f"{where}: the database was written by a newer marsad (unknown migrations: "
                f"{', '.join(unknown)}); upgrade marsad or use another --db file"
            )
        done: list[str] = []
        for version, item in enumerate(self._items, start=1):
            if item.name in applied:
                continue
            _apply_one(conn, item, version, where=where)
            done.append(item.name)
        return done


def ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
        "(name TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at TEXT NOT NULL)"
    )


def applied_names(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY version").fetchall()
    return [row[0] for row in rows]


def _apply_one(conn: sqlite3.Connection, item: Migration, version: int, *, where: str) -> None:
    log.info("%s: applying migration %s (schema version %d)", where, item.name, version)
    conn.execute("BEGIN IMMEDIATE")
    try:
        item.apply(conn)
        conn.execute(
            f"INSERT INTO {MIGRATIONS_TABLE} (name, version, applied_at) VALUES (?, ?, ?)",
            (item.name, version, _now()),
        )
        conn.execute(f"PRAGMA user_version = {int(version)}")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise StoreError(
            f"{where}: migration {item.name} failed ({exc}); the database is unchanged, "
            "restore a backup or use another --db file"
        ) from exc
    except BaseException:
        _rollback(conn)
        raise
    conn.execute("COMMIT")


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # SQLite may have rolled back by itself already
        conn.execute("ROLLBACK")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run a multi-statement SQL script inside the current transaction.

    ``executescript`` would commit first, so a failed migration could leave half a
    schema; splitting on complete statements keeps each migration atomic.
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            conn.execute(buffer)
            buffer = ""
    if buffer.strip() and not _only_comments(buffer):
        raise StoreError(f"incomplete SQL statement at the end of a migration script: {buffer.strip()[:80]}")


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


MIGRATIONS = Migrations()


@MIGRATIONS("0001_initial")
def initial(conn: sqlite3.Connection) -> None:
    """The first schema: src/marsad/store/schema.sql."""
    run_script(conn, resources.files("marsad.store").joinpath("schema.sql").read_text(encoding="utf-8"))


@MIGRATIONS("0002_runs")
def runs(conn: sqlite3.Connection) -> None:
    """The state of each ``marsad run``, so a run killed between stages is seen and completed."""
    run_script(conn, resources.files("marsad.store").joinpath("runs.sql").read_text(encoding="utf-8"))


@MIGRATIONS("0003_article_metadata")
def article_metadata(conn: sqlite3.Connection) -> None:
    """An article's reference (a CSV row id) and the other columns of its row."""
    run_script(
        conn, resources.files("marsad.store").joinpath("article_metadata.sql").read_text(encoding="utf-8")
    )
