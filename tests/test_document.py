"""Tests for tracker.extract.document and symbols: the document's kind, symbol, references and agenda items."""

from __future__ import annotations

import pytest

from tracker.extract.normalize import detect_language
from tracker.extract.pipeline import extract
from tracker.extract.symbols import find_symbols


def doc(raw: str):
    return extract(raw).document


def agenda(raw: str) -> list[str]:
    return [a.number for a in extract(raw).agenda_items]


# ---------------------------------------------------------------- kinds from cover wording

@pytest.mark.parametrize("raw, kind", [
    ("United Nations\nNote verbale dated 3 June 2019 from the Permanent Mission of Peru\n"
     "1. The Permanent Mission presents its compliments and transmits the report of the workshop held in Lima.",
     "note"),
    ("联合国\n2019年6月3日秘鲁常驻联合国代表团给秘书处的普通照会\n"
     "1. 秘鲁常驻联合国代表团向秘书处致意,并转递在利马举行的讲习班的报告。", "note"),
    ("General Assembly\nResolution adopted by the General Assembly on 4 December 2019\n"
     "[on the report of the First Committee (A/74/400)]\n74/50. Small arms\n"
     "The General Assembly, recalling its earlier resolutions on small arms, and welcoming the report of the Secretary-"
     "General on the question, decides to keep the matter under review at its next session.", "other"),
    ("大会\n2019年12月4日大会通过的决议\n[根据第一委员会的报告(A/74/400)通过]\n74/50. 小武器\n"
     "大会,回顾其关于小武器问题的以往各项决议,欢迎秘书长关于此问题的报告,决定在下届会议继续审议这一问题,"
     "并请秘书长就执行情况提出报告。", "other"),
    ("First Committee\nAgenda item 97 (k)\nPeru and Chile: draft resolution\nAssistance to States\n"
     "The General Assembly, recalling its resolutions on the matter and noting the report of the Secretary-General "
     "on the question, decides to continue to consider the matter.", "draft_decisions"),
    ("第一委员会\n议程项目97(k)\n秘鲁和智利:决议草案\n协助各国\n"
     "大会,回顾其关于这一问题的各项决议,注意到秘书长关于这一问题的报告,决定继续审议这一问题,并请秘书长提出报告。",
     "draft_decisions"),
    ("Chairman: Mr. Lee (Chile) The meeting was called to order at 10.05 a.m. Adoption of the agenda. "
     "The Chairman: may I take it that the Commission wishes to take note of the report? It was so decided.",
     "summary_record"),
    ("Third session\nNew York, 1-12 May 2023\nWorking paper submitted by Peru\nReport on the implementation of "
     "article VI\n1. Peru welcomes the report of the Secretary-General and the reports of States parties.", "other"),
    ("第三届会议\n2023年5月1日至12日,纽约\n秘鲁提交的工作文件\n关于执行第六条情况的报告\n"
     "1. 秘鲁欢迎秘书长的报告和各缔约国的报告。", "other"),
])
def test_kind_from_cover_wording(raw, kind):
    assert doc(raw).kind == kind


def test_a_section_heading_below_the_body_does_not_name_the_kind():
    body = ("The Meeting of Experts was held in Geneva from 4 to 8 August 2019 and was chaired by Ambassador Ruiz of "
            "Peru, who opened the first session on Monday morning in Room XVIII of the Palais des Nations and "
            "closed the meeting on Friday afternoon.")
    raw = "\n\n".join(["Meeting of Experts (4-8 August 2019)", body, "Report of the Meeting of Experts", body,
                       "Official documents", body])
    assert doc(raw).kind == "other"
    assert doc("\n\n".join(["Report of the Meeting of Experts", body, body])).kind == "report"


def test_a_text_that_opens_with_its_body_has_no_cover_to_name_its_kind():
    raw = ("1. IN PLENARY THIS AFTERNOON THE PRESIDENT SAID THE REPORT OF THE COMMITTEE WAS NOT READY.\n"
           "2. DELEGATIONS WILL MEET AGAIN TOMORROW.")
    assert doc(raw).kind == "other"


def test_a_cover_without_line_breaks_ends_at_its_first_numbered_paragraph():
    body = " ".join(f"{i}. The Group discussed the question at length and heard the views of many delegations on "
                    f"the matter." for i in range(1, 6))
    cover = "GE.19-01234 (E) Meeting of Experts Geneva, 4-8 August 2019 Item 5 of the agenda "
    assert doc(cover + "Report of the Meeting of Experts I. Introduction " + body).kind == "report"


def test_a_one_line_text_is_not_named_by_a_word_deep_in_its_body():
    speech = ("Statement by the delegation of Peru at the Meeting of Experts Mr. Chair, " + "my delegation "
              "thanks you for your work and welcomes the discussion of the questions before the Group this week. " * 8)
    assert doc(speech + "We look forward to the report of the meeting.").kind == "other"
    assert doc("Report of the Meeting of Experts " + speech).kind == "report"


def test_chinese_one_line_text_is_not_named_by_a_word_deep_in_its_body():
    speech = "秘鲁代表团在专家会议上的发言 主席先生," + "我国代表团感谢您的工作,欢迎本周专家组讨论面前的各项问题。" * 12
    assert doc(speech + "我们期待会议的报告。").kind == "other"
    assert doc("专家会议的报告 " + speech).kind == "report"


# ---------------------------------------------------------------- agendas that lost their line breaks

