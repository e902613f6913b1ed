"""Use case: the store's meetings (and open items) as an iCalendar feed.

Both `tracker export ics` and `tracker serve` call `calendar_feed`; it reads the store, builds the
calendar model and lets `tracker.rendering.calendar` write the bytes. No Typer, no printing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from tracker.rendering.calendar_model import STATUSES, CalendarMeeting, CalendarTodo

if TYPE_CHECKING:  # the store loads SQLAlchemy: imported by the function that uses it
    from tracker.store import Store


def check_statuses(statuses: tuple[str, ...]) -> None:
    """ValueError naming the valid ones if any status is not a meeting status (a typo must not empty the feed)."""
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise ValueError(f"status: unknown value {bad[0]!r} (one of {', '.join(sorted(STATUSES))})")


@dataclass(frozen=True)
class FeedOptions:
    date_from: date | None = None
    date_to: date | None = None
    instrument: str | None = None
    statuses: tuple[str, ...] = ()
    include_undated: bool = False
    todos: bool = False
    calname: str = "tracker"


def calendar_feed(store: Store, opts: FeedOptions, dtstamp: datetime, skipped: list[str] | None = None) -> bytes:
    """The .ics bytes for the meetings that pass `opts`; the same store and dtstamp give the same bytes.
    A meeting the calendar cannot write is left out with a line in `skipped`."""
    return b"".join(calendar_chunks(store, opts, dtstamp, skipped))


def calendar_chunks(store: Store, opts: FeedOptions, dtstamp: datetime,
                    skipped: list[str] | None = None) -> Iterator[bytes]:
    """`calendar_feed` an event at a time, read from one snapshot as it is written: a calendar of any size,
    its to-dos included, takes constant memory. The store picks the meetings (`opts` become SQL conditions)."""
    from tracker.rendering.calendar import PLACED, ics_chunks, zone_years
    from tracker.store import queries as q

    held = q.CalendarFilters(instrument=opts.instrument, statuses=opts.statuses, date_from=opts.date_from,
                             date_to=opts.date_to)  # the meetings on the calendar, whatever their precision
    placed = held if opts.include_undated else replace(held, precisions=PLACED)
    store.ensure_current()
    with store.snapshot() as conn:
        timed = (CalendarMeeting.from_meeting(c.meeting, uid_key=c.meeting.id)
                 for c in q.calendar_meetings(conn, placed, timed=True))
        zones = zone_years(timed, opts.include_undated)
        events = (CalendarMeeting.from_meeting(
            c.meeting, uid_key=c.meeting.id, sequence=c.meeting.revision, last_modified=c.changed_at,
            source_symbols=sorted(c.sources), open_slots=sorted(_open_slot(s) for s in c.open_slots))
            for c in q.calendar_meetings(conn, placed))
        todos = (lambda: _todos(q.calendar_items(conn, held))) if opts.todos else ()
        yield from ics_chunks(events, zones=zones, dtstamp=dtstamp, calname=opts.calname,
                              include_undated=opts.include_undated, todos=todos, skipped=skipped)


def _open_slot(s) -> str:
    return f"{s.id}: {s.kind} ({s.field or '-'}) …{s.left_context}{s.text}"


def _todos(items) -> Iterator[CalendarTodo]:
    """Open slots of the calendar's meetings and proposed decisions as to-dos, due on their meeting's first day,
    in the calendar's order (the store streams them so)."""
    for item in items:
        if item.slot is not None:
            s = item.slot
            yield CalendarTodo(uid_key=f"slot-{s.id}", summary=f"Fill {s.kind}: …{s.left_context}{s.text}",
                               kind="slot", due=item.due, meeting_uid_key=item.meeting)
        else:
            d = item.decision
            yield CalendarTodo(uid_key=f"decision-{d.id}", summary=f"Decide: {d.text[:60]}", kind="decision",
                               due=item.due, meeting_uid_key=item.meeting)
