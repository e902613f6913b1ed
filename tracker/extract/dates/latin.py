"""Date grammar of the latin script family (English, French, …): 9-12 November 2010, from 3 to 14
November 2025, du 3 au 14 novembre 2025, November 9-12, 2010, June to July 2011, Friday, 14 November
2008 at 3 p.m., mid-September 2011, June 2014, 2015; and as real documents also write them: 2014-06-04,
04/06/2014 (day and month in the pack's order), 2014-2018 and between 2014 and 2018, mid-2001 and the
first half of 2017 (parts of a year), MAY 1975 in capitals, and next year or early next year, counted
from the document's own date. Month and weekday names, range words, day suffixes, relative phrases, parts
of a month or year, same-year phrases, meridiems and the words around clock times come from the pack; the order of day,
month and year is the grammar's."""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

from tracker.domain import DateSpan
from tracker.extract.dates.resolve import (
    DIGIT_RUN,
    NUMERIC,
    PARTS,
    YMD,
    Context,
    bounds,
    clock,
    complete,
    day,
    meridiem_reader,
    num,
    numeric,
    numeric_starts,
    one_sided,
    relative,
    remember,
    times,
    year_part,
    year_range,
)
from tracker.extract.lexicon import alternation, trie_pattern, windows_of
from tracker.lang import Lexicon

_EN_Y = r"(?:1[89]\d\d|2[01]\d\d)"
# a clock time: an hour (and minutes) with a meridiem ({mer}: the pack's), or hours and minutes of a 24-hour clock
_EN_TIME = (r"(?:(?:(?P<{p}h>1[0-2]|0?[1-9])(?:[.:](?P<{p}mi>[0-5]\d))?\s*(?P<{p}mer>{mer})"
            r"|(?P<{p}H>[01]?\d|2[0-3]):(?P<{p}MI>[0-5]\d)))")
# a year alone needs little room ("in 2015", "the first half of 2012"); one inside a symbol (CCW/MSP/2012/3) none
EN_YEAR_ANCHOR = re.compile(r"1[89]\d\d(?![/\d])|2[01]\d\d(?![/\d])|year")
KINDS = ("dmy_range", "mdy_range", "month_range", "dmy", "mdy", "part", "my", "same_year", "year",
         "ymd", "numeric", "year_range", "relative")
_EN = {kind: i for i, kind in enumerate(KINDS)}
EN_AT_DAY = (_EN["dmy_range"], _EN["dmy"])
EN_AT_YEAR = (_EN["year"],)
EN_AT_MONTH_DAY = (_EN["mdy_range"], _EN["mdy"])
EN_AT_MONTH_YEAR = (_EN["month_range"], _EN["my"])
EN_AT_MONTH_RANGE = (_EN["month_range"],)
EN_AT_IN_MONTH = (_EN["my"],)
_EN_AT = {  # the patterns that can start on a word other than a month name (those depend on what follows)
    "weekday": ("dmy_range", "dmy", "mdy"),
    "period": ("dmy_range", "mdy_range", "month_range", "year_range"),
    "part": ("part",),
    "same_year": ("same_year",),
    "relative": ("relative",),
}
EN_AT_NUMERALS = (_EN["ymd"], _EN["numeric"], _EN["year_range"])

def _phrase(words) -> str:
    """An alternation of words in order, a space standing for any run of whitespace."""
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in words)


def _with_capitals(words) -> list[str]:
    """The words as written, then those in capitals that differ from them."""
    return [*words, *(w.upper() for w in words if w.upper() != w)]


def _initials(words) -> str:
    return "".join(sorted({re.escape(w[0]) for w in words}))


def _meridiem(word: str) -> str:
    """A meridiem as a regex: "a.m." also as "a. m" or "a.m" (the final dot may be left out); a word without
    dots stands alone ("am", "noon")."""
    if "." not in word:
        return re.escape(word) + r"\b"
    letters = [re.escape(x) for x in word.rstrip(".").split(".")]
    return r"\.\s?".join(letters) + (r"\.?" if word.endswith(".") else "")


def _start_word(phrase: str) -> str:
    """Where a phrase of three words or more ending in "of" is looked for: without that "of" ("the middle")."""
    words = phrase.split()
    return " ".join(words[:-1]) if len(words) >= 3 and words[-1] == "of" else phrase


