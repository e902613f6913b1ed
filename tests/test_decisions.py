"""Decisions by their wording (tracker/extract/acts.py) and by position (tracker/extract/decisions.py).

The sentences are our own, written in the shapes real UN documents use (issue 12, assumption 2), in
English and Chinese. The last test grades the real documents of ../shared/realdocs/ with the shared
scorer and holds the decisions component to a floor.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
from helpers import SHARED, require_shared

from tracker.extract.pipeline import extract
from tracker.extract.structure import inline_numbers
from tracker.rendering.extraction import extraction_dict
from tracker.usecases.ingest import read_document

REALDOCS = SHARED / "realdocs"
SCORER = SHARED / "eval" / "score.py"


def acts(text: str) -> list[tuple[str | None, str, str]]:
    return [(d.number, d.status, d.text) for d in extract(text).decisions]


# --- acts a body takes, recorded as taken ---------------------------------------------------------

@pytest.mark.parametrize(("text", "anchor"), [
    ("Overview\n\nThe Meeting of the States Parties, held in Geneva from 2 to 4 December 2025, also adopted the "
     "cost estimates for the year 2026 as contained in the annex.", "adopted the cost estimates for the year 2026"),
    ("Report\n\nThe Conference elected Ms. Ana Silva (Brazil) as Chair of the Drafting Committee.",
     "elected Ms. Ana Silva (Brazil) as Chair"),
    ("Report\n\nAt its third meeting, the Working Group agreed that its next session would last five days.",
     "agreed that its next session would last five days"),
    ("IN PLENARY THIS MORNING THE CHAIRMAN ANNOUNCED HIS DECISION THAT THE GENERAL DEBATE WOULD CLOSE ON FRIDAY.",
     "ANNOUNCED HIS DECISION THAT THE GENERAL DEBATE WOULD CLOSE"),
    ("Report\n\nThe Assembly decided to keep the item under review.", "decided to keep the item under review"),
    ("Report\n\nThe Meeting approved the budget for 2026.", "approved the budget for 2026"),
    ("Report\n\nThe Conference formally endorsed the recommendations of the Group.", "endorsed the recommendations"),
    ("报告\n\n2025年12月3日,会议还通过了2026年的费用估计数。", "会议还通过了2026年的费用估计数"),
    ("报告\n\n会议核准了2026年预算。", "会议核准了2026年预算"),
    ("报告\n\n缔约国商定,下届会议于2026年举行。", "缔约国商定,下届会议于2026年举行"),
    ("报告\n\n委员会核可了工作方案。", "委员会核可了工作方案"),
    ("报告\n\n工作组一致同意,下届会议为期五天。", "工作组一致同意,下届会议为期五天"),
])
def test_an_act_the_document_records_is_adopted(text: str, anchor: str) -> None:
    found = acts(text)
    assert [(n, s) for n, s, t in found if anchor in t] == [(None, "adopted")], found


def test_a_narrative_paragraph_number_is_not_a_decision_number() -> None:
    text = ("Report of the Committee\n\n1. The Conference established the Committee and decided to allocate to it "
            "item 5 of the agenda.\n\n2. The Conference elected Mr. Lee as Chairman of the Committee.")
    assert [(n, s) for n, s, _ in acts(text)] == [(None, "adopted"), (None, "adopted")]


# --- operative paragraphs -------------------------------------------------------------------------

ADOPTED_RESOLUTION = """Resolution adopted by the General Assembly

The General Assembly,
Recalling its resolution 70/12, in which it decided to keep the item under review,

1. Stresses the need to address the challenges;
2. Encourages States to exchange views;
3. Decides to include in the provisional agenda of its eighty-second session the item entitled "Small arms".
"""
DRAFT_RESOLUTION = ADOPTED_RESOLUTION.replace("Resolution adopted by the General Assembly", "Draft resolution")
ZH_RESOLUTION = """大会通过的决议

