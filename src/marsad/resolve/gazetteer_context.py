"""An article's geography: the towns its title and body name, and the countries they point to.

News names the scene of an event once, often in the title or the lead, and then reports the
rest of it in sentences that name no place ("Police said the rockets hit a vehicle"). ACLED
codes such an event to that town. So the resolver reads every town the article names, with
where it names it, and weighs the article's countries with the towns first: a town names the
scene, while a demonym ("Israeli jets", "Turkish drones") usually names the attacker.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from marsad.records import Article, Mention, PlaceRef
from marsad.resolve.gazetteer_index import MENA, Place
from marsad.resolve.gazetteer_names import name_key

log = logging.getLogger(__name__)

__all__ = ["Geography", "Sighting", "read_geography"]

# A capitalised run of words, keeping "al-"/"el-" joins ("Ain al-Asad", "Deir el-Balah").
_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w'’-]*)*")
_GOVERNMENT_AFTER = re.compile(r"\s+(?:government|authorities|regime|administration)\b", re.IGNORECASE)
# Words after a name that make it a region, not its town ("the Damascus countryside").
_REGION_AFTER = re.compile(r"\s+(?:countryside|countrysides|province|governorate|region)\b", re.IGNORECASE)
# Words before a name that make it a place: strong ("in Kobani", "near Makhmour") and weak ("Homs and
# Latakia", "the town of Makhmour", "struck Quneitra"), which only count for towns of the region.
_STRONG_CUES = frozenset(
    {"in", "at", "near", "outside", "inside", "into", "from", "around", "across", "toward", "towards", "to"}
)
_WEAK_CUES = frozenset(
    {"of", "on", "and", "between", "over", "through", "via", "targeting", "hit", "struck", "shelled",
     "stormed", "entered", "raided", "bombed", "besieged"}
)  # fmt: skip
_NO_CUE, _WEAK, _STRONG = 0, 1, 2
_POSSESSIVE = re.compile(r"[^\s].*?(?:['’]s(?=\s)|$)")
_REGION_KINDS = frozenset(
    {"country", "continent", "admin1", "admin2", "region", "river", "strait", "sea", "gulf"}
)
_BIG_TOWN = 100_000  # a town this large is a place even without a cue ("Homs police said")
_CONTEXT_COUNTRIES = 2  # outside MENA, towns of the two heaviest countries need no strong cue
# Country weights: a town named in the text decides, a country's name counts, a demonym barely.
_TOWN = 5.0
_HOMONYM_TOWN = 1.0
_COUNTRY_NAME = 1.0
_DEMONYM = 0.5
_OUTSIDE_MENA = 0.5  # outside powers are named often but rarely the scene
# A town's weight for a mention: named in its sentence, its paragraph, the title, elsewhere.
_IN_SENTENCE = 4.0
_IN_PARAGRAPH = 2.0
_IN_TITLE = 1.5
_ELSEWHERE = 1.0
_CLUSTER_KM = 15.0  # towns this close are one scene (a city, its districts, its airport)
_MAJORITY = 0.5  # the share of all town weight the main town must carry
_TITLE = -1  # the offset given to sightings in the title


class PlaceSource(Protocol):
    """What the geography needs of the gazetteer (``marsad.resolve.places.Gazetteer``)."""

    def best(
        self, text: str, context_countries: Sequence[str] = (), *, loose: bool = True
    ) -> tuple[Place, str] | None: ...

    def place_ref(self, text: str, place: Place, hint: str = "") -> PlaceRef: ...

    def is_homonym(self, text: str) -> bool: ...

    def lookup(self, text: str) -> list[Place]: ...

    def country_terms(self, text: str) -> list[tuple[str, bool]]: ...

    def resolve(
        self, text: str, *, context_countries: Sequence[str] = (), context_places: Sequence[str] = ()
    ) -> PlaceRef: ...


@dataclasses.dataclass(frozen=True, slots=True)
class Sighting:
    """A town the article names, resolved, and where: a body offset, or -1 for the title."""

    ref: PlaceRef
    start: int
    homonym: bool = False
    region: bool = False  # named as a region ("the Damascus countryside"): counts for its country only


@dataclasses.dataclass(frozen=True, slots=True)
class Geography:
    """The countries an article is about (heaviest first) and the towns it names."""

    countries: tuple[tuple[str, float], ...]
    towns: tuple[Sighting, ...]
    paragraphs: tuple[tuple[int, int], ...]

    def main_town(
        self, mention: Mention, *, country: str | None, admin1: str | None = None
    ) -> PlaceRef | None:
        """The town that stands for a mention naming no town, or None when the article names none.

        Towns are weighed by how near they are named (the mention's sentence, its paragraph, the title,
        elsewhere); only towns of ``country`` count. For a mention naming a region (``admin1``) only a
        town in its sentence, or a town of that region in its paragraph, counts. The main town must
        carry at least half the weight; else there is none.
        """
        sentence = _sentence_of(mention)
        paragraph = _paragraph_of(mention.evidence.start, self.paragraphs)
        weights: defaultdict[str, float] = defaultdict(float)
        first: dict[str, PlaceRef] = {}
        near: set[str] = set()
        for sighting in self.towns:
            ref = sighting.ref
            if (country and ref.country != country) or sighting.region:
                continue
            key = name_key(ref.name or ref.text)
            weight = _weight(sighting.start, sentence, paragraph)
            if admin1 and weight < _IN_SENTENCE and (weight < _IN_PARAGRAPH or ref.admin1 != admin1):
                continue  # "Damascus countryside" stays a region unless a town is named nearby
            first.setdefault(key, ref)
            weights[key] += weight
            if weight == _IN_SENTENCE:
                near.add(key)
        cluster = _heaviest_cluster(weights, first)
        if not cluster:
            return None
        best = max(cluster, key=lambda k: weights[k])
        return dataclasses.replace(first[best], geo_precision=1 if near & set(cluster) else 2)

    @property
    def main_country(self) -> str | None:
        """The country the article is clearly about: 1.5 times heavier than the next, if any."""
        if not self.countries:
            return None
        if len(self.countries) == 1 or self.countries[0][1] >= 1.5 * self.countries[1][1]:
            return self.countries[0][0]
        return None


def _heaviest_cluster(weights: dict[str, float], refs: dict[str, PlaceRef]) -> list[str]:
    """The towns (keys) lying together that carry most of the weight, or [] if none carries half.

    Places a few kilometres apart are one scene: "Baghdad", "the Green Zone" and "Baghdad airport".
    """
    total = sum(weights.values())
    best: list[str] = []
    best_weight = 0.0
    for key in weights:  # in the order first named, so a tie goes to the first
        members = [k for k in weights if _km(refs[key], refs[k]) <= _CLUSTER_KM]
        weight = sum(weights[k] for k in members)
        if weight > best_weight:
            best, best_weight = members, weight
    # A main town carries most of the weight: an article spread over several towns has none.
    return best if best and best_weight >= _MAJORITY * total else []


def _km(a: PlaceRef, b: PlaceRef) -> float:
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def read_geography(gazetteer: PlaceSource, article: Article, place_texts: Iterable[str] = ()) -> Geography:
    """Towns and countries of ``article`` (title and body); ``place_texts`` are its mentions' places."""
    base = _base_weights(gazetteer, article, place_texts)
    weights = _with_towns(base, ())
    towns: tuple[Sighting, ...] = ()
    read_for: list[str] | None = None
    # Twice: the towns named once read, their countries decide homonyms ("Tripoli" beside "Misrata").
    for _ in range(2):
        countries = [code for code, _ in weights]
        if countries != read_for:  # the same countries read the same towns: no need to read them again
            towns = tuple(_sightings(gazetteer, article, countries))
            read_for = countries
        weights = _with_towns(base, towns)
    return Geography(countries=tuple(weights), towns=towns, paragraphs=_paragraphs(article))


