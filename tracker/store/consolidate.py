"""Consolidation in the store: read meeting facts, let `rules.consolidate` merge them, write meetings.

The rules (clustering, ids, best fact per field, conflicts) live in `tracker.rules.consolidate` and work on
plain dataclasses; this module only reads rows, calls them and writes what they return.

Incremental: only the meetings the changed documents touch are rebuilt. A fact with an ordinal (or a
plenary's, or one that is its document's own) has its meeting id by itself; a fact with only a year joins a
numbered meeting of its series that has a fact of that year. So the facts read again are those of the
touched meetings and of the touched (instrument, kind, year) buckets, and then those of every meeting and
bucket they reach, until nothing new is reached (`_closure`). Everything outside is clustered as before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from tracker.rules import ids
from tracker.rules.consolidate import ConflictClaims, MeetingFact, MergedMeeting, cluster, merge, year_of
from tracker.store import tables as t
from tracker.store.rows import search_entry
from tracker.store.writer import CHUNK, Touched, insert_many, insert_missing

FACT_FIELDS = tuple(f.name for f in fields(MeetingFact))
MERGED_FIELDS = tuple(f.name for f in fields(MergedMeeting))


def facts_of(rows) -> list[MeetingFact]:
    """meeting_fact rows as the rules' dataclasses."""
    return [MeetingFact.of(r) for r in rows]


def meeting_row(m: MergedMeeting) -> dict:
    # not dataclasses.asdict: its deep copy of every value was a third of consolidation's time
    return {name: getattr(m, name) for name in MERGED_FIELDS}


def conflict_row(c: ConflictClaims) -> dict:
    return {"meeting_id": c.meeting_id, "field": c.field, "claims": c.claims_json()}


def venue_row(m: MergedMeeting) -> dict:
    return {"id": m.venue_id, "city": m.city, "country": m.country, "facility": m.facility}


def meeting_search_entry(m: MergedMeeting, members: list[MeetingFact], corrected: Iterable[str] = (),
                         typed: Iterable[str] = ()) -> dict:
    """A meeting as the search index holds it: every name its documents give it and every place and chair
    they state (both languages, not only the values consolidation kept); for a field a person corrected or
    filled, only the value shown (`m` has it) and the words they typed for it, not what the documents said."""
    kept = [name for name in ("facility", "city", "chair") if name not in set(corrected)]
    words = [m.name, *(f.name for f in members if "name" not in corrected), m.facility, m.city, m.country,
             m.chair, m.host, *(getattr(f, name) for f in members for name in kept), *typed]
    return search_entry("meeting", m.id, None, m.name, " · ".join(dict.fromkeys(w for w in words if w)))


def pending_groups(conn: Connection) -> set[tuple[str | None, str]]:
    """Groups with facts not yet given a meeting (a run stopped between writing and consolidating)."""
    f = t.MeetingFactRow.__table__
    return {(r.instrument, r.kind) for r in
            conn.execute(select(f.c.instrument, f.c.kind).where(f.c.meeting_id.is_(None)).distinct())}


def own_id(f: MeetingFact) -> str | None:
    """The meeting id a fact has by itself, or None for a fact with only a year (it depends on the others)."""
    kind, year = ids.KIND_SLUG.get(f.kind), year_of(f)
    if kind is None or (f.ordinal is None and year is None):
        return ids.local_id(f.document_key, f.local_id)
    if kind == "plenary":
        return ids.plenary_id(f.instrument, year, f.ordinal) if year and f.ordinal else ids.local_id(
            f.document_key, f.local_id)
    return ids.numbered_meeting_id(f.instrument, kind, f.ordinal) if f.ordinal is not None else None


def bucket(f: MeetingFact) -> tuple | None:
    """(instrument, kind, year) of a fact whose year can matter to a year-only fact: a numbered or a year-only one."""
    kind = ids.KIND_SLUG.get(f.kind)
    if kind is None or kind == "plenary" or f.year is None:  # the stored year is year_of(f)
        return None
    return (f.instrument, f.kind, f.year)


@dataclass
class _Loaded:
    """Facts read so far (id -> (fact, its meeting id as stored)) and what has been asked for."""

    facts: dict[int, tuple[MeetingFact, str | None]] = field(default_factory=dict)
    buckets: set = field(default_factory=set)
    meetings: set = field(default_factory=set)


def _fact_query():
    f = t.MeetingFactRow.__table__
    return select(*(f.c[name] for name in FACT_FIELDS), f.c.meeting_id), f


def _read(conn: Connection, loaded: _Loaded, query) -> list[MeetingFact]:
    fresh = []
    for r in conn.execute(query):
        if r[0] not in loaded.facts:
            fact = MeetingFact(*r[:-1])
            loaded.facts[fact.id] = (fact, r[-1])
            fresh.append(fact)
    return fresh


def _same(column, value):
    return column.is_(None) if value is None else column == value


