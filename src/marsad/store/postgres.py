"""The event store on PostgreSQL: the same API and semantics as the SQLite :class:`Store`.

``open_store("postgresql://user:password@host:5432/db")`` lands here. Several processes (Dask
workers) may write at once: every write is one transaction that first takes a transaction-level
advisory lock, so writes are serialised exactly as SQLite's ``BEGIN IMMEDIATE`` serialises them,
and every insert is keyed by content id (``ON CONFLICT``), so a retried write neither loses nor
duplicates a row. Reads do not take the lock.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from marsad.errors import StoreError
from marsad.records import Article, Event, Mention, Rejection, RunState, from_dict
from marsad.store import rows
from marsad.store.countries import country_name
from marsad.store.db import UNFINISHED_RUNS_SQL, Store, _run_state, _utc_now
from marsad.store.migrations import MIGRATIONS_TABLE
from marsad.store.postgres_queries import event_sql, tsquery
from marsad.store.queries import EventQuery

log = logging.getLogger(__name__)

# Migrations of the PostgreSQL schema, by the names of the SQLite ones they mirror.
PG_MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", "postgres_schema.sql"),
    ("0002_runs", "runs.sql"),
    ("0003_article_metadata", "article_metadata.sql"),
)
_WRITE_LOCK = 0x6D61727361640001  # pg_advisory_xact_lock key of marsad writes ("marsad" + 1)
_SCHEMA_LOCK = 0x6D61727361640002  # held while migrating, so two workers never both create tables


def insert_sql(table: str, columns: Sequence[str], *, conflict: str = "DO NOTHING", key: str = "id") -> str:
    names = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("%s" for _ in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT ({key}) {conflict}"


def upsert_sql(table: str, columns: Sequence[str], *, key: str = "id") -> str:
    updates = ", ".join(f'"{name}" = excluded."{name}"' for name in columns if name != key)
    return insert_sql(table, columns, conflict=f"DO UPDATE SET {updates}", key=key)


_ARTICLE_UPSERT = insert_sql(
    "articles",
    rows.ARTICLE_COLUMNS,
    conflict="DO UPDATE SET title = excluded.title, body = excluded.body,"
    # As in SQLite: metadata a later run lacks (a bare paste of a known article) is kept.
    " source = coalesce(excluded.source, articles.source), url = coalesce(excluded.url, articles.url),"
    " published = coalesce(excluded.published, articles.published),"
    " published_from = coalesce(excluded.published_from, articles.published_from),"
    " format = excluded.format, captions = excluded.captions, paragraphs = excluded.paragraphs,"
    " reference = coalesce(excluded.reference, articles.reference),"
    " metadata = CASE WHEN excluded.metadata = '[]' THEN articles.metadata ELSE excluded.metadata END",
)
_LOCATION_INSERT = insert_sql(
    "article_locations", ("article_id", "path", "start", "end", "line"), key='article_id, path, start, "end"'
)
_ARTICLE_SELECT = "SELECT pk, " + ", ".join(f'"{c}"' for c in rows.ARTICLE_COLUMNS) + " FROM articles"
_LOCATION_SELECT = 'SELECT article_id, path, start, "end", line FROM article_locations'
_COUNTED = ("articles", "mentions", "events", "claims", "actors", "places", "rejections")


def is_postgres_url(where: str) -> bool:
    """Whether ``--db`` names a PostgreSQL database rather than a SQLite file."""
    return where.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password, for messages and ``Store.path``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


def open_postgres(url: str) -> PostgresStore:
    """Connect to the PostgreSQL database at ``url`` and bring its schema up to date."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            f"{redact(url)}: PostgreSQL needs the psycopg package; install marsad with the `scale` extra "
            "(pip install 'marsad[scale]')"
        ) from exc
    try:
        conn = psycopg.connect(url, autocommit=True)
    except psycopg.Error as exc:
        raise StoreError(
            f"{redact(url)}: cannot connect ({str(exc).strip()}); check the server runs and the URL's "
            "user, password and database"
        ) from exc
    try:
        _migrate(conn, redact(url))
    except BaseException:
        conn.close()
        raise
    return PostgresStore(conn, redact(url))


