"""Sanity rules for figures: what no single event plausibly carries is flagged for review.

An event whose killed figure (its low, else its high) exceeds ``data/review.toml`` ``[killed] above``
(1,000) carries the review flag "killed-above-1000". The merge stage withholds its best fatality
figure (``fatalities_best`` is None, so exports, the map and the brief count it as unknown) while the
low and high bounds and every claim stay for the reviewer; `marsad events --flags` lists such events
and the UI's event page shows the flag. A reviewer who confirms the figure can correct the store.
"""

from __future__ import annotations

import functools

from marsad.extract.lexicon import read_data
from marsad.records import Event


@functools.cache
def killed_threshold() -> int:
    """The largest toll one event may carry without review."""
    return int(read_data("review.toml")["killed"]["above"])


def killed_needs_review(low: int | None, high: int | None) -> bool:
    """Whether a killed range is beyond what one event plausibly carries."""
    figure = low if low is not None else high
    return figure is not None and figure > killed_threshold()


def review_flags(event: Event) -> tuple[str, ...]:
    """Why an event's figures need a human look before use; empty when they do not."""
    if killed_needs_review(event.fatalities_low, event.fatalities_high):
        return (f"killed-above-{killed_threshold()}",)
    return ()
