"""Stage, attach_chairs: who chairs which meeting. "Ambassador X of Poland as Chairperson of the 2012
Meeting"; "chaired by Mr. Y"; 由X大使主持; 任命X担任缔约国第三次会议主席; a signature 缔约国2015年会议主席 / 某某大使."""

from __future__ import annotations

from tracker.extract.meetings.grammar import chairs
from tracker.extract.meetings.locate import mentions_in
from tracker.extract.meetings.model import Context, Draft, Table
from tracker.extract.meetings.scan import finditer_from
from tracker.extract.people import zh_people


def attach_chairs(ctx: Context, table: Table) -> Table:
    rx, text = chairs(ctx.lex), ctx.text
    passes = ((finditer_from(rx.of, text, rx.of_heads), True), (finditer_from(rx.by, text, rx.by_heads), False))
    for matches, after in passes:
        for m in matches:
            sb, se = ctx.st.sentence_at(m.start())
            if after:  # X as Chair of the <meeting>
                ms = mentions_in(ctx, table, m.end(), min(se, m.end() + 8))
            else:  # the <meeting>, chaired by X
                ms = mentions_in(ctx, table, sb, m.start())[-1:]
            if ms:
                _chair(table.draft_of(ms[0]), m.group("name").strip(), m.start("name"), m.end("name"))
    if rx.signature is not None:  # a script whose names stand before their honorifics
        _han_chairs(ctx, table)
    return table


def _han_chairs(ctx: Context, table: Table) -> None:
    """哥伦比亚的玛丽亚·奥坎波女士担任筹备会议主席; a signature "缔约国2015年会议主席 / 某某大使"."""
    rx, text, norm = chairs(ctx.lex), ctx.text, ctx.norm
    for nb, ne, m in zh_people(text, ctx.lex):
        sig = rx.signature.search(text, max(0, nb - 6), nb)
        if sig:
            ms = [x for x in mentions_in(ctx, table, max(0, sig.start() - 40), sig.start()) if x.end == sig.start()]
            if ms:
                _chair(table.draft_of(ms[0]), norm.display(nb, ne), nb, ne)
        after = rx.takes_chair.match(text, m.end())
        if not after:
            continue
        ms = mentions_in(ctx, table, after.end(), after.end() + 16)
        if ms and rx.office.match(text[ms[0].end:ms[0].end + 3]):
            _chair(table.draft_of(ms[0]), norm.display(nb, ne), nb, ne)


def _chair(d: Draft, name: str, begin: int, end: int) -> None:
    """The first chair stated is kept, with where its name stands."""
    if not d.meeting.chair and name:
        d.meeting.chair = name
        d.note("chair", begin, end)
