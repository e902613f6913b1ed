"""Last stage, finish: drafts -> meetings. Plenaries inside the document's session take its parent, venue
and chair; each meeting gets its dates, status and source spans; ids are given here, once, in order."""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import date

from tracker.domain import DateSpan, Meeting, SourceSpan
from tracker.extract.meetings.locate import has_verb
from tracker.extract.meetings.model import Context, Draft, Table

# kinds whose bare name names a body or a series of meetings ("the intersessional meetings", 闭会期间会议,
# "the Standing Committees"), not one meeting
SERIES_KINDS = frozenset({"intersessional", "expert_group", "standing_committee", "preparatory"})


def bare(ctx: Context, d: Draft, parents: set[int]) -> bool:
    """A body or series named without anything that makes it one meeting: no date or year, no number, no venue,
    host or chair, not the document's own meeting, no meeting inside it ("the General Assembly", "the report of
    the Group of Governmental Experts", 闭会期间会议). It stays in the table (anaphors and facts may point at it)
    but is not a meeting."""
    mt = d.meeting
    if d.header or d.date_span or mt.year or mt.ordinal is not None or mt.city or mt.country or mt.facility \
            or mt.chair or mt.host or id(d) in parents:
        return False
    if mt.kind in SERIES_KINDS:  # unless a sentence has it meet ("a Preparatory Committee is expected to meet")
        return not any(has_verb(ctx, *ctx.st.sentence_at(m.begin)) for m in d.mentions if not m.anaphor)
    body = ctx.grammar.body
    return all(body.search(m.name) for m in d.mentions if not m.anaphor)


def finish(ctx: Context, table: Table, reference: date | None) -> list[Meeting]:
    """The meetings, in order of first mention, with ids m1, m2, … (parents renamed to match); bare bodies
    left out (their drafts keep `dropped`)."""
    out = []
    _own_meeting_session(table)
    session = table.session
    for d in table.drafts:
        if session and d is not session and (d.meeting.kind == "plenary" or _committee(ctx, d)):
            mt = d.meeting  # a plenary or a committee inside the session
            d.parent = d.parent or session
            _inherit(d, session, "city")
            _inherit(d, session, "country")
            if mt.kind == "plenary":  # a committee has a chair of its own
                _inherit(d, session, "chair")
            if not d.header:
                d.cues = set(session.cues) if not d.cues else d.cues
                d.header = session.header
    _split_parts(table)
    parents = {id(d.parent) for d in table.drafts if d.parent}
    for d in table.drafts:
        d.dropped = bare(ctx, d, parents)
    for d in table.drafts:
        if d.dropped:
            continue
        mt = d.meeting
        if d.date_span:
            mt.start, mt.end, mt.precision = d.date_span.start, d.date_span.end, d.date_span.precision
            if mt.kind != "plenary" or not mt.start_time:
                mt.start_time = mt.start_time or (d.date_span.start_time if mt.kind == "plenary" else None)
            if mt.start:
                mt.year = mt.start.year
        elif mt.year:
            mt.start, mt.end, mt.precision = date(mt.year, 1, 1), date(mt.year, 12, 31), "year"
        mt.status = status(ctx, d, reference, session)
        said = d
        if session and d is not session and d.parent is session and not d.date_span:
            # a plenary of the session with no day of its own meets while the session does: the statement
            # given at "this plenary" of a session in progress was given at a held meeting
            mt.status, said = status(ctx, session, reference, session), session
        norm = ctx.norm
        mt.spans = [SourceSpan(*norm.original_span(m.begin, m.end), norm.paragraph_of(m.begin)) for m in d.mentions]
        mt.sources = _sources(ctx, d, said, mt.status)
        out.append(mt)
    _inside_held(table)
    for i, mt in enumerate(out, 1):  # the ids, given once, in order
        mt.id = f"m{i}"
    for d in table.drafts:
        if not d.dropped and d.parent is not None:
            d.meeting.parent = None if d.parent.dropped else d.parent.meeting.id
    return out


