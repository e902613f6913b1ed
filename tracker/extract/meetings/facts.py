"""Stage, attach_facts: what each mention's sentence says of its meeting: status cues (held, scheduled,
proposed, cancelled), an offer to host, a text adopted at it, its record, languages, duration and host."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from tracker.extract.meetings.grammar import CAPITAL, literal_heads
from tracker.extract.meetings.locate import clause, target
from tracker.extract.meetings.model import Context, Table
from tracker.extract.meetings.scan import finditer_from, occurrences
from tracker.extract.mentions import Mention
from tracker.extract.numerals import cn_to_int
from tracker.lang import Lexicon

Sentence = tuple[int, int]


@dataclass(frozen=True)
class _Cues:
    """The pack's status cues and language names, compiled: (status, pattern, its literal heads or None) and
    the language-name pattern with its heads."""

    status: tuple[tuple[str, re.Pattern, tuple[str, ...] | None], ...]
    languages: re.Pattern
    language_heads: tuple[str, ...] | None


def _heads(alts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The literal heads of all the cues; None when one has none (then the pattern runs everywhere)."""
    heads = [literal_heads(a) for a in alts]
    return None if () in heads else tuple(h for hs in heads for h in hs)


@lru_cache(maxsize=8)
def _cues(lex: Lexicon) -> _Cues:
    if lex.spaced:  # each cue opens with its literal words (searched with str.find: see scan.finditer_from)
        status = tuple((s, re.compile("|".join(alts)), _heads(alts)) for s, alts in lex.status_cues.items())
        names = re.compile(rf"({'|'.join(map(re.escape, lex.languages))})\b")
        return _Cues(status, names, tuple(lex.languages))
    status = tuple((s, re.compile("|".join(alts)), None) for s, alts in lex.status_cues.items())
    names = re.compile(rf"({'|'.join(sorted(map(re.escape, lex.languages), key=len, reverse=True))})"
                       rf"(?:{'|'.join(lex.language_suffixes)})")
    return _Cues(status, names, None)


def attach_facts(ctx: Context, table: Table) -> Table:
    holds: dict[Sentence, bool] = {}  # sentence -> whether it speaks of holding a meeting
    seen = _status_cues(ctx, holds)
    offers: dict[Sentence, int] = {}  # sentence -> where its first offer to host a meeting stands
    for at in sorted(occurrences(ctx.text, ctx.lex.offer_words), reverse=True):
        sentence = ctx.st.sentence_at(at)
        if _speaks_of_holding(ctx, sentence, holds):
            offers[sentence] = at
    acted = ctx.grammar.acted
    for d in table.drafts:
        for m in d.mentions:
            sentence = ctx.st.sentence_at(m.begin)
            for status, (b, e) in seen.get(sentence, {}).items():
                d.cue(status, b, e)
            if sentence in offers and m.begin > offers[sentence] and not m.anaphor:
                d.cue("proposed", offers[sentence], m.end)  # X has offered to host the Fourth Conference
            if _adopted_at(ctx, m):
                d.cue("held", m.begin, m.end)  # the text was adopted at its 10th meeting; 在签署国会议上通过
            if not m.anaphor and _has_record(ctx, m):
                d.cue("held", m.begin, m.end)  # Chair's summary - Second session; 专家会议的报告
            if not m.anaphor and (act := acted.match(ctx.text, m.end)):
                d.cue("held", m.begin, act.end())  # 第七次审议会议决定…: a meeting that decided something has met
    _languages(ctx, table)
    _durations(ctx, table)
    _hosts(ctx, table)
    return table


def _status_cues(ctx: Context, holds: dict[Sentence, bool]) -> dict[Sentence, dict[str, tuple[int, int]]]:
    """Sentence -> the status cues in it, each with where its first cue stands."""
    seen: dict[Sentence, dict[str, tuple[int, int]]] = {}
    text = ctx.text
    spaced = ctx.lex.spaced  # a cue must start a word
    for status, rx, heads in _cues(ctx.lex).status:
        for m in finditer_from(rx, text, heads):
            if spaced and m.start() and text[m.start() - 1].isalpha():
                continue  # "committed" does not contain the word "met"
            if status == "held" and text[max(0, m.start() - 3):m.start()] == "be ":
                continue  # "to be convened in" is not past
            sentence = ctx.st.sentence_at(m.start())
            if status == "proposed" and not _speaks_of_holding(ctx, sentence, holds):
                continue  # "should be reflected in the outcome of the 2015 Conference" proposes no meeting
            seen.setdefault(sentence, {}).setdefault(status, m.span())
    return seen


def _languages(ctx: Context, table: Table) -> None:
    """A sentence naming two languages or more and a language cue: the working languages of its meeting."""
    cues = _cues(ctx.lex)
    by_sentence: dict[Sentence, list[str]] = {}
    languages = ctx.lex.languages
    for m in finditer_from(cues.languages, ctx.text, cues.language_heads):
        by_sentence.setdefault(ctx.st.sentence_at(m.start()), []).append(languages[m.group(1)])
    for (sb, se), langs in by_sentence.items():
        if len(set(langs)) >= 2 and ctx.grammar.language_cue.search(ctx.text, sb, se):
            d = target(ctx, table, sb, se, verb_needed=False)
            if d and not d.meeting.languages:
                d.meeting.languages = list(dict.fromkeys(langs))
                d.note("languages", sb, se)


