"""Geoparsing scores: every place name marsad places in a text, against gold toponyms with offsets.

Gold is JSON Lines, one text a line: ``{"id": ..., "places": [{"name", "start", "end", "lat", "lon"}]}``
(offsets into the text's body, end-exclusive), the layout of GeoVirus in ``../shared/corpora/geovirus``.
marsad's own event gold (``eval/real/gold.json``: a JSON object with ``events``) is read too: each distinct
event place with coordinates is a gold toponym of its article (known by its number, 1..N), without offsets,
so a placed name finds it by name (:func:`marsad.evaluate.compare.place_name_match`); such gold lists only
event places, so precision is not scored on it, and ``country`` is the share of found places that marsad
put in the gold country.

* precision: the share of marsad's placed names that overlap a gold toponym;
* recall: the share of gold toponyms that a placed name overlaps ("found");
* acc_161km / acc_25km: the share of found toponyms placed within 161 km (100 miles, the usual
  geoparsing yardstick) or 25 km of the gold point;
* acc_161km_points: acc_161km over the found toponyms that marsad placed at a town or a site (ACLED
  geo precision 1 or 2), leaving out countries, provinces, continents and seas, whose point is only a
  convention for a centre (the gold's may lie hundreds of km from ours on the very same country);
* median_km: the median error of found toponyms;
* country: the share of found toponyms placed in the gold country (gold that names countries only).

Pure: no spaCy here (``marsad.evaluation_run`` runs the pipeline).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from marsad.errors import GoldError
from marsad.evaluate.compare import country_match, place_name_match
from marsad.records import Toponym

__all__ = ["GeoGold", "GeoReport", "GoldToponym", "geo_markdown", "load_geo_gold", "score_geo"]

_WITHIN = (161.0, 25.0)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GoldToponym:
    name: str
    start: int | None  # None: the gold gives no offsets, the toponym is found by name
    end: int | None
    latitude: float
    longitude: float
    country: str | None = None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GeoGold:
    texts: dict[str, tuple[GoldToponym, ...]]  # text id -> its toponyms
    digest: str  # of the gold file, so floors know what they were pinned on
    offsets: bool = True  # False: event places found by name; no precision (the gold lists event places only)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    """A gold toponym and the placed name that overlaps it (None when missed)."""

    text_id: str
    gold: GoldToponym
    found: Toponym | None
    km: float | None


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class GeoReport:
    gold: GeoGold
    pairs: tuple[Pair, ...]
    system: int  # names marsad placed
    system_matched: int  # of which overlap a gold toponym
    spurious: tuple[tuple[str, Toponym], ...]  # placed names no gold toponym overlaps

    def metrics(self) -> dict[str, float | None]:
        found = [p for p in self.pairs if p.found is not None]
        errors = [p.km for p in found if p.km is not None]
        with_country = [p for p in found if p.gold.country]
        points = [p for p in found if _at_a_point(p)]
        return {
            "precision": _share(self.system_matched, self.system) if self.gold.offsets else None,
            "recall": _share(len(found), len(self.pairs)),
            "acc_161km": _share(sum(1 for km in errors if km <= _WITHIN[0]), len(found)),
            "acc_25km": _share(sum(1 for km in errors if km <= _WITHIN[1]), len(found)),
            "acc_161km_points": _share(
                sum(1 for p in points if p.km is not None and p.km <= _WITHIN[0]), len(points)
            ),
            "median_km": round(statistics.median(errors), 1) if errors else None,
            "country": _share(sum(1 for p in with_country if _same_country(p)), len(with_country)),
        }

    def scored(self) -> dict[str, int]:
        """How many items each metric was computed over (for pinning floors)."""
        found = [p for p in self.pairs if p.found is not None]
        return {
            "precision": self.system if self.gold.offsets else 0,
            "recall": len(self.pairs),
            "acc_161km": len(found),
            "acc_25km": len(found),
            "acc_161km_points": sum(1 for p in found if _at_a_point(p)),
            "country": sum(1 for p in found if p.gold.country),
        }

    def to_json(self, *, details: bool = True) -> dict[str, Any]:
        document: dict[str, Any] = {
            "gold": {"digest": self.gold.digest, "texts": len(self.gold.texts), "toponyms": len(self.pairs)},
            "metrics": self.metrics(),
            "scored": self.scored(),
            "system": {"placed": self.system, "matched": self.system_matched},
        }
        if details:
            document["misses"] = [
                {"id": p.text_id, "name": p.gold.name, "start": p.gold.start}
                for p in self.pairs
                if not p.found
            ]
            document["far"] = [
                {
                    "id": p.text_id,
                    "name": p.gold.name,
                    "start": p.gold.start,
                    "km": round(p.km, 1),
                    "placed": _label(p.found),
                    "clue": p.found.place.clue if p.found and p.found.place else None,
                }
                for p in self.pairs
                if p.found is not None and p.km is not None and p.km > _WITHIN[0]
            ]
            if self.gold.offsets:
                document["spurious"] = [
                    {"id": text_id, "text": t.text, "start": t.start, "placed": _label(t)}
                    for text_id, t in self.spurious
                ]
        return document


def load_geo_gold(path: str | Path) -> GeoGold:
    """Read gold toponyms (JSON Lines, or marsad's event gold; see the module docstring)."""
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not UTF-8 text ({exc}); save the file as UTF-8") from exc
    events = _event_gold(text)
    if events is not None:
        try:
            return _event_places(events, hashlib.sha256(raw).hexdigest())
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise GoldError(
                f"{path}: an event's `article` or `location` (name, lat, lon) is unusable ({exc})"
            ) from exc
    texts: dict[str, tuple[GoldToponym, ...]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            texts[str(record["id"])] = tuple(_gold_toponym(place) for place in record["places"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldError(
                f"{path}:{number}: expected {{'id', 'places': [{{'name', 'start', 'end', 'lat', 'lon'}}]}} "
                f"({exc})"
            ) from exc
    return GeoGold(texts=texts, digest=hashlib.sha256(raw).hexdigest())


def _event_gold(text: str) -> list[Any] | None:
    """The events of marsad's gold.json, or None when ``text`` is another layout (JSON Lines)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError:
        return None
    if isinstance(document, dict) and isinstance(document.get("events"), list):
        return list(document["events"])
    return None


def _event_places(events: Sequence[Any], digest: str) -> GeoGold:
    """Each article's distinct event places that have coordinates, as toponyms without offsets."""
    texts: dict[str, list[GoldToponym]] = {}
    for event in events:
        location = event.get("location") or {} if isinstance(event, dict) else {}
        if not location.get("name") or location.get("lat") is None or location.get("lon") is None:
            continue
        toponym = GoldToponym(
            name=str(location["name"]),
            start=None,
            end=None,
            latitude=float(location["lat"]),
            longitude=float(location["lon"]),
            country=location.get("country") or None,
        )
        _check_on_earth(toponym)
        places = texts.setdefault(str(event["article"]), [])
        if toponym not in places:
            places.append(toponym)
    return GeoGold(texts={key: tuple(value) for key, value in texts.items()}, digest=digest, offsets=False)


def _gold_toponym(place: Mapping[str, Any]) -> GoldToponym:
    start, end = int(place["start"]), int(place["end"])
    if not 0 <= start < end:
        raise ValueError(f"offsets {start}-{end} do not span the name")
    toponym = GoldToponym(
        name=str(place["name"]),
        start=start,
        end=end,
        latitude=float(place["lat"]),
        longitude=float(place["lon"]),
    )
    _check_on_earth(toponym)
    return toponym


def _check_on_earth(toponym: GoldToponym) -> None:
    if not (-90 <= toponym.latitude <= 90 and -180 <= toponym.longitude <= 180):
        raise ValueError(f"no point on Earth at {toponym.latitude}, {toponym.longitude}")


def score_geo(gold: GeoGold, placed: Mapping[str, Sequence[Toponym]]) -> GeoReport:
    """Score the names marsad placed in each text (``placed``: text id -> toponyms) against ``gold``.

    Each gold toponym takes the first placed name overlapping it (or, for gold without offsets, the
    first placed name of the same name); a placed name counts for precision when it overlaps any gold
    toponym. Texts missing from ``placed`` count as placing nothing.
    """
    pairs: list[Pair] = []
    system = matched = 0
    spurious: list[tuple[str, Toponym]] = []
    for text_id, toponyms in gold.texts.items():
        mine = list(placed.get(text_id, ()))
        system += len(mine)
        for own in mine:
            if any(_overlap(own, g) for g in toponyms):
                matched += 1
            else:
                spurious.append((text_id, own))
        for toponym in toponyms:
            found = next((own for own in mine if _overlap(own, toponym)), None)
            if toponym.start is None:
                found = next((own for own in mine if own.place and _same_name(own, toponym)), None)
            pairs.append(Pair(text_id=text_id, gold=toponym, found=found, km=_error_km(found, toponym)))
    return GeoReport(
        gold=gold, pairs=tuple(pairs), system=system, system_matched=matched, spurious=tuple(spurious)
    )


def geo_markdown(report: GeoReport, *, title: str = "Geoparsing") -> str:
    """A readable summary: the scores, then the largest errors and the most missed names."""
    metrics = report.metrics()
    lines = [
        f"# {title}",
        "",
        f"{len(report.gold.texts)} texts, {len(report.pairs)} gold toponyms; "
        f"marsad placed {report.system} names.",
        "",
        "| score | value |",
        "|---|---|",
        *(f"| {name} | {_show(name, value)} |" for name, value in metrics.items()),
    ]
    far = sorted(
        (p for p in report.pairs if p.km is not None and p.km > _WITHIN[0]), key=lambda p: -(p.km or 0)
    )
    if far:
        lines += ["", "## Placed more than 161 km away (largest first)", ""]
        lines += [
            f"- {p.gold.name} ({p.text_id}): {_label(p.found)}, {p.km:,.0f} km"
            f"{f' [{p.found.place.clue}]' if p.found and p.found.place and p.found.place.clue else ''}"
            for p in far[:30]
        ]
    missed = _most_common(p.gold.name for p in report.pairs if p.found is None)
    if missed:
        lines += ["", "## Most often missed", "", ", ".join(f"{name} ({n})" for name, n in missed[:30])]
    return "\n".join(lines) + "\n"


def _at_a_point(pair: Pair) -> bool:
    """Whether marsad placed the toponym at a town or a site, not at the centre of an area."""
    place = pair.found.place if pair.found is not None else None
    return place is not None and place.geo_precision in (1, 2)


def _overlap(own: Toponym, gold: GoldToponym) -> bool:
    if gold.start is None or gold.end is None:
        return False
    return own.start < gold.end and gold.start < own.end


def _same_name(own: Toponym, gold: GoldToponym) -> bool:
    return place_name_match(gold.name, own.text, own.place.name if own.place else None)


def _same_country(pair: Pair) -> bool:
    if pair.gold.country is None or pair.found is None or pair.found.place is None:
        return False
    from marsad.resolve.places import load_gazetteer  # loads once; only gold with countries needs it

    # The country an event there is coded in (Hong Kong in China), as the event gold gives it.
    return country_match(pair.gold.country, load_gazetteer().as_coded(pair.found.place))


def _error_km(found: Toponym | None, gold: GoldToponym) -> float | None:
    if found is None or found.place is None or found.place.latitude is None or found.place.longitude is None:
        return None if found is None else math.pi * 6371.0  # placed without a point: as far as can be
    return haversine_km(found.place.latitude, found.place.longitude, gold.latitude, gold.longitude)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _show(name: str, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.1f}" if name.endswith("_km") else f"{value:.3f}"


def _label(toponym: Toponym | None) -> str:
    if toponym is None or toponym.place is None:
        return "-"
    place = toponym.place
    return ", ".join(part for part in (place.name or place.text, place.admin1, place.country) if part)


def _most_common(names: Iterable[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
