"""Meetings: mentions grouped into meetings, with the dates, venue, chair, languages,
duration and status that the sentences around them state."""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tracker.domain import ClockTime, DateSpan, Meeting, SourceSpan
from tracker.extract.lexicon import finditer_in, windows
from tracker.extract.mentions import Mention
from tracker.extract.numerals import cn_to_int
from tracker.extract.people import LATIN_NAME, honorific_pattern, zh_people
from tracker.extract.structure import Structure
from tracker.extract.venues import Place
from tracker.lang import Lexicon

# kinds that documents number; a bare mention waits until the numbered ones are known
NUMBERED_KINDS = {"meeting_of_states_parties", "review_conference"}
PRECISION_RANK = {"day": 5, "window": 4, "part_of_month": 3, "month": 2, "year": 1, "unknown": 0}
def _literal_head(rx: str) -> str:
    """The plain text every match of a regex starts with: "was held\\b" -> "was held", "cancel+ed" -> "cance"."""
    head = re.match(r"[\w ]*", rx).group()
    return head[:-1] if rx[len(head):len(head) + 1] in ("*", "+", "?", "{") else head


DAY_WORD = re.compile(r"days?\b")
SPACED_DAY = re.compile(r"[\s-](?i:day)")  # in every EN_DURATION match (days? after [\s-])
HOST_WORDS = ("主办", "host", "invitation")
# right after a meeting's name: it acted, so it has met
ZH_ACTED = re.compile(r"(?:曾|已|还)?(?:决定|通过了|商定|同意了|核可了|审议了|请|欢迎)")
EN_ACTED = re.compile(r"(?:\s*,[^,]{0,60},)?\s+(?:decided|adopted|agreed|requested|welcomed|took\s+note|endorsed)\b")
CLAUSE_MARK = re.compile("[,，;；]")
# a text adopted at a meeting: the meeting has met ("adopted at its 10th meeting"; 在签署国会议上通过), unless the
# adoption is still to come ("to be adopted at", 将在…会议上通过)
EN_ADOPTED_AT = re.compile(r"(?<!be )(?<!been )\b(?:adopted|approved|agreed|decided)\s+(?:at|during)\s+(?:its\s+|the\s+|a\s+)?$")
ZH_ADOPTED_AT = re.compile(r"上(?:获得|一致)?通过(?!之前|以前|前)")
ZH_NOT_YET = re.compile(r"将|拟|应|预计|计划|预定")
# a meeting named only to place another in time: 在常设委员会会议之后, after the Standing Committee
TEMPORAL_AFTER = re.compile(r"[^,，;。]{0,24}?(?:之后|之前|以后|以前|前夕|结束后)")
TEMPORAL_BEFORE = re.compile(r"(?:\bafter|\bbefore|\bfollowing|\bprior\s+to|\bahead\s+of)\s+(?:the\s+)?$")
# between a name and its year: "将于" (2016年举行); ", to be convened in" (2016)
YEAR_AFTER = re.compile(r"(?:将于|定于|拟于|于|应于)|[\s,]*(?:(?:to\s+be|will\s+be|was|is\s+to\s+be|which\s+will\s+be|scheduled)\s+)?(?:held|convened|scheduled)?\s*(?:for|in)\s+")
# where an English clause ends inside a sentence
EN_CLAUSE = re.compile(r";|,\s+(?:and|while|but|whereas)\s+(?!the\s+(?:\w+\s+){0,3}(?:Meeting|Conference)s?\b\s*[,.])")
# a verb that makes a sentence without a name about "the" meeting of its section
# (an English verb must also start a word: checked in code, as a leading \b keeps the engine from skipping ahead)
MEETING_VERB = re.compile(r"举行|召开|举办|held\b|convene|take\s+place\b|be\s+hosted\b")
WORD_CHAR = re.compile(r"\w")
LANG_CUE = re.compile(r"口译|举行|工作语言|语文|interpretation|conducted|held|working\s+languages|languages")
# 为期三天半, 为期5天; five days, three and a half days, a two-day meeting
ZH_DURATION = re.compile(r"为期\s*(?P<n>\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*(?:个)?(?:整)?(?:天|日)(?P<half>半)?|为期半天")
EN_DURATION = re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an)(?P<half>\s+and\s+a\s+half)?[\s-]+(?:working[\s-]+)?days?\b", re.I)
# 主席: 卡里米先生(约旦); President: Mr. Karimi (Jordan)
_ZH_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}?|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}"
EN_CHAIRED_BY_HEADS = ("chaired", "presided", "convened")


@dataclass(frozen=True)
class _Chairs:
    """Who chairs: a header line (主席: 卡里米先生; President: Mr. Karimi), X as Chair of / 任命X担任,
    chaired by X / 由X主持; honorifics from the pack, and the words every match starts with (None: any)."""

    line: re.Pattern
    of: re.Pattern
    by: re.Pattern
    of_heads: tuple[str, ...] | None
    by_heads: tuple[str, ...] | None


@lru_cache(maxsize=8)
def _chairs(lex: Lexicon) -> _Chairs:
    hon = honorific_pattern(lex, dots=False)
    if lex.name_before_honorific:
        return _Chairs(
            re.compile(rf"(?:主席|会议主席|代理主席)\s*[:：]\s*(?P<name>[\u4e00-\u9fff·]{{1,12}}?|[A-Z][\w'\- ]{{1,40}}?)\s*(?:{hon})"),
            re.compile(rf"(?:任命|推选|选举|由)(?:[^,，。;]{{0,20}}的)?(?P<name>{_ZH_NAME})(?:{hon})(?:[(（][^)）]{{1,20}}[)）])?(?:担任|为|出任)"),
            re.compile(rf"由(?P<name>{_ZH_NAME})(?:{hon})(?:[(（][^)）]{{1,20}}[)）])?主持"), None, None)
    return _Chairs(
        re.compile(rf"(?:President|Chairperson|Chair|Chairman)\s*:\s*(?:{hon})\s+(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){{0,3}})"),
        re.compile(rf"(?:{hon})\s*(?P<name>{LATIN_NAME})(?:\s*\([^)]{{1,40}}\)|\s+of\s+(?:the\s+)?[A-Z][\w ]{{1,40}}?)?,?"
                   r"(?:\s+(?:to\s+serve\s+)?as\s+(?:the\s+)?(?:Chairperson|Chair|President|Chairman)(?:-designate|-elect)?\s+of"
                   r"|\s+who\s+(?:will|would|shall)\s+(?:also\s+)?(?:chair|preside\s+over))\s+(?:the\s+)?"),
        re.compile(rf"(?:chaired|presided\s+over|convened)\s+by\s+(?:the\s+\w+,\s+)?(?:{hon})\s+(?P<name>{LATIN_NAME})"),
        (*lex.courtesy, *lex.honorifics), EN_CHAIRED_BY_HEADS)
