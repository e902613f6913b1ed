"""The two reads people wait for, `status` and `search`, on an SQLite file through the stdlib sqlite3 module.

Importing SQLAlchemy costs about 0.3 s of CPU, more than both reads together at 100,000 documents, so a plain
`sqlite:///PATH` store answers them here: the schema checked by one small SELECT against `migrations.STEPS`'
names, then the same statements SQLAlchemy sends for `queries.status_report` and `search.entries` (written out,
with the same plans and indexes), the rows mapped by the same functions (`records`). Anything else — a database
to create or upgrade, PostgreSQL, a URL with a query — goes through the engine as before, so its messages and
exit codes stay those of the one store. `tests/test_startup.py` compares both paths' output on one store.
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path

from tracker.domain import StatusReport
from tracker.errors import StoreError, redacted
from tracker.store import records

PREFIX = "sqlite:///"
BUSY_TIMEOUT_MS = 30_000  # as the engine's (store.engine)
YEAR, UNKNOWN, HELD = "year", "unknown", "held"  # rules.vocabulary's Precision and MeetingStatus values
ALL = -1  # SQLite's LIMIT for no limit


def plain_file(url: str) -> str | None:
    """The path of `sqlite:///PATH` when that file exists and the URL holds nothing SQLAlchemy would read
    otherwise (a query, %-escapes, a memory or URI database); else None."""
    if not url.startswith(PREFIX):
        return None
    path = url[len(PREFIX):]
    if not path or path.startswith((":memory:", "file:")) or any(c in path for c in "?#%"):
        return None
    return path if Path(path).is_file() else None


def _connect(path: str) -> sqlite3.Connection:
    """A connection set up as the engine sets up its own (store.engine._sqlite_pragmas)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def is_current(path: str) -> bool:
    """Whether the file holds tracker's schema with every step applied and no other; False also when it
    cannot be read at all (the engine then says why, as it always did)."""
    from tracker.store.migrations import STEPS

    try:
        conn = sqlite3.connect(path)  # the file exists (plain_file): nothing is created
    except sqlite3.Error:
        return False
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone() is None:
            return False
        applied = {name for (name,) in conn.execute("SELECT name FROM schema_version")}
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return applied == {name for name, _ in STEPS}


@lru_cache(maxsize=64)
def _row_type(names: tuple[str, ...]):
    return namedtuple("Row", names, rename=True)


def _rows(cursor: sqlite3.Cursor, description) -> list:
    """Rows with their columns as attributes, dates (`start`, `end`) read as SQLAlchemy reads them."""
    names = tuple(d[0] for d in description)
    row = _row_type(names)
    dated = [i for i, n in enumerate(names) if n in ("start", "end")]
    out = []
    for values in cursor:
        if dated:
            values = list(values)
            for i in dated:
                if isinstance(values[i], str):
                    values[i] = date.fromisoformat(values[i])
        out.append(row(*values))
    return out