HELD_REACH = 8  # held meetings that began before a day, looked at for one around it (linear in the meetings)


def _inside_held(table: Table) -> None:
    """A meeting of unknown status whose days fall inside the days of a meeting that was held took place too,
    as part of it (a side event of the session a page reports held): held, its parent that meeting."""
    held = sorted((d for d in table.drafts if not d.dropped and d.meeting.status == "held"
                   and d.meeting.precision == "day" and d.meeting.start and d.meeting.end
                   and d.meeting.start < d.meeting.end), key=lambda d: d.meeting.start)
    if not held:
        return
    starts = [h.meeting.start for h in held]
    for d in table.drafts:
        mt = d.meeting
        if d.dropped or mt.status != "unknown" or mt.precision != "day" or not mt.start:
            continue
        i = bisect.bisect_right(starts, mt.start)  # the held meetings that began by then; the latest few only
        around = [h for h in held[max(0, i - HELD_REACH):i] if (mt.end or mt.start) <= h.meeting.end]
        if around:
            mt.status = "held"
            d.parent = d.parent or min(around, key=lambda h: h.meeting.end - h.meeting.start)


def _inherit(d: Draft, session: Draft, name: str) -> None:
    """A field the session states and the meeting inside it does not: the session's value, and its source."""
    if getattr(d.meeting, name) is None and getattr(session.meeting, name) is not None:
        setattr(d.meeting, name, getattr(session.meeting, name))
        if name in session.sources:
            d.sources[name] = session.sources[name]


def _sources(ctx: Context, d: Draft, said: Draft, status_: str) -> dict[str, SourceSpan]:
    """Where the document states each field kept: the name at the first mention, the dates at their
    expression (a year taken from the name at the name), the status at its cue (else at what it was judged
    by: the dates, or the name), the rest where the stages found them; each with its whole sentence."""
    spans: dict[str, tuple[int, int]] = {}
    first = next((m for m in d.mentions if not m.anaphor), d.mentions[0] if d.mentions else None)
    if first is not None:
        spans["name"] = (first.begin, first.end)
    date_span = d.date_span if d.date_span and d.date_span.stop > d.date_span.begin else None
    if date_span:
        spans["dates"] = (date_span.begin, date_span.stop)
    elif d.meeting.year and first is not None:
        spans["dates"] = spans["name"]
    spans.update(d.sources)
    cue = said.cue_spans.get(status_)
    judged = said.date_span if said.date_span and said.date_span.stop > said.date_span.begin else None
    if cue:
        spans["status"] = cue
    elif judged and status_ in ("held", "scheduled") and not said.own:
        spans["status"] = (judged.begin, judged.stop)
    elif said.mentions:
        spans["status"] = (said.mentions[0].begin, said.mentions[0].end)
    return {name: _span(ctx, b, e) for name, (b, e) in spans.items()}


def _span(ctx: Context, b: int, e: int) -> SourceSpan:
    """text[b:e] as a SourceSpan of the original text, with its paragraph and its whole sentence (remembered:
    the fields of a meeting often share a place, and its meetings a sentence)."""
    key = ("source", b, e)
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = _new_span(ctx, b, e)
    return found


def _new_span(ctx: Context, b: int, e: int) -> SourceSpan:
    norm = ctx.norm
    para = norm.paragraph_of(b)
    sb, se = ctx.st.sentence_at(b)
    if norm.paragraphs:  # a cover's lines hold no full stop: its "sentence" is the line, not the whole cover
        pb, pe = norm.paragraphs[para]
        sb, se = max(sb, pb), min(se, pe)
    sb, se = min(sb, b), max(se, e)
    return SourceSpan(*norm.original_span(b, e), para, norm.original_span(sb, se))


