"""Meetings: mentions grouped into meetings, with the dates, venue, chair, languages, duration and status
that the sentences around them state.

The stages are functions from data to data, run in this order by `find_meetings`:

    read            Context: the text, its structure, dates, times, places, kind and cover (never changed)
    group           Context, mentions -> Table (drafts, and the draft each mention belongs to)
    attach_header   the cover's meeting (the session), its dates, venue and chair; a record's plenary
    attach_dates    a date belongs to the meeting of its clause (`locate.target`)
    attach_places   a place after a locative, likewise
    attach_facts    status cues, offers to host, records, languages, duration, host
    attach_chairs   who chairs which meeting
    finish          Table -> meetings with status and source spans; ids given once, here

`Meetings.link_schedules` then records, on each decision, the meetings it schedules.

Each `attach_*` stage takes the Table and returns it with its facts added; none reads anything a later
stage writes. The words come from the language pack (`[meetings.words]`), the shapes from `grammar`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain import ClockTime, DateSpan, Decision, Meeting
from tracker.extract.meetings import schedules
from tracker.extract.meetings.chairs import attach_chairs
from tracker.extract.meetings.dating import attach_dates
from tracker.extract.meetings.facts import attach_facts
from tracker.extract.meetings.finish import finish
from tracker.extract.meetings.group import group
from tracker.extract.meetings.header import attach_header
from tracker.extract.meetings.locate import target
from tracker.extract.meetings.model import Context, Table, read
from tracker.extract.meetings.places import attach_places
from tracker.extract.mentions import Mention
from tracker.extract.structure import Structure
from tracker.extract.venues import Place

__all__ = ["Meetings", "find_meetings"]


@dataclass(frozen=True)
class Meetings:
    """The meetings of a document, and what later extraction asks of them."""

    meetings: list[Meeting]
    session: Meeting | None  # the meeting the cover names (not a plenary inside it)
    conflicts: list[tuple[str, str]]  # (meeting name, another date stated for it)
    _ctx: Context
    _table: Table

    def meeting_at(self, begin: int, end: int) -> str | None:
        """The id of the meeting a fact at text[begin:end] is about (see locate.target)."""
        d = target(self._ctx, self._table, begin, end, verb_needed=False)
        return d.meeting.id if d and not d.dropped else None

    def link_schedules(self, decisions: list[Decision]) -> None:
        """Records on each decision the ids of the meetings it schedules (see schedules.py)."""
        schedules.link_schedules(self._ctx, self._table, decisions)


def find_meetings(st: Structure, mentions: Sequence[Mention], dates: list[DateSpan], times: list[ClockTime],
                  places: list[Place], doc_kind: str, doc_instrument: str | None, head: int,
                  reference: date | None) -> Meetings:
    ctx = read(st, mentions, dates, times, places, doc_kind, doc_instrument, head)
    table = group(ctx, mentions)
    table = attach_header(ctx, table)
    table = attach_dates(ctx, table)
    table = attach_places(ctx, table)
    table = attach_facts(ctx, table)
    table = attach_chairs(ctx, table)
    meetings = finish(ctx, table, reference)
    session = table.session
    conflicts = [(d.meeting.name, c) for d in table.drafts if not d.dropped for c in d.conflicts]
    return Meetings(meetings, session.meeting if session else None, conflicts, ctx, table)
