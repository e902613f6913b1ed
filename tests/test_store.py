"""The store on SQLite and PostgreSQL: idempotent re-ingest, replaced derived rows, kept fills, stable ids,
one meeting across documents with its conflicts, and the schema steps."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from helpers import MSP2_A, MSP2_B, SEEDS, cli, transaction, write

from tracker.errors import StoreError, UsageError
from tracker.store import migrations
from tracker.store import tables as t
from tracker.store.queries import count
from tracker.usecases import fill, services

NOW = datetime(2011, 1, 1, tzinfo=UTC)
SEED_MEETINGS = {"ccm-msp-1", "ccm-msp-2", "ccm-intersessional-2011", "ccm-prep-2010", "ccw-msp-2008",
                 "ccw-plenary-2008-4", "ccw-gge-2009", "ccw-msp-2009"}


def counts(url: str) -> dict[str, int]:
    rows = (t.DocumentRow, t.MeetingFactRow, t.MeetingRow, t.DecisionRow, t.SlotRow, t.TopicRow, t.RoleRow,
            t.MentionRow, t.FillRow, t.ConflictRow)
    with transaction(url) as conn:
        return {r.__tablename__: count(conn, r) for r in rows}


def ids(settings, what: str) -> list[str]:
    return [getattr(r, "id", None) or getattr(r, "key", None) for r in services.list_records(settings, what)]


def test_seeds_ingest_once_then_nothing_changes(db_url, store):
    s = store
    first = services.ingest_paths(s, [str(SEEDS)], now=NOW)
    assert (first.new, first.updated, first.unchanged, first.failed) == (2, 0, 0, [])
    before, meetings, decisions = counts(db_url), ids(s, "meetings"), ids(s, "decisions")
    again = services.ingest_paths(s, [str(SEEDS)], now=NOW)
    assert (again.new, again.updated, again.unchanged, again.failed) == (0, 0, 2, [])
    assert counts(db_url) == before
    assert ids(s, "meetings") == meetings and ids(s, "decisions") == decisions


def test_ids_are_readable_and_built_from_what_things_are(db_url, store):
    s = store
    services.ingest_paths(s, [str(SEEDS)], now=NOW)
    assert SEED_MEETINGS <= set(ids(s, "meetings"))
    proposed = services.list_records(s, "decisions", status="proposed")
    assert [d.id for d in proposed] == [f"001-fdd4221b5f7012ca-d{i}" for i in range(1, 8)]
    assert [d.id for d in services.list_records(s, "decisions", document="000-f7a7f372e4bea7a5")] == [
        f"000-f7a7f372e4bea7a5-d{i}" for i in range(1, 6)]
    assert ids(s, "slots") == [f"001-fdd4221b5f7012ca-s{i}" for i in range(1, 9)]


def test_ids_do_not_depend_on_ingest_order(db_url, store, tmp_path):
    s = store
    services.ingest_paths(s, [str(SEEDS / "001_fdd4221b5f7012ca.txt")], now=NOW)
    services.ingest_paths(s, [str(SEEDS / "000_f7a7f372e4bea7a5.txt")], now=NOW)
    assert SEED_MEETINGS <= set(ids(s, "meetings"))


def test_changed_document_replaces_its_rows_and_keeps_fills(db_url, store, tmp_path):
    s = store
    doc = write(tmp_path / "docs", "a.txt", MSP2_A)
    services.ingest_paths(s, [str(doc)], now=NOW)
    slot_id = "ccm-msp-2011-1-en-s1"
    assert fill.fill_slot(s, slot_id, "Ms. Example", "tester", NOW).old is None  # the real path: history, compare-and-set
    assert [(e.action, e.new_value, e.by) for e in fill.history(s, slot_id)] == [("fill", "Ms. Example", "tester")]
    assert services.list_records(s, "slots")[0].fill == "Ms. Example"

    doc.write_text(MSP2_A.replace("12 to 16", "14 to 18"), "utf-8")  # same symbol, new content
    report = services.ingest_paths(s, [str(doc)], now=NOW)
    assert (report.new, report.updated, report.unchanged) == (0, 1, 0)
    meeting = services.list_records(s, "meetings")[0]
    assert (meeting.id, meeting.start) == ("ccm-msp-2", date(2011, 9, 14))
    assert services.list_records(s, "slots")[0].fill == "Ms. Example"  # the same slot, found by its natural key
    assert counts(db_url)["document"] == 1 and counts(db_url)["meeting_fact"] == 1

    doc.write_text(MSP2_A.replace("\n\n1. The Meeting decided to appoint [...] as President.", ""), "utf-8")
    services.ingest_paths(s, [str(doc)], now=NOW)
    assert services.list_records(s, "slots") == []
    assert counts(db_url)["fill"] == 1  # never deleted by re-ingest
    orphans = services.status(s, date(2011, 1, 1)).orphans
    assert [(o.slot_id, o.value) for o in orphans] == [(slot_id, "Ms. Example")]


def test_two_files_of_one_document_keep_the_newer_and_stop_replacing_each_other(db_url, store, tmp_path):
    """A PDF and a Word file of one document (here two text files, one symbol and language): the newer is
    stored, the older skipped with a word, and a re-run changes nothing (they replaced each other every run)."""
    import os

    folder = tmp_path / "docs"
    old = write(folder, "a.txt", MSP2_A)
    new = write(folder, "b.txt", MSP2_A.replace("12 to 16", "14 to 18"))
    os.utime(old, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    os.utime(new, ns=(1_100_000_000_000_000_000, 1_100_000_000_000_000_000))
    first = services.ingest_paths(store, [str(folder)], now=NOW)
    assert (first.new, first.updated) == (1, 1)  # a.txt stored, then replaced by its newer file, b.txt
    for _ in range(2):
        again = services.ingest_paths(store, [str(folder)], now=NOW)
        assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
        assert [(p, reason.split(" (")[0]) for p, reason in again.skipped] == [
            (str(old), f"the same document as {new}")]
    assert services.list_records(store, "meetings")[0].start == date(2011, 9, 14)
    os.utime(old, ns=(1_200_000_000_000_000_000, 1_200_000_000_000_000_000))  # a.txt is newer now: its version
    assert services.ingest_paths(store, [str(folder)], now=NOW).updated == 1
    assert services.list_records(store, "meetings")[0].start == date(2011, 9, 12)


def test_one_meeting_across_documents_keeps_disagreeing_dates_as_a_conflict(db_url, store, tmp_path):
    s = store
    folder = tmp_path / "docs"
    write(folder, "a.txt", MSP2_A)
    write(folder, "b.txt", MSP2_B)
    services.ingest_paths(s, [str(folder)], now=NOW)
    assert ids(s, "meetings") == ["ccm-msp-2"]
    report = services.status(s, date(2011, 1, 1))
    [conflict] = report.conflicts
    assert conflict.field == "dates"
    assert conflict.values == ("2011-09-12..2011-09-16", "2011-09-13..2011-09-17")
    assert conflict.documents == ("ccm-msp-2011-1-en", "ccm-msp-2011-2-en")
    shown = services.show(s, "ccm-msp-2")
    assert {f.document for f, _ in shown.facts} == {"ccm-msp-2011-1-en", "ccm-msp-2011-2-en"}
    assert any("from 13 to 17 September 2011" in sentence for _, sentence in shown.facts)


def test_unknown_id_is_a_usage_error(db_url, store):
    s = store
    services.ingest_paths(s, [str(SEEDS)], now=NOW)
    with pytest.raises(UsageError):
        services.show(s, "ccm-msp-99")


def test_fresh_database_is_created_and_upgrade_is_idempotent(db_url, store):
    steps = [name for name, _ in migrations.STEPS]
    assert steps[:2] == ["0001_tables", "0002_report_indexes"] and "0004_read_indexes" in steps
    assert migrations.upgrade(store) == steps
    assert migrations.upgrade(store) == []
    state = migrations.state(store)
    assert state.pending == [] and state.applied == steps


def test_out_of_date_database_names_the_upgrade_command(db_url, store):
    migrations.upgrade(store, stop_after="0001_tables")
    with pytest.raises(StoreError, match="tracker db upgrade"):
        services.status(store, date(2011, 1, 1))
    proc = cli(db_url, "status")
    assert proc.returncode == 4
    assert proc.stderr.count("\n") == 1 and "tracker db upgrade" in proc.stderr and "Traceback" not in proc.stderr
    assert "pending  0002_report_indexes" in cli(db_url, "db", "status").stdout
    assert cli(db_url, "db", "upgrade").returncode == 0
    assert cli(db_url, "status", "--as-of", "2011-01-01").returncode == 0


# ---------------------------------------------------------------- batched writes, the Core read tables

def test_a_refused_document_leaves_no_rows_and_costs_no_other(db_url, store, tmp_path, monkeypatch):
    from tracker.store import rows

    def doubled(src, x, now):  # the database refuses the document's second copy of itself
        out = build(src, x, now)
        if src.path.endswith("refused.txt"):
            out["document"] = out["document"] * 2
        return out

    build = rows.rows_for
    monkeypatch.setattr(rows, "rows_for", doubled)
    folder = tmp_path / "docs"
    write(folder, "a.txt", MSP2_A)
    write(folder, "b.txt", MSP2_B)
    write(folder, "refused.txt", MSP2_A.replace("CCM/MSP/2011/1", "CCM/MSP/2011/9"))
    report = services.ingest_paths(store, [str(folder)], now=NOW)
    assert (report.new, [p for p, _ in report.failed]) == (2, [str(folder / "refused.txt")])
    assert "refused a row" in report.failed[0][1]
    assert counts(db_url)["document"] == 2
    with transaction(db_url) as conn:
        assert count(conn, "document_text") == 2 and count(conn, "slot") == 1


def test_a_document_local_meeting_may_change_kind_in_a_new_version(db_url, store):
    from tracker.domain import DocumentInfo, Extraction, Meeting, SourceDocument, SourceSpan
    from tracker.store import consolidate, writer

    def version(kind: str):
        meeting = Meeting(id="m1", name="a meeting", kind=kind, instrument="CCM", spans=[SourceSpan(0, 5, 0)])
        x = Extraction(DocumentInfo(language="en", kind="report", symbol="CCM/X/1"), [meeting], [], [], [], [], [])
        return SourceDocument("ccm-x-1-en", "x.txt", kind, "text"), x

    store.ensure_current()
    for kind, replace in (("standing_committee", []), ("other", ["ccm-x-1-en"])):
        src, x = version(kind)
        with transaction(db_url) as conn:
            groups = writer.write_documents(conn, [(src, x)], NOW, replace)
            consolidate.consolidate(conn, groups)
    assert [(m.id, m.kind) for m in services.list_records(store, "meetings")] == [
        ("ccm-x-1-en-m1", "other")]


def test_the_core_read_tables_match_the_sqlmodel_schema():
    from sqlmodel import SQLModel

    from tracker.store import core, fills

    declared = {**SQLModel.metadata.tables, **fills.metadata.tables}
    for name, light in core.BY_NAME.items():
        full = declared[name]
        assert [c.name for c in light.columns] == [c.name for c in full.columns], name
        for c in light.columns:
            assert c.type._type_affinity is full.c[c.name].type._type_affinity, (name, c.name)


def test_reports_do_not_import_sqlmodel(db_url, store):
    services.ingest_paths(store, [str(SEEDS)], now=NOW)
    probe = ("import sys; from datetime import date; from tracker.usecases import services; from tracker.store import "
             f"open_store; s = open_store({db_url!r}); services.status(s, date(2010, 11, 1)); "
             "services.list_records(s, 'meetings'); services.show(s, 'ccm-msp-2'); "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlmodel', 'pydantic')))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
