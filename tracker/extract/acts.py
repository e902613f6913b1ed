"""Decisions stated by their wording, anywhere in a document, not only under a heading of decisions.

An act is a verb of deciding whose subject is a body or its presiding officer ("the Conference
decided to …", "The Meeting also adopted …", "会议决定…", "缔约国同意…"), a numbered operative
paragraph that opens with the verb ("4. Decides to include …", "4. 决定将…"), a decision named as a
noun ("announced her decision that …", "made the following decisions and recommendations:"), a
quoted decision ("contained the following decision: “5. … the Conference decides …”") or a speaker's
proposal the body confirms ("May I take it that …? It was so decided.").

A bare lead-in ("recommends that:", "决定:", "made the following decisions:") gives one decision per
item that follows it. Status comes from who acts and when: an act recorded as taken (past tense, an
adopted resolution, a record, a quoted decision) is `adopted`; a draft's or a recommendation's is
`proposed`. Not acts: a preambular recall ("Recalling that … decided"), a passive or attributive verb
("the agreed text", "adopted by the Assembly", "大会通过的"), and history retold as background: an act
dated two or more years before the document.

Every word comes from the language pack (tracker/lang/*.toml, table [decisions]); only the grammar's
shape lives here. Each match looks at a bounded stretch around it, so the work stays linear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tracker.domain import Decision, SourceSpan
from tracker.extract.structure import Structure, inline_numbers
from tracker.lang import Lexicon

# a year standing alone, not inside a symbol ("CCW/MSP/2024/7") or a longer number: "in 1995", "2000年"
YEAR = re.compile(r"(?<![\d/])(?:19|20)\d\d(?![\d/])")
# a paragraph's own number at its start: "4.  Decides …"
PARA_NUMBER = re.compile(r"\s*(\d{1,3})[.．]\s*")
# a lettered item alone or at its paragraph's start: "(a) …", "b) …", "A" (a capital standing alone as a label)
ITEM_LABEL = re.compile(r"\s*(?:[(（]([a-z]{1,2}|[ivx]{1,5})[)）]|([a-z])\)|([A-Z])[.]?\s*$)")
# lettered items inline in one line: "… that: (a) … (b) …"
INLINE_ITEM = re.compile(r"(?:(?<=[\s:;,])|^)[(（]([a-z])[)）]\s*")
WORD = re.compile(r"[\w'-]+")
QUOTE_CLOSE = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}
QUOTE_OPEN = re.compile(r"[\s_*]*([“\"「『‘])")
HEAD_CHARS = 1500  # a cover page's cues ("Resolution adopted by …") stand in its first lines
COVER_CHARS = 400  # how much of a text with no cover paragraphs is read as its cover
COVER_LINE = 120  # the first paragraph's start is read as a cover line even when the text runs on after it
ACTOR_REACH = 400  # how far before a verb its subject may start
YEAR_REACH = 600  # how far before a verb the year that dates it may stand
QUOTE_REACH = 8000  # how far a quoted decision may run
LEAD_REACH = 250  # from "the following decision" to its colon
RECORDS = ("report", "summary_record")
ZH_GAP_DATE = re.compile(r"于[^,。;:]{1,20}?[年月日]$")


@dataclass(frozen=True)
class _Words:
    """One language's act words, compiled once."""

    zh: bool
    verb: re.Pattern
    present: frozenset[str]
    past: frozenset[str]
    proposing: frozenset[str]
    operative: frozenset[str]
    actors: re.Pattern
    actor_end: re.Pattern  # zh: the text before the verb ends with an actor
    impersonal: tuple[str, ...]
    noun_act: re.Pattern | None
    quoting: re.Pattern
    not_before: frozenset[str]
    not_after: tuple[str, ...]
    after_ok: tuple[str, ...]
    adverbs: tuple[str, ...]
    taken: tuple[str, ...]
    recall: re.Pattern
    lead_in: frozenset[str]
    so_decided: re.Pattern
    openers: re.Pattern
    adopted_header: re.Pattern
    draft_header: re.Pattern
    officers: re.Pattern
    deferring: tuple[str, ...]
    other_meeting: re.Pattern  # a meeting named with its ordinal or year
    own_meeting: tuple[str, ...]
    reported: tuple[str, ...]
    held: tuple[str, ...]
    future: tuple[str, ...]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _words(lex: Lexicon) -> _Words:
    d = lex.decisions
    zh = lex.script == "han"
    verbs = set(d.get("acts_present", ())) | set(d.get("acts_past", ()))
    bound_l, bound_r = ("", "") if zh else (r"(?<![\w-])", r"(?![\w-])")

    def words(key: str) -> re.Pattern:
        return re.compile(f"{bound_l}(?:{_alternation(d.get(key, ()) or ['(?!)'])}){bound_r}", re.I)

    nouns, makers = d.get("decision_nouns", ()), d.get("noun_verbs", ())
    noun_act = None
    if makers and nouns:
        # "announced her decision that", "made the following decisions and recommendations:"
        noun_act = re.compile(rf"{bound_l}(?:{_alternation(makers)})\s+(?:(?:her|his|its|their|the|a|{_alternation(d.get('quoting', ()))})\s+){{0,2}}"
                              rf"(?:{_alternation(nouns)}){bound_r}", re.I)
    gap = r"\s*" if zh else r"\s+(?:draft\s+)?"
    quoting = re.compile(f"{bound_l}(?:{_alternation(d.get('quoting', ()))}){gap}(?:{_alternation(nouns)}){bound_r}", re.I)
    return _Words(
        zh=zh,
        verb=re.compile(f"{bound_l}(?:{_alternation(verbs)}){bound_r}", re.I),
        present=frozenset(w.lower() for w in d.get("acts_present", ())),
        past=frozenset(w.lower() for w in d.get("acts_past", ())),
        proposing=frozenset(w.lower() for w in d.get("proposing", ())),
        operative=frozenset(w.lower() for w in d.get("operative", d.get("acts_present", ()))),
        actors=words("actors"),
        actor_end=re.compile(f"(?:{_alternation(d.get('actors', ()))})$"),
        impersonal=tuple(d.get("impersonal", ())),
        noun_act=noun_act,
        quoting=quoting,
        not_before=frozenset(d.get("not_before", ())),
        not_after=tuple(d.get("not_after", ())),
        after_ok=tuple(d.get("after_ok", ())),
        adverbs=tuple(sorted(d.get("adverbs", ()), key=len, reverse=True)),
        taken=tuple(d.get("taken", ())),
        recall=words("recall"),
        lead_in=frozenset(d.get("lead_in", ())),
        so_decided=words("so_decided"),
        openers=words("proposal_openers"),
        adopted_header=words("adopted_header"),
        draft_header=words("draft_header"),
        officers=words("officers"),
        deferring=tuple(d.get("deferring", ())),
        other_meeting=_other_meeting(lex, zh),
        own_meeting=tuple(d.get("own_meeting", ())),
        reported=tuple(d.get("reported", ())),
        held=tuple(d.get("held", ())),
        future=tuple(d.get("future", ())),
    )


