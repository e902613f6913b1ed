"""Named, ordered schema steps, each applied together with its schema_version row, under a lock.

A database with no tables is created on first use; one that lacks a step is refused with a message
naming `tracker db upgrade`; one with steps this version does not know is refused too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, inspect, select, text
from sqlalchemy.engine import Connection

from tracker.errors import StoreError
from tracker.store import core
from tracker.store.engine import get_engine, snapshot, transaction

# sqlmodel is imported by the steps and by upgrade() only: checking a database before a report must stay cheap


def _tables(conn: Connection) -> None:
    from sqlmodel import SQLModel

    from tracker.store import tables  # noqa: F401 -- defining the classes fills SQLModel.metadata

    for table in SQLModel.metadata.sorted_tables:
        if table.name != "schema_version":
            table.create(conn, checkfirst=True)


def _report_indexes(conn: Connection) -> None:
    # status and the lists filter on these; created in their own step to show how a later step looks
    # plain DDL, not Index(): an Index object binds itself to the shared metadata and step 1 would create it
    for ddl in ("CREATE INDEX IF NOT EXISTS ix_slot_decision_id ON slot (decision_id)",
                "CREATE INDEX IF NOT EXISTS ix_meeting_status ON meeting (status)",
                "CREATE INDEX IF NOT EXISTS ix_topic_label_title ON topic (label, title)"):
        conn.execute(text(ddl))


def _fills(conn: Connection) -> None:
    # fill history, the meeting values fills give, decided states and meeting revisions (issue 5)
    from tracker.store import fills

    fills.create_tables(conn)


def _read_indexes(conn: Connection) -> None:
    # each matches a report query at 100,000 documents: proposed decisions and open slots in list order
    # (the first rows come straight off the index), topic groups counted from the index alone, a slot's
    # meeting fact, documents by path; (label, title, document_key) makes (label, title) redundant
    for ddl in ("CREATE INDEX IF NOT EXISTS ix_decision_status_order ON decision (status, document_key, span_start, id)",
                "CREATE INDEX IF NOT EXISTS ix_slot_order ON slot (document_key, span_start, id)",
                "CREATE INDEX IF NOT EXISTS ix_topic_label_title_document ON topic (label, title, document_key)",
                "DROP INDEX IF EXISTS ix_topic_label_title",
                "CREATE INDEX IF NOT EXISTS ix_meeting_fact_document_local ON meeting_fact (document_key, local_id)",
                "CREATE INDEX IF NOT EXISTS ix_document_path ON document (path)"):
        conn.execute(text(ddl))


def _decision_schedules(conn: Connection) -> None:
    # the meetings a decision schedules, recorded at extraction (local ids, comma-separated); rows stored
    # before this step keep NULL (they schedule nothing by their words until their document is ingested again).
    # Self-contained: a database whose decision table already has the column (made from today's classes) is left as is
    if "schedules" not in {c["name"] for c in inspect(conn).get_columns("decision")}:
        conn.execute(text("ALTER TABLE decision ADD COLUMN schedules VARCHAR"))


STEPS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_tables", _tables),
    ("0002_report_indexes", _report_indexes),
    ("0003_fills", _fills),
    ("0004_read_indexes", _read_indexes),
    ("0005_decision_schedules", _decision_schedules),
]


@dataclass(frozen=True)
class SchemaState:
    applied: list[str]
    pending: list[str]
    unknown: list[str]
    empty: bool  # no tracker tables at all


def _state(conn: Connection) -> SchemaState:
    names = set(inspect(conn).get_table_names())
    applied: list[str] = []
    if "schema_version" in names:
        table = core.schema_version
        applied = [r[0] for r in conn.execute(select(table.c.name).order_by(table.c.position))]
    known = [name for name, _ in STEPS]
    return SchemaState(applied=applied, pending=[n for n in known if n not in applied],
                       unknown=[n for n in applied if n not in known], empty=not names)


def state(url: str) -> SchemaState:
    with snapshot(url) as conn:
        return _state(conn)


def upgrade(url: str, stop_after: str | None = None) -> list[str]:
    """Apply the pending steps in order (up to `stop_after`); returns the names applied.

    All in one transaction that first takes the schema lock and only then looks what is applied: of several
    processes opening a new database at once, one creates it and the others find it done. Others reading
    meanwhile see no tables or all of them, never half a schema."""
    from tracker.store import tables

    done: list[str] = []
    table = tables.SchemaVersion.__table__
    with transaction(url, lock_name="schema") as conn:
        current = _state(conn)
        if current.unknown:
            raise StoreError(f"database schema has steps this tracker does not know ({', '.join(current.unknown)}); "
                             "upgrade tracker")
        table.create(conn, checkfirst=True)
        for position, (name, step) in enumerate(STEPS, 1):
            if name in current.applied:
                continue
            step(conn)
            conn.execute(insert(table).values(name=name, position=position, applied_at=datetime.now(UTC)))
            done.append(name)
            if name == stop_after:
                break
    return done


_checked: set[str] = set()


def ensure_current(url: str) -> None:
    """Create an empty database; refuse an out-of-date one with the command that fixes it."""
    if url in _checked:
        return
    current = state(url)
    if current.empty:
        upgrade(url)
    elif current.unknown:
        raise StoreError(f"database schema is newer than this tracker ({', '.join(current.unknown)}); upgrade tracker")
    elif current.pending:
        raise StoreError(f"database schema is out of date ({len(current.pending)} step(s) pending); "
                         "run `tracker db upgrade`")
    _checked.add(url)
    get_engine(url)
