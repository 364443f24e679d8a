"""Records serialise to plain JSON and come back equal."""

from __future__ import annotations

import json

from marsad.records import (
    ActorRef,
    Article,
    Caption,
    Claim,
    DateRef,
    Event,
    Evidence,
    Figure,
    FigureKind,
    Mention,
    Modality,
    Paragraph,
    PlaceRef,
    Precision,
    SourceSpan,
    content_id,
    from_dict,
    to_dict,
    to_json,
)


def evidence() -> Evidence:
    return Evidence(article_id="a_1", start=4, end=9, text="strike", sentence_start=0, sentence_end=20)


def test_content_id_is_stable_and_prefixed() -> None:
    assert content_id("a", "b", prefix="e_") == content_id("a", "b", prefix="e_")
    assert content_id("a", "b") != content_id("ab")
    assert content_id("x", prefix="m_").startswith("m_")


def test_mention_round_trips_through_json() -> None:
    mention = Mention(
        id="m_1",
        article_id="a_1",
        plover_type="ASSAULT",
        plover_mode="aerial",
        actor1=(ActorRef(text="US", name="Military Forces of the United States", resolved=True),),
        place=PlaceRef(
            text="eastern Baghdad", name="Baghdad", latitude=33.34, longitude=44.4, geo_precision=1
        ),
        date=DateRef(text="on Thursday", date="2024-01-04", precision=Precision.DAY),
        figures=(Figure(kind=FigureKind.KILLED, low=2, high=4, text="two to four"),),
        weapons=("drone",),
        claims=(
            Claim(
                source="the Pentagon",
                figures=(Figure(kind=FigureKind.KILLED, low=2, high=2),),
                evidence=evidence(),
            ),
        ),
        modality=Modality.ASSERTED,
        evidence=evidence(),
    )
    data = json.loads(to_json(mention))
    assert data["date"]["precision"] == "day"
    assert from_dict(Mention, data) == mention


def test_article_and_event_round_trip() -> None:
    article = Article(
        id="a_1",
        title="T",
        body="one\n\ntwo",
        paragraphs=(Paragraph(start=0, end=3, source=SourceSpan(path="x.txt", start=10, end=13, line=3)),),
        captions=(Caption(text="A photo", credit="AFP"),),
        locations=(SourceSpan(path="x.txt", start=0, end=40),),
    )
    assert from_dict(Article, to_dict(article)) == article
    assert article.photo_credits == ("AFP",)
    event = Event(id="e_1", plover_type="COERCE", plover_mode="arrest", arrested=3, mention_ids=("m_1",))
    assert from_dict(Event, to_dict(event)) == event
