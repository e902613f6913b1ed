"""Rows -> domain records: the one mapping both read paths use, SQLAlchemy's (`queries`, `corrections`) and
the stdlib sqlite3 one (`lite`). A row is anything with the columns as attributes. No SQLAlchemy here."""

from __future__ import annotations

import json
from datetime import date

from tracker.domain import (
    Conflict,
    DecisionRecord,
    Meeting,
    OrphanFill,
    SlotRecord,
    SourceSpan,
    StatusReport,
    TopicRecord,
)

# the meeting fields a correction can disagree with a document about (`corrections.conflicts`)
CLAIMED = ("name", "kind", "start", "end", "status", "city", "country", "facility", "chair", "host")


def _span(row) -> SourceSpan | None:
    return None if row.span_start is None else SourceSpan(row.span_start, row.span_end, row.paragraph)


def to_meeting(r) -> Meeting:
    return Meeting(id=r.id, name=r.name, kind=r.kind, instrument=r.instrument, ordinal=r.ordinal, year=r.year,
                   start=r.start, end=r.end, precision=r.precision, start_time=r.start_time, end_time=r.end_time,
                   duration_days=r.duration_days, city=r.city, country=r.country, facility=r.facility,
                   chair=r.chair, host=r.host, languages=[x for x in r.languages.split(",") if x],
                   status=r.status, parent=r.parent, revision=getattr(r, "revision", 0) or 0)


def _decision(r, corrected: dict[str, dict[str, str]]) -> DecisionRecord:
    """A decision row with what people corrected laid over it (its status a `decide` already wrote)."""
    mine = corrected.get(r.id, {})
    return DecisionRecord(r.id, r.document_key, mine.get("number", r.number), mine.get("text", r.text), r.status,
                          _span(r))


def _slot(r, corrected: dict[str, dict[str, str]]) -> SlotRecord:
    """A slot row with its kind or binding as a person corrected it."""
    mine = corrected.get(r.id, {})
    return SlotRecord(r.id, r.document_key, r.decision_id, r.text, r.left_context, mine.get("kind", r.kind),
                      mine.get("meeting", r.meeting_id), mine.get("field", r.field), r.value, _span(r))


def _topic(r) -> TopicRecord:
    return TopicRecord(r.label, r.title, r.n)


def to_conflict(r) -> Conflict:
    """A `conflict` row: the claims stored as JSON [[value, document], …]."""
    claims = json.loads(r.claims)
    return Conflict(r.meeting_id, r.field, tuple(v for v, _ in claims), tuple(d for _, d in claims))


def to_orphan(r) -> OrphanFill:
    return OrphanFill(r.slot_key, r.slot_id, r.value)


def corrected_by(kind_rows) -> dict[str, dict[str, str]]:
    """target -> {field: value} from `correction` rows of one kind."""
    out: dict[str, dict[str, str]] = {}
    for r in kind_rows:
        out.setdefault(r.target, {})[r.field] = r.value
    return out


def _claim(value) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def correction_conflicts(found, facts: dict[str, list]) -> list[Conflict]:
    """Where a meeting's correction (rows with target, field, value, set_by) differs from what a document says
    (`facts`: meeting id -> its meeting_fact rows in document order): the correction first, then each
    document's claim. Sorted by meeting and field."""
    out = []
    for c in found:
        claims = sorted({(_claim(getattr(r, c.field)), r.document_key) for r in facts.get(c.target, [])
                         if _claim(getattr(r, c.field)) not in (None, c.value)})
        if claims:
            out.append(Conflict(c.target, c.field, (c.value, *(v for v, _ in claims)),
                                (f"corrected by {c.set_by}", *(d for _, d in claims))))
    return sorted(out, key=lambda x: (x.meeting, x.field))


def missing(r) -> list[str]:
    """What an incomplete meeting's row lacks: its date, venue or chair."""
    return [name for name, value in (("date", r.start), ("venue", r.city), ("chair", r.chair)) if not value]


def status_report(as_of: date, limit: int | None, upcoming: tuple, decisions: tuple, slots: tuple, incomplete: tuple,
                  conflicts: tuple, corrected: list[Conflict], topics: tuple, orphans: list) -> StatusReport:
    """The report from each section's (first rows, total); the documents' conflicts and those between a
    correction and a document merged by meeting and field."""
    shown, n_conflicts = conflicts
    if corrected:
        merged = sorted([*shown, *corrected], key=lambda c: (c.meeting, c.field))
        shown, n_conflicts = (merged[:limit] if limit else merged), n_conflicts + len(corrected)
    totals = {"upcoming": upcoming[1], "proposed_decisions": decisions[1], "unfilled_slots": slots[1],
              "incomplete_meetings": incomplete[1], "conflicts": n_conflicts, "topics": topics[1],
              "orphaned_fills": len(orphans)}
    return StatusReport(as_of, upcoming[0], decisions[0], slots[0], incomplete[0], shown, topics[0], orphans, totals)