def _closure(conn: Connection, touched: Touched) -> _Loaded:
    """Every fact whose meeting may change: new facts, touched meetings and buckets, whole groups asked for,
    and the facts of every meeting and bucket these reach."""
    q, f = _fact_query()
    loaded = _Loaded()
    fresh = _read(conn, loaded, q.where(f.c.meeting_id.is_(None)))
    for instrument, kind in sorted(touched.groups, key=lambda g: (g[0] or "", g[1])):
        fresh += _read(conn, loaded, q.where(_same(f.c.instrument, instrument), f.c.kind == kind))
    buckets, meetings = set(touched.buckets), set(touched.meetings)
    while True:
        for fact in fresh:
            old = loaded.facts[fact.id][1]
            meetings.update(m for m in (old, own_id(fact)) if m)
            if (b := bucket(fact)) is not None:
                buckets.add(b)
        buckets -= loaded.buckets
        meetings -= loaded.meetings
        if not buckets and not meetings:
            return loaded
        fresh = []
        asked = sorted(meetings)
        for i in range(0, len(asked), CHUNK):
            fresh += _read(conn, loaded, q.where(f.c.meeting_id.in_(asked[i:i + CHUNK])))
        for instrument, kind, year in sorted(buckets, key=lambda b: (b[0] or "", b[1], b[2])):
            if (instrument, kind) in touched.groups:  # read whole already
                continue
            fresh += _read(conn, loaded, q.where(_same(f.c.instrument, instrument), f.c.kind == kind,
                                                 f.c.year == year))
        loaded.buckets |= buckets
        loaded.meetings |= meetings
        buckets, meetings = set(), set()


def consolidate(conn: Connection, touched: Touched | set[tuple[str | None, str]]) -> set[str]:
    """Rebuild the meetings the touched documents (or whole (instrument, kind) groups) reach from all their
    facts; returns the ids of the meetings rebuilt or removed."""
    if not isinstance(touched, Touched):
        touched = Touched(groups=set(touched))
    m, c, f = t.MeetingRow.__table__, t.ConflictRow.__table__, t.MeetingFactRow.__table__
    e = t.SearchEntryRow.__table__
    loaded = _closure(conn, touched)
    groups: dict[tuple, list[MeetingFact]] = defaultdict(list)
    for fact, _ in loaded.facts.values():
        groups[(fact.instrument, fact.kind)].append(fact)
    meetings, conflicts, venues, assign, entries = [], [], {}, [], []
    for key in sorted(groups, key=lambda g: (g[0] or "", g[1])):
        facts = sorted(groups[key], key=lambda g: (g.document_key, g.id))
        for meeting_id, members in sorted(cluster(facts).items()):
            merged, found = merge(meeting_id, members)
            meetings.append(meeting_row(merged))
            entries.append(meeting_search_entry(merged, members))
            conflicts.extend(conflict_row(x) for x in found)
            if merged.venue_id:
                venues[merged.venue_id] = venue_row(merged)
            assign.extend({"fid": g.id, "mid": meeting_id} for g in members
                          if loaded.facts[g.id][1] != meeting_id)
    old = {mid for _, mid in loaded.facts.values() if mid} | set(touched.meetings)
    if touched.groups:  # a whole group: its meetings without a fact left go too
        for instrument, kind in touched.groups:
            old.update(r[0] for r in conn.execute(select(m.c.id).where(_same(m.c.instrument, instrument),
                                                                        m.c.kind == kind)))
    rebuilt = old | {row["id"] for row in meetings}
    gone = sorted(rebuilt)
    for i in range(0, len(gone), CHUNK):
        conn.execute(delete(c).where(c.c.meeting_id.in_(gone[i:i + CHUNK])))
        conn.execute(delete(m).where(m.c.id.in_(gone[i:i + CHUNK])))
        conn.execute(delete(e).where(e.c.kind == "meeting", e.c.ident.in_(gone[i:i + CHUNK])))
    if meetings:
        conn.execute(insert(m), meetings)  # a meeting whose kind a person corrected is among `gone` too
        insert_many(conn, e, entries)
    if conflicts:
        conn.execute(insert(c), conflicts)
    if venues:
        insert_missing(conn, t.VenueRow, list(venues.values()))
    if assign:
        conn.execute(update(f).where(f.c.id == bindparam("fid")).values(meeting_id=bindparam("mid")), assign)
    if conn.dialect.name == "postgresql" and len(loaded.facts) > 5000:
        conn.exec_driver_sql("ANALYZE meeting_fact, meeting")  # the parent query below plans on fresh numbers
    relinked = _link_parents(conn, {fact.document_key for fact, _ in loaded.facts.values()} | set(touched.documents))
    return rebuilt | relinked  # a relinked meeting's corrected parent is laid over again by apply_overlays


def _link_parents(conn: Connection, documents: set[str]) -> set[str]:
    """A meeting inside another (a plenary of a session) points at it: the parent's fact in the same document.

    Linked again: every meeting with a child fact in these documents (the documents of the facts just
    clustered: a parent's id can change when another document tells more about it, an ordinal where there
    was only a year, and a parent and its child are always named by the same document).
    """
    f, m = t.MeetingFactRow.__table__, t.MeetingRow.__table__
    child, parent = f.alias("child"), f.alias("parent")
    parent_id = (select(parent.c.meeting_id)
                 .select_from(child.join(parent, and_(parent.c.document_key == child.c.document_key,
                                                      parent.c.local_id == child.c.parent)))
                 .where(child.c.meeting_id == m.c.id, parent.c.meeting_id.is_not(None),
                        parent.c.meeting_id != m.c.id)
                 .order_by(child.c.document_key, child.c.id).limit(1).scalar_subquery())
    docs = sorted(documents)
    children: set[str] = set()
    for i in range(0, len(docs), CHUNK):
        children.update(r[0] for r in conn.execute(
            select(f.c.meeting_id).where(f.c.document_key.in_(docs[i:i + CHUNK]), f.c.parent.is_not(None),
                                         f.c.meeting_id.is_not(None)).distinct()))
    linked = sorted(children)
    for i in range(0, len(linked), CHUNK):
        conn.execute(update(m).where(m.c.id.in_(linked[i:i + CHUNK])).values(parent=parent_id))
    return children
