"""Resolve a mention's actors, place and date: the ``resolve`` stage.

``load_resolver().resolve_all(mentions, article)`` returns the same mentions
with ``ActorRef`` (via the actor KB), ``PlaceRef`` (via the gazetteer, with the
article's countries and places as context) and ``DateRef`` (against the
article's reference date) filled in. ``resolve_toponyms(toponyms, article)``
places every place name of an article, event place or not (``marsad eval-geo``).
Nothing is guessed: a mention with no
date expression takes the article date only when that date is known and the
mention reports something that happened now (not a recalled, background event).

Actors the ACLED way: a common-noun fragment the KB cannot read ("the group", "Both sides") is no actor
name: it is marked ``ActorRef.fragment``, which keeps it off the event (``marsad kb unresolved`` still
counts it); a mention whose text names no agent gets ACLED's actor for its type in the event's country
(``Mention.unnamed_actor1``, from ``unnamed_actor1`` in data/actors/lexicon.json: Protesters, Rioters,
Police Forces, Unidentified Armed Group), which its event takes when no report of it names one.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from marsad.article_date import article_reference_date
from marsad.plover import plover_family
from marsad.records import ActorRef, Article, DateRef, Mention, Modality, PlaceRef, Precision, Toponym
from marsad.resolve import place_relations
from marsad.resolve.arrested import arrested_as
from marsad.resolve.dates import resolve_date
from marsad.resolve.gazetteer_context import Geography, read_geography
from marsad.resolve.gazetteer_index import MENA
from marsad.resolve.gazetteer_names import name_key, split_qualifiers
from marsad.resolve.kb_roles import is_fragment
from marsad.resolve.places import Gazetteer, Place, load_gazetteer
from marsad.resolve.protest_roles import (
    CLUE_MISSION,
    forces_at_protest,
    hurt_at_protest,
    mission_state,
    protest_roles,
)
from marsad.resolve.timeline import Period, is_ahead, is_long_before, lead_day, news_period

if TYPE_CHECKING:
    from marsad.resolve.actors import KnowledgeBase

log = logging.getLogger(__name__)

__all__ = [
    "ActorResolver",
    "EntityPatterns",
    "Resolver",
    "article_reference_date",
    "entity_patterns",
    "load_actor_names",
    "load_resolver",
    "resolve_date",
]


# Modalities whose event happened when reported: a threat is an event of its own (PLOVER THREATEN).
_DATED_BY_ARTICLE = frozenset({Modality.ASSERTED, Modality.THREATENED})
# Places an event takes from its article, not from its own clause.
_BORROWED_PLACES = frozenset({"the article's country", "the article's main town"})
# What a government does at home when no place is named: accuses, demands, rejects, threatens,
# backs, or bans. Agreements and talks happen where the parties meet, so they keep the article's place.
_DONE_AT_HOME = frozenset({"verbal conflict"})
_DONE_AT_HOME_TYPES = frozenset({"SUPPORT", "SANCTION"})
_COUNTRY_RANK = place_relations.COUNTRY
# A country outside the region weighs this much (gazetteer_context) once a town of it is named, or
# its name comes often: then its namesakes may win; a passing mention pulls none.
_NAMESAKE_WEIGHT = 1.5
# A town named beside a region stands for it when it lies in the region, or this near its point
# (Damascus for "the Damascus countryside", a division of its own).
_REGION_REACH_KM = 100.0
# A name followed by one of these words in lower case names a division ("Washington state", "Idlib
# province"): of its namesakes, a division is meant, not the town or the capital.
_DIVISION_AFTER = re.compile(
    r"\s+(?:state|province|governorate|county|oblast|prefecture|region|district)\b(?!\s+of\b)"
)
_DIVISION_KINDS = frozenset({"admin1", "admin2", "region"})


class ActorResolver(Protocol):
    """What the resolver needs of the actor knowledge base (``marsad.resolve.actors.KnowledgeBase``)."""

    def resolve(self, text: str, *, on: str | None = None, country_hint: str | None = None) -> ActorRef: ...


@runtime_checkable
class _RoleKB(Protocol):
    """The packaged KB's role-aware reading (``KnowledgeBase.resolve_in_role`` and ``unnamed_actor``)."""

    def resolve_in_role(
        self, actor: ActorRef, *, role: str, plover_type: str | None, on: str | None, country_hint: str | None
    ) -> ActorRef: ...

    def unnamed_actor(
        self,
        plover_type: str,
        mode: str | None,
        *,
        on: str | None,
        country: str,
        role: str = "actor1",
        acled_type: str | None = None,
    ) -> ActorRef | None: ...


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """What one article tells about all its mentions."""

    reference: str | None  # the article's ISO date, if known
    countries: tuple[str, ...]  # most relevant first
    places: tuple[str, ...]  # every place text of the article's mentions
    main_country: str | None  # the country the article is clearly about, if one dominates
    geography: Geography | None = None  # the towns the article names, for mentions that name none
    period: Period | None = None  # the days the article reports as news (its day, or a round-up's month)
    # The countries that may decide between namesakes: a country outside the region counts only when
    # the article names one of its towns or names it more than once, not for a passing mention.
    namesake_countries: tuple[str, ...] = ()
    body: str = ""  # the article's text, where a place name may be put inside another