def _durations(ctx: Context, table: Table) -> None:
    for m in ctx.grammar.durations(ctx.text):
        days = _days(m, ctx.lex)
        d = target(ctx, table, m.start(), m.end(), verb_needed=False)
        if d and days and d.meeting.duration_days is None:
            d.meeting.duration_days = days
            d.note("duration_days", m.start(), m.end())


def _days(m: re.Match, lex: Lexicon) -> float | None:
    if m.groupdict().get("halfday"):
        return 0.5  # 为期半天
    raw = m.group("n")
    n = cn_to_int(raw) if raw and not raw.isascii() or (raw and raw.isdigit()) else lex.cardinals.get((raw or "").lower())
    if n is None:
        try:
            n = float(raw)
        except (TypeError, ValueError):
            return None
    return float(n) + (0.5 if m.group("half") else 0)


def _adopted_at(ctx: Context, m: Mention) -> bool:
    """Whether a text was adopted at the meeting: a past adoption right before (latin) or after (han) its name."""
    text, g = ctx.text, ctx.grammar
    if g.clause_marks:
        if not g.adopted_at.match(text, m.end):
            # 在2006年3月28日的组织会议上,委员会正式通过了议程: an act taken at it
            if not _act_at(ctx, m):
                return False
        sb, _ = ctx.st.sentence_at(m.begin)
        cb, _ = clause(ctx, sb, m.end, m.begin, m.end)
        return not g.not_yet.search(text, cb, m.begin)
    if g.adopted_at.search(text[max(0, m.begin - 40):m.begin]):
        return True
    # "at our organizational session, on 28 March 2006, the Commission formally adopted …": an act taken at it
    if g.at_meeting is None or not g.at_meeting.search(text, max(0, m.begin - 12), m.begin):
        return False
    _, se = ctx.st.sentence_at(m.begin)
    return _past_act(ctx, m.end, min(se, m.end + 100))


HAN_AT_CLAUSE = re.compile("上[,，](?P<clause>[^,，。;；]{1,30})")  # 在…会议上，委员会正式通过了议程


def _act_at(ctx: Context, m: Mention) -> bool:
    """在2006年3月28日的组织会议上，委员会正式通过了议程: the clause after 在…上 tells an act taken at it."""
    at = HAN_AT_CLAUSE.match(ctx.text, m.end)
    return bool(at) and _past_act(ctx, at.start("clause"), at.end("clause"))


def _past_act(ctx: Context, b: int, e: int) -> bool:
    """Whether text[b:e] (up to its first ';') holds a past act of the pack (adopted, decided, agreed …) as a word."""
    text = ctx.text
    stop = text.find(";", b, e)
    words = ctx.lex.meeting_words.get("acted", ())
    clause = text[b:stop if stop >= 0 else e]
    if not ctx.lex.spaced:
        return any(w in clause for w in words)
    return any(re.search(rf"\b{re.escape(w)}\b", clause) for w in words)


def _has_record(ctx: Context, m: Mention) -> bool:
    """Whether the words right before or after the name speak of the meeting's report or summary."""
    lex, text = ctx.lex, ctx.text
    if lex.record_before:
        before = text[max(0, m.begin - 24):m.begin].rstrip(" -–—:\\").lower()
        if before.endswith(lex.record_before):
            return True
    return bool(lex.record_after) and text.startswith(lex.record_after, m.end)


def _speaks_of_holding(ctx: Context, sentence: Sentence, holds: dict[Sentence, bool]) -> bool:
    """Whether the sentence speaks of holding a meeting (once per sentence: its words are few)."""
    if sentence not in holds:
        words = ctx.lex.holding_words
        sb, se = sentence
        holds[sentence] = not words or any(ctx.text.find(w, sb, se) >= 0 for w in words)
    return holds[sentence]


def _hosts(ctx: Context, table: Table) -> None:
    hosted: set[Sentence] = set()
    for at in sorted(occurrences(ctx.text, ctx.grammar.host_words)):
        sb, se = ctx.st.sentence_at(at)
        if (sb, se) not in hosted:
            hosted.add((sb, se))
            _host(ctx, table, sb, se, ctx.text[sb:se])


def _host_matches(ctx: Context, sentence: str):
    """The host pattern's .finditer(sentence), quicker: it is tried at every position and backtracks, so it
    is tried only in the stretch (without host_break characters) that holds the next host word; in a spaced
    script only at the word, and at the capitals before it when the sentence says "offered" (X offered to host)."""
    g = ctx.grammar
    rx, stop, words, reach = g.host, g.host_break, g.host_words, g.host_reach
    offer = any(w in sentence for w in g.host_offers)
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


def _host(ctx: Context, table: Table, sb: int, se: int, sentence: str) -> None:
    starts = ctx.place_starts
    for m in _host_matches(ctx, sentence):
        b, e = sb + m.start(), sb + m.end()
        states = [p for p in ctx.places[bisect.bisect_left(starts, b):bisect.bisect_left(starts, e)]
                  if p.kind == "country"]
        if not states:
            continue
        d = target(ctx, table, e - 1, se, verb_needed=False)
        if d:
            if d.meeting.host is None and states[0].country:
                d.meeting.host = states[0].country
                d.note("host", states[0].begin, states[0].end)
            if d.meeting.country is None and states[0].country:
                d.meeting.country = states[0].country
                d.note("country", states[0].begin, states[0].end)
