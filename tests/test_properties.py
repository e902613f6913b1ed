"""Property tests for the whole extraction (tracker.extract.pipeline) and its JSON (tracker.rendering.extraction).

Whatever the text, extraction never raises, every source span lies inside the original, every
slot's span holds the slot's text, the JSON has every key of SCHEMA.md with the right types and
consistent ids, and the same text always gives the same JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.extract.pipeline import extract
from tracker.rendering.extraction import extraction_dict

FRAGMENTS = [
    "缔约国第二次会议", "[……]", "2011年9月", "至", "the Meeting of States Parties", "[...]",
    "between 10 and 20 September 2011", "Mr. Smith (France)", "\n", "  ", "1. ", "(a) ", "“", "”",
    "《", "》", "CCW/MSP/2010/", "……", "会议决定", "于", "在", "日内瓦", "举行", "任命", "的", "担任",
    "主席", "。", "，", "：", "可能的决定", "专题包括：", "卡里米先生（巴基斯坦）", "第1至第7段通过",
    "The draft report was adopted.", "Draft decisions", "decided to appoint", " of ", " as President",
    "in Geneva from ", " to ", "the following topics:", "on behalf of the European Union,", "２０１２",
    "[ ]", "____", "CCM/MSP/2011/WP.3", "第三次审议会议", "该次会议", "\r\n", "\t", "日", "Geneva",
]

UN_TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
MIXED_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(), UN_TEXT, MIXED_TEXT)

SLOW_OK = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

LANGUAGES = {"zh", "en", "fr", "es", "ru", "ar"}
DOC_KINDS = {"summary_record", "agenda", "work_programme", "draft_decisions", "report", "note", "other"}
MEETING_KINDS = {"meeting_of_states_parties", "review_conference", "intersessional", "preparatory",
                 "expert_group", "plenary", "standing_committee", "other"}
PRECISIONS = {"day", "window", "part_of_month", "month", "year", "unknown"}
MEETING_STATUSES = {"held", "scheduled", "proposed", "cancelled", "unknown"}
DECISION_STATUSES = {"proposed", "adopted", "rejected", "deferred"}
SLOT_KINDS = {"person", "country", "city", "facility", "organization", "date", "document_symbol", "other"}
BIND_FIELDS = {"start", "end", "city", "country", "facility", "chair", "chair_affiliation", "host", "symbol", "role"}
ROLES = {"chair", "speaker", "executive_coordinator", "president_designate", "other"}

STR_OR_NONE = (str, type(None))
INT_OR_NONE = (int, type(None))


def squeeze(s: str) -> str:
    """NFKC, without whitespace and without the control characters normalize drops (NUL, BOM, Cc)."""
    folded = unicodedata.normalize("NFKC", s)
    return "".join(c for c in folded if not c.isspace() and unicodedata.category(c) != "Cc" and c != "\ufeff")


def sources(d: dict) -> list[dict]:
    spans = [s for m in d["meetings"] for s in m["source"]]
    for key in ("decisions", "slots", "topics", "people"):
        spans += [x["source"] for x in d[key] if x["source"] is not None]
    return spans


def check_schema(d: dict) -> None:
    """Every key SCHEMA.md (version 1) requires, with its type and allowed values."""
    assert d["schema"] == 1
    doc = d["document"]
    assert isinstance(doc["symbol"], STR_OR_NONE)
    assert doc["language"] in LANGUAGES
    assert doc["kind"] in DOC_KINDS
    assert isinstance(doc["title"], STR_OR_NONE)
    assert all(isinstance(s, str) for s in doc["subjects"])
    assert all(isinstance(s, str) for s in doc["references"])

    for m in d["meetings"]:
        assert isinstance(m["id"], str) and isinstance(m["name"], str)
        assert isinstance(m["instrument"], STR_OR_NONE)
        assert m["kind"] in MEETING_KINDS
        assert isinstance(m["ordinal"], INT_OR_NONE) and isinstance(m["year"], INT_OR_NONE)
        for key in ("start", "end"):
            assert m[key] is None or re.fullmatch(r"\d{4}-\d\d-\d\d", m[key])
        assert m["precision"] in PRECISIONS
        for key in ("start_time", "end_time"):
            assert m[key] is None or re.fullmatch(r"\d\d:\d\d", m[key])
        assert m["duration_days"] is None or isinstance(m["duration_days"], int | float)
        for key in ("city", "facility", "chair", "parent"):
            assert isinstance(m[key], STR_OR_NONE)
        for key in ("country", "host"):
            assert m[key] is None or re.fullmatch(r"[A-Z]{2}", m[key])
        assert isinstance(m["languages"], list) and set(m["languages"]) <= LANGUAGES
        assert m["status"] in MEETING_STATUSES

    for c in d["decisions"]:
        assert isinstance(c["id"], str) and isinstance(c["text"], str)
        assert isinstance(c["number"], STR_OR_NONE)
        assert c["status"] in DECISION_STATUSES
        assert all(isinstance(s, str) for s in c["slots"])

    for s in d["slots"]:
        assert isinstance(s["id"], str) and isinstance(s["text"], str) and isinstance(s["left_context"], str)
        assert isinstance(s["decision"], STR_OR_NONE)
        assert s["kind"] in SLOT_KINDS
        assert len(s["left_context"]) <= 20 and not re.search(r"\s", s["left_context"])
        if s["binds"] is not None:
            assert set(s["binds"]) >= {"meeting", "field"}
            assert isinstance(s["binds"]["meeting"], STR_OR_NONE)
            assert s["binds"]["field"] in BIND_FIELDS

    for t in d["topics"]:
        assert isinstance(t["label"], str) and isinstance(t["title"], str)
    for a in d["agenda_items"]:
        assert isinstance(a["number"], str) and isinstance(a["title"], STR_OR_NONE)
    for p in d["people"]:
        assert isinstance(p["name"], str)
        for key in ("honorific", "organization", "on_behalf_of"):
            assert isinstance(p[key], STR_OR_NONE)
        assert p["country"] is None or re.fullmatch(r"[A-Z]{2}", p["country"])
        assert p["role"] in ROLES


def check_ids(d: dict) -> None:
    for key in ("meetings", "decisions", "slots"):
        ids = [x["id"] for x in d[key]]
        assert len(ids) == len(set(ids)), key
    meetings = {m["id"] for m in d["meetings"]}
    decisions = {c["id"]: c for c in d["decisions"]}
    slots = {s["id"] for s in d["slots"]}
    for s in d["slots"]:
        if s["decision"] is not None:
            assert s["decision"] in decisions
            assert s["id"] in decisions[s["decision"]]["slots"]
        if s["binds"] is not None and s["binds"]["meeting"] is not None:
            assert s["binds"]["meeting"] in meetings
    for c in d["decisions"]:
        assert set(c["slots"]) <= slots
    for m in d["meetings"]:
        assert m["parent"] is None or m["parent"] in meetings


# ---------------------------------------------------------------- (a) never raises

@SLOW_OK
@given(st.text())
def test_any_text_extracts_without_raising(text):
    extraction_dict(extract(text))


@SLOW_OK
@given(UN_TEXT)
def test_un_fragments_extract_without_raising(text):
    extraction_dict(extract(text))


@SLOW_OK
@given(MIXED_TEXT)
def test_fragments_mixed_with_noise_extract_without_raising(text):
    extraction_dict(extract(text))


# ---------------------------------------------------------------- (b) spans point into the original

@SLOW_OK
@given(ANY_TEXT)
def test_every_source_span_lies_inside_the_original(text):
    d = extraction_dict(extract(text))
    for span in sources(d):
        assert 0 <= span["start"] <= span["end"] <= len(text), span


@SLOW_OK
@given(ANY_TEXT)
def test_slot_span_holds_the_slot_text(text):
    d = extraction_dict(extract(text))
    for slot in d["slots"]:
        written = text[slot["source"]["start"]:slot["source"]["end"]]
        assert squeeze(written) == squeeze(slot["text"]), slot


# ---------------------------------------------------------------- (c) schema and ids

@SLOW_OK
@given(ANY_TEXT)
def test_json_has_every_schema_key_with_its_type(text):
    d = json.loads(json.dumps(extraction_dict(extract(text)), ensure_ascii=False))
    check_schema(d)


@SLOW_OK
@given(ANY_TEXT)
def test_ids_are_unique_and_references_resolve(text):
    check_ids(extraction_dict(extract(text)))


# ---------------------------------------------------------------- (d) determinism

@SLOW_OK
@given(ANY_TEXT)
def test_same_text_gives_the_same_json(text):
    first = json.dumps(extraction_dict(extract(text)), ensure_ascii=False)
    second = json.dumps(extraction_dict(extract(text)), ensure_ascii=False)
    assert first == second


# ---------------------------------------------------------------- the same checks on full documents

ZH_DRAFT = """CCM/MSP/2011/WP.9
可能的决定草案
1.  会议 决定 任命 [……] 的 [……] 担任 缔约国 第三 次 会议 主席 。
2.  会议 决定 于 2012年 9月 [……] 日 至 [……] 日 在 [……] 举行 缔约国 第三 次 会议 , 会期 五天 。
3.  会议 请 主席 编写 工作 方案 , 专题 包括 :
(a) 《 公约 》 的 一般 状况 和 实施 情况 ;
(b) 受害者 援助 ;
4.  会议 请 韦伯恩 先生 ( 法国 ) 协助 主席 , 报告 载于 文件 CCM/MSP/2011/…… 。
"""

EN_DRAFT = """CCW/MSP/2011/WP.4
Draft decisions
1.  The Meeting decided to appoint [...] of [...] as President of the Fifth Meeting of States Parties.
2.  The Meeting decided that the Fifth Meeting of States Parties would be held in Geneva from [...] to [...] November 2012.
3.  The Meeting decided that the work programme would cover the following topics:
(a) universalization of the Convention;
(b) victim assistance;
4.  Mr. Okafor (Nigeria), speaking on behalf of the Group of African States, welcomed the decisions.
"""


def test_full_documents_pass_every_check():
    for text in (ZH_DRAFT, EN_DRAFT):
        d = json.loads(json.dumps(extraction_dict(extract(text)), ensure_ascii=False))
        assert d["meetings"] and d["decisions"] and d["slots"] and d["topics"] and d["people"]
        check_schema(d)
        check_ids(d)
        for span in sources(d):
            assert 0 <= span["start"] <= span["end"] <= len(text)
        for slot in d["slots"]:
            assert squeeze(text[slot["source"]["start"]:slot["source"]["end"]]) == squeeze(slot["text"])
        assert json.dumps(extraction_dict(extract(text))) == json.dumps(extraction_dict(extract(text)))
