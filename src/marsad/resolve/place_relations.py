"""What the words between two place names say about them: one holds the other, or both are items of a list.

"Midland, Michigan, USA", "Austin, in Scott County, Indiana", "Badhan in the Sanaag region of Puntland",
"the Idlib town of Saraqib": the second name (the first in the last) holds the other, so a namesake
elsewhere is not meant, wherever else in the article the name comes back. "Alberta, Manitoba, Ontario
and New Brunswick": items of one list are of one kind, so "New Brunswick" there is the province.

Pure work over the spans of an article's place names, in order, and the places they were given.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Sequence

from marsad.records import PlaceRef
from marsad.resolve.gazetteer_index import Place
from marsad.resolve.gazetteer_names import name_key

__all__ = ["Holder", "distance_km", "holders", "lies_within", "lists", "named_holders"]

COUNTRY, DIVISION, TOWN = 3, 2, 1  # how wide a placed name is
_NEAR_TOWN_KM = 50.0  # a part of a town lies within this distance of it

# Between a name and the one holding it: "X, Y", "X in Y", "X, in the Y", "X located in Y", "X of Y".
_COMMA = re.compile(r"\s*,\s*")
_IN = re.compile(
    r"\s*,?\s+(?:(?:which\s+is\s+|that\s+is\s+)?(?:located|situated|based)\s+)?(?:in|of|inside|within)"
    r"\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+(?:part\s+of\s+(?:the\s+)?)?)?"
)
# "the Sanaag region of Puntland", "the al-Nasr neighbourhood of Damascus": the first is a part.
_PART_OF = re.compile(
    r"\s+(?:region|province|state|district|county|governorate|prefecture|department|area|neighbou?rhood"
    r"|quarter|suburb|camp|municipality)\s+(?:of|in)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# "the Idlib town of Saraqib": the first names the area the second lies in.
_AREA_TOWN = re.compile(r"\s+(?:town|city|village|capital|port\s+city|port)\s+of\s+", re.IGNORECASE)
_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+|al-|el-)?[A-Z][\w'’-]*)*")
_LIST = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


@dataclasses.dataclass(frozen=True, slots=True)
class Holder:
    """Name ``inner`` (an index into the spans) lies in name ``outer``; ``said`` when the text says so
    in words ("in", "of"), not by a bare comma, which may join items of a list."""

    inner: int
    outer: int
    said: bool


def holders(text: str, spans: Sequence[tuple[int, int]]) -> list[Holder]:
    """Which named place holds which, from the words between consecutive names of ``text``."""
    found: list[Holder] = []
    for first, (one, two) in enumerate(itertools.pairwise(spans)):
        gap = text[one[1] : two[0]]
        if _PART_OF.fullmatch(gap) or _IN.fullmatch(gap):
            found.append(Holder(first, first + 1, said=True))
        elif _AREA_TOWN.fullmatch(gap):
            found.append(Holder(first + 1, first, said=True))
        elif _COMMA.fullmatch(gap):
            found.append(Holder(first, first + 1, said=False))
    return found


def named_holders(text: str, name: str) -> list[tuple[str, bool]]:
    """The names ``text`` puts around ``name`` wherever it writes it: (holder, said in words) for
    "Santo Domingo, Ecuador" ("Ecuador", False) and "Badhan in the Sanaag region" ("Sanaag", True)."""
    found: list[tuple[str, bool]] = []
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        after = text[match.end() : match.end() + 80]
        for gap, said in ((_PART_OF, True), (_IN, True), (_COMMA, False)):
            step = gap.match(after)
            holder = _NAME.match(after, step.end()) if step else None
            if holder is not None:
                found.append((holder.group(), said))
                break
    return found


def lists(text: str, spans: Sequence[tuple[int, int]], least: int = 3) -> list[list[int]]:
    """Runs of ``least`` or more names joined as a list ("A, B, C and D"), as index lists."""
    runs: list[list[int]] = []
    current = [0] if spans else []
    for first, (one, two) in enumerate(itertools.pairwise(spans)):
        if _LIST.fullmatch(text[one[1] : two[0]]):
            current.append(first + 1)
            continue
        if len(current) >= least:
            runs.append(current)
        current = [first + 1]
    if len(current) >= least:
        runs.append(current)
    return runs


def lies_within(place: Place, holder: PlaceRef, rank: int) -> bool:
    """Whether a gazetteer entry may lie in a placed name of rank ``rank`` (COUNTRY, DIVISION, TOWN)."""
    if place.country != holder.country:
        return False
    if rank == COUNTRY:
        return True
    if rank == DIVISION:
        # A province holds its own towns; a region ("Kurdistan Region") may span provinces: its country.
        division = bool(holder.admin1) and name_key(holder.name or "") == name_key(holder.admin1 or "")
        return not division or not place.admin1 or name_key(place.admin1) == name_key(holder.admin1 or "")
    if (
        place.latitude is None
        or place.longitude is None
        or holder.latitude is None
        or holder.longitude is None
    ):
        return True
    return _km(place.latitude, place.longitude, holder.latitude, holder.longitude) <= _NEAR_TOWN_KM


def distance_km(one: PlaceRef, other: PlaceRef) -> float | None:
    """How far apart two placed names are, or None when either has no point."""
    if one.latitude is None or one.longitude is None or other.latitude is None or other.longitude is None:
        return None
    return _km(one.latitude, one.longitude, other.latitude, other.longitude)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))
