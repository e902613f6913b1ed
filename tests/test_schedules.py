"""A decision records at extraction which meeting(s) it schedules (`schedules` in the extract JSON); the store
reads that field instead of scanning decision text for words of one language or another. Sentences are our
own, in English and Chinese; the store tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from helpers import write
from sqlalchemy import inspect, text

from tracker.extract.pipeline import extract
from tracker.rendering.extraction import extraction_json
from tracker.store import migrations, open_store
from tracker.usecases import fill, services

EN = """Meeting of the States Parties to the Convention on Cluster Munitions
Second Meeting
Geneva, 12-16 September 2011
Draft decisions
1. The Meeting decides to hold the Third Meeting of States Parties in Oslo in 2012.
2. The Meeting welcomes the contributions of stakeholders to the work of the Third Meeting of States Parties.
"""
ZH = """集束弹药公约缔约国会议
第二次会议
2011年9月12日至16日，日内瓦
决定草案
1. 会议决定于2012年在奥斯陆举行缔约国第三次会议。
2. 会议欢迎各方为缔约国第三次会议所做的筹备工作。
"""


def _named(x, name: str) -> str:
    return next(m.id for m in x.meetings if m.name == name)


def test_a_decision_that_holds_a_meeting_records_it_and_not_the_meeting_that_decides():
    for doc, third in ((EN, "Third Meeting of States Parties"), (ZH, "缔约国第三次会议")):
        x = extract(doc)
        assert [d.schedules for d in x.decisions] == [[_named(x, third)], []]  # "stakeholders" holds nothing
        out = json.loads(extraction_json(x))
        assert [d["schedules"] for d in out["decisions"]] == [[_named(x, third)], []]


def test_convene_take_place_and_host_schedule_too():
    for sentence in ("1. The Meeting decides that the Third Meeting of States Parties will take place in Oslo.",
                     "1. The Meeting decides to convene the Third Meeting of States Parties in Oslo.",
                     "1. The Meeting welcomes the offer of Norway to host the Third Meeting of States Parties.",
                     "1. 会议欢迎挪威表示愿意主办缔约国第三次会议。", "1. 会议决定召开缔约国第三次会议。"):
        x = extract("Draft decisions\n" + sentence + "\n")
        assert [d.schedules for d in x.decisions] == [[m.id for m in x.meetings if "三" in m.name or "Third" in m.name]]


def _third(settings):
    return next(m for m in services.list_records(settings, "meetings") if m.ordinal == 3)


def test_adopting_it_schedules_the_meeting_from_the_recorded_field(db_url, tmp_path):
    s = open_store(db_url)
    services.ingest_paths(s, [str(write(tmp_path / "docs", "en.txt", EN))])
    first, second = services.list_records(s, "decisions")
    third = _third(s)
    assert third.status != "scheduled"
    assert fill.decide(s, second.id, "adopted", "ann").meetings == []  # it names the meeting, holds nothing
    result = fill.decide(s, first.id, "adopted", "ann")
    assert [(m, status) for m, status, _ in result.meetings] == [(third.id, "scheduled")]
    assert _third(s).status == "scheduled"


def test_a_row_stored_before_the_field_schedules_nothing_by_its_words(db_url, tmp_path):
    s = open_store(db_url)
    services.ingest_paths(s, [str(write(tmp_path / "docs", "zh.txt", ZH))])
    first, _ = services.list_records(s, "decisions")
    with s.transaction() as conn:
        conn.execute(text("UPDATE decision SET schedules = NULL"))  # as an older version stored it
    assert fill.decide(s, first.id, "adopted", "ann").meetings == []


def test_the_step_adds_the_column_to_an_older_database(db_url, tmp_path):
    before = [name for name, _ in migrations.STEPS if name < "0005"]
    s = open_store(db_url)
    assert migrations.upgrade(s, stop_after=before[-1]) == before
    with s.engine.begin() as conn:
        if "schedules" in {c["name"] for c in inspect(conn).get_columns("decision")}:
            conn.execute(text("ALTER TABLE decision DROP COLUMN schedules"))  # as the tables were before step 0005
    assert migrations.upgrade(s) == [name for name, _ in migrations.STEPS if name >= "0005"]  # 0005 and later
    with s.engine.begin() as conn:
        assert "schedules" in {c["name"] for c in inspect(conn).get_columns("decision")}
    services.ingest_paths(s, [str(write(tmp_path / "docs", "en.txt", EN))])
    first, _ = services.list_records(s, "decisions")
    assert [m for m, _, _ in fill.decide(s, first.id, "adopted", "ann").meetings] == [_third(s).id]
