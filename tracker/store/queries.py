"""Reading the store for reports and lists; rows become domain records here, sorted for stable output.

Core only (`store.core`), never sqlmodel: these are the paths people wait for (see `core` for why).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, exists, func, literal, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from tracker.domain import (
    Conflict,
    DecisionRecord,
    DocumentRecord,
    Fact,
    ListFilters,
    Meeting,
    OrphanFill,
    PersonRecord,
    SlotRecord,
    StatusReport,
    TopicRecord,
)
from tracker.rules.vocabulary import MeetingStatus, Precision, SlotState
from tracker.store import core, corrections
from tracker.store.records import (
    _decision,
    _slot,
    _topic,
    missing,
    status_report,
    to_conflict,
    to_meeting,
    to_orphan,
)

D, M, F = core.document, core.meeting, core.meeting_fact
DEC, S, FI = core.decision, core.slot, core.fill
TOP, R, P, C = core.topic, core.role, core.person, core.conflict
Filters = ListFilters  # the list options (domain.py: the use cases build them)
CHUNK = 1000  # rows fetched at a time by a streamed list: memory stays flat however long the list


def with_rebound(conn: Connection, flt: Filters) -> Filters:
    """The filters with the slots whose meeting a person corrected, for `--meeting` (few: people type them)."""
    from dataclasses import replace

    if not flt.meeting:
        return flt
    moved = tuple(sorted((i, f["meeting"]) for i, f in corrections.of_kind(conn, "slot").items() if "meeting" in f))
    return replace(flt, rebound=moved)


def _revised(q):
    """The meeting query with each meeting's revision counter (0 when never recorded)."""
    rev = core.meeting_revision  # declared in core too, so reads never import fills and its SQLModel tables
    return q.add_columns(rev.c.revision).outerjoin(rev, rev.c.meeting_id == M.c.id)


def _doc_filter(column, flt: Filters):
    """Conditions on the document a row came from (instrument, document key, document date)."""
    conds = []
    if flt.document:
        conds.append(column == flt.document)
    if flt.instrument or flt.date_from or flt.date_to:
        sub = select(D.c.key)
        if flt.instrument:
            sub = sub.where(func.lower(D.c.instrument) == flt.instrument.lower())
        if flt.date_from:
            sub = sub.where(D.c.doc_date >= flt.date_from)
        if flt.date_to:
            sub = sub.where(D.c.doc_date <= flt.date_to)
        conds.append(column.in_(sub))
    return conds


def _limited(query, flt: Filters):
    query = query.limit(flt.limit) if flt.limit else query
    return query.offset(flt.offset) if flt.offset else query


def _streamed(conn: Connection, query) -> Iterator:
    """The query's rows fetched CHUNK at a time (a server-side cursor on PostgreSQL), never all at once."""
    return iter(conn.execute(query, execution_options={"yield_per": CHUNK}))


def meetings(conn: Connection, flt: Filters = Filters()) -> list[Meeting]:
    return list(stream(conn, "meetings", flt))


def _meetings_query(flt: Filters) -> Select:
    q = _revised(select(M))
    if flt.instrument:
        q = q.where(func.lower(M.c.instrument) == flt.instrument.lower())
    if flt.date_from:
        q = q.where(func.coalesce(M.c.end, M.c.start) >= flt.date_from)
    if flt.date_to:
        q = q.where(M.c.start <= flt.date_to)
    if flt.status:
        q = q.where(M.c.status == flt.status)
    if flt.document:
        q = q.where(M.c.id.in_(select(F.c.meeting_id).where(F.c.document_key == flt.document)))
    return q.order_by(M.c.start.is_(None), M.c.start, M.c.id)


def upcoming(conn: Connection, as_of: date, limit: int | None = None) -> tuple[list[Meeting], int]:
    """Meetings that end on or after `as_of`, and those known only by a later year: the first `limit` of
    them (all when None) and how many there are, counted by the database."""
    where = or_(and_(M.c.start.is_not(None), M.c.precision.notin_((Precision.YEAR.value, Precision.UNKNOWN.value)),
                     func.coalesce(M.c.end, M.c.start) >= as_of),
                and_(M.c.precision == Precision.YEAR.value, M.c.year > as_of.year))
    total = conn.execute(select(func.count()).select_from(M).where(where)).scalar_one()
    q = _revised(select(M)).where(where).order_by(M.c.start, M.c.year, M.c.id)
    return [to_meeting(r) for r in conn.execute(q.limit(limit) if limit else q)], total


