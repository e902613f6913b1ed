"""Date grammar of the han script family (Chinese): 2013年4月22日至5月3日, 4月16-20日, 同年6月,
2014年5月12日到23日期间, 2012年3月7日星期三下午2时, 1995-1997年, 2017年上半年, 明年年初, 今年,
2014-06-04. Words (weekdays and their prefix, range words, relative words, parts of a year and of a month,
meridiems, hour and minute marks, day marks and the words they must not open: 日本) come from the pack;
numerals and the 年/月/日 shape are the script's grammar."""

from __future__ import annotations

import re
from functools import lru_cache

from tracker.domain import DateSpan
from tracker.extract.dates.resolve import (
    DIGIT_RUN,
    YMD,
    Context,
    bounds,
    clock,
    complete,
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
from tracker.extract.lexicon import alternation, windows
from tracker.extract.numerals import cn_to_int
from tracker.lang import Lexicon

_ZH_Y = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_ZH_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZH_D = r"(?:3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|二十|三十|[一二三四五六七八九])"
# a clock time: 15:30, or an hour after a meridiem ({mer}: the pack's words) with minutes or a half ({hour}, {minute},
# {half}: the pack's marks of them)
_ZH_TIME = (r"(?:(?:(?P<{p}H>[01]?\d|2[0-3]):(?P<{p}MI>[0-5]\d))|(?P<{p}mer>{mer})?\s*(?P<{p}h>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[{hour}]"
            r"(?:\s*(?P<{p}mi>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*{minute}|(?P<{p}half>{half}))?)")
NUMERALS = "〇零○一二两三四五六七八九十"


def _unless(words, not_words) -> str:
    """An alternation of `words`, longest first, each not where it opens one of `not_words` (初, not 初步)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        rests = [n[len(w):] for n in not_words if n.startswith(w) and n != w]
        out.append(re.escape(w) + (f"(?!{'|'.join(map(re.escape, rests))})" if rests else ""))
    return "|".join(out) or "(?!)"


def _zh_atom(p: str, day_marks: str, parts: str) -> str:
    """One calendar atom: 2014年3月17日, 4月中旬, 同年6月, 21日, 2015年. Group names get prefix p; `day_marks` is the
    alternation of 日 and 号 (each not inside a word: 日本, 号文件), `parts` that of the parts of a month."""
    return (rf"(?<![\d.])(?=[\d〇零○一二两三四五六七八九十同])(?:(?P<{p}y>{_ZH_Y}|同)\s*年\s*)?(?:(?P<{p}m>{_ZH_M})\s*月(?:份)?\s*)?"
            rf"(?:(?<!第)(?P<{p}d>{_ZH_D})\s*(?:{day_marks}))?(?:\s*(?P<{p}part>{parts}))?")


def _chars(words) -> str:
    return "".join(re.escape(w[0]) for w in words)


# where a date can be: every expression contains one of these
ZH_ANCHOR = re.compile(r"[\d〇零○一二两三四五六七八九十同上中下][\s年月日号旬]")
ZH_NUMERAL_RUN = re.compile(r"[〇零○一二两三四五六七八九十同]+")
# a run of digits or of numerals: the runs of DIGIT_RUN and ZH_NUMERAL_RUN together (no character is in both:
# 〇 and ○ are no decimal digits), found in one pass; a digit run touching a numeral run is still two runs
NUMBER_RUN = re.compile(rf"{DIGIT_RUN.pattern}|{ZH_NUMERAL_RUN.pattern}")
ZH_BETWEEN = re.compile("间")
ZH_TIME_NUMERALS = frozenset("0123456789一二三四五六七八九十")


YEAR_PART, YMD_RANK, YEAR_RANGE, RELATIVE = 6, 4, 5, 7  # indexes in Grammar.patterns
NUMERALS_RANKS = (YMD_RANK, YEAR_RANGE)
RELATIVE_RANKS = (YEAR_PART, RELATIVE)


class Grammar:
    """The han date grammar, built once per pack from its words."""

    def __init__(self, lex: Lexicon) -> None:
        self.weekdays = dict(lex.weekdays)
        self.relative = dict(lex.relative)
        self.year_parts = dict(lex.year_parts)
        years = [w for w, (unit, _) in lex.relative.items() if unit == "year"]
        self.relative_anchor = re.compile(alternation(lex.relative)) if lex.relative else None
        joins = alternation(lex.range_join)
        window_open = [w for w, k in lex.range_open.items() if k in ("window", "both")]
        range_open = [w for w, k in lex.range_open.items() if k in ("range", "both")]
        window_join = alternation(lex.window_join)
        window_close = alternation(lex.window_close)
        self.parts = dict(lex.date_parts)
        parts = _unless(lex.date_parts, lex.not_date_parts)
        day_marks = _unless(lex.day_marks, lex.not_dates)
        self.meridiem = meridiem_reader(lex.meridiems)
        self.meridiem_words = frozenset(lex.meridiems)
        self.meridiem_lengths = sorted({len(w) for w in lex.meridiems}, reverse=True)
        hours = "".join(map(re.escape, lex.hour_marks)) or "时"
        time = _ZH_TIME.replace("{mer}", alternation(lex.meridiems) or "(?!)").replace("{hour}", hours).replace(
            "{minute}", re.escape(lex.minute_mark) or "(?!)").replace("{half}", re.escape(lex.half_hour) or "(?!)")
        self.time = re.compile(time.format(p=""))  # 下午3时30分, 15:30
        self.time_anchor = re.compile(f"[{hours}:]")  # where a time's hour ends
        # "3时" on its own is a time only with a word after it (3时许, 3时开始)
        self.time_alone = re.compile(f"[{hours}]\\s*(?:{alternation(lex.time_after) or '(?!)'})")
        weekday = rf"(?:\s*[(（]?\s*(?:{alternation(lex.weekday_prefixes) or '(?!)'})(?P<{{p}}wd>[{''.join(self.weekdays)}])\s*[)）]?)?"
        timespan = (rf"(?:\s*[,，]?\s*{time.format(p='t1')}"
                    rf"(?:\s*(?:{joins})\s*{time.format(p='t2')})?)?")
        atom = {p: _zh_atom(p, day_marks, parts) for p in ("a", "b")}
        self.patterns = [
            # window: 2014年5月12日到23日期间, 在5月12日和23日之间
            ("window", re.compile(rf"(?=[\d{NUMERALS}同{_chars(window_open)}])(?:{alternation(window_open)})?\s*{atom['a']}\s*"
                                  rf"(?:{joins}|{window_join})"
                                  rf"\s*{atom['b']}\s*(?:{window_close})")),
            # range: 2013年4月22日至5月3日, 4月16-20日
            ("range", re.compile(rf"(?=[\d{NUMERALS}同{_chars(range_open)}])(?:{alternation(range_open)})?\s*{atom['a']}{weekday.format(p='a')}\s*"
                                 rf"(?:{joins})\s*{atom['b']}{weekday.format(p='b')}{timespan}")),
            # day range written once: 4月16-20日, 2012年4月16至20日
            ("range", re.compile(rf"(?<![\d.])(?:(?P<ay>{_ZH_Y})\s*年\s*)?(?P<am>{_ZH_M})\s*月\s*(?P<ad>{_ZH_D})\s*(?:{joins})\s*(?P<bd>{_ZH_D})\s*(?:{alternation(lex.day_marks) or '(?!)'}){timespan}")),
            # single: 2012年3月7日星期三下午2时
            ("single", re.compile(rf"{atom['a']}{weekday.format(p='a')}{timespan}")),
            # 2014-06-04, 2014/6/4
            ("ymd", YMD),
            # 1995-1997年, 1995至1997年 (not 1995-1997年3月: a month of the last year)
            ("year_range", re.compile(rf"(?<![0-9A-Za-z/.\-])(?P<ay>\d{{4}})\s*(?:{joins})\s*(?P<by>\d{{4}})\s*年(?!\s*[\d{NUMERALS}]+\s*月)")),
            # 2017年上半年, 明年年初, 今年底
            ("year_part", re.compile(rf"(?:(?P<ay>{_ZH_Y})\s*年\s*|(?P<rel>{alternation(years) or '(?!)'}))"
                                     rf"(?P<ypart>{alternation(lex.year_parts) or '(?!)'})(?![步次])")),
            # 明年, 上个月 (from the document's own date)
            ("relative", re.compile(rf"(?P<rel>{alternation(lex.relative) or '(?!)'})")),
        ]
        # the patterns (0 window, 1 range) each opening word can start
        self.prefix = {w: tuple(i for i, ws in ((0, window_open), (1, range_open)) if w in ws)
                       for w in (*window_open, *range_open)}
        self.range_join = re.compile(f"[{''.join(re.escape(j) for j in lex.range_join)}]")
        self.window_join = re.compile(f"[{''.join(re.escape(j) for j in lex.window_join)}]")

    # ------------------------------------------------------------ dates
    def starts(self, text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """(position, window end, pattern indexes) where a Chinese date can begin, in text order.

        Every Chinese date opens with numerals followed by 年, 月, 日 or 号 (or with 同年), perhaps
        after an opening word (在, 于, 从, 自); the range patterns are tried only when a 至, 到 or dash
        follows closely, the window pattern only when 间 follows too, the part of a year (上半年, 年底)
        only after 年. Dates of numerals only (2014-06-04, 1995-1997年) start where numeric_starts
        finds them; relative words (明年, 上个月) where the pack's words stand."""
        spans = windows(text, ZH_ANCHOR, 10, 18)
        out = []
        # is a range join (至), a window join (和), 间 in text[q:near]? Each is one character of a class, so a
        # search bounded there answers (cheaper than listing them all over the text: 和 is frequent)
        joined, window_joined, between = self.range_join.search, self.window_join.search, ZH_BETWEEN.search
        for b, e in spans:
            for m in NUMBER_RUN.finditer(text, b, e):  # digit runs and numeral runs, in one pass
                p, q = m.span()
                while q < e and text[q] == " ":
                    q += 1
                if q == e or text[q] not in "年月日号" or (p and text[p - 1] in ".0123456789"):
                    continue
                near = min(e, q + 20)  # room for the first date and a weekday
                # a range join (至) in text[q:near]? else a window join (和)? and then 间 in text[q:e]?
                ranged = joined(text, q, near) is not None
                window = ranged or window_joined(text, q, near) is not None
                if window:
                    window = between(text, q, e) is not None
                ranks = (0,) * window + (1,) * ranged + (2,) * (ranged and text[q] in "年月") + (3,)
                r = p - 1
                while r > b and text[r] == " ":
                    r -= 1
                if r >= b and text[r] in self.prefix:
                    before = tuple(k for k in self.prefix[text[r]] if k in ranks)
                    if before:
                        out.append((r, e, before))
                if text[q] == "年":
                    ranks += (YEAR_PART,)
                out.append((p, e, ranks))
        n = len(text)
        out.extend((p, min(n, p + 24), NUMERALS_RANKS) for p in numeric_starts(text))
        if self.relative_anchor is not None:
            out.extend((m.start(), min(n, m.start() + 8), RELATIVE_RANKS) for m in self.relative_anchor.finditer(text))
        out.sort()
        return out

    def _atom(self, g: dict, p: str, ctx: Context) -> dict | None:
        """Year, month, day and part of one atom, with context filled in. None when the atom is empty."""
        y_raw, mo_raw, d_raw = g.get(p + "y"), g.get(p + "m"), g.get(p + "d")
        part = g.get(p + "part")
        if not (y_raw or mo_raw or d_raw):
            return None
        year = ctx.year if y_raw == "同" else num(y_raw)
        if y_raw and year is None:
            return None
        return {"y": year, "m": cn_to_int(mo_raw) if mo_raw else None, "d": num(d_raw) if d_raw else None,
                "part": self.parts.get(part or ""), "explicit_year": bool(y_raw)}

    def _weekday(self, g: dict) -> int | None:
        for key in ("awd", "awd2", "bwd"):
            v = g.get(key)
            if v:
                return self.weekdays.get(v)
        return None

    def resolve(self, kind: str, m: re.Match, ctx: Context) -> DateSpan | None:
        g = m.groupdict()
        if kind in ("ymd", "year_range", "year_part", "relative"):
            return self._numeral_or_word(kind, m, g, ctx)
        a = self._atom(g, "a", ctx)
        if a is None:
            return None
        a = complete(a, ctx)
        if kind == "single" and a["y"] and a["m"] is None and a["d"] is None and a["part"]:
            span = year_part(a["y"], a["part"], m.start(), m.end())  # 2001年底, 2010年初
            remember(ctx, a)
            return span
        if kind == "single":
            start, end, prec = bounds(a)
            b = None
        else:
            b = self._atom(g, "b", ctx)
            if b is None:
                return None
            if b["y"] is None and b["m"] is None and a["d"] is None and a["m"] is not None:
                return None  # "9月至20日" is not a range we understand
            b = complete(b, ctx, a)
            start, _, p1 = bounds(a)
            _, end, p2 = bounds(b)
            if "invalid" in (p1, p2) or one_sided(start, end):
                return None
            prec = "window" if kind == "window" else (p1 if p1 == p2 else "day" if "day" in (p1, p2) else p1)
            if start and end and end < start:
                return None
        if prec == "invalid":
            return None
        remember(ctx, b or a)
        t1, t2 = times(g, self.meridiem) if kind != "window" else (None, None)
        if kind == "single" and a["d"] is None:
            t1 = t2 = None
        return DateSpan(start, end, prec if start else "unknown", m.start(), m.end(), t1, t2, self._weekday(g))

    def _numeral_or_word(self, kind: str, m: re.Match, g: dict, ctx: Context) -> DateSpan | None:
        """The forms read without atoms: 2014-06-04, 1995-1997年, 2017年上半年 and 明年 or 今年下半年."""
        if kind == "ymd":
            span = numeric(m, "ymd")
        elif kind == "year_range":
            span = year_range(int(g["ay"]), int(g["by"]), m.start(), m.end())
        elif kind == "relative":
            span = relative(ctx.written, *self.relative[g["rel"]], m.start(), m.end())
        else:
            year = num(g["ay"]) if g.get("ay") else None
            if g.get("rel"):
                this = relative(ctx.written, *self.relative[g["rel"]], m.start(), m.end())
                year = this.start.year if this else None
            span = year_part(year, self.year_parts[g["ypart"]], m.start(), m.end()) if year else None
        if span is not None:
            remember(ctx, {"y": span.end.year, "m": span.start.month if span.precision in ("day", "month") else None})
        return span

    # ------------------------------------------------------------ clock times
    def time_matches(self, text: str):
        """Clock-time matches, searched from just before each anchor (时, 点, ":"): a time ends at its
        anchor, so its start is found by walking back over the hour's numerals and a 上午 or the like."""
        done = 0
        for a in self.time_anchor.finditer(text):
            q = a.start()
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
            for k in self.meridiem_lengths:
                if r - k >= done and text[r - k:r] in self.meridiem_words:
                    q = r - k
                    break
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
        t = clock(g["h"], g["mi"], self.meridiem(g["mer"]), g["half"], after=last)
        if not g["mer"] and not (g["mi"] or g["half"]) and last is None:
            # "3时" on its own is a time only with 上午/下午 or minutes beside it
            t = t if self.time_alone.search(text[m.start():m.end() + 3]) else None
        return t


@lru_cache(maxsize=4)
def grammar(lex: Lexicon) -> Grammar:
    return Grammar(lex)
