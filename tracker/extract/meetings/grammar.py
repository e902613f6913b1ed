"""The grammar meetings are read with: the regex shapes live here, the words come from the pack
(`Lexicon.meeting_words`, `[meetings.words]` in tracker/lang/*.toml), compiled once per pack.

Where scripts differ by procedure rather than by words (a Chinese clause between commas binds tighter than
its sentence; a host's name before 主办 but after "hosted by"), the pack's script chooses the shape once.
The reaches that keep the quick scans short (how far before a host word a match may start, how much text a
time cue may span) are computed from the words, not kept beside them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.lexicon import finditer_in, windows
from tracker.extract.people import honorific_pattern, latin_name
from tracker.lang import Lexicon

# where a clause ends in a han-script sentence
CLAUSE_MARK = re.compile("[,，;；]")
WORD_CHAR = re.compile(r"\w")
CAPITAL = re.compile("[A-Z]")
AFTER_PAREN = re.compile(r"[(（]\s*$")  # (巴基斯坦) after a speaker's name
PLACE_JOINER = re.compile(r"[\s,，的]*")  # between the places of 瑞士日内瓦, Geneva, Switzerland
PAUSE = re.compile(r"[,，。;、]")
# 主席: 卡里米先生(约旦) / 由X主持: a han name, or a Latin one written inside a Chinese text
_HAN_NAME = r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,9}?|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}"
NEVER = "(?!)"  # the alternation of no words: matches nothing


def words(lex: Lexicon, key: str) -> tuple[str, ...]:
    return lex.meeting_words.get(key, ())


def alt(entries: Iterable[str], spaced: bool, word_start: bool = False) -> str:
    """The pack's entries as one alternation, longest first; in a spaced script a space stands for any run of
    whitespace, and with `word_start` an entry that opens with a letter must start a word."""
    out = []
    for w in sorted(entries, key=len, reverse=True):
        if spaced:
            w = w.replace(" ", r"\s+")
            if word_start and w[:1].isalnum():
                w = r"\b" + w
        out.append(w)
    return "|".join(out) if out else NEVER


def literal_head(rx: str) -> str:
    """The plain text every match of a regex starts with: "was held\\b" -> "was held", "cancel+ed" -> "cance"."""
    head = re.match(r"[\w ]*", rx).group()
    return head[:-1] if rx[len(head):len(head) + 1] in ("*", "+", "?", "{") else head


# a regex that opens with a group of plain alternatives: "(?:was|were) closed"
_LEADING_GROUP = re.compile(r"\(\?:(?P<alts>[\w |]+)\)(?P<rest>.*)", re.S)


def literal_heads(rx: str) -> tuple[str, ...]:
    """The plain texts one of which every match of a regex starts with: "(?:was|were) closed\\b" ->
    ("was closed", "were closed"); never "" (a pattern with no literal start gives () : try it everywhere)."""
    m = _LEADING_GROUP.fullmatch(rx)
    if m:
        heads = tuple(literal_head(a + m.group("rest")) if m.group("rest")[:1] not in "*+?{" else literal_head(a + "?")
                      for a in m.group("alts").split("|"))
    else:
        heads = (literal_head(rx),)
    return () if "" in heads else heads


@dataclass(frozen=True)
class Grammar:
    """Everything a pack's meetings are read with, compiled."""

    clause_marks: bool  # a clause between commas binds tighter than its sentence (han)
    year_reach: int  # characters between a bare year and the name it dates
    locative: re.Pattern  # before a place where something happens: 在, in, at
    acted: re.Pattern  # right after a name: it acted, so it has met
    actor: re.Pattern  # right after a name: it acts in the sentence (decides, welcomes, 决定)
    adopted_at: re.Pattern  # a text adopted at the meeting: before its name (latin), after it (han)
    at_meeting: re.Pattern | None  # right before a name: an act at it follows ("at our organizational session, …")
    record_opening: re.Pattern  # after an anaphor: the record's own meeting opens (was called to order at)
    not_yet: re.Pattern  # in the clause before the name, the adoption is still to come (han)
    time_after: re.Pattern  # after a name: it only dates something else (在X之后)
    time_after_reach: int  # the most text time_after spans
    time_before: re.Pattern  # before a name: it only dates something else (after the X)
    time_before_reach: int
    year_after: re.Pattern  # between a name and its year: 将于 (2016年举行); ", to be convened in" (2016)
    holding_verb: re.Pattern  # a sentence with one speaks of holding a meeting
    language_cue: re.Pattern
    en_clause: re.Pattern | None  # where a spaced-script clause ends inside a sentence
    host: re.Pattern
    host_break: re.Pattern  # a host match holds none of these
    host_words: tuple[str, ...]
    host_offers: tuple[str, ...]  # "offered": the host's name stands before the host word
    host_reach: int | None  # a host match ends at its word, at most this far from its start; None: it starts there
    session_name: str  # the name of a session a record's header dates without naming
    treaty_free: re.Pattern  # a name holding one belongs to no treaty (the General Assembly)
    body: re.Pattern  # a name holding one names a standing body (General Assembly, 政府专家小组)
    part_join: re.Pattern  # all that stands between two day ranges that are parts of one meeting
    attribute_before: re.Pattern  # before a country: it speaks or sends ("the Permanent Mission of")
    attribute_after: re.Pattern  # after a country: likewise (代表团, "delegation")
    committee: re.Pattern  # a name holding one is a committee of the conference (Main Committee, 起草委员会)
    cited_before: re.Pattern  # before a date: the date of a cited text ("resolution 79/239 of")
    cited_after: re.Pattern  # after a date: likewise (第50/245号决议)
    modifier: re.Pattern  # right after a name: it only qualifies a noun (筹备委员会的案文)
    session: re.Pattern  # a name holding one is a session of a body ("Second session", 第五十五届会议)
    subject_gap: re.Pattern  # between an opening date and the name of its subject: ", the"
    durations: Callable[[str], Iterable[re.Match]]


