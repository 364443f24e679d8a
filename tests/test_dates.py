"""Date resolution against the article date, with ACLED-style precision."""

from __future__ import annotations

import pytest

from marsad.article_date import article_reference_date, caption_date
from marsad.records import Article, Caption, Precision
from marsad.resolve.dates import resolve_date

DAY, WEEK, MONTH, YEAR, UNKNOWN = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.YEAR,
    Precision.UNKNOWN,
)

# (expression, reference, expected date, precision). 2024-01-04 is a Thursday; 2026-01-12 a Monday.
CASES = [
    ("on Thursday", "2024-01-04", "2024-01-04", DAY),  # same weekday: the reference day itself
    ("Thursday", "2024-01-05", "2024-01-04", DAY),
    ("on Monday", "2024-01-04", "2024-01-01", DAY),
    ("earlier Monday", "2026-01-12", "2026-01-12", DAY),
    ("said Monday", "2026-01-12", "2026-01-12", DAY),
    ("late on Sunday night", "2026-01-12", "2026-01-11", DAY),
    ("last Monday", "2026-01-12", "2026-01-05", DAY),
    ("Thursday's strike", "2024-01-04", "2024-01-04", DAY),
    ("the December 26 attack", "2026-01-12", "2025-12-26", DAY),  # across the year boundary
    ("December 26", "2026-01-12", "2025-12-26", DAY),
    ("26 December", "2026-01-12", "2025-12-26", DAY),
    ("Dec. 31", "2026-01-01", "2025-12-31", DAY),
    ("Oct. 10", "2026-01-12", "2025-10-10", DAY),
    ("January 12", "2026-01-12", "2026-01-12", DAY),
    ("January 4, 2024", "2026-01-12", "2024-01-04", DAY),
    ("2024-01-04", None, "2024-01-04", DAY),
    ("yesterday", "2026-01-01", "2025-12-31", DAY),
    ("two days ago", "2026-01-01", "2025-12-30", DAY),
    ("today", "2026-01-12", "2026-01-12", DAY),
    ("last night", "2026-01-12", "2026-01-11", DAY),
    ("overnight", "2026-01-12", "2026-01-11", DAY),  # the night before the report, as "last night"
    ("late on Sunday overnight", "2026-01-12", "2026-01-11", DAY),
    ("last week", "2026-01-12", "2026-01-08", WEEK),
    ("last week", "2026-01-02", "2025-12-25", WEEK),
    ("in recent days", "2026-01-12", "2026-01-09", WEEK),
    ("over the weekend", "2026-01-12", "2026-01-10", WEEK),
    ("two weeks ago", "2026-01-12", "2025-12-29", WEEK),
    ("last month", "2026-01-12", "2025-12-15", MONTH),
    ("late last month", "2026-01-12", "2025-12-31", MONTH),
    ("earlier this month", "2026-01-12", "2026-01-06", MONTH),
    ("in October", "2026-01-12", "2025-10-15", MONTH),
    ("mid-October", "2026-01-12", "2025-10-15", MONTH),
    ("early October", "2026-01-12", "2025-10-01", MONTH),
    ("October 2023", None, "2023-10-15", MONTH),
    ("in 2020", "2024-01-04", "2020", YEAR),
    ("in 2020", None, "2020", YEAR),
    ("the 2020 strike", "2024-01-04", "2020", YEAR),
    ("last year", "2026-01-12", "2025", YEAR),
]


@pytest.mark.parametrize(("text", "reference", "date", "precision"), CASES)
def test_resolve_date(text: str, reference: str | None, date: str, precision: Precision) -> None:
    resolved = resolve_date(text, reference)
    assert resolved.text == text
    assert (resolved.date, resolved.precision) == (date, precision)


@pytest.mark.parametrize("text", ["on Monday", "December 26", "last week", "last month", "yesterday"])
def test_relative_without_reference_stays_unknown(text: str) -> None:
    resolved = resolve_date(text, None)
    assert resolved.text == text
    assert resolved.date is None
    assert resolved.precision == UNKNOWN


@pytest.mark.parametrize("text", ["", None, "a long time", "2 killed"])
def test_no_date_expression(text: str | None) -> None:
    resolved = resolve_date(text, "2026-01-12")
    assert resolved.date is None and resolved.precision == UNKNOWN


def test_planned_events_prefer_the_future() -> None:
    assert resolve_date("in February", "2026-01-12", prefer="future").date == "2026-02-15"
    assert resolve_date("in February", "2026-01-12").date == "2025-02-15"
    assert resolve_date("next week", "2026-01-12").precision == WEEK


def test_caption_date() -> None:
    text = "Medics wait beside a police car at the site of a drone strike in Baghdad, Iraq January 4, 2024."
    assert caption_date(text) == "2024-01-04"
    assert caption_date("Rescuers search the rubble, 26 December 2025") == "2025-12-26"
    assert caption_date("Displaced people stand by their tents in central Gaza") is None


def _article(**fields: object) -> Article:
    return Article(id="a1", title="t", body="b", **fields)  # type: ignore[arg-type]


def test_reference_from_input_then_caption_then_option() -> None:
    captioned = (Caption(text="Smoke rises over Baghdad, Iraq January 4, 2024.", credit="Reuters"),)
    assert article_reference_date(_article(published="2024-01-05", published_from="input")) == (
        "2024-01-05",
        "input",
    )
    assert article_reference_date(_article(captions=captioned)) == ("2024-01-04", "caption")
    # A --published default never overrides the article's own dated caption.
    with_option = _article(captions=captioned, published="2026-01-12", published_from="option")
    assert article_reference_date(with_option) == ("2024-01-04", "caption")
    assert article_reference_date(_article(published="2026-01-12", published_from="option")) == (
        "2026-01-12",
        "option",
    )
    assert article_reference_date(_article()) == (None, None)


def test_a_statement_date_looks_back_even_for_a_planned_event() -> None:
    # 2026-01-12 is a Monday: the planned event's own Sunday is ahead, the Sunday it was announced behind.
    assert resolve_date("on Sunday", "2026-01-12", prefer="future").date == "2026-01-18"
    said = resolve_date("said in televised remarks Sunday night", "2026-01-12", prefer="future")
    assert (said.date, said.precision) == ("2026-01-11", DAY)
    assert resolve_date("On Sunday, the official said", "2026-01-12", prefer="future").date == "2026-01-11"
