"""Facts about the document itself: subject tags, own symbol, title, kind, cited symbols, agenda items."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from tracker.domain import AgendaItem
from tracker.extract.instruments import find_instruments
from tracker.extract.normalize import Normalized
from tracker.extract.structure import Label, is_item_list, item_heading, label_runs
from tracker.extract.symbols import column_split_symbols, find_symbols, instrument_of_symbol
from tracker.lang import available, lexicon

# %%%CLUSTER MUNITIONS|CONVENTIONAL WEAPONS|
SUBJECT_LINE = re.compile(r"^\s*%%%([^\n]*)")
# a numbered paragraph: "3." "12．"
NUMBERED = re.compile(r"^\s*\d{1,3}[.．]")
# the kinds a cover's words can name, in the order they are tried: (cue group in the packs, kind it gives);
# a note verbale is a note even when it transmits a report; an adopted resolution is neither report nor decisions,
# and a working paper is "other" even when its title speaks of a report
KIND_ORDER = (("summary_record", "summary_record"), ("agenda", "agenda"), ("work_programme", "work_programme"),
              ("draft_decisions", "draft_decisions"), ("note_verbale", "note"), ("resolution", "other"),
              ("paper", "other"), ("report", "report"), ("note", "note"))
AGENDA_LEAD = {True: 60, False: 20}
COVER_MAX = {True: 600, False: 300}  # the most a cover without line breaks runs (spaced script, han)  # how far before its "1." an agenda's heading stands, on the same line


@cache
def kind_cues() -> tuple[tuple[str, re.Pattern], ...]:
    """(kind, pattern) in KIND_ORDER, each pattern the cues of every pack (covers mix languages)."""
    packs = [lexicon(code) for code in available()]
    out = []
    for group, kind in KIND_ORDER:
        cues = [c for lex in packs for c in lex.kind_cues.get(group, ())]
        if cues:
            out.append((kind, re.compile("|".join(f"(?:{c})" for c in cues), re.I | re.M)))
    return tuple(out)


@cache
def title_cue() -> re.Pattern:
    """A title that names a work programme or decisions is the document's title."""
    return re.compile("|".join(rx.pattern for kind, rx in kind_cues() if kind in ("work_programme", "draft_decisions")),
                      re.I | re.M)


# 议程项目 11, 临时议程项目11; agenda item 5; Item 5 of the provisional agenda
# (the GA doubles letters past z: "Agenda item 99 (kk)")
ZH_AGENDA_REF = re.compile(r"议程项目\s*(\d{1,3}(?:\s*\([a-z]{1,2}\))?)", re.I)
EN_AGENDA_REF = re.compile(r"agenda\s+item\s+(\d{1,3}(?:\s*\([a-z]{1,2}\))?)"
                           r"|\bitem\s+(\d{1,3}(?:\s*\([a-z]{1,2}\))?)\s+of\s+the\s+(?:provisional\s+)?agenda", re.I)
# the "m" of "item" before its number: every English reference has one, and this case-sensitive
# pattern is found fast, where the case-insensitive one is tried at every character
ITEM_NUMBER = re.compile(r"[Mm]\s+\d")
SENTENCE_END = re.compile(r"[。.;；,，]\s*$")  # a preambular paragraph ends in a comma ("回顾其…决议,", "Recalling …,")
SR_SYMBOL = re.compile(r"/SR\.\d")
DIGIT = re.compile(r"\d")
LEADING_NUMBER = re.compile(r"\d+")


@cache
def cover_lines() -> tuple[re.Pattern, re.Pattern]:
    """From every pack's [document.words] (covers mix languages): what else may stand beside a symbol on a
    cover line (a distribution and its value, "Distr.: General"; "United Nations"; 联合国), and what shows,
    right after a symbol, that it is the cover's own ("Distr", "Original:")."""
    def words(key: str) -> list[str]:
        return [w for code in available() for w in lexicon(code).document_words.get(key, ())]

    def one_of(ws: list[str], after: str = "") -> list[str]:
        return [r"\s+".join(map(re.escape, w.split())) + after for w in ws]

    distr = [rf"{d}\.?\s*:?\s*\w+" for d in one_of(words("distribution"))]
    alone = re.compile("(?:" + "|".join([*distr, *one_of(words("cover_alone")), r"\W"]) + ")*", re.I)
    after = [*one_of(words("cover_after"), r"\b"), *one_of(words("cover_labels"), ":")]
    return alone, re.compile(rf"\s*(?:{'|'.join(after)})" if after else "(?!)", re.I)


