"""Sample records for the store and export tests, written in our own words (facts only).

Importable from other test modules (``from test_store_samples import ...``); it holds no tests.
"""

from __future__ import annotations

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
    Rejection,
    SourceSpan,
)

BAGHDAD_BODY = (
    "A drone strike hit a militia headquarters in eastern Baghdad on Thursday.\n\n"
    "The Pentagon said two members of Harakat al-Nujaba died, among them its leader.\n\n"
    "Iraqi police and militia sources put the toll at four, and said seven people were wounded."
)
LATAKIA_BODY = (
    "Syria's Interior Ministry said security campaigns in the Latakia countryside ended.\n\n"
    "Twelve suspects were detained and weapons depots were seized during the operations."
)
_FIRST_END = BAGHDAD_BODY.index("\n\n")
CAIRO_BODY = "Palestinian factions met in Cairo to discuss an administrative committee for the Gaza Strip."


def _span(body: str, text: str, article_id: str) -> Evidence:
    start = body.index(text)
    return Evidence(article_id=article_id, start=start, end=start + len(text), text=text)


def articles() -> list[Article]:
    baghdad = Article(
        id="art-baghdad",
        title="Calls grow in Iraq for US withdrawal after strike on Nujaba leader",
        body=BAGHDAD_BODY,
        paragraphs=(
            Paragraph(
                start=0, end=_FIRST_END, source=SourceSpan(path="news/a.txt", start=120, end=193, line=4)
            ),
            Paragraph(start=_FIRST_END + 2, end=len(BAGHDAD_BODY)),
        ),
        captions=(Caption(text="Mourners at the funeral in Baghdad", credit="Reuters"),),
        source="Asharq Al-Awsat",
        url="https://example.org/a",
        published="2024-01-04",
        published_from="caption",
        format="dump",
        locations=(SourceSpan(path="news/a.txt", start=0, end=900, line=1),),
    )
    latakia = Article(
        id="art-latakia",
        title="Syrian ministry details security campaigns in Latakia",
        body=LATAKIA_BODY,
        source="Asharq Al-Awsat",
        published="2026-01-12",
        published_from="option",
        format="dump",
        locations=(SourceSpan(path="news/a.txt", start=901, end=1500, line=30),),
    )
    cairo = Article(
        id="art-cairo",
        title="Cairo talks on Gaza administration",
        body=CAIRO_BODY,
        format="plain",
        locations=(SourceSpan(path="news/b.txt", start=0, end=95),),
    )
    return [baghdad, latakia, cairo]


US_FORCES = ActorRef(
    text="US forces",
    name="Military Forces of the United States",
    actor_id="us-military",
    actor_type="External/Other forces",
    sector="MIL",
    country="US",
    resolved=True,
)
NUJABA = ActorRef(
    text="Harakat al-Nujaba",
    name="Harakat al-Nujaba",
    actor_id="nujaba",
    parent="Popular Mobilization Forces",
    actor_type="Political militia",
    country="IQ",
    resolved=True,
)
SYRIA_INTERIOR = ActorRef(
    text="Syria's Interior Ministry",
    name="Police Forces of Syria",
    actor_id="sy-interior",
    actor_type="State forces",
    sector="GOV",
    country="SY",
    resolved=True,
)
SUSPECTS = ActorRef(text="suspects", actor_type="Civilians")
BAGHDAD = PlaceRef(
    text="eastern Baghdad",
    name="Baghdad",
    admin1="Baghdad",
    country="IQ",
    country_name="Iraq",
    latitude=33.3406,
    longitude=44.4009,
    geo_precision=2,
    geonameid=98182,
    resolved=True,
)
LATAKIA = PlaceRef(
    text="the Latakia countryside",
    name="Latakia",
    admin1="Latakia",
    country="SY",
    latitude=35.5317,
    longitude=35.7901,
    geo_precision=3,
    resolved=True,
)
CAIRO = PlaceRef(text="Cairo", name="Cairo", country="EG", country_name="Egypt", resolved=True)


def baghdad_claims() -> tuple[Claim, ...]:
    body = BAGHDAD_BODY
    return (
        Claim(
            source="the Pentagon",
            source_kind="official",
            source_org="United States Department of Defense",
            figures=(Figure(kind=FigureKind.KILLED, low=2, high=2, text="two members"),),
            note="self-defence strike; no civilians harmed",
            evidence=_span(body, "The Pentagon said two members of Harakat al-Nujaba died", "art-baghdad"),
        ),
        Claim(
            source="Iraqi police and militia sources",
            source_kind="anonymous",
            figures=(
                Figure(kind=FigureKind.KILLED, low=4, high=4, text="four"),
                Figure(kind=FigureKind.INJURED, low=7, high=7, text="seven people"),
            ),
            weapons=("drone",),
            evidence=_span(body, "Iraqi police and militia sources put the toll at four", "art-baghdad"),
        ),
    )


