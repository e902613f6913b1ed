"""Which treaty a name or symbol belongs to."""

from __future__ import annotations

import re

# ordered: the longer, more specific names first
INSTRUMENT_NAMES = [
    ("CCM", r"集束弹药公约|Convention\s+on\s+Cluster\s+Munitions|Cluster\s+Munitions\s+Convention"),
    ("APMBC", r"杀伤人员地雷公约|禁雷公约|渥太华公约|Anti-Personnel\s+Mine\s+Ban\s+Convention|Mine\s+Ban\s+Convention"
              r"|Ottawa\s+Convention|Anti-Personnel\s+Mines?\s+Convention|Convention\s+on\s+the\s+Prohibition\s+of\s+the\s+Use,\s+Stockpiling"),
    ("CCW", r"特定常规武器公约|常规武器公约|Convention\s+on\s+(?:Prohibitions\s+or\s+Restrictions\s+on\s+the\s+Use\s+of\s+)?Certain\s+Conventional\s+Weapons|\bCCW\b"),
    ("BWC", r"生物武器公约|生物和毒素武器公约|Biological\s+(?:and\s+Toxin\s+)?Weapons\s+Convention|\bBWC\b"),
    ("CWC", r"化学武器公约|Chemical\s+Weapons\s+Convention|\bCWC\b"),
    ("ATT", r"武器贸易条约|Arms\s+Trade\s+Treaty|\bATT\b"),
    ("NPT", r"不扩散核武器条约|Non-Proliferation\s+Treaty|\bNPT\b"),
    ("CCM", r"\bCCM\b"),
    ("APMBC", r"\bAPMBC\b|\bAPLC\b"),
]
# one pass over the text: each alternative is a named group "i<n>" standing for INSTRUMENT_NAMES[n]
# (the look-ahead lets the engine skip every position that cannot start a name)
INSTRUMENT_RX = re.compile("(?=[集杀禁渥特常生化武不ACMOBNTP])(?:" + "|".join(
    f"(?P<i{n}>{rx})" for n, (_, rx) in enumerate(INSTRUMENT_NAMES)) + ")")


def find_instruments(text: str) -> list[tuple[str, int, int]]:
    """(instrument, begin, end) for every treaty named in `text`, in order."""
    return [(INSTRUMENT_NAMES[int(m.lastgroup[1:])][0], m.start(), m.end()) for m in INSTRUMENT_RX.finditer(text)]