COVER_REACH = 16  # how near a cover word stands to the symbol it frames


@cache
def cover_words() -> re.Pattern:
    """Every pack's cover words (covers mix languages), found near a symbol."""
    words = sorted({w for code in available() for w in lexicon(code).cover_words}, key=len, reverse=True)
    return re.compile(r"\W*(?:" + "|".join(re.escape(w) for w in words) + r")" if words else "(?!)", re.I)


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
            if not rest or cover_lines()[0].fullmatch(rest):
                return sym
            if sb < 40 and (cover_lines()[1].match(para, se)
                            or (sb == 0 and not para.startswith("%%%"))):
                return sym  # a cover that lost its line breaks: "CCM/MSP/2011/SR.5 Distr.: General …"
            if sb < 60 and (cover_words().search(para, max(0, sb - COVER_REACH), sb)
                            or cover_words().match(para, se, se + COVER_REACH)):
                return sym  # "联合国A/CONF.192/PC/44大会Distr.:General", "Distr. GENERAL FCCC/KP/CMP/2007/1"
    return None


def agenda_list(norm: Normalized, head: int, lists: list[list[Label]] | None = None) -> list[Label] | None:
    """An agenda's numbered items right after the cover: "Provisional agenda 1. Opening of the meeting 2. …".
    The list must start at 1 within the header's reach, run to three items or more, keep its items short
    (an agenda, not numbered paragraphs) and stand right after an agenda word of the pack."""
    if not norm.paragraphs:
        return None
    reach = norm.paragraphs[min(head, len(norm.paragraphs) - 1)][1]
    lex = norm.lex
    if lists is None:
        lists = label_runs(norm.text, refs=lex.label_references, joins=lex.label_joins)
    for run in lists:
        if run[0].start > reach or not is_item_list(run, lex.spaced):
            continue
        if any(w in _heading_before(norm.text, run[0].start, AGENDA_LEAD[lex.spaced]) for w in lex.agenda_words):
            return run
    return None


def _heading_before(text: str, start: int, reach_back: int) -> str:
    """What heads a list starting at `start`, lower case: the words before it on its line or, when the list
    opens a line, the two lines above ("Provisional agenda" / "Submitted by the President" / "1. Opening").
    Citations of one item ("item 9 of the agenda", 议程项目9) are removed: they head no list."""
    line = text.rfind("\n", max(0, start - 4 * reach_back), start) + 1
    if text[line:start].strip() or not line:
        lead = text[max(line, start - 2 * reach_back):start]
        return ZH_AGENDA_REF.sub("", EN_AGENDA_REF.sub("", lead))[-reach_back:].lower()
    above = line - 1
    for _ in range(2):
        above = text.rfind("\n", max(0, line - 4 * reach_back), max(0, above)) + 1 if above > 0 else 0
        above = above - 1 if above else 0
    lead = text[max(above, line - 4 * reach_back):start]
    return ZH_AGENDA_REF.sub("", EN_AGENDA_REF.sub("", lead)).lower()


def _cover(norm: Normalized, head: int, lists: Callable[[], list[list[Label]]] | None) -> list[tuple[int, int]]:
    """The spans of the cover: the header's lines, where a line that runs on (a cover that lost its line
    breaks, or a web excerpt on one line) stops at its first numbered paragraph or after COVER_MAX characters."""
    spans = []
    limit = COVER_MAX[norm.lex.spaced]
    for b, e in norm.paragraphs[:head]:
        if e - b > limit:
            body = next((r[0].start for r in (lists() if lists else [])
                         if r[0].style == "number" and len(r) >= 2 and b <= r[0].start < e), e)
            e = min(e, body, b + limit)
        spans.append((b, e))
    return spans


