"""Meeting status from the kind of document, its tense and the document's own date (issue 12, assumption 7).

The documents are our own, written in the shapes real UN papers use, in English and Chinese: a paper dated
inside (or after) its session speaks of a meeting in progress, an undated input paper of a meeting still to
come, and a meeting page that says its meeting "was held" speaks of a past one.
"""

from __future__ import annotations

from datetime import date

from tracker.extract.pipeline import extract


def own_status(text: str) -> str:
    """The status of the meeting the document's cover dates (the one meeting with days)."""
    dated = [m for m in extract(text).meetings if m.precision == "day"]
    assert len(dated) == 1, dated
    return dated[0].status


NOTE_EN = """Preparatory Committee for the 2030 Review Conference of the Parties to the Treaty
Second session
Vienna, 2-13 May 2027
Note verbale dated 9 May 2027 from the Permanent Mission of Ruritania addressed to the Preparatory Committee
The Permanent Mission of Ruritania presents its compliments and has the honour to transmit the attached statement.
"""

NOTE_ZH = """2030年审议大会筹备委员会
第二届会议
2027年5月2日至13日，维也纳
2027年5月9日鲁里塔尼亚常驻代表团给筹备委员会的普通照会
鲁里塔尼亚常驻代表团向筹备委员会致意，并谨转递所附声明。
"""

PAPER_EN = """Preparatory Committee for the 2030 Review Conference of the Parties to the Treaty
Second session
Vienna, 2-13 May 2027
Working paper submitted by Ruritania
1. Ruritania attaches great importance to the universality of the Treaty.
"""

PAPER_ZH = """2030年审议大会筹备委员会
第二届会议
2027年5月2日至13日，维也纳
鲁里塔尼亚提交的工作文件
1. 鲁里塔尼亚高度重视条约的普遍性。
"""


def test_a_note_dated_inside_its_session_finds_the_session_in_progress():
    assert own_status(NOTE_EN) == "held"
    assert own_status(NOTE_ZH) == "held"


def test_the_documents_own_date_is_its_single_day_not_the_cover_window():
    assert extract(NOTE_EN).document.date == date(2027, 5, 9)
    assert extract(NOTE_ZH).document.date == date(2027, 5, 9)


def test_an_undated_input_paper_leaves_its_session_scheduled():
    assert own_status(PAPER_EN) == "scheduled"
    assert own_status(PAPER_ZH) == "scheduled"


PAGE_EN = """Meeting of States Parties (6-10 December 2027)
The 2027 Meeting of States Parties was held in Vienna from 6 to 10 December 2027. The meeting was chaired by
Ambassador Jane Roe of Ruritania.
A press release and the list of participants are available here.
"""

PAGE_ZH = """缔约国会议（2027年12月6日至10日）
2027年缔约国会议于2027年12月6日至10日在维也纳举行了会议。会议由鲁里塔尼亚的某某大使主持。新闻稿和与会者名单可在此查阅。
"""


def test_a_meeting_page_saying_its_meeting_took_place_makes_it_held():
    assert extract(PAGE_EN).document.kind == extract(PAGE_ZH).document.kind == "other"
    assert own_status(PAGE_EN) == "held"
    assert own_status(PAGE_ZH) == "held"


def status_of(text: str, name: str) -> str:
    return next(m.status for m in extract(text).meetings if m.name == name)


UPCOMING_EN = """Second session
Vienna, 2-13 May 2027
Working paper submitted by Ruritania
1. The universality of the Treaty should be given due prominence in the outcome of the 2030 Review Conference.
"""

UPCOMING_ZH = """第二届会议
2027年5月2日至13日，维也纳
鲁里塔尼亚提交的工作文件
1. 条约的普遍性应当在2030年审议大会的成果中得到应有的重视。
"""


def test_an_upcoming_meeting_named_with_its_year_is_scheduled_unless_its_holding_is_proposed():
    assert status_of(UPCOMING_EN, "2030 Review Conference") == "scheduled"
    assert status_of(UPCOMING_ZH, "2030年审议大会") == "scheduled"
    proposal_en = UPCOMING_EN.replace("The universality of the Treaty should be given due prominence in the outcome of "
                                      "the 2030 Review Conference.",
                                      "It is proposed that the 2030 Review Conference be held in Vienna.")
    assert status_of(proposal_en, "2030 Review Conference") == "proposed"
    proposal_zh = UPCOMING_ZH.replace("条约的普遍性应当在2030年审议大会的成果中得到应有的重视", "建议于2030年在维也纳举行2030年审议大会")
    assert status_of(proposal_zh, "2030年审议大会") == "proposed"


OFFER_EN = """Working paper submitted by Ruritania
1. Ruritania has offered to host the Fourth Review Conference in its capital.
"""

OFFER_ZH = """鲁里塔尼亚提交的工作文件
1. 鲁里塔尼亚政府已表示愿意在其首都主办第四次审议会议。
"""


def test_an_offer_to_host_a_meeting_proposes_it():
    assert status_of(OFFER_EN, "Fourth Review Conference") == "proposed"
    assert status_of(OFFER_ZH, "第四次审议会议") == "proposed"


PLENARY_EN = """Conference on Disarmament
Statement by Ambassador Jane Roe at the plenary meeting of the Conference on Disarmament
Mr. President, the Conference on Disarmament was opened in January and has met for six weeks. My delegation supports
your work.
"""

PLENARY_ZH = """某某大使在裁谈会全会上的发言
主席先生，裁谈会已于一月开幕，并已举行了六周的会议。中国代表团支持您的工作。
"""


