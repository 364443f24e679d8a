"""Reading and checking the actor data files (JSON Lines, one actor a line).

Every problem is reported as ``file:line: what is wrong; what to do``, and all problems are
collected, so one run of ``marsad kb check`` lists everything to fix.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad import acled
from marsad.actor_words import key

KINDS = ("organisation", "person", "state")
TYPES = acled.ACTOR_TYPES
# PLOVER's sector codes, plus IGO and NGO for organisations that have no country.
SECTORS = (
    *("COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM"),
    *("CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "IGO", "NGO"),
)
FIELDS = (
    *("id", "name", "aliases", "type", "sector", "country", "parent", "wikidata", "kind", "roles"),
    *("acts_for", "valid_from", "valid_to", "generic", "demonyms", "note"),
)
ROLE_FIELDS = ("org", "title", "valid_from", "valid_to")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One actor as read from a data file, with where it came from."""

    path: str
    line: int
    data: Mapping[str, Any]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def read_entries(paths: Sequence[Path]) -> tuple[list[RawEntry], list[str]]:
    """Parse JSON Lines files; blank lines and lines starting with ``//`` are skipped."""
    entries: list[RawEntry] = []
    errors: list[str] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            errors.append(f"{path}: cannot read ({exc.strerror}); check the path")
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(
                    f"{path}:{number}: not valid JSON ({exc.msg} at column {exc.colno}); fix the line"
                )
                continue
            if not isinstance(data, dict):
                errors.append(
                    f"{path}:{number}: expected a JSON object with an 'id', got {type(data).__name__}"
                )
                continue
            entries.append(RawEntry(str(path), number, data))
    return entries, errors


def bound(value: str, *, end: bool) -> str:
    """A partial ISO date as a comparable full date: "2024" -> "2024-01-01" or, as an end, "2024-12-31"."""
    if len(value) == 4:
        return f"{value}-12-31" if end else f"{value}-01-01"
    if len(value) == 7:
        return f"{value}-31" if end else f"{value}-01"
    return value


