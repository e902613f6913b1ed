"""Date grammar: text -> DateSpan(start, end, precision) with offsets, and clock times.

One signature for every language: `find_dates(text, lex)`, `find_times(text, lex)`. The pack's script
chooses the family module that finds candidates (han.py: 2013年4月22日至5月3日; latin.py: 22 April to
3 May 2013, du 3 au 14 novembre 2025), each built from the pack's words; resolve.py turns them into
spans the same way for all: candidates from every pattern are collected, the longest
non-overlapping ones kept, and then resolved in text order so that a year or month written once
carries to later dates ("2013年4月22日至5月3日", "同年10月", "the same year").

Relative expressions ("next year", 明年, "later this year") count from the document's own date,
`written`, passed in as data by the caller (never today's date); without it they give no span.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from tracker.domain import ClockTime, DateSpan
from tracker.extract.dates import han, latin
from tracker.extract.dates.resolve import (
    FULLWIDTH_DIGITS,
    Context,
    candidates,
    chosen,
    has_fullwidth_digit,
    matches,
    strip,
)
from tracker.lang import Lexicon, script_pack

FAMILIES = {"han": han, "latin": latin}  # script -> the module of its grammar


def _grammar(lex: Lexicon):
    return FAMILIES[lex.script].grammar(lex)


def find_dates(text: str, lex: Lexicon, default_year: int | None = None,
               written: date | None = None) -> list[DateSpan]:
    """Every date expression in `text`, in order; never raises. `default_year` is the year of a date
    written without one when no earlier date gives it; `written` the document's own date."""
    if has_fullwidth_digit(text):
        text = text.translate(FULLWIDTH_DIGITS)
    out = _spans(text, _grammar(lex), Context(default_year, written=written), lex.conjunctions)
    if lex.script != "latin":  # a han text quotes dates in latin letters too ("3 May 2000" on a bilingual cover)
        latin_pack = script_pack("latin")
        quoting = _grammar(latin_pack)
        quoted = _quoted(text, quoting, Context(default_year, written=written), latin_pack.conjunctions)
        if quoted:
            out = _merged(out, quoted)
    return out


QUOTE_REACH = 80  # characters after the last latin head word read before trying to stop there


def _quoted(text: str, grammar, ctx: Context, conjunctions: tuple[str, ...]) -> list[DateSpan]:
    """The latin dates with a letter in a text of another script (a bilingual cover's "3 May 2000").

    Each such date holds one of the grammar's heads, so none begins after the last head. The grammar
    is run only up to `cut`, a little after that head, when that provably gives the same dates as the
    whole text: every match found before `cut` ends by it (so none of those overlaps a match after it,
    and the longest-first choice before `cut` is the same), and the last date before it has its year
    (so no year is carried back to it from a date after `cut`). Dates after `cut` hold no letter and
    would be dropped; the context (year, month) only flows forward. Otherwise the whole text is read.
    (A bilingual cover quotes its English date line at the top: the latin grammar then reads ~200
    characters of a 3,000-character Chinese text.)"""
    heads = grammar.heads.finditer(text)
    last = next(heads, None)
    if last is None:
        return []
    for last in heads:  # noqa: B007 (the last one is wanted)
        pass
    cut = last.end() + QUOTE_REACH
    if cut <= len(text) // 2:  # worth trying only when it spares much of the text (a failed try is read twice)
        found = matches(text, grammar.patterns, grammar.starts(text, stop=cut))
        if all(q <= cut for _, _, _, q, _ in found):
            spans = _resolved(text, grammar, ctx, conjunctions, chosen(text, grammar.patterns, found))
            if not spans or spans[-1].start is not None:
                return [s for s in spans if _lettered(text, s)]
    return [s for s in _spans(text, grammar, ctx, conjunctions) if _lettered(text, s)]


def _spans(text: str, grammar, ctx: Context, conjunctions: tuple[str, ...]) -> list[DateSpan]:
    return _resolved(text, grammar, ctx, conjunctions, candidates(text, grammar.patterns, grammar.starts(text)))


def _resolved(text: str, grammar, ctx: Context, conjunctions: tuple[str, ...], chosen_matches: list) -> list[DateSpan]:
    """The chosen matches resolved in text order (each may set the context for the next), then years
    carried back."""
    found = []
    for _s, _e, _rank, kind, m in chosen_matches:
        try:
            span = grammar.resolve(kind, m, ctx)
        except (ValueError, OverflowError, KeyError, TypeError):
            span = None
        if span is not None:
            found.append((kind, m, strip(span, text)))
    return _years_carried_back(text, grammar, ctx, found, _joins(conjunctions))


@cache
def _joins(conjunctions: tuple[str, ...]) -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(conjunctions, key=len, reverse=True))
    return re.compile(rf"[\s,，、;；]*(?:(?:{words})[\s,，、]*)?" if words else r"[\s,，、;；]*")


def _years_carried_back(text: str, grammar, ctx: Context, found: list, joins: re.Pattern) -> list[DateSpan]:
    """A date written without its year takes the year of the date right after it when only a comma or a
    conjunction of the pack stands between ("2-5 April and 9-12 September 2024", 4月2日至5日和2024年9月9日至12日):
    the year is written once, at the end. Walked backwards, so a chain of such dates carries it to the first."""
    out = [span for _, _, span in found]
    for i in range(len(found) - 2, -1, -1):
        span, after = out[i], out[i + 1]
        if span.start is not None or after.start is None:
            continue
        if not joins.fullmatch(text, span.stop, after.begin):
            continue
        kind, m, _ = found[i]
        try:
            dated = grammar.resolve(kind, m, Context(after.start.year, written=ctx.written))
        except (ValueError, OverflowError, KeyError, TypeError):
            continue
        if dated is not None and dated.start is not None and (dated.end or dated.start) <= after.start:
            out[i] = strip(dated, text)
    return out


ASCII_LETTER = re.compile("[A-Za-z]")  # what c.isascii() and c.isalpha() is true for


def _lettered(text: str, span: DateSpan) -> bool:
    """A span with a latin letter in it: a month's name, not digits another grammar also reads."""
    return ASCII_LETTER.search(text, span.begin, span.stop) is not None


def _merged(first: list[DateSpan], second: list[DateSpan]) -> list[DateSpan]:
    """Both lists (each in order, without overlaps) in text order; a span of `second` overlapping one of
    `first` is dropped."""
    out: list[DateSpan] = []
    i = 0
    for s in second:
        while i < len(first) and first[i].stop <= s.begin:
            out.append(first[i])
            i += 1
        if i < len(first) and first[i].begin < s.stop:
            continue
        if out and out[-1].stop > s.begin:
            continue
        out.append(s)
    out.extend(first[i:])
    return out


def find_times(text: str, lex: Lexicon) -> list[ClockTime]:
    """Every clock time in order; a bare time after an afternoon one stays in the afternoon."""
    grammar = _grammar(lex)
    out: list[ClockTime] = []
    last: str | None = None
    if has_fullwidth_digit(text):
        text = text.translate(FULLWIDTH_DIGITS)
    for m in grammar.time_matches(text):
        t = grammar.time_of(m, text, last)
        if t:
            out.append(ClockTime(t, m.start(), m.end()))
            last = t
    return out