def _other_meeting(lex: Lexicon, zh: bool) -> re.Pattern:
    """A meeting named with its ordinal or year: "The Fourth Meeting of States Parties", "the 2011 Meeting",
    "the 11th Meeting", 缔约国第二次会议, 缔约方2012年会议."""
    d = lex.decisions
    if zh:
        verbs = _alternation(d.get("acts_present", ()))  # no act verb between: "2012年决定设立专家组"
        return re.compile(rf"(?:第[\d一二三四五六七八九十百]+(?:次|届)|\d{{4}}年)(?:(?!{verbs})[^,。;:]){{0,10}}?"
                          f"(?:{_alternation(d.get('actors', ()))})")
    ordinals = _alternation(lex.ordinal_words)
    # up to three words of the name between ("the Second Review Conference"), none a function word
    # ("in 2012 to establish a group" names no meeting)
    name_word = rf"(?!(?:{_alternation(d.get('function_words', ()))})\s)[\w-]+\s+"
    return re.compile(rf"(?<![\w-])(?:(?:its|their)\s+)?(?:{ordinals}|\d{{1,3}}(?:st|nd|rd|th)|(?:19|20)\d\d)\s+"
                      rf"(?:{name_word}){{0,3}}?(?:{_alternation(d.get('actors', ()))})(?![\w-])", re.I)


