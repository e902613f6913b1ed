"""The data the meeting stages pass along: what they read (`Context`, built once and never changed)
and what they build (`Table`: the drafts and which draft each grouped mention belongs to)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from tracker.domain import ClockTime, DateSpan, Meeting
from tracker.extract.meetings.grammar import CLAUSE_MARK, Grammar, grammar
from tracker.extract.mentions import Mention
from tracker.extract.structure import Structure
from tracker.extract.venues import Place
from tracker.lang import Lexicon

PRECISION_RANK = {"day": 5, "window": 4, "part_of_month": 3, "month": 2, "year": 1, "unknown": 0}


@dataclass(frozen=True)
class Context:
    """One document as the meeting stages read it: its text, structure, the dates, times and places found
    in it (each in text order, with their start offsets for bisection), and the document's kind, treaty and
    header. `memo` holds answers about the text alone (whether a sentence has a holding verb, whether a
    time cue follows a name), computed once when first asked."""

    st: Structure
    lex: Lexicon
    grammar: Grammar
    text: str
    dates: tuple[DateSpan, ...]
    times: tuple[ClockTime, ...]
    places: tuple[Place, ...]
    doc_kind: str
    doc_instrument: str | None
    head: int  # the paragraphs before this one are the cover
    cover_end: int  # an offset is on the cover when it is before this (paragraph_of(offset) < head)
    head_begin: int  # where the paragraph `head` begins (the end of the text when there is none)
    mention_starts: tuple[int, ...]
    date_starts: tuple[int, ...]
    place_starts: tuple[int, ...]
    clause_marks: tuple[int, ...]  # where clauses end, in a script whose clauses bind tighter than sentences
    memo: dict = field(default_factory=dict, compare=False)

    @property
    def norm(self):
        return self.st.norm


def read(st: Structure, mentions: list[Mention], dates: list[DateSpan], times: list[ClockTime],
         places: list[Place], doc_kind: str, doc_instrument: str | None, head: int) -> Context:
    norm = st.norm
    text, paras = norm.text, norm.paragraphs
    g = grammar(norm.lex)
    bound = _cover_bound(st, head)
    return Context(
        st=st, lex=norm.lex, grammar=g, text=text, dates=tuple(dates), times=tuple(times), places=tuple(places),
        doc_kind=doc_kind, doc_instrument=doc_instrument, head=head,
        cover_end=min(bound, 0 if head <= 0 else paras[head][0] if head < len(paras) else len(text) + 1),
        head_begin=min(bound, paras[head][0] if head < len(paras) else len(text)),
        mention_starts=tuple(m.begin for m in mentions),  # mentions come in text order
        date_starts=tuple(d.begin for d in dates), place_starts=tuple(p.begin for p in places),
        clause_marks=tuple(m.start() for m in CLAUSE_MARK.finditer(text)) if g.clause_marks else ())


def _cover_bound(st: Structure, head: int) -> int:
    """Where the cover ends at the latest: a text that arrives as one long first paragraph (a record or a
    statement on one line, longer than the pack's `long_paragraph`) has at most its first sentence as cover."""
    norm = st.norm
    if head > 0 and norm.paragraphs:
        b, e = norm.paragraphs[0]
        if e - b > norm.lex.long_paragraph:
            return st.sentence_at(b)[1]
    return len(norm.text) + 1


@dataclass(eq=False)
class Draft:
    """A meeting being assembled from its mentions. Its Meeting has no id until `finish` gives the ids, once,
    in order; until then a draft points at its parent draft."""

    meeting: Meeting
    mentions: list[Mention] = field(default_factory=list)
    date_span: DateSpan | None = None
    cues: set[str] = field(default_factory=set)
    cue_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # status -> where its first cue stands
    header: bool = False
    weak_date: bool = False  # the date came from a cover line that may be the date of issue
    key_year: int | None = None  # the year that keeps it apart from same-kind meetings (named or from its clause)
    conflicts: list[str] = field(default_factory=list)
    parts: list[DateSpan] = field(default_factory=list)  # day ranges joined in one date phrase: its parts
    parent: Draft | None = None  # the meeting it is part of (a plenary's session, a part's window)
    own: bool = False  # the record's own meeting, named only by its opening formula
    dropped: bool = False  # not a meeting after all (finish.bare): facts that reach it are nobody's
    # field -> (begin, end) in the text of what states the value kept (a cue, a place, a name); `finish`
    # turns them into the meeting's sources (dates come from `date_span`, the name from the first mention)
    sources: dict[str, tuple[int, int]] = field(default_factory=dict)

    def cue(self, status: str, begin: int, end: int) -> None:
        """A status cue for this meeting at text[begin:end]."""
        self.cues.add(status)
        self.cue_spans.setdefault(status, (begin, end))

    def note(self, name: str, begin: int, end: int) -> None:
        """Remember where the value just kept for field `name` is stated."""
        self.sources[name] = (begin, end)


@dataclass
class Table:
    """The drafts: the meetings being assembled, in order, and the draft each grouped mention belongs to.
    `mentions` are the document's mentions as grouping read them (a bare 第三次会议 outside a record is a
    meeting of the parties; a name dated by its clause keeps that year apart). `sections` remembers the
    meeting each paragraph's section heading names, as first answered."""

    mentions: list[Mention]
    drafts: list[Draft] = field(default_factory=list)
    owner: dict[int, Draft] = field(default_factory=dict)  # id(mention) -> its draft
    sections: dict[int, Draft | None] = field(default_factory=dict)  # paragraph -> the meeting its heading names
    plain_sections: list[int] = field(default_factory=list)  # paragraphs in sections neither headings nor numbered

    def draft_of(self, m: Mention) -> Draft:
        return self.owner[id(m)]

    def mentions_between(self, ctx: Context, b: int, e: int) -> list[Mention]:
        """The mentions starting in text[b:e], grouped or not."""
        starts = ctx.mention_starts
        return self.mentions[bisect.bisect_left(starts, b):bisect.bisect_left(starts, e)]

    @property
    def session(self) -> Draft | None:
        """The meeting the document's cover names (not a plenary inside it)."""
        return next((d for d in self.drafts if d.header and d.meeting.kind != "plenary"), None)
