"""One meeting across documents: each document's facts about a meeting grouped into meetings, merged.

Pure: facts in (plain `MeetingFact`s, however the caller got them), meetings and conflicts out.
The best-dated fact wins each field; disagreeing claims are kept as conflicts, every value with its document.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, fields
from datetime import date

from tracker.rules import ids
from tracker.rules.vocabulary import MeetingStatus, Precision

PRECISION_RANK = {Precision.DAY: 0, Precision.WINDOW: 1, Precision.PART_OF_MONTH: 2, Precision.MONTH: 3,
                  Precision.YEAR: 4, Precision.UNKNOWN: 5}
# which status wins when documents disagree: what happened beats what is planned beats what is proposed
STATUS_RANK = {MeetingStatus.HELD: 0, MeetingStatus.CANCELLED: 1, "postponed": 2, MeetingStatus.SCHEDULED: 3,
               MeetingStatus.PROPOSED: 4, MeetingStatus.UNKNOWN: 9}
FIELDS = ("city", "country", "facility", "chair", "host", "start_time", "end_time", "duration_days", "languages")


@dataclass(frozen=True)
class MeetingFact:
    """One document's view of one meeting (a `meeting_fact` row without its source span)."""

    id: int
    document_key: str
    local_id: str
    name: str
    kind: str
    precision: str
    status: str
    instrument: str | None = None
    ordinal: int | None = None
    year: int | None = None
    start: date | None = None
    end: date | None = None
    start_time: str | None = None
    end_time: str | None = None
    duration_days: float | None = None
    city: str | None = None
    country: str | None = None
    facility: str | None = None
    chair: str | None = None
    host: str | None = None
    languages: str = ""  # comma-separated codes, as stored
    parent: str | None = None  # the local id of the meeting it is part of, in the same document

    @classmethod
    def of(cls, row) -> MeetingFact:
        """From anything with these attributes (a database row, another fact)."""
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class MergedMeeting:
    """A meeting as its documents give it together: the values of a `meeting` row."""

    id: str
    name: str
    instrument: str | None
    kind: str
    ordinal: int | None
    year: int | None
    start: date | None
    end: date | None
    precision: str
    parent: str | None
    status: str
    city: str | None
    country: str | None
    facility: str | None
    chair: str | None
    host: str | None
    start_time: str | None
    end_time: str | None
    duration_days: float | None
    languages: str
    venue_id: str | None


@dataclass(frozen=True)
class ConflictClaims:
    """Documents disagree about one field of a meeting: (value, document) for every claim, sorted."""

    meeting_id: str
    field: str
    claims: tuple[tuple[str, str], ...]

    def claims_json(self) -> str:
        """The claims as stored: a JSON list of [value, document key]."""
        return json.dumps([list(c) for c in self.claims], ensure_ascii=False)


def year_of(f) -> int | None:
    return f.year or (f.start.year if f.start else None)


def _overlaps(a, b) -> bool:
    return bool(a.start and b.start and a.start <= (b.end or b.start) and b.start <= (a.end or a.start))


def cluster(facts: list) -> dict[str, list]:
    """meeting id -> its facts, for the facts of one (instrument, kind) group, in a fixed order.

    A fact with an ordinal joins its series' numbered meeting; one with only a year joins the numbered
    meeting of that series held that year when there is exactly one (or one whose dates it overlaps),
    else the year's own meeting; one with neither stays its document's own (`<doc-key>-m3`).

    Keyed, not pairwise: the numbered meetings are indexed by the years of their facts, and whether a
    fact's dates overlap a meeting is remembered per date range (the few ranges its documents give), so
    the time grows with the facts, not with their square, however many documents name one meeting."""
    out: dict[str, list] = defaultdict(list)
    by_year: list = []
    for f in facts:
        kind, year = ids.KIND_SLUG.get(f.kind), year_of(f)
        if kind is None or (f.ordinal is None and year is None):
            out[ids.local_id(f.document_key, f.local_id)].append(f)
        elif kind == "plenary":
            key = (ids.plenary_id(f.instrument, year, f.ordinal) if year and f.ordinal
                   else ids.local_id(f.document_key, f.local_id))
            out[key].append(f)
        elif f.ordinal is not None:
            out[ids.numbered_meeting_id(f.instrument, kind, f.ordinal)].append(f)
        else:
            by_year.append(f)
    if not by_year:
        return dict(out)
    numbered = {k: _Numbered(v) for k, v in out.items() if ids.is_numbered(k)}
    in_year: dict[int, list[str]] = defaultdict(list)  # year -> numbered meetings with a fact of that year
    for k, v in numbered.items():
        for y in dict.fromkeys(year_of(g) for g in v.facts):
            if y is not None:
                in_year[y].append(k)
    for f in by_year:
        kind = ids.KIND_SLUG[f.kind]
        prefix = ids.series_prefix(f.instrument, kind)
        same_year = [k for k in in_year.get(year_of(f), ()) if k.startswith(prefix)]
        if len(same_year) > 1:
            same_year = [k for k in same_year if numbered[k].overlaps(f)]
        if len(same_year) == 1:
            numbered[same_year[0]].add(f)  # the same list as out[...]: later facts see it, as they always did
        else:
            out[ids.yearly_meeting_id(f.instrument, kind, year_of(f))].append(f)
    return dict(out)


