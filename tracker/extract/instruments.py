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
INSTRUMENT_RX = [(code, re.compile(rx)) for code, rx in INSTRUMENT_NAMES]


def find_instruments(text: str) -> list[tuple[str, int, int]]:
    """(instrument, begin, end) for every treaty named in `text`, in order."""
    out: list[tuple[str, int, int]] = []
    for code, rx in INSTRUMENT_RX:
        for m in rx.finditer(text):
            if not any(b <= m.start() < e for _, b, e in out):
                out.append((code, m.start(), m.end()))
    return sorted(out, key=lambda t: t[1])