class Resolver:
    """Fills in actors, places and dates of mentions, one article at a time."""

    def __init__(self, gazetteer: Gazetteer, kb: ActorResolver | None = None) -> None:
        self.gazetteer = gazetteer
        self.kb = kb

    def resolve(self, mention: Mention, article: Article) -> Mention:
        """One mention; see :meth:`resolve_all` to resolve an article's mentions with shared context."""
        return self._resolve(mention, self._context([mention], article))

    def resolve_all(self, mentions: Iterable[Mention], article: Article) -> list[Mention]:
        """The article's mentions in reading order; an undated reported event takes the day of the last
        dated one before it ("On Sunday gunmen stormed ... Police arrested two men."), else the day the
        lead sentence gives the story, not the report's."""
        mentions = list(mentions)
        context = self._context(mentions, article)
        out: list[Mention] = []
        story_day = _unless_recalled(lead_day(article.body, context.period), mentions, context)
        for mention in mentions:
            resolved = self._resolve(mention, context, story_day)
            if _tells_the_story_day(mention, resolved, context):
                story_day = dataclasses.replace(resolved.date, text=None)
            out.append(resolved)
        if not isinstance(self.kb, _RoleKB):
            return out
        out = hurt_at_protest(arrested_as(out, article, self.kb), article.body)
        return forces_at_protest(out, article.body)

    def resolve_toponyms(self, toponyms: Iterable[Toponym], article: Article) -> list[Toponym]:
        """Every place name of ``article`` that the gazetteer places, with its place (and the clue that
        chose it). The countries of the article's *other* names decide between namesakes: "Georgia"
        beside "Atlanta" and "Texas" is the state, whatever the word "Georgia" says by itself. A name
        the tagger took for something else (``guessed``) counts only when the gazetteer knows it by
        that very name as a country, a division or a town of 100,000, or as a place in the article's
        main countries; of overlapping names the longest placed one is kept."""
        toponyms = list(toponyms)
        texts = [t.text for t in toponyms if not t.guessed or self.gazetteer.is_well_known(t.text)]
        alone = {text: self.gazetteer.resolve(text, toponym=True).country for text in set(texts)}
        votes = Counter(alone[text] for text in texts if alone[text])
        placed: list[Toponym] = []
        contexts: list[tuple[list[str], list[str]]] = []
        for toponym in sorted(toponyms, key=lambda t: (t.start, -(t.end - t.start))):
            if placed and toponym.start < placed[-1].end:
                continue  # inside a longer name already placed ("U.S." of "U.S. Department of ...")
            others = votes.copy()
            own = alone.get(toponym.text)
            if own:
                others[own] -= texts.count(toponym.text)
            countries = [code for code, count in others.most_common() if code and count > 0]
            context = [text for text in texts if text != toponym.text]
            place = self.gazetteer.resolve(
                toponym.text,
                context_countries=countries,
                context_places=context,
                toponym=True,
                keep=_is_division if _DIVISION_AFTER.match(article.body, toponym.end) else None,
            )
            if place.latitude is None or (toponym.guessed and not self._sure(toponym, place, countries)):
                continue
            placed.append(dataclasses.replace(toponym, place=place))
            contexts.append((countries, context))
        return self._as_the_text_relates(placed, contexts, article.body)

    def _as_the_text_relates(
        self, placed: list[Toponym], contexts: list[tuple[list[str], list[str]]], body: str
    ) -> list[Toponym]:
        """Placed names read again where the words between names relate them (``place_relations``):
        a name the text puts inside another ("Midland, Michigan"; "Badhan in the Sanaag region") keeps
        only entries inside it, wherever the article names it; an item of a list whose other items are
        all countries, or all provinces of one country, is one too ("Ontario and New Brunswick")."""
        spans = [(t.start, t.end) for t in placed]
        refs = [t.place for t in placed if t.place is not None]
        if len(refs) != len(placed):
            return placed
        ranks = [self._rank(ref) for ref in refs]
        held: dict[str, list[tuple[PlaceRef, int]]] = {}
        strict: set[str] = set()
        neighbours = _list_neighbours(body, spans)
        for holder in place_relations.holders(body, spans):
            inner, outer = ranks[holder.inner], ranks[holder.outer]
            if not refs[holder.outer].country or inner >= _COUNTRY_RANK:
                continue
            if holder.said and outer < inner:
                continue
            if not holder.said and (
                outer <= inner
                or any(ranks[n] == outer for n in neighbours.get(holder.inner, ()) if n != holder.outer)
                or any(ranks[n] == outer for n in neighbours.get(holder.outer, ()) if n != holder.inner)
            ):
                continue  # "Baghdad, Iran and Turkey": items of a list, not a town and its country
            key = name_key(placed[holder.inner].text)
            held.setdefault(key, []).append((refs[holder.outer], outer))
            if holder.said or outer == 2:
                strict.add(key)  # said in words, or "Midland, Michigan": a town and its province
        kinds = _list_kinds(body, spans, refs, ranks)
        out: list[Toponym] = []
        for number, toponym in enumerate(placed):
            place = refs[number]
            key = name_key(toponym.text)
            keep: Callable[[Place], bool] | None = None
            if key in held and not all(_within_ref(place, h, rank) for h, rank in held[key]):
                outers = held[key]

                def keep(p: Place, outers: list[tuple[PlaceRef, int]] = outers) -> bool:
                    return all(place_relations.lies_within(p, h, rank) for h, rank in outers)

            elif number in kinds:
                keep = kinds[number]
            if keep is not None:
                countries, context = contexts[number]
                place = self.gazetteer.resolve(
                    toponym.text,
                    context_countries=countries,
                    context_places=context,
                    toponym=True,
                    keep=keep,
                    strict=key in strict and number not in kinds,
                )
                if place.latitude is None:
                    continue
            out.append(dataclasses.replace(toponym, place=place))
        return out

    def _rank(self, ref: PlaceRef) -> int:
        """How wide a placed name is: a country (3), a division or region (2), a town or a part of one (1)."""
        if ref.country and ref.geo_precision == 3 and ref.name == self.gazetteer.country_name(ref.country):
            return _COUNTRY_RANK
        return 2 if ref.geo_precision == 3 else 1

    def _sure(self, toponym: Toponym, place: PlaceRef, countries: Sequence[str]) -> bool:
        """Whether a name the tagger read as a person or a group is a place after all: a well-known
        place by that very name, or, unless read as a person, a place of one of the two countries the
        article's names point to ("Randwick" in a story about Sydney)."""
        if self.gazetteer.is_well_known(toponym.text):
            return True
        # A person's name that is also a town of the country ("Franklin") stays a person; so do the
        # first words of an organisation ("University" of "University of Sydney").
        return (
            toponym.label != "PERSON"
            and not toponym.part
            and place.country in countries[:2]
            and self.gazetteer.is_own_name(toponym.text)
        )

    def _context(self, mentions: Sequence[Mention], article: Article) -> _Context:
        reference, _ = article_reference_date(article)
        places = tuple(m.place.text for m in mentions if m.place is not None and m.place.text)
        # Towns weigh most, then country names, demonyms least: an attacker's nationality is not the scene.
        geography = read_geography(self.gazetteer, article, places)
        countries = tuple(code for code, _ in geography.countries)
        namesakes = tuple(
            code for code, weight in geography.countries if code in MENA or weight >= _NAMESAKE_WEIGHT
        )
        return _Context(
            reference=reference,
            countries=countries,
            places=places,
            main_country=geography.main_country,
            geography=geography,
            period=news_period(article.title, reference),
            namesake_countries=namesakes,
            body=article.body,
        )

    def _resolve(self, mention: Mention, context: _Context, story_day: DateRef | None = None) -> Mention:
        date = self._date(mention, context, story_day)
        modality, background = _when(mention, date, context)
        place = self._place_of(mention, context)
        country = (place.country if place else None) or (context.countries[0] if context.countries else None)
        on = date.date or context.reference
        actor1 = self._actors(mention.actor1, ("actor1", mention.plover_type), on=on, country=country)
        actor2 = self._actors(mention.actor2, ("actor2", mention.plover_type), on=on, country=country)
        place = self._acting_government_place(mention, place, actor1)
        if mention.plover_type == "PROTEST" and country is not None and isinstance(self.kb, _RoleKB):
            kb, mode = self.kb, mention.plover_mode
            actor1, actor2 = protest_roles(
                actor1, actor2, lambda: kb.unnamed_actor("PROTEST", mode, on=on, country=country)
            )
        unnamed = unnamed2 = None
        if country is not None and isinstance(self.kb, _RoleKB):
            if not any(not actor.fragment for actor in actor1):
                unnamed = self.kb.unnamed_actor(
                    mention.plover_type, mention.plover_mode, on=on, country=country
                )
            if not any(not actor.fragment for actor in actor2):
                against = self._mission_state(mention, context) if mention.plover_type == "PROTEST" else None
                unnamed2 = self.kb.unnamed_actor(
                    mention.plover_type,
                    mention.plover_mode,
                    on=on,
                    country=against or country,
                    role="actor2",
                    acled_type=mention.acled_event_type,
                )
                if against is not None and against != country and unnamed2 is not None:
                    unnamed2 = dataclasses.replace(unnamed2, clue=CLUE_MISSION)
        return dataclasses.replace(
            mention,
            date=date,
            modality=modality,
            background=background,
            # Reported as ACLED codes it (Hong Kong in China); actors keep the territory's own code.
            place=self.gazetteer.as_coded(place) if place is not None else None,
            actor1=actor1,
            actor2=actor2,
            unnamed_actor1=unnamed,
            unnamed_actor2=unnamed2,
        )

    def _mission_state(self, mention: Mention, context: _Context) -> str | None:
        """The state whose embassy or consulate the protest's sentence names (``mission_state``)."""
        ev = mention.evidence
        if self.kb is None or ev.sentence_start is None or ev.sentence_end is None:
            return None
        kb = self.kb

        def state_of(name: str) -> str | None:
            ref = kb.resolve(name.removeprefix("the ").removeprefix("The "))
            is_state = ref.resolved and ref.country is not None and ref.actor_id == ref.country.lower()
            return ref.country if is_state else None

        return mission_state(context.body[ev.sentence_start : ev.sentence_end], state_of)

    def _acting_government_place(
        self, mention: Mention, place: PlaceRef | None, actor1: Sequence[ActorRef]
    ) -> PlaceRef | None:
        """A government's accusation, demand, rejection, threat, backing or ban whose clause names no
        place happens in that government's country, not in the country or town the article is about:
        "Germany bans an Iranian airline" is a German decision. Only a borrowed place (or none) gives
        way, and only to the one country of the governments acting; agreements and talks keep it."""
        if place is not None and place.clue not in _BORROWED_PLACES:
            return place
        if plover_family(mention.plover_type) not in _DONE_AT_HOME and mention.plover_type not in (
            _DONE_AT_HOME_TYPES
        ):
            return place
        countries = {actor.country for actor in actor1 if actor.sector == "GOV" and actor.country}
        if len(countries) != 1:
            return place
        (country,) = countries
        if place is not None and place.country == country:
            return place
        return self.gazetteer.country_ref(country, "the acting government's country")

    def _date(self, mention: Mention, context: _Context, story_day: DateRef | None = None) -> DateRef:
        expression = mention.date.text
        if expression:
            # A planned event lies ahead ("in February"); a threat is dated when it was made.
            if mention.modality == Modality.PLANNED:
                return resolve_date(expression, context.reference, prefer="future")
            return resolve_date(expression, context.reference)
        if mention.date.date:
            return mention.date  # already dated upstream
        if context.reference and not mention.background and mention.modality in _DATED_BY_ARTICLE:
            # Reported events default to the story's day, else the article's news days, as ACLED codes them.
            if story_day is not None and mention.modality is Modality.ASSERTED:
                return story_day
            if context.period is not None:
                return context.period.default_date
            return DateRef(text=None, date=context.reference, precision=Precision.DAY)
        return DateRef(text=None)

    def _place_of(self, mention: Mention, context: _Context) -> PlaceRef | None:
        """The mention's place; a mention naming no town takes the article's main town, if it has one."""
        place = self._place(mention.place, context)
        if context.geography is None or (place is not None and place.geo_precision in (1, 2)):
            return place
        if place is not None and place.text and place.country is None:
            return place  # a name the gazetteer does not know: keep it as written
        country = (place.country if place else None) or context.main_country
        admin1 = place.admin1 if place is not None and place.geo_precision == 3 else None
        town = context.geography.main_town(mention, country=country, admin1=admin1)
        if town is not None and place is not None and admin1 and town.admin1 != admin1:
            apart = place_relations.distance_km(town, place)
            if apart is not None and apart > _REGION_REACH_KM:
                # "an interview in a Wilmington outlet and a rally in Pennsylvania": a town of another
                # division named in the sentence, far away, does not stand for the region named.
                return place
        # The clause names no town: the town the article is about stands for it (ACLED's practice).
        return dataclasses.replace(town, clue="the article's main town") if town else place

    def _place(self, place: PlaceRef | None, context: _Context) -> PlaceRef | None:
        if place is not None and place.text and self.gazetteer.never_a_place(place.text):
            # "the White House", "the Kremlin" stand for a government, "Kurdish" for a people: never
            # the event's place, which the article's towns or country then give.
            place = None
        if place is None and context.main_country:
            # No place in the clause: the article's country, never a point (ACLED's country field).
            # Its text is the country's name, which the article does use (by name or demonym).
            return self.gazetteer.country_ref(context.main_country, "the article's country")
        if place is None or not place.text:
            return place
        links = [link.strip() for link in place.text.split(",") if link.strip()]
        if len(links) > 1:
            return self._chained_place(place, links, context)
        others = [text for text in context.places if text != place.text]
        keep, strict = self._held_in_text(place.text, context.body)
        ref = self.gazetteer.resolve(
            place.text,
            context_countries=context.namesake_countries,
            context_places=others,
            keep=keep,
            strict=strict,
            minor_countries=context.countries,
        )
        return ref if ref.country else self._holder_of_unknown(ref, context) or ref

    def _holder_of_unknown(self, ref: PlaceRef, context: _Context) -> PlaceRef | None:
        """A name the gazetteer does not know, placed by the text inside one it does ("a village,
        Some Province, Some Country"): the event lies in that province or country, which it then takes,
        as ACLED codes a village it cannot find at its area."""
        for name, _ in place_relations.named_holders(context.body, ref.text):
            holder = self.gazetteer.resolve(name, context_countries=context.namesake_countries)
            if holder.country and holder.geo_precision in (3, None):  # a division or a country
                return dataclasses.replace(holder, text=ref.text, clue=f"inside {name}, as the text says")
        return None

    def _chained_place(self, place: PlaceRef, links: list[str], context: _Context) -> PlaceRef | None:
        """A place written as a chain of names, each held by the next ("Ashford, Kent, England"): the
        first name the gazetteer places, read inside the names after it as the article writes them.
        A chain that ends in a country keeps every link in it: "Ndu, Northwest Region, Cameroon" is
        never a Northwest abroad, whatever the gazetteer lacks."""
        country = self._country_named(links[-1])
        first: PlaceRef | None = None
        for link in links:
            ref = self._place(dataclasses.replace(place, text=link), context)
            first = first or ref
            if ref is not None and country and ref.country and ref.country != country:
                continue  # a namesake in another country than the chain's own
            if ref is not None and (ref.resolved or ref.country):
                return ref
        return first

    def _country_named(self, text: str) -> str | None:
        """The country ``text`` names as a whole ("Cameroon"), or None."""
        ref = self.gazetteer.resolve(text, toponym=True)
        return ref.country if self._rank(ref) == _COUNTRY_RANK else None

    def _held_in_text(self, text: str, body: str) -> tuple[Callable[[Place], bool] | None, bool]:
        """Which entries of an event's place the article allows, where it writes the name inside a
        country or a province ("Santo Domingo, Ecuador"; "Badhan in the Sanaag region"), and whether
        that was said in words (then no namesake elsewhere is taken)."""
        holders: list[tuple[PlaceRef, int, bool]] = []
        named = place_relations.named_holders(body, text)
        if not named or self._rank(self.gazetteer.resolve(text, toponym=True)) == _COUNTRY_RANK:
            return None, False  # a country lies in no other ("Iran in the Security Council")
        for name, said in named:
            ref = self.gazetteer.resolve(name, toponym=True)
            rank = self._rank(ref) if ref.latitude is not None else 0
            if ref.country and rank >= 2:
                holders.append((ref, rank, said))
        if not holders:
            return None, False
        key = name_key(split_qualifiers(text)[0].core)

        def keep(place: Place) -> bool:
            return all(
                place_relations.lies_within(place, ref, rank) and (said or name_key(place.name) == key)
                for ref, rank, said in holders
            )

        return keep, any(said for _, _, said in holders)

    def _actors(
        self, actors: tuple[ActorRef, ...], role: tuple[str, str], *, on: str | None, country: str | None
    ) -> tuple[ActorRef, ...]:
        """Resolve one role's actors, marking the common-noun fragments that name nobody.

        ``role`` is ("actor1" or "actor2", the mention's PLOVER type).
        """
        if self.kb is None:
            return actors
        resolved = (self._actor(actor, role, on=on, country=country) for actor in actors)
        return tuple(
            actor
            if actor.resolved or not is_fragment(actor.text)
            else dataclasses.replace(actor, fragment=True)
            for actor in resolved
        )

    def _actor(
        self, actor: ActorRef, role: tuple[str, str], *, on: str | None, country: str | None
    ) -> ActorRef:
        if self.kb is None or not actor.text:
            return actor
        # The packaged KB reads a name in its role ("US" in a strike is its military); a plain KB by name.
        in_role = getattr(self.kb, "resolve_in_role", None)
        if in_role is not None:
            found: ActorRef = in_role(actor, role=role[0], plover_type=role[1], on=on, country_hint=country)
        elif actor.resolved:
            return actor
        else:
            found = self.kb.resolve(actor.text, on=on, country_hint=country)
        # The grammar's clue first, then the reading's ("subject; metonym").
        clues = [c for c in (actor.clue, found.clue) if c]
        return dataclasses.replace(found, clue="; ".join(dict.fromkeys(clues)) or None)


