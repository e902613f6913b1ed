"""What people corrected: a value per (kind, stable id, field) laid over what the documents say, and the
history of every change that is not a fill (corrections set and unset, decisions decided, undos).

Corrections are authored data, like fills: they live in their own table keyed by natural ids (meeting
`ccm-msp-2`, decision `<doc-key>-d7`, slot `<doc-key>-s3`, person `nadim-nasr`, topic `<doc-key>-t4`), never in the rows a
document gives, so re-ingesting a document (the same or a revised one) cannot lose them. Every write is a
compare-and-set on the value the writer last saw, as fills are. Plain SQLAlchemy Core (no sqlmodel): the
read paths (`queries`) lay decisions', slots' and people's corrections over their rows through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from tracker.domain import Conflict
from tracker.errors import ConflictError
from tracker.store import core
from tracker.store.records import CLAIMED, correction_conflicts

# tables of their own, created by the migration step `0006_corrections` (its DDL frozen in `store/ddl.py`)
metadata = MetaData()
CORRECTION = Table(
    "correction", metadata,
    Column("kind", String, primary_key=True),  # meeting | decision | slot | person | topic
    Column("target", String, primary_key=True),  # the record's stable id
    Column("field", String, primary_key=True),
    Column("value", Text, nullable=False),  # as stored: ISO dates, ISO country codes, names
    Column("typed", Text),  # what the person typed, before normalising
    Column("set_by", String, nullable=False), Column("set_at", DateTime, nullable=False))
CHANGE_EVENT = Table(
    "change_event", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String, nullable=False), Column("target", String, nullable=False, index=True),
    Column("field", String, nullable=False),
    Column("action", String, nullable=False),  # set | unset | decide | undo
    Column("old_value", Text), Column("new_value", Text),
    Column("base", Text),  # what the documents said then (for a decide: the decision's status before any decide)
    Column("note", Text),  # why, as the person wrote it (--note)
    Column("changed_by", String, nullable=False), Column("at", DateTime, nullable=False),
    Column("undoes", String))  # for an undo: the event it undid (`ref`), kept true by dump and restore

ACTIONS = ("set", "unset", "decide", "undo")
KINDS = ("meeting", "decision", "slot", "person", "topic")


@dataclass(frozen=True)
class Correction:
    kind: str
    target: str
    field: str
    value: str
    by: str
    at: datetime


@dataclass(frozen=True)
class ChangeEvent:
    id: int
    kind: str
    target: str
    field: str
    action: str
    old_value: str | None
    new_value: str | None
    base: str | None
    note: str | None
    by: str
    at: datetime
    undoes: str | None


def _correction(r) -> Correction:
    return Correction(r.kind, r.target, r.field, r.value, r.set_by, r.set_at)


def of(conn: Connection, kind: str, target: str) -> dict[str, str]:
    """field -> corrected value of one record."""
    q = select(CORRECTION.c.field, CORRECTION.c.value).where(CORRECTION.c.kind == kind, CORRECTION.c.target == target)
    return {r.field: r.value for r in conn.execute(q)}


def typed_of(conn: Connection, kind: str, target: str) -> list[str]:
    """What a person typed for one record's corrections where it differs from the value stored (日内瓦 for the
    city stored as Geneva, Norway for the country NO): the search index finds the record by those words too."""
    q = select(CORRECTION.c.value, CORRECTION.c.typed).where(CORRECTION.c.kind == kind, CORRECTION.c.target == target)
    return [r.typed for r in conn.execute(q.order_by(CORRECTION.c.field)) if r.typed and r.typed != r.value]


def of_kind(conn: Connection, kind: str) -> dict[str, dict[str, str]]:
    """target -> {field: value} for every corrected record of a kind (corrections are few: people type them)."""
    out: dict[str, dict[str, str]] = {}
    for r in conn.execute(select(CORRECTION).where(CORRECTION.c.kind == kind)):
        out.setdefault(r.target, {})[r.field] = r.value
    return out


def every(conn: Connection, kind: str | None = None) -> list[Correction]:
    q = select(CORRECTION)
    if kind:
        q = q.where(CORRECTION.c.kind == kind)
    return [_correction(r) for r in conn.execute(q.order_by(CORRECTION.c.kind, CORRECTION.c.target,
                                                           CORRECTION.c.field))]


def current(conn: Connection, kind: str, target: str, field: str) -> str | None:
    return conn.execute(select(CORRECTION.c.value).where(
        CORRECTION.c.kind == kind, CORRECTION.c.target == target, CORRECTION.c.field == field)).scalar_one_or_none()


# ---------------------------------------------------------------- writing, compare-and-set

def _refuse(conn: Connection, kind: str, target: str, field: str, expected: str | None) -> None:
    now = current(conn, kind, target, field)
    shown = "not corrected" if now is None else f"corrected to {now!r}"
    raise ConflictError(f"{target} {field} changed meanwhile: it is now {shown} (you saw "
                        f"{'no correction' if expected is None else repr(expected)}); look again and retry")


def write(conn: Connection, kind: str, target: str, field: str, value: str, typed: str | None, by: str,
          now: datetime, expected: str | None) -> None:
    """Set the correction if it is still `expected` (None: there was none)."""
    where = (CORRECTION.c.kind == kind, CORRECTION.c.target == target, CORRECTION.c.field == field)
    if expected is None:
        from tracker.store.writer import dialect_insert  # the writer loads the table classes: writes only

        stmt = dialect_insert(conn, CORRECTION).values(kind=kind, target=target, field=field, value=value,
                                                       typed=typed, set_by=by, set_at=now)
        done = conn.execute(stmt.on_conflict_do_nothing().returning(CORRECTION.c.field)).first() is not None
    else:
        done = conn.execute(update(CORRECTION).where(*where, CORRECTION.c.value == expected).values(
            value=value, typed=typed, set_by=by, set_at=now)).rowcount == 1
    if not done:
        _refuse(conn, kind, target, field, expected)


def remove(conn: Connection, kind: str, target: str, field: str, expected: str) -> None:
    """Drop the correction if it still holds `expected`: the field shows what the documents say again."""
    if conn.execute(delete(CORRECTION).where(
            CORRECTION.c.kind == kind, CORRECTION.c.target == target, CORRECTION.c.field == field,
            CORRECTION.c.value == expected)).rowcount != 1:
        _refuse(conn, kind, target, field, expected)


def record(conn: Connection, kind: str, target: str, field: str, action: str, old: str | None, new: str | None,
           by: str, now: datetime, *, base: str | None = None, note: str | None = None,
           undoes: str | None = None) -> None:
    conn.execute(insert(CHANGE_EVENT).values(kind=kind, target=target, field=field, action=action, old_value=old,
                                             new_value=new, base=base, note=note, changed_by=by, at=now,
                                             undoes=undoes))


def _event(r) -> ChangeEvent:
    return ChangeEvent(r.id, r.kind, r.target, r.field, r.action, r.old_value, r.new_value, r.base, r.note,
                       r.changed_by, r.at, r.undoes)


def events(conn: Connection, target: str | None = None) -> list[ChangeEvent]:
    q = select(CHANGE_EVENT)
    if target:
        q = q.where(CHANGE_EVENT.c.target == target)
    return [_event(r) for r in conn.execute(q.order_by(CHANGE_EVENT.c.at, CHANGE_EVENT.c.id))]


def ref(table: str, at: datetime, target: str) -> str:
    """An event's name that outlives dump and restore (which renumber ids): its table, time and record,
    "fill_event:2011-09-01T10:00:00.123456:<doc-key>-s5"."""
    return f"{table}:{_moment(at).isoformat()}:{target}"


def undone(conn: Connection) -> set[str]:
    """The events an undo has undone (`ref`s)."""
    return {r[0] for r in conn.execute(select(CHANGE_EVENT.c.undoes).where(CHANGE_EVENT.c.undoes.is_not(None)))}


def latest(conn: Connection, skip: set[str]) -> ChangeEvent | None:
    """The newest change event that is not an undo and not in `skip`."""
    q = select(CHANGE_EVENT).where(CHANGE_EVENT.c.action != "undo").order_by(
        CHANGE_EVENT.c.at.desc(), CHANGE_EVENT.c.id.desc())
    return next((e for e in map(_event, conn.execute(q)) if ref("change_event", e.at, e.target) not in skip), None)


# ---------------------------------------------------------------- a correction against the documents

# the meeting fields a document also claims (meeting_fact columns): a correction unlike them is a conflict
def conflicts(conn: Connection, meeting_id: str | None = None) -> list[Conflict]:
    """Where a meeting's correction differs from what a document says: the correction first, then each
    document's claim (`documents` names the correction as 'corrected by NAME'). Sorted by meeting and field."""
    q = select(CORRECTION).where(CORRECTION.c.kind == "meeting", CORRECTION.c.field.in_(CLAIMED))
    if meeting_id:
        q = q.where(CORRECTION.c.target == meeting_id)
    found = conn.execute(q).all()
    if not found:
        return []
    F = core.meeting_fact
    facts: dict[str, list] = {}
    for r in conn.execute(select(F).where(F.c.meeting_id.in_({c.target for c in found}))
                          .order_by(F.c.document_key, F.c.id)):
        facts.setdefault(r.meeting_id, []).append(r)
    return correction_conflicts(found, facts)


