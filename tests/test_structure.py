"""Tests for tracker.extract.structure.label_runs: lists numbered inside running text."""

from __future__ import annotations

from tracker.extract.normalize import normalize
from tracker.extract.structure import label_runs
from tracker.lang import lexicon

EN, ZH = lexicon("en"), lexicon("zh")


def runs(text: str, lex=EN, min_run: int = 2) -> list[list[str]]:
    return [[lb.label for lb in run]
            for run in label_runs(text, refs=lex.label_references, joins=lex.label_joins, min_run=min_run)]


def test_lettered_list_on_one_line():
    text = "The working group will consider: (a) Membership (b) Budget (c) Reporting cycle. It will meet twice."
    assert runs(text) == [["a", "b", "c"]]


def test_numbered_items_on_one_line_in_sequence():
    text = "Draft agenda 1. Opening 2. Adoption of the agenda 3. Election of officers 4. Closing"
    assert runs(text) == [["1", "2", "3", "4"]]


def test_nested_roman_items_close_when_the_letters_go_on():
    text = ("Item 7. Security: (a) Export controls: (i) Licensing; (ii) Brokering; (b) Transparency: "
            "(i) National reports; (ii) Registers.")
    assert runs(text) == [["a", "b"], ["i", "ii"], ["i", "ii"]]


def test_letter_i_after_h_continues_the_letters():
    text = " ".join(f"({c}) Topic {c};" for c in "abcdefghij")
    assert runs(text) == [list("abcdefghij")]


def test_cited_labels_are_no_list():
    assert runs("The Council decided, under items (1) and (2), to defer both questions.") == []
    assert runs("This is addressed in (a) and (b) of the previous section.") == []
    assert runs("see paragraph 12 (c) and paragraph 14 (d) above") == []


def test_a_cross_reference_inside_an_item_does_not_break_its_list():
    text = "(a) Scope; (b) Terms, as set out in (a) and (b) of annex I; (c) Review."
    assert runs(text) == [["a", "b", "c"]]


def test_and_after_an_items_semicolon_still_opens_the_last_item():
    assert runs("(a) Budget; (b) Staffing; and (c) Other matters.") == [["a", "b", "c"]]


def test_labels_out_of_sequence_are_no_list():
    assert runs("resolution 61/89 and (b) and also 5. and then 7. again") == []


def test_decimals_symbols_and_revisions_are_no_numbers():
    assert runs("See A/61/1. Then CCW/MSP/2010/Rev.1. And 2.5 per cent, 1.5 hours.") == []


def test_chinese_inline_numbered_and_lettered_items():
    norm = normalize("临时议程 1. 会议开幕 2. 组织事项: (a) 通过议程; (b) 选举主席团成员 3. 闭会", "zh")
    assert runs(norm.text, ZH) == [["1", "2", "3"], ["a", "b"]]


def test_chinese_number_after_a_word_ending_like_a_citing_word():
    # 意见 ends in 见 ("see"), 事项 in 项: the next item's number still counts
    norm = normalize("临时议程 1. 会议开幕 2. 一般性交换意见 3. 其他事项 4. 闭会", "zh")
    assert runs(norm.text, ZH) == [["1", "2", "3", "4"]]


def test_chinese_cited_labels_are_no_list():
    norm = normalize("根据第5段(a)和(b)的规定,委员会决定推迟审议。", "zh")
    assert runs(norm.text, ZH) == []


def test_chinese_paragraph_labels_in_sequence():
    norm = normalize("第1段 重申其承诺;第2段 强调合作;第3段 请秘书长提交报告。", "zh")
    assert runs(norm.text, ZH) == [["1", "2", "3"]]


def test_offsets_point_at_the_label():
    text = "Agenda: (a) Opening (b) Closing"
    run = label_runs(text)[0]
    assert [text[lb.start:lb.end] for lb in run] == ["(a)", "(b)"]
    assert text[run[0].end:].startswith(" Opening")


def test_a_bracketed_label_after_a_paragraph_number_keeps_it_as_parent():
    text = "5 (a) Decides to convene the meeting; (b) Requests the Chair to report; 6. Decides to remain seized."
    run = label_runs(text, refs=EN.label_references, joins=EN.label_joins)[0]
    assert [(lb.label, lb.parent) for lb in run] == [("a", "5"), ("b", None)]
    norm = normalize("5(a)决定召开会议;(b)请主席提出报告。", "zh")
    run = label_runs(norm.text, refs=ZH.label_references, joins=ZH.label_joins)[0]
    assert [(lb.label, lb.parent) for lb in run] == [("a", "5"), ("b", None)]