def _spaced_trie(words) -> str:
    """A trie of the words in which a space stands for any run of whitespace, as in the patterns."""
    return trie_pattern(sorted(words, key=len, reverse=True)).replace("\\ ", r"\s+")


class Grammar:
    """The latin date grammar, built once per pack from its words."""

    def __init__(self, lex: Lexicon) -> None:
        self.months = dict(lex.months)
        self.weekdays = {w.lower(): i for w, i in lex.weekdays.items()}
        self.relative = {" ".join(w.lower().split()): v for w, v in lex.relative.items()}
        self.numeric_order = lex.numeric_order
        self.range_open = {" ".join(w.lower().split()): k for w, k in lex.range_open.items()}
        self.parts = {" ".join(w.lower().split()): k for w, k in lex.date_parts.items()}
        self.meridiem = meridiem_reader(lex.meridiems)
        mer = "|".join(map(_meridiem, lex.meridiems)) or "(?!)"
        time = _EN_TIME.replace("{mer}", mer)
        timespan = (rf"(?:,?\s*(?:{alternation(lex.time_open) or '(?!)'})?\s*{time.format(p='t1')}"
                    rf"(?:\s*(?:{alternation(lex.time_join) or '(?!)'})\s*{time.format(p='t2')})?)?")
        bare = (rf"|(?<=\b{re.escape(lex.clock_lead)}\s)(?P<bh>1[0-2]|0?[1-9])[.:](?P<bmi>[0-5]\d)\b"
                if lex.clock_lead else "")
        self.time = re.compile(time.format(p="") + bare)  # "3 p.m.", "15:00", "at 3.30"
        self.time_anchor = re.compile(rf"\d(?:[.:]\d\d)?\s?(?:{mer})|\d[.:]\d\d")  # where a time ends
        part_words = list(lex.date_parts)
        # a month is written as in the pack or in capitals (cables, cover pages: "MAY 29", "28 APRIL 2014"),
        # never in lower case, where "may" is a verb
        names = _with_capitals(lex.month_names)
        abbreviations = _with_capitals(lex.month_abbreviations)
        # an abbreviation may end with a dot ("Sept."); as a trie, longest first, each letter is tried once
        mon = "(?:" + trie_pattern(sorted({*names, *abbreviations, *(a + "." for a in abbreviations)},
                                          key=len, reverse=True)) + ")"
        month_words = [*names, *abbreviations]
        weekday_words = list(lex.weekdays)
        wd = f"(?:{_phrase(weekday_words)})"
        suffixes = "|".join(map(re.escape, lex.day_suffixes))
        en_d = rf"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])(?:{suffixes})?" if suffixes else r"(?<![\d.])(?:3[01]|[12]\d|0?[1-9])"
        range_open, range_join = _with_capitals(lex.range_open), _with_capitals(lex.range_join)  # FROM 3 TO 14 MAY
        pre = rf"(?:(?P<pre>{_phrase(range_open)})\s+)?"
        symbols = [j for j in range_join if not j.isalpha()]
        words = [j for j in range_join if j.isalpha()]
        sep = rf"\s*(?:{_phrase(range_join)})\s*"
        wd_pre = rf"(?:(?P<{{p}}wd>{wd}),?\s+(?:the\s+)?)?"
        wd_post = rf"(?:\s*\((?P<{{p}}wd2>{wd})\))?"
        opening = _initials(range_open)
        wd_initials = _initials(weekday_words)
        month_initials = _initials(month_words)
        lead, ambiguous = lex.month_lead, _with_capitals(lex.ambiguous_months)
        in_month = (rf"|(?<=\b{re.escape(lead)}\s)(?P<am2>{''.join(f'(?!{re.escape(a)})' for a in ambiguous)}{mon})\b"
                    if lead else "")
        self.patterns = [
            # 9-12 November 2010; 22 April-3 May 2013; 29 December 2014 to 2 January 2015; du 3 au 14 novembre 2025
            ("dmy_range", re.compile(
                rf"(?=[{opening}{wd_initials}\d]){pre}{wd_pre.format(p='a')}(?P<ad>{en_d})(?:\s+(?:of\s+)?(?P<am>{mon}))?(?:,?\s+(?P<ay>{_EN_Y}))?{sep}"
                rf"{wd_pre.format(p='b')}(?P<bd>{en_d})\s+(?:of\s+)?(?P<bm>{mon})(?:,?\s+(?P<by>{_EN_Y}))?{timespan}")),
            # November 9-12, 2010; April 22 to May 3, 2013
            ("mdy_range", re.compile(
                rf"(?=[{opening}{month_initials}]){pre}(?P<am>{mon})\s+(?P<ad>{en_d})(?:,?\s+(?P<ay>{_EN_Y}))?{sep}"
                rf"(?:(?P<bm>{mon})\s+)?(?P<bd>{en_d})(?:,?\s+(?P<by>{_EN_Y}))?{timespan}")),
            # June to July 2011
            ("month_range", re.compile(rf"(?=[{opening}{month_initials}]){pre}(?P<am>{mon})(?:\s+(?P<ay>{_EN_Y}))?{sep}(?P<bm>{mon}),?\s+(?P<by>{_EN_Y})")),
            # Friday, 14 November 2008 (at 3 p.m.); a web page's card glues the year on: 05 March2025
            ("dmy", re.compile(rf"(?=[{wd_initials}\d]){wd_pre.format(p='a')}(?P<ad>{en_d})\s+(?:of\s+)?(?P<am>{mon})(?:(?:,?\s+|(?<=[^\W\d_]))(?P<ay>{_EN_Y}))?{wd_post.format(p='a')}{timespan}")),
            # November 14, 2008
            ("mdy", re.compile(rf"(?=[{wd_initials}{month_initials}]){wd_pre.format(p='a')}(?P<am>{mon})\s+(?P<ad>{en_d})(?![\d:])(?:,?\s+(?P<ay>{_EN_Y}))?{wd_post.format(p='a')}{timespan}")),
            # mid-September 2011; the first half of 2012
            ("part", re.compile(rf"(?=[{_initials(part_words) or 'x'}])(?P<part>{alternation(part_words, spaced=True) or '(?!)'})[\s-]*(?:(?P<am>{mon})(?:,?\s+(?P<ay>{_EN_Y}))?|(?P<yonly>{_EN_Y})"
                                rf"|(?P<yrel>{_phrase(w for w, (unit, _) in lex.relative.items() if unit == 'year') or '(?!)'})\b)")),
            # June 2014; in June; June2014 (a web page's card)
            ("my", re.compile(rf"(?P<am>{mon})(?:,?\s+|(?<=[^\W\d_]))(?P<ay>{_EN_Y}){in_month}")),
            # the same year; later that year
            ("same_year", re.compile(rf"(?:{alternation(lex.same_year, spaced=True) or '(?!)'})")),
            # 2015 (not inside a symbol like CCW/MSP/2015/3)
            ("year", re.compile(rf"(?<![\d/.\-])(?P<ay>{_EN_Y})(?![\d/])")),
            # 2014-06-04; 04/06/2014 (in the pack's order)
            ("ymd", YMD),
            ("numeric", NUMERIC),
            # between 2014 and 2018; from 1995 to 1997; 2014-2018 (a dash needs no opening word)
            ("year_range", re.compile(rf"(?:(?P<pre>{_phrase(range_open)})\s+(?P<ay>{_EN_Y}){sep}(?P<by>{_EN_Y})"
                                      rf"|(?<![\w/.\-])(?P<ay2>{_EN_Y})\s*(?:{_phrase(symbols) or '-'})\s*(?P<by2>{_EN_Y}))(?![\d/])")),
            # next year; later this year (from the document's own date)
            ("relative", re.compile(rf"(?P<rel>{_phrase(lex.relative) or '(?!)'})\b", re.I)),
        ]
        assert [k for k, _ in self.patterns] == list(KINDS)
        # where a date can be: near a month's first three letters (or a year)
        self.anchor = re.compile("|".join(dict.fromkeys(re.escape(n[:3]) for n in month_words)))
        range_word = rf"(?:{'|'.join(map(re.escape, symbols))}{'|' if symbols and words else ''}" + \
            (rf"(?:{'|'.join(map(re.escape, words))})\b" if words else "") + ")"
        self.after_month = re.compile(rf"\.?,?\s*(?:(\d+)(\s*{range_word})?|{range_word})")
        period_words = list(dict.fromkeys(w.removesuffix(" from") if " " in w else w for w in range_open))
        self.at_word = {
            word: tuple(_EN[k] for k in _EN_AT[group])
            for group, ws in [("weekday", weekday_words), ("period", period_words),
                              ("part", list(dict.fromkeys(map(_start_word, part_words)))),
                              ("same_year", list(lex.same_year)), ("relative", list(lex.relative))]
            for word in ws
        }
        # a relative expression's last word ("year", "month") marks where one may be
        units = {w.split()[-1] for w in lex.relative}
        self.relative_anchor = re.compile(_phrase(sorted(units))) if units else None
        self.month_words = frozenset(month_words)
        # every date with a letter in it holds one of these words as written (a month, a weekday, a range,
        # part, same-year or relative word): a text without one has no such date (see dates.find_dates)
        self.heads = re.compile(_spaced_trie({*self.at_word, *self.month_words}))
        # (a space in a word stands for any run of whitespace, as in the patterns)
        self.word = re.compile(rf"{_spaced_trie([*self.at_word, *self.month_words])}\b")
        self.day_follow = " -–—" + "".join(sorted({s[0] for s in lex.day_suffixes}))  # after a day's digits
        self.month_lead = f"{lead} " if lead else None

    # ------------------------------------------------------------ dates
    def starts(self, text: str, stop: int | None = None) -> list[tuple[int, int, tuple[int, ...]]]:
        """(position, window end, pattern indexes) where a date can begin, in text order; with `stop`, only
        those before it (the same entries as the whole list's: windows are still found over the whole text).

        A day is one or two digits followed by a space, a dash or an ordinal suffix; a year four digits;
        neither follows a digit, a dot or a slash. Dates of numerals only (2014-06-04, 04/06/2014,
        2014-2018) start where numeric_starts finds them, anywhere; relative phrases near their last
        word ("year", "month")."""
        anchors = [(self.anchor, 30, 36), (EN_YEAR_ANCHOR, 22, 4)]
        if self.relative_anchor is not None:
            anchors.append((self.relative_anchor, 40, 0))  # room for "the second half of next year"
        spans = windows_of(text, anchors)
        numerals = numeric_starts(text)
        if stop is None:
            stop = len(text) + 1
        else:
            numerals = numerals[:bisect_left(numerals, stop)]
        out = [(p, min(len(text), p + 24), EN_AT_NUMERALS) for p in numerals]
        for b, e in spans:
            if b >= stop:
                break
            for m in DIGIT_RUN.finditer(text, b, e):
                p, q = m.span()
                if p >= stop:
                    break
                if p and text[p - 1] in "./-":
                    continue
                if q - p == 4:
                    out.append((p, e, EN_AT_YEAR))
                elif q - p <= 2 and (q == e or text[q] in self.day_follow):
                    out.append((p, e, EN_AT_DAY))
            for m in self.word.finditer(text, b, e):
                p = m.start()
                if p >= stop:
                    break
                if p and text[p - 1].isalpha():
                    continue
                word = m.group()
                if word in self.month_words:
                    after = self.after_month.match(text, m.end(), e)
                    if after is None:
                        lead = self.month_lead
                        ranks = EN_AT_IN_MONTH if lead and text[p - len(lead):p] == lead else ()
                    elif after.group(1) is None:
                        ranks = EN_AT_MONTH_RANGE
                    else:
                        year_only = EN_AT_IN_MONTH if after.group(2) is None else EN_AT_MONTH_YEAR
                        ranks = EN_AT_MONTH_DAY if len(after.group(1)) <= 2 else year_only
                    if ranks:
                        out.append((p, e, ranks))
                else:
                    out.append((p, e, self.at_word[" ".join(word.split())]))  # any run of whitespace: "the\nend of"
        out.sort()
        return out

    def _month(self, value: str | None) -> int | None:
        if not value:
            return None
        return self.months.get(value.lower().rstrip("."))

    def _weekday(self, g: dict) -> int | None:
        for key in ("awd", "awd2", "bwd"):
            v = g.get(key)
            if v:
                return self.weekdays.get(v.lower())
        return None

    def resolve(self, kind: str, m: re.Match, ctx: Context) -> DateSpan | None:
        g = m.groupdict()
        if kind == "same_year":
            if ctx.year is None:
                return DateSpan(None, None, "unknown", m.start(), m.end())
            return DateSpan(date(ctx.year, 1, 1), date(ctx.year, 12, 31), "year", m.start(), m.end())
        if kind == "year":
            y = int(g["ay"])
            ctx.year = y
            return DateSpan(date(y, 1, 1), date(y, 12, 31), "year", m.start(), m.end())
        if kind in ("ymd", "numeric"):
            span = numeric(m, "ymd" if kind == "ymd" else self.numeric_order)
            if span is not None:
                remember(ctx, {"y": span.start.year, "m": span.start.month})
            return span
        if kind == "year_range":
            span = year_range(int(g["ay"] or g["ay2"]), int(g["by"] or g["by2"]), m.start(), m.end())
            if span is not None:
                ctx.year = span.end.year
            return span
        if kind == "relative":
            unit, offset = self.relative[" ".join(g["rel"].lower().split())]
            span = relative(ctx.written, unit, offset, m.start(), m.end())
            if span is not None:
                remember(ctx, {"y": span.start.year, "m": span.start.month if unit == "month" else None})
            return span
        if kind == "part":
            key = self.parts[" ".join(g["part"].lower().split())]
            if g.get("yonly") or g.get("yrel"):  # mid-2001, the first half of 2017, early next year: a part of a year
                if g.get("yrel"):
                    this = relative(ctx.written, *self.relative[" ".join(g["yrel"].lower().split())], m.start(), m.end())
                    if this is None:
                        return None
                    y = this.start.year
                else:
                    y = int(g["yonly"])
                ctx.year = y
                return year_part(y, key, m.start(), m.end())
            if key not in PARTS:  # "the first half of June" is not a date we read
                return None
            a = complete({"y": num(g.get("ay")), "m": self._month(g["am"]), "d": None, "part": key}, ctx)
            start, end, prec = bounds(a)
            remember(ctx, a)
            return DateSpan(start, end, prec, m.start(), m.end())
        if kind == "my":
            a = complete({"y": num(g.get("ay")), "m": self._month(g.get("am") or g.get("am2")), "d": None}, ctx)
            start, end, prec = bounds(a)
            remember(ctx, a)
            return DateSpan(start, end, prec, m.start(), m.end())
        # day-based forms; the year written last applies to earlier parts
        y_b = num(g.get("by"))
        y_a = num(g.get("ay")) or y_b
        a = {"y": y_a, "m": self._month(g.get("am")), "d": day(g.get("ad"))}
        if kind == "month_range":
            a["d"] = None
        if kind in ("dmy", "mdy"):
            a = complete(a, ctx)
            start, end, prec = bounds(a)
            if prec == "invalid":
                return None
            remember(ctx, a)
            t1, t2 = times(g, self.meridiem)
            return DateSpan(start, end, prec, m.start(), m.end(), t1, t2, self._weekday(g))
        b = {"y": y_b, "m": self._month(g.get("bm")), "d": day(g.get("bd")) if kind != "month_range" else None}
        if kind == "dmy_range" and a["m"] is None:
            a["m"] = b["m"]
        if kind == "mdy_range" and b["m"] is None:
            b["m"] = a["m"]
        a = complete(a, ctx)
        b = complete(b, ctx, a)
        if a["y"] and b["y"] is None:
            b["y"] = a["y"]
        start, _, p1 = bounds(a)
        _, end, p2 = bounds(b)
        if "invalid" in (p1, p2) or one_sided(start, end) or (start and end and end < start):
            return None
        opened = self.range_open.get(" ".join((g.get("pre") or "").lower().split()))
        prec = "window" if opened == "window" else p1
        remember(ctx, b)
        t1, t2 = times(g, self.meridiem)
        return DateSpan(start, end, prec if start else "unknown", m.start(), m.end(), t1, t2, self._weekday(g))

    # ------------------------------------------------------------ clock times
    def time_matches(self, text: str):
        """Clock-time matches, searched from just before each anchor ("a.m.", ":"): a time ends at its
        anchor, so its start is found by walking back over the hour's digits."""
        done = 0
        for a in self.time_anchor.finditer(text):
            q = a.start()
            while q > done and text[q - 1].isdigit():
                q -= 1
            if q < done:
                continue
            m = self.time.match(text, q, a.end() + 8)
            if m:
                done = m.end()
                yield m

    def time_of(self, m: re.Match, text: str, last: str | None) -> str | None:
        g = m.groupdict()
        if g.get("H"):
            return clock(g["H"], g["MI"], None)
        if g.get("bh"):
            return clock(g["bh"], g["bmi"], None, after=last)
        return clock(g["h"], g["mi"], self.meridiem(g["mer"]))


@lru_cache(maxsize=8)
def grammar(lex: Lexicon) -> Grammar:
    return Grammar(lex)
