"""One meeting across documents: facts of the same (instrument, kind) grouped into meetings.

Ids come from what the meeting is, never from row ids: `ccm-msp-2` (ordinal), `ccw-msp-2008` (year),
`ccw-plenary-2008-4` (a numbered plenary of a year's session), `<doc-key>-m3` (nothing to go on).
The best-dated fact wins each field; disagreeing claims are kept as conflicts.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from tracker.store import tables as t
from tracker.store.writer import CHUNK, insert_missing, slug

KIND_SLUG = {"meeting_of_states_parties": "msp", "review_conference": "revcon", "intersessional": "intersessional",
             "preparatory": "prep", "expert_group": "gge", "standing_committee": "sc", "plenary": "plenary"}
PRECISION_RANK = {"day": 0, "window": 1, "part_of_month": 2, "month": 3, "year": 4, "unknown": 5}
STATUS_RANK = {"held": 0, "cancelled": 1, "postponed": 2, "scheduled": 3, "proposed": 4, "unknown": 9}
FIELDS = ("city", "country", "facility", "chair", "host", "start_time", "end_time", "duration_days", "languages")


def _year(f) -> int | None:
    return f.year or (f.start.year if f.start else None)


def _overlaps(a, b) -> bool:
    return bool(a.start and b.start and a.start <= (b.end or b.start) and b.start <= (a.end or a.start))


def cluster(facts: list) -> dict[str, list]:
    """meeting id -> its facts, for the facts of one (instrument, kind) group, in a fixed order."""
    out: dict[str, list] = defaultdict(list)
    by_year: list = []
    for f in facts:
        inst, kind = slug(f.instrument or "un"), KIND_SLUG.get(f.kind)
        year = _year(f)
        if kind is None or (f.ordinal is None and year is None):
            out[f"{f.document_key}-{f.local_id}"].append(f)
        elif kind == "plenary":
            key = f"{inst}-plenary-{year}-{f.ordinal}" if year and f.ordinal else f"{f.document_key}-{f.local_id}"
            out[key].append(f)
        elif f.ordinal is not None:
            out[f"{inst}-{kind}-{f.ordinal}"].append(f)
        else:
            by_year.append(f)
    numbered = {k: v for k, v in out.items() if k.rsplit("-", 1)[-1].isdigit() and "-plenary-" not in k}
    for f in by_year:
        inst, kind = slug(f.instrument or "un"), KIND_SLUG[f.kind]
        same_year = [k for k, v in numbered.items() if k.startswith(f"{inst}-{kind}-")
                     and any(_year(g) == _year(f) for g in v)]
        if len(same_year) > 1:
            same_year = [k for k in same_year if any(_overlaps(f, g) for g in numbered[k])]
        out[same_year[0] if len(same_year) == 1 else f"{inst}-{kind}-{_year(f)}"].append(f)
    return dict(out)


def _best(facts: list) -> list:
    return sorted(facts, key=lambda f: (PRECISION_RANK.get(f.precision, 9), f.document_key, f.id))


def merge(meeting_id: str, facts: list) -> tuple[dict, list[dict]]:
    """The meeting row and its conflict rows."""
    ranked = _best(facts)
    top = ranked[0]
    row = {"id": meeting_id, "name": top.name, "instrument": top.instrument, "kind": top.kind,
           "ordinal": next((f.ordinal for f in ranked if f.ordinal is not None), None),
           "year": next((_year(f) for f in ranked if _year(f)), None),
           "start": top.start, "end": top.end, "precision": top.precision, "parent": None,
           "status": min((f.status for f in facts), key=lambda s: STATUS_RANK.get(s, 5))}
    for name in FIELDS:
        row[name] = next((getattr(f, name) for f in ranked if getattr(f, name)), None)
    row["languages"] = row["languages"] or ""
    where = [row[k] for k in ("country", "city", "facility")]
    row["venue_id"] = slug("-".join(v for v in where if v)) if any(where) else None
    return row, _conflicts(meeting_id, ranked)


def _dates(f) -> str:
    return f"{f.start.isoformat()}..{(f.end or f.start).isoformat()}"


def _within(inner, outer) -> bool:
    return outer.start <= inner.start and (inner.end or inner.start) <= (outer.end or outer.start)


def _conflicts(meeting_id: str, ranked: list) -> list[dict]:
    found: list[dict] = []
    dated = [f for f in ranked if f.start and f.precision in ("day", "window", "part_of_month", "month")]
    days = [f for f in dated if f.precision == "day"]
    clash = len({_dates(f) for f in days}) > 1 or any(
        not _within(d, w) for d in days for w in dated if w.precision != "day")
    if clash:
        found.append(_conflict(meeting_id, "dates", [(_dates(f), f.document_key) for f in dated]))
    for name in ("city", "chair"):
        claims = [(getattr(f, name), f.document_key) for f in ranked if getattr(f, name)]
        if len({v for v, _ in claims}) > 1:
            found.append(_conflict(meeting_id, name, claims))
    return found


def _conflict(meeting_id: str, name: str, claims: list[tuple[str, str]]) -> dict:
    return {"meeting_id": meeting_id, "field": name, "claims": json.dumps(sorted(set(claims)), ensure_ascii=False)}


def pending_groups(conn: Connection) -> set[tuple[str | None, str]]:
    """Groups with facts not yet given a meeting (a run stopped between writing and consolidating)."""
    f = t.MeetingFactRow.__table__
    return {(r.instrument, r.kind) for r in
            conn.execute(select(f.c.instrument, f.c.kind).where(f.c.meeting_id.is_(None)).distinct())}


def consolidate(conn: Connection, groups: set[tuple[str | None, str]]) -> int:
    """Rebuild the meetings of these groups from all their facts; returns how many meetings they have."""
    f, m, c = t.MeetingFactRow.__table__, t.MeetingRow.__table__, t.ConflictRow.__table__
    total = 0
    ordered = sorted(groups, key=lambda g: (g[0] or "", g[1]))
    # every group's old meetings go before any is rebuilt: a document-local id (<doc-key>-m3) can move
    # from one group to another when a new version of the document gives that meeting another kind
    for instrument, kind in ordered:
        mine = (m.c.instrument.is_(None) if instrument is None else m.c.instrument == instrument) & (m.c.kind == kind)
        old_ids = [r[0] for r in conn.execute(select(m.c.id).where(mine))]
        for i in range(0, len(old_ids), CHUNK):
            conn.execute(delete(c).where(c.c.meeting_id.in_(old_ids[i:i + CHUNK])))
        conn.execute(delete(m).where(mine))
    for instrument, kind in ordered:
        same = (f.c.instrument.is_(None) if instrument is None else f.c.instrument == instrument) & (f.c.kind == kind)
        facts = list(conn.execute(select(f).where(same).order_by(f.c.document_key, f.c.id)))
        meetings, conflicts, venues, assign = [], [], {}, []
        for meeting_id, members in sorted(cluster(facts).items()):
            row, found = merge(meeting_id, members)
            meetings.append(row)
            conflicts.extend(found)
            if row["venue_id"]:
                venues[row["venue_id"]] = {"id": row["venue_id"], "city": row["city"], "country": row["country"],
                                           "facility": row["facility"]}
            assign.extend({"fid": g.id, "mid": meeting_id} for g in members)
        if meetings:
            conn.execute(insert(m), meetings)
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


def is_upcoming(start: date | None, end: date | None, as_of: date) -> bool:
    return bool(start and (end or start) >= as_of)
