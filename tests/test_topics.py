"""Tests for tracker.extract.topics: lettered lists that name topics, and agenda items' sub-items."""

from __future__ import annotations

from tracker.extract.pipeline import extract


def topics(raw: str) -> list[tuple[str, str]]:
    return [(t.label, t.title) for t in extract(raw).topics]


def test_inline_list_after_a_topic_cue():
    raw = ("1. The Meeting decides that the following topics shall be considered at the next session: "
           "(a) Victim assistance, including psychosocial support; (b) Clearance of contaminated areas; "
           "(c) Transparency measures. 2. The Meeting requests the Chair to report.")
    assert topics(raw) == [("a", "Victim assistance, including psychosocial support"),
                           ("b", "Clearance of contaminated areas"), ("c", "Transparency measures")]


def test_chinese_inline_list_after_a_topic_cue():
    raw = "会议决定,下次会议将讨论以下议题:(a)援助受害者;(b)清除受污染地区;(c)透明度措施。"
    assert topics(raw) == [("a", "援助受害者"), ("b", "清除受污染地区"), ("c", "透明度措施")]


def test_sub_items_of_an_item_heading_with_nested_roman_items():
    raw = ("The Conference allocated to the Committee the following for its consideration:\n"
           "Item 12. Review of the Convention:\n"
           "(a) Scope and application:\n(i) Article 1;\n(ii) Article 2, as discussed in (a) and (b);\n"
           "(b) Compliance.\nOfficers of the Committee\n2. The Conference elected its Chair.")
    assert topics(raw) == [("a", "Scope and application"), ("i", "Article 1"),
                           ("ii", "Article 2, as discussed in (a) and (b)"), ("b", "Compliance")]


def test_sub_items_of_an_agenda_on_one_line():
    raw = ("Meeting of States Parties\nProvisional agenda 1. Opening of the meeting 2. Organizational matters: "
           "(a) Adoption of the agenda (b) Election of officers 3. Closing of the meeting")
    assert topics(raw) == [("a", "Adoption of the agenda"), ("b", "Election of officers")]


def test_chinese_sub_items_of_an_agenda_on_one_line():
    raw = "缔约国会议\n临时议程 1. 会议开幕 2. 组织事项: (a) 通过议程; (b) 选举主席团成员 3. 会议闭幕"
    assert topics(raw) == [("a", "通过议程"), ("b", "选举主席团成员")]


def test_lettered_definitions_are_no_topics():
    raw = ("5. A weapon system is prohibited if: (a) It cannot be directed at a specific target; "
           "(b) Its effects cannot be limited as required.")
    assert topics(raw) == []
    assert topics("5. 一项武器系统在下列情况下被禁止:(a)无法针对特定目标;(b)其效果无法加以限制。") == []


def test_sub_items_of_a_list_of_short_numbered_items_in_any_document():
    raw = ("3rd plenary meeting of the Conference\n1. Opening of the session\n2. Organizational matters:\n"
           "(a). Adoption of the agenda;\n(b). Election of officers;\n3. Reports of the subsidiary bodies.\n"
           "4. Closure of the session.")
    assert topics(raw) == [("a", "Adoption of the agenda"), ("b", "Election of officers")]


def test_chinese_sub_items_of_a_list_of_short_numbered_items():
    raw = "缔约方会议第三次全体会议\n1. 会议开幕\n2. 组织事项:\n(a). 通过议程;\n(b). 选举主席团成员;\n3. 附属机构的报告\n4. 会议闭幕"
    assert topics(raw) == [("a", "通过议程"), ("b", "选举主席团成员")]


def test_lettered_items_under_numbered_paragraphs_are_no_topics():
    para = "The Group discussed the characteristics of the systems concerned at length and in detail. "
    raw = (f"1. {para * 2}\n2. {para * 2} It noted that:\n(a) Some systems select targets;\n"
           f"(b) Others do not.\n3. {para * 2}")
    assert topics(raw) == []


def test_parts_of_draft_decisions_under_short_paragraphs_are_no_topics():
    raw = ("Draft decisions\n1. The Meeting decides:\n(a) To hold its next session in Geneva;\n"
           "(b) To request the Chair to report.\n2. The Meeting adopts its report.\n3. The Meeting closes.")
    assert topics(raw) == []
    zh = "决定草案\n1. 会议决定:\n(a) 下届会议在日内瓦举行;\n(b) 请主席提出报告。\n2. 会议通过其报告。\n3. 会议闭幕。"
    assert topics(zh) == []
