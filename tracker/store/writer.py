"""Storing extractions: one document's rows replaced at once, with Core bulk inserts (executemany).

Fills are never touched here: they hang on slot natural keys and outlive the slots they filled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.engine import Connection

from tracker.domain import Extraction, SourceDocument, SourceSpan
from tracker.store import tables as t

CHUNK = 500  # rows of an IN (...) list; SQLite's bound-parameter limit is far above this


def slug(text: str) -> str:
    """'CCM/MSP/2010/5' -> 'ccm-msp-2010-5'; keeps letters of any script."""
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-") or "x"


def known_hashes(conn: Connection) -> dict[str, tuple[str, str]]:
    """sha256 -> (key, path) of every stored document."""
    d = t.DocumentRow.__table__
    return {row.sha256: (row.key, row.path) for row in conn.execute(select(d.c.sha256, d.c.key, d.c.path))}


def existing_keys(conn: Connection, keys: Iterable[str], paths: Iterable[str]) -> dict[str, str]:
    """key -> path for stored documents that have one of these keys or paths."""
    d = t.DocumentRow.__table__
    keys, paths = list(keys), list(paths)
    found: dict[str, str] = {}
    for i in range(0, max(len(keys), len(paths)), CHUNK):
        cond = or_(d.c.key.in_(keys[i:i + CHUNK]), d.c.path.in_(paths[i:i + CHUNK]))
        found.update({r.key: r.path for r in conn.execute(select(d.c.key, d.c.path).where(cond))})
    return found


def _span(s: SourceSpan | None) -> dict:
    return {"span_start": s.start if s else None, "span_end": s.end if s else None,
            "paragraph": s.paragraph if s else None}


def delete_documents(conn: Connection, keys: list[str]) -> set[tuple[str | None, str]]:
    """Remove documents and their derived rows; returns the (instrument, kind) meeting groups they touched."""
    groups: set[tuple[str | None, str]] = set()
    f = t.MeetingFactRow.__table__
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i:i + CHUNK]
        groups.update((r.instrument, r.kind) for r in
                      conn.execute(select(f.c.instrument, f.c.kind).where(f.c.document_key.in_(chunk)).distinct()))
        conn.execute(delete(t.DocumentRow.__table__).where(t.DocumentRow.__table__.c.key.in_(chunk)))
        for row in t.DERIVED:
            table = row.__table__
            column = table.c.key if "key" in table.c else table.c.document_key
            conn.execute(delete(table).where(column.in_(chunk)))
    return groups


def rows_for(src: SourceDocument, x: Extraction, now: datetime) -> dict[type, list[dict]]:
    """Every row one document contributes, by table."""
    key, info = src.key, x.document
    out: dict[type, list[dict]] = {
        t.DocumentRow: [{"key": key, "path": src.path, "sha256": src.sha256, "symbol": info.symbol,
                         "instrument": _instrument(x), "language": info.language, "kind": info.kind, "title": info.title,
                         "doc_date": info.date, "ingested_at": now}],
        t.DocumentTextRow: [{"key": key, "text": src.text}],
        t.MeetingFactRow: [], t.MentionRow: [], t.DecisionRow: [], t.SlotRow: [], t.TopicRow: [],
        t.AgendaItemRow: [], t.RoleRow: [], t.PersonRow: [],
    }
    for m in x.meetings:
        first = m.spans[0] if m.spans else None
        out[t.MeetingFactRow].append({
            "document_key": key, "local_id": m.id, "meeting_id": None, "name": m.name, "instrument": m.instrument,
            "kind": m.kind, "ordinal": m.ordinal, "year": m.year or (m.start.year if m.start else None),
            "start": m.start, "end": m.end, "precision": m.precision, "start_time": m.start_time,
            "end_time": m.end_time, "duration_days": m.duration_days, "city": m.city, "country": m.country,
            "facility": m.facility, "chair": m.chair, "host": m.host, "languages": ",".join(m.languages),
            "status": m.status, "parent": m.parent, **_span(first)})
        out[t.MentionRow].extend({"document_key": key, "local_id": m.id, "span_start": s.start,
                                  "span_end": s.end, "paragraph": s.paragraph} for s in m.spans)
    for c in x.decisions:
        out[t.DecisionRow].append({"id": f"{key}-{c.id}", "document_key": key, "local_id": c.id, "number": c.number,
                                   "text": c.text, "status": c.status, **_span(c.span)})
    seen: Counter = Counter()
    for s in x.slots:
        ident = (s.kind, s.left_context, s.text)
        seen[ident] += 1
        binds = s.binds or {}
        out[t.SlotRow].append({
            "id": f"{key}-{s.id}", "natural_key": slot_natural_key(key, s.kind, s.left_context, s.text, seen[ident]),
            "document_key": key, "decision_id": f"{key}-{s.decision}" if s.decision else None, "local_id": s.id,
            "text": s.text, "left_context": s.left_context, "kind": s.kind, "meeting_local": binds.get("meeting"),
            "field": binds.get("field"), **_span(s.span)})
    out[t.TopicRow] = [{"document_key": key, "label": p.label, "title": p.title, **_span(p.span)} for p in x.topics]
    out[t.AgendaItemRow] = [{"document_key": key, "number": a.number, "title": a.title, **_span(a.span)}
                            for a in x.agenda_items]
    for p in x.people:
        pid = slug(p.name)
        out[t.PersonRow].append({"id": pid, "name": p.name})
        out[t.RoleRow].append({"person_id": pid, "document_key": key, "role": p.role, "honorific": p.honorific,
                               "country": p.country, "organization": p.organization,
                               "on_behalf_of": p.on_behalf_of, **_span(p.span)})
    return out


def _instrument(x: Extraction) -> str | None:
    """The treaty a document is about: the one its meetings name most (ties: alphabetically first)."""
    counts = Counter(m.instrument for m in x.meetings if m.instrument)
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def slot_natural_key(doc_key: str, kind: str, left_context: str, text: str, occurrence: int) -> str:
    """What a slot is, independent of its position: the document, its words and which repeat of them."""
    return f"{doc_key}|{kind}|{left_context}|{text}|{occurrence}"


def write_documents(conn: Connection, items: list[tuple[SourceDocument, Extraction]], now: datetime,
                    replace: list[str]) -> set[tuple[str | None, str]]:
    """Replace the documents in `replace`, insert `items`; one executemany per table. Returns touched groups."""
    groups = delete_documents(conn, replace) if replace else set()
    batch: dict[type, list[dict]] = {}
    for src, x in items:
        for table, rows in rows_for(src, x, now).items():
            batch.setdefault(table, []).extend(rows)
    people = {r["id"]: r for r in batch.pop(t.PersonRow, [])}
    for table, rows in batch.items():
        if rows:
            conn.execute(insert(table.__table__), rows)
    if people:
        insert_missing(conn, t.PersonRow, list(people.values()))
    groups.update((r["instrument"], r["kind"]) for r in batch.get(t.MeetingFactRow, []))
    return groups


def insert_missing(conn: Connection, row: type, rows: list[dict]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on the primary key, in the dialect's own words."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    for i in range(0, len(rows), CHUNK):
        conn.execute(dialect_insert(row.__table__).on_conflict_do_nothing(), rows[i:i + CHUNK])


def fill_slot(conn: Connection, slot_id: str, value: str, by: str, now: datetime) -> str | None:
    """Record a value for a slot under its natural key; returns the value it replaces (None if new)."""
    s, f = t.SlotRow.__table__, t.FillRow.__table__
    row = conn.execute(select(s.c.natural_key).where(s.c.id == slot_id)).first()
    if row is None:
        raise LookupError(slot_id)
    old = conn.execute(select(f.c.value).where(f.c.slot_key == row.natural_key)).scalar_one_or_none()
    conn.execute(delete(f).where(f.c.slot_key == row.natural_key))
    conn.execute(insert(f).values(slot_key=row.natural_key, slot_id=slot_id, value=value, filled_by=by,
                                  filled_at=now, old_value=old))
    return old
