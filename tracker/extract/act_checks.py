"""Whether a verb of deciding is an act the document takes or records: its subject, its form (not
passive, attributive or negated), its status, and what makes it no act (a recall, reported speech, a
chair's suggestion, history retold: an act dated two or more years back, or another meeting's).
"""

from __future__ import annotations

import bisect
import re

from tracker.extract.act_scripts import ACTOR_REACH, clause_start
from tracker.extract.act_words import RECORDS, ActDoc

# a year standing alone, not inside a symbol ("CCW/MSP/2024/7") or a longer number: "in 1995", "2000年"
YEAR_SCAN = re.compile(r"(?:19|20)\d\d")  # what year_scan finds (by str.find); its edges are checked after
YEAR_EDGE = frozenset("0123456789/")
YEAR_LEADS = ("19", "20")  # what every YEAR_SCAN match opens with (year_scan)
QUOTE_ANY = re.compile(r"[“\"「『‘]")
YEAR_REACH = 600  # how far before a verb the year that dates it may stand


def has_actor(doc: ActDoc, sb: int, v0: int) -> bool:
    """The verb's subject is a body or its presiding officer (where it stands: the script's procedure)."""
    return doc.script.has_actor(doc, sb, v0)


def verb_fits(doc: ActDoc, v0: int, v1: int, sb: int, se: int) -> bool:
    """Not passive, attributive or negated ("was adopted", "the agreed text", "not adopted", 通过的)."""
    return doc.script.verb_fits(doc, v0, v1, sb, se)


def status_of(doc: ActDoc, verb: str, v1: int, noun: str | None, operative: bool) -> str:
    w, text = doc.w, doc.st.norm.text
    if verb in w.proposing:
        return "proposed"
    after = text[v1:v1 + 24].lstrip(" ,，").lower()
    if doc.script.deferred(w, after):
        return "deferred"  # "decided to defer consideration of …", "会议决定，…推迟至…"
    if noun is not None or verb in w.past or doc.script.taken(doc, verb, v1):
        return "adopted"
    if doc.adopted or (doc.kind in RECORDS and not doc.draft):
        return "adopted"
    if doc.script.narrated(doc, operative):
        return "adopted"  # no tense: "主席团同意，…" narrates an act taken, like "The Bureau agreed"
    return "proposed"


def is_history(doc: ActDoc, v0: int) -> bool:
    """An act dated two or more years before the document is history retold, not a decision of it."""
    if doc.year is None:
        return False
    p = doc.st.norm.paragraph_of(v0)
    lo = max(doc.st.norm.paragraphs[p][0] if doc.st.norm.paragraphs else 0, v0 - YEAR_REACH)
    years = _years(doc)
    k = bisect.bisect_left(years, (v0, 0)) - 1  # the last year named before the verb
    return k >= 0 and years[k][0] >= lo and years[k][1] <= doc.year - 2


def _years(doc: ActDoc) -> list[tuple[int, int]]:
    if doc.years is None:
        text = doc.st.norm.text
        n = len(text)
        doc.years = [(at, int(text[at:at + 4])) for at in year_scan(text)
                     if (at == 0 or text[at - 1] not in YEAR_EDGE)
                     and (at + 4 == n or text[at + 4] not in YEAR_EDGE)
                     and text[at - 1:at + 5] != f"({text[at:at + 4]})"]  # "resolution 255 (1968)" dates no act
    return doc.years


def year_scan(text: str) -> list[int]:
    """Where YEAR_SCAN.finditer(text) matches, found with str.find: each "19" or "20" in text order that two
    digits follow (\\d: str.isdecimal), a match skipping past itself as finditer does. The regex engine tries
    every character (the pattern opens with no single literal); str.find skips to the few places that can match."""
    starts: list[int] = []
    for lead in YEAR_LEADS:
        i = text.find(lead)
        while i >= 0:
            starts.append(i)
            i = text.find(lead, i + 1)
    starts.sort()
    out: list[int] = []
    pos = 0
    for at in starts:
        if at >= pos and text[at + 2:at + 3].isdecimal() and text[at + 3:at + 4].isdecimal():
            out.append(at)
            pos = at + 4
    return out


def other_meetings_act(doc: ActDoc, sb: int, v0: int, v1: int) -> bool:
    """An act of another meeting named with its ordinal or year ("The Fourth Meeting of States Parties,
    held in Lusaka, decided …") is history retold, unless its wording is quoted ("decided to organize
    “…”"), which makes it the cited mandate; "at its 10th meeting" and plenary meetings are the body's own."""
    w, text = doc.w, doc.st.norm.text
    if QUOTE_ANY.search(text, v1, v1 + 40):
        return False
    return any(not doc.script.own(w, text, m) for m in w.other_meeting.finditer(text, max(sb, v0 - ACTOR_REACH), v0))


def cites_its_source(doc: ActDoc, sb: int, v0: int, v1: int) -> bool:
    """ "In its resolution 79/62, the General Assembly decided …", "大会在第79/62号决议中决定…": the act is
    retold from the resolution or decision it cites, not taken in this document (unless quoted)."""
    w, text = doc.w, doc.st.norm.text
    if w.citing is None or QUOTE_ANY.search(text, v1, v1 + 40):
        return False
    return bool(w.citing.search(text, max(sb, v0 - ACTOR_REACH), v0))


def after_past_meeting(doc: ActDoc, sb: int) -> bool:
    """ "The Fourth Meeting was held in Lusaka in 2013. It decided …", "…于2012年在日内瓦举行。会议决定，…":
    the sentence before tells of a meeting held in the past, so the act is that meeting's, retold."""
    if sb == 0:
        return False
    st, w = doc.st, doc.w
    pb, pe = st.sentence_at(sb - 1)
    i = st.norm.paragraph_of(sb)
    if i in st.numbers and st.norm.paragraphs[i][0] == sb:
        return False  # a new numbered paragraph; a wrapped line is no break in the narrative
    before = st.norm.text[pb:pe].lower()
    if not any(h in before for h in w.held) or any(f in before for f in w.future):
        return False
    years = _years(doc)
    k = bisect.bisect_left(years, (pb, 0))
    if doc.year is not None and any(y < doc.year for _, y in years[k:bisect.bisect_left(years, (pe, 0))]):
        return True  # held in an earlier year
    return any(not doc.script.own(w, st.norm.text, m) for m in w.other_meeting.finditer(st.norm.text, pb, pe))


def recalled(doc: ActDoc, sb: int, v0: int, verb: str) -> bool:
    """ "Recalling that the Meeting decided …" (回顾…决定) retells an act."""
    return doc.script.recalled(doc, sb, v0, verb)


def reported(doc: ActDoc, sb: int, v0: int) -> bool:
    """ "中岛先生欢迎会议通过报告": the act is the object of someone's words, not recorded as taken."""
    return doc.script.reported(doc, sb, v0)


def officer_acts(doc: ActDoc, sb: int, v0: int) -> bool:
    """Whether the subject of a recommending verb is a presiding officer (主席建议, "the President recommends")."""
    text = doc.st.norm.text
    b = clause_start(text, sb, v0)
    return bool(doc.w.officers.search(text, b, v0)) and not doc.w.actors.search(
        doc.w.officers.sub("", text[b:v0]))
