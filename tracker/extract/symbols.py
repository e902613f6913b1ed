"""UN document symbols: CCM/MSP/2010/PM/5, CCW/GGE.1/2019/3, A/C.1/60/L.48, …/Rev.1, /Add.2, /Corr.1."""

from __future__ import annotations

import re

from tracker.lang import available, lexicon

# body (CCW, A, BWC), then "/"-separated parts: MSP, GGE.1, 2019, L.48, CRP.2, Rev.1, SR.4, 3, CONF.1995
_PART = r"(?:[A-Z][A-Za-z]{0,7}(?:\.(?:\d{1,4}|[IVX]{1,5}))?|\d{1,4}(?:\.\d{1,3})?)"
# (ASCII boundaries: in Chinese a symbol runs straight into the next word, "CCW/GGE/2013/1号文件")
# The body's first capital is matched before the look-behind checks the character ahead of it: a
# pattern that opens with a character class lets the regex engine skip to the next capital.
_BODY = r"[A-Z](?<![A-Za-z0-9/.][A-Z])[A-Z]{0,5}(?:\.\d{1,3})?"
SYMBOL = re.compile(rf"{_BODY}(?:/{_PART})+(?![A-Za-z0-9])")
# an unfinished symbol: the last part is a blank (CCM/MSP/2010/……)
OPEN_SYMBOL = re.compile(rf"{_BODY}(?:/{_PART})*/(?=\s*(?:\.{{2,}}|…|_{{2,}}|\[))")

# a cover that lost its line breaks glues the date to the symbol: "CCW/MSP/2015/314 November 2015" is
# CCW/MSP/2015/3 dated 14 November; a month name (from the packs) and a year follow the day
_MONTHS = sorted({m for code in available() for m in lexicon(code).months}, key=len, reverse=True)
GLUED_DATE = re.compile(rf"\s?(?:{'|'.join(re.escape(m) for m in _MONTHS) or '(?!)'})\.?,?\s+\d{{4}}\b", re.I)
CONFIRMED_SPLITS = 3  # glued symbols checked against the whole text (a cover has one): the rest split by default
LAST_NUMBER = re.compile(r"/(\d{2,5})$")

INSTRUMENT_PREFIXES = {"CCM": "CCM", "CCW": "CCW", "APLC": "APMBC", "BWC": "BWC", "CWC": "CWC", "ATT": "ATT",
                       "NPT": "NPT", "C.W.C": "CWC"}


def _symbol_matches(text: str):
    """SYMBOL.finditer(text), with the regex tried only just before each "/": a symbol's body (_BODY,
    at most ten characters) runs straight into its first slash, and most of a text is far from any slash."""
    pos = 0
    while (slash := text.find("/", pos)) >= 0:
        # matches cut short at the slash's next character tell where a symbol can start; each start
        # is then matched in full (a failed one hides no other start: its body is no symbol's border)
        for near in SYMBOL.finditer(text, max(pos, slash - 10), slash + 2):
            m = SYMBOL.match(text, near.start())
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = slash + 1


def find_symbols(text: str) -> list[tuple[str, int, int]]:
    """Complete symbols cited in `text`: (symbol, begin, end). Needs a digit so 'and/or' or 'CCW/MSP' alone don't count."""
    out = []
    if "/" not in text:  # most lines of a header
        return out
    confirmations = CONFIRMED_SPLITS
    for m in _symbol_matches(text):
        sym = m.group().rstrip(".")
        if not any(c.isdigit() for c in sym) or text[m.end():m.end() + 1] == "/":
            continue
        if GLUED_DATE.match(text, m.start() + len(sym)):
            sym = _without_day(sym, text if confirmations > 0 else "")
            confirmations -= 1
        out.append((sym, m.start(), m.start() + len(sym)))
    return out


def _without_day(sym: str, text: str) -> str:
    """CCW/MSP/2015/314 before "November 2015": the symbol without the day glued to it. The split the text
    confirms elsewhere ("CCW/MSP/2015/3" standing alone) wins; else a two-digit day, else one."""
    m = LAST_NUMBER.search(sym)
    if not m:
        return sym
    digits, stem = m.group(1), sym[:m.start(1)]
    splits = [k for k in (len(digits) - 2, len(digits) - 1) if k > 0 and 1 <= int(digits[k:]) <= 31]
    for k in splits:
        candidate = stem + digits[:k]
        at = text.find(candidate)
        while at >= 0:
            nxt = text[at + len(candidate):at + len(candidate) + 1]
            if not nxt.isdigit() and nxt != "/":
                return candidate
            at = text.find(candidate, at + 1)
    return stem + digits[:splits[0]] if splits else sym


# what a symbol cut at its last "/" continues with on the next line: "Rev.1", "Add.2", "Corr.1"
ROW = 400  # the longest table row a column layout splits a symbol in
CONTINUATION = re.compile(r"[ \t]{0,3}((?:Rev|Add|Corr|Amend)\.\d{1,2})(?![\w/])")


def column_split_symbols(raw: str) -> list[tuple[str, int]]:
    """Symbols a column layout cut at a "/" ("CCW/GGE.1/2023/WP.2/" in a table cell, "Rev.1" under it on the
    next line, in the same column), joined again: (symbol, offset in `raw`). Other text is left alone."""
    out = []
    for m in _symbol_matches(raw):
        end = m.end()
        if raw[end:end + 1] != "/" or raw[end + 1:end + 2] not in (" ", "\t", "\n", "\r"):
            continue
        # a table row is short: lines looked for within a few hundred characters (linear on any text)
        line_start = raw.rfind("\n", max(0, m.start() - ROW), m.start()) + 1
        next_line = raw.find("\n", end, end + ROW)
        if next_line < 0 or (line_start == 0 and m.start() > ROW):
            continue
        column = m.start() - line_start
        after = raw.find("\n", next_line + 1, next_line + 1 + ROW)
        below = next_line + 1 + column
        if after < 0 or below >= after:
            continue
        c = CONTINUATION.match(raw, max(next_line + 1, below - 3), below + 12)
        if c:
            out.append((f"{m.group()}/{c.group(1)}", m.start()))
    return out


def is_symbol(value: str) -> bool:
    """Whether `value` is one whole, complete UN symbol."""
    m = SYMBOL.fullmatch(value.strip())
    return bool(m) and any(c.isdigit() for c in value)


def instrument_of_symbol(symbol: str) -> str | None:
    return INSTRUMENT_PREFIXES.get(symbol.split("/")[0].split(".")[0])
