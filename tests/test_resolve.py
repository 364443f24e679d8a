"""The Resolver: actors via a KB, places with article context, dates against the article date."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from marsad.records import (
    ActorRef,
    Article,
    Caption,
    DateRef,
    Evidence,
    Mention,
    Modality,
    PlaceRef,
    Precision,
)
from marsad.resolve import Resolver
from marsad.resolve.places import Gazetteer, load_gazetteer


class FakeKB:
    """Stands in for the actor KB: records its calls, knows one alias."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, str | None]] = []

    def resolve(self, text: str, *, on: str | None = None, country_hint: str | None = None) -> ActorRef:
        self.calls.append((text, on, country_hint))
        if text == "Nujaba":
            return ActorRef(text=text, name="Harakat al-Nujaba", actor_id="nujaba", resolved=True)
        return ActorRef(text=text)


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    # The session's gazetteer folder (see test_places), empty when the session starts.
    cache: Path = tmp_path_factory.getbasetemp() / "gazetteer-cache"
    return load_gazetteer(cache)


# Our own short articles, modelled on the seed's facts.
IRAQ = Article(
    id="iraq",
    title="Iraqi anger after US strike kills militia leader in Baghdad",
    body="A US drone strike on Thursday hit a militia headquarters in eastern Baghdad, Iraqi police said. "
    "The 2020 killing of a general near Baghdad airport was recalled.",
    captions=(Caption(text="Police cars at the scene in Baghdad, Iraq January 4, 2024.", credit="Reuters"),),
)
SYRIA = Article(
    id="syria",
    title="Syrian ministry reports arrests in Latakia and Damascus countryside",
    body="Syrian security forces arrested a cell leader earlier Monday in Latakia. Three men were held in "
    "the al-Wuroud neighbourhood of Qudsaya. Two suspects were linked to the December 26 attack in Homs.",
)


def mention(article: Article, *, place: str | None, date: str | None, **fields: object) -> Mention:
    evidence = Evidence(article_id=article.id, start=0, end=5, text=article.body[:5])
    base = Mention(
        id=f"{article.id}-{place}-{date}",
        article_id=article.id,
        plover_type="ASSAULT",
        place=PlaceRef(text=place) if place else None,
        date=DateRef(text=date),
        evidence=evidence,
    )
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def test_seed_strike_in_baghdad_dated_by_caption(gazetteer: Gazetteer) -> None:
    kb = FakeKB()
    resolver = Resolver(gazetteer, kb)
    strike = mention(IRAQ, place="eastern Baghdad", date="on Thursday", actor2=(ActorRef(text="Nujaba"),))
    [resolved] = resolver.resolve_all([strike], IRAQ)
    assert resolved.place is not None
    assert (resolved.place.name, resolved.place.admin1, resolved.place.country) == (
        "Baghdad",
        "Baghdad",
        "IQ",
    )
    assert resolved.place.geo_precision == 1
    assert (resolved.date.date, resolved.date.precision) == ("2024-01-04", Precision.DAY)
    assert resolved.actor2[0].name == "Harakat al-Nujaba"
    assert kb.calls == [("Nujaba", "2024-01-04", "IQ")]


def test_background_event_keeps_its_own_date(gazetteer: Gazetteer) -> None:
    recalled = mention(IRAQ, place="Baghdad airport", date="in 2020", background=True)
    undated = mention(IRAQ, place="Baghdad", date=None, background=True)
    first, second = Resolver(gazetteer).resolve_all([recalled, undated], IRAQ)
    assert (first.date.date, first.date.precision) == ("2020", Precision.YEAR)
    assert first.place is not None and first.place.name == "Baghdad International Airport"
    assert second.date.date is None and second.date.precision == Precision.UNKNOWN


def test_undated_report_takes_the_article_date(gazetteer: Gazetteer) -> None:
    reported = mention(IRAQ, place="Baghdad", date=None)
    planned = mention(IRAQ, place="Baghdad", date=None, modality=Modality.PLANNED)
    first, second = Resolver(gazetteer).resolve_all([reported, planned], IRAQ)
    assert (first.date.date, first.date.precision) == ("2024-01-04", Precision.DAY)
    assert first.date.text is None
    assert second.date.precision == Precision.UNKNOWN