def incomplete(conn: Connection, as_of: date, limit: int | None) -> tuple[list[tuple[Meeting, list[str]]], int]:
    """Meetings not known to be over that lack a date, a venue or a chair."""
    lacking = or_(M.c.start.is_(None), M.c.city.is_(None), M.c.chair.is_(None))
    not_over = or_(M.c.start.is_(None), func.coalesce(M.c.end, M.c.start) >= as_of)
    where = and_(lacking, not_over, M.c.status != MeetingStatus.HELD.value)
    total = conn.execute(select(func.count()).select_from(M).where(where)).scalar_one()
    # dated meetings by (start, id), then the undated by id: two queries an index walks in order and stops
    # after `limit` rows (one `ORDER BY start IS NULL, ...` would sort every lacking meeting first)
    dated = _revised(select(M)).where(where, M.c.start.is_not(None)).order_by(M.c.start, M.c.id)
    rows = list(conn.execute(dated.limit(limit) if limit else dated))
    if not limit or len(rows) < limit:
        undated = _revised(select(M)).where(where, M.c.start.is_(None)).order_by(M.c.id)
        rows += conn.execute(undated.limit(limit - len(rows)) if limit else undated)
    return [(to_meeting(r), missing(r)) for r in rows], total


def _decision_conds(flt: Filters) -> list:
    conds = _doc_filter(DEC.c.document_key, flt)
    if flt.status:
        conds.append(DEC.c.status == flt.status)
    if flt.meeting:
        conds.append(DEC.c.id.in_(_decisions_about(flt.meeting, flt.rebound)))
    return conds


def decisions(conn: Connection, flt: Filters = Filters()) -> tuple[list[DecisionRecord], int]:
    return list(stream(conn, "decisions", flt)), _decisions_total(conn, flt)


def _decisions_total(conn: Connection, flt: Filters) -> int:
    return conn.execute(select(func.count()).select_from(DEC).where(*_decision_conds(flt))).scalar_one()


def _decisions_query(flt: Filters) -> Select:
    return select(DEC).where(*_decision_conds(flt)).order_by(DEC.c.document_key, DEC.c.span_start, DEC.c.id)


def slots(conn: Connection, flt: Filters = Filters()) -> tuple[list[SlotRecord], int]:
    """Slots with their fill and the meeting they bind to; `status` is open or filled."""
    return list(stream(conn, "slots", flt)), _slot_total(conn, _slot_conds(flt), flt.status)


def _slot_conds(flt: Filters) -> list:
    conds = _doc_filter(S.c.document_key, flt)
    if flt.meeting:
        conds.append(S.c.id.in_(_slots_about(flt.meeting, flt.rebound)))
    return conds


def _slots_query(flt: Filters) -> Select:
    conds = _slot_conds(flt)
    if flt.status == SlotState.OPEN:
        conds.append(FI.c.slot_key.is_(None))
    elif flt.status == SlotState.FILLED:
        conds.append(FI.c.slot_key.is_not(None))
    # filled slots: an inner join, so the database can start from the (few) fills
    with_fill = S.join if flt.status == SlotState.FILLED else S.outerjoin
    joined = with_fill(FI, FI.c.slot_key == S.c.natural_key).outerjoin(
        F, and_(F.c.document_key == S.c.document_key, F.c.local_id == S.c.meeting_local))
    return select(S, FI.c.value, F.c.meeting_id).select_from(joined).where(*conds).order_by(
        S.c.document_key, S.c.span_start, S.c.id)


def _slots_about(meeting_id: str, rebound: tuple[tuple[str, str], ...] = ()):
    """The ids of the slots whose blank stands for a field of the meeting, as people re-bound them."""
    q = select(S.c.id).select_from(S.join(F, and_(F.c.document_key == S.c.document_key,
                                                   F.c.local_id == S.c.meeting_local))).where(
        F.c.meeting_id == meeting_id)
    away = [i for i, m in rebound if m != meeting_id]
    into = [i for i, m in rebound if m == meeting_id]
    if away:
        q = q.where(S.c.id.notin_(away))
    return q.union(select(S.c.id).where(S.c.id.in_(into))) if into else q


