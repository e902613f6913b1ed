"""Stage, attach_dates: a dated day, range or month belongs to the meeting of its clause (or, for a
resolution's signature, to the meeting named on the line beside it). Bare years are part of names (group)."""

from __future__ import annotations

import re

from tracker.domain import DateSpan
from tracker.extract.meetings.locate import has_verb, mentions_in, target
from tracker.extract.meetings.model import PRECISION_RANK, Context, Draft, Table


def attach_dates(ctx: Context, table: Table) -> Table:
    cards = any("@" in m.core for m in table.mentions)  # a page of event cards (group._apart_by_cards)
    for span in ctx.dates:
        if span.start is None or span.begin < ctx.cover_end:  # on the cover
            continue
        if span.precision == "year":
            continue  # a bare year belongs to a meeting only as part of its name (see group._year_before)
        if _cited(ctx, span):
            continue  # "resolution 79/239 of 24 December 2024": a text's date, no meeting's
        card = _card_meeting(ctx, table, span) if cards else None
        if card is not None:
            set_dates(ctx, card, span)
            continue
        sentence = _opens(ctx, span)  # (asked once: both branches below read it)
        if _dates_an_act(ctx, sentence):
            d = _subject(ctx, table, span) or _signed_meeting(ctx, table, span)
        else:
            d = _held_object(ctx, table, span, sentence) or target(ctx, table, span.begin, span.stop) \
                or _signed_meeting(ctx, table, span)
        if d is not None:
            set_dates(ctx, d, span)
    return table


def _dates_an_act(ctx: Context, sentence: tuple[int, int] | None) -> bool:
    """A date that opens a sentence (`_opens`) that holds no meeting ("On 28 January 2025, the Unit circulated a
    note on the first session"; 2010年6月4日,秘书处分发了第四届会议的议程) dates the act the sentence tells."""
    return sentence is not None and not has_verb(ctx, *sentence)


OPENING_REACH = 12  # characters before an opening date: a label and a preposition ("(iii) On ", "1. 在")


def _cited(ctx: Context, span: DateSpan) -> bool:
    """The date of a text cited by its number: "resolution 79/239 of 24 December 2024",
    1996年9月10日第50/245号决议."""
    g, text = ctx.grammar, ctx.text
    return bool(g.cited_before.search(text, max(0, span.begin - 40), span.begin) or g.cited_after.match(text, span.stop))


def _opens(ctx: Context, span: DateSpan) -> tuple[int, int] | None:
    """The sentence a date opens ("On 3 May 2010, …", 2010年5月3日, …), if it opens one."""
    sb, se = ctx.st.sentence_at(span.begin)
    if span.begin - sb > OPENING_REACH:
        return None
    lead = [c for c in ctx.text[sb:span.begin] if c.isalpha()]  # a paragraph's label and "On", 在 before it
    return (sb, se) if len(lead) <= 4 else None


def _held_object(ctx: Context, table: Table, span: DateSpan, sentence: tuple[int, int] | None) -> Draft | None:
    """"On 26 September 2013, the General Assembly held its first High-Level Meeting": an opening date of a
    sentence that holds a meeting dates the meeting the holding verb holds (its object), not the body holding it."""
    if sentence is None:  # (the sentence the date opens, if it opens one: `_opens`)
        return None
    verb = ctx.grammar.holding_verb.search(ctx.text, span.stop, sentence[1])
    if verb is None:
        return None
    after = mentions_in(ctx, table, verb.end(), sentence[1], verb.end())
    return table.draft_of(after[0]) if after and not after[0].anaphor else None


def _subject(ctx: Context, table: Table, span: DateSpan) -> Draft | None:
    """The meeting named right after an opening date, as the subject of the act it dates ("On 3 May 2010,
    the Meeting adopted its report"); a meeting further on is in the act's object and not dated by it."""
    for m in mentions_in(ctx, table, span.stop, span.stop + 16):
        if ctx.grammar.subject_gap.fullmatch(ctx.text, span.stop, m.begin):
            return table.draft_of(m)
    return None