@dataclass
class _Doc:
    st: Structure
    w: _Words
    kind: str
    year: int | None
    adopted: bool  # the cover says the text was adopted ("Resolution adopted by the General Assembly")
    draft: bool  # the cover says it is a draft


def stated_acts(st: Structure, lex: Lexicon, doc_kind: str, doc_year: int | None, head: int = 0) -> list[Decision]:
    """Every act the document states by its wording, in text order (they may overlap decisions found
    by position; the caller keeps one of each)."""
    w = _words(lex)
    adopted, draft = _cover(st, w, head)
    doc = _Doc(st, w, doc_kind, doc_year, adopted, doc_kind == "draft_decisions" or draft)
    out, quoted = _quoted_decisions(doc)
    out += _so_decided(doc)
    out += _verb_acts(doc, quoted)
    out.sort(key=lambda d: d.span.start)
    return out


def _cover(st: Structure, w: _Words, head: int) -> tuple[bool, bool]:
    """Whether the cover says the text was adopted ("Resolution adopted by the General Assembly") or is a
    draft ("Draft resolution"): a title line among the cover's paragraphs, or the first characters of a
    text that lost its line breaks; a body sentence that mentions a draft is no cover."""
    text, paras = st.norm.text, st.norm.paragraphs
    lines = [text[:COVER_CHARS] if len(paras) <= 1 else text[paras[0][0]:paras[0][0] + COVER_LINE]]
    lines += [text[b:e] for i, (b, e) in enumerate(paras[:max(head, 1) + 1]) if i in st.headings]
    cover = "\n".join(lines)[:HEAD_CHARS]
    return bool(w.adopted_header.search(cover)), bool(w.draft_header.search(cover))


def _span(st: Structure, b: int, e: int) -> SourceSpan:
    return SourceSpan(*st.norm.original_span(b, e), st.norm.paragraph_of(b))


def _decision(st: Structure, b: int, e: int, number: str | None, status: str) -> Decision | None:
    text = st.norm.text
    while b < e and text[b].isspace():
        b += 1
    while e > b and text[e - 1] in " \t\n;,":
        e -= 1
    if e - b < 4:
        return None
    return Decision("", number, st.norm.display(b, e), status, span=_span(st, b, e))


def _quote_end(text: str, open_at: int, limit: int) -> int:
    close = QUOTE_CLOSE[text[open_at]]
    end = text.find(close, open_at + 1, min(limit, open_at + 1 + QUOTE_REACH))
    return end + 1 if end >= 0 else min(limit, open_at + 1 + QUOTE_REACH)


def _quoted_decisions(doc: _Doc) -> tuple[list[Decision], list[tuple[int, int]]]:
    """ "… contained the following decision: “5. … the Conference decides …”": the quoted text is the
    decision (adopted: it is quoted as taken), one per numbered paragraph that states an act, or the
    whole quotation when it is not numbered."""
    st, w = doc.st, doc.w
    text, n = st.norm.text, len(st.norm.text)
    out: list[Decision] = []
    spans: list[tuple[int, int]] = []
    for m in w.quoting.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        colon = -1
        for k in range(m.end(), min(n, m.end() + LEAD_REACH)):
            if text[k] in ":：":
                colon = k
                break
            if text[k] in ".。;":
                break
        q = QUOTE_OPEN.match(text, colon + 1) if colon >= 0 else None
        if q is None:
            continue
        q0 = q.start(1)
        q1 = _quote_end(text, q0, n)
        status = "proposed" if "draft" in m.group(0).lower() or "草案" in text[m.end():m.end() + 3] else "adopted"
        labels = inline_numbers(text, q0 + 1, q1)
        spans.append((q0, q1))
        if not labels:
            sb = st.sentence_at(m.start())[0]
            d = _decision(st, _unit_body(st, sb), q1, None, status)
            out += [d] if d else []
            continue
        for k, (_, body, number) in enumerate(labels):
            e = labels[k + 1][0] if k + 1 < len(labels) else q1
            if w.verb.search(text, body, e):  # "6. The purpose of … is" states no act
                d = _decision(st, body, e, number, status)
                out += [d] if d else []
    return out, spans


