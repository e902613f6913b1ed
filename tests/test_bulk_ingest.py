"""Re-ingest reads only what changed, and rebuilds only the meetings the changes reach.

- unchanged files are skipped on path, size and mtime without being read; `--rehash` reads them all;
- a touched file with the same bytes is hashed, not extracted, and skipped on its new stat next time;
- the meetings after an incremental re-ingest are those a rebuild of every group gives;
- fills and decided states survive, on meetings rebuilt and on meetings left alone.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from helpers import SEEDS, cli, require_shared, transaction
from sqlalchemy import select

from tracker.store import consolidate
from tracker.store import tables as t
from tracker.usecases import fill, ingest, services

DOC = "001-fdd4221b5f7012ca"
OLD = 1_600_000_000  # an mtime long past: trusted at once (a file modified within 2 s is hashed again)


@pytest.fixture
def folder(tmp_path) -> Path:
    out = tmp_path / "docs"
    shutil.copytree(SEEDS, out)
    for path in out.iterdir():
        os.utime(path, (OLD, OLD))
    return out


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Paths read by ingest (in-process: fewer files than a pool is started for)."""
    seen: list[str] = []
    real = ingest.read_bytes

    def counting(path, *args, **kwargs):
        seen.append(str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "read_bytes", counting)
    return seen


@pytest.fixture
def extractions(monkeypatch) -> list[int]:
    from tracker.extract import pipeline

    seen: list[int] = []
    real = pipeline.extract

    def counting(text, *args, **kwargs):
        seen.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", counting)
    return seen


def test_unchanged_files_are_skipped_unread_and_rehash_reads_them(store, folder, reads, extractions):
    first = services.ingest_paths(store, [str(folder)])
    assert (first.new, len(reads), len(extractions)) == (2, 2, 2)
    reads.clear()
    again = services.ingest_paths(store, [str(folder)])
    assert (again.new, again.updated, again.unchanged, reads) == (0, 0, 2, [])
    forced = services.ingest_paths(store, [str(folder)], rehash=True)
    assert (forced.new, forced.updated, forced.unchanged, len(reads), len(extractions)) == (0, 0, 2, 2, 2)


def test_the_rehash_switch_of_the_command(db_url, folder, reads):
    assert cli(db_url, "ingest", str(folder)).returncode == 0
    reads.clear()
    ran = cli(db_url, "ingest", str(folder))
    assert (ran.returncode, ran.stdout.strip(), reads) == (0, "0 new, 0 updated, 2 unchanged, 0 failed (nothing changed)", [])
    ran = cli(db_url, "ingest", "--rehash", str(folder))
    assert (ran.returncode, len(reads)) == (0, 2)


def test_a_touched_file_is_hashed_not_extracted_then_skipped_on_its_new_stat(store, folder, reads, extractions):
    services.ingest_paths(store, [str(folder)])
    path = folder / "000_f7a7f372e4bea7a5.txt"
    os.utime(path, (OLD + 60, OLD + 60))  # saved again, the same bytes
    reads.clear()
    extractions.clear()
    report = services.ingest_paths(store, [str(folder)])
    assert (report.unchanged, reads, extractions) == (2, [str(path)], [])
    report = services.ingest_paths(store, [str(folder)])
    assert (report.unchanged, reads) == (2, [str(path)])  # not read a second time


def test_a_file_modified_just_now_is_hashed_again_next_time(store, folder, reads):
    path = folder / "000_f7a7f372e4bea7a5.txt"
    os.utime(path, None)  # now: another write in the same clock tick would leave the stat as it is
    services.ingest_paths(store, [str(folder)])
    reads.clear()
    services.ingest_paths(store, [str(folder)])
    assert reads == [str(path)]


def test_a_changed_file_of_the_same_size_and_a_new_mtime_is_read(store, folder, reads):
    services.ingest_paths(store, [str(folder)])
    path = folder / f"{DOC.replace('-', '_', 1)}.txt"
    text = path.read_text("utf-8")
    path.write_text(text.replace("9 月 10 日到", "9 月 11 日到"), "utf-8")
    os.utime(path, (OLD + 60, OLD + 60))
    reads.clear()
    report = services.ingest_paths(store, [str(folder)])
    assert (report.updated, reads) == (1, [str(path)])
    assert str(services.show(store, "ccm-msp-2").record.start) == "2011-09-11"


def _snapshot(db_url: str) -> tuple:
    m, c, f = t.MeetingRow.__table__, t.ConflictRow.__table__, t.MeetingFactRow.__table__
    with transaction(db_url) as conn:
        return ([tuple(r) for r in conn.execute(select(m).order_by(m.c.id))],
                sorted(tuple(r)[1:] for r in conn.execute(select(c))),
                [tuple(r) for r in conn.execute(select(f.c.document_key, f.c.local_id, f.c.meeting_id)
                                                 .order_by(f.c.document_key, f.c.local_id))])