@lru_cache(maxsize=8)
def grammar(lex: Lexicon) -> Grammar:
    return _latin(lex) if lex.spaced else _han(lex)


def _common(lex: Lexicon) -> dict:
    sp = lex.spaced
    arts = alt(words(lex, "articles"), sp)
    after = words(lex, "time_after")
    before = words(lex, "time_before")
    return dict(
        locative=re.compile(rf"(?:{alt(words(lex, 'locatives'), sp, True)})\s*(?:(?:{arts})\s+)?$"),
        # the cue (a span of up to 24 characters before it: 在常设委员会的会议结束之后)
        time_after=re.compile(rf"[^,，;。]{{0,24}}?(?:{alt(after, sp)})"),
        time_after_reach=24 + max(map(len, after), default=0),
        time_before=re.compile(rf"(?:{alt(before, sp, True)})\s+(?:(?:{arts})\s+)?$"),
        # the cue, its article and a few spaces around them
        time_before_reach=max(map(len, before), default=0) + max(map(len, words(lex, "articles")), default=0) + 4,
        year_after=re.compile(
            rf"(?:{alt(words(lex, 'year_leads'), sp)})|[\s,]*(?:(?:{alt(words(lex, 'year_auxiliaries'), sp)})\s+)?"
            rf"(?:{alt(words(lex, 'year_verbs'), sp)})?\s*(?:{alt(words(lex, 'year_prepositions'), sp)})\s+"),
        holding_verb=re.compile(alt(words(lex, "holding_verbs"), sp)),
        language_cue=re.compile(alt(words(lex, "language_cues"), sp)),
        host_words=words(lex, "host_words"),
        host_offers=words(lex, "host_offers"),
        session_name=(words(lex, "unnamed_session") or ("",))[0],
        treaty_free=re.compile(alt(words(lex, "treaty_free"), sp)),
        body=re.compile(alt(words(lex, "bodies"), sp)),
        session=re.compile(alt(words(lex, "session_words"), sp)),
        modifier=re.compile(alt(words(lex, "modifier_particles"), sp)),
        # "The meeting was called to order"; 本次会议于上午10时05分宣布开始 (a time may stand between)
        record_opening=re.compile(rf"\s*(?:{'' if sp else '[^,，。;；]{0,20}?'})(?:{alt(words(lex, 'record_opening'), sp)})"),
        # "resolution 79/239 of 24 December 2024", "resolutions 78/241 of …"
        cited_before=re.compile(rf"\b(?:{alt(lex.decisions.get('cited_acts', ()), sp)})\s+[\w/.\-]+\s+of\s+$"
                                if sp else NEVER),
        # 2016年12月5日第71/12号决议
        cited_after=re.compile(NEVER if sp else
                               rf"\s*第\s*[\w/.\-]+\s*号\s*(?:{alt(lex.decisions.get('cited_acts', ()), sp)})"),
        committee=re.compile(alt(words(lex, "committees"), sp)),
        attribute_before=re.compile(rf"(?:{alt(words(lex, 'attribute_before'), sp, True)})\s*(?:(?:{arts})\s+)?$"),
        attribute_after=re.compile(rf"\s*(?:{alt(words(lex, 'attribute_after'), sp)})"),
        subject_gap=re.compile(rf"[\s,，]*(?:(?:{arts})\s+)?(?:{alt(words(lex, 'subject_particles'), sp)})?"),
        part_join=re.compile(rf"[\s,，、;；]*(?:(?:{alt(words(lex, 'part_joins'), sp, True)})[\s,，]*)*"),
    )