def _so_decided(doc: _Doc) -> list[Decision]:
    """ "May I take it that the Commission takes note of …? It was so decided." (就这样决定。)"""
    st, w = doc.st, doc.w
    text = st.norm.text
    out: list[Decision] = []
    for m in w.so_decided.finditer(text):
        sb, se = st.sentence_at(m.start())
        if sb == 0:
            continue
        pb, pe = st.sentence_at(sb - 1)
        opener = w.openers.search(text, pb, pe)
        b = opener.end() if opener else pb
        e = pe
        while e > b and text[e - 1] in "?？ ":
            e -= 1
        d = _decision(st, b, e, None, "adopted")
        out += [d] if d else []
    return out


def _verb_acts(doc: _Doc, quoted: list[tuple[int, int]]) -> list[Decision]:
    st, w = doc.st, doc.w
    text = st.norm.text
    out: list[Decision] = []
    done_until = 0  # one act per sentence, and none inside a quoted decision or a list already taken
    qi = 0
    hits = list(w.verb.finditer(text))
    if w.noun_act is not None:
        hits += list(w.noun_act.finditer(text))
        hits.sort(key=lambda m: m.start())
    numbers: dict[int, list[tuple[int, int, str]]] = {}  # paragraph -> its inline numbers, found once
    for m in hits:
        v0, v1 = m.span()
        if v0 < done_until:
            continue
        while qi < len(quoted) and quoted[qi][1] <= v0:
            qi += 1
        if qi < len(quoted) and quoted[qi][0] <= v0:
            continue
        act = _act(doc, m, numbers)
        if act is None:
            continue
        decisions, end = act
        out += decisions
        done_until = end
    return out


def _unit(st: Structure, at: int, numbers: dict) -> tuple[int, str | None]:
    """Where the numbered unit holding `at` starts its text, and its number: the paragraph's own
    number, or the last inline number in sequence before `at` ("… 4. Decides …" on one line)."""
    text, norm = st.norm.text, st.norm
    i = norm.paragraph_of(at)
    pb, pe = norm.paragraphs[i] if norm.paragraphs else (0, len(text))
    if i not in numbers:
        numbers[i] = inline_numbers(text, pb, pe)
    best = None
    for label in numbers[i]:
        if label[0] > at:
            break
        best = label
    if best is not None:
        return best[1], best[2]
    if i in st.numbers:
        lead = PARA_NUMBER.match(text, pb, pe)
        return (lead.end() if lead else pb), st.numbers[i]
    return pb, None


def _next_label(numbers: dict, paragraph: int, at: int) -> int:
    """Where the next inline paragraph number after `at` starts ("…procedures; 2. Decides also …")."""
    for label in numbers.get(paragraph, ()):
        if label[0] > at:
            return label[0]
    return 1 << 62


def _unit_body(st: Structure, at: int) -> int:
    lead = PARA_NUMBER.match(st.norm.text, at)
    return lead.end() if lead else at


