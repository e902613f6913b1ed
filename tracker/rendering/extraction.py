"""Pure formatters: an Extraction as the JSON of SCHEMA.md (version 1) or as a readable summary."""

from __future__ import annotations

import json
from datetime import date

from tracker.domain import Extraction, Meeting, json_safe, page_of, printable
from tracker.rendering.phrases import VENUE_UNKNOWN, when, where

SCHEMA_VERSION = 1


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def meeting_dict(m: Meeting, pages: tuple[int, ...] = ()) -> dict:
    year_only = m.precision == "year"
    return {
        "id": m.id, "name": m.name, "instrument": m.instrument, "kind": m.kind, "ordinal": m.ordinal,
        "year": m.year, "start": None if year_only else _iso(m.start), "end": None if year_only else _iso(m.end),
        "precision": m.precision, "start_time": m.start_time, "end_time": m.end_time,
        "duration_days": m.duration_days, "city": m.city, "country": m.country, "facility": m.facility,
        "chair": m.chair, "host": m.host, "languages": list(m.languages), "status": m.status, "parent": m.parent,
        "source": [_source(s, pages) for s in m.spans],
        "sources": {name: _fact_span(s, pages) for name, s in sorted(m.sources.items())},
    }


def _fact_span(s, pages: tuple[int, ...] = ()) -> dict:
    """Where one field's value is stated: its words and the whole sentence around them (and its page)."""
    out = {"start": s.start, "end": s.end, "paragraph": s.paragraph,
           "sentence": list(s.sentence) if s.sentence else None}
    if pages:
        out["page"] = page_of(pages, s.start)
    return out


def extraction_dict(x: Extraction, pages: tuple[int, ...] = ()) -> dict:
    """The JSON of SCHEMA.md; `pages` (where each page of a PDF starts) adds each source's `page`."""
    d = x.document

    return {
        "schema": SCHEMA_VERSION,
        "document": {"symbol": d.symbol, "language": d.language, "kind": d.kind, "title": d.title,
                     "subjects": d.subjects, "references": d.references},
        "meetings": [meeting_dict(m, pages) for m in x.meetings],
        "decisions": [{"id": c.id, "number": c.number, "text": c.text, "status": c.status, "slots": c.slots,
                       "schedules": c.schedules, "source": _source(c.span, pages)} for c in x.decisions],
        "slots": [{"id": s.id, "decision": s.decision, "text": s.text, "left_context": s.left_context,
                   "kind": s.kind, "binds": s.binds, "source": _source(s.span, pages)} for s in x.slots],
        "topics": [{"label": t.label, "title": t.title, "source": _source(t.span, pages)} for t in x.topics],
        "agenda_items": [{"number": a.number, "title": a.title} for a in x.agenda_items],
        "people": [{"name": p.name, "honorific": p.honorific, "country": p.country, "organization": p.organization,
                    "on_behalf_of": p.on_behalf_of, "role": p.role, "source": _source(p.span, pages)} for p in x.people],
        "diagnostics": [{"level": g.level, "code": g.code, "message": g.message} for g in x.diagnostics],
    }


def _source(s, pages: tuple[int, ...] = ()) -> dict | None:
    if not s:
        return None
    out = {"start": s.start, "end": s.end, "paragraph": s.paragraph}
    if pages:
        out["page"] = page_of(pages, s.start)
    return out


def extraction_json(x: Extraction, pages: tuple[int, ...] = ()) -> str:
    return json_safe(json.dumps(extraction_dict(x, pages), ensure_ascii=False, indent=2))  # no raw CSI or bidi override


def extraction_text(x: Extraction) -> str:
    d = x.document
    lines = [f"document  {d.symbol or '(no symbol)'}  {d.language}  {d.kind}  {d.title or ''}".rstrip()]
    if d.references:
        lines.append("cites     " + ", ".join(d.references))
    lines.append(f"\nmeetings ({len(x.meetings)})")
    for m in x.meetings:
        place = where(m) or VENUE_UNKNOWN
        extra = "".join(f"  {k} {v}" for k, v in (("chair", m.chair), ("host", m.host),
                                                   ("days", m.duration_days)) if v)
        lines.append(f"  {m.id:<4} {m.name}  [{m.instrument or '-'} {m.kind}]  {when(m)}  {place}  {m.status}{extra}")
    lines.append(f"\ndecisions ({len(x.decisions)})")
    for c in x.decisions:
        text = c.text.replace("\n", " ")
        lines.append(f"  {c.id:<4} {c.number or '-':>3}  {c.status:<9} {text[:70]}{'…' if len(text) > 70 else ''}")
    lines.append(f"\nunfilled slots ({len(x.slots)})")
    for s in x.slots:
        binds = f"-> {s.binds['meeting'] or ''}.{s.binds['field']}" if s.binds else ""
        lines.append(f"  {s.id:<4} {s.decision or '-':<4} {s.kind:<16} …{s.left_context}{s.text}  {binds}")
    if x.topics:
        lines.append(f"\ntopics ({len(x.topics)})")
        lines.extend(f"  ({t.label}) {t.title}" for t in x.topics)
    if x.people:
        lines.append(f"\npeople ({len(x.people)})")
        for p in x.people:
            who = ", ".join(v for v in (p.country, p.organization, p.on_behalf_of and f"for {p.on_behalf_of}") if v)
            lines.append(f"  {p.name} ({p.honorific or ''}) {who}  {p.role}")
    for g in x.diagnostics:
        lines.append(f"{g.level}: {g.message}")
    return printable("\n".join(lines)) + "\n"  # a document's ESC or CSI must not reach the terminal
