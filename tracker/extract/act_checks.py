"""Whether a verb of deciding is an act the document takes or records: its subject, its form (not
passive, attributive or negated), its status, and what makes it no act (a recall, reported speech, a
chair's suggestion, history retold: an act dated two or more years back, or another meeting's).
"""

from __future__ import annotations

import bisect
import re

from tracker.extract.act_words import RECORDS, ActDoc, ActWords

# a year standing alone, not inside a symbol ("CCW/MSP/2024/7") or a longer number: "in 1995", "2000年"
YEAR_SCAN = re.compile(r"(?:19|20)\d\d")  # no look-around: the engine skips to a "1" or "2"; edges checked after
YEAR_EDGE = frozenset("0123456789/")
WORD = re.compile(r"[\w'-]+")
QUOTE_ANY = re.compile(r"[“\"「『‘]")
# a date between a Chinese actor and its verb: "会议于2014年12月5日决定"
ZH_GAP_DATE = re.compile(r"于[^,。;:]{1,20}?[年月日]$")
ACTOR_REACH = 400  # how far before a verb its subject may start
HAN_ACTOR_REACH = 60  # a Chinese subject stands right before its verb, after adverbs and a date
YEAR_REACH = 600  # how far before a verb the year that dates it may stand


def has_actor(doc: ActDoc, sb: int, v0: int) -> bool:
    """The verb's subject is a body or its presiding officer: in the clause before the verb, or the
    sentence's first clause ("The Meeting, having considered …, decided")."""
    st, w = doc.st, doc.w
    text = st.norm.text
    lo = max(sb, v0 - ACTOR_REACH)
    if w.han:
        before = text[max(sb, v0 - HAN_ACTOR_REACH):v0].rstrip()
        while True:  # "会议一致同意", "会议于2014年12月5日决定"
            trimmed = before
            for a in w.adverbs:
                if trimmed.endswith(a):
                    trimmed = trimmed[: -len(a)].rstrip()
                    break
            date = ZH_GAP_DATE.search(trimmed, max(0, len(trimmed) - 24))
            if date:
                trimmed = trimmed[: date.start()].rstrip()
            if trimmed == before:
                break
            before = trimmed
        return before.endswith(w.actor_words)
    before = text[lo:v0]
    low = before.lower().rstrip()
    if any(low.endswith(p) for p in w.impersonal):
        return True
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    if w.actors.search(before, cut + 1 if cut >= 0 else 0):
        return True
    first = before.find(",")
    return first > 0 and bool(w.actors.search(before, 0, first))


def _adverb(w: ActWords, word: str) -> bool:
    """ "formally", "also", "then": a word between a subject and its verb ("Assembly" is no adverb)."""
    return word in w.adverbs or (word.endswith("ly") and word not in w.actor_words)


def verb_fits(doc: ActDoc, v0: int, v1: int, sb: int, se: int) -> bool:
    """Not passive, attributive or negated ("was adopted", "the agreed text", "not adopted"), not a
    participle with its agent ("adopted by the Assembly"), not attributive in Chinese (通过的)."""
    w, text = doc.w, doc.st.norm.text
    if w.han:
        after = text[v1:v1 + 3]
        return not any(after.startswith(a) for a in w.not_after)
    before = WORD.findall(text[max(sb, v0 - 60):v0])
    while before and _adverb(w, before[-1].lower()):
        before.pop()
    prev = before[-1].lower() if before else ""
    after_text = text[v1:min(se, v1 + 40)].lower()
    impersonal = any(text[max(sb, v0 - 20):v0].lower().rstrip().endswith(p) for p in w.impersonal)
    if prev in w.not_before and not impersonal:
        return False
    nxt = WORD.findall(after_text)
    if nxt and nxt[0] in w.not_after and not any(after_text.lstrip().startswith(ok) for ok in w.after_ok):
        return False
    return True