def test_agenda_list_on_one_line_makes_an_agenda_with_its_items():
    raw = ("Tenth Meeting of States Parties\nProvisional agenda of the Meeting 1. Opening of the meeting "
           "2. Election of the President 3. Adoption of the agenda 4. Organization of work: (a) Languages "
           "(b) Participation 5. Closing of the meeting")
    assert doc(raw).kind == "agenda"
    assert agenda(raw) == ["1", "2", "3", "4", "5"]


def test_chinese_agenda_list_on_one_line_makes_an_agenda():
    raw = "缔约国第十次会议 临时议程项目2(a) 临时议程和说明 一 临时议程 1. 会议开幕 2. 选举主席 3. 通过议程 4. 会议闭幕"
    assert doc(raw).kind == "agenda"
    assert agenda(raw) == ["1", "2", "2(a)", "3", "4"]


def test_numbered_paragraphs_after_an_agenda_item_are_no_agenda():
    raw = ("Item 9 of the provisional agenda\n" + " ".join(
        f"{i}. The Meeting considered the implementation of the Convention in detail and noted that further work "
        f"was needed on the question before the next session could take it up." for i in range(1, 5)))
    assert doc(raw).kind != "agenda"
    assert agenda(raw) == ["9"]


def test_item_heading_and_doubled_letters_are_agenda_items():
    raw = ("The Conference allocated the following item to the Committee:\n"
           "Item 16. Review of the operation of the Treaty\n2. The Committee met four times.")
    assert agenda(raw) == ["16"]
    assert agenda("Eightieth session\nAgenda item 99 (kk)\nGeneral and complete disarmament") == ["99(kk)"]
    assert agenda("第八十届会议\n议程项目99(kk)\n全面彻底裁军") == ["99(kk)"]


# ---------------------------------------------------------------- symbols

def test_symbol_framed_by_cover_words_on_a_cover_without_line_breaks():
    assert doc("联合国A/CONF.192/PC/44大会Distr.:General6April2001ChineseOriginal:English").symbol == "A/CONF.192/PC/44"
    raw = "1 United Nations Framework Convention Distr. GENERAL FCCC/KP/CMP/2007/1 7 September 2007 Original: ENGLISH"
    assert doc(raw).symbol == "FCCC/KP/CMP/2007/1"
    assert doc(raw).references == []


def test_symbol_glued_to_the_cover_date():
    assert find_symbols("Distr.: General CCW/MSP/2015/314 November 2015 Original: English")[0][0] == "CCW/MSP/2015/3"
    # the text confirms the longer split elsewhere
    text = "Distr.: General BWC/MSP/2015/124 December 2015 … as set out in BWC/MSP/2015/12, paragraph 3"
    assert find_symbols(text)[0][0] == "BWC/MSP/2015/12"


def test_conference_symbols_with_a_year():
    assert [s for s, _, _ in find_symbols("see NPT/CONF.1995/MC.I/1 and NPT/CONF.2015/PC.III/WP.18")] == [
        "NPT/CONF.1995/MC.I/1", "NPT/CONF.2015/PC.III/WP.18"]


def test_symbol_cut_by_a_column_layout_is_joined_with_the_line_below():
    raw = ("Proponent            Year   Reference document       Definition\n"
           "Peru and Chile       2021   CCW/GGE.1/2021/WP.7/     1. Systems that, once activated, select\n"
           "                            Rev.1                    targets without further intervention.\n"
           "Austria              2022   CCW/GGE.1/2022/WP.3      2. Weapons that cannot be controlled.\n")
    refs = doc(raw).references
    assert "CCW/GGE.1/2021/WP.7/Rev.1" in refs and "CCW/GGE.1/2022/WP.3" in refs
    # a "Rev.1" elsewhere on the next line does not join
    raw2 = ("Peru and Chile       2021   CCW/GGE.1/2021/WP.7/     1. Systems that select\n"
            "targets, see also Rev.1 of the earlier paper, without intervention by a human operator.\n")
    assert "CCW/GGE.1/2021/WP.7/Rev.1" not in doc(raw2).references


# ---------------------------------------------------------------- language

def test_bilingual_text_is_read_in_its_first_language():
    zh = "主席先生,这是我在您任内首次发言,首先,我祝贺您担任裁谈会主席,相信您的丰富经验和才干一定能够引导会议取得成功。"
    en = ("Mr. President, since this is the first time I am taking the floor under your Presidency, please allow me "
          "to congratulate you on your assumption of the Presidency of the Conference. ")
    assert detect_language((zh + " " + en * 3) * 3) == "zh"
    assert detect_language((en * 3 + " " + zh) * 3) == "en"


def test_agenda_heading_on_the_lines_above_the_list():
    raw = ("First Preparatory Meeting\nGeneva, 5 February 2019\nItem 2 of the provisional agenda\n"
           "Adoption of the agenda Provisional agenda\nSubmitted by the President\n"
           "1. Opening of the meeting.\n2. Adoption of the agenda.\n3. Election of officers.\n4. Closure.")
    assert doc(raw).kind == "agenda"
    assert agenda(raw) == ["1", "2", "3", "4"]
    zh = ("第一次筹备会议\n2019年2月5日,日内瓦\n临时议程\n主席提交\n"
          "1. 会议开幕。\n2. 通过议程。\n3. 选举主席团成员。\n4. 会议闭幕。")
    assert doc(zh).kind == "agenda"
