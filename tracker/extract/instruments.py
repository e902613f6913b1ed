"""Which treaty a name or symbol belongs to."""

from __future__ import annotations

import re


def whole_word(w: str) -> str:
    r"""`w` as a whole word, like \bw\b, but opening with its first letter: the look-behind that stands
    for the leading \b comes after that letter, so an alternation of such words still opens with
    literals, and a search skips straight to them."""
    return rf"{w[0]}(?<!\w{w[0]}){w[1:]}\b"


# ordered: the longer, more specific names first
INSTRUMENT_NAMES = [
    ("CCM", r"集束弹药公约|Convention\s+on\s+Cluster\s+Munitions|Cluster\s+Munitions\s+Convention"),
    ("APMBC", r"杀伤人员地雷公约|禁雷公约|渥太华公约|Anti-Personnel\s+Mine\s+Ban\s+Convention|Mine\s+Ban\s+Convention"
              r"|Ottawa\s+Convention|Anti-Personnel\s+Mines?\s+Convention|Convention\s+on\s+the\s+Prohibition\s+of\s+the\s+Use,\s+Stockpiling"),
    ("CCW", r"特定常规武器公约|常规武器公约|Convention\s+on\s+(?:Prohibitions\s+or\s+Restrictions\s+on\s+the\s+Use\s+of\s+)?Certain\s+Conventional\s+Weapons|"
            + whole_word("CCW")),
    ("BWC", r"生物武器公约|生物和毒素武器公约|Biological\s+(?:and\s+Toxin\s+)?Weapons\s+Convention|" + whole_word("BWC")),
    ("CWC", r"化学武器公约|Chemical\s+Weapons\s+Convention|" + whole_word("CWC")),
    ("ATT", r"武器贸易条约|Arms\s+Trade\s+Treaty|" + whole_word("ATT")),
    ("NPT", r"不扩散核武器条约|Non-Proliferation\s+Treaty|" + whole_word("NPT")),
    ("CCM", whole_word("CCM")),
    ("APMBC", whole_word("APMBC") + "|" + whole_word("APLC")),
]
# Every alternative opens with a literal, so one bare alternation of them all lets the regex engine
# skip straight to the characters that can start a name; WHICH then tells, at each name found, which
# treaty it is: its alternatives are named groups "i<n>" standing for INSTRUMENT_NAMES[n].
SCAN = re.compile("|".join(rx for _, rx in INSTRUMENT_NAMES))
WHICH = re.compile("|".join(f"(?P<i{n}>{rx})" for n, (_, rx) in enumerate(INSTRUMENT_NAMES)))


def find_instruments(text: str) -> list[tuple[str, int, int]]:
    """(instrument, begin, end) for every treaty named in `text`, in order."""
    out = []
    for m in SCAN.finditer(text):
        which = WHICH.match(text, m.start()).lastgroup
        out.append((INSTRUMENT_NAMES[int(which[1:])][0], m.start(), m.end()))
    return out
