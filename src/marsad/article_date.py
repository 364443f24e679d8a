"""The date an article speaks from: its own date, else a dated photo caption, else ``--published``.

Shared by extract (whose role a speaker held that day, which agreements were in force) and resolve
(relative dates such as "on Thursday"), so neither stage reaches into the other for it. The month and
day patterns are the ones resolve's date grammar is built from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from marsad.records import Article

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"

_CAPTION_DATE = re.compile(
    rf"\b(?:{MONTH}\s+{DAY},?\s+{YEAR}|(?P<day2>\d{{1,2}})\s+(?P<month2>[A-Za-z]+)\.?,?\s+(?P<year2>(?:19|20)\d\d))\b",
    re.I,
)


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def article_reference_date(article: Article) -> tuple[str | None, str | None]:
    """(ISO date, where from) for an article: its own date, else a dated caption, else --published."""
    if article.published and article.published_from != "option":
        return article.published, article.published_from or "input"
    for caption in article.captions:
        found = caption_date(caption.text)
        if found:
            return found, "caption"
    if article.published:
        return article.published, "option"
    return None, None


def caption_date(text: str) -> str | None:
    """The first full date in a caption ("... in Baghdad, Iraq January 4, 2024."), as ISO."""
    for match in _CAPTION_DATE.finditer(text):
        month = MONTHS.get((match["month"] or match["month2"] or "").lower().rstrip("."))
        day = int(match["day"] or match["day2"])
        year = int(match["year"] or match["year2"])
        if month and valid_day(year, month, day):
            return dt.date(year, month, day).isoformat()
    return None
