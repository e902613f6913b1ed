"""Stage 1, group: mentions -> drafts. Names of the same meeting (same kind, treaty, ordinal or year) become
one draft; an anaphor joins the meeting named last in its paragraph, else its section's; a bare name of a
numbered kind waits until the numbered ones are known."""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Sequence

from tracker.domain import DateSpan, Meeting
from tracker.extract.meetings.grammar import PAUSE
from tracker.extract.meetings.locate import clause, section_meeting
from tracker.extract.meetings.model import Context, Draft, Table
from tracker.extract.mentions import Mention

# kinds that documents number; a bare mention waits until the numbered ones are known
NUMBERED_KINDS = {"meeting_of_states_parties", "review_conference"}


class _Cover:
    """What `_clause_year` asks of the cover, each answer in logarithmic time rather than a scan of the cover
    per mention: the first cover mention of a kind that has a year (grouping gives mentions their kind and
    year one at a time, in text order, and `changed` is told of each), and the first dated day or range
    after an offset."""

    def __init__(self, mentions: list[Mention], dates: Sequence[DateSpan]) -> None:
        self.mentions = mentions
        self._named: dict[str | None, list[int]] = {}  # kind -> heap of indexes of mentions that may qualify
        for i, x in enumerate(mentions):
            if x.year:
                self._named.setdefault(x.kind, []).append(i)  # ascending: already a heap
        self._index = {id(x): i for i, x in enumerate(mentions)}
        self._starts = [d.begin for d in dates]
        # for each i, the first index >= i of a dated non-year span, and of such a span that is a range
        n = len(dates)
        self._next_day, self._next_range = [n] * (n + 1), [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            d = dates[i]
            dated = bool(d.start) and d.precision != "year"
            self._next_day[i] = i if dated else self._next_day[i + 1]
            self._next_range[i] = i if dated and d.start != d.end else self._next_range[i + 1]
        self._dates = dates

    def changed(self, m: Mention) -> None:
        """m has been given its kind and year (a kind only ever changes once, a year only from none to one)."""
        i = self._index.get(id(m))
        if i is not None and m.year:
            heapq.heappush(self._named.setdefault(m.kind, []), i)

    def named(self, kind: str | None) -> Mention | None:
        """The first cover mention that now has this kind and a year."""
        heap = self._named.get(kind)
        while heap:
            x = self.mentions[heap[0]]
            if x.kind == kind and x.year:
                return x
            heapq.heappop(heap)  # it changed kind: it never qualifies again
        return None

    def date_after(self, at: int) -> DateSpan | None:
        """The first range on the cover from `at` on, else the first day (a single day may be the date of issue)."""
        lo = bisect.bisect_left(self._starts, at)
        if lo >= len(self._dates):
            return None
        j = self._next_range[lo] if self._next_range[lo] < len(self._dates) else self._next_day[lo]
        return self._dates[j] if j < len(self._dates) else None


class _Index:
    """The drafts grouping has made, indexed so that finding those a mention may join costs no scan of them
    all (a document may name thousands of meetings). A draft's kind, treaty and first mention never change
    during grouping; its ordinal and its year (key year, else year) change from none to one: `changed` is
    told, and stale entries are dropped when met."""

    def __init__(self, instrument_of: Callable[[Mention], str | None]) -> None:
        self.instrument_of = instrument_of  # the treaty a mention's draft is filed under
        self._seq: dict[int, int] = {}  # id(draft) -> order of creation
        self._base: dict[tuple, list[Draft]] = {}  # (kind, treaty, core of "other") -> drafts
        self._ordinal: dict[tuple, list[Draft]] = {}  # base + (ordinal,) -> drafts with that ordinal
        self._year: dict[tuple, list[Draft]] = {}  # base + (year or None,) -> drafts without ordinal (some stale)
        self._state: dict[int, tuple] = {}  # id(draft) -> (ordinal, year) it is filed under

    @staticmethod
    def _year_of(d: Draft) -> int | None:
        return d.key_year or d.meeting.year

    def _base_of(self, kind: str | None, instrument: str | None, core: str) -> tuple:
        return kind, instrument, core if kind == "other" else None

    def add(self, d: Draft) -> None:
        """A new draft, with its first mention."""
        self._seq[id(d)] = len(self._seq)
        mt = d.meeting
        self._base.setdefault(self._base_of(mt.kind, mt.instrument, d.mentions[0].core), []).append(d)
        self.changed(d)

    def add_unfiled(self, d: Draft) -> None:
        """A draft no name will join (the record's own meeting, named only by an anaphor)."""
        self._seq[id(d)] = len(self._seq)

    def changed(self, d: Draft) -> None:
        mt = d.meeting
        state = (mt.ordinal, self._year_of(d))
        if self._state.get(id(d)) == state:
            return
        old = self._state.get(id(d))
        self._state[id(d)] = state
        base = self._base_of(mt.kind, mt.instrument, d.mentions[0].core)
        if mt.ordinal is not None:
            if old is None or old[0] != mt.ordinal:
                bisect.insort(self._ordinal.setdefault(base + (mt.ordinal,), []), d, key=lambda x: self._seq[id(x)])
        else:
            bisect.insort(self._year.setdefault(base + (state[1],), []), d, key=lambda x: self._seq[id(x)])

    def _filed(self, key: tuple, year: int | None) -> list[Draft]:
        """The drafts without ordinal filed under `year`, stale ones dropped."""
        drafts = self._year.get(key + (year,))
        if not drafts:
            return []
        live = [d for d in drafts if d.meeting.ordinal is None and self._year_of(d) == year]
        if len(live) != len(drafts):
            self._year[key + (year,)] = live
        return live

    def candidates(self, m: Mention) -> Sequence[Draft]:
        """The drafts `m` may join, in order of creation: same kind and treaty (and core, for "other"), the
        same ordinal, else the same year or none. Not a copy: read it before adding a draft."""
        base = self._base_of(m.kind, self.instrument_of(m), m.core)
        if m.ordinal is not None:
            return self._ordinal.get(base + (m.ordinal,), ())
        if m.year is None:
            return self._base.get(base, ())
        either = self._filed(base, None) + self._filed(base, m.year)
        return sorted(either, key=lambda x: self._seq[id(x)])


def group(ctx: Context, mentions: Sequence[Mention]) -> Table:
    """The drafts the mentions make, in order of first mention (the mentions themselves are not changed:
    the table holds copies with the kind and year grouping read them with)."""
    table = Table(mentions=[Mention(**vars(m)) for m in mentions])  # copies: quicker than copy.copy
    cover = _Cover(table.mentions[:bisect.bisect_left(ctx.mention_starts, ctx.head_begin)],
                   ctx.dates[:bisect.bisect_left(ctx.date_starts, ctx.head_begin)])
    _place_sessions(ctx, table.mentions)
    index = _Index(lambda m: _instrument_of(ctx, m))
    _apart_by_cards(ctx, table.mentions)
    last: Draft | None = None
    last_named: Mention | None = None  # the last name grouped so far, for anaphors
    pending_generic: list[Mention] = []
    for m in table.mentions:
        if m.anaphor:
            target = _anaphor_target(ctx, table, m, last, last_named)
            if target is None and ctx.grammar.record_opening.match(ctx.text, m.end):
                # "The meeting was called to order at 10.15 a.m.": the record's own meeting, named by nothing else
                target = Draft(Meeting(id="", name=ctx.norm.display(m.begin, m.end),
                                       kind="plenary", instrument=ctx.doc_instrument), cues={"held"}, own=True)
                table.drafts.append(target)
                index.add_unfiled(target)
            if target:
                table.owner[id(m)] = target
                target.mentions.append(m)
            continue
        if m.kind == "plenary" and m.core == "会议" and ctx.doc_kind not in ("summary_record", "report"):
            m.kind = "meeting_of_states_parties"  # outside a record, 第三次会议 is the third meeting of the parties
        year = m.year or _year_before(ctx, table, m)
        m.year = year
        if year is None and m.ordinal is None:
            # the cover's own meeting, or one whose clause dates it (2013年8月5日至9日…举行的专家会议):
            # its year keeps it apart from same-kind meetings of other years
            m.year = _clause_year(ctx, cover, m)  # for grouping only: the name itself states no year
        cover.changed(m)
        candidates = index.candidates(m)
        if m.ordinal is None and m.year is None and len(candidates) != 1:
            if candidates or m.kind in NUMBERED_KINDS:
                if not candidates:
                    pending_generic.append(m)
                continue
        if candidates:
            draft = candidates[0]
        else:
            draft = Draft(Meeting(id="", name=ctx.norm.display(m.begin, m.end),
                                  kind=m.kind, instrument=_instrument_of(ctx, m), ordinal=m.ordinal, year=year))
            table.drafts.append(draft)
        if draft.meeting.year is None:
            draft.meeting.year = year
        draft.key_year = draft.key_year or m.year
        if draft.meeting.ordinal is None:
            draft.meeting.ordinal = m.ordinal
        draft.mentions.append(m)
        if candidates:
            index.changed(draft)
        else:
            index.add(draft)
        table.owner[id(m)] = draft
        last = draft
        last_named = m
    _place_generic(ctx, table, index, pending_generic)
    return table


def _apart_by_cards(ctx: Context, mentions: list[Mention]) -> None:
    """A web page's event cards each open with a date alone on its line ("05 March2025" / title "…Side-event
    organized by …" / "13:00-15:00 Room XXI"): an unnumbered name of kind other ("side event") in one card
    and the same name in another card are two meetings, so each card's names are grouped apart."""
    paragraphs = ctx.norm.paragraphs
    cards: list[int] = []  # text offsets where a card begins
    text = ctx.text
    for d in ctx.dates:
        if d.precision != "day" or not d.start:
            continue
        b, e = paragraphs[ctx.norm.paragraph_of(d.begin)]
        if d.begin - b > 2 or e - d.stop > 2 or text[b:d.begin].strip() or text[d.stop:e].strip():
            continue  # (the length test first: no slice of a long paragraph)
        cards.append(b)
    if len(cards) < 2:
        return
    for m in mentions:
        if m.kind == "other" and m.ordinal is None and not m.anaphor and m.begin > cards[0]:
            m.core = f"{m.core}@{bisect.bisect_right(cards, m.begin)}"


def _place_sessions(ctx: Context, mentions: list[Mention]) -> None:
    """A session named without its body ("Second session", 第五十五届会议) is a session of the body whose
    same-numbered session the text names ("the second 2025 session of the GGE", 大会第五十五届会议); on the
    cover, else of the only body whose sessions the text names ("the 2013 session of the Preparatory
    Committee"); never a plenary meeting. Then grouping makes one meeting of the two names."""
    rx = ctx.grammar.session
    sessions = [m for m in mentions if not m.anaphor and rx.search(m.name)]
    placed: dict[int, set[str]] = {}  # ordinal -> the kinds of the bodies whose session it numbers
    for m in sessions:
        if m.kind not in ("other", "plenary"):
            placed.setdefault(m.ordinal, set()).add(m.kind)
    bodies = set().union(*placed.values()) if placed else set()
    for m in sessions:
        if m.kind not in ("other", "plenary") or m.ordinal is None:
            continue
        same = placed.get(m.ordinal, set())
        if len(same) == 1:
            m.kind = next(iter(same))
        elif not same and m.begin < ctx.cover_end and len(bodies) == 1:
            m.kind = next(iter(bodies))
        else:
            m.kind = "other"


def _place_generic(ctx: Context, table: Table, index: _Index, pending: list[Mention]) -> None:
    """A bare "the Meeting of States Parties": one meeting if none other is named; of several, the one the
    cover names; else a meeting of its own."""
    on_cover_of: dict[int, list[Draft]] = {}  # id(first candidate) -> the candidates named on the cover
    for m in pending:
        candidates = index.candidates(m)
        if len(candidates) > 1:  # the same drafts for every pending mention of the kind: weighed once
            on_cover = on_cover_of.get(id(candidates[0]))
            if on_cover is None:
                on_cover = on_cover_of[id(candidates[0])] = [
                    d for d in candidates if ctx.norm.paragraph_of(min(x.begin for x in d.mentions[:8])) < ctx.head]
            if len(on_cover) == 1:
                candidates = on_cover  # several are named; the bare name means the document's own
        if len(candidates) == 1:
            candidates[0].mentions.append(m)
            table.owner[id(m)] = candidates[0]
        elif not candidates:
            draft = Draft(Meeting(id="", name=ctx.norm.display(m.begin, m.end),
                                  kind=m.kind or "other", instrument=_instrument_of(ctx, m)))
            draft.mentions.append(m)
            table.owner[id(m)] = draft
            table.drafts.append(draft)
            index.add(draft)


def _instrument_of(ctx: Context, m: Mention) -> str | None:
    """The treaty named beside the mention, else the document's; the General Assembly has none."""
    if m.instrument:
        return m.instrument
    return None if m.kind == "other" and ctx.grammar.treaty_free.search(m.name) else ctx.doc_instrument


def _clause_year(ctx: Context, cover: _Cover, m: Mention) -> int | None:
    if m.begin < ctx.cover_end:  # on the cover: the cover's meeting
        named = cover.named(m.kind)
        if named is not None:  # "Meeting of the High Contracting Parties … 2012 Meeting": the same meeting
            return named.year
        head_date = cover.date_after(m.end)
        return head_date.start.year if head_date else None
    sb, se = ctx.st.sentence_at(m.begin)
    if ctx.grammar.clause_marks:
        sb, se = clause(ctx, sb, se, m.begin, m.end)
    lo = bisect.bisect_left(ctx.date_starts, max(sb, m.begin - 80))
    hi = bisect.bisect_right(ctx.date_starts, min(se, m.begin + 80))
    near = [d for d in ctx.dates[lo:hi] if d.start and d.precision != "year" and sb <= d.begin < se]
    return min(near, key=lambda d: abs(d.begin - m.begin)).start.year if near else None


def _anaphor_target(ctx: Context, table: Table, m: Mention, last: Draft | None,
                    last_named: Mention | None) -> Draft | None:
    """该次会议 / the meeting: the meeting named last before it, preferring the same paragraph."""
    para = ctx.norm.paragraph_of(m.begin)
    if last_named is not None and last_named.end <= m.begin and ctx.norm.paragraph_of(last_named.begin) == para:
        return table.draft_of(last_named)
    section = section_meeting(ctx, table, para)
    return section or last


def _year_before(ctx: Context, table: Table, m: Mention) -> int | None:
    """定于2015年举行的缔约国会议, 2014年闭会期间会议, the 2015 Meeting: a bare year just before the
    name; or just after it with a verb of holding (将于2016年举行, to be convened in 2016)."""
    reach = ctx.grammar.year_reach
    text = ctx.text
    lo = bisect.bisect_left(ctx.date_starts, m.begin - reach - 40)
    hi = bisect.bisect_right(ctx.date_starts, m.end + 40)
    for d in ctx.dates[lo:hi]:
        if d.precision != "year" or not d.start:
            continue
        if d.stop <= m.begin and m.begin - d.stop <= reach + 16:
            # other names in between are coordinated with this one (…举行的缔约国会议和专家小组届会)
            between = text[d.stop:m.begin]
            for x in table.mentions_between(ctx, d.stop, m.begin):
                if x.end <= m.begin:
                    between = between.replace(x.name, "")
            if len(between) <= reach and not PAUSE.search(between):
                return d.start.year
        if d.begin >= m.end and d.begin - m.end <= 40 and ctx.grammar.year_after.fullmatch(text, m.end, d.begin):
            return d.start.year
    return None
