"""What every date grammar shares: resolving year, month and day against the context of earlier
dates, precision, clock times, and choosing the longest non-overlapping candidates.

A family module (han.py, latin.py) finds candidates and reads its own groups; this module turns
them into DateSpans the same way for every language.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from tracker.domain import DateSpan
from tracker.extract.numerals import cn_to_int

PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
# a part of a year: its first month and how many months it lasts ("mid-2001": May to August)
YEAR_PARTS = {"early": (1, 4), "mid": (5, 4), "late": (9, 4), "first_half": (1, 6), "second_half": (7, 6)}
UNITS = {"year": "years", "month": "months"}  # a relative expression's unit -> relativedelta's argument

# dates written with numerals only, in every script: 2014-06-04, 2014/6/4 (year first) and 31/12/1994,
# 12.31.1994 (day and month in the pack's order). Not inside a symbol (CCW/MSP/2012/3/1) nor a number
# (a letter or digit before it; a Chinese character may touch it: 于2014-06-04).
_Y = r"(?:1[89]\d\d|2[01]\d\d)"
YMD = re.compile(rf"(?<![0-9A-Za-z/.\-])(?P<ay>{_Y})(?P<sep>[-/.])(?P<n1>1[0-2]|0?[1-9])(?P=sep)(?P<n2>3[01]|[12]\d|0?[1-9])(?![\d/]|[.\-]\d)")
NUMERIC = re.compile(rf"(?<![0-9A-Za-z/.\-])(?P<n1>\d\d?)(?P<sep>[/.])(?P<n2>\d\d?)(?P=sep)(?P<ay>{_Y})(?![\d/]|[.\-]\d)")
# where one of them (or a year range written with a dash, 2014-2018) may begin; written to open with a digit,
# so the engine skips from digit to digit (what may not stand before it is checked by numeric_starts)
NUMERIC_ANCHOR = re.compile(r"\d(?:\d{3}[-/.]\d|\d?[/.]\d\d?[/.]\d{4}|\d{3}\s*[-–—~～－至到]\s*\d{4})")
NOT_BEFORE_NUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/.-")
# one character for one, so offsets stay valid: "２０１３" -> "2013"
FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}


def has_fullwidth_digit(text: str) -> bool:
    """Whether text holds a full-width digit: ten str `in` tests outrun a regex scan of the class (and are
    answered at once for a text with no character that wide)."""
    return any(chr(c) in text for c in FULLWIDTH_DIGITS)


DIGIT_RUN = re.compile(r"\d+")


@lru_cache(maxsize=1)
def numeric_starts(text: str) -> tuple[int, ...]:
    """Where NUMERIC_ANCHOR matches, not after a letter, digit, slash, dot or dash; a match refused for the
    character before it is tried again one character on (as a look-behind would). Remembered for the last
    text: the han grammar and the latin one quoted in a Chinese text both ask for it, one after the other."""
    out: list[int] = []
    search, pos = NUMERIC_ANCHOR.search, 0
    while (m := search(text, pos)) is not None:
        p = m.start()
        if p and text[p - 1] in NOT_BEFORE_NUMERIC:
            pos = p + 1
            continue
        out.append(p)
        pos = m.end()
    return tuple(out)


@dataclass
class Context:
    year: int | None
    month: int | None = None
    written: date | None = None  # the document's own date: what "next year" and 明年 count from


def last_day(y: int, m: int) -> int:
    return monthrange(y, m)[1]


def year_part(y: int, part: str, b: int, e: int) -> DateSpan | None:
    """The first and last day of a part of year `y` (early, mid, late, first_half, second_half)."""
    if part not in YEAR_PARTS:
        return None
    first, months = YEAR_PARTS[part]
    start = date(y, first, 1)
    return DateSpan(start, start + relativedelta(months=months, days=-1), "part_of_month", b, e)


def relative(written: date | None, unit: str, offset: int, b: int, e: int) -> DateSpan | None:
    """The year or month `offset` units from the document's own date ("next year" from a paper of
    14 March 2016: 2016-01-01 + 1 year, to the end of that year). None when the date is not known."""
    if written is None or unit not in UNITS:
        return None
    step = relativedelta(**{UNITS[unit]: 1})
    start = (date(written.year, 1, 1) if unit == "year" else written.replace(day=1)) + relativedelta(**{UNITS[unit]: offset})
    return DateSpan(start, start + step - relativedelta(days=1), unit, b, e)


def numeric(m: re.Match, order: str) -> DateSpan | None:
    """A date of numerals only (YMD, or NUMERIC read in `order`, "dmy" or "mdy"); a reading whose
    month is impossible falls back to the other order (12/31/1994 in a day-first pack)."""
    g = m.groupdict()
    n1, n2, y = int(g["n1"]), int(g["n2"]), int(g["ay"])
    if order == "ymd":
        pairs = [(n1, n2)]
    elif order not in ("dmy", "mdy"):
        return None
    else:
        pairs = [(n2, n1), (n1, n2)] if order == "dmy" else [(n1, n2), (n2, n1)]
    for mo, d in pairs:
        day_ = safe_date(y, mo, d)
        if day_:
            return DateSpan(day_, day_, "day", m.start(), m.end())
    return None


def one_sided(start: date | None, end: date | None) -> bool:
    """A range with one end resolved and not the other ("2011年-12日": a year, then a day of no month)."""
    return (start is None) != (end is None)


def year_range(first: int, last: int, b: int, e: int) -> DateSpan | None:
    """2014-2018: from the first day of the first year to the last day of the last."""
    if not first < last:
        return None
    return DateSpan(date(first, 1, 1), date(last, 1, 1) + relativedelta(years=1, days=-1), "year", b, e)

def safe_date(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def num(value: str | None) -> int | None:
    if not value:
        return None
    return int(value) if value.isascii() and value.isdigit() else cn_to_int(value)


def day(value: str | None) -> int | None:
    if not value:
        return None
    return num(value.rstrip("stndrh"))


def complete(a: dict, ctx: Context, fallback: dict | None = None) -> dict:
    """Fill missing year/month from an earlier atom of the same expression, then from context."""
    a = dict(a)
    if a["d"] is not None or a["m"] is not None:
        if a["m"] is None:
            a["m"] = (fallback or {}).get("m") or ctx.month
        if a["y"] is None:
            a["y"] = (fallback or {}).get("y") or ctx.year
    return a


def bounds(a: dict) -> tuple[date | None, date | None, str]:
    """The first and last day an atom covers, and its precision."""
    y, m, d = a["y"], a["m"], a["d"]
    if d is not None:
        if y is None or m is None:
            return None, None, "unknown" if (m is None or 1 <= m <= 12) and d <= 31 else "invalid"
        day = safe_date(y, m, d)
        return day, day, "day" if day else "invalid"
    if m is not None:
        if y is None or not 1 <= m <= 12:
            return None, None, "unknown" if y is None else "invalid"
        if a.get("part"):
            lo, hi = PARTS[a["part"]]
            return date(y, m, lo), date(y, m, min(hi, last_day(y, m))), "part_of_month"
        return date(y, m, 1), date(y, m, last_day(y, m)), "month"
    if y is not None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    return None, None, "unknown"


@lru_cache(maxsize=4096)
def clock(h: str | None, mi: str | None, mer: str | None, half: str | None = None,
          after: str | None = None) -> str | None:
    """24-hour "HH:MM"; `mer` is "am", "pm" or "noon" as the grammar read it from the pack's words (or None);
    without one, a time after an afternoon one stays in the afternoon. Remembered: a document writes the
    same few times again and again, and the answer depends on the written parts alone."""
    hour = num(h)
    if hour is None or hour > 24:
        return None
    minute = 30 if half else (num(mi) or 0)
    if minute > 59:
        return None
    if mer == "pm":
        if hour < 12:
            hour += 12
    elif mer == "am":
        if hour == 12:
            hour = 0
    elif mer == "noon":
        if hour < 11:
            hour += 12
    elif after is not None and int(after[:2]) >= 12 and hour < 12 and hour + 12 >= int(after[:2]):
        hour += 12
    if hour >= 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def meridiem_reader(words: Mapping[str, str]):
    """A function from a meridiem as written ("p. m.", "PM", 下午) to "am", "pm" or "noon" (None when unknown):
    the pack's words compared without spaces, dots or case."""
    table = {_bare(w): v for w, v in words.items()}

    def read(written: str | None) -> str | None:
        return table.get(_bare(written)) if written else None
    return read