def _latin(lex: Lexicon) -> Grammar:
    w = lambda key: alt(words(lex, key), True)  # noqa: E731
    arts = w("articles")
    # "Lebanon offered to host", "hosted by the Government of Chile", "at the invitation of the Government of X"
    host = re.compile(
        rf"\bhost(?:ed|ing)?\s+by\s+(?:the\s+Government\s+of\s+)?(?P<a>[A-Z][\w' ]+)|(?P<b>[A-Z][\w' ]+?)\s+(?:has\s+)?"
        rf"(?:{w('host_offers')})\s+to\s+host|invitation\s+of\s+the\s+Government\s+of\s+(?P<c>[A-Z][\w' ]+)")
    # five days, three and a half days, a two-day meeting, 2 working days
    units = w("day_units")
    numbers = "|".join(sorted(map(re.escape, lex.cardinals), key=len, reverse=True))
    duration = re.compile(rf"\b(?P<n>\d+|{numbers})(?P<half>\s+(?:{w('half')}))?[\s-]+(?:(?:{w('day_qualifiers')})"
                          rf"[\s-]+)?(?:{units})\b", re.I)
    day_word = re.compile(rf"(?:{units})\b")
    spaced_day = re.compile(rf"[\s-](?i:{units})")  # in every duration match (a day unit after [\s-])

    def durations(text: str):
        """Around each day unit, where a number could stand before it."""
        spans = [(b, e) for b, e in windows(text, day_word, 40, 6) if spaced_day.search(text, b, e)]
        return finditer_in(duration, text, spans)

    return Grammar(
        clause_marks=False, year_reach=6,
        acted=re.compile(rf"(?:\s*,[^,]{{0,60}},)?\s+(?:{w('acted')})\b"),
        actor=re.compile(rf"(?:\s*,[^,]{{0,60}},)?\s+(?:{w('actor_verbs')})\b"),
        at_meeting=re.compile(rf"\b(?:at|during)\s+(?:{w('meeting_determiners')})\s+$"),
        adopted_at=re.compile(rf"(?<!be )(?<!been )\b(?:{w('adopted_at')})\s+(?:at|during)\s+(?:its\s+|the\s+|a\s+)?$"),
        not_yet=re.compile(NEVER),
        en_clause=re.compile(rf";|,\s+(?:{w('clause_joins')})\s+(?!(?:{arts})\s+(?:\w+\s+){{0,3}}(?:{w('clause_names')})s?\b\s*[,.])"),
        host=host, host_break=re.compile(r"[^\w'\s]"), host_reach=None,
        durations=durations, **_common(lex))


