"""What the calendar export needs to know about a meeting or an open item; standard library only.

The store (or any caller) fills these from its rows: `uid_key` is the meeting's stable identity
(never its dates, status or a row id), `sequence` is the store's revision counter for the meeting
(raised whenever its dates, venue or status change) and `last_modified` is when that happened.
`tracker.rendering.calendar` turns them into iCalendar; keeping them here lets the store and the services
build them without importing icalendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from tracker.rules.vocabulary import MeetingStatus, Precision, values

if TYPE_CHECKING:
    from tracker.domain import Meeting

PRECISIONS = values(Precision)
STATUSES = values(MeetingStatus)


def _freeze(obj: object, *names: str) -> None:
    """Lists given for tuple fields become tuples, so the frozen value really cannot change."""
    for name in names:
        object.__setattr__(obj, name, tuple(getattr(obj, name) or ()))


@dataclass(frozen=True)
class CalendarMeeting:
    """One meeting as a calendar event. Dates are inclusive (`end` is the last day of the meeting,
    or of the window for precision "window"); times are "HH:MM" local to the venue."""

    uid_key: str
    name: str
    instrument: str | None = None
    kind: str = "other"
    start: date | None = None
    end: date | None = None
    precision: str = "unknown"  # one of PRECISIONS
    year: int | None = None  # the meeting's year, when the documents give one
    start_time: str | None = None
    end_time: str | None = None
    duration_days: float | None = None
    city: str | None = None
    country: str | None = None  # ISO 3166 alpha-2
    facility: str | None = None
    chair: str | None = None
    languages: tuple[str, ...] = ()
    status: str = "unknown"  # one of STATUSES
    sequence: int = 0
    last_modified: datetime | None = None
    source_symbols: tuple[str, ...] = ()
    open_slots: tuple[str, ...] = ()  # short descriptions of the blanks still open about this meeting
    country_name: str | None = None  # how LOCATION names the country; default: its English name

    def __post_init__(self) -> None:
        _freeze(self, "languages", "source_symbols", "open_slots")

    @classmethod
    def from_meeting(cls, meeting: Meeting, *, uid_key: str, sequence: int = 0,
                     last_modified: datetime | None = None, source_symbols=(), open_slots=()) -> CalendarMeeting:
        """The calendar view of a domain Meeting, plus what only the store knows."""
        m = meeting
        return cls(uid_key=uid_key, name=m.name, instrument=m.instrument, kind=m.kind, start=m.start, end=m.end,
                   precision=m.precision, year=m.year, start_time=m.start_time, end_time=m.end_time,
                   duration_days=m.duration_days, city=m.city, country=m.country, facility=m.facility,
                   chair=m.chair, languages=tuple(m.languages), status=m.status, sequence=sequence,
                   last_modified=last_modified, source_symbols=tuple(source_symbols),
                   open_slots=tuple(open_slots))


@dataclass(frozen=True)
class CalendarTodo:
    """One open item (an unfilled slot or a proposed decision) as a VTODO.

    `due` is the first day of the meeting that will take it (fill the slot, adopt the decision);
    `meeting_uid_key` names that meeting (RELATED-TO). `uid_key` must differ from every meeting's.
    """

    uid_key: str
    summary: str
    kind: str = "slot"  # slot | decision
    due: date | None = None
    meeting_uid_key: str | None = None
    description: str = ""
    categories: tuple[str, ...] = ()
    source_symbols: tuple[str, ...] = ()
    sequence: int = 0
    last_modified: datetime | None = None

    def __post_init__(self) -> None:
        _freeze(self, "categories", "source_symbols")
