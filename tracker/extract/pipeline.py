"""The whole extraction of one document, stage by stage."""

from __future__ import annotations

import bisect

from tracker.domain import Diagnostic, DocumentInfo, Extraction
from tracker.extract import decisions as decisions_mod
from tracker.extract import document as doc
from tracker.extract.brackets import HEAD_PARAGRAPHS, Brackets
from tracker.extract.dates import find_dates, find_times
from tracker.extract.meetings import find_meetings
from tracker.extract.mentions import find_mentions
from tracker.extract.normalize import normalize
from tracker.extract.people import find_people
from tracker.extract.slots import find_slots
from tracker.extract.structure import analyse
from tracker.extract.topics import find_topics
from tracker.extract.venues import country_names, find_places
from tracker.lang import has_pack


def _own_date(norm, head: int):
    """The document's own date: the first single day dated in its header paragraphs ("Note verbale dated
    7 May 2014" after the cover's "28 April-9 May 2014": the window is its meeting's, not its own date);
    without one, the start of the first window."""
    n = min(max(head, 1), len(norm.paragraphs))
    end = norm.paragraphs[n - 1][1] if n else 0
    head_dates = [d for d in find_dates(norm.text[:end], norm.lex) if d.start and d.precision in ("day", "window")]
    days = [d for d in head_dates if d.precision == "day" and d.end in (None, d.start)]
    return (days or head_dates)[0].start if head_dates else None


def extract(raw: str) -> Extraction:
    """Everything tracker knows how to read in one document. Never raises on odd text."""
    norm = normalize(raw)
    diagnostics: list[Diagnostic] = []
    lang, lex = norm.lang, norm.lex  # the detected language; the pack it is read with (a fallback without one)
    if not has_pack(lang):
        diagnostics.append(Diagnostic("warning", "language", f"language {lang!r} is read with the {lex.name} rules"))
    st = analyse(norm)
    head = doc.header_end(norm)
    symbol = doc.own_symbol(norm, head)
    kind = doc.kind_of(norm, head, symbol, st.lists)
    refs = [r for r in doc.references(norm) if r != symbol]
    instrument = doc.instrument(norm, symbol, refs)
    info = DocumentInfo(language=lang, kind=kind, symbol=symbol, title=doc.title_of(norm, head),
                        subjects=doc.subjects(norm), references=refs)

    reference = _own_date(norm, head)
    dates = find_dates(norm.text, lex, written=reference)  # "next year", 明年: counted from the document's date
    times = find_times(norm.text, lex)
    places = find_places(norm.text, lex)
    countries = country_names(lex)
    found = find_meetings(st, find_mentions(norm.text, lex), dates, times, places, kind, instrument, head, reference)
    info.date = reference
    meetings = found.meetings
    for name, c in found.conflicts:
        diagnostics.append(Diagnostic("warning", "date_conflict", f"{name}: also dated {c}"))

    decisions = decisions_mod.find_decisions(st, kind, head, lex,
                                             decisions_mod.document_year(reference, dates))
    for i, d in enumerate(decisions, 1):
        d.id = f"d{i}"
    found.link_schedules(decisions)

    head_text = "\n".join(norm.text[b:e] for b, e in norm.paragraphs[:max(head, 1)][:HEAD_PARAGRAPHS])
    brackets = Brackets(norm.text, lex, countries, head_text, draft=kind == "draft_decisions")
    slots = find_slots(norm, found.meeting_at, brackets, [(d.span.start, d.span.end) for d in decisions])
    starts = [d.span.start for d in decisions]  # decisions are sorted and do not overlap
    for i, s in enumerate(slots, 1):
        s.id = f"s{i}"
        j = bisect.bisect_right(starts, s.span.start) - 1
        if j >= 0 and s.span.start < decisions[j].span.end:
            s.decision = decisions[j].id
            decisions[j].slots.append(s.id)
    people = find_people(st, countries, kind)
    session = found.session
    designate = next((p for p in people if p.role == "president_designate"), None)
    if session and designate and not session.chair:  # a cover's meeting is chaired by its president-designate
        session.chair = designate.name
        if designate.span:
            session.sources["chair"] = designate.span
    return Extraction(
        document=info,
        meetings=meetings,
        decisions=decisions,
        slots=slots,
        topics=find_topics(st, kind),
        agenda_items=doc.agenda_items(norm, kind, head, st.lists() if kind == "agenda" else None),
        people=people,
        diagnostics=diagnostics,
    )