def _when(mention: Mention, date: DateRef, context: _Context) -> tuple[Modality, bool]:
    """The mention's modality and background flag in the light of its resolved date: an event dated
    after the article is planned ("to meet on 10 and 11 September"); one dated weeks before the
    article's news is recalled background ("resigned last August")."""
    modality, background = mention.modality, mention.background
    if context.period is None or not mention.date.text:
        return modality, background
    if modality is Modality.ASSERTED and is_ahead(date, context.period):
        modality = Modality.PLANNED
    if is_long_before(date, context.period):
        background = True
    return modality, background


def _unless_recalled(day: DateRef | None, mentions: Sequence[Mention], context: _Context) -> DateRef | None:
    """The lead sentence's day, unless it is the day of a happening the article recalls ("the insurgents
    involved in the attack on Tuesday are killed in an operation": Tuesday is the attack's, not the
    story's)."""
    if day is None or not context.reference:
        return day
    recalled = {
        resolve_date(m.date.text, context.reference).date for m in mentions if m.background and m.date.text
    }
    return None if day.date in recalled else day


def _tells_the_story_day(mention: Mention, resolved: Mention, context: _Context) -> bool:
    """Whether a mention's own date is a day of the news that later undated events continue: a reported
    event dated to a day within the week before a one-day article (not a round-up's month)."""
    period = context.period
    return (
        period is not None
        and period.precision is Precision.DAY
        and bool(mention.date.text)
        and resolved.modality is Modality.ASSERTED
        and not resolved.background
        and resolved.date.precision is Precision.DAY
        and not is_ahead(resolved.date, period)
    )