def syria_mentions() -> list[Mention]:
    return [
        mention(SYRIA, place="Latakia", date="earlier Monday"),
        mention(SYRIA, place="the al-Wuroud neighbourhood of Qudsaya", date=None),
        mention(SYRIA, place="Homs", date="the December 26 attack", background=True),
    ]


def test_seed_syria_with_published_option(gazetteer: Gazetteer) -> None:
    article = dataclasses.replace(SYRIA, published="2026-01-12", published_from="option")
    latakia, qudsaya, homs = Resolver(gazetteer).resolve_all(syria_mentions(), article)
    assert latakia.date.date == "2026-01-12" and latakia.date.precision == Precision.DAY
    assert latakia.place is not None and latakia.place.admin1 == "Latakia"
    assert qudsaya.place is not None
    assert (qudsaya.place.name, qudsaya.place.admin1, qudsaya.place.country) == (
        "Qudsaya",
        "Rif Dimashq",
        "SY",
    )
    assert qudsaya.date.date == "2026-01-12"
    assert (homs.date.date, homs.date.precision) == ("2025-12-26", Precision.DAY)


def test_seed_syria_without_date_stays_unknown(gazetteer: Gazetteer) -> None:
    latakia, qudsaya, homs = Resolver(gazetteer).resolve_all(syria_mentions(), SYRIA)
    assert (latakia.date.text, latakia.date.date, latakia.date.precision) == (
        "earlier Monday",
        None,
        Precision.UNKNOWN,
    )
    assert qudsaya.date.date is None and qudsaya.date.precision == Precision.UNKNOWN
    assert homs.date.date is None and homs.date.text == "the December 26 attack"


def test_article_context_decides_homonyms(gazetteer: Gazetteer) -> None:
    lebanon = Article(id="lb", title="Clashes in north Lebanon", body="Lebanese troops deployed in Tripoli.")
    libya = Article(
        id="ly", title="Fighting in the Libyan capital", body="Libyan militias clashed in Tripoli."
    )
    resolver = Resolver(gazetteer)
    [in_lebanon] = resolver.resolve_all([mention(lebanon, place="Tripoli", date=None)], lebanon)
    [in_libya] = resolver.resolve_all([mention(libya, place="Tripoli", date=None)], libya)
    assert in_lebanon.place is not None and in_lebanon.place.country == "LB"
    assert in_libya.place is not None and in_libya.place.country == "LY"


def test_mention_without_place_gets_only_the_main_country(gazetteer: Gazetteer) -> None:
    bare = mention(SYRIA, place=None, date=None, actor1=(ActorRef(text="Someone"),))
    resolved = Resolver(gazetteer).resolve(bare, SYRIA)
    assert resolved.place is not None
    assert (resolved.place.country, resolved.place.latitude, resolved.place.resolved) == ("SY", None, False)
    assert resolved.place.text == "Syria" and resolved.place.geo_precision is None
    assert resolved.actor1 == (ActorRef(text="Someone"),)  # no KB: actors untouched


def test_no_country_when_none_dominates(gazetteer: Gazetteer) -> None:
    mixed = Article(id="mix", title="Talks", body="Egyptian and Palestinian officials met Israeli envoys.")
    [resolved] = Resolver(gazetteer).resolve_all([mention(mixed, place=None, date=None)], mixed)
    assert resolved.place is None


def test_country_only_place_has_no_point(gazetteer: Gazetteer) -> None:
    [resolved] = Resolver(gazetteer).resolve_all([mention(SYRIA, place="Lebanon", date=None)], SYRIA)
    assert resolved.place is not None
    assert resolved.place.country == "LB" and resolved.place.latitude is None
    assert resolved.place.geo_precision is None


