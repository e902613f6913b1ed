"""Use case: the store's meetings (and open items) as an iCalendar feed.

Both `tracker export ics` and `tracker serve` call `calendar_feed`; it reads the store, builds the
calendar model and lets `tracker.rendering.calendar` write the bytes. No Typer, no printing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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


def _overlaps(start: date | None, end: date | None, opts: FeedOptions) -> bool:
    if start is None:
        return opts.include_undated
    last = end or start
    return not ((opts.date_from and last < opts.date_from) or (opts.date_to and start > opts.date_to))


def calendar_feed(store: Store, opts: FeedOptions, dtstamp: datetime, skipped: list[str] | None = None) -> bytes:
    """The .ics bytes for the meetings that pass `opts`; the same store and dtstamp give the same bytes.
    A meeting the calendar cannot write is left out with a line in `skipped`."""
    return b"".join(calendar_chunks(store, opts, dtstamp, skipped))


def calendar_chunks(store: Store, opts: FeedOptions, dtstamp: datetime,
                    skipped: list[str] | None = None) -> Iterator[bytes]:
    """`calendar_feed` an event at a time, read from one snapshot as it is written: a calendar of any size
    takes constant memory (the to-dos of `opts.todos` aside, which are gathered whole)."""
    from tracker.rendering.calendar import ics_chunks, zone_years
    from tracker.store import queries as q

    def wanted(m) -> bool:
        return (not opts.statuses or m.status in opts.statuses) and _overlaps(m.start, m.end, opts)

    store.ensure_current()
    with store.snapshot() as conn:
        timed = (CalendarMeeting.from_meeting(c.meeting, uid_key=c.meeting.id)
                 for c in q.calendar_meetings(conn, opts.instrument, timed=True) if wanted(c.meeting))
        zones = zone_years(timed, opts.include_undated)
        starts: dict[str, date] = {}  # the meetings on the calendar, for the to-dos

        def events() -> Iterator[CalendarMeeting]:
            for c in q.calendar_meetings(conn, opts.instrument):
                m = c.meeting
                if not wanted(m):
                    continue
                if opts.todos:
                    starts[m.id] = m.start
                yield CalendarMeeting.from_meeting(
                    m, uid_key=m.id, sequence=m.revision, last_modified=c.changed_at,
                    source_symbols=sorted(c.sources), open_slots=sorted(_open_slot(s) for s in c.open_slots))

        yield from ics_chunks(events(), zones=zones, dtstamp=dtstamp, calname=opts.calname,
                              include_undated=opts.include_undated,
                              todos=lambda: _todos(conn, starts) if opts.todos else [], skipped=skipped)


def _open_slot(s) -> str:
    return f"{s.id}: {s.kind} ({s.field or '-'}) …{s.left_context}{s.text}"


def _todos(conn, starts: dict[str, date]) -> list[CalendarTodo]:
    """Open slots of the calendar's meetings and proposed decisions as to-dos, due on their meeting's first day."""
    from tracker.store import queries as q

    open_slots, _ = q.slots(conn, q.Filters(status="open"))
    proposed, _ = q.decisions(conn, q.Filters(status="proposed"))
    todos: list[CalendarTodo] = []
    for s in open_slots:
        if s.meeting in starts:
            todos.append(CalendarTodo(uid_key=f"slot-{s.id}", summary=f"Fill {s.kind}: …{s.left_context}{s.text}",
                                      kind="slot", due=starts[s.meeting], meeting_uid_key=s.meeting))
    slot_meeting = {s.decision: s.meeting for s in open_slots if s.decision and s.meeting in starts}
    for d in proposed:
        meeting = slot_meeting.get(d.id)
        todos.append(CalendarTodo(uid_key=f"decision-{d.id}", summary=f"Decide: {d.text[:60]}",
                                  kind="decision", due=starts.get(meeting) if meeting else None,
                                  meeting_uid_key=meeting))
    return todos
