"""Fuzzing (hypothesis) of the parts that meet hostile text: decoding bytes, extraction, the date grammar,
and the checks of values typed into slots. Example counts follow the profile: a short run in `make test`,
HYPOTHESIS_PROFILE=long (`make fuzz`) for a long one.
"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_properties import FRAGMENTS, check_ids, check_schema, sources

from tracker.errors import InputError, UsageError
from tracker.extract.dates import find_dates, find_times
from tracker.extract.pipeline import extract
from tracker.formats.text import decode_document
from tracker.lang import lexicon
from tracker.rendering.extraction import extraction_dict
from tracker.usecases.slot_values import KINDS, Checked, SlotFacts, check

SLOW_OK = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HOSTILE = ["[", "]", "[[", "]]", "【", "】", "《", "》", "(", ")", "（", "）", "…", "……", "...", "_", "\x1b[2J", "\x9b",
           "\u202e", "\x00", "\r", "\r\n", "\ufeff", "\u3000", "１２", "十二", "日", "月", "年", "至", "-", "–", "/"]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS + HOSTILE), st.text(max_size=4)), max_size=80).map("".join)


@SLOW_OK
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_give_an_input_error(data):
    try:
        assert isinstance(decode_document(data, "fuzz"), str)
    except InputError as exc:
        assert "\n" not in exc.message and exc.message.startswith("fuzz: ")


@SLOW_OK
@given(TEXT)
def test_hostile_text_extracts_with_valid_spans_and_schema(text):
    d = json.loads(json.dumps(extraction_dict(extract(text)), ensure_ascii=False))
    check_schema(d)
    check_ids(d)
    for span in sources(d):
        assert 0 <= span["start"] <= span["end"] <= len(text), span


DATE_WORDS = ["2011年", "9月", "12日", "至", "16日", "上旬", "中旬", "下旬", "期间", "之间", "from ", "to ", "between ",
              "and ", "September ", "12", "16 ", "2011", "early ", "mid-", "late ", "(Monday)", "15:00", "下午3时",
              "-", "–", ", ", "第", "星期一", "[……]", "[...]", "２０１１"]


@SLOW_OK
@given(st.lists(st.one_of(st.sampled_from(DATE_WORDS), st.text(max_size=3)), max_size=30).map("".join),
       st.sampled_from(["zh", "en"]), st.one_of(st.none(), st.integers(1900, 2100)))
def test_the_date_grammar_never_raises_and_gives_ordered_spans(text, lang, year):
    for span in find_dates(text, lexicon(lang), year):
        assert 0 <= span.begin <= span.stop <= len(text)
        assert span.precision in {"day", "window", "part_of_month", "month", "year", "unknown"}
        assert (span.start is None) == (span.end is None) or span.precision == "unknown"
        if span.start and span.end:
            assert span.start <= span.end
    for t in find_times(text, lexicon(lang)):
        assert 0 <= t.begin <= t.stop <= len(text)
        assert len(t.time) == 5 and t.time[2] == ":"


TYPED = st.one_of(st.text(max_size=20), st.sampled_from(["12", "１２日", "十二日", "2011-09-12", "2011-02-30", "0", "32",
                                                         "黎巴嫩", "LB", "Lebanon", "贝鲁特", "Geneva", "[……]", "...",
                                                         "Mr. Smith", "CCM/MSP/2011/5", "5", "=cmd|' /C calc'!A0"]))
FACTS = st.builds(
    SlotFacts, kind=st.sampled_from(KINDS), field=st.sampled_from([None, "start", "end", "city", "country", "chair",
                                                                  "facility", "host", "symbol", "role"]),
    language=st.sampled_from(["zh", "en"]), left=st.text(max_size=20) | st.sampled_from(["决定于2011年9月", "CCM/MSP/2010/"]),
    right=st.text(max_size=20) | st.just(" September 2011."),
    window=st.one_of(st.none(), st.tuples(st.dates(date(2000, 1, 1), date(2030, 1, 1)),
                                          st.dates(date(2000, 1, 1), date(2030, 1, 1))).map(sorted).map(tuple)),
    window_precision=st.sampled_from([None, "day", "window", "month"]),
    duration_days=st.one_of(st.none(), st.floats(0, 60, allow_nan=False)),
    year=st.one_of(st.none(), st.integers(1990, 2040)))


@SLOW_OK
@given(FACTS, TYPED)
def test_checking_a_typed_value_accepts_or_refuses_with_a_usage_error(facts, typed):
    try:
        got = check(facts, typed)
    except UsageError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert isinstance(got, Checked) and got.value.strip()
    assert got.field_value is None or isinstance(got.field_value, str)
    if facts.kind == "date" and got.field_value is not None:
        date.fromisoformat(got.field_value)