def _bare(word: str) -> str:
    return word.replace(" ", "").replace(".", "").lower()


def times(g: dict, meridiem) -> tuple[str | None, str | None]:
    """The clock times t1, t2 of a date's match; `meridiem` reads a written meridiem (see meridiem_reader)."""
    out: list[str | None] = []
    for p in ("t1", "t2"):
        after = out[0] if out else None
        if g.get(p + "H"):
            out.append(clock(g[p + "H"], g[p + "MI"], None))
        elif g.get(p + "h"):
            out.append(clock(g[p + "h"], g.get(p + "mi"), meridiem(g.get(p + "mer")), g.get(p + "half"), after=after))
        else:
            out.append(None)
    return out[0], out[1]


def remember(ctx: Context, atom: dict) -> None:
    if atom.get("y"):
        ctx.year = atom["y"]
    if atom.get("m"):
        ctx.month = atom["m"]


def candidates(text: str, patterns: list, starts: list[tuple[int, int, tuple[int, ...]]]) -> list[tuple[int, int, int, str, re.Match]]:
    """Longest non-overlapping matches of all patterns, in text order (ties: earlier pattern wins).

    Each pattern is tried at the starts given for it, skipping those inside its own previous
    match, as `finditer` would."""
    return chosen(text, patterns, matches(text, patterns, starts))


