"""Storing extractions: whole batches of documents' rows with Core bulk inserts (one executemany per table).

Fills are never touched here: they hang on slot natural keys and outlive the slots they filled.
The rows themselves are built by `rows` (in ingest's worker processes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sqlalchemy import Table, bindparam, delete, insert, or_, select, update
from sqlalchemy.engine import Connection, Dialect

from tracker.domain import Extraction, SourceDocument
from tracker.store import reindex
from tracker.store import tables as t
from tracker.store.rows import Rows, rows_for

CHUNK = 500  # rows of an IN (...) list; SQLite's bound-parameter limit is far above this
TABLES = {row.__tablename__: row.__table__ for row in (t.DocumentRow, *t.DERIVED, t.PersonRow, t.SearchEntryRow)}


@dataclass
class Touched:
    """What writing documents changed, for consolidation: the (instrument, kind, year) buckets and meetings
    of the facts removed, the documents written or removed, and whole (instrument, kind) groups to rebuild.
    Facts just written need no entry: they wait without a meeting id, and consolidation reads those."""

    buckets: set = field(default_factory=set)
    meetings: set = field(default_factory=set)
    documents: set = field(default_factory=set)
    groups: set = field(default_factory=set)

    def __ior__(self, other: Touched | set) -> Touched:
        if not isinstance(other, Touched):  # a set of (instrument, kind) groups
            other = Touched(groups=set(other))
        self.buckets |= other.buckets
        self.meetings |= other.meetings
        self.documents |= other.documents
        self.groups |= other.groups
        return self

    def __or__(self, other: Touched | set) -> Touched:
        joined = Touched()
        joined |= self
        joined |= other
        return joined

    __ror__ = __or__  # set() | touched, as callers that kept a set of groups write it

    def __bool__(self) -> bool:
        return bool(self.buckets or self.meetings or self.documents or self.groups)


def known_hashes(conn: Connection) -> dict[str, tuple[str, str]]:
    """sha256 -> (key, path) of every stored document."""
    d = t.DocumentRow.__table__
    return {row.sha256: (row.key, row.path) for row in conn.execute(select(d.c.sha256, d.c.key, d.c.path))}


def known_stats(conn: Connection) -> dict[str, tuple[int, int]]:
    """path -> (size, mtime_ns) of every stored document whose file's stat was recorded."""
    d = t.DocumentRow.__table__
    q = select(d.c.path, d.c.file_size, d.c.file_mtime_ns).where(d.c.file_mtime_ns.is_not(None))
    return {r.path: (r.file_size, r.file_mtime_ns) for r in conn.execute(q)}


def remember_stats(conn: Connection, rows: list[dict]) -> None:
    """Record the stat of files found unchanged by hash: {p: path, h: sha256, size, mtime}."""
    if rows:
        d = t.DocumentRow.__table__
        conn.execute(update(d).where(d.c.path == bindparam("p"), d.c.sha256 == bindparam("h"))
                     .values(file_size=bindparam("size"), file_mtime_ns=bindparam("mtime")), rows)


def existing_keys(conn: Connection, keys: Iterable[str], paths: Iterable[str]) -> dict[str, str]:
    """key -> path for stored documents that have one of these keys or paths."""
    d = t.DocumentRow.__table__
    keys, paths = list(keys), list(paths)
    found: dict[str, str] = {}
    for i in range(0, max(len(keys), len(paths)), CHUNK):
        cond = or_(d.c.key.in_(keys[i:i + CHUNK]), d.c.path.in_(paths[i:i + CHUNK]))
        found.update({r.key: r.path for r in conn.execute(select(d.c.key, d.c.path).where(cond))})
    return found


def replaced(conn: Connection, documents: list[tuple[str, str, str]]) -> list[list[str] | None]:
    """For each (key, path, sha256) about to be written, what is stored now: None when a stored document
    already has this content (another ingest stored it meanwhile), else the stored keys it replaces (its
    own key, the document at its path). Asked inside the writing transaction, under the ingest lock, so
    no other writer can change the answer before the rows go in."""
    d = t.DocumentRow.__table__
    keys, paths, digests = (list(column) for column in zip(*documents, strict=True)) if documents else ([], [], [])
    rows = []
    for i in range(0, len(documents), CHUNK):
        cond = or_(d.c.key.in_(keys[i:i + CHUNK]), d.c.path.in_(paths[i:i + CHUNK]),
                   d.c.sha256.in_(digests[i:i + CHUNK]))
        rows.extend(conn.execute(select(d.c.key, d.c.path, d.c.sha256).where(cond)))
    stored_keys = {r.key for r in rows}
    at_path = {r.path: r.key for r in rows}
    contents = {r.sha256 for r in rows}
    return [None if digest in contents else sorted(({key} & stored_keys) | ({at_path[path]} if path in at_path
                                                                          else set()))
            for key, path, digest in documents]


