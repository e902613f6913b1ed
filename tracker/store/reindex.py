"""The search entries of what people changed, rewritten with the values shown now.

Ingest indexes what the documents say (`rows.search_rows`, `consolidate.meeting_search_entry`). A correction
(set, unset, undo) or a fill (fill, unfill, undo) changes what a decision, slot, topic, person or meeting shows,
so its entries are rewritten in the same transaction as the change: found by the new value, no longer by the
old. A re-ingest writes the documents' entries again; `documents` then lays the corrections and fills of those
documents' records over them, in the transaction that wrote them. Meetings are rewritten where their rows are
(`fills.refresh_meetings`), which every change and every rebuild of a meeting goes through.

Only `search_entry` rows are written here; the index itself (FTS5 by triggers, PostgreSQL's GIN) follows them.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, delete, insert, select
from sqlalchemy.engine import Connection

from tracker.rules.overlay import mark_blanks
from tracker.store import corrections
from tracker.store import tables as t
from tracker.store.rows import search_entry

E = t.SearchEntryRow.__table__
DEC, S, FI = t.DecisionRow.__table__, t.SlotRow.__table__, t.FillRow.__table__
TOP, R, P = t.TopicRow.__table__, t.RoleRow.__table__, t.PersonRow.__table__
CHUNK = 500


def _lock(conn: Connection, column, idents: list[str]) -> None:
    """Lock the records' rows (PostgreSQL; SQLite has one writer) in id order before their entries are rewritten:
    two people changing two fields or blanks of one record at once would otherwise each delete the old entry
    and both insert theirs."""
    for i in range(0, len(idents), CHUNK):
        conn.execute(select(column).where(column.in_(idents[i:i + CHUNK])).order_by(column).with_for_update())


def _replace(conn: Connection, kind: str, idents: list[str], entries: list[dict]) -> None:
    for i in range(0, len(idents), CHUNK):
        conn.execute(delete(E).where(E.c.kind == kind, E.c.ident.in_(idents[i:i + CHUNK])))
    if entries:
        conn.execute(insert(E), entries)


def _slot_rows(conn: Connection, where) -> list:
    q = select(S.c.id, S.c.document_key, S.c.decision_id, S.c.text, S.c.left_context, S.c.kind, FI.c.value).select_from(
        S.outerjoin(FI, FI.c.slot_key == S.c.natural_key)).where(where)
    return list(conn.execute(q.order_by(S.c.document_key, S.c.span_start, S.c.id)))


def decisions(conn: Connection, idents: Iterable[str]) -> None:
    """A decision as the index holds it: its number and text as corrected, each filled blank written in."""
    idents = sorted(set(idents))
    _lock(conn, DEC.c.id, idents)
    corrected = {i: corrections.of(conn, "decision", i) for i in idents}
    entries = []
    for i in range(0, len(idents), CHUNK):
        chunk = idents[i:i + CHUNK]
        blanks: dict[str, list] = {}
        for s in _slot_rows(conn, S.c.decision_id.in_(chunk)):
            blanks.setdefault(s.decision_id, []).append((s.text, s.value or s.text))
        for d in conn.execute(select(DEC.c.id, DEC.c.document_key, DEC.c.number, DEC.c.text).where(DEC.c.id.in_(chunk))):
            mine = corrected[d.id]
            text = mark_blanks(mine.get("text", d.text), blanks.get(d.id, []))
            entries.append(search_entry("decision", d.id, d.document_key, mine.get("number", d.number), text))
    _replace(conn, "decision", idents, entries)


def slots(conn: Connection, idents: Iterable[str]) -> None:
    """A slot as the index holds it: the words before its blank and its fill (else the blank), its kind as
    corrected."""
    idents = sorted(set(idents))
    _lock(conn, S.c.id, idents)
    entries = []
    for i in range(0, len(idents), CHUNK):
        for s in _slot_rows(conn, S.c.id.in_(idents[i:i + CHUNK])):
            kind = corrections.of(conn, "slot", s.id).get("kind", s.kind)
            entries.append(search_entry("slot", s.id, s.document_key, kind, f"{s.left_context}{s.value or s.text}"))
    _replace(conn, "slot", idents, entries)


def topics(conn: Connection, idents: Iterable[str]) -> None:
    """A topic as the index holds it: its title, under its label, as corrected."""
    idents = sorted(set(idents))
    _lock(conn, TOP.c.ident, idents)
    entries = []
    for i in range(0, len(idents), CHUNK):
        for r in conn.execute(select(TOP.c.ident, TOP.c.document_key, TOP.c.label, TOP.c.title).where(
                TOP.c.ident.in_(idents[i:i + CHUNK]))):
            mine = corrections.of(conn, "topic", r.ident)
            entries.append(search_entry("topic", r.ident, r.document_key, mine.get("label", r.label),
                                        mine.get("title", r.title)))
    _replace(conn, "topic", idents, entries)


def people(conn: Connection, idents: Iterable[str]) -> None:
    """A person's entries, one per document naming them: name, honorific, country, organization, as corrected."""
    idents = sorted(set(idents))
    _lock(conn, P.c.id, idents)
    entries = []
    for ident in idents:
        mine = corrections.of(conn, "person", ident)
        typed = corrections.typed_of(conn, "person", ident) if mine else []
        q = select(P.c.name, R).select_from(R.join(P, P.c.id == R.c.person_id)).where(R.c.person_id == ident)
        for r in conn.execute(q.order_by(R.c.document_key, R.c.id)):
            words = (mine.get("name", r.name), r.honorific, mine.get("country", r.country), r.organization,
                     r.on_behalf_of, *typed)
            entries.append(search_entry("person", ident, r.document_key, mine.get("role", r.role),
                                        " ".join(w for w in words if w)))
    _replace(conn, "person", idents, entries)