def test_actors_are_resolved_in_their_role_with_the_packaged_kb(gazetteer: Gazetteer) -> None:
    from marsad.resolve.actors import load_kb

    resolver = Resolver(gazetteer, load_kb())
    strike = mention(
        IRAQ,
        place="eastern Baghdad",
        date="on Thursday",
        actor1=(ActorRef(text="US"),),
        actor2=(ActorRef(text="a pedestrian"),),
    )
    arrest = mention(
        SYRIA,
        place="Latakia",
        date=None,
        plover_type="COERCE",
        actor1=(ActorRef(text="Syria"),),
        actor2=(ActorRef(text="three men"),),
    )
    [resolved_strike] = resolver.resolve_all([strike], IRAQ)
    [resolved_arrest] = resolver.resolve_all([arrest], SYRIA)
    assert [a.label for a in resolved_strike.actor1] == ["Military Forces of the United States"]
    assert [a.label for a in resolved_strike.actor2] == ["Civilians (Iraq)"]
    assert [a.label for a in resolved_arrest.actor1] == ["Police Forces of Syria (2024-)"]
    assert [a.label for a in resolved_arrest.actor2] == ["Civilians (Syria)"]


class RoleKB(FakeKB):
    """A KB that also reads names in their role: records what the resolver tells it."""

    def __init__(self) -> None:
        super().__init__()
        self.roles: list[tuple[str, str, str | None]] = []

    def resolve_in_role(
        self,
        actor: ActorRef,
        *,
        role: str,
        plover_type: str | None,
        on: str | None = None,
        country_hint: str | None = None,
    ) -> ActorRef:
        self.roles.append((actor.text, role, plover_type))
        return self.resolve(actor.text, on=on, country_hint=country_hint)


def test_resolver_tells_the_kb_each_actors_role_and_event_type(gazetteer: Gazetteer) -> None:
    kb = RoleKB()
    consult = mention(
        IRAQ,
        place="Baghdad",
        date=None,
        plover_type="CONSULT",
        actor1=(ActorRef(text="Egypt"),),
        actor2=(ActorRef(text="Nujaba"),),
    )
    [resolved] = Resolver(gazetteer, kb).resolve_all([consult], IRAQ)
    assert kb.roles == [("Egypt", "actor1", "CONSULT"), ("Nujaba", "actor2", "CONSULT")]
    assert resolved.actor2[0].name == "Harakat al-Nujaba"


def test_placeless_mention_takes_the_town_of_its_sentence(gazetteer: Gazetteer) -> None:
    sentence = "Three men were held in the al-Wuroud neighbourhood of Qudsaya."
    start = SYRIA.body.index(sentence)
    evidence = Evidence(
        article_id=SYRIA.id,
        start=start,
        end=start + len(sentence),
        text=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
    )
    bare = dataclasses.replace(mention(SYRIA, place=None, date=None), evidence=evidence)
    [resolved] = Resolver(gazetteer).resolve_all([bare], SYRIA)
    assert resolved.place is not None and resolved.place.admin1 == "Rif Dimashq"
    assert resolved.place.geo_precision == 1 and resolved.place.latitude is not None


def test_attacker_demonyms_do_not_set_the_country(gazetteer: Gazetteer) -> None:
    strike = Article(
        id="strike",
        title="Israeli strike hits Syrian capital",
        body="An Israeli strike on Damascus killed two people. Israeli officials declined to comment.",
    )
    [resolved] = Resolver(gazetteer).resolve_all([mention(strike, place=None, date=None)], strike)
    assert resolved.place is not None and resolved.place.country == "SY"


@pytest.mark.parametrize(
    "seat", ["the White House", "the Kremlin", "the Pentagon", "Downing Street", "the Elysee"]
)
def test_a_seat_of_government_is_never_the_events_place(gazetteer: Gazetteer, seat: str) -> None:
    # Our own sentence: the seat stands for the government that spoke; the strike was in Syria.
    article = Article(
        id="seat",
        title="Strike on Idlib",
        body=f"Jets struck a market in Idlib, Syria, on Monday, {seat} said.",
    )
    [resolved] = Resolver(gazetteer).resolve_all([mention(article, place=seat, date=None)], article)
    assert resolved.place is not None and resolved.place.text != seat
    assert resolved.place.country == "SY"


def test_the_clue_says_how_a_mention_without_a_place_got_one(gazetteer: Gazetteer) -> None:
    [resolved] = Resolver(gazetteer).resolve_all([mention(SYRIA, place=None, date=None)], SYRIA)
    assert resolved.place is not None and resolved.place.clue in {
        "the article's country",
        "the article's main town",
    }