def matches(text: str, patterns: list, starts: list[tuple[int, int, tuple[int, ...]]]) -> list[tuple]:
    """Every match of the patterns at the starts given for each, as (-length, rank, start, end, match): the
    matches `candidates` chooses from. A prefix of the starts gives the matches of the full list that
    begin there (a pattern's skipping depends only on its earlier matches)."""
    found = []
    last = [0] * len(patterns)
    match = [rx.match for _, rx in patterns]
    for p, e, ranks in starts:
        for rank in ranks:
            if p < last[rank]:
                continue
            m = match[rank](text, p, e)
            if m is None:
                continue
            q = m.end()
            if q > p and (not text[p].isspace() or text[p:q].strip()):
                found.append((p - q, rank, p, q, m))  # longest first, then the earlier pattern, then in text order
                last[rank] = q
    return found


def chosen(text: str, patterns: list, found: list[tuple]) -> list[tuple[int, int, int, str, re.Match]]:
    """The longest non-overlapping ones of `matches`, in text order, as (start, end, rank, kind, match)."""
    found.sort(key=_first_three)
    taken = bytearray(len(text) + 1)  # 1 where a chosen match already stands
    out = []
    for _, rank, s, e, m in found:
        if taken.find(1, s, e) == -1:
            taken[s:e] = b"\x01" * (e - s)
            out.append((s, e, rank, patterns[rank][0], m))
    out.sort()
    return out


def _first_three(t: tuple) -> tuple:
    return t[:3]


def strip(span: DateSpan, text: str) -> DateSpan:
    """Trim leading/trailing whitespace from the span's offsets."""
    b, e = span.begin, span.stop
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1].isspace():
        e -= 1
    if (b, e) == (span.begin, span.stop):
        return span
    return DateSpan(span.start, span.end, span.precision, b, e, span.start_time, span.end_time, span.weekday)