def meetings(conn: Connection, entries: list[dict]) -> None:
    """Meetings' entries as `fills.refresh_meetings` built them from the rows it wrote."""
    _replace(conn, "meeting", [e["ident"] for e in entries], entries)


REWRITE = {"decision": decisions, "slot": slots, "topic": topics, "person": people}


def record(conn: Connection, kind: str, ident: str) -> None:
    """The entries of one corrected record (a meeting's are rewritten with its row)."""
    if kind in REWRITE:
        REWRITE[kind](conn, [ident])


def documents(conn: Connection, keys: list[str]) -> None:
    """After these documents' rows and entries were written again: the entries of their records that people
    corrected or filled, rewritten with what they show. Corrections and fills are few (people type them)."""
    if not keys:
        return
    by_kind: dict[str, list[str]] = {}
    for c in corrections.every(conn):
        by_kind.setdefault(c.kind, []).append(c.target)
    found: dict[str, set[str]] = {kind: set() for kind in REWRITE}
    for i in range(0, len(keys), CHUNK):
        chunk = keys[i:i + CHUNK]
        for kind, column, doc in (("decision", DEC.c.id, DEC.c.document_key), ("slot", S.c.id, S.c.document_key),
                                  ("topic", TOP.c.ident, TOP.c.document_key), ("person", R.c.person_id,
                                                                               R.c.document_key)):
            targets = sorted(set(by_kind.get(kind, ())))
            for j in range(0, len(targets), CHUNK):
                found[kind].update(r[0] for r in conn.execute(select(column).where(
                    doc.in_(chunk), column.in_(targets[j:j + CHUNK])).distinct()))
        for r in conn.execute(select(S.c.id, S.c.decision_id).select_from(
                S.join(FI, FI.c.slot_key == S.c.natural_key)).where(and_(S.c.document_key.in_(chunk)))):
            found["slot"].add(r.id)
            if r.decision_id:
                found["decision"].add(r.decision_id)
    for kind, idents in found.items():
        if idents:
            REWRITE[kind](conn, idents)