ZH_CHAIR_TITLE = re.compile(r"主席[\s,，、:：]*\Z")
ZH_TAKES_CHAIR = re.compile(r"\s*(?:将|拟)?(?:担任|出任|当选为|被选为|任)")
# Lebanon offered to host; 由智利主办
ZH_HOST = re.compile(r"由?(?P<c>[\u4e00-\u9fff]{2,12}?)(?:政府)?(?:已|将|愿|表示|正式)?[^。,;]{0,40}?主办")
EN_HOST = re.compile(r"\bhost(?:ed|ing)?\s+by\s+(?:the\s+Government\s+of\s+)?(?P<a>[A-Z][\w' ]+)|(?P<b>[A-Z][\w' ]+?)\s+(?:has\s+)?(?:offered|proposed)\s+to\s+host|invitation\s+of\s+the\s+Government\s+of\s+(?P<c>[A-Z][\w' ]+)")
# a host match holds none of these, and takes in a host word: ZH_HOST ends with 主办, 57 characters at most
# after its start; EN_HOST starts with host or invitation, or ends with host
ZH_HOST_BREAK = re.compile("[。,;]")
EN_HOST_BREAK = re.compile(r"[^\w'\s]")
CAPITAL = re.compile("[A-Z]")
AFTER_PAREN = re.compile(r"[(（]\s*$")  # (巴基斯坦) after a speaker's name
PLACE_JOINER = re.compile(r"[\s,，的]*")  # between the places of 瑞士日内瓦, Geneva, Switzerland
PAUSE = re.compile(r"[,，。;、]")
# a place preceded by these words is where something happens
ZH_LOCATIVE = re.compile(r"(?:在|于|赴|前往|位于|地点[:：]?)\s*$")
EN_LOCATIVE = re.compile(r"(?:\bin|\bat|\bheld\s+in|,)\s*(?:the\s+)?$")


def _han_durations(text: str):
    return ZH_DURATION.finditer(text)


def _latin_durations(text: str):
    """Around each "day", where a number could stand before it."""
    spans = [(b, e) for b, e in windows(text, DAY_WORD, 40, 6) if SPACED_DAY.search(text, b, e)]
    return finditer_in(EN_DURATION, text, spans)


@dataclass(frozen=True)
class _Script:
    """How meetings are read where scripts differ by procedure, chosen once from the pack's script."""

    clause_marks: bool  # a clause between commas binds tighter than its sentence (han)
    year_reach: int  # characters between a bare year and the name it dates
    locative: re.Pattern  # before a place where something happens: 在, in, at
    acted: re.Pattern  # right after a name: it acted, so it has met
    host: re.Pattern
    host_break: re.Pattern  # a host match holds none of these
    host_words: tuple[str, ...]
    host_reach: int | None  # a host match ends at its word, at most this far from its start; None: it starts there
    session_name: str  # the name of a session a record's header dates without naming
    durations: Callable[[str], Iterable[re.Match]]


SCRIPTS = {
    "han": _Script(True, 8, ZH_LOCATIVE, ZH_ACTED, ZH_HOST, ZH_HOST_BREAK, ("主办",), 57, "会议", _han_durations),
    "latin": _Script(False, 6, EN_LOCATIVE, EN_ACTED, EN_HOST, EN_HOST_BREAK, ("host", "invitation"), None, "session",
                     _latin_durations),
}


@dataclass(frozen=True)
class _Cues:
    """The pack's status cues and language names, compiled: (status, pattern, literal heads or ()) and
    the language-name pattern with its heads."""

    status: tuple[tuple[str, re.Pattern, tuple[str, ...]], ...]
    languages: re.Pattern
    language_heads: tuple[str, ...] | None


@lru_cache(maxsize=8)
def _cues(lex: Lexicon) -> _Cues:
    if lex.spaced:  # each cue opens with its literal words (searched with str.find: see _finditer_from)
        status = tuple((s, re.compile("|".join(alts)), tuple(_literal_head(a) for a in alts))
                       for s, alts in lex.status_cues.items())
        names = re.compile(rf"({'|'.join(map(re.escape, lex.languages))})\b")
        return _Cues(status, names, tuple(lex.languages))
    status = tuple((s, re.compile("|".join(alts)), ()) for s, alts in lex.status_cues.items())
    names = re.compile(rf"({'|'.join(sorted(map(re.escape, lex.languages), key=len, reverse=True))})"
                       rf"(?:{'|'.join(lex.language_suffixes)})")
    return _Cues(status, names, None)


@dataclass
class _Draft:
    """A meeting being assembled from its mentions."""

    meeting: Meeting
    mentions: list[Mention] = field(default_factory=list)
    date_span: DateSpan | None = None
    cues: set[str] = field(default_factory=set)
    header: bool = False
    weak_date: bool = False  # the date came from a cover line that may be the date of issue
    key_year: int | None = None  # the year that keeps it apart from same-kind meetings (named or from its clause)
    conflicts: list[str] = field(default_factory=list)


class _Cover:
    """What `_clause_year` asks of the cover, each answer in logarithmic time rather than a scan of the cover
    per mention: the first cover mention of a kind that has a year (grouping gives mentions their kind and
    year one at a time, in text order, and `changed` is told of each), and the first dated day or range
    after an offset."""

    def __init__(self, mentions: list[Mention], dates: list[DateSpan]) -> None:
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