def _act(doc: _Doc, m: re.Match, numbers: dict) -> tuple[list[Decision], int] | None:
    """The decision(s) the verb at `m` states, and where the text it took ends; None when it is no act."""
    st, w = doc.st, doc.w
    text = st.norm.text
    v0, v1 = m.span()
    verb = m.group(0).lower()
    noun = verb.split()[-1] if " " in verb else None  # a decision named as a noun
    sb, se = st.sentence_at(v0)
    unit_start, unit_number = _unit(st, v0, numbers)
    # the verb's sentence opens the numbered unit (or the unit's label stands inside a one-line sentence)
    in_unit = unit_number is not None and unit_start >= sb
    at_unit_start = in_unit and not text[unit_start:v0].strip(" \t\n(*_\"“")
    operative = at_unit_start and (verb in w.operative if w.zh else m.group(0)[0].isupper() and verb in w.present)
    if not operative and not _has_actor(doc, sb, v0, v1, noun is not None):
        return None
    if noun is None and not _verb_fits(doc, v0, v1, sb, se):
        return None
    if _recalled(doc, sb, v0, verb):
        return None
    if _history(doc, v0) or _other_meetings_act(doc, sb, v0, v1) or _after_past_meeting(doc, sb):
        return None
    if w.zh and _reported(doc, sb, v0):
        return None
    status = _status(doc, verb, v1, noun, operative)
    officer = verb in w.proposing and not operative and _officer_acts(doc, sb, v0)
    # the text of a decision numbers it ("4. Decides …", "8. The Conference decides …"); a narrative's
    # paragraph numbers ("2. The Conference elected …") are the narrative's
    present = status == "proposed" if w.zh else verb not in w.past  # Chinese marks no tense
    number = unit_number if in_unit and (operative or present) and noun is None else None
    if in_unit:
        b = unit_start
    else:
        lead = PARA_NUMBER.match(text, sb, v0)
        b = lead.end() if lead else sb
    e = min(se, _next_label(numbers, st.norm.paragraph_of(v0), v0))
    q = _open_quote(text, v1, se)
    if q is not None:
        e = max(e, _quote_end(text, q, len(text)))
    colon = _colon(text, v1, se)
    if colon is not None and _bare(w, text[v1:colon]):
        items = _items(doc, colon, status, number)
        return items if items[0] else None  # None: a bare lead-in whose items are cut off
    if text[sb:e].rstrip().endswith((":", "：")):
        e = _lettered_after(st, e)
    if officer:
        return None  # a chair's suggestion in running text ("主席建议暂停会议") is no decision
    d = _decision(st, b, e, number, status)
    return ([d], e) if d else None


def _has_actor(doc: _Doc, sb: int, v0: int, v1: int, noun: bool) -> bool:
    """The verb's subject is a body or its presiding officer: in the clause before the verb, or the
    sentence's first clause ("The Meeting, having considered …, decided")."""
    st, w = doc.st, doc.w
    text = st.norm.text
    lo = max(sb, v0 - ACTOR_REACH)
    if w.zh:
        before = text[lo:v0].rstrip()
        while True:  # "会议一致同意", "会议于2014年12月5日决定"
            trimmed = before
            for a in w.adverbs:
                if trimmed.endswith(a):
                    trimmed = trimmed[: -len(a)].rstrip()
                    break
            date = ZH_GAP_DATE.search(trimmed)
            if date:
                trimmed = trimmed[: date.start()].rstrip()
            if trimmed == before:
                break
            before = trimmed
        return bool(w.actor_end.search(before))
    before = text[lo:v0]
    low = before.lower().rstrip()
    if any(low.endswith(p) for p in w.impersonal):
        return True
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(":"))
    if w.actors.search(before, cut + 1 if cut >= 0 else 0):
        return True
    first = before.find(",")
    return first > 0 and bool(w.actors.search(before, 0, first))


def _verb_fits(doc: _Doc, v0: int, v1: int, sb: int, se: int) -> bool:
    """Not passive, attributive or negated ("was adopted", "the agreed text", "not adopted"), not a
    participle with its agent ("adopted by the Assembly"), not attributive in Chinese (通过的)."""
    w, text = doc.w, doc.st.norm.text
    if w.zh:
        after = text[v1:v1 + 3]
        return not any(after.startswith(a) for a in w.not_after)
    before = WORD.findall(text[max(sb, v0 - 60):v0])
    while before and (before[-1].lower().endswith("ly") or before[-1].lower() in ("also", "then", "further", "thus",
                                                                                     "therefore", "hereby")):
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


