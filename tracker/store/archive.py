"""Dump and restore what people authored: fills with their history, decided states, meeting revisions,
and the list of documents (key, path, sha256) those hang on. Records are plain dicts, one per line.

Derived rows are not dumped: they are rebuilt by ingesting the listed documents again. Every record
carries a `type`; the order is fixed (header, documents, fills, events, decisions, revisions) and each
kind is sorted, so two dumps of the same store are byte-identical.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from tracker.errors import InputError, StoreError
from tracker.store import tables as t
from tracker.store.fills import DECISION_STATE, FILL_EVENT, FILL_VALUE, MEETING_REVISION

FORMAT = "tracker-dump"
VERSION = 1
D, FI = t.DocumentRow.__table__, t.FillRow.__table__

# type -> (table, columns in the record, datetime columns, sort order)
KINDS = {
    "fill": (FI, ("slot_key", "slot_id", "value", "filled_by", "filled_at", "old_value"), ("filled_at",),
             (FI.c.slot_key,)),
    "fill_value": (FILL_VALUE, ("slot_key", "field", "value"), (), (FILL_VALUE.c.slot_key,)),
    "fill_event": (FILL_EVENT, ("slot_key", "slot_id", "action", "old_value", "new_value", "typed", "filled_by",
                                "at"), ("at",), (FILL_EVENT.c.at, FILL_EVENT.c.id)),
    "decision_state": (DECISION_STATE, ("decision_id", "status", "decided_by", "decided_at"), ("decided_at",),
                       (DECISION_STATE.c.decision_id,)),
    "meeting_revision": (MEETING_REVISION, ("meeting_id", "revision", "fingerprint", "changed_at"),
                         ("changed_at",), (MEETING_REVISION.c.meeting_id,)),
}
AUTHORED = tuple(table for table, *_ in KINDS.values())


def _iso(value: object) -> object:
    # naive and aware datetimes both round-trip through isoformat/fromisoformat unchanged
    return value.isoformat() if isinstance(value, datetime) else value


def records(conn: Connection) -> Iterator[dict]:
    """Every record of a dump, in dump order."""
    yield {"type": "header", "format": FORMAT, "version": VERSION}
    for r in conn.execute(select(D.c.key, D.c.path, D.c.sha256).order_by(D.c.key)):
        yield {"type": "document", "key": r.key, "path": r.path, "sha256": r.sha256}
    for kind, (table, columns, _dates, order) in KINDS.items():
        for r in conn.execute(select(*(table.c[c] for c in columns)).order_by(*order)):
            yield {"type": kind, **{c: _iso(getattr(r, c)) for c in columns}}


def is_empty(conn: Connection) -> bool:
    """No documents and nothing authored."""
    return all(conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
               for table in (D, *AUTHORED))


def _row(kind: str, record: dict, where: str) -> dict:
    _table, columns, dates, _order = KINDS[kind]
    missing = [c for c in columns if c not in record]
    if missing:
        raise InputError(f"{where}: a {kind} record lacks {', '.join(missing)}")
    row = {c: record[c] for c in columns}
    for c in dates:
        if row[c] is not None:
            try:
                row[c] = datetime.fromisoformat(row[c])
            except (TypeError, ValueError):
                raise InputError(f"{where}: {c} {row[c]!r} is not an ISO date and time") from None
    return row


def restore(conn: Connection, items: Iterable[tuple[str, dict]]) -> dict[str, int]:
    """Write the records (each with where it came from, for messages) into an empty store; counts by type.

    Documents are only counted: their rows come back when the files are ingested again.
    """
    if not is_empty(conn):
        raise StoreError("the database is not empty; restore into a new one (tracker --db NEW restore FILE)")
    counts: dict[str, int] = {}
    rows: dict[str, list[dict]] = {kind: [] for kind in KINDS}
    seen_header = False
    for where, record in items:
        kind = record.get("type") if isinstance(record, dict) else None
        if kind == "header":
            if record.get("format") != FORMAT or record.get("version") != VERSION:
                raise InputError(f"{where}: not a tracker dump of version {VERSION}")
            seen_header = True
            continue
        if not seen_header:
            raise InputError(f"{where}: a tracker dump starts with its header line")
        if kind == "document":
            if not all(isinstance(record.get(k), str) for k in ("key", "path", "sha256")):
                raise InputError(f"{where}: a document record needs key, path and sha256")
        elif kind in KINDS:
            rows[kind].append(_row(kind, record, where))
        else:
            raise InputError(f"{where}: unknown record type {kind!r}")
        counts[kind] = counts.get(kind, 0) + 1
    if not seen_header:
        raise InputError("empty dump: no header line")
    for kind, part in rows.items():
        if part:
            conn.execute(insert(KINDS[kind][0]), part)
    return counts
