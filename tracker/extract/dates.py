"""Chinese and English date grammar: text -> DateSpan(start, end, precision) with offsets.

Candidates from every pattern are collected, the longest non-overlapping ones kept, and
then resolved in text order so that a year or month written once carries to later dates
("2013年4月22日至5月3日", "同年10月", "the same year").
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date

from tracker.domain import ClockTime, DateSpan
from tracker.extract.lexicon import trie_pattern, windows, windows_of
from tracker.extract.numerals import cn_to_int

# ---------------------------------------------------------------- shared pieces
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS_EN = {d.lower(): i for i, d in enumerate(calendar.day_name)}
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
ZH_PARTS = {"上旬": "early", "初": "early", "中旬": "mid", "下旬": "late", "底": "late", "末": "late"}

# one character for one, so offsets stay valid: "２０１３" -> "2013"
FULLWIDTH_DIGITS = {0xFF10 + i: 0x30 + i for i in range(10)}
FULLWIDTH_DIGIT = re.compile("[０-９]")
DASH = r"(?:-|–|—|~|～|－)"

# ---------------------------------------------------------------- Chinese
_ZH_Y = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_ZH_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZH_D = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|二十|三十|[一二三四五六七八九])"
_ZH_WEEKDAY = r"(?:\s*[(（]?\s*(?:星期|礼拜|周)(?P<{p}wd>[一二三四五六日天])\s*[)）]?)?"
_ZH_TIME = (r"(?:(?:(?P<{p}H>[01]?\d|2[0-3]):(?P<{p}MI>[0-5]\d))|(?P<{p}mer>上午|下午|晚上|中午|早上|凌晨)?\s*(?P<{p}h>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[时點点]"
            r"(?:\s*(?P<{p}mi>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*分|(?P<{p}half>半))?)")


def _zh_atom(p: str) -> str:
    """One calendar atom: 2014年3月17日, 4月中旬, 同年6月, 21日, 2015年. Group names get prefix p."""
    return (rf"(?<![\d.])(?=[\d〇零○一二两三四五六七八九十同])(?:(?P<{p}y>{_ZH_Y}|同)\s*年\s*)?(?:(?P<{p}m>{_ZH_M})\s*月(?:份)?\s*)?"
            rf"(?:(?<!第)(?P<{p}d>{_ZH_D})\s*(?:日(?!本|语|文|元|方|内瓦)|号(?!议定书|文件|决议|决定|附件|报告|修正)))?(?:\s*(?P<{p}part>上旬|中旬|下旬|初|底|末))?")


_ZH_TIMESPAN = (rf"(?:\s*[,，]?\s*{_ZH_TIME.format(p='t1')}"
                rf"(?:\s*(?:至|到|{DASH})\s*{_ZH_TIME.format(p='t2')})?)?")
ZH_PATTERNS = [
    # window: 2014年5月12日到23日期间, 在5月12日和23日之间
    ("window", re.compile(rf"(?=[\d〇零○一二两三四五六七八九十同在于从])(?:在|于|从)?\s*{_zh_atom('a')}\s*(?:至|到|和|与|及|{DASH})\s*{_zh_atom('b')}\s*(?:期间|之间|间)")),
    # range: 2013年4月22日至5月3日, 4月16-20日
    ("range", re.compile(rf"(?=[\d〇零○一二两三四五六七八九十同从自])(?:从|自)?\s*{_zh_atom('a')}{_ZH_WEEKDAY.format(p='a')}\s*(?:至|到|{DASH})\s*{_zh_atom('b')}{_ZH_WEEKDAY.format(p='b')}{_ZH_TIMESPAN}")),
    # day range written once: 4月16-20日, 2012年4月16至20日
    ("range", re.compile(rf"(?<![\d.])(?:(?P<ay>{_ZH_Y})\s*年\s*)?(?P<am>{_ZH_M})\s*月\s*(?P<ad>{_ZH_D})\s*(?:至|到|{DASH})\s*(?P<bd>{_ZH_D})\s*[日号]{_ZH_TIMESPAN}")),
    # single: 2012年3月7日星期三下午2时
    ("single", re.compile(rf"{_zh_atom('a')}{_ZH_WEEKDAY.format(p='a')}{_ZH_TIMESPAN}")),
]
ZH_TIME = re.compile(_ZH_TIME.format(p=""))

# ---------------------------------------------------------------- English
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_EN_D = r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_EN_Y = r"(?:1[89]\d\d|2[01]\d\d)"
_EN_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_EN_TIME = (r"(?:(?:(?P<{p}h>1[0-2]|0?[1-9])(?:[.:](?P<{p}mi>[0-5]\d))?\s*(?P<{p}mer>a\.\s?m\.?|p\.\s?m\.?|am\b|pm\b|noon)"
            r"|(?P<{p}H>[01]?\d|2[0-3]):(?P<{p}MI>[0-5]\d)))")
_EN_TIMESPAN = (rf"(?:,?\s*(?:at|from)?\s*{_EN_TIME.format(p='t1')}"
                rf"(?:\s*(?:-|–|to|until)\s*{_EN_TIME.format(p='t2')})?)?")
_PRE = r"(?:(?P<pre>between|in\s+the\s+period(?:\s+from)?|from|during\s+the\s+period(?:\s+from)?)\s+)?"
_EN_SEP = r"\s*(?:-|–|—|to|and|until|through|till)\s*"
_WD_PRE = rf"(?:(?P<{{p}}wd>{_EN_WD}),?\s+(?:the\s+)?)?"
_WD_POST = rf"(?:\s*\((?P<{{p}}wd2>{_EN_WD})\))?"
_PART = r"(?P<part>early|mid|late|the\s+middle\s+of|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|the\s+start\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of)"

EN_PATTERNS = [
    # 9-12 November 2010; 22 April-3 May 2013; 29 December 2014 to 2 January 2015
    ("dmy_range", re.compile(
        rf"(?=[bifdMTWFS\d]){_PRE}{_WD_PRE.format(p='a')}(?P<ad>{_EN_D})(?:\s+(?:of\s+)?(?P<am>{_MON}))?(?:,?\s+(?P<ay>{_EN_Y}))?{_EN_SEP}"
        rf"{_WD_PRE.format(p='b')}(?P<bd>{_EN_D})\s+(?:of\s+)?(?P<bm>{_MON})(?:,?\s+(?P<by>{_EN_Y}))?{_EN_TIMESPAN}")),
    # November 9-12, 2010; April 22 to May 3, 2013
    ("mdy_range", re.compile(
        rf"(?=[bifdJFMASOND]){_PRE}(?P<am>{_MON})\s+(?P<ad>{_EN_D})(?:,?\s+(?P<ay>{_EN_Y}))?{_EN_SEP}"
        rf"(?:(?P<bm>{_MON})\s+)?(?P<bd>{_EN_D})(?:,?\s+(?P<by>{_EN_Y}))?{_EN_TIMESPAN}")),
    # June to July 2011
    ("month_range", re.compile(rf"(?=[bifdJFMASOND]){_PRE}(?P<am>{_MON})(?:\s+(?P<ay>{_EN_Y}))?{_EN_SEP}(?P<bm>{_MON}),?\s+(?P<by>{_EN_Y})")),
    # Friday, 14 November 2008 (at 3 p.m.)
    ("dmy", re.compile(rf"(?=[MTWFS\d]){_WD_PRE.format(p='a')}(?P<ad>{_EN_D})\s+(?:of\s+)?(?P<am>{_MON})(?:,?\s+(?P<ay>{_EN_Y}))?{_WD_POST.format(p='a')}{_EN_TIMESPAN}")),
    # November 14, 2008
    ("mdy", re.compile(rf"(?=[MTWFSJAOND]){_WD_PRE.format(p='a')}(?P<am>{_MON})\s+(?P<ad>{_EN_D})(?![\d:])(?:,?\s+(?P<ay>{_EN_Y}))?{_WD_POST.format(p='a')}{_EN_TIMESPAN}")),
    # mid-September 2011; the first half of 2012
    ("part", re.compile(rf"(?=[emltb]){_PART}[\s-]*(?:(?P<am>{_MON})(?:,?\s+(?P<ay>{_EN_Y}))?|(?P<yonly>{_EN_Y}))")),
    # June 2014; in June
    ("my", re.compile(rf"(?P<am>{_MON}),?\s+(?P<ay>{_EN_Y})|(?<=\bin\s)(?P<am2>(?!May){_MON})\b")),
    # the same year; later that year
    ("same_year", re.compile(r"(?=[tlei])(?:the\s+same\s+year|(?:later\s+|earlier\s+)?(?:in\s+)?that\s+year)")),
    # 2015 (not inside a symbol like CCW/MSP/2015/3)
    ("year", re.compile(rf"(?<![\d/.\-])(?P<ay>{_EN_Y})(?![\d/])")),
]
EN_TIME = re.compile(_EN_TIME.format(p="") + r"|(?<=\bat\s)(?P<bh>1[0-2]|0?[1-9])[.:](?P<bmi>[0-5]\d)\b")


# ---------------------------------------------------------------- resolution
@dataclass
class _Context:
    year: int | None
    month: int | None = None


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe_date(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _num(value: str | None) -> int | None:
    if not value:
        return None
    return int(value) if value.isascii() and value.isdigit() else cn_to_int(value)


def _month(value: str | None) -> int | None:
    if not value:
        return None
    if value[0].isdigit() or value[0] in "十一二三四五六七八九":
        return cn_to_int(value)
    return MONTHS.get(value.lower().rstrip("."))


def _day(value: str | None) -> int | None:
    if not value:
        return None
    return _num(value.rstrip("stndrh"))


def _atom(g: dict, p: str, ctx: _Context, zh: bool) -> dict | None:
    """Year, month, day and part of one atom, with context filled in. None when the atom is empty."""
    y_raw, mo_raw, d_raw = g.get(p + "y"), g.get(p + "m"), g.get(p + "d")
    part = g.get(p + "part") if zh else None
    if not (y_raw or mo_raw or d_raw):
        return None
    year = ctx.year if y_raw == "同" else _num(y_raw)
    if y_raw and year is None:
        return None
    return {"y": year, "m": _month(mo_raw), "d": _day(d_raw), "part": ZH_PARTS.get(part or ""),
            "explicit_year": bool(y_raw)}


def _complete(a: dict, ctx: _Context, fallback: dict | None = None) -> dict:
    """Fill missing year/month from an earlier atom of the same expression, then from context."""
    a = dict(a)
    if a["d"] is not None or a["m"] is not None:
        if a["m"] is None:
            a["m"] = (fallback or {}).get("m") or ctx.month
        if a["y"] is None:
            a["y"] = (fallback or {}).get("y") or ctx.year
    return a


def _bounds(a: dict) -> tuple[date | None, date | None, str]:
    """The first and last day an atom covers, and its precision."""
    y, m, d = a["y"], a["m"], a["d"]
    if d is not None:
        if y is None or m is None:
            return None, None, "unknown" if (m is None or 1 <= m <= 12) and d <= 31 else "invalid"
        day = _safe_date(y, m, d)
        return day, day, "day" if day else "invalid"
    if m is not None:
        if y is None or not 1 <= m <= 12:
            return None, None, "unknown" if y is None else "invalid"
        if a.get("part"):
            lo, hi = PARTS[a["part"]]
            return date(y, m, lo), date(y, m, min(hi, _last_day(y, m))), "part_of_month"
        return date(y, m, 1), date(y, m, _last_day(y, m)), "month"
    if y is not None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    return None, None, "unknown"


def _clock(h: str | None, mi: str | None, mer: str | None, half: str | None = None,
           after: str | None = None) -> str | None:
    """24-hour "HH:MM"; without a meridiem, a time after an afternoon one stays in the afternoon."""
    hour = _num(h)
    if hour is None or hour > 24:
        return None
    minute = 30 if half else (_num(mi) or 0)
    if minute > 59:
        return None
    mer = (mer or "").replace(" ", "").lower()
    if mer in ("下午", "晚上") or mer.startswith("p"):
        if hour < 12:
            hour += 12
    elif mer in ("上午", "早上", "凌晨") or mer.startswith("a"):
        if hour == 12:
            hour = 0
    elif mer in ("中午", "noon"):
        if hour < 11:
            hour += 12
    elif after is not None and int(after[:2]) >= 12 and hour < 12 and hour + 12 >= int(after[:2]):
        hour += 12
    if hour >= 24:
        return None
    return f"{hour:02d}:{minute:02d}"


def _times(g: dict) -> tuple[str | None, str | None]:
    out: list[str | None] = []
    for p in ("t1", "t2"):
        after = out[0] if out else None
        if g.get(p + "H"):
            out.append(_clock(g[p + "H"], g[p + "MI"], None))
        elif g.get(p + "h"):
            out.append(_clock(g[p + "h"], g.get(p + "mi"), g.get(p + "mer"), g.get(p + "half"), after=after))
        else:
            out.append(None)
    return out[0], out[1]


def _weekday(g: dict, zh: bool) -> int | None:
    for key in ("awd", "awd2", "bwd"):
        v = g.get(key)
        if v:
            return WEEKDAYS_ZH.get(v) if zh else WEEKDAYS_EN.get(v.lower())
    return None


def _resolve_zh(kind: str, m: re.Match, ctx: _Context) -> DateSpan | None:
    g = m.groupdict()
    a = _atom(g, "a", ctx, True)
    if a is None:
        return None
    a = _complete(a, ctx)
    if kind == "single":
        start, end, prec = _bounds(a)
        b = None
    else:
        b = _atom(g, "b", ctx, True)
        if b is None:
            return None
        if b["y"] is None and b["m"] is None and a["d"] is None and a["m"] is not None:
            return None  # "9月至20日" is not a range we understand
        b = _complete(b, ctx, a)
        start, _, p1 = _bounds(a)
        _, end, p2 = _bounds(b)
        if "invalid" in (p1, p2):
            return None
        prec = "window" if kind == "window" else (p1 if p1 == p2 else "day" if "day" in (p1, p2) else p1)
        if start and end and end < start:
            return None
    if prec == "invalid":
        return None
    _remember(ctx, b or a)
    t1, t2 = _times(g) if kind != "window" else (None, None)
    if kind == "single" and a["d"] is None:
        t1 = t2 = None
    return DateSpan(start, end, prec if start else "unknown", m.start(), m.end(), t1, t2, _weekday(g, True))


def _remember(ctx: _Context, atom: dict) -> None:
    if atom.get("y"):
        ctx.year = atom["y"]
    if atom.get("m"):
        ctx.month = atom["m"]


def _resolve_en(kind: str, m: re.Match, ctx: _Context) -> DateSpan | None:
    g = m.groupdict()
    if kind == "same_year":
        if ctx.year is None:
            return DateSpan(None, None, "unknown", m.start(), m.end())
        return DateSpan(date(ctx.year, 1, 1), date(ctx.year, 12, 31), "year", m.start(), m.end())
    if kind == "year":
        y = int(g["ay"])
        ctx.year = y
        return DateSpan(date(y, 1, 1), date(y, 12, 31), "year", m.start(), m.end())
    if kind == "part":
        part = " ".join(g["part"].lower().split())
        if g.get("yonly"):
            y = int(g["yonly"])
            ctx.year = y
            if "half" not in part:
                return None
            lo, hi = ((date(y, 1, 1), date(y, 6, 30)) if "first" in part else (date(y, 7, 1), date(y, 12, 31)))
            return DateSpan(lo, hi, "part_of_month", m.start(), m.end())
        key = {"the middle of": "mid", "the end of": "late", "end of": "late", "the beginning of": "early",
               "beginning of": "early", "the start of": "early"}.get(part, part)
        if key not in PARTS:
            return None
        a = _complete({"y": _num(g.get("ay")), "m": _month(g["am"]), "d": None, "part": key}, ctx)
        start, end, prec = _bounds(a)
        _remember(ctx, a)
        return DateSpan(start, end, prec, m.start(), m.end())
    if kind == "my":
        a = _complete({"y": _num(g.get("ay")), "m": _month(g.get("am") or g.get("am2")), "d": None}, ctx)
        start, end, prec = _bounds(a)
        _remember(ctx, a)
        return DateSpan(start, end, prec, m.start(), m.end())
    # day-based forms; the year written last applies to earlier parts
    y_b = _num(g.get("by"))
    y_a = _num(g.get("ay")) or y_b
    a = {"y": y_a, "m": _month(g.get("am")), "d": _day(g.get("ad"))}
    if kind == "month_range":
        a["d"] = None
    if kind in ("dmy", "mdy"):
        a = _complete(a, ctx)
        start, end, prec = _bounds(a)
        if prec == "invalid":
            return None
        _remember(ctx, a)
        t1, t2 = _times(g)
        return DateSpan(start, end, prec, m.start(), m.end(), t1, t2, _weekday(g, False))
    b = {"y": y_b, "m": _month(g.get("bm")), "d": _day(g.get("bd")) if kind != "month_range" else None}
    if kind == "dmy_range" and a["m"] is None:
        a["m"] = b["m"]
    if kind == "mdy_range" and b["m"] is None:
        b["m"] = a["m"]
    a = _complete(a, ctx)
    b = _complete(b, ctx, a)
    if a["y"] and b["y"] is None:
        b["y"] = a["y"]
    start, _, p1 = _bounds(a)
    _, end, p2 = _bounds(b)
    if "invalid" in (p1, p2) or (start and end and end < start):
        return None
    pre = (g.get("pre") or "").lower()
    window = pre.startswith(("between", "in", "during"))
    prec = "window" if window else p1
    _remember(ctx, b)
    t1, t2 = _times(g)
    return DateSpan(start, end, prec if start else "unknown", m.start(), m.end(), t1, t2, _weekday(g, False))


# where a date can be: every expression contains one of these
# (anchors start with a literal or a character class, so the regex engine can skip ahead quickly)
ZH_ANCHOR = re.compile(r"[\d〇零○一二两三四五六七八九十同上中下][\s年月日号旬]")
EN_ANCHOR = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# a year alone needs little room ("in 2015", "the first half of 2012"); one inside a symbol (CCW/MSP/2012/3) none
EN_YEAR_ANCHOR = re.compile(r"1[89]\d\d(?![/\d])|2[01]\d\d(?![/\d])|year")
ZH_TIME_ANCHOR = re.compile(r"[时点點:]")
EN_TIME_ANCHOR = re.compile(r"\d(?:[.:]\d\d)?\s?(?:[ap]\.?\s?m\b|noon)|\d[.:]\d\d")

# Where an expression can begin, and which patterns can begin there. Trying a few patterns at a
# few starts is what keeps the grammar fast: a pattern that opens with optional words would
# otherwise be tried at every character.
DIGIT_RUN = re.compile(r"\d+")
ZH_NUMERAL_RUN = re.compile(r"[〇零○一二两三四五六七八九十同]+")
ZH_PREFIX = {"在": (0,), "于": (0,), "从": (0, 1), "自": (1,)}  # window, range
ZH_RANGE_JOIN = re.compile(r"[至到\-–—~～－]")
ZH_AND = re.compile(r"[和与及]")
_EN = {kind: i for i, (kind, _) in enumerate(EN_PATTERNS)}
_EN_AT = {  # the patterns that can start on a word other than a month name (those depend on what follows)
    "weekday": ("dmy_range", "dmy", "mdy"),
    "period": ("dmy_range", "mdy_range", "month_range"),
    "part": ("part",),
    "same_year": ("same_year",),
}
EN_AT_DAY = (_EN["dmy_range"], _EN["dmy"])
EN_AT_YEAR = (_EN["year"],)
# what follows a month name says which patterns can start on it: a day, a year, a range word
_RANGE_WORD = r"(?:-|–|—|(?:to|and|until|through|till)\b)"
AFTER_MONTH = re.compile(rf"\.?,?\s*(?:(\d+)(\s*{_RANGE_WORD})?|{_RANGE_WORD})")
EN_AT_MONTH_DAY = (_EN["mdy_range"], _EN["mdy"])
EN_AT_MONTH_YEAR = (_EN["month_range"], _EN["my"])
EN_AT_MONTH_RANGE = (_EN["month_range"],)
EN_AT_IN_MONTH = (_EN["my"],)
EN_AT_WORD = {
    word: tuple(_EN[k] for k in _EN_AT[group])
    for group, words in [
        ("weekday", list(calendar.day_name)),
        ("period", ["between", "from", "in the period", "during the period"]),
        ("part", ["early", "mid", "late", "end of", "beginning of", "the middle", "the end", "the beginning",
                  "the start", "the first half", "the second half"]),
        ("same_year", ["the same year", "later", "earlier", "in that", "that year"]),
    ]
    for word in words
}
MONTHS_WORDS = frozenset([*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"])
# (normalised text has one space between words, so the multi-word starts can be literal)
EN_WORD = re.compile(rf"{trie_pattern(sorted([*EN_AT_WORD, *MONTHS_WORDS], key=len, reverse=True))}\b")


def _en_starts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """(position, window end, pattern indexes) where an English date can begin, in text order.

    A day is one or two digits followed by a space, a dash or an ordinal suffix; a year four digits;
    neither follows a digit, a dot or a slash."""
    out = []
    for b, e in spans:
        for m in DIGIT_RUN.finditer(text, b, e):
            p, q = m.span()
            if p and text[p - 1] in "./-":
                continue
            if q - p == 4:
                out.append((p, e, EN_AT_YEAR))
            elif q - p <= 2 and (q == e or text[q] in " -–—stnrd"):
                out.append((p, e, EN_AT_DAY))
        for m in EN_WORD.finditer(text, b, e):
            p = m.start()
            if p and text[p - 1].isalpha():
                continue
            word = m.group()
            if word in MONTHS_WORDS:
                after = AFTER_MONTH.match(text, m.end(), e)
                if after is None:
                    ranks = EN_AT_IN_MONTH if text[p - 3:p] == "in " else ()
                elif after.group(1) is None:
                    ranks = EN_AT_MONTH_RANGE
                else:
                    year_only = EN_AT_IN_MONTH if after.group(2) is None else EN_AT_MONTH_YEAR
                    ranks = EN_AT_MONTH_DAY if len(after.group(1)) <= 2 else year_only
                if ranks:
                    out.append((p, e, ranks))
            else:
                out.append((p, e, EN_AT_WORD[word]))
    out.sort()
    return out


ZH_BETWEEN = re.compile("间")


def _any_in(positions: list[int], b: int, e: int) -> bool:
    """Whether one of the sorted positions lies in [b, e)."""
    i = bisect.bisect_left(positions, b)
    return i < len(positions) and positions[i] < e


def _zh_starts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """(position, window end, pattern indexes) where a Chinese date can begin, in text order.

    Every Chinese date opens with numerals followed by 年, 月, 日 or 号 (or with 同年), perhaps
    after 在, 于, 从 or 自; the range patterns are tried only when a 至, 到 or dash follows
    closely, the window pattern only when 间 follows too."""
    out = []
    between = [m.start() for m in ZH_BETWEEN.finditer(text)]  # where 间 stands: "is one in text[q:e]?" by bisection
    for b, e in spans:
        for rx in (DIGIT_RUN, ZH_NUMERAL_RUN):
            for m in rx.finditer(text, b, e):
                p, q = m.span()
                while q < e and text[q] == " ":
                    q += 1
                if q == e or text[q] not in "年月日号" or (p and text[p - 1] in ".0123456789"):
                    continue
                near = min(e, q + 20)  # room for the first date and a weekday
                ranged = ZH_RANGE_JOIN.search(text, q, near) is not None
                window = (ranged or ZH_AND.search(text, q, near) is not None) and _any_in(between, q, e)
                ranks = (0,) * window + (1,) * ranged + (2,) * (ranged and text[q] in "年月") + (3,)
                r = p - 1
                while r > b and text[r] == " ":
                    r -= 1
                if r >= b and text[r] in ZH_PREFIX:
                    before = tuple(k for k in ZH_PREFIX[text[r]] if k in ranks)
                    if before:
                        out.append((r, e, before))
                out.append((p, e, ranks))
    out.sort()
    return out


def _candidates(text: str, patterns: list, starts: list[tuple[int, int, tuple[int, ...]]]) -> list[tuple[int, int, int, str, re.Match]]:
    """Longest non-overlapping matches of all patterns, in text order (ties: earlier pattern wins).

    Each pattern is tried at the starts given for it, skipping those inside its own previous
    match, as `finditer` would."""
    found = []
    last = [0] * len(patterns)
    for p, e, ranks in starts:
        for rank in ranks:
            if p < last[rank]:
                continue
            kind, rx = patterns[rank]
            m = rx.match(text, p, e)
            if m and m.end() > p and text[p:m.end()].strip():
                found.append((p, m.end(), rank, kind, m))
                last[rank] = m.end()
    found.sort(key=lambda t: (-(t[1] - t[0]), t[2], t[0]))
    taken = bytearray(len(text) + 1)  # 1 where a chosen match already stands
    chosen = []
    for s, e, rank, kind, m in found:
        if taken.find(1, s, e) == -1:
            taken[s:e] = b"\x01" * (e - s)
            chosen.append((s, e, rank, kind, m))
    chosen.sort()
    return chosen


def _strip(span: DateSpan, text: str) -> DateSpan:
    """Trim leading/trailing whitespace from the span's offsets."""
    b, e = span.begin, span.stop
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1].isspace():
        e -= 1
    if (b, e) == (span.begin, span.stop):
        return span
    return DateSpan(span.start, span.end, span.precision, b, e, span.start_time, span.end_time, span.weekday)


