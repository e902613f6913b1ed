"""Faults: an ingest killed with SIGKILL, ingests and fills at the same time, and a store built by the
first schema step upgraded to the current one. Nothing a person typed may be lost, and every document
is either fully stored or not at all.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from helpers import MSP2_A, TRACKER, cli

from tracker.store import tables as t

ZH_DOC = ("CCM/MSP/{year}/WP.{k}\n可能的决定草案\n1.  会议决定任命[……]担任缔约国第{n}次会议主席。\n"
          "2.  会议决定于2012年9月[……]日至[……]日在日内瓦举行缔约国第{n}次会议。\n")


def generate(folder: Path, count: int, first: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(first, first + count):
        path = folder / f"doc-{i:05d}.txt"
        path.write_text(ZH_DOC.format(year=2000 + i // 100, k=i % 100 + 1, n=i % 9 + 1), "utf-8")
        paths.append(path)
    return paths


def sql(db: Path, query: str) -> list[tuple]:
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(query).fetchall()


def assert_all_or_nothing(db: Path) -> set[str]:
    """Integrity check passes; derived rows exist exactly for the stored documents. Returns their keys."""
    assert sql(db, "PRAGMA integrity_check") == [("ok",)]
    keys = {r[0] for r in sql(db, "SELECT key FROM document")}
    for table in ("document_text",):
        assert {r[0] for r in sql(db, f"SELECT key FROM {table}")} == keys, table
    for table in ("meeting_fact", "decision", "slot", "mention"):  # every generated document has all of these
        assert {r[0] for r in sql(db, f"SELECT DISTINCT document_key FROM {table}")} == keys, table
    for row in t.DERIVED:
        table = row.__tablename__
        column = "key" if table == "document_text" else "document_key"
        assert {r[0] for r in sql(db, f"SELECT DISTINCT {column} FROM {table}")} <= keys, table
    return keys


def test_an_ingest_killed_part_way_leaves_whole_documents_and_a_rerun_finishes(tmp_path):
    """A real process (SIGKILL is the point), killed once its first batch of 200 has committed: 800 documents
    leave three batches to cut into."""
    total = 800
    generate(tmp_path / "docs", total)
    db = tmp_path / "crash.db"
    url = f"sqlite:///{db}"
    assert cli(url, "db", "upgrade").returncode == 0
    proc = subprocess.Popen([str(TRACKER), "--db", url, "ingest", str(tmp_path / "docs"), "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if sql(db, "SELECT count(*) FROM document")[0][0] >= 200:  # the first batch has committed
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes, mid-write
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
    stored = assert_all_or_nothing(db)
    assert 200 <= len(stored) < total
    rerun = cli(url, "ingest", str(tmp_path / "docs"))
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.strip() == f"{total - len(stored)} new, 0 updated, {len(stored)} unchanged, 0 failed"
    assert len(assert_all_or_nothing(db)) == total


def slot_of(url: str, document: str) -> str:
    slots = json.loads(cli(url, "slots", "--json", "--document", document).stdout)["slots"]
    return slots[0]["id"]


def test_two_ingests_and_fills_at_once_on_sqlite_lose_nothing(tmp_path):
    """Two ingest processes, and this process filling one slot again and again until both have ended (at
    least eight fills); at least one fill must have run from start to end while both ingests were alive."""
    db = tmp_path / "busy.db"
    url = f"sqlite:///{db}"
    first = generate(tmp_path / "first", 1, first=9999)[0]
    assert cli(url, "ingest", str(first)).returncode == 0
    slot = slot_of(url, "ccm-msp-2099-wp-100-zh")
    generate(tmp_path / "one", 150)
    generate(tmp_path / "two", 150, first=150)
    procs = [subprocess.Popen([str(TRACKER), "--db", url, "ingest", str(tmp_path / d)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in ("one", "two")]
    fills: list[tuple[str, int, str]] = []  # (value, exit code, stderr)
    during = 0  # fills that began and ended while both ingests were running
    while len(fills) < 8 or any(p.poll() is None for p in procs):
        assert len(fills) < 2000, "the ingests never ended"
        value = "Ambassador " + "".join(chr(ord("a") + int(d)) for d in str(len(fills))).title()  # a name, not a number
        both_before = all(p.poll() is None for p in procs)
        ran = cli(url, "fill", slot, value, "--by", "filler")
        during += both_before and all(p.poll() is None for p in procs)
        fills.append((value, ran.returncode, ran.stderr))
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0 and err == "" and out.strip() == "150 new, 0 updated, 0 unchanged, 0 failed", err
    assert during >= 1, "no fill ran while both ingests were running"
    assert {code for _, code, _ in fills} <= {0, 5}, fills
    assert all(line.startswith("tracker: slot") and "changed meanwhile" in line
               for _, code, err in fills if code for line in err.splitlines()), fills
    assert sql(db, "SELECT count(*) FROM document")[0][0] == 301
    assert_all_or_nothing(db)
    written = [value for value, code, _ in fills if code == 0]
    history = json.loads(cli(url, "history", slot, "--json").stdout)["history"]
    assert [e["new"] for e in history] == written
    assert json.loads(cli(url, "slots", "--json", "--document", "ccm-msp-2099-wp-100-zh").stdout)["slots"][0]["fill"] \
        == written[-1]


def test_fills_written_at_the_first_schema_version_survive_the_upgrade(db_url, tmp_path):
    from helpers import transaction

    from tracker.domain import SourceDocument
    from tracker.extract.pipeline import extract
    from tracker.store import migrations, open_store, writer
    from tracker.usecases.ingest import sha256

    first = migrations.STEPS[0][0]
    with open_store(db_url) as store:
        assert migrations.upgrade(store, stop_after=first) == [first]
    path = tmp_path / "a.txt"
    path.write_text(MSP2_A, "utf-8")
    src = SourceDocument("ccm-msp-2011-1-en", str(path), sha256(path.read_bytes()), MSP2_A)
    now = datetime(2011, 1, 1, tzinfo=UTC)
    fill, s = t.FillRow.__table__, t.SlotRow.__table__
    with transaction(db_url) as conn:  # rows of that version, written as that version's code wrote them
        rows = writer.rows_for(src, extract(MSP2_A), now)
        for decision in rows["decision"]:
            decision.pop("schedules")  # a column of a later step
        rows["document"][0].pop("format")  # and these of step 0007_formats
        rows["document_text"][0].pop("page_starts")
        for later in ("fact_source", "search_entry"):  # tables of later steps (0008, 0009)
            rows.pop(later)
        for name, part in rows.items():  # inserted plainly: today's write_rows also reads later tables
            if part:
                writer.insert_many(conn, writer.TABLES[name], part)
        slots = [(r.natural_key, r.id) for r in conn.execute(s.select())]
        assert slots
        conn.execute(fill.insert(), [{"slot_key": key, "slot_id": sid, "value": f"Ambassador {i}", "filled_by": "ann",
                                      "filled_at": now, "old_value": None} for i, (key, sid) in enumerate(slots)])
        conn.execute(fill.insert().values(slot_key="gone-doc|person|x|[...]|1", slot_id="gone-doc-s1",
                                          value="Orphaned", filled_by="ann", filled_at=now))
    refused = cli(db_url, "slots")
    assert refused.returncode == 4 and "tracker db upgrade" in refused.stderr
    upgraded = cli(db_url, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.split() == [w for name, _ in migrations.STEPS[1:] for w in ("applied", name)]
    listed = {s["id"]: s["fill"] for s in json.loads(cli(db_url, "slots", "--json").stdout)["slots"]}
    assert listed == {sid: f"Ambassador {i}" for i, (_key, sid) in enumerate(slots)}
    status = json.loads(cli(db_url, "status", "--json", "--as-of", "2011-01-01").stdout)
    assert [o["value"] for o in status["orphaned_fills"]] == ["Orphaned"]
    dumped = [json.loads(line) for line in cli(db_url, "dump").stdout.splitlines()]
    assert sorted(r["value"] for r in dumped if r["type"] == "fill") == sorted([*listed.values(), "Orphaned"])
    assert cli(db_url, "ingest", str(path)).returncode == 0  # and a re-ingest keeps them
    assert {s["id"]: s["fill"] for s in json.loads(cli(db_url, "slots", "--json").stdout)["slots"]} == listed
