"""ACLED's type hierarchy, from its one data file."""

from __future__ import annotations

from marsad import acled


def test_six_event_types_and_twenty_five_sub_types_in_hierarchy_order() -> None:
    assert [name for name, _ in acled.hierarchy()] == [
        "Battles", "Protests", "Riots", "Explosions/Remote violence", "Violence against civilians",
        "Strategic developments",
    ]  # fmt: skip
    subs = acled.sub_event_types()
    assert len(subs) == len(set(subs)) == 25
    assert subs.index("Air/drone strike") < subs.index("Shelling/artillery/missile attack")
    assert acled.event_type_of("Arrests") == "Strategic developments"
    assert acled.event_type_of("Picnic") is None
