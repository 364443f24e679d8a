"""Resolve a mention's actors, place and date: the ``resolve`` stage.

``load_resolver().resolve_all(mentions, article)`` returns the same mentions
with ``ActorRef`` (via the actor KB), ``PlaceRef`` (via the gazetteer, with the
article's countries and places as context) and ``DateRef`` (against the
article's reference date) filled in. Nothing is guessed: a mention with no
date expression takes the article date only when that date is known and the
mention reports something that happened now (not a recalled, background event).
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Iterable, Sequence
from typing import Protocol

from marsad.records import ActorRef, Article, DateRef, Mention, Modality, PlaceRef, Precision
from marsad.resolve.dates import article_reference_date, resolve_date
from marsad.resolve.places import Gazetteer, load_gazetteer

log = logging.getLogger(__name__)

__all__ = ["ActorResolver", "Resolver", "article_reference_date", "load_resolver", "resolve_date"]


# Modalities whose event happened when reported: a threat is an event of its own (PLOVER THREATEN).
_DATED_BY_ARTICLE = frozenset({Modality.ASSERTED, Modality.THREATENED})


# How much heavier the first country must weigh than the second to stand for a placeless mention.
_DOMINANCE = 1.5


class ActorResolver(Protocol):
    """What the resolver needs of the actor knowledge base (``marsad.resolve.actors.KnowledgeBase``)."""

    def resolve(self, text: str, *, on: str | None = None, country_hint: str | None = None) -> ActorRef: ...


@dataclasses.dataclass(frozen=True, slots=True)
class _Context:
    """What one article tells about all its mentions."""

    reference: str | None  # the article's ISO date, if known
    countries: tuple[str, ...]  # most relevant first
    places: tuple[str, ...]  # every place text of the article's mentions
    main_country: str | None  # the country the article is clearly about, if one dominates


class Resolver:
    """Fills in actors, places and dates of mentions, one article at a time."""

    def __init__(self, gazetteer: Gazetteer, kb: ActorResolver | None = None) -> None:
        self.gazetteer = gazetteer
        self.kb = kb

    def resolve(self, mention: Mention, article: Article) -> Mention:
        """One mention; see :meth:`resolve_all` to resolve an article's mentions with shared context."""
        return self._resolve(mention, self._context([mention], article))

    def resolve_all(self, mentions: Iterable[Mention], article: Article) -> list[Mention]:
        mentions = list(mentions)
        context = self._context(mentions, article)
        return [self._resolve(mention, context) for mention in mentions]

    def _context(self, mentions: Sequence[Mention], article: Article) -> _Context:
        reference, _ = article_reference_date(article)
        places = tuple(m.place.text for m in mentions if m.place is not None and m.place.text)
        weighed = self.gazetteer.weigh_article_countries(places, f"{article.title}\n{article.body}")
        main = None
        if weighed and (len(weighed) == 1 or weighed[0][1] >= _DOMINANCE * weighed[1][1]):
            main = weighed[0][0]
        countries = tuple(code for code, _ in weighed)
        return _Context(reference=reference, countries=countries, places=places, main_country=main)

    def _resolve(self, mention: Mention, context: _Context) -> Mention:
        date = self._date(mention, context)
        place = self._place(mention.place, context)
        country = (place.country if place else None) or (context.countries[0] if context.countries else None)
        on = date.date or context.reference
        return dataclasses.replace(
            mention,
            date=date,
            place=place,
            actor1=self._actors(mention.actor1, on=on, country=country),
            actor2=self._actors(mention.actor2, on=on, country=country),
        )

    def _date(self, mention: Mention, context: _Context) -> DateRef:
        expression = mention.date.text
        if expression:
            # A planned event lies ahead ("in February"); a threat is dated when it was made.
            if mention.modality == Modality.PLANNED:
                return resolve_date(expression, context.reference, prefer="future")
            return resolve_date(expression, context.reference)
        if mention.date.date:
            return mention.date  # already dated upstream
        if context.reference and not mention.background and mention.modality in _DATED_BY_ARTICLE:
            # Reported events default to the article date, as ACLED codes them.
            return DateRef(text=None, date=context.reference, precision=Precision.DAY)
        return DateRef(text=None)

    def _place(self, place: PlaceRef | None, context: _Context) -> PlaceRef | None:
        if place is None and context.main_country:
            # No place in the clause: the article's country, never a point (ACLED's country field).
            # Its text is the country's name, which the article does use (by name or demonym).
            code = context.main_country
            name = self.gazetteer.country_name(code)
            return PlaceRef(text=name or code, country=code, country_name=name)
        if place is None or not place.text:
            return place
        others = [text for text in context.places if text != place.text]
        return self.gazetteer.resolve(place.text, context_countries=context.countries, context_places=others)

    def _actors(
        self, actors: tuple[ActorRef, ...], *, on: str | None, country: str | None
    ) -> tuple[ActorRef, ...]:
        if self.kb is None:
            return actors
        return tuple(self._actor(actor, on=on, country=country) for actor in actors)

    def _actor(self, actor: ActorRef, *, on: str | None, country: str | None) -> ActorRef:
        if self.kb is None or actor.resolved or not actor.text:
            return actor
        return self.kb.resolve(actor.text, on=on, country_hint=country)


@functools.cache
def load_resolver() -> Resolver:
    """The resolver with the packaged gazetteer and actor KB (both cached per process)."""
    # Imported here: the actor KB is a sibling module that may be absent or still loading this package.
    from marsad.resolve import actors

    return Resolver(load_gazetteer(), actors.load_kb())
