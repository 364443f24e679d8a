"""PLOVER -> ACLED mapping (data/plover_acled.toml): every sub-event type is reachable, precedence holds."""

from __future__ import annotations

from typing import Any

import pytest

from marsad.extract import acled_types, precedence, sub_event_types

# (plover type, mode, keyword arguments) -> (event_type, sub_event_type)
CASES: list[tuple[str, str | None, dict[str, Any], tuple[str | None, str | None]]] = [
    ("ASSAULT", None, {"hints": ["territory_regain"]}, ("Battles", "Government regains territory")),
    (
        "ASSAULT",
        None,
        {"hints": ["territory_take"], "actor1_state": True},
        ("Battles", "Government regains territory"),
    ),
    ("ASSAULT", None, {"hints": ["territory_take"]}, ("Battles", "Non-state actor overtakes territory")),
    ("ASSAULT", "firearms", {}, ("Battles", "Armed clash")),
    ("ASSAULT", "crowd-control", {}, ("Protests", "Excessive force against protesters")),
    ("PROTEST", "demo", {"hints": ["intervention"]}, ("Protests", "Protest with intervention")),
    ("PROTEST", "demo", {}, ("Protests", "Peaceful protest")),
    ("PROTEST", "riot", {}, ("Riots", "Violent demonstration")),
    ("ASSAULT", "beat", {"hints": ["mob"]}, ("Riots", "Mob violence")),
    ("ASSAULT", "unconventional", {}, ("Explosions/Remote violence", "Chemical weapon")),
    ("ASSAULT", "aerial", {}, ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "drone", {}, ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", "suicide-attack", {}, ("Explosions/Remote violence", "Suicide bomb")),
    ("ASSAULT", "heavy-weapons", {}, ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("ASSAULT", "explosives", {}, ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("ASSAULT", "explosives", {"weapons": ["grenade"]}, ("Explosions/Remote violence", "Grenade")),
    ("ASSAULT", "sexual", {}, ("Violence against civilians", "Sexual violence")),
    ("ASSAULT", "firearms", {"actor2_civilian": True}, ("Violence against civilians", "Attack")),
    ("ASSAULT", "abduct", {}, ("Violence against civilians", "Abduction/forced disappearance")),
    (
        "COERCE",
        "arrest",
        {"actor1_state": False},
        ("Violence against civilians", "Abduction/forced disappearance"),
    ),
    ("AGREE", None, {}, ("Strategic developments", "Agreement")),
    ("RETREAT", "ceasefire", {}, ("Strategic developments", "Agreement")),
    ("COERCE", "arrest", {}, ("Strategic developments", "Arrests")),
    ("COERCE", "arrest", {"actor1_state": True}, ("Strategic developments", "Arrests")),
    ("MOBILIZE", "troops", {}, ("Strategic developments", "Change to group/activity")),
    ("RETREAT", "disarm", {}, ("Strategic developments", "Change to group/activity")),
    ("COERCE", "seize", {}, ("Strategic developments", "Disrupted weapons use")),
    ("MOBILIZE", None, {"hints": ["base"]}, ("Strategic developments", "Headquarters or base established")),
    ("ASSAULT", "destroy", {}, ("Strategic developments", "Looting/property destruction")),
    ("RETREAT", "withdraw", {}, ("Strategic developments", "Non-violent transfer of territory")),
    ("COERCE", "curfew", {}, ("Strategic developments", "Other")),
    ("CONSULT", None, {}, (None, None)),
    ("ACCUSE", "disapprove", {}, (None, None)),
    ("THREATEN", "violence", {}, (None, None)),
]


@pytest.mark.parametrize(("plover", "mode", "kwargs", "expected"), CASES)
def test_mapping(
    plover: str, mode: str | None, kwargs: dict[str, Any], expected: tuple[str | None, str | None]
) -> None:
    assert acled_types(plover, mode, **kwargs) == expected


def test_every_acled_sub_event_type_is_reachable() -> None:
    reached = {sub for *_, (_, sub) in CASES if sub}
    assert reached == set(sub_event_types())
    assert len(sub_event_types()) == 25


def test_precedence_follows_acled_hierarchy() -> None:
    assert (
        precedence("Armed clash")
        < precedence("Air/drone strike")
        < precedence("Shelling/artillery/missile attack")
    )
    assert precedence("Air/drone strike") < precedence("Arrests")
    assert precedence(None) == len(sub_event_types())


def test_a_drone_that_fires_rockets_is_an_air_strike() -> None:
    # weapon modes rank aerial above heavy weapons, and the mapping follows the mode
    assert acled_types("ASSAULT", "aerial", weapons=["drone", "rocket"])[1] == "Air/drone strike"