def _decisions_about(meeting_id: str, rebound: tuple[tuple[str, str], ...] = ()):
    """The ids of the decisions about the meeting: those that schedule it (hold, convene, host) and those
    with a blank that stands for one of its fields."""
    listed = (literal(",") + DEC.c.schedules + literal(",")).like(literal("%,") + F.c.local_id + literal(",%"))
    scheduling = select(DEC.c.id).select_from(DEC.join(F, F.c.document_key == DEC.c.document_key)).where(
        F.c.meeting_id == meeting_id, DEC.c.schedules.is_not(None), listed)
    with_blank = select(S.c.decision_id).where(S.c.id.in_(_slots_about(meeting_id, rebound)),
                                               S.c.decision_id.is_not(None))
    return scheduling.union(with_blank)


def _slot_total(conn: Connection, conds: list, status: str | None) -> int:
    """Slots (under the document conditions `conds`) counted without joining a meeting fact to each.

    Fills are few (people type them) and slots many: open = all - filled, filled counted from the fills' side.
    """
    if status is None:
        return conn.execute(select(func.count()).select_from(S).where(*conds)).scalar_one()
    # EXISTS, not a join: SQLite would scan every slot to probe the (few) fills
    filled = conn.execute(select(func.count()).select_from(FI).where(
        exists().where(S.c.natural_key == FI.c.slot_key, *conds))).scalar_one()
    if status == SlotState.FILLED:
        return filled
    return conn.execute(select(func.count()).select_from(S).where(*conds)).scalar_one() - filled


def topics(conn: Connection, flt: Filters = Filters()) -> tuple[list[TopicRecord], int]:
    return list(stream(conn, "topics", flt)), _topics_total(conn, flt)


def _topics_total(conn: Connection, flt: Filters) -> int:
    return conn.execute(select(func.count()).select_from(TOP).where(
        *_doc_filter(TOP.c.document_key, flt))).scalar_one()


def _topics_query(flt: Filters) -> Select:
    # (label, title, document_key) is an index, and id the rowid it ends in: the rows come off it in order
    return select(TOP.c.ident, TOP.c.document_key, TOP.c.label, TOP.c.title).where(
        *_doc_filter(TOP.c.document_key, flt)).order_by(TOP.c.label, TOP.c.title, TOP.c.document_key, TOP.c.id)


def _topic_documents(conn: Connection, flt: Filters, label: str, title: str) -> int:
    """How many documents (under the filters) list this label and title, counted by the database."""
    return conn.execute(select(func.count(func.distinct(TOP.c.document_key))).where(
        TOP.c.label == label, TOP.c.title == title, *_doc_filter(TOP.c.document_key, flt))).scalar_one()


def _topic_stream(conn: Connection, flt: Filters) -> Iterator[TopicRecord]:
    """One record per topic in (label, title, document) order, each with the number of documents listing its
    label and title: counted over each group as it streams by (one group in memory at a time), by the database
    for a group a page's --offset or --limit may have cut. Corrections are laid over label and title."""
    corrected = corrections.of_kind(conn, "topic")

    def records(group: list, edge: bool) -> Iterator[TopicRecord]:
        n = _topic_documents(conn, flt, group[0].label, group[0].title) if edge else len(
            {r.document_key for r in group})
        for r in group:
            mine = corrected.get(r.ident, {})
            yield TopicRecord(mine.get("label", r.label), mine.get("title", r.title), n, r.ident, r.document_key)

    group: list = []
    first = True
    for row in _streamed(conn, _limited(_topics_query(flt), flt)):
        if group and (row.label, row.title) != (group[0].label, group[0].title):
            yield from records(group, first and bool(flt.offset))
            group, first = [], False
        group.append(row)
    if group:
        yield from records(group, (first and bool(flt.offset)) or bool(flt.limit))


def topic(conn: Connection, ident: str) -> TopicRecord | None:
    """One topic by its id, corrected, with the documents listing its label and title."""
    r = conn.execute(select(TOP).where(TOP.c.ident == ident)).first()
    if r is None:
        return None
    mine = corrections.of(conn, "topic", ident)
    return TopicRecord(mine.get("label", r.label), mine.get("title", r.title),
                       _topic_documents(conn, Filters(), r.label, r.title), r.ident, r.document_key)


def topic_source(conn: Connection, ident: str) -> tuple[str, SourceSpan | None] | None:
    """A topic's title as its document gives it, and where."""
    r = conn.execute(select(TOP.c.title, TOP.c.span_start, TOP.c.span_end, TOP.c.paragraph).where(
        TOP.c.ident == ident)).first()
    return (r.title, _span(r)) if r else None


def people(conn: Connection, flt: Filters = Filters()) -> list[PersonRecord]:
    return list(stream(conn, "people", flt))


