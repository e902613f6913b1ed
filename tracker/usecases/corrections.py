"""Use cases of correcting what the documents got wrong: set, unset, undo, history, and what `edit` walks.

A correction is a value a person gives one field of a meeting, decision, slot, person or topic (by its stable id);
it is checked like a fill (`slot_values`, `typed_dates`), kept in its own table and laid over the documents'
values wherever they are read, so re-ingesting any version of a document keeps it. Every change that is not
a fill (set, unset, decide, undo) is one `change_event` row: who, when, old, new, the documents' value, why.
No Typer, no printing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tracker.domain import control_character, printable
from tracker.errors import ConflictError, UsageError
from tracker.rules.overlay import CORRECTABLE, OVERLAID
from tracker.rules.vocabulary import DecisionStatus, MeetingKind, MeetingStatus, SlotKind, values

if TYPE_CHECKING:
    from tracker.store import Store

CURRENT = object()  # `expected` default: whatever correction the field holds when we read it

FIELDS = {
    "meeting": CORRECTABLE,
    "decision": ("text", "number", "status"),
    "slot": ("kind", "meeting", "field"),
    "person": ("name", "role", "country"),
    "topic": ("title", "label"),
}
MAX_TITLE = 300  # a topic's title, as long as extraction keeps one (extract/topics.py)
TOPIC_LABEL = re.compile(r"[a-z]{1,2}|[ivxlc]{1,6}|[0-9]{1,3}")  # what a list item is lettered: a, hh, iv, 12
SLOT_FIELDS = (*OVERLAID, "role")  # what a blank can stand for: a meeting field, or a person appointed
LANGUAGE = re.compile(r"[a-z]{2,3}")  # a language code as packs and documents give it: en, zh, fra


@dataclass(frozen=True)
class Record:
    """One record as corrections see it: its kind, the documents' values and the values shown now."""

    kind: str
    id: str
    documents: dict[str, str | None]  # field -> what the documents say
    corrected: dict[str, str]  # field -> what a person said
    current: dict[str, str | None] | None = None  # field -> what reports show now (fills, decisions laid over)


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    field: str
    old: str | None  # the correction before (None: the documents' value was shown)
    new: str | None  # the correction now (None: back to the documents' value)
    shown: str | None  # the value the field shows now
    note: str  # the value in plain words, or what happened
    revision: int | None  # a meeting's revision after the change (the calendar's SEQUENCE)


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    kind: str
    id: str
    field: str
    action: str  # fill | unfill | set | unset | decide | undo
    old: str | None
    new: str | None
    by: str
    note: str | None
    typed: str | None = None
    slot_key: str | None = None


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def _writing(store: Store):
    store.ensure_current()
    return store.transaction(lock_name="ingest", shared=True)  # beside fills, never inside an ingest


def _reading(store: Store):
    store.ensure_current()
    return store.snapshot()


# ---------------------------------------------------------------- which record, and its values

def _record(conn, ident: str) -> Record:
    from tracker.store import corrections

    found = corrections.record_values(conn, ident)
    if found is None:
        from tracker.usecases.names import ALL_KINDS, hint

        near = hint(conn, ALL_KINDS, ident)
        raise UsageError(f"no meeting, decision, slot, person or topic with id {ident!r}"
                         + (near or " (a person's id is their name in lower case with hyphens, e.g. nadim-nasr)"))
    kind, documents, corrected, current = found
    return Record(kind, ident, documents, corrected, current)


def record(store: Store, ident: str) -> Record:
    """The record's documents' values and corrections (what `tracker edit` walks)."""
    with _reading(store) as conn:
        return _record(conn, ident)


def shown(rec: Record, field: str) -> str | None:
    """What the field shows: the correction, else (for a meeting) the row reports read, else the documents'."""
    if field in rec.corrected:
        return rec.corrected[field]
    return (rec.current or rec.documents).get(field)


def _field(rec: Record, field: str) -> str:
    if field not in FIELDS[rec.kind]:
        raise UsageError(f"{field!r} is not a field of {rec.kind} {rec.id}; one of {', '.join(FIELDS[rec.kind])}")
    return field


# ---------------------------------------------------------------- checking a value like a fill

