"""Country names and codes for the store's country filter (ISO 3166-1 via pycountry)."""

from __future__ import annotations

import functools

import pycountry

from marsad.export.acled_csv import acled_countries
from marsad.records import PlaceRef


@functools.cache
def country_codes(text: str) -> tuple[str, ...]:
    """The ISO alpha-2 codes ``text`` may mean: a code ("iq", "IRQ") or a name ("Syria", "Palestine")."""
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        return (text.upper(),)
    # ACLED's names first: pycountry knows neither "Palestine" nor "Turkey".
    by_name = {name.casefold(): iso2 for iso2, (name, _) in acled_countries().items()}
    if text.casefold() in by_name:
        return (by_name[text.casefold()],)
    try:
        return (str(pycountry.countries.lookup(text).alpha_2),)
    except LookupError:
        return ()


def country_name(place: PlaceRef | None) -> str | None:
    """The country's common name: the place's own, else ACLED's, else pycountry's ("Syria", not
    "Syrian Arab Republic")."""
    if place is None or not place.country:
        return None
    if place.country_name:
        return place.country_name
    if place.country.upper() in acled_countries():
        return acled_countries()[place.country.upper()][0]
    country = pycountry.countries.get(alpha_2=place.country.upper())
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)
