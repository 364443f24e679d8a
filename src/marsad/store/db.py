"""The SQLite event store: :func:`open_store` and :class:`Store`."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any

from marsad.errors import StoreError
from marsad.records import Article, Event, Mention, Rejection, RunState, from_dict
from marsad.store import queries, rows
from marsad.store.countries import country_codes, country_name
from marsad.store.migrations import MIGRATIONS, MIGRATIONS_TABLE, Migrations
from marsad.store.queries import EventQuery

log = logging.getLogger(__name__)

_CHUNK = 500  # ids per IN (...) list, well under SQLite's variable limit

_ARTICLE_UPSERT = (
    rows.insert_sql("articles", rows.ARTICLE_COLUMNS, verb="INSERT")
    + " ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body,"
    # A later run may lack metadata an earlier one had (a bare paste of a known
    # article): keep what we knew rather than overwrite it with NULL.
    " source = coalesce(excluded.source, source), url = coalesce(excluded.url, url),"
    " published = coalesce(excluded.published, published),"
    " published_from = coalesce(excluded.published_from, published_from),"
    " format = excluded.format, captions = excluded.captions, paragraphs = excluded.paragraphs,"
    " reference = coalesce(excluded.reference, reference),"
    " metadata = CASE WHEN excluded.metadata = '[]' THEN metadata ELSE excluded.metadata END"
)
UNFINISHED_RUNS_SQL = (
    "SELECT id, started, updated, stage, article_ids FROM runs WHERE stage <> 'finished' ORDER BY started"
)
_LOCATION_INSERT = rows.insert_sql("article_locations", ("article_id", "path", "start", "end", "line"))
_ARTICLE_SELECT = "SELECT pk, " + ", ".join(f'"{c}"' for c in rows.ARTICLE_COLUMNS) + " FROM articles"
_LOCATION_SELECT = 'SELECT article_id, path, start, "end", line FROM article_locations'


def open_store(path: str | os.PathLike[str], *, migrations: Migrations | None = None) -> Store:
    """Open (or create) the store at ``path`` and bring its schema up to date.

    ``":memory:"`` gives a throwaway store. ``migrations`` replaces the registry of
    schema migrations (tests use it to simulate a later schema). A ``postgresql://`` URL
    opens the same store on PostgreSQL (:mod:`marsad.store.postgres`).
    """
    where = os.fspath(path)
    if where.startswith(("postgresql://", "postgres://")):
        # Imported here: the PostgreSQL store imports this module (and needs the optional psycopg).
        from marsad.store.postgres import open_postgres

        if migrations is not None:
            raise StoreError(f"{where.split('@')[-1]}: custom migrations apply to SQLite stores only")
        return open_postgres(where)
    try:
        conn = sqlite3.connect(where, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(
            f"{where}: cannot open the database ({exc}); check the folder exists and is writable"
        ) from exc
    try:
        _prepare(conn, where)
        (migrations if migrations is not None else MIGRATIONS).apply(conn, where=where)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(
            f"{where}: not a usable SQLite database ({exc}); pass another --db path, or move this file away"
        ) from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, where)


def _prepare(conn: sqlite3.Connection, where: str) -> None:
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    foreign = {name for name in names if not name.startswith("sqlite_")}
    if foreign and MIGRATIONS_TABLE not in foreign:
        raise StoreError(
            f"{where}: a SQLite database, but not a marsad store "
            f"(it has tables {', '.join(sorted(foreign)[:5])}); "
            "pass another --db path"
        )
    # WAL lets the web UI read while a run writes; NORMAL sync is safe with WAL.
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _run_state(row: Sequence[Any]) -> RunState:
    return RunState(
        id=row[0], started=row[1], updated=row[2], stage=row[3], article_ids=tuple(json.loads(row[4]))
    )


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _marks(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


class Store:
    """Articles, mentions, events (with claims, actors, places) and rejections in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, where: str) -> None:
        self._conn = conn
        self._where = where
        self._lock = threading.RLock()  # one writer at a time when the web app shares the store

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def schema_version(self) -> int:
        return int(self._read("PRAGMA user_version")[0][0])

    @property
    def path(self) -> str:
        return self._where

    def counts(self) -> dict[str, int]:
        """How many articles, mentions, events, claims, actors, places and rejections are stored."""
        tables = ("articles", "mentions", "events", "claims", "actors", "places", "rejections")
        return {table: int(self._read(f"SELECT count(*) FROM {table}")[0][0]) for table in tables}

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(
                    f"{self._where}: cannot start a write ({exc}); is another run writing?"
                ) from exc
            try:
                yield self._conn
            except sqlite3.Error as exc:
                self._rollback()
                raise StoreError(f"{self._where}: write failed and was rolled back ({exc})") from exc
            except BaseException:
                self._rollback()
                raise
            self._conn.execute("COMMIT")

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (disk full, I/O error).
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _read(self, sql: str, params: Sequence[Any] = (), *, raw: bool = False) -> list[Any]:
        """Run a query; ``raw`` lets an OperationalError through, for a caller that retries."""
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                if raw and isinstance(exc, sqlite3.OperationalError):
                    raise
                raise StoreError(f"{self._where}: read failed ({exc})") from exc

    def _existing(self, table: str, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(ids):
            sql = f"SELECT id FROM {table} WHERE id IN ({_marks(chunk)})"
            found.update(row[0] for row in self._conn.execute(sql, chunk))
        return found

    # -- writes ----------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Insert or update articles by id; return how many were new.

        Locations (where an article was read from) accumulate across runs, without
        duplicates; metadata a later run lacks (source, url, date) is kept.
        """
        batch = list(articles)
        ids = list(dict.fromkeys(article.id for article in batch))
        with self._transaction() as conn:
            new = len(ids) - len(self._existing("articles", ids))
            conn.executemany(_ARTICLE_UPSERT, (rows.article_row(article) for article in batch))
            conn.executemany(_LOCATION_INSERT, (row for a in batch for row in rows.location_rows(a)))
        log.debug("%s: stored %d articles (%d new)", self._where, len(ids), new)
        return new

    def add_rejections(self, rejections: Iterable[Rejection], *, run_id: str | None = None) -> int:
        """Keep rejections; return how many were new.

        The same rejection within one ``run_id`` (or with none) is stored once.
        """
        sql = rows.insert_sql("rejections", rows.REJECTION_COLUMNS)
        with self._transaction() as conn:
            cursor = conn.executemany(sql, (rows.rejection_row(r, run_id) for r in rejections))
            return max(cursor.rowcount, 0)

    def begin_run(self, run_id: str, article_ids: Sequence[str]) -> None:
        """Record that run ``run_id`` started on ``article_ids``."""
        now = _utc_now()
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO runs (id, started, updated, stage, article_ids) VALUES (?, ?, ?, 'started', ?)",
                (run_id, now, now, json.dumps(list(article_ids))),
            )

    def run_stage(self, run_id: str, stage: str) -> None:
        """Record that run ``run_id`` finished ``stage``."""
        with self._transaction() as conn:
            conn.execute("UPDATE runs SET stage = ?, updated = ? WHERE id = ?", (stage, _utc_now(), run_id))

    def unfinished_runs(self) -> list[RunState]:
        """Runs that stopped before their last stage, oldest first."""
        found = self._read(UNFINISHED_RUNS_SQL)
        return [_run_state(row) for row in found]

    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        """Insert or update mentions by id, with their claims, actors and places; return how many were new."""
        batch = list({mention.id: mention for mention in mentions}.values())
        ids = [mention.id for mention in batch]
        with self._transaction() as conn:
            new = len(ids) - len(self._existing("mentions", ids))
            conn.executemany(rows.upsert_sql("mentions", rows.MENTION_COLUMNS), map(rows.mention_row, batch))
            for chunk in _chunks(ids):
                self._delete_claims(f"mention_id IN ({_marks(chunk)})", chunk)
            self._write_claims([(m.id, m.claims) for m in batch], event=False)
            self._write_registry([*batch])
        return new

    def replace_events(self, events: Iterable[Event]) -> None:
        """Replace every stored event (merge re-derives them all) with ``events``."""
        batch = list(events)
        unique = list({event.id: event for event in batch}.values())
        if len(unique) != len(batch):
            log.warning(
                "%s: %d duplicate event ids; keeping the last of each", self._where, len(batch) - len(unique)
            )
        with self._transaction() as conn:
            self._delete_claims("event_id IS NOT NULL", ())
            for table in ("event_actors", "event_mentions", "event_articles", "events"):
                conn.execute(f"DELETE FROM {table}")
            event_rows = (rows.event_row(e, country_name(e.place)) for e in unique)
            conn.executemany(rows.insert_sql("events", rows.EVENT_COLUMNS, verb="INSERT"), event_rows)
            conn.executemany(
                "INSERT OR IGNORE INTO event_mentions VALUES (?, ?, ?)",
                ((e.id, m, i) for e in unique for i, m in enumerate(e.mention_ids)),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO event_articles VALUES (?, ?, ?)",
                ((e.id, a, i) for e in unique for i, a in enumerate(e.article_ids)),
            )
            conn.executemany(
                "INSERT INTO event_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (row for e in unique for row in rows.event_actor_rows(e)),
            )
            self._write_claims([(e.id, e.claims) for e in unique], event=True)
            self._write_registry(unique)

    def _delete_claims(self, condition: str, params: Sequence[Any]) -> None:
        self._conn.execute(
            f"DELETE FROM claim_figures WHERE claim_id IN (SELECT id FROM claims WHERE {condition})", params
        )
        self._conn.execute(f"DELETE FROM claims WHERE {condition}", params)

    def _write_claims(self, owners: list[tuple[str, Sequence[Any]]], *, event: bool) -> None:
        claim_rows: list[rows.Row] = []
        figure_rows: list[rows.Row] = []
        for owner_id, claims in owners:
            for row, figures in rows.claim_rows(owner_id, claims, event=event):
                claim_rows.append(row)
                figure_rows.extend(figures)
        self._conn.executemany(rows.insert_sql("claims", rows.CLAIM_COLUMNS, verb="INSERT"), claim_rows)
        self._conn.executemany("INSERT INTO claim_figures VALUES (?, ?, ?, ?, ?, ?)", figure_rows)

    def _write_registry(self, items: Sequence[Mention | Event]) -> None:
        actors = [
            actor for item in items for actor in (*item.actor1, *item.actor2) if actor.name or actor.actor_id
        ]
        places = [item.place for item in items if item.place is not None]
        self._conn.executemany(
            rows.upsert_sql("actors", rows.ACTOR_COLUMNS, key="key"), map(rows.actor_row, actors)
        )
        self._conn.executemany(
            rows.upsert_sql("places", rows.PLACE_COLUMNS, key="key"), map(rows.place_row, places)
        )

    # -- reads -----------------------------------------------------------------------------

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles in the order first stored; only those in ``ids`` when given."""
        if ids is None:
            found = self._read(f"{_ARTICLE_SELECT} ORDER BY pk")
            spans = self._read(f"{_LOCATION_SELECT} ORDER BY pk")
        else:
            found, spans = [], []
            for chunk in _chunks(list(dict.fromkeys(ids))):
                found += self._read(f"{_ARTICLE_SELECT} WHERE id IN ({_marks(chunk)})", chunk)
                spans += self._read(
                    f"{_LOCATION_SELECT} WHERE article_id IN ({_marks(chunk)}) ORDER BY pk", chunk
                )
        by_article: dict[str, list[Any]] = {}
        for article_id, *span in spans:
            by_article.setdefault(article_id, []).append(span)
        found.sort(key=lambda row: row[0])
        return [rows.article_from_row(row[1:], by_article.get(row[1], [])) for row in found]

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def mentions(self, article_ids: Iterable[str] | None = None) -> list[Mention]:
        """Stored mentions in the order first stored; only those of ``article_ids`` when given."""
        if article_ids is None:
            records = self._read("SELECT pk, record FROM mentions ORDER BY pk")
        else:
            wanted = list(dict.fromkeys(article_ids))
            records = []
            for chunk in _chunks(wanted):
                sql = f"SELECT pk, record FROM mentions WHERE article_id IN ({_marks(chunk)})"
                records += self._read(sql, chunk)
            records.sort(key=lambda row: row[0])
        return [from_dict(Mention, json.loads(record)) for _, record in records]

    def events(self, query: EventQuery = EventQuery()) -> list[Event]:  # noqa: B008 - frozen, so a safe default
        """Stored events matching ``query``, in its order."""
        found = self._query_events("e.record", query, paged=True)
        return [from_dict(Event, json.loads(row[0])) for row in found]

    def count_events(self, query: EventQuery = EventQuery()) -> int:  # noqa: B008 - frozen, so a safe default
        """How many stored events match ``query`` (ignoring its limit and offset)."""
        return int(self._query_events("count(*)", query, paged=False)[0][0])

    def event(self, event_id: str) -> Event | None:
        found = self._read("SELECT record FROM events WHERE id = ?", (event_id,))
        return from_dict(Event, json.loads(found[0][0])) if found else None

    def _query_events(self, columns: str, query: EventQuery, *, paged: bool) -> list[Any]:
        try:
            return self._read(*self._event_sql(columns, query, paged=paged), raw=bool(query.q))
        except sqlite3.OperationalError:
            # The user's full-text query is not valid FTS5 syntax: search its words literally.
            return self._read(*self._event_sql(columns, query, paged=paged, literal=True))

    def _event_sql(
        self, columns: str, query: EventQuery, *, paged: bool, literal: bool = False
    ) -> tuple[str, list[Any]]:
        codes = country_codes(query.country) if query.country else ()
        where, params = queries.where_clause(query, country_codes=codes, literal_text=literal)
        sql = f"SELECT {columns} FROM events e{where}"
        if paged:
            limit, extra = queries.limit_clause(query)
            sql += queries.order_clause(query) + limit
            params += extra
        return sql, params

    def rejections(self, article_id: str | None = None) -> list[Rejection]:
        """Stored rejections in the order stored; only those of ``article_id`` when given."""
        sql = "SELECT stage, reason, path, line, article_id, text FROM rejections"
        if article_id is None:
            found = self._read(f"{sql} ORDER BY pk")
        else:
            found = self._read(f"{sql} WHERE article_id = ? ORDER BY pk", (article_id,))
        return [rows.rejection_from_row(row) for row in found]

    def search_articles(self, q: str, limit: int = 50) -> list[tuple[str, str]]:
        """Full-text search over article titles and bodies: (article id, snippet), best first.

        The snippet marks matches with ``[`` and ``]``.
        """
        sql = (
            "SELECT a.id, snippet(articles_fts, -1, '[', ']', '…', 16) FROM articles_fts "
            "JOIN articles a ON a.pk = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            found = self._read(sql, (queries.fts_query(q), limit), raw=True)
        except sqlite3.OperationalError:
            found = self._read(sql, (queries.fts_query(q, literal=True), limit))
        return [(row[0], row[1]) for row in found]
