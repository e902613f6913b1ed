"""Which meeting a fact is about: the nearest grouped name in its clause or sentence, else the meeting its
section heading names (`target`). Every lookup bisects the sorted offsets in the Context: no scan of
the text or of all mentions per fact."""

from __future__ import annotations

import bisect

from tracker.extract.meetings.grammar import WORD_CHAR
from tracker.extract.meetings.model import Context, Draft, Table
from tracker.extract.mentions import Mention


def mentions_in(ctx: Context, table: Table, b: int, e: int, fact: int | None = None) -> list[Mention]:
    """Grouped mentions in text[b:e] that can own a fact at `fact`: not those only marking time
    ("在常设委员会的会议之后", "after the Standing Committee")."""
    owner = table.owner
    ms = table.mentions_between(ctx, b, e)
    if fact is None:
        return [m for m in ms if id(m) in owner]
    return [m for m in ms if id(m) in owner and not marks_time(ctx, m, b, fact)]


def marks_time(ctx: Context, m: Mention, b: int, fact: int) -> bool:
    """在X召开之前, after the X: X only dates something else. Remembered, as the same mention is weighed
    for every fact around it; each cue is looked for within the reach its words allow."""
    g, text, memo = ctx.grammar, ctx.text, ctx.memo
    reach = min(max(fact, m.end + 24) - m.end, g.time_after_reach)
    key = ("after", m.end, reach)
    after = memo.get(key)
    if after is None:
        after = memo[key] = bool(g.time_after.match(text, m.end, m.end + reach))
    if after:
        return True
    lo = max(b, m.begin - g.time_before_reach)
    if lo >= m.begin or not text[m.begin - 1].isspace():  # a time cue before a name ends in a space
        return False
    key = ("before", lo, m.begin)
    before = memo.get(key)
    if before is None:
        before = memo[key] = bool(g.time_before.search(text[lo:m.begin]))
    return before


def has_verb(ctx: Context, sb: int, se: int) -> bool:
    """Whether the sentence text[sb:se] speaks of holding a meeting (remembered). A Latin verb must start a
    word (checked here, as a leading \\b keeps the regex engine from skipping ahead)."""
    key = ("verb", sb, se)
    found = ctx.memo.get(key)
    if found is None:
        sentence = ctx.text[sb:se]
        rx = ctx.grammar.holding_verb
        m = rx.search(sentence)
        while m and m.start() and sentence[m.start()].isascii() and WORD_CHAR.match(sentence, m.start() - 1):
            m = rx.search(sentence, m.start() + 1)
        found = ctx.memo[key] = m is not None
    return found


def clause(ctx: Context, sb: int, se: int, begin: int, end: int) -> tuple[int, int]:
    """The han-script clause (between commas or semicolons) around text[begin:end], inside its sentence."""
    marks = ctx.clause_marks
    i = bisect.bisect_left(marks, begin)
    j = bisect.bisect_left(marks, end)
    cb = max(sb, marks[i - 1] + 1) if i else sb
    ce = min(se, marks[j]) if j < len(marks) else se
    return cb, ce


def target(ctx: Context, table: Table, begin: int, end: int, verb_needed: bool = True) -> Draft | None:
    """The meeting a fact at text[begin:end] is about: the nearest mention in its clause or sentence,
    else the meeting of its section heading when the sentence speaks of holding a meeting."""
    sb, se = ctx.st.sentence_at(begin)
    starts = ctx.mention_starts
    if bisect.bisect_left(starts, sb) == bisect.bisect_left(starts, se):
        best = None  # the sentence names no meeting
    elif ctx.grammar.clause_marks:  # a Chinese clause (between commas) binds tighter than its sentence
        cb, ce = clause(ctx, sb, se, begin, end)
        best = _nearest(ctx, table, cb, ce, begin, end)
        if best is None and has_verb(ctx, sb, se):
            best = _nearest(ctx, table, sb, se, begin, end)
    else:  # an English clause: "…, and the President convened …"
        cb = sb
        rx = ctx.grammar.en_clause
        for m in rx.finditer(ctx.text, sb, begin):
            cb = m.end()
        nxt = rx.search(ctx.text, end, se)
        ce = nxt.start() if nxt else se
        best = _nearest(ctx, table, cb, ce, begin, end)
        if best is None and (cb, ce) != (sb, se):  # (the same stretch again would find nothing again)
            best = _nearest(ctx, table, sb, se, begin, end)
    if best is not None:
        return table.draft_of(best)
    if not verb_needed or has_verb(ctx, sb, se):
        return section_meeting(ctx, table, ctx.norm.paragraph_of(begin))
    return None


def _nearest(ctx: Context, table: Table, b: int, e: int, begin: int, end: int) -> Mention | None:
    """The grouped mention in text[b:e] nearest to a fact at text[begin:end] that can own it (see mentions_in):
    a name before an anaphor; a name that only qualifies a noun (X的案文) after the others. Whether a mention
    only marks time is asked of the nearest ones first, until one does not."""
    owner, text, modifier = table.owner, ctx.text, ctx.grammar.modifier

    def key(m: Mention) -> tuple:
        gap = begin - m.end if m.end <= begin else (m.begin - end if m.begin >= end else 0)
        return bool(modifier.match(text, m.end)), gap, m.anaphor

    near = [m for m in table.mentions_between(ctx, b, e) if id(m) in owner]
    if len(near) > 1:  # (one or none needs no order)
        near.sort(key=key)  # stable: text order
    for m in near:
        if not marks_time(ctx, m, b, begin):
            return m
    return None


def section_meeting(ctx: Context, table: Table, para: int) -> Draft | None:
    """The meeting a heading above this paragraph names, if the heading is nothing but that name
    (the first answer for a paragraph is kept in the table)."""
    if para not in table.sections:
        table.sections[para] = _find_section_meeting(ctx, table, para)
        if para not in ctx.st.headings and para not in ctx.st.numbers:
            bisect.insort(table.plain_sections, para)
    return table.sections[para]


def _section_stops(ctx: Context, table: Table) -> list[int]:
    """The headings a walk up the document stops at: those that name a meeting, and those on the cover."""
    stops = ctx.memo.get("stops")
    if stops is None:
        stops = ctx.memo["stops"] = []
        for i in sorted(ctx.st.headings):
            b, e = ctx.norm.paragraphs[i]
            if i < ctx.head or any(not x.anaphor for x in table.mentions_between(ctx, b, e)):
                stops.append(i)
    return stops


def _find_section_meeting(ctx: Context, table: Table, para: int) -> Draft | None:
    """Walks up from `para` to the nearest heading that names a meeting, or to a plain paragraph
    already answered (it has the same heading); bisection skips the paragraphs in between."""
    plain = table.plain_sections
    k = bisect.bisect_left(plain, para)
    answered = plain[k - 1] if k else -1
    headings = _section_stops(ctx, table)
    for j in range(bisect.bisect_left(headings, para) - 1, -1, -1):
        i = headings[j]
        if answered > i:
            break
        b, e = ctx.norm.paragraphs[i]
        ms = [x for x in mentions_in(ctx, table, b, e) if not x.anaphor]
        if ms and (e - b) - (ms[0].end - ms[0].begin) <= 4:
            return table.draft_of(ms[0])
        if ms or i < ctx.head:
            return None
    return table.sections[answered] if answered >= 0 else None