def _own_meeting_session(table: Table) -> None:
    """A record's own meeting ("The meeting was called to order") is a meeting of the first session the
    record names ("I declare open the 2006 substantive session"), which the cover's chair also chairs."""
    for i, d in enumerate(table.drafts):
        if d.own and d.parent is None and not table.session:
            s = next((x for x in table.drafts[i + 1:] if x.meeting.kind != "plenary"), None)
            if s is not None:
                d.parent = s
                if not s.meeting.chair and d.meeting.chair:
                    s.meeting.chair = d.meeting.chair
                    if "chair" in d.sources:
                        s.sources["chair"] = d.sources["chair"]


def _committee(ctx: Context, d: Draft) -> bool:
    """A committee of the document's conference with no dates of its own (Main Committee I, 起草委员会)."""
    return d.date_span is None and d.meeting.kind == "other" and any(
        ctx.grammar.committee.search(m.name) for m in d.mentions if not m.anaphor)


def _split_parts(table: Table) -> None:
    """A meeting that meets in parts ("6-10 March, and 15-19 May 2023") is the window over them, with each
    part a meeting of its own inside it, listed before it: the same-kind meeting the text numbers k for the
    k-th part ("the second 2025 session"), else a new one of the same name."""
    out: list[Draft] = []
    for d in table.drafts:
        if len(d.parts) > 1 and not d.dropped:
            mt = d.meeting
            for k, span in enumerate(d.parts, 1):
                same = next((x for x in table.drafts if x is not d and x.meeting.kind == mt.kind
                             and x.meeting.ordinal == k and x.meeting.instrument == mt.instrument
                             and x.meeting.year in (None, span.start.year) and not x.parts
                             and (x.date_span is None or x.date_span.precision != "day")), None)
                if same is not None:
                    same.date_span, same.parent = span, same.parent or d
                    continue
                part = Draft(replace(mt, ordinal=None, languages=list(mt.languages)), mentions=list(d.mentions),
                             date_span=span, cues=set(d.cues), header=d.header, parent=d,
                             cue_spans=dict(d.cue_spans), sources=dict(d.sources))
                out.append(part)
            d.date_span = DateSpan(d.parts[0].start, d.parts[-1].end, "window", d.parts[0].begin, d.parts[-1].stop)
        out.append(d)
    table.drafts[:] = out


def status(ctx: Context, d: Draft, reference: date | None, session: Draft | None) -> str:
    """held, scheduled, proposed, cancelled or unknown: from the cues of its sentences, the kind of document,
    whether the cover names it, and its dates against the document's own date."""
    mt, doc_kind = d.meeting, ctx.doc_kind
    if "cancelled" in d.cues:
        return "cancelled"
    if d.own:
        return "held"  # "The meeting was called to order at 10.05 a.m.": the record's meeting took place
    if d.header:
        if reference and mt.start and mt.start < reference and mt.precision != "year":
            return "held"  # a paper dated inside (or after) its meeting: the meeting is in progress
        if doc_kind == "other" and "held" in d.cues and "scheduled" not in d.cues:
            return "held"  # a meeting page: "The 2014 Meeting … was held from 1 to 5 December"
        return "held" if doc_kind in ("summary_record", "report") else "scheduled"
    if "held" in d.cues:
        return "held"
    if (session and session.meeting.ordinal and mt.ordinal and mt.kind == session.meeting.kind
            and mt.instrument == session.meeting.instrument and mt.ordinal < session.meeting.ordinal):
        return "held"  # the third meeting's papers speak of the first and second as past
    if "scheduled" in d.cues and doc_kind in ("note", "agenda", "other"):
        return "scheduled"  # 将于…举行 outranks a date that falls before the document's own meeting
    if reference and mt.end and mt.end < reference and mt.precision not in ("year",):
        return "held"
    order = (("scheduled", "proposed") if doc_kind in ("summary_record", "report")
             else ("proposed", "scheduled"))
    for s in order:
        if s in d.cues:
            return s
    if reference and mt.start and mt.start >= reference:
        return "scheduled"
    return "unknown"
