"""Event filters and full-text queries in PostgreSQL's dialect, with the SQLite store's meaning.

:func:`where_clause` and :func:`order_clause` mirror :mod:`marsad.store.queries`; :func:`tsquery`
turns the FTS5 query language users type (``drone OR missile``, ``strik*``) into ``to_tsquery``.
"""

from __future__ import annotations

import re
from typing import Any

from marsad.store import queries
from marsad.store.countries import country_codes
from marsad.store.queries import EventQuery


def event_sql(
    columns: str, query: EventQuery, *, paged: bool, literal: bool = False
) -> tuple[str, list[Any]]:
    where, params = where_clause(query, literal_text=literal)
    sql = f"SELECT {columns} FROM events e{where}"
    if paged:
        sql += order_clause(query)
        if query.limit is not None or query.offset:
            sql += " LIMIT %s OFFSET %s"
            params += [query.limit, query.offset]  # LIMIT NULL is no limit
    return sql, params


def order_clause(query: EventQuery) -> str:
    """``queries.order_clause`` with SQLite's NULL order: NULL is the smallest value (first ascending)."""
    terms = []
    for term in _top_level(queries.ORDERS[query.order]):
        descending = term.endswith(" DESC")
        terms.append(f"{term} NULLS {'LAST' if descending else 'FIRST'}")
    return " ORDER BY " + ", ".join(terms)


def _top_level(order: str) -> list[str]:
    """The terms of an ORDER BY list, split at commas outside parentheses."""
    terms, depth, start = [], 0, 0
    for i, char in enumerate(order):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            terms.append(order[start:i].strip())
            start = i + 1
    return [*terms, order[start:].strip()]


def where_clause(query: EventQuery, *, literal_text: bool = False) -> tuple[str, list[Any]]:
    """``queries.where_clause`` in PostgreSQL's dialect: the same filters with the same meaning."""
    parts: list[str] = []
    params: list[Any] = []
    if query.country:
        parts.append("(e.country = ANY(%s) OR lower(e.country_name) = lower(%s))")
        params += [list(country_codes(query.country)), query.country.strip()]
    for column, value in (
        ("e.admin1", query.admin1),
        ("e.plover_type", query.plover_type),
        ("e.acled_event_type", query.acled_event_type),
    ):
        if value:
            parts.append(f"lower({column}) = lower(%s)")
            params.append(value.strip())
    for bound, op, value in (("since", ">=", query.since), ("until", "<=", query.until)):
        if value:
            parts.append(f"e.date_key {op} %s")
            params.append(queries.date_key(value, bound=bound))
    terms = query.actor_terms()
    if terms:
        found = " OR ".join("strpos(search, %s) > 0" for _ in terms)
        parts.append(f"e.id IN (SELECT event_id FROM event_actors WHERE {found})")
        params.extend(terms)
    if query.q:
        parts.append(
            "e.id IN (SELECT ea.event_id FROM event_articles ea JOIN articles a ON a.id = ea.article_id "
            "WHERE a.fts @@ to_tsquery('marsad_text', %s))"
        )
        params.append(tsquery(query.q, literal=literal_text))
    if query.article_id:
        parts.append("e.id IN (SELECT event_id FROM event_articles WHERE article_id = %s)")
        params.append(query.article_id)
    if query.has_fatalities is not None:
        killed = "greatest(coalesce(e.fatalities_best, 0), coalesce(e.fatalities_low, 0)) > 0"
        parts.append(killed if query.has_fatalities else f"NOT ({killed})")
    if not query.include_background:
        parts.append("e.background = 0")
    if query.background_only:
        parts.append("e.background = 1")
    if query.modalities:
        parts.append("e.modality = ANY(%s)")
        params.append(list(query.modalities))
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


_TOKEN = re.compile(r"\(|\)|[^\W_]+\*?", re.UNICODE)
_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def tsquery(text: str, *, literal: bool = False) -> str:
    """A ``to_tsquery`` string with the meaning :func:`queries.fts_query` gives the same text in FTS5.

    Words are ANDed, ``OR`` is an alternative, ``word*`` a prefix, parentheses group. Text with
    other characters, or any text when ``literal``, becomes its words ANDed ("al-Nujaba" finds
    "al Nujaba").
    """
    text = text.strip()
    plain = not literal and re.fullmatch(r"[\w\s*()]+", text) and text.count("(") == text.count(")")
    if not plain:
        # FTS5 searches each quoted term as a phrase: its words adjacent, in order.
        phrases = [" <-> ".join(words) for term in text.split() if (words := _WORDS.findall(term))]
        return " & ".join(f"({phrase})" for phrase in phrases) or "''"
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if plain and token in ("OR", "AND", "NOT"):
            out.append({"OR": "|", "AND": "&", "NOT": "& !"}[token])
            continue
        if token != ")" and out and out[-1] not in ("|", "&", "& !", "("):
            out.append("&")
        out.append(f"{token[:-1]}:*" if token.endswith("*") else token)
    return " ".join(out) or "''"