def _date_error(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        return f"{field} {value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY; null when open)"
    try:
        dt.date.fromisoformat(bound(value, end=False))
    except ValueError:
        return f"{field} {value!r} is not a real calendar date"
    return None


def _span_errors(data: Mapping[str, Any], label: str) -> list[str]:
    start, stop = data.get("valid_from"), data.get("valid_to")
    errors = [e for e in (_date_error(start, "valid_from"), _date_error(stop, "valid_to")) if e]
    if not errors and start and stop and bound(start, end=False) > bound(stop, end=True):
        errors.append(f"{label}valid_from {start} is after valid_to {stop}; swap or correct them")
    return [f"{label}{e}" if not e.startswith(label) else e for e in errors]


def _field_errors(data: Mapping[str, Any]) -> list[str]:
    errors = [f"unknown field {f!r}; known fields: {', '.join(FIELDS)}" for f in data if f not in FIELDS]
    for field in ("id", "name", "kind"):
        if not isinstance(data.get(field), str) or not data[field].strip():
            errors.append(f"missing or empty {field!r}")
    if isinstance(data.get("id"), str) and not _ID.match(data["id"]):
        errors.append(f"id {data['id']!r} must be lowercase letters, digits, '.', '_' or '-'")
    kind = data.get("kind")
    if isinstance(kind, str) and kind not in KINDS:
        errors.append(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    needs_type = kind != "person"
    if (data.get("type") is not None or needs_type) and data.get("type") not in TYPES:
        errors.append(f"type {data.get('type')!r} is not an ACLED actor type ({'; '.join(TYPES)})")
    if (data.get("sector") is not None or needs_type) and data.get("sector") not in SECTORS:
        errors.append(f"sector {data.get('sector')!r} is not a PLOVER sector ({' '.join(SECTORS)})")
    country = data.get("country")
    if country is not None and (not isinstance(country, str) or not _COUNTRY.match(country)):
        errors.append(f"country {country!r} must be an ISO 3166-1 alpha-2 code such as 'IQ', or null")
    wikidata = data.get("wikidata")
    if wikidata is not None and (not isinstance(wikidata, str) or not _WIKIDATA.match(wikidata)):
        errors.append(f"wikidata {wikidata!r} must look like 'Q123', or be left out")
    for field in ("aliases", "demonyms"):
        value = data.get(field, [])
        if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
            errors.append(f"{field} must be a list of non-empty strings")
    errors.extend(_span_errors(data, ""))
    errors.extend(_role_errors(data))
    return errors


def _role_errors(data: Mapping[str, Any]) -> list[str]:
    roles = data.get("roles", [])
    if data.get("kind") == "person" and not roles:
        return ["a person needs a role: {'org': ..., 'title': ..., 'valid_from': ..., 'valid_to': ...}"]
    if not isinstance(roles, list):
        return ["roles must be a list of objects"]
    errors: list[str] = []
    for n, role in enumerate(roles, start=1):
        label = f"role {n}: "
        if not isinstance(role, dict):
            errors.append(f"{label}must be an object with org, title, valid_from, valid_to")
            continue
        errors.extend(f"{label}unknown field {f!r}" for f in role if f not in ROLE_FIELDS)
        if not isinstance(role.get("org"), str):
            errors.append(f"{label}missing 'org' (the id of the organisation acted for)")
        if not isinstance(role.get("title"), str) or not role["title"].strip():
            errors.append(f"{label}missing 'title'")
        errors.extend(_span_errors(role, label))
    return errors


def validate(entries: Iterable[RawEntry | Mapping[str, Any]]) -> list[str]:
    """Every problem in a set of actor entries, each as ``file:line: message``; empty when clean."""
    items = [e if isinstance(e, RawEntry) else RawEntry("<entry>", n, e) for n, e in enumerate(entries, 1)]
    errors: list[str] = []
    for item in items:
        errors.extend(f"{item.where}: {msg}" for msg in _field_errors(item.data))
    by_id: dict[str, RawEntry] = {}
    for item in items:
        ident = item.data.get("id")
        if isinstance(ident, str):
            if ident in by_id:
                errors.append(
                    f"{item.where}: duplicate id {ident!r} (first at {by_id[ident].where}); rename one"
                )
            else:
                by_id.setdefault(ident, item)
    errors.extend(_reference_errors(items, by_id))
    errors.extend(_alias_errors(items))
    return errors


def _reference_errors(items: list[RawEntry], by_id: Mapping[str, RawEntry]) -> list[str]:
    errors: list[str] = []
    for item in items:
        for field in ("parent", "acts_for"):
            target = item.data.get(field)
            if target is None:
                continue
            if target not in by_id:
                errors.append(f"{item.where}: unknown {field} {target!r}; add that actor first or fix the id")
            elif _cycles(item, field, by_id):
                errors.append(f"{item.where}: {field} chain of {item.data['id']!r} loops back on itself")
        for n, role in enumerate(item.data.get("roles") or [], start=1):
            org = role.get("org") if isinstance(role, dict) else None
            if isinstance(org, str) and org not in by_id:
                errors.append(
                    f"{item.where}: role {n}: unknown role org {org!r}; add that organisation first"
                )
    return errors


def _cycles(item: RawEntry, field: str, by_id: Mapping[str, RawEntry]) -> bool:
    seen = {item.data.get("id")}
    current = item.data.get(field)
    while current is not None and current in by_id:
        if current in seen:
            return True
        seen.add(current)
        current = by_id[current].data.get(field)
    return False


def names_of(data: Mapping[str, Any]) -> list[str]:
    """The name, aliases and demonyms of an entry: everything it can be looked up by."""
    names = [data.get("name"), *(data.get("aliases") or []), *(data.get("demonyms") or [])]
    return [n for n in names if isinstance(n, str) and n.strip()]


def overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two validity spans (valid_from/valid_to, open when missing) share a day."""
    a_start = bound(a.get("valid_from") or "0001", end=False)
    b_start = bound(b.get("valid_from") or "0001", end=False)
    a_end = bound(a.get("valid_to") or "9999", end=True)
    b_end = bound(b.get("valid_to") or "9999", end=True)
    return a_start <= b_end and b_start <= a_end


def _alias_errors(items: list[RawEntry]) -> list[str]:
    errors: list[str] = []
    seen: dict[str, list[tuple[RawEntry, str]]] = {}
    for item in items:
        if _field_errors_blocking(item.data):
            continue
        for name in dict.fromkeys(names_of(item.data)):
            name_key = key(name)
            if not name_key:
                errors.append(f"{item.where}: name or alias {name!r} has no letters left after normalising")
                continue
            for other, other_name in seen.get(name_key, []):
                if other.data["id"] != item.data["id"] and overlaps(item.data, other.data):
                    errors.append(
                        f"{item.where}: duplicate alias {name!r} of {item.data['id']!r}: "
                        f"{other_name!r} of {other.data['id']!r} ({other.where}) normalises the same; remove "
                        f"one, or give the two actors valid_from/valid_to spans that do not overlap"
                    )
            seen.setdefault(name_key, []).append((item, name))
    return errors


def _field_errors_blocking(data: Mapping[str, Any]) -> bool:
    return not isinstance(data.get("id"), str) or any(
        _date_error(data.get(f), f) for f in ("valid_from", "valid_to")
    )
