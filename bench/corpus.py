"""A large, varied benchmark corpus generated deterministically from the sample corpus in ``examples/``.

The corpus is a sequence of *stories*: one happening told by a handful of reports (1 to 8), as
news tells it. A story takes one sample article and moves it to other towns of the same country
and to its week of 2025-2026 (its absolute dates shift with it; whole weeks, so weekdays stay
right). Stories follow one another week by week, like a feed. Each report of the story is then
varied on its own: figures are changed, paragraphs are partly reordered, dropped, repeated or
borrowed from another sample, and the outlet is redrawn. So a bigger corpus tells more
happenings over a longer period, not more reports of the same ones. The same seed always gives
the same corpus; ids are distinct.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
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
# Reports per story, drawn uniformly (mean about 3): most happenings are told once or twice, a few often.
STORY_SIZES = (1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 8)
STORIES_PER_WEEK = 25  # about 80 articles a week: 8,000 articles span 2025-2026

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
_MONTH = "(?P<month>" + "|".join(_MONTHS) + ")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Absolute dates, moved with their story: "March 3", "March 3, 2025", "3 March 2025", "November 2024",
# and a bare month after a preposition or "the" ("since March", "the October clashes"; not "May").
_BEFORE_MONTH = ("in", "since", "until", "by", "early", "late", "mid", "last", "the")
_DATE = re.compile(
    rf"\b{_MONTH} (?P<day>\d{{1,2}})\b(?:,? {_YEAR}\b)?"
    rf"|\b(?P<day2>\d{{1,2}}) (?P<month2>{'|'.join(_MONTHS)})\b(?: (?P<year2>(?:19|20)\d\d)\b)?"
    rf"|\b(?P<month3>{'|'.join(_MONTHS)}) (?P<year3>(?:19|20)\d\d)\b"
    + "|(?:"
    + "|".join(rf"(?<=\b{word} )" for word in _BEFORE_MONTH)
    + rf")(?P<month4>{'|'.join(m for m in _MONTHS if m != 'May')})\b"
)
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


@dataclasses.dataclass(frozen=True, slots=True)
class Story:
    """One happening told by ``size`` consecutive articles: a sample in other towns and another week."""

    first: int  # index of its first article in the corpus
    size: int
    sample: Article
    swaps: dict[str, str]  # towns of the sample -> towns of this story
    shift: dt.timedelta  # whole weeks, so that weekday names in the text stay right

    @property
    def published(self) -> str:
        return (_day(self.sample) + self.shift).isoformat()


def stories(seed: int, variation: Variation, per_week: int = STORIES_PER_WEEK) -> Iterator[Story]:
    """The corpus's stories in order; each depends only on the seed and its number (prefix-stable).

    The corpus reads like a feed: :data:`STORIES_PER_WEEK` stories a week from 2025-01-01 on, so a
    bigger corpus covers a longer period at the same density (as a store grows run after run), and
    8,000 articles fill 2025-2026. Samples take turns, so one sample's stories fall in different weeks."""
    first = 0
    for number in itertools.count():
        sample = variation.samples[number % len(variation.samples)]
        rng = random.Random(f"{seed}:story:{number}")
        size = rng.choice(STORY_SIZES)
        text = f"{sample.title}\n{sample.body}"
        shift = _shift(number, _day(sample), per_week)
        yield Story(first, size, sample, _town_swaps(text, rng, variation), shift)
        first += size


def _day(article: Article) -> dt.date:
    return dt.date.fromisoformat((article.published or FIRST_DAY.isoformat())[:10])


