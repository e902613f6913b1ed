"""Store benchmark: ingest throughput and report latency on a store of 100,000 documents.

  1. real end to end: `--real` (2,000) UN-style files from bench/extract_bench.py's generator (each given
     a symbol of its own: documents are keyed by symbol and language, so a shared symbol would make the
     later file replace the earlier) are first only extracted (read, decode, extract over a pool of all
     cores, nothing stored), then ingested into a fresh SQLite database through services.ingest_paths
     (the same work in worker processes, plus rows built there, batched bulk inserts, meetings merged at
     the end): documents/s of both, so what the store adds on top of extraction shows;
  2. bulk: the store is filled up to `--docs` (100,000) documents with SYNTHETIC extractions (meetings,
     decisions, slots, topics, people made here, not read from files) through the same writer, 1,000
     documents per transaction, then consolidated;
  3. wall time of `tracker status`, `tracker meetings --json` and `tracker --help` (beside `python -c pass`)
     as subprocesses, best of three.

Prints PASS/FAIL against the targets; never asserts. `--keep DIR` keeps the database.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_bench import generate  # noqa: E402

from tracker.domain import (  # noqa: E402
    Decision,
    DocumentInfo,
    Extraction,
    Meeting,
    Person,
    Slot,
    SourceDocument,
    SourceSpan,
    Topic,
)
from tracker.store import open_store  # noqa: E402
from tracker.usecases import services  # noqa: E402

TARGET_STATUS_S, TARGET_HELP_S, TARGET_INGEST = 0.5, 0.25, 250
TRACKER = Path(sys.executable).with_name("tracker")
INSTRUMENTS = ["CCM", "CCW", "APMBC", "BWC", "ATT"]
KINDS = ["meeting_of_states_parties", "intersessional", "expert_group", "preparatory"]


def synthetic(i: int, r: random.Random) -> tuple[SourceDocument, Extraction]:
    """A plausible extraction: two meetings of a treaty, two decisions with a blank each, topics, a chair."""
    inst = r.choice(INSTRUMENTS)
    year = r.randint(2000, 2030)
    start = date(year, r.randint(1, 12), r.randint(1, 20))
    span = SourceSpan(0, 10, 0)
    meetings = [
        Meeting(id="m1", name=f"{inst} meeting {i}", kind="meeting_of_states_parties", instrument=inst,
                ordinal=year - 1999, year=year, start=start, end=start + timedelta(days=4), precision="day",
                city="Geneva", country="CH", status="scheduled", spans=[span]),
        Meeting(id="m2", name="intersessional", kind=r.choice(KINDS[1:]), instrument=inst, year=year,
                start=start, end=start + timedelta(days=20), precision="window", status="proposed", spans=[span]),
    ]
    decisions = [Decision(id=f"d{k}", number=str(k), text=f"The Meeting decided {k} for document {i}.",
                          status=r.choice(["proposed", "adopted"]), slots=[f"s{k}"], span=span) for k in (1, 2)]
    slots = [Slot(id=f"s{k}", text="[...]", left_context=f"decided {k} to appoint", kind="person",
                  decision=f"d{k}", binds={"meeting": "m1", "field": "chair"}, span=span) for k in (1, 2)]
    topics = [Topic(label=c, title=f"topic {r.randint(1, 40)}", span=span) for c in "ab"]
    people = [Person(name=f"Person {r.randint(1, 5000)}", role="chair", country="CH", span=span)]
    symbol = f"{inst}/MSP/{year}/SYN.{i}"
    x = Extraction(DocumentInfo(language="en", kind="report", symbol=symbol, title=f"Report {i}", date=start),
                   meetings, decisions, slots, topics, [], people)
    text = f"{symbol}\n\nThe Meeting decided 1 to appoint [...] as chair.\n"
    return SourceDocument(f"syn-{i}", f"synthetic/{i}.txt", f"{i:064x}", text), x


# the document's own symbol on its cover: CCM/MSP/2010/5 or CCW/MSP/2007/SR.2 (the generator draws 1-12)
COVER_SYMBOL = re.compile(r"^(\s*[A-Z]+/[A-Z]+/\d{4}/(?:SR\.)?)\d+", re.MULTILINE)


def distinct_symbols(paths: list[Path]) -> None:
    """Give each generated file a symbol number of its own (its position + 1)."""
    for i, path in enumerate(paths):
        text = path.read_text("utf-8")
        path.write_text(COVER_SYMBOL.sub(lambda m, n=i + 1: f"{m.group(1)}{n}", text, count=1), "utf-8")


def _extract_file(path: Path) -> int:
    """Read and extract one file as ingest does (any format), in a worker."""
    from tracker.usecases.documents import read_document
    from tracker.usecases.ingest import read_bytes

    return len(read_document(read_bytes(path), str(path)).extraction.meetings)


def extraction_only(paths: list[Path]) -> float:
    """Seconds to read, decode and extract every file over a pool of all cores, storing nothing."""
    from concurrent.futures import ProcessPoolExecutor

    from tracker.extract import pipeline  # noqa: F401 -- loaded before the fork, as ingest does

    n = os.cpu_count() or 1
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=n) as pool:
        list(pool.map(_extract_file, paths, chunksize=max(1, min(8, len(paths) // (n * 8)))))
    return time.perf_counter() - t0


def bulk(store, start: int, n: int) -> float:
    from tracker.store import consolidate, writer

    store.ensure_current()
    r = random.Random(7)
    now = datetime(2025, 1, 1, tzinfo=UTC)
    t0 = time.perf_counter()
    groups: set = set()
    for lo in range(start, start + n, 1000):
        items = [synthetic(i, r) for i in range(lo, min(lo + 1000, start + n))]
        with store.transaction() as conn:
            groups |= writer.write_documents(conn, items, now, [])
    with store.transaction() as conn:
        consolidate.consolidate(conn, groups)
    return time.perf_counter() - t0


def wall(args: list[str], env: dict) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t0)
    return best


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=100_000, help="documents in the store at the end")
    ap.add_argument("--real", type=int, default=2_000, help="generated files ingested end to end")
    ap.add_argument("--keep", type=Path, help="keep the database and corpus in this directory")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{folder / 'bench.db'}"
        store = open_store(url)
        corpus = folder / "corpus"
        corpus.mkdir(exist_ok=True)
        files = generate(corpus, args.real, 1)
        distinct_symbols(files)
        extract_s = extraction_only(files)
        t0 = time.perf_counter()
        report = services.ingest_paths(store, [str(corpus)])
        real_s = time.perf_counter() - t0
        rate = args.real / real_s
        print(f"extraction only, same files: {args.real} files in {extract_s:.1f} s = {args.real / extract_s:.0f} "
              f"documents/s ({os.cpu_count()} cores, nothing stored)")
        print(f"ingest, real files end to end: {args.real} generated files in {real_s:.1f} s = {rate:.0f} documents/s "
              f"= {100 * extract_s / real_s:.0f}% of extraction only ({report.new} new, {report.updated} updated, "
              f"{len(report.failed)} failed)   target >= {TARGET_INGEST}: {verdict(rate >= TARGET_INGEST)}")
        n_syn = max(0, args.docs - args.real)
        syn_s = bulk(store, 0, n_syn)
        store.dispose()  # the commands timed next open the database themselves
        print(f"bulk, synthetic extractions: {n_syn} documents in {syn_s:.1f} s = {n_syn / max(syn_s, 1e-9):.0f} "
              f"documents/s (same writer, 1,000 per transaction); store now holds {args.real + n_syn} documents")
        env = {**os.environ, "TRACKER_DB": url}
        status_s = wall([str(TRACKER), "status", "--as-of", "2025-01-01"], env)
        meetings_s = wall([str(TRACKER), "meetings", "--json"], env)
        help_s = wall([str(TRACKER), "--help"], env)
        pass_s = wall([sys.executable, "-c", "pass"], env)
        print(f"tracker status:          {status_s:.3f} s   target < {TARGET_STATUS_S}: "
              f"{verdict(status_s < TARGET_STATUS_S)}")
        print(f"tracker meetings --json: {meetings_s:.3f} s")
        print(f"tracker --help:          {help_s:.3f} s   (python -c pass: {pass_s:.3f} s)   target < "
              f"{TARGET_HELP_S}: {verdict(help_s < TARGET_HELP_S)}")


if __name__ == "__main__":
    main()