def mentions() -> list[Mention]:
    strike = Mention(
        id="m-strike",
        article_id="art-baghdad",
        plover_type="ASSAULT",
        plover_mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        trigger="strike",
        actor1=(US_FORCES,),
        actor2=(NUJABA,),
        place=BAGHDAD,
        date=DateRef(text="on Thursday", date="2024-01-04", precision=Precision.DAY),
        figures=(Figure(kind=FigureKind.KILLED, low=2, high=4, text="two ... four"),),
        weapons=("drone",),
        named_casualties=("Mushtaq Taleb al-Saidi",),
        claims=baghdad_claims(),
        evidence=_span(BAGHDAD_BODY, "A drone strike hit a militia headquarters", "art-baghdad"),
    )
    arrests = Mention(
        id="m-arrests",
        article_id="art-latakia",
        plover_type="COERCE",
        plover_mode="arrest",
        acled_event_type="Strategic developments",
        acled_sub_event_type="Arrests",
        trigger="detained",
        actor1=(SYRIA_INTERIOR,),
        actor2=(SUSPECTS,),
        place=LATAKIA,
        date=DateRef(text=None, date="2026-01-12", precision=Precision.WEEK),
        figures=(Figure(kind=FigureKind.ARRESTED, low=12, high=12, text="Twelve suspects"),),
        evidence=_span(LATAKIA_BODY, "Twelve suspects were detained", "art-latakia"),
    )
    return [strike, arrests]


def events() -> list[Event]:
    strike = Event(
        id="ev-baghdad-strike",
        plover_type="ASSAULT",
        plover_mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor1=(US_FORCES,),
        actor2=(NUJABA,),
        place=BAGHDAD,
        date=DateRef(text="on Thursday", date="2024-01-04", precision=Precision.DAY),
        fatalities_low=2,
        fatalities_high=4,
        fatalities_best=2,
        injured=7,
        weapons=("drone", "missile"),
        named_casualties=("Mushtaq Taleb al-Saidi",),
        claims=baghdad_claims(),
        mention_ids=("m-strike",),
        article_ids=("art-baghdad",),
        sources=("Asharq Al-Awsat",),
    )
    arrests = Event(
        id="ev-latakia-arrests",
        plover_type="COERCE",
        plover_mode="arrest",
        acled_event_type="Strategic developments",
        acled_sub_event_type="Arrests",
        actor1=(SYRIA_INTERIOR,),
        actor2=(SUSPECTS,),
        place=LATAKIA,
        date=DateRef(date="2026-01-12", precision=Precision.WEEK),
        arrested=12,
        mention_ids=("m-arrests",),
        article_ids=("art-latakia",),
        sources=("Asharq Al-Awsat",),
        notes="Part of a wider security campaign.",
    )
    talks = Event(
        id="ev-cairo-talks",
        plover_type="CONSULT",
        actor1=(ActorRef(text="Palestinian factions"),),
        place=CAIRO,
        date=DateRef(text="recently", precision=Precision.UNKNOWN),
        article_ids=("art-cairo",),
    )
    recalled = Event(
        id="ev-lebanon-2024",
        plover_type="ASSAULT",
        plover_mode="aerial",
        acled_event_type="Explosions/Remote violence",
        acled_sub_event_type="Air/drone strike",
        actor1=(
            ActorRef(
                text="Israel", name="Military Forces of Israel", actor_type="State forces", country="IL"
            ),
        ),
        actor2=(ActorRef(text="Hezbollah", name="Hezbollah", actor_type="Political militia", country="LB"),),
        place=PlaceRef(text="south Lebanon", admin1="South Lebanon", country="LB", geo_precision=3),
        date=DateRef(text="in 2024", date="2024", precision=Precision.YEAR),
        modality=Modality.ASSERTED,
        background=True,
        fatalities_low=0,
        fatalities_high=0,
        fatalities_best=0,
        article_ids=("art-cairo",),
    )
    return [strike, arrests, talks, recalled]


def rejections() -> list[Rejection]:
    return [
        Rejection(stage="ingest", reason="empty file; nothing to ingest", path="news/empty.txt"),
        Rejection(
            stage="extract",
            reason="no actor for the trigger",
            article_id="art-cairo",
            text="to discuss",
        ),
    ]
