"""Stage, attach_places: a place after a locative (在日内瓦, held in Geneva), or chained to one (瑞士日内瓦,
Geneva, Switzerland), is where the meeting of its clause happens. The cover's places are the header's."""

from __future__ import annotations

import bisect

from tracker.extract.meetings.grammar import AFTER_PAREN, PLACE_JOINER
from tracker.extract.meetings.locate import target
from tracker.extract.meetings.model import Context, Draft, Table
from tracker.extract.venues import Place


def attach_places(ctx: Context, table: Table) -> Table:
    locative = ctx.grammar.locative
    for p in ctx.places:
        if p.begin < ctx.cover_end:  # on the cover
            continue
        left = ctx.text[max(0, p.begin - 8):p.begin]
        if AFTER_PAREN.search(left):
            continue  # (巴基斯坦) after a speaker's name
        if not locative.search(left) and not _chained_place(ctx, p):
            continue
        d = target(ctx, table, p.begin, p.end)
        if d is not None:
            set_place(d, p)
    return table


def _chained_place(ctx: Context, p: Place) -> bool:
    """瑞士日内瓦, 泰国曼谷, Geneva, Switzerland: a place right after another located place."""
    i = bisect.bisect_left(ctx.place_starts, p.begin)
    for q in ctx.places[max(0, i - 2):i]:
        if q.end <= p.begin and p.begin - q.end <= 2 and PLACE_JOINER.fullmatch(ctx.text, q.end, p.begin):
            left = ctx.text[max(0, q.begin - 8):q.begin]
            return bool(ctx.grammar.locative.search(left))
    return False


def set_place(d: Draft, p: Place) -> None:
    """The first facility and city stated are kept; the country follows the city."""
    mt = d.meeting
    if p.kind == "facility":
        if mt.facility is None:
            mt.facility = p.name
            d.note("facility", p.begin, p.end)
        if mt.city is None and p.city:
            mt.city = p.city
            d.note("city", p.begin, p.end)
    elif p.kind == "city" and mt.city is None:
        mt.city = p.name
        d.note("city", p.begin, p.end)
    if mt.country is None or p.kind != "country" and mt.country != p.country and mt.city == p.name:
        mt.country = p.country
        if p.country:
            d.note("country", p.begin, p.end)