def test_an_undated_plenary_of_a_session_in_progress_is_held_like_its_session():
    for text, plenary in ((PLENARY_EN, "plenary meeting"), (PLENARY_ZH, "全会")):
        meetings = extract(text).meetings
        mt = next(m for m in meetings if m.name == plenary)
        session = next(m for m in meetings if m.id == mt.parent)
        assert (session.status, mt.status) == ("held", "held")


RESOLUTION_EN = """United Nations A/RES/90/12
General Assembly Distr.: General
9 December 2035
Ninetieth session
Resolution adopted by the General Assembly
90/12. Transparency in armaments
The General Assembly,
1. Decides to include in the provisional agenda of its ninety-first session the item entitled "Transparency".

                                                                             52nd plenary meeting
                                                                                3 December 2035
"""

RESOLUTION_ZH = """联合国 A/RES/90/12
大会 Distr.: General
2035年12月9日
第九十届会议
大会通过的决议
90/12. 军备透明
大会，
1. 决定将题为"军备透明"的项目列入其第九十一届会议临时议程。

                                                                             2035年12月3日
                                                                             第52次全体会议
"""


def test_a_resolutions_signature_dates_its_plenary_which_was_held():
    for text, name in ((RESOLUTION_EN, "52nd plenary meeting"), (RESOLUTION_ZH, "第52次全体会议")):
        mt = next(m for m in extract(text).meetings if m.name == name)
        assert (mt.start, mt.status) == (date(2035, 12, 3), "held")


OPENING_EN = """Opening remarks by the Chair
Distinguished delegates, it is my honour to address you. I declare open the 2036 substantive session of the
Disarmament Commission. I thank all delegations.
"""

OPENING_ZH = """主席的开幕致辞
各位代表，我很荣幸向各位致辞。我宣布缔约国第十次会议开始。我感谢各代表团。
"""


def test_a_session_declared_open_is_held():
    assert status_of(OPENING_EN, "2036 substantive session") == "held"
    assert status_of(OPENING_ZH, "缔约国第十次会议") == "held"


RECORD_EN = """Documents of the Group
The Chair's summary - Second 2036 session of the Group of Governmental Experts is available in all languages.
"""

RECORD_ZH = """专家组文件
缔约国第十次会议的报告已以所有正式语文提供。
"""


def test_a_meeting_whose_report_or_summary_exists_has_met():
    assert status_of(RECORD_EN, "Second 2036 session") == "held"
    assert status_of(RECORD_ZH, "缔约国第十次会议") == "held"


ADOPTED_EN = """Working paper submitted by Ruritania
1. The guidelines were adopted at the Tenth Meeting of States Parties in Vienna.
2. The action plan is to be adopted at the Fourth Review Conference in Vienna.
"""

ADOPTED_ZH = """鲁里塔尼亚提交的工作文件
1. 准则在维也纳举办的缔约国第十次会议上通过，并已分发。
2. 行动计划将在维也纳的第四次审议会议上通过。
"""


def test_a_meeting_at_which_a_text_was_adopted_has_met():
    assert status_of(ADOPTED_EN, "Tenth Meeting of States Parties") == "held"
    assert status_of(ADOPTED_ZH, "缔约国第十次会议") == "held"
    assert status_of(ADOPTED_EN, "Fourth Review Conference") != "held"
    assert status_of(ADOPTED_ZH, "第四次审议会议") != "held"


def test_a_closed_session_is_a_form_of_meeting_not_a_sign_it_was_held():
    """'closed' says a meeting met only as "was closed" or "closed on"; "a closed session" is how it meets."""
    for text in ("Ruritania proposes that the 2031 Meeting of States Parties hold a closed session on compliance.\n",
                 "The 2031 Meeting of States Parties is expected to be a closed meeting.\n"):
        assert [m.status for m in extract(text).meetings] == ["scheduled"], text


def test_an_act_taken_at_a_meeting_says_it_was_held():
    en = "Summary record\n1. Members will recall that at our organizational session, on 28 March 2006, the Commission formally adopted its agenda.\n"
    zh = "简要记录\n1. 各位成员记得, 在2006年3月28日的筹备会议上, 委员会正式通过了议程。\n"
    for text in (en, zh):
        assert [(str(m.start), m.status) for m in extract(text).meetings] == [("2006-03-28", "held")]


def test_an_act_still_to_come_at_a_meeting_does_not():
    en = "Note\n1. At its organizational session, on 28 March 2030, the Commission will adopt its agenda.\n"
    zh = "说明\n1. 委员会将在2030年3月28日的筹备会议上通过议程。\n"
    for text in (en, zh):
        assert [m.status for m in extract(text).meetings] != ["held"]


def test_a_records_opening_formula_names_its_own_meeting_held_and_chaired_by_the_cover_chair():
    filler = " Delegations exchanged views on the programme of work." * 4
    en = ("Chair: Mr. Sipho Dlamini (Eswatini) The meeting was called to order at 10.05 a.m. The Chair: I declare "
          "open the 2019 substantive session of the Commission." + filler)
    zh = "主席: 德拉米尼先生(斯威士兰) 本次会议于上午10时05分宣布开始。主席: 我宣布2019年筹备会议开幕。" + "各代表团就工作方案交换了意见。" * 8
    for text, chair in ((en, "Sipho Dlamini"), (zh, "德拉米尼")):
        own, session = extract(text).meetings
        assert (own.kind, own.status, own.chair, own.parent) == ("plenary", "held", chair, session.id)
        assert session.chair == chair


def test_a_meeting_recalled_without_the_formula_is_no_new_meeting():
    en = "Summary record\n1. The Chair recalled that the meeting of the Bureau had been postponed.\n"
    zh = "简要记录\n1. 主席提请注意, 主席团的该次会议已推迟。\n"
    for text in (en, zh):
        assert extract(text).meetings == []
