"""Facts about the document itself: subject tags, own symbol, title, kind, cited symbols, agenda items."""

from __future__ import annotations

import re
from collections import Counter

from tracker.domain import AgendaItem
from tracker.extract.instruments import find_instruments
from tracker.extract.normalize import Normalized
from tracker.extract.symbols import find_symbols, instrument_of_symbol

# %%%CLUSTER MUNITIONS|CONVENTIONAL WEAPONS|
SUBJECT_LINE = re.compile(r"^\s*%%%([^\n]*)")
# a numbered paragraph: "3." "12．"
NUMBERED = re.compile(r"^\s*\d{1,3}[.．]")
# (kind, pattern): checked in order on the document's header
KIND_CUES = [
    ("summary_record", re.compile(r"简要记录|summary\s+record|/SR\.\d", re.I)),
    ("agenda", re.compile(r"^\s*(?:临时|暂定)?议程(?:草案)?\s*$|^\s*(?:(?:revised\s+)?provisional\s+)?agenda\s*$", re.I | re.M)),
    ("work_programme", re.compile(r"工作方案|工作计划|programme\s+of\s+work|work\s+programme|plan\s+of\s+work", re.I)),
    ("draft_decisions", re.compile(r"决定草案|草案决定|draft\s+decisions?|possible\s+decisions|可能的决定", re.I)),
    ("report", re.compile(r"报告|\breport\b", re.I)),
    ("note", re.compile(r"说明|\bnote\s+by\b|\bnote\b", re.I)),
]
# a title that names a work programme or decisions is the document's title
TITLE_CUE = re.compile("|".join(rx.pattern for kind, rx in KIND_CUES if kind in ("work_programme", "draft_decisions")), re.I)
# 议程项目 11, 临时议程项目11; agenda item 5; Item 5 of the provisional agenda
ZH_AGENDA_REF = re.compile(r"议程项目\s*(\d{1,3}(?:\s*\([a-z]\))?)", re.I)
EN_AGENDA_REF = re.compile(r"agenda\s+item\s+(\d{1,3}(?:\s*\([a-z]\))?)"
                           r"|\bitem\s+(\d{1,3}(?:\s*\([a-z]\))?)\s+of\s+the\s+(?:provisional\s+)?agenda", re.I)
# the "m" of "item" before its number: every English reference has one, and this case-sensitive
# pattern is found fast, where the case-insensitive one is tried at every character
ITEM_NUMBER = re.compile(r"[Mm]\s+\d")
SENTENCE_END = re.compile(r"[。.;；]\s*$")
SR_SYMBOL = re.compile(r"/SR\.\d")
DIGIT = re.compile(r"\d")
LEADING_NUMBER = re.compile(r"\d+")
# what else may stand beside a symbol on a cover page
COVER_WORDS = re.compile(r"(?:Distr\.?\s*:?\s*\w+|General|Limited|Restricted|United\s+Nations|联合国|\W)*", re.I)
COVER_WORD_AFTER = re.compile(r"\s*(?:Distr\b|General\b|Limited\b|Original:)", re.I)


def header_end(norm: Normalized) -> int:
    """Index of the first body paragraph: the first numbered or long one."""
    for i, (b, e) in enumerate(norm.paragraphs):
        text = norm.text[b:e]
        long = e - b > norm.lex.long_paragraph and SENTENCE_END.search(text)
        if NUMBERED.match(text) or (long and i > 0):
            return i
    return len(norm.paragraphs)


def subjects(norm: Normalized) -> list[str]:
    m = SUBJECT_LINE.match(norm.text)
    if not m:
        return []
    return [s.strip() for s in m.group(1).split("|") if s.strip()]


