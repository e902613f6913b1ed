"""Meeting mentions: names (缔约国第二次会议, the Second Meeting of States Parties, 第4次会议,
the 4th meeting) and anaphors (该次会议, the meeting) with kind, ordinal, year and treaty."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.extract.instruments import find_instruments
from tracker.extract.lexicon import finditer_in, windows
from tracker.extract.numerals import EN_ORDINAL, NUMBER, cn_to_int, en_ordinal

# core word -> kind; longest alternatives first inside the regexes below
ZH_CORES = {
    "缔约国会议": "meeting_of_states_parties", "缔约国大会": "meeting_of_states_parties",
    "缔约方会议": "meeting_of_states_parties", "缔约国年度会议": "meeting_of_states_parties",
    "缔约国特别会议": "meeting_of_states_parties", "缔约国审议会议": "review_conference",
    "审议会议": "review_conference", "审查会议": "review_conference", "审议大会": "review_conference",
    "闭会期间会议": "intersessional", "闭会期间工作会议": "intersessional",
    "筹备会议": "preparatory", "筹备委员会": "preparatory", "筹备会": "preparatory",
    "政府专家小组": "expert_group", "政府专家组": "expert_group", "专家小组": "expert_group",
    "专家会议": "expert_group", "常设委员会": "standing_committee", "年度会议": "meeting_of_states_parties",
    "全体会议": "plenary", "联合国大会": "other", "讲习班": "other", "研讨会": "other", "全球会议": "other", "区域会议": "other", "国际会议": "other",
}
# 2009年缔约国会议, 缔约国第二次会议, 第十二次缔约国会议, 第二次审议会议, 第4次会议, 非正式闭会期间会议:
# the core word is found first, then what stands before it
ZH_CORE = re.compile(rf"(?=[缔审闭筹政专常联全区国年会讲研])(?P<core>{'|'.join(sorted(ZH_CORES, key=len, reverse=True))}|会议)(?P<suf>届会|会议)?")
ZH_PREFIX = re.compile(
    rf"(?:(?P<year>\d{{4}})年(?:的)?)?(?P<pre>非正式|正式|非常规|非洲区域|亚洲区域|区域|国家|次区域)?(?P<msp>缔约国|缔约方)?"
    rf"(?:(?P<year2>\d{{4}})年)?(?:第(?P<ord>{NUMBER})(?:次|届))?\Z"
)
# 该次会议, 这次会议, 本次会议
ZH_ANAPHOR = re.compile(r"(?:该次|这次|此次|本次|该|这一次|上述)会议|该届会议|本届会议")

EN_CORES = [
    (r"Meeting\s+of\s+(?:the\s+)?(?:States\s+Parties|High\s+Contracting\s+Parties)", "meeting_of_states_parties"),
    (r"(?:Annual\s+)?Conference\s+of\s+(?:the\s+)?(?:States\s+Parties|High\s+Contracting\s+Parties)", "meeting_of_states_parties"),
    (r"Review\s+Conference", "review_conference"),
    (r"[Ii]ntersessional\s+[Mm]eetings?", "intersessional"),
    (r"[Pp]reparatory\s+(?:[Mm]eeting|[Cc]ommittee)", "preparatory"),
    (r"Group\s+of\s+Governmental\s+Experts|Meeting\s+of\s+(?:the\s+)?Experts|[Ee]xpert\s+[Mm]eeting", "expert_group"),
    (r"Standing\s+Committees?(?:\s+on\s+[A-Z][\w-]*(?:\s+(?:and|of|the|[A-Z][\w-]*))*)?", "standing_committee"),
    (r"General\s+Assembly", "other"),
    (r"Global\s+Conference|Regional\s+Conference|[Ww]orkshop|[Ss]eminar", "other"),
]
EN_CORE = re.compile(
    r"(?=[AMCRIiPpGEeSmWw])(?P<core>" + "|".join(f"(?P<k{i}>{rx})" for i, (rx, _) in enumerate(EN_CORES))
    + r"|(?:plenary\s+)?(?P<plenary>meeting)\b|(?P<bare>Meeting)\b(?!\s+of\b))"
)
# "the 2009 ", "the Twelfth ", "the 4th " before a core
EN_PREFIX = re.compile(rf"(?:\b(?P<year>(?:19|20)\d\d) +)?(?:\b(?P<ord>(?i:{EN_ORDINAL})) +)?\Z")
EN_ANAPHOR = re.compile(r"(?=[Tts])(?:[Tt]he|[Tt]hat|[Tt]his|said) (?:Meeting|meeting|Conference|session|Session)\b(?! of\b)")
# every English name or anaphor contains one of these: the grammars run only around them
EN_CORE_ANCHOR = re.compile(r"eeting|onference|ntersessional|reparatory|overnmental|xpert|ommittee|ssembly|orkshop|eminar|ession")


@dataclass
class Mention:
    kind: str | None  # None for an anaphor
    name: str
    begin: int
    end: int
    ordinal: int | None = None
    year: int | None = None
    instrument: str | None = None
    anaphor: bool = False
    core: str = ""  # the generic part of the name (全球会议, General Assembly): tells "other" meetings apart


def _instrument_near(text: str, begin: int, end: int, zh: bool, named: list) -> str | None:
    """A treaty named right before (《禁雷公约》闭会期间会议) or right after (…of the Convention on …)."""
    window_after = 12 if zh else 40
    for code, ib, ie in named:
        if ie < begin - 14 or ib > end + window_after:
            continue
        before = text[ie:begin]
        after = text[end:ib]
        if ie <= begin and re.fullmatch(r"[》\s]*(?:的)?", before):
            return code
        if ib >= end and (re.fullmatch(r"\s*(?:关于|有关)?\s*《?", after)
                          or re.fullmatch(r"\s*(?:of|to|under)\s+(?:the\s+)?", after)):
            return code
    return None


ZH_PREFIX_ENDS = set("年的式规域家国方次届")
EN_PREFIX_WORD = re.compile(r"(?:\d|st|nd|rd|th|(?i:first|second|third|fifth|ninth|twelfth|teenth|tieth|eighth)) +\Z")


def _names(text: str, zh: bool):
    """(start, end, groups) of each meeting name: its core word, then what qualifies it before."""
    core_rx, prefix_rx, reach = (ZH_CORE, ZH_PREFIX, 24) if zh else (EN_CORE, EN_PREFIX, 40)
    cores = core_rx.finditer(text) if zh else finditer_in(core_rx, text, windows(text, EN_CORE_ANCHOR, 30, 90))
    for c in cores:
        before = text[c.start() - 1:c.start()]
        # most names have no prefix: look for one only when the character before could end it
        could = before in ZH_PREFIX_ENDS if zh else (before == " " and EN_PREFIX_WORD.search(text, max(0, c.start() - 16), c.start()))
        p = prefix_rx.search(text, max(0, c.start() - reach), c.start()) if could else None
        g = c.groupdict()
        start = c.start()
        if p is not None:
            g.update({k: v for k, v in p.groupdict().items() if v})
            start = p.start()
        yield start, c.end(), g


def find_mentions(text: str, lang: str) -> list[Mention]:
    """Meeting names and anaphors in text order."""
    zh = lang == "zh"
    out: list[Mention] = []
    named = find_instruments(text)
    for start, end, g in _names(text, zh):
        ordinal = (cn_to_int(g["ord"]) if zh else en_ordinal(g["ord"])) if g.get("ord") else None
        if zh:
            core = g["core"]
            if core == "会议":
                alone = (start == 0 or text[start - 1] == "\n") and text[end:end + 1] in ("", "\n")
                if g.get("msp") or (g.get("year") and alone):  # 缔约方2013年会议; a cover line "2013年会议"
                    kind = "meeting_of_states_parties"
                elif ordinal is not None:
                    kind = "plenary"
                else:
                    continue
            else:
                kind = ZH_CORES[core]
                if kind == "plenary" and ordinal is None:
                    continue  # "举行了4次全体会议" counts meetings, it names none
        else:
            if g.get("plenary"):
                if ordinal is None:
                    continue
                kind = "plenary"
            elif g.get("bare"):  # "the 2012 Meeting", "the Second Meeting": a numbered meeting of the parties
                if ordinal is None and not g.get("year"):
                    continue
                kind = "meeting_of_states_parties"
            else:
                kind = next(k for i, (_, k) in enumerate(EN_CORES) if g.get(f"k{i}"))
        year = int(g.get("year") or g.get("year2") or 0) or None
        name = text[start:end]
        inst = None if kind in ("plenary",) or (kind == "other" and "大会" in name + "Assembly") else \
            _instrument_near(text, start, end, zh, named)
        core = re.sub(r"\s+", " ", g["core"]).lower()
        out.append(Mention(kind, name, start, end, ordinal, year, inst, core=core))
    anaphors = ZH_ANAPHOR.finditer(text) if zh else finditer_in(EN_ANAPHOR, text, windows(text, EN_CORE_ANCHOR, 14, 12))
    covered = bytearray(len(text) + 1)  # 1 under every name already found
    for x in out:
        covered[x.begin:x.end] = b"\x01" * (x.end - x.begin)
    for m in anaphors:
        if covered.find(1, m.start(), m.end()) == -1:
            out.append(Mention(None, m.group(), m.start(), m.end(), anaphor=True))
    return sorted(out, key=lambda x: x.begin)
