"""Stage, attach_header: a cover names the document's meeting (the session), then its dates, venue and
chair on lines of their own; a record's plenary meeting is part of the session."""

from __future__ import annotations

from tracker.domain import Meeting
from tracker.extract.meetings.dating import another_part, set_dates
from tracker.extract.meetings.grammar import AFTER_PAREN, chairs
from tracker.extract.meetings.model import Context, Draft, Table
from tracker.extract.meetings.places import set_place


def attach_header(ctx: Context, table: Table) -> Table:
    hb, text = ctx.head_begin, ctx.text
    organs = set(ctx.lex.cover_words)  # "General Assembly Distr.: General": the organ that issues the paper
    in_head = [m for m in table.mentions if m.begin < hb and id(m) in table.owner and m.name not in organs]
    plenary = next((m for m in in_head if m.kind == "plenary"), None)
    session_mentions = [m for m in in_head if m.kind != "plenary"]
    head_dates = [s for s in ctx.dates if s.begin < hb and s.start and s.precision != "year"]
    plen_dates = [s for s in head_dates if plenary and s.begin > plenary.begin]
    in_plen = {id(s) for s in plen_dates}  # (dates do not overlap: an equal span is the same one)
    own = [s for s in head_dates if id(s) not in in_plen]
    ranges = [s for s in own if s.start != s.end]  # a single day on a cover may be the date of issue
    anchor = (ranges or own)[0] if own else None
    before = [m for m in session_mentions if anchor and m.begin < anchor.begin]
    if before:  # 第二次审议会议 / 筹备会议 / 日内瓦，9月2-4日: the name right above the dates
        session_mentions = [before[-1]] + [m for m in session_mentions if m is not before[-1]]
    session = table.draft_of(session_mentions[0]) if session_mentions else None
    plen = table.draft_of(plenary) if plenary else None
    if plen and session is None:
        session = Draft(Meeting(id="", name="", kind="", instrument=ctx.doc_instrument))
        table.drafts.insert(0, session)
    for d in (session, plen):
        if d:
            d.header = True
    for s in plen_dates:
        set_dates(ctx, plen, s)
        plen.meeting.start_time = plen.meeting.start_time or s.start_time
    if session and anchor and session.date_span is None:
        session.date_span = anchor
        session.weak_date = anchor.start == anchor.end and not plen
        for s in own:  # "Geneva, 6-10 March, and 15-19 May 2023": the session meets in parts
            if s.begin > anchor.begin:
                another_part(ctx, session, s)
    for p in ctx.places:
        if p.begin >= hb:
            continue
        if AFTER_PAREN.search(text[max(0, p.begin - 3):p.begin]) or _attribute(ctx, p):
            continue
        for d in (session, plen):
            if d and not (p.kind == "facility" and d is session and plen):
                set_place(d, p)
    m = chairs(ctx.lex).line.search(text, 0, hb + 1)
    if m:
        for d in (session, plen):
            if d and not d.meeting.chair and m.group("name").strip():
                d.meeting.chair = m.group("name").strip()
                d.note("chair", m.start("name"), m.end("name"))
    if plen:
        plen.parent = session
        later = [t for t in ctx.times if t.begin >= hb]
        if later:
            plen.meeting.end_time = later[-1].time
    if session and not session.meeting.kind:
        _complete_session(ctx, table, session)
    return table


def _attribute(ctx: Context, p) -> bool:
    """A country named as who speaks or sends (中国代表团, 约旦常驻联合国代表团, "the Permanent Mission of
    Jordan"), not as where the cover's meeting is."""
    g, text = ctx.grammar, ctx.text
    return p.kind == "country" and bool(g.attribute_after.match(text, p.end)
                                        or g.attribute_before.search(text, max(0, p.begin - 30), p.begin))


def _complete_session(ctx: Context, table: Table, session: Draft) -> None:
    """A record's header dates the session without naming it: take the name of a same-year meeting."""
    year = session.date_span.start.year if session.date_span and session.date_span.start else None
    for d in table.drafts:
        if d is session or d.meeting.kind == "plenary" or d.date_span and d.date_span.precision != "year":
            continue
        if year and d.meeting.year == year:
            session.meeting.name, session.meeting.kind = d.meeting.name, d.meeting.kind
            session.meeting.ordinal = d.meeting.ordinal
            session.mentions.extend(d.mentions)
            session.cues |= d.cues
            session.cue_spans = {**d.cue_spans, **session.cue_spans}
            session.sources = {**d.sources, **session.sources}
            table.drafts.remove(d)
            for k, v in list(table.owner.items()):
                if v is d:
                    table.owner[k] = session
            return
    session.meeting.name = ctx.grammar.session_name
    session.meeting.kind = "other"