def another_part(ctx: Context, d: Draft, span: DateSpan) -> bool:
    """A second (third…) day range right after the meeting's last one, joined by only "and"/"from"/和 and
    punctuation ("6-10 March, and 15-19 May 2023"): the meeting meets in parts. Recorded, True."""
    cur = d.date_span
    if cur is None or cur.precision != "day" or span.precision != "day" or not span.start or not cur.start:
        return False
    last = d.parts[-1] if d.parts else cur
    if span.begin <= last.stop or span.start <= last.end or last.start == last.end or span.start == span.end:
        return False  # parts are ranges, in order, apart
    if not ctx.grammar.part_join.fullmatch(ctx.text, last.stop, span.begin):
        return False
    d.parts = (d.parts or [cur]) + [span]
    return True


def set_dates(ctx: Context, d: Draft, span: DateSpan) -> None:
    """The most precise date wins; a day outside a window already known, or a second different day, is
    recorded as a conflict, unless it is another part of the meeting (`another_part`)."""
    if another_part(ctx, d, span):
        return
    cur = d.date_span
    if d.weak_date and span.precision != "year":
        d.date_span, d.weak_date = span, False
        return
    if cur is not None and cur.precision == "window" and span.precision == "day" and \
            not (cur.start <= span.start and span.end <= cur.end):
        d.conflicts.append(f"{span.start}..{span.end}")  # a day outside the window is someone else's
    elif cur is None or PRECISION_RANK[span.precision] > PRECISION_RANK[cur.precision]:
        d.date_span = span
    elif cur.precision == span.precision == "day" and (cur.start, cur.end) != (span.start, span.end):
        if not (cur.start <= span.start and span.end <= cur.end):
            d.conflicts.append(f"{span.start}..{span.end}")


INK = re.compile(r"\S")  # what str.strip() keeps: \s is str.isspace, as strip's whitespace is
LINE_INK = re.compile("[^ \t.。]")  # what .strip(" \t.。") keeps


CARD_REACH = 3  # paragraphs of a web page's event card after its date: title, blurb, time and room


def _card_meeting(ctx: Context, table: Table, span: DateSpan) -> Draft | None:
    """A web page's event card: a line that only dates it, then the title and blurb naming the event ("05
    March2025" / "Bias in AWS …Side-event organized by SIPRI" / "This side event aims …"): the date is the event's,
    the first name in the card that grouping kept apart by card (group._apart_by_cards)."""
    norm, text = ctx.norm, ctx.text
    para = norm.paragraph_of(span.begin)
    paragraphs = norm.paragraphs
    pb, pe = paragraphs[para]
    if INK.search(text, pb, span.begin) or LINE_INK.search(text, span.stop, pe):
        return None
    end = paragraphs[min(para + CARD_REACH, len(paragraphs) - 1)][1]
    later = [d.begin for d in ctx.dates if pe <= d.begin < end and d.precision == "day"]
    for m in mentions_in(ctx, table, pe, min([end, *later])):  # up to the next card's date
        if m.anaphor:
            continue
        return table.draft_of(m) if "@" in m.core else None
    return None


def _signed_meeting(ctx: Context, table: Table, span: DateSpan) -> Draft | None:
    """A resolution's signature: a line that only names a meeting ("52nd plenary meeting", 第52次全体会议)
    beside a line that only dates it (after it in English, before it in Chinese): the date is that meeting's."""
    norm, text = ctx.norm, ctx.text
    para = norm.paragraph_of(span.begin)
    paragraphs = norm.paragraphs
    pb, pe = paragraphs[para]
    # (searched in place: a slice of a long one-line paragraph would copy it for every date in it)
    if INK.search(text, pb, span.begin) or LINE_INK.search(text, span.stop, pe):
        return None  # the date line holds more than the date
    for q in (para - 1, para + 1):
        if 0 <= q < len(paragraphs):
            qb, qe = paragraphs[q]
            ms = mentions_in(ctx, table, qb, qe)
            if len(ms) == 1 and not INK.search(text, qb, ms[0].begin) and not LINE_INK.search(text, ms[0].end, qe):
                return table.draft_of(ms[0])
    return None
