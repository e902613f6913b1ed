"""Lists, exports and status on a large store: wall time and peak memory of whole processes, floor beside each.

The store (`--docs`, 100,000 by default) is built from REAL extractions: the seeds and the shared real texts
(`../shared/realdocs/raw/`) are extracted once each, then each document is written `--docs / N` times through
the store's own writer (`store.writer.write_rows`, 1,000 documents per transaction) with a key, path, hash and
symbol of its own, its stored text cut to its first 2 KB (lists never read it), and its meetings moved into a
series of their own every 16 copies (the instrument gets the copy's group number, the dates move by a day per
group): every 16th document names the same meetings, as a treaty's documents do. Then meetings are merged
(`store.consolidate`) as ingest does. The store is kept under `--dir` and reused when it is there.

Each command runs as its own process (`tracker --db URL …`, stdout to a file), three times: the median wall
time, the median CPU time (user + system, `os.wait4`: steadier than wall on a shared machine) and the largest
peak RSS (ru_maxrss). The floor is plain `sqlite3` reading the same rows (the same tables and joins, in the same
order) and writing each as one JSON line, in a process of its own; its CPU time is beside it, and the ratio
is given for both. The 1-minute load average when each command started is printed beside its figures.

Every list in every form (`--json`, `--jsonl`, `--csv`, text), `export ics` (with and without `--todos`) and
`export decisions --format md`. `--only WORD` runs the cases whose name holds WORD (repeatable).

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
from dataclasses import dataclass, replace
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


@dataclass(frozen=True)
class Measure:
    wall: float  # seconds, median
    cpu: float  # user + system seconds, median
    peak: float  # MB, the largest
    load: float  # 1-minute load average before the first run


def run(argv: list[str], out: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one process writing to `out`."""
    with out.open("wb") as sink:
        began = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)}: exit {proc.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(argv: list[str], out: Path, times: int = 3) -> Measure:
    load = os.getloadavg()[0]
    runs = [run(argv, out) for _ in range(times)]
    return Measure(statistics.median(w for w, _, _ in runs), statistics.median(c for _, c, _ in runs),
                   max(m for _, _, m in runs), load)


# the floor: the same rows, read with plain sqlite3 and written as JSON lines (one or more queries, in turn)
FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
out = sys.stdout
for sql in sys.argv[2:]:
    cur = conn.execute(sql)
    names = [d[0] for d in cur.description]
    for row in cur:
        out.write(json.dumps(dict(zip(names, row)), ensure_ascii=False, default=str) + "\\n")
"""
MEETINGS_SQL = ("SELECT meeting.*, meeting_revision.revision FROM meeting LEFT JOIN meeting_revision "
                "ON meeting_revision.meeting_id = meeting.id ORDER BY meeting.start IS NULL, meeting.start, meeting.id")
SLOTS_SQL = ("SELECT slot.*, fill.value, meeting_fact.meeting_id FROM slot LEFT JOIN fill ON fill.slot_key = "
             "slot.natural_key LEFT JOIN meeting_fact ON meeting_fact.document_key = slot.document_key AND "
             "meeting_fact.local_id = slot.meeting_local ORDER BY slot.document_key, slot.span_start, slot.id")
DECISIONS_SQL = "SELECT * FROM decision ORDER BY document_key, span_start, id"
PEOPLE_SQL = ("SELECT person.name, role.* FROM role JOIN person ON person.id = role.person_id "
              "ORDER BY person.name, role.document_key, role.id")
TOPICS_SQL = ("SELECT ident, document_key, label, title FROM topic "  # one row per topic, as `tracker topics` since
              "ORDER BY label, title, document_key, id")  # topics have ids (0013_topics)
DOCUMENTS_SQL = "SELECT * FROM document ORDER BY key"
# what a calendar event holds: the meeting, its revision, its documents' symbols, its open slots
ICS_SQL = ("SELECT meeting.*, meeting_revision.revision, meeting_revision.changed_at, (SELECT json_group_array("
           "coalesce(nullif(document.symbol, ''), meeting_fact.document_key)) FROM meeting_fact LEFT JOIN document "
           "ON document.key = meeting_fact.document_key WHERE meeting_fact.meeting_id = meeting.id) AS sources "
           "FROM meeting LEFT JOIN meeting_revision ON meeting_revision.meeting_id = meeting.id "
           "WHERE meeting.start IS NOT NULL ORDER BY meeting.start, meeting.id")
ICS_SLOTS_SQL = ("SELECT slot.*, fill.value, meeting_fact.meeting_id FROM meeting JOIN meeting_fact ON "
                 "meeting_fact.meeting_id = meeting.id JOIN slot ON slot.document_key = meeting_fact.document_key "
                 "AND slot.meeting_local = meeting_fact.local_id LEFT JOIN fill ON fill.slot_key = slot.natural_key "
                 "WHERE meeting.start IS NOT NULL AND fill.slot_key IS NULL "
                 "ORDER BY meeting.start, meeting.id, slot.document_key, slot.span_start, slot.id")
# the to-dos: open slots and proposed decisions
TODO_SQLS = (SLOTS_SQL.replace("ORDER BY", "WHERE fill.slot_key IS NULL ORDER BY"),
             "SELECT * FROM decision WHERE status = 'proposed' ORDER BY document_key, span_start, id")
# the Markdown export: every decision, then every slot with its fill (by decision)
MARKDOWN_SQLS = (DECISIONS_SQL, SLOTS_SQL)

# (name, tracker arguments, the floor's queries)
CASES: list[tuple[str, list[str], tuple[str, ...]]] = [
    *[(f"{what} {form}".strip(), [what, *form.split()], (sql,))
      for what, sql, forms in (("slots", SLOTS_SQL, ("--json", "--csv", "")),
                               ("meetings", MEETINGS_SQL, ("--json", "--jsonl", "--csv", "")),
                               ("decisions", DECISIONS_SQL, ("--json", "--csv", "")),
                               ("people", PEOPLE_SQL, ("--json", "--csv", "")),
                               ("topics", TOPICS_SQL, ("--json", "")),
                               ("documents", DOCUMENTS_SQL, ("--json", "")))
      for form in forms],
    ("export ics", ["export", "ics", "--dtstamp", "2026-01-01T00:00:00"], (ICS_SQL, ICS_SLOTS_SQL)),
    ("export ics --todos", ["export", "ics", "--todos", "--dtstamp", "2026-01-01T00:00:00"],
     (ICS_SQL, ICS_SLOTS_SQL, *TODO_SQLS)),
    ("export decisions md", ["export", "decisions", "--format", "md"], MARKDOWN_SQLS),
]


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
    parser.add_argument("--only", action="append", default=[], metavar="WORD", help="only the cases naming WORD")
    parser.add_argument("--times", type=int, default=3, help="runs of each command (the median is printed)")
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
    cases = [c for c in CASES if not args.only or any(word in c[0] for word in args.only)]
    print(f"{'command':<22}{'wall s':>8}{'cpu s':>7}{'peak MB':>8}{'out MB':>8}{'floor s':>8}{'cpu s':>7}"
          f"{'ratio':>7}{'cpu':>6}{'load':>6}  verdict (peak < {TARGET_MB} MB, within {TARGET_RATIO:g}x of the floor)")
    for name, argv, sqls in cases:
        got = measure([*TRACKER, "--db", url, *argv], out, args.times)
        size = out.stat().st_size / 1e6
        floor = measure([*floor_cmd, *sqls], out, args.times)
        ok = got.peak < TARGET_MB and got.wall <= TARGET_RATIO * floor.wall
        print(f"{name:<22}{got.wall:>8.2f}{got.cpu:>7.2f}{got.peak:>8.0f}{size:>8.1f}{floor.wall:>8.2f}{floor.cpu:>7.2f}"
              f"{got.wall / floor.wall:>7.2f}{got.cpu / floor.cpu:>6.2f}{got.load:>6.1f}  {'PASS' if ok else 'FAIL'}",
              flush=True)
    if args.only and not any(word in "status" for word in args.only):
        return
    for name, argv in (("status", ["status", "--as-of", "2000-01-01"]), ("status (empty)", ["status"])):
        target = url if name == "status" else _empty(folder)
        got = measure([*TRACKER, "--db", target, *argv], out, times=5)
        floor = measure([sys.executable, "-c", "pass"], out, times=5)
        print(f"{name:<22}{got.wall:>8.2f}{got.cpu:>7.2f}{got.peak:>8.0f}{out.stat().st_size / 1e6:>8.3f}"
              f"{floor.wall:>8.2f}{floor.cpu:>7.2f}{got.wall / floor.wall:>7.2f}{got.cpu / max(floor.cpu, 0.01):>6.2f}"
              f"{got.load:>6.1f}  {'PASS' if got.wall < TARGET_STATUS_S else 'FAIL'} (under {TARGET_STATUS_S} s; "
              f"floor: python -c pass)", flush=True)

if __name__ == "__main__":
    main()
