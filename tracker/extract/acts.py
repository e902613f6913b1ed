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
("the agreed text", "adopted by the Assembly", "大会通过的"), reported speech, a chair's suggestion in
running text, and history retold as background: an act dated two or more years before the document, an
act of another meeting named by its ordinal or year ("The Fourth Meeting … decided") unless its wording
is quoted, or an act right after a sentence telling of a meeting held in an earlier year.

Every word comes from the language pack (tracker/lang/*.toml, table [decisions]); only the grammar's
shape lives here. Each match looks at a bounded stretch around it, so the work stays linear.
"""

from __future__ import annotations

import bisect
import re

from tracker.domain import Decision, SourceSpan
from tracker.extract.act_checks import (
    QUOTE_ANY,
    after_past_meeting,
    cites_its_source,
    has_actor,
    is_history,
    officer_acts,
    other_meetings_act,
    recalled,
    reported,
    status_of,
    verb_fits,
)
from tracker.extract.act_scripts import act_script
from tracker.extract.act_words import QUOTE_CLOSE, ActDoc, act_words, read_cover
from tracker.extract.structure import Structure, inline_numbers
from tracker.lang import Lexicon

# a paragraph's own number at its start: "4.  Decides …"
PARA_NUMBER = re.compile(r"\s*(\d{1,3})[.．]\s*")
# a lettered item alone or at its paragraph's start: "(a) …", "b) …", "A" (a capital standing alone as a label)
ITEM_LABEL = re.compile(r"\s*(?:[(（]([a-z]{1,2}|[ivx]{1,5})[)）]|([a-z])\)|([A-Z])[.]?\s*$)")
# lettered items inline in one line: "… that: (a) … (b) …"
INLINE_ITEM = re.compile(r"(?:(?<=[\s:;,])|^)[(（]([a-z])[)）]\s*")
QUOTE_OPEN = re.compile(r"[\s_*]*([“\"「『‘])")
# only a paragraph number between the start of the text's unit and a verb: "4. Decides", "…; 4. Decides"
LABEL_BEFORE = re.compile(r"(?:^|[\s“\"(。;；])\d{1,3}[.．][\s(*_\"“]*$")
QUOTE_REACH = 8000  # how far a quoted decision may run
LEAD_REACH = 250  # from "the following decision" to its colon


def stated_acts(st: Structure, lex: Lexicon, doc_kind: str, doc_year: int | None, head: int = 0) -> list[Decision]:
    """Every act the document states by its wording, in text order (they may overlap decisions found
    by position; the caller keeps one of each)."""
    w = act_words(lex)
    if not w.verbs:  # a pack without act wording ([decisions] of tracker/lang/*.toml) states no act
        return []
    adopted, draft = read_cover(st, w, head)
    doc = ActDoc(st, w, doc_kind, doc_year, adopted, doc_kind == "draft_decisions" or draft, script=act_script(lex))
    out, quoted = _quoted_decisions(doc)
    out = disjoint(out, _so_decided(doc) + _verb_acts(doc, quoted))  # a quoted decision's lead-in is no second act
    out.sort(key=lambda d: d.span.start)
    return out


def disjoint(kept: list[Decision], candidates: list[Decision]) -> list[Decision]:
    """`kept` and, in their order, the candidates that overlap none of them nor an earlier candidate kept:
    an act found twice (by position and by wording, or in a quotation and by its lead-in) is one decision."""
    spans = sorted((d.span.start, d.span.end) for d in kept)
    out = list(kept)
    for d in candidates:
        b, e = d.span.start, d.span.end
        i = bisect.bisect_right(spans, (b, e))
        if (i > 0 and spans[i - 1][1] > b) or (i < len(spans) and spans[i][0] < e):
            continue
        bisect.insort(spans, (b, e))
        out.append(d)
    return out


def holds_any(text: str, leads: tuple[str, ...] | None) -> bool:
    """Whether text holds one of the literal words a pattern's every match opens with (None: not known)."""
    return leads is None or any(x in text for x in leads)


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


def _quoted_decisions(doc: ActDoc) -> tuple[list[Decision], list[tuple[int, int]]]:
    """ "… contained the following decision: “5. … the Conference decides …”": the quoted text is the
    decision (adopted: it is quoted as taken), one per numbered paragraph that states an act, or the
    whole quotation when it is not numbered."""
    st, w = doc.st, doc.w
    text, n = st.norm.text, len(st.norm.text)
    out: list[Decision] = []
    spans: list[tuple[int, int]] = []
    if not holds_any(text, w.quoting_leads):
        return out, spans
    for m in w.quoting.finditer(text):
        if not doc.script.opens_word(text, m.start()):
            continue
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
        drafted = m.group(0).lower() + text[m.end():m.end() + 3]  # "following draft decision", "以下决定草案"
        status = "proposed" if any(x in drafted for x in w.draft_words) else "adopted"
        labels = inline_numbers(text, q0 + 1, q1)
        spans.append((q0, q1))
        if not labels:
            sb = st.sentence_at(m.start())[0]
            d = _decision(st, _unit_body(st, sb), q1, None, status)
            out += [d] if d else []
            continue
        for k, (_, body, number) in enumerate(labels):
            e = labels[k + 1][0] if k + 1 < len(labels) else q1
            if any(doc.script.opens_word(text, v.start()) for v in w.verb.finditer(text, body, e)):  # "6. The purpose of … is" states no act
                d = _decision(st, body, e, number, status)
                out += [d] if d else []
    return out, spans


def _so_decided(doc: ActDoc) -> list[Decision]:
    """ "May I take it that the Commission takes note of …? It was so decided." (就这样决定。)"""
    st, w = doc.st, doc.w
    text = st.norm.text
    out: list[Decision] = []
    if not holds_any(text, w.so_decided_leads):
        return out
    for m in w.so_decided.finditer(text):
        if not doc.script.opens_word(text, m.start()):
            continue
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


def _verb_acts(doc: ActDoc, quoted: list[tuple[int, int]]) -> list[Decision]:
    st, w = doc.st, doc.w
    text = st.norm.text
    out: list[Decision] = []
    done_until = 0  # one act per sentence, and none inside a quoted decision or a list already taken
    qi = 0
    hits = list(w.verb.finditer(text))
    if w.noun_act is not None:
        hits += list(w.noun_act.finditer(text))
        hits.sort(key=lambda m: m.start())
    hits = doc.script.words(text, hits)
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
    labels = numbers[i]
    k = bisect.bisect_right(labels, (at, 1 << 62, "")) - 1  # the last label starting at or before `at`
    if k >= 0:
        return labels[k][1], labels[k][2]
    if i in st.numbers:
        lead = PARA_NUMBER.match(text, pb, pe)
        return (lead.end() if lead else pb), st.numbers[i]
    return pb, None


def _next_label(numbers: dict, paragraph: int, at: int) -> int:
    """Where the next inline paragraph number after `at` starts ("…procedures; 2. Decides also …")."""
    labels = numbers.get(paragraph, [])
    k = bisect.bisect_right(labels, (at, 1 << 62, ""))
    return labels[k][0] if k < len(labels) else 1 << 62


def _unit_body(st: Structure, at: int) -> int:
    lead = PARA_NUMBER.match(st.norm.text, at)
    return lead.end() if lead else at


def _act(doc: ActDoc, m: re.Match, numbers: dict) -> tuple[list[Decision], int] | None:
    """The decision(s) the verb at `m` states, and where the text it took ends; None when it is no act."""
    st, w = doc.st, doc.w
    text = st.norm.text
    v0, v1 = m.span()
    verb = m.group(0).lower()
    noun = verb.split()[-1] if " " in verb else None  # a decision named as a noun
    sb, se = st.sentence_at(v0)
    # cheap tests first: most verbs of a document are no act, and a unit's numbers cost a scan
    operative = doc.script.opens_operative(w, m, verb) and bool(
        LABEL_BEFORE.search(text, max(0, v0 - 16), v0))
    if operative:
        unit_start, unit_number = _unit(st, v0, numbers)
        operative = unit_number is not None and unit_start >= sb and not text[unit_start:v0].strip(" \t\n(*_\"“")
    if not operative:
        if noun is None and not verb_fits(doc, v0, v1, sb, se):
            return None
        if not has_actor(doc, sb, v0):
            return None
    if recalled(doc, sb, v0, verb):
        return None
    if (is_history(doc, v0) or other_meetings_act(doc, sb, v0, v1) or after_past_meeting(doc, sb)
            or cites_its_source(doc, sb, v0, v1)):
        return None
    if reported(doc, sb, v0):
        return None
    unit_start, unit_number = _unit(st, v0, numbers)
    # the verb's sentence opens the numbered unit (or the unit's label stands inside a one-line sentence)
    in_unit = unit_number is not None and unit_start >= sb
    status = status_of(doc, verb, v1, noun, operative)
    officer = verb in w.proposing and not operative and officer_acts(doc, sb, v0)
    # the text of a decision numbers it ("4. Decides …", "8. The Conference decides …"); a narrative's
    # paragraph numbers ("2. The Conference elected …") are the narrative's
    present = doc.script.present(w, verb, status)  # Chinese marks no tense: its status says
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
    if colon is not None and doc.script.bare(w, text[v1:colon]):
        items = _items(doc, colon, status, number)
        return items if items[0] else None  # None: a bare lead-in whose items are cut off
    if text[sb:e].rstrip().endswith((":", "：")):
        e = _lettered_after(st, e)
    if officer:
        return None  # a chair's suggestion in running text ("主席建议暂停会议") is no decision
    d = _decision(st, b, e, number, status)
    return ([d], e) if d else None


def _open_quote(text: str, b: int, e: int) -> int | None:
    """Where a quotation that the sentence opens after the verb and does not close starts."""
    q = QUOTE_ANY.search(text, b, e)
    if q is None or text.find(QUOTE_CLOSE[q.group(0)], q.end(), e) >= 0:
        return None
    return q.start()


def _colon(text: str, b: int, e: int) -> int | None:
    k = min((i for i in (text.find(":", b, e), text.find("：", b, e)) if i >= 0), default=-1)
    return k if k >= 0 else None


def _items(doc: ActDoc, colon: int, status: str, number: str | None) -> tuple[list[Decision], int]:
    """One decision per item after a bare lead-in's colon: lettered items inline ("决定:(a)…;(b)…") or as
    paragraphs ("(a) …", or a capital label alone, "A", followed by its title and text)."""
    st = doc.st
    text = st.norm.text
    colon_end = colon + 1
    out: list[Decision] = []
    norm = st.norm
    i = norm.paragraph_of(colon_end - 1)
    pb, pe = norm.paragraphs[i] if norm.paragraphs else (0, len(text))
    inline = list(INLINE_ITEM.finditer(text, colon_end, min(pe, colon_end + QUOTE_REACH)))  # bounded: linear
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
