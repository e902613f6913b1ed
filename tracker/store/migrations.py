"""Named, ordered schema steps, each applied together with its schema_version row, under a lock.

A database with no tables is created on first use; one that lacks a step is refused with a message
naming `tracker db upgrade`; one with steps this version does not know is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tracker.errors import StoreError
from tracker.store import ddl

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from tracker.store.engine import Store


def text(sql: str):
    """SQLAlchemy's `text`, imported when a step runs: reading STEPS (`store.lite` checks a database against
    their names) loads no SQLAlchemy."""
    from sqlalchemy import text as sql_text

    return sql_text(sql)


def _frozen(statements: dict[str, tuple[str, ...]]) -> Callable[[Connection], None]:
    """A step that runs DDL frozen in `store/ddl.py`, the text for this database's dialect."""
    def step(conn: Connection) -> None:
        for statement in statements[conn.dialect.name]:
            conn.exec_driver_sql(statement)
    return step


def _report_indexes(conn: Connection) -> None:
    # status and the lists filter on these
    for statement in ("CREATE INDEX IF NOT EXISTS ix_slot_decision_id ON slot (decision_id)",
                      "CREATE INDEX IF NOT EXISTS ix_meeting_status ON meeting (status)",
                      "CREATE INDEX IF NOT EXISTS ix_topic_label_title ON topic (label, title)"):
        conn.execute(text(statement))


def _read_indexes(conn: Connection) -> None:
    # each matches a report query at 100,000 documents: proposed decisions and open slots in list order
    # (the first rows come straight off the index), topic groups counted from the index alone, a slot's
    # meeting fact, documents by path; (label, title, document_key) makes (label, title) redundant
    for statement in ("CREATE INDEX IF NOT EXISTS ix_decision_status_order ON decision (status, document_key, span_start, id)",
                      "CREATE INDEX IF NOT EXISTS ix_slot_order ON slot (document_key, span_start, id)",
                      "CREATE INDEX IF NOT EXISTS ix_topic_label_title_document ON topic (label, title, document_key)",
                      "DROP INDEX IF EXISTS ix_topic_label_title",
                      "CREATE INDEX IF NOT EXISTS ix_meeting_fact_document_local ON meeting_fact (document_key, local_id)",
                      "CREATE INDEX IF NOT EXISTS ix_document_path ON document (path)"):
        conn.execute(text(statement))


def _decision_schedules(conn: Connection) -> None:
    # the meetings a decision schedules, recorded at extraction (local ids, comma-separated); rows stored
    # before this step keep NULL (they schedule nothing by their words until their document is ingested again)
    conn.execute(text("ALTER TABLE decision ADD COLUMN schedules VARCHAR"))


def _formats(conn: Connection) -> None:
    # the format a document was read from, and where each page starts in its text (PDF), so a fact's offset
    # finds its page; rows stored before this step keep NULL (no pages) until their document is ingested again
    conn.execute(text("ALTER TABLE document ADD COLUMN format VARCHAR"))
    conn.execute(text("ALTER TABLE document_text ADD COLUMN page_starts VARCHAR"))


def _stream_indexes(conn: Connection) -> None:
    # the streamed lists and calendar read in these orders: meetings by first day then id (the calendar's three
    # merged streams, status' upcoming list with its LIMIT), decisions in list order without a status filter
    for statement in ("CREATE INDEX IF NOT EXISTS ix_meeting_start_id ON meeting (start, id)",
                      "CREATE INDEX IF NOT EXISTS ix_decision_order ON decision (document_key, span_start, id)"):
        conn.execute(text(statement))


