"""Decisions: numbered proposals in an annex of possible decisions or a draft decision, and
adoption acts in records ("第1至第7段通过", "The draft report, as amended, was adopted")."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from tracker.domain import DateSpan, Decision, SourceSpan
from tracker.extract.act_words import act_words
from tracker.extract.acts import disjoint, stated_acts
from tracker.extract.lexicon import alternation
from tracker.extract.people import honorific_pattern
from tracker.extract.structure import Structure
from tracker.lang import Lexicon, available, lexicon

# a heading that opens a list of proposed decisions: 可能的决定和建议, "IV. Decisions and recommendations",
# "Possible decisions of the Twelfth Meeting", Recommendations; it names them first (after its own
# label), so a wrapped line that only mentions "the recommendations and" is no such heading
HEADING_LABEL = r"\s*(?:[IVX]{1,5}[.．]|[A-Z][.．]|[一二三四五六七八九十]{1,3}[.．、])?\s*"
# "Paragraphs 1 to 9 were adopted.", "The draft decision was adopted without a vote."
EN_ACT = (
    r"(?P<subj>(?:Paragraphs?|Sections?|Chapters?|Annex(?:es)?|Parts?|Items?|Consideration|Draft\s+decisions?|"
    r"The\s+(?:(?:{qualifiers})\s+)*(?:{subjects}))\b[^.;]{{0,160}}?)\s+"
    r"(?:was|were)\s+(?:(?:{adverbs})\s+)?(?P<verb>{verbs})",
)
# "the Meeting adopted its agenda", "the Conference adopted the final report"
EN_ACTIVE_ACT = r"\b(?:the\s+)?(?:{bodies})\s+(?P<verb>{active})\s+(?:its|the)\b[^.;]{{0,160}}"
# "3. " before a paragraph's text
NUMBER_LEAD = re.compile(r"\s*\d{1,3}[.．]\s*")
# in a record, any "… was (not) adopted / deferred": "Action on paragraph 19 was deferred to the 2013 Meeting"
EN_PASSIVE_ACT = r"\b(?:was|were)\s+(?:(?:{adverbs})\s+)?(?P<verb>{verbs})\b"


@cache
def _headings() -> tuple[re.Pattern, re.Pattern]:
    """From every pack (texts mix languages): a heading that opens a list of proposed decisions (its words
    after a label, maybe after a qualifier: "Possible decisions", 可能的决定), and an annex's heading (Annex, 附件)."""
    qualifiers, words, annex = [], [], []
    for lex in map(lexicon, available()):
        d = lex.decisions
        qualifiers += [rf"(?:{alternation(d.get('heading_qualifiers', ()), spaced=True)})\s+" if lex.spaced
                       else alternation(d.get("heading_qualifiers", ()))] if d.get("heading_qualifiers") else []
        words += [rf"{re.escape(w)}\b" if lex.spaced else re.escape(w) for w in d.get("headings", ())]
        annex += map(re.escape, lex.annex_headings)
    heading = HEADING_LABEL + (f"(?:{'|'.join(qualifiers)})?" if qualifiers else "") + f"(?:{'|'.join(words) or '(?!)'})"
    return re.compile(heading, re.I), re.compile(rf"\s*(?:{'|'.join(annex) or '(?!)'})")


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


def proposed_decisions(st: Structure, doc_kind: str, head: int, by_kind: bool = True) -> list[Decision]:
    """Numbered paragraphs under a heading of possible decisions (with their lettered sub-items); in a draft
    (by_kind) every numbered paragraph."""
    norm = st.norm
    out: list[Decision] = []
    by_kind = by_kind and doc_kind == "draft_decisions"
    active = by_kind
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
            if _headings()[0].match(heading):
                active, seen_numbers = True, set()
            elif current is not None and not _headings()[1].match(heading):
                active = by_kind
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


class _HanActs:
    """An act is a whole sentence: its subject, then the verb (第1至第7段通过, 决定草案未经表决获得通过)."""

    def __init__(self, lex: Lexicon) -> None:
        self.status = dict(lex.acts)
        self.verb = re.compile(alternation(lex.acts, spaced=True))
        self.act = re.compile(rf"^(?P<subj>[^。;]{{1,60}}?)(?P<verb>{alternation(lex.acts, spaced=True)})[。;]?$")
        # a subject that is a person or a proposal, not a text: 主席…, 卡里米先生…, 请…, 建议…
        d = lex.decisions
        subjects = alternation(d.get("not_act_subjects", ())) or "(?!)"
        self.not_act = re.compile(rf"^(?:{subjects}|[\u4e00-\u9fff]{{1,6}}(?:{honorific_pattern(lex)}))"
                                  rf"|{alternation(d.get('not_act_words', ())) or '(?!)'}")

    def verbs(self, text: str):
        return (m.start() for m in self.verb.finditer(text))

    def read(self, st: Structure, sb: int, se: int, record: bool) -> Decision | None:
        norm, text = st.norm, st.norm.text
        lead = NUMBER_LEAD.match(text, sb, se)
        b = lead.end() if lead else sb
        m = self.act.match(text[b:se].strip())
        if not m or self.not_act.search(m.group("subj")):
            return None
        return Decision("", None, norm.display(b, se), self.status[m.group("verb")], span=_span(st, b, se))


