"""What people typed: fills, their history, decisions' states, and the meetings they change.

Fills hang on the slot's natural key and carry the value the meeting field takes (`fill_value`),
so re-ingest can lay them over the rebuilt meetings without re-reading the text. Every write is a
compare-and-set on the value the writer last saw, done as the transaction's first statement so two
writers of one slot are serialised by the database: the second is told the value it did not see.
A meeting's revision goes up whenever its dates, venue or status change; calendars use it as SEQUENCE.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    and_,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from tracker.errors import ConflictError
from tracker.rules.consolidate import merge
from tracker.rules.overlay import OVERLAID, SCHEDULING_FIELDS, fingerprint, overlay
from tracker.rules.vocabulary import DecisionStatus, values
from tracker.store import corrections, reindex
from tracker.store import tables as t
from tracker.store.consolidate import facts_of, meeting_row, meeting_search_entry
from tracker.store.writer import dialect_insert, insert_missing, upsert

# tables of their own, created by the migration step `0003_fills` (its DDL frozen in `store/ddl.py`)
metadata = MetaData()
FILL_EVENT = Table(
    "fill_event", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("slot_key", String, nullable=False, index=True),
    Column("slot_id", String, nullable=False),
    Column("action", String, nullable=False),  # fill | unfill
    Column("old_value", Text), Column("new_value", Text),
    Column("typed", Text),  # what the person typed, before normalising
    Column("filled_by", String, nullable=False), Column("at", DateTime, nullable=False))
FILL_VALUE = Table(
    "fill_value", metadata,
    Column("slot_key", String, primary_key=True),
    Column("field", String, nullable=False),  # the meeting field: start, end, city, country, chair, host, ...
    Column("value", Text, nullable=False))  # the field's value: ISO date, ISO country code, a name
DECISION_STATE = Table(
    "decision_state", metadata,
    Column("decision_id", String, primary_key=True),
    Column("status", String, nullable=False),
    Column("decided_by", String, nullable=False), Column("decided_at", DateTime, nullable=False))
MEETING_REVISION = Table(
    "meeting_revision", metadata,
    Column("meeting_id", String, primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("fingerprint", Text, nullable=False),
    Column("changed_at", DateTime))

S, FI, F, M = t.SlotRow.__table__, t.FillRow.__table__, t.MeetingFactRow.__table__, t.MeetingRow.__table__
DEC, D = t.DecisionRow.__table__, t.DocumentRow.__table__
DECISION_STATUSES = values(DecisionStatus)


@dataclass(frozen=True)
class SlotContext:
    """A slot with everything checking and filling it needs."""

    id: str
    key: str  # natural key
    document: str
    language: str
    decision: str | None
    kind: str
    field: str | None
    text: str
    left_context: str
    start: int | None
    end: int | None
    meeting: str | None
    fill: str | None


@dataclass(frozen=True)
class FillEvent:
    slot_key: str
    slot_id: str
    action: str
    old_value: str | None
    new_value: str | None
    typed: str | None
    by: str
    at: datetime


@dataclass(frozen=True)
class Revision:
    meeting: str
    revision: int
    changed_at: datetime | None


def _slot_query():
    joined = S.join(D, D.c.key == S.c.document_key).outerjoin(FI, FI.c.slot_key == S.c.natural_key).outerjoin(
        F, and_(F.c.document_key == S.c.document_key, F.c.local_id == S.c.meeting_local))
    return select(S, D.c.language, FI.c.value.label("fill"), F.c.meeting_id).select_from(joined)


def _context(r, corrected: dict[str, dict[str, str]]) -> SlotContext:
    mine = corrected.get(r.id, {})  # a person corrected the slot's kind or what it binds (tracker set SLOT …)
    return SlotContext(r.id, r.natural_key, r.document_key, r.language, r.decision_id, mine.get("kind", r.kind),
                       mine.get("field", r.field), r.text, r.left_context, r.span_start, r.span_end,
                       mine.get("meeting", r.meeting_id), r.fill)


def slot(conn: Connection, slot_id: str) -> SlotContext | None:
    r = conn.execute(_slot_query().where(S.c.id == slot_id)).first()
    return _context(r, {slot_id: corrections.of(conn, "slot", slot_id)}) if r else None


def slots(conn: Connection, document: str | None = None, meeting: str | None = None,
          decision: str | None = None) -> list[SlotContext]:
    """Slots in document order, narrowed to a document, a meeting or a decision."""
    corrected = corrections.of_kind(conn, "slot")
    rebound = [ident for ident, fields in corrected.items() if "meeting" in fields]
    q = _slot_query()
    if document:
        q = q.where(S.c.document_key == document)
    if meeting:
        q = q.where(F.c.meeting_id == meeting) if not rebound else q.where(
            (F.c.meeting_id == meeting) | S.c.id.in_(rebound))
    if decision:
        q = q.where(S.c.decision_id == decision)
    found = [_context(r, corrected) for r in conn.execute(q.order_by(S.c.document_key, S.c.span_start, S.c.id))]
    return [c for c in found if c.meeting == meeting] if meeting else found


def fill_values(conn: Connection, meeting_id: str) -> dict[str, str]:
    """field -> value the current fills give this meeting (slots of any document bound to it, or re-bound to
    it by a correction of the slot's meeting or field)."""
    corrected = {ident: fields for ident, fields in corrections.of_kind(conn, "slot").items()
                 if "meeting" in fields or "field" in fields}
    q = (select(FILL_VALUE.c.field, FILL_VALUE.c.value, S.c.id, F.c.meeting_id)
         .select_from(FILL_VALUE.join(FI, FI.c.slot_key == FILL_VALUE.c.slot_key)
                      .join(S, S.c.natural_key == FILL_VALUE.c.slot_key)
                      .outerjoin(F, and_(F.c.document_key == S.c.document_key, F.c.local_id == S.c.meeting_local)))
         .order_by(S.c.document_key, S.c.span_start))
    q = q.where(F.c.meeting_id == meeting_id) if not corrected else q.where(
        (F.c.meeting_id == meeting_id) | S.c.id.in_(list(corrected)))
    out = {}
    for r in conn.execute(q):
        mine = corrected.get(r.id, {})
        field = mine.get("field", r.field)
        if mine.get("meeting", r.meeting_id) == meeting_id and field in OVERLAID:
            out[field] = r.value
    return out


# ---------------------------------------------------------------- writing, compare-and-set

def _current(conn: Connection, key: str) -> str | None:
    return conn.execute(select(FI.c.value).where(FI.c.slot_key == key)).scalar_one_or_none()


def _refuse(conn: Connection, ctx: SlotContext, expected: str | None) -> None:
    now = _current(conn, ctx.key)
    shown = "empty" if now is None else f"filled with {now!r}"
    raise ConflictError(f"slot {ctx.id} changed meanwhile: it is now {shown} (you saw "
                        f"{'it empty' if expected is None else repr(expected)}); look again and retry")


def write_fill(conn: Connection, ctx: SlotContext, value: str, field_value: str | None, by: str, now: datetime,
               expected: str | None, typed: str | None = None, event: bool = True) -> None:
    """Set the slot's value if it is still `expected`; record the event and update the bound meeting.

    Must be the first statement of its transaction (SQLite then takes the write lock before reading)."""
    if expected is None:
        done = _insert_fill(conn, {"slot_key": ctx.key, "slot_id": ctx.id, "value": value, "filled_by": by,
                                   "filled_at": now, "old_value": None})
    else:
        done = conn.execute(update(FI).where(FI.c.slot_key == ctx.key, FI.c.value == expected).values(
            value=value, slot_id=ctx.id, filled_by=by, filled_at=now, old_value=expected)).rowcount == 1
    if not done:
        _refuse(conn, ctx, expected)
    conn.execute(delete(FILL_VALUE).where(FILL_VALUE.c.slot_key == ctx.key))
    if ctx.field in OVERLAID and field_value is not None:
        conn.execute(insert(FILL_VALUE).values(slot_key=ctx.key, field=ctx.field, value=field_value))
    if event:  # an undo records its own event (corrections.CHANGE_EVENT) instead
        conn.execute(insert(FILL_EVENT).values(slot_key=ctx.key, slot_id=ctx.id, action="fill", old_value=expected,
                                               new_value=value, typed=typed, filled_by=by, at=now))
    _reindex(conn, ctx)
    if ctx.meeting:
        refresh_meetings(conn, [ctx.meeting], now)


def _reindex(conn: Connection, ctx: SlotContext) -> None:
    """The slot's search entry and its decision's, with the fill written in (or the blank again)."""
    reindex.slots(conn, [ctx.id])
    if ctx.decision:
        reindex.decisions(conn, [ctx.decision])


def _insert_fill(conn: Connection, row: dict) -> bool:
    # RETURNING, not rowcount: drivers disagree on rowcount after ON CONFLICT with implicit returning
    stmt = dialect_insert(conn, FI).values(**row).on_conflict_do_nothing().returning(FI.c.slot_key)
    return conn.execute(stmt).first() is not None


def remove_fill(conn: Connection, ctx: SlotContext, by: str, now: datetime, expected: str,
                event: bool = True) -> None:
    """Empty the slot if it still holds `expected`; the event keeps the value."""
    if conn.execute(delete(FI).where(FI.c.slot_key == ctx.key, FI.c.value == expected)).rowcount != 1:
        _refuse(conn, ctx, expected)
    conn.execute(delete(FILL_VALUE).where(FILL_VALUE.c.slot_key == ctx.key))
    if event:
        conn.execute(insert(FILL_EVENT).values(slot_key=ctx.key, slot_id=ctx.id, action="unfill",
                                               old_value=expected, new_value=None, typed=None, filled_by=by, at=now))
    _reindex(conn, ctx)
    if ctx.meeting:
        refresh_meetings(conn, [ctx.meeting], now)


def history(conn: Connection, slot_key: str | None = None) -> list[FillEvent]:
    q = select(FILL_EVENT)
    if slot_key:
        q = q.where(FILL_EVENT.c.slot_key == slot_key)
    return [FillEvent(r.slot_key, r.slot_id, r.action, r.old_value, r.new_value, r.typed, r.filled_by, r.at)
            for r in conn.execute(q.order_by(FILL_EVENT.c.at, FILL_EVENT.c.id))]


# ---------------------------------------------------------------- decisions

def decision_status(conn: Connection, decision_id: str) -> str | None:
    return conn.execute(select(DEC.c.status).where(DEC.c.id == decision_id)).scalar_one_or_none()


def set_decision_status(conn: Connection, decision_id: str, status: str, by: str, now: datetime) -> list[str]:
    """Record a decision's state (kept across re-ingest); returns the meetings it schedules."""
    # an upsert, not delete-then-insert: two people deciding at once would both insert (a duplicate key)
    upsert(conn, DECISION_STATE, {"decision_id": decision_id, "status": status, "decided_by": by, "decided_at": now})
    conn.execute(update(DEC).where(DEC.c.id == decision_id).values(status=status))
    meetings = scheduled_by(conn, decision_id)
    refresh_meetings(conn, meetings, now)
    return meetings


def decided(conn: Connection, decision_id: str) -> str | None:
    """The state a person gave the decision (`tracker decide`), or None."""
    return conn.execute(select(DECISION_STATE.c.status).where(
        DECISION_STATE.c.decision_id == decision_id)).scalar_one_or_none()


def forget_decision(conn: Connection, decision_id: str, status: str | None, now: datetime) -> None:
    """Drop a person's decision: the decision shows `status` (what its document said) until re-ingest."""
    conn.execute(delete(DECISION_STATE).where(DECISION_STATE.c.decision_id == decision_id))
    if status:
        conn.execute(update(DEC).where(DEC.c.id == decision_id).values(status=status))
    refresh_meetings(conn, scheduled_by(conn, decision_id), now)


def scheduled_by(conn: Connection, decision_id: str) -> list[str]:
    """Meetings a decision sets a date or place for: those its blanks bind to, and those extraction recorded
    it schedules ("决定于…举行该次会议", "shall be held in": Decision.schedules, local ids of its document;
    none for a row stored before the column existed)."""
    found = {r.meeting_id for r in conn.execute(
        select(F.c.meeting_id).select_from(S.join(F, and_(F.c.document_key == S.c.document_key,
                                                          F.c.local_id == S.c.meeting_local)))
        .where(S.c.decision_id == decision_id, S.c.field.in_(SCHEDULING_FIELDS)))}
    d = conn.execute(select(DEC.c.document_key, DEC.c.schedules).where(DEC.c.id == decision_id)).first()
    if d is not None and d.schedules:
        q = select(F.c.meeting_id).where(F.c.document_key == d.document_key,
                                         F.c.local_id.in_(d.schedules.split(",")))
        found.update(r.meeting_id for r in conn.execute(q))
    return sorted(m for m in found if m)


def _adopted_schedules(conn: Connection) -> set[str]:
    adopted = [r[0] for r in conn.execute(select(DECISION_STATE.c.decision_id).where(
        DECISION_STATE.c.status == DecisionStatus.ADOPTED.value))]
    return {m for d in adopted for m in scheduled_by(conn, d)}


# ---------------------------------------------------------------- meetings: documents' view + what people said

def _facts(conn: Connection, meeting_id: str):
    return facts_of(conn.execute(select(F).where(F.c.meeting_id == meeting_id).order_by(F.c.document_key, F.c.id)))


def overlaid(conn: Connection, meeting_id: str, scheduled: set[str] | None = None) -> dict | None:
    """The meeting row the documents give, with fills and adopted decisions laid over it (`rules.overlay`)."""
    found = _overlaid(conn, meeting_id, scheduled)
    return found[0] if found else None


def _overlaid(conn: Connection, meeting_id: str, scheduled: set[str] | None = None) -> tuple[dict, dict] | None:
    """(the overlaid meeting row, its search entry): the entry holds the values shown now, and what the
    documents said of a field only while no person corrected or filled it."""
    facts = _facts(conn, meeting_id)
    if not facts:
        return None
    merged, _ = merge(meeting_id, facts)
    adopted = scheduled if scheduled is not None else _adopted_schedules(conn)
    corrected = corrections.of(conn, "meeting", meeting_id)
    filled = fill_values(conn, meeting_id)
    shown = overlay(merged, filled, meeting_id in adopted, corrected)
    typed = corrections.typed_of(conn, "meeting", meeting_id) if corrected else []
    return meeting_row(shown), meeting_search_entry(shown, facts, {*corrected, *filled}, typed)


def refresh_meetings(conn: Connection, meeting_ids, now: datetime, scheduled: set[str] | None = None) -> None:
    """Rewrite these meetings (and their search entries) from their facts plus fills and decisions, then bump
    changed revisions."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return
    # lock the rows first (PostgreSQL) so a concurrent fill of another slot of the meeting waits for us
    # (in id order: two writers locking overlapping sets in different orders would deadlock)
    conn.execute(select(M.c.id).where(M.c.id.in_(ids)).order_by(M.c.id).with_for_update())
    scheduled = _adopted_schedules(conn) if scheduled is None else scheduled
    venues, entries = [], []
    for mid in ids:
        found = _overlaid(conn, mid, scheduled)
        if found is None:
            continue
        row, entry = found
        entries.append(entry)
        if row["parent"] is None:  # the merge does not link parents (consolidate does): keep the link it made
            del row["parent"]
        conn.execute(update(M).where(M.c.id == mid).values({k: v for k, v in row.items() if k != "id"}))
        if row["venue_id"]:
            venues.append({"id": row["venue_id"], "city": row["city"], "country": row["country"],
                           "facility": row["facility"]})
    if venues:
        insert_missing(conn, t.VenueRow, venues)
    reindex.meetings(conn, entries)
    sync_revisions(conn, ids, now)


def apply_overlays(conn: Connection, rebuilt: set[str], now: datetime) -> None:
    """After documents were (re)stored and these meetings rebuilt: restore decided states, lay fills and
    decisions over the rebuilt meetings again, and bump the revision of every one that changed."""
    for r in conn.execute(select(DECISION_STATE)):
        conn.execute(update(DEC).where(DEC.c.id == r.decision_id).values(status=r.status))
    scheduled = _adopted_schedules(conn)
    with_fills = {r[0] for r in conn.execute(
        select(F.c.meeting_id).select_from(FILL_VALUE.join(S, S.c.natural_key == FILL_VALUE.c.slot_key).join(
            F, and_(F.c.document_key == S.c.document_key, F.c.local_id == S.c.meeting_local))).distinct())}
    # a meeting not rebuilt still has its overlaid row
    refresh_meetings(conn, {m for m in with_fills | scheduled | corrected_meetings(conn) if m and m in rebuilt},
                     now, scheduled)
    sync_revisions(conn, rebuilt, now)


def corrected_meetings(conn: Connection) -> set[str]:
    """Meetings a correction changes: those corrected, and those a re-bound slot's fill leaves or joins."""
    found = {c.target for c in corrections.every(conn, "meeting")}
    slots_ = corrections.of_kind(conn, "slot")
    rebound = [ident for ident, fields in slots_.items() if "meeting" in fields or "field" in fields]
    found.update(fields["meeting"] for fields in slots_.values() if "meeting" in fields)
    if rebound:
        found.update(r[0] for r in conn.execute(
            select(F.c.meeting_id).select_from(S.join(F, and_(F.c.document_key == S.c.document_key,
                                                              F.c.local_id == S.c.meeting_local)))
            .where(S.c.id.in_(rebound))))
    return {m for m in found if m}


def sync_revisions(conn: Connection, meeting_ids, now: datetime) -> None:
    """A new meeting starts at revision 0; one whose dates, venue or status changed goes up by one."""
    ids = sorted(set(meeting_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        known = {r.meeting_id: r for r in conn.execute(
            select(MEETING_REVISION).where(MEETING_REVISION.c.meeting_id.in_(chunk)))}
        new, changed = [], []
        for r in conn.execute(select(M).where(M.c.id.in_(chunk))):
            fp = fingerprint(r)
            old = known.get(r.id)
            if old is None:
                new.append({"meeting_id": r.id, "revision": 0, "fingerprint": fp, "changed_at": now})
            elif old.fingerprint != fp:
                changed.append((r.id, fp))
        if new:
            insert_missing(conn, _RevisionRow, new)
        for mid, fp in changed:
            conn.execute(update(MEETING_REVISION).where(MEETING_REVISION.c.meeting_id == mid).values(
                revision=MEETING_REVISION.c.revision + 1, fingerprint=fp, changed_at=now))


class _RevisionRow:
    """insert_missing takes a row class with a __table__."""

    __table__ = MEETING_REVISION


def revision(conn: Connection, meeting_id: str) -> Revision:
    """The meeting's revision (0 when never recorded) and when it last changed: SEQUENCE and LAST-MODIFIED."""
    r = conn.execute(select(MEETING_REVISION).where(MEETING_REVISION.c.meeting_id == meeting_id)).first()
    return Revision(meeting_id, r.revision, r.changed_at) if r else Revision(meeting_id, 0, None)


def revisions(conn: Connection) -> dict[str, Revision]:
    return {r.meeting_id: Revision(r.meeting_id, r.revision, r.changed_at)
            for r in conn.execute(select(MEETING_REVISION))}



def documented(conn: Connection, meeting_id: str) -> dict | None:
    """The meeting as the documents alone give it (no fills, no decisions)."""
    facts = _facts(conn, meeting_id)
    return meeting_row(merge(meeting_id, facts)[0]) if facts else None


def fill_history(conn: Connection, slot_id: str) -> list[FillEvent]:
    """A slot's events by its id, also when the slot is gone and only its fill remembers the id."""
    ctx = slot(conn, slot_id)
    keys = {ctx.key} if ctx else set()
    keys.update(r[0] for r in conn.execute(select(FILL_EVENT.c.slot_key).where(FILL_EVENT.c.slot_id == slot_id)))
    return [e for k in sorted(keys) for e in history(conn, k)]