def own_symbol(norm: Normalized, head: int) -> str | None:
    """A symbol standing on its own in the header (UN cover pages start with it)."""
    for b, e in norm.paragraphs[: max(head, 1) + 1]:
        para = norm.text[b:e]
        for sym, sb, se in find_symbols(para):
            rest = (para[:sb] + para[se:]).strip(" :-")
            if not rest or COVER_WORDS.fullmatch(rest):
                return sym
            if sb < 40 and (COVER_WORD_AFTER.match(para, se)
                            or (sb == 0 and not para.startswith("%%%"))):
                return sym  # a cover that lost its line breaks: "CCM/MSP/2011/SR.5 Distr.: General …"
    return None


def kind_of(norm: Normalized, head: int, symbol: str | None) -> str:
    lines = [norm.text[b:e] for b, e in norm.paragraphs[: max(head, 3)]]
    if symbol and SR_SYMBOL.search(symbol):
        return "summary_record"
    short = norm.lex.title_line  # a line this short may be a title ("Draft decisions", "临时议程")
    titles = "\n".join(line for line in lines if len(line.strip()) <= short)  # "Draft decisions", "临时议程"
    for text in (titles, "\n".join(lines)):
        for kind, rx in KIND_CUES:
            if rx.search(text):
                return kind
    return "other"


def title_of(norm: Normalized, head: int) -> str | None:
    """The longest header line that isn't a symbol, date or venue line; good enough to tell documents apart."""
    best = None
    for b, e in norm.paragraphs[: max(head, 1)]:
        line = norm.display(b, e)
        symbols = find_symbols(line)
        if not symbols and TITLE_CUE.search(line):
            return line
        if line.startswith("%%%") or symbols or DIGIT.search(line):
            continue
        if best is None or len(line) > len(best):
            best = line
    return best


def references(norm: Normalized) -> list[str]:
    seen: dict[str, None] = {}
    for sym, _, _ in find_symbols(norm.text):
        seen.setdefault(sym, None)
    return list(seen)


def instrument(norm: Normalized, symbol: str | None, refs: list[str]) -> str | None:
    """The treaty the document serves: its own symbol, else the cited symbols, else the names it uses most."""
    if symbol and instrument_of_symbol(symbol):
        return instrument_of_symbol(symbol)
    votes = Counter(i for i in (instrument_of_symbol(r) for r in refs) if i)
    if votes:
        return votes.most_common(1)[0][0]
    named = Counter(code for code, _, _ in find_instruments(norm.text))
    return named.most_common(1)[0][0] if named else None


def _en_agenda_refs(text: str):
    """EN_AGENDA_REF.finditer(text), trying the pattern only where a reference can start: at "item"
    or at the "agenda" before it, found from ITEM_NUMBER. Matches come in order and don't overlap."""
    pos = 0
    for a in ITEM_NUMBER.finditer(text):
        item = a.start() - 3
        if item < pos:
            continue
        b = item
        while b > 0 and text[b - 1].isspace():
            b -= 1
        for start in (b - 6, item):  # "agenda item 5", "item 5 of the agenda"
            if start >= pos:
                m = EN_AGENDA_REF.match(text, start)
                if m:
                    yield m
                    pos = m.end()
                    break


# "12. Dates and venue of the next meeting"
AGENDA_LINE = re.compile(r"\s*(\d{1,3})[.．]\s*(.+)")


def agenda_items(norm: Normalized, kind: str, head: int) -> list[AgendaItem]:
    """Items the document is filed under or discusses; in an agenda, its numbered lines."""
    items: dict[str, AgendaItem] = {}
    for m in [*ZH_AGENDA_REF.finditer(norm.text), *_en_agenda_refs(norm.text)]:
        number = "".join(m.group(m.lastindex).split())  # the one group that matched
        if number not in items:
            items[number] = AgendaItem(number, None)
    if kind == "agenda":
        for b, e in norm.paragraphs[head:]:
            m = AGENDA_LINE.match(norm.text, b, e)
            if m and len(m.group(2)) < 200:
                items[m.group(1)] = AgendaItem(m.group(1), norm.display(m.start(2), e).rstrip("。."))
    return sorted(items.values(), key=lambda a: (int(LEADING_NUMBER.match(a.number).group()), a.number))
