"""iCalendar in: the events of an .ics file or feed (Indico and other conference sites publish one per meeting)
read with icalendar into plain `CalendarEvent`s, and a readable text of them for the store and `show`.

Which meeting an event is (its treaty, body and number) is read from its words by the extractor, in
usecases/documents.py; here only what the calendar itself says: days, clock times in the event's own time zone,
location, status, address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.formats import FormatError

MAX_EVENTS = 10_000


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: date
    end: date  # the last day, inclusive (an all-day DTEND is exclusive in iCalendar)
    start_time: str | None  # "10:00" in the event's time zone, None for an all-day event
    end_time: str | None
    timezone: str | None  # the TZID, or UTC
    location: str | None
    status: str | None  # CONFIRMED, TENTATIVE, CANCELLED
    url: str | None
    begin: int  # where the event's block starts in the text, and its summary line ends
    summary_end: int
    end_offset: int


def read(text: str, name: str) -> tuple[str, list[CalendarEvent]]:
    """The calendar's events and the text they are shown by (one block per event, its summary first)."""
    import icalendar

    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise FormatError(name, "ics", f"not a valid calendar ({str(exc).splitlines()[0][:120]})") from None
    events = [e for calendar in calendars for e in calendar.walk("VEVENT")]
    if not events:
        raise FormatError(name, "ics", "no event in the calendar")
    if len(events) > MAX_EVENTS:
        raise FormatError(name, "ics", f"{len(events)} events (the limit is {MAX_EVENTS})")
    blocks, out, offset = [], [], 0
    for event in events:
        try:
            start, end, start_time, end_time, zone = _days(event)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise FormatError(name, "ics", f"an event without readable dates ({exc})") from None
        summary = " ".join(str(event.get("SUMMARY", "")).split()) or "(no title)"
        location = " ".join(str(event.get("LOCATION", "")).split()) or None
        url = str(event.get("URL", "")).strip() or None
        status = str(event.get("STATUS", "")).strip().upper() or None
        when = start.isoformat() if end == start else f"{start.isoformat()} – {end.isoformat()}"
        if start_time:
            when += f", {start_time}–{end_time or ''} ({zone})"
        lines = [summary, when, *(x for x in (location, status, url) if x)]
        block = "\n".join(lines) + "\n\n"
        out.append(CalendarEvent(str(event.get("UID", "")), summary, start, end, start_time, end_time, zone, location,
                                 status, url, offset, offset + len(summary), offset + len(block)))
        blocks.append(block)
        offset += len(block)
    return "".join(blocks), out


def _days(event) -> tuple[date, date, str | None, str | None, str | None]:
    """First and last day, clock times and time zone of an event (DTEND or DURATION, exclusive for whole days)."""
    start = event.decoded("DTSTART")
    if "DTEND" in event:
        end = event.decoded("DTEND")
    elif "DURATION" in event:
        end = start + event.decoded("DURATION")
    else:
        end = start + timedelta(days=1) if not isinstance(start, datetime) else start
    if isinstance(start, datetime):
        zone = str(start.tzinfo) if start.tzinfo else None
        if isinstance(end, datetime) and end.tzinfo and start.tzinfo:
            end = end.astimezone(start.tzinfo)  # the end read in the start's zone: one clock for the meeting
        last = end.date() if isinstance(end, datetime) else end
        return (start.date(), max(start.date(), last), start.strftime("%H:%M"),
                end.strftime("%H:%M") if isinstance(end, datetime) else None, zone)
    last = (end - timedelta(days=1)) if end > start else start
    return start, last, None, None, None