def delete_documents(conn: Connection, keys: list[str]) -> Touched:
    """Remove documents and their derived rows; returns the meetings and buckets their facts were in."""
    touched = Touched(documents=set(keys))
    f = t.MeetingFactRow.__table__
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i:i + CHUNK]
        for r in conn.execute(select(f.c.instrument, f.c.kind, f.c.year, f.c.meeting_id)
                              .where(f.c.document_key.in_(chunk)).distinct()):
            if r.year is not None:  # a fact without a year is its document's own, or a numbered one
                touched.buckets.add((r.instrument, r.kind, r.year))
            if r.meeting_id:
                touched.meetings.add(r.meeting_id)
        conn.execute(delete(t.DocumentRow.__table__).where(t.DocumentRow.__table__.c.key.in_(chunk)))
        for row in (*t.DERIVED, t.SearchEntryRow):
            table = row.__table__
            column = table.c.key if "key" in table.c else table.c.document_key
            conn.execute(delete(table).where(column.in_(chunk)))
    return touched


def write_documents(conn: Connection, items: list[tuple[SourceDocument, Extraction]], now: datetime,
                    replace: list[str]) -> Touched:
    """Replace the documents in `replace`, insert `items`; one executemany per table. Returns what changed."""
    return write_rows(conn, [rows_for(src, x, now) for src, x in items], replace)


def write_rows(conn: Connection, documents: list[Rows], replace: list[str]) -> Touched:
    """Delete the documents in `replace`, then insert every document's rows, one executemany per table.

    Returns what changed, for consolidation.
    """
    touched = delete_documents(conn, replace) if replace else Touched()
    batch: dict[str, list[dict]] = {}
    for rows in documents:
        for name, part in rows.items():
            batch.setdefault(name, []).extend(part)
    people = {r["id"]: r for r in batch.pop("person", [])}
    for name, part in batch.items():
        if part:
            insert_many(conn, TABLES[name], part)
    if people:
        insert_missing(conn, t.PersonRow, list(people.values()))
    written = [r["key"] for r in batch.get("document", [])]
    # a document stored again (or after a restore): what people corrected or filled in it is what it is found by
    reindex.documents(conn, written)
    touched.documents.update(written)
    return touched


def insert_many(conn: Connection, table: Table, rows: list[dict]) -> None:
    """One executemany of rows that all have the same keys.

    On SQLite the statement is compiled once and the rows go to the driver as tuples, dates converted by
    their column types: SQLAlchemy's per-row parameter handling costs as much as SQLite's insert itself,
    and ingest's writing process shares the cores with extraction. On PostgreSQL COPY; elsewhere Core's
    executemany.
    """
    if conn.dialect.name == "postgresql":
        _copy(conn, table, rows)
        return
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    sql, order, convert = _driver_insert(conn.dialect, table, tuple(rows[0]))
    params = [[row[k] for k in order] for row in rows]
    for i, process in convert:
        for p in params:
            p[i] = process(p[i])
    conn.exec_driver_sql(sql, [tuple(p) for p in params])


def _copy(conn: Connection, table: Table, rows: list[dict]) -> None:
    """PostgreSQL: the rows through COPY (psycopg's copy, values adapted by the driver), in the
    transaction of `conn`: several times faster than multi-row INSERTs for a batch of documents.
    A row the server refuses (a NUL in text) is the same DataError an INSERT gives."""
    import psycopg
    from psycopg import sql
    from sqlalchemy.exc import DataError, IntegrityError

    keys = list(rows[0])
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(sql.Identifier(table.name),
                                                          sql.SQL(", ").join(map(sql.Identifier, keys)))
    try:
        with conn.connection.driver_connection.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[k] for k in keys])
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(f"COPY {table.name}", None, exc) from None
    except (psycopg.errors.DataError, ValueError) as exc:  # ValueError: psycopg refuses a NUL before sending
        raise DataError(f"COPY {table.name}", None, exc) from None


@lru_cache(maxsize=64)
def _driver_insert(dialect: Dialect, table: Table, keys: tuple[str, ...]):
    """(SQL with positional placeholders, the keys in their order, [(position, bind processor)])."""
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = list(compiled.positiontup)
    convert = [(i, p) for i, k in enumerate(order)
               if (p := table.c[k].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    return compiled.string, order, convert


def dialect_insert(conn: Connection, table: Table):
    """An INSERT that knows ON CONFLICT, in the words of the connection's dialect (PostgreSQL or SQLite)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table)


def insert_missing(conn: Connection, row: type, rows: list[dict]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on the primary key: rows another writer inserted first are kept."""
    for i in range(0, len(rows), CHUNK):
        conn.execute(dialect_insert(conn, row.__table__).on_conflict_do_nothing(), rows[i:i + CHUNK])


def upsert(conn: Connection, table: Table, row: dict, **changes) -> None:
    """INSERT the row, or on a primary-key conflict UPDATE the existing one with `changes` (default: the row).

    One statement, so two writers of the same key never both insert (a read-then-insert would)."""
    stmt = dialect_insert(conn, table).values(**row)
    keys = [c.name for c in table.primary_key.columns]
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_=changes or {
        k: stmt.excluded[k] for k in row if k not in keys})
    conn.execute(stmt)
