"""Which meeting a date belongs to (issue 12, assumption 5), and a meeting that meets in parts. Our own
sentences, in English and Chinese."""

from __future__ import annotations

from tracker.extract.pipeline import extract


def dated(text: str) -> list[tuple[str, str, str, str, str | None]]:
    return [(m.name, str(m.start), str(m.end), m.precision, m.parent) for m in extract(text).meetings if m.start]


def test_two_day_ranges_of_one_name_are_its_parts_listed_before_the_window():
    en = dated("Group of Governmental Experts on Verification\nGeneva, from 2-5 April 2024 and from 9-12 September 2024\nWorking paper\n"
               "1. The Group will continue its work.\n")
    assert [d[1:4] for d in en] == [("2024-04-02", "2024-04-05", "day"), ("2024-09-09", "2024-09-12", "day"),
                                    ("2024-04-02", "2024-09-12", "window")]
    assert en[0][4] == en[1][4] is not None  # both parts are inside the window
    zh = dated("工作文件\n1. 专家会议将于2024年4月2日至5日和9月9日至12日在日内瓦举行。\n")
    assert [d[1:4] for d in zh] == [("2024-04-02", "2024-04-05", "day"), ("2024-09-09", "2024-09-12", "day"),
                                    ("2024-04-02", "2024-09-12", "window")]


def test_a_date_of_another_act_is_no_part():
    en = dated("Working paper\n1. The Meeting of Experts met from 2-5 April 2024 and adopted its report on "
               "12 September 2024.\n")
    assert [d[1:4] for d in en] == [("2024-04-02", "2024-04-05", "day")]
    zh = dated("工作文件\n1. 专家会议于2024年4月2日至5日举行会议,并于9月12日通过了报告。\n")
    assert [d[1:4] for d in zh] == [("2024-04-02", "2024-04-05", "day")]


def test_a_numbered_session_takes_its_part():
    text = ("Working paper\n1. The Group of Governmental Experts will meet from 2-5 April 2024 and from 9-12 September 2024.\n"
            "2. The first session of the Group of Governmental Experts will consider definitions; the second session of the "
            "Group of Governmental Experts will consider measures.\n")
    parts = {(m.ordinal, str(m.start)) for m in extract(text).meetings if m.precision == "day"}
    assert parts == {(1, "2024-04-02"), (2, "2024-09-09")}


def test_a_date_opening_a_sentence_dates_its_act_not_the_meeting_in_its_object():
    en = "Working paper\n1. On 3 March 2024 the secretariat circulated the programme of the Fourth Meeting of States Parties.\n"
    assert dated(en) == []
    zh = "工作文件\n1. 2024年3月3日,秘书处分发了缔约国第四次会议的工作方案。\n"
    assert dated(zh) == []


def test_an_opening_date_still_dates_its_subject_or_a_meeting_held():
    en = "Report\n1. On 3 May 2010, the Second Meeting of States Parties adopted its report.\n"
    assert [d[:2] for d in dated(en)] == [("Second Meeting of States Parties", "2010-05-03")]
    zh = "报告\n1. 在2010年5月3日的缔约国第二次会议上, 会议通过了报告。\n"
    assert [d[:2] for d in dated(zh)] == [("缔约国第二次会议", "2010-05-03")]
    en2 = "Report\n1. On 26 September 2013, the Assembly held the first High-Level Meeting on the subject.\n"
    assert [d[1] for d in dated(en2)] == ["2013-09-26"]


def test_an_opening_date_of_a_sentence_that_holds_a_meeting_dates_the_meeting_held_not_the_body():
    en = "Report\n1. On 26 September 2013, the General Assembly held its first High-Level Meeting on the subject.\n"
    assert [d[:2] for d in dated(en)] == [("first High-Level Meeting", "2013-09-26")]
    zh = "报告\n1. 2013年9月26日, 联合国大会举行了第一次高级别会议。\n"
    assert [d[:2] for d in dated(zh)] == [("第一次高级别会议", "2013-09-26")]


def test_the_date_of_a_cited_resolution_dates_no_meeting():
    en = ("Resolution\nThe General Assembly,\nRecalling its resolution 71/12 of 5 December 2016,\n"
          "1. Decides to remain seized of the matter.\n")
    assert dated(en) == []
    zh = "决议\n大会,\n回顾其2016年12月5日第71/12号决议,\n1. 决定继续处理此事。\n"
    assert dated(zh) == []


def test_a_text_on_one_line_is_not_all_cover():
    filler = " Delegations exchanged views on the programme of work and on the way forward." * 4
    en = ("Disarmament Commission 2017 substantive session. The meeting was called to order at 3.10 p.m." + filler +
          " Members will recall that at the organizational session, on 4 May 2017, the Commission adopted its agenda.")
    assert ("organizational session", "2017-05-04") in [d[:2] for d in dated(en)]
    zh = ("裁军审议委员会2017年实质性会议。会议于下午3时10分开始。" + "各代表团就工作方案和今后的方向交换了意见。" * 6 +
          "各位成员记得, 在2017年5月4日的筹备会议上, 委员会通过了议程。")
    assert ("筹备会议", "2017-05-04") in [d[:2] for d in dated(zh)]


def test_a_name_that_only_qualifies_a_noun_yields_the_date_to_the_meeting_of_the_frame():
    """筹备委员会的案文 (the text on the Committee): the date belongs to the meeting the text was adopted at."""
    zh = "工作文件\n1. 关于设立筹备委员会的案文于2010年6月4日在一次由秘书长以交存人身份召集的签署国会议上通过。\n"
    assert [d[:2] for d in dated(zh)] == [("签署国会议", "2010-06-04")]
    en = ("Working paper\n1. The text establishing the Preparatory Committee was adopted on 4 June 2010 at the "
          "Second Meeting of States Parties.\n")
    assert [d[:2] for d in dated(en)] == [("Second Meeting of States Parties", "2010-06-04")]