def find_dates(text: str, lang: str, default_year: int | None = None) -> list[DateSpan]:
    """Every date expression in `text`, in order; never raises."""
    zh = lang == "zh"
    if FULLWIDTH_DIGIT.search(text):
        text = text.translate(FULLWIDTH_DIGITS)
    ctx = _Context(default_year)
    out = []
    if zh:
        starts = _zh_starts(text, windows(text, ZH_ANCHOR, 10, 18))
    else:
        starts = _en_starts(text, windows_of(text, [(EN_ANCHOR, 30, 36), (EN_YEAR_ANCHOR, 22, 4)]))
    for _s, _e, _rank, kind, m in _candidates(text, ZH_PATTERNS if zh else EN_PATTERNS, starts):
        try:
            span = _resolve_zh(kind, m, ctx) if zh else _resolve_en(kind, m, ctx)
        except (ValueError, OverflowError, KeyError, TypeError):
            span = None
        if span is not None:
            out.append(_strip(span, text))
    return out


ZH_TIME_NUMERALS = frozenset("0123456789一二三四五六七八九十")
ZH_MERIDIEMS = frozenset(("上午", "下午", "晚上", "中午", "早上", "凌晨"))


def _time_matches(text: str, zh: bool):
    """Clock-time matches, searched from just before each anchor (时, 点, "a.m.", ":").

    A time ends at its anchor, so its start is found by walking back over the hour's numerals
    (and, in Chinese, a 上午 or the like before them)."""
    rx = ZH_TIME if zh else EN_TIME
    done = 0
    for a in (ZH_TIME_ANCHOR if zh else EN_TIME_ANCHOR).finditer(text):
        q = a.start()
        if zh:
            while q > done and text[q - 1] == " ":
                q -= 1
            hour_end = q
            while q > done and text[q - 1] in ZH_TIME_NUMERALS:
                q -= 1
            if q == hour_end:
                continue
            r = q
            while r > done and text[r - 1] == " ":
                r -= 1
            if r - 2 >= done and text[r - 2:r] in ZH_MERIDIEMS:
                q = r - 2
        else:
            while q > done and text[q - 1].isdigit():
                q -= 1
        if q < done:
            continue
        m = rx.match(text, q, a.end() + 8)
        if m:
            done = m.end()
            yield m


def find_times(text: str, lang: str) -> list[ClockTime]:
    """Every clock time in order; a bare time after an afternoon one stays in the afternoon."""
    out: list[ClockTime] = []
    last: str | None = None
    if FULLWIDTH_DIGIT.search(text):
        text = text.translate(FULLWIDTH_DIGITS)
    for m in _time_matches(text, lang == "zh"):
        g = m.groupdict()
        if g.get("H"):
            t = _clock(g["H"], g["MI"], None)
        elif lang == "zh":
            t = _clock(g["h"], g["mi"], g["mer"], g["half"], after=last)
            if not g["mer"] and not (g["mi"] or g["half"]) and last is None:
                # "3时" on its own is a time only with 上午/下午 or minutes beside it
                t = t if re.search(r"(时|点)\s*(许|整|正|开始|举行|散会|复会|暂停)", text[m.start():m.end() + 3]) else None
        elif g.get("bh"):
            t = _clock(g["bh"], g["bmi"], None, after=last)
        else:
            t = _clock(g["h"], g["mi"], g["mer"])
        if t:
            out.append(ClockTime(t, m.start(), m.end()))
            last = t
    return out