def _migrate(conn: Any, where: str) -> None:
    import psycopg

    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {MIGRATIONS_TABLE} "
                "(name TEXT PRIMARY KEY, version INTEGER NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = [r[0] for r in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY version")]
            known = [name for name, _ in PG_MIGRATIONS]
            unknown = [name for name in applied if name not in known]
            if unknown:
                raise StoreError(
                    f"{where}: the database was written by a newer marsad (unknown migrations: "
                    f"{', '.join(unknown)}); upgrade marsad or use another database"
                )
            for version, (name, script) in enumerate(PG_MIGRATIONS, start=1):
                if name in applied:
                    continue
                log.info("%s: applying migration %s (schema version %d)", where, name, version)
                conn.execute(resources.files("marsad.store").joinpath(script).read_text(encoding="utf-8"))
                conn.execute(
                    f"INSERT INTO {MIGRATIONS_TABLE} (name, version, applied_at) "
                    "VALUES (%s, %s, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS+00:00'))",
                    (name, version),
                )
    except psycopg.Error as exc:
        raise StoreError(f"{where}: schema migration failed and was rolled back ({exc})") from exc


class PostgresStore(Store):
    """:class:`Store` on a PostgreSQL connection (a subclass so every caller typed ``Store`` accepts it)."""

    def __init__(self, conn: Any, where: str) -> None:
        self._pg = conn
        self._where = where
        self._lock = threading.RLock()  # one statement at a time on this connection (web app threads)

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._pg.close()

    def schema_version(self) -> int:
        return int(self._read(f"SELECT count(*) FROM {MIGRATIONS_TABLE}")[0][0])

    @property
    def path(self) -> str:
        return self._where

    def counts(self) -> dict[str, int]:
        return {table: int(self._read(f"SELECT count(*) FROM {table}")[0][0]) for table in _COUNTED}

    @contextlib.contextmanager
    def _write(self) -> Iterator[Any]:
        import psycopg

        with self._lock:
            try:
                with self._pg.transaction(), self._pg.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))
                    yield cursor
            except psycopg.Error as exc:
                raise StoreError(f"{self._where}: write failed and was rolled back ({exc})") from exc

    def _read(self, sql: str, params: Sequence[Any] = (), *, raw: bool = False) -> list[Any]:
        """Run a query; ``raw`` lets a syntax error through, for a caller that retries."""
        import psycopg

        with self._lock:
            try:
                return list(self._pg.execute(sql, params).fetchall())
            except psycopg.Error as exc:
                if raw and isinstance(exc, psycopg.errors.SyntaxError):
                    raise
                raise StoreError(f"{self._where}: read failed ({exc})") from exc

    # -- writes ----------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> int:
        batch = list(articles)
        ids = list(dict.fromkeys(article.id for article in batch))
        with self._write() as cur:
            cur.execute("SELECT count(*) FROM articles WHERE id = ANY(%s)", (ids,))
            new = len(ids) - int(cur.fetchone()[0])
            _many(cur, _ARTICLE_UPSERT, [rows.article_row(article) for article in batch])
            _many(cur, _LOCATION_INSERT, [row for a in batch for row in rows.location_rows(a)])
        log.debug("%s: stored %d articles (%d new)", self._where, len(ids), new)
        return new

    def add_rejections(self, rejections: Iterable[Rejection], *, run_id: str | None = None) -> int:
        batch = [rows.rejection_row(r, run_id) for r in rejections]
        sql = insert_sql("rejections", rows.REJECTION_COLUMNS, key="key") + " RETURNING 1"
        new = 0
        with self._write() as cur:
            for row in batch:
                cur.execute(sql, _clean(row))
                new += len(cur.fetchall())
        return new

    def begin_run(self, run_id: str, article_ids: Sequence[str]) -> None:
        now = _utc_now()
        with self._write() as cur:
            cur.execute(
                "INSERT INTO runs (id, started, updated, stage, article_ids) "
                "VALUES (%s, %s, %s, 'started', %s)",
                (run_id, now, now, json.dumps(list(article_ids))),
            )

    def run_stage(self, run_id: str, stage: str) -> None:
        with self._write() as cur:
            cur.execute("UPDATE runs SET stage = %s, updated = %s WHERE id = %s", (stage, _utc_now(), run_id))

    def unfinished_runs(self) -> list[RunState]:
        found = self._read(UNFINISHED_RUNS_SQL)
        return [_run_state(row) for row in found]

    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        batch = list({mention.id: mention for mention in mentions}.values())
        ids = [mention.id for mention in batch]
        with self._write() as cur:
            cur.execute("SELECT count(*) FROM mentions WHERE id = ANY(%s)", (ids,))
            new = len(ids) - int(cur.fetchone()[0])
            _many(cur, upsert_sql("mentions", rows.MENTION_COLUMNS), [rows.mention_row(m) for m in batch])
            _delete_claims(cur, "mention_id = ANY(%s)", (ids,))
            _write_claims(cur, [(m.id, m.claims) for m in batch], event=False)
            _write_registry(cur, batch)
        return new

    def replace_events(self, events: Iterable[Event]) -> None:
        batch = list(events)
        unique = list({event.id: event for event in batch}.values())
        if len(unique) != len(batch):
            log.warning(
                "%s: %d duplicate event ids; keeping the last of each", self._where, len(batch) - len(unique)
            )
        with self._write() as cur:
            _delete_claims(cur, "event_id IS NOT NULL", ())
            for table in ("event_actors", "event_mentions", "event_articles", "events"):
                cur.execute(f"DELETE FROM {table}")
            _many(
                cur,
                insert_sql("events", rows.EVENT_COLUMNS),
                [rows.event_row(e, country_name(e.place)) for e in unique],
            )
            pairs = insert_sql(
                "event_mentions", ("event_id", "mention_id", "position"), key="event_id, mention_id"
            )
            _many(cur, pairs, [(e.id, m, i) for e in unique for i, m in enumerate(e.mention_ids)])
            pairs = insert_sql(
                "event_articles", ("event_id", "article_id", "position"), key="event_id, article_id"
            )
            _many(cur, pairs, [(e.id, a, i) for e in unique for i, a in enumerate(e.article_ids)])
            _many(
                cur,
                "INSERT INTO event_actors VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [row for e in unique for row in rows.event_actor_rows(e)],
            )
            _write_claims(cur, [(e.id, e.claims) for e in unique], event=True)
            _write_registry(cur, unique)

    # -- reads -----------------------------------------------------------------------------

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            found = self._read(f"{_ARTICLE_SELECT} ORDER BY pk")
            spans = self._read(f"{_LOCATION_SELECT} ORDER BY pk")
        else:
            wanted = list(dict.fromkeys(ids))
            found = self._read(f"{_ARTICLE_SELECT} WHERE id = ANY(%s) ORDER BY pk", (wanted,))
            spans = self._read(f"{_LOCATION_SELECT} WHERE article_id = ANY(%s) ORDER BY pk", (wanted,))
        by_article: dict[str, list[Any]] = {}
        for article_id, *span in spans:
            by_article.setdefault(article_id, []).append(span)
        return [rows.article_from_row(row[1:], by_article.get(row[1], [])) for row in found]

    def mentions(self, article_ids: Iterable[str] | None = None) -> list[Mention]:
        if article_ids is None:
            records = self._read("SELECT record FROM mentions ORDER BY pk")
        else:
            wanted = list(dict.fromkeys(article_ids))
            records = self._read(
                "SELECT record FROM mentions WHERE article_id = ANY(%s) ORDER BY pk", (wanted,)
            )
        return [from_dict(Mention, json.loads(record)) for (record,) in records]

    def events(self, query: EventQuery = EventQuery()) -> list[Event]:  # noqa: B008 - frozen, so a safe default
        found = self._query_events("e.record", query, paged=True)
        return [from_dict(Event, json.loads(row[0])) for row in found]

    def count_events(self, query: EventQuery = EventQuery()) -> int:  # noqa: B008 - frozen, so a safe default
        return int(self._query_events("count(*)", query, paged=False)[0][0])

    def event(self, event_id: str) -> Event | None:
        found = self._read("SELECT record FROM events WHERE id = %s", (event_id,))
        return from_dict(Event, json.loads(found[0][0])) if found else None

    def _query_events(self, columns: str, query: EventQuery, *, paged: bool) -> list[Any]:
        import psycopg

        try:
            return self._read(*event_sql(columns, query, paged=paged), raw=bool(query.q))
        except psycopg.errors.SyntaxError:
            # The user's full-text query is not valid syntax: search its words literally.
            return self._read(*event_sql(columns, query, paged=paged, literal=True))

    def rejections(self, article_id: str | None = None) -> list[Rejection]:
        sql = "SELECT stage, reason, path, line, article_id, text FROM rejections"
        if article_id is None:
            found = self._read(f"{sql} ORDER BY pk")
        else:
            found = self._read(f"{sql} WHERE article_id = %s ORDER BY pk", (article_id,))
        return [rows.rejection_from_row(row) for row in found]

    def search_articles(self, q: str, limit: int = 50) -> list[tuple[str, str]]:
        """Full-text search over titles and bodies: (article id, snippet with ``[`` ``]``), best first."""
        import psycopg

        sql = (
            "SELECT a.id, ts_headline('marsad_text', a.body, query, 'StartSel=[, StopSel=], "
            "MaxWords=16, MinWords=6, ShortWord=2, HighlightAll=false') "
            "FROM articles a, to_tsquery('marsad_text', %s) query WHERE a.fts @@ query "
            "ORDER BY ts_rank(a.fts, query) DESC, a.pk LIMIT %s"
        )
        try:
            found = self._read(sql, (tsquery(q), limit), raw=True)
        except psycopg.errors.SyntaxError:
            found = self._read(sql, (tsquery(q, literal=True), limit))
        return [(row[0], row[1]) for row in found]