def status_of(doc: ActDoc, verb: str, v1: int, noun: str | None, operative: bool) -> str:
    w, text = doc.w, doc.st.norm.text
    if verb in w.proposing:
        return "proposed"
    after = text[v1:v1 + 24].lstrip(" ,，").lower()
    if w.han:  # "会议决定，第19段的审议推迟至…": the deferral stands in the act's first clause
        if any(x in re.split(r"[,，。;]", after, maxsplit=1)[0] for x in w.deferring):
            return "deferred"
    elif any(after.startswith(x) for x in w.deferring):
        return "deferred"  # "decided to defer consideration of …", "会议决定，…推迟至…"
    if noun is not None or verb in w.past:
        return "adopted"
    if w.han and (any(text.startswith(t, v1) for t in w.taken) or any(text.endswith(t, 0, v1 - len(verb))
                                                                       for t in w.taken)):
        return "adopted"
    if doc.adopted or (doc.kind in RECORDS and not doc.draft):
        return "adopted"
    if w.han and not operative and not doc.draft:
        return "adopted"  # Chinese marks no tense: "主席团同意，…" narrates an act taken, like "The Bureau agreed"
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
        doc.years = [(y.start(), int(y.group(0))) for y in YEAR_SCAN.finditer(text)
                     if (y.start() == 0 or text[y.start() - 1] not in YEAR_EDGE)
                     and (y.end() == n or text[y.end()] not in YEAR_EDGE)
                     and text[y.start() - 1:y.end() + 1] != f"({y.group(0)})"]  # "resolution 255 (1968)" dates no act
    return doc.years


def other_meetings_act(doc: ActDoc, sb: int, v0: int, v1: int) -> bool:
    """An act of another meeting named with its ordinal or year ("The Fourth Meeting of States Parties,
    held in Lusaka, decided …") is history retold, unless its wording is quoted ("decided to organize
    “…”"), which makes it the cited mandate; "at its 10th meeting" and plenary meetings are the body's own."""
    w, text = doc.w, doc.st.norm.text
    if QUOTE_ANY.search(text, v1, v1 + 40):
        return False
    return any(not _own(w, text, m) for m in w.other_meeting.finditer(text, max(sb, v0 - ACTOR_REACH), v0))


def cites_its_source(doc: ActDoc, sb: int, v0: int, v1: int) -> bool:
    """ "In its resolution 79/62, the General Assembly decided …", "大会在第79/62号决议中决定…": the act is
    retold from the resolution or decision it cites, not taken in this document (unless quoted)."""
    w, text = doc.w, doc.st.norm.text
    if w.citing is None or QUOTE_ANY.search(text, v1, v1 + 40):
        return False
    return bool(w.citing.search(text, max(sb, v0 - ACTOR_REACH), v0))


def _own(w: ActWords, text: str, m: re.Match) -> bool:
    """ "its 10th meeting", "the 2nd plenary meeting", 其第十次会议, 第4次全体会议: a numbered sitting of the
    acting body's own session; "its tenth special session", 其第六十一届会议 are other sessions."""
    named = m.group(0).lower()
    if w.han:
        mine = m.start() > 0 and text[m.start() - 1] in w.possessive
        return any(o in named for o in w.own_meeting) or (mine and any(s in named for s in w.sittings))
    words = named.split()
    mine = bool(words) and words[0] in w.possessive
    return any(o in words for o in w.own_meeting) or (mine and words[-1] in w.sittings)


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
    return any(not _own(w, st.norm.text, m) for m in w.other_meeting.finditer(st.norm.text, pb, pe))


def recalled(doc: ActDoc, sb: int, v0: int, verb: str) -> bool:
    """ "Recalling that the Meeting decided …" retells an act; in "Recalling …, the Meeting decides …" the
    present-tense main verb is the act. Chinese marks no tense: 回顾 must stand in the verb's own clause."""
    w, text = doc.w, doc.st.norm.text
    if w.han:
        return bool(w.recall.search(text, clause_start(text, sb, v0), v0))
    return verb not in w.present and bool(w.recall.search(text, sb, v0))


def clause_start(text: str, sb: int, v0: int) -> int:
    cut = max(text.rfind(",", sb, v0), text.rfind(";", sb, v0), text.rfind(":", sb, v0), text.rfind("，", sb, v0))
    return cut + 1 if cut >= 0 else sb


def reported(doc: ActDoc, sb: int, v0: int) -> bool:
    """ "中岛先生欢迎会议通过报告": the act is the object of someone's words, not recorded as taken."""
    text = doc.st.norm.text
    clause = text[clause_start(text, sb, v0):v0]
    return any(r in clause for r in doc.w.reported)


def officer_acts(doc: ActDoc, sb: int, v0: int) -> bool:
    """Whether the subject of a recommending verb is a presiding officer (主席建议, "the President recommends")."""
    text = doc.st.norm.text
    b = clause_start(text, sb, v0)
    return bool(doc.w.officers.search(text, b, v0)) and not doc.w.actors.search(
        doc.w.officers.sub("", text[b:v0]))
