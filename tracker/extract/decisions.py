"""Decisions: numbered proposals in an annex of possible decisions or a draft decision, and
adoption acts in records ("第1至第7段通过", "The draft report, as amended, was adopted")."""

from __future__ import annotations

import re

from tracker.domain import DateSpan, Decision, SourceSpan
from tracker.extract.acts import disjoint, stated_acts
from tracker.extract.structure import Structure
from tracker.lang import Lexicon

# a heading that opens a list of proposed decisions: 可能的决定和建议, "IV. Decisions and recommendations",
# "Possible decisions of the Twelfth Meeting", Recommendations; it names them first (after its own
# label), so a wrapped line that only mentions "the recommendations and" is no such heading
DECISION_HEADING = re.compile(r"\s*(?:[IVX]{1,5}[.．]|[A-Z][.．]|[一二三四五六七八九十]{1,3}[.．、])?\s*"
                              r"(?:(?:possible|draft|proposed)\s+|可能的)?(?:决定|建议|decisions?\b|recommendations?\b)",
                              re.I)
# a sentence that is an act: "第15至第25段在上述谅解基础上通过", "报告草案经修正后通过", "决定草案未经表决获得通过"
ZH_ACT = re.compile(r"^(?P<subj>[^。;]{1,60}?)(?P<verb>未获通过|未通过|获得通过|通过|推迟审议|推迟|延期审议|被否决|否决)[。;]?$")
ZH_NOT_ACT = re.compile(r"^(?:主席|他|她|会议主席|代表|有人|[\u4e00-\u9fff]{1,6}(?:先生|女士))|请|建议|认为|希望|应当|将")
# "Paragraphs 1 to 9 were adopted.", "The draft decision was adopted without a vote."
EN_ACT = re.compile(
    r"(?P<subj>(?:Paragraphs?|Sections?|Chapters?|Annex(?:es)?|Parts?|Items?|Consideration|Draft\s+decisions?|"
    r"The\s+(?:(?:draft|final|provisional|revised)\s+)*(?:report|decisions?|agenda|programme\s+of\s+work|"
    r"document|recommendations?|declaration|text|annex|paragraphs?|section))\b[^.;]{0,160}?)\s+"
    r"(?:was|were)\s+(?:(?:then|thus|provisionally|accordingly)\s+)?(?P<verb>adopted|rejected|deferred|postponed|not\s+adopted)",
)
# "the Meeting adopted its agenda", "the Conference adopted the final report"
EN_ACTIVE_ACT = re.compile(r"\b(?:the\s+)?(?:Meeting|Conference|Committee|Group|Assembly)\s+(?P<verb>adopted|rejected|deferred)\s+(?:its|the)\b[^.;]{0,160}")
# every act has one of these verbs; sentences without one are not looked at
ZH_ACT_VERB = re.compile(r"通过|推迟|延期|否决")
EN_ACT_VERBS = ("adopted", "rejected", "deferred", "postponed")  # as words' endings: "readopted" counts
# "3. " before a paragraph's text
NUMBER_LEAD = re.compile(r"\s*\d{1,3}[.．]\s*")
ANNEX_HEADING = re.compile(r"\s*(?:附件|Annex)")
# in a record, any "… was (not) adopted / deferred": "Action on paragraph 19 was deferred to the 2013 Meeting"
EN_PASSIVE_ACT = re.compile(r"\b(?:was|were)\s+(?:(?:then|thus|provisionally|accordingly)\s+)?(?P<verb>not\s+adopted|adopted|rejected|deferred|postponed)\b")
STATUS_OF = {"通过": "adopted", "获得通过": "adopted", "未获通过": "rejected", "未通过": "rejected",
             "被否决": "rejected", "否决": "rejected", "推迟": "deferred", "推迟审议": "deferred",
             "延期审议": "deferred", "adopted": "adopted", "rejected": "rejected", "not adopted": "rejected",
             "deferred": "deferred", "postponed": "deferred"}


def _word_ends(text: str, words: tuple[str, ...]):
    """Where each of `words` stands in `text` with no letter, digit or "_" right after it: what
    re.finditer(r"(?:w1|w2|…)\\b") finds when no word ends another, by fast substring search."""
    n = len(text)
    for w in words:
        i = text.find(w)
        while i >= 0:
            end = i + len(w)
            if end == n or not (text[end].isalnum() or text[end] == "_"):
                yield i
            i = text.find(w, end)