def _base_weights(gazetteer: PlaceSource, article: Article, place_texts: Iterable[str]) -> dict[str, float]:
    """Country weights from country names, demonyms and the mentions' own region or country names."""
    weights: defaultdict[str, float] = defaultdict(float)
    for code, demonym in gazetteer.country_terms(f"{article.title}\n{article.body}"):
        weights[code] += _DEMONYM if demonym else _COUNTRY_NAME
    for text in place_texts:
        ref = gazetteer.resolve(text)
        if ref.country and ref.latitude is None:
            weights[ref.country] += _COUNTRY_NAME  # "in Iraq": a country as the scene
        elif ref.country and ref.geo_precision == 3:
            weights[ref.country] += _TOWN if not gazetteer.is_homonym(text) else _HOMONYM_TOWN
    return dict(weights)


def _with_towns(base: dict[str, float], towns: Sequence[Sighting]) -> list[tuple[str, float]]:
    weights: defaultdict[str, float] = defaultdict(float, base)
    for sighting in towns:
        if sighting.ref.country:
            weights[sighting.ref.country] += _HOMONYM_TOWN if sighting.homonym else _TOWN
    for code in weights:
        if code not in MENA:
            weights[code] *= _OUTSIDE_MENA
    return sorted(weights.items(), key=lambda item: (-item[1], item[0]))


def _sightings(gazetteer: PlaceSource, article: Article, countries: Sequence[str]) -> list[Sighting]:
    body = [
        Sighting(hit.ref, hit.start, hit.homonym, hit.region)
        for hit in _towns_in(gazetteer, article.body, countries)
    ]
    seen = {name_key(s.ref.name or "") for s in body}
    # A title's words are all capitalised: a town there counts when cued ("in Eastern Baghdad") or named
    # in the body too, so that "Wadi Houran" in a title does not become a town called "Wadi".
    title = [
        Sighting(hit.ref, _TITLE, hit.homonym, hit.region)
        for hit in _towns_in(gazetteer, article.title, countries, title=True)
        if hit.cued or name_key(hit.ref.name or "") in seen
    ]
    return [*title, *body]


@dataclasses.dataclass(frozen=True, slots=True)
class _Hit:
    ref: PlaceRef
    start: int
    homonym: bool
    cued: bool
    region: bool = False


