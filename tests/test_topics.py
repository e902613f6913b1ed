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
