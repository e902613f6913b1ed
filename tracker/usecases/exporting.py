"""Use case: the store's meetings (and open items) as an iCalendar feed.

Both `tracker export ics` and `tracker serve` call `calendar_feed`; it reads the store, builds the
calendar model and lets `tracker.rendering.calendar` write the bytes. No Typer, no printing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tracker.rendering.calendar_model import STATUSES
from tracker.usecases.settings import Settings


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


def calendar_feed(settings: Settings, opts: FeedOptions, dtstamp: datetime, skipped: list[str] | None = None) -> bytes:
    """The .ics bytes for the meetings that pass `opts`; the same store and dtstamp give the same bytes.
    A meeting the calendar cannot write is left out with a line in `skipped`."""
    from tracker.rendering.calendar import meetings_to_ics
    from tracker.rendering.calendar_model import CalendarMeeting, CalendarTodo
    from tracker.store import fills
    from tracker.store import queries as q
    from tracker.usecases.services import _reading

    transaction = _reading(settings)
    with transaction(settings.db_url) as conn:
        meetings = [m for m in q.meetings(conn, q.Filters(instrument=opts.instrument))
                    if (not opts.statuses or m.status in opts.statuses) and _overlaps(m.start, m.end, opts)]
        revisions = fills.revisions(conn)
        symbols = {d.key: d.symbol or d.key for d in q.documents(conn)}
        sources = q.meeting_documents(conn)
        open_slots, _ = q.slots(conn, q.Filters(status="open"))
        proposed, _ = q.decisions(conn, q.Filters(status="proposed"))

    by_meeting: dict[str, list[str]] = {}
    for s in open_slots:
        if s.meeting:
            by_meeting.setdefault(s.meeting, []).append(f"{s.id}: {s.kind} ({s.field or '-'}) …{s.left_context}{s.text}")
    events = []
    for m in meetings:
        rev = revisions.get(m.id)
        events.append(CalendarMeeting.from_meeting(
            m, uid_key=m.id, sequence=rev.revision if rev else 0,
            last_modified=rev.changed_at if rev else None,
            source_symbols=sorted({symbols.get(k, k) for k in sources.get(m.id, ())}),
            open_slots=sorted(by_meeting.get(m.id, ()))))
    todos: list[CalendarTodo] = []
    if opts.todos:
        starts = {m.id: m.start for m in meetings}
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
    return meetings_to_ics(events, dtstamp=dtstamp, calname=opts.calname, include_undated=opts.include_undated,
                           todos=sorted(todos, key=lambda t: t.uid_key), skipped=skipped)
