"""Build ``src/marsad/web/static/world.geojson``: the web map's country outlines, worldwide.

The source is Natural Earth's admin-0 countries (public domain) as the npm package ``world-atlas``
2.0.2 ships them (TopoJSON). Fetch it with the ordinary npm client and run this once:

    npm pack world-atlas@2.0.2 && tar -xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_outlines.py package/countries-50m.json

Coordinates are rounded to 0.01 degrees (about 1 km), enough for a map of events by town.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "marsad" / "web" / "static" / "world.geojson"
DIGITS = 2


Arcs = list[list[tuple[float, float]]]
Rings = list[list[list[float]]]


def decode_arcs(topology: dict[str, Any]) -> Arcs:
    """Every arc as absolute longitude/latitude points (TopoJSON arcs are quantised deltas)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            if transform:
                x, y = x + dx, y + dy
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((dx, dy))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: Arcs) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    rounded: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if rounded and rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def polygons(geometry: dict[str, Any], arcs: Arcs) -> list[Rings]:
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    found = []
    for polygon in parts:
        rings = [ring(r, arcs) for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        if rings:
            found.append(rings)
    return found


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            continue
        shapes = polygons(geometry, arcs)
        if shapes:
            properties = {"name": geometry.get("properties", {}).get("name"), "id": geometry.get("id")}
            features.append(
                {"type": "Feature", "properties": properties,
                 "geometry": {"type": "MultiPolygon", "coordinates": shapes}}
            )  # fmt: skip
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "source": "Natural Earth 1:50m admin-0 countries (public domain), via the world-atlas npm "
            f"package 2.0.2; worldwide, rounded to {10**-DIGITS:g} degrees (scripts/build_world_outlines.py)"
        },
        "features": features,
    }
    OUT.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(features)} countries written to {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(sys.argv[1])
