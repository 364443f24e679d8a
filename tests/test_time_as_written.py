"""Time as the text says it (issue 15): named months, days ahead of the article, old events as
background, the lead's day for undated events, a round-up's month, and no invented day without a date.

Sentences are ours; the traps are the ones a trial on real articles fell into.
"""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article, DateRef, Mention, Modality, Precision
from marsad.resolve import load_actor_names, load_resolver
from marsad.resolve.dates import resolve_date
from marsad.resolve.timeline import date_span, is_ahead, is_long_before, lead_day, news_period


def _read(nlp: Language, body: str, published: str | None, title: str = "Test report") -> list[Mention]:
    article = Article(id="a_time", title=title, body=body, published=published)
    result = extract(nlp(body), article, actors=load_actor_names())
    return load_resolver().resolve_all(result.mentions, article)


def _one(mentions: list[Mention], trigger: str) -> Mention:
    found = [m for m in mentions if m.trigger == trigger]
    assert found, [m.trigger for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "reference", "date", "precision"),
    [
        ("last April", "2018-03-01", "2017-04-15", Precision.MONTH),  # not the article's own month
        ("last August", "2019-09-05", "2019-08-15", Precision.MONTH),
        ("last August", "2019-06-05", "2018-08-15", Precision.MONTH),
        ("next April", "2019-09-05", "2020-04-15", Precision.MONTH),
        ("on 10 and 11 September", "2019-09-05", "2019-09-10", Precision.DAY),  # days ahead, not last year
        ("September 10-11", "2019-09-05", "2019-09-10", Precision.DAY),
        ("on 30 December", "2020-01-03", "2019-12-30", Precision.DAY),  # just behind, across the year
        ("earlier this month", "2019-09-20", "2019-09-15", Precision.MONTH),
        ("this morning", "2019-09-05", "2019-09-05", Precision.DAY),
        ("overnight", "2019-09-05", "2019-09-04", Precision.DAY),
        ("next week", "2019-09-05", "2019-09-12", Precision.WEEK),
    ],
)
def test_time_words_resolve(text: str, reference: str, date: str, precision: Precision) -> None:
    assert resolve_date(text, reference) == DateRef(text=text, date=date, precision=precision)


def test_date_spans_follow_their_precision() -> None:
    period = news_period("A report", "2019-09-05")
    assert period is not None
    month = DateRef(date="2019-08-15", precision=Precision.MONTH)
    assert date_span(month) == (period.start.replace(month=8, day=1), period.start.replace(month=8, day=31))
    assert not is_long_before(month, period)  # August ended five days before: still recent
    assert is_long_before(DateRef(date="2019-04-15", precision=Precision.MONTH), period)
    assert is_ahead(DateRef(date="2019-09-12", precision=Precision.WEEK), period)
    assert not is_ahead(DateRef(date="2019", precision=Precision.YEAR), period)


def test_a_round_up_titled_with_a_past_month_covers_that_month() -> None:
    period = news_period("Along the campaign, March 2024", "2024-04-03")
    assert period is not None and period.precision is Precision.MONTH
    assert period.default_date == DateRef(date="2024-03-15", precision=Precision.MONTH)
    # the article's own month, or one long gone, is no round-up
    assert news_period("Budget for April 2024", "2024-04-03").precision is Precision.DAY  # type: ignore[union-attr]
    assert news_period("Memories of March 1990", "2024-04-03").precision is Precision.DAY  # type: ignore[union-attr]


def test_the_lead_gives_the_story_day() -> None:
    period = news_period("A report", "2024-01-04")  # a Thursday
    lead = "Gunmen on Monday stormed a checkpoint near the border. Two guards died."
    assert lead_day(lead, period) == DateRef(date="2024-01-01", precision=Precision.DAY)
    # only the first two sentences of the first paragraph are the lead; a day long gone dates nothing
    assert lead_day("Gunmen stormed a post. Two died. Police came on Monday.\nOn Monday ...", period) is None
    assert lead_day("On 12 December gunmen stormed a post.", period) is None


def test_a_meeting_on_coming_days_is_planned_not_last_year(nlp: Language) -> None:
    body = "The envoy asked the three governments to meet in Geneva on 10 and 11 September."
    meet = _one(_read(nlp, body, "2019-09-05"), "meet")
    assert meet.date.date == "2019-09-10"
    assert meet.modality is Modality.PLANNED


def test_an_event_of_last_april_is_background(nlp: Language) -> None:
    body = "The ministry recalled that an air strike on the depot in Homs last April killed four guards."
    mentions = _read(nlp, body, "2018-03-01")
    strike = next(m for m in mentions if m.plover_type == "ASSAULT")
    assert strike.date.date == "2017-04-15" and strike.date.precision is Precision.MONTH
    assert strike.background


def test_undated_events_take_the_lead_day_not_the_report_day(nlp: Language) -> None:
    body = (
        "A truck bomb was on Monday detonated at an army post in Kandahar.\n"
        "Police arrested three men in the city."
    )
    arrest = _one(_read(nlp, body, "2024-01-04"), "arrested")
    assert arrest.date == DateRef(date="2024-01-01", precision=Precision.DAY)


def test_an_undated_article_never_gets_an_invented_day(nlp: Language) -> None:
    body = "Gunmen killed two farmers near Kirkuk on Tuesday. Police arrested a suspect."
    for mention in _read(nlp, body, None):
        assert mention.date.date is None
        assert mention.date.precision is Precision.UNKNOWN


def test_a_round_up_dates_its_undated_events_to_its_month(nlp: Language) -> None:
    body = "Protesters marched through the capital. Police arrested twelve of them."
    mentions = _read(nlp, body, "2024-04-03", title="Along the campaign, March 2024")
    arrest = _one(mentions, "arrested")
    assert arrest.date == DateRef(date="2024-03-15", precision=Precision.MONTH)
    assert not arrest.background
