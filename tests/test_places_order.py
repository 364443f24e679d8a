"""Places must not depend on the order in which articles or mentions are resolved, nor on how a run
splits its articles into batches: a resolver warmed by other articles (its memos, its caches) gives
each article the places a fresh one gives it."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from marsad import extract, pipeline, resolve
from marsad.records import Article, Mention, PlaceRef, Toponym
from marsad.resolve import actors
from marsad.resolve.gazetteer_build import load_index
from marsad.resolve.places import Gazetteer

# Our own short stories, chosen for namesakes that the article's other places must settle.
_BODIES = (
    "Gunmen attacked a checkpoint in Tripoli on Monday, killing two soldiers. The army later "
    "deployed troops across northern Lebanon and around Akkar.",
    "Militia fighters clashed near Tripoli on Tuesday. Residents of Misrata and Zawiya said the "
    "fighting spread along the coast of Libya.",
    "Police in Tbilisi dispersed a protest outside parliament on Friday. Georgia's interior "
    "ministry said 20 people were detained in the capital.",
    "Hundreds of people marched in Atlanta, Georgia on Saturday to protest against a new law. "
    "Similar rallies took place in Savannah.",
    "An air strike hit a market in the town of Saraqib in Idlib province, killing five civilians, "
    "a monitoring group said.",
    "Protesters gathered in Salisbury on Sunday after the closure of the hospital. The council in "
    "Wiltshire said it would meet on Monday.",
)
_ARTICLES = tuple(
    Article(id=f"a-order-{number}", title="Our test story", body=body, published="2026-03-02")
    for number, body in enumerate(_BODIES)
)


def _place_key(place: PlaceRef | None) -> tuple[object, ...] | None:
    if place is None:
        return None
    return (place.name, place.admin1, place.admin2, place.country, place.latitude, place.longitude)


def _fresh_resolver() -> resolve.Resolver:
    """A resolver with memos of its own: nothing read before can steer it."""
    return resolve.Resolver(Gazetteer(load_index()), actors.load_kb(actors.default_paths()))


@pytest.fixture(scope="module")
def proposed(nlp: Language) -> dict[str, tuple[tuple[Mention, ...], tuple[Toponym, ...]]]:
    names = resolve.load_actor_names()
    out = {}
    for article in _ARTICLES:
        doc = nlp(article.body)
        out[article.id] = (extract.propose(doc, article, actors=names).mentions, extract.toponyms(doc))
    return out


def _resolved_places(
    resolver: resolve.Resolver,
    order: list[Article],
    proposed: dict[str, tuple[tuple[Mention, ...], tuple[Toponym, ...]]],
) -> dict[str, tuple[object, ...]]:
    out: dict[str, tuple[object, ...]] = {}
    for article in order:
        mentions, toponyms = proposed[article.id]
        events = tuple(_place_key(m.place) for m in resolver.resolve_all(mentions, article))
        names = tuple((t.start, _place_key(t.place)) for t in resolver.resolve_toponyms(toponyms, article))
        out[article.id] = (events, names)
    return out


@pytest.fixture(scope="module")
def alone(
    proposed: dict[str, tuple[tuple[Mention, ...], tuple[Toponym, ...]]],
) -> dict[str, tuple[object, ...]]:
    """Each article's places from a resolver that read nothing else."""
    return {a.id: _resolved_places(_fresh_resolver(), [a], proposed)[a.id] for a in _ARTICLES}


@given(order=st.permutations(_ARTICLES))
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_places_are_the_same_in_any_order_and_with_a_warm_resolver(
    order: list[Article],
    proposed: dict[str, tuple[tuple[Mention, ...], tuple[Toponym, ...]]],
    alone: dict[str, tuple[object, ...]],
) -> None:
    shared = _fresh_resolver()
    warm_once = _resolved_places(shared, list(order), proposed)
    warm_twice = _resolved_places(shared, list(reversed(order)), proposed)
    assert warm_once == alone
    assert warm_twice == alone


def test_the_process_resolver_gives_the_places_a_fresh_one_gives(
    proposed: dict[str, tuple[tuple[Mention, ...], tuple[Toponym, ...]]], alone: dict[str, tuple[object, ...]]
) -> None:
    order = list(_ARTICLES)
    random.Random(14).shuffle(order)
    assert _resolved_places(resolve.load_resolver(), order, proposed) == alone


def _run_places(articles: list[Article], batch_size: int) -> dict[str, list[tuple[object, ...] | None]]:
    mentions, _ = pipeline.analyse(articles, pipeline.RunOptions(batch_size=batch_size))
    out: dict[str, list[tuple[object, ...] | None]] = {}
    for mention in mentions:
        out.setdefault(mention.article_id, []).append(_place_key(mention.place))
    return out


def test_a_run_places_each_article_alike_whatever_its_order_and_batches() -> None:
    order = list(_ARTICLES)
    random.Random(26).shuffle(order)
    together = _run_places(list(_ARTICLES), batch_size=32)
    assert _run_places(order, batch_size=2) == together
    article = _ARTICLES[1]
    assert _run_places([article], batch_size=1).get(article.id, []) == together.get(article.id, [])