def _people_query(flt: Filters, retitled: dict[str, str] | None = None) -> Select:
    """People in name order; with a role filter, the role as corrected (`retitled`: person id -> corrected
    role), decided in SQL so that --limit, --offset and the total agree with the rows shown."""
    conds = _doc_filter(R.c.document_key, flt)
    if flt.status:
        retitled = retitled or {}
        to = [i for i, role in retitled.items() if role == flt.status]
        away = [i for i, role in retitled.items() if role != flt.status]
        role = R.c.role == flt.status
        if away:
            role = and_(role, R.c.person_id.notin_(away))
        conds.append(or_(role, R.c.person_id.in_(to)) if to else role)
    return select(P.c.name, R).select_from(R.join(P, P.c.id == R.c.person_id)).where(*conds).order_by(
        P.c.name, R.c.document_key, R.c.id)


def _person(r, corrected: dict[str, dict[str, str]]) -> PersonRecord:
    """A person's name, role or country as someone corrected it."""
    mine = corrected.get(r.person_id, {})
    return PersonRecord(mine.get("name", r.name), mine.get("role", r.role), r.honorific,
                        mine.get("country", r.country), r.organization, r.document_key)


def documents(conn: Connection, flt: Filters = Filters()) -> list[DocumentRecord]:
    return list(stream(conn, "documents", flt))


def _documents_query(flt: Filters) -> Select:
    conds = _doc_filter(D.c.key, flt)
    if flt.status:
        conds.append(D.c.kind == flt.status)
    return select(D).where(*conds).order_by(D.c.key)


def _document(r) -> DocumentRecord:
    ingested = core.utc(r.ingested_at)
    return DocumentRecord(r.key, r.path, r.sha256, r.symbol, r.language, r.kind, r.title,
                          ingested.isoformat(timespec="seconds") if isinstance(ingested, datetime) else str(ingested))


# ---------------------------------------------------------------- the lists, streamed

# list -> (its query, ordered; a row -> its record)
LISTS: dict[str, tuple[Callable[[Filters], Select], Callable]] = {
    "meetings": (_meetings_query, to_meeting),
    "decisions": (_decisions_query, _decision),
    "slots": (_slots_query, _slot),
    "topics": (_topics_query, None),  # grouped as it streams: _topic_stream
    "people": (_people_query, _person),
    "documents": (_documents_query, _document),
}
CORRECTED = {"decisions": "decision", "slots": "slot", "people": "person"}  # lists whose rows people correct


def stream(conn: Connection, what: str, flt: Filters = Filters()) -> Iterator:
    """The records of one list in its stable order, read CHUNK rows at a time: a list of any length is
    written in constant memory. `flt.limit` and `flt.offset` go into the SQL."""
    if what == "topics":
        yield from _topic_stream(conn, flt)
        return
    query, record = LISTS[what]
    kind = CORRECTED.get(what)
    if kind is None:
        for row in _streamed(conn, _limited(query(flt), flt)):
            yield record(row)
        return
    corrected = corrections.of_kind(conn, kind)  # what people corrected, laid over each row
    if what == "people" and flt.status:
        retitled = {ident: fields["role"] for ident, fields in corrected.items() if "role" in fields}
        for row in _streamed(conn, _limited(query(flt, retitled), flt)):
            yield record(row, corrected)
        return
    for row in _streamed(conn, _limited(query(flt), flt)):
        yield record(row, corrected)


def total(conn: Connection, what: str, flt: Filters = Filters()) -> int:
    """How many records the list holds under `flt`'s filters (its limit and offset aside), counted by the database."""
    if what == "decisions":
        return _decisions_total(conn, flt)
    if what == "slots":
        return _slot_total(conn, _slot_conds(flt), flt.status)
    if what == "topics":
        return _topics_total(conn, flt)
    if what == "people" and flt.status:
        retitled = {i: f["role"] for i, f in corrections.of_kind(conn, "person").items() if "role" in f}
        query = _people_query(flt, retitled).order_by(None)
    else:
        query = LISTS[what][0](flt).order_by(None)
    return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def status(conn: Connection, as_of: date, limit: int | None = 20) -> StatusReport:
    """What is coming, what is open, what is missing and where documents disagree, as of a day (a plain SQLite
    file: `store.lite.status_report` sends these statements through sqlite3)."""
    report = (upcoming(conn, as_of, limit), decisions(conn, Filters(status="proposed", limit=limit)),
              slots(conn, Filters(status="open", limit=limit)), incomplete(conn, as_of, limit),
              conflicts(conn, limit=limit), corrections.conflicts(conn), topics(conn, Filters(limit=limit)),
              orphans(conn))
    return status_report(as_of, limit, *report)


