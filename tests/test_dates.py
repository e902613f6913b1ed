"""Tests for the date grammar (tracker.extract.dates), written from the specification.

Every expected value below is derived by hand from the spec, not from the implementation:
  - single day -> start=end, "day"; ranges (in a month, across months, across years) -> "day";
  - windows (期间/之间/between/in the period) -> "window";
  - 上旬 1-10, 中旬 11-20, 下旬 21-last; early/mid/late/end of -> "part_of_month";
  - month only -> 1st..last day, "month"; year only -> Jan 1..Dec 31, "year";
  - missing year -> year of the most recent earlier date in the text, else default_year, else
    start=end=None and precision "unknown" (span still returned);
  - weekday and clock times right after a date belong to that date's span.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.domain import ClockTime, DateSpan
from tracker.extract.dates import find_dates, find_times
from tracker.lang import lexicon

PRECISIONS = {"day", "window", "part_of_month", "month", "year", "unknown"}
MONTHS_EN = [calendar.month_name[m] for m in range(1, 13)]
WEEKDAYS_EN = [calendar.day_name[d] for d in range(7)]  # Monday first
WEEKDAYS_ZH = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

HYP = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def d(s: str | None) -> date | None:
    return None if s is None else date.fromisoformat(s)


def only(text: str, lang: str, default_year: int | None = None) -> DateSpan:
    spans = find_dates(text, lexicon(lang), default_year)
    assert len(spans) == 1, f"expected exactly one span in {text!r}, got {spans!r}"
    return spans[0]


def spans_overlapping(spans: list[DateSpan], b: int, e: int) -> list[DateSpan]:
    return [s for s in spans if s.begin < e and s.stop > b]


def assert_well_formed(text: str, spans: list[DateSpan]) -> None:
    prev_stop = 0
    for s in spans:
        assert isinstance(s, DateSpan)
        assert 0 <= s.begin < s.stop <= len(text), (text, s)
        assert s.begin >= prev_stop, f"spans overlap or out of order in {text!r}: {spans!r}"
        prev_stop = s.stop
        assert s.precision in PRECISIONS, s
        if s.precision == "unknown":
            assert s.start is None and s.end is None, s
        else:
            assert isinstance(s.start, date) and isinstance(s.end, date), s
            assert s.start <= s.end, s
        if s.weekday is not None:
            assert 0 <= s.weekday <= 6


def assert_times_well_formed(text: str, times: list[ClockTime]) -> None:
    prev_stop = 0
    for t in times:
        assert isinstance(t, ClockTime)
        assert 0 <= t.begin < t.stop <= len(text), (text, t)
        assert t.begin >= prev_stop, f"times overlap or out of order in {text!r}: {times!r}"
        prev_stop = t.stop
        assert re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", t.time), t


# --------------------------------------------------------------------------------------------
# Chinese: one expression per text -> exactly one span with (start, end, precision)
# --------------------------------------------------------------------------------------------

ZH_SINGLE = [
    # single days
    ("2008年11月14日", None, "2008-11-14", "2008-11-14", "day"),
    ("2011年9月10日", 1999, "2011-09-10", "2011-09-10", "day"),  # explicit year beats default_year
    ("2012年2月29日", None, "2012-02-29", "2012-02-29", "day"),  # leap day
    ("2011 年 9 月 10 日", None, "2011-09-10", "2011-09-10", "day"),  # spaces between tokens
    ("２０１３年５月６日", None, "2013-05-06", "2013-05-06", "day"),  # full-width digits
    ("２０１３ 年 ５ 月 ６ 日", None, "2013-05-06", "2013-05-06", "day"),
    ("5月6日", 2013, "2013-05-06", "2013-05-06", "day"),  # default_year
    # ranges, precision day
    ("2012年4月16日至20日", None, "2012-04-16", "2012-04-20", "day"),
    ("2013年4月22日至5月3日", None, "2013-04-22", "2013-05-03", "day"),
    ("2014年12月29日至2015年1月2日", None, "2014-12-29", "2015-01-02", "day"),
    ("4月16-20日", 2012, "2012-04-16", "2012-04-20", "day"),
    ("2012年4月16日-20日", None, "2012-04-16", "2012-04-20", "day"),
    ("2012 年 4 月 16 日 至 20 日", None, "2012-04-16", "2012-04-20", "day"),
    ("2008年 11月 13日 至 14日", None, "2008-11-13", "2008-11-14", "day"),  # segmented source text
    ("２０１２年４月１６日至２０日", None, "2012-04-16", "2012-04-20", "day"),
    # windows
    ("2011年9月10日到20日期间", None, "2011-09-10", "2011-09-20", "window"),
    ("9月10日至20日之间", 2011, "2011-09-10", "2011-09-20", "window"),
    ("在9月10日和20日之间", 2011, "2011-09-10", "2011-09-20", "window"),
    ("2011年9月10日与20日之间", None, "2011-09-10", "2011-09-20", "window"),
    ("从2012年4月16日至20日", None, "2012-04-16", "2012-04-20", "day"),
    ("自二〇一二年十二月三十日（星期日）至二〇一三年一月二日", None, "2012-12-30", "2013-01-02", "day"),
    # part of month
    ("2011年9月上旬", None, "2011-09-01", "2011-09-10", "part_of_month"),
    ("2011年9月中旬", None, "2011-09-11", "2011-09-20", "part_of_month"),
    ("2011年9月下旬", None, "2011-09-21", "2011-09-30", "part_of_month"),
    ("2011年12月下旬", None, "2011-12-21", "2011-12-31", "part_of_month"),
    ("2011年2月下旬", None, "2011-02-21", "2011-02-28", "part_of_month"),
    ("2012年2月下旬", None, "2012-02-21", "2012-02-29", "part_of_month"),  # leap year
    ("9月中旬", 2011, "2011-09-11", "2011-09-20", "part_of_month"),
    # month only
    ("2014年6月", None, "2014-06-01", "2014-06-30", "month"),
    ("2012年2月", None, "2012-02-01", "2012-02-29", "month"),
    ("2011年6月至7月", None, "2011-06-01", "2011-07-31", "month"),
    # year only
    ("2015年", None, "2015-01-01", "2015-12-31", "year"),
    # Chinese numerals
    ("二〇一一年十二月", None, "2011-12-01", "2011-12-31", "month"),
    ("二〇一二年十一月五日", None, "2012-11-05", "2012-11-05", "day"),
    ("十二月二十日", 2011, "2011-12-20", "2011-12-20", "day"),
    # 同年 with no earlier date -> default_year
    ("同年10月", 2013, "2013-10-01", "2013-10-31", "month"),
]


@pytest.mark.parametrize("text,default_year,start,end,precision", ZH_SINGLE)
def test_zh_single_expression(text, default_year, start, end, precision):
    span = only(text, "zh", default_year)
    assert (span.start, span.end, span.precision) == (d(start), d(end), precision)


# --------------------------------------------------------------------------------------------
# English: one expression per text
# --------------------------------------------------------------------------------------------

EN_SINGLE = [
    # single days
    ("14 November 2008", None, "2008-11-14", "2008-11-14", "day"),
    ("1 March 2012", 1999, "2012-03-01", "2012-03-01", "day"),
    ("29 February 2012", None, "2012-02-29", "2012-02-29", "day"),
    ("6 May", 2013, "2013-05-06", "2013-05-06", "day"),
    # ranges, precision day
    ("9-12 November 2010", None, "2010-11-09", "2010-11-12", "day"),
    ("9–12 November 2010", None, "2010-11-09", "2010-11-12", "day"),  # en dash
    ("9 to 12 November 2010", None, "2010-11-09", "2010-11-12", "day"),
    ("from 9 to 12 November 2010", None, "2010-11-09", "2010-11-12", "day"),
    ("22 April-3 May 2013", None, "2013-04-22", "2013-05-03", "day"),
    ("22 April to 3 May 2013", None, "2013-04-22", "2013-05-03", "day"),
    ("30 November 2011 to 2 December 2011", None, "2011-11-30", "2011-12-02", "day"),
    ("29 December 2014 to 2 January 2015", None, "2014-12-29", "2015-01-02", "day"),
    ("November 9-12, 2010", None, "2010-11-09", "2010-11-12", "day"),
    # windows
    ("between 10 and 20 September 2011", None, "2011-09-10", "2011-09-20", "window"),
    ("between 10 September and 2 October 2011", None, "2011-09-10", "2011-10-02", "window"),
    ("in the period 10 to 20 September 2011", None, "2011-09-10", "2011-09-20", "window"),
    ("in the period from 10 to 20 September 2011", None, "2011-09-10", "2011-09-20", "window"),
    # part of month
    ("early September 2011", None, "2011-09-01", "2011-09-10", "part_of_month"),
    ("mid-September 2011", None, "2011-09-11", "2011-09-20", "part_of_month"),
    ("mid September 2011", None, "2011-09-11", "2011-09-20", "part_of_month"),
    ("the middle of September 2011", None, "2011-09-11", "2011-09-20", "part_of_month"),
    ("late September 2011", None, "2011-09-21", "2011-09-30", "part_of_month"),
    ("end of September 2011", None, "2011-09-21", "2011-09-30", "part_of_month"),
    ("late December 2011", None, "2011-12-21", "2011-12-31", "part_of_month"),
    ("late February 2012", None, "2012-02-21", "2012-02-29", "part_of_month"),
    # month only
    ("June 2014", None, "2014-06-01", "2014-06-30", "month"),
    ("in June 2014", None, "2014-06-01", "2014-06-30", "month"),
    ("February 2012", None, "2012-02-01", "2012-02-29", "month"),
    ("June to July 2011", None, "2011-06-01", "2011-07-31", "month"),
    ("June 2011 - July 2012", None, "2011-06-01", "2012-07-31", "month"),
    ("June – July 2011", None, "2011-06-01", "2011-07-31", "month"),
    ("Sept. 9-12, 2011", None, "2011-09-09", "2011-09-12", "day"),
    ("Monday, 9 May 2011", None, "2011-05-09", "2011-05-09", "day"),
    # year only
    ("in 2015", None, "2015-01-01", "2015-12-31", "year"),
]


@pytest.mark.parametrize("text,default_year,start,end,precision", EN_SINGLE)
def test_en_single_expression(text, default_year, start, end, precision):
    span = only(text, "en", default_year)
    assert (span.start, span.end, span.precision) == (d(start), d(end), precision)


# --------------------------------------------------------------------------------------------
# Expressions inside sentences: exactly one span overlaps the expression and text[begin:stop]
# is exactly the expression.
# --------------------------------------------------------------------------------------------

OFFSETS = [
    ("zh", "会议于2012年4月16日至20日在日内瓦举行。", "2012年4月16日至20日"),
    ("zh", "定于2013年4月22日至5月3日举行", "2013年4月22日至5月3日"),
    ("zh", "会期为2014年12月29日至2015年1月2日。", "2014年12月29日至2015年1月2日"),
    ("zh", "第三次会议于2008年11月14日星期五举行", "2008年11月14日星期五"),
    ("zh", "简要记录2008年11月14日(星期五)日内瓦", "2008年11月14日(星期五)"),
    ("zh", "会议于2008年11月14日星期五下午3时开幕。", "2008年11月14日星期五下午3时"),
    ("zh", "会议于2008年11月14日上午10时至下午1时举行", "2008年11月14日上午10时至下午1时"),
    ("zh", "会议于 2011 年 9 月 10 日 举行", "2011 年 9 月 10 日"),
    ("zh", "会议于２０１３年５月６日举行", "２０１３年５月６日"),
    ("zh", "预计于2011年9月上旬举行", "2011年9月上旬"),
    ("zh", "二〇一一年十二月召开", "二〇一一年十二月"),
    ("zh", "报告，2014年6月。", "2014年6月"),
    ("en", "The Second Conference (9-12 November 2010) adopted the report.", "9-12 November 2010"),
    ("en", "The session (22 April-3 May 2013) was held in Geneva.", "22 April-3 May 2013"),
    ("en", "Session (29 December 2014 to 2 January 2015), Geneva", "29 December 2014 to 2 January 2015"),
    ("en", "Geneva, November 9-12, 2010. Agenda item 4", "November 9-12, 2010"),
    ("en", "The meeting took place on Friday, 14 November 2008 in Geneva.", "Friday, 14 November 2008"),
    ("en", "Date: 14 November 2008 (Friday). Venue: Geneva", "14 November 2008 (Friday)"),
    ("en", "The meeting opened on 14 November 2008, at 3 p.m., in Room XVII.", "14 November 2008, at 3 p.m."),
    ("en", "Consultations (mid-September 2011) are planned.", "mid-September 2011"),
    ("en", "Report of the Group, June 2014. Distribution", "June 2014"),
]


@pytest.mark.parametrize("lang,text,expr", OFFSETS)
def test_offsets_cover_whole_expression(lang, text, expr):
    spans = find_dates(text, lexicon(lang), None)
    b = text.index(expr)
    e = b + len(expr)
    hits = spans_overlapping(spans, b, e)
    assert len(hits) == 1, hits
    assert text[hits[0].begin : hits[0].stop] == expr


# Where the spec lists an expression together with its introducing words ("在…之间", "期间",
# "between", "in the period from", "from", "in"), the span must cover at least the core and at most the
# listed expression.
CONTAINMENT = [
    # the spec lists "在9月10日和20日之间" as one window expression, so a leading 在 may be included
    ("zh", "会议将在2011年9月10日到20日期间举行", "2011年9月10日到20日", "在2011年9月10日到20日期间", 2011),
    ("zh", "预计会议在9月10日至20日之间举行", "9月10日至20日", "在9月10日至20日之间", 2011),
    ("en", "It will meet between 10 and 20 September 2011 in Geneva.", "10 and 20 September 2011",
     "between 10 and 20 September 2011", None),
    ("en", "It will meet in the period from 10 to 20 September 2011 in Geneva.", "10 to 20 September 2011",
     "in the period from 10 to 20 September 2011", None),
    ("en", "The Meeting was held from 9 to 12 November 2010 in Geneva.", "9 to 12 November 2010",
     "from 9 to 12 November 2010", None),
    ("en", "It was adopted in June 2014 by consensus.", "June 2014", "in June 2014", None),
    ("en", "A review is planned in 2015 at the latest.", "2015", "in 2015", None),
    ("en", "It will meet at the end of September 2011 in Geneva.", "end of September 2011",
     "the end of September 2011", None),
    ("en", "It will meet in the middle of September 2011 in Geneva.", "middle of September 2011",
     "the middle of September 2011", None),
]


@pytest.mark.parametrize("lang,text,core,full,default_year", CONTAINMENT)
def test_offsets_contain_core_within_listed_expression(lang, text, core, full, default_year):
    spans = find_dates(text, lexicon(lang), default_year)
    cb = text.index(core)
    ce = cb + len(core)
    fb = text.index(full)
    fe = fb + len(full)
    hits = spans_overlapping(spans, cb, ce)
    assert len(hits) == 1, hits
    s = hits[0]
    assert fb <= s.begin <= cb and ce <= s.stop <= fe, (text[s.begin : s.stop], s)


# --------------------------------------------------------------------------------------------
# Weekdays
# --------------------------------------------------------------------------------------------

WEEKDAY_CASES = [
    ("zh", "2008年11月14日星期五"),
    ("zh", "2008年11月14日(星期五)"),
    ("zh", "2008年 11月 14日 星期五"),
    ("en", "Friday, 14 November 2008"),
    ("en", "14 November 2008 (Friday)"),
]


@pytest.mark.parametrize("lang,text", WEEKDAY_CASES)
def test_weekday_is_part_of_the_span(lang, text):
    span = only(text, lang)
    assert (span.start, span.end, span.precision) == (date(2008, 11, 14), date(2008, 11, 14), "day")
    assert span.weekday == 4
    assert (span.begin, span.stop) == (0, len(text))


@pytest.mark.parametrize("lang,text", [("zh", "2008年11月14日"), ("en", "14 November 2008")])
def test_weekday_none_when_not_named(lang, text):
    assert only(text, lang).weekday is None


@pytest.mark.parametrize("lang,text", [("zh", "2008年11月14日"), ("en", "14 November 2008")])
def test_no_clock_time_when_none_written(lang, text):
    span = only(text, lang)
    assert span.start_time is None and span.end_time is None


# --------------------------------------------------------------------------------------------
# Clock times attached to a date
# --------------------------------------------------------------------------------------------

DATE_WITH_TIME = [
    ("zh", "2008年11月14日星期五下午3时", "15:00", None, 4),
    ("zh", "2008年 11月 14日 星期五 下午 3 时", "15:00", None, 4),
    ("zh", "2008年11月14日上午10时至下午1时", "10:00", "13:00", None),
    ("zh", "2008年11月14日15:00-17:15", "15:00", "17:15", None),
    ("en", "14 November 2008, at 3 p.m.", "15:00", None, None),
    ("en", "Friday, 14 November 2008, at 3 p.m.", "15:00", None, 4),
    ("en", "14 November 2008 15:00-17:15", "15:00", "17:15", None),
]


@pytest.mark.parametrize("lang,text,start_time,end_time,weekday", DATE_WITH_TIME)
def test_clock_time_after_date_is_part_of_span(lang, text, start_time, end_time, weekday):
    span = only(text, lang)
    assert (span.start, span.end, span.precision) == (date(2008, 11, 14), date(2008, 11, 14), "day")
    assert (span.start_time, span.end_time) == (start_time, end_time)
    assert span.weekday == weekday
    assert (span.begin, span.stop) == (0, len(text))


# --------------------------------------------------------------------------------------------
# Year taken from context: most recent earlier date, else default_year, else unknown
# --------------------------------------------------------------------------------------------

CONTEXT = [
    # (lang, text, default_year, expected list of (start, end, precision))
    ("zh", "2011年5月……同年10月", None,
     [("2011-05-01", "2011-05-31", "month"), ("2011-10-01", "2011-10-31", "month")]),
    ("zh", "2011年5月通过决定，同年10月举行会议", 2015,
     [("2011-05-01", "2011-05-31", "month"), ("2011-10-01", "2011-10-31", "month")]),
    ("zh", "2011年5月……同年", None,
     [("2011-05-01", "2011-05-31", "month"), ("2011-01-01", "2011-12-31", "year")]),
    ("zh", "会议定于2012年4月10日开幕，16日到20日举行高级别会议", None,
     [("2012-04-10", "2012-04-10", "day"), ("2012-04-16", "2012-04-20", "day")]),
    ("zh", "2011年5月6日通过，9月1日生效", None,
     [("2011-05-06", "2011-05-06", "day"), ("2011-09-01", "2011-09-01", "day")]),
    ("zh", "2011年5月6日通过，9月1日生效", 2020,
     [("2011-05-06", "2011-05-06", "day"), ("2011-09-01", "2011-09-01", "day")]),
    ("zh", "2010年1月5日和2012年3月3日之后，5月6日", None,
     [("2010-01-05", "2010-01-05", "day"), ("2012-03-03", "2012-03-03", "day"),
      ("2012-05-06", "2012-05-06", "day")]),
    ("zh", "2011年12月二十日开幕，三十一日闭幕", None,
     [("2011-12-20", "2011-12-20", "day"), ("2011-12-31", "2011-12-31", "day")]),
    ("zh", "2011年5月6日和2012年7月8日", None,
     [("2011-05-06", "2011-05-06", "day"), ("2012-07-08", "2012-07-08", "day")]),
    ("en", "The decision of 5 May 2011 entered into force on 6 June.", None,
     [("2011-05-05", "2011-05-05", "day"), ("2011-06-06", "2011-06-06", "day")]),
    ("en", "The decision of 5 May 2011 entered into force on 6 June.", 2020,
     [("2011-05-05", "2011-05-05", "day"), ("2011-06-06", "2011-06-06", "day")]),
    ("en", "The Group met on 5 May 2011 and again later that year.", None,
     [("2011-05-05", "2011-05-05", "day"), ("2011-01-01", "2011-12-31", "year")]),
    ("en", "The Group met in May 2011 and again in the same year.", None,
     [("2011-05-01", "2011-05-31", "month"), ("2011-01-01", "2011-12-31", "year")]),
    ("en", "The Group met on 5 May 2011; that year it also adopted a plan.", None,
     [("2011-05-05", "2011-05-05", "day"), ("2011-01-01", "2011-12-31", "year")]),
    ("en", "It met on 14 November 2008 and on 2 March 2010.", None,
     [("2008-11-14", "2008-11-14", "day"), ("2010-03-02", "2010-03-02", "day")]),
]


@pytest.mark.parametrize("lang,text,default_year,expected", CONTEXT)
def test_year_from_context(lang, text, default_year, expected):
    spans = find_dates(text, lexicon(lang), default_year)
    got = [(s.start, s.end, s.precision) for s in spans]
    assert got == [(d(a), d(b), p) for a, b, p in expected]


def test_en_month_of_the_same_year_takes_context_year():
    text = "In May 2011 the Group met; it met again in October of the same year."
    spans = find_dates(text, lexicon("en"), None)
    assert (date(2011, 10, 1), date(2011, 10, 31), "month") in [(s.start, s.end, s.precision) for s in spans]
    assert all(s.start is None or s.start.year == 2011 for s in spans)


UNKNOWN = [
    ("zh", "9月10日"),
    ("zh", "会议于9月10日举行"),
    ("zh", "16日到20日"),
    ("en", "6 May"),
    ("en", "The meeting was held on 6 May in Geneva."),
]


@pytest.mark.parametrize("lang,text", UNKNOWN)
def test_no_year_anywhere_gives_unknown_span(lang, text):
    span = only(text, lang, None)
    assert (span.start, span.end, span.precision) == (None, None, "unknown")
    assert 0 <= span.begin < span.stop <= len(text)


def test_unknown_span_offsets():
    text = "会议于9月10日举行"
    span = only(text, "zh", None)
    assert text[span.begin : span.stop] == "9月10日"


def test_default_year_fills_missing_year_en_offsets():
    text = "The meeting was held on 6 May in Geneva."
    span = only(text, "en", 2013)
    assert (span.start, span.end, span.precision) == (date(2013, 5, 6), date(2013, 5, 6), "day")
    assert text[span.begin : span.stop] == "6 May"


# --------------------------------------------------------------------------------------------
# Negative cases: nothing that is not a date
# --------------------------------------------------------------------------------------------

NO_DATES = [
    ("zh", "第4次会议"),
    ("zh", "85个国家"),
    ("zh", "第1至第7段通过。"),
    ("zh", "CCW/MSP/2008/CRP.2"),
    ("zh", "主席提请注意会议报告草案(CCW/MSP/2008/CRP.2)"),
    ("zh", ""),
    ("en", "paragraphs 1 to 7"),
    ("en", "CCW/MSP/2008/CRP.2"),
    ("en", "The draft report (CCW/MSP/2008/CRP.2) was adopted."),
    ("en", "85 States Parties attended the 4th meeting."),
    ("en", "Growth was 3.5 per cent."),
    ("en", ""),
]


@pytest.mark.parametrize("lang,text", NO_DATES)
def test_no_date_found(lang, text):
    for default_year in (None, 2011):
        assert find_dates(text, lexicon(lang), default_year) == []


IMPOSSIBLE = [
    ("zh", "2月30日", 2011),
    ("zh", "2011年2月30日", None),
    ("zh", "2011年2月29日", None),  # 2011 is not a leap year
    ("zh", "2011年4月31日", None),
    ("zh", "2011年13月5日", None),
    ("en", "30 February 2011", None),
    ("en", "29 February 2011", None),
    ("en", "32 January 2011", None),
]


@pytest.mark.parametrize("lang,text,default_year", IMPOSSIBLE)
def test_impossible_date_gives_no_day_span(lang, text, default_year):
    spans = find_dates(text, lexicon(lang), default_year)
    assert_well_formed(text, spans)
    assert not [s for s in spans if s.precision == "day"]


# --------------------------------------------------------------------------------------------
# find_times
# --------------------------------------------------------------------------------------------

TIMES = [
    ("zh", "下午3时35分", ["15:35"]),
    ("zh", "上午10时", ["10:00"]),
    ("zh", "中午12时", ["12:00"]),
    ("zh", "下午3时", ["15:00"]),
    ("zh", "下午3时35分暂停会议，4时50分复会", ["15:35", "16:50"]),
    ("zh", "下午 3时 35 分 暂停 会议 ， 4时 50 分 复会", ["15:35", "16:50"]),
    ("zh", "上午10时至下午1时", ["10:00", "13:00"]),
    ("zh", "上午10时开幕，下午3时闭幕", ["10:00", "15:00"]),
    ("zh", "上午10时开会，11时30分休会", ["10:00", "11:30"]),
    ("zh", "会议于15:00开始", ["15:00"]),
    ("en", "The meeting was called to order at 10.05 a.m.", ["10:05"]),
    ("en", "The meeting rose at 3 p.m.", ["15:00"]),
    ("en", "The meeting rose at 12.10 p.m.", ["12:10"]),
    ("en", "The meeting resumed at 12 noon.", ["12:00"]),
    ("en", "The meeting was suspended at 3 p.m. and resumed at 4.50.", ["15:00", "16:50"]),
    ("en", "The meeting was suspended at 3 p.m. and resumed at 4.50 p.m.", ["15:00", "16:50"]),
    ("en", "The meeting began at 15:00.", ["15:00"]),
    ("en", "At 3 p.m. the rate was 4.50 per cent.", ["15:00"]),
]


@pytest.mark.parametrize("lang,text,expected", TIMES)
def test_find_times(lang, text, expected):
    times = find_times(text, lexicon(lang))
    assert [t.time for t in times] == expected
    assert_times_well_formed(text, times)


TIME_OFFSETS = [
    ("zh", "下午3时35分暂停会议，4时50分复会", ["下午3时35分", "4时50分"]),
    ("zh", "会议于上午10时开幕", ["上午10时"]),
    ("en", "The meeting was called to order at 10.05 a.m.", ["10.05 a.m."]),
    ("en", "The meeting was suspended at 3 p.m. and resumed at 4.50.", ["3 p.m.", "4.50"]),
    ("en", "The meeting resumed at 12 noon.", ["12 noon"]),
    ("en", "The meeting began at 15:00.", ["15:00"]),
]


@pytest.mark.parametrize("lang,text,exprs", TIME_OFFSETS)
def test_find_times_offsets(lang, text, exprs):
    times = find_times(text, lexicon(lang))
    assert [text[t.begin : t.stop] for t in times] == exprs


NO_TIMES = [
    ("en", "Growth was 3.5 per cent."),
    ("en", "3.5"),
    ("en", "paragraphs 1 to 7"),
    ("en", "14 November 2008"),
    ("en", "CCW/MSP/2008/CRP.2"),
    ("zh", "第4次会议"),
    ("zh", "2011年9月10日"),
    ("zh", "85个国家"),
    ("zh", ""),
]


@pytest.mark.parametrize("lang,text", NO_TIMES)
def test_no_times(lang, text):
    assert find_times(text, lexicon(lang)) == []


# --------------------------------------------------------------------------------------------
# Property tests
# --------------------------------------------------------------------------------------------

TOKENS = [
    "2008", "2011", "2015", "9999", "0", "1", "2", "3", "4", "9", "10", "12", "13", "16", "20", "29", "30",
    "31", "32", "35", "50", "99", "２０１３", "５", "〇", "二〇一一", "十二", "二十", "三十一",
    "年", "月", "日", "至", "到", "和", "在", "期间", "之间", "上旬", "中旬", "下旬", "同年",
    "星期五", "星期", "(", ")", "（", "）", "上午", "下午", "中午", "时", "分", "第", "次会议", "个国家",
    " ", "  ", "，", "。", "-", "–", "—", ":", ".", ",", "/", "……", "\n",
    "January", "February", "September", "November", "December", "May", "Friday", "between", "and",
    "to", "from", "in", "the period", "of", "the middle", "mid-", "mid", "early", "late", "end of",
    "the same year", "that year", "later", "at", "a.m.", "p.m.", "noon", "paragraphs",
    "CCW/MSP/2008/CRP.2",
]

token_text = st.lists(st.sampled_from(TOKENS), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=80), token_text)
langs = st.sampled_from(["zh", "en"])
years = st.one_of(st.none(), st.integers(min_value=1900, max_value=2100))
valid_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@HYP
@given(text=any_text, lang=langs, default_year=years)
def test_property_find_dates_never_raises_and_spans_are_well_formed(text, lang, default_year):
    spans = find_dates(text, lexicon(lang), default_year)
    assert isinstance(spans, list)
    assert_well_formed(text, spans)


@HYP
@given(text=any_text, lang=langs)
def test_property_find_times_never_raises_and_times_are_well_formed(text, lang):
    times = find_times(text, lexicon(lang))
    assert isinstance(times, list)
    assert_times_well_formed(text, times)


@HYP
@given(day=valid_dates, default_year=years)
def test_property_zh_round_trip(day, default_year):
    expr = f"{day.year}年{day.month}月{day.day}日"
    span = only(expr, "zh", default_year)
    assert (span.start, span.end, span.precision) == (day, day, "day")
    assert (span.begin, span.stop) == (0, len(expr))
    text = f"会议于{expr}举行。"
    span = only(text, "zh", default_year)
    assert (span.start, span.end) == (day, day)
    assert text[span.begin : span.stop] == expr


@HYP
@given(day=valid_dates)
def test_property_zh_fullwidth_round_trip(day):
    expr = f"{day.year}年{day.month}月{day.day}日".translate(FULLWIDTH)
    span = only(expr, "zh")
    assert (span.start, span.end, span.precision) == (day, day, "day")


@HYP
@given(day=valid_dates, default_year=years)
def test_property_en_round_trip(day, default_year):
    expr = f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    span = only(expr, "en", default_year)
    assert (span.start, span.end, span.precision) == (day, day, "day")
    assert (span.begin, span.stop) == (0, len(expr))
    text = f"Geneva ({expr}). Agenda item 4"
    span = only(text, "en", default_year)
    assert (span.start, span.end) == (day, day)
    assert text[span.begin : span.stop] == expr


@HYP
@given(day=valid_dates)
def test_property_weekday_round_trip(day):
    zh = f"{day.year}年{day.month}月{day.day}日{WEEKDAYS_ZH[day.weekday()]}"
    en = f"{WEEKDAYS_EN[day.weekday()]}, {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    for lang, text in (("zh", zh), ("en", en)):
        span = only(text, lang)
        assert (span.start, span.end, span.precision, span.weekday) == (day, day, "day", day.weekday())
        assert (span.begin, span.stop) == (0, len(text))


@st.composite
def same_month_range(draw):
    first = draw(valid_dates)
    last_day = calendar.monthrange(first.year, first.month)[1]
    second = first.replace(day=draw(st.integers(min_value=first.day, max_value=last_day)))
    return first, second


@HYP
@given(pair=same_month_range())
def test_property_range_in_month_round_trip(pair):
    a, b = pair
    zh = f"{a.year}年{a.month}月{a.day}日至{b.day}日"
    en = f"{a.day}-{b.day} {MONTHS_EN[a.month - 1]} {a.year}"
    for lang, text in (("zh", zh), ("en", en)):
        span = only(text, lang)
        assert (span.start, span.end, span.precision) == (a, b, "day")
        assert (span.begin, span.stop) == (0, len(text))


@HYP
@given(year=st.integers(min_value=1900, max_value=2100), month=st.integers(min_value=1, max_value=12))
def test_property_month_and_part_of_month(year, month):
    last = calendar.monthrange(year, month)[1]
    span = only(f"{year}年{month}月", "zh")
    assert (span.start, span.end, span.precision) == (date(year, month, 1), date(year, month, last), "month")
    span = only(f"{MONTHS_EN[month - 1]} {year}", "en")
    assert (span.start, span.end, span.precision) == (date(year, month, 1), date(year, month, last), "month")
    span = only(f"{year}年{month}月下旬", "zh")
    assert (span.start, span.end, span.precision) == (
        date(year, month, 21), date(year, month, last), "part_of_month")


# --------------------------------------------------------------------------------------------
# Dates as real documents write them (issue 12): numerals only, year ranges, parts of a year,
# and relative expressions counted from the document's own date (`written`, passed as data).
# --------------------------------------------------------------------------------------------

WRITTEN = date(2016, 3, 14)  # the date of the paper the sentences below stand in

REAL_FORMS = [
    # US order
    ("en", "The protocol was signed on December 31, 1994 in Vienna.", None, "December 31, 1994", "1994-12-31", "1994-12-31", "day"),
    # ISO, and numerals in the pack's order (day first), falling back when the month is impossible
    ("en", "Replies are due by 2019-03-15 at the latest.", None, "2019-03-15", "2019-03-15", "2019-03-15", "day"),
    ("en", "Comments received before 15/03/2019 were compiled.", None, "15/03/2019", "2019-03-15", "2019-03-15", "day"),
    ("en", "The letter dated 04.06.2014 was circulated.", None, "04.06.2014", "2014-06-04", "2014-06-04", "day"),
    ("en", "A note dated 03/15/2019 was received.", None, "03/15/2019", "2019-03-15", "2019-03-15", "day"),
    ("zh", "工作组于2019-03-15举行了第一次会议。", None, "2019-03-15", "2019-03-15", "2019-03-15", "day"),
    ("zh", "秘书处于2019/3/15分发了该文件。", None, "2019/3/15", "2019-03-15", "2019-03-15", "day"),
    # year ranges: a dash, or an opening word and a join
    ("en", "The action plan covers 2014-2018 in full.", None, "2014-2018", "2014-01-01", "2018-12-31", "year"),
    ("en", "The group met four times between 2020 and 2022.", None, "between 2020 and 2022", "2020-01-01", "2022-12-31", "year"),
    ("en", "Stockpiles were destroyed from 1996 to 1999.", None, "from 1996 to 1999", "1996-01-01", "1999-12-31", "year"),
    ("zh", "1996-1999年销毁了库存。", None, "1996-1999年", "1996-01-01", "1999-12-31", "year"),
    ("zh", "在1996至1999年期间销毁了库存。", None, "1996至1999年", "1996-01-01", "1999-12-31", "year"),
    # parts of a year: halves, and thirds for early / mid / late
    ("en", "A review is planned for the second half of 2017.", None, "the second half of 2017", "2017-07-01", "2017-12-31", "part_of_month"),
    ("en", "The centre opened in mid-2001 with two staff.", None, "mid-2001", "2001-05-01", "2001-08-31", "part_of_month"),
    ("en", "Work resumed in early 2030 after a pause.", None, "early 2030", "2030-01-01", "2030-04-30", "part_of_month"),
    ("zh", "审议会定于2017年上半年举行。", None, "2017年上半年", "2017-01-01", "2017-06-30", "part_of_month"),
    ("zh", "中心于2001年年中开始运作。", None, "2001年年中", "2001-05-01", "2001-08-31", "part_of_month"),
    ("zh", "该项目于2001年底完成。", None, "2001年底", "2001-09-01", "2001-12-31", "part_of_month"),
    # relative expressions, counted from WRITTEN (14 March 2016)
    ("en", "The next review will take place next year.", WRITTEN, "next year", "2017-01-01", "2017-12-31", "year"),
    ("en", "A workshop will be organized later this year.", WRITTEN, "later this year", "2016-01-01", "2016-12-31", "year"),
    ("en", "The request was received last month.", WRITTEN, "last month", "2016-02-01", "2016-02-29", "month"),
    ("en", "The expert group will report early next year.", WRITTEN, "early next year", "2017-01-01", "2017-04-30", "part_of_month"),
    ("en", "A second workshop is planned for the first half of next year.", WRITTEN, "the first half of next year", "2017-01-01", "2017-06-30", "part_of_month"),
    ("en", "Replies are expected by the end of this year.", WRITTEN, "the end of this year", "2016-09-01", "2016-12-31", "part_of_month"),
    ("zh", "工作组将于明年举行会议。", WRITTEN, "明年", "2017-01-01", "2017-12-31", "year"),
    ("zh", "讲习班将在今年下半年举办。", WRITTEN, "今年下半年", "2016-07-01", "2016-12-31", "part_of_month"),
    ("zh", "专家组将于明年年初提交报告。", WRITTEN, "明年年初", "2017-01-01", "2017-04-30", "part_of_month"),
    ("zh", "秘书处上个月收到了该请求。", WRITTEN, "上个月", "2016-02-01", "2016-02-29", "month"),
    ("zh", "去年共有十个国家提交了报告。", WRITTEN, "去年", "2015-01-01", "2015-12-31", "year"),
]


@pytest.mark.parametrize("lang,text,written,expr,start,end,precision", REAL_FORMS)
def test_dates_as_real_documents_write_them(lang, text, written, expr, start, end, precision):
    spans = find_dates(text, lexicon(lang), written=written)
    assert_well_formed(text, spans)
    assert [(text[s.begin:s.stop], s.start, s.end, s.precision) for s in spans] == [(expr, d(start), d(end), precision)]


NOT_THESE = [
    ("en", "See document CCW/MSP/2012/3/1 and CCW/MSP/2012/3."),  # a symbol, not 3 January 2012
    ("en", "The next meeting will take place next year."),  # no document date: nothing to count from
    ("zh", "工作组将于明年举行会议。"),
    ("zh", "此后年度报告将按时提交。"),  # 后年 inside 此后年度 is not "the year after next"
]


@pytest.mark.parametrize("lang,text", NOT_THESE)
def test_no_date_where_none_is_written(lang, text):
    assert [s for s in find_dates(text, lexicon(lang)) if s.start] == []


@pytest.mark.parametrize("lang,text,years", [
    ("en", "Reports were received in 2014 and 2018.", [2014, 2018]),  # two years; "and" joins a range only after "between"
    ("zh", "2010年初步报告和2012年的报告", [2010, 2012]),  # 初步 (preliminary) is not 年初
])
def test_years_that_are_not_a_range_or_a_part(lang, text, years):
    spans = find_dates(text, lexicon(lang))
    assert [(s.start.year, s.end.year, s.precision) for s in spans] == [(y, y, "year") for y in years]


@pytest.mark.parametrize("lang,text,expr", [
    ("en", "The group will meet next year. Its first session opens in June.", "June"),
    ("zh", "工作组将于明年举行两届会议,第一届会议于6月开幕。", "6月"),
])
def test_a_relative_year_carries_to_later_dates(lang, text, expr):
    spans = find_dates(text, lexicon(lang), written=WRITTEN)
    later = next(s for s in spans if text[s.begin:s.stop] == expr)
    assert (later.start, later.end, later.precision) == (date(2017, 6, 1), date(2017, 6, 30), "month")


@pytest.mark.parametrize("text", ["2011年-12日", "2011年至12日", "2011年-9月"])
def test_a_range_with_one_end_unresolved_gives_no_half_span(text):
    # a year, then a day (or month) with no month (or year) of its own: not a range we understand
    for s in find_dates(text, lexicon("zh")):
        assert (s.start is None) == (s.end is None), s


@pytest.mark.parametrize("text,expr,start,end,precision", [
    # cables and cover pages write months (and range words) in capitals
    ("THE STATES PARTIES MET IN GENEVA IN MAY 1975, AS PLANNED.", "MAY 1975", "1975-05-01", "1975-05-31", "month"),
    ("THE SESSION WILL BE HELD FROM 28 APRIL TO 9 MAY 2014.", "FROM 28 APRIL TO 9 MAY 2014", "2014-04-28", "2014-05-09", "day"),
    ("PLENARY MEETING OF SEPTEMBER 3, 1976, AFTERNOON", "SEPTEMBER 3, 1976", "1976-09-03", "1976-09-03", "day"),
])
def test_months_in_capitals(text, expr, start, end, precision):
    spans = find_dates(text, lexicon("en"))
    assert [(text[s.begin:s.stop], s.start, s.end, s.precision) for s in spans] == [(expr, d(start), d(end), precision)]


@pytest.mark.parametrize("text,years", [
    ("States may 2014 be remembered as the year of entry into force.", [2014]),  # "may" in lower case is a verb
    ("Members may 12 times a year request a meeting.", []),
])
def test_a_month_in_lower_case_is_not_read(text, years):
    assert [s.start.year for s in find_dates(text, lexicon("en"))] == years


@pytest.mark.parametrize("raw,name", [
    ("XYZ/MSP/2016/5\n\n14 March 2016\n\nSixth Meeting of States Parties\n\n1. The Sixth Meeting of States Parties "
     "was held in Geneva. The Seventh Meeting of States Parties will be held in the first half of next year in Geneva.\n",
     "Seventh Meeting of States Parties"),
    ("XYZ/MSP/2016/5\n\n2016年3月14日\n\n第六次缔约国会议\n\n1. 第六次缔约国会议在日内瓦举行。第七次缔约国会议将于明年上半年在日内瓦举行。\n",
     "第七次缔约国会议"),
])
def test_extraction_counts_relative_dates_from_the_documents_own_date(raw, name):
    # the header's date (14 March 2016) is the document's own: "next year" / 明年 is 2017
    from tracker.extract.pipeline import extract

    meeting = next(m for m in extract(raw).meetings if m.name == name)
    assert (meeting.start, meeting.end, meeting.precision) == (date(2017, 1, 1), date(2017, 6, 30), "part_of_month")


def test_a_chinese_text_reads_the_dates_it_quotes_in_latin_letters():
    # a bilingual cover: the English date line, then the Chinese text
    text = "XYZ/CONF/2000/3\n3 May 2000\nChinese\n会议于2000年4月24日至5月19日在纽约举行。"
    spans = find_dates(text, lexicon("zh"))
    assert [(text[s.begin:s.stop], s.start, s.end, s.precision) for s in spans] == [
        ("3 May 2000", date(2000, 5, 3), date(2000, 5, 3), "day"),
        ("2000年4月24日至5月19日", date(2000, 4, 24), date(2000, 5, 19), "day"),
    ]
    # the digits of a Chinese date are read once, by its own grammar (no "2000" year from the latin one)
    assert [s.precision for s in find_dates("2013年5月", lexicon("zh"))] == ["month"]


@pytest.mark.parametrize("gap", [1, 300])
def test_a_quoted_latin_date_takes_its_year_from_a_date_however_far_after_it(gap):
    # the latin dates quoted in a Chinese text are read only up to a little after the last latin word when
    # that gives the same dates: not here, where the year of "3 May" is written after blanks of any length
    text = "会议\n3 May and" + " " * gap + "2014-06-04\n会议于2014年举行。"
    spans = find_dates(text, lexicon("zh"))
    assert [(text[s.begin:s.stop], s.start) for s in spans[:2]] == [
        ("3 May", date(2014, 5, 3)), ("2014-06-04", date(2014, 6, 4))]


def test_an_english_text_is_read_with_its_own_grammar_only():
    text = "The meeting (2013年5月6日) opened on 6 May 2013."
    assert [text[s.begin:s.stop] for s in find_dates(text, lexicon("en"))] == ["2013", "6 May 2013"]


# ---------------------------------------------------------------- a year written once, at the end of a list of dates

@pytest.mark.parametrize("lang, text, first", [
    ("en", "The Group will meet from 2-5 April, and 9-12 September 2024.", (date(2024, 4, 2), date(2024, 4, 5))),
    ("en", "Sessions: 3-7 March, 12-14 May and 1-5 September 2025.", (date(2025, 3, 3), date(2025, 3, 7))),
    ("en", "It meets on 14 October or 4 November 2026.", (date(2026, 10, 14), date(2026, 10, 14))),
    ("zh", "小组将于4月2日至5日和2024年9月9日至12日举行会议。", (date(2024, 4, 2), date(2024, 4, 5))),
    ("zh", "会议分别于3月3日至7日、5月12日至14日以及2025年9月1日至5日举行。", (date(2025, 3, 3), date(2025, 3, 7))),
])
def test_a_date_without_its_year_takes_the_year_written_after_it(lang, text, first):
    spans = find_dates(text, lexicon(lang))
    assert (spans[0].start, spans[0].end) == first
    assert all(s.start is not None for s in spans)


@pytest.mark.parametrize("lang, text", [
    ("en", "From 2-5 April the Bureau met informally; the report is dated 9 September 2024."),
    ("en", "On 2 April delegations spoke, as recorded on 9 September 2024."),
    ("zh", "4月2日主席团举行了非正式会议，报告日期为2024年9月9日。"),
])
def test_a_year_is_not_carried_back_over_other_words(lang, text):
    assert find_dates(text, lexicon(lang))[0].start is None


@pytest.mark.parametrize("lang, text", [
    ("en", "It met at the\nend of May 2014."),
    ("zh", "会议于2014年5月举行。It met at the\nend of May 2014."),  # a Chinese text quoting an English line, wrapped
    ("zh", "会议于2014年5月举行。It met at the\t end of May 2014."),
])
def test_a_range_or_part_word_broken_by_any_whitespace_is_read(lang, text):
    """"the\\nend of May": a word of the pack written with a line break or a tab for its space is the pack's word
    (it once raised KeyError on the Chinese text, which keeps its line breaks in the quoted English)."""
    spans = find_dates(text, lexicon(lang))
    assert (spans[-1].start, spans[-1].end, spans[-1].precision) == (date(2014, 5, 21), date(2014, 5, 31), "part_of_month")


def test_extract_reads_a_long_mixed_text_without_raising():
    from tracker.extract.pipeline import extract
    text = "\n\n".join(["缔约国会议于2014年5月12日至23日在日内瓦举行。", "The Meeting will be held at the\nend of May 2014."] * 3)
    assert extract(text).meetings