def _shift(number: int, published: dt.date, per_week: int = STORIES_PER_WEEK) -> dt.timedelta:
    """Whole weeks that move a sample published on ``published`` into story ``number``'s week
    (after 2026, the feed starts again in 2025)."""
    week = (number // per_week) % (DAYS // 7)
    target = FIRST_DAY + dt.timedelta(weeks=week, days=3)  # mid-week: the shifted date stays in range
    return dt.timedelta(weeks=round((target - published).days / 7))


def generate(
    count: int, seed: int = 7, variation: Variation | None = None, *, per_week: int = STORIES_PER_WEEK
) -> list[Article]:
    """``count`` distinct varied articles; the first ``n`` of a larger corpus equal a corpus of ``n``.
    ``per_week`` stories a week set the feed's density (bench/year.py: a year of 100 articles a day)."""
    variation = variation or load_variation()
    seen: dict[str, list[frozenset[str]]] = defaultdict(list)  # sample -> shingles of its variants so far
    articles: list[Article] = []
    for story in stories(seed, variation, per_week):
        for index in range(story.first, min(story.first + story.size, count)):
            article, shingled = _distinct(index, seed, variation, story, seen[story.sample.id])
            seen[story.sample.id].append(shingled)
            articles.append(article)
        if len(articles) >= count:
            return articles
    return articles


def _distinct(
    index: int, seed: int, variation: Variation, story: Story, earlier: list[frozenset[str]]
) -> tuple[Article, frozenset[str]]:
    """A report that ingest will not merge with an earlier variant of the same sample (redrawn if so)."""
    # One generator per article (seeded by its index), so a prefix of the corpus never depends on its length.
    rng = random.Random(f"{seed}:{index}")
    for _ in range(ATTEMPTS):
        article = vary(story, index, rng, variation)
        shingled = dedup.shingles(article.body)
        if all(_jaccard(shingled, other) < DISTINCT for other in earlier):
            return article, shingled
    raise RuntimeError(
        f"article {index}: no distinct variant of {story.sample.title!r} after {ATTEMPTS} draws"
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    common = len(a & b)
    return common / (len(a) + len(b) - common) if common else 0.0


def vary(story: Story, index: int, rng: random.Random, variation: Variation) -> Article:
    """One report of ``story``: its towns and week, with this report's figures, paragraphs and outlet."""
    paragraphs = _reshape(_paragraphs(story.sample), rng, variation)
    # A borrowed paragraph may name towns the sample does not: those are drawn for this report.
    swaps = {**_town_swaps("\n".join(paragraphs), rng, variation), **story.swaps}
    reference = _day(story.sample)

    def rewrite(text: str) -> str:
        return _numbers(_towns(shift_dates(text, story.shift, reference), swaps), rng)

    return make_article(
        title=rewrite(story.sample.title),
        body="\n\n".join(rewrite(text) for text in paragraphs),
        published=story.published,
        source=rng.choice(variation.outlets),
        url=f"https://bench.marsad.invalid/articles/{index}",
    )


def shift_dates(text: str, shift: dt.timedelta, reference: dt.date) -> str:
    """Move the absolute dates of ``text`` by ``shift``, keeping their form; a date without a year
    is read as the last such day on or before ``reference`` (the sample's publication date)."""
    if not shift:
        return text

    def moved(match: re.Match[str]) -> str:
        month_name = match["month"] or match["month2"] or match["month3"] or match["month4"]
        month = _MONTHS.index(month_name) + 1
        year_text = match["year"] or match["year2"] or match["year3"]
        day_text = match["day"] or match["day2"]
        day = int(day_text) if day_text else 15  # a month alone moves by its middle
        year = int(year_text) if year_text else _year_before(reference, month, day)
        try:
            new = dt.date(year, month, day) + shift
        except ValueError:  # "February 30": not a date, left alone
            return match.group()
        name = _MONTHS[new.month - 1]
        if match["month"]:
            return f"{name} {new.day}" + (f", {new.year}" if year_text else "")
        if match["month2"]:
            return f"{new.day} {name}" + (f" {new.year}" if year_text else "")
        return f"{name} {new.year}" if match["month3"] else name

    return _DATE.sub(moved, text)


def _year_before(reference: dt.date, month: int, day: int) -> int:
    return reference.year - 1 if (month, day) > (reference.month, reference.day) else reference.year


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