def _list_neighbours(body: str, spans: Sequence[tuple[int, int]]) -> dict[int, list[int]]:
    """For each name in a list ("A, B and C"), the names beside it in that list."""
    out: dict[int, list[int]] = {}
    for run in place_relations.lists(body, spans, least=2):
        for at, number in enumerate(run):
            out[number] = [
                n
                for n in (run[at - 1] if at else None, run[at + 1] if at + 1 < len(run) else None)
                if n is not None
            ]
    return out


def _list_kinds(
    body: str, spans: Sequence[tuple[int, int]], refs: Sequence[PlaceRef], ranks: Sequence[int]
) -> dict[int, Callable[[Place], bool]]:
    """Items of a list of three or more whose other items are (two thirds of them, two at least)
    countries, or first-level divisions of one country, and that were read as something else: which
    entries fit the list ("Texas, Utah, Washington and Wyoming": the states)."""
    out: dict[int, Callable[[Place], bool]] = {}
    for run in place_relations.lists(body, spans):
        kinds = {n: _kind(refs[n], ranks[n]) for n in run}
        for number in run:
            others = Counter(kinds[n] for n in run if n != number)
            kind, count = others.most_common(1)[0]
            if kind is None or kind == kinds[number] or count < 2 or 3 * count < 2 * sum(others.values()):
                continue  # the list's other items are not two thirds of one kind
            if kind == "country":
                out[number] = _is_country
            else:
                out[number] = functools.partial(_is_division_of, kind)
    return out