def _one_of(field: str, value: str, allowed) -> str:
    if value not in allowed:
        raise UsageError(f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return value


def check(conn, rec: Record, field: str, typed: str) -> tuple[str, str]:
    """(the value stored, the value in plain words) for a field of a record, or UsageError saying what fits."""
    from tracker.usecases.slot_values import SlotFacts
    from tracker.usecases.slot_values import check as check_slot

    bad = control_character(typed)
    if bad is not None:
        raise UsageError(f"'{printable(typed, False)}': a value cannot hold control characters "
                         f"({printable(bad)}); type plain text")
    value = re.sub(r"\s+", " ", typed).strip()
    if not value:
        raise UsageError(f"empty value; to return {field} to what the documents say: tracker unset {rec.id} {field}")
    slot_kind = {"city": "city", "facility": "facility", "chair": "person", "country": "country",
                 "host": "country", "name": "person" if rec.kind == "person" else None}.get(field)
    if rec.kind in ("meeting", "person") and slot_kind:
        checked = check_slot(SlotFacts(slot_kind, field, "en"), value)
        return (checked.field_value or checked.value), checked.note
    if rec.kind == "meeting":
        return _meeting_value(conn, rec, field, value)
    if rec.kind == "decision":
        if field == "status":
            return _one_of(field, value, values(DecisionStatus)), value
        if len(value) > (20 if field == "number" else 10_000):
            raise UsageError(f"{field}: too long")
        return value, value
    if rec.kind == "topic":
        if field == "label":
            label = value.strip("()（）. ").lower()
            if not TOPIC_LABEL.fullmatch(label):
                raise UsageError(f"label: {value!r} is not a list item's label (a letter, a roman or arabic numeral: "
                                 "b, iv, 3)")
            return label, label
        if len(value) > MAX_TITLE:
            raise UsageError(f"title: longer than {MAX_TITLE} characters")
        return value, value
    if rec.kind == "slot":
        if field == "kind":
            return _one_of(field, value, values(SlotKind)), value
        if field == "field":
            return _one_of(field, value, SLOT_FIELDS), value
        return _meeting_id(conn, value), value
    if len(value) > 60:  # a person's role
        raise UsageError(f"{field}: too long")
    return value, value


def _meeting_id(conn, value: str) -> str:
    from tracker.store import queries

    if queries.meeting(conn, value) is None:
        raise UsageError(f"no meeting {value!r}; see `tracker meetings`")
    return value


def _meeting_value(conn, rec: Record, field: str, value: str) -> tuple[str, str]:
    from tracker.usecases.typed_dates import FORMS, in_range, read_day

    if field == "kind":
        return _one_of(field, value, values(MeetingKind)), value
    if field == "status":
        return _one_of(field, value, values(MeetingStatus)), value
    if field in ("start", "end"):
        day = read_day(value)
        if day is None:
            raise UsageError(f"{field}: {value!r} is not a date ({FORMS})")
        if not in_range(day):
            raise UsageError(f"{field}: {day.isoformat()} is not a meeting's day (the years 1900 to 2199)")
        other = shown(rec, "end" if field == "start" else "start") if (
            "end" if field == "start" else "start") in rec.corrected else None
        if other and ((field == "start" and day.isoformat() > other) or (field == "end" and day.isoformat() < other)):
            raise UsageError(f"{field}: {day.isoformat()} is {'after the end' if field == 'start' else 'before the start'}"
                             f" ({other}); correct the other day first")
        return day.isoformat(), day.strftime("%-d %b %Y")
    if field == "parent":
        if value == rec.id:
            raise UsageError("parent: a meeting is not part of itself")
        return _meeting_id(conn, value), value
    if field == "languages":
        codes = [c.strip().lower() for c in re.split(r"[,\s]+", value) if c.strip()]
        wrong = [c for c in codes if not LANGUAGE.fullmatch(c)]
        if wrong or not codes:
            raise UsageError(f"languages: {value!r}: give language codes separated by commas (en,zh,fr)")
        return ",".join(dict.fromkeys(codes)), ", ".join(dict.fromkeys(codes))
    if field == "duration_days":
        try:
            days = float(value)
        except ValueError:
            days = 0.0
        if not 0.5 <= days <= 366 or days * 2 != int(days * 2):
            raise UsageError(f"duration_days: {value!r} is not a number of days (1, 2.5, … up to 366)")
        return (str(int(days)) if days == int(days) else str(days)), f"{value} days"
    if len(value) > 200:  # the name
        raise UsageError(f"{field}: longer than 200 characters")
    return value, value


# ---------------------------------------------------------------- writing

def _refresh(conn, rec: Record, field: str, values_: tuple[str | None, ...], now: datetime) -> int | None:
    """Lay the change over what it moves: a meeting row (its revision may go up), the meetings a slot leaves
    and joins, the record's search entries (a meeting's with its row). Returns the meeting's revision for a
    meeting."""
    from tracker.store import fills, reindex

    reindex.record(conn, rec.kind, rec.id)
    if rec.kind == "meeting":
        fills.refresh_meetings(conn, [rec.id], now)
        return fills.revision(conn, rec.id).revision
    if rec.kind == "slot" and field in ("meeting", "field"):
        moved = {rec.documents.get("meeting"), *(v for v in values_ if v and field == "meeting")}
        fills.refresh_meetings(conn, {m for m in moved if m}, now)
    return None


def set_field(store: Store, ident: str, field: str, typed: str, by: str, note: str | None = None,
              now: datetime | None = None, expected: object = CURRENT) -> Change:
    """Correct one field of a record; a decision's status is a `decide`."""
    from tracker.store import corrections

    with _reading(store) as conn:
        rec = _record(conn, ident)
        _field(rec, field)
        value, plain = check(conn, rec, field, typed)
    if rec.kind == "decision" and field == "status":
        from tracker.usecases.fill import decide

        result = decide(store, ident, value, by, now, note)
        return Change(rec.kind, ident, field, result.old, result.new, result.new, f"{result.old} -> {result.new}",
                      None)
    old = rec.corrected.get(field) if expected is CURRENT else expected
    when = _now(now)
    with _writing(store) as conn:
        corrections.write(conn, rec.kind, ident, field, value, typed, by, when, old)
        corrections.record(conn, rec.kind, ident, field, "set", old, value, by, when,
                           base=rec.documents.get(field), note=note)
        revision = _refresh(conn, rec, field, (old, value), when)
    return Change(rec.kind, ident, field, old, value, value, plain, revision)


def unset_field(store: Store, ident: str, field: str, by: str, note: str | None = None,
                now: datetime | None = None) -> Change:
    """Return a field to what the documents say (the correction stays in the history)."""
    from tracker.store import corrections

    with _reading(store) as conn:
        rec = _record(conn, ident)
        _field(rec, field)
    if rec.kind == "decision" and field == "status":
        raise UsageError(f"a decision's status returns with `tracker decide {ident} proposed` or `tracker undo`")
    old = rec.corrected.get(field)
    if old is None:
        raise UsageError(f"{ident} {field} is not corrected; it shows what the documents say")
    when = _now(now)
    with _writing(store) as conn:
        corrections.remove(conn, rec.kind, ident, field, old)
        corrections.record(conn, rec.kind, ident, field, "unset", old, None, by, when,
                           base=rec.documents.get(field), note=note)
        revision = _refresh(conn, rec, field, (old,), when)
    back = rec.documents.get(field)
    return Change(rec.kind, ident, field, old, None, back, f"back to the documents' {back or '(nothing)'}", revision)


# ---------------------------------------------------------------- history and undo

def history(store: Store, ident: str | None = None) -> list[HistoryRow]:
    """Every fill, unfill, correction, decide and undo, oldest first (of one record, or of all)."""
    from tracker.store import corrections, fills

    with _reading(store) as conn:
        filled = fills.fill_history(conn, ident) if ident else fills.history(conn)
        changed = corrections.events(conn, ident)
        if ident and not filled and not changed and corrections.record_values(conn, ident) is None:
            from tracker.usecases.names import ALL_KINDS, hint  # a typo, not a record without history

            raise UsageError(f"no meeting, decision, slot, person or topic with id {ident!r}"
                             f"{hint(conn, ALL_KINDS, ident)}")
    rows = [HistoryRow(e.at, "slot", e.slot_id, "fill", e.action, e.old_value, e.new_value, e.by, None, e.typed,
                       e.slot_key) for e in filled]
    rows += [HistoryRow(e.at, e.kind, e.target, e.field, e.action, e.old_value, e.new_value, e.by, e.note)
             for e in changed]
    return sorted(rows, key=lambda r: _moment(r.at))  # stable: fills before changes of the same instant


def _moment(at: datetime) -> datetime:
    return at.replace(tzinfo=None) if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Undone:
    kind: str
    id: str
    field: str
    action: str  # the action undone
    was: str | None  # the value before the undo
    now: str | None  # the value after it
    revision: int | None


def undo(store: Store, by: str, now: datetime | None = None) -> Undone:
    """Undo the last change of any kind (fill, unfill, set, unset, decide) that is not undone yet.

    Compare-and-set like every write: if the field no longer holds what that change left, nothing is undone
    (ConflictError). An undo is recorded (action `undo`) and is not undone itself: the next undo goes further back."""
    from tracker.store import corrections, fills

    when = _now(now)
    with _reading(store) as conn:
        which, event = corrections.last_change(conn)
        if which is None:
            raise UsageError("nothing to undo")
        checked = None
        if which == "fill":
            ctx = fills.slot(conn, event.slot_id)
            if ctx is None:
                raise UsageError(f"the last change is to slot {event.slot_id}, which is gone; nothing undone")
            if event.old_value is not None:  # the value before: checked again for the slot as it is now
                from tracker.usecases.fill import _doc_text, _facts
                from tracker.usecases.slot_values import check as check_slot

                checked = check_slot(_facts(conn, ctx, _doc_text(conn, ctx.document)), event.old_value)
        else:
            rec = _record(conn, event.target)
    with _writing(store) as conn:
        if (which, event.id) != _identity(corrections.last_change(conn)):
            raise ConflictError("someone changed something meanwhile; run `tracker history` and retry")
        if which == "fill":
            ref = corrections.ref("fill_event", event.at, event.slot_id)
            if event.old_value is None:
                fills.remove_fill(conn, ctx, by, when, event.new_value, event=False)
            else:
                fills.write_fill(conn, ctx, checked.value, checked.field_value, by, when, event.new_value,
                                 event.old_value, event=False)
            corrections.record(conn, "slot", ctx.id, "fill", "undo", event.new_value, event.old_value, by, when,
                               note=f"undid {event.action}", undoes=ref)
            revision = fills.revision(conn, ctx.meeting).revision if ctx.meeting else None
            return Undone("slot", ctx.id, "fill", event.action, event.new_value, event.old_value, revision)
        ref = corrections.ref("change_event", event.at, event.target)
        if event.action == "decide":
            _undo_decide(conn, event, by, when)
            revision = None
        else:
            if event.old_value is None:
                corrections.remove(conn, event.kind, event.target, event.field, event.new_value)
            else:
                corrections.write(conn, event.kind, event.target, event.field, event.old_value, None, by, when,
                                  event.new_value)
            revision = _refresh(conn, rec, event.field, (event.old_value, event.new_value), when)
        corrections.record(conn, event.kind, event.target, event.field, "undo", event.new_value, event.old_value,
                           by, when, base=event.base, note=f"undid {event.action}", undoes=ref)
    return Undone(event.kind, event.target, event.field, event.action, event.new_value,
                  event.old_value if event.old_value is not None else _documents(event.base), revision)


def _documents(value: str | None) -> str:
    return f"{value or '(nothing)'} (the documents')"


def _identity(found) -> tuple:
    which, event = found
    return (which, event.id if event is not None else None)


def _undo_decide(conn, event, by: str, when: datetime) -> None:
    from tracker.store import fills

    if fills.decided(conn, event.target) != event.new_value:
        raise ConflictError(f"decision {event.target} changed meanwhile; run `tracker history {event.target}`")
    if event.old_value is None:  # no decide before it: the decision returns to what its document says
        fills.forget_decision(conn, event.target, event.base, when)
    else:
        fills.set_decision_status(conn, event.target, event.old_value, by, when)


# ---------------------------------------------------------------- show

def with_corrections(store: Store, shown):
    """`tracker show ID`: each corrected field as a fact of its own (who corrected it, when, what the documents
    say), and for a meeting the conflicts between its corrections and its documents."""
    from tracker.domain import Fact, Shown
    from tracker.store import corrections

    if shown.kind not in ("meeting", "decision", "slot", "topic"):
        return shown
    ident = shown.record.id
    with _reading(store) as conn:
        mine = [c for c in corrections.every(conn, shown.kind) if c.target == ident]
        rec = _record(conn, ident) if mine else None
        clashes = corrections.conflicts(conn, ident) if shown.kind == "meeting" else []
    extra = [(Fact(ident, c.field, c.value, f"corrected by {c.by}", 0, 0, None),
              f"corrected {c.at.date().isoformat()}; the documents say {rec.documents.get(c.field) or '(nothing)'}")
             for c in mine]
    return Shown(shown.kind, shown.record, list(shown.facts) + extra, list(shown.conflicts) + clashes)
