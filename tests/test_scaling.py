"""Extraction does work in proportion to the text (issue 10, item 10), counted, not timed.

Each crafted input repeats one phrase that once made a stage quadratic: every name on a cover
weighed against the whole cover, every date start copying the rest of its window, every mention
compared with every meeting found so far. The work is the number of Python lines executed
(sys.settrace), which does not depend on the machine: four times the text must cost about four
times the lines (within 4.6x, where a quadratic stage gives well over 5x). Timing at 100 KB to
10 MB is bench/scaling_bench.py's job (`make bench`).
"""

from __future__ import annotations

import sys

import pytest

from tracker.extract.pipeline import extract


def _ordinals(n: int) -> str:
    return "".join(f"第{i}次缔约国会议，缔约国会议，该次会议，《禁雷公约》缔约国第{i}次会议。" for i in range(1, n + 1))


INPUTS = {
    "en_msp": lambda n: "Meeting of States Parties " * (4 * n),
    "zh_msp": lambda n: "缔约国会议" * (4 * n),
    "zh_dates": lambda n: "2014年5月12日到23日期间，2013年4月22日至5月3日，4月16-20日，同年6月，" * n,
    # the forms real documents add: numerals, year ranges, parts of a year, relative words (after a dated header)
    "zh_real_dates": lambda n: "2016年3月14日\n\n" + "2014-06-04，1995-1997年，2017年上半年，明年年初，上个月，" * n,
    "en_real_dates": lambda n: "14 March 2016\n\n" + "On 2014-06-04 and 04/06/2014, between 2014 and 2018, mid-2001, next year; " * n,
    "zh_ordinals": _ordinals,
    "en_lettered": lambda n: "Draft decisions\n1. The Meeting decides:\n" + "(a) to hold a meeting;\n" * (4 * n),
    "en_people": lambda n: "Mr. Smith (France) " * (4 * n),
    # brackets of every sort, quotations spanning paragraphs, underscore rules: each weighed on its own
    "en_brackets": lambda n: "Text in square brackets is not agreed.\n" + (
        '1. The Meeting decides to meet for [four/five] days, "[t]hat [...]" [and transfer] ____ [1] [sic]\n'
        '"A quotation [...] over\n[...] two paragraphs" then [grave] words\n__________\n') * (2 * n),
    "zh_brackets": lambda n: "提议删除的案文列入方括号。" + "第2段严重关切[制造、转移和]扩散“[……]\n[……]”[具有][1]【打印】。\n" * (4 * n),
    # acts by wording on one line: operative paragraphs numbered in sequence, quoted decisions, lead-ins
    "en_acts": lambda n: "".join(f"{i}. The Meeting decided to meet in 2025; " for i in range(1, 4 * n + 1)),
    "en_quoted": lambda n: "It contained the following decision: \u201c1. The Conference decides to meet. "
                           "2. The Conference decides to adjourn.\u201d " * (4 * n),
    "zh_acts": lambda n: "会议决定:(a)举行会议;(b)请秘书处作出安排。就这样决定。" * (4 * n),
    # lists that open inside one another on one line, and lettered topic lists with their introductions
    "inline_labels": lambda n: "the following topics: (a) 1. (i) (1) 第1段 " * (4 * n),
    "inline_topics": lambda n: "Item 3. Topics: (a) Budget; (b) Staff; (i) Rules; (ii) Scope; " * (4 * n),
    "glued_symbols": lambda n: "Distr.: General CCW/MSP/2015/314 November 2015 " * (4 * n),
}


def _lines(text: str) -> int:
    """Python lines executed by one extraction of `text`."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    extract(text[:64])  # compile and cache outside the count
    sys.settrace(tracer)
    try:
        extract(text)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("name", list(INPUTS))
def test_work_grows_linearly(name: str) -> None:
    make = INPUTS[name]
    small, large = _lines(make(60)), _lines(make(240))
    assert large <= 4.6 * small, f"{name}: {small} lines for n, {large} for 4n"