def _han(lex: Lexicon) -> Grammar:
    w = lambda key: alt(words(lex, key), False)  # noqa: E731
    by, gov, adverbs = words(lex, "by"), words(lex, "host_government"), words(lex, "host_adverbs")
    # 由智利主办, 黎巴嫩政府表示愿意主办: the host's name, then at most 40 characters to the host word
    host = re.compile(rf"(?:{w('by')})?(?P<c>[\u4e00-\u9fff]{{2,12}}?)(?:{w('host_government')})?"
                      rf"(?:{w('host_adverbs')})?[^。,;]{{0,40}}?(?:{w('host_words')})")
    host_reach = max(map(len, by), default=0) + 12 + max(map(len, gov), default=0) + max(map(len, adverbs), default=0) + 40
    numbers = "".join(sorted({*lex.numeral_digits, *lex.numeral_units}))
    # 为期三天半, 为期5天, 为期两个整天, 为期半天
    duration = re.compile(rf"(?:{w('duration_leads')})\s*(?P<n>\d+(?:\.\d+)?|[{numbers}]+)\s*(?:{w('day_measure')})*"
                          rf"(?:{w('day_units')})(?P<half>{w('half')})?|(?P<halfday>{w('half_day')})")
    return Grammar(
        clause_marks=True, year_reach=8,
        acted=re.compile(rf"(?:{w('acted_adverbs')})?(?:{w('acted')})"),
        actor=re.compile(rf"(?:{w('acted_adverbs')})?(?:{w('actor_verbs')})"),
        # 在签署国会议上通过, not 在…会议上通过之前
        at_meeting=None,
        adopted_at=re.compile(rf"上(?:{w('adopted_manner')})?(?:{w('adopted_at')})(?!{w('adopted_not_after')})"),
        not_yet=re.compile(w("future_markers")),
        en_clause=None,
        host=host, host_break=re.compile("[。,;]"), host_reach=host_reach,
        durations=duration.finditer, **_common(lex))


@dataclass(frozen=True)
class Chairs:
    """Who chairs: a header line (主席: 卡里米先生; President: Mr. Karimi), X as Chair of / 任命X担任,
    chaired by X / 由X主持; and the words every match starts with (None: any). Titles and honorifics
    come from the pack's people words."""

    line: re.Pattern
    of: re.Pattern
    by: re.Pattern
    of_heads: tuple[str, ...] | None
    by_heads: tuple[str, ...] | None
    signature: re.Pattern | None  # 缔约国2015年会议主席 / 某某大使: a title right before a name (han)
    takes_chair: re.Pattern | None  # X将担任…主席 (han)
    office: re.Pattern | None  # (的)主席 right after the name of the meeting X takes the chair of (han)


@lru_cache(maxsize=8)
def chairs(lex: Lexicon) -> Chairs:
    hon = honorific_pattern(lex, dots=False)
    sp = lex.spaced
    titles = alt(lex.presiding_titles, sp)
    w = lambda key: alt(words(lex, key), sp)  # noqa: E731
    if not sp:
        bracket = r"(?:[(（][^)）]{1,20}[)）])?"  # (约旦)
        return Chairs(
            re.compile(rf"(?:{titles})\s*[:：]\s*(?P<name>[\u4e00-\u9fff·]{{1,12}}?|[A-Z][\w'\- ]{{1,40}}?)\s*(?:{hon})"),
            re.compile(rf"(?:{w('appoints')})(?:[^,，。;]{{0,20}}的)?(?P<name>{_HAN_NAME})(?:{hon}){bracket}(?:{w('serves_as')})"),
            re.compile(rf"(?:{w('by')})(?P<name>{_HAN_NAME})(?:{hon}){bracket}(?:{w('presides')})"), None, None,
            re.compile(rf"(?:{titles})[\s,，、:：]*\Z"),
            re.compile(rf"\s*(?:{w('takes_chair_adverbs')})?(?:{w('takes_chair')})"),
            re.compile(rf"(?:的)?(?:{w('chair_offices')})"))
    chaired_by = words(lex, "chaired_by")
    return Chairs(
        re.compile(rf"(?:{titles})\s*:\s*(?:{hon})\s+(?P<name>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){{0,3}})"),
        re.compile(rf"(?:{hon})\s*(?P<name>{latin_name()})(?:\s*\([^)]{{1,40}}\)|\s+of\s+(?:the\s+)?[A-Z][\w ]{{1,40}}?)?,?"
                   rf"(?:\s+(?:to\s+serve\s+)?as\s+(?:the\s+)?(?:{titles})(?:{w('chair_suffixes')})?\s+of"
                   rf"|\s+who\s+(?:{w('future_auxiliaries')})\s+(?:also\s+)?(?:{w('will_chair')}))\s+"),  # then "the Committee" or a name
        re.compile(rf"(?:{alt(chaired_by, True)})\s+by\s+(?:the\s+\w+,\s+)?(?:{hon})\s+(?P<name>{latin_name()})"),
        (*lex.courtesy, *lex.honorifics), tuple(literal_head(c) for c in chaired_by) or None,
        None, None, None)
