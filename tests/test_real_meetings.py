"""Meetings in real documents' shapes: a web page's event cards (a day alone on its line, its month and year
glued below it), a meeting dated inside a held session, conference cities beyond the UN's seats, a resolution's
preambular paragraphs (which end in commas) read as body, not cover. Sentences are our own, in English and
Chinese."""

from __future__ import annotations

from datetime import date

from tracker.extract.dates import find_dates
from tracker.extract.normalize import normalize
from tracker.extract.pipeline import extract
from tracker.lang import lexicon

EN_PAGE = """Meeting of Experts on Small Arms 2024

The first session of the Meeting of Experts was held in Vienna from 10 to 14 June 2024. Delegations of more than eighty States took part, together with international organizations, research institutes and civil society, and the session adopted a procedural report by consensus.

## Side events

11

June2024

Marking weapons at the point of manufactureSide-event organized by a research institute.

This side event presents a new handbook.

13:00-14:30 Room B

13

June2024

Regional cooperation on stockpiles: a side event organized by two States.

The side event will bring together border officials.

13:00-15:00 Room C
"""
ZH_PAGE = """2024年小武器专家会议

专家会议第一届会议已于2024年6月10日至14日在维也纳举行。八十多个国家的代表团以及国际组织、研究机构和民间社会的代表出席了会议。会议以协商一致方式通过了一份程序性报告，并感谢东道国政府提供的会议设施和支持。

边会

2024年6月11日

在制造时标记武器:研究机构举办的边会。

该边会介绍一本新手册。

13:00-14:30 B会议室

2024年6月13日

库存管理的区域合作:两个国家举办的边会。

边会将邀请边境官员参加。

13:00-15:00 C会议室
"""

ZH_RES = """联合国大会
2016年12月5日

大会,

回顾其以往关于小武器和轻武器非法贸易的各项决议,并确认各国为执行《行动纲领》所作的努力,同时注意到许多国家在建设本国执行能力方面仍然面临困难,需要国际援助与合作,特别是在储存管理、标识和追查以及销毁多余武器方面的援助,

欣见2012年8月27日至9月7日在纽约举行的第二次审查行动纲领执行进度大会圆满结束,并强调有必要自愿提交关于《行动纲领》落实情况的国家报告,以便评估总体执行工作,包括执行方面的挑战和机遇以及国际合作和援助,

1. 鼓励各国提交国家报告。
"""
EN_RES = """General Assembly
5 December 2016

The General Assembly,

Recalling its previous resolutions on the illicit trade in small arms and light weapons, and recognizing the efforts undertaken by States to implement the Programme of Action, while noting that many States still face difficulties in building national capacity and need international assistance,

Welcoming the successful conclusion of the Second Review Conference on the Programme of Action, held in New York from 27 August to 7 September 2012, and stressing the need for national reports on its implementation to assess overall progress and international cooperation,

1. Encourages States to submit national reports.
"""
EN_BALI = "The third session of the Conference of the Parties will be held in Bali from 3 to 14 December 2007."
ZH_BALI = "缔约方会议第三届会议将于2007年12月3日至14日在巴厘岛举行。"


def _dated(text: str, kind: str = "other") -> list[tuple]:
    return [(m.start, m.end, m.precision, m.status) for m in extract(text).meetings if m.kind == kind and m.start]


def test_each_event_card_dates_its_own_side_event_held_inside_its_session():
    for page in (EN_PAGE, ZH_PAGE):
        assert _dated(page) == [(date(2024, 6, 11), date(2024, 6, 11), "day", "held"),
                                (date(2024, 6, 13), date(2024, 6, 13), "day", "held")], page[:20]
        meetings = extract(page).meetings
        session = next(m for m in meetings if m.start == date(2024, 6, 10))
        assert {m.parent for m in meetings if m.kind == "other" and m.start} == {session.id}


def test_a_day_alone_on_its_line_above_its_month_is_a_date_not_a_page_number():
    norm = normalize("Side events\n\n05\n\nMarch2025\n\nA panel on bias in weapons systems, organized by an institute.\n")
    assert "05 March2025" in norm.text
    spans = find_dates(norm.text, norm.lex)
    assert [(s.start, s.precision) for s in spans] == [(date(2025, 3, 5), "day")]
    # a number alone with no month below it is still a page number
    assert "\n7\n" not in normalize("First paragraph of the text.\n\n7\n\nNext paragraph of it.\n").text


def test_a_year_glued_to_its_month_is_read():
    lex = lexicon("en")
    assert [(s.start, s.precision) for s in find_dates("05 March2025", lex)] == [(date(2025, 3, 5), "day")]


def test_conference_cities_beyond_the_un_seats():
    for text, city in ((EN_BALI, "Bali"), (ZH_BALI, "巴厘岛")):
        dated = [m for m in extract(text).meetings if m.start]
        assert [(m.city, m.country) for m in dated] == [(city, "ID")]


def test_a_protocol_named_after_a_city_is_no_venue():
    for text in ("The Meeting of the Parties to the Kyoto Protocol will be held in 2008.",
                 "京都议定书缔约方会议将于2008年举行。"):
        assert all(m.city is None for m in extract(text).meetings)


def test_a_resolutions_preamble_is_body_so_its_dates_are_not_the_assemblys():
    for text, name in ((ZH_RES, "执行进度大会"), (EN_RES, "Second Review Conference")):
        meetings = extract(text).meetings
        conference = next(m for m in meetings if m.start == date(2012, 8, 27))
        assert (conference.name, conference.kind, conference.status) == (name, "review_conference", "held")
        assert all(m.start != date(2012, 8, 27) for m in meetings if m is not conference)