def kind_of(norm: Normalized, head: int, symbol: str | None,
            lists: Callable[[], list[list[Label]]] | None = None) -> str:
    """The document's kind from its cover's words, or an agenda's list after it. `lists` gives the text's
    numbered lists (Structure.lists) when the agenda test needs them."""
    # the cover: the lines before the first body paragraph (a text that opens with its body has none;
    # a heading further down a web page or a cable names a section, not the document)
    lines = [norm.text[b:e] for b, e in _cover(norm, head, lists)]
    if symbol and SR_SYMBOL.search(symbol):
        return "summary_record"
    short = norm.lex.title_line  # a line this short may be a title ("Draft decisions", "临时议程")
    titles = "\n".join(line for line in lines if len(line.strip()) <= short)  # "Draft decisions", "临时议程"
    cues = kind_cues()
    listed = None  # whether an agenda's list follows the cover, found once when first needed
    for text in (titles, "\n".join(lines)):
        for kind, rx in cues:
            if kind not in ("summary_record", "agenda"):
                if listed is None:
                    listed = agenda_list(norm, head, lists() if lists else None) is not None
                if listed:
                    return "agenda"
            if rx.search(text):
                return kind
    return "other"


def title_of(norm: Normalized, head: int) -> str | None:
    """The longest header line that isn't a symbol, date or venue line; good enough to tell documents apart."""
    best = None
    for b, e in norm.paragraphs[: max(head, 1)]:
        line = norm.display(b, e)
        symbols = find_symbols(line)
        if not symbols and title_cue().search(line):
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
    for sym, _ in column_split_symbols(norm.original):  # "…/WP.2/" in a table cell, "Rev.1" below it
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


# where an item's title ends: its sub-items' colon, a label, a sentence's end
TITLE_END = re.compile(r"[:：;；。]|\.\s|\s*\((?:[a-z]{1,2}|[ivx]{1,5})\)")
TITLE_MAX = 300


def _item_title(norm: Normalized, begin: int, end: int) -> str | None:
    end = min(end, begin + TITLE_MAX, norm.paragraphs[norm.paragraph_of(begin)][1] if norm.paragraphs else end)
    stop = TITLE_END.search(norm.text, begin, end)
    title = norm.display(begin, stop.start() if stop else end).rstrip("。.")
    return title or None


# "12. Dates and venue of the next meeting"
AGENDA_LINE = re.compile(r"\s*(\d{1,3})[.．]\s*(.+)")


def agenda_items(norm: Normalized, kind: str, head: int,
                 lists: list[list[Label]] | None = None) -> list[AgendaItem]:
    """Items the document is filed under or discusses; in an agenda, its numbered lines."""
    items: dict[str, AgendaItem] = {}
    for m in [*ZH_AGENDA_REF.finditer(norm.text), *_en_agenda_refs(norm.text)]:
        number = "".join(m.group(m.lastindex).split())  # the one group that matched
        if number not in items:
            items[number] = AgendaItem(number, None)
    for m in item_heading(norm.lex).finditer(norm.text):  # "Item 16. Review of …": the heading of an item
        number = "".join(m.group(1).split())
        items.setdefault(number, AgendaItem(number, _item_title(norm, m.end(), len(norm.text))))
    if kind == "agenda":
        for b, e in norm.paragraphs[head:]:
            m = AGENDA_LINE.match(norm.text, b, e)
            if m and len(m.group(2)) < 200:
                items[m.group(1)] = AgendaItem(m.group(1), norm.display(m.start(2), e).rstrip("。."))
        run = agenda_list(norm, head, lists) or []
        for lb, nxt in zip(run, [*run[1:], None], strict=False):  # an agenda that lost its line breaks
            end = nxt.start if nxt else norm.paragraphs[norm.paragraph_of(lb.start)][1]
            items[lb.label] = AgendaItem(lb.label, _item_title(norm, lb.end, end))
    return sorted(items.values(), key=lambda a: (int(LEADING_NUMBER.match(a.number).group()), a.number))