class _Drafts:
    """The drafts grouping has made, indexed so that finding those a mention may join costs no scan of them
    all (`MeetingBuilder._key_match` says which may join; a document may name thousands of meetings).
    A draft's kind, treaty and first mention never change during grouping; its ordinal and its year
    (key year, else year) change from none to one: `changed` is told, and stale entries are dropped
    when met."""

    def __init__(self, doc_instrument: str | None) -> None:
        self.doc_instrument = doc_instrument
        self._seq: dict[int, int] = {}  # id(draft) -> order of creation
        self._base: dict[tuple, list[_Draft]] = {}  # (kind, treaty, core of "other") -> drafts
        self._ordinal: dict[tuple, list[_Draft]] = {}  # base + (ordinal,) -> drafts with that ordinal
        self._year: dict[tuple, list[_Draft]] = {}  # base + (year or None,) -> drafts without ordinal (some stale)
        self._state: dict[int, tuple] = {}  # id(draft) -> (ordinal, year) it is filed under

    @staticmethod
    def _year_of(d: _Draft) -> int | None:
        return d.key_year or d.meeting.year

    def _base_of(self, kind: str | None, instrument: str | None, core: str) -> tuple:
        return kind, instrument, core if kind == "other" else None

    def add(self, d: _Draft) -> None:
        """A new draft, with its first mention."""
        self._seq[id(d)] = len(self._seq)
        mt = d.meeting
        self._base.setdefault(self._base_of(mt.kind, mt.instrument, d.mentions[0].core), []).append(d)
        self.changed(d)

    def changed(self, d: _Draft) -> None:
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

    def _filed(self, key: tuple, year: int | None) -> list[_Draft]:
        """The drafts without ordinal filed under `year`, stale ones dropped."""
        drafts = self._year.get(key + (year,))
        if not drafts:
            return []
        live = [d for d in drafts if d.meeting.ordinal is None and self._year_of(d) == year]
        if len(live) != len(drafts):
            self._year[key + (year,)] = live
        return live

    def candidates(self, m: Mention) -> Sequence[_Draft]:
        """The drafts `m` may join, in order of creation. Not a copy (a bare name may be weighed against
        thousands of meetings): read it before adding a draft."""
        base = self._base_of(m.kind, m.instrument or self.doc_instrument, m.core)
        if m.ordinal is not None:
            return self._ordinal.get(base + (m.ordinal,), ())
        if m.year is None:
            return self._base.get(base, ())
        either = self._filed(base, None) + self._filed(base, m.year)
        return sorted(either, key=lambda x: self._seq[id(x)])