class _LatinActs:
    """An act is a passive ("Paragraphs 1 to 9 were adopted") or an active sentence ("the Meeting adopted
    its agenda"); in a record, any "… was (not) adopted / deferred"."""

    def __init__(self, lex: Lexicon) -> None:
        self.status = {" ".join(w.split()): s for w, s in lex.acts.items()}
        verbs = alternation(lex.acts, spaced=True)
        self.words = tuple(w for w in lex.acts if " " not in w)  # as words' endings: "readopted" counts
        d = lex.decisions
        adverbs = alternation(d.get("act_adverbs", ()), spaced=True) or "(?!)"  # "was then adopted"
        self.passive = re.compile(EN_PASSIVE_ACT.format(verbs=verbs, adverbs=adverbs))
        self.act = re.compile("".join(EN_ACT).format(
            verbs=verbs, adverbs=adverbs, qualifiers=alternation(d.get("act_qualifiers", ()), spaced=True) or "(?!)",
            subjects=alternation(d.get("act_subjects", ()), spaced=True) or "(?!)"))
        self.active = re.compile(EN_ACTIVE_ACT.format(active=alternation(lex.active_acts, spaced=True),
                                                      bodies=alternation(d.get("act_bodies", ()), spaced=True) or "(?!)"))

    def verbs(self, text: str):
        return _word_ends(text, self.words)

    def read(self, st: Structure, sb: int, se: int, record: bool) -> Decision | None:
        norm, text = st.norm, st.norm.text
        sentence = text[sb:se]
        m = self.passive.search(sentence) if record else None
        m = m or self.act.search(sentence) or self.active.search(sentence)
        if not m:
            return None
        lead = NUMBER_LEAD.match(sentence)  # the act is the whole sentence, modifiers too
        b = sb + (lead.end() if lead else 0)
        verb = " ".join(m.group("verb").split())
        return Decision("", None, norm.display(b, se).rstrip("."), self.status[verb], span=_span(st, b, se))


ACTS = {"han": _HanActs, "latin": _LatinActs}  # script -> how its acts read


@lru_cache(maxsize=8)
def _acts(lex: Lexicon) -> _HanActs | _LatinActs:
    return ACTS[lex.script](lex)


def adoption_acts(st: Structure, doc_kind: str = "other") -> list[Decision]:
    """Each sentence that records an adoption, rejection or deferral."""
    record = doc_kind in ("summary_record", "report")
    acts = _acts(st.norm.lex)
    out: list[Decision] = []
    for sb, se in sorted({st.sentence_at(at) for at in acts.verbs(st.norm.text)}):
        act = acts.read(st, sb, se, record)
        if act is not None:
            out.append(act)
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
    acts = stated_acts(st, lex, doc_kind, year, head)
    # "1. Stresses … 2. Encourages … 3. Decides …": a resolution's numbered paragraphs open with their verb,
    # and only those whose verb is an act decide; a draft's own decisions name who acts ("The Meeting decides").
    # Only a draft's paragraphs are listed by kind, so only a draft asks (both tests are pure: asked in any order)
    operative = (doc_kind == "draft_decisions" and _names_a_resolution(st, head, lex)
                 and _operative_acts(acts, lex))
    listed = proposed_decisions(st, doc_kind, head, by_kind=not operative)
    found = listed + adoption_acts(st, doc_kind)
    out = found + disjoint(found, acts)[len(found):]
    return sorted(out, key=lambda d: d.span.start)


def _names_a_resolution(st: Structure, head: int, lex: Lexicon) -> bool:
    """The cover calls the document a resolution ("Draft resolution", 决议草案), not a list of draft decisions."""
    norm = st.norm
    end = norm.paragraphs[min(max(head, 1), len(norm.paragraphs)) - 1][1] if norm.paragraphs else 0
    cover = norm.text[:min(end, 2000)].lower()
    return any(w in cover for w in lex.decisions.get("resolution_words", ()))


def _operative_acts(acts: list[Decision], lex: Lexicon) -> bool:
    """Some act opens with its own verb, as a resolution's operative paragraph does ("Decides to …", 决定…)."""
    w = act_words(lex)
    verbs = tuple(v.lower() for v in w.present | w.operative)
    return bool(verbs) and any(a.text.lower().startswith(verbs) for a in acts)
