"""Meetings and open items -> an RFC 5545 .ics file; pure and deterministic.

`meetings_to_ics` is the whole interface. Same input, same bytes: it never reads the clock
(`dtstamp` is a parameter), UIDs come from `uid_key` alone, and events, to-dos and time zones
are sorted before they are written.

This is the one module allowed to import icalendar, and it no longer needs to: the content
lines are written here. Building 10,000 events through icalendar's Event objects took over 4 s
against a 2 s target (`make bench`), and the VTIMEZONE that `icalendar.Timezone.from_tzid`
makes (one observance with an RDATE list) is misread by vobject from its second year on.
What remains is small and fixed by RFC 5545: TEXT escaping (3.3.11), folding at 75 octets
(3.1) and VTIMEZONE observances from zoneinfo (3.6.5). The tests read every file back with
icalendar, with vobject and with khal.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from tracker.domain import printable
from tracker.rendering import phrases
from tracker.rendering.calendar_model import CalendarMeeting, CalendarTodo
from tracker.rules.vocabulary import MeetingStatus, Precision

PRODID = "-//tracker//meeting calendar//EN"
UID_DOMAIN = "tracker"

LANGUAGES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}

# ------------------------------------------------------------------ the venue's time zone

# Cities in countries that span several zones. Keys are casefolded names in English and Chinese;
# the country guards against namesakes elsewhere (Santiago de Chile, not Santiago de Compostela).
CITY_ZONES: dict[str, tuple[str, str]] = {
    name: (country, zone)
    for country, zone, names in (
        ("US", "America/New_York", ("new york", "new york city", "纽约", "washington", "washington, d.c.", "华盛顿")),
        ("US", "America/Chicago", ("chicago", "芝加哥")),
        ("US", "America/Los_Angeles", ("los angeles", "洛杉矶", "san francisco", "旧金山")),
        ("US", "Pacific/Honolulu", ("honolulu", "檀香山")),
        ("CA", "America/Toronto", ("ottawa", "渥太华", "toronto", "多伦多", "montreal", "montréal", "蒙特利尔")),
        ("CA", "America/Vancouver", ("vancouver", "温哥华")),
        ("AU", "Australia/Sydney", ("canberra", "堪培拉", "sydney", "悉尼")),
        ("AU", "Australia/Melbourne", ("melbourne", "墨尔本")),
        ("AU", "Australia/Brisbane", ("brisbane", "布里斯班")),
        ("AU", "Australia/Perth", ("perth", "珀斯")),
        ("RU", "Europe/Moscow", ("moscow", "莫斯科", "saint petersburg", "st petersburg", "st. petersburg", "圣彼得堡")),
        ("RU", "Asia/Vladivostok", ("vladivostok", "符拉迪沃斯托克")),
        ("BR", "America/Sao_Paulo", ("brasília", "brasilia", "巴西利亚", "rio de janeiro", "里约热内卢",
                                     "são paulo", "sao paulo", "圣保罗")),
        ("BR", "America/Manaus", ("manaus", "马瑙斯")),
        ("MX", "America/Mexico_City", ("mexico city", "墨西哥城")),
        ("MX", "America/Cancun", ("cancún", "cancun", "坎昆")),
        ("ID", "Asia/Jakarta", ("jakarta", "雅加达")),
        ("ID", "Asia/Makassar", ("bali", "巴厘", "巴厘岛", "denpasar", "nusa dua")),
        ("KZ", "Asia/Almaty", ("astana", "阿斯塔纳", "almaty", "阿拉木图")),
    )
    for name in names
}

# Countries that zone.tab splits into several zones: the zone of the capital, where a meeting
# with no known city is most likely held.
CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "CA": "America/Toronto", "CD": "Africa/Kinshasa", "CL": "America/Santiago", "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia", "DE": "Europe/Berlin", "EC": "America/Guayaquil", "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei", "GL": "America/Nuuk", "ID": "Asia/Jakarta", "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty", "MH": "Pacific/Majuro", "MN": "Asia/Ulaanbaatar", "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur", "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti", "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron", "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "UA": "Europe/Kyiv",
    "US": "America/New_York", "UZ": "Asia/Tashkent",
}


def _zone_tab() -> str:
    """zone.tab from the tz database zoneinfo itself reads: the system's (TZPATH) or the tzdata package's."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            return path.read_text("utf-8")
    try:
        return (resources.files("tzdata") / "zoneinfo" / "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return ""


@lru_cache(maxsize=1)
def single_zone_countries() -> dict[str, str]:
    """ISO country -> its zone, for every country zone.tab gives exactly one zone (CH -> Europe/Zurich)."""
    zones: dict[str, list[str]] = {}
    for line in _zone_tab().splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            if len(fields) >= 3:
                zones.setdefault(fields[0], []).append(fields[2])
    return {country: found[0] for country, found in zones.items() if len(found) == 1}


@lru_cache(maxsize=4096)
def venue_zone(city: str | None, country: str | None) -> str | None:
    """The IANA zone of a venue, or None when it cannot be told (clock times are then floating).

    1. CITY_ZONES: a city in a country with several zones (Vancouver, Perth), in English or Chinese;
    2. CAPITAL_ZONES: such a country with no known city takes its capital's zone;
    3. zone.tab: any other country has exactly one zone there (CH -> Europe/Zurich, LB -> Asia/Beirut).
    A zone the installed zoneinfo does not know is treated as unknown.
    """
    zone = None
    if city:
        key = city.strip().casefold()
        entry = CITY_ZONES.get(key) or CITY_ZONES.get(key.removesuffix("市"))
        if entry and (not country or entry[0] == country.upper()):
            zone = entry[1]
    if zone is None and country:
        code = country.upper()
        zone = CAPITAL_ZONES.get(code) or single_zone_countries().get(code)
    if zone is None:
        return None
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return zone


def _offset(delta: timedelta) -> str:
    """A UTC offset as TZOFFSETFROM/TO want it: +0100, -0430, +053000 when seconds remain."""
    sign, seconds = ("-", -int(delta.total_seconds())) if delta < timedelta(0) else ("+", int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _state(tz: zoneinfo.ZoneInfo, moment: datetime) -> tuple[timedelta, timedelta, str]:
    local = moment.astimezone(tz)
    return local.utcoffset(), local.dst(), local.tzname()


def _transitions(zone: str, first: datetime, last: datetime) -> list[tuple[datetime, tuple, tuple]]:
    """(UTC instant, state before, state after) for every change of offset, DST or name in first..last.

    zoneinfo has no public list of transitions: step a day at a time and bisect each change to the second.
    """
    tz = zoneinfo.ZoneInfo(zone)
    found = []
    step, moment = timedelta(days=1), first
    before = _state(tz, moment)
    while moment < last:
        after_moment = min(moment + step, last)
        after = _state(tz, after_moment)
        if after != before:
            low, high = moment, after_moment  # the change lies in (low, high]
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                low, high = (middle, high) if _state(tz, middle) == before else (low, middle)
            found.append((high, before, _state(tz, high)))
        moment, before = after_moment, after
    return found


@lru_cache(maxsize=256)
def vtimezone(zone: str, first_year: int, last_year: int) -> str:
    """A VTIMEZONE for `zone` over the years first_year..last_year, from zoneinfo.

    Every observance is written out with its own DTSTART (the local time before the onset, as
    RFC 5545 3.6.5 says) rather than as one observance with an RDATE list: vobject misreads such
    a list and puts summer meetings after the first year an hour off.
    The years are those of the file's timed meetings, so the block stays short.
    """
    tz = zoneinfo.ZoneInfo(zone)
    first = datetime(first_year, 1, 1, tzinfo=tz).astimezone(UTC)  # local midnights
    last = datetime(last_year + 1, 1, 1, tzinfo=tz).astimezone(UTC)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone}"]

    def observance(onset_local: datetime, before: tuple, after: tuple) -> None:
        name = "DAYLIGHT" if after[1] else "STANDARD"
        lines.extend([f"BEGIN:{name}", f"DTSTART:{onset_local:%Y%m%dT%H%M%S}", f"TZOFFSETFROM:{_offset(before[0])}",
                      f"TZOFFSETTO:{_offset(after[0])}", f"TZNAME:{escape_text(after[2])}", f"END:{name}"])

    start = _state(tz, first)
    observance(first.astimezone(tz).replace(tzinfo=None), start, start)  # what holds when the span opens
    for instant, before, after in _transitions(zone, first, last):
        observance((instant + before[0]).replace(tzinfo=None), before, after)
    lines.append("END:VTIMEZONE")
    return "\r\n".join(lines)


# ------------------------------------------------------------------ RFC 5545 text


def escape_text(value: str) -> str:
    r"""A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma escaped; any line break -> \n.

    Control characters (not allowed in TEXT), C1 controls and bidi overrides are first written visibly
    as `\x1b`, `\u202e` (domain.printable), so a calendar shows them instead of obeying them."""
    # four replaces, backslash first: str.translate with a dict costs a lookup per character (ten times slower)
    return printable(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets (§3.1) between characters, never inside a UTF-8 sequence,
    and never between a backslash and the character it escapes (some readers mishandle that)."""
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    # cut the bytes, a line at a time: back off any continuation byte (10xxxxxx) so a character stays whole,
    # then off a lone escaping backslash (an odd run of them ends the line) so it goes with its character
    parts: list[str] = []
    pos, limit, size = 0, 75, len(data)
    while size - pos > limit:
        cut = pos + limit
        while data[cut] & 0xC0 == 0x80:
            cut -= 1
        run = cut - pos - len(data[pos:cut].rstrip(b"\\"))
        if run % 2 == 1 and cut - pos > 1:
            cut -= 1
        parts.append(data[pos:cut].decode("utf-8"))
        pos, limit = cut, 74  # continuation lines start with a space
    parts.append(data[pos:].decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    """A UTC DATE-TIME; a naive datetime is taken to be UTC already (never the machine's zone)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment.year:04d}{moment.month:02d}{moment.day:02d}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"


def _day(d: date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"


def _text_list(values: Iterable[str | None]) -> str:
    return ",".join(escape_text(v) for v in values if v)


# ------------------------------------------------------------------ when a meeting happens

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")  # "15:00", "9:30"


def _clock(value: str | None) -> time | None:
    match = _CLOCK.match(value.strip()) if value else None
    return time(int(match[1]), int(match[2])) if match else None


@dataclass(frozen=True)
class _When:
    start: date
    end: date  # inclusive
    start_time: time | None
    end_time: time | None
    zone: str | None
    to_be_fixed: str | None  # "dates to be fixed: …" when the dates are not the meeting's own


# the precisions of the meetings a calendar holds without `include_undated` (month-, year-only and unknown wait
# for it): a caller reading a store asks it for these alone
PLACED = (Precision.DAY.value, Precision.WINDOW.value, Precision.PART_OF_MONTH.value)


def _when(m: CalendarMeeting, include_undated: bool) -> _When | None:
    """Where the meeting goes on the calendar, or None when it is left out."""
    if m.start is None:
        return None
    end = m.end if m.end and m.end >= m.start else m.start
    if m.precision == Precision.DAY:
        start_time, end_time = _clock(m.start_time), _clock(m.end_time)
        if start_time is None:
            end_time = None
        elif end_time is not None and (end, end_time) <= (m.start, start_time):
            end_time = None  # an end before the start is a misreading; keep the start only
        zone = venue_zone(m.city, m.country) if start_time else None
        return _When(m.start, end, start_time, end_time, zone, None)
    if m.precision not in PLACED and not include_undated:
        return None
    # the phrase every other output uses (phrases.when), of the dates the event spans
    spanned = m if end == m.end else replace(m, end=end)
    return _When(m.start, end, None, None, None, f"dates to be fixed: {phrases.when(spanned)}")


def _status(m: CalendarMeeting, when: _When) -> str | None:
    if m.status == MeetingStatus.CANCELLED:
        return "CANCELLED"
    if m.status == MeetingStatus.PROPOSED or when.to_be_fixed:
        return "TENTATIVE"
    if m.status in (MeetingStatus.HELD, MeetingStatus.SCHEDULED):
        return "CONFIRMED"
    return None  # status unknown: say nothing rather than guess


def _dates(when: _When) -> list[str]:
    if when.start_time is None:
        # all-day: DTEND is exclusive, the day after the last day
        return [f"DTSTART;VALUE=DATE:{_day(when.start)}",
                f"DTEND;VALUE=DATE:{_day(date.fromordinal(when.end.toordinal() + 1))}"]
    param = f";TZID={when.zone}" if when.zone else ""  # no zone known: floating local time
    lines = [f"DTSTART{param}:{_day(when.start)}T{when.start_time:%H%M%S}"]
    if when.end_time is not None:
        lines.append(f"DTEND{param}:{_day(when.end)}T{when.end_time:%H%M%S}")
    return lines


# ------------------------------------------------------------------ components


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """The English short name of an ISO country (LB -> Lebanon); the code itself when unknown."""
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return (getattr(found, "common_name", None) or found.name) if found else code


def _location(m: CalendarMeeting) -> str:
    return phrases.where(m, lambda code: m.country_name or country_name(code)) or ""


def _description(m: CalendarMeeting, when: _When) -> str:
    lines = []
    if when.to_be_fixed:
        lines.append(when.to_be_fixed[0].upper() + when.to_be_fixed[1:] + ".")
    if when.start_time:
        span = f"{when.start_time:%H:%M}" + (f"-{when.end_time:%H:%M}" if when.end_time else "")
        lines.append(f"Time: {span} local time ({when.zone or 'time zone unknown'})")
    if m.duration_days and not when.to_be_fixed:
        lines.append(f"Duration: {phrases.days_phrase(m.duration_days)}")
    if m.status != "unknown":
        lines.append(f"Status: {m.status}")
    if m.chair:
        lines.append(f"Chair: {m.chair}")
    if m.languages:
        lines.append("Languages: " + ", ".join(sorted(LANGUAGES.get(code, code) for code in m.languages)))
    if m.source_symbols:
        lines.append("Documents: " + ", ".join(sorted(set(m.source_symbols))))
    if m.open_slots:
        lines.append("Still open: " + "; ".join(sorted(set(m.open_slots))))
    return "\n".join(lines)


def _uid(key: str) -> str:
    return escape_text(f"{key}@{UID_DOMAIN}")


def _stamps(stamp: str, sequence: int, last_modified: datetime | None) -> list[str]:
    lines = [f"SEQUENCE:{int(sequence)}", f"DTSTAMP:{stamp}"]
    if last_modified is not None:
        lines.append(f"LAST-MODIFIED:{_utc(last_modified)}")
    return lines


def _vevent(m: CalendarMeeting, when: _When, stamp: str) -> list[str]:
    summary = f"{m.name} ({when.to_be_fixed})" if when.to_be_fixed else m.name
    lines = ["BEGIN:VEVENT", f"UID:{_uid(m.uid_key)}", *_stamps(stamp, m.sequence, m.last_modified),
             *_dates(when), f"SUMMARY:{escape_text(summary)}"]
    location = _location(m)
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    description = _description(m, when)
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    categories = _text_list((m.instrument, m.kind))
    if categories:
        lines.append(f"CATEGORIES:{categories}")
    status = _status(m, when)
    if status:
        lines.append(f"STATUS:{status}")
    if when.to_be_fixed:
        lines.append("TRANSP:TRANSPARENT")  # a window is not ten busy days
    lines.append("END:VEVENT")
    return lines


def _vtodo(t: CalendarTodo, stamp: str) -> list[str]:
    lines = ["BEGIN:VTODO", f"UID:{_uid(t.uid_key)}", *_stamps(stamp, t.sequence, t.last_modified)]
    if t.due is not None:
        lines.append(f"DUE;VALUE=DATE:{_day(t.due)}")
    lines.append(f"SUMMARY:{escape_text(t.summary)}")
    notes = [t.description] if t.description else []
    if t.source_symbols:
        notes.append("Documents: " + ", ".join(sorted(set(t.source_symbols))))
    if notes:
        lines.append("DESCRIPTION:" + escape_text("\n".join(notes)))
    lines.append(f"CATEGORIES:{_text_list((t.kind, *sorted(set(t.categories) - {t.kind})))}")
    if t.meeting_uid_key:
        lines.append(f"RELATED-TO:{_uid(t.meeting_uid_key)}")
    lines += ["STATUS:NEEDS-ACTION", "END:VTODO"]
    return lines


def _check_unique(keys: Iterable[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"two calendar items share the uid_key {key!r}; each needs its own")
        seen.add(key)


def _unwritable(m: CalendarMeeting, when: _When) -> str | None:
    """Why the meeting cannot be written, or None. iCalendar years have four digits, and an all-day DTEND
    is the day after the end (a timed meeting's VTIMEZONE runs to the year after): the year 9999 cannot end."""
    if when.end.year >= date.max.year:
        return (f"{m.uid_key}: left out of the calendar: its dates ({when.start.isoformat()} to "
                f"{when.end.isoformat()}) run past what iCalendar can write")
    return None


def _placed(meetings: Sequence[CalendarMeeting], include_undated: bool,
            skipped: list[str] | None) -> list[tuple[CalendarMeeting, _When]]:
    """The meetings that go on the calendar with where they go, sorted; those it cannot write are reported
    in `skipped` (one line each) rather than failing the whole file."""
    placed = []
    for m in meetings:
        when = _when(m, include_undated)
        if when is None:
            continue
        reason = _unwritable(m, when)
        if reason is None:
            placed.append((m, when))
        elif skipped is not None:
            skipped.append(reason)
    return sorted(placed, key=lambda mw: (mw[1].start, mw[0].uid_key))


def meetings_to_ics(meetings: Sequence[CalendarMeeting], *, dtstamp: datetime, calname: str = "tracker",
                    include_undated: bool = False, todos: Sequence[CalendarTodo] = (),
                    skipped: list[str] | None = None) -> bytes:
    """The meetings (and open items) as one VCALENDAR, UTF-8 with CRLF line ends.

    Whole-day meetings are all-day events with an exclusive DTEND; meetings with clock times
    carry their venue's zone (`venue_zone`) and the file its VTIMEZONE. Window and
    part-of-month meetings span their window, TENTATIVE, and say "dates to be fixed: …" in
    SUMMARY and DESCRIPTION. Month-only, year-only and unknown-precision meetings are left out
    unless `include_undated`; meetings without any date always are, and so are meetings whose dates
    iCalendar cannot write (the year 9999), each with a line in `skipped`. Raises ValueError when two
    items share a uid_key.
    """
    _check_unique([m.uid_key for m in meetings] + [t.uid_key for t in todos])
    ordered = [m for m, _ in _placed(meetings, include_undated, skipped)]
    return b"".join(ics_chunks(ordered, zones=zone_years(ordered, include_undated), dtstamp=dtstamp,
                               calname=calname, include_undated=include_undated,
                               todos=sorted(todos, key=todo_order)))


def todo_order(t: CalendarTodo) -> tuple[date, str]:
    """Where a to-do goes: by due day (undated last), then uid_key."""
    return (t.due or date.max, t.uid_key)


def zone_years(meetings: Iterable[CalendarMeeting], include_undated: bool = False) -> dict[str, tuple[int, int]]:
    """The time zones the meetings' events are written in, each with the first and last year it must cover:
    the VTIMEZONEs, which come before any event. Only timed meetings have one (any others are passed over)."""
    years: dict[str, tuple[int, int]] = {}
    for m in meetings:
        when = _when(m, include_undated)
        if when is None or when.zone is None or _unwritable(m, when):
            continue
        first, last = years.get(when.zone, (when.start.year, when.end.year))
        years[when.zone] = (min(first, when.start.year), max(last, when.end.year))
    return years


def ics_chunks(meetings: Iterable[CalendarMeeting], *, zones: dict[str, tuple[int, int]], dtstamp: datetime,
               calname: str = "tracker", include_undated: bool = False,
               todos: Iterable[CalendarTodo] | Callable[[], Iterable[CalendarTodo]] = (),
               skipped: list[str] | None = None) -> Iterator[bytes]:
    """`meetings_to_ics` written as it goes, for a calendar of any size: the meetings come already in calendar
    order (first day, then uid_key) and `zones` (`zone_years` of them) is known beforehand; each event is
    written as it comes. `todos` (or a function giving them, asked after the last event), already in their order
    (`todo_order`), close the file, each written as it comes too."""
    stamp = _utc(dtstamp)
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
            fold(f"X-WR-CALNAME:{escape_text(calname)}")]
    head.extend(vtimezone(zone, first, last) for zone, (first, last) in sorted(zones.items()))
    yield ("\r\n".join(head) + "\r\n").encode("utf-8")
    for m in meetings:
        when = _when(m, include_undated)
        if when is None:
            continue
        reason = _unwritable(m, when)
        if reason is not None:
            if skipped is not None:
                skipped.append(reason)
            continue
        yield ("\r\n".join(map(fold, _vevent(m, when, stamp))) + "\r\n").encode("utf-8")
    for t in todos() if callable(todos) else todos:
        yield ("\r\n".join(map(fold, _vtodo(t, stamp))) + "\r\n").encode("utf-8")
    yield b"END:VCALENDAR\r\n"
