"""Topics: the lettered items of a list that names topics, or the lettered sub-items of an agenda item.

Lists are found in running text, not only at line starts (structure.label_runs), so a web excerpt on one
line or a cover that lost its line breaks keeps its lists. A lettered list is a topic list when
- the words that introduce it name topics or items and announce a list ("the following topics:", 专题包括:),
- or it hangs under an agenda item: a numbered item of a list of short items ("2. Organizational matters:
  (a) …"; not in draft decisions, records or reports, where short paragraphs state acts) or an "Item 16." heading;
and a list of roman numerals under a topic holds topics too ("(a) … : (i) … (ii) …").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from tracker.domain import SourceSpan, Topic
from tracker.extract.lexicon import alternation
from tracker.extract.structure import Label, Structure, is_item_list, item_heading
from tracker.lang import available, lexicon


@cache
def _list_words() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Every pack's topic cues (专题包括:, the following topics:, thematic discussions on:), what announces a
    list (a colon at the end, "following", 包括) and a list item's closing punctuation and conjunction ("…;",
    "…; and", "…，以及"; in a spaced script also "… and"). Texts mix languages: all packs are read."""
    packs = [lexicon(code) for code in available()]
    cues = [w for lex in packs for w in lex.topic_cues]
    intros = [w for lex in packs for w in lex.list_intros]
    conjunctions = alternation([w for lex in packs for w in lex.conjunctions]) or "(?!)"
    spaced = alternation([w for lex in packs if lex.spaced for w in lex.conjunctions]) or "(?!)"
    return (re.compile(alternation(cues) or "(?!)", re.I),
            re.compile("|".join([r"[:：]\s*$", *map(re.escape, intros)])),
            re.compile(rf"(?:[;；,，。.:：]\s*(?:{conjunctions})?|\s+(?:{spaced}))\s*$"))


# where an inline item's title stops short of the next label: "…Article X; (b)", "…implementation. 9. The"
TITLE_STOP = re.compile(r"[;；。]|\.\s")
# documents whose short numbered paragraphs state acts or findings ("1. The Meeting decides: (a) to hold …"):
# there, lettered items under them are a decision's parts, not an agenda's sub-items
DECIDING_KINDS = frozenset({"draft_decisions", "summary_record", "report"})
LABEL_TRAIL = frozenset(" .．")  # what may stand between a label and its item's text
LEAD_IN = 400  # how far before a list its introduction is looked for
MAX_TITLE = 300


def find_topics(st: Structure, kind: str = "other") -> list[Topic]:
    norm = st.norm
    text = norm.text
    if "(" not in text:
        return []  # topics are lettered or roman items, "(a)" "(iv)": a text with no "(" has none (the lists are not read)
    runs = st.lists()
    cue, intro, _ = _list_words()
    # every label of a real list (two or more in sequence) bounds the item before it
    bounds = sorted(lb.start for r in runs if len(r) >= 2 or r[0].style in ("letter", "roman") for lb in r)
    # the items of a list of short numbered items (an agenda's), whatever the document's kind
    numbered = {lb.start for r in runs if is_item_list(r, norm.lex.spaced) for lb in r}
    topic_labels: set[int] = set()
    out: list[tuple[int, Topic]] = []
    for run in runs:
        if run[0].style not in ("letter", "roman"):
            continue
        first = run[0]
        para_start = _lead_in_start(st, first)
        near = max(para_start, first.start - LEAD_IN)  # bounded, so a one-line text is not rescanned per list
        lead_from = max(near, _previous(bounds, first.start))
        parent = _previous_label(bounds, first.start)
        introduced = (bool(cue.search(text, lead_from, first.start))
                      and bool(intro.search(text, lead_from, first.start))
                      or (parent in numbered and kind not in DECIDING_KINDS)
                      or bool(item_heading(norm.lex).search(text, near, first.start))
                      or (run[0].style == "roman" and parent in topic_labels))
        if not introduced:
            continue
        for lb in run:
            title, e = _title(st, lb, bounds)
            if title:
                topic_labels.add(lb.start)
                b = lb.start
                out.append((lb.start, Topic(lb.label, title, SourceSpan(*norm.original_span(b, e),
                                                                         norm.paragraph_of(b)))))
    out.sort(key=lambda t: t[0])
    return [t for _, t in out]


def _lead_in_start(st: Structure, first: Label) -> int:
    """Where a list's introduction may begin: its paragraph, or the one before when the list starts a line."""
    norm = st.norm
    if not norm.paragraphs:
        return 0
    i = norm.paragraph_of(first.start)
    b = norm.paragraphs[i][0]
    if i and not norm.text[b:first.start].strip():
        b = norm.paragraphs[i - 1][0]
    return b


def _previous(bounds: list[int], offset: int) -> int:
    """The offset of the last list label before `offset` (0 when none): an introduction starts after it."""
    i = bisect_left(bounds, offset)
    return bounds[i - 1] if i else 0


def _previous_label(bounds: list[int], offset: int) -> int | None:
    i = bisect_left(bounds, offset)
    return bounds[i - 1] if i else None


def _title(st: Structure, lb: Label, bounds: list[int]) -> tuple[str, int]:
    """The item's text (up to the next label, the end of its paragraph or its closing ";" or "."), as written,
    and where the item ends."""
    norm, text = st.norm, st.norm.text
    para_end = norm.paragraphs[norm.paragraph_of(lb.start)][1] if norm.paragraphs else len(text)
    i = bisect_right(bounds, lb.start)
    end = min(para_end, bounds[i] if i < len(bounds) else len(text), lb.end + MAX_TITLE)
    begin = lb.end
    while begin < end and text[begin] in LABEL_TRAIL:  # "(a). Adoption of the agenda"
        begin += 1
    stop = TITLE_STOP.search(text, begin, end)
    if stop:
        end = stop.start() + 1
    title = _list_words()[2].sub("", norm.display(begin, end)).strip()
    return title, end