def _status(doc: _Doc, verb: str, v1: int, noun: str | None, operative: bool) -> str:
    w, text = doc.w, doc.st.norm.text
    if verb in w.proposing:
        return "proposed"
    after = text[v1:v1 + 24].lstrip(" ,，").lower()
    if w.zh:  # "会议决定，第19段的审议推迟至…": the deferral stands in the act's first clause
        if any(x in re.split(r"[,，。;]", after, maxsplit=1)[0] for x in w.deferring):
            return "deferred"
    elif any(after.startswith(x) for x in w.deferring):
        return "deferred"  # "decided to defer consideration of …", "会议决定，…推迟至…"
    if noun is not None or verb in w.past:
        return "adopted"
    if w.zh and (any(text.startswith(t, v1) for t in w.taken) or any(text.endswith(t, 0, v1 - len(verb))
                                                                       for t in w.taken)):
        return "adopted"
    if doc.adopted or (doc.kind in RECORDS and not doc.draft):
        return "adopted"
    if w.zh and not operative and not doc.draft:
        return "adopted"  # Chinese marks no tense: "主席团同意，…" narrates an act taken, like "The Bureau agreed"
    return "proposed"


def _history(doc: _Doc, v0: int) -> bool:
    """An act dated two or more years before the document is history retold, not a decision of it."""
    if doc.year is None:
        return False
    text = doc.st.norm.text
    p = doc.st.norm.paragraph_of(v0)
    lo = max(doc.st.norm.paragraphs[p][0] if doc.st.norm.paragraphs else 0, v0 - YEAR_REACH)
    last = None
    for y in YEAR.finditer(text, lo, v0):
        last = y
    return last is not None and int(last.group(0)) <= doc.year - 2


def _other_meetings_act(doc: _Doc, sb: int, v0: int, v1: int) -> bool:
    """An act of another meeting named with its ordinal or year ("The Fourth Meeting of States Parties,
    held in Lusaka, decided …") is history retold, unless its wording is quoted ("decided to organize
    “…”"), which makes it the cited mandate; "at its 10th meeting" and plenary meetings are the body's own."""
    w, text = doc.w, doc.st.norm.text
    if any(ch in QUOTE_CLOSE for ch in text[v1:v1 + 40]):
        return False
    return any(not _own(w, text, m) for m in w.other_meeting.finditer(text, max(sb, v0 - ACTOR_REACH), v0))


def _own(w: _Words, text: str, m: re.Match) -> bool:
    """ "its 10th meeting", "the 2nd plenary meeting", 其第十次会议, 第4次全体会议: the acting body's own meeting."""
    named = m.group(0).lower()
    if w.zh:
        return any(o in named for o in w.own_meeting) or (m.start() > 0 and text[m.start() - 1] in w.own_meeting)
    return any(o in named.split() for o in w.own_meeting)


def _after_past_meeting(doc: _Doc, sb: int) -> bool:
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
    if doc.year is not None and any(int(y.group(0)) < doc.year for y in YEAR.finditer(st.norm.text, pb, pe)):
        return True  # held in an earlier year
    return any(not _own(w, st.norm.text, m) for m in w.other_meeting.finditer(st.norm.text, pb, pe))


def _recalled(doc: _Doc, sb: int, v0: int, verb: str) -> bool:
    """ "Recalling that the Meeting decided …" retells an act; in "Recalling …, the Meeting decides …" the
    present-tense main verb is the act. Chinese marks no tense: 回顾 must stand in the verb's own clause."""
    w, text = doc.w, doc.st.norm.text
    if w.zh:
        return bool(w.recall.search(text, _clause_start(text, sb, v0), v0))
    return verb not in w.present and bool(w.recall.search(text, sb, v0))


def _clause_start(text: str, sb: int, v0: int) -> int:
    cut = max(text.rfind(",", sb, v0), text.rfind(";", sb, v0), text.rfind(":", sb, v0), text.rfind("，", sb, v0))
    return cut + 1 if cut >= 0 else sb


def _reported(doc: _Doc, sb: int, v0: int) -> bool:
    """ "中岛先生欢迎会议通过报告": the act is the object of someone's words, not recorded as taken."""
    text = doc.st.norm.text
    clause = text[_clause_start(text, sb, v0):v0]
    return any(r in clause for r in doc.w.reported)


def _officer_acts(doc: _Doc, sb: int, v0: int) -> bool:
    """Whether the subject of a recommending verb is a presiding officer (主席建议, "the President recommends")."""
    text = doc.st.norm.text
    b = _clause_start(text, sb, v0)
    return bool(doc.w.officers.search(text, b, v0)) and not doc.w.actors.search(
        doc.w.officers.sub("", text[b:v0]))


