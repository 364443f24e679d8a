"""Actors the ACLED way (issue 17): fragments name nobody, unnamed actors are generic, sides and
metonyms, and a user's own folder of actors (``--kb`` / ``MARSAD_KB``). Sentences are our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad import pipeline
from marsad.cli import cli
from marsad.records import ActorRef, Article
from marsad.resolve import load_resolver
from marsad.resolve.actors import KB_ENV, KnowledgeBase, load_kb, packaged_paths, user_paths
from marsad.resolve.kb_roles import is_fragment


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def label(kb: KnowledgeBase, text: str, plover: str, role: str = "actor1", cc: str | None = "SY") -> str:
    ref = kb.resolve_in_role(
        ActorRef(text=text), role=role, plover_type=plover, on="2025-06-01", country_hint=cc
    )
    return ref.label if ref.resolved else "?"


@pytest.mark.parametrize(
    "text", ["the group", "boys", "families", "country", "office", "other", "Both sides", "25 others", "pro"]
)
def test_common_noun_fragments_name_nobody(text: str) -> None:
    assert is_fragment(text)


@pytest.mark.parametrize(
    "text", ["Syrian opposition leaders", "Ohio man Jim Doe", "Church", "Sentinels of the Valley", "Kurdish"]
)
def test_a_capitalised_word_past_the_opening_names_someone(text: str) -> None:
    assert not is_fragment(text)


@pytest.mark.parametrize(
    ("text", "plover", "role", "cc", "expected"),
    [
        # Unnamed attackers are the Unidentified Armed Group of the place of the event.
        ("a gunman", "ASSAULT", "actor1", "PL", "Unidentified Armed Group (Poland)"),
        ("armed bandits", "ASSAULT", "actor1", "NG", "Unidentified Armed Group (Nigeria)"),
        ("a man", "ASSAULT", "actor1", "GB", "Unidentified Armed Group (United Kingdom)"),
        # Crowds: an angry mob riots; protesters who attack are rioters.
        ("an angry mob", "ASSAULT", "actor1", "GB", "Rioters (United Kingdom)"),
        ("protesters", "ASSAULT", "actor1", "RS", "Rioters (Serbia)"),
        ("protesters", "PROTEST", "actor1", "RS", "Protesters (Serbia)"),
        # Civilians take the country where the event happened, not the article's other countries.
        ("families", "ASSAULT", "actor2", "TR", "Civilians (Turkey)"),
        ("passers-by", "ASSAULT", "actor2", "PL", "Civilians (Poland)"),
        # "The regime" is the government of the event's country.
        ("the regime", "ASSAULT", "actor1", "SY", "Government of Syria (2024-)"),
        # Someone named but of no group the KB knows: a civilian when hit, an unidentified armed actor when
        # attacking alone.
        ("Jane Roe", "ASSAULT", "actor2", "GB", "Civilians (United Kingdom)"),
        ("Omar al-Fulani", "COERCE", "actor2", "YE", "Civilians (Yemen)"),
        ("Jane Roe", "ASSAULT", "actor1", "GB", "Unidentified Armed Group (United Kingdom)"),
    ],
)
def test_unnamed_actors_are_acleds_generic_actors(
    kb: KnowledgeBase, text: str, plover: str, role: str, cc: str, expected: str
) -> None:
    assert label(kb, text, plover, role, cc) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Damascus", "Government of Syria (2024-)"),
        ("Washington", "Government of the United States"),
        ("the White House", "Government of the United States"),
        ("the Kremlin", "Government of Russia"),
        ("Downing Street", "Government of the United Kingdom"),
        ("the Elysee", "Government of France"),
        ("the Syrian foreign minister", "Government of Syria (2024-)"),
        ("a government spokesman", "Government of Syria (2024-)"),
    ],
)
def test_officials_and_metonyms_speak_for_their_government(
    kb: KnowledgeBase, text: str, expected: str
) -> None:
    assert label(kb, text, "ACCUSE") == expected


def test_the_opposition_is_not_its_state(kb: KnowledgeBase) -> None:
    assert "Syria" not in label(kb, "Syrian opposition leaders", "CONSULT", cc="SA")
    assert "Syria" not in label(kb, "Iranian dissidents", "ACCUSE", cc="FR")


def test_a_european_parliament_is_not_the_government_of_the_event_country(kb: KnowledgeBase) -> None:
    assert label(kb, "European parliament", "ACCUSE", cc="SY") == "European Parliament"


def test_spellings_of_the_islamic_state_and_the_taliban(kb: KnowledgeBase) -> None:
    assert label(kb, "Isis", "ASSAULT") == "Islamic State"
    assert label(kb, "the Taliban", "ASSAULT", cc="AF") == "Taliban"


@pytest.mark.parametrize(
    ("plover", "mode", "expected"),
    [
        ("PROTEST", "demo", "Protesters (Poland)"),
        ("PROTEST", "riot", "Rioters (Poland)"),
        ("COERCE", "arrest", "Police Forces of Poland"),
        ("ASSAULT", "firearms", "Unidentified Armed Group (Poland)"),
        ("ASSAULT", "aerial", None),  # air strikes are a state's: nobody is guessed
        ("CONSULT", None, None),
    ],
)
def test_the_actor_of_an_event_nobody_is_named_for(
    kb: KnowledgeBase, plover: str, mode: str | None, expected: str | None
) -> None:
    found = kb.unnamed_actor(plover, mode, on="2025-06-01", country="PL")
    assert (found.label if found else None) == expected


def test_no_event_shows_a_lowercase_fragment_as_an_actor() -> None:
    body = (
        "Both sides traded accusations in Kirkuk on Monday. "
        "The group attacked a checkpoint near Kirkuk on Monday, killing two policemen. "
        "Hundreds of people protested in Basra on Tuesday. "
        "Police arrested three men in Mosul on Wednesday."
    )
    article = Article(id="a-issue17", title="Our test article", body=body, published="2026-01-14")
    mentions, events = pipeline.events_for([article])
    assert events
    for event in events:
        for actor in (*event.actor1, *event.actor2):
            assert actor.resolved or not is_fragment(actor.text), (event.plover_type, actor.text)
            assert not actor.fragment
    protest = next(e for e in events if e.plover_type == "PROTEST")
    assert [a.label for a in protest.actor1] == ["Protesters (Iraq)"]
    # The fragments stay on the mentions, so `marsad kb unresolved` counts them.
    fragments = [a.text for m in mentions for a in (*m.actor1, *m.actor2) if a.fragment]
    assert fragments


def write_actor(folder: Path, **fields: object) -> Path:
    entry: dict[str, object] = {"id": "x-valley", "name": "Sentinels of the Valley", "kind": "organisation"}
    entry |= {"type": "Political militia", "sector": "UAF", "country": "SY", "aliases": ["Valley Sentinels"]}
    entry.update(fields)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.jsonl"
    path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    return path


def test_a_users_folder_adds_actors_to_the_packaged_kb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_actor(tmp_path / "kb")
    assert not load_resolver().kb.resolve("Valley Sentinels").resolved  # type: ignore[union-attr]
    monkeypatch.setenv(KB_ENV, str(tmp_path / "kb"))
    assert load_resolver().kb.resolve("Valley Sentinels").label == "Sentinels of the Valley"  # type: ignore[union-attr]
    assert user_paths() == (tmp_path / "kb" / "mine.jsonl",)


def test_kb_check_validates_a_folder_naming_file_and_line(tmp_path: Path) -> None:
    good = write_actor(tmp_path / "good")
    result = CliRunner().invoke(cli, ["kb", "check", str(good.parent)])
    assert result.exit_code == 0, result.stderr
    assert "1 file(s) of your own" in result.stderr
    bad = write_actor(tmp_path / "bad", id="pmf", type="Warlords")
    result = CliRunner().invoke(cli, ["kb", "check", str(bad.parent)])
    assert result.exit_code == 1
    assert f"{bad}:1: " in result.stderr and "duplicate id 'pmf'" in result.stderr
    assert "'Warlords' is not an ACLED actor type" in result.stderr


def test_kb_check_names_files_it_does_not_read(tmp_path: Path) -> None:
    good = write_actor(tmp_path / "mine")
    (good.parent / "more-actors.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["kb", "check", str(good.parent)])
    assert result.exit_code == 0, result.stderr
    assert "more-actors.json: not read (only *.jsonl files hold actors)" in result.stderr
    assert "1 file(s) of your own" in result.stderr


def test_run_refuses_a_missing_kb_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["run", "-", "--db", str(tmp_path / "x.db"), "--kb", str(tmp_path / "no")]
    )
    assert result.exit_code == 2
    assert "no such folder of actor files" in result.stderr
    assert len(packaged_paths()) > 5
