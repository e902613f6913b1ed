"""Which names are meetings, and which are one meeting (issue 12, assumptions 4 and 6). Our own sentences,
in English and Chinese, in the shapes real UN documents use."""

from __future__ import annotations

from tracker.extract.pipeline import extract


def names(text: str) -> list[str]:
    return [m.name for m in extract(text).meetings]


GA_EN = """Meeting of States Parties to the Convention on Cluster Munitions
Working paper
1. The General Assembly has addressed the matter since 2008, and the General Assembly will return to it.
2. As the General Assembly noted, the Convention on Cluster Munitions complements other instruments.
"""
GA_ZH = """《集束弹药公约》缔约国会议
工作文件
1. 联合国大会自2008年以来一直审议这一问题, 联合国大会还将再次审议。
2. 正如联合国大会所指出的, 《集束弹药公约》补充了其他文书。
"""


def test_a_standing_body_named_without_a_date_is_no_meeting_and_never_several():
    """Before: each mention of the General Assembly in a treaty's document was a meeting of its own (the draft was
    filed without the treaty, looked up with it); and a body named bare is a body, not a meeting."""
    assert names(GA_EN) == ["Meeting of States Parties"]
    assert names(GA_ZH) == ["缔约国会议"]


def test_a_body_that_meets_on_a_day_or_with_its_session_is_a_meeting():
    x = extract("Working paper\n1. On 4 January 2013, the General Assembly met in New York and adopted the text.\n")
    assert [(m.name, str(m.start)) for m in x.meetings] == [("General Assembly", "2013-01-04")]
    x = extract("工作文件\n1. 2013年1月4日, 联合国大会在纽约举行会议并通过了案文。\n")
    assert [(m.name, str(m.start)) for m in x.meetings] == [("联合国大会", "2013-01-04")]


def test_a_series_named_bare_is_no_meeting_but_a_numbered_one_is():
    text = "Report\n1. The intersessional meetings have helped. The Second Intersessional Meeting was held in Geneva.\n"
    assert names(text) == ["Second Intersessional Meeting"]
    assert names("报告\n1. 闭会期间会议很有帮助。第二次闭会期间会议已在日内瓦举行。\n") == ["第二次闭会期间会议"]


def test_the_organ_line_of_a_cover_is_not_the_covers_meeting():
    """"General Assembly  Distr.: General  7 March 2012": the organ that issues the paper and its date of issue."""
    en = ("United Nations A/CONF.9/1\nGeneral Assembly Distr.: General 7 March 2012\n\n"
          "1. At its 10th meeting, on 17 February 2012, the Preparatory Committee adopted its report.\n")
    zh = ("联合国 A/CONF.9/1\n大会 Distr.: General 2012年3月7日\n\n"
          "1. 筹备委员会在2012年2月17日举行的第10次会议上通过了报告。\n")
    for text in (en, zh):
        dated = [(m.name, str(m.start)) for m in extract(text).meetings if m.start]
        assert ("General Assembly", "2012-03-07") not in dated and ("大会", "2012-03-07") not in dated, dated
        assert any(start == "2012-02-17" for _, start in dated), dated


def test_a_session_named_without_its_body_is_the_same_numbered_session_of_the_body_named_elsewhere():
    en = ("Ninth session\nGeneva, 2-6 May 2022\nWorking paper\n"
          "1. The ninth session of the Preparatory Committee will review the implementation.\n")
    x = extract(en)
    assert [(m.kind, m.ordinal) for m in x.meetings] == [("preparatory", 9)]
    zh = "第五十五届会议\n报告\n1. 本报告将提交大会第五十五届会议审议。\n"
    x = extract(zh)
    assert [(m.kind, m.ordinal) for m in x.meetings] == [("other", 55)]  # one session, never a plenary


def test_sessions_with_other_numbers_stay_apart():
    en = ("Ninth session\nGeneva, 2-6 May 2022\nWorking paper\n"
          "1. The eighth session of the Preparatory Committee reviewed the implementation.\n")
    assert sorted(m.ordinal for m in extract(en).meetings) == [8, 9]
    zh = "第五十五届会议\n报告\n1. 大会第五十四届会议审议了本项目。\n"
    assert sorted((m.ordinal, m.kind) for m in extract(zh).meetings) == [(54, "other"), (55, "other")]


def test_a_country_on_the_cover_that_speaks_or_sends_is_no_venue():
    en = ("Third session\nNew York, 19-30 March 2001\nNote verbale dated 30 March 2001 from the Permanent Mission of "
          "Jordan to the United Nations addressed to the Secretariat\n1. The Mission presents its compliments.\n")
    zh = ("第三届会议\n2001年3月19日至30日\n2001年3月30日约旦常驻联合国代表团给秘书处的普通照会\n"
          "1. 约旦常驻联合国代表团向秘书处致意。\n")
    for text in (en, zh):
        assert [m.country for m in extract(text).meetings if m.start] == ["US" if text is en else None]


def test_a_country_on_the_covers_venue_line_is_the_venue():
    assert [m.country for m in extract("Fifth Meeting of States Parties\nGeneva, Switzerland, 7-9 September 2015\n"
                                       "Provisional agenda\n1. Opening of the Meeting.\n").meetings] == ["CH"]
    assert [m.country for m in extract("缔约国第五次会议\n2015年9月7日至9日,瑞士日内瓦\n临时议程\n1. 会议开幕。\n").meetings] == ["CH"]


def test_a_committee_of_the_conference_meets_where_and_while_it_does_and_has_its_own_chair():
    en = ("2030 Review Conference of the Parties to the Treaty\nNew York, 22 April-17 May 2030\n"
          "REPORT OF MAIN COMMITTEE I\n1. The Conference established Main Committee I to consider item 16.\n"
          "2. The Conference elected Ms. Ana Ruiz (Chile) as the Chairperson of the Committee.\n")
    zh = ("2030年审议大会\n2030年4月22日至5月17日,纽约\n第一主要委员会的报告\n1. 大会设立了第一主要委员会, 审议项目16。\n"
          "2. 大会选举安娜·鲁伊斯女士(智利)为该委员会主席。\n")
    for text, chair in ((en, "Ana Ruiz"), (zh, "安娜·鲁伊斯")):
        x = extract(text)
        conference, committee = x.meetings
        assert (committee.parent, committee.country, committee.status) == (conference.id, "US", conference.status)
        assert (committee.chair, conference.chair) == (chair, None)