def _towns_in(
    gazetteer: PlaceSource, text: str, countries: Sequence[str], *, title: bool = False
) -> list[_Hit]:
    found: list[_Hit] = []
    for match in _runs(text):
        if _GOVERNMENT_AFTER.match(text, match.end()):
            continue  # "the Damascus government" names a government, not a scene
        region = bool(_REGION_AFTER.match(text, match.end()))
        cue = _cue_before(text, match.start())
        words = match.group().split()
        if words[0] in {"The", "A", "An"}:
            words = words[1:]
        # In running text the whole run ("Wadi Houran", not "Wadi"); in a title every part of it.
        for size in range(len(words), 0 if title else len(words) - 1, -1):
            whole = size == len(words)
            hit = _first_town(gazetteer, words, size, countries, cue=cue if whole else _NO_CUE, title=title)
            if hit is not None:
                phrase, place, hint = hit
                at = match.start() + text[match.start() :].find(phrase)
                ref = gazetteer.place_ref(phrase, place, hint)
                cued = whole and cue != _NO_CUE
                found.append(_Hit(ref, at, gazetteer.is_homonym(phrase), cued=cued, region=region))
                break
    return found


def _first_town(
    gazetteer: PlaceSource,
    words: Sequence[str],
    size: int,
    countries: Sequence[str],
    *,
    cue: int,
    title: bool,
) -> tuple[str, Place, str] | None:
    for start in range(len(words) - size + 1) if title else range(1):
        phrase = re.sub(r"['’]s$", "", " ".join(words[start : start + size]))
        best = gazetteer.best(phrase, countries, loose=cue == _STRONG)
        if best is None or best[0].kind in _REGION_KINDS or best[0].latitude is None or best[1] == "region":
            continue
        place, hint = best
        if _names_another_region(gazetteer, phrase, place):
            continue
        # The region's towns, and elsewhere the towns of the two countries the article names most.
        near = place.country in MENA or place.country in countries[:_CONTEXT_COUNTRIES]
        # A strong cue ("in", "near") makes any town a place; a weak one ("and", a comma) only a town of
        # the region or of the article's countries ("district of Kharkiv" in a story about Ukraine); with
        # no cue only a curated place or a large town there ("the Serbian capital Belgrade"): "Said" may
        # be a village.
        if cue == _STRONG or place.curated or (near and (cue == _WEAK or place.population >= _BIG_TOWN)):
            return phrase, place, hint
    return None


def _names_another_region(gazetteer: PlaceSource, phrase: str, town: Place) -> bool:
    """Whether ``phrase`` names a province the town is not the capital of ("Anbar" is no village)."""
    if town.population >= _BIG_TOWN:
        return False  # "Tripoli" is the city even though Libya has a Tripoli district
    regions = [
        p
        for p in gazetteer.lookup(phrase)
        if p.kind in _REGION_KINDS
        and p.kind != "country"
        and (p.country in MENA or p.country == town.country)
    ]
    return bool(regions) and all(name_key(r.admin1 or r.name) != name_key(town.admin1 or "") for r in regions)


def _runs(text: str) -> Iterable[re.Match[str]]:
    """Capitalised runs, split after a possessive: "Lebanon's Bint Jbeil" is two names."""
    for match in _RUN.finditer(text):
        start = match.start()
        for part in _POSSESSIVE.finditer(match.group()):
            found = _RUN.match(text, start + part.start(), start + part.end())
            if found is not None:
                yield found


def _cue_before(text: str, start: int) -> int:
    before = text[max(0, start - 30) : start].rstrip()
    if before.endswith((",", "'s", "’s")):
        return _WEAK
    words = before.split()
    word = words[-1].lower().strip("(\"'“‘") if words else ""
    if word in _STRONG_CUES:
        return _STRONG
    return _WEAK if word in _WEAK_CUES else _NO_CUE


def _weight(start: int, sentence: tuple[int, int], paragraph: tuple[int, int] | None) -> float:
    if start == _TITLE:
        return _IN_TITLE
    if sentence[0] <= start < sentence[1]:
        return _IN_SENTENCE
    if paragraph and paragraph[0] <= start < paragraph[1]:
        return _IN_PARAGRAPH
    return _ELSEWHERE


def _sentence_of(mention: Mention) -> tuple[int, int]:
    evidence = mention.evidence
    if evidence.sentence_start is not None and evidence.sentence_end is not None:
        return evidence.sentence_start, evidence.sentence_end
    return evidence.start, evidence.end


def _paragraph_of(offset: int, paragraphs: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    return next(((start, end) for start, end in paragraphs if start <= offset < end), None)


def _paragraphs(article: Article) -> tuple[tuple[int, int], ...]:
    if article.paragraphs:
        return tuple((p.start, p.end) for p in article.paragraphs)
    spans: list[tuple[int, int]] = []
    start = 0
    for chunk in article.body.split("\n\n"):
        spans.append((start, start + len(chunk)))
        start += len(chunk) + 2
    return tuple(spans)