def _bulk(conn: Connection) -> None:
    # a file's size and mtime when its bytes were last hashed: a re-ingest skips a file whose stat still
    # agrees without reading it (NULL: hash it next time); consolidation reads the facts of one
    # (instrument, kind, year) at a time, the meetings a changed document can reach
    conn.execute(text("ALTER TABLE document ADD COLUMN file_size BIGINT"))
    conn.execute(text("ALTER TABLE document ADD COLUMN file_mtime_ns BIGINT"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_meeting_fact_bucket ON meeting_fact (instrument, kind, year)"))


def _status_indexes(conn: Connection) -> None:
    # status at 100,000 documents reads meetings through these alone: the upcoming count and its first rows in
    # their order (start, year, id) walk the first, the incomplete count and its first dated rows (start, id)
    # the second; neither touches the table rows except for the few it prints. The calendar reads the
    # documents of each meeting from (meeting_id, document_key) alone, not a fact row each (-40% at 20,000)
    for statement in ('CREATE INDEX IF NOT EXISTS ix_meeting_upcoming ON meeting (start, year, id, "end", precision)',
                      'CREATE INDEX IF NOT EXISTS ix_meeting_incomplete ON meeting '
                      '(start, id, "end", status, city, chair)',
                      "CREATE INDEX IF NOT EXISTS ix_meeting_fact_meeting_document ON meeting_fact "
                      "(meeting_id, document_key)"):
        conn.execute(text(statement))


def _topics(conn: Connection) -> None:
    # a topic's stable id, `<doc-key>-t4` (the fourth its document lists, as decisions are d7 and slots s3), so
    # people can correct one; rows stored before this step are numbered here in the order they were written
    # (their document's order), and their search entries, which named a topic by its label, take the same id
    conn.execute(text("ALTER TABLE topic ADD COLUMN ident VARCHAR"))
    conn.execute(text("CREATE INDEX ix_topic_ident ON topic (ident)"))
    conn.execute(text("UPDATE topic SET ident = document_key || '-t' || CAST((SELECT count(*) FROM topic AS earlier "
                      "WHERE earlier.document_key = topic.document_key AND earlier.id <= topic.id) AS VARCHAR)"))
    conn.execute(text("UPDATE search_entry SET ident = document_key || '-t' || CAST((SELECT count(*) "
                      "FROM search_entry AS earlier WHERE earlier.document_key = search_entry.document_key "
                      "AND earlier.kind = 'topic' AND earlier.id <= search_entry.id) AS VARCHAR) "
                      "WHERE kind = 'topic' AND document_key IS NOT NULL"))


# Each step's DDL is fixed as it was written: never edit one (databases that applied it keep what it made);
# change the schema by appending a step of plain ALTER/CREATE and changing the table classes to match.
STEPS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_tables", _frozen(ddl.STEP_0001_TABLES)),
    ("0002_report_indexes", _report_indexes),
    ("0003_fills", _frozen(ddl.STEP_0003_FILLS)),
    ("0004_read_indexes", _read_indexes),
    ("0005_decision_schedules", _decision_schedules),
    ("0006_corrections", _frozen(ddl.STEP_0006_CORRECTIONS)),
    ("0007_formats", _formats),
    ("0008_provenance", _frozen(ddl.STEP_0008_PROVENANCE)),
    ("0009_search", _frozen(ddl.STEP_0009_SEARCH)),
    ("0010_streaming", _stream_indexes),
    ("0011_bulk", _bulk),
    ("0012_status", _status_indexes),
    ("0013_topics", _topics),
]


@dataclass(frozen=True)
class SchemaState:
    applied: list[str]
    pending: list[str]
    unknown: list[str]
    empty: bool  # no tracker tables at all


def _state(conn: Connection) -> SchemaState:
    from sqlalchemy import inspect, select

    from tracker.store import core

    names = set(inspect(conn).get_table_names())
    applied: list[str] = []
    if "schema_version" in names:
        table = core.schema_version
        applied = [r[0] for r in conn.execute(select(table.c.name).order_by(table.c.position))]
    known = [name for name, _ in STEPS]
    return SchemaState(applied=applied, pending=[n for n in known if n not in applied],
                       unknown=[n for n in applied if n not in known], empty=not names)


def state(store: Store) -> SchemaState:
    with store.snapshot() as conn:
        return _state(conn)


def upgrade(store: Store, stop_after: str | None = None) -> list[str]:
    """Apply the pending steps in order (up to `stop_after`); returns the names applied.

    All in one transaction that first takes the schema lock and only then looks what is applied: of several
    processes opening a new database at once, one creates it and the others find it done. Others reading
    meanwhile see no tables or all of them, never half a schema."""
    from sqlalchemy import insert

    from tracker.store import core

    done: list[str] = []
    with store.transaction(lock_name="schema") as conn:
        current = _state(conn)
        if current.unknown:
            raise StoreError(f"database schema has steps this tracker does not know ({', '.join(current.unknown)}); "
                             "upgrade tracker")
        conn.exec_driver_sql(ddl.SCHEMA_VERSION[conn.dialect.name])
        for position, (name, step) in enumerate(STEPS, 1):
            if name in current.applied:
                continue
            step(conn)
            conn.execute(insert(core.schema_version).values(name=name, position=position,
                                                            applied_at=datetime.now(UTC)))
            done.append(name)
            if name == stop_after:
                break
    return done


def ensure_current(store: Store) -> None:
    """Create an empty database; refuse an out-of-date one with the command that fixes it."""
    current = state(store)
    if current.empty:
        upgrade(store)
    elif current.unknown:
        raise StoreError(f"database schema is newer than this tracker ({', '.join(current.unknown)}); upgrade tracker")
    elif current.pending:
        raise StoreError(f"database schema is out of date ({len(current.pending)} step(s) pending); "
                         "run `tracker db upgrade`")