def _open_quote(text: str, b: int, e: int) -> int | None:
    """Where a quotation that the sentence opens after the verb and does not close starts."""
    for k in range(b, e):
        ch = text[k]
        if ch in QUOTE_CLOSE:
            close = QUOTE_CLOSE[ch]
            if text.find(close, k + 1, e) < 0:
                return k
            return None
    return None


def _colon(text: str, b: int, e: int) -> int | None:
    k = min((i for i in (text.find(":", b, e), text.find("：", b, e)) if i >= 0), default=-1)
    return k if k >= 0 else None


def _bare(w: _Words, between: str) -> bool:
    """A lead-in that says nothing but that items follow: "recommends that:", "决定:", "made the following
    decisions and recommendations:"."""
    between = between.strip()
    if w.zh:
        return not between or between in w.lead_in
    return all(x.lower().strip(",") in w.lead_in for x in between.split())


def _items(doc: _Doc, colon: int, status: str, number: str | None) -> tuple[list[Decision], int]:
    """One decision per item after a bare lead-in's colon: lettered items inline ("决定:(a)…;(b)…") or as
    paragraphs ("(a) …", or a capital label alone, "A", followed by its title and text)."""
    st = doc.st
    text = st.norm.text
    colon_end = colon + 1
    out: list[Decision] = []
    norm = st.norm
    i = norm.paragraph_of(colon_end - 1)
    pb, pe = norm.paragraphs[i] if norm.paragraphs else (0, len(text))
    inline = [mm for mm in INLINE_ITEM.finditer(text, colon_end, pe)]
    inline = _in_sequence(inline)
    if inline:
        for k, mm in enumerate(inline):
            e = inline[k + 1].start() if k + 1 < len(inline) else min(pe, st.sentence_at(mm.start())[1])
            d = _decision(st, mm.start(), e, _item_number(number, mm.group(1)), status)
            out += [d] if d else []
        return out, e
    # items as paragraphs: "(a) …" each, or a capital label alone ("A") followed by its title and text
    labels: list[tuple[int, str]] = []
    expected = None
    gap = 0
    end = colon_end
    for j in range(i + 1, min(len(norm.paragraphs), i + 60)):
        b, e = norm.paragraphs[j]
        lm = ITEM_LABEL.match(text, b, e)
        lab = (lm.group(1) or lm.group(2) or lm.group(3)) if lm else None
        if lab and (expected is None and lab.lower() in ("a", "i") or lab == expected):
            labels.append((j, lab))
            expected = chr(ord(lab) + 1) if len(lab) == 1 else None
            gap = 0
            end = e
            continue
        if not labels or j in st.numbers or gap >= 3:
            break
        gap += 1
        end = e
        if j not in st.headings:  # an item's text ends at its first full paragraph after its title
            gap = 3
    for k, (j, lab) in enumerate(labels):
        b = norm.paragraphs[j][0]
        e = norm.paragraphs[labels[k + 1][0] - 1][1] if k + 1 < len(labels) else end
        d = _decision(st, b, e, _item_number(number, lab), status)
        out += [d] if d else []
    return out, end


def _in_sequence(items: list[re.Match]) -> list[re.Match]:
    """(a) (b) (c) … from the first (a), stopping at the first label out of order."""
    out: list[re.Match] = []
    for mm in items:
        want = "a" if not out else chr(ord(out[-1].group(1)) + 1)
        if mm.group(1) == want:
            out.append(mm)
        elif out:
            break
    return out if len(out) >= 2 else []


def _item_number(number: str | None, label: str) -> str:
    return f"{number} ({label})" if number else label


def _lettered_after(st: Structure, e: int) -> int:
    """A decision whose sentence ends with a colon runs over the lettered paragraphs right after it."""
    norm = st.norm
    if not norm.paragraphs:
        return e
    i = norm.paragraph_of(max(0, e - 1))
    end = e
    for j in range(i + 1, len(norm.paragraphs)):
        if j not in st.letters:
            break
        end = norm.paragraphs[j][1]
    return end