@pytest.mark.parametrize("whole_group", [0, 10**9], ids=["groups-read-whole", "buckets-read-one-by-one"])
def test_an_incremental_reingest_gives_the_meetings_a_full_rebuild_gives(db_url, store, tmp_path, monkeypatch,
                                                                         whole_group):
    require_shared("realdocs", "raw")
    monkeypatch.setattr(consolidate, "WHOLE_GROUP", whole_group)  # both ways of reading the closure
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from realcorpus import build_tree, change

    paths = build_tree(tmp_path / "tree", 72, share=3)  # every 3rd file names its template's own meetings
    services.ingest_paths(store, [str(tmp_path / "tree")], workers=1)
    changed = change(paths, 0.1, share=3)
    for path in changed:
        os.utime(path, (OLD, OLD))
    report = services.ingest_paths(store, [str(tmp_path / "tree")], workers=1)
    assert report.updated == len(changed) > 5
    incremental = _snapshot(db_url)
    f = t.MeetingFactRow.__table__
    with transaction(db_url) as conn:
        groups = {(r.instrument, r.kind) for r in conn.execute(select(f.c.instrument, f.c.kind).distinct())}
        consolidate.consolidate(conn, groups)  # every group from all its facts, as ingest did before
    assert _snapshot(db_url) == incremental
    assert len(incremental[0]) > 50 and incremental[1]


def test_fills_and_decisions_survive_a_change_to_another_document(store, folder):
    services.ingest_paths(store, [str(folder)])
    fill.fill_slot(store, f"{DOC}-s5", "12", "ann")
    fill.decide(store, f"{DOC}-d7", "adopted", "ann")
    before = services.show(store, "ccm-msp-2").record
    other = folder / "000_f7a7f372e4bea7a5.txt"
    other.write_text(other.read_text("utf-8") + "\n附件\n", "utf-8")  # a changed document naming other meetings
    report = services.ingest_paths(store, [str(folder)])
    assert (report.updated, report.unchanged) == (1, 1)
    after = services.show(store, "ccm-msp-2").record
    assert (str(after.start), after.status, after.revision) == ("2011-09-12", "scheduled", before.revision)
    mine = folder / f"{DOC.replace('-', '_', 1)}.txt"
    mine.write_text(mine.read_text("utf-8") + "\n附件\n", "utf-8")  # and the one holding the fill
    services.ingest_paths(store, [str(folder)])
    after = services.show(store, "ccm-msp-2").record
    assert (str(after.start), after.status, after.revision) == ("2011-09-12", "scheduled", before.revision)
    assert {s.id: s.fill for s in services.list_records(store, "slots", document=DOC)}[f"{DOC}-s5"] == "12"


def test_the_walk_lists_files_in_path_order_as_strings(tmp_path):
    for name in ("a-b/x.txt", "a/b.txt", "a/b/c.txt", "a.b", "a0/y.txt", "b.txt", "A.txt", ".hidden/z.txt",
                 "a/.dot.txt", "é/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", "utf-8")
    (tmp_path / "a" / "link.txt").symlink_to(tmp_path / "b.txt")  # a link inside the tree is followed
    files, missing, skipped = ingest.expand_paths([str(tmp_path)])
    # what rglob("*") found, hidden entries left out, sorted as Paths: the order file keys are given in
    expected = sorted(p for p in tmp_path.rglob("*")
                      if p.is_file() and not any(x.startswith(".") for x in p.relative_to(tmp_path).parts))
    assert files == [str(p) for p in expected] and missing == [] and skipped == []


def test_an_unchanged_reingest_writes_nothing(store, folder, monkeypatch):
    services.ingest_paths(store, [str(folder)])
    opened: list[str | None] = []
    real = type(store).transaction

    def counting(self, lock_name=None, shared=False):
        opened.append(lock_name)
        return real(self, lock_name, shared)

    monkeypatch.setattr(type(store), "transaction", counting)
    report = services.ingest_paths(store, [str(folder)])
    assert report.unchanged > 0 and report.new == report.updated == 0
    assert opened == []  # no write lock taken, no consolidation run


def test_a_bulk_ingest_refreshes_the_planner_statistics(db_url, store, folder, monkeypatch):
    monkeypatch.setattr(services, "ANALYZE_AFTER", 2)
    report = services.ingest_paths(store, [str(folder)])
    assert report.new >= 2
    with transaction(db_url) as conn:
        if conn.dialect.name == "sqlite":
            analysed = {r[0] for r in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
        else:
            analysed = {r[0] for r in conn.exec_driver_sql(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")}
        label = conn.exec_driver_sql("SELECT label FROM search_entry WHERE kind = 'meeting' ORDER BY id").first()[0]
    assert {"document", "meeting_fact", "meeting"} <= analysed
    assert services.search(store, label.split()[0])  # the search index is whole after it