class MeetingBuilder:
    def __init__(self, st: Structure, mentions: list[Mention], dates: list[DateSpan], times: list[ClockTime],
                 places: list[Place], doc_kind: str, doc_instrument: str | None, head: int,
                 countries: dict[str, str]) -> None:
        self.st, self.norm, self.text = st, st.norm, st.norm.text
        self.script = SCRIPTS[self.norm.lex.script]
        self.mentions, self.dates, self.times, self.places = mentions, dates, times, places
        self.doc_kind, self.doc_instrument, self.head = doc_kind, doc_instrument, head
        self.countries = countries
        self.drafts: list[_Draft] = []
        self.of: dict[int, _Draft] = {}  # id(mention) -> draft
        self._starts = [m.begin for m in mentions]  # mentions come in text order
        self._date_starts = [d.begin for d in dates]  # dates come in text order
        self._place_starts = [p.begin for p in places]
        self._sections: dict[int, _Draft | None] = {}  # paragraph -> the meeting its heading names
        self._plain_sections: list[int] = []  # the paragraphs in _sections that are neither headings nor numbered
        self._stops: list[int] | None = None  # see _section_stops
        self._verb: dict[tuple[int, int], bool] = {}  # sentence -> whether MEETING_VERB is in it
        self._after: dict[tuple[int, int], bool] = {}  # (offset, reach) -> TEMPORAL_AFTER there; see _marks_time
        self._before: dict[tuple[int, int], bool] = {}  # (begin, end) -> TEMPORAL_BEFORE in text[begin:end]
        paras = self.norm.paragraphs
        # paragraph_of(offset) < head  <=>  offset < _cover_end
        self._cover_end = 0 if head <= 0 else paras[head][0] if head < len(paras) else len(self.text) + 1
        self._last_named: Mention | None = None  # the last name grouped so far, for anaphors
        self._clause_marks = [m.start() for m in CLAUSE_MARK.finditer(self.text)] if self.script.clause_marks else []
        hb = paras[head][0] if head < len(paras) else len(self.text)
        self._cover = _Cover(mentions[:bisect.bisect_left(self._starts, hb)], dates[:bisect.bisect_left(self._date_starts, hb)])

    # ------------------------------------------------------------ grouping
    def _key_match(self, d: _Draft, m: Mention) -> bool:
        mt = d.meeting
        if mt.kind != m.kind or (m.instrument or self.doc_instrument) != mt.instrument:
            return False
        if mt.kind == "other" and d.mentions and d.mentions[0].core != m.core:
            return False
        if m.ordinal is not None or mt.ordinal is not None:
            return m.ordinal == mt.ordinal or (m.ordinal is None and m.year is None)
        year = d.key_year or mt.year
        if m.year is not None and year is not None:
            return m.year == year
        return True

    def group(self) -> None:
        last: _Draft | None = None
        self._index = _Drafts(self.doc_instrument)
        pending_generic: list[Mention] = []
        for m in self.mentions:
            if m.anaphor:
                target = self._anaphor_target(m, last)
                if target:
                    self.of[id(m)] = target
                    target.mentions.append(m)
                continue
            if m.kind == "plenary" and m.core == "会议" and self.doc_kind not in ("summary_record", "report"):
                m.kind = "meeting_of_states_parties"  # outside a record, 第三次会议 is the third meeting of the parties
            year = m.year or self._year_before(m)
            m.year = year
            if year is None and m.ordinal is None:
                # the cover's own meeting, or one whose clause dates it (2013年8月5日至9日…举行的专家会议):
                # its year keeps it apart from same-kind meetings of other years
                m.year = self._clause_year(m)  # for grouping only: the name itself states no year
            self._cover.changed(m)
            candidates = self._index.candidates(m)
            if m.ordinal is None and m.year is None and len(candidates) != 1:
                if candidates or m.kind in NUMBERED_KINDS:
                    if not candidates:
                        pending_generic.append(m)
                    continue
            if candidates:
                draft = candidates[0]
            else:
                draft = _Draft(Meeting(id=f"m{len(self.drafts) + 1}", name=self.norm.display(m.begin, m.end),
                                       kind=m.kind, instrument=self._instrument_of(m),
                                       ordinal=m.ordinal, year=year))
                self.drafts.append(draft)
            if draft.meeting.year is None:
                draft.meeting.year = year
            draft.key_year = draft.key_year or m.year
            if draft.meeting.ordinal is None:
                draft.meeting.ordinal = m.ordinal
            draft.mentions.append(m)
            if candidates:
                self._index.changed(draft)
            else:
                self._index.add(draft)
            self.of[id(m)] = draft
            last = draft
            self._last_named = m
        on_cover_of: dict[int, list[_Draft]] = {}  # id(first candidate) -> the candidates named on the cover
        for m in pending_generic:  # a bare "the Meeting of States Parties": one meeting if none other is named
            candidates = self._index.candidates(m)
            if len(candidates) > 1:  # the same drafts for every pending mention of the kind: weighed once
                on_cover = on_cover_of.get(id(candidates[0]))
                if on_cover is None:
                    on_cover = on_cover_of[id(candidates[0])] = [
                        d for d in candidates if self.norm.paragraph_of(min(x.begin for x in d.mentions[:8])) < self.head]
                if len(on_cover) == 1:
                    candidates = on_cover  # several are named; the bare name means the document's own
            if len(candidates) == 1:
                candidates[0].mentions.append(m)
                self.of[id(m)] = candidates[0]
            elif not candidates:
                draft = _Draft(Meeting(id=f"m{len(self.drafts) + 1}", name=self.norm.display(m.begin, m.end),
                                       kind=m.kind or "other", instrument=m.instrument or self.doc_instrument))
                draft.mentions.append(m)
                self.of[id(m)] = draft
                self.drafts.append(draft)
                self._index.add(draft)

    def _instrument_of(self, m: Mention) -> str | None:
        """The treaty named beside the mention, else the document's; the General Assembly has none."""
        if m.instrument:
            return m.instrument
        return None if m.kind == "other" and re.search("大会|Assembly", m.name) else self.doc_instrument

    def _clause_year(self, m: Mention) -> int | None:
        if m.begin < self._cover_end:  # on the cover: the cover's meeting
            named = self._cover.named(m.kind)
            if named is not None:  # "Meeting of the High Contracting Parties … 2012 Meeting": the same meeting
                return named.year
            head_date = self._cover.date_after(m.end)
            return head_date.start.year if head_date else None
        sb, se = self.st.sentence_at(m.begin)
        if self.script.clause_marks:
            sb, se = self._clause(sb, se, m.begin, m.end)
        lo = bisect.bisect_left(self._date_starts, max(sb, m.begin - 80))
        hi = bisect.bisect_right(self._date_starts, min(se, m.begin + 80))
        near = [d for d in self.dates[lo:hi] if d.start and d.precision != "year" and sb <= d.begin < se]
        return min(near, key=lambda d: abs(d.begin - m.begin)).start.year if near else None

    def _anaphor_target(self, m: Mention, last: _Draft | None) -> _Draft | None:
        """该次会议 / the meeting: the meeting named last before it, preferring the same paragraph."""
        para = self.norm.paragraph_of(m.begin)
        named = self._last_named
        if named is not None and named.end <= m.begin and self.norm.paragraph_of(named.begin) == para:
            return self.of[id(named)]
        section = self._section_meeting(para)
        return section or last

    def _year_before(self, m: Mention) -> int | None:
        """定于2015年举行的缔约国会议, 2014年闭会期间会议, the 2015 Meeting: a bare year just before the
        name; or just after it with a verb of holding (将于2016年举行, to be convened in 2016)."""
        reach = self.script.year_reach
        lo = bisect.bisect_left(self._date_starts, m.begin - reach - 40)
        hi = bisect.bisect_right(self._date_starts, m.end + 40)
        for d in self.dates[lo:hi]:
            if d.precision != "year" or not d.start:
                continue
            if d.stop <= m.begin and m.begin - d.stop <= reach + 16:
                # other names in between are coordinated with this one (…举行的缔约国会议和专家小组届会)
                between = self.text[d.stop:m.begin]
                starts = self._starts
                for x in self.mentions[bisect.bisect_left(starts, d.stop):bisect.bisect_left(starts, m.begin)]:
                    if x.end <= m.begin:
                        between = between.replace(x.name, "")
                if len(between) <= reach and not PAUSE.search(between):
                    return d.start.year
            if d.begin >= m.end and d.begin - m.end <= 40 and YEAR_AFTER.fullmatch(self.text[m.end:d.begin]):
                return d.start.year
        return None

    def _section_meeting(self, para: int) -> _Draft | None:
        """The meeting a heading above this paragraph names, if the heading is nothing but that name."""
        if para not in self._sections:
            self._sections[para] = self._find_section_meeting(para)
            if para not in self.st.headings and para not in self.st.numbers:
                bisect.insort(self._plain_sections, para)
        return self._sections[para]

    def _section_stops(self) -> list[int]:
        """The headings a walk up the document stops at: those that name a meeting, and those on the cover."""
        if self._stops is None:
            self._stops = []
            for i in sorted(self.st.headings):
                b, e = self.norm.paragraphs[i]
                names = self.mentions[bisect.bisect_left(self._starts, b):bisect.bisect_left(self._starts, e)]
                if i < self.head or any(not x.anaphor for x in names):
                    self._stops.append(i)
        return self._stops

    def _find_section_meeting(self, para: int) -> _Draft | None:
        """Walks up from `para` to the nearest heading that names a meeting, or to a plain paragraph
        already answered (it has the same heading); bisection skips the paragraphs in between."""
        plain = self._plain_sections
        k = bisect.bisect_left(plain, para)
        answered = plain[k - 1] if k else -1
        headings = self._section_stops()
        for j in range(bisect.bisect_left(headings, para) - 1, -1, -1):
            i = headings[j]
            if answered > i:
                break
            b, e = self.norm.paragraphs[i]
            ms = [x for x in self._mentions_in(b, e) if not x.anaphor]
            if ms and (e - b) - (ms[0].end - ms[0].begin) <= 4:
                return self.of[id(ms[0])]
            if ms or i < self.head:
                return None
        return self._sections[answered] if answered >= 0 else None

    # ------------------------------------------------------------ attachment
    def _mentions_in(self, b: int, e: int, fact: int | None = None) -> list[Mention]:
        """Mentions in text[b:e] that can own a fact at `fact`: not those only marking time
        ("在常设委员会的会议之后", "after the Standing Committee")."""
        lo, hi = bisect.bisect_left(self._starts, b), bisect.bisect_left(self._starts, e)
        of = self.of
        if fact is None:
            return [m for m in self.mentions[lo:hi] if id(m) in of]
        return [m for m in self.mentions[lo:hi] if id(m) in of and not self._marks_time(m, b, fact)]

    def _marks_time(self, m: Mention, b: int, fact: int) -> bool:
        """在X召开之前: X only dates something else. Cached, as the same mention is weighed for every
        fact around it: TEMPORAL_AFTER spans at most 27 characters, TEMPORAL_BEFORE sees 16."""
        reach = min(max(fact, m.end + 24) - m.end, 27)
        after = self._after.get((m.end, reach))
        if after is None:
            after = self._after[(m.end, reach)] = bool(TEMPORAL_AFTER.match(self.text, m.end, m.end + reach))
        if after:
            return True
        lo = max(b, m.begin - 16)
        if lo >= m.begin or not self.text[m.begin - 1].isspace():  # TEMPORAL_BEFORE ends in \s
            return False
        before = self._before.get((lo, m.begin))
        if before is None:
            before = self._before[(lo, m.begin)] = bool(TEMPORAL_BEFORE.search(self.text[lo:m.begin]))
        return before

    def _has_verb(self, sb: int, se: int) -> bool:
        """Whether the sentence text[sb:se] speaks of holding a meeting (cached)."""
        found = self._verb.get((sb, se))
        if found is None:
            sentence = self.text[sb:se]
            m = MEETING_VERB.search(sentence)
            while m and m.start() and sentence[m.start()].isascii() and WORD_CHAR.match(sentence, m.start() - 1):
                m = MEETING_VERB.search(sentence, m.start() + 1)
            found = self._verb[(sb, se)] = m is not None
        return found

    def _clause(self, sb: int, se: int, begin: int, end: int) -> tuple[int, int]:
        """The Chinese clause (between commas or semicolons) around text[begin:end], inside its sentence."""
        marks = self._clause_marks
        i = bisect.bisect_left(marks, begin)
        j = bisect.bisect_left(marks, end)
        cb = max(sb, marks[i - 1] + 1) if i else sb
        ce = min(se, marks[j]) if j < len(marks) else se
        return cb, ce

    def _target(self, begin: int, end: int, verb_needed: bool = True) -> _Draft | None:
        """The meeting a fact at text[begin:end] is about: the nearest mention in its sentence,
        else the meeting of its section heading when the sentence speaks of holding a meeting."""
        sb, se = self.st.sentence_at(begin)
        if bisect.bisect_left(self._starts, sb) == bisect.bisect_left(self._starts, se):
            ms = []  # the sentence names no meeting
        elif self.script.clause_marks:  # a Chinese clause (between commas) binds tighter than its sentence
            cb, ce = self._clause(sb, se, begin, end)
            ms = self._mentions_in(cb, ce, begin)
            if not ms and self._has_verb(sb, se):
                ms = self._mentions_in(sb, se, begin)
        else:  # an English clause: "…, and the President convened …"
            cb = sb
            for m in EN_CLAUSE.finditer(self.text, sb, begin):
                cb = m.end()
            nxt = EN_CLAUSE.search(self.text, end, se)
            ms = self._mentions_in(cb, nxt.start() if nxt else se, begin) or self._mentions_in(sb, se, begin)
        if ms:
            best, best_key = None, None
            for m in ms:  # the nearest; a name before an anaphor
                key = (begin - m.end if m.end <= begin else (m.begin - end if m.begin >= end else 0), m.anaphor)
                if best_key is None or key < best_key:
                    best, best_key = m, key
            return self.of[id(best)]
        if not verb_needed or self._has_verb(sb, se):
            return self._section_meeting(self.norm.paragraph_of(begin))
        return None

    def _set_dates(self, d: _Draft, span: DateSpan) -> None:
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

    def attach_dates(self) -> None:
        for span in self.dates:
            if span.start is None or span.begin < self._cover_end:  # on the cover
                continue
            if span.precision == "year":
                continue  # a bare year belongs to a meeting only as part of its name (see _year_before)
            d = self._target(span.begin, span.stop) or self._signed_meeting(span)
            if d is not None:
                self._set_dates(d, span)

    def _signed_meeting(self, span: DateSpan) -> _Draft | None:
        """A resolution's signature: a line that only names a meeting ("52nd plenary meeting", 第52次全体会议)
        beside a line that only dates it (after it in English, before it in Chinese): the date is that meeting's."""
        para = self.norm.paragraph_of(span.begin)
        paragraphs, text = self.norm.paragraphs, self.text
        pb, pe = paragraphs[para]
        if text[pb:span.begin].strip() or text[span.stop:pe].strip(" \t.。"):
            return None  # the date line holds more than the date
        for q in (para - 1, para + 1):
            if 0 <= q < len(paragraphs):
                qb, qe = paragraphs[q]
                ms = self._mentions_in(qb, qe)
                if len(ms) == 1 and not text[qb:ms[0].begin].strip() and not text[ms[0].end:qe].strip(" \t.。"):
                    return self.of[id(ms[0])]
        return None

    def attach_places(self) -> None:
        for p in self.places:
            if p.begin < self._cover_end:  # on the cover
                continue
            left = self.text[max(0, p.begin - 8):p.begin]
            if AFTER_PAREN.search(left):
                continue  # (巴基斯坦) after a speaker's name
            if not self.script.locative.search(left) and not self._chained_place(p):
                continue
            d = self._target(p.begin, p.end)
            if d is not None:
                self._set_place(d, p)

    def _chained_place(self, p: Place) -> bool:
        """瑞士日内瓦, 泰国曼谷, Geneva, Switzerland: a place right after another located place."""
        i = bisect.bisect_left(self._place_starts, p.begin)
        for q in self.places[max(0, i - 2):i]:
            if q.end <= p.begin and p.begin - q.end <= 2 and PLACE_JOINER.fullmatch(self.text, q.end, p.begin):
                left = self.text[max(0, q.begin - 8):q.begin]
                return bool(self.script.locative.search(left))
        return False

    def _set_place(self, d: _Draft, p: Place) -> None:
        mt = d.meeting
        if p.kind == "facility":
            mt.facility = mt.facility or p.name
            mt.city = mt.city or p.city
        elif p.kind == "city":
            mt.city = mt.city or p.name
        if mt.country is None or p.kind != "country" and mt.country != p.country and mt.city == p.name:
            mt.country = p.country

    def attach_header(self) -> None:
        """A cover page names the document's meeting, then its dates and venue on lines of their own."""
        hb = self.norm.paragraphs[self.head][0] if self.head < len(self.norm.paragraphs) else len(self.text)
        in_head = [m for m in self.mentions if m.begin < hb and id(m) in self.of]
        plenary = next((m for m in in_head if m.kind == "plenary"), None)
        session_mentions = [m for m in in_head if m.kind != "plenary"]
        head_dates = [s for s in self.dates if s.begin < hb and s.start and s.precision != "year"]
        plen_dates = [s for s in head_dates if plenary and s.begin > plenary.begin]
        in_plen = {id(s) for s in plen_dates}  # (dates do not overlap: an equal span is the same one)
        own = [s for s in head_dates if id(s) not in in_plen]
        ranges = [s for s in own if s.start != s.end]  # a single day on a cover may be the date of issue
        anchor = (ranges or own)[0] if own else None
        before = [m for m in session_mentions if anchor and m.begin < anchor.begin]
        if before:  # 第二次审议会议 / 筹备会议 / 日内瓦，9月2-4日: the name right above the dates
            session_mentions = [before[-1]] + [m for m in session_mentions if m is not before[-1]]
        session = self.of[id(session_mentions[0])] if session_mentions else None
        plen = self.of[id(plenary)] if plenary else None
        if plen and session is None:
            session = _Draft(Meeting(id="m0", name="", kind="", instrument=self.doc_instrument))
            self.drafts.insert(0, session)
        for d in (session, plen):
            if d:
                d.header = True
        for s in plen_dates:
            self._set_dates(plen, s)
            plen.meeting.start_time = plen.meeting.start_time or s.start_time
        if session and anchor and session.date_span is None:
            session.date_span = anchor
            session.weak_date = anchor.start == anchor.end and not plen
        for p in self.places:
            if p.begin >= hb:
                continue
            if AFTER_PAREN.search(self.text[max(0, p.begin - 3):p.begin]):
                continue
            for d in (session, plen):
                if d and not (p.kind == "facility" and d is session and plen):
                    self._set_place(d, p)
        m = _chairs(self.norm.lex).line.search(self.text, 0, hb + 1)
        if m:
            for d in (session, plen):
                if d:
                    d.meeting.chair = d.meeting.chair or m.group("name").strip()
        if plen:
            plen.meeting.parent = session.meeting.id if session else None
            later = [t for t in self.times if t.begin >= hb]
            if later:
                plen.meeting.end_time = later[-1].time
        if session and not session.meeting.kind:
            self._complete_session(session)

    def _complete_session(self, session: _Draft) -> None:
        """A record's header dates the session without naming it: take the name of a same-year meeting."""
        year = session.date_span.start.year if session.date_span and session.date_span.start else None
        for d in self.drafts:
            if d is session or d.meeting.kind == "plenary" or d.date_span and d.date_span.precision != "year":
                continue
            if year and d.meeting.year == year:
                session.meeting.name, session.meeting.kind = d.meeting.name, d.meeting.kind
                session.meeting.ordinal = d.meeting.ordinal
                session.mentions.extend(d.mentions)
                session.cues |= d.cues
                self.drafts.remove(d)
                for k, v in list(self.of.items()):
                    if v is d:
                        self.of[k] = session
                return
        session.meeting.name = self.script.session_name
        session.meeting.kind = "other"

    def attach_facts(self) -> None:
        """Languages, duration, host and status cues from each mention's sentence."""
        seen: dict[tuple[int, int], set[str]] = {}  # sentence -> the status cues in it
        text = self.text
        cues = _cues(self.norm.lex)
        holds: dict[tuple[int, int], bool] = {}  # sentence -> whether it speaks of holding a meeting
        for status, rx, heads in cues.status:
            for m in _finditer_from(rx, text, heads) if heads else rx.finditer(text):
                if heads and m.start() and text[m.start() - 1].isalpha():
                    continue  # "committed" does not contain the word "met"
                if status == "held" and text[max(0, m.start() - 3):m.start()] == "be ":
                    continue  # "to be convened in" is not past
                sentence = self.st.sentence_at(m.start())
                if status == "proposed" and not self._speaks_of_holding(sentence, holds):
                    continue  # "should be reflected in the outcome of the 2015 Conference" proposes no meeting
                seen.setdefault(sentence, set()).add(status)
        offers: dict[tuple[int, int], int] = {}  # sentence -> where its first offer to host a meeting stands
        for at in sorted(_occurrences(text, self.norm.lex.offer_words), reverse=True):
            sentence = self.st.sentence_at(at)
            if self._speaks_of_holding(sentence, holds):
                offers[sentence] = at
        acted = self.script.acted
        for d in self.drafts:
            for m in d.mentions:
                sentence = self.st.sentence_at(m.begin)
                d.cues |= seen.get(sentence, set())
                if sentence in offers and m.begin > offers[sentence] and not m.anaphor:
                    d.cues.add("proposed")  # X has offered to host the Fourth Conference
                if self._adopted_at(m):
                    d.cues.add("held")  # the text was adopted at its 10th meeting; 在签署国会议上通过
                if not m.anaphor and self._has_record(m):
                    d.cues.add("held")  # Chair's summary - Second session; 专家会议的报告
                if not m.anaphor and acted.match(self.text, m.end):
                    d.cues.add("held")  # 第七次审议会议决定…: a meeting that decided something has met
        by_sentence: dict[tuple[int, int], list[str]] = {}
        languages = self.norm.lex.languages
        for m in _finditer_from(cues.languages, self.text, cues.language_heads):
            code = languages[m.group(1)]
            by_sentence.setdefault(self.st.sentence_at(m.start()), []).append(code)
        for (sb, se), langs in by_sentence.items():
            if len(set(langs)) >= 2 and LANG_CUE.search(self.text, sb, se):
                d = self._target(sb, se, verb_needed=False)
                if d and not d.meeting.languages:
                    d.meeting.languages = list(dict.fromkeys(langs))
        for m in self.script.durations(self.text):
            days = _days(m, self.norm.lex)
            d = self._target(m.start(), m.end(), verb_needed=False)
            if d and days and d.meeting.duration_days is None:
                d.meeting.duration_days = days
        hosted: set[tuple[int, int]] = set()
        for at in sorted(_occurrences(self.text, HOST_WORDS)):
            sb, se = self.st.sentence_at(at)
            if (sb, se) not in hosted:
                hosted.add((sb, se))
                self._host(sb, se, self.text[sb:se])

    def _adopted_at(self, m: Mention) -> bool:
        """Whether a text was adopted at the meeting: a past adoption right before (en) or after (zh) its name."""
        text = self.text
        if self.script.clause_marks:
            if not ZH_ADOPTED_AT.match(text, m.end):
                return False
            sb, _ = self.st.sentence_at(m.begin)
            cb, _ = self._clause(sb, m.end, m.begin, m.end)
            return not ZH_NOT_YET.search(text, cb, m.begin)
        return bool(EN_ADOPTED_AT.search(text[max(0, m.begin - 40):m.begin]))

    def _has_record(self, m: Mention) -> bool:
        """Whether the words right before or after the name speak of the meeting's report or summary."""
        lex, text = self.norm.lex, self.text
        if lex.record_before:
            before = text[max(0, m.begin - 24):m.begin].rstrip(" -–—:\\").lower()
            if before.endswith(lex.record_before):
                return True
        return bool(lex.record_after) and text.startswith(lex.record_after, m.end)

    def _speaks_of_holding(self, sentence: tuple[int, int], holds: dict[tuple[int, int], bool]) -> bool:
        """Whether the sentence speaks of holding a meeting (once per sentence: its words are few)."""
        if sentence not in holds:
            words = self.norm.lex.holding_words
            sb, se = sentence
            holds[sentence] = not words or any(self.text.find(w, sb, se) >= 0 for w in words)
        return holds[sentence]

    def _host_matches(self, sentence: str):
        """ZH_HOST / EN_HOST .finditer(sentence), quicker: both patterns are tried at every position and
        backtrack, so they are tried only in the stretch (without ZH_HOST_BREAK / EN_HOST_BREAK characters)
        that holds the next host word; in English only at the word, and at the capitals before it when
        the sentence says "offered" or "proposed" (X offered to host)."""
        sc = self.script
        rx, stop, words, reach = sc.host, sc.host_break, sc.host_words, sc.host_reach
        offer = "offered" in sentence or "proposed" in sentence
        pos = 0
        while True:
            word = min((i for i in (sentence.find(w, pos) for w in words) if i >= 0), default=-1)
            if word < 0:
                return
            start = max(pos, word - reach) if reach is not None else pos
            for m in stop.finditer(sentence, start, word):
                start = m.end()
            if reach is not None:  # it ends at the word: search from where the stretch starts
                m = rx.search(sentence, start)
                if m is None:
                    return
            else:
                starts = [c.start() for c in CAPITAL.finditer(sentence, start, word)] + [word] if offer else [word]
                m = next(filter(None, (rx.match(sentence, at) for at in starts)), None)
                if m is None:  # none starts up to this word: look around the next one
                    pos = word + 1
                    continue
            yield m
            pos = m.end()

    def _host(self, sb: int, se: int, sentence: str) -> None:
        for m in self._host_matches(sentence):
            b, e = sb + m.start(), sb + m.end()
            states = [p for p in self.places[bisect.bisect_left(self._place_starts, b):bisect.bisect_left(self._place_starts, e)]
                      if p.kind == "country"]
            if not states:
                continue
            d = self._target(e - 1, se, verb_needed=False)
            if d:
                d.meeting.host = d.meeting.host or states[0].country
                d.meeting.country = d.meeting.country or states[0].country

    def attach_chairs(self) -> None:
        """Ambassador X of Poland as Chairperson of the 2012 Meeting; chaired by Mr. Y; 由X大使主持;
        任命X担任缔约国第三次会议主席."""
        chairs = _chairs(self.norm.lex)
        passes = ((_finditer_from(chairs.of, self.text, chairs.of_heads), True),
                  (_finditer_from(chairs.by, self.text, chairs.by_heads), False))
        for matches, after in passes:
            for m in matches:
                sb, se = self.st.sentence_at(m.start())
                if after:
                    ms = [x for x in self._mentions_in(m.end(), min(se, m.end() + 8))]
                else:
                    ms = [x for x in self._mentions_in(sb, m.start())][-1:]
                if ms:
                    d = self.of[id(ms[0])]
                    d.meeting.chair = d.meeting.chair or m.group("name").strip()
        if self.norm.lex.name_before_honorific:  # 哥伦比亚的玛丽亚·奥坎波女士担任筹备会议主席; a signature "缔约国2015年会议主席 / 某某大使"
            for nb, ne, m in zh_people(self.text, self.norm.lex):
                sig = ZH_CHAIR_TITLE.search(self.text, max(0, nb - 6), nb)
                if sig:
                    ms = [x for x in self._mentions_in(max(0, sig.start() - 40), sig.start()) if x.end == sig.start()]
                    if ms:
                        d = self.of[id(ms[0])]
                        d.meeting.chair = d.meeting.chair or self.norm.display(nb, ne)
                after = ZH_TAKES_CHAIR.match(self.text, m.end())
                if not after:
                    continue
                ms = self._mentions_in(after.end(), after.end() + 16)
                if ms and re.match(r"(?:的)?(?:主席|会长)", self.text[ms[0].end:ms[0].end + 3]):
                    d = self.of[id(ms[0])]
                    d.meeting.chair = d.meeting.chair or self.norm.display(nb, ne)

    # ------------------------------------------------------------ finish
    @property
    def session(self) -> _Draft | None:
        """The meeting the document's cover names (not a plenary inside it)."""
        return next((d for d in self.drafts if d.header and d.meeting.kind != "plenary"), None)

    def finish(self, reference: date | None) -> list[Meeting]:
        out = []
        session = self.session
        for d in self.drafts:
            if session and d.meeting.kind == "plenary" and d is not session:  # a plenary inside the session
                mt = d.meeting
                mt.parent = mt.parent or session.meeting.id
                mt.city, mt.country = mt.city or session.meeting.city, mt.country or session.meeting.country
                mt.chair = mt.chair or session.meeting.chair
                if not d.header:
                    d.cues = set(session.cues) if not d.cues else d.cues
                    d.header = session.header
        for d in self.drafts:
            mt = d.meeting
            if d.date_span:
                mt.start, mt.end, mt.precision = d.date_span.start, d.date_span.end, d.date_span.precision
                if mt.kind != "plenary" or not mt.start_time:
                    mt.start_time = mt.start_time or (d.date_span.start_time if mt.kind == "plenary" else None)
                if mt.start:
                    mt.year = mt.start.year
            elif mt.year:
                mt.start, mt.end, mt.precision = date(mt.year, 1, 1), date(mt.year, 12, 31), "year"
            mt.status = self._status(d, reference, session)
            if session and d is not session and mt.parent == session.meeting.id and not d.date_span:
                # a plenary of the session with no day of its own meets while the session does: the statement
                # given at "this plenary" of a session in progress was given at a held meeting
                mt.status = self._status(session, reference, session)
            mt.spans = [SourceSpan(*self.norm.original_span(m.begin, m.end), self.norm.paragraph_of(m.begin))
                        for m in d.mentions]
            out.append(mt)
        renamed: dict[str, str] = {}  # ids in order of first appearance
        for i, mt in enumerate(out, 1):
            renamed.setdefault(mt.id, f"m{i}")
            mt.id = f"m{i}"
        for mt in out:
            if mt.parent in renamed:
                mt.parent = renamed[mt.parent]
        return out

    def _status(self, d: _Draft, reference: date | None, session: _Draft | None) -> str:
        mt = d.meeting
        if "cancelled" in d.cues:
            return "cancelled"
        if d.header:
            if reference and mt.start and mt.start < reference and mt.precision != "year":
                return "held"  # a paper dated inside (or after) its meeting: the meeting is in progress
            if self.doc_kind == "other" and "held" in d.cues and "scheduled" not in d.cues:
                return "held"  # a meeting page: "The 2014 Meeting … was held from 1 to 5 December"
            return "held" if self.doc_kind in ("summary_record", "report") else "scheduled"
        if "held" in d.cues:
            return "held"
        if (session and session.meeting.ordinal and mt.ordinal and mt.kind == session.meeting.kind
                and mt.instrument == session.meeting.instrument and mt.ordinal < session.meeting.ordinal):
            return "held"  # the third meeting's papers speak of the first and second as past
        if "scheduled" in d.cues and self.doc_kind in ("note", "agenda", "other"):
            return "scheduled"  # 将于…举行 outranks a date that falls before the document's own meeting
        if reference and mt.end and mt.end < reference and mt.precision not in ("year",):
            return "held"
        order = (("scheduled", "proposed") if self.doc_kind in ("summary_record", "report")
                 else ("proposed", "scheduled"))
        for status in order:
            if status in d.cues:
                return status
        if reference and mt.start and mt.start >= reference:
            return "scheduled"
        return "unknown"


def _occurrences(text: str, words: tuple[str, ...]) -> list[int]:
    """Where each of the words stands in text (str.find: far quicker than a regex alternation)."""
    out = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + 1)
    return out


def _finditer_from(rx: re.Pattern, text: str, heads: tuple[str, ...] | None):
    """rx.finditer(text) for a pattern whose every (non-empty) match starts with one of `heads`: tried only
    where one stands, as the regex engine stops at every common letter that could start a word.
    (No heads: plain finditer.)"""
    if heads is None:
        yield from rx.finditer(text)
        return
    pos = 0
    for at in sorted(set(_occurrences(text, heads))):
        if at >= pos:
            m = rx.match(text, at)
            if m:
                yield m
                pos = m.end()


def _days(m: re.Match, lex: Lexicon) -> float | None:
    if m.group(0) == "为期半天":
        return 0.5
    raw = m.group("n")
    n = cn_to_int(raw) if raw and not raw.isascii() or (raw and raw.isdigit()) else lex.cardinals.get((raw or "").lower())
    if n is None:
        try:
            n = float(raw)
        except (TypeError, ValueError):
            return None
    return float(n) + (0.5 if m.group("half") else 0)
