"""Numbers as people write them, each figure in its clause, and a sanity flag for absurd tolls (issue 15).

Sentences are ours; the traps are the ones a trial on real articles fell into ("At least half a million
... have already been killed" coded as one event with 1,000,000 killed).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language
from starlette.testclient import TestClient

import test_store_samples as samples
from marsad import output
from marsad.cli import cli
from marsad.extract import extract
from marsad.extract.figures import parse_number, parse_range
from marsad.merge.build import build_event
from marsad.records import Article, Claim, Figure, FigureKind, Mention
from marsad.resolve import load_actor_names
from marsad.sanity import killed_threshold, review_flags
from marsad.store import open_store
from marsad.web import create_app


def _mentions(nlp: Language, body: str) -> list[Mention]:
    article = Article(id="a_numbers", title="Numbers", body=body, published="2024-01-04")
    return list(extract(nlp(body), article, actors=load_actor_names()).mentions)


def _figure(nlp: Language, body: str, kind: FigureKind = FigureKind.KILLED) -> tuple[int | None, int | None]:
    found = [f for m in _mentions(nlp, body) for f in m.figures if f.kind is kind]
    assert found, f"no {kind.value} figure in {body!r}"
    return found[0].low, found[0].high


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["half", "a", "million"], 500_000),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["one", "hundred", "and", "twenty"], 120),
        (["twenty", "-", "five"], 25),
        (["1,200"], 1200),
    ],
)
def test_written_numbers(words: list[str], value: int) -> None:
    assert parse_number(words) == value


@pytest.mark.parametrize(
    ("words", "bounds"),
    [
        (["20", "to", "25"], (20, 25)),
        (["10", "-", "15"], (10, 15)),
        (["two", "or", "three"], (2, 3)),
        (["between", "10", "and", "15"], (10, 15)),
        (["twenty", "-", "five"], None),  # one number, not a range
        (["one", "hundred", "and", "twenty"], None),
    ],
)
def test_written_ranges(words: list[str], bounds: tuple[int, int] | None) -> None:
    assert parse_range(words) == bounds


@pytest.mark.parametrize(
    ("body", "bounds"),
    [
        ("A car bomb killed two soldiers and a civilian in Kirkuk.", (3, 3)),
        ("Between 10 and 15 villagers were killed in the raid on Hawija.", (10, 15)),  # never 25
        ("The shelling killed 20 to 25 people in Idlib.", (20, 25)),  # never 45
        ("The shelling killed two or three people in Idlib.", (2, 3)),
        ("Dozens of people were killed in an air strike on Maarat al-Numan.", (24, None)),
        ("Scores of people were killed in the bombing of the market in Douma.", (40, None)),
        ("Hundreds of fighters were killed in the battle for Baghuz.", (200, None)),
        ("More than a dozen people were killed in the raid on Hawija.", (12, None)),
        ("At least 30 people were killed in the raid on Hawija.", (30, None)),
        ("Several guards were killed in the raid on Hawija.", (3, None)),
        ("A bomb hit the market in Hawija. Dozens died in the blast.", (24, None)),  # no "of people"
    ],
)
def test_killed_as_written(nlp: Language, body: str, bounds: tuple[int | None, int | None]) -> None:
    assert _figure(nlp, body) == bounds


def test_up_to_is_an_upper_bound_only(nlp: Language) -> None:
    assert _figure(nlp, "Up to 50 people were injured in the blast in Kirkuk.", FigureKind.INJURED) == (
        None,
        50,
    )


def test_a_figure_stays_in_its_clause(nlp: Language) -> None:
    mentions = _mentions(
        nlp, "Gunmen killed two guards in Tikrit on Monday. A bomb wounded five policemen in Samarra."
    )
    wounded = next(m for m in mentions if m.trigger == "wounded")
    assert {f.kind for f in wounded.figures} == {FigureKind.INJURED}  # the two dead are not borrowed
    killed = next(m for m in mentions if m.trigger == "killed")
    assert [(f.kind, f.low) for f in killed.figures] == [(FigureKind.KILLED, 2)]


def test_killed_and_wounded_in_one_sentence_stay_apart(nlp: Language) -> None:
    body = "The drone strike killed two soldiers and wounded five civilians near Tikrit."
    figures = {f.kind: (f.low, f.high) for m in _mentions(nlp, body) for f in m.figures}
    assert figures[FigureKind.KILLED] == (2, 2)
    assert figures[FigureKind.INJURED] == (5, 5)


@pytest.mark.parametrize(
    "body",
    [
        "At least half a million Syrians have already been killed.",  # a war-wide running total
        "Officials said 40 people have been killed so far in the fighting.",
        "The minister said that 120 million people had died from coronavirus.",  # illness, not violence
    ],
)
def test_totals_and_illness_are_no_event_tolls(nlp: Language, body: str) -> None:
    assert not [m for m in _mentions(nlp, body) if m.plover_type == "ASSAULT"]


def _event_with_killed(low: int, high: int) -> Mention:
    base = samples.mentions()[0]
    claim = Claim(
        source="article", figures=(Figure(kind=FigureKind.KILLED, low=low, high=high, text=f"{low}"),)
    )
    return dataclasses.replace(base, claims=(claim,), figures=claim.figures)


def test_an_absurd_toll_is_flagged_and_not_counted() -> None:
    articles = {a.id: a for a in samples.articles()}
    event = build_event([_event_with_killed(5000, 5000)], articles)
    assert review_flags(event) == (f"killed-above-{killed_threshold()}",)
    assert event.fatalities_low == 5000 and event.fatalities_best is None  # kept for review, not counted
    assert "review" in event.notes
    assert "killed-above" in output.event_flags(event)
    ordinary = build_event([_event_with_killed(12, 12)], articles)
    assert review_flags(ordinary) == () and ordinary.fatalities_best == 12


def test_flagged_events_are_listed_and_shown(tmp_path: Path) -> None:
    articles = {a.id: a for a in samples.articles()}
    flagged = build_event([_event_with_killed(5000, 5000)], articles)
    path = tmp_path / "flags.db"
    with open_store(path) as store:
        store.add_articles(samples.articles())
        store.replace_events([*samples.events(), flagged])
    result = CliRunner().invoke(cli, ["events", "--db", str(path), "--flags", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [e["id"] for e in json.loads(result.output)] == [flagged.id]
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        page = client.get(f"/events/{flagged.id}").text
        assert 'id="review"' in page and "killed-above" in page
        assert 'id="review"' not in client.get(f"/events/{samples.events()[0].id}").text


def test_aggregate_statements_are_stored_with_their_source_and_shown_not_counted(tmp_path: Path) -> None:
    body = (
        "Gunmen killed two guards at a checkpoint in Tikrit on Monday, police said. "
        "The UN said at least half a million Syrians have already been killed."
    )
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"title": "Checkpoint attack", "body": body, "published": "2024-01-04"}) + "\n"
    )
    path = tmp_path / "aggregates.db"
    result = CliRunner().invoke(cli, ["run", str(feed), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    with open_store(path) as store:
        events = store.events()
        article = store.articles()[0]
        aggregates = [r for r in store.rejections(article.id) if r.reason.startswith("aggregate statement")]
    assert [r.reason.split("; ", 1)[1] for r in aggregates] == [
        "killed: at least 500000; according to The UN"
    ]
    assert all((e.fatalities_low or 0) < 1000 for e in events)  # never an event's toll
    with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
        page = client.get(f"/articles/{article.id}").text
    assert 'id="aggregates"' in page and "at least 500000" in page