def _clean(row: Sequence[Any]) -> tuple[Any, ...]:
    """PostgreSQL text cannot hold NUL: it becomes U+FFFD, which keeps every offset into the text.
    (Mentions and events are read back from their JSON ``record``, where NUL is escaped, so exactly.)"""
    return tuple(v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for v in row)


def _many(cur: Any, sql: str, batch: Iterable[Sequence[Any]]) -> None:
    cur.executemany(sql, [_clean(row) for row in batch])


def _delete_claims(cur: Any, condition: str, params: Sequence[Any]) -> None:
    cur.execute(
        f"DELETE FROM claim_figures WHERE claim_id IN (SELECT id FROM claims WHERE {condition})", params
    )
    cur.execute(f"DELETE FROM claims WHERE {condition}", params)


def _write_claims(cur: Any, owners: list[tuple[str, Sequence[Any]]], *, event: bool) -> None:
    claim_rows: list[rows.Row] = []
    figure_rows: list[rows.Row] = []
    for owner_id, claims in owners:
        for row, figures in rows.claim_rows(owner_id, claims, event=event):
            claim_rows.append(row)
            figure_rows.extend(figures)
    _many(cur, upsert_sql("claims", rows.CLAIM_COLUMNS), claim_rows)
    _many(
        cur,
        "INSERT INTO claim_figures VALUES (%s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (claim_id, position) DO UPDATE SET kind = excluded.kind, low = excluded.low, "
        "high = excluded.high, text = excluded.text",
        figure_rows,
    )


def _write_registry(cur: Any, items: Sequence[Mention | Event]) -> None:
    actors = [
        actor for item in items for actor in (*item.actor1, *item.actor2) if actor.name or actor.actor_id
    ]
    places = [item.place for item in items if item.place is not None]
    _many(cur, upsert_sql("actors", rows.ACTOR_COLUMNS, key="key"), [rows.actor_row(a) for a in actors])
    _many(cur, upsert_sql("places", rows.PLACE_COLUMNS, key="key"), [rows.place_row(p) for p in places])