class _Numbered:
    """A numbered meeting's facts while year-only facts join it, with what is known of date overlaps.

    `overlaps(f)` asks whether any of its facts overlaps f's dates; the answer is kept per date range,
    and a fact that joins turns the kept "no" answers its dates overlap into "yes"."""

    def __init__(self, facts: list) -> None:
        self.facts = facts
        self._known: dict[tuple, bool] = {}

    def overlaps(self, f) -> bool:
        if not f.start:
            return False
        key = (f.start, f.end or f.start)
        if key not in self._known:
            self._known[key] = any(_overlaps(f, g) for g in self.facts)
        return self._known[key]

    def add(self, f) -> None:
        self.facts.append(f)
        if f.start:
            for (start, end), seen in self._known.items():
                if not seen and f.start <= end and start <= (f.end or f.start):
                    self._known[(start, end)] = True


def ranked(facts: list) -> list:
    """The facts best first: the most precise dates, then by document and row."""
    return sorted(facts, key=lambda f: (PRECISION_RANK.get(f.precision, 9), f.document_key, f.id))


def strongest_status(statuses) -> str:
    """The status that wins among several (held over cancelled over scheduled over proposed)."""
    return min(statuses, key=lambda s: STATUS_RANK.get(s, 5))


def merge(meeting_id: str, facts: list) -> tuple[MergedMeeting, list[ConflictClaims]]:
    """The meeting its facts give together, and where they disagree."""
    best = ranked(facts)
    top = best[0]
    values = {name: next((getattr(f, name) for f in best if getattr(f, name)), None) for name in FIELDS}
    values["languages"] = values["languages"] or ""
    merged = MergedMeeting(
        id=meeting_id, name=top.name, instrument=top.instrument, kind=top.kind,
        ordinal=next((f.ordinal for f in best if f.ordinal is not None), None),
        year=next((year_of(f) for f in best if year_of(f)), None),
        start=top.start, end=top.end, precision=top.precision, parent=None,
        status=strongest_status(f.status for f in facts),
        venue_id=ids.venue_id(values["country"], values["city"], values["facility"]), **values)
    return merged, conflicts(meeting_id, best)


def _dates(f) -> str:
    return f"{f.start.isoformat()}..{(f.end or f.start).isoformat()}"


def _within(inner, outer) -> bool:
    return outer.start <= inner.start and (inner.end or inner.start) <= (outer.end or outer.start)


DATED = (Precision.DAY, Precision.WINDOW, Precision.PART_OF_MONTH, Precision.MONTH)


def conflicts(meeting_id: str, best: list) -> list[ConflictClaims]:
    """Dates that cannot all be true (two different days, a day outside a window), two cities, two chairs."""
    found: list[ConflictClaims] = []
    dated = [f for f in best if f.start and f.precision in DATED]
    days = [f for f in dated if f.precision == Precision.DAY]
    # two different days clash; else every day is the same, so one of them stands for all against each window
    clash = len({_dates(f) for f in days}) > 1 or bool(days) and any(
        not _within(days[0], w) for w in dated if w.precision != Precision.DAY)
    if clash:
        found.append(_conflict(meeting_id, "dates", [(_dates(f), f.document_key) for f in dated]))
    for name in ("city", "chair"):
        claims = [(getattr(f, name), f.document_key) for f in best if getattr(f, name)]
        if len({v for v, _ in claims}) > 1:
            found.append(_conflict(meeting_id, name, claims))
    return found


def _conflict(meeting_id: str, name: str, claims: list[tuple[str, str]]) -> ConflictClaims:
    return ConflictClaims(meeting_id, name, tuple(sorted(set(claims))))
