"""What people said laid over what the documents say: a meeting's effective values.

Pure: the documents' merged meeting, the values fills give its fields and whether an adopted decision
schedules it in; the meeting as reports and calendars show it out. `fingerprint` is what a meeting's
revision (a calendar's SEQUENCE) watches: it goes up when this changes.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

from tracker.rules import ids
from tracker.rules.consolidate import MergedMeeting, strongest_status
from tracker.rules.vocabulary import MeetingStatus, Precision

# the meeting fields a fill can set (a slot's `field`), and those that place a meeting in time or space
OVERLAID = ("start", "end", "city", "country", "facility", "chair", "host")
SCHEDULING_FIELDS = ("start", "end", "city", "country", "facility")
PLACES = ("city", "country", "facility", "chair", "host")
# the meeting fields a person may correct (`tracker set MEETING FIELD VALUE`), as the meeting row stores them
CORRECTABLE = ("name", "kind", "start", "end", "status", "city", "country", "facility", "chair", "host", "parent",
               "languages", "duration_days")


def filled_dates(meeting: MergedMeeting, filled: dict[str, str]) -> dict:
    """start, end, precision and year once filled days are laid on: a filled start with the documents'
    duration gives the end (and the reverse); a lone filled end is a one-day meeting. {} without date fills."""
    start = date.fromisoformat(filled["start"]) if "start" in filled else None
    end = date.fromisoformat(filled["end"]) if "end" in filled else None
    if start is None and end is None:
        return {}
    days = int(meeting.duration_days) if meeting.duration_days and meeting.duration_days >= 1 else None
    try:
        if start and not end:
            end = start + timedelta(days=days - 1) if days else None
        if end and not start:
            start = end - timedelta(days=days - 1) if days else end
    except OverflowError:  # a stored date at the very edge of the calendar (9999-12-31): keep the day given
        start = end = start or end
    return {"start": start, "end": end, "precision": Precision.DAY.value, "year": start.year}


def overlay(meeting: MergedMeeting, filled: dict[str, str], scheduled: bool,
            corrected: dict[str, str] | None = None) -> MergedMeeting:
    """The meeting with the fills' values (`filled`: field -> value) and, when an adopted decision
    schedules it, at least `scheduled` (a held or cancelled meeting stays so); then the corrections
    (`corrected`: field -> value), which win over both: a person said this field is wrong."""
    corrected = corrected or {}
    days = {name: value for name, value in {**filled, **corrected}.items() if name in ("start", "end")}
    if any(name in corrected for name in ("start", "end")) and duration_of(corrected) is not None:
        meeting = replace(meeting, duration_days=duration_of(corrected))
    changes = filled_dates(meeting, days)
    changes.update({name: filled[name] for name in PLACES if name in filled})
    if scheduled:
        changes["status"] = strongest_status((meeting.status, MeetingStatus.SCHEDULED.value))
    for name in CORRECTABLE:
        if name in corrected and name not in ("start", "end"):
            changes[name] = duration_of(corrected) if name == "duration_days" else corrected[name]
    out = replace(meeting, **changes)
    return replace(out, venue_id=ids.venue_id(out.country, out.city, out.facility))


def duration_of(corrected: dict[str, str]) -> float | None:
    """A corrected duration as the row keeps it (days, a number)."""
    return float(corrected["duration_days"]) if "duration_days" in corrected else None


def fingerprint(m) -> str:
    """What a meeting's revision follows: its dates, times, venue and status (any object with those fields)."""
    return json.dumps([str(m.start), str(m.end), m.precision, m.start_time, m.end_time, m.city, m.country,
                       m.facility, m.status], ensure_ascii=False)


def mark_blanks(text: str, blanks: list[tuple[str, str]]) -> str:
    """A decision's text with each blank (as written, in document order) replaced by what goes there: its fill
    marked for a report, or as it is for the search index. A blank not found in the text is passed over."""
    out, pos = [], 0
    for blank, there in blanks:
        at = text.find(blank, pos) if blank else -1
        if at < 0:
            continue
        out.append(text[pos:at])
        out.append(there)
        pos = at + len(blank)
    out.append(text[pos:])
    return "".join(out)