def _kind(ref: PlaceRef, rank: int) -> str | None:
    if rank == _COUNTRY_RANK:
        return "country"
    if rank == 2 and ref.country and ref.admin1 and name_key(ref.name or "") == name_key(ref.admin1):
        return ref.country
    return None


def _is_division(place: Place) -> bool:
    return place.kind in _DIVISION_KINDS


def _is_country(place: Place) -> bool:
    return place.kind == "country"


def _is_division_of(country: str, place: Place) -> bool:
    return place.kind == "admin1" and place.country == country


def _within_ref(place: PlaceRef, holder: PlaceRef, rank: int) -> bool:
    """Whether a placed name already lies in its holder (then it is left as read)."""
    entry = Place(
        name=place.name or place.text,
        location=place.name or place.text,
        kind="city",
        country=place.country or "",
        admin1=place.admin1,
        latitude=place.latitude,
        longitude=place.longitude,
    )
    return place_relations.lies_within(entry, holder, rank)


def load_actor_names() -> KnowledgeBase:
    """The actor KB (packaged files plus ``--kb`` / ``$MARSAD_KB``) to hand extract: it answers
    ``marsad.extract.ActorNames``. The same cached object the resolver reads."""
    from marsad.resolve import actors

    return actors.load_kb(actors.default_paths())


