"""Lists, exports and status on a large store: wall time and peak memory of whole processes, floor beside each.

The store (`--docs`, 100,000 by default) is built from REAL extractions: the seeds and the shared real texts
(`../shared/realdocs/raw/`) are extracted once each, then each document is written `--docs / N` times through
the store's own writer (`store.writer.write_rows`, 1,000 documents per transaction) with a key, path, hash and
symbol of its own, its stored text cut to its first 2 KB (lists never read it), and its meetings moved into a
series of their own every 16 copies (the instrument gets the copy's group number, the dates move by a day per
group): every 16th document names the same meetings, as a treaty's documents do. Then meetings are merged
(`store.consolidate`) as ingest does. The store is kept under `--dir` and reused when it is there.

Each command runs as its own process (`tracker --db URL …`, stdout to a file), three times: the median wall
time and the largest peak RSS (`os.wait4`'s ru_maxrss). The floor is plain `sqlite3` reading the same rows
(the same tables and joins, in the same order) and writing each as one JSON line, in a process of its own.

Prints PASS/FAIL against the targets (peak under 150 MB, time within 3x of the floor, status under 0.3 s);
never asserts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKER = [sys.executable, "-m", "tracker"]
SOURCES = [ROOT / "seeds", ROOT.parent / "shared" / "realdocs" / "raw"]
SERIES = 16  # copies that name the same meetings
TARGET_MB, TARGET_RATIO, TARGET_STATUS_S = 150, 3.0, 0.3


def _texts() -> list[tuple[str, str]]:
    from tracker.usecases.ingest import read_document

    found = sorted(p for folder in SOURCES if folder.is_dir() for p in folder.iterdir() if p.suffix == ".txt")
    return [(p.stem, read_document(p)) for p in found]


def build(url: str, n: int) -> float:
    """Fill an empty store with `n` documents made from the real texts; seconds taken."""
    from tracker.domain import SourceDocument
    from tracker.extract.pipeline import extract
    from tracker.store import consolidate, open_store, writer
    from tracker.store.rows import rows_for

    now = datetime(2026, 1, 1, tzinfo=UTC)
    sources = [(stem, text, extract(text)) for stem, text in _texts()]
    began = time.perf_counter()
    with open_store(url) as store:
        store.ensure_current()
        groups: set = set()
        batch: list = []
        for i in range(n):
            stem, text, x = sources[i % len(sources)]
            copy, group = i // len(sources), i // (len(sources) * SERIES)
            shift = timedelta(days=group % 3000)
            meetings = [replace(m, instrument=f"{m.instrument or 'X'}{group}",
                                start=m.start + shift if m.start else None, end=m.end + shift if m.end else None)
                        for m in x.meetings]
            info = replace(x.document, symbol=f"{x.document.symbol}/C{copy}" if x.document.symbol else None)
            key = f"{stem[:40]}-c{copy}"
            src = SourceDocument(key, f"generated/{copy}/{stem}.txt", f"{i:064x}", text[:2048])
            batch.append(rows_for(src, replace(x, document=info, meetings=meetings), now))
            if len(batch) == 1000 or i == n - 1:
                with store.transaction(lock_name="ingest") as conn:
                    groups |= writer.write_rows(conn, batch, [])
                batch.clear()
        with store.transaction(lock_name="ingest") as conn:
            # consolidation reads each (instrument, kind) group's facts: without this index every group is a
            # scan of all facts (a quadratic another branch removes); the bench measures lists, not that
            conn.exec_driver_sql("CREATE INDEX bench_fact_group ON meeting_fact (instrument, kind)")
            consolidate.consolidate(conn, groups)
            conn.exec_driver_sql("DROP INDEX bench_fact_group")
    return time.perf_counter() - began


def run(argv: list[str], out: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process writing to `out`."""
    with out.open("wb") as sink:
        began = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)}: exit {proc.returncode}")
    return wall, usage.ru_maxrss / 1024


def measure(argv: list[str], out: Path, times: int = 3) -> tuple[float, float]:
    runs = [run(argv, out) for _ in range(times)]
    return statistics.median(w for w, _ in runs), max(m for _, m in runs)


