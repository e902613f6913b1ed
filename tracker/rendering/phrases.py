"""The one place that says when and where a meeting is, for every output a person reads.

`when` phrases a meeting's dates with their precision ('5 days somewhere in 10–20 Sep 2011', 'mid Sep 2011
(11–20 Sep 2011)', 'some time in 2012'); `where` its venue ('Palais des Nations, Geneva, CH'). Status, lists,
`show`, `extract --format text` and the calendar's SUMMARY, DESCRIPTION and LOCATION all call these two,
so a meeting reads the same wherever it is shown. Pure; month names from the English pack, read on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache

from tracker.lang import lexicon
from tracker.rules.vocabulary import Precision

DATE_UNKNOWN = "date unknown"
VENUE_UNKNOWN = "venue unknown"


@cache
def _months() -> list[str]:
    """Jan … Dec, from the English pack on first use (not at import: `status` starts faster)."""
    return [name[:3] for name in lexicon("en").month_names]


def _day(d: date, year: bool = True) -> str:
    return f"{d.day} {_months()[d.month - 1]}" + (f" {d.year}" if year else "")


def date_range(start: date, end: date | None) -> str:
    """9–12 Nov 2010, 27 Jun – 3 Jul 2011, 30 Dec 2010 – 2 Jan 2011."""
    end = end or start
    if start == end:
        return _day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{_day(end)}"
    if start.year == end.year:
        return f"{_day(start, False)} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def _part(d: date) -> str:
    """Which part of its month a day opens: early (1–10), mid (11–20), late."""
    return "early" if d.day <= 10 else "mid" if d.day <= 20 else "late"


def days_phrase(n: float) -> str:
    """1 day, 2.5 days."""
    return f"{n:g} day" if n == 1 else f"{n:g} days"


def when(m) -> str:
    """A meeting's dates with their precision said plainly. `m` is anything with start, end, precision,
    duration_days and (optionally) year: a domain Meeting, a calendar entry, an extraction's meeting."""
    days = f"{days_phrase(m.duration_days)} " if m.duration_days else ""
    year = getattr(m, "year", None) or (m.start.year if m.start else None)
    if m.precision == Precision.YEAR or (not m.start and year):
        return f"{days}some time in {year}" if year else DATE_UNKNOWN
    if not m.start:
        return DATE_UNKNOWN
    if m.precision == Precision.DAY:
        return date_range(m.start, m.end)
    if m.precision == Precision.WINDOW:
        return f"{days}somewhere in {date_range(m.start, m.end)}"
    if m.precision == Precision.PART_OF_MONTH:
        return f"{days}{_part(m.start)} {_months()[m.start.month - 1]} {m.start.year} ({date_range(m.start, m.end)})"
    if m.precision == Precision.MONTH:
        return f"{days}some time in {_months()[m.start.month - 1]} {m.start.year}"
    return f"{days}around {date_range(m.start, m.end)}"


def where(m, country: Callable[[str], str] = str) -> str | None:
    """A meeting's venue, most precise first: 'Palais des Nations, Geneva, CH'; None when nothing is known.
    `country` names the ISO code (the calendar passes English names; reports keep the code)."""
    return ", ".join(v for v in (m.facility, m.city, country(m.country) if m.country else None) if v) or None
