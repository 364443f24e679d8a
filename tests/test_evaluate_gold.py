"""Reading gold files: both formats, and clear errors on malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import GoldError
from marsad.evaluate import gold_articles, load_gold
from marsad.records import Precision, content_id

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"


def test_json_gold_reads_every_field() -> None:
    gold = load_gold(FIXTURES / "two-articles.gold.json")
    assert gold.format == "json"
    assert gold.n_articles == 2
    assert [e.id for e in gold.events] == ["1a", "1b", "2a", "2b"]
    strike = gold.events[0]
    assert strike.plover_type == "ASSAULT"
    assert strike.acled_sub_event_type == "Air/drone strike"
    assert strike.actor2_parent == "Popular Mobilization Forces"
    assert (strike.location.latitude, strike.location.longitude) == (33.34, 44.40)
    assert (strike.fatalities_low, strike.fatalities_high, strike.fatalities_best) == (2, 4, 2)
    assert strike.date == "2024-01-04" and strike.date_precision is Precision.DAY
    assert [c.killed for c in strike.claims] == [2, 4]
    assert not gold.events[1].required
    assert gold.events[3].background and gold.events[3].date is None
    assert gold.titles[1] == "Syrian Police Detain Two Suspects over Homs Mosque Bombing"
    assert len(gold.digest) == 64
    assert gold_articles(gold) is None


def test_csv_gold_carries_its_articles() -> None:
    gold = load_gold(FIXTURES / "three-rows.csv")
    assert gold.format == "csv" and gold.n_articles == 3
    assert [e.id for e in gold.events] == ["T1", "T2", "T3"]
    protest = gold.events[1]
    assert protest.date == "2024-02-16"  # "16 February 2024" as ACLED writes it
    assert protest.actor2 is None and protest.fatalities_best == 0
    assert protest.line == 5  # row 1 spans lines 2-4
    articles = gold_articles(gold)
    assert articles is not None and len(articles) == 3
    first = articles[0]
    assert first.body.split("\n\n")[1] == "Neighbours searched the rubble until the evening."
    assert first.id == content_id(first.title, first.body, prefix="a_")
    assert all(first.body[p.start : p.end].strip() for p in first.paragraphs)


def test_csv_rows_with_the_same_text_share_an_article(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "event_id_cnty,event_type,text\n"
        "A,Battles,Two groups clashed in Daraa.\n"
        "B,Strategic developments,Two groups clashed in Daraa.\n"
        "C,Battles,Another text.\n",
        encoding="utf-8",
    )
    gold = load_gold(path)
    assert gold.n_articles == 2
    assert [e.article for e in gold.events] == [1, 1, 2]


_EVENT = '{"id": "x1", "article": 1, "plover": {"type": "ASSAULT"}}'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"events": [\n  {"id": 1,}\n]}', r"g\.json:2: invalid JSON"),
        ('{"evnts": []}', r'"events" list'),
        ('{"events": [{"article": 1}]}', r'events entry 1 has no "id"'),
        ('{"events": [{"id": "x1", "article": 0}]}', r'event x1: "article" must be'),
        (
            '{"events": [{"id": "x1", "article": 1, "plover": {"type": "ATTACK"}}]}',
            r"unknown PLOVER type 'ATTACK'",
        ),
        ('{"events": [{"id": "x1", "article": 1, "status": "maybe"}]}', r'event x1: "status" must be'),
        (
            '{"events": [{"id": "x1", "article": 1, "date": "4 Jan 2024"}]}',
            r"event x1: date '4 Jan 2024' is not ISO",
        ),
        (
            '{"events": [{"id": "x1", "article": 1, "fatalities": {"low": 5, "high": 2}}]}',
            r"low 5 is above high 2",
        ),
        ('{"events": [{"id": "x1", "article": 1, "location": {"lat": 33.3}}]}', r'both "lat" and "lon"'),
        (
            '{"events": [{"id": "x1", "article": 1, '
            '"acled": {"event_type": "Battles", "sub_event_type": "Arrests"}}]}',
            r"'Arrests' does not belong to 'Battles'",
        ),
        (
            '{"events": [{"id": "x1", "article": 1, "claims": [{"killed": 2}]}]}',
            r'claims entry 1: no "source"',
        ),
        ('{"events": [' + _EVENT + ", " + _EVENT + "]}", r"'x1' occurs twice"),
        (
            '{"articles": [{"n": 1}], "events": [{"id": "x1", "article": 2}]}',
            r"event x1: article 2 is beyond the 1 articles",
        ),
    ],
)
def test_malformed_json_gold_names_file_and_event(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "g.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"g\.csv: empty CSV"),
        ("event_type,body_text\nBattles,x\n", r"g\.csv:1: no text column"),
        ("text,actor1\nsome text,Hamas\n", r"g\.csv:1: no event_type column"),
        ("event_type,text\n", r"g\.csv: no data rows"),
        ("event_type,text\nBattles,ok\nBattles,ok,extra\n", r"g\.csv:3: 3 fields, but the header has 2"),
        ("event_type,text,fatalities\nBattles,ok,2\nBattles,ok2,many\n", r"g\.csv:3: fatalities 'many'"),
        ("event_type,text\nBattle,ok\n", r"g\.csv:2: unknown ACLED event_type 'Battle'"),
        ("event_type,text\nBattles,\n", r"g\.csv:2: empty text"),
        ("event_type,text,event_date\nBattles,ok,next week\n", r"g\.csv:2: event_date 'next week'"),
        ("event_type,text,latitude\nBattles,ok,33.1\n", r"g\.csv:2: give both latitude and longitude"),
        ("event_type,text,time_precision\nBattles,ok,4\n", r"g\.csv:2: time_precision '4'"),
    ],
)
def test_malformed_csv_gold_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldError, match=message):
        load_gold(path)


def test_missing_and_undecodable_files_are_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"nope\.json: cannot read the gold file"):
        load_gold(tmp_path / "nope.json")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("event_type,text\nBattles,caf\xe9\n".encode("latin-1"))
    with pytest.raises(GoldError, match=r"latin\.csv: not UTF-8"):
        load_gold(latin)