# the floor: the same rows, read with plain sqlite3 and written as JSON lines
FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
out = sys.stdout
cur = conn.execute(sys.argv[2])
names = [d[0] for d in cur.description]
for row in cur:
    out.write(json.dumps(dict(zip(names, row)), ensure_ascii=False, default=str) + "\\n")
"""
MEETINGS_SQL = ("SELECT meeting.*, meeting_revision.revision FROM meeting LEFT JOIN meeting_revision "
                "ON meeting_revision.meeting_id = meeting.id ORDER BY meeting.start IS NULL, meeting.start, meeting.id")
SLOTS_SQL = ("SELECT slot.*, fill.value, meeting_fact.meeting_id FROM slot LEFT JOIN fill ON fill.slot_key = "
             "slot.natural_key LEFT JOIN meeting_fact ON meeting_fact.document_key = slot.document_key AND "
             "meeting_fact.local_id = slot.meeting_local ORDER BY slot.document_key, slot.span_start, slot.id")
ICS_SQL = ("SELECT meeting.*, meeting_revision.revision, meeting_revision.changed_at FROM meeting "
           "LEFT JOIN meeting_revision ON meeting_revision.meeting_id = meeting.id WHERE meeting.start IS NOT NULL "
           "ORDER BY meeting.start, meeting.id")


def _empty(folder: Path) -> str:
    """A new store with the current schema and no rows (made afresh each run: an old one may lack a step)."""
    db = folder / "empty.db"
    for stale in folder.glob("empty.db*"):
        stale.unlink()
    url = f"sqlite:///{db}"
    subprocess.run([*TRACKER, "--db", url, "db", "upgrade"], check=True, capture_output=True, cwd=ROOT)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "tracker-lists-bench"))
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"lists-{args.docs}.db"
    url = f"sqlite:///{db}"
    if not db.exists():
        print(f"building a store of {args.docs:,} documents from {len(_texts())} real texts ...", flush=True)
        print(f"  built in {build(url, args.docs):.1f} s ({db})", flush=True)
    subprocess.run([*TRACKER, "--db", url, "db", "upgrade"], check=True, capture_output=True, cwd=ROOT)
    import sqlite3

    with sqlite3.connect(db) as conn:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 -- fixed names
                  for t in ("document", "meeting", "slot", "decision")}
    print("store: " + ", ".join(f"{n:,} {t}s" for t, n in counts.items()))
    out = folder / "out"
    floor_cmd = [sys.executable, "-c", FLOOR, str(db)]
    cases = [("slots --json", ["slots", "--json"], SLOTS_SQL),
             ("meetings --json", ["meetings", "--json"], MEETINGS_SQL),
             ("export ics", ["export", "ics", "--dtstamp", "2026-01-01T00:00:00"], ICS_SQL)]
    print(f"{'command':<18}{'wall s':>9}{'peak MB':>9}{'output MB':>11}{'floor s':>9}{'ratio':>7}  verdict")
    for name, argv, sql in cases:
        wall, peak = measure([*TRACKER, "--db", url, *argv], out)
        size = out.stat().st_size / 1e6
        floor, _ = measure([*floor_cmd, sql], out)
        ok = peak < TARGET_MB and wall <= TARGET_RATIO * floor
        print(f"{name:<18}{wall:>9.2f}{peak:>9.0f}{size:>11.1f}{floor:>9.2f}{wall / floor:>7.2f}  "
              f"{'PASS' if ok else 'FAIL'} (peak < {TARGET_MB} MB, within {TARGET_RATIO:g}x of the floor)")
    for name, argv in (("status", ["status", "--as-of", "2000-01-01"]), ("status (empty)", ["status"])):
        target = url if name == "status" else _empty(folder)
        wall, peak = measure([*TRACKER, "--db", target, *argv], out, times=5)
        floor, _ = measure([sys.executable, "-c", "pass"], out, times=5)
        print(f"{name:<18}{wall:>9.2f}{peak:>9.0f}{out.stat().st_size / 1e6:>11.3f}{floor:>9.2f}{wall / floor:>7.2f}  "
              f"{'PASS' if wall < TARGET_STATUS_S else 'FAIL'} (under {TARGET_STATUS_S} s; floor: python -c pass)")


if __name__ == "__main__":
    main()