# ---------------------------------------------------------------- a record's values, the last change

def _text(value) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def record_values(conn: Connection, ident: str):
    """(kind, the documents' values, the corrections, the values shown now or None) of the meeting, decision,
    slot, person or topic with this id; None when there is none."""
    from tracker.rules.overlay import CORRECTABLE
    from tracker.store import fills, queries

    base = fills.documented(conn, ident)
    if base is not None:
        now = queries.meeting(conn, ident)
        documents = {name: _text(base.get(name)) for name in CORRECTABLE}
        documents["parent"] = _text(getattr(now, "parent", None))
        current = {name: _text(getattr(now, name, None)) for name in CORRECTABLE}
        current["languages"] = ",".join(now.languages) if now else None
        return "meeting", documents, of(conn, "meeting", ident), current
    DEC, S, F = core.decision, core.slot, core.meeting_fact
    d = conn.execute(select(DEC).where(DEC.c.id == ident)).first()
    if d is not None:
        state = fills.decided(conn, ident)
        return ("decision", {"text": d.text, "number": d.number, "status": d.status},
                {**of(conn, "decision", ident), **({"status": state} if state else {})}, None)
    s = conn.execute(select(S, F.c.meeting_id).select_from(S.outerjoin(
        F, (F.c.document_key == S.c.document_key) & (F.c.local_id == S.c.meeting_local))).where(S.c.id == ident)).first()
    if s is not None:
        return "slot", {"kind": s.kind, "meeting": s.meeting_id, "field": s.field}, of(conn, "slot", ident), None
    P, R = core.person, core.role
    p = conn.execute(select(P.c.name, R.c.role, R.c.country).select_from(P.join(R, R.c.person_id == P.c.id))
                     .where(P.c.id == ident).order_by(R.c.document_key, R.c.id)).first()
    if p is not None:
        return "person", {"name": p.name, "role": p.role, "country": p.country}, of(conn, "person", ident), None
    T = core.topic
    topic = conn.execute(select(T.c.label, T.c.title).where(T.c.ident == ident)).first()
    if topic is not None:
        return "topic", {"label": topic.label, "title": topic.title}, of(conn, "topic", ident), None
    return None


def _moment(at: datetime) -> datetime:
    return at.replace(tzinfo=None) if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


def last_change(conn: Connection):
    """The newest change not yet undone: ("fill", a fill_event row) or ("change", ChangeEvent); (None, None)."""
    from tracker.store.fills import FILL_EVENT as FE

    skip = undone(conn)
    change = latest(conn, skip)
    fill = next((r for r in conn.execute(select(FE).order_by(FE.c.at.desc(), FE.c.id.desc()))
                 if ref("fill_event", r.at, r.slot_id) not in skip), None)
    if fill is not None and (change is None or _moment(fill.at) > _moment(change.at)):
        return "fill", fill
    return ("change", change) if change is not None else (None, None)
