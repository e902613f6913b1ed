"""The rows one document contributes, by table name: plain dicts, no database and no ORM.

Ingest builds them in its worker processes beside the extraction, so the process that writes only
runs bulk inserts; importing neither sqlmodel nor sqlalchemy keeps those workers light.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from tracker.domain import Extraction, SourceDocument, SourceSpan
from tracker.rules.ids import document_key, local_id, slot_natural_key, slug, topic_id  # noqa: F401 -- document_key: services
from tracker.rules.search_terms import index_terms

Rows = dict[str, list[dict]]  # table name -> rows


def file_keys(paths: list[str], stored: dict[str, str]) -> dict[str, str]:
    """The key each file gets should it have no symbol: its stem (001.txt -> 001), unique among files.

    `stored` maps the keys of stored documents to their paths. A file whose path is stored under a key
    keeps that key, so a re-run never moves a document (and the fills on its slots) to another key;
    keys stored before this rule (the bare stem) keep working. Otherwise a stem that a stored document
    of another file that still exists, or an earlier file of this run, already has gets a hash of the
    file's absolute path (a/001.txt -> 001, b/001.txt -> 001-6f3c2a1b): two files never share a key,
    and in one run the files are taken in sorted order, so the same tree ingested into a new database
    gets the same keys.
    """
    by_path = {os.path.abspath(path): key for key, path in stored.items()}
    owner = {key: os.path.abspath(path) for key, path in stored.items()}
    out: dict[str, str] = {}
    given: set[str] = set()  # keys given in this run
    for path in paths:
        where = os.path.abspath(path)
        key = by_path.get(where)
        if key is None or not _is_file_key(key, path):
            key = slug(Path(path).stem)
            holder = owner.get(key, where)
            # a holder whose file is not there was stored from another directory, or has moved: this file
            # takes its place, as it always did; a holder that is there is another file
            if holder != where and (key in given or os.path.exists(holder)):
                key = f"{key}-{hashlib.sha256(os.fsencode(where)).hexdigest()[:8]}"
        owner[key] = where
        given.add(key)
        out[path] = key
    return out


def _is_file_key(key: str, path: str) -> bool:
    """Whether a stored key is one file_keys gives this path (not a symbol's key it had then)."""
    stem = slug(Path(path).stem)
    return key == stem or re.fullmatch(rf"{re.escape(stem)}-[0-9a-f]{{8}}", key) is not None


def _span(s: SourceSpan | None) -> dict:
    return {"span_start": s.start if s else None, "span_end": s.end if s else None,
            "paragraph": s.paragraph if s else None}


def _instrument(x: Extraction) -> str | None:
    """The treaty a document is about: the one its meetings name most (ties: alphabetically first)."""
    counts = Counter(m.instrument for m in x.meetings if m.instrument)
    return min(counts, key=lambda k: (-counts[k], k)) if counts else None


def rows_for(src: SourceDocument, x: Extraction, now: datetime) -> Rows:
    """Every row one document contributes, by table name."""
    key, info = src.key, x.document
    out: Rows = {
        "document": [{"key": key, "path": src.path, "sha256": src.sha256, "symbol": info.symbol,
                      "instrument": _instrument(x), "language": info.language, "kind": info.kind,
                      "title": info.title, "doc_date": info.date, "ingested_at": now, "format": src.format}],
        "document_text": [{"key": key, "text": src.text,
                           "page_starts": ",".join(map(str, src.page_starts)) if src.page_starts else None}],
        "meeting_fact": [], "mention": [], "decision": [], "slot": [], "topic": [], "agenda_item": [],
        "role": [], "person": [], "fact_source": [], "search_entry": [],
    }
    for m in x.meetings:
        first = m.spans[0] if m.spans else None
        out["meeting_fact"].append({
            "document_key": key, "local_id": m.id, "meeting_id": None, "name": m.name, "instrument": m.instrument,
            "kind": m.kind, "ordinal": m.ordinal, "year": m.year or (m.start.year if m.start else None),
            "start": m.start, "end": m.end, "precision": m.precision, "start_time": m.start_time,
            "end_time": m.end_time, "duration_days": m.duration_days, "city": m.city, "country": m.country,
            "facility": m.facility, "chair": m.chair, "host": m.host, "languages": ",".join(m.languages),
            "status": m.status, "parent": m.parent, **_span(first)})
        out["mention"].extend({"document_key": key, "local_id": m.id, "span_start": s.start,
                               "span_end": s.end, "paragraph": s.paragraph} for s in m.spans)
        out["fact_source"].extend(_fact_source(key, m.id, name, s) for name, s in sorted(m.sources.items()))
    for c in x.decisions:
        out["decision"].append({"id": local_id(key, c.id), "document_key": key, "local_id": c.id, "number": c.number,
                                "text": c.text, "status": c.status, **_span(c.span),
                                "schedules": ",".join(c.schedules)})
    seen: Counter = Counter()
    for s in x.slots:
        ident = (s.kind, s.left_context, s.text)
        seen[ident] += 1
        binds = s.binds or {}
        out["slot"].append({
            "id": local_id(key, s.id), "natural_key": slot_natural_key(key, s.kind, s.left_context, s.text, seen[ident]),
            "document_key": key, "decision_id": local_id(key, s.decision) if s.decision else None, "local_id": s.id,
            "text": s.text, "left_context": s.left_context, "kind": s.kind, "meeting_local": binds.get("meeting"),
            "field": binds.get("field"), **_span(s.span)})
    out["topic"] = [{"document_key": key, "ident": topic_id(key, n), "label": p.label, "title": p.title,
                     **_span(p.span)} for n, p in enumerate(x.topics, 1)]
    out["agenda_item"] = [{"document_key": key, "number": a.number, "title": a.title, **_span(a.span)}
                          for a in x.agenda_items]
    for p in x.people:
        pid = slug(p.name)
        out["person"].append({"id": pid, "name": p.name})
        out["role"].append({"person_id": pid, "document_key": key, "role": p.role, "honorific": p.honorific,
                            "country": p.country, "organization": p.organization,
                            "on_behalf_of": p.on_behalf_of, **_span(p.span)})
    out["search_entry"] = search_rows(key, x)
    return out


def _fact_source(key: str, local: str, name: str, s: SourceSpan) -> dict:
    sentence = s.sentence or (None, None)
    return {"document_key": key, "local_id": local, "field": name, "span_start": s.start, "span_end": s.end,
            "paragraph": s.paragraph, "sentence_start": sentence[0], "sentence_end": sentence[1]}


def search_entry(kind: str, ident: str, document: str | None, label: str | None, body: str) -> dict:
    return {"kind": kind, "ident": ident, "document_key": document, "label": label, "body": body,
            "terms": index_terms(body)}


def search_rows(key: str, x: Extraction) -> list[dict]:
    """The search entries of one document: its decisions, slots, topics and people (meetings are indexed
    when consolidated: their names come from every document that speaks of them)."""
    out = [search_entry("decision", local_id(key, c.id), key, c.number, c.text) for c in x.decisions]
    out += [search_entry("slot", local_id(key, s.id), key, s.kind, f"{s.left_context}{s.text}") for s in x.slots]
    out += [search_entry("topic", topic_id(key, n), key, p.label, p.title) for n, p in enumerate(x.topics, 1)]
    out += [search_entry("person", slug(p.name), key, p.role,
                         " ".join(v for v in (p.name, p.honorific, p.country, p.organization, p.on_behalf_of) if v))
            for p in x.people]
    return out