def _span(st: Structure, b: int, e: int) -> SourceSpan:
    return SourceSpan(*st.norm.original_span(b, e), st.norm.paragraph_of(b))


def proposed_decisions(st: Structure, doc_kind: str, head: int) -> list[Decision]:
    """Numbered paragraphs under a heading of possible decisions (with their lettered sub-items)."""
    norm = st.norm
    out: list[Decision] = []
    active = doc_kind == "draft_decisions"
    status = "adopted" if doc_kind == "report" else "proposed"
    numbered = doc_kind != "report"  # a report's paragraph numbers are not decision numbers
    current: Decision | None = None
    current_end = 0
    seen_numbers: set[str] = set()
    lettered: list[list[str]] = []  # each decision's text and sub-items, joined once at the end (not += each)
    for i in range(max(head, 0), len(norm.paragraphs)):
        b, e = norm.paragraphs[i]
        if i in st.headings:
            heading = norm.text[b:e]
            if DECISION_HEADING.match(heading):
                active, seen_numbers = True, set()
            elif current is not None and not ANNEX_HEADING.match(heading):
                active = doc_kind == "draft_decisions"
            current = None
            continue
        if not active:
            continue
        number = st.numbers.get(i)
        if number is not None and number not in seen_numbers:
            seen_numbers.add(number)
            start = NUMBER_LEAD.match(norm.text, b, e).end()  # a numbered paragraph has this lead
            current = Decision(id="", number=number if numbered else None, text=norm.display(start, e), status=status,
                               span=_span(st, start, e))
            current_end = e
            out.append(current)
            lettered.append([current.text])
        elif current is not None and i in st.letters:
            lettered[-1].append(norm.display(b, e))
            current_end = e
            current.span = SourceSpan(current.span.start, norm.original_span(b, current_end)[1],
                                      current.span.paragraph)
    for d, parts in zip(out, lettered, strict=True):
        d.text = "\n".join(parts)
    return out


def adoption_acts(st: Structure, doc_kind: str = "other") -> list[Decision]:
    """Each sentence that records an adoption, rejection or deferral."""
    record = doc_kind in ("summary_record", "report")
    norm, text = st.norm, st.norm.text
    out: list[Decision] = []
    zh = norm.lang == "zh"
    verbs = (m.start() for m in ZH_ACT_VERB.finditer(text)) if zh else _word_ends(text, EN_ACT_VERBS)
    candidates = sorted({st.sentence_at(at) for at in verbs})
    for sb, se in candidates:
        sentence = text[sb:se]
        if zh:
            lead = NUMBER_LEAD.match(sentence)
            b = sb + (lead.end() if lead else 0)
            body = text[b:se].strip()
            m = ZH_ACT.match(body)
            if not m or ZH_NOT_ACT.search(m.group("subj")):
                continue
            out.append(Decision("", None, norm.display(b, se), STATUS_OF[m.group("verb")], span=_span(st, b, se)))
        else:
            m = EN_PASSIVE_ACT.search(sentence) if record else None
            m = m or EN_ACT.search(sentence) or EN_ACTIVE_ACT.search(sentence)
            if not m:
                continue
            lead = NUMBER_LEAD.match(sentence)  # the act is the whole sentence, modifiers too
            b = sb + (lead.end() if lead else 0)
            verb = " ".join(m.group("verb").split())
            out.append(Decision("", None, norm.display(b, se).rstrip("."), STATUS_OF[verb], span=_span(st, b, se)))
    return out


def document_year(reference, dates: list[DateSpan]) -> int | None:
    """The year the document speaks from: its own date, else the latest dated day or month it names."""
    if reference is not None:
        return reference.year
    years = [d.start.year for d in dates if d.start and d.precision in ("day", "window", "month")]
    return max(years) if years else None


def find_decisions(st: Structure, doc_kind: str, head: int, lex: Lexicon, year: int | None) -> list[Decision]:
    """Decisions by position (a list under a heading of decisions), adoption acts of a record, and acts
    stated by their wording anywhere; an act that overlaps one found before it is the same decision."""
    found = proposed_decisions(st, doc_kind, head) + adoption_acts(st, doc_kind)
    out = found + disjoint(found, stated_acts(st, lex, doc_kind, year, head))[len(found):]
    return sorted(out, key=lambda d: d.span.start)