大会,
回顾其第70/12号决议,其中决定继续审议该项目,
1. 强调必须应对这些挑战;
2. 鼓励各国交流意见;
3. 决定将题为"小武器"的项目列入大会第八十二届会议临时议程。
"""


@pytest.mark.parametrize(("text", "status"), [
    (ADOPTED_RESOLUTION, "adopted"),
    (DRAFT_RESOLUTION, "proposed"),
    (ZH_RESOLUTION, "adopted"),
])
def test_only_decides_among_operative_paragraphs_numbered_as_written(text: str, status: str) -> None:
    found = acts(text)
    assert [(n, s) for n, s, _ in found] == [("3", status)], found
    assert "provisional agenda" in found[0][2] or "临时议程" in found[0][2]


def test_operative_paragraphs_on_one_line_are_numbered_when_the_numbers_run_in_sequence() -> None:
    text = ("Draft resolution The General Assembly, Noting the report, 1. Welcomes the report; 2. Requests the "
            "Secretary-General to report; 3. Decides to convene a conference in 2027; 4. Decides also to remain "
            "seized of the matter.")
    found = acts(text)
    assert [(n, s) for n, s, _ in found] == [("3", "proposed"), ("4", "proposed")], found
    assert found[0][2] == "Decides to convene a conference in 2027"


def test_inline_numbers_are_labels_only_in_sequence() -> None:
    text = "see para. 3. Then 5. First part 6. Second part, as in 2014/7. Third 7. Third part"
    assert [n for _, _, n in inline_numbers(text, 0, len(text))] == ["5", "6", "7"]
    lone = "It met on 3. May and adjourned."
    assert inline_numbers(lone, 0, len(lone)) == []


# --- quoted decisions -------------------------------------------------------------------------------

def test_a_quoted_decision_gives_one_decision_per_numbered_paragraph_that_states_an_act() -> None:
    text = ("Report of the 2020 Meeting. 1. The Final Document of the Ninth Review Conference contained the "
            "following decision: \u201c4. Recalling its earlier work, the Conference decides to keep annual "
            "meetings. 5. The purpose of the programme is to promote common understanding. 6. The Conference "
            "decides that the following topics shall be standing agenda items: (a) Assistance; (b) Science.\u201d "
            "2. The Meeting was held in Geneva.")
    found = acts(text)
    assert [(n, s) for n, s, _ in found] == [("4", "adopted"), ("6", "adopted")], found
    assert "(b) Science" in found[1][2]


def test_a_quoted_decision_in_chinese() -> None:
    text = ("会议报告。1. 第九次审议会议最后文件载有以下决定:\u201c4. 会议决定保留年度会议。5. 闭会期间方案的目的是"
            "促进共识。6. 会议决定每年为闭会期间方案分配十天。\u201d")
    assert [(n, s) for n, s, _ in acts(text)] == [("4", "adopted"), ("6", "adopted")]


def test_an_unnumbered_quoted_decision_is_one_decision_with_its_quotation() -> None:
    text = ("Meeting page\n\nThe 2025 Meeting recalled the following decision taken by the 2023 Meeting: "
            "\"the Group is to continue its work. It is to report to the next Meeting.\" (document X, paragraph 9).")
    found = acts(text)
    assert [(n, s) for n, s, _ in found] == [(None, "adopted")], found
    assert "It is to report to the next Meeting" in found[0][2]


def test_an_act_whose_text_runs_into_a_quotation_keeps_the_quotation() -> None:
    text = ("Meeting page (2026)\n\nThe Meeting decided to convene \"the Group of Experts. It shall meet for ten "
            "days, from 2-6 March 2026\" (report, paragraph 7). Later text.")
    found = acts(text)
    assert len(found) == 1 and "from 2-6 March 2026" in found[0][2], found


# --- bare lead-ins give one decision per item --------------------------------------------------------

def test_a_chairs_recommendations_are_proposed_one_per_item() -> None:
    text = ("Recommendations of the Chair\n\nThe Chair recommends that:\n(a) The Meeting should hold its next "
            "session in Geneva;\n(b) The Meeting should adopt the draft rules of procedure.")
    assert [(n, s) for n, s, _ in acts(text)] == [("a", "proposed"), ("b", "proposed")]


def test_decisions_made_under_a_lead_in_are_adopted_and_lettered_as_written() -> None:
    text = ("Report\n\n12. At its 5th meeting, on 3 May 2021, the Committee made the following decisions:\n\nA\n\n"
            "Dates of the Conference\n\nTo hold the Conference in Geneva.\n\nB\n\nLanguages\n\n"
            "To request the Secretariat to provide interpretation.\n\n13. The Committee adjourned.")
    found = acts(text)
    assert [(n, s) for n, s, _ in found] == [("A", "adopted"), ("B", "adopted")], found
    assert "To request the Secretariat" in found[1][2]


def test_a_chinese_lead_in_on_one_line_gives_one_decision_per_item() -> None:
    text = "报告。会议决定:(a)下届会议于2026年在日内瓦举行;(b)请秘书处作出必要安排。"
    found = acts(text)
    assert [(n, s) for n, s, _ in found] == [("a", "adopted"), ("b", "adopted")], found


def test_a_lead_in_with_content_is_one_decision() -> None:
    text = ("Report\n\n1. The Conference decided to allocate to the Committee the following items:\n"
            "(a) Item 16;\n(b) Item 17.")
    found = acts(text)
    assert len(found) == 1 and "(b) Item 17" in found[0][2], found


# --- a proposal the body confirms, deferrals -----------------------------------------------------------

@pytest.mark.parametrize(("text", "anchor"), [
    ("Summary record. The Chairman: May I take it that the Commission wishes to take note of the report? "
     "It was so decided.", "the Commission wishes to take note of the report"),
    ("简要记录。主席:我是否可以认为委员会希望注意到该报告?就这样决定。", "委员会希望注意到该报告"),
])
def test_a_proposal_confirmed_by_it_was_so_decided(text: str, anchor: str) -> None:
    found = acts(text)
    assert [(n, s) for n, s, t in found if anchor in t] == [(None, "adopted")], found


@pytest.mark.parametrize("text", [
    "Summary record\n\nThe Meeting decided to defer consideration of the proposal to its next session.",
    "简要记录\n\n会议决定,第19段的审议推迟至下届会议。",
])
def test_a_decision_to_defer_is_deferred(text: str) -> None:
    assert [s for _, s, _ in acts(text)] == ["deferred"]


# --- not decisions -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a preambular recall retells an act
    "Draft resolution\n\nRecalling that the Conference decided to establish a group of experts,",
    "决议草案\n\n回顾缔约国会议决定设立专家组,",
    # passive, attributive, participle with its agent, negated, infinitive
    "Working paper\n\nThe agreed recommendations remain valid, and the resolution adopted by the Assembly stands.",
    "工作文件\n\n审议大会通过的宣言仍然有效。",
    "Working paper\n\nThe Committee did not agree on the programme, and the Conference has not decided whether "
    "to meet; States met to decide whether the Treaty should continue.",
    # requests, conclusions, findings, views
    "Note verbale\n\nThe Group kindly requests that the note be circulated. The Meeting concluded that more work "
    "was needed. The States Parties consider that the Treaty is the basis for cooperation.",
    "普通照会\n\n该集团请将本照会作为会议文件分发。缔约国认为该条约是合作的基础。",
    # a chair's suggestion in running text; an act inside someone's words
    "简要记录\n\n主席建议暂停会议,以便继续进行非正式磋商。",
    "简要记录\n\n中岛先生(日本)欢迎会议通过报告。",
])
def test_not_decisions(text: str) -> None:
    assert acts(text) == []


@pytest.mark.parametrize("text", [
    # history retold: an act dated two or more years before the document
    "Distr.: General\n7 May 2014\n\nWorking paper\n\n1. In 1995, States parties to the Treaty agreed, without a "
    "vote, that the Treaty should continue in force indefinitely.",
    "2006年8月16日\n\n秘书长的报告\n\n1. 1995年,缔约方同意无限期延长该条约。2000年,审议大会通过了新的政治承诺。",
    # an act of another meeting, named by its ordinal or year, retold in a later document
    "Note by the Secretariat\n\n1. The Fourth Meeting of States Parties, held in Lusaka, decided to hold the Fifth "
    "Meeting in San Jose.",
    "秘书处的说明\n\n1. 缔约国第二次会议决定,第三次会议的主席由某国大使担任。",
    # the sentence before tells of a meeting held in an earlier year: its act is retold
    "Note, 2016\n\nThe Group met on 4 May 2016. The Group of Experts was held in Lima in May 2015. It was agreed "
    "that the next session would last four days.",
    "说明\n\n2016年5月4日。闭会期间会议于2015年9月在圣地亚哥举行。会议决定,闭会期间会议将于2016年1月举行。",
    # an act retold from the resolution that holds it
    "Report of the Secretary-General\n\nIn its resolution 79/62, the General Assembly decided to convene open "
    "informal consultations in 2025.",
    "秘书长的报告\n\n在第79/62号决议中,大会决定于2025年举行非正式磋商。",
    # a session of the body other than the document's: "its tenth special session", 其第十届特别会议
    "Working paper\n\nLater, the General Assembly held its tenth special session. The Assembly adopted a declaration.",
    "工作文件\n\n大会于其第十届特别会议上通过了宣言。",
])
def test_history_retold_is_not_a_decision(text: str) -> None:
    assert acts(text) == []


@pytest.mark.parametrize("text", [
    "Report, 2012\n\nAt its 10th meeting, on 17 February 2012, the Committee decided to meet again.",
    "报告\n\n在其第10次会议上,委员会决定再次开会。",
])
def test_a_numbered_sitting_of_the_bodys_own_session_is_no_other_meeting(text: str) -> None:
    assert [s for _, s, _ in acts(text)] == ["adopted"]


def test_a_heading_only_mentioning_recommendations_opens_no_list_of_decisions() -> None:
    text = ("Compilation\n\n1. This paper was prepared by the Unit.\n\nbuilding upon the recommendations and\n\n"
            "2. It lists definitions.\n\n3. It is not exhaustive.")
    assert acts(text) == []
    decisions = ("Compilation\n\n1. This paper was prepared by the Unit.\n\nIV. Decisions and recommendations\n\n"
                 "2. The Meeting should meet in 2026.\n\n3. The Meeting should adopt its rules.")
    assert [n for n, _, _ in acts(decisions)] == ["2", "3"]


# --- the real documents ----------------------------------------------------------------------------------

@pytest.mark.graded
def test_real_documents_decisions_floor() -> None:
    require_shared("realdocs", "gold")
    require_shared("eval", "score.py")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    tally = score.Tally()
    for gold_path in sorted((REALDOCS / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))
        pred = extraction_dict(extract(read_document(REALDOCS / gold["source"])))
        t = score.score_one(gold, pred)["decisions"]
        tally.add(t.credit, t.gold, t.pred)
    assert tally.f1() >= 0.99, (tally.credit, tally.gold, tally.pred)  # measured 1.0 (README)


@pytest.mark.parametrize("text", [
    "Report, 8 May 1995\n\n1. Having before it Security Council resolution 255 (1968), the Conference decided to "
    "allocate the item to the Committee.",
    "报告,1995年5月8日\n\n1. 关于安全理事会第255(1968)号决议,会议决定将该项目分配给委员会。",
])
def test_a_resolutions_year_in_brackets_dates_no_act(text: str) -> None:
    assert [s for _, s, _ in acts(text)] == ["adopted"]
