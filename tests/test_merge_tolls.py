"""Across articles, two counts of the dead that cannot be one number, told as news rather than as a toll
that rose, count against one happening (compare.other_toll); and one country is no spot (place NEAR)."""

from __future__ import annotations

from builders import sentence_evidence
from marsad.merge.compare import Profile, Relation, other_toll, place_relation, profile
from marsad.records import DateRef, Figure, FigureKind, Mention, PlaceRef, Precision


def _report(
    article: str, sentence: str, published: str, *counts: tuple[FigureKind, int, int | None]
) -> Profile:
    evidence = sentence_evidence(article, sentence)
    mention = Mention(
        id=f"{article}-1",
        article_id=article,
        plover_type="ASSAULT",
        date=DateRef(date=published, precision=Precision.DAY),
        figures=tuple(Figure(kind=kind, low=low, high=high) for kind, low, high in counts),
        evidence=evidence,
    )
    return profile(mention, sentence, published)


KILLED, INJURED = FigureKind.KILLED, FigureKind.INJURED


def test_two_exact_counts_that_differ_are_other_tolls() -> None:
    first = _report("a", "One man is killed in a shooting downtown.", "2025-05-01", (KILLED, 1, 1))
    later = _report("b", "Two women are killed in a shooting downtown.", "2025-05-02", (KILLED, 2, 2))
    assert other_toll(first, later) and other_toll(later, first)


def test_a_toll_that_rose_is_the_same_count_told_later() -> None:
    first = _report("a", "Nineteen people are killed by a missile.", "2025-05-01", (KILLED, 19, 19))
    later = _report(
        "b", "The death toll from the missile strike rises to 20.", "2025-05-03", (KILLED, 20, 20)
    )
    assert not other_toll(first, later)


def test_a_toll_that_fell_is_another_count_even_when_updated() -> None:
    first = _report("a", "At least seven are killed when a bridge falls.", "2025-05-01", (KILLED, 7, None))
    later = _report("b", "The toll is one worker killed when a bridge falls.", "2025-05-02", (KILLED, 1, 1))
    assert other_toll(first, later)


def test_at_least_reaches_any_higher_count_and_missing_counts_say_nothing() -> None:
    first = _report("a", "At least ten people are killed in a siege.", "2025-05-01", (KILLED, 10, None))
    later = _report("b", "Fifteen civilians are killed in the siege.", "2025-05-02", (KILLED, 15, 15))
    silent = _report("c", "The siege ends.", "2025-05-02")
    hurt = _report("d", "Six are injured in the siege.", "2025-05-02", (INJURED, 6, 6))
    assert not other_toll(first, later)
    assert not other_toll(first, silent)
    assert not other_toll(first, hurt)


def test_two_places_known_only_as_one_country_are_near_not_the_same() -> None:
    country = PlaceRef(text="Zedland", country="ZZ", country_name="Zedland")
    town = PlaceRef(
        text="Eastford", name="Eastford", country="ZZ", latitude=1.0, longitude=2.0, resolved=True
    )
    assert place_relation(country, country) is Relation.NEAR
    assert place_relation(town, town) is Relation.SAME


def test_days_that_only_the_articles_gave_earn_no_point_when_they_differ() -> None:
    """Both reports took their article's day and the days differ: the tolerance lets them be one day, but
    that is no evidence; on one day, or said in words, the date still counts."""
    from marsad.merge.compare import score

    monday = _report("a", "A shop is burnt in the market.", "2025-05-05")
    tuesday = _report("b", "A shop is burnt in the market.", "2025-05-06")
    also_monday = _report("c", "A shop is burnt in the market.", "2025-05-05")
    assert score(monday, also_monday) - score(monday, tuesday) == 2
