"""Which treaty a name or symbol belongs to."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from tracker.lang import available, lexicon


def whole_word(w: str) -> str:
    r"""`w` as a whole word, like \bw\b, but opening with its first letter: the look-behind that stands
    for the leading \b comes after that letter, so an alternation of such words still opens with
    literals, and a search skips straight to them."""
    return rf"{w[0]}(?<!\w{w[0]}){w[1:]}\b"


def _written(name: str) -> str:
    """A treaty's name as a regex: its words with any run of whitespace between them; an abbreviation
    (all capitals: CCW) only as a whole word."""
    if name.isupper() and " " not in name:
        return whole_word(name)
    return r"\s+".join(map(re.escape, name.split()))


@cache
def _names() -> tuple[list[str], re.Pattern, re.Pattern]:
    """Every pack's treaty names (the packs' [instruments]): the code of each group, a scan for any name and a
    regex telling which group a name found belongs to.

    Every alternative opens with a literal, so one bare alternation of them all lets the regex engine skip
    straight to the characters that can start a name; WHICH then tells, at each name found, which treaty it
    is: its alternatives are named groups "i<n>" standing for the n-th group (one per pack and code)."""
    groups = [(code, "|".join(map(_written, names))) for code_ in available()
              for code, names in lexicon(code_).instruments.items() if names]
    scan = re.compile("|".join(rx for _, rx in groups))
    which = re.compile("|".join(f"(?P<i{n}>{rx})" for n, (_, rx) in enumerate(groups)))
    return [code for code, _ in groups], scan, which


@lru_cache(maxsize=1)
def find_instruments(text: str) -> tuple[tuple[str, int, int], ...]:
    """(instrument, begin, end) for every treaty named in `text`, in order. The last text's answer is kept:
    the document stage and the mention stage both ask it of the same text (a tuple, so no caller can change
    what the other reads)."""
    codes, scan, which = _names()
    out = []
    for m in scan.finditer(text):
        group = which.match(text, m.start()).lastgroup
        out.append((codes[int(group[1:])], m.start(), m.end()))
    return tuple(out)