def conflicts(conn: Connection, meeting_id: str | None = None, limit: int | None = None) -> tuple[list[Conflict], int]:
    conds = [C.c.meeting_id == meeting_id] if meeting_id else []
    total = conn.execute(select(func.count()).select_from(C).where(*conds)).scalar_one()
    q = select(C).where(*conds).order_by(C.c.meeting_id, C.c.field)
    return [to_conflict(r) for r in conn.execute(q.limit(limit) if limit else q)], total


def orphans(conn: Connection) -> list[OrphanFill]:
    q = select(FI).where(FI.c.slot_key.notin_(select(S.c.natural_key))).order_by(FI.c.slot_key)
    return [to_orphan(r) for r in conn.execute(q)]


def count(conn: Connection, row: type | str) -> int:
    """Rows in a table, named or given as its SQLModel class."""
    return conn.execute(select(func.count()).select_from(core.BY_NAME[getattr(row, "__tablename__", row)])).scalar_one()


# ---------------------------------------------------------------- one thing by id, with provenance

def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end]: from the previous sentence end to the next one."""
    stops = re.compile(r"[。！？；!?]|\.\s|\n\s*\n")
    begin = max((m.end() for m in stops.finditer(text, max(0, start - 400), start)), default=max(0, start - 400))
    after = stops.search(text, end)
    stop = after.end() if after and after.end() - end < 400 else min(len(text), end + 400)
    return re.sub(r"\s+", " ", text[begin:stop]).strip()


def document_text(conn: Connection, key: str) -> str:
    row = conn.execute(select(core.document_text.c.text).where(core.document_text.c.key == key)).first()
    return row[0] if row else ""


def page_starts(conn: Connection, key: str) -> tuple[int, ...]:
    """Where each page of a document starts in its text (a PDF's); empty for a document without pages."""
    row = conn.execute(select(core.document_text.c.page_starts).where(core.document_text.c.key == key)).first()
    return tuple(int(x) for x in row[0].split(",")) if row and row[0] else ()


def meeting(conn: Connection, meeting_id: str) -> Meeting | None:
    row = conn.execute(_revised(select(M)).where(M.c.id == meeting_id)).first()
    return to_meeting(row) if row else None


def meeting_facts(conn: Connection, meeting_id: str) -> list[Fact]:
    """Each document's claims about the meeting, field by field, each with where that document states it
    and the whole sentence around it (a document stored before step 0008_provenance, or a field with no source of its
    own: the meeting's first mention in that document, without a sentence)."""
    out: list[Fact] = []
    rows = conn.execute(select(F).where(F.c.meeting_id == meeting_id).order_by(F.c.document_key, F.c.id)).all()
    sources = _fact_sources(conn, {(r.document_key, r.local_id) for r in rows})
    for r in rows:
        claims = {"name": r.name, "dates": f"{r.start}..{r.end} ({r.precision})" if r.start else None,
                  "city": r.city, "country": r.country, "facility": r.facility, "chair": r.chair,
                  "status": r.status}
        for k, v in claims.items():
            if not v:
                continue
            src = sources.get((r.document_key, r.local_id, k))
            if src is None:
                out.append(Fact(meeting_id, k, v, r.document_key, r.span_start or 0, r.span_end or 0, r.paragraph))
            else:
                sentence = (src.sentence_start, src.sentence_end) if src.sentence_start is not None else None
                out.append(Fact(meeting_id, k, v, r.document_key, src.span_start, src.span_end, src.paragraph,
                                sentence))
    return out


def _fact_sources(conn: Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str, str], object]:
    """(document, local id, field) -> its fact_source row, for these meeting facts."""
    FS = core.fact_source
    out = {}
    for doc in sorted({d for d, _ in pairs}):
        locals_ = sorted(local for d, local in pairs if d == doc)
        for r in conn.execute(select(FS).where(FS.c.document_key == doc, FS.c.local_id.in_(locals_))):
            out[(r.document_key, r.local_id, r.field)] = r
    return out


def decision(conn: Connection, ident: str) -> DecisionRecord | None:
    r = conn.execute(select(DEC).where(DEC.c.id == ident)).first()
    return _decision(r, {ident: corrections.of(conn, "decision", ident)}) if r else None


def slot(conn: Connection, ident: str) -> SlotRecord | None:
    """One slot, read through `slots` so the fill and meeting joins live in one place."""
    row = conn.execute(select(S.c.document_key).where(S.c.id == ident)).first()
    if row is None:
        return None
    rows, _ = slots(conn, Filters(document=row.document_key))
    return next((s for s in rows if s.id == ident), None)


