"""Lists, exports and dumps are written as they are read: a long list costs the memory of a chunk, not of the list.

The store here holds N generated documents, each with one meeting of its own and a decision with one open blank, written through
the store's own writer and merged as ingest merges them. Each command runs in this process with its output
counted and thrown away, and tracemalloc's peak (Python's allocations) must stay far under what the whole list
takes: the code that built a list whole, then its JSON whole, peaked at many times the bound.
"""

from __future__ import annotations

import json
import sys
import tracemalloc
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import cli

from tracker.domain import Decision, DocumentInfo, Extraction, Meeting, Slot, SourceDocument, SourceSpan

N = 6_000  # documents; each list below is N rows long (megabytes of output)
BOUND = 5 * 1024 * 1024  # peak bytes while streaming (2-3.5 MB: a chunk of rows, a new engine's caches);
# the whole-list code peaked at 10 MB (slots) to 39 MB (export ics) on this store


def _document(i: int) -> tuple[SourceDocument, Extraction]:
    span = SourceSpan(0, 10, 0)
    start = date(2030, 1, 1) + timedelta(days=i % 700)
    meeting = Meeting(id="m1", name=f"Meeting of States Parties {i}", kind="meeting_of_states_parties",
                      instrument="CCM", ordinal=i + 1, year=start.year, start=start, end=start + timedelta(days=4),
                      precision="day", city="Geneva", country="CH", status="scheduled", spans=[span])
    slot = Slot(id="s1", text="[...]", left_context=f"decided {i} to appoint", kind="person",
                binds={"meeting": "m1", "field": "chair"}, span=span, decision="d1")
    decision = Decision(id="d1", number="1", text=f"Decides {i} to appoint [...] as President.", slots=["s1"],
                        span=span)
    info = DocumentInfo(language="en", kind="report", symbol=f"CCM/MSP/GEN/{i}", title=f"Report {i}", date=start)
    src = SourceDocument(f"gen-{i:05d}", f"generated/{i}.txt", f"{i:064x}", "generated")
    return src, Extraction(info, [meeting], [decision], [slot], [], [], [])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def large(request, tmp_path_factory):
    """A store of N generated documents, built once per backend for the tests of this module (they only read)."""
    from conftest import _fresh_postgres_database

    from tracker.store import consolidate, open_store, writer
    from tracker.store.rows import rows_for

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('large') / 'tracker.db'}"
    else:
        url = _fresh_postgres_database(request.getfixturevalue("postgres_server"))
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with open_store(url) as store:
        store.ensure_current()
        groups: set = set()
        for first in range(0, N, 2000):
            with store.transaction(lock_name="ingest") as conn:
                groups |= writer.write_rows(conn, [rows_for(*_document(i), now) for i in range(first, first + 2000)],
                                            [])
        with store.transaction(lock_name="ingest") as conn:
            consolidate.consolidate(conn, groups)
    return url


class _Sink:
    """stdout that counts what it is given and keeps none of it (text and, through .buffer, bytes)."""

    def __init__(self) -> None:
        self.size = 0
        self.lines = 0
        self.buffer = self
        self.encoding = "utf-8"
        self.errors = "strict"

    def write(self, data) -> int:
        self.size += len(data)
        self.lines += data.count("\n" if isinstance(data, str) else b"\n")
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("no file")


def _peak(monkeypatch, db_url: str, empty: str, *args: str) -> tuple[int, _Sink]:
    """Run `tracker --db DB_URL ARGS` in this process, output thrown away: the peak of Python's allocations.

    The same command runs first on the empty store `empty`, so the modules it imports are loaded before
    the measure: what is measured is what the rows cost."""
    from tracker.cli import app

    sink = _Sink()
    monkeypatch.setattr(sys, "stdout", sink)
    app(["--db", empty, *args], standalone_mode=False)
    sink.lines = sink.size = 0
    tracemalloc.start()
    try:
        app(["--db", db_url, *args], standalone_mode=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        monkeypatch.undo()
    return peak, sink


@pytest.mark.parametrize("args", [
    ("meetings", "--json"),
    ("slots", "--csv"),
    ("slots",),  # text: laid out on its first 1,000 rows, the rest written in their columns
    ("documents", "--jsonl"),
    ("export", "ics", "--dtstamp", "2026-01-01T00:00:00"),
    ("export", "ics", "--todos", "--dtstamp", "2026-01-01T00:00:00"),  # a to-do for each open blank, too
    ("export", "decisions", "--format", "md"),
], ids=lambda a: " ".join(a[:3]))
def test_a_long_list_is_written_in_constant_memory(large, monkeypatch, tmp_path, args):
    peak, sink = _peak(monkeypatch, large, f"sqlite:///{tmp_path / 'empty.db'}", *args)
    assert sink.lines >= N  # every row was written ...
    assert peak < BOUND, f"{' '.join(args)}: peak {peak / 1e6:.1f} MB for {sink.size / 1e6:.1f} MB written"


def test_limit_and_offset_page_through_a_list_in_its_order(large):
    whole = json.loads(cli(large, "meetings", "--json").stdout)["meetings"]
    assert len(whole) == N
    pages = [json.loads(cli(large, "meetings", "--json", "--limit", "2500", "--offset", str(k)).stdout)["meetings"]
             for k in range(0, N, 2500)]
    assert [m["id"] for page in pages for m in page] == [m["id"] for m in whole]
    lines = cli(large, "slots", "--jsonl", "--offset", str(N - 2)).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["gen-05998-s1", "gen-05999-s1"]


def test_a_long_text_list_keeps_its_first_rows_columns_and_says_how_many(large):
    lines = cli(large, "slots").stdout.splitlines()
    assert lines[0] == f"Slots ({N})" and len(lines) == N + 2  # the title, the header, every row
    # one layout: rows 1,001 on in the columns of the first 1,000 (every slot's kind under the header's "kind")
    assert {line.index("person") for line in lines[2:]} == {lines[1].index("kind")}
    page = cli(large, "slots", "--limit", "3", "--offset", "10").stdout.splitlines()
    assert page[0] == f"Slots ({N})" and len(page) == 6
    assert page[-1] == f"  … and {N - 13} more (--offset 13 shows them)"


def test_status_reads_only_the_upcoming_meetings_it_shows_and_counts_the_rest(large):
    report = json.loads(cli(large, "status", "--as-of", "2000-01-01", "--limit", "3", "--json").stdout)
    assert len(report["upcoming"]) == 3 and report["totals"]["upcoming"] == N
    assert [m["start"] for m in report["upcoming"]] == ["2030-01-01"] * 3
