"""Which meetings a decision schedules: those named inside its text when the text speaks of holding a
meeting (决定于…举行该次会议; "decides that the Third Meeting shall be held in Geneva"; "decided to convene"),
except the meeting that acts ("The Meeting decides to hold …"; 会议决定举行…): it decides, it is not held.
Recorded at extraction (`Decision.schedules`), so the store needs no words of any language."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from tracker.domain import Decision
from tracker.extract.meetings.grammar import alt
from tracker.extract.meetings.model import Context, Table
from tracker.lang import Lexicon


@lru_cache(maxsize=8)
def _holding(lex: Lexicon) -> re.Pattern:
    """The pack's holding words (hold, convene, 举行); in a spaced script each must start a word
    ("stakeholders" holds nothing)."""
    words = (" ".join(map(re.escape, w.split())) for w in lex.holding_words)  # alt reads a space as any spaces
    return re.compile(alt(words, lex.spaced, word_start=True))


def link_schedules(ctx: Context, table: Table, decisions: list[Decision]) -> None:
    """Sets each decision's `schedules`: the meetings with a name (or anaphor) inside the decision's span
    (offsets in the original text, like the decision's), when its text holds a holding word. Spans are
    bisected: no scan of all mentions per decision."""
    rx = _holding(ctx.lex)
    holding = [d for d in decisions if d.span is not None and rx.search(d.text)]
    if not holding:
        return
    norm, actor = ctx.norm, ctx.grammar.actor
    spans = sorted((*norm.original_span(m.begin, m.end), table.draft_of(m).meeting.id)
                   for m in table.mentions if id(m) in table.owner and not table.draft_of(m).dropped
                   and not actor.match(ctx.text, m.end))
    starts = [b for b, _, _ in spans]
    for d in holding:
        lo = bisect.bisect_left(starts, d.span.start)
        hi = bisect.bisect_right(starts, d.span.end)
        ids = {ident for b, e, ident in spans[lo:hi] if e <= d.span.end}
        d.schedules = sorted(ids, key=lambda i: (len(i), i))