def document(conn: Connection, key: str) -> DocumentRecord | None:
    r = conn.execute(select(D).where(D.c.key == key)).first()
    return _document(r) if r else None


def meeting_documents(conn: Connection) -> dict[str, set[str]]:
    """Meeting id -> the keys of the documents that speak of it."""
    out: dict[str, set[str]] = {}
    for r in conn.execute(select(F.c.meeting_id, F.c.document_key).distinct()):
        if r.meeting_id:
            out.setdefault(r.meeting_id, set()).add(r.document_key)
    return out


# ---------------------------------------------------------------- the calendar, streamed

@dataclass(frozen=True)
class CalendarRow:
    """A dated meeting with what only the store knows of it: when its revision last changed, the documents
    that speak of it (their symbols, else their keys) and its open slots."""

    meeting: Meeting
    changed_at: datetime | None
    sources: frozenset[str]
    open_slots: tuple[SlotRecord, ...]


class _Follower:
    """A stream of rows in the meetings' order (each row carries its meeting's id as `mid`), taken meeting by
    meeting: merged with the meetings' own stream, it needs no table of all meetings in memory."""

    def __init__(self, rows: Iterator) -> None:
        self.rows = rows
        self.head = next(rows, None)

    def take(self, meeting_id: str) -> list:
        out = []
        while self.head is not None and self.head.mid == meeting_id:
            out.append(self.head)
            self.head = next(self.rows, None)
        return out


def calendar_meetings(conn: Connection, instrument: str | None = None, timed: bool = False) -> Iterator[CalendarRow]:
    """Every meeting with a first day, by first day then id (ids compared as Python compares them, whatever the
    database's collation), with its sources and open slots; `timed`: only those with a clock time, without
    sources or slots (what the calendar's time zones need). Three streams read side by side in one order."""
    dated = [M.c.start.is_not(None)]
    if instrument:
        dated.append(func.lower(M.c.instrument) == instrument.lower())
    if timed:
        dated.append(M.c.start_time.is_not(None))
    order = (M.c.start, M.c.id)
    rev = core.meeting_revision
    main = select(M, rev.c.revision, rev.c.changed_at).outerjoin(rev, rev.c.meeting_id == M.c.id).where(
        *dated).order_by(*order)
    sources = slots = _Follower(iter(()))
    corrected = {} if timed else corrections.of_kind(conn, "slot")  # laid over the open slots, as `slots` does
    moved = [i for i, f in corrected.items() if "meeting" in f]
    rebound: dict[str, list[SlotRecord]] = {}
    if moved:  # slots a person re-bound (few: people type them), shown under the meeting they now fill
        for x in conn.execute(_slots_query(Filters(status=SlotState.OPEN)).where(S.c.id.in_(moved))):
            s = _slot(x, corrected)
            if s.meeting != x.meeting_id:  # still under its documents' meeting: the stream below has it
                rebound.setdefault(s.meeting, []).append(s)
    if not timed:
        sources = _Follower(_streamed(conn, select(M.c.id.label("mid"), F.c.document_key, D.c.symbol).select_from(
            M.join(F, F.c.meeting_id == M.c.id).outerjoin(D, D.c.key == F.c.document_key)).where(*dated).order_by(
            *order)))
        slots = _Follower(_streamed(conn, select(M.c.id.label("mid"), S, FI.c.value, F.c.meeting_id).select_from(
            M.join(F, F.c.meeting_id == M.c.id).join(S, and_(S.c.document_key == F.c.document_key,
                                                            S.c.meeting_local == F.c.local_id)).outerjoin(
                FI, FI.c.slot_key == S.c.natural_key)).where(*dated, FI.c.slot_key.is_(None)).order_by(
            *order, S.c.document_key, S.c.span_start, S.c.id)))
    day: list[CalendarRow] = []
    for r in _streamed(conn, main):
        if day and day[0].meeting.start != r.start:
            yield from sorted(day, key=lambda c: c.meeting.id)
            day.clear()
        day.append(CalendarRow(to_meeting(r), r.changed_at,
                               frozenset(s.symbol or s.document_key for s in sources.take(r.id)),
                               tuple([s for s in (_slot(x, corrected) for x in slots.take(r.id))
                                      if s.meeting == r.id] + rebound.get(r.id, []))))
    yield from sorted(day, key=lambda c: c.meeting.id)
