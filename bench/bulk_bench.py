"""Bulk benchmark: stores built the way users build them, each figure beside its floor, medians of --runs.

Trees come from bench/realcorpus.py (the shared real texts and the seeds, varied), cached under --dir.
  ingest       `tracker ingest TREE` into a new SQLite file, a whole process; beside it extraction alone over
               all cores (read, decode, extract, nothing stored) and the floor for the writes: plain sqlite3
               executemany of the very rows the store holds afterwards, into an empty copy of its schema;
               PostgreSQL beside it when TRACKER_BENCH_PG names a server (postgresql://…/db, emptied first)
  re-ingest    the same tree again (unchanged) against hashing every file (read + sha256, one core);
               1% of the files changed against extracting those files over all cores
  consolidate  every meeting rebuilt from all its facts, on trees where every 16th and every 2nd file
               names the same meetings, at 1k and 10k: time at each size and the ratio (10x the files: a
               ratio near 10 is linear, near 100 quadratic)
  fill         `tracker fill` of a blank of the meeting those shared files name (a whole process)

    .venv/bin/python bench/bulk_bench.py                  # 1k and 10k (about 10 minutes on 2 quiet cores)
    TRACKER_BENCH_100K=1 .venv/bin/python bench/bulk_bench.py   # and 100k (over an hour: extraction bound)

Reports, never asserts; PASS/FAIL against the issue's targets.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realcorpus import ORDINALS, build_tree, change, templates, variant_of  # noqa: E402

TRACKER = Path(sys.executable).with_name("tracker")
TARGET_DOCS_S = 1000


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def tree(base: Path, n: int, share: int | None) -> list[Path]:
    """The tree of n files (cached: built once under base)."""
    out = base / f"tree-{n}-{share or 0}"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        build_tree(out, n, share)
        done.write_text("ok")
    return sorted(p for p in out.rglob("*.txt"))


def run(*args: str, db: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(TRACKER), "--db", db, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - t0


def _extract(path: Path) -> int:
    """Read and extract one file as ingest does (any format), in a worker."""
    from tracker.usecases.documents import read_document
    from tracker.usecases.ingest import read_bytes

    return len(read_document(read_bytes(path), str(path)).extraction.meetings)


def extraction(paths: list[Path]) -> float:
    from tracker.extract import pipeline  # noqa: F401 -- loaded before the fork, as ingest does

    n = os.cpu_count() or 1
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=n) as pool:
        list(pool.map(_extract, paths, chunksize=max(1, min(8, len(paths) // (n * 8)))))
    return time.perf_counter() - t0


def hashing(paths: list[Path]) -> float:
    t0 = time.perf_counter()
    for p in paths:
        hashlib.sha256(p.read_bytes()).hexdigest()
    return time.perf_counter() - t0


def sqlite_floor(db: Path, scratch: Path) -> tuple[float, int]:
    """Seconds for plain sqlite3 to executemany every row of the store into an empty copy of its schema."""
    src = sqlite3.connect(db)
    tables = [r for r in src.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL "
                                      "AND name NOT LIKE 'sqlite/_%' ESCAPE '/'")]  # not ANALYZE's sqlite_stat1
    virtual = [name for name, sql in tables if sql.upper().startswith("CREATE VIRTUAL")]
    # a virtual table (FTS5) makes its own shadow tables (search_fts_data, …): created with it, not copied
    tables = [(name, sql) for name, sql in tables if not any(name.startswith(f"{v}_") for v in virtual)]
    indexes = [r[0] for r in src.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")]
    data = {name: src.execute(f'SELECT * FROM "{name}"').fetchall() for name, _ in tables}  # noqa: S608 -- names from the schema
    src.close()
    target = scratch / "floor.db"
    target.unlink(missing_ok=True)
    dst = sqlite3.connect(target, isolation_level=None)
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("PRAGMA synchronous = NORMAL")
    for _, sql in tables:
        dst.execute(sql)
    for sql in indexes:
        dst.execute(sql)
    rows = sum(len(v) for v in data.values())
    t0 = time.perf_counter()
    dst.execute("BEGIN")
    for name, _ in tables:
        if data[name]:
            marks = ",".join("?" * len(data[name][0]))
            dst.executemany(f'INSERT INTO "{name}" VALUES ({marks})', data[name])  # noqa: S608
    dst.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    dst.close()
    return elapsed, rows


def full_consolidation(url: str) -> float:
    from sqlalchemy import select

    from tracker.store import consolidate, open_store
    from tracker.store import tables as t

    with open_store(url) as store, store.transaction() as conn:
        f = t.MeetingFactRow.__table__
        groups = {(r.instrument, r.kind) for r in conn.execute(select(f.c.instrument, f.c.kind).distinct())}
        t0 = time.perf_counter()
        consolidate.consolidate(conn, groups)
        elapsed = time.perf_counter() - t0
        conn.rollback()
    return elapsed


def biggest_meeting(db: Path) -> tuple[str, int]:
    con = sqlite3.connect(db)
    row = con.execute("SELECT meeting_id, COUNT(*) c FROM meeting_fact GROUP BY meeting_id ORDER BY c DESC LIMIT 1").fetchone()
    con.close()
    return row[0], row[1]


def seed_slot(db: Path) -> tuple[str, int] | None:
    """A day blank of the seed's second meeting (ccm-msp-2) and how many facts that meeting has."""
    con = sqlite3.connect(db)
    facts = con.execute("SELECT COUNT(*) FROM meeting_fact WHERE meeting_id = 'ccm-msp-2'").fetchone()[0]
    row = con.execute("SELECT s.id FROM slot s JOIN meeting_fact f ON f.document_key = s.document_key AND "
                      "f.local_id = s.meeting_local WHERE f.meeting_id = 'ccm-msp-2' AND s.local_id = 's5' "
                      "ORDER BY s.id LIMIT 1").fetchone()
    con.close()
    return (row[0], facts) if row else None


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def ingest_stage(base: Path, n: int, runs: int) -> Path:
    paths = tree(base, n, None)
    times, db = [], base / f"ingest-{n}.db"
    for _ in range(runs):
        db.unlink(missing_ok=True)
        for extra in ("-wal", "-shm"):
            Path(f"{db}{extra}").unlink(missing_ok=True)
        times.append(run("ingest", str(paths[0].parents[1]), db=f"sqlite:///{db}"))
    ingest_s = median(times)
    extract_s = median([extraction(paths) for _ in range(runs)])
    floor_s, rows = sqlite_floor(db, base)
    print(f"ingest {n:>6} files into SQLite: {ingest_s:7.1f} s = {n / ingest_s:6.0f} documents/s   "
          f"target >= {TARGET_DOCS_S}: {verdict(n / ingest_s >= TARGET_DOCS_S)}")
    print(f"    extraction alone, {os.cpu_count()} cores: {extract_s:7.1f} s = {n / extract_s:6.0f} documents/s "
          f"({100 * extract_s / ingest_s:.0f}% of the ingest)")
    print(f"    floor, plain sqlite3 executemany of its {rows} rows: {floor_s:.2f} s = {rows / floor_s:,.0f} rows/s "
          f"({100 * floor_s / ingest_s:.1f}% of the ingest)")
    pg = os.environ.get("TRACKER_BENCH_PG")
    if pg:
        pg_times = []
        for _ in range(runs):
            _empty_postgres(pg)
            pg_times.append(run("ingest", str(paths[0].parents[1]), db=pg))
        pg_s = median(pg_times)
        print(f"    PostgreSQL: {pg_s:7.1f} s = {n / pg_s:6.0f} documents/s = {pg_s / ingest_s:.2f}x SQLite   "
              f"target <= 1.5x: {verdict(pg_s <= 1.5 * ingest_s)}")
    else:
        print("    PostgreSQL: not measured (set TRACKER_BENCH_PG=postgresql://…/db, a database to empty)")
    return db


