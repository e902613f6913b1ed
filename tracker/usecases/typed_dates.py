"""Dates people type: `--from`, `--to`, `--as-of` and the values of date slots.

python-dateutil reads the Latin forms ("12 Sept 2011", "Sept 12, 2011", "2011-09-12", "12/9/2011"); a numeric
date that does not begin with its year is read day first, as UN documents write it (12/9/2011 is 12 September).
Chinese dates (2011年9月12日, 9月12日), which dateutil cannot read, go through the extractor's own grammar.
A text is a date only when it names one whole day: "tomorrow", "Sept 2011", "32/13/2011" or a time of day
are not.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from tracker.domain import FIRST_YEAR, LAST_YEAR

FORMS = "2011-09-12, 12 Sept 2011, Sept 12, 2011, or 12/9/2011 read day first"
# a year written first: "2011-09-12", "2011/9/12", "20110912" (dateutil's dayfirst would read 2011-12-09)
YEAR_FIRST = re.compile(r"\d{4}(?:[-/.]|\d{4}$)")
HAN = re.compile(r"[\u3400-\u9fff]")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # 2011-09-12
# two defaults that differ in every field: whatever the text leaves out comes out different from each
EARLY, LATE = datetime(1904, 1, 1, 0, 0), datetime(1908, 2, 2, 12, 30)  # both leap years: 29 Feb reads


def read_day(text: str, year: int | None = None) -> date | None:
    """The day `text` names, or None. A text that names all but the year takes `year` when one is given
    (a slot's document writes it beside the blank)."""
    value = unicodedata.normalize("NFKC", text).strip()  # full-width digits typed in a CJK input method
    if not value:
        return None
    if HAN.search(value):
        return _han_day(value, year)
    if ISO_DAY.fullmatch(value):  # 2011-09-12: what dateutil reads it as, without importing dateutil's parser
        try:
            return date.fromisoformat(value)
        except ValueError:  # 2011-02-30: dateutil's verdict, below
            pass
    early, late = _parse(value, EARLY), _parse(value, LATE)
    if early is None or late is None or early.time() != EARLY.time() or late.time() != LATE.time():
        return None  # unreadable, or it holds a time of day
    if early.date() == late.date():
        return early.date()
    if year is not None and (early.month, early.day) == (late.month, late.day):  # only the year left out
        try:
            return early.date().replace(year=year)
        except ValueError:  # 29 February of a common year
            return None
    return None


def in_range(day: date) -> bool:
    """A day a meeting can have: the years the store, the reports and the calendar hold (1900–2199)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _parse(value: str, default: datetime) -> datetime | None:
    from dateutil.parser import parse

    order = {"yearfirst": True} if YEAR_FIRST.match(value) else {"dayfirst": True}
    try:
        return parse(value, default=default, **order)
    except (ValueError, OverflowError):  # dateutil's ParserError is a ValueError; 20 digits overflow
        return None


def _han_day(value: str, year: int | None) -> date | None:
    from tracker.extract.dates import find_dates
    from tracker.lang import for_language

    found = [s for s in find_dates(value, for_language("zh"), year) if s.precision == "day" and s.start]
    if found and found[0].begin == 0 and found[0].stop >= len(value.rstrip("。. ")):
        return found[0].start
    return None
