"""What each export of a store will hold, counted: the run's summary says it so no file surprises.

``marsad run`` reports, say, 1,990 events while the ACLED CSV has 694 rows: ACLED records only events
reported as having happened, dated to the day, week or month, of an ACLED type; GeoJSON needs
coordinates. These counts say so up front, by kind.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from marsad.export.acled_csv import skip_reason
from marsad.records import Event


@dataclasses.dataclass(frozen=True, slots=True)
class ExportContents:
    events: int
    by_modality: dict[str, int]
    background: int
    acled_rows: int
    acled_skipped: dict[str, int]  # reason -> events
    with_coordinates: int

    def lines(self) -> list[str]:
        """The summary as a few lines of text for the terminal."""
        kinds = ", ".join(f"{count} {name}" for name, count in self.by_modality.items()) or "none"
        skipped = "; ".join(f"{count} {reason}" for reason, count in self.acled_skipped.items())
        return [
            f"stored events by kind: {kinds}; {self.background} of them recalled background events",
            f"exports hold: csv, jsonl, json, parquet {self.events} (every event; narrow with --modality, "
            f"--background); geojson {self.with_coordinates} (those with coordinates); "
            f"acled-csv {self.acled_rows}" + (f" (left out: {skipped})" if skipped else ""),
        ]


def export_contents(events: Iterable[Event]) -> ExportContents:
    """Count ``events`` by modality and background, and the rows each export format would write."""
    total = background = acled = located = 0
    modalities: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    for event in events:
        total += 1
        modalities[event.modality.value] += 1
        background += bool(event.background)
        reason = skip_reason(event)
        if reason is None:
            acled += 1
        else:
            skipped[reason] += 1
        place = event.place
        located += bool(place and place.latitude is not None and place.longitude is not None)
    return ExportContents(
        events=total,
        by_modality=dict(modalities.most_common()),
        background=background,
        acled_rows=acled,
        acled_skipped=dict(skipped.most_common()),
        with_coordinates=located,
    )
