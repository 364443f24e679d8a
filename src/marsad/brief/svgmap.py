"""A small static SVG map of events, from the committed Natural Earth boundaries (no tiles, no network)."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from html import escape
from importlib import resources
from typing import Any

from marsad.records import Event

# Same region and colours as the web map (src/marsad/web/static/app.js).
BOX = (-12.0, 10.0, 64.0, 43.0)  # west, south, east, north
COLOURS = {
    "ASSAULT": "#c0392b", "COERCE": "#8e44ad", "PROTEST": "#e67e22", "THREATEN": "#d35400",
    "ACCUSE": "#b7950b", "REQUEST": "#16a085", "CONSULT": "#2471a3", "AGREE": "#1e8449",
}  # fmt: skip


@functools.cache
def countries() -> dict[str, Any]:
    text = resources.files("marsad.web").joinpath("static", "countries.geojson").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def bounds(events: Sequence[Event]) -> tuple[float, float, float, float]:
    """The region box, shrunk around the events (with a margin) when they sit close together."""
    points = [
        (e.place.longitude, e.place.latitude)
        for e in events
        if e.place and e.place.longitude is not None and e.place.latitude is not None
    ]
    if not points:
        return BOX
    lons = [p[0] for p in points if p[0] is not None]
    lats = [p[1] for p in points if p[1] is not None]
    margin = 4.0
    west, east = max(min(lons) - margin, BOX[0]), min(max(lons) + margin, BOX[2])
    south, north = max(min(lats) - margin, BOX[1]), min(max(lats) + margin, BOX[3])
    return west, south, east, north


def render_svg(events: Sequence[Event], *, width: int = 480) -> str:
    """An SVG document: countries, and one circle per located event (solid exact, ringed approximate)."""
    west, south, east, north = bounds(events)
    scale = width / (east - west)
    height = int((north - south) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale

    paths = []
    for feature in countries()["features"]:
        rings = [
            ring
            for polygon in feature["geometry"]["coordinates"]
            for ring in polygon
            if overlaps(ring, (west, south, east, north))
        ]
        if not rings:
            continue
        d = "".join(
            "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring)) + "Z"
            for ring in rings
        )
        paths.append(f'<path d="{d}" fill="#f4f1ea" stroke="#9aa" stroke-width="0.5"/>')
    marks = [marker(event, project) for event in events if event.place and event.place.latitude is not None]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}"><rect width="100%" height="100%" fill="#dfeaf2"/>'
        + "".join(paths) + "".join(m for m in marks if m) + "</svg>"
    )  # fmt: skip


def overlaps(ring: Sequence[Sequence[float]], box: tuple[float, float, float, float]) -> bool:
    """Whether the ring's bounding box meets ``box`` (so off-map countries cost nothing)."""
    west, south, east, north = box
    lons = [point[0] for point in ring]
    lats = [point[1] for point in ring]
    return min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south


def marker(event: Event, project: Any) -> str:
    place = event.place
    if place is None or place.latitude is None or place.longitude is None:
        return ""
    x, y = project(place.longitude, place.latitude)
    radius = 3 + 2.5 * (event.fatalities_best or 0) ** 0.5
    colour = COLOURS.get(event.plover_type, "#555")
    exact = place.geo_precision == 1
    fill = colour if exact else "none"
    title = escape(f"{event.plover_type} {place.name or place.text}")
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{fill}" fill-opacity="0.75" '
        f'stroke="{colour}" stroke-width="1.5"><title>{title}</title></circle>'
    )
