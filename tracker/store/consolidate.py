"""Consolidation in the store: read a group's meeting facts, let `rules.consolidate` merge them, write meetings.

The rules (clustering, ids, best fact per field, conflicts) live in `tracker.rules.consolidate` and work on
plain dataclasses; this module only reads rows, calls them and writes what they return.
"""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from tracker.rules.consolidate import ConflictClaims, MeetingFact, MergedMeeting, cluster, merge
from tracker.store import tables as t
from tracker.store.corrections import CORRECTION
from tracker.store.rows import search_entry
from tracker.store.writer import CHUNK, insert_many, insert_missing


def facts_of(rows) -> list[MeetingFact]:
    """meeting_fact rows as the rules' dataclasses."""
    return [MeetingFact.of(r) for r in rows]


def meeting_row(m: MergedMeeting) -> dict:
    return asdict(m)


def conflict_row(c: ConflictClaims) -> dict:
    return {"meeting_id": c.meeting_id, "field": c.field, "claims": c.claims_json()}


def venue_row(m: MergedMeeting) -> dict:
    return {"id": m.venue_id, "city": m.city, "country": m.country, "facility": m.facility}


def meeting_search_entry(m: MergedMeeting, members: list[MeetingFact]) -> dict:
    """A meeting as the search index holds it: every name its documents give it and every place and chair
    they state (both languages, not only the values consolidation kept)."""
    words = [m.name, *(f.name for f in members), m.facility, m.city, m.country, m.chair, m.host,
             *(w for f in members for w in (f.facility, f.city, f.chair))]
    return search_entry("meeting", m.id, None, m.name, " · ".join(dict.fromkeys(w for w in words if w)))


def pending_groups(conn: Connection) -> set[tuple[str | None, str]]:
    """Groups with facts not yet given a meeting (a run stopped between writing and consolidating)."""
    f = t.MeetingFactRow.__table__
    return {(r.instrument, r.kind) for r in
            conn.execute(select(f.c.instrument, f.c.kind).where(f.c.meeting_id.is_(None)).distinct())}


def consolidate(conn: Connection, groups: set[tuple[str | None, str]]) -> int:
    """Rebuild the meetings of these groups from all their facts; returns how many meetings they have."""
    f, m, c = t.MeetingFactRow.__table__, t.MeetingRow.__table__, t.ConflictRow.__table__
    e = t.SearchEntryRow.__table__
    total = 0
    ordered = sorted(groups, key=lambda g: (g[0] or "", g[1]))
    # every group's old meetings go before any is rebuilt: a document-local id (<doc-key>-m3) can move
    # from one group to another when a new version of the document gives that meeting another kind
    for instrument, kind in ordered:
        mine = (m.c.instrument.is_(None) if instrument is None else m.c.instrument == instrument) & (m.c.kind == kind)
        old_ids = [r[0] for r in conn.execute(select(m.c.id).where(mine))]
        for i in range(0, len(old_ids), CHUNK):
            conn.execute(delete(c).where(c.c.meeting_id.in_(old_ids[i:i + CHUNK])))
            conn.execute(delete(e).where(e.c.kind == "meeting", e.c.ident.in_(old_ids[i:i + CHUNK])))
        conn.execute(delete(m).where(mine))
    kind_corrected = {r[0] for r in conn.execute(select(CORRECTION.c.target).where(
        CORRECTION.c.kind == "meeting", CORRECTION.c.field == "kind"))}
    for instrument, kind in ordered:
        same = (f.c.instrument.is_(None) if instrument is None else f.c.instrument == instrument) & (f.c.kind == kind)
        facts = facts_of(conn.execute(select(f).where(same).order_by(f.c.document_key, f.c.id)))
        meetings, conflicts, venues, assign, entries = [], [], {}, [], []
        for meeting_id, members in sorted(cluster(facts).items()):
            merged, found = merge(meeting_id, members)
            meetings.append(meeting_row(merged))
            entries.append(meeting_search_entry(merged, members))
            conflicts.extend(conflict_row(c) for c in found)
            if merged.venue_id:
                venues[merged.venue_id] = venue_row(merged)
            assign.extend({"fid": g.id, "mid": meeting_id} for g in members)
        if meetings:
            # a meeting whose kind a person corrected sits outside its group's rows deleted above
            corrected = [row["id"] for row in meetings if row["id"] in kind_corrected]
            if corrected:
                conn.execute(delete(m).where(m.c.id.in_(corrected)))
            conn.execute(insert(m), meetings)
            insert_many(conn, e, entries)
        if conflicts:
            conn.execute(insert(c), conflicts)
        if venues:
            insert_missing(conn, t.VenueRow, list(venues.values()))
        if assign:
            conn.execute(update(f).where(f.c.id == bindparam("fid")).values(meeting_id=bindparam("mid")), assign)
        total += len(meetings)
    _link_parents(conn)
    return total


def _link_parents(conn: Connection) -> None:
    """A meeting inside another (a plenary of a session) points at it: the parent's fact in the same document.

    Every meeting with such a fact is linked again, not only the rebuilt ones: a parent's id can change
    when another document tells more about it (an ordinal where there was only a year).
    """
    f, m = t.MeetingFactRow.__table__, t.MeetingRow.__table__
    child, parent = f.alias("child"), f.alias("parent")
    parent_id = (select(parent.c.meeting_id)
                 .select_from(child.join(parent, and_(parent.c.document_key == child.c.document_key,
                                                      parent.c.local_id == child.c.parent)))
                 .where(child.c.meeting_id == m.c.id, parent.c.meeting_id.is_not(None),
                        parent.c.meeting_id != m.c.id)
                 .order_by(child.c.document_key, child.c.id).limit(1).scalar_subquery())
    has_parent = select(f.c.meeting_id).where(f.c.parent.is_not(None), f.c.meeting_id.is_not(None))
    conn.execute(update(m).where(m.c.id.in_(has_parent)).values(parent=parent_id))