class Reader:
    """One reading transaction on the file: `rows(sql, params)` and `count(sql, params)`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: dict | tuple = ()) -> list:
        cursor = self.conn.execute(sql, params)
        return _rows(cursor, cursor.description)

    def count(self, sql: str, params: dict | tuple = ()) -> int:
        return self.conn.execute(sql, params).fetchone()[0]


@contextmanager
def snapshot(path: str, url: str) -> Iterator[Reader]:
    """A deferred BEGIN (in WAL mode it never waits for a writer), as `Store.snapshot`; a database failure is
    the StoreError the engine would raise, one line without a password."""
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot connect to the database {redacted(url)}: {_reason(exc)}") from None
    try:
        conn.execute("BEGIN")
        yield Reader(conn)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise StoreError(f"database error (sqlite): {_reason(exc)}") from None
    finally:
        conn.close()


def _reason(exc: sqlite3.Error) -> str:
    return redacted(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)


# ---------------------------------------------------------------- status (queries.status_report's statements)

MEETING_COLUMNS = ('meeting.id, meeting.name, meeting.instrument, meeting.kind, meeting.ordinal, meeting.year, '
                   'meeting.start, meeting."end", meeting.precision, meeting.start_time, meeting.end_time, '
                   'meeting.duration_days, meeting.venue_id, meeting.city, meeting.country, meeting.facility, '
                   'meeting.chair, meeting.host, meeting.languages, meeting.status, meeting.parent, '
                   'meeting_revision.revision')
REVISED = "FROM meeting LEFT OUTER JOIN meeting_revision ON meeting_revision.meeting_id = meeting.id"
UPCOMING = ('meeting.start IS NOT NULL AND (meeting.precision NOT IN (:year, :unknown)) AND '
            'coalesce(meeting."end", meeting.start) >= :as_of OR meeting.precision = :year AND meeting.year > :as_of_year')
INCOMPLETE = ('(meeting.start IS NULL OR meeting.city IS NULL OR meeting.chair IS NULL) AND (meeting.start IS NULL '
              'OR coalesce(meeting."end", meeting.start) >= :as_of) AND meeting.status != :held')
CORRECTIONS = ("SELECT correction.kind, correction.target, correction.field, correction.value, correction.typed, "
               "correction.set_by, correction.set_at FROM correction WHERE correction.kind = ?")
DECISIONS = ("SELECT decision.id, decision.document_key, decision.local_id, decision.number, decision.text, "
             "decision.status, decision.span_start, decision.span_end, decision.paragraph, decision.schedules "
             "FROM decision WHERE decision.status = :status ORDER BY decision.document_key, decision.span_start, "
             "decision.id LIMIT :limit")
OPEN_SLOTS = ("SELECT slot.id, slot.natural_key, slot.document_key, slot.decision_id, slot.local_id, slot.text, "
              "slot.left_context, slot.kind, slot.meeting_local, slot.field, slot.span_start, slot.span_end, "
              "slot.paragraph, fill.value, meeting_fact.meeting_id FROM slot LEFT OUTER JOIN fill ON fill.slot_key = "
              "slot.natural_key LEFT OUTER JOIN meeting_fact ON meeting_fact.document_key = slot.document_key AND "
              "meeting_fact.local_id = slot.meeting_local WHERE fill.slot_key IS NULL ORDER BY slot.document_key, "
              "slot.span_start, slot.id LIMIT :limit")
TOPICS = ("SELECT topic.label, topic.title, count(distinct(topic.document_key)) AS n FROM topic "
          "GROUP BY topic.label, topic.title ORDER BY topic.label, topic.title LIMIT :limit")


def status_report(path: str, url: str, as_of: date, limit: int | None) -> StatusReport:
    """What `queries.status_report` returns, read through sqlite3."""
    day = {"as_of": as_of.isoformat(), "as_of_year": as_of.year, "year": YEAR, "unknown": UNKNOWN, "held": HELD}
    top = limit or ALL
    with snapshot(path, url) as db:
        n_upcoming = db.count(f"SELECT count(*) FROM meeting WHERE {UPCOMING}", day)
        upcoming = [records.to_meeting(r) for r in db.rows(
            f"SELECT {MEETING_COLUMNS} {REVISED} WHERE {UPCOMING} ORDER BY meeting.start, meeting.year, meeting.id "
            "LIMIT :limit", {**day, "limit": top})]
        corrected = records.corrected_by(db.rows(CORRECTIONS, ("decision",)))
        decisions = [records._decision(r, corrected) for r in db.rows(DECISIONS, {"status": "proposed", "limit": top})]
        n_decisions = db.count("SELECT count(*) FROM decision WHERE decision.status = ?", ("proposed",))
        corrected = records.corrected_by(db.rows(CORRECTIONS, ("slot",)))
        slots = [records._slot(r, corrected) for r in db.rows(OPEN_SLOTS, {"limit": top})]
        filled = db.count("SELECT count(*) FROM fill WHERE EXISTS (SELECT * FROM slot WHERE slot.natural_key = "
                          "fill.slot_key)")
        n_slots = db.count("SELECT count(*) FROM slot") - filled
        n_incomplete = db.count(f"SELECT count(*) FROM meeting WHERE {INCOMPLETE}", day)
        lacking = db.rows(f"SELECT {MEETING_COLUMNS} {REVISED} WHERE {INCOMPLETE} AND meeting.start IS NOT NULL "
                          "ORDER BY meeting.start, meeting.id LIMIT :limit", {**day, "limit": top})
        if not limit or len(lacking) < limit:
            lacking += db.rows(f"SELECT {MEETING_COLUMNS} {REVISED} WHERE {INCOMPLETE} AND meeting.start IS NULL "
                               "ORDER BY meeting.id LIMIT :limit", {**day, "limit": limit - len(lacking) if limit else ALL})
        incomplete = [(records.to_meeting(r), records.missing(r)) for r in lacking]
        n_conflicts = db.count('SELECT count(*) FROM "conflict"')
        conflicts = [records.to_conflict(r) for r in db.rows(
            'SELECT "conflict".id, "conflict".meeting_id, "conflict".field, "conflict".claims FROM "conflict" '
            'ORDER BY "conflict".meeting_id, "conflict".field LIMIT :limit', {"limit": top})]
        corrected_conflicts = _correction_conflicts(db)
        topics = [records._topic(r) for r in db.rows(TOPICS, {"limit": top})]
        n_topics = db.count("SELECT count(*) FROM (SELECT DISTINCT topic.label AS label, topic.title AS title "
                            "FROM topic) AS anon_1")
        orphans = [records.to_orphan(r) for r in db.rows(
            "SELECT fill.slot_key, fill.slot_id, fill.value, fill.filled_by, fill.filled_at, fill.old_value FROM fill "
            "WHERE (fill.slot_key NOT IN (SELECT slot.natural_key FROM slot)) ORDER BY fill.slot_key")]
    return records.status_report(as_of, limit, (upcoming, n_upcoming), (decisions, n_decisions), (slots, n_slots),
                                 (incomplete, n_incomplete), (conflicts, n_conflicts), corrected_conflicts,
                                 (topics, n_topics), orphans)


def _correction_conflicts(db: Reader) -> list:
    """corrections.conflicts(conn) through sqlite3."""
    marks = ", ".join("?" * len(records.CLAIMED))
    found = db.rows(f"{CORRECTIONS} AND correction.field IN ({marks})", ("meeting", *records.CLAIMED))
    if not found:
        return []
    targets = sorted({c.target for c in found})
    facts: dict[str, list] = {}
    for r in db.rows(f"SELECT * FROM meeting_fact WHERE meeting_fact.meeting_id IN ({', '.join('?' * len(targets))}) "
                     "ORDER BY meeting_fact.document_key, meeting_fact.id", tuple(targets)):
        facts.setdefault(r.meeting_id, []).append(r)
    return records.correction_conflicts(found, facts)


# ---------------------------------------------------------------- search (search.entries' SQLite statement)

def fts_sql(kinds: int) -> str:
    """The FTS5 query of `search.entries` with `kinds` kind placeholders (0: every kind); the FTS table drives, in
    rowid order, so the first `limit` matches end the query."""
    where = f" AND e.kind IN ({', '.join('?' * kinds)})" if kinds else ""
    return ("SELECT e.id, e.kind, e.ident, e.document_key, e.label, e.body FROM search_fts "
            f"JOIN search_entry AS e ON e.id = search_fts.rowid WHERE search_fts MATCH ?{where} "
            "ORDER BY search_fts.rowid LIMIT ?")


def search_entries(path: str, url: str, match: str, kinds: tuple[str, ...], limit: int) -> list:
    """What `search.entries` returns on SQLite, read through sqlite3."""
    with snapshot(path, url) as db:
        return db.rows(fts_sql(len(kinds)), (match, *kinds, limit))
