"""The actor knowledge base as data: packaged files, validation, extension, normalisation, spaCy patterns."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import spacy

from marsad.errors import ConfigError
from marsad.resolve import actors
from marsad.resolve.actors import add_actor, guess_type, load_kb, normalise, unresolved_counts, validate_files
from marsad.resolve.kb_validate import read_entries, validate

ORG = {"kind": "organisation", "type": "Political militia", "sector": "UAF", "country": "IQ"}


def write(path: Path, *entries: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return path


def errors_of(tmp_path: Path, *entries: dict[str, Any]) -> list[str]:
    return validate_files([write(tmp_path / "kb.jsonl", *entries)])


# --- the packaged knowledge base


def test_packaged_kb_validates_clean() -> None:
    assert validate_files() == []


def test_packaged_kb_size_and_coverage() -> None:
    kb = load_kb()
    assert len(kb) >= 400
    kinds = Counter(actor.kind for actor in kb)
    assert kinds["person"] >= 150 and kinds["state"] >= 25 and kinds["organisation"] >= 300
    for cc in [
        "IQ",
        "SY",
        "LB",
        "IL",
        "PS",
        "JO",
        "EG",
        "SA",
        "AE",
        "QA",
        "KW",
        "BH",
        "OM",
        "YE",
        "IR",
        "TR",
        "LY",
        "TN",
        "DZ",
        "MA",
        "SD",
        "US",
        "GB",
        "FR",
        "RU",
        "DE",
        "IE",
    ]:
        slots = {a.generic for a in kb if a.country == cc and a.generic}
        assert {"government", "military", "police", "civilians", "protesters", "unidentified"} <= slots, cc
    assert any(a.valid_to for a in kb if a.kind == "organisation")  # dated regimes (Syria)


def test_packaged_kb_is_read_once_per_process() -> None:
    # How fast it loads is a bench figure (`make bench`: KB + gazetteer load), not a timed test.
    actors._load.cache_clear()
    kb = load_kb()
    assert load_kb() is kb  # cached per set of paths


def test_every_person_role_and_parent_points_at_a_known_actor() -> None:
    kb = load_kb()
    for actor in kb:
        assert actor.parent is None or kb.get(actor.parent) is not None
        for role in actor.roles:
            assert kb.get(role.org) is not None


# --- validation errors name file:line and say what to do


def test_duplicate_alias_names_both_places(tmp_path: Path) -> None:
    errors = errors_of(
        tmp_path,
        {"id": "a", "name": "Alpha Brigade", "aliases": ["Abu Zaid Group"], **ORG},
        {"id": "b", "name": "Beta Brigade", "aliases": ["Abou Zaid group"], **ORG},
    )
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path / 'kb.jsonl'}:2: duplicate alias 'Abou Zaid group' of 'b'")
    assert f"{tmp_path / 'kb.jsonl'}:1" in errors[0]


def test_same_alias_allowed_for_disjoint_periods(tmp_path: Path) -> None:
    old = {"id": "old", "name": "Army of X (1990-2000)", "valid_from": "1990", "valid_to": "2000", **ORG}
    new = {"id": "new", "name": "Army of X (2001-)", "valid_from": "2001-01-01", **ORG}
    assert errors_of(tmp_path, old, new) == []
    overlapping = {**new, "valid_from": "2000-06"}
    (error,) = errors_of(tmp_path, old, overlapping)
    assert "duplicate alias" in error and "do not overlap" in error


def test_unknown_parent(tmp_path: Path) -> None:
    (error,) = errors_of(tmp_path, {"id": "a", "name": "Alpha", "parent": "nobody", **ORG})
    assert error == f"{tmp_path / 'kb.jsonl'}:1: unknown parent 'nobody'; add that actor first or fix the id"


def test_unknown_role_org(tmp_path: Path) -> None:
    person = {"id": "p", "name": "Abu Test", "kind": "person", "roles": [{"org": "ghost", "title": "Leader"}]}
    (error,) = errors_of(tmp_path, person)
    assert error.startswith(f"{tmp_path / 'kb.jsonl'}:1: role 1: unknown role org 'ghost'")


@pytest.mark.parametrize(
    ("dates", "message"),
    [
        (
            {"valid_from": "2025-02-01", "valid_to": "2024-01-01"},
            "valid_from 2025-02-01 is after valid_to 2024-01-01",
        ),
        ({"valid_from": "01/02/2024"}, "valid_from '01/02/2024' is not an ISO date"),
        ({"valid_to": "2024-02-30"}, "valid_to '2024-02-30' is not a real calendar date"),
    ],
)
def test_bad_role_dates(tmp_path: Path, dates: dict[str, str], message: str) -> None:
    person = {
        "id": "p",
        "name": "Abu Test",
        "kind": "person",
        "roles": [{"org": "a", "title": "Leader", **dates}],
    }
    errors = errors_of(tmp_path, {"id": "a", "name": "Alpha", **ORG}, person)
    assert errors == [f"{tmp_path / 'kb.jsonl'}:2: role 1: {message}" + _tail(message)]


def _tail(message: str) -> str:
    if "is after" in message:
        return "; swap or correct them"
    if "not an ISO date" in message:
        return " (YYYY-MM-DD, YYYY-MM or YYYY; null when open)"
    return ""


def test_bad_organisation_dates(tmp_path: Path) -> None:
    (error,) = errors_of(
        tmp_path, {"id": "a", "name": "Alpha", "valid_from": "2020", "valid_to": "2019", **ORG}
    )
    assert error.startswith(f"{tmp_path / 'kb.jsonl'}:1: valid_from 2020 is after valid_to 2019")


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"type": "Terrorists"}, "type 'Terrorists' is not an ACLED actor type"),
        ({"sector": "XYZ"}, "sector 'XYZ' is not a PLOVER sector"),
        ({"country": "Iraq"}, "country 'Iraq' must be an ISO 3166-1 alpha-2 code"),
        ({"wikidata": "123"}, "wikidata '123' must look like 'Q123'"),
        ({"kind": "group"}, "kind 'group' is not one of"),
        ({"aliass": []}, "unknown field 'aliass'"),
        ({"name": ""}, "missing or empty 'name'"),
        ({"id": "Bad Id"}, "id 'Bad Id' must be lowercase"),
    ],
)
def test_field_errors(tmp_path: Path, change: dict[str, Any], fragment: str) -> None:
    errors = errors_of(tmp_path, {"id": "a", "name": "Alpha", **ORG, **change})
    assert any(e.startswith(f"{tmp_path / 'kb.jsonl'}:1: {fragment}") for e in errors), errors


def test_missing_type_and_person_without_role(tmp_path: Path) -> None:
    errors = errors_of(
        tmp_path,
        {"id": "a", "name": "Alpha", "kind": "organisation"},
        {"id": "p", "name": "Abu Test", "kind": "person"},
    )
    where = tmp_path / "kb.jsonl"
    assert any(e.startswith(f"{where}:1: type None is not an ACLED actor type") for e in errors)
    assert any(e.startswith(f"{where}:2: a person needs a role") for e in errors)


def test_duplicate_id_and_parent_loop(tmp_path: Path) -> None:
    errors = errors_of(
        tmp_path,
        {"id": "a", "name": "Alpha", "parent": "b", **ORG},
        {"id": "b", "name": "Beta", "parent": "a", **ORG},
        {"id": "a", "name": "Gamma", **ORG},
    )
    where = tmp_path / "kb.jsonl"
    assert f"{where}:3: duplicate id 'a' (first at {where}:1); rename one" in errors
    assert any(e.startswith(f"{where}:1: parent chain of 'a' loops") for e in errors)


def test_json_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kb.jsonl"
    path.write_text('// a comment\n{"id": "a", "name": "Alpha"\n\n[1, 2]\n', encoding="utf-8")
    errors = validate_files([path])
    assert errors[0].startswith(f"{path}:2: not valid JSON")
    assert errors[1].startswith(f"{path}:4: expected a JSON object")


def test_load_kb_refuses_an_invalid_file(tmp_path: Path) -> None:
    path = write(tmp_path / "kb.jsonl", {"id": "a", "name": "Alpha", "parent": "nobody", **ORG})
    with pytest.raises(ConfigError, match=r"kb\.jsonl:1: unknown parent 'nobody'"):
        load_kb([path])


def test_validate_accepts_plain_dicts() -> None:
    errors = validate(
        [{"id": "a", "name": "Alpha", **ORG}, {"id": "b", "name": "Beta", "parent": "zz", **ORG}]
    )
    assert errors == ["<entry>:2: unknown parent 'zz'; add that actor first or fix the id"]


# --- extending the base


def test_add_actor_appends_a_valid_entry(tmp_path: Path) -> None:
    base = write(tmp_path / "base.jsonl", {"id": "a", "name": "Alpha Brigade", **ORG})
    extra = tmp_path / "extra.jsonl"
    entry = {"id": "b", "name": "Beta Brigade", "aliases": ["Kataib Beta"], "parent": "a", **ORG}
    add_actor(entry, extra, kb_paths=[base])
    entries, errors = read_entries([extra])
    assert errors == [] and [e.data["id"] for e in entries] == ["b"]
    kb = load_kb([base, extra])
    assert kb.resolve("Kata'ib Beta").parent == "Alpha Brigade"


def test_add_actor_refuses_a_clash_and_writes_nothing(tmp_path: Path) -> None:
    base = write(tmp_path / "base.jsonl", {"id": "a", "name": "Alpha Brigade", **ORG})
    before = base.read_text(encoding="utf-8")
    with pytest.raises(ConfigError, match=r"base\.jsonl:2: duplicate alias 'alpha brigade'"):
        add_actor({"id": "b", "name": "alpha brigade", **ORG}, base, kb_paths=[base])
    with pytest.raises(ConfigError, match="unknown parent 'ghost'"):
        add_actor({"id": "c", "name": "Gamma", "parent": "ghost", **ORG}, base, kb_paths=[base])
    assert base.read_text(encoding="utf-8") == before


def test_unresolved_counts_groups_spellings() -> None:
    names = ["Zorglub Brigade", "zorglub brigade", "Zorglub Brigade", "al-Fooq", "el-Fooq", "Blip", ""]
    assert unresolved_counts(names) == [("Zorglub Brigade", 3), ("al-Fooq", 2), ("Blip", 1)]


# --- normalisation and type guesses


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Taqwa", "Abou Taqwa"),
        ("Harakat al-Nujaba", "Harakat el Nujaba"),
        ("Kais al-Khazali", "Qais al-Khazali"),
        ("Hizbullah", "Hezbollah"),
        ("Hizballah", "Hezbollah"),
        ("Asa'ib Ahl al-Haq", "Asaib Ahl al Haq"),
        ("Kaïs Saïed", "Kais Saied"),
        ("Kataib Sayyid ash-Shuhada", "Kataib Sayyid al-Shuhada"),
        ("the Pentagon", "Pentagon"),
        ("Mohammed bin Salman", "Muhammad ibn Salman"),
        ("Abdel Fattah el-Sisi", "Abdelfattah al-Sisi"),
        ("Military Forces of Iraq (2022-)", "Military Forces of Iraq"),
        ("U.S.", "US"),
    ],
)
def test_normalise_unifies_variants(a: str, b: str) -> None:
    assert normalise(a).replace(" ", "") == normalise(b).replace(" ", "")


def test_normalise_examples() -> None:
    assert normalise("Qais al-Khazali") == "kais khazali"
    assert normalise("  The  Hizbullah ") == "hezbolah"
    assert normalise("Iraq's police") == "irak police"
    assert normalise("SAA") != normalise("SSA")  # acronyms keep their letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("armed gunmen", "Political militia"),
        ("rioters", "Rioters"),
        ("UN peacekeepers", "External/Other forces"),
        ("security forces", "State forces"),
        ("rebels", "Rebel group"),
        ("the weather", None),
    ],
)
def test_guess_type(text: str, expected: str | None) -> None:
    assert guess_type(text) == expected


# --- spaCy patterns


def test_patterns_are_accepted_by_the_entity_ruler() -> None:
    patterns = load_kb().patterns()
    assert len(patterns) > 1000
    assert {p["label"] for p in patterns} == {"ORG", "PERSON", "GPE", "NORP"}
    assert all(set(p) == {"label", "pattern", "id"} and p["pattern"].strip() for p in patterns)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    doc = nlp(
        "Abou Taqwa of Harakat al-Nujaba was killed, the Pentagon said; Iraqi officials and Hezbollah agreed."
    )
    found = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Abou Taqwa", "PERSON", "p-mushtaq-taleb-al-saidi") in found
    assert ("Harakat al-Nujaba", "ORG", "nujaba") in found
    assert ("Iraqi", "NORP", "iq") in found
    assert ("Hezbollah", "ORG", "hezbollah") in found


def test_patterns_skip_generic_and_lowercase_names() -> None:
    texts = {p["pattern"] for p in load_kb().patterns()}
    assert "Civilians (Iraq)" not in texts
    assert "settlers" not in texts


@pytest.mark.parametrize(
    ("text", "on", "label"),
    [
        ("Usama bin Ladin", "2010-05-01", "Al-Qaeda"),  # a leader as government reports spell him
        ("Iranian airline Mahan Air", "2019-01-21", "Mahan Air"),  # the company, not the state of its demonym
        (
            "Ekrem Imamoglu",
            "2025-03-19",
            "Republican People's Party",
        ),  # an opposition mayor acts for his party
        ("the U.S. Supreme Court", "2020-12-11", "Supreme Court of the United States"),
    ],
)
def test_real_news_actors_reported_missing_are_known(text: str, on: str, label: str) -> None:
    assert load_kb().resolve(text, on=on).label == label