def load_resolver() -> Resolver:
    """The resolver with the packaged gazetteer and the actor KB: the packaged files plus the user's
    folder (``--kb`` / ``$MARSAD_KB``), cached per process and set of files."""
    # Imported here: the actor KB is a sibling module that may be absent or still loading this package.
    from marsad.resolve import actors

    return _resolver(actors.default_paths())


@functools.cache
def _resolver(paths: tuple[Path, ...]) -> Resolver:
    from marsad.resolve import actors

    return Resolver(load_gazetteer(), actors.load_kb(paths))


class _PatternKB(Protocol):
    def patterns(self) -> list[dict[str, str]]: ...


class EntityPatterns:
    """The entity-ruler patterns of the actor KB that name organisations and people (a ``nlp.PatternSource``).

    States, their aliases and demonyms are left to the model, which reads them as GPE and NORP already and
    keeps the longer place it sees ("Washington, D.C."), which a ruler match on "Washington" would cut.
    So are a state's bodies written with its demonym ("Iraqi police", "Syrian army"): the model reads
    the demonym as NORP, which is how extraction finds the state and its organ ("police sources").
    One-word organisation names ("Houthi", "Hamas") are left to the model and the curated file too: a
    ruler match would cut "Houthi gunmen" to "Houthi".
    """

    LABELS = frozenset({"ORG", "PERSON"})

    def __init__(self, kb: _PatternKB) -> None:
        self.kb = kb

    def patterns(self) -> list[dict[str, str]]:
        every = self.kb.patterns()
        demonyms = {p["pattern"] for p in every if p["label"] == "NORP"}
        return [
            p
            for p in every
            if p["label"] in self.LABELS
            and p["pattern"].split(" ", 1)[0] not in demonyms
            and (p["label"] == "PERSON" or " " in p["pattern"])
        ]


def entity_patterns() -> EntityPatterns:
    """The KB's patterns for the entity ruler: packaged files plus the user's folder (cached per set)."""
    from marsad.resolve import actors

    return _entity_patterns(actors.default_paths())


@functools.cache
def _entity_patterns(paths: tuple[Path, ...]) -> EntityPatterns:
    from marsad.resolve import actors

    return EntityPatterns(actors.load_kb(paths))