def _empty_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from tracker.store.engine import driver_url

    engine = create_engine(driver_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def reingest_stage(base: Path, n: int, db: Path, runs: int) -> None:
    paths = tree(base, n, None)
    root = str(paths[0].parents[1])
    same = median([run("ingest", root, db=f"sqlite:///{db}") for _ in range(runs)])
    hash_s = median([hashing(paths) for _ in range(runs)])
    print(f"re-ingest {n:>6} unchanged files: {same:6.2f} s; hashing them: {hash_s:6.2f} s = {same / hash_s:.2f}x   "
          f"target <= 2x: {verdict(same <= 2 * hash_s)}")
    changed_s, extract_s = [], []
    share = None
    ts = templates()
    for r in range(runs):
        changed = change(paths, 0.01, share) if r % 2 == 0 else _restore(paths, ts, share)
        changed_s.append(run("ingest", root, db=f"sqlite:///{db}"))
        extract_s.append(extraction(changed))
    if runs % 2:
        _restore(paths, ts, share)
        run("ingest", root, db=f"sqlite:///{db}")
    c, e = median(changed_s), median(extract_s)
    print(f"re-ingest {n:>6} files, 1% changed: {c:6.2f} s; extracting those {len(changed)}: {e:6.2f} s = {c / e:.2f}x   "
          f"target <= 2x: {verdict(c <= 2 * e)}")


def _restore(paths: list[Path], ts, share) -> list[Path]:
    """The files change() rewrote, back as build_tree wrote them."""
    from realcorpus import job_number, template_of, variant_text

    step = 100
    out = []
    for path in paths[::step]:
        i = int(path.stem.split("_")[0])
        t = ts[template_of(i, share, len(ts))]
        path.write_text(variant_text(t, i, variant_of(i, share, len(ts))) + job_number(i), "utf-8")
        out.append(path)
    return out


def shared_stage(base: Path, share: int, sizes: list[int], runs: int) -> None:
    cons, fills = {}, {}
    for n in sizes:
        paths = tree(base, n, share)
        db = base / f"shared-{n}-{share}.db"
        if not db.exists():
            run("ingest", str(paths[0].parents[1]), db=f"sqlite:///{db}")
        url = f"sqlite:///{db}"
        cons[n] = median([full_consolidation(url) for _ in range(runs)])
        big, facts = biggest_meeting(db)
        slot = seed_slot(db)
        if slot:
            times = []
            for k in range(runs):
                times.append(run("fill", slot[0], str(12 + k), db=url))
                run("unfill", slot[0], db=url)
            fills[n] = (median(times), slot[1])
        print(f"1 file in {share:>2} names the same meetings, {n:>6} files: consolidation {cons[n]:6.2f} s "
              f"(the biggest meeting, {big}, has {facts} facts)"
              + (f"; tracker fill on ccm-msp-2 ({fills[n][1]} facts): {fills[n][0]:.2f} s" if n in fills else ""))
    lo, hi = sizes[0], sizes[-1]
    scale = hi / lo
    ratio = cons[hi] / cons[lo]
    print(f"    consolidation {hi // lo}x the files: {ratio:.1f}x the time   linear (< {2 * scale:.0f}x): "
          f"{verdict(ratio < 2 * scale)}")
    if lo in fills and hi in fills:
        # a whole process: its start-up (~0.5 s) is in both figures, so the ratio compares what grows
        print(f"    fill {hi // lo}x the files: {fills[hi][0] / fills[lo][0]:.1f}x the time "
              f"({fills[lo][1]} -> {fills[hi][1]} facts on the meeting)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "tracker-bulk-bench")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = ap.parse_args()
    sizes = args.sizes + ([100_000] if os.environ.get("TRACKER_BENCH_100K") else [])
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"templates: {len(templates())} (../shared/realdocs/raw and seeds/), variants: {ORDINALS}; "
          f"trees cached in {args.dir}")
    for n in sizes:
        db = ingest_stage(args.dir, n, args.runs if n <= 10_000 else 1)
        reingest_stage(args.dir, n, db, args.runs if n <= 10_000 else 1)
    for share in (16, 2):
        shared_stage(args.dir, share, [s for s in sizes if s <= 10_000], args.runs)


if __name__ == "__main__":
    main()
