"""A large, varied benchmark corpus generated deterministically from the sample corpus in ``examples/``.

Every generated article starts from one sample article read through ``marsad.ingest`` and is then
varied: towns are swapped for others of the same country, figures are changed, paragraphs are
partly reordered, dropped, repeated or borrowed from another sample, and the publication date
(2025-2026) and outlet are redrawn. The same seed always gives the same corpus; ids are distinct.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import random
import re
import tomllib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from marsad import ingest
from marsad.ingest import dedup
from marsad.records import Article, Paragraph

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TOWNS_FILE = Path(__file__).with_name("towns.toml")

FIRST_DAY = dt.date(2025, 1, 1)
DAYS = 730  # publication dates fall within 2025-2026
ATTEMPTS = 50  # redraws before giving up on a distinct variant
DISTINCT = (
    dedup.NEAR_DUPLICATE - 0.05
)  # variants of one sample stay clearly below ingest's near-duplicate bar

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# A count of one or two digits; not a day of the month ("March 3"), a time ("10:30") or part of a number.
_NUMBER = re.compile("".join(f"(?<!{month} )" for month in _MONTHS) + r"(?<![\d.,:])\b\d{1,2}\b(?![\d:,.]\d)")
_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")
_WORD = re.compile(r"\b(" + "|".join(_WORDS) + r")\b", re.IGNORECASE)


@dataclasses.dataclass(frozen=True, slots=True)
class Variation:
    """What the generator draws from: sample articles, towns by country and outlet names."""

    samples: tuple[Article, ...]
    towns: dict[str, tuple[str, ...]]  # country code -> towns
    outlets: tuple[str, ...]

    @property
    def country_of(self) -> dict[str, str]:
        return {town: code for code, names in self.towns.items() for town in names}


def read_samples(examples: Path = EXAMPLES) -> tuple[Article, ...]:
    """The sample articles, read as ``marsad demo`` reads them (the manifest's dates and outlets)."""
    with (examples / "manifest.toml").open("rb") as handle:
        entries = tomllib.load(handle).get("input", [])
    articles: list[Article] = []
    for entry in entries:
        options = ingest.IngestOptions(published=entry.get("published"), source=entry.get("source"))
        articles.extend(ingest.read_inputs([str(examples / entry["path"])], options).articles)
    if not articles:
        raise ValueError(f"{examples / 'manifest.toml'}: no articles read; is the sample corpus there?")
    return tuple(articles)


def load_variation(examples: Path = EXAMPLES, towns_file: Path = TOWNS_FILE) -> Variation:
    with towns_file.open("rb") as handle:
        data = tomllib.load(handle)
    towns = {code: tuple(names) for code, names in data["towns"].items()}
    return Variation(read_samples(examples), towns, tuple(data["outlets"]["names"]))


def generate(count: int, seed: int = 7, variation: Variation | None = None) -> list[Article]:
    """``count`` distinct varied articles; the first ``n`` of a larger corpus equal a corpus of ``n``."""
    variation = variation or load_variation()
    seen: dict[int, list[frozenset[str]]] = defaultdict(list)  # sample -> shingles of its variants so far
    articles = []
    for index in range(count):
        article, shingled = _distinct(index, seed, variation, seen[index % len(variation.samples)])
        seen[index % len(variation.samples)].append(shingled)
        articles.append(article)
    return articles


def _distinct(
    index: int, seed: int, variation: Variation, earlier: list[frozenset[str]]
) -> tuple[Article, frozenset[str]]:
    """A variant that ingest will not merge with an earlier variant of the same sample (redrawn if so)."""
    # One generator per article (seeded by its index), so a prefix of the corpus never depends on its length.
    rng = random.Random(f"{seed}:{index}")
    base = variation.samples[index % len(variation.samples)]
    for _ in range(ATTEMPTS):
        article = vary(base, index, rng, variation)
        shingled = dedup.shingles(article.body)
        if all(_jaccard(shingled, other) < DISTINCT for other in earlier):
            return article, shingled
    raise RuntimeError(f"article {index}: no distinct variant of {base.title!r} after {ATTEMPTS} draws")


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    common = len(a & b)
    return common / (len(a) + len(b) - common) if common else 0.0


def vary(base: Article, index: int, rng: random.Random, variation: Variation) -> Article:
    """One variant of ``base``: other towns, figures, paragraph order, date and outlet."""
    paragraphs = _reshape(_paragraphs(base), rng, variation)
    swaps = _town_swaps(f"{base.title}\n{' '.join(paragraphs)}", rng, variation)
    title = _numbers(_towns(base.title, swaps), rng)
    body = "\n\n".join(_numbers(_towns(text, swaps), rng) for text in paragraphs)
    return make_article(
        title=title,
        body=body,
        published=(FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat(),
        source=rng.choice(variation.outlets),
        url=f"https://bench.marsad.invalid/articles/{index}",
    )


def make_article(*, title: str, body: str, published: str, source: str, url: str) -> Article:
    """An Article as the JSON Lines reader builds it (paragraphs split on blank lines)."""
    spans, offset = [], 0
    for text in body.split("\n\n"):
        spans.append(Paragraph(start=offset, end=offset + len(text)))
        offset += len(text) + 2
    return Article(
        id=ingest.article_id(title, body),
        title=title,
        body=body,
        paragraphs=tuple(spans),
        source=source,
        url=url,
        published=published,
        published_from="input",
        format="jsonl",
    )


def _paragraphs(article: Article) -> list[str]:
    if article.paragraphs:
        return [article.body[p.start : p.end] for p in article.paragraphs]
    return [part for part in article.body.split("\n\n") if part.strip()]


def _reshape(paragraphs: list[str], rng: random.Random, variation: Variation) -> list[str]:
    """Partly reorder, drop, repeat or borrow paragraphs; the lead paragraph stays first."""
    result = list(paragraphs)
    if len(result) > 2 and rng.random() < 0.6:
        i = rng.randrange(1, len(result) - 1)
        result[i], result[i + 1] = result[i + 1], result[i]
    if len(result) > 3 and rng.random() < 0.7:
        del result[rng.randrange(1, len(result))]
    if rng.random() < 0.15:
        i = rng.randrange(len(result))
        result.insert(i + 1, result[i])  # a scraper's repeated paragraph
    # A paragraph borrowed from another sample (a roundup): variants of one sample then stay below
    # ingest's near-duplicate threshold, so the whole corpus survives deduplication.
    other = _paragraphs(rng.choice(variation.samples))
    result.insert(rng.randrange(1, len(result) + 1), rng.choice(other))
    return result


def _town_swaps(text: str, rng: random.Random, variation: Variation) -> dict[str, str]:
    """Each known town of ``text`` mapped to a town of the same country (sometimes itself)."""
    country_of = variation.country_of
    found = sorted({match.group() for match in _alternation(tuple(country_of)).finditer(text)})
    return {town: rng.choice(variation.towns[country_of[town]]) for town in found}


@functools.cache
def _alternation(names: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-word match of any of ``names``, longest first ("Khan Younis" before "Younis")."""
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")


def _towns(text: str, swaps: dict[str, str]) -> str:
    if not swaps:
        return text
    return _alternation(tuple(swaps)).sub(lambda m: swaps[m.group()], text)


def _numbers(text: str, rng: random.Random) -> str:
    """Change small counts, in digits and in words, keeping their form (and a capital letter)."""

    def digits(match: re.Match[str]) -> str:
        value = int(match.group())
        return str(max(1, value + rng.randint(-max(1, value // 2), max(3, value))))

    def word(match: re.Match[str]) -> str:
        new = rng.choice(_WORDS)
        return new.capitalize() if match.group()[0].isupper() else new

    return _WORD.sub(word, _NUMBER.sub(digits, text))


def words(articles: Sequence[Article]) -> int:
    """Whitespace-separated words of the bodies: the unit of words/s."""
    return sum(len(article.body.split()) for article in articles)


def records(articles: Sequence[Article]) -> Iterator[dict[str, str | None]]:
    for article in articles:
        yield {
            "title": article.title,
            "body": article.body,
            "published": article.published,
            "source": article.source,
            "url": article.url,
        }


def write_jsonl(articles: Sequence[Article], path: Path) -> Path:
    """The corpus as JSON Lines, the way a user would feed it to ``marsad run``."""
    with path.open("w", encoding="utf-8") as handle:
        for record in records(articles):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
