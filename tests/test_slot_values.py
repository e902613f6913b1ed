"""Typed checks of slot values, every kind, Chinese and English input (pure: no store)."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.errors import UsageError
from tracker.usecases.slot_values import SlotFacts, check

WINDOW = (date(2011, 9, 10), date(2011, 9, 20))
ZH_START = SlotFacts("date", "start", "zh", left="并决定于2011年9月", right="至[……]在[……]的[……]举行",
                     window=WINDOW, window_precision="window", duration_days=5, year=2011)
EN_END = SlotFacts("date", "end", "en", left="will be held in Beirut from [...] to", right=" September 2011.",
                   window=WINDOW, window_precision="window", duration_days=5, year=2011,
                   other_dates={"start": date(2011, 9, 12)})


@pytest.mark.parametrize("typed", ["12", "12日", "１２", "１２日", "十二日", "12号", "2011-09-12", "2011年9月12日",
                                   "12 September 2011"])
def test_a_date_slot_takes_a_day_or_a_whole_date_in_either_language(typed):
    got = check(ZH_START, typed)
    assert (got.value, got.field_value, got.warnings) == ("12", "2011-09-12", ())


def test_english_end_day_reads_the_month_written_after_the_blank():
    got = check(EN_END, "16th")
    assert (got.value, got.field_value, got.note, got.warnings) == ("16", "2011-09-16", "16 Sep 2011", ())


def test_duration_and_window_are_warnings_not_refusals():
    got = check(SlotFacts(**{**EN_END.__dict__, "other_dates": {"start": date(2011, 9, 9)}}), "20")
    assert "9-20 is 12 days, the document says 5" in got.warnings
    outside = check(ZH_START, "9月25日")
    assert any("outside 10 Sep 2011–20 Sep 2011" in w for w in outside.warnings)


@pytest.mark.parametrize("facts, typed, reason", [
    (ZH_START, "2011年10月12日", "writes September beside this blank"),
    (ZH_START, "31", "September 2011 has no day 31"),
    (ZH_START, "下周", "is not a day"),
    (EN_END, "11", "before it starts"),
    (SlotFacts("date", "start", "en", left="from", right=" onwards"), "12", "no month is written"),
])
def test_impossible_dates_are_refused_with_the_reason(facts, typed, reason):
    with pytest.raises(UsageError, match=reason):
        check(facts, typed)


@pytest.mark.parametrize("lang, typed, value", [("zh", "黎巴嫩", "黎巴嫩"), ("zh", "Lebanon", "黎巴嫩"), ("zh", "LB", "黎巴嫩"),
                                                ("en", "lebanon", "Lebanon"), ("en", "LBN", "Lebanon"),
                                                ("en", "黎巴嫩", "Lebanon"), ("zh", "瑞士", "瑞士"),
                                                ("en", "the Government of Switzerland", "Switzerland")])
def test_a_country_slot_takes_chinese_or_english_names_and_iso_codes(lang, typed, value):
    got = check(SlotFacts("country", "country", lang), typed)
    assert got.value == value and got.field_value in ("LB", "CH")


@pytest.mark.parametrize("lang, typed", [("zh", "贝鲁特国"), ("en", "Lebanonia"), ("en", "XX")])
def test_unknown_countries_are_refused(lang, typed):
    with pytest.raises(UsageError, match="is not a country"):
        check(SlotFacts("country", "country", lang), typed)


@pytest.mark.parametrize("lang, typed, value", [("zh", "贝鲁特", "贝鲁特"), ("zh", "Beirut", "贝鲁特"), ("en", "贝鲁特", "Beirut"),
                                                ("en", "beirut", "Beirut")])
def test_a_city_slot_resolves_known_cities_to_the_documents_language(lang, typed, value):
    got = check(SlotFacts("city", "city", lang, country="LB"), typed)
    assert (got.value, got.field_value, got.warnings) == (value, value, ())


def test_city_checks():
    assert check(SlotFacts("city", "city", "en", country="CH"), "Beirut").warnings == (
        "Beirut is in LB, the meeting's country is CH",)
    assert "not in the gazetteer" in check(SlotFacts("city", "city", "zh"), "巴特那").warnings[0]
    for typed, reason in (("黎巴嫩", "is a country"), ("Lebanon", "is a country"), ("10号楼", "no digits"),
                          ("123", "no letters")):
        with pytest.raises(UsageError, match=reason):
            check(SlotFacts("city", "city", "zh"), typed)


@pytest.mark.parametrize("lang, typed, value", [("zh", "万国宫", "万国宫"), ("zh", "Palais des Nations", "万国宫"),
                                                ("en", "万国宫", "Palais des Nations"), ("en", "CICG", "CICG"),
                                                ("zh", "世界气象组织会议设施", "世界气象组织会议设施")])
def test_a_facility_slot(lang, typed, value):
    got = check(SlotFacts("facility", "facility", lang), typed)
    assert got.value in (value, "Centre International de Conférences de Genève")
    with pytest.raises(UsageError, match="is a country"):
        check(SlotFacts("facility", "facility", lang), "瑞士" if lang == "zh" else "Switzerland")


@pytest.mark.parametrize("typed", ["Sara Sekkenes", "Ms. Sara Sekkenes", "阿克拉姆", "阿克拉姆先生", "莱昂·冈萨雷斯"])
def test_a_person_slot_takes_names_in_either_script(typed):
    got = check(SlotFacts("person", "chair", "zh"), typed)
    assert got.value == typed and got.warnings == ()


@pytest.mark.parametrize("typed, reason", [("黎巴嫩", "is a place"), ("Beirut", "is a place"), ("R2-D2", "no digits"),
                                           ("12", "no letters"), ("x" * 61, "too long")])
def test_a_person_slot_refuses_places_and_numbers(typed, reason):
    with pytest.raises(UsageError, match=reason):
        check(SlotFacts("person", "chair", "en"), typed)


def test_lowercase_english_name_is_a_warning():
    assert check(SlotFacts("person", "role", "en"), "sara").warnings


@pytest.mark.parametrize("typed", ["开发署预防危机和复原局", "United Nations Development Programme", "ICRC"])
def test_an_organization_slot(typed):
    assert check(SlotFacts("organization", "organization", "en"), typed).value == typed
    with pytest.raises(UsageError, match="is a country"):
        check(SlotFacts("organization", "organization", "en"), "France")


@pytest.mark.parametrize("left, typed, value, full", [
    ("作方案的文件(CCM/MSP/2010/", "4", "4", "CCM/MSP/2010/4"),
    ("作方案的文件(CCM/MSP/2010/", "４", "4", "CCM/MSP/2010/4"),
    ("作方案的文件(CCM/MSP/2010/", "PM/5", "PM/5", "CCM/MSP/2010/PM/5"),
    ("contained in document CCM/MSP/2010/", "CCM/MSP/2010/4", "4", "CCM/MSP/2010/4"),
    ("contained in document", "CCW/GGE.1/2019/3", "CCW/GGE.1/2019/3", "CCW/GGE.1/2019/3"),
    ("文件", "ＣＣＭ／ＭＳＰ／２０１０／４", "CCM/MSP/2010/4", "CCM/MSP/2010/4"),
])
def test_a_symbol_slot_completes_the_prefix_written_before_the_blank(left, typed, value, full):
    got = check(SlotFacts("document_symbol", None, "zh", left=left), typed)
    assert (got.value, got.field_value) == (value, full)


@pytest.mark.parametrize("left, typed, reason", [
    ("文件(CCM/MSP/2010/", "CCM/MSP/2011/4", "does not start with it"),
    ("document", "the report", "not a UN document symbol"),
    ("文件(CCM/MSP/2010/", "第四号", "not a UN document symbol"),
])
def test_a_symbol_slot_refuses_what_the_grammar_does_not_allow(left, typed, reason):
    with pytest.raises(UsageError, match=reason):
        check(SlotFacts("document_symbol", None, "zh", left=left), typed)


@pytest.mark.parametrize("typed", ["", "   ", "[...]", "[……]"])
def test_empty_and_placeholder_values_are_refused(typed):
    with pytest.raises(UsageError):
        check(SlotFacts("other", None, "en"), typed)
